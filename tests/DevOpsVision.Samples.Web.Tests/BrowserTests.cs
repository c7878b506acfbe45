using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace DevOpsVision.Samples.Web.Tests;

/// <summary>A reader's visit to the web sample in headless Chromium: the home page, a post, a search with a typo, the quotes.</summary>
public sealed class BrowserTests
{
    [BrowserFact]
    public async Task Reader_OpensAPost_FindsAPostDespiteATypo_AndReadsTheEffectiveDevOpsQuotes()
    {
        await using SampleApp app = await SampleApp.StartAsync();
        using ChromeDriver browser = StartBrowser();
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(20));
        try
        {
            // Home: newest post first, with the date and categories the original blog shows.
            browser.Navigate().GoToUrl(app.Address);
            Assert.Equal("DevOps Vision Blog", browser.Title);
            IReadOnlyList<IWebElement> summaries = browser.FindElements(By.CssSelector("article.summary"));
            Assert.Equal(5, summaries.Count);
            Assert.Equal("AWS DevOps Engineer Pro Exam – Experiences", summaries[0].FindElement(By.CssSelector("h2 a")).Text);
            Assert.StartsWith("Posted on February 6, 2021 in Cloud, DevOps", summaries[0].FindElement(By.CssSelector(".meta")).Text, StringComparison.Ordinal);
            Assert.Equal(3, browser.FindElements(By.CssSelector("link[rel=alternate]")).Count);
            Screenshot(browser, "home.png");

            // A post: contents, reading time, previous and next posts.
            browser.FindElement(By.LinkText("Effective DevOps")).Click();
            wait.Until(d => d.Url.EndsWith("/posts/effective-devops/", StringComparison.Ordinal));
            Assert.Equal("Effective DevOps", browser.FindElement(By.CssSelector("article.post h1")).Text);
            Assert.Contains("My top quotes from Effective DevOps", browser.FindElement(By.CssSelector("nav.toc")).Text, StringComparison.Ordinal);
            Assert.Contains("min read", browser.FindElement(By.CssSelector("article.post .meta")).Text, StringComparison.Ordinal);
            Assert.Equal("Autonomous teams Supporting Microservices 24/7", browser.FindElement(By.CssSelector(".neighbors .older")).Text.Split('\n')[^1]);
            Screenshot(browser, "post.png");

            // Search as you type, with a typo: the script asks the JSON API and shows the right post highlighted.
            browser.FindElement(By.CssSelector(".site-nav")).FindElement(By.LinkText("Search")).Click();
            IWebElement box = wait.Until(d => d.FindElement(By.Id("q")));
            box.SendKeys("autonomus");
            IWebElement live = wait.Until(d => d.FindElements(By.CssSelector("#search-results .hit h2 a")).FirstOrDefault());
            Assert.Equal("Autonomous teams Supporting Microservices 24/7", live.Text);
            Assert.Equal("Autonomous", live.FindElement(By.TagName("mark")).Text);

            // Submitting renders the same answer on the server, then the hit leads to the post.
            box.SendKeys(Keys.Enter);
            wait.Until(d => d.Url.Contains("q=autonomus", StringComparison.Ordinal) && d.FindElements(By.CssSelector(".summary-line")).Count > 0);
            IReadOnlyList<IWebElement> hits = browser.FindElements(By.CssSelector(".hits .hit"));
            Assert.Single(hits);
            Assert.Contains("<mark>", hits[0].FindElement(By.CssSelector(".snippet")).GetAttribute("innerHTML"), StringComparison.Ordinal);
            hits[0].FindElement(By.CssSelector("h2 a")).Click();
            wait.Until(d => d.Url.EndsWith("/posts/autonomous-teams-supporting-microservices-24-7/", StringComparison.Ordinal));
            Assert.Equal("Autonomous teams Supporting Microservices 24/7", browser.FindElement(By.CssSelector("article.post h1")).Text);

            // Quotes, grouped by work: the Effective DevOps book's, each linking back to its post.
            browser.FindElement(By.LinkText("Quotes")).Click();
            IWebElement work = wait.Until(d => d.FindElements(By.CssSelector("section.work")).FirstOrDefault(s => s.FindElement(By.TagName("h2")).Text == "Effective DevOps"));
            IReadOnlyList<IWebElement> quotes = work.FindElements(By.CssSelector("ul.quotes > li"));
            Assert.True(quotes.Count >= 10, $"{quotes.Count} quotes from Effective DevOps");
            Assert.Contains(quotes, q => q.Text.Contains("The end goal is to create and maintain a successful organization that solves a problem for your customers.", StringComparison.Ordinal));
            IWebElement source = quotes[0].FindElement(By.CssSelector("a.source"));
            Assert.Equal("from “Effective DevOps”", source.Text);
            source.Click();
            wait.Until(d => d.Url.EndsWith("/posts/effective-devops/", StringComparison.Ordinal));
        }
        catch
        {
            Screenshot(browser, "failure.png");
            throw;
        }
    }

    private static ChromeDriver StartBrowser()
    {
        // The system's browser and driver, named explicitly, so Selenium Manager never downloads anything.
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(BrowserFactAttribute.ChromeDriver)!, Path.GetFileName(BrowserFactAttribute.ChromeDriver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = BrowserFactAttribute.Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1200,1000", "--force-prefers-reduced-motion", "--lang=en-US");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Saves a screenshot next to the test results; with UPDATE_SCREENSHOTS=1 also into the sample's
    /// screenshots folder, which the README shows.
    /// </summary>
    private static void Screenshot(ChromeDriver browser, string name)
    {
        Screenshot shot = browser.GetScreenshot();
        shot.SaveAsFile(Path.Combine(AppContext.BaseDirectory, name));
        if (Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1")
        {
            string folder = SampleApp.Metadata("ScreenshotFolder");
            Directory.CreateDirectory(folder);
            shot.SaveAsFile(Path.Combine(folder, name));
        }
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using DevOpsVision.Blogging.Posts;
using Microsoft.Extensions.DependencyInjection;

namespace DevOpsVision.Blogging.Tests.Content;

/// <summary>The sample blog in samples/content holds every post of the DevOps Vision Blog, as published.</summary>
public partial class SampleBlogTests
{
    private sealed record SeedPost(string Title, string[] Categories, DateTime PostedAt, string FirstParagraph);

    [GeneratedRegex(@"^(?<categories>.+?) Posted on \w{3}, (?<date>\w+ \d{2}, \d{4} \d{2}:\d{2}(AM|PM))$")]
    private static partial Regex PostedOnLine();

    /// <summary>Reads the published blog's text: a title line, then "Categories Posted on ...", then the body.</summary>
    private static List<SeedPost> ReadSeed()
    {
        string[] lines = File.ReadAllLines(TestPaths.TestData("devops-vision-blog.txt"));
        var posts = new List<SeedPost>();
        for (int i = 1; i < lines.Length; i++)
        {
            Match match = PostedOnLine().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            string title = lines.Take(i).Last(l => l.Length > 0);
            string firstParagraph = lines.Skip(i + 1).First(l => l.Length > 0);
            DateTime postedAt = DateTime.ParseExact(match.Groups["date"].Value, "MMMM dd, yyyy hh:mmtt", CultureInfo.InvariantCulture);
            string[] categories = match.Groups["categories"].Value.Split(", ");
            posts.Add(new SeedPost(title, categories, postedAt, firstParagraph));
        }

        return posts;
    }

    private static async Task<BlogSnapshot> LoadSampleBlog()
    {
        var services = new ServiceCollection();
        services.AddBlogging(o =>
        {
            o.Title = "DevOps Vision Blog";
            o.TimeZone = "Europe/Stockholm";
        }).AddFileSystemSource(TestPaths.SampleContent);
        return await services.BuildServiceProvider().GetRequiredService<IBlog>().GetSnapshotAsync();
    }

    [Fact]
    public async Task SampleBlog_HasEveryPostOfTheSeedWithTitleSlugDateAndCategories()
    {
        List<SeedPost> seed = ReadSeed();
        BlogSnapshot blog = await LoadSampleBlog();

        Assert.Equal(5, seed.Count);
        Assert.Empty(blog.Diagnostics);
        Assert.Equal(seed.Count, blog.Posts.Count);
        TimeZoneInfo stockholm = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
        for (int i = 0; i < seed.Count; i++)
        {
            SeedPost expected = seed[i];
            Post actual = blog.Posts[i];
            Assert.Equal(expected.Title, actual.Title);
            Assert.Equal(expected.Categories, actual.Categories);
            Assert.Equal(new DateTimeOffset(expected.PostedAt, stockholm.GetUtcOffset(expected.PostedAt)), actual.Date);
            Assert.Equal(expected.FirstParagraph, actual.ExcerptText);
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", actual.Slug);
        }
    }

    [Fact]
    public async Task SampleBlog_SlugsAndDatesAreTheOnesPublished()
    {
        BlogSnapshot blog = await LoadSampleBlog();

        Assert.Equal(
            [
                "aws-devops-engineer-pro-exam-experiences",
                "effective-devops",
                "autonomous-teams-supporting-microservices-24-7",
                "2016-state-of-devops-report",
                "my-very-first-blog-post",
            ],
            blog.Posts.Select(p => p.Slug));
        Post first = blog.Posts[0];
        Assert.Equal(new DateTimeOffset(2021, 2, 6, 6, 1, 0, TimeSpan.FromHours(1)), first.Date);
        Post summer = blog.Posts.Single(p => p.Slug == "2016-state-of-devops-report");
        Assert.Equal(new DateTimeOffset(2016, 6, 27, 22, 36, 0, TimeSpan.FromHours(2)), summer.Date);
    }

    [Fact]
    public async Task SampleBlog_TextIsVerbatimWithTyposAndHeadings()
    {
        BlogSnapshot blog = await LoadSampleBlog();
        Post aws = blog.Posts[0];

        Assert.Contains("SDLC Automaiton", aws.PlainText, StringComparison.Ordinal);
        Assert.Contains(aws.TableOfContents, h => h.Text == "Disadvantage #4 – Code collaboration capabilties" && h.Level == 2);
        Assert.Contains("…but there the advantages ends :-(.", aws.PlainText, StringComparison.Ordinal);
        Post quotes = blog.Posts.Single(p => p.Slug == "effective-devops");
        Assert.DoesNotContain("<blockquote>", quotes.Html, StringComparison.Ordinal);
        Assert.Equal(["My top quotes from Effective DevOps", "Misconceptions and Anti-patterns"], quotes.TableOfContents.Select(h => h.Text));
    }
}

using DevOpsVision.Blogging.Feeds;

namespace DevOpsVision.Blogging.Tests.Feeds;

public class HtmlUrlsTests
{
    private static readonly Uri Page = new("https://blog.example.org/posts/x/");

    [Theory]
    [InlineData("<a href=\"../y/\">y</a>", "<a href=\"https://blog.example.org/posts/y/\">y</a>")]
    [InlineData("<img src='pic.png' alt=\"a > b\">", "<img src='https://blog.example.org/posts/x/pic.png' alt=\"a > b\">")]
    [InlineData("<img srcset=\"a.png 1x, /b.png 2x\">", "<img srcset=\"https://blog.example.org/posts/x/a.png 1x, https://blog.example.org/b.png 2x\">")]
    [InlineData("<video poster=/p.jpg></video>", "<video poster=https://blog.example.org/p.jpg></video>")]
    [InlineData("<a href=\"https://other.example/\">o</a> <a href=\"mailto:a@b.c\">m</a>", "<a href=\"https://other.example/\">o</a> <a href=\"mailto:a@b.c\">m</a>")]
    [InlineData("<a href=\"?q=a&amp;b=c\">q</a>", "<a href=\"https://blog.example.org/posts/x/?q=a&amp;b=c\">q</a>")]
    [InlineData("<p>text with href=\"not-a-tag\" outside</p>", "<p>text with href=\"not-a-tag\" outside</p>")]
    [InlineData("<a href=\"#top\">t</a>", "<a href=\"https://blog.example.org/posts/x/#top\">t</a>")]
    [InlineData("<img src=\"\\\\evil.example\\s\\b.png\">", "<img src=\"https://evil.example/s/b.png\">")]
    [InlineData("<img srcset=\"\\\\evil.example\\b.png 2x\">", "<img srcset=\"https://evil.example/b.png 2x\">")]
    [InlineData("<a href=\"a\\b.html\">b</a>", "<a href=\"https://blog.example.org/posts/x/a/b.html\">b</a>")]
    public void MakeAbsolute_RewritesUrlAttributes(string html, string expected) => Assert.Equal(expected, HtmlUrls.MakeAbsolute(html, Page));

    [Fact]
    public void MakeAbsolute_WithoutRelativeUrls_ReturnsTheSameString()
    {
        const string html = "<p>Plain <a href=\"https://x.org/\">link</a></p>";

        Assert.Same(html, HtmlUrls.MakeAbsolute(html, Page));
    }
}

public class FeedDateTests
{
    [Theory]
    [InlineData("2021-02-06T06:01:00+01:00")]
    [InlineData("0999-12-31T23:59:59-09:30")]
    [InlineData("2016-06-27T22:36:05+00:00")]
    [InlineData("2024-12-05T00:00:00-05:00")]
    [InlineData("2021-07-01T12:30:45+14:00")]
    public void Rfc3339_MatchesTheStandardFormat(string text)
    {
        DateTimeOffset date = DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture), FeedWriter.Rfc3339(date));
        Assert.Equal(text, FeedWriter.Rfc3339(date));
    }
}

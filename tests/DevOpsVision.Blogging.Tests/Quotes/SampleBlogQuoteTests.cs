using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Quotes;

namespace DevOpsVision.Blogging.Tests.Quotes;

/// <summary>The DevOps Vision Blog: two posts of quotations from a book and a report, three posts with scare quotes only.</summary>
public class SampleBlogQuoteTests
{
    private static readonly Lazy<BlogSnapshot> Snapshot = new(() =>
    {
        var options = new BlogOptions { TimeZone = "Europe/Stockholm" };
        var blog = new Blog(options, new MarkdownPostParser(options), [new FileSystemPostSource(TestPaths.SampleContent)], TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        return blog.GetSnapshotAsync().AsTask().GetAwaiter().GetResult();
    });

    private static Post PostNamed(string slug) => Assert.Single(Snapshot.Value.Posts, p => p.Slug == slug);

    [Fact]
    public void EffectiveDevOpsGivesOneQuotePerListedQuotation()
    {
        IReadOnlyList<Quote> quotes = PostNamed("effective-devops").Quotes;
        Assert.Equal(12, quotes.Count);
        Assert.Equal("The end goal is to create and maintain a successful organization that solves a problem for your customers.", quotes[0].Text);
        Assert.Equal("There is no “finally” anymore. There is only an endless cycle of adaptation, change, and learning.", quotes[^1].Text);
        Assert.All(quotes, quote =>
        {
            Assert.Equal(QuoteKind.ListedUnderHeading, quote.Kind);
            Assert.Equal("Effective DevOps", quote.Work);
            Assert.Equal(["Jennifer Davis", "Kathrine Daniels"], quote.People);
            Assert.Equal(AttributionRule.SectionHeading, quote.AttributionRule);
        });

        // The misconceptions after the next heading are the author's list, and their quoted words are scare quotes.
        Assert.DoesNotContain(quotes, q => q.Text.StartsWith("You can not buy", StringComparison.Ordinal));
    }

    [Fact]
    public void StateOfDevOpsGivesTheOpeningQuoteAndTheListedOnes()
    {
        IReadOnlyList<Quote> quotes = PostNamed("2016-state-of-devops-report").Quotes;
        Assert.Equal(9, quotes.Count);
        Quote opening = quotes[0];
        Assert.Equal(QuoteKind.Epigraph, opening.Kind);
        Assert.StartsWith("We hope the findings, analysis and guidance in this report", opening.Text, StringComparison.Ordinal);
        Assert.Equal(AttributionRule.BackReference, opening.AttributionRule);
        Assert.All(quotes.Skip(1), quote => Assert.Equal(QuoteKind.ListedUnderHeading, quote.Kind));
        Assert.All(quotes, quote =>
        {
            Assert.Equal("2016 State of DevOps Report", quote.Work);
            Assert.Equal("Puppet", quote.Organization);
        });

        // Typos are the author's and stay; the stray mark after "enable it" goes.
        Assert.Contains(quotes, q => q.Text == "Always try to minimize the amount to test data you require in order to rum your automated tests, and avoid large database dumps wherever possible.");
        Assert.Contains(quotes, q => q.Text.EndsWith("invest in the technical and management capabilities that enable it.", StringComparison.Ordinal));

        // The closing "– Yes, I made the survey…" is the author speaking, not a quote or an attribution.
        Assert.DoesNotContain(quotes, q => q.Text.Contains("I made the survey", StringComparison.Ordinal));
        Assert.Equal("DevOps is no longer a mere fad or buzzword, but an understood set of practices and cultural patterns.", quotes[^1].Text);
    }

    [Theory]
    [InlineData("my-very-first-blog-post")]
    [InlineData("autonomous-teams-supporting-microservices-24-7")]
    [InlineData("aws-devops-engineer-pro-exam-experiences")]
    public void PostsWithScareQuotesOnlyHaveNoQuotes(string slug) =>
        Assert.Empty(PostNamed(slug).Quotes);
}

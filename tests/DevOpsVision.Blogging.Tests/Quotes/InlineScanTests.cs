using DevOpsVision.Blogging.Quotes;
using Markdig;
using Markdig.Syntax;

namespace DevOpsVision.Blogging.Tests.Quotes;

public class InlineScanTests
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>
    /// A paragraph whose only marks are apostrophes inside words is passed over without building its text; any other
    /// mark, or an apostrophe at a word's edge or between literals, still counts.
    /// </summary>
    [Theory]
    [InlineData("We don't know, it’s fine, the team’s work.", false)]
    [InlineData("Rock 'n' roll.", true)]
    [InlineData("She said 'no' twice.", true)]
    [InlineData("She said ‘no’ twice.", true)]
    [InlineData("The teams’ work.", true)]
    [InlineData("In the ’90s.", true)]
    [InlineData("He said \"no\".", true)]
    [InlineData("Ends with it’", true)]
    [InlineData("’tis the season", true)]
    [InlineData("*don*'t split across emphasis", true)]
    [InlineData("`'quoted in code'` and don't", false)]
    [InlineData("A 5'9\" person.", true)]
    [InlineData("No marks at all.", false)]
    public void ContainsMark_CountsEveryMarkButApostrophesInsideWords(string markdown, bool expected)
    {
        ParagraphBlock paragraph = Assert.IsType<ParagraphBlock>(Markdown.Parse(markdown, Pipeline)[0]);

        Assert.Equal(expected, InlineScan.ContainsMark(paragraph.Inline!, QuoteMarks.AllMarks));
    }

    [Fact]
    public void Extract_PostWithOnlyApostrophes_HasNoQuotes_AndSingleQuotesStillFound()
    {
        var parser = new DevOpsVision.Blogging.Posts.MarkdownPostParser(new BlogOptions());
        var none = parser.Parse(DevOpsVision.Blogging.Posts.PostFile.FromText("a.md", "---\ntitle: T\ndate: 2024-01-01\n---\nWe don't know. It’s the team’s call.\n\nThey'll see.\n")).Post!;
        var some = parser.Parse(DevOpsVision.Blogging.Posts.PostFile.FromText("b.md", "---\ntitle: T\ndate: 2024-01-01\n---\nWe don't know.\n\nAs Ada wrote, ‘the engine might compose elaborate pieces of music of any degree of complexity’.\n")).Post!;

        Assert.Empty(none.Quotes);
        Assert.Contains(some.Quotes, q => q.Text.Contains("elaborate pieces of music", StringComparison.Ordinal));
    }
}

using DevOpsVision.Blogging.Quotes;
using static DevOpsVision.Blogging.Tests.Quotes.QuoteTestHelpers;

namespace DevOpsVision.Blogging.Tests.Quotes;

/// <summary>The forgiving HTML reader behind raw-HTML quotations: malformed input reads sensibly and never throws.</summary>
public class HtmlNodeTests
{
    [Fact]
    public void ReadsElementsAttributesAndDecodedText()
    {
        HtmlNode root = HtmlNode.Parse("<blockquote class=\"a quoteback\" data-author='Jane Roe' cite=x>Fish &amp; chips<br>again</blockquote>");
        HtmlNode quote = Assert.Single(root.Nodes);
        Assert.Equal("blockquote", quote.Name);
        Assert.True(quote.HasClass("quoteback"));
        Assert.Equal("Jane Roe", quote.GetAttribute("data-author"));
        Assert.Equal("x", quote.GetAttribute("cite"));
        Assert.Equal("Fish & chips again", quote.TextContent);
    }

    [Fact]
    public void NextBlockClosesAnOpenParagraphAndEndTagsCloseWhatTheyMatch()
    {
        HtmlNode root = HtmlNode.Parse("<blockquote><p>One<p>Two</blockquote><p>After");
        HtmlNode quote = root.Nodes[0];
        Assert.Equal(2, quote.Nodes.Count);
        Assert.Equal("After", root.Nodes[1].TextContent);
    }

    [Theory]
    [InlineData("<")]
    [InlineData("<<<>>>")]
    [InlineData("<blockquote")]
    [InlineData("<blockquote cite=\"unclosed>text")]
    [InlineData("</p></blockquote></div>")]
    [InlineData("<!-- unclosed comment")]
    [InlineData("<script>var q = '<blockquote>not a quote</blockquote>'</script>")]
    public void MalformedHtmlNeverThrows(string html)
    {
        HtmlNode root = HtmlNode.Parse(html);
        Assert.DoesNotContain("not a quote", root.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepNestingIsCapped()
    {
        string html = string.Concat(Enumerable.Repeat("<div>", 100_000)) + "deep" + string.Concat(Enumerable.Repeat("</div>", 100_000));
        HtmlNode root = HtmlNode.Parse(html);
        Assert.Contains("deep", root.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void BlockquoteInsideScriptOrCodeIsNotAQuote() =>
        Assert.Empty(QuotesOf("<pre><code><blockquote>Example markup that is only shown here.</blockquote></code></pre>"));
}

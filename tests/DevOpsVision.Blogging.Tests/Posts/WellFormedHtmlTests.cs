using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Posts.Rendering;
using Markdig;
using Markdig.Syntax;

namespace DevOpsVision.Blogging.Tests.Posts;

/// <summary>
/// Raw HTML that skips the sanitizer's full parse must come out exactly as the sanitizer would give it back; everything
/// else must still go to the sanitizer.
/// </summary>
public class WellFormedHtmlTests
{
    private static readonly Ganss.Xss.HtmlSanitizer Sanitizer = PostRenderer.CreateSanitizer();

    public static TheoryData<string> Fragments() =>
    [
        "<div class=\"note\">\nSome text.\n</div>",
        "<p>One <em>two</em> <a href=\"https://example.org/\">three</a><br>four</p>",
        "<figure><img src=\"a.png\" alt=\"A\"><figcaption>Caption</figcaption></figure>",
        "<img src=\"a.png\" alt=\"A\" />",
        "<p>Line<br/>break<br />again</p>",
        "<ul>\n<li>one</li>\n<li><div>two</div></li>\n</ul>",
        "<details><summary>More</summary>Hidden</details>",
        "<h2 id=\"x\">Title <small>sub</small></h2>",
        "<section><header>H</header><article><p>a</p></article><footer>F</footer></section>",
        "  <div>\n  indented\n</div>\n",
        "<p><div>block in a paragraph</div></p>",
        "<p>a<hr>b</p>",
        "<a href=\"/x\"><a href=\"/y\">nested links</a></a>",
        "<h2><h3>nested headings</h3></h2>",
        "<ul><li>a<li>b</li></li></ul>",
        "<ul><li>a<div><li>b</li></div></li></ul>",
        "<ul><li>a<ul><li>b</li></ul></li></ul>",
        "<div>unclosed",
        "</div>",
        "<div></span></div>",
        "<DIV>upper case</DIV>",
        "<div >space</div >",
        "<div>a &amp; b</div>",
        "<div>a > b</div>",
        "<div>a < b</div>",
        "<div>no\u00A0break</div>",
        "<div>\r\nCRLF\r\n</div>",
        "<!-- comment --><div>x</div>",
        "<!-- prettier-ignore-start -->",
        "<!-- TOC depthFrom:2\n  - [a](#a)\n-->\n",
        "  <!-- more -->  ",
        "<!-- unclosed",
        "<!--> abrupt",
        "<!---> abrupt",
        "<!-- a --!> b -->",
        "<!-- a -- b -->",
        "<div><!-- inside --></div>",
        "  </blockquote>\n</div>",
        "</details>\n",
        "</p>",
        "</br>",
        "</DIV>",
        "</div >",
        "</table>",
        "<pre>\ncode</pre>",
        "<table><tr><td>x</td></tr></table>",
        "<div onclick=\"alert(1)\">x</div>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"https://example.org/?a=1&b=2\">amp in an attribute</a>",
        "<a title='a > b' href=\"/x\">quoted bracket</a>",
        "<span style=\"color:red\">style</span>",
        "<script>alert(1)</script>",
        "<div><script>alert(1)</script></div>",
        "<iframe src=\"https://example.org\"></iframe>",
        "<p>a<p>b</p></p>",
        "<b><b><b><b>deep</b></b></b></b>",
        "<span><div>block in a span</div></span>",
        "<img src=\"a.png\">",
        "<br>",
        "<hr/>",
        "<div/>",
        "<blockquote><p>quoted</p></blockquote>",
        "<div\nclass=\"x\">newline in a tag</div>",
        "<div class=\"x\"\t>tab</div>",
        "<div data-x=\"1\">data</div>",
        "<div id=\"a\" class=\"b\">ids</div>",
        "<q>q</q><cite>c</cite><kbd>k</kbd><mark>m</mark><del>d</del><ins>i</ins><s>s</s><u>u</u><sub>1</sub><sup>2</sup><abbr title=\"t\">a</abbr><code>c</code><strong>s</strong><b>b</b><i>i</i>",
    ];

    [Theory]
    [MemberData(nameof(Fragments))]
    public void PassThrough_GivesWhatTheSanitizerGives_OrDeclines(string html) => AssertAgrees(html);

    [Theory]
    [InlineData("<div class=\"note\">\nSome text.\n</div>")]
    [InlineData("<p>Line<br/>break<br />again</p>")]
    [InlineData("<figure><img src=\"a.png\" alt=\"A\"><figcaption>Caption</figcaption></figure>")]
    [InlineData("<ul><li>a<ul><li>b</li></ul></li></ul>")]
    [InlineData("<!-- prettier-ignore-start -->")]
    [InlineData("  </blockquote>\n</div>")]
    public void PassThrough_HandlesCommonHtml_WithoutTheSanitizer(string html) => Assert.True(AssertAgrees(html), "declined");

    [Theory]
    [InlineData("<p><div>x</div></p>")]
    [InlineData("<a href=\"/x\"><a href=\"/y\">y</a></a>")]
    [InlineData("<ul><li>a<div><li>b</li></div></li></ul>")]
    [InlineData("<div onclick=\"alert(1)\">x</div>")]
    [InlineData("<div>a &amp; b</div>")]
    [InlineData("<script>alert(1)</script>")]
    public void PassThrough_Declines_WhatTheParserOrSanitizerWouldChange(string html) =>
        Assert.Null(new CachingSanitizer(Sanitizer).TryPassThrough(html));

    [Fact]
    public void PassThrough_HandlesHostileFragments()
    {
        // Deeper than the nesting it follows, brackets that never close a tag, a tag that never ends, and many small elements.
        string deep = string.Concat(Enumerable.Repeat("<div>", 10_000)) + string.Concat(Enumerable.Repeat("</div>", 10_000));
        string brackets = new('<', 200_000);
        string open = "<div class=\"" + new string('x', 200_000);
        string spans = string.Concat(Enumerable.Repeat("<span>a</span>", 50_000));
        var caching = new CachingSanitizer(Sanitizer);
        Assert.Null(caching.TryPassThrough(deep));
        Assert.Null(caching.TryPassThrough(brackets));
        Assert.Null(caching.TryPassThrough(open));
        Assert.Equal(spans, caching.TryPassThrough(spans));
    }

    [Fact]
    public void PassThrough_GivesWhatTheSanitizerGives_ForEveryHtmlBlockOfTheCorpora()
    {
        MarkdownPipeline pipeline = new MarkdownPostParser(new BlogOptions()).Pipeline;
        var caching = new CachingSanitizer(Sanitizer);
        int blocks = 0, passed = 0;
        foreach (string file in Directory.EnumerateFiles(TestPaths.Corpus(string.Empty), "*.md", SearchOption.AllDirectories))
        {
            MarkdownDocument document = Markdown.Parse(File.ReadAllText(file), pipeline);
            foreach (HtmlBlock block in document.Descendants<HtmlBlock>())
            {
                string html = block.Lines.ToString();
                blocks++;
                string? fast = caching.TryPassThrough(html);
                if (fast is not null)
                {
                    passed++;
                    Assert.True(Sanitizer.Sanitize(html) == fast, $"{file}, line {block.Line + 1}:\n{html}\nsanitizer:\n{Sanitizer.Sanitize(html)}\nfast path:\n{fast}");
                }
            }
        }

        // Most real HTML blocks are simple enough to skip the full parse.
        Assert.True(blocks > 500, $"{blocks} blocks");
        Assert.True(passed * 2 > blocks, $"only {passed} of {blocks} blocks skipped the sanitizer");
    }

    private static bool AssertAgrees(string html)
    {
        string? fast = new CachingSanitizer(Sanitizer).TryPassThrough(html);
        if (fast is null)
        {
            return false;
        }

        Assert.Equal(Sanitizer.Sanitize(html), fast);
        return true;
    }
}

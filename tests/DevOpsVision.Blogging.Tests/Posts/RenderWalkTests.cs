using System.Text;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Posts.Rendering;
using Markdig;
using Markdig.Extensions.Abbreviations;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.Yaml;
using Markdig.Helpers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DevOpsVision.Blogging.Tests.Posts;

/// <summary>
/// The one walk that writes a post's HTML also collects its plain text and headings, from inside the renderers Markdig
/// picks for each object. These tests hold it to Markdig's own HTML and to a reference walk that tests every object's
/// type before and after it is written.
/// </summary>
public class RenderWalkTests
{
    private const string EveryExtension = """
        # Title with *emphasis* and `code`

        A paragraph with **strong**, ~~struck~~, ==marked==, ^sup^, ~sub~, ++inserted++, a [link](https://example.com "t"),
        an ![image](pic.png), <https://auto.example.com>, www.example.org, a footnote[^1], "a citation", &copy; &amp; and a
        hard  
        break, and HTML:ok abbreviation.

        *[HTML]: Hyper Text Markup Language

        [^1]: The footnote's text, with a [link](https://example.net).

        | Column | Other |
        |--------|------:|
        | *cell* | `42`  |

        +---------+---------+
        | Grid    | Table   |
        +=========+=========+
        | a       | b       |
        +---------+---------+

        Term
        :   Its definition, with **words**.

        - [ ] a task
        - [x] a done task
          1. nested
          2. list

        > A quotation
        > over two lines.

        ::: note
        A custom container.
        :::

        ^^^
        ![Figure](fig.png)
        ^^^ The figure's caption.

        $$
        x^2 + y^2
        $$

        Inline math $a + b$ and a smiley.

        ```csharp
        var x = 1;
        ```

            indented code

        ## Second heading {#custom-id .shiny}

        <div class="note">Raw <em>HTML</em> block.</div>

        Text with <span>inline</span> HTML<br>and a break.

        ***
        """;

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string> { EveryExtension };
        string root = TestPaths.Corpus(string.Empty);
        int taken = 0;
        foreach (string file in Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            // Every fifth corpus post: tables, raw HTML, footnotes and shortcode text in real use.
            if (taken++ % 5 == 0)
            {
                data.Add(File.ReadAllText(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void TrustedWalk_WritesMarkdigsHtml_AndTheTextAndHeadingsOfAWalkThatTestsEveryObject(string markdown)
    {
        var options = new BlogOptions { TrustContent = true };
        MarkdownPipeline pipeline = MarkdownPostParser.BuildPipeline(options);
        MarkdownDocument document = Markdown.Parse(markdown, pipeline);

        RenderedBody body = new PostRenderer(pipeline, options).Render(document);
        (string html, string text, List<PostHeading> headings) = ReferenceWalk(document, pipeline);

        Assert.Equal(html, body.Html);
        Assert.Equal(text, body.PlainText);
        Assert.Equal(headings, body.Headings);
    }

    [Fact]
    public void EveryExtensionDocument_GivesTextFromEachKindOfObject()
    {
        var options = new BlogOptions { TrustContent = true };
        MarkdownPipeline pipeline = MarkdownPostParser.BuildPipeline(options);
        RenderedBody body = new PostRenderer(pipeline, options).Render(Markdown.Parse(EveryExtension, pipeline));

        foreach (string expected in (string[])["Title with emphasis and code", "struck", "https://auto.example.com", "The footnote's text",
            "Column", "42", "Grid", "Its definition", "a done task", "nested", "A quotation", "A custom container", "The figure's caption",
            "x^2 + y^2", "var x = 1;", "indented code", "Second heading", "Raw HTML block.", "Text with inline HTML and a break.", "Term\nIts definition", "Inline math a + b and"])
        {
            Assert.True(body.PlainText.Contains(expected, StringComparison.Ordinal), $"'{expected}' is not in:\n{body.PlainText}");
        }

        Assert.Equal(["Title with emphasis and code", "Second heading"], body.Headings.Select(h => h.Text));
        Assert.Equal("custom-id", body.Headings[1].Id);
        Assert.True(body.HasRawHtml);
    }

    [Fact]
    public void UntrustedWalk_SanitizesAParagraphsInlineHtmlWhole_AndKeepsTheRestOfThePost()
    {
        var options = new BlogOptions();
        MarkdownPipeline pipeline = MarkdownPostParser.BuildPipeline(options);
        RenderedBody body = new PostRenderer(pipeline, options).Render(Markdown.Parse(
            "First <span onclick=\"x()\">one</span>.\n\nSecond <b>two</b>.\n\nThird <span>three\n\nFourth.\n", pipeline));

        Assert.Equal("<p>First <span>one</span>.</p>\n<p>Second <b>two</b>.</p>\n<p>Third <span>three</span></p>\n<p>Fourth.</p>\n", body.Html);
        Assert.Equal("First one.\nSecond two.\nThird three\nFourth.", body.PlainText);
        Assert.Equal("<p>First <span>one</span>.</p>", body.ExcerptHtml);
    }

    [Fact]
    public void RendererOfAUsersExtension_ThatNamesNoObjectType_StillFeedsTheTextExcerptAndHeadings()
    {
        var options = new BlogOptions { TrustContent = true, ConfigureMarkdown = builder => builder.UseAdvancedExtensions().Use(new FirstRenderer(new PlainParagraphRenderer())) };
        MarkdownPipeline pipeline = MarkdownPostParser.BuildPipeline(options);
        RenderedBody body = new PostRenderer(pipeline, options).Render(Markdown.Parse("# Head\n\nFirst *one*.\n\nSecond.\n", pipeline));

        Assert.Equal("<h1 id=\"head\">Head</h1>\n<p class=\"plain\">First <em>one</em>.</p>\n<p class=\"plain\">Second.</p>\n", body.Html);
        Assert.Equal("Head\nFirst one.\nSecond.", body.PlainText);
        Assert.Equal("<p class=\"plain\">First <em>one</em>.</p>", body.ExcerptHtml);
        Assert.Equal("First one.", body.ExcerptText);
        Assert.Equal("Head", Assert.Single(body.Headings).Text);
    }

    [Fact]
    public void LeafWrittenInsideAnotherLeaf_LeavesTheOuterLeafSanitized()
    {
        var options = new BlogOptions { ConfigureMarkdown = builder => builder.UseAdvancedExtensions().Use(new FirstRenderer(new NoteRenderer())) };
        MarkdownPipeline pipeline = MarkdownPostParser.BuildPipeline(options);
        RenderedBody body = new PostRenderer(pipeline, options).Render(Markdown.Parse(
            "Before <img src=x onerror=alert(1)> NOTE after <img src=y onerror=alert(2)>.\n", pipeline));

        Assert.DoesNotContain("onerror", body.Html, StringComparison.Ordinal);
        Assert.Contains("<p>a note</p>", body.Html, StringComparison.Ordinal);
        Assert.Contains("Before", body.Html, StringComparison.Ordinal);
        Assert.Contains("after", body.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void UsersRendererThatWritesRawHtmlItself_HasItsLeafSanitized()
    {
        var options = new BlogOptions { ConfigureMarkdown = builder => builder.UseAdvancedExtensions().Use(new FirstRenderer(new RawParagraphRenderer())) };
        MarkdownPipeline pipeline = MarkdownPostParser.BuildPipeline(options);
        RenderedBody body = new PostRenderer(pipeline, options).Render(Markdown.Parse("Hello <img src=x onerror=alert(1)> world.\n", pipeline));

        Assert.Equal("<p class=\"raw\">Hello <img src=\"x\"> world.</p>\n", body.Html);
    }

    [Fact]
    public void DocumentNestedPastTheRenderersLimit_DoesNotBreakTheNextPostOnTheThread()
    {
        var parser = new MarkdownPostParser(new BlogOptions());
        string nested = string.Concat(Enumerable.Range(0, 70).Select(i => $"*a{i} ")) + "x" + string.Concat(Enumerable.Range(0, 70).Select(i => $" b{69 - i}*"));
        parser.Parse(PostFile.FromText("2021-01-01-nested.md", "---\ntitle: Nested\n---\n" + nested + "\n"));

        PostParseResult next = parser.Parse(PostFile.FromText("2021-01-02-next.md", "---\ntitle: Next\n---\nHello *world*.\n"));

        Assert.True(next.Succeeded, string.Join(Environment.NewLine, next.Diagnostics));
        Assert.Equal("<p>Hello <em>world</em>.</p>\n", next.Post!.Html);
    }

    /// <summary>
    /// The plainest form of the walk: Markdig's own renderer, with every object's type tested before and after it is
    /// written. Kept here as the reference the faster walk is held to.
    /// </summary>
    private static (string Html, string Text, List<PostHeading> Headings) ReferenceWalk(MarkdownDocument document, MarkdownPipeline pipeline)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        var text = new StringBuilder();
        var headings = new List<PostHeading>();
        int headingStart = 0;
        renderer.ObjectWriteBefore += (_, obj) =>
        {
            switch (obj)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    text.Append(code.ContentSpan);
                    break;
                case LineBreakInline lineBreak:
                    text.Append(lineBreak.IsHard ? '\n' : ' ');
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.AsSpan());
                    break;
                case HtmlInline inline when inline.Tag.StartsWith("<br", StringComparison.OrdinalIgnoreCase):
                    text.Append(' ');
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case AbbreviationInline abbreviation:
                    text.Append(abbreviation.Abbreviation.Label);
                    break;
                case MathInline math:
                    text.Append(math.Content.AsSpan());
                    break;
                case LeafBlock when text.Length > 0 && text[^1] != '\n':
                    text.Append('\n');
                    break;
            }

            switch (obj)
            {
                case HeadingBlock:
                    headingStart = text.Length;
                    break;
                case HtmlBlock html:
                    HtmlText.AppendText(html, text);
                    break;
                case YamlFrontMatterBlock:
                    break;
                case CodeBlock code:
                    foreach (StringLine line in code.Lines.Lines.AsSpan(0, code.Lines.Count))
                    {
                        text.Append(line.Slice.AsSpan()).Append('\n');
                    }

                    break;
            }
        };
        renderer.ObjectWriteAfter += (_, obj) =>
        {
            if (obj is not LeafBlock leaf)
            {
                return;
            }

            if (leaf is HeadingBlock heading)
            {
                headings.Add(new PostHeading(heading.Level, text.ToString(headingStart, text.Length - headingStart).Trim(), heading.TryGetAttributes()?.Id ?? string.Empty));
            }

            if (text.Length > 0 && text[^1] != '\n')
            {
                text.Append('\n');
            }
        };
        renderer.Render(document);
        return (writer.ToString(), text.ToString().Trim(), headings);
    }

    /// <summary>A renderer implementing the interface itself, so nothing tells the walk what it writes.</summary>
    private sealed class PlainParagraphRenderer : IMarkdownObjectRenderer
    {
        public bool Accept(RendererBase renderer, Type objectType) => objectType == typeof(ParagraphBlock);

        public void Write(RendererBase renderer, MarkdownObject objectToRender)
        {
            var html = (HtmlRenderer)renderer;
            html.Write("<p class=\"plain\">").WriteLeafInline((ParagraphBlock)objectToRender).WriteLine("</p>");
        }
    }

    /// <summary>A literal renderer that writes a paragraph of its own where a literal says NOTE.</summary>
    private sealed class NoteRenderer : HtmlObjectRenderer<LiteralInline>
    {
        protected override void Write(HtmlRenderer renderer, LiteralInline obj)
        {
            string text = obj.Content.ToString();
            int note = text.IndexOf("NOTE", StringComparison.Ordinal);
            if (note < 0)
            {
                renderer.WriteEscape(text);
                return;
            }

            renderer.WriteEscape(text[..note]);
            var paragraph = new ParagraphBlock { Inline = new ContainerInline() };
            paragraph.Inline.AppendChild(new LiteralInline("a note"));
            renderer.Write(paragraph);
            renderer.WriteEscape(text[(note + 4)..]);
        }
    }

    /// <summary>A paragraph renderer that writes raw HTML itself instead of handing it to Markdig.</summary>
    private sealed class RawParagraphRenderer : HtmlObjectRenderer<ParagraphBlock>
    {
        protected override void Write(HtmlRenderer renderer, ParagraphBlock obj)
        {
            renderer.Write("<p class=\"raw\">");
            for (Inline? inline = obj.Inline?.FirstChild; inline is not null; inline = inline.NextSibling)
            {
                if (inline is HtmlInline html)
                {
                    renderer.Write(html.Tag);
                }
                else if (inline is LiteralInline literal)
                {
                    renderer.WriteEscape(literal.Content);
                }
            }

            renderer.WriteLine("</p>");
        }
    }

    /// <summary>A user's extension that puts its own renderer before Markdig's.</summary>
    private sealed class FirstRenderer(IMarkdownObjectRenderer renderer) : IMarkdownExtension
    {
        public void Setup(MarkdownPipelineBuilder pipeline)
        {
        }

        public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer target)
        {
            if (target is HtmlRenderer html)
            {
                html.ObjectRenderers.Insert(0, renderer);
            }
        }
    }
}

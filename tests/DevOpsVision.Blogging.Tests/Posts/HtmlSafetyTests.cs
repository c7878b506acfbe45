using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Tests.Posts;

/// <summary>Untrusted posts cannot inject script; trusted ones render exactly as written.</summary>
public class HtmlSafetyTests
{
    private static Post Untrusted(string body) => Parse.Post("---\ntitle: T\n---\n" + body + "\n");

    private static Post Trusted(string body) => Parse.Post("---\ntitle: T\n---\n" + body + "\n", configure: o => o.TrustContent = true);

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<div onclick=\"alert(1)\">x</div>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<object data=\"x.swf\"></object>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<svg><script>alert(1)</script></svg>")]
    [InlineData("<form action=\"https://evil.example\"><input name=p></form>")]
    public void Render_RawHtmlBlock_IsSanitizedByDefault(string html)
    {
        Post post = Untrusted(html);

        Assert.DoesNotContain("alert", post.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", post.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<object", post.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<form", post.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", post.Html, StringComparison.OrdinalIgnoreCase);
        Assert.True(post.HasRawHtml);
    }

    [Theory]
    [InlineData("Text <span onmouseover=\"alert(1)\">hover</span> more.")]
    [InlineData("Text <script>alert(1)</script> more.")]
    [InlineData("Text <a href=\"javascript:alert(1)\">x</a> more.")]
    public void Render_RawInlineHtml_IsSanitizedWithItsParagraph(string markdown)
    {
        Post post = Untrusted(markdown);

        Assert.DoesNotContain("alert", post.Html, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("<p>Text ", post.Html, StringComparison.Ordinal);
        Assert.Contains("more.", post.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("# Head {onclick=\"alert(1)\"}")]
    [InlineData("Para {onmouseover=alert(1)}")]
    [InlineData("{onclick=alert(1)}\nNext paragraph.")]
    [InlineData("{onclick=\"alert(1)\"}\n- a list item")]
    [InlineData("[x](https://example.org){onclick=alert(1)}")]
    [InlineData("*emphasis*{onfocus=alert(1) tabindex=1}")]
    [InlineData("![i](x.png){onerror=alert(1)}")]
    [InlineData("```{onclick=alert(1)}\ncode\n```")]
    [InlineData("::: {onclick=alert(1)}\nbox\n:::")]
    [InlineData("[x](https://example.org){href=javascript:alert(1)}")]
    [InlineData("Para {style=\"position:fixed;top:0\"}")]
    [InlineData("Para {formaction=javascript:alert(1)}")]
    public void Render_GenericAttributesTheSanitizerWouldRemove_AreDropped(string markdown)
    {
        Post post = Untrusted(markdown);

        Assert.DoesNotMatch(@"\s(on[a-z]+|style|formaction)=""", post.Html);
        Assert.DoesNotContain("alert(1)", post.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("position:fixed", post.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_GenericAttributes_KeepWhatIsSafeInAGroupWithSomethingUnsafe()
    {
        Post post = Untrusted("# Head {#keep .note title=\"T\" onclick=\"alert(1)\" style=\"color:red\"}");

        Assert.Equal("<h1 id=\"keep\" class=\"note\" title=\"T\">Head</h1>\n", post.Html);
    }

    [Theory]
    [InlineData("## {verb} {object}", "<h2 id=\"verb-object\">{verb} {object}</h2>")]
    [InlineData("Replace {BRANCH} with the branch.", "<p>Replace {BRANCH} with the branch.</p>")]
    [InlineData("The folder {project root}/db/data.", "<p>The folder {project root}/db/data.</p>")]
    public void Render_BracesAroundABareName_StayText(string markdown, string html)
    {
        Assert.Equal(html + "\n", Untrusted(markdown).Html);
    }

    [Fact]
    public void Render_GenericAttributesTheSanitizerKeeps_Apply()
    {
        Post post = Untrusted("# Safe {#my-id .note title=\"T\"}\n\n[l](https://example.org){target=_blank}");

        Assert.Contains("<h1 id=\"my-id\" class=\"note\" title=\"T\">Safe</h1>", post.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org\" target=\"_blank\">l</a>", post.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TrustedContent_KeepsEveryGenericAttribute()
    {
        Post post = Trusted("# Head {onclick=\"go()\" style=\"color:red\"}");

        Assert.Contains("<h1 id=\"head\" onclick=\"go()\" style=\"color:red\">Head</h1>", post.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*[x<img src=x onerror=alert(1)//]: t\n\nx<img src=x onerror=alert(1)//")]
    [InlineData("*[X<img src=x onerror=alert(1)//]: t\n\n# X<img src=x onerror=alert(1)//")]
    [InlineData("*[x<svg/onload=alert(1)//]: t\n\nTerm x<svg/onload=alert(1)//\n:   def")]
    [InlineData("*[Q<img src=x onerror=alert(1)//]: t\n\nQ<img src=x onerror=alert(1)// <span>ok</span>")]
    [InlineData("*[Q<a href=javascript:alert(1)]: t\n\nQ<a href=javascript:alert(1) z")]
    public void Render_AbbreviationLabel_IsEscaped(string markdown)
    {
        Post post = Untrusted(markdown);

        Assert.Contains("<abbr title=\"t\">", post.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", post.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", post.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a href=javascript", post.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;", post.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("![](https://www.youtube.com.evil.example/embed/x)")]
    [InlineData("![](https://www.youtube.comevil.example/embed)")]
    [InlineData("![](//www.youtube.com.evil.example/embed/x)")]
    public void Render_MediaLinkToALookalikeHost_MakesNoIframe(string markdown)
    {
        Assert.DoesNotContain("<iframe", Untrusted(markdown).Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("![](https://www.youtube.com/watch?v=dQw4w9WgXcQ)", "<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"")]
    [InlineData("![](https://youtu.be/dQw4w9WgXcQ)", "<iframe src=\"https://www.youtube.com/embed/dQw4w9WgXcQ\"")]
    [InlineData("![](https://vimeo.com/76979871)", "<iframe src=\"https://player.vimeo.com/video/76979871\"")]
    public void Render_MediaLinkToAVideoSite_StillMakesItsIframe(string markdown, string iframe)
    {
        Assert.Contains(iframe, Untrusted(markdown).Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Term <script>alert(1)</script>\n:   Definition", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("Term <img src=x onerror=alert(1)>\n:   Definition", "&lt;img src=x onerror=alert(1)&gt;")]
    public void Render_RawInlineHtmlWrittenWithoutItsParagraph_IsWrittenAsText(string markdown, string escaped)
    {
        Post post = Untrusted(markdown);

        Assert.Contains("<dt>Term " + escaped + "</dt>", post.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", post.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", post.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](java&#09;script:alert(1))")]
    [InlineData("[x](vbscript:msgbox)")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    public void Render_MarkdownLinkWithDangerousScheme_IsNeutralized(string markdown)
    {
        Post post = Untrusted(markdown);

        Assert.DoesNotMatch("(?i)(href|src)=\"[^\"]*(script|data):", post.Html);
        Assert.True(post.Html.Contains("href=\"#\"", StringComparison.Ordinal) || post.Html.Contains("src=\"\"", StringComparison.Ordinal), post.Html);
    }

    [Theory]
    [InlineData("[x](https://example.org/a?b=c#d)", "https://example.org/a?b=c#d")]
    [InlineData("[x](/relative/path/)", "/relative/path/")]
    [InlineData("[x](#section)", "#section")]
    [InlineData("[x](mailto:someone@example.org)", "mailto:someone@example.org")]
    [InlineData("<someone@example.org>", "mailto:someone@example.org")]
    [InlineData("[x](page.html?a=1:2)", "page.html?a=1:2")]
    public void Render_SafeLinks_AreKept(string markdown, string href)
    {
        Assert.Contains($"href=\"{href}\"", Untrusted(markdown).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SafeRawHtml_IsKept()
    {
        Post post = Untrusted("<figure><img src=\"/a.png\" alt=\"A\"><figcaption>Caption</figcaption></figure>");

        Assert.Contains("<figure><img src=\"/a.png\" alt=\"A\"><figcaption>Caption</figcaption></figure>", post.Html, StringComparison.Ordinal);
        Assert.Contains("Caption", post.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PostWithoutRawHtml_IsNotSanitized()
    {
        Post post = Untrusted("# Title\n\n*Emphasis* and [link](https://example.org).");

        Assert.False(post.HasRawHtml);
        Assert.Equal("<h1 id=\"title\">Title</h1>\n<p><em>Emphasis</em> and <a href=\"https://example.org\">link</a>.</p>\n", post.Html);
    }

    [Fact]
    public void Render_TrustedContent_KeepsScriptsAsWritten()
    {
        Post post = Trusted("<script>track()</script>\n\n[x](javascript:go())");

        Assert.Contains("<script>track()</script>", post.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"javascript:go()\"", post.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ScriptContent_NeverReachesPlainText()
    {
        Post post = Trusted("<script>var secret = 1;</script>\n\n<style>p { color: red }</style>\n\nVisible.");

        Assert.Equal("Visible.", post.PlainText);
    }

    [Fact]
    public void Render_MakeLinksAbsolute_RewritesRelativeLinksAndImages()
    {
        Post post = Parse.Post(
            "---\ntitle: T\n---\n[a](/about/) [b](other/) [c](https://x.org/) [d](#top) ![i](/img/a.png) <me@example.org>\n",
            configure: o => { o.BaseUrl = new Uri("https://blog.example/"); o.MakeLinksAbsolute = true; });

        Assert.Contains("href=\"https://blog.example/about/\"", post.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://blog.example/other/\"", post.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://x.org/\"", post.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"#top\"", post.Html, StringComparison.Ordinal);
        Assert.Contains("src=\"https://blog.example/img/a.png\"", post.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:me@example.org\"", post.Html, StringComparison.Ordinal);
        Assert.Equal(["https://blog.example/img/a.png"], post.Images);
        Assert.Contains("https://blog.example/about/", post.Links);
    }

    [Fact]
    public void Render_LinksStayRelative_WhenNotAsked()
    {
        Post post = Parse.Post("---\ntitle: T\n---\n[a](/about/)\n", configure: o => o.BaseUrl = new Uri("https://blog.example/"));

        Assert.Contains("href=\"/about/\"", post.Html, StringComparison.Ordinal);
    }
}

public class InlineHtmlTests
{
    private static Post Untrusted(string body) => Parse.Post("---\ntitle: T\n---\n" + body + "\n");

    [Theory]
    [InlineData("Line one<br>line two.", "<p>Line one<br>line two.</p>\n")]
    [InlineData("Line one<br/>line two.", "<p>Line one<br/>line two.</p>\n")]
    [InlineData("A <span class=\"x\">span</span> and <strong>bold</strong>.", "<p>A <span class=\"x\">span</span> and <strong>bold</strong>.</p>\n")]
    public void BalancedSafeInlineTags_AreKeptAsWritten(string markdown, string html) => Assert.Equal(html, Untrusted(markdown).Html);

    [Theory]
    [InlineData("Escape </div></div> the page.")]
    [InlineData("Unclosed <span>forever.")]
    [InlineData("Crossed <b><i>tags</b></i>.")]
    [InlineData("Comment <!-- hidden --> here.")]
    [InlineData("Style <span style=\"position:fixed;top:0\">overlay</span>.")]
    [InlineData("Link <a href=\"javascript:alert(1)\">x</a>.")]
    public void UnbalancedOrChangedInlineTags_AreSanitizedWithTheirParagraph(string markdown)
    {
        string html = Untrusted(markdown).Html;

        // The sanitizer re-serializes the paragraph: no stray closing tag survives, no open tag leaks out.
        Assert.DoesNotContain("</div>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
        Assert.Equal(html.Split("<span").Length, html.Split("</span>").Length);
        Assert.Equal(html.Split("<b>").Length, html.Split("</b>").Length);
    }
}

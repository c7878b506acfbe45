using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Posts.Shortcodes;

namespace DevOpsVision.Blogging.Tests.Posts;

public class ShortcodeTests
{
    private sealed class ShoutHandler : IShortcodeHandler
    {
        public string Name => "shout";

        public bool AcceptsContent => true;

        public int Calls { get; private set; }

        public string Render(Shortcode shortcode, ShortcodeContext context)
        {
            Calls++;
            return (shortcode.Content ?? shortcode.Get("text", 0) ?? string.Empty).ToUpperInvariant();
        }
    }

    private sealed class ThrowingHandler : IShortcodeHandler
    {
        public string Name => "boom";

        public bool AcceptsContent => false;

        public string Render(Shortcode shortcode, ShortcodeContext context) => throw new InvalidOperationException("kaboom");
    }

    [Fact]
    public void Expand_RegisteredHandler_RendersHugoAndLiquidForms()
    {
        var shout = new ShoutHandler();

        Post post = Parse.Post("---\ntitle: T\n---\nA {{< shout \"hi there\" >}} B {% shout text=\"yo\" %} C {{% shout %}}inner{{% /shout %}} D\n", shortcodes: [shout]);

        Assert.Equal("<p>A HI THERE B YO C INNER D</p>\n", post.Html);
        Assert.Equal(3, shout.Calls);
    }

    [Fact]
    public void Expand_PostsOneAfterAnother_KeepNothingOfTheLastPost()
    {
        // A thread's posts are expanded one after another: a long post's text must not show in the next, shorter one.
        var shout = new ShoutHandler();
        string longBody = "A {{< shout \"x\" >}} " + string.Concat(Enumerable.Repeat("word ", 5_000)) + "{{< shout \"end\" >}}";
        Post first = Parse.Post("---\ntitle: T\n---\n" + longBody + "\n", shortcodes: [shout]);
        Post second = Parse.Post("---\ntitle: T\n---\nB {{< shout \"y\" >}} C\n", shortcodes: [shout]);
        Post third = Parse.Post("---\ntitle: T\n---\n" + longBody + "\n", shortcodes: [shout]);

        Assert.Equal("<p>B Y C</p>\n", second.Html);
        Assert.Equal(first.Html, third.Html);
        Assert.StartsWith("<p>A X word word", first.Html, StringComparison.Ordinal);
        Assert.EndsWith("word END</p>\n", first.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ShortPostAfterLongOnes_ReadsOnlyItsOwnText()
    {
        // Files are decoded into reused buffers: what a longer post left there must not reach the next post, with
        // shortcodes (parsed from the expanded text) or without (parsed from the decoded text).
        var shout = new ShoutHandler();
        string words = string.Concat(Enumerable.Repeat("word ", 5_000));
        Post long1 = Parse.Post("---\ntitle: Long\n---\nA {{< shout \"x\" >}} " + words + "\n", shortcodes: [shout]);
        Post plain = Parse.Post("---\ntitle: T\n---\nJust this.\n", shortcodes: [shout]);
        Post long2 = Parse.Post("---\ntitle: Long\n---\n" + words + "\n", shortcodes: [shout]);
        Post expanded = Parse.Post("---\ntitle: T\n---\nB {{< shout \"y\" >}}\n", shortcodes: [shout]);

        Assert.Equal("<p>Just this.</p>\n", plain.Html);
        Assert.Equal("Just this.", plain.PlainText);
        Assert.Equal("<p>B Y</p>\n", expanded.Html);
        Assert.Equal(5_002, long1.WordCount);
        Assert.Equal(5_000, long2.WordCount);
    }

    [Fact]
    public void Expand_UnknownShortcode_StaysAsTextWithOneWarningPerName()
    {
        PostParseResult result = Parse.Text("---\ntitle: T\n---\nLine.\n\n{% image \"a.png\" \"Alt\" %}\n\n{% image \"b.png\" %}\n");

        Assert.True(result.Succeeded);
        Assert.Contains("{% image &quot;a.png&quot; &quot;Alt&quot; %}", result.Post!.Html, StringComparison.Ordinal);
        PostDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.UnknownShortcode, warning.Code);
        Assert.Equal(6, warning.Line);
        Assert.Equal(1, warning.Column);
        Assert.Contains("'image' (2 uses)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_ShortcodesInCode_AreLeftAlone()
    {
        var shout = new ShoutHandler();

        Post post = Parse.Post("---\ntitle: T\n---\n`{{< shout x >}}` and\n\n```go\n{{< shout y >}}\n{{ .Values }}\n```\n", shortcodes: [shout]);

        Assert.Equal(0, shout.Calls);
        Assert.Contains("{{ .Values }}", post.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void Expand_HandlerThatThrows_IsAWarningAndTheTextStays()
    {
        PostParseResult result = Parse.Text("---\ntitle: T\n---\nBefore {{< boom >}} after.\n", shortcodes: [new ThrowingHandler()]);

        Assert.True(result.Succeeded);
        Assert.Contains("{{&lt; boom &gt;}}", result.Post!.Html, StringComparison.Ordinal);
        Assert.Contains("kaboom", Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Param_ReadsFrontMatterValue()
    {
        Post post = Parse.Post("---\ntitle: T\ncanonical_url: https://orig.example/post\n---\nFirst posted at {{% param canonical_url %}}.\n");

        Assert.Contains("First posted at https://orig.example/post.", post.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void Param_UnknownKey_WarnsAndRendersNothing()
    {
        PostParseResult result = Parse.Text("---\ntitle: T\n---\nSee {{% param notes.docker-compose-v2 %}} here.\n");

        Assert.Equal("See  here.", result.Post!.PlainText);
        Assert.Equal(DiagnosticCodes.ShortcodeFailed, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Comment_PairedContent_IsNotRendered()
    {
        Post post = Parse.Post("---\ntitle: T\n---\nKeep.\n\n{{< comment >}}\nHidden *text*.\n\nStill hidden.\n{{< /comment >}}\n\nAlso kept.\n");

        Assert.Equal("Keep.\nAlso kept.", post.PlainText);
    }

    [Fact]
    public void Figure_MultiLineShortcode_RendersFigureWithCaptionMarkdown()
    {
        Post post = Parse.Post("---\ntitle: T\n---\n{{% figure src=\"house.jpg\"\n  caption=\"A house by [someone](https://x.org)\" %}}\n\nAfter.\n");

        Assert.Contains("<figure><img src=\"house.jpg\" alt=\"A house by [someone](https://x.org)\"><figcaption><p>A house by <a href=\"https://x.org\">someone</a></p></figcaption></figure>", post.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void YouTube_Untrusted_IsALinkAndTrusted_IsAnEmbed()
    {
        Post untrusted = Parse.Post("---\ntitle: T\n---\n{{< youtube dQw4w9WgXcQ >}}\n");
        Post trusted = Parse.Post("---\ntitle: T\n---\n{{< youtube dQw4w9WgXcQ >}}\n", configure: o => o.TrustContent = true);

        Assert.Contains("<a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\">YouTube video</a>", untrusted.Html, StringComparison.Ordinal);
        Assert.Contains("<iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\"", trusted.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void YouTube_HostileId_IsRejected()
    {
        PostParseResult result = Parse.Text("---\ntitle: T\n---\n{{< youtube \"x\\\" onload=alert(1)\" >}}\n", configure: o => o.TrustContent = true);

        Assert.DoesNotContain("onload", result.Post!.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void LiquidUrlFilter_InsideLinkTarget_BecomesALink()
    {
        Post post = Parse.Post("---\ntitle: T\n---\nRead [our guide]({{ \"/2024/10/08/guide/\" | url }}) and [more]({{ site.baseurl }}/about/).\n");

        Assert.Contains("<a href=\"/2024/10/08/guide/\">our guide</a>", post.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/about/\">more</a>", post.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void LiquidRaw_KeepsItsContentLiteral()
    {
        Post post = Parse.Post("---\ntitle: T\n---\nUse {% raw %}{{ site.baseurl }}{% endraw %} in templates.\n");

        Assert.Equal("Use {{ site.baseurl }} in templates.", post.PlainText);
    }

    [Fact]
    public void LiquidHighlight_BecomesAFencedCodeBlock()
    {
        Post post = Parse.Post("---\ntitle: T\n---\n{% highlight ruby %}\nputs \"hi\"\n{% endhighlight %}\n");

        Assert.Contains("<pre><code class=\"language-ruby\">puts &quot;hi&quot;\n</code></pre>", post.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void HugoEscapedShortcode_IsShownLiterally()
    {
        Post post = Parse.Post("---\ntitle: T\n---\nWrite {{</* youtube ID */>}} to embed.\n");

        Assert.Equal("Write {{< youtube ID >}} to embed.", post.PlainText);
    }

    [Fact]
    public void Expand_ManyUnclosedDelimiters_StaysLinear()
    {
        string body = string.Concat(Enumerable.Repeat("{{< x {% y `z ", 50_000));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        PostParseResult result = Parse.Text("---\ntitle: T\n---\n" + body + "\n");

        Assert.True(result.Succeeded);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Expand_UserHandler_OverridesBuiltInOfTheSameName()
    {
        var custom = new NamedHandler("youtube", "custom player");

        Post post = Parse.Post("---\ntitle: T\n---\n{{< youtube abc >}}\n", shortcodes: [custom]);

        Assert.Equal("custom player", post.PlainText);
    }

    [Theory]
    [InlineData("{{< capture \"a b\" 'c d' `e f` plain k=\"v w\" k2='x' >}}", "a b|c d|e f|plain", "k=v w|k2=x")]
    [InlineData("{{< capture \"say \\\"hi\\\"\" \"back\\\\slash\" 'it\\'s' >}}", "say \"hi\"|back\\slash|it\\|s'", "")]
    [InlineData("{{< capture \"\" k=\"\" >}}", "", "k=")]
    [InlineData("{{< capture \"unclosed value >}}", "unclosed value", "")]
    [InlineData("{{< capture k=\"a\\\"b\" >}}", "", "k=a\"b")]
    [InlineData("{% capture one, \"two, three\", k=v %}", "one,|two, three|,", "k=v")]
    public void Arguments_AreReadAsWritten(string shortcode, string positional, string named)
    {
        var capture = new CapturingHandler();

        Parse.Post("---\ntitle: T\n---\n" + shortcode + "\n", shortcodes: [capture]);

        Shortcode read = Assert.Single(capture.Seen);
        Assert.Equal(positional, string.Join('|', read.Positional));
        Assert.Equal(named, string.Join('|', read.Named.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key + "=" + pair.Value)));
    }

    private sealed class CapturingHandler : IShortcodeHandler
    {
        public List<Shortcode> Seen { get; } = [];

        public string Name => "capture";

        public bool AcceptsContent => false;

        public string Render(Shortcode shortcode, ShortcodeContext context)
        {
            Seen.Add(shortcode);
            return string.Empty;
        }
    }

    private sealed class NamedHandler(string name, string output) : IShortcodeHandler
    {
        public string Name => name;

        public bool AcceptsContent => false;

        public string Render(Shortcode shortcode, ShortcodeContext context) => output;
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using Markdig;

namespace DevOpsVision.Blogging.Posts.Shortcodes;

/// <summary>Hugo's <c>{{% param key %}}</c>: a front-matter value of the post (dotted keys reach into maps).</summary>
internal sealed class ParamShortcodeHandler : IShortcodeHandler
{
    public string Name => "param";

    public bool AcceptsContent => false;

    public string Render(Shortcode shortcode, ShortcodeContext context)
    {
        string? key = shortcode.Get("name", 0);
        if (string.IsNullOrEmpty(key))
        {
            context.Report(DiagnosticSeverity.Warning, "Shortcode 'param' needs the name of a front-matter key.");
            return string.Empty;
        }

        object? value = Lookup(context.FrontMatter, key);
        if (value is null)
        {
            context.Report(DiagnosticSeverity.Warning, $"Shortcode 'param' names '{key}', which the post's front matter does not have (site parameters are not known to the library).");
            return string.Empty;
        }

        return value switch
        {
            string text => text,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
    }

    private static object? Lookup(IReadOnlyDictionary<string, object?> map, string key)
    {
        if (map.TryGetValue(key, out object? direct))
        {
            return direct;
        }

        int dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && map.TryGetValue(key[..dot], out object? nested) && nested is IReadOnlyDictionary<string, object?> inner)
        {
            return Lookup(inner, key[(dot + 1)..]);
        }

        return null;
    }
}

/// <summary>Hugo's paired <c>{{&lt; comment &gt;}}...{{&lt; /comment &gt;}}</c>: its content is never rendered.</summary>
internal sealed class CommentShortcodeHandler : IShortcodeHandler
{
    public string Name => "comment";

    public bool AcceptsContent => true;

    public string Render(Shortcode shortcode, ShortcodeContext context) => string.Empty;
}

/// <summary>Hugo's <c>{{&lt; figure src="..." caption="..." &gt;}}</c>: an image with an optional link and caption.</summary>
internal sealed class FigureShortcodeHandler : IShortcodeHandler
{
    private static readonly MarkdownPipeline CaptionPipeline = new MarkdownPipelineBuilder().UseEmphasisExtras().Build();

    public string Name => "figure";

    public bool AcceptsContent => false;

    public string Render(Shortcode shortcode, ShortcodeContext context)
    {
        string? source = shortcode.Get("src", 0);
        if (string.IsNullOrWhiteSpace(source))
        {
            context.Report(DiagnosticSeverity.Warning, "Shortcode 'figure' has no 'src'.");
            return string.Empty;
        }

        var html = new StringBuilder(256);
        html.Append("<figure");
        AppendAttribute(html, "class", shortcode.Get("class"));
        html.Append('>');
        string? link = shortcode.Get("link");
        if (!string.IsNullOrEmpty(link))
        {
            html.Append("<a");
            AppendAttribute(html, "href", link);
            AppendAttribute(html, "target", shortcode.Get("target"));
            AppendAttribute(html, "rel", shortcode.Get("rel"));
            html.Append('>');
        }

        html.Append("<img");
        AppendAttribute(html, "src", source);
        AppendAttribute(html, "alt", shortcode.Get("alt") ?? shortcode.Get("caption") ?? string.Empty);
        AppendAttribute(html, "width", shortcode.Get("width"));
        AppendAttribute(html, "height", shortcode.Get("height"));
        html.Append('>');
        if (!string.IsNullOrEmpty(link))
        {
            html.Append("</a>");
        }

        string? title = shortcode.Get("title");
        string? caption = shortcode.Get("caption");
        string? attribution = shortcode.Get("attr");
        if (!string.IsNullOrEmpty(title) || !string.IsNullOrEmpty(caption) || !string.IsNullOrEmpty(attribution))
        {
            html.Append("<figcaption>");
            if (!string.IsNullOrEmpty(title))
            {
                html.Append("<h4>").Append(WebUtility.HtmlEncode(title)).Append("</h4>");
            }

            if (!string.IsNullOrEmpty(caption) || !string.IsNullOrEmpty(attribution))
            {
                html.Append("<p>");
                if (!string.IsNullOrEmpty(caption))
                {
                    html.Append(RenderInline(caption));
                }

                if (!string.IsNullOrEmpty(attribution))
                {
                    string? attributionLink = shortcode.Get("attrlink");
                    if (!string.IsNullOrEmpty(caption))
                    {
                        html.Append(' ');
                    }

                    if (!string.IsNullOrEmpty(attributionLink))
                    {
                        html.Append("<a");
                        AppendAttribute(html, "href", attributionLink);
                        html.Append('>').Append(RenderInline(attribution)).Append("</a>");
                    }
                    else
                    {
                        html.Append(RenderInline(attribution));
                    }
                }

                html.Append("</p>");
            }

            html.Append("</figcaption>");
        }

        html.Append("</figure>");

        // On a line of its own the figure is an HTML block; inline it stays inline HTML.
        return html.ToString();
    }

    /// <summary>Captions may hold Markdown (links, emphasis); render it without the surrounding paragraph, on one line.</summary>
    private static string RenderInline(string markdown)
    {
        string rendered = Markdown.ToHtml(markdown.ReplaceLineEndings(" "), CaptionPipeline).Trim();
        if (rendered.StartsWith("<p>", StringComparison.Ordinal) && rendered.EndsWith("</p>", StringComparison.Ordinal))
        {
            rendered = rendered[3..^4];
        }

        return rendered.ReplaceLineEndings(" ");
    }

    private static void AppendAttribute(StringBuilder html, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        html.Append(' ').Append(name).Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');
    }
}

/// <summary>
/// Hugo's <c>{{&lt; youtube ID &gt;}}</c>: an embedded player when the blog trusts its content, otherwise a
/// link to the video (the sanitizer would remove an iframe).
/// </summary>
internal sealed class YouTubeShortcodeHandler : IShortcodeHandler
{
    public string Name => "youtube";

    public bool AcceptsContent => false;

    public string Render(Shortcode shortcode, ShortcodeContext context)
    {
        string? id = shortcode.Get("id", 0);
        if (string.IsNullOrEmpty(id) || id.Length > 64 || !IsVideoId(id))
        {
            context.Report(DiagnosticSeverity.Warning, "Shortcode 'youtube' needs a video id of letters, digits, '-' and '_'.");
            return string.Empty;
        }

        string title = shortcode.Get("title") ?? "YouTube video";
        if (context.Options.TrustContent)
        {
            return $"<div class=\"video\"><iframe src=\"https://www.youtube-nocookie.com/embed/{id}\" title=\"{WebUtility.HtmlEncode(title)}\" allowfullscreen loading=\"lazy\"></iframe></div>";
        }

        return $"[{EscapeLinkText(title)}](https://www.youtube.com/watch?v={id})";
    }

    private static bool IsVideoId(string id)
    {
        foreach (char c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        return true;
    }

    private static string EscapeLinkText(string text) => text.Replace("[", "\\[", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);
}

/// <summary>
/// Jekyll and Eleventy URL filters (<c>{{ "/path/" | url }}</c>, <c>relative_url</c>, <c>absolute_url</c>):
/// the path itself; the blog makes it absolute when it makes links absolute.
/// </summary>
internal sealed class UrlFilterShortcodeHandler(string name) : IShortcodeHandler
{
    public string Name { get; } = name;

    public bool AcceptsContent => false;

    public string Render(Shortcode shortcode, ShortcodeContext context) =>
        shortcode.Positional.Count > 0 ? shortcode.Positional[0] : string.Empty;
}

/// <summary>Jekyll's <c>{{ site.baseurl }}</c>: empty, so that <c>{{ site.baseurl }}/path</c> becomes the site-relative <c>/path</c>.</summary>
internal sealed class SiteBaseUrlShortcodeHandler : IShortcodeHandler
{
    public string Name => "site.baseurl";

    public bool AcceptsContent => false;

    public string Render(Shortcode shortcode, ShortcodeContext context) => string.Empty;
}

/// <summary>Jekyll's <c>{% highlight lang %}...{% endhighlight %}</c>: a fenced code block.</summary>
internal sealed class HighlightShortcodeHandler : IShortcodeHandler
{
    public string Name => "highlight";

    public bool AcceptsContent => true;

    public string Render(Shortcode shortcode, ShortcodeContext context)
    {
        string language = shortcode.Positional.Count > 0 ? shortcode.Positional[0] : string.Empty;
        string code = (shortcode.Content ?? string.Empty).Trim('\n', '\r');

        // A fence longer than any backtick run inside the code can never be closed early.
        int longestRun = 0, run = 0;
        foreach (char c in code)
        {
            run = c == '`' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }

        string fence = new('`', Math.Max(3, longestRun + 1));
        return string.Concat("\n", fence, language, "\n", code, "\n", fence, "\n");
    }
}

/// <summary>The shortcode handlers every blog has unless it replaces them.</summary>
internal static class BuiltInShortcodes
{
    public static IEnumerable<IShortcodeHandler> Create() =>
    [
        new ParamShortcodeHandler(),
        new CommentShortcodeHandler(),
        new FigureShortcodeHandler(),
        new YouTubeShortcodeHandler(),
        new UrlFilterShortcodeHandler("url"),
        new UrlFilterShortcodeHandler("relative_url"),
        new UrlFilterShortcodeHandler("absolute_url"),
        new SiteBaseUrlShortcodeHandler(),
        new HighlightShortcodeHandler(),
    ];
}

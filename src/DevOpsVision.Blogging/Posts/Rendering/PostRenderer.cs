using System.Net;
using System.Text;
using Ganss.Xss;
using Markdig;
using Markdig.Helpers;
using Markdig.Extensions.Abbreviations;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.Yaml;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DevOpsVision.Blogging.Posts.Rendering;

/// <summary>What one walk of a post's syntax tree produced.</summary>
internal sealed class RenderedBody
{
    public required string Html { get; init; }

    public required string PlainText { get; init; }

    public required IReadOnlyList<PostHeading> Headings { get; init; }

    public required IReadOnlyList<string> Links { get; init; }

    public required IReadOnlyList<string> Images { get; init; }

    public required bool HasRawHtml { get; init; }

    /// <summary>
    /// The excerpt found in the body: before <c>&lt;!--more--&gt;</c>, else the first paragraph; empty when neither
    /// exists or none was asked for.
    /// </summary>
    public required string ExcerptHtml { get; init; }

    public required string ExcerptText { get; init; }
}

/// <summary>
/// Renders a Markdig document to HTML and, in the same walk, collects its plain text, headings, links
/// and images. Raw HTML goes through the sanitizer unless the blog trusts its content; link schemes are
/// checked as they are written. Thread-safe: each thread reuses its own renderer.
/// </summary>
internal sealed class PostRenderer
{
    private readonly MarkdownPipeline _pipeline;
    private readonly CachingSanitizer? _sanitizer;
    private readonly Uri? _absoluteBase;
    private readonly ThreadLocal<RenderState> _state;

    public PostRenderer(MarkdownPipeline pipeline, BlogOptions options)
    {
        _pipeline = pipeline;
        _sanitizer = options.TrustContent ? null : new CachingSanitizer(CreateSanitizer());
        _absoluteBase = options.MakeLinksAbsolute ? options.BaseUrl : null;
        _state = new ThreadLocal<RenderState>(() => new RenderState(this));
    }

    /// <summary>Forgets remembered sanitizer results (benchmarks measure a first parse).</summary>
    internal void ClearCaches() => _sanitizer?.Clear();

    /// <summary>Renders <paramref name="document"/>.</summary>
    /// <param name="document">The parsed Markdown.</param>
    /// <param name="collect">Whether to collect the headings, links and images.</param>
    /// <param name="excerpt">Whether to make the excerpt (not when the front matter gives one).</param>
    public RenderedBody Render(MarkdownDocument document, bool collect = true, bool excerpt = true)
    {
        RenderState state = _state.Value!;
        try
        {
            return state.Render(document, collect, excerpt);
        }
        catch
        {
            // Markdig's renderer keeps its nesting depth and writer state across calls and does not restore them when a
            // render throws (a document nested past its limit): the thread gets a fresh one, so the next post renders.
            _state.Value = new RenderState(this);
            throw;
        }
    }

    internal static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("tel");

        // Forms in a post are a phishing tool, not content.
        foreach (string tag in (string[])["form", "input", "button", "select", "textarea", "option", "optgroup", "keygen", "datalist", "fieldset", "legend", "label", "menuitem"])
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        return sanitizer;
    }

    /// <summary>Whether a URL may be written into a post: relative, or with a scheme that cannot run code.</summary>
    internal static bool IsSafeUrl(string url, bool image)
    {
        Span<char> scheme = stackalloc char[16];
        int length = 0;
        foreach (char c in url)
        {
            // Browsers ignore control characters and white space inside a scheme ("java\tscript:").
            if (c <= ' ')
            {
                continue;
            }

            if (c == ':')
            {
                break;
            }

            if (c is '/' or '?' or '#' || length == scheme.Length || !(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return true;
            }

            scheme[length++] = char.ToLowerInvariant(c);
        }

        if (length == 0 || length == url.Length)
        {
            return true;
        }

        ReadOnlySpan<char> name = scheme[..length];
        if (url.AsSpan().IndexOf(':') < 0)
        {
            return true;
        }

        if (image)
        {
            return name is "http" or "https"
                || (name is "data" && IsSafeDataImage(url));
        }

        return name is "http" or "https" or "mailto" or "tel" or "ftp" or "ftps" or "irc" or "ircs" or "xmpp" or "sms" or "geo" or "magnet";
    }

    private static bool IsSafeDataImage(string url)
    {
        int colon = url.IndexOf(':', StringComparison.Ordinal);
        ReadOnlySpan<char> rest = url.AsSpan(colon + 1).TrimStart();
        return rest.StartsWith("image/png", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("image/jpeg", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("image/gif", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("image/webp", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("image/avif", StringComparison.OrdinalIgnoreCase);
    }

    private sealed class RenderState
    {
        private readonly PostRenderer _owner;
        private readonly StringWriter _writer;
        private readonly HtmlRenderer _renderer;
        private readonly StringBuilder _plain = new(4096);
        private readonly List<PostHeading> _headings = [];
        private readonly List<string> _links = [];
        private readonly List<string> _images = [];
        private bool _collect;
        private bool _hasRawHtml;
        private bool _nextUrlIsImage;
        private bool _nextUrlIsEmail;
        private int _headingTextStart;
        private int _excerptHtmlStart;
        private int _excerptHtmlEnd;
        private int _excerptTextStart;
        private int _excerptTextEnd;
        private bool _excerptFromMarker;
        private bool _firstParagraphSeen;
        private LeafBlock? _leafWithInlines;
        private int _leafHtmlStart;
        private bool _leafHasRawHtml;
        private bool _leafMustBeSanitized;

        public RenderState(PostRenderer owner)
        {
            _owner = owner;
            _writer = new StringWriter(new StringBuilder(16 * 1024)) { NewLine = "\n" };
            _renderer = new HtmlRenderer(_writer);
            owner._pipeline.Setup(_renderer);
            _renderer.ObjectRenderers.ReplaceOrAdd<HtmlBlockRenderer>(new SanitizingHtmlBlockRenderer(owner._sanitizer));
            _renderer.LinkRewriter = RewriteUrl;

            // Each renderer that writes something the walk collects from is wrapped: the object's type is then known from
            // the renderer Markdig already picked for it, instead of being tested again before and after every object.
            ObjectRendererCollection renderers = _renderer.ObjectRenderers;
            for (int i = 0; i < renderers.Count; i++)
            {
                if (RoleOf(renderers[i]) is { } role)
                {
                    renderers[i] = new CollectingRenderer(renderers[i], this, role);
                }
            }
        }

        public RenderedBody Render(MarkdownDocument document, bool collect, bool excerpt)
        {
            StringBuilder html = _writer.GetStringBuilder();
            html.Clear();
            _plain.Clear();
            _headings.Clear();
            _links.Clear();
            _images.Clear();
            _collect = collect;
            _hasRawHtml = false;
            _excerptHtmlStart = _excerptHtmlEnd = _excerptTextStart = _excerptTextEnd = -1;
            _excerptFromMarker = false;
            _firstParagraphSeen = false;
            _leafWithInlines = null;
            _leafHasRawHtml = false;
            _leafMustBeSanitized = false;
            _renderer.Render(document);
            _writer.Flush();

            string text = TrimmedString(_plain, 0, _plain.Length);
            string excerptHtml = string.Empty;
            string excerptText = string.Empty;
            if (excerpt && _excerptHtmlEnd >= 0)
            {
                int start = _excerptFromMarker ? 0 : _excerptHtmlStart;
                excerptHtml = TrimmedString(html, start, _excerptHtmlEnd - start);
                int textStart = _excerptFromMarker ? 0 : _excerptTextStart;
                excerptText = TrimmedString(_plain, textStart, Math.Max(0, _excerptTextEnd - textStart));
            }

            var result = new RenderedBody
            {
                Html = html.ToString(),
                PlainText = text,
                Headings = _headings.Count == 0 ? [] : _headings.ToArray(),
                Links = _links.Count == 0 ? [] : _links.ToArray(),
                Images = _images.Count == 0 ? [] : _images.ToArray(),
                HasRawHtml = _hasRawHtml,
                ExcerptHtml = excerptHtml,
                ExcerptText = excerptText,
            };

            // Keep the pooled buffers from pinning a huge post's memory.
            if (html.Capacity > 1024 * 1024)
            {
                html.Clear().Capacity = 16 * 1024;
            }

            if (_plain.Capacity > 1024 * 1024)
            {
                _plain.Clear().Capacity = 4096;
            }

            return result;
        }

        private static string TrimmedString(StringBuilder builder, int start, int length)
        {
            int end = start + length;
            while (start < end && char.IsWhiteSpace(builder[start]))
            {
                start++;
            }

            while (end > start && char.IsWhiteSpace(builder[end - 1]))
            {
                end--;
            }

            return end == start ? string.Empty : builder.ToString(start, end - start);
        }

        /// <summary>
        /// What the walk collects from the objects one renderer writes, or <see langword="null"/> when it collects nothing
        /// from any of them; <see cref="ObjectRole.Any"/> when the renderer writes objects of several roles.
        /// </summary>
        private static ObjectRole? RoleOf(IMarkdownObjectRenderer renderer)
        {
            Type? written = null;
            for (Type? type = renderer.GetType(); type is not null; type = type.BaseType)
            {
                if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(MarkdownObjectRenderer<,>))
                {
                    written = type.GetGenericArguments()[1];
                    break;
                }
            }

            if (written is null)
            {
                return ObjectRole.Any;
            }

            ObjectRole? role = null;
            foreach ((Type type, ObjectRole typeRole) in Roles)
            {
                if (type.IsAssignableFrom(written))
                {
                    return typeRole;
                }

                if (written.IsAssignableFrom(type))
                {
                    role = ObjectRole.Any;
                }
            }

            return role;
        }

        private static ObjectRole RoleOf(MarkdownObject obj) => obj switch
        {
            LiteralInline => ObjectRole.Literal,
            CodeInline => ObjectRole.Code,
            LineBreakInline => ObjectRole.LineBreak,
            HtmlEntityInline => ObjectRole.Entity,
            HtmlInline => ObjectRole.RawInline,
            AutolinkInline => ObjectRole.Autolink,
            LinkInline => ObjectRole.Link,
            AbbreviationInline => ObjectRole.Abbreviation,
            MathInline => ObjectRole.Math,
            LeafBlock => ObjectRole.Leaf,
            _ => ObjectRole.None,
        };

        private void Before(MarkdownObject obj, ObjectRole role)
        {
            switch (role)
            {
                case ObjectRole.Literal:
                    _plain.Append(((LiteralInline)obj).Content.AsSpan());
                    break;
                case ObjectRole.Code:
                    _plain.Append(((CodeInline)obj).ContentSpan);
                    break;
                case ObjectRole.LineBreak:
                    _plain.Append(((LineBreakInline)obj).IsHard ? '\n' : ' ');
                    break;
                case ObjectRole.Entity:
                    _plain.Append(((HtmlEntityInline)obj).Transcoded.AsSpan());
                    break;
                case ObjectRole.RawInline:
                    _hasRawHtml = true;
                    _leafHasRawHtml = true;
                    if (((HtmlInline)obj).Tag.StartsWith("<br", StringComparison.OrdinalIgnoreCase))
                    {
                        _plain.Append(' ');
                    }

                    break;
                case ObjectRole.Autolink:
                    var autolink = (AutolinkInline)obj;
                    _nextUrlIsImage = false;
                    _nextUrlIsEmail = autolink.IsEmail;
                    _plain.Append(autolink.Url);
                    break;
                case ObjectRole.Link:
                    _nextUrlIsImage = ((LinkInline)obj).IsImage;
                    _nextUrlIsEmail = false;
                    break;
                case ObjectRole.Abbreviation:
                    _plain.Append(((AbbreviationInline)obj).Abbreviation.Label);
                    break;
                case ObjectRole.Math:
                    _plain.Append(((MathInline)obj).Content.AsSpan());
                    break;
            }
        }

        /// <summary>
        /// Starts a leaf, returning what was being tracked for the leaf around it (a renderer may write a leaf inside
        /// another's output); <paramref name="writtenByMarkdig"/> is false when a renderer from elsewhere writes it, which
        /// may write raw HTML without handing each inline to Markdig.
        /// </summary>
        private LeafTracking EnterLeaf(LeafBlock leaf, bool writtenByMarkdig)
        {
            var outer = new LeafTracking(_leafWithInlines, _leafHtmlStart, _leafHasRawHtml, _leafMustBeSanitized);
            BeforeLeaf(leaf);
            if (!writtenByMarkdig && ReferenceEquals(_leafWithInlines, leaf) && ContainsHtml(leaf.Inline!))
            {
                _leafHasRawHtml = true;
                _leafMustBeSanitized = true;
            }

            return outer;
        }

        private void LeaveLeaf(LeafBlock leaf, LeafTracking outer)
        {
            bool hadRawHtml = _leafHasRawHtml;
            AfterLeaf(leaf);
            if (outer.Leaf is not null)
            {
                _leafWithInlines = outer.Leaf;
                _leafHtmlStart = outer.HtmlStart;
                _leafHasRawHtml = outer.HasRawHtml || hadRawHtml;
                _leafMustBeSanitized = outer.MustBeSanitized;
            }
        }

        private static bool ContainsHtml(ContainerInline container)
        {
            for (Inline? inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
            {
                if (inline is HtmlInline || (inline is ContainerInline child && ContainsHtml(child)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether raw inline HTML is being written, untrusted, outside the leaf whose output is sanitized after it is
        /// written.
        /// </summary>
        private bool IsOutsideSanitizedLeaf(HtmlInline inline)
        {
            if (_owner._sanitizer is null || !_renderer.EnableHtmlForInline)
            {
                return false;
            }

            ContainerInline? root = inline.Parent;
            while (root?.Parent is { } parent)
            {
                root = parent;
            }

            return _leafWithInlines is null || !ReferenceEquals(root?.ParentBlock, _leafWithInlines);
        }

        private void BeforeLeaf(LeafBlock leaf)
        {
            // Some renderers write a leaf's inlines without writing the leaf (a definition list's terms): its text still
            // ends where the next leaf's starts.
            if (_plain.Length > 0 && _plain[^1] != '\n')
            {
                _plain.Append('\n');
            }

            switch (leaf)
            {
                case HeadingBlock:
                    _headingTextStart = _plain.Length;
                    break;
                case ParagraphBlock when leaf.Parent is MarkdownDocument && !_firstParagraphSeen && !_excerptFromMarker:
                    _excerptHtmlStart = _writer.GetStringBuilder().Length;
                    _excerptTextStart = _plain.Length;
                    break;
                case HtmlBlock html:
                    _hasRawHtml = true;
                    if (html.Parent is MarkdownDocument && !_excerptFromMarker && IsMoreMarker(html))
                    {
                        _excerptFromMarker = true;
                        _excerptHtmlEnd = _writer.GetStringBuilder().Length;
                        _excerptTextEnd = _plain.Length;
                    }

                    HtmlText.AppendText(html, _plain);
                    break;
                case YamlFrontMatterBlock:
                    break;
                case CodeBlock code:
                    AppendLines(code.Lines);
                    break;
            }

            if (_owner._sanitizer is not null && leaf.Inline is not null)
            {
                // Whether the leaf holds raw HTML is seen as its inlines are written; where its output starts is kept in case.
                _leafWithInlines = leaf;
                _leafHtmlStart = _writer.GetStringBuilder().Length;
                _leafHasRawHtml = false;
                _leafMustBeSanitized = false;
            }
        }

        private void AfterLeaf(LeafBlock leaf)
        {
            if (ReferenceEquals(leaf, _leafWithInlines))
            {
                _leafWithInlines = null;
                if (_leafHasRawHtml && (_leafMustBeSanitized || !_owner._sanitizer!.AcceptsInlineTags(leaf.Inline!)))
                {
                    // Raw HTML inside a paragraph spans several inlines (<span>, text, </span>): sanitize the leaf's whole output at once.
                    StringBuilder html = _writer.GetStringBuilder();
                    string written = html.ToString(_leafHtmlStart, html.Length - _leafHtmlStart);
                    html.Length = _leafHtmlStart;
                    html.Append(_owner._sanitizer!.Sanitize(written));
                    if (written.EndsWith('\n') && (html.Length == _leafHtmlStart || html[^1] != '\n'))
                    {
                        html.Append('\n');
                    }
                }
            }

            if (leaf is HeadingBlock heading && _collect)
            {
                string text = TrimmedString(_plain, _headingTextStart, _plain.Length - _headingTextStart);
                _headings.Add(new PostHeading(heading.Level, text, heading.TryGetAttributes()?.Id ?? string.Empty));
            }
            else if (leaf is ParagraphBlock && leaf.Parent is MarkdownDocument && !_firstParagraphSeen)
            {
                _firstParagraphSeen = true;
                if (!_excerptFromMarker)
                {
                    _excerptHtmlEnd = _writer.GetStringBuilder().Length;
                    _excerptTextEnd = _plain.Length;
                }
            }

            if (_plain.Length > 0 && _plain[^1] != '\n')
            {
                _plain.Append('\n');
            }
        }

        private void AppendLines(StringLineGroup lines)
        {
            StringLine[] array = lines.Lines;
            for (int i = 0; i < lines.Count; i++)
            {
                _plain.Append(array[i].Slice.AsSpan()).Append('\n');
            }
        }

        private static bool IsMoreMarker(HtmlBlock block)
        {
            if (block.Type != HtmlBlockType.Comment || block.Lines.Count != 1)
            {
                return false;
            }

            ReadOnlySpan<char> line = block.Lines.Lines[0].Slice.AsSpan().Trim();
            if (!line.StartsWith("<!--") || !line.EndsWith("-->"))
            {
                return false;
            }

            return line[4..^3].Trim().Equals("more", StringComparison.OrdinalIgnoreCase);
        }

        private string RewriteUrl(string url)
        {
            bool image = _nextUrlIsImage;
            bool email = _nextUrlIsEmail;
            _nextUrlIsImage = false;
            _nextUrlIsEmail = false;
            if (email)
            {
                return url;
            }

            if (_owner._sanitizer is not null && !IsSafeUrl(url, image))
            {
                return image ? string.Empty : "#";
            }

            if (_owner._absoluteBase is { } baseUrl && url.Length > 0 && url[0] != '#' && !url.StartsWith("//", StringComparison.Ordinal)
                && !HasScheme(url) && Uri.TryCreate(baseUrl, url, out Uri? absolute))
            {
                url = absolute.AbsoluteUri;
            }

            if (_collect)
            {
                (image ? _images : _links).Add(url);
            }

            return url;
        }

        private static bool HasScheme(string url)
        {
            int colon = url.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            int stop = url.AsSpan(0, colon).IndexOfAny('/', '?', '#');
            return stop < 0;
        }

        /// <summary>What the walk collects from an object besides its HTML.</summary>
        private enum ObjectRole
        {
            None,
            Literal,
            Code,
            LineBreak,
            Entity,
            RawInline,
            Autolink,
            Link,
            Abbreviation,
            Math,
            Leaf,

            /// <summary>Told object by object: the renderer writes objects of several roles.</summary>
            Any,
        }

        // In the order an object is tested against them; no type here derives from another.
        private static readonly (Type Type, ObjectRole Role)[] Roles =
        [
            (typeof(LiteralInline), ObjectRole.Literal),
            (typeof(CodeInline), ObjectRole.Code),
            (typeof(LineBreakInline), ObjectRole.LineBreak),
            (typeof(HtmlEntityInline), ObjectRole.Entity),
            (typeof(HtmlInline), ObjectRole.RawInline),
            (typeof(AutolinkInline), ObjectRole.Autolink),
            (typeof(LinkInline), ObjectRole.Link),
            (typeof(AbbreviationInline), ObjectRole.Abbreviation),
            (typeof(MathInline), ObjectRole.Math),
            (typeof(LeafBlock), ObjectRole.Leaf),
        ];

        /// <summary>One of Markdig's renderers, with what the walk collects done before and after it writes.</summary>
        private sealed class CollectingRenderer(IMarkdownObjectRenderer inner, RenderState state, ObjectRole role) : IMarkdownObjectRenderer
        {
            // Markdig's renderers, and this library's, hand every inline to the renderer; others may write raw HTML themselves.
            private readonly bool _writtenByMarkdig = inner.GetType().Assembly == typeof(HtmlRenderer).Assembly
                || inner.GetType().Assembly == typeof(CollectingRenderer).Assembly;

            public bool Accept(RendererBase renderer, Type objectType) => inner.Accept(renderer, objectType);

            public void Write(RendererBase renderer, MarkdownObject objectToRender)
            {
                ObjectRole actual = role == ObjectRole.Any ? RoleOf(objectToRender) : role;
                if (actual == ObjectRole.Leaf)
                {
                    var leaf = (LeafBlock)objectToRender;
                    LeafTracking outer = state.EnterLeaf(leaf, _writtenByMarkdig);
                    inner.Write(renderer, objectToRender);
                    state.LeaveLeaf(leaf, outer);
                    return;
                }

                state.Before(objectToRender, actual);
                if (actual == ObjectRole.RawInline && state.IsOutsideSanitizedLeaf((HtmlInline)objectToRender))
                {
                    // A renderer wrote a leaf's inlines without writing the leaf (a definition list's term), so nothing
                    // sanitizes the leaf's output afterwards: the tag is written as text.
                    ((HtmlRenderer)renderer).WriteEscape(((HtmlInline)objectToRender).Tag);
                    return;
                }

                inner.Write(renderer, objectToRender);
            }
        }

        /// <summary>What is tracked of the leaf being written, kept while a leaf inside its output is written.</summary>
        private readonly record struct LeafTracking(LeafBlock? Leaf, int HtmlStart, bool HasRawHtml, bool MustBeSanitized);
    }
}

/// <summary>Writes raw HTML blocks as written when content is trusted, sanitized otherwise.</summary>
internal sealed class SanitizingHtmlBlockRenderer(CachingSanitizer? sanitizer) : HtmlObjectRenderer<HtmlBlock>
{
    protected override void Write(HtmlRenderer renderer, HtmlBlock obj)
    {
        if (sanitizer is null || !renderer.EnableHtmlForBlock)
        {
            renderer.WriteLeafRawLines(obj, true, !renderer.EnableHtmlForBlock);
            return;
        }

        string sanitized = sanitizer.Sanitize(HtmlText.Of(obj));
        if (sanitized.Length > 0)
        {
            renderer.Write(sanitized).WriteLine();
        }
    }
}

/// <summary>
/// Sanitizes HTML fragments, remembering recent results: the same small fragments (<c>&lt;/div&gt;</c>,
/// <c>&lt;div class="note"&gt;</c>) recur across a blog's posts and sanitizing is a full HTML parse.
/// </summary>
internal sealed class CachingSanitizer(HtmlSanitizer sanitizer)
{
    private const int MaxEntries = 4096;
    private const int MaxCachedLength = 4096;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _acceptedTags = new(StringComparer.Ordinal);

    private readonly PlainStartTag _plainTags = new(sanitizer);

    private WellFormedHtml.TagCheck? _unchangedTagCheck;

    private WellFormedHtml.TagCheck UnchangedTag => _unchangedTagCheck ??= IsUnchangedTag;

    public void Clear()
    {
        _cache.Clear();
        _acceptedTags.Clear();
    }

    /// <summary>
    /// Whether the raw inline tags of one paragraph can be written as they are: each opening tag comes out
    /// of the sanitizer unchanged (asked once per distinct tag), each closing tag closes the last tag opened
    /// in the same paragraph, and none is left open. Most inline HTML is <c>&lt;br&gt;</c> or a balanced
    /// <c>&lt;span&gt;</c>, and this spares the paragraph a full sanitizer parse; anything else is sanitized whole.
    /// </summary>
    public bool AcceptsInlineTags(ContainerInline inlines)
    {
        var open = new List<string>(4);
        return AcceptsInlineTags(inlines, open) && open.Count == 0;
    }

    private bool AcceptsInlineTags(ContainerInline container, List<string> open)
    {
        for (Inline? inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            if (inline is HtmlInline html)
            {
                if (!AcceptsTag(html.Tag, open))
                {
                    return false;
                }
            }
            else if (inline is ContainerInline child && !AcceptsInlineTags(child, open))
            {
                return false;
            }
        }

        return true;
    }

    private bool AcceptsTag(string tag, List<string> open)
    {
        if (tag.Length < 3 || tag[0] != '<' || tag[^1] != '>' || tag[1] is '!' or '?')
        {
            return false;
        }

        if (tag[1] == '/')
        {
            string closing = TagName(tag.AsSpan(2));
            if (open.Count == 0 || !string.Equals(open[^1], closing, StringComparison.OrdinalIgnoreCase) || closing.Length + 3 != tag.Length)
            {
                return false;
            }

            open.RemoveAt(open.Count - 1);
            return true;
        }

        string name = TagName(tag.AsSpan(1));
        if (name.Length == 0 || !IsUnchangedTag(tag))
        {
            return false;
        }

        if (!WellFormedHtml.VoidElements.Contains(name))
        {
            open.Add(name);
        }

        return true;
    }

    /// <summary>
    /// Whether the sanitizer gives back an opening tag as written; once per distinct tag, told by <see cref="PlainStartTag"/>
    /// for plainly safe tags and for tags it is sure the sanitizer rewrites, and asked of the sanitizer for the rest.
    /// </summary>
    private bool IsUnchangedTag(ReadOnlySpan<char> tag)
    {
        var lookup = _acceptedTags.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(tag, out bool unchanged))
        {
            return unchanged;
        }

        string text = tag.ToString();
        TagVerdict verdict = _plainTags.Judge(tag);
        unchanged = verdict == TagVerdict.Kept || (verdict == TagVerdict.Ask && IsUnchangedBySanitizer(text));
        _acceptedTags.TryAdd(text, unchanged);
        return unchanged;
    }

    /// <summary>Whether the sanitizer, asked, gives back an opening tag as written (with its closing tag, for a non-void element).</summary>
    internal bool IsUnchangedBySanitizer(string tag)
    {
        string name = TagName(tag.AsSpan(1));
        bool isVoid = WellFormedHtml.VoidElements.Contains(name);
        string expected = tag;
        if (tag.EndsWith("/>", StringComparison.Ordinal))
        {
            if (!isVoid)
            {
                return false;
            }

            expected = string.Concat(tag.AsSpan(0, tag.Length - 2).TrimEnd(), ">");
        }

        string sanitized = sanitizer.Sanitize(expected);
        return isVoid ? sanitized == expected : sanitized == expected + "</" + name + ">";
    }

    private static string TagName(ReadOnlySpan<char> text)
    {
        int length = 0;
        while (length < text.Length && char.IsAsciiLetterOrDigit(text[length]))
        {
            length++;
        }

        return text[..length].ToString().ToLowerInvariant();
    }

    /// <summary>What sanitizing <paramref name="html"/> gives, when it can be told without a full HTML parse (see <see cref="WellFormedHtml"/>).</summary>
    internal string? TryPassThrough(string html) => WellFormedHtml.PassThrough(html, UnchangedTag);

    public string Sanitize(string html)
    {
        if (html.Length > MaxCachedLength)
        {
            return TryPassThrough(html) ?? sanitizer.Sanitize(html);
        }

        if (_cache.TryGetValue(html, out string? cached))
        {
            return cached;
        }

        string sanitized = TryPassThrough(html) ?? sanitizer.Sanitize(html);
        if (_cache.Count >= MaxEntries)
        {
            _cache.Clear();
        }

        _cache.TryAdd(html, sanitized);
        return sanitized;
    }
}

/// <summary>Extracts readable text from raw HTML for the plain-text view: tags dropped, script and style skipped, entities decoded.</summary>
internal static class HtmlText
{
    private static readonly object BlockTextKey = new();

    /// <summary>
    /// A raw HTML block's text, made once and kept on the block: the plain text, the sanitizer and quotation extraction
    /// all read it.
    /// </summary>
    public static string Of(HtmlBlock block)
    {
        if (block.GetData(BlockTextKey) is string text)
        {
            return text;
        }

        text = block.Lines.ToString();
        block.SetData(BlockTextKey, text);
        return text;
    }

    /// <summary>Appends a raw HTML block's readable text to <paramref name="output"/>.</summary>
    public static void AppendText(HtmlBlock block, StringBuilder output)
    {
        string html = Of(block);
        int start = output.Length;
        int i = 0;
        while (i < html.Length)
        {
            int tag = html.IndexOf('<', i);
            int textEnd = tag < 0 ? html.Length : tag;
            AppendDecoded(html.AsSpan(i, textEnd - i), output);
            if (tag < 0)
            {
                break;
            }

            if (html.AsSpan(tag).StartsWith("<!--", StringComparison.Ordinal))
            {
                int close = html.IndexOf("-->", tag + 4, StringComparison.Ordinal);
                i = close < 0 ? html.Length : close + 3;
                continue;
            }

            int tagEnd = html.IndexOf('>', tag + 1);
            if (tagEnd < 0)
            {
                break;
            }

            ReadOnlySpan<char> name = TagName(html.AsSpan(tag + 1, tagEnd - tag - 1));
            i = tagEnd + 1;
            if (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase))
            {
                int close = html.IndexOf("</" + name.ToString(), i, StringComparison.OrdinalIgnoreCase);
                int closeEnd = close < 0 ? -1 : html.IndexOf('>', close);
                i = closeEnd < 0 ? html.Length : closeEnd + 1;
            }
            else if (output.Length > start && output[^1] != ' ' && output[^1] != '\n')
            {
                output.Append(' ');
            }
        }
    }

    private static ReadOnlySpan<char> TagName(ReadOnlySpan<char> tag)
    {
        int i = 0;
        while (i < tag.Length && (char.IsAsciiLetterOrDigit(tag[i]) || tag[i] == '-'))
        {
            i++;
        }

        return tag[..i];
    }

    private static void AppendDecoded(ReadOnlySpan<char> text, StringBuilder output)
    {
        if (text.IsWhiteSpace())
        {
            if (!text.IsEmpty && output.Length > 0 && output[^1] is not ' ' and not '\n')
            {
                output.Append(' ');
            }

            return;
        }

        if (output.Length > 0 && output[^1] is ' ' or '\n')
        {
            // "Raw <em>HTML</em> block": the space written for the tag is the one between the words.
            text = text.TrimStart();
        }

        if (text.Contains('&'))
        {
            output.Append(WebUtility.HtmlDecode(text.ToString()));
        }
        else
        {
            output.Append(text);
        }
    }
}

using System.Text;
using Markdig.Extensions.Footnotes;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.SmartyPants;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DevOpsVision.Blogging.Quotes;

/// <summary>A marked range of an <see cref="InlineText"/>: [Start, End).</summary>
internal readonly record struct TextRange(int Start, int End, string? Value = null);

/// <summary>
/// The text of one paragraph, heading or list item as a reader sees it, with the ranges that matter to
/// quotation finding: code (never a quote), emphasis and citations (titles of works), links and
/// <c>&lt;q&gt;</c> elements. Soft line breaks are kept as <c>'\n'</c> so attribution lines can be told apart.
/// </summary>
internal sealed class InlineText
{
    private static readonly InlineText EmptyText = new(string.Empty, [], [], [], []);

    private InlineText(string text, TextRange[] code, TextRange[] emphasis, TextRange[] links, TextRange[] q)
    {
        Text = text;
        Code = code;
        Emphasis = emphasis;
        Links = links;
        Q = q;
    }

    public string Text { get; }

    public TextRange[] Code { get; }

    /// <summary>Emphasis (<c>*x*</c>, <c>_x_</c>) and Markdig citations (<c>""x""</c>); the value is the delimiter.</summary>
    public TextRange[] Emphasis { get; }

    /// <summary>Links; the value is the URL.</summary>
    public TextRange[] Links { get; }

    /// <summary><c>&lt;q&gt;</c> elements; the value is their <c>cite</c>.</summary>
    public TextRange[] Q { get; }

    public bool HasCode(int start, int end) => AnyOverlap(Code, start, end);

    /// <summary>Whether a link's text holds all of [start, end).</summary>
    public bool InLinkText(int start, int end)
    {
        TextRange[] ranges = Links;
        int low = 0;
        int high = ranges.Length - 1;
        int found = -1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            if (ranges[middle].Start <= start)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found >= 0 && ranges[found].End >= end;
    }

    /// <summary>Whether any range overlaps [start, end); the ranges are in text order and do not overlap, so a binary search finds it.</summary>
    private static bool AnyOverlap(TextRange[] ranges, int start, int end)
    {
        int low = 0;
        int high = ranges.Length - 1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            TextRange range = ranges[middle];
            if (range.End <= start)
            {
                low = middle + 1;
            }
            else if (range.Start >= end)
            {
                high = middle - 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    public TextRange? EmphasisWithin(int start, int end)
    {
        foreach (TextRange range in Emphasis)
        {
            if (range.Start >= start && range.End <= end && range.End > range.Start)
            {
                return range;
            }
        }

        return null;
    }

    public TextRange? LinkWithin(int start, int end)
    {
        foreach (TextRange range in Links)
        {
            if (range.Start >= start && range.End <= end)
            {
                return range;
            }
        }

        return null;
    }

    /// <summary>Whether the text is nothing but links (an embed or a link list, not a quotation).</summary>
    public bool IsOnlyLinks()
    {
        if (Links.Length == 0)
        {
            return Text.AsSpan().Trim().IsEmpty;
        }

        int covered = 0;
        foreach (TextRange link in Links)
        {
            covered += link.End - link.Start;
        }

        int letters = 0;
        foreach (char c in Text)
        {
            if (char.IsLetterOrDigit(c))
            {
                letters++;
            }
        }

        return letters == 0 || covered >= Text.AsSpan().Trim().Length;
    }

    public static InlineText Empty => EmptyText;

    /// <summary>Text without any marked ranges (from raw HTML or joined captions).</summary>
    public static InlineText Plain(string text) => new(text, [], [], [], []);

    /// <summary>Builds the text of a leaf block's inlines.</summary>
    public static InlineText From(LeafBlock block, Builder builder)
    {
        if (block.Inline is null)
        {
            return EmptyText;
        }

        builder.Reset();
        builder.Append(block.Inline, 0);
        return builder.Build();
    }

    /// <summary>Reused buffers for building texts; one per extraction.</summary>
    internal sealed class Builder
    {
        private const int MaxDepth = 64;

        [ThreadStatic]
        private static Builder? t_builder;

        /// <summary>This thread's builder: extractions on a thread run one after another, so they can share one.</summary>
        public static Builder ForThread()
        {
            Builder builder = t_builder ??= new Builder();
            if (builder._text.Capacity > 64 * 1024)
            {
                builder._text.Clear().Capacity = 1024;
            }

            return builder;
        }

        private readonly StringBuilder _text = new(1024);
        private readonly List<TextRange> _code = [];
        private readonly List<TextRange> _emphasis = [];
        private readonly List<TextRange> _links = [];
        private readonly List<TextRange> _q = [];
        private int _qStart = -1;
        private string? _qCite;
        private int _htmlCodeStart = -1;

        public void Reset()
        {
            _text.Clear();
            _code.Clear();
            _emphasis.Clear();
            _links.Clear();
            _q.Clear();
            _qStart = -1;
            _qCite = null;
            _htmlCodeStart = -1;
        }

        public InlineText Build()
        {
            if (_htmlCodeStart >= 0)
            {
                _code.Add(new TextRange(_htmlCodeStart, _text.Length));
            }

            _code.Sort(static (a, b) => a.Start.CompareTo(b.Start));
            for (int i = _emphasis.Count - 1; i >= 0; i--)
            {
                if (_emphasis[i].End < 0)
                {
                    _emphasis.RemoveAt(i);
                }
            }

            return new InlineText(
                _text.ToString(),
                _code.Count == 0 ? [] : _code.ToArray(),
                _emphasis.Count == 0 ? [] : _emphasis.ToArray(),
                _links.Count == 0 ? [] : _links.ToArray(),
                _q.Count == 0 ? [] : _q.ToArray());
        }

        public void Append(ContainerInline container, int depth)
        {
            if (depth > MaxDepth)
            {
                return;
            }

            for (Inline? inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
            {
                switch (inline)
                {
                    case LiteralInline literal:
                        _text.Append(literal.Content.AsSpan());
                        break;
                    case CodeInline code:
                        int codeStart = _text.Length;
                        _text.Append(code.ContentSpan);
                        _code.Add(new TextRange(codeStart, _text.Length));
                        break;
                    case LineBreakInline:
                        _text.Append('\n');
                        break;
                    case HtmlEntityInline entity:
                        _text.Append(entity.Transcoded.AsSpan());
                        break;
                    case SmartyPant smarty:
                        _text.Append(smarty.Type switch
                        {
                            SmartyPantType.LeftQuote => "‘",
                            SmartyPantType.RightQuote => "’",
                            SmartyPantType.LeftDoubleQuote => "“",
                            SmartyPantType.RightDoubleQuote => "”",
                            SmartyPantType.LeftAngleQuote => "«",
                            SmartyPantType.RightAngleQuote => "»",
                            SmartyPantType.Ellipsis => "…",
                            SmartyPantType.Dash2 => "–",
                            SmartyPantType.Dash3 => "—",
                            SmartyPantType.Quote => "'",
                            SmartyPantType.DoubleQuote => "\"",
                            _ => string.Empty,
                        });
                        break;
                    case AutolinkInline autolink:
                        int autoStart = _text.Length;
                        _text.Append(autolink.Url);
                        _links.Add(new TextRange(autoStart, _text.Length, autolink.Url));
                        break;
                    case HtmlInline html:
                        AppendHtmlTag(html.Tag);
                        break;
                    case FootnoteLink:
                    case MathInline:
                        break;
                    case LinkInline link when link.IsImage:
                        // Alt text describes an image; it is never quoted.
                        break;
                    case LinkInline link:
                        int linkStart = _text.Length;
                        Append(link, depth + 1);
                        _links.Add(new TextRange(linkStart, _text.Length, link.GetDynamicUrl?.Invoke() ?? link.Url));
                        break;
                    case EmphasisInline emphasis:
                        int emphasisStart = _text.Length;
                        Append(emphasis, depth + 1);
                        _emphasis.Add(new TextRange(emphasisStart, _text.Length, emphasis.DelimiterChar == '"' ? "cite" : "em"));
                        break;
                    case ContainerInline other:
                        Append(other, depth + 1);
                        break;
                }
            }
        }

        private void AppendHtmlTag(string tag)
        {
            ReadOnlySpan<char> span = tag.AsSpan();
            bool closing = span.StartsWith("</", StringComparison.Ordinal);
            ReadOnlySpan<char> name = TagName(span[(closing ? 2 : 1)..]);
            if (name.Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                if (!closing)
                {
                    _qStart = _text.Length;
                    _qCite = HtmlNode.Parse(tag).Find("q")?.GetAttribute("cite");
                }
                else if (_qStart >= 0)
                {
                    _q.Add(new TextRange(_qStart, _text.Length, _qCite));
                    _qStart = -1;
                }
            }
            else if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                _text.Append('\n');
            }
            else if (name.Equals("code", StringComparison.OrdinalIgnoreCase) || name.Equals("kbd", StringComparison.OrdinalIgnoreCase)
                || name.Equals("samp", StringComparison.OrdinalIgnoreCase) || name.Equals("pre", StringComparison.OrdinalIgnoreCase))
            {
                if (!closing)
                {
                    _htmlCodeStart = _text.Length;
                }
                else if (_htmlCodeStart >= 0)
                {
                    _code.Add(new TextRange(_htmlCodeStart, _text.Length));
                    _htmlCodeStart = -1;
                }
            }
            else if (name.Equals("cite", StringComparison.OrdinalIgnoreCase) || name.Equals("em", StringComparison.OrdinalIgnoreCase)
                || name.Equals("i", StringComparison.OrdinalIgnoreCase))
            {
                // An HTML title inside Markdown marks a work the same way emphasis does.
                if (!closing)
                {
                    _emphasis.Add(new TextRange(_text.Length, -1, "html"));
                }
                else
                {
                    for (int i = _emphasis.Count - 1; i >= 0; i--)
                    {
                        if (_emphasis[i].End < 0)
                        {
                            _emphasis[i] = _emphasis[i] with { End = _text.Length };
                            break;
                        }
                    }
                }
            }
        }

        private static ReadOnlySpan<char> TagName(ReadOnlySpan<char> text)
        {
            int length = 0;
            while (length < text.Length && char.IsAsciiLetterOrDigit(text[length]))
            {
                length++;
            }

            return text[..length];
        }
    }
}

using System.Collections.Frozen;
using Ganss.Xss;

namespace DevOpsVision.Blogging.Posts.Rendering;

/// <summary>
/// Tells, without the sanitizer, that it would give back an opening tag as written: a common element with only
/// allowed attributes, each written as the serializer writes it (<c> name="value"</c>), with no character it would
/// escape and, in URL attributes, a relative URL or one with an allowed scheme; and tells a tag the sanitizer is sure
/// to write otherwise. Anything else is left to the sanitizer to judge; a test holds both answers to the sanitizer's
/// for every tag of the corpora and many crafted ones.
/// </summary>
/// <remarks>
/// Each distinct tag in a blog costs the sanitizer a full HTML parse of its own the first time it is seen, and most
/// tags of real posts (<c>&lt;a href="https://…"&gt;</c>, <c>&lt;img src="…" alt="…"&gt;</c>, <c>&lt;div class="…"&gt;</c>)
/// are plainly safe.
/// </remarks>
internal sealed class PlainStartTag
{
    private const int MaxAttributes = 8;

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _allowedTags;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _allowedAttributes;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _urlAttributes;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _allowedSchemes;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _urlListAttributes;
    private readonly bool _classesFiltered;
    private readonly bool _dataAttributesAllowed;

    /// <summary>
    /// Reads the sanitizer's policy; it must not change afterwards, and the sanitizer must have no handlers for its
    /// events (a handler could change what it gives back; the library's own sanitizer has none).
    /// </summary>
    public PlainStartTag(HtmlSanitizer sanitizer)
    {
        _allowedTags = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, [.. sanitizer.AllowedTags]).GetAlternateLookup<ReadOnlySpan<char>>();
        _allowedAttributes = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, [.. sanitizer.AllowedAttributes]).GetAlternateLookup<ReadOnlySpan<char>>();
        _urlAttributes = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, [.. sanitizer.UriAttributes]).GetAlternateLookup<ReadOnlySpan<char>>();
        _allowedSchemes = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, [.. sanitizer.AllowedSchemes]).GetAlternateLookup<ReadOnlySpan<char>>();
        _urlListAttributes = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, [.. sanitizer.UriListAttributes]).GetAlternateLookup<ReadOnlySpan<char>>();
        _classesFiltered = sanitizer.AllowedClasses.Count > 0;
        _dataAttributesAllowed = sanitizer.AllowDataAttributes;
    }

    /// <summary>
    /// True only if the sanitizer is sure to give back <paramref name="tag"/> unchanged (with its closing tag);
    /// false means "ask the sanitizer", not "unsafe".
    /// </summary>
    public bool IsKeptAsWritten(ReadOnlySpan<char> tag) => Judge(tag) == TagVerdict.Kept;

    /// <summary>
    /// Whether the sanitizer is sure to give back <paramref name="tag"/> as written (<see cref="TagVerdict.Kept"/>), sure
    /// to write it otherwise (<see cref="TagVerdict.Rewritten"/>: its serializer writes names in lower case and every
    /// attribute as <c> name="value"</c>, and drops attributes it does not allow), or neither (<see cref="TagVerdict.Ask"/>).
    /// </summary>
    /// <remarks>
    /// Only <see cref="TagVerdict.Kept"/> lets a tag through without the sanitizer. A tag wrongly judged rewritten costs
    /// nothing but time (its block goes to the sanitizer whole), and asking the sanitizer about one tag costs a full HTML
    /// parse, so tags written by hand (<c>&lt;H1&gt;</c>, <c>style="float: right;"</c>, <c>alt= "…"</c>) are not asked.
    /// </remarks>
    public TagVerdict Judge(ReadOnlySpan<char> tag)
    {
        if (tag.Length < 3 || tag[0] != '<' || tag[^1] != '>')
        {
            return TagVerdict.Ask;
        }

        // What lies between the name and the closing '>'; a void element's self-closing slash (and the spaces
        // before it) is dropped by the serializer, as the caller expects.
        int end = tag.Length - 1;
        bool selfClosing = tag[end - 1] == '/';
        if (selfClosing)
        {
            end--;
            while (tag[end - 1] == ' ')
            {
                end--;
            }

            if (IsWhiteSpace(tag[end - 1]))
            {
                // Other white space before the slash: the caller drops it too, so only the sanitizer can tell.
                return TagVerdict.Ask;
            }
        }

        // The serializer writes names in lower case; tag[^1] is '>', so neither scan below runs off the end.
        int i = 1;
        while (char.IsAsciiLetterLower(tag[i]) || (i > 1 && char.IsAsciiDigit(tag[i])))
        {
            i++;
        }

        ReadOnlySpan<char> name = tag[1..i];
        if (char.IsAsciiLetterUpper(tag[i]))
        {
            return TagVerdict.Rewritten;
        }

        if (name.IsEmpty)
        {
            return TagVerdict.Ask;
        }

        if (!_allowedTags.Contains(name))
        {
            // An element the sanitizer drops, unless its name goes on with characters not read here (a custom element).
            return IsEndOfName(tag[i]) ? TagVerdict.Rewritten : TagVerdict.Ask;
        }

        if (name is "caption" or "col" or "colgroup" or "tbody" or "td" or "tfoot" or "th" or "thead" or "tr")
        {
            // The parser drops a part of a table met outside one.
            return TagVerdict.Rewritten;
        }

        if (selfClosing && !WellFormedHtml.VoidElements.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name))
        {
            return TagVerdict.Rewritten;
        }

        Span<Range> seen = stackalloc Range[MaxAttributes];
        int attributes = 0;
        // A lone opening tag of another element may not be built as written (a table cell outside a table is dropped),
        // but what the serializer rewrites below it rewrites for every element.
        TagVerdict verdict = WellFormedHtml.IsCommonElement(name) ? TagVerdict.Kept : TagVerdict.Ask;
        while (i < end)
        {
            if (tag[i] != ' ' || IsWhiteSpace(tag[i + 1]) || i + 1 == end)
            {
                // White space the serializer writes as one space, or a space before the '>'.
                return IsWhiteSpace(tag[i]) ? TagVerdict.Rewritten : TagVerdict.Ask;
            }

            if (attributes == MaxAttributes)
            {
                return TagVerdict.Ask;
            }

            int nameStart = ++i;
            while (char.IsAsciiLetterLower(tag[i]) || (i > nameStart && (tag[i] == '-' || char.IsAsciiDigit(tag[i]))))
            {
                i++;
            }

            if (i == nameStart)
            {
                return TagVerdict.Ask;
            }

            ReadOnlySpan<char> attribute = tag[nameStart..i];
            if (char.IsAsciiLetterUpper(tag[i]))
            {
                return TagVerdict.Rewritten;
            }

            if (!_allowedAttributes.Contains(attribute))
            {
                // An attribute the sanitizer drops, unless its name goes on with characters not read here (xml:lang).
                return (tag[i] == '=' || IsEndOfName(tag[i])) && !(_dataAttributesAllowed && attribute.StartsWith("data-"))
                    ? TagVerdict.Rewritten
                    : TagVerdict.Ask;
            }

            if (tag[i] != '=' || tag[i + 1] != '"')
            {
                // A bare attribute (written back as name=""), a space around '=', or a value in single quotes or none.
                return tag[i] == '=' || IsEndOfName(tag[i]) ? TagVerdict.Rewritten : TagVerdict.Ask;
            }

            int valueStart = i + 2;
            int valueLength = tag[valueStart..end].IndexOf('"');
            if (valueLength < 0)
            {
                return TagVerdict.Ask;
            }

            ReadOnlySpan<char> value = tag.Slice(valueStart, valueLength);
            if (attribute is "style" && IsRewrittenStyle(value))
            {
                return TagVerdict.Rewritten;
            }

            // The parser keeps only the first of two attributes with one name.
            for (int k = 0; k < attributes; k++)
            {
                if (tag[seen[k]].SequenceEqual(attribute))
                {
                    return TagVerdict.Rewritten;
                }
            }

            if (!IsKeptAttribute(attribute, value))
            {
                verdict = TagVerdict.Ask;
            }

            seen[attributes++] = nameStart..i;
            i = valueStart + valueLength + 1;
        }

        return i == end ? verdict : TagVerdict.Ask;
    }

    private static bool IsWhiteSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    /// <summary>Where the HTML tokenizer ends a tag or attribute name.</summary>
    private static bool IsEndOfName(char c) => IsWhiteSpace(c) || c is '>' or '/';

    /// <summary>
    /// A style the CSS serializer is sure to write otherwise: it ends declarations without a semicolon after the last
    /// and writes one space after each colon and semicolon.
    /// </summary>
    private static bool IsRewrittenStyle(ReadOnlySpan<char> style)
    {
        if (style.Contains('&'))
        {
            // Entities (&quot;) read otherwise than written: only the sanitizer can tell.
            return false;
        }

        if (style.Length > 0 && (style[0] == ' ' || style[^1] == ' '))
        {
            return true;
        }

        for (int k = 0; k < style.Length; k++)
        {
            if (style[k] is ':' or ';' && (k + 1 == style.Length || style[k + 1] != ' '))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsKeptAttribute(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        // Style is rewritten by a CSS parser; URL lists (srcset, ping) and srcdoc documents are rebuilt entry by entry.
        if (name is "style" or "srcset" or "srcdoc" || _urlListAttributes.Contains(name) || (_classesFiltered && name is "class"))
        {
            return false;
        }

        bool url = _urlAttributes.Contains(name);
        foreach (char c in value)
        {
            // Escaped by the serializer (& " U+00A0 < >), rewritten by the parser (CR, NUL), or not plain in a URL.
            if ((c < ' ' && (url || c is not ('\n' or '\t'))) || c is '"' or '&' or '<' or '>' or '\u007F' or '\u00A0'
                || char.IsSurrogate(c) || (url && c > '\u007F'))
            {
                return false;
            }
        }

        return !url || IsKeptUrl(value);
    }

    private bool IsKeptUrl(ReadOnlySpan<char> url)
    {
        // The sanitizer reads a scheme as everything before the first colon that has no '/' or '#' before it.
        // White space before a scheme is skipped by browsers and by the sanitizer's scheme check alike.
        if (url.IsEmpty || url[0] == ' ')
        {
            return false;
        }

        int colon = url.IndexOf(':');
        if (colon < 0)
        {
            return true;
        }

        ReadOnlySpan<char> scheme = url[..colon];
        if (scheme.IndexOfAny('/', '#') >= 0)
        {
            return true;
        }

        foreach (char c in scheme)
        {
            if (!char.IsAsciiLetterLower(c))
            {
                return false;
            }
        }

        return _allowedSchemes.Contains(scheme);
    }
}

/// <summary>What <see cref="PlainStartTag.Judge"/> can tell of an opening tag without the sanitizer.</summary>
internal enum TagVerdict
{
    /// <summary>Only the sanitizer can tell.</summary>
    Ask,

    /// <summary>The sanitizer gives it back as written.</summary>
    Kept,

    /// <summary>The sanitizer writes it otherwise, or drops it.</summary>
    Rewritten,
}

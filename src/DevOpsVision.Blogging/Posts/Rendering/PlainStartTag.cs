using System.Collections.Frozen;
using Ganss.Xss;

namespace DevOpsVision.Blogging.Posts.Rendering;

/// <summary>
/// Tells, without the sanitizer, that it would give back an opening tag as written: a common element with only
/// allowed attributes, each written as the serializer writes it (<c> name="value"</c>), with no character it would
/// escape and, in URL attributes, a relative URL or one with an allowed scheme. Anything else is left to the
/// sanitizer to judge; a test holds this to the sanitizer's answer for every tag of the corpora and many crafted ones.
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
    }

    /// <summary>
    /// True only if the sanitizer is sure to give back <paramref name="tag"/> unchanged (with its closing tag);
    /// false means "ask the sanitizer", not "unsafe".
    /// </summary>
    public bool IsKeptAsWritten(ReadOnlySpan<char> tag)
    {
        if (tag.Length < 3 || tag[0] != '<' || tag[^1] != '>')
        {
            return false;
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
        }

        // The serializer writes names in lower case; tag[^1] is '>', so neither scan below runs off the end.
        int i = 1;
        while (char.IsAsciiLetterLower(tag[i]) || (i > 1 && char.IsAsciiDigit(tag[i])))
        {
            i++;
        }

        ReadOnlySpan<char> name = tag[1..i];
        if (name.IsEmpty || !WellFormedHtml.IsCommonElement(name) || !_allowedTags.Contains(name)
            || (selfClosing && !WellFormedHtml.VoidElements.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name)))
        {
            return false;
        }

        Span<Range> seen = stackalloc Range[MaxAttributes];
        int attributes = 0;
        while (i < end)
        {
            if (tag[i] != ' ' || attributes == MaxAttributes)
            {
                return false;
            }

            int nameStart = ++i;
            while (char.IsAsciiLetterLower(tag[i]) || (i > nameStart && (tag[i] == '-' || char.IsAsciiDigit(tag[i]))))
            {
                i++;
            }

            if (i == nameStart || tag[i] != '=' || tag[i + 1] != '"')
            {
                return false;
            }

            ReadOnlySpan<char> attribute = tag[nameStart..i];
            int valueStart = i + 2;
            int valueLength = tag[valueStart..end].IndexOf('"');
            if (valueLength < 0 || !IsKeptAttribute(attribute, tag.Slice(valueStart, valueLength)))
            {
                return false;
            }

            // The parser keeps only the first of two attributes with one name.
            for (int k = 0; k < attributes; k++)
            {
                if (tag[seen[k]].SequenceEqual(attribute))
                {
                    return false;
                }
            }

            seen[attributes++] = nameStart..i;
            i = valueStart + valueLength + 1;
        }

        return i == end;
    }

    private bool IsKeptAttribute(ReadOnlySpan<char> name, ReadOnlySpan<char> value)
    {
        // Style is rewritten by a CSS parser; URL lists (srcset, ping) and srcdoc documents are rebuilt entry by entry.
        if (!_allowedAttributes.Contains(name) || name is "style" or "srcset" or "srcdoc" || _urlListAttributes.Contains(name)
            || (_classesFiltered && name is "class"))
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

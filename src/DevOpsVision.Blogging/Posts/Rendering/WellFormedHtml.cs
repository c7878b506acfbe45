using System.Collections.Frozen;
using DevOpsVision.Blogging.Text;

namespace DevOpsVision.Blogging.Posts.Rendering;

/// <summary>
/// Recognises raw HTML that the sanitizer would give back as it is, so most of a post's HTML blocks skip a full HTML
/// parse: a few common elements, nested as the HTML parser builds them, each opening tag one the sanitizer leaves
/// unchanged (asked once per distinct tag), and text with nothing the serializer escapes.
/// </summary>
/// <remarks>
/// The elements are those whose nesting the parser keeps exactly as written once every element is closed explicitly
/// and in order, with the few cases where it would not (a block inside a paragraph, a link inside a link, a heading
/// inside a heading, a list item inside a list item) refused. Comments and closing tags with nothing open are dropped,
/// as the sanitizer drops them. Anything else (tables, <c>pre</c>, entities, forms, scripts) goes to the sanitizer,
/// which is what a test checks this against, fragment by fragment.
/// </remarks>
internal static class WellFormedHtml
{
    /// <summary>Whether the sanitizer gives back one opening tag as written (with its closing tag, for a non-void element).</summary>
    public delegate bool TagCheck(ReadOnlySpan<char> tag);

    // Elements the parser nests as written; "special" in the HTML parsing algorithm where it matters below.
    private static readonly FrozenSet<string> Phrasing = FrozenSet.Create(StringComparer.Ordinal,
        "a", "abbr", "b", "br", "cite", "code", "del", "em", "i", "img", "ins", "kbd", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "u");

    private static readonly FrozenSet<string> Blocks = FrozenSet.Create(StringComparer.Ordinal,
        "article", "aside", "blockquote", "details", "div", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "ol", "p", "section", "summary", "ul");

    /// <summary>Whether <paramref name="name"/> (lower case) is one of the elements a lone opening tag of which the parser builds as written.</summary>
    public static bool IsCommonElement(ReadOnlySpan<char> name) =>
        Phrasing.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name) || Blocks.GetAlternateLookup<ReadOnlySpan<char>>().Contains(name);

    /// <summary>HTML's void elements: never closed, and written without their self-closing slash.</summary>
    public static readonly FrozenSet<string> VoidElements = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr");

    /// <summary>The most elements open at once: deeper HTML is left to the sanitizer.</summary>
    private const int MaxDepth = 64;

    [ThreadStatic]
    private static string[]? t_names;

    /// <summary>
    /// What the sanitizer would make of <paramref name="html"/>, when this can tell without it: the HTML itself, without
    /// its comments and stray closing tags, and with void elements' self-closing slashes dropped as the serializer
    /// drops them; otherwise <see langword="null"/>.
    /// </summary>
    /// <param name="html">A fragment of raw HTML.</param>
    /// <param name="unchanged">Whether the sanitizer gives back one opening tag as written.</param>
    public static string? PassThrough(string html, TagCheck unchanged)
    {
        // The open elements' names, kept for the thread: the method is not reentrant, and a block used to cost one.
        string[] names = t_names ??= new string[MaxDepth];
        int depth = 0;
        System.Text.StringBuilder? rewritten = null;
        int copied = 0;
        int i = 0;
        while (i < html.Length)
        {
            int lt = html.IndexOf('<', i);
            int textEnd = lt < 0 ? html.Length : lt;

            // The serializer escapes these in text; CR and NUL are rewritten by the parser.
            if (html.AsSpan(i, textEnd - i).IndexOfAny("&>\u00A0\r\0") >= 0)
            {
                return null;
            }

            if (lt < 0)
            {
                break;
            }

            if (html.AsSpan(lt).StartsWith("<!--", StringComparison.Ordinal))
            {
                // The sanitizer drops comments: so does this, when the comment ends plainly ("-->").
                int close = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
                ReadOnlySpan<char> comment = close < 0 ? default : html.AsSpan(lt + 4, close - lt - 4);
                if (close < 0 || comment.StartsWith('>') || comment.StartsWith("->", StringComparison.Ordinal) || comment.Contains("--!>", StringComparison.Ordinal))
                {
                    return null;
                }

                rewritten ??= new System.Text.StringBuilder(html.Length);
                rewritten.Append(html, copied, lt - copied);
                copied = close + 3;
                i = close + 3;
                continue;
            }

            int end = TagEnd(html, lt);
            if (end < 0 || lt + 2 > end)
            {
                return null;
            }

            ReadOnlySpan<char> tag = html.AsSpan(lt, end - lt + 1);
            if (tag[1] == '/')
            {
                if (depth == 0 && KnownName(tag[2..^1]) is { } stray && stray is not ("p" or "br") && stray.Length == tag.Length - 3)
                {
                    // A closing tag with nothing open (HTML split at a blank line) is ignored by the parser; "</p>"
                    // and "</br>" are not, they make elements.
                    rewritten ??= new System.Text.StringBuilder(html.Length);
                    rewritten.Append(html, copied, lt - copied);
                    copied = end + 1;
                    i = end + 1;
                    continue;
                }

                // Otherwise only the exact closing tag of the innermost open element.
                if (depth == 0 || !tag[2..^1].SequenceEqual(names[depth - 1]))
                {
                    return null;
                }

                depth--;
                i = end + 1;
                continue;
            }

            string? name = KnownName(tag[1..^1]);
            if (name is null || !Nests(name, names, depth))
            {
                return null;
            }

            bool selfClosing = tag[^2] == '/';
            if ((selfClosing && !VoidElements.Contains(name)) || !unchanged(tag))
            {
                return null;
            }

            if (selfClosing)
            {
                // "<br />" comes out of the serializer as "<br>".
                rewritten ??= new System.Text.StringBuilder(html.Length);
                rewritten.Append(html, copied, lt - copied).Append(tag[..^2].TrimEnd()).Append('>');
                copied = end + 1;
            }

            if (!VoidElements.Contains(name))
            {
                if (depth == MaxDepth)
                {
                    return null;
                }

                names[depth++] = name;
            }

            i = end + 1;
        }

        if (depth != 0)
        {
            return null;
        }

        return rewritten is null ? html : rewritten.Append(html, copied, html.Length - copied).ToString();
    }

    /// <summary>Where the tag that starts at <paramref name="lt"/> ends (its <c>&gt;</c>), outside quoted attribute values; -1 if it does not.</summary>
    private static int TagEnd(string html, int lt)
    {
        int end = QuotedText.IndexOutsideQuotes(html.AsSpan(lt + 1), '>', "\"'");
        return end < 0 ? -1 : lt + 1 + end;
    }

    /// <summary>The element an opening tag's text (between its brackets) names, if it is one of the elements handled here.</summary>
    private static string? KnownName(ReadOnlySpan<char> inside)
    {
        int length = 0;
        while (length < inside.Length && (char.IsAsciiLetterLower(inside[length]) || (length > 0 && char.IsAsciiDigit(inside[length]))))
        {
            length++;
        }

        // The name must end the tag or be followed by white space or a slash ("<br/>").
        if (length == 0 || (length < inside.Length && inside[length] is not (' ' or '\n' or '/')))
        {
            return null;
        }

        ReadOnlySpan<char> name = inside[..length];
        FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> phrasing = Phrasing.GetAlternateLookup<ReadOnlySpan<char>>();
        FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> blocks = Blocks.GetAlternateLookup<ReadOnlySpan<char>>();
        return phrasing.TryGetValue(name, out string? known) || blocks.TryGetValue(name, out known) ? known : null;
    }

    /// <summary>Whether the parser would put <paramref name="name"/> inside the open elements as they are.</summary>
    private static bool Nests(string name, string[] open, int depth)
    {
        bool block = Blocks.Contains(name);
        bool heading = name.Length == 2 && name[0] == 'h';
        for (int d = depth - 1; d >= 0; d--)
        {
            string outer = open[d];

            // A block closes an open paragraph; a link inside a link and a heading inside a heading are rebuilt.
            if ((block && outer == "p") || (name == "a" && outer == "a") || (heading && outer.Length == 2 && outer[0] == 'h'))
            {
                return false;
            }
        }

        if (name == "li")
        {
            // A list item closes an open list item unless a special element other than div and p lies between.
            for (int d = depth - 1; d >= 0; d--)
            {
                string outer = open[d];
                if (outer == "li")
                {
                    return false;
                }

                if (Blocks.Contains(outer) && outer is not ("div" or "p"))
                {
                    break;
                }
            }
        }

        return true;
    }
}

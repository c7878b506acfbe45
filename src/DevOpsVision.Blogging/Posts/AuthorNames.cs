using System.Text;

namespace DevOpsVision.Blogging.Posts;

/// <summary>
/// Reads the author strings blogs write in front matter: <c>Jane Doe</c>, <c>Jane Doe and John Roe</c>,
/// and Hugo's Markdown form <c>[Jane Doe](https://github.com/jane) (Company), [John Roe](...)</c>.
/// </summary>
internal static class AuthorNames
{
    public static void Parse(string value, List<PostAuthor> authors)
    {
        string text = CollapseWhitespace(value);
        if (text.Length == 0)
        {
            return;
        }

        bool hasLinks = text.Contains("](", StringComparison.Ordinal);
        foreach (string segment in SplitTopLevel(text))
        {
            if (AddLinks(segment, authors))
            {
                continue;
            }

            string plain = RemoveParentheses(segment).Trim();
            if (plain.Length == 0)
            {
                continue;
            }

            // Beside linked names, a lone word such as ", Cisco" is an affiliation, not a person.
            if (hasLinks && !plain.Contains(' ', StringComparison.Ordinal))
            {
                continue;
            }

            Add(authors, plain, null);
        }
    }

    private static void Add(List<PostAuthor> authors, string name, string? url)
    {
        name = name.Trim();
        if (name.Length == 0)
        {
            return;
        }

        foreach (PostAuthor existing in authors)
        {
            if (string.Equals(existing.Name, name, StringComparison.Ordinal))
            {
                return;
            }
        }

        authors.Add(new PostAuthor(name, string.IsNullOrWhiteSpace(url) ? null : url.Trim()));
    }

    private static string CollapseWhitespace(string value)
    {
        var builder = new StringBuilder(value.Length);
        bool space = false;
        foreach (char c in value.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Splits at commas, semicolons, " and " and " &amp; " that are outside brackets and parentheses.</summary>
    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '[' or '(')
            {
                depth++;
            }
            else if (c is ']' or ')')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                int separatorLength = c is ',' or ';' ? 1
                    : text.AsSpan(i).StartsWith(" and ", StringComparison.OrdinalIgnoreCase) ? 5
                    : text.AsSpan(i).StartsWith(" & ", StringComparison.Ordinal) ? 3
                    : 0;
                if (separatorLength > 0)
                {
                    parts.Add(text[start..i]);
                    start = i + separatorLength;
                    i = start - 1;
                }
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    /// <summary>Adds every <c>[name](url)</c> in the segment (some strings list linked names with no separator).</summary>
    private static bool AddLinks(string segment, List<PostAuthor> authors)
    {
        bool found = false;
        int at = 0;
        while (true)
        {
            int open = segment.IndexOf('[', at);
            int close = open < 0 ? -1 : segment.IndexOf("](", open, StringComparison.Ordinal);
            if (close < 0)
            {
                return found;
            }

            int urlEnd = segment.IndexOf(')', close + 2);
            string name = segment[(open + 1)..close];
            string url = urlEnd < 0 ? segment[(close + 2)..] : segment[(close + 2)..urlEnd];
            Add(authors, name, url);
            found = true;
            if (urlEnd < 0)
            {
                return true;
            }

            at = urlEnd + 1;
        }
    }

    private static string RemoveParentheses(string segment)
    {
        if (!segment.Contains('(', StringComparison.Ordinal))
        {
            return segment;
        }

        var builder = new StringBuilder(segment.Length);
        int depth = 0;
        foreach (char c in segment)
        {
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

using System.Net;
using System.Text;
using DevOpsVision.Blogging.Text;

namespace DevOpsVision.Blogging.Feeds;

/// <summary>
/// Rewrites the URLs inside HTML (<c>href</c>, <c>src</c>, <c>poster</c>, <c>srcset</c>) to absolute ones, because
/// feed readers show content away from the page it came from. The HTML is the library's own output (rendered
/// and sanitized), so a scan of its tags is enough; a post without relative URLs comes back unchanged.
/// </summary>
internal static class HtmlUrls
{
    public static string MakeAbsolute(string html, Uri pageUrl)
    {
        if (html.Length == 0 || !html.Contains('<', StringComparison.Ordinal))
        {
            return html;
        }

        StringBuilder? output = null;
        int copied = 0;
        int i = 0;
        while (true)
        {
            int tag = html.IndexOf('<', i);
            if (tag < 0 || tag + 1 >= html.Length)
            {
                break;
            }

            int end = TagEnd(html, tag + 1);
            if (end < 0)
            {
                break;
            }

            if (char.IsAsciiLetter(html[tag + 1]))
            {
                RewriteAttributes(html, tag + 1, end, pageUrl, ref output, ref copied);
            }

            i = end + 1;
        }

        if (output is null)
        {
            return html;
        }

        output.Append(html, copied, html.Length - copied);
        return output.ToString();
    }

    /// <summary>The index of the <c>&gt;</c> that ends a tag, skipping quoted attribute values.</summary>
    private static int TagEnd(string html, int i)
    {
        int end = QuotedText.IndexOutsideQuotes(html.AsSpan(i), '>', "\"'");
        return end < 0 ? -1 : i + end;
    }

    private static void RewriteAttributes(string html, int start, int end, Uri pageUrl, ref StringBuilder? output, ref int copied)
    {
        int i = start;
        while (i < end && !char.IsWhiteSpace(html[i]) && html[i] != '/')
        {
            i++;
        }

        while (i < end)
        {
            while (i < end && (char.IsWhiteSpace(html[i]) || html[i] == '/'))
            {
                i++;
            }

            int nameStart = i;
            while (i < end && html[i] is not ('=' or '>' or '/') && !char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            ReadOnlySpan<char> name = html.AsSpan(nameStart, i - nameStart);
            while (i < end && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            if (i >= end || html[i] != '=')
            {
                continue;
            }

            i++;
            while (i < end && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            int valueStart, valueEnd;
            if (i < end && html[i] is '"' or '\'')
            {
                char quote = html[i];
                valueStart = i + 1;
                valueEnd = html.IndexOf(quote, valueStart);
                if (valueEnd < 0 || valueEnd > end)
                {
                    return;
                }

                i = valueEnd + 1;
            }
            else
            {
                valueStart = i;
                while (i < end && !char.IsWhiteSpace(html[i]))
                {
                    i++;
                }

                valueEnd = i;
            }

            bool isSet = name.Equals("srcset", StringComparison.OrdinalIgnoreCase);
            if (!isSet && !name.Equals("href", StringComparison.OrdinalIgnoreCase) && !name.Equals("src", StringComparison.OrdinalIgnoreCase) && !name.Equals("poster", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            string value = html[valueStart..valueEnd];
            string? rewritten = isSet ? RewriteSrcset(value, pageUrl) : Rewrite(value, pageUrl);
            if (rewritten is null)
            {
                continue;
            }

            output ??= new StringBuilder(html.Length + 256);
            output.Append(html, copied, valueStart - copied).Append(rewritten);
            copied = valueEnd;
        }
    }

    /// <summary>The absolute form of an attribute value, HTML-encoded, or <see langword="null"/> when it is already absolute.</summary>
    private static string? Rewrite(string encoded, Uri pageUrl)
    {
        string url = WebUtility.HtmlDecode(encoded).Trim();
        if (url.Length == 0 || IsAbsolute(url))
        {
            return null;
        }

        return Resolve(pageUrl, url) is { } absolute ? WebUtility.HtmlEncode(absolute) : null;
    }

    /// <summary>
    /// A relative URL made absolute as a browser makes it (a backslash is a slash), or an empty string when that is not
    /// an http or https URL: .NET reads <c>\\host\share</c> as a <c>file:</c> path, which a feed reader on Windows would
    /// open over SMB.
    /// </summary>
    private static string? Resolve(Uri pageUrl, string url)
    {
        if (!Uri.TryCreate(pageUrl, url.Replace('\\', '/'), out Uri? absolute))
        {
            return null;
        }

        return absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps ? absolute.AbsoluteUri : string.Empty;
    }

    private static string? RewriteSrcset(string encoded, Uri pageUrl)
    {
        string[] candidates = WebUtility.HtmlDecode(encoded).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        bool changed = false;
        for (int c = 0; c < candidates.Length; c++)
        {
            int space = candidates[c].IndexOf(' ', StringComparison.Ordinal);
            string url = space < 0 ? candidates[c] : candidates[c][..space];
            if (!IsAbsolute(url) && Resolve(pageUrl, url) is { } absolute)
            {
                candidates[c] = absolute + (space < 0 ? string.Empty : candidates[c][space..]);
                changed = true;
            }
        }

        return changed ? WebUtility.HtmlEncode(string.Join(", ", candidates)) : null;
    }

    private static bool IsAbsolute(string url)
    {
        int colon = url.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && url.AsSpan(0, colon).IndexOfAny('/', '?', '#') < 0;
    }
}

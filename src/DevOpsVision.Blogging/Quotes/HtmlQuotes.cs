using System.Text;

namespace DevOpsVision.Blogging.Quotes;

/// <summary>A quotation found in raw HTML.</summary>
internal sealed record HtmlQuote(QuoteKind Kind, IReadOnlyList<string> Paragraphs, Attribution Attribution, bool Explicit);

/// <summary>
/// Reads quotations out of raw HTML blocks (read by <see cref="HtmlNode"/>): <c>&lt;blockquote cite&gt;</c>,
/// figures and their captions, Quotebacks, tweets, pull quotes and <c>&lt;q&gt;</c>.
/// </summary>
internal static class HtmlQuotes
{
    /// <summary>Whether the HTML may hold a quotation; most raw HTML (divs, images, comments) does not, and skips the parser.</summary>
    public static bool MayHoldQuotes(string html) =>
        html.Contains("<blockquote", StringComparison.OrdinalIgnoreCase)
        || html.Contains("<q", StringComparison.OrdinalIgnoreCase)
        || html.Contains("pullquote", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the quotations of a post's raw HTML blocks.</summary>
    /// <param name="blocks">The blocks, by a key of the caller's.</param>
    /// <returns>The quotations found, by block key; blocks without any are left out.</returns>
    public static Dictionary<int, List<HtmlQuote>> ExtractAll(IReadOnlyList<(int Key, string Html)> blocks)
    {
        var result = new Dictionary<int, List<HtmlQuote>>();
        foreach ((int key, string html) in blocks)
        {
            var quotes = new List<HtmlQuote>();
            Walk(HtmlNode.Parse(html), quotes, inCode: false, 0);
            if (quotes.Count > 0)
            {
                result[key] = quotes;
            }
        }

        return result;
    }

    private static void Walk(HtmlNode element, List<HtmlQuote> quotes, bool inCode, int depth)
    {
        if (depth > 64)
        {
            return;
        }

        foreach (HtmlNode child in element.Nodes)
        {
            if (child.IsText)
            {
                continue;
            }

            switch (child.Name)
            {
                case "blockquote" when !inCode:
                    // Its inner quotations are part of it; a nested blockquote is not read on its own.
                    ReadBlockquote(child, quotes);
                    continue;
                case "aside" when !inCode && (HasClass(child, "pullquote") || HasClass(child, "pull-quote")):
                    ReadPullQuote(child, quotes);
                    continue;
                case "q" when !inCode:
                    var attribution = new Attribution { Url = child.GetAttribute("cite") };
                    string text = NormalizedText(child);
                    if (text.Length > 0)
                    {
                        quotes.Add(new HtmlQuote(QuoteKind.HtmlQ, [text], attribution, attribution.Url is not null));
                    }

                    continue;
            }

            Walk(child, quotes, inCode || child.Name is "pre" or "code" or "kbd" or "samp" or "script" or "style", depth + 1);
        }
    }

    private static void ReadBlockquote(HtmlNode blockquote, List<HtmlQuote> quotes)
    {
        var attribution = new Attribution { Url = blockquote.GetAttribute("cite") };
        QuoteKind kind = QuoteKind.HtmlBlockquote;
        bool explicitSource = attribution.Url is not null;
        HtmlNode? figure = blockquote.Parent is { Name: "figure" } parent ? parent : null;
        if (HasClass(blockquote, "twitter-tweet") || HasClass(blockquote, "mastodon-embed") || HasClass(blockquote, "bluesky-embed"))
        {
            kind = QuoteKind.Embed;
        }
        else if (HasClass(blockquote, "quoteback"))
        {
            kind = QuoteKind.Embed;
            Attributions.AddPeople(blockquote.GetAttribute("data-author") ?? string.Empty, attribution);
            attribution.Work = blockquote.GetAttribute("data-title");
            explicitSource = true;
        }
        else if (HasClass(blockquote, "pullquote") || (figure is not null && (HasClass(figure, "wp-block-pullquote") || HasClass(figure, "pullquote"))))
        {
            kind = QuoteKind.PullQuote;
        }
        else if (figure is not null)
        {
            kind = QuoteKind.Figure;
        }

        var paragraphs = new List<string>();
        string? tail = null;
        HtmlNode? titleElement = null;
        foreach (HtmlNode node in blockquote.Nodes)
        {
            if (tail is not null && kind == QuoteKind.Embed)
            {
                // After a tweet's "— Name (@handle)" comes only its date link.
                continue;
            }

            if (!node.IsText)
            {
                HtmlNode child = node;
                switch (child.Name)
                {
                    case "footer" or "cite" or "figcaption":
                        tail = NormalizedText(child);
                        titleElement = child.Find("cite", "em", "i");
                        continue;
                    case "pre" or "code" or "script" or "style":
                        continue;
                    case "p" when paragraphs.Count > 0 && kind == QuoteKind.Embed && !child.HasElementAfter() && StartsWithDash(child.TextContent):
                        tail = NormalizedText(child);
                        continue;
                }

                string text = NormalizedText(child);
                if (text.Length > 0)
                {
                    paragraphs.Add(text);
                }
            }
            else
            {
                string text = NormalizedText(node);
                if (text.Length > 0)
                {
                    if (kind == QuoteKind.Embed && StartsWithDash(text))
                    {
                        tail = text;
                    }
                    else
                    {
                        paragraphs.Add(text);
                    }
                }
            }
        }

        if (figure is not null && figure.Find("figcaption") is { } caption && tail is null)
        {
            tail = NormalizedText(caption);
            titleElement = caption.Find("cite", "em", "i");
        }

        if (tail is null && paragraphs.Count > 1 && Attributions.IsTail(paragraphs[^1], out _))
        {
            tail = paragraphs[^1];
            paragraphs.RemoveAt(paragraphs.Count - 1);
        }

        if (tail is not null)
        {
            string stripped = StripDash(tail);
            Attribution parsed = Attributions.ParsePlain(stripped);
            if (titleElement is not null)
            {
                string title = Attributions.CleanTitle(titleElement.TextContent);
                if (title.Length > 0)
                {
                    parsed = Attributions.ParsePlain(stripped);
                    parsed.Work = title;
                    parsed.People.Clear();
                    int at = stripped.IndexOf(title, StringComparison.Ordinal);
                    Attributions.AddPeople(at > 0 ? stripped[..at].TrimEnd(' ', ',', '“', '"') : string.Empty, parsed);
                }
            }

            if (kind == QuoteKind.Embed && parsed.People.Count == 0)
            {
                // A tweet: "— Jane Roe (@jane) June 1, 2024".
                string name = stripped.Split('(')[0].Trim();
                Attributions.AddPeople(name, parsed);
            }

            parsed.Url = attribution.Url ?? parsed.Url;
            parsed.Work ??= attribution.Work;
            if (parsed.People.Count == 0)
            {
                parsed.People.AddRange(attribution.People);
            }

            attribution = parsed;
            explicitSource = true;
        }

        if (paragraphs.Count > 0)
        {
            quotes.Add(new HtmlQuote(kind, paragraphs, attribution, explicitSource));
        }
    }

    private static void ReadPullQuote(HtmlNode aside, List<HtmlQuote> quotes)
    {
        var attribution = new Attribution();
        bool explicitSource = false;
        if (aside.Find("cite") is { } cite)
        {
            attribution = Attributions.ParsePlain(StripDash(NormalizedText(cite)));
            explicitSource = true;
        }

        var paragraphs = new List<string>();
        foreach (HtmlNode child in aside.Nodes)
        {
            if (child.IsText || child.Name is "cite" or "footer")
            {
                continue;
            }

            string text = NormalizedText(child);
            if (text.Length > 0)
            {
                paragraphs.Add(text);
            }
        }

        if (paragraphs.Count == 0)
        {
            string text = NormalizedText(aside);
            if (text.Length > 0)
            {
                paragraphs.Add(text);
            }
        }

        if (paragraphs.Count > 0)
        {
            quotes.Add(new HtmlQuote(QuoteKind.PullQuote, paragraphs, attribution, explicitSource));
        }
    }

    private static bool HasClass(HtmlNode element, string name) => element.HasClass(name);

    private static bool StartsWithDash(string text)
    {
        ReadOnlySpan<char> trimmed = text.AsSpan().TrimStart();
        return trimmed.Length > 0 && trimmed[0] is '—' or '―' or '–' or '-' or '~';
    }

    private static string StripDash(string text) => text.TrimStart().TrimStart('—', '―', '–', '-', '~', ' ').Trim();

    // What Normalize turns into a plain space, except the plain space itself.
    private static readonly System.Buffers.SearchValues<char> OtherSpaces = CreateOtherSpaces();

    private static System.Buffers.SearchValues<char> CreateOtherSpaces()
    {
        var spaces = new List<char>();
        for (int c = 0; c <= char.MaxValue; c++)
        {
            if (c != ' ' && (char.IsWhiteSpace((char)c) || c is '\u00A0' or '\u202F'))
            {
                spaces.Add((char)c);
            }
        }

        return System.Buffers.SearchValues.Create([.. spaces]);
    }

    [ThreadStatic]
    private static StringBuilder? t_text;

    /// <summary>An element's text with its white space collapsed (see <see cref="Normalize"/>), made as one string.</summary>
    private static string NormalizedText(HtmlNode node)
    {
        if (node.IsText)
        {
            return Normalize(node.Text);
        }

        StringBuilder text = t_text ??= new StringBuilder(256);
        text.Clear();
        node.AppendText(text);
        var collapsed = new Collapsed(text.Length);
        foreach (ReadOnlyMemory<char> chunk in text.GetChunks())
        {
            collapsed.Append(chunk.Span);
        }

        if (text.Capacity > 64 * 1024)
        {
            t_text = null;
        }

        return collapsed.ToStringAndReturn();
    }

    /// <summary>Collapses white space (including no-break spaces) to single spaces.</summary>
    public static string Normalize(string text)
    {
        // Most texts are already single-spaced: give them back as they are.
        if (text.Length > 0 && text[0] != ' ' && text[^1] != ' ' && text.AsSpan().IndexOfAny(OtherSpaces) < 0
            && !text.Contains("  ", StringComparison.Ordinal))
        {
            return text;
        }

        var collapsed = new Collapsed(text.Length);
        collapsed.Append(text);
        return collapsed.ToStringAndReturn();
    }

    /// <summary>Text with white space collapsed, written into a buffer rented for it: the text is never longer than its source.</summary>
    private ref struct Collapsed(int capacity)
    {
        private readonly char[] _buffer = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(capacity, 1));
        private int _length;
        private bool _space;

        public void Append(ReadOnlySpan<char> text)
        {
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c) || c is '\u00A0' or '\u202F')
                {
                    _space = _length > 0;
                    continue;
                }

                if (_space)
                {
                    _buffer[_length++] = ' ';
                    _space = false;
                }

                _buffer[_length++] = c;
            }
        }

        public readonly string ToStringAndReturn()
        {
            string text = new(_buffer, 0, _length);
            System.Buffers.ArrayPool<char>.Shared.Return(_buffer);
            return text;
        }
    }
}

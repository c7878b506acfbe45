using System.Text;
using System.Text.RegularExpressions;

namespace DevOpsVision.Blogging.Quotes;

/// <summary>
/// The reporting patterns that tie a quotation to its speaker: <c>Q, said S</c>, <c>Q, S said</c>,
/// <c>S said: Q</c>, <c>As S put it, Q</c>, <c>According to S, Q</c>, <c>Q, according to S</c>. Built once
/// from the configured verbs; matched on short windows around a quotation, so their cost does not grow with a paragraph.
/// </summary>
internal sealed class ReportingPatterns
{
    public const int Window = 160;

    private const string Speaker = @"\b(?<s>(?:[\p{Lu}][\p{L}'’\-]*\.?|[\p{Lu}]\.)(?:\s+(?:(?:de|van|von|der|da|di|du|le|la)\s+)?(?:[\p{Lu}][\p{L}'’\-]*\.?|[\p{Lu}]\.)){0,3}|(?i:he|she|they|we|I|it)|(?i:the\s+(?:author|authors|report|book|study|survey|paper)))";

    private readonly Regex _after;
    private readonly Regex _before;
    private readonly Regex _anyVerb;
    private readonly Regex _anywhere;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _verbWords;

    public ReportingPatterns(IEnumerable<string> verbs)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "according", "words" };
        foreach (string verb in verbs)
        {
            string head = verb.Trim().Split(' ', 2)[0].ToLowerInvariant();
            if (head.Length > 0)
            {
                words.UnionWith(Inflect(head));
            }
        }

        _verbWords = words.GetAlternateLookup<ReadOnlySpan<char>>();
        string forms = VerbForms(verbs);
        _after = new Regex(
            @"^\s*[,;]?\s*(?:[—–-]\s*)?(?:(?<v>" + forms + @")\s+" + Speaker + @"|" + Speaker + @"\s+(?:(?:has|had|once|then|later)\s+)?(?<v>" + forms + @")|(?i:according\s+to)\s+" + Speaker + @")\b",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Compiled, Regex.InfiniteMatchTimeout);
        _before = new Regex(
            @"(?:" + Speaker + @"\s+(?:(?:has|had|once|then|later|also|might|may|would|could|will|must)\s+(?:have\s+)?)?(?<v>" + forms + @")(?:\s+(?:me|us|them|him|her|it|this|that))?(?:\s+\w+ly)?(?:\s+as)?(?:\s+(?:to|in|at|on)\s+[^,:.]{1,60})?|(?i:according\s+to)\s+" + Speaker + @"|(?i:in\s+the\s+words\s+of)\s+" + Speaker + @"(?:\s+[^,:]{1,60})?|(?i:as)\s+" + Speaker + @"\s+(?:(?:has|had|once)\s+)?(?<v>" + forms + @")(?:\s+\w+ly)?)\s*[,:]?\s*$",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Compiled | RegexOptions.RightToLeft, Regex.InfiniteMatchTimeout);
        _anywhere = new Regex(
            Speaker + @"(?:,[^,.;:]{1,80},)?\s+(?:(?:has|had|once|also)\s+)?(?<v>" + forms + @")\b",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Compiled, Regex.InfiniteMatchTimeout);
        _anyVerb = new Regex(@"\b(?:" + forms + @"|(?i:according\s+to))\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Compiled, Regex.InfiniteMatchTimeout);
    }

    /// <summary>A speaker named right after a quotation ("…,” said Jane Roe.").</summary>
    public string? SpeakerAfter(string text, int from)
    {
        int length = Math.Min(Window, text.Length - from);
        if (length <= 0)
        {
            return null;
        }

        if (!HasVerbWord(text.AsSpan(from, length)))
        {
            return null;
        }

        // Match(input, beginning, length) treats the window as the whole input: the anchors hold at its edges.
        Match match = _after.Match(text, from, length);
        return match.Success ? match.Groups["s"].Value : null;
    }

    /// <summary>A speaker named right before a quotation ("Jane Roe said: “…").</summary>
    public string? SpeakerBefore(string text, int to)
    {
        int start = Math.Max(0, to - Window);
        if (to <= start)
        {
            return null;
        }

        // "S said: “", "According to S, “", "As S put it “": a letter, comma or colon right before the mark; anything
        // else ("(“", "the “") cannot end a reporting clause, and the costlier right-to-left match is skipped.
        int last = to - 1;
        while (last >= start && char.IsWhiteSpace(text[last]))
        {
            last--;
        }

        if (last < start || !(char.IsLetter(text[last]) || text[last] is ',' or ':'))
        {
            return null;
        }

        if (!HasVerbWord(text.AsSpan(start, to - start)))
        {
            return null;
        }

        Match match = _before.Match(text, start, to - start);
        return match.Success ? match.Groups["s"].Value : null;
    }

    /// <summary>The last speaker a paragraph names with a reporting verb ("Tim Campbell, engineer at X, shared that …").</summary>
    public string? SpeakerIn(string text)
    {
        if (text.Length > 4 * Window)
        {
            text = text[^(4 * Window)..];
        }

        string? speaker = null;
        foreach (Match match in _anywhere.Matches(text))
        {
            speaker = match.Groups["s"].Value;
        }

        return speaker;
    }

    /// <summary>Whether a reporting verb appears in the text near a quotation (same or next sentence).</summary>
    public bool HasCue(string text, int start, int end) =>
        end > start && HasVerbWord(text.AsSpan(start, end - start)) && _anyVerb.IsMatch(text.AsSpan(start, end - start));

    /// <summary>
    /// Whether a window holds a reporting verb (or "according", "words") as a whole word: a hash lookup per word,
    /// so the patterns only run where they can match.
    /// </summary>
    private bool HasVerbWord(ReadOnlySpan<char> window)
    {
        int i = 0;
        while (i < window.Length)
        {
            while (i < window.Length && !char.IsLetter(window[i]))
            {
                i++;
            }

            int start = i;
            while (i < window.Length && char.IsLetter(window[i]))
            {
                i++;
            }

            if (i > start && i - start <= 12 && _verbWords.Contains(window[start..i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string VerbForms(IEnumerable<string> verbs)
    {
        var forms = new List<string>();
        foreach (string raw in verbs)
        {
            string verb = raw.Trim().ToLowerInvariant();
            if (verb.Length == 0)
            {
                continue;
            }

            string[] parts = verb.Split(' ', 2);
            string head = parts[0];
            string rest = parts.Length > 1 ? @"\s+" + Regex.Escape(parts[1]) : string.Empty;
            foreach (string form in Inflect(head))
            {
                forms.Add(Regex.Escape(form) + rest);
            }
        }

        forms.Sort(static (a, b) => b.Length.CompareTo(a.Length));
        var builder = new StringBuilder("(?i:");
        for (int i = 0; i < forms.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : "|").Append(forms[i]);
        }

        return builder.Append(')').ToString();
    }

    private static IEnumerable<string> Inflect(string verb)
    {
        yield return verb;
        switch (verb)
        {
            case "say":
                yield return "says";
                yield return "said";
                yield return "saying";
                yield break;
            case "write":
                yield return "writes";
                yield return "wrote";
                yield return "written";
                yield return "writing";
                yield break;
            case "tell":
                yield return "tells";
                yield return "told";
                yield return "telling";
                yield break;
            case "put":
                yield return "puts";
                yield return "putting";
                yield break;
        }

        bool endsWithE = verb.EndsWith('e');
        yield return verb.EndsWith('s') || verb.EndsWith("sh", StringComparison.Ordinal) || verb.EndsWith("ch", StringComparison.Ordinal) ? verb + "es"
            : verb.EndsWith('y') && verb.Length > 2 && !"aeiou".Contains(verb[^2], StringComparison.Ordinal) ? verb[..^1] + "ies" : verb + "s";
        yield return endsWithE ? verb + "d"
            : verb.EndsWith('y') && verb.Length > 2 && !"aeiou".Contains(verb[^2], StringComparison.Ordinal) ? verb[..^1] + "ied" : verb + "ed";
        yield return endsWithE ? verb[..^1] + "ing" : verb + "ing";
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace DevOpsVision.Blogging.Quotes;

/// <summary>What a piece of evidence says a quote is from.</summary>
internal sealed class Attribution
{
    public List<string> People { get; } = [];

    public string? Work { get; set; }

    public string? Organization { get; set; }

    public string? Url { get; set; }

    public string? Role { get; set; }

    public int? Year { get; set; }

    public string? Locator { get; set; }

    public string? Raw { get; set; }

    public bool IsEmpty => People.Count == 0 && Work is null && Organization is null && Url is null;
}

/// <summary>Reads attributions: tails (<c>— Jane Roe, *Work*</c>), reporting patterns, headings, lead-ins and a post's subject.</summary>
internal static partial class Attributions
{
    private const string NameWord = @"(?:[\p{Lu}][\p{L}'’\-]*\.?|[\p{Lu}]\.)";
    private const string Particle = @"(?:de|van|von|der|den|da|di|du|le|la|bin|al|del|dos|ten|ter)";
    private const string Name = NameWord + @"(?:\s+(?:" + Particle + @"\s+)?" + NameWord + @"){0,3}";

    private static readonly string[] TailStarts = ["—", "―", "–", "--", "~", "- "];
    private static readonly string[] LabelStarts = ["Source:", "Via ", "From ", "By ", "Credit:", "Source ", "via "];

    private static readonly HashSet<string> RoleWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ceo", "cto", "cio", "coo", "cfo", "founder", "co-founder", "cofounder", "president", "vice", "director", "manager", "engineer",
        "designer", "developer", "administrator", "strategist", "author", "editor", "professor", "researcher", "lead", "head", "chief",
        "architect", "analyst", "scientist", "officer", "secretary", "senator", "minister", "consultant", "specialist", "owner", "member",
        "product", "senior", "principal", "staff", "former", "deputy", "executive", "chair", "chairman", "chairwoman", "advisor", "adviser",
        "commissioner", "coordinator", "fellow", "partner", "writer", "journalist", "reporter", "maintainer", "contributor", "user",
    };

    private static readonly HashSet<string> OrganizationWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "inc", "inc.", "ltd", "llc", "corp", "corporation", "company", "institute", "university", "foundation", "agency", "administration",
        "department", "office", "association", "council", "commission", "bureau", "service", "services", "group", "labs", "lab", "gsa",
        "nist", "government", "society", "center", "centre", "project", "team",
    };

    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "The", "This", "That", "These", "Those", "It", "We", "I", "You", "They", "A", "An", "In", "On", "At", "If", "When", "And", "But",
        "Or", "So", "As", "My", "Our", "Your", "Its", "Their", "Here", "There", "What", "Why", "How", "Yes", "No", "Thanks", "Thank",
        "Nobody", "Everyone", "Everybody", "Someone", "Somebody", "Anyone", "Anybody", "People", "Then", "Later", "Also", "Source", "From",
        "Via", "By", "Credit", "According", "He", "She", "His", "Her", "Him", "Them", "Me", "Us",
    };

    [GeneratedRegex(@"\((?<year>(?:1[5-9]|20)\d\d)\)")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"\b(?<loc>(?:p|pp|ch|chap|chapter|page|para|sec|§)\.?\s*\d+(?:\s*[-–]\s*\d+)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LocatorPattern();

    [GeneratedRegex(@"\((?<role>[^()]{2,60})\)")]
    private static partial Regex ParenthesisPattern();

    [GeneratedRegex(@"\b(?:quotes?|quotations?|quotables?|favou?rite\s+(?:lines|passages)|excerpts?)\b", RegexOptions.IgnoreCase)]
    public static partial Regex TriggerPattern();

    [GeneratedRegex(@"\b(?:quotes?|quotations?)\s+by\s+(?<p>.+?)\s*[:.]?$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingPersonPattern();

    [GeneratedRegex(@"\b(?:quotes?|quotations?|excerpts?|lines|passages)\s+(?:from|of|in)\s+(?<w>.+?)\s*[:.]?$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingWorkPattern();

    [GeneratedRegex(@"^(?<w>.+?)\s+(?:quotes|quotations)\s*[:.]?$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingWorkFirstPattern();

    [GeneratedRegex(@"\b(?:above\s+quote|quote\s+above|above\s+quotation|quotation\s+above|the\s+above\s+(?:is|was|quote|words)|these\s+words|those\s+words)\b", RegexOptions.IgnoreCase)]
    public static partial Regex BackReferencePattern();

    // Every phrase of the back-reference pattern holds one of these words: text without them is not searched.
    private static readonly System.Buffers.SearchValues<string> BackReferenceWords =
        System.Buffers.SearchValues.Create(["above", "words"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the text points back at a quotation ("the above quote", "these words").</summary>
    /// <remarks>
    /// The word check spares most texts the pattern. It is made only on ASCII text, where ordinal
    /// case-insensitive matching and the pattern's agree letter for letter.
    /// </remarks>
    public static bool HasBackReference(string text) =>
        (!System.Text.Ascii.IsValid(text) || text.AsSpan().IndexOfAny(BackReferenceWords) >= 0) && BackReferencePattern().IsMatch(text);

    [GeneratedRegex(@"\b(?:from|in|by|of)\s+(?<src>the\s+(?<noun>report|book|survey|study|paper|article|talk|keynote|interview|post|essay|speech|guide|podcast)\b|(?:the\s+)?[*_“""]?(?<named>[\p{Lu}\d][^.,;:!?]{1,80}?)[*_”""]?(?=[.,;:!?]|\s+(?:and|but|which|that)\b|$))")]
    private static partial Regex SourcePhrasePattern();

    [GeneratedRegex(@"\b(?<noun>(?i:report|book|survey|study|paper|whitepaper|guide))\s+(?:from|by)\s+(?<org>[\p{Lu}][\p{L}\d&.\-]*(?:,?\s+(?:[\p{Lu}][\p{L}\d&.\-]*|Inc\.?))*)")]
    private static partial Regex OrganizationPhrasePattern();

    [GeneratedRegex(@"(?<people>" + Name + @"(?:\s*(?:,|&|\band\b)\s*" + Name + @")*)\s+(?:published|wrote|released|authored|co-wrote|put\s+out)\s+(?:the\s+|their\s+|a\s+|an\s+)?(?:(?:book|report|paper|guide)\s+)?[*_“""]?(?<work>[\p{Lu}\d][^.,;:!?*_“”""–—]{1,80}?)[*_”""]?(?:\s+(?:book|report|paper|guide)\b|\s*[.,;:!?–—]|$)")]
    private static partial Regex PublishedPattern();

    [GeneratedRegex(@"^(?:book\s+review|review|notes\s+on|reading|summary)\s*:\s*(?<w>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ReviewTitlePattern();

    [GeneratedRegex(@"^[“""‘']?(?<w>[^“”""]+?)[”""’']?\s+by\s+(?<p>" + Name + @"(?:\s*(?:,|&|\band\b)\s*" + Name + @")*)\s*$")]
    private static partial Regex ByTitlePattern();

    [GeneratedRegex(@"\b(?:report|book|survey|study|whitepaper|handbook|manifesto)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WorkNounPattern();

    [GeneratedRegex(@"^\s*(?:" + Name + @")\s*$")]
    private static partial Regex WholeNamePattern();

    /// <summary>Whether a line is an attribution tail: a dash or a source label, then at most 20 words in one sentence.</summary>
    public static bool IsTail(ReadOnlySpan<char> line, out int bodyStart)
    {
        bodyStart = 0;
        if (line.Length > 400)
        {
            // Twenty words never take this long; the check stays constant-time on a huge paragraph.
            return false;
        }

        ReadOnlySpan<char> trimmed = line.TrimStart();
        int lead = line.Length - trimmed.Length;
        bool found = false;
        foreach (string start in TailStarts)
        {
            if (trimmed.StartsWith(start, StringComparison.Ordinal))
            {
                int length = start.Length;
                while (length < trimmed.Length && trimmed[length] is '-' or '—' or '–')
                {
                    length++;
                }

                bodyStart = lead + length;
                found = true;
                break;
            }
        }

        if (!found)
        {
            foreach (string label in LabelStarts)
            {
                if (trimmed.StartsWith(label, StringComparison.Ordinal))
                {
                    bodyStart = lead + label.Length;
                    found = true;
                    break;
                }
            }
        }

        if (!found)
        {
            return false;
        }

        ReadOnlySpan<char> body = line[bodyStart..].Trim();
        if (body.IsEmpty)
        {
            // A dash with nothing after it attributes nothing; it is still not quote text.
            return true;
        }

        return CountWords(body) <= 20 && !HasSentenceBreak(body);
    }

    /// <summary>Parses the text of a tail, cite or caption into people, work, organisation, role, year and locator.</summary>
    public static Attribution ParseTail(InlineText text, int start, int end)
    {
        var result = new Attribution();
        string raw = text.Text[start..end].Replace('\n', ' ').Trim();
        result.Raw = raw.Length == 0 ? null : raw;
        if (raw.Length == 0)
        {
            return result;
        }

        TextRange? title = text.EmphasisWithin(start, end);
        TextRange? link = text.LinkWithin(start, end);
        string body = raw;
        string label = text.Text[..start].TrimEnd();
        int lineStart = label.LastIndexOf('\n') + 1;
        label = label[lineStart..].Trim();
        if (title is null && link is null && !body.Contains(',', StringComparison.Ordinal)
            && label is "Source:" or "Source" or "From" or "Via" or "via")
        {
            // "Source: Observability Engineering": a source label names a work or an organisation, not a speaker.
            if (IsOrganization(body))
            {
                result.Organization = body.TrimEnd('.');
            }
            else
            {
                result.Work = CleanTitle(body);
            }

            return result;
        }

        if (title is { } emphasised)
        {
            result.Work = CleanTitle(text.Text[emphasised.Start..emphasised.End]);
        }

        if (link is { } linked)
        {
            result.Url = linked.Value;
            string linkText = text.Text[linked.Start..linked.End].Trim();
            if (result.Work is null && !LooksLikeName(linkText))
            {
                result.Work = CleanTitle(linkText);
            }
        }

        ParseFields(body, result);
        return result;
    }

    /// <summary>Parses plain attribution text (an HTML <c>cite</c>, a shortcode parameter, a heading).</summary>
    public static Attribution ParsePlain(string raw)
    {
        var result = new Attribution { Raw = raw.Trim() };
        if (result.Raw.Length > 0)
        {
            ParseFields(result.Raw, result);
        }

        return result;
    }

    private static void ParseFields(string body, Attribution result)
    {
        Match year = YearPattern().Match(body);
        if (year.Success)
        {
            result.Year = int.Parse(year.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
            body = body.Remove(year.Index, year.Length);
        }

        Match locator = LocatorPattern().Match(body);
        if (locator.Success)
        {
            result.Locator = locator.Groups["loc"].Value;
            body = body.Remove(locator.Index, locator.Length);
        }

        Match role = ParenthesisPattern().Match(body);
        if (role.Success)
        {
            result.Role = role.Groups["role"].Value.Trim();
            body = body.Remove(role.Index, role.Length);
        }

        body = body.Trim().TrimEnd(',', ';', '.', ' ').Trim();
        if (result.Work is not null)
        {
            // "Jane Roe in *The Ops Book*": the work is known, the rest before it names the people.
            int at = body.IndexOf(result.Work, StringComparison.Ordinal);
            if (at > 0)
            {
                string before = body[..at].TrimEnd(' ', ',', '“', '"', '*', '_');
                before = StripTrailingWord(before, "in");
                before = StripTrailingWord(before, "from");
                AddPeople(before, result);
                string after = body[(at + result.Work.Length)..].Trim(' ', ',', '”', '"', '*', '_', '.');
                if (after.Length > 0 && result.Organization is null && IsOrganization(after))
                {
                    result.Organization = after;
                }

                return;
            }

            if (at == 0)
            {
                string after = body[result.Work.Length..].Trim(' ', ',', '”', '"', '*', '_', '.');
                if (after.StartsWith("by ", StringComparison.OrdinalIgnoreCase))
                {
                    AddPeople(after[3..], result);
                }
                else if (after.Length > 0 && IsOrganization(after))
                {
                    result.Organization = after;
                }
                else if (after.Length > 0)
                {
                    AddPeople(after, result);
                }

                return;
            }
        }

        int inIndex = IndexOfWord(body, "in");
        if (inIndex > 0 && result.Work is null)
        {
            string work = CleanTitle(body[(inIndex + 3)..]);
            if (work.Length > 0 && char.IsUpper(work[0]))
            {
                result.Work = work;
                AddPeople(body[..inIndex], result);
                return;
            }
        }

        int comma = body.IndexOf(',', StringComparison.Ordinal);
        string first = comma < 0 ? body : body[..comma].Trim();
        string rest = comma < 0 ? string.Empty : body[(comma + 1)..].Trim();
        if (result.Url is not null && result.Work is not null && !LooksLikeName(first))
        {
            // "[Guide](url), National Institute of Standards": the link is the work, the rest its publisher.
            if (rest.Length > 0)
            {
                if (IsOrganization(rest))
                {
                    result.Organization = rest;
                }
                else
                {
                    AddPeople(rest, result);
                }
            }

            return;
        }

        if (IsOrganization(first) && !LooksLikeName(first))
        {
            result.Organization = first;
            if (rest.Length > 0 && result.Work is null)
            {
                result.Work = CleanTitle(rest);
            }

            return;
        }

        if (comma < 0 || (!first.Contains(' ', StringComparison.Ordinal) && rest.Length > 0 && !LooksLikeName(rest) && IsPeopleList(body)))
        {
            AddPeople(body, result);
            return;
        }

        if (IsPeopleList(body))
        {
            AddPeople(body, result);
            return;
        }

        AddPeople(first, result);
        if (rest.Length == 0)
        {
            return;
        }

        if (IsRole(rest))
        {
            // "Dan Tangherlini, Administrator, GSA": a role, perhaps with the organisation after it.
            int orgComma = rest.LastIndexOf(',');
            if (orgComma > 0)
            {
                result.Role ??= rest[..orgComma].Trim();
                result.Organization = rest[(orgComma + 1)..].Trim();
            }
            else
            {
                result.Role ??= rest;
            }
        }
        else if (result.Work is null)
        {
            if (IsOrganization(rest))
            {
                result.Organization = rest;
            }
            else
            {
                result.Work = CleanTitle(rest);
            }
        }
    }

    private static bool IsPeopleList(string text)
    {
        List<string> parts = SplitPeople(text);
        if (parts.Count < 2)
        {
            return false;
        }

        foreach (string part in parts)
        {
            // A one-word part ("LKML", "GSA") is more often a work or an organisation than a person.
            if (!LooksLikeName(part) || !part.Trim().Contains(' ', StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits "A, B &amp; C and D" into names.</summary>
    private static List<string> SplitPeople(string text)
    {
        var parts = new List<string>(2);
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            int separator = i == text.Length ? 1
                : text[i] is ',' or '&' ? 1
                : text[i] == ' ' && i + 4 < text.Length && text[i + 4] == ' ' && text.AsSpan(i + 1, 3).Equals("and", StringComparison.Ordinal) ? 5
                : 0;
            if (separator == 0)
            {
                continue;
            }

            string part = text[start..i].Trim();
            if (part.Length > 0)
            {
                parts.Add(part);
            }

            start = i + separator;
            i = start - 1;
        }

        return parts;
    }

    public static void AddPeople(string text, Attribution result)
    {
        text = text.Trim().TrimEnd(',', '.', ':', ';').Trim();
        if (text.Length == 0)
        {
            return;
        }

        foreach (string part in SplitPeople(text))
        {
            string name = StripLeadingNonNames(part.Trim().Trim('*', '_', '“', '”', '"'));
            if (name.Length > 0 && !result.People.Contains(name, StringComparer.Ordinal) && (LooksLikeName(name) || IsHandle(name)))
            {
                result.People.Add(name);
            }
            else if (name.Length > 0 && result.Organization is null && IsOrganization(name))
            {
                result.Organization = name;
            }
        }
    }

    /// <summary>"As Mei Chen", "Our CTO Helen Park": the words before a name that are not part of it.</summary>
    private static string StripLeadingNonNames(string text)
    {
        while (true)
        {
            int space = text.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                return text;
            }

            string first = text[..space];
            bool acronym = first.Length >= 2 && first.All(char.IsUpper);
            bool sentenceEnd = first.Length > 2 && first[^1] == '.';
            if (!sentenceEnd && !NotNames.Contains(first) && !RoleWords.Contains(first) && !acronym && !(first.Length > 0 && char.IsLower(first[0])))
            {
                return text;
            }

            text = text[(space + 1)..].TrimStart();
        }
    }

    private static bool IsHandle(string text) => text.Length > 1 && text[0] == '@' && !text.Contains(' ', StringComparison.Ordinal);

    /// <summary>Whether text looks like a person's name: one to four capitalised words (particles and initials allowed).</summary>
    public static bool LooksLikeName(string text)
    {
        text = text.Trim();
        if (text.Length == 0 || text.Length > 60 || !WholeNamePattern().IsMatch(text))
        {
            return false;
        }

        string firstWord = text.Split(' ', 2)[0];
        if (NotNames.Contains(firstWord))
        {
            return false;
        }

        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (OrganizationWords.Contains(word.TrimEnd('.', ',')) || RoleWords.Contains(word))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsRole(string text)
    {
        if (text.Length > 0 && char.IsLower(text[0]))
        {
            return true;
        }

        string firstPart = text.Split(',', 2)[0];
        foreach (string word in firstPart.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (RoleWords.Contains(word.TrimEnd('.')))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsOrganization(string text)
    {
        foreach (string word in text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            if (OrganizationWords.Contains(word.TrimEnd('.', ',')))
            {
                return true;
            }
        }

        return false;
    }

    private static string StripTrailingWord(string text, string word)
    {
        text = text.TrimEnd();
        return text.EndsWith(" " + word, StringComparison.OrdinalIgnoreCase) ? text[..^(word.Length + 1)].TrimEnd() : text;
    }

    private static int IndexOfWord(string text, string word)
    {
        int at = text.IndexOf(" " + word + " ", StringComparison.Ordinal);
        return at < 0 ? -1 : at + 1;
    }

    /// <summary>A title without its surrounding marks and emphasis.</summary>
    public static string CleanTitle(string text) =>
        text.Replace('\n', ' ').Trim().Trim('*', '_', '“', '”', '"', '‘', '’', '\'', '«', '»', '„', ' ', '.', ',', ':').Trim();

    public static int CountWords(ReadOnlySpan<char> text)
    {
        int words = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            bool letter = char.IsLetterOrDigit(c);
            if (letter && !inWord)
            {
                words++;
            }

            inWord = letter || (inWord && c is '\'' or '’' or '-');
        }

        return words;
    }

    private static bool HasSentenceBreak(ReadOnlySpan<char> text)
    {
        for (int i = 0; i + 2 < text.Length; i++)
        {
            if (text[i] is '.' or '!' or '?' && text[i + 1] == ' ' && char.IsUpper(text[i + 2]) && !IsInitialOrAbbreviation(text, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInitialOrAbbreviation(ReadOnlySpan<char> text, int dot)
    {
        if (text[dot] != '.')
        {
            return false;
        }

        int start = dot;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        int length = dot - start;
        return length <= 2 || (length <= 4 && char.IsUpper(text[start]));
    }

    /// <summary>What a heading over a quote list names: "Quotes from W" and "W quotes" give the work, "Quotes by P" the person.</summary>
    public static Attribution? FromHeading(string heading)
    {
        heading = heading.Trim();
        Match person = HeadingPersonPattern().Match(heading);
        if (person.Success)
        {
            var result = new Attribution { Raw = heading };
            AddPeople(CleanTitle(person.Groups["p"].Value), result);
            return result.IsEmpty ? null : result;
        }

        Match work = HeadingWorkPattern().Match(heading);
        if (!work.Success)
        {
            work = HeadingWorkFirstPattern().Match(heading);
        }

        if (work.Success)
        {
            string title = CleanTitle(work.Groups["w"].Value);
            if (title.Length > 0 && IsTitle(title))
            {
                return new Attribution { Raw = heading, Work = title };
            }
        }

        return null;
    }

    private static readonly HashSet<string> NotTitles = new(StringComparer.OrdinalIgnoreCase)
    {
        "my", "top", "favorite", "favourite", "best", "some", "key", "great", "memorable", "selected", "other", "more", "few", "the",
        "these", "our", "his", "her", "their", "famous", "inspirational", "inspiring", "notable", "good", "all", "a", "and", "of", "my top",
        "the report", "the book", "this book", "this report", "it", "them", "here", "below", "above", "there", "that", "this",
    };

    private static bool IsTitle(string text)
    {
        if (!char.IsUpper(text[0]) && !char.IsDigit(text[0]))
        {
            return false;
        }

        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!NotTitles.Contains(word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What a lead-in or back-reference names as the source: "from the report" (the post's work) or "from W".</summary>
    public static (bool Generic, string? Named, string? Noun) SourcePhrase(string text)
    {
        Match match = SourcePhrasePattern().Match(text);
        while (match.Success)
        {
            if (match.Groups["noun"].Success)
            {
                return (true, null, match.Groups["noun"].Value.ToLowerInvariant());
            }

            string named = CleanTitle(match.Groups["named"].Value);
            if (named.Length > 0 && IsTitle(named) && !NotNames.Contains(named.Split(' ')[0]))
            {
                return (false, named, null);
            }

            match = match.NextMatch();
        }

        return (false, null, null);
    }

    /// <summary>What a post is about, from its front matter, title and opening paragraphs.</summary>
    public static Attribution PostSubject(QuoteContext context, IReadOnlyList<string> opening)
    {
        var subject = new Attribution();
        if ((FrontMatterString(context, "book") ?? FrontMatterString(context, "source")) is { } work)
        {
            subject.Work = CleanTitle(work);
        }

        if ((FrontMatterString(context, "book_author") ?? FrontMatterString(context, "source_author")) is { } author)
        {
            AddPeople(author, subject);
        }

        string title = context.Title.Trim();
        Match review = ReviewTitlePattern().Match(title);
        Match by = ByTitlePattern().Match(title);
        if (subject.Work is null && review.Success)
        {
            subject.Work = CleanTitle(review.Groups["w"].Value);
        }
        else if (subject.Work is null && by.Success)
        {
            subject.Work = CleanTitle(by.Groups["w"].Value);
            if (subject.People.Count == 0)
            {
                AddPeople(by.Groups["p"].Value, subject);
            }
        }

        foreach (string paragraph in opening)
        {
            Match published = PublishedPattern().Match(paragraph);
            if (published.Success)
            {
                subject.Work ??= CleanTitle(published.Groups["work"].Value);
                if (subject.People.Count == 0)
                {
                    AddPeople(published.Groups["people"].Value, subject);
                }
            }

            Match organization = OrganizationPhrasePattern().Match(paragraph);
            if (organization.Success && subject.Organization is null)
            {
                subject.Organization = organization.Groups["org"].Value.TrimEnd('.', ',');
            }
        }

        if (subject.Work is null && WorkNounPattern().IsMatch(title))
        {
            // "2016 State of DevOps Report": the post is named after the work it discusses.
            subject.Work = CleanTitle(title);
        }

        return subject;
    }

    private static string? FrontMatterString(QuoteContext context, string key) =>
        context.Extra.TryGetValue(key, out object? value) && value is string text && !string.IsNullOrWhiteSpace(text) ? text : null;
}

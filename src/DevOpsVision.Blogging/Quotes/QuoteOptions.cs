namespace DevOpsVision.Blogging.Quotes;

/// <summary>How single quotation marks (<c>'</c>, <c>‘ ’</c>) are read.</summary>
public enum SingleQuoteMode
{
    /// <summary>As quotation marks only in a post that uses no double quotation marks.</summary>
    Auto,

    /// <summary>Always as quotation marks (never inside a word, a year elision or a plural possessive).</summary>
    Always,

    /// <summary>Never as quotation marks.</summary>
    Never,
}

/// <summary>How quotations are found in posts. Part of <see cref="BlogOptions"/> (<c>Blog:Quotes</c>).</summary>
public sealed class QuoteOptions
{
    /// <summary>Whether posts are searched for quotations while they are parsed. Defaults to <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The fewest words an inline quotation needs. Defaults to 6.</summary>
    public int MinInlineWords { get; set; } = 6;

    /// <summary>The fewest words a blockquote, listed or whole-paragraph quotation needs. Defaults to 3.</summary>
    public int MinBlockWords { get; set; } = 3;

    /// <summary>The fewest CJK characters a blockquote needs (CJK text has no spaces to count words by). Defaults to 8.</summary>
    public int MinBlockCjkCharacters { get; set; } = 8;

    /// <summary>The fewest CJK characters an inline quotation needs. Defaults to 12.</summary>
    public int MinInlineCjkCharacters { get; set; } = 12;

    /// <summary>The most characters a quotation may have; longer text is not a quote. Defaults to 2000.</summary>
    public int MaxCharacters { get; set; } = 2000;

    /// <summary>The most paragraphs a quotation may span. Defaults to 5.</summary>
    public int MaxParagraphs { get; set; } = 5;

    /// <summary>The most words an item of a quote list may have; a longer one ends the list. Defaults to 120.</summary>
    public int MaxListedWords { get; set; } = 120;

    /// <summary>How single quotation marks are read. Defaults to <see cref="SingleQuoteMode.Auto"/>.</summary>
    public SingleQuoteMode SingleQuotes { get; set; } = SingleQuoteMode.Auto;

    /// <summary>Whether a quotation whose marks never close is kept (with low confidence) when it starts a paragraph. Defaults to <see langword="true"/>.</summary>
    public bool ExtractUnclosed { get; set; } = true;

    /// <summary>Whether quotations nested in another are also emitted on their own. Defaults to <see langword="false"/>.</summary>
    public bool EmitNested { get; set; }

    /// <summary>Whether partial quotations that continue the author's sentence are emitted as <see cref="QuoteKind.Fragment"/>. Defaults to <see langword="false"/>.</summary>
    public bool EmitFragments { get; set; }

    /// <summary>Whether pull quotes are emitted. Defaults to <see langword="true"/>.</summary>
    public bool IncludePullQuotes { get; set; } = true;

    /// <summary>
    /// Reporting verbs, in their base form, that tie a quotation to its speaker ("said Jane Roe"); the usual
    /// English inflections (-s, -ed, -ing and the irregular said, wrote, told, put) are recognised. Defaults to
    /// say, write, tell, note, explain, add, argue, ask, recall, comment, answer, reply, state, observe, remark,
    /// insist, warn, declare, put it, mention, share, express, recount, admit, reflect, emphasize, stress, joke.
    /// </summary>
    public IList<string> ReportingVerbs { get; } =
    [
        "say", "write", "tell", "note", "explain", "add", "argue", "ask", "recall", "comment", "answer", "reply",
        "state", "observe", "remark", "insist", "warn", "declare", "put it", "mention", "share", "express", "recount", "admit", "reflect", "emphasize", "emphasise", "stress", "joke",
    ];
}

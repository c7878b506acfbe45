using System.Text;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Quotes;
using static DevOpsVision.Blogging.Tests.Quotes.QuoteTestHelpers;

namespace DevOpsVision.Blogging.Tests.Quotes;

/// <summary>Hostile and odd input: no exception, no quadratic blow-up (the work is bounded by construction; timings live in benchmarks).</summary>
public class QuoteRobustnessTests
{
    [Fact]
    public void UnbalancedMarksAcrossTenThousandParagraphs()
    {
        var body = new StringBuilder();
        for (int i = 0; i < 10_000; i++)
        {
            body.Append(i % 3 == 0 ? "“Open but never closed in paragraph number " : "Closed but never opened” here, ").Append(i).Append(" of many words\n\n");
        }

        IReadOnlyList<Quote> quotes = QuotesOf(body.ToString());

        // A paragraph that opens a mark at its start and never closes it may be a quote (low confidence); nothing else is.
        Assert.All(quotes, q =>
        {
            Assert.True(q.Unclosed);
            Assert.True(q.Confidence <= 0.5);
            Assert.StartsWith("Open but never closed", q.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void OneMegabyteParagraphOfQuotationMarks()
    {
        string marks = string.Concat(Enumerable.Repeat("“”\"'„«»「」", 1024 * 1024 / 10));
        IReadOnlyList<Quote> quotes = QuotesOf(marks);
        Assert.Empty(quotes);
    }

    [Fact]
    public void OneMegabyteParagraphOfShortQuotations()
    {
        string text = string.Concat(Enumerable.Repeat("He said “Yes, we will ship this today, friends.” and ", 1024 * 1024 / 52));
        IReadOnlyList<Quote> quotes = QuotesOf(text);
        Assert.NotEmpty(quotes);
        Assert.All(quotes, q => Assert.Equal("Yes, we will ship this today, friends.", q.Text));
    }

    [Fact]
    public void DeeplyNestedQuotationMarks()
    {
        string text = "She said: " + new string('“', 400) + "Deep words are here and there" + new string('”', 400) + ".";
        Quote quote = Assert.Single(QuotesOf(text));
        Assert.Contains("Deep words are here and there", quote.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void NestingSoDeepThatTheQuotationIsTooLongIsNotAQuote()
    {
        string text = "She said: " + new string('“', 50_000) + "Deep words are here and there" + new string('”', 50_000) + ".";
        Assert.Empty(QuotesOf(text));
    }

    [Fact]
    public void DeeplyNestedBlockquotesWithinTheParserLimit()
    {
        string text = string.Concat(Enumerable.Range(1, 60).Select(depth => new string('>', depth) + " Level " + depth + " words of wisdom here\n"));
        IReadOnlyList<Quote> quotes = QuotesOf(text);
        Assert.Equal(60, quotes.Count);
    }

    [Fact]
    public void TenThousandNestedBlockquotesGiveADiagnosticNotAnException()
    {
        string text = "---\ntitle: Deep\ndate: 2024-01-01\n---\n" + new string('>', 10_000) + " deep\n";
        PostParseResult result = new MarkdownPostParser(new BlogOptions()).Parse(PostFile.FromText("deep.md", text));
        Assert.Null(result.Post);
        Assert.Contains(result.Diagnostics, d => d.Code == DiagnosticCodes.TooDeeplyNested);
    }

    [Fact]
    public void QuoteLongerThanTheMaximumIsNotAQuote()
    {
        string words = string.Join(' ', Enumerable.Repeat("word", 500));
        Assert.Empty(QuotesOf($"He said: “{words}.”"));
    }

    [Fact]
    public void DisabledExtractionFindsNothing() =>
        Assert.Empty(QuotesOf("> Small batches beat big releases.\n> — Jane Roe", parser: ParserWith(o => o.Quotes.Enabled = false)));

    [Fact]
    public void EmitNestedAlsoReturnsTheInnerQuotation()
    {
        const string text = "She told us: «My mentor used to say “Never deploy what you cannot roll back.” and I still do.»";
        Assert.Single(QuotesOf(text));
        IReadOnlyList<Quote> nested = QuotesOf(text, parser: ParserWith(o => o.Quotes.EmitNested = true));
        Assert.Equal(2, nested.Count);
    }

    [Fact]
    public void UnclosedQuotationsCanBeTurnedOff() =>
        Assert.Empty(QuotesOf("He said: “we will never go back to monthly releases again", parser: ParserWith(o => o.Quotes.ExtractUnclosed = false)));

    [Fact]
    public void PullQuotesCanBeTurnedOff() =>
        Assert.Empty(QuotesOf("<aside class=\"pullquote\">Ownership beats heroics every time.</aside>", parser: ParserWith(o => o.Quotes.IncludePullQuotes = false)));

    [Fact]
    public void PullQuoteWithoutCiteIsThePostAuthors()
    {
        Quote quote = Assert.Single(QuotesOf("<aside class=\"pullquote\">Ownership beats heroics every time.</aside>", frontMatter: "author: Jane Roe\n"));
        Assert.Equal(QuoteKind.PullQuote, quote.Kind);
        Assert.Equal(["Jane Roe"], quote.People);
        Assert.Equal(AttributionRule.PostAuthor, quote.AttributionRule);
    }

    [Fact]
    public void PullQuoteRepeatingTheBodyIsDropped()
    {
        IReadOnlyList<Quote> quotes = QuotesOf("> Ownership beats heroics every time.\n> — Sam Okafor\n\n<aside class=\"pullquote\">Ownership beats heroics every time.</aside>");
        Quote quote = Assert.Single(quotes);
        Assert.Equal(QuoteKind.Blockquote, quote.Kind);
    }

    [Fact]
    public void SingleQuotesNeverQuoteInAPostWithDoubleQuotes() =>
        Assert.Empty(QuotesOf("The rule was 'We never deploy on a Friday afternoon at all.' He added a “note” later."));

    [Fact]
    public void SingleQuotesAlwaysReadsThemEvenWithDoubleQuotes() =>
        Assert.Single(QuotesOf("The rule was 'We never deploy on a Friday afternoon at all.' He added a “note” later.", parser: ParserWith(o => o.Quotes.SingleQuotes = SingleQuoteMode.Always)));

    [Fact]
    public void LocationAndDedupeKeyPointAtTheQuote()
    {
        Quote quote = Assert.Single(QuotesOf("Intro.\n\n> Small batches beat big releases.\n> — Jane Roe"));
        Assert.Equal(7, quote.Location.Line);
        Assert.Equal(1, quote.Location.Column);
        Assert.Equal("post|smallbatchesbeatbigreleases", quote.DedupeKey);
        Assert.Equal("post", quote.PostSlug);
    }

    [Fact]
    public void QuotesInsideTemplateTagsAreParameters() =>
        Assert.Empty(QuotesOf("{% image \"a.png\" \"A sample of code from the Web Design Standards.\" %}"));

    [Fact]
    public void PublishedTitlesAreNotQuotes() =>
        Assert.Empty(QuotesOf("In 1970 Codd published \"A relational model of data for large shared data banks.\""));

    [Fact]
    public void EditorialNoteInABlockquoteIsNotAQuote() =>
        Assert.Empty(QuotesOf("> This question is about tracing the Kubernetes components themselves. For more info, see [the docs](https://example.org)."));

    [Theory]
    [InlineData("> For more information about tracing the components, see [the docs](https://example.org).")]
    [InlineData("> Some background first: for background on sampling see [the guide](https://example.org).")]
    [InlineData("> For details on the collector, please see [its page](https://example.org).")]
    public void EditorialNotesWithoutAnOpeningThisAreNotQuotes(string markdown) => Assert.Empty(QuotesOf(markdown));

    [Fact]
    public void EditorialNoteAfterAnEmptyParagraphIsNotAQuote() =>
        Assert.Empty(QuotesOf("> ,\n>\n> This section refers to the 2023 release notes and what changed in them."));

    [Fact]
    public void DoubleMarksInCodeSpans_DoNotStopSingleMarksFromQuoting()
    {
        // Code is not prose: its double marks do not make the post one that quotes with double marks only.
        Quote quote = Assert.Single(QuotesOf(
            "Run `echo \"hi\"` to test the build.\n\nThe Joneses' rule, they said, was 'We never deploy on a Friday afternoon.'"));
        Assert.Equal("We never deploy on a Friday afternoon.", quote.Text);
    }

    [Fact]
    public void BlockquoteFollowedByABackReferenceTakesItsAttribution()
    {
        Quote quote = Assert.Single(QuotesOf(
            "> Simplicity is prerequisite for reliability, and it should be pursued without compromise.\n\nThese words from Edsger Dijkstra still hold today."));
        Assert.Equal(AttributionRule.BackReference, quote.AttributionRule);
    }

    [Fact]
    public void BlockquoteOfSeveralWhollyQuotedParagraphsGivesOneQuoteEach()
    {
        IReadOnlyList<Quote> quotes = QuotesOf("> “I might like to find every enforcement action.”\n>\n> “I do think the explanation is pretty good.”");
        Assert.Equal(["I might like to find every enforcement action.", "I do think the explanation is pretty good."], quotes.Select(q => q.Text));
    }

    [Fact]
    public void ContinuedSpeakerCarriesToTheNextQuotation()
    {
        IReadOnlyList<Quote> quotes = QuotesOf("“It gives us a myopic view of the mobile web,” Gustafson said. “The reality is a lot more messy.”");
        Assert.Equal(2, quotes.Count);
        Assert.All(quotes, q => Assert.Equal(["Gustafson"], q.People));
    }

    [Fact]
    public void PronounResolvesToTheLastNamedPerson()
    {
        IReadOnlyList<Quote> quotes = QuotesOf("> Write programs that do one thing and do it well.\n> — Doug McIlroy\n\nToday he might have written: \"Write programs to handle JSON, the standard of web APIs.\"");
        Assert.Equal(2, quotes.Count);
        Assert.Equal(["Doug McIlroy"], quotes[1].People);
        Assert.Equal("he", quotes[1].AttributionRaw);
    }

    [Theory]
    [InlineData("> [!NOTE] TL;DR\n>\n> Weaver helps teams build observability by design, with consistent telemetry.")]
    [InlineData("> Definition: A registry is a collection of semantic conventions that describe telemetry.")]
    [InlineData("> **Summary:** we moved every service to the new collector this quarter.")]
    public void CalloutsSetAsBlockquotesAreNotQuotes(string markdown) =>
        Assert.Empty(QuotesOf(markdown));

    [Fact]
    public void ReflectedIsAReportingVerb()
    {
        Quote quote = Assert.Single(QuotesOf("> \"It genuinely has been quite pain-free,\" Neil reflected."));
        Assert.Equal("It genuinely has been quite pain-free", quote.Text);
        Assert.Equal(["Neil"], quote.People);
    }
}

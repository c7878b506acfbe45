using DevOpsVision.Blogging.Quotes;
using static DevOpsVision.Blogging.Tests.Quotes.QuoteTestHelpers;

namespace DevOpsVision.Blogging.Tests.Quotes;

/// <summary>The cases of the quote extraction specification, one test each (numbered as in the specification).</summary>
public class QuoteSpecificationTests
{
    [Fact]
    public void Case01_BlockquoteWithDashTail()
    {
        Quote quote = Assert.Single(QuotesOf("> Small batches beat big releases.\n> — Jane Roe"));
        Assert.Equal("Small batches beat big releases.", quote.Text);
        Assert.Equal(QuoteKind.Blockquote, quote.Kind);
        Assert.Equal(["Jane Roe"], quote.People);
        Assert.Equal(AttributionRule.Explicit, quote.AttributionRule);
    }

    [Fact]
    public void Case02_DoubleHyphenTailWithEmphasisedWork()
    {
        Quote quote = Assert.Single(QuotesOf("> Automate what hurts, then automate the rest.\n> -- Jane Roe, *The Ops Book*"));
        Assert.Equal("Automate what hurts, then automate the rest.", quote.Text);
        Assert.Equal(["Jane Roe"], quote.People);
        Assert.Equal("The Ops Book", quote.Work);
    }

    [Fact]
    public void Case04_MultiParagraphBlockquoteIsOneQuote()
    {
        Quote quote = Assert.Single(QuotesOf("> Para one of the quote.\n>\n> Para two of the quote.\n>\n> — J. Roe"));
        Assert.Equal(["Para one of the quote.", "Para two of the quote."], quote.Paragraphs);
        Assert.Equal("Para one of the quote.\n\nPara two of the quote.", quote.Text);
        Assert.Equal(["J. Roe"], quote.People);
    }

    [Fact]
    public void Case06_NestedBlockquoteIsItsOwnQuote()
    {
        IReadOnlyList<Quote> quotes = QuotesOf("> Outer words said by one person.\n>> Inner words said by another.");
        Assert.Equal(2, quotes.Count);
        Assert.Equal("Outer words said by one person.", quotes[0].Text);
        Assert.Equal("Inner words said by another.", quotes[1].Text);
    }

    [Fact]
    public void Case07_AlertIsNotAQuote() =>
        Assert.Empty(QuotesOf("> [!NOTE]\n> Remember to rotate keys every month."));

    [Fact]
    public void Case08_UpdateNoteIsNotAQuote() =>
        Assert.Empty(QuotesOf("> **Update:** the link is fixed now, thanks readers."));

    [Fact]
    public void Case10_FooterWithCitation()
    {
        Quote quote = Assert.Single(QuotesOf("> Quote words go here.\n> ^^ Jane Roe in \"\"The Ops Book\"\""));
        Assert.Equal("Quote words go here.", quote.Text);
        Assert.Equal(["Jane Roe"], quote.People);
        Assert.Equal("The Ops Book", quote.Work);
    }

    [Fact]
    public void Case11_MarkdigFigureAroundBlockquote()
    {
        Quote quote = Assert.Single(QuotesOf("^^^\n> Measure twice, deploy once.\n^^^ Jane Roe, \"\"Talks\"\""));
        Assert.Equal(QuoteKind.Figure, quote.Kind);
        Assert.Equal("Measure twice, deploy once.", quote.Text);
        Assert.Equal(["Jane Roe"], quote.People);
        Assert.Equal("Talks", quote.Work);
    }

    [Fact]
    public void Case13_HtmlFigureWithCaption()
    {
        Quote quote = Assert.Single(QuotesOf("<figure><blockquote><p>Text here is quoted.</p></blockquote><figcaption>Jane Roe, <cite>Book</cite></figcaption></figure>"));
        Assert.Equal(QuoteKind.Figure, quote.Kind);
        Assert.Equal("Text here is quoted.", quote.Text);
        Assert.Equal(["Jane Roe"], quote.People);
        Assert.Equal("Book", quote.Work);
    }

    [Fact]
    public void Case15_WordPressPullQuote()
    {
        Quote quote = Assert.Single(QuotesOf("<figure class=\"wp-block-pullquote\"><blockquote><p>Ship small, ship often.</p><cite>Jane Roe</cite></blockquote></figure>"));
        Assert.Equal(QuoteKind.PullQuote, quote.Kind);
        Assert.Equal(["Jane Roe"], quote.People);
    }

    [Fact]
    public void Case17_QElementHasNoLengthMinimum()
    {
        Quote quote = Assert.Single(QuotesOf("She answered <q>Ship it</q> and left."));
        Assert.Equal(QuoteKind.HtmlQ, quote.Kind);
        Assert.Equal("Ship it", quote.Text);
        Assert.Equal("She", quote.AttributionRaw);
        Assert.Empty(quote.People);
    }

    [Fact]
    public void Case18_ReportingVerbAfterQuote()
    {
        Quote quote = Assert.Single(QuotesOf("“Deploy small batches, deploy often, measure everything,” said Jane Roe."));
        Assert.Equal("Deploy small batches, deploy often, measure everything", quote.Text);
        Assert.Equal(QuoteKind.InlineQuotation, quote.Kind);
        Assert.Equal(["Jane Roe"], quote.People);
        Assert.Equal(AttributionRule.ReportingPattern, quote.AttributionRule);
    }

    [Fact]
    public void Case21_ScareQuotesAreNotQuotes() =>
        Assert.Empty(QuotesOf("This “agile” process is “fine”, apparently."));

    [Fact]
    public void Case22_PartialQuotationIsAFragmentOnlyWhenAskedFor()
    {
        const string text = "She called the launch “a complete and utter success for everyone”.";
        Assert.Empty(QuotesOf(text));
        Quote fragment = Assert.Single(QuotesOf(text, parser: ParserWith(o => o.Quotes.EmitFragments = true)));
        Assert.Equal(QuoteKind.Fragment, fragment.Kind);
        Assert.Equal("a complete and utter success for everyone", fragment.Text);
    }

    [Fact]
    public void Case23_QuotedTitleIsNotAQuote() =>
        Assert.Empty(QuotesOf("I just finished “The Phoenix Project” last week."));

    [Fact]
    public void Case24_CodeSpanIsNeverAQuote() =>
        Assert.Empty(QuotesOf("Run `echo \"this is not a quote at all friends\"` now."));

    [Fact]
    public void Case25_FencedCodeIsNeverAQuote() =>
        Assert.Empty(QuotesOf("```\n> quoted\n“a long sentence in curly quotes here.”\n```"));

    [Fact]
    public void Case27_SingleQuotesWhenThePostHasNoDoubleQuotes()
    {
        Quote quote = Assert.Single(QuotesOf("The Joneses' rule, they said, was 'We never deploy on a Friday afternoon.'"));
        Assert.Equal("We never deploy on a Friday afternoon.", quote.Text);
    }

    [Fact]
    public void Case31_UnclosedQuotationStopsAtItsParagraph()
    {
        Quote quote = Assert.Single(QuotesOf("He said: “we will never go back to monthly releases again\n\nUnrelated paragraph."));
        Assert.True(quote.Unclosed);
        Assert.True(quote.Confidence <= 0.5);
        Assert.Equal("we will never go back to monthly releases again", quote.Text);
    }

    [Fact]
    public void Case32_InchMarkIsIgnored()
    {
        Quote quote = Assert.Single(QuotesOf("At 5'10\" he said \"This is a proper quotation with enough words,\" then left."));
        Assert.Equal("This is a proper quotation with enough words", quote.Text);
    }

    [Fact]
    public void Case34_FrenchGuillemetsWithoutNoBreakSpaces()
    {
        Quote quote = Assert.Single(QuotesOf("Il a dit : «\u00A0Nous livrons du code chaque jour sans exception.\u00A0»", frontMatter: "lang: fr\n"));
        Assert.Equal("Nous livrons du code chaque jour sans exception.", quote.Text);
        Assert.Equal("fr", quote.Language);
    }

    [Theory]
    [InlineData("Sie sagte: „Wir liefern jeden Tag neue Software aus.“")]
    [InlineData("»Wir liefern jeden Tag neue Software aus.«")]
    public void Case35_GermanMarks(string text)
    {
        Quote quote = Assert.Single(QuotesOf(text, frontMatter: "lang: de\n"));
        Assert.Equal("Wir liefern jeden Tag neue Software aus.", quote.Text);
    }

    [Fact]
    public void Case35_GermanMarksAreReadWithoutALanguageToo()
    {
        Quote quote = Assert.Single(QuotesOf("Sie sagte: „Wir liefern jeden Tag neue Software aus.“"));
        Assert.Equal("Wir liefern jeden Tag neue Software aus.", quote.Text);
    }

    [Fact]
    public void Case36_JapaneseCornerBracketsCountCharacters()
    {
        Quote quote = Assert.Single(QuotesOf("彼は「毎日『デプロイ』することが大切だと思います」と言った。"));
        Assert.Equal("毎日『デプロイ』することが大切だと思います", quote.Text);
    }

    [Fact]
    public void Case37_SmartyPantsGivesTheSameResultAsCurlyQuotes()
    {
        Quote quote = Assert.Single(QuotesOf("\"Small batches win over big bang releases every time,\" she wrote.", parser: SmartyPantsParser()));
        Assert.Equal("Small batches win over big bang releases every time", quote.Text);
        Assert.Equal("she", quote.AttributionRaw);
        Quote curly = Assert.Single(QuotesOf("“Small batches win over big bang releases every time,” she wrote."));
        Assert.Equal(curly.Text, quote.Text);
    }

    [Fact]
    public void Case42_QuoteSectionEndsAtTheNextHeading()
    {
        IReadOnlyList<Quote> quotes = QuotesOf("## Favorite quotes\n\n“Alpha saying here.”\n\n“Beta saying here.”\n\n## My thoughts\n\nI liked it.");
        Assert.Equal(["Alpha saying here.", "Beta saying here."], quotes.Select(q => q.Text));
        Assert.All(quotes, q => Assert.Equal(QuoteKind.ListedUnderHeading, q.Kind));
    }

    [Fact]
    public void Case45_PersonFromHeading()
    {
        Quote quote = Assert.Single(QuotesOf("## Quotes by Jane Roe\n\nNever page a human for a robot's job."));
        Assert.Equal(["Jane Roe"], quote.People);
        Assert.Equal(AttributionRule.SectionHeading, quote.AttributionRule);
    }

    [Fact]
    public void Case46_KeyTakeawaysAreParaphrases() =>
        Assert.Empty(QuotesOf("## Key takeaways\n- Automate toil.\n- Measure lead time."));

    [Fact]
    public void Case50_QuotesInHeadingsAreNotQuotes() =>
        Assert.Empty(QuotesOf("## \"Move fast\" is not a strategy\n\nText."));

    [Fact]
    public void Case53_IndirectSpeechIsNotAQuote() =>
        Assert.Empty(QuotesOf("She said that small batches are better for everyone."));

    [Fact]
    public void Case54_TyposAreKept()
    {
        Quote quote = Assert.Single(QuotesOf("## Quotes\n\n- Always try to minimize the amount to test data you require in order to rum your tests."));
        Assert.Equal("Always try to minimize the amount to test data you require in order to rum your tests.", quote.Text);
    }

    [Fact]
    public void Case41_LoneDashAndClosingParagraphAreNeitherQuoteNorAttribution()
    {
        IReadOnlyList<Quote> quotes = QuotesOf("Below are my favorite quotes from the report:\n\nTeams that ship daily recover faster.\n\n–\n\nI will read it again next year, thanks to everyone!");
        Quote quote = Assert.Single(quotes);
        Assert.Equal("Teams that ship daily recover faster.", quote.Text);
        Assert.Empty(quote.People);
    }

    [Fact]
    public void Case40_OpeningQuoteWithBackReference()
    {
        IReadOnlyList<Quote> quotes = QuotesOf(
            "We hope the findings in this report help you understand DevOps.\n\nAbove quote is the last words from the report, and I agree.",
            title: "2016 State of DevOps Report");
        Quote quote = Assert.Single(quotes);
        Assert.Equal(QuoteKind.Epigraph, quote.Kind);
        Assert.Equal("2016 State of DevOps Report", quote.Work);
        Assert.Equal(AttributionRule.BackReference, quote.AttributionRule);
    }
}

using DevOpsVision.Blogging.Quotes;

namespace DevOpsVision.Blogging.Tests.Quotes;

public class ReportingPatternsTests
{
    private static readonly ReportingPatterns Default = new(new QuoteOptions().ReportingVerbs);

    [Theory]
    [InlineData("and then she said it", true)]
    [InlineData("and then she SAID it", true)]
    [InlineData("Wrote the team", true)]
    [InlineData("according to the report", true)]
    [InlineData("in her own words", true)]
    [InlineData("the sayings of the day", false)]
    [InlineData("a sai d", false)]
    [InlineData("", false)]
    [InlineData("日本語 said", true)]
    public void HasCue_FindsAReportingVerb_AsAWholeWord_InAnyCase(string text, bool expected) =>
        Assert.Equal(expected, Default.HasCue(text, 0, text.Length));

    [Fact]
    public void SpeakerIn_ReadsTheSpeakerBeforeTheLastVerb()
    {
        Assert.Equal("Tim Campbell", Default.SpeakerIn("Last week Tim Campbell, engineer at X, shared that"));
        Assert.Equal("Jane Roe", Default.SpeakerIn("At the meeting Jane Roe has said"));
        Assert.Null(Default.SpeakerIn("Nothing here reports anything"));
    }

    [Fact]
    public void ConfiguredVerbs_ThatStartWithALetterOutsideAscii_AreFound()
    {
        var patterns = new ReportingPatterns(["énoncer", "Ärgern", "say"]);
        Assert.True(patterns.HasCue("il va énoncer ceci", 0, 18));
        Assert.True(patterns.HasCue("ÉNONCER", 0, 7));
        Assert.True(patterns.HasCue("wir ärgern uns", 0, 14));
        Assert.True(patterns.HasCue("they say", 0, 8));
        Assert.False(patterns.HasCue("they write", 0, 10));
    }
}

using System.Text.RegularExpressions;
using DevOpsVision.Blogging.Search;
using Lucene.Net.Tartarus.Snowball.Ext;
using Xunit.Abstractions;

namespace DevOpsVision.Blogging.Tests.Search;

public partial class AnalyzerTests(ITestOutputHelper output)
{
    private sealed class Collector : ITokenSink
    {
        public List<(string Term, int Position, int Start, int Length)> Tokens { get; } = [];

        public void OnToken(ReadOnlySpan<char> term, int position, int start, int length) => Tokens.Add((term.ToString(), position, start, length));
    }

    private static List<(string Term, int Position, int Start, int Length)> Analyze(string text)
    {
        var collector = new Collector();
        EnglishTextAnalyzer.Default.Analyze(text, collector);
        return collector.Tokens;
    }

    // From the Porter2 definition's sample vocabulary (snowballstem.org, English stemmer page) and its worked examples.
    [Theory]
    [InlineData("consign", "consign")]
    [InlineData("consigned", "consign")]
    [InlineData("consigning", "consign")]
    [InlineData("consignment", "consign")]
    [InlineData("consist", "consist")]
    [InlineData("consisted", "consist")]
    [InlineData("consistency", "consist")]
    [InlineData("consistent", "consist")]
    [InlineData("consistently", "consist")]
    [InlineData("consisting", "consist")]
    [InlineData("consists", "consist")]
    [InlineData("consolation", "consol")]
    [InlineData("consolations", "consol")]
    [InlineData("consolatory", "consolatori")]
    [InlineData("console", "consol")]
    [InlineData("consoled", "consol")]
    [InlineData("consoles", "consol")]
    [InlineData("consolidate", "consolid")]
    [InlineData("consolidated", "consolid")]
    [InlineData("consolidating", "consolid")]
    [InlineData("consoling", "consol")]
    [InlineData("consolingly", "consol")]
    [InlineData("consols", "consol")]
    [InlineData("consonant", "conson")]
    [InlineData("consort", "consort")]
    [InlineData("consorted", "consort")]
    [InlineData("consorting", "consort")]
    [InlineData("conspicuous", "conspicu")]
    [InlineData("conspicuously", "conspicu")]
    [InlineData("conspiracy", "conspiraci")]
    [InlineData("conspirator", "conspir")]
    [InlineData("conspirators", "conspir")]
    [InlineData("conspire", "conspir")]
    [InlineData("conspired", "conspir")]
    [InlineData("conspiring", "conspir")]
    [InlineData("constable", "constabl")]
    [InlineData("constables", "constabl")]
    [InlineData("constance", "constanc")]
    [InlineData("constancy", "constanc")]
    [InlineData("constant", "constant")]
    [InlineData("knack", "knack")]
    [InlineData("knackeries", "knackeri")]
    [InlineData("knacks", "knack")]
    [InlineData("knag", "knag")]
    [InlineData("knave", "knave")]
    [InlineData("knaves", "knave")]
    [InlineData("knavish", "knavish")]
    [InlineData("kneaded", "knead")]
    [InlineData("kneading", "knead")]
    [InlineData("knee", "knee")]
    [InlineData("kneel", "kneel")]
    [InlineData("kneeled", "kneel")]
    [InlineData("kneeling", "kneel")]
    [InlineData("kneels", "kneel")]
    [InlineData("knees", "knee")]
    [InlineData("knell", "knell")]
    [InlineData("knelt", "knelt")]
    [InlineData("knew", "knew")]
    [InlineData("knick", "knick")]
    [InlineData("knife", "knife")]
    [InlineData("knight", "knight")]
    [InlineData("knightly", "knight")]
    [InlineData("knights", "knight")]
    [InlineData("knit", "knit")]
    [InlineData("knits", "knit")]
    [InlineData("knitted", "knit")]
    [InlineData("knitting", "knit")]
    [InlineData("knives", "knive")]
    [InlineData("knob", "knob")]
    [InlineData("knock", "knock")]
    [InlineData("knocked", "knock")]
    [InlineData("knocker", "knocker")]
    [InlineData("knocking", "knock")]
    [InlineData("knot", "knot")]
    // Special cases named in the definition.
    [InlineData("skis", "ski")]
    [InlineData("skies", "sky")]
    [InlineData("dying", "die")]
    [InlineData("lying", "lie")]
    [InlineData("tying", "tie")]
    [InlineData("idly", "idl")]
    [InlineData("gently", "gentl")]
    [InlineData("ugly", "ugli")]
    [InlineData("early", "earli")]
    [InlineData("only", "onli")]
    [InlineData("singly", "singl")]
    [InlineData("news", "news")]
    [InlineData("atlas", "atlas")]
    [InlineData("cosmos", "cosmos")]
    [InlineData("bias", "bias")]
    [InlineData("andes", "andes")]
    [InlineData("inning", "inning")]
    [InlineData("outing", "outing")]
    [InlineData("canning", "canning")]
    [InlineData("proceed", "proceed")]
    [InlineData("exceed", "exceed")]
    [InlineData("succeed", "succeed")]
    [InlineData("generously", "generous")]
    [InlineData("generate", "generat")]
    [InlineData("communism", "communism")]
    [InlineData("communication", "communic")]
    [InlineData("arsenal", "arsenal")]
    [InlineData("ties", "tie")]
    [InlineData("cries", "cri")]
    [InlineData("gas", "gas")]
    [InlineData("gaps", "gap")]
    [InlineData("kiwis", "kiwi")]
    [InlineData("hoped", "hope")]
    [InlineData("hopping", "hop")]
    [InlineData("luxuriated", "luxuri")]
    [InlineData("cry", "cri")]
    [InlineData("by", "by")]
    [InlineData("say", "say")]
    [InlineData("youth", "youth")]
    [InlineData("boy's", "boy")]
    [InlineData("deployment", "deploy")]
    [InlineData("deployments", "deploy")]
    [InlineData("kubernetes", "kubernet")]
    [InlineData("observability", "observ")]
    [InlineData("monitoring", "monitor")]
    public void Porter2_StemsLikeTheDefinition(string word, string stem) => Assert.Equal(stem, Porter2Stemmer.Stem(word));

    [Fact]
    public void Porter2_AgreesWithSnowballReferenceOnEveryCorpusWord()
    {
        // Lucene.NET's EnglishStemmer is generated from the Snowball English definition by the Snowball compiler:
        // an independent implementation to check ours against, on every distinct word of both corpora.
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(TestPaths.Corpus(string.Empty), "*.md", SearchOption.AllDirectories))
        {
            foreach (Match match in Word().Matches(File.ReadAllText(file).ToLowerInvariant()))
            {
                words.Add(match.Value);
            }
        }

        var reference = new EnglishStemmer();
        var differences = new List<string>();
        foreach (string word in words)
        {
            reference.SetCurrent(word);
            reference.Stem();
            string expected = reference.Current;
            string actual = Porter2Stemmer.Stem(word);
            if (expected != actual)
            {
                differences.Add($"{word}: expected {expected}, got {actual}");
            }
        }

        output.WriteLine($"{words.Count} distinct words compared, {differences.Count} differences");
        Assert.True(words.Count > 20_000, $"only {words.Count} words");
        Assert.Empty(differences.Take(50));
    }

    [GeneratedRegex("[a-z][a-z']*[a-z]|[a-z]")]
    private static partial Regex Word();

    [Fact]
    public void Analyze_FoldsCaseAndDiacriticsAndStems()
    {
        var tokens = Analyze("Café DÉPLOYMENTS naïve Ærø");
        Assert.Equal(["cafe", "deploy", "naiv", "aero"], tokens.Select(t => t.Term));
    }

    [Fact]
    public void Analyze_DropsStopWordsButKeepsTheirPositions()
    {
        var tokens = Analyze("The state of the DevOps report");
        Assert.Equal(["state", "devop", "report"], tokens.Select(t => t.Term));
        Assert.Equal([1, 4, 5], tokens.Select(t => t.Position));
    }

    [Fact]
    public void Analyze_ReportsOffsetsIntoTheText()
    {
        const string text = "Hello, wörld! it's 2024";
        var tokens = Analyze(text);
        Assert.Equal(["hello", "world", "it", "2024"], tokens.Select(t => t.Term));
        Assert.Equal("wörld", text.Substring(tokens[1].Start, tokens[1].Length));
        Assert.Equal("it's", text.Substring(tokens[2].Start, tokens[2].Length));
    }

    [Fact]
    public void Analyze_SplitsIdeographsAndPunctuation()
    {
        var tokens = Analyze("日本語 node.js C#/F# e-mail");
        Assert.Equal(["日", "本", "語", "node", "js", "c", "f", "e", "mail"], tokens.Select(t => t.Term));
    }

    [Fact]
    public void Analyze_CutsHugeWordsAndNeverThrows()
    {
        var tokens = Analyze(new string('a', 10_000) + " \uD83D\uDE00 \uD800 x");
        Assert.Equal(EnglishTextAnalyzer.MaxWordLength, tokens[0].Term.Length);
        Assert.Equal("x", tokens[^1].Term);
    }
}

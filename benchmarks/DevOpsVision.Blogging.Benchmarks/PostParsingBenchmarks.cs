using System.Text;
using BenchmarkDotNet.Attributes;
using DevOpsVision.Blogging.Posts;
using Markdig;

namespace DevOpsVision.Blogging.Benchmarks;

/// <summary>
/// The full post parser (front matter, shortcodes, HTML, plain text, excerpt, table of contents, reading
/// time, content hash) against what a user would otherwise call: Markdig's <c>Markdown.ToHtml</c> with the
/// same pipeline. Both start from the files' bytes, as read from disk, and decode them as UTF-8.
/// One operation parses every document of the set; the sanitizer's memory of fragments is cleared before
/// each iteration, so every figure is a first parse.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MedianRatioConfig))]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class PostParsingBenchmarks
{
    private IReadOnlyList<PostFile> _files = [];
    private MarkdownPostParser _parser = null!;
    private MarkdownPostParser _trustingParser = null!;
    private MarkdownPostParser _noQuotesParser = null!;
    private MarkdownPipeline _pipeline = null!;

    [Params(BenchmarkDocuments.Corpus, BenchmarkDocuments.Synthetic1000, BenchmarkDocuments.Synthetic10000)]
    public string Documents { get; set; } = BenchmarkDocuments.Corpus;

    [GlobalSetup]
    public void Setup()
    {
        _files = BenchmarkDocuments.Load(Documents);
        _parser = new MarkdownPostParser(new BlogOptions());
        _trustingParser = new MarkdownPostParser(new BlogOptions { TrustContent = true });
        var noQuotes = new BlogOptions();
        noQuotes.Quotes.Enabled = false;
        _noQuotesParser = new MarkdownPostParser(noQuotes);
        _pipeline = _parser.Pipeline;
    }

    [IterationSetup]
    public void ForgetSanitizedFragments()
    {
        _parser.ClearCaches();
        _noQuotesParser.ClearCaches();
    }

    [Benchmark(Baseline = true, Description = "Markdig ToHtml")]
    public int MarkdigToHtml()
    {
        int length = 0;
        foreach (PostFile file in _files)
        {
            length += Markdown.ToHtml(Encoding.UTF8.GetString(file.Content.Span), _pipeline).Length;
        }

        return length;
    }

    [Benchmark(Description = "IPostParser.Parse")]
    public int FullParse() => ParseAll(_parser);

    /// <summary>The same with <see cref="BlogOptions.TrustContent"/>: what the parser costs without the HTML sanitizer.</summary>
    [Benchmark(Description = "IPostParser.Parse, trusted content")]
    public int FullParseTrusted() => ParseAll(_trustingParser);

    /// <summary>The same without quote extraction: the difference from <see cref="FullParse"/> is what finding quotations costs.</summary>
    [Benchmark(Description = "IPostParser.Parse, no quote extraction")]
    public int FullParseWithoutQuotes() => ParseAll(_noQuotesParser);

    private int ParseAll(MarkdownPostParser parser)
    {
        int length = 0;
        foreach (PostFile file in _files)
        {
            length += parser.Parse(file).Post?.Html.Length ?? 0;
        }

        return length;
    }
}

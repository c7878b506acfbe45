using System.Diagnostics;
using System.Globalization;
using System.Text;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Posts.Rendering;
using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace DevOpsVision.Blogging.Benchmarks;

/// <summary>
/// What the parsing benchmark's time columns cannot show on a shared machine: each configuration of the parser timed in
/// one process, pass by pass alternating with Markdig's <c>ToHtml</c>, so a slow spell of the machine falls on both;
/// Markdig's parse alone against its <c>ToHtml</c>; and, on the corpus, what HtmlSanitizer's own calls take a pass.
/// Run: <c>dotnet run -c Release --project benchmarks/DevOpsVision.Blogging.Benchmarks -- parse-report</c>.
/// </summary>
public static class ParseReport
{
    private const int Passes = 30;

    public static void Run()
    {
        foreach (string set in (string[])[BenchmarkDocuments.Corpus, BenchmarkDocuments.Synthetic1000])
        {
            IReadOnlyList<PostFile> files = BenchmarkDocuments.Load(set);
            MarkdownPipeline pipeline = new MarkdownPostParser(new BlogOptions()).Pipeline;
            Report(set, "Markdig's parse alone", () => ParseOnly(files, pipeline), files, pipeline);
            foreach ((string name, BlogOptions options) in Configurations())
            {
                var parser = new MarkdownPostParser(options);
                Report(set, name, () => ParseAll(files, parser), files, pipeline);
            }

            if (set == BenchmarkDocuments.Corpus)
            {
                SanitizerCalls(files, pipeline);
            }
        }
    }

    private static IEnumerable<(string Name, BlogOptions Options)> Configurations()
    {
        yield return ("IPostParser.Parse", new BlogOptions());
        var noQuotes = new BlogOptions();
        noQuotes.Quotes.Enabled = false;
        yield return ("no quote extraction", noQuotes);
        var trusted = new BlogOptions { TrustContent = true };
        trusted.Quotes.Enabled = false;
        yield return ("trusted, no quote extraction", trusted);
    }

    /// <summary>Times <paramref name="measured"/> and <c>ToHtml</c> pass by pass and prints the ratios of their 10th percentiles and medians.</summary>
    private static void Report(string set, string name, Action measured, IReadOnlyList<PostFile> files, MarkdownPipeline pipeline)
    {
        var ours = new double[Passes];
        var markdig = new double[Passes];
        for (int pass = -3; pass < Passes; pass++)
        {
            long start = Stopwatch.GetTimestamp();
            ToHtml(files, pipeline);
            double baseline = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            measured();
            double time = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (pass >= 0)
            {
                markdig[pass] = baseline;
                ours[pass] = time;
            }
        }

        Array.Sort(ours);
        Array.Sort(markdig);
        const int P10 = Passes / 10;
        const int P50 = Passes / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{set}: {name}: p10 {ours[P10]:F1} ms against ToHtml {markdig[P10]:F1} ms ({ours[P10] / markdig[P10]:F2}x); median {ours[P50]:F1} against {markdig[P50]:F1} ms ({ours[P50] / markdig[P50]:F2}x)"));
    }

    /// <summary>
    /// HtmlSanitizer's own time for the raw HTML blocks of the files as written (before shortcodes are expanded) that
    /// the well-formed-HTML check cannot vouch for, called as the parser calls it, a pass at a time.
    /// </summary>
    private static void SanitizerCalls(IReadOnlyList<PostFile> files, MarkdownPipeline pipeline)
    {
        HtmlSanitizer sanitizer = PostRenderer.CreateSanitizer();
        var check = new CachingSanitizer(PostRenderer.CreateSanitizer());
        var declined = new List<string>();
        int blocks = 0;
        foreach (PostFile file in files)
        {
            foreach (HtmlBlock block in Markdown.Parse(Encoding.UTF8.GetString(file.Content.Span), pipeline).Descendants<HtmlBlock>())
            {
                blocks++;
                string html = HtmlText.Of(block);
                if (check.TryPassThrough(html) is null)
                {
                    declined.Add(html);
                }
            }
        }

        var times = new double[Passes];
        for (int pass = -3; pass < Passes; pass++)
        {
            long start = Stopwatch.GetTimestamp();
            foreach (string html in declined)
            {
                sanitizer.Sanitize(html);
            }

            if (pass >= 0)
            {
                times[pass] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  HtmlSanitizer: {declined.Count} of {blocks} raw HTML blocks need it, p10 {times[Passes / 10]:F1} ms a pass, median {times[Passes / 2]:F1} ms"));
    }

    private static void ToHtml(IReadOnlyList<PostFile> files, MarkdownPipeline pipeline)
    {
        foreach (PostFile file in files)
        {
            Markdown.ToHtml(Encoding.UTF8.GetString(file.Content.Span), pipeline);
        }
    }

    private static void ParseOnly(IReadOnlyList<PostFile> files, MarkdownPipeline pipeline)
    {
        foreach (PostFile file in files)
        {
            Markdown.Parse(Encoding.UTF8.GetString(file.Content.Span), pipeline);
        }
    }

    private static void ParseAll(IReadOnlyList<PostFile> files, MarkdownPostParser parser)
    {
        // A first parse each pass, as in the benchmark: the sanitizer forgets the fragments it has seen.
        parser.ClearCaches();
        foreach (PostFile file in files)
        {
            parser.Parse(file);
        }
    }
}

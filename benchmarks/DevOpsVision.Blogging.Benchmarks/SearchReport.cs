using System.Diagnostics;
using System.Globalization;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Search;

namespace DevOpsVision.Blogging.Benchmarks;

/// <summary>
/// What BenchmarkDotNet does not measure: the memory an index holds (managed heap after a full collection, index
/// built and kept alive, minus the heap before, measured the same way for Lucene.NET and ours, each with a fresh
/// analyzer), the serialised sizes, and the time hostile queries take on the 10,000-post index.
/// Run: <c>dotnet run -c Release --project benchmarks/DevOpsVision.Blogging.Benchmarks -- search-report</c>.
/// </summary>
public static class SearchReport
{
    public static void Run()
    {
        foreach (string set in (string[])[BenchmarkDocuments.Corpus, BenchmarkDocuments.Synthetic10000])
        {
            IReadOnlyList<Post> posts = SearchDocuments.Posts(set);
            long lucene = 0, ours = 0, luceneBytes = 0, ourBytes = 0;
            for (int round = 0; round < 3; round++)
            {
                (lucene, luceneBytes) = MeasureLucene(posts);
                (ours, ourBytes) = MeasureOurs(posts);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{set}: heap held by the index: Lucene.NET {lucene / 1048576.0:F1} MB, PostSearchIndex {ours / 1048576.0:F1} MB, ratio {(double)ours / lucene:F2}; " +
                $"serialised: Lucene RAMDirectory {luceneBytes / 1048576.0:F1} MB, PostSearchIndex.Save {ourBytes / 1048576.0:F1} MB"));

            // Where Lucene's bytes go: the same index written without a compound file, a line per kind of file.
            using (var parts = new LuceneSearch(posts, compoundFile: false))
            {
                Console.WriteLine($"  Lucene.NET files: {string.Join(", ", parts.FileSizes().Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Name} {f.Bytes / 1024.0:F0} KB")))}");
            }

            if (set == BenchmarkDocuments.Synthetic10000)
            {
                Hostile(PostSearchIndex.Build(posts));
            }
        }
    }

    /// <summary>A quick look at query times (median of many runs, Stopwatch), for development; the figures to quote come from BenchmarkDotNet.</summary>
    public static void Quick()
    {
        foreach (string set in (string[])[BenchmarkDocuments.Corpus, BenchmarkDocuments.Synthetic10000])
        {
            foreach (QueryClass query in Enum.GetValues<QueryClass>())
            {
                var bench = new SearchQueryBenchmarks { Documents = set, Query = query };
                bench.Setup();
                double lucene = Median(() => bench.Lucene()), ours = Median(() => bench.Ours());
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{set} {query}: Lucene {lucene:F1} us, ours {ours:F1} us, {lucene / ours:F1}x"));
                bench.Cleanup();
            }
        }
    }

    /// <summary>Where indexing time goes: analysis alone against the whole build.</summary>
    public static void Profile()
    {
        foreach (string set in (string[])[BenchmarkDocuments.Corpus, BenchmarkDocuments.Synthetic10000])
        {
            IReadOnlyList<Post> posts = SearchDocuments.Posts(set);
            var sink = new NullSink();
            long chars = 0;
            foreach (Post post in posts)
            {
                chars += post.PlainText.Length + post.ExcerptText.Length + post.Title.Length;
            }

            for (int round = 0; round < 4; round++)
            {
                long start = Stopwatch.GetTimestamp();
                foreach (Post post in posts)
                {
                    EnglishTextAnalyzer.Default.Analyze(post.Title, sink);
                    EnglishTextAnalyzer.Default.Analyze(post.ExcerptText, sink);
                    EnglishTextAnalyzer.Default.Analyze(post.PlainText, sink);
                }

                double analysis = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                start = Stopwatch.GetTimestamp();
                PostSearchIndex.Build(posts);
                double build = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{set}: {chars / 1e6:F1} M chars, {sink.Count / 1e6:F2} M tokens; analysis {analysis:F0} ms, build {build:F0} ms"));
                sink.Count = 0;
            }
        }
    }

    private sealed class NullSink : ITokenSink
    {
        public long Count { get; set; }

        public void OnToken(ReadOnlySpan<char> term, int position, int start, int length) => Count++;
    }

    private static double Median(Func<int> run)
    {
        for (int i = 0; i < 200; i++)
        {
            run();
        }

        var times = new double[301];
        for (int i = 0; i < times.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            run();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(times);
        return times[150];
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (long Heap, long Bytes) MeasureLucene(IReadOnlyList<Post> posts)
    {
        long heap = Heap(() => new LuceneSearch(posts), out object index);
        var lucene = (LuceneSearch)index;
        long bytes = lucene.SizeInBytes;
        lucene.Dispose();
        return (heap, bytes);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (long Heap, long Bytes) MeasureOurs(IReadOnlyList<Post> posts)
    {
        long heap = Heap(() => PostSearchIndex.Build(posts, analyzer: new EnglishTextAnalyzer()), out object index);
        using var stream = new MemoryStream();
        var ours = (PostSearchIndex)index;
        ours.Save(stream);
        Segment segment = ours.Segments[0];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  breakdown: {segment.TermCount} terms ({segment.Terms.Chars.Length * 2 / 1024} KB chars), {segment.Surfaces.Count} surfaces ({segment.Surfaces.Chars.Length * 2 / 1024} KB), postings {segment.Postings.Length / 1024} KB, positions {segment.Positions.Length / 1024} KB, field lengths {segment.FieldLengths.Length * 4 / 1024} KB"));
        return (heap, stream.Length);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long Heap(Func<object> build, out object index)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        index = build();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(index);
        return after - before;
    }

    private static void Hostile(PostSearchIndex index)
    {
        (string Name, string Query)[] queries =
        [
            ("10,000 characters", new string('a', 10_000)),
            ("10,000 characters of words", string.Join(' ', Enumerable.Repeat("pipeline", 1_200))[..10_000]),
            ("1,000 terms", string.Join(' ', Enumerable.Range(0, 1_000).Select(i => "word" + i))),
            ("32 terms (the cap)", string.Join(' ', Enumerable.Range(0, 32).Select(i => "latency" + (i % 3 == 0 ? "" : "s")))),
            ("* alone", "*"),
            ("fuzzy, 200 letters", new string('x', 200)),
            ("fuzzy, 32 letters", "kalolomineruzeantdisconverionell"),
            ("unbalanced quotes", "\"pipeline latency"),
            ("6 short prefixes", "ka* lo* mi* ne* ru* sa*"),
            ("30 copies of one phrase", string.Join(' ', Enumerable.Repeat("\"would more\"", 30))),
            ("16 phrases of frequent words (the cap)", "\"one all\" \"would when\" \"more can\" \"out up\" \"about them\" \"than only\" \"other some\" \"time could\" \"have you\" \"were her\" \"she been\" \"his which\" \"two may\" \"first any\" \"now like\" \"over man\""),
            ("32 typo-tolerant words", string.Join(' ', Enumerable.Range(0, 32).Select(i => "pipelnie"))),
        ];
        foreach ((string name, string query) in queries)
        {
            // The first run includes compiling the query's code paths; then the runtime's tiered compilation swaps in
            // optimized code after about 30 calls and a short delay. Steady state is measured after that, the first run apart.
            long first = Stopwatch.GetTimestamp();
            SearchResults results = index.Search(query);
            double firstRun = Stopwatch.GetElapsedTime(first).TotalMilliseconds;
            for (int i = 0; i < 50; i++)
            {
                index.Search(query);
            }

            Thread.Sleep(300);
            var times = new double[21];
            for (int i = 0; i < times.Length; i++)
            {
                long start = Stopwatch.GetTimestamp();
                results = index.Search(query);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }

            Array.Sort(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"hostile, 10,000 posts, {name}: median {times[10]:F2} ms, max {times[^1]:F2} ms, first run {firstRun:F2} ms, {(results.IsValid ? $"{results.TotalCount} hits" : "error: " + results.Error)}"));
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Search;
using Xunit.Abstractions;

namespace DevOpsVision.Blogging.Tests.Search;

public class PersistenceTests(ITestOutputHelper output)
{
    private static readonly string[] Queries = ["collector", "kubernetes operator", "\"semantic conventions\"", "trac*", "java agent", "metrics -logs", "tag:collector", "date:2023 demo"];

    private static string[] Top(PostSearchIndex index, string query, int size = 10) =>
        [.. index.Search(new SearchRequest(query) { PageSize = size, IncludeSnippets = false }).Hits.Select(h => h.Post.Slug)];

    private static byte[] Save(PostSearchIndex index)
    {
        using var stream = new MemoryStream();
        index.Save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void SaveThenLoad_GivesTheSameResults()
    {
        IReadOnlyList<Post> posts = SearchCorpora.Otel;
        PostSearchIndex index = PostSearchIndex.Build(posts.Take(200)).Apply(posts.Skip(200), [posts[3].SourcePath]);
        byte[] bytes = Save(index);
        output.WriteLine($"{bytes.Length:N0} bytes for {index.Count} posts");
        PostSearchIndex loaded = PostSearchIndex.Load(new MemoryStream(bytes), [.. posts.Where((_, i) => i != 3)]);
        Assert.Equal(index.Count, loaded.Count);
        Assert.Equal(index.SegmentCount, loaded.SegmentCount);
        foreach (string query in Queries)
        {
            Assert.Equal(Top(index, query), Top(loaded, query));
        }
    }

    [Fact]
    public void Load_ReindexesPostsThatChangedSinceTheSave()
    {
        Post a = SearchIndexTests.MakePost("a", "Alpha", "terraform"), b = SearchIndexTests.MakePost("b", "Beta", "ansible");
        byte[] bytes = Save(PostSearchIndex.Build([a, b]));
        Post changed = SearchIndexTests.MakePost("b", "Beta", "chef recipes");
        Post added = SearchIndexTests.MakePost("c", "Gamma", "terraform");
        PostSearchIndex loaded = PostSearchIndex.Load(new MemoryStream(bytes), [a, changed, added]);
        Assert.Equal(3, loaded.Count);
        Assert.Equal(["b"], Top(loaded, "chef"));
        Assert.Empty(Top(loaded, "ansible"));
        Assert.Equal(["a", "c"], Top(loaded, "terraform").Order());
    }

    [Fact]
    public void Load_RejectsBadData_WithClearErrors()
    {
        byte[] bytes = Save(SearchCorpora.SampleIndex);
        IReadOnlyList<Post> posts = SearchCorpora.Sample;

        byte[] corrupt = (byte[])bytes.Clone();
        corrupt[bytes.Length / 2] ^= 0x5A;
        Assert.Contains("checksum", Assert.Throws<SearchIndexFormatException>(() => PostSearchIndex.Load(new MemoryStream(corrupt), posts)).Message, StringComparison.Ordinal);

        byte[] version = (byte[])bytes.Clone();
        version[8] = 99;
        Assert.Contains("format version 99", Assert.Throws<SearchIndexFormatException>(() => PostSearchIndex.Load(new MemoryStream(version), posts)).Message, StringComparison.Ordinal);

        Assert.Contains("DVSEARCH", Assert.Throws<SearchIndexFormatException>(() => PostSearchIndex.Load(new MemoryStream("not an index at all"u8.ToArray()), posts)).Message, StringComparison.Ordinal);
        Assert.Contains("truncated", Assert.Throws<SearchIndexFormatException>(() => PostSearchIndex.Load(new MemoryStream(bytes[..(bytes.Length - 10)]), posts)).Message, StringComparison.Ordinal);

        var other = new EnglishTextAnalyzer([], stem: false);
        Assert.Contains("analyzer", Assert.Throws<SearchIndexFormatException>(() => PostSearchIndex.Load(new MemoryStream(bytes), posts, analyzer: other)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportJson_IsCompactAndComplete()
    {
        using var stream = new MemoryStream();
        SearchCorpora.OtelIndex.ExportJson(stream);
        using JsonDocument json = JsonDocument.Parse(stream.ToArray());
        JsonElement root = json.RootElement;
        Assert.Equal(1, root.GetProperty("format").GetInt32());
        Assert.Equal(SearchCorpora.Otel.Count, root.GetProperty("docs").GetArrayLength());
        Assert.Equal(SearchCorpora.Otel.Count * 5, root.GetProperty("lengths").GetArrayLength());
        Assert.True(root.GetProperty("terms").TryGetProperty("kubernet", out _));
        output.WriteLine($"JSON index: {stream.Length:N0} bytes for {SearchCorpora.Otel.Count} posts");
    }

    [Fact]
    public void ExportJson_WritesEveryTermOnceInOrder_WithItsPostings_FromSeveralSegments()
    {
        // Grown by segments with a post deleted: the export merges the segments' terms and leaves the dead post out.
        IReadOnlyList<Post> posts = SearchCorpora.Otel;
        PostSearchIndex index = PostSearchIndex.Build(posts.Take(150)).Apply(posts.Skip(150), [posts[7].SourcePath]);
        Assert.True(index.SegmentCount > 1);
        using var stream = new MemoryStream();
        index.ExportJson(stream);
        using JsonDocument json = JsonDocument.Parse(stream.ToArray());
        JsonElement terms = json.RootElement.GetProperty("terms");

        string? previous = null;
        int count = 0;
        long postings = 0;
        foreach (JsonProperty term in terms.EnumerateObject())
        {
            Assert.True(previous is null || string.CompareOrdinal(previous, term.Name) < 0, $"{previous} before {term.Name}");
            previous = term.Name;
            count++;

            // [docDelta, fieldBits, tf per field present, ...]: count the documents and check each delta moves forward.
            int[] values = [.. term.Value.EnumerateArray().Select(v => v.GetInt32())];
            int at = 0, docs = 0;
            while (at < values.Length)
            {
                Assert.True(values[at] > 0);
                int fields = System.Numerics.BitOperations.PopCount((uint)values[at + 1]);
                Assert.InRange(fields, 1, 5);
                at += 2 + fields;
                docs++;
            }

            Assert.Equal(at, values.Length);
            Assert.Equal(Searcher.DocFreq(index, term.Name) - Dead(index, term.Name), docs);
            postings += docs;
        }

        int distinct = index.Segments.SelectMany(s => Enumerable.Range(0, s.TermCount).Select(t => s.Term(t).ToString())).Distinct().Count();
        Assert.True(count > 2_000, $"{count} terms");
        Assert.True(count >= distinct - 50 && count <= distinct, $"{count} terms exported of {distinct}");
        output.WriteLine($"{count} terms, {postings} postings");
    }

    private static int Dead(PostSearchIndex index, string term)
    {
        int dead = 0;
        for (int s = 0; s < index.Segments.Length; s++)
        {
            int id = index.Segments[s].Find(term);
            if (id < 0)
            {
                continue;
            }

            var cursor = new PostingCursor(index.Segments[s], id);
            while (cursor.MoveNext())
            {
                dead += index.IsLive(s, cursor.Doc) ? 0 : 1;
            }
        }

        return dead;
    }

    [NodeFact]
    public void JavaScriptClient_RanksLikeTheServer_AndStemsLikePorter2()
    {
        string folder = Path.Combine(Path.GetTempPath(), "dvsearch-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            PostSearchIndex index = SearchCorpora.OtelIndex;
            using (FileStream file = File.Create(Path.Combine(folder, "index.json")))
            {
                index.ExportJson(file);
            }

            File.WriteAllText(Path.Combine(folder, "search-client.js"), PostSearchIndex.ClientScript);
            string[] words = ["consolingly", "generously", "skies", "dying", "hopping", "luxuriated", "kubernetes", "observability", "deployments", "communication", "ties", "cries", "gaps", "news", "succeeding", "knightly", "conspiracy", "youth", "boy's", "arsenal"];
            string[] queries = ["collector", "kubernetes operator", "java agent", "trac*", "exponential histograms", "metrics -logs", "tail sampling", "nginx", "spring boot", "semantic conventions"];
            File.WriteAllText(Path.Combine(folder, "run.js"), """
                const fs = require("fs");
                const client = require("./search-client.js");
                const index = client.load(fs.readFileSync(__dirname + "/index.json", "utf8"));
                const input = JSON.parse(fs.readFileSync(__dirname + "/input.json", "utf8"));
                const out = { stems: input.words.map(client.stem), hits: input.queries.map(q => index.search(q, 5).map(h => h.slug)) };
                process.stdout.write(JSON.stringify(out));
                """);
            File.WriteAllText(Path.Combine(folder, "input.json"), JsonSerializer.Serialize(new { words, queries }));
            var start = new ProcessStartInfo("node", Path.Combine(folder, "run.js")) { RedirectStandardOutput = true, RedirectStandardError = true };
            using Process node = Process.Start(start)!;
            string stdout = node.StandardOutput.ReadToEnd();
            string stderr = node.StandardError.ReadToEnd();
            node.WaitForExit();
            Assert.True(node.ExitCode == 0, stderr);
            using JsonDocument result = JsonDocument.Parse(stdout);
            string[] stems = [.. result.RootElement.GetProperty("stems").EnumerateArray().Select(e => e.GetString()!)];
            Assert.Equal(words.Select(Porter2Stemmer.Stem), stems);
            int q = 0;
            double overlap = 0;
            foreach (JsonElement hits in result.RootElement.GetProperty("hits").EnumerateArray())
            {
                string[] js = [.. hits.EnumerateArray().Select(e => e.GetString()!)];
                string[] server = [.. index.Search(new SearchRequest(queries[q]) { PageSize = 5, TypoTolerance = false, IncludeSnippets = false }).Hits.Select(h => h.Post.Slug)];
                Assert.NotEmpty(js);
                Assert.Equal(server[0], js[0]);
                overlap += (double)js.Intersect(server).Count() / Math.Max(js.Length, server.Length);
                q++;
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"JS client top-5 overlap with the server: {overlap / queries.Length:F3}"));
            Assert.True(overlap / queries.Length >= 0.9);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>A fact that needs Node.js on the PATH; skipped (with the reason) where it is missing.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (!NodeExists.Value)
        {
            Skip = "node is not installed";
        }
    }

    private static readonly Lazy<bool> NodeExists = new(() =>
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        return path is not null && path.Split(Path.PathSeparator).Any(p => File.Exists(Path.Combine(p, "node")) || File.Exists(Path.Combine(p, "node.exe")));
    });
}

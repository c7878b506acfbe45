using System.Globalization;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using Markdig;

namespace DevOpsVision.Blogging.Tests.Posts;

/// <summary>
/// The 765 real posts of the 18F and OpenTelemetry blogs load with the title, date and authors that an
/// independent YAML reader (PyYAML, see tests/corpus/EXPECTED.md) finds in them.
/// </summary>
public class CorpusTests
{
    private static readonly Lazy<Dictionary<string, PostParseResult>> Parsed = new(() =>
    {
        var parser = new MarkdownPostParser(new BlogOptions());
        var results = new Dictionary<string, PostParseResult>(StringComparer.Ordinal);
        string root = TestPaths.Corpus(string.Empty);
        foreach (string corpus in (string[])["18f-blog", "otel-blog"])
        {
            PostSourceContent content = new FileSystemPostSource(Path.Combine(root, corpus, "posts")).ReadAllAsync().AsTask().GetAwaiter().GetResult();
            foreach (PostFile file in content.Files)
            {
                string relative = Path.GetRelativePath(root, file.Path).Replace('\\', '/');
                results[relative] = parser.Parse(file);
            }
        }

        return results;
    });

    public static TheoryData<string, string, string, string> Expected()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (string line in File.ReadLines(TestPaths.Corpus("expected-posts.tsv")).Skip(1))
        {
            string[] columns = line.Split('\t');
            data.Add(columns[0], columns[1], columns[2], columns[3]);
        }

        return data;
    }

    [Fact]
    public void Corpora_HaveEveryPost()
    {
        Assert.Equal(509, Parsed.Value.Keys.Count(k => k.StartsWith("18f-blog/", StringComparison.Ordinal)));
        Assert.Equal(256, Parsed.Value.Keys.Count(k => k.StartsWith("otel-blog/", StringComparison.Ordinal)));
        Assert.Equal(765, Expected().Count);
    }

    [Fact]
    public void Corpora_EveryPostLoadsWithoutErrors()
    {
        var failures = Parsed.Value.Values
            .SelectMany(r => r.Diagnostics)
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.ToString())
            .ToList();

        Assert.Empty(failures);
    }

    [Fact]
    public void Corpora_FrontMatterQuirks_AreRepairedNotRejected()
    {
        int repaired = Parsed.Value.Values.SelectMany(r => r.Diagnostics).Count(d => d.Code == DiagnosticCodes.FrontMatterRepaired);

        // 114 multi-line quoted values continue in column 0 (see tests/corpus/18f-blog/SOURCE.md).
        Assert.Equal(114, repaired);
    }

    [Theory]
    [MemberData(nameof(Expected))]
    public void Corpora_PostMatchesIndependentReading(string path, string title, string date, string authors)
    {
        PostParseResult result = Parsed.Value[path];
        Post post = result.GetPostOrThrow();

        Assert.Equal(title, post.Title);
        Assert.Equal(DateTimeOffset.Parse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), post.Date);
        Assert.Equal(authors, string.Join(" | ", post.Authors.Select(a => a.Name)));
        Assert.False(string.IsNullOrWhiteSpace(post.Html));
        Assert.True(post.WordCount > 0);
    }

    [Fact]
    public void Corpora_ExplicitExcerpts_RenderAsMarkdigRendersThem()
    {
        // The same posts with a pipeline set by hand: every explicit excerpt then goes through Markdig.
        var markdigOnly = new MarkdownPostParser(new BlogOptions { ConfigureMarkdown = b => b.UseAdvancedExtensions() });
        string root = TestPaths.Corpus(string.Empty);
        foreach ((string path, PostParseResult result) in Parsed.Value)
        {
            Post expected = markdigOnly.Parse(PostFile.FromText(path, File.ReadAllText(Path.Combine(root, path)))).GetPostOrThrow();
            Assert.True(expected.ExcerptHtml == result.Post!.ExcerptHtml, $"{path}: {expected.ExcerptHtml} <> {result.Post.ExcerptHtml}");
            Assert.Equal(expected.ExcerptText, result.Post.ExcerptText);
        }
    }

    [Fact]
    public void Corpora_ScriptsInPosts_AreRemovedFromHtml()
    {
        var withScripts = Parsed.Value.Values.Where(r => r.Post is { HasRawHtml: true }).Select(r => r.Post!).ToList();

        Assert.NotEmpty(withScripts);
        Assert.All(withScripts, p => Assert.DoesNotContain("<script", p.Html, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Corpora_LiquidUrlFiltersInLinks_BecomeLinks()
    {
        var links = Parsed.Value.Values.Where(r => r.Post is not null).SelectMany(r => r.Post!.Links).ToList();

        Assert.DoesNotContain(links, l => l.Contains("{{", StringComparison.Ordinal));
        Assert.Contains(links, l => l.StartsWith("/20", StringComparison.Ordinal));
    }

    [Fact]
    public void Corpora_HugoParamShortcodes_ResolveFrontMatter()
    {
        PostParseResult result = Parsed.Value.First(r => r.Key.StartsWith("otel-blog/", StringComparison.Ordinal) && r.Value.Post!.Extra.ContainsKey("canonical_url")
            && File.ReadAllText(Path.Combine(TestPaths.Corpus(string.Empty), r.Key)).Contains("{{% param canonical_url %}}", StringComparison.Ordinal)).Value;

        Assert.Contains((string)result.Post!.Extra["canonical_url"]!, result.Post.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("param canonical_url", result.Post.Html, StringComparison.Ordinal);
    }
}

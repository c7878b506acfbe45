using System.Text.Json;
using System.Text.RegularExpressions;

namespace DevOpsVision.Samples.Cli.Tests;

public sealed partial class CommandTests
{
    [GeneratedRegex(@"^.+\(\d+,\d+\): (error|warning) DV\d{4}: .+$")]
    private static partial Regex DiagnosticLine();

    [Fact]
    public async Task Check_of_the_sample_blog_succeeds_with_a_summary()
    {
        CliRun run = await CliRun.RunAsync("check", "--content", TestPaths.SampleContent);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("5 posts, 0 errors, 0 warnings", run.Out.Trim());
        Assert.Equal("", run.Err);
    }

    [Theory]
    [InlineData("18f-blog", 506)]
    [InlineData("otel-blog", 235)]
    public async Task Check_of_a_corpus_prints_every_diagnostic_like_a_compiler_and_fails_on_its_duplicate_slugs(string corpus, int posts)
    {
        CliRun run = await CliRun.RunAsync("check", "--content", TestPaths.Corpus(corpus));

        // Both corpora have posts whose slugs another post already uses: errors (DV0114), the rest still load.
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.StartsWith($"{posts} posts, ", run.Out, StringComparison.Ordinal);
        string[] lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.Matches(DiagnosticLine(), line));
        Assert.Contains(lines, line => line.Contains(": error DV0114: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_with_a_broken_post_reports_it_and_still_loads_the_good_ones()
    {
        using var content = new TempFolder();
        content.Write("good.md", "---\ntitle: Good\ndate: 2024-01-01\n---\nA good post.\n");
        content.Write("also-good.md", "---\ntitle: Also good\ndate: 2024-01-02\n---\nAnother good post.\n");
        content.Write("broken.md", "---\ntitle: Broken\ndate: 2024-01-03\nThe front matter never ends.\n");

        CliRun run = await CliRun.RunAsync("check", "--content", content.Path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(@"broken\.md\(1,1\): error DV0101: ", run.Err);
        Assert.Equal("2 posts, 1 errors, 0 warnings", run.Out.Trim());
    }

    [Theory]
    [InlineData("check")]
    [InlineData("frobnicate", "--content", ".")]
    [InlineData("search", "--content", ".")]
    [InlineData("check", "--content", ".", "--unknown")]
    [InlineData("build", "--content", ".", "--output", "x", "--base-url", "ftp://example.org/")]
    [InlineData("search", "--content", ".", "--page", "many", "devops")]
    public async Task Bad_arguments_exit_with_2_and_say_why(params string[] args)
    {
        CliRun run = await CliRun.RunAsync(args);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: ", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_content_folder_exits_with_2()
    {
        string missing = Path.Combine(Path.GetTempPath(), "dv-cli-missing-" + Guid.NewGuid().ToString("N"));

        CliRun run = await CliRun.RunAsync("check", "--content", missing);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("does not exist", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_finds_autonomous_teams_typed_with_a_typo()
    {
        CliRun text = await CliRun.RunAsync("search", "--content", TestPaths.SampleContent, "autonomus");
        CliRun json = await CliRun.RunAsync("search", "--content", TestPaths.SampleContent, "--json", "autonomus");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("1. Autonomous teams Supporting Microservices 24/7", text.Out, StringComparison.Ordinal);
        Assert.Contains("[autonomous]", text.Out, StringComparison.Ordinal);   // the matched word in the snippet
        Assert.True(json.ExitCode == 0, json.ToString());
        using JsonDocument document = JsonDocument.Parse(json.Out);
        JsonElement hit = document.RootElement.GetProperty("hits")[0];
        Assert.Equal("autonomous-teams-supporting-microservices-24-7", hit.GetProperty("slug").GetString());
        Assert.Equal("https://example.org/posts/autonomous-teams-supporting-microservices-24-7/", hit.GetProperty("url").GetString());
        Assert.Contains("<mark>autonomous</mark>", hit.GetProperty("snippet").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_query_exits_with_2_and_explains()
    {
        CliRun run = await CliRun.RunAsync("search", "--content", TestPaths.SampleContent, "\"unclosed");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("never closed", run.Err, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Theory]
    [InlineData("18f-blog", "accessibility")]
    [InlineData("otel-blog", "collector")]
    public async Task Search_of_a_corpus_ranks_hits_and_still_reports_its_post_errors(string corpus, string query)
    {
        CliRun run = await CliRun.RunAsync("search", "--content", TestPaths.Corpus(corpus), "--json", query);

        Assert.True(run.ExitCode == 1, run.ToString());   // the hits are printed; the duplicate slugs make it 1
        using JsonDocument document = JsonDocument.Parse(run.Out);
        JsonElement[] hits = [.. document.RootElement.GetProperty("hits").EnumerateArray()];
        Assert.NotEmpty(hits);
        double[] scores = [.. hits.Select(h => h.GetProperty("score").GetDouble())];
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Contains("error DV0114", run.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quotes_of_the_sample_blog_hold_the_Effective_DevOps_quotes()
    {
        CliRun json = await CliRun.RunAsync("quotes", "--content", TestPaths.SampleContent, "--json");
        CliRun text = await CliRun.RunAsync("quotes", "--content", TestPaths.SampleContent);

        Assert.True(json.ExitCode == 0, json.ToString());
        using JsonDocument document = JsonDocument.Parse(json.Out);
        JsonElement[] book = [.. document.RootElement.EnumerateArray().Where(q => q.GetProperty("work").GetString() == "Effective DevOps")];
        Assert.True(book.Length >= 5, $"{book.Length} Effective DevOps quotes");
        Assert.All(book, q => Assert.Equal("effective-devops", q.GetProperty("postSlug").GetString()));
        Assert.All(book, q => Assert.Contains("Jennifer Davis", q.GetProperty("people").EnumerateArray().Select(p => p.GetString())));
        Assert.Contains(book, q => q.GetProperty("text").GetString()!.StartsWith("The end goal is to create and maintain a successful organization", StringComparison.Ordinal));
        Assert.Contains(document.RootElement.EnumerateArray(), q => q.GetProperty("work").GetString() == "2016 State of DevOps Report");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains($"Effective DevOps ({book.Length})", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quotes_of_a_corpus_are_listed_with_their_posts()
    {
        CliRun run = await CliRun.RunAsync("quotes", "--content", TestPaths.Corpus("18f-blog"), "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using JsonDocument document = JsonDocument.Parse(run.Out);
        Assert.NotEmpty(document.RootElement.EnumerateArray());
        Assert.All(document.RootElement.EnumerateArray(), q =>
        {
            Assert.False(string.IsNullOrWhiteSpace(q.GetProperty("text").GetString()));
            Assert.StartsWith("https://example.org/posts/" + q.GetProperty("postSlug").GetString() + "/", q.GetProperty("postUrl").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Suggest_gives_every_post_its_category_and_tag_suggestions()
    {
        CliRun run = await CliRun.RunAsync("suggest", "--content", TestPaths.Corpus("18f-blog"), "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using JsonDocument document = JsonDocument.Parse(run.Out);
        JsonElement[] posts = [.. document.RootElement.EnumerateArray()];
        Assert.Equal(506, posts.Length);
        JsonElement[] tags = [.. posts.SelectMany(p => p.GetProperty("tags").EnumerateArray())];
        Assert.NotEmpty(tags);
        Assert.All(tags, t => Assert.InRange(t.GetProperty("confidence").GetDouble(), 0.0001, 1.0));
        Assert.Contains(tags, t => t.GetProperty("assigned").GetBoolean());
        Assert.Contains(tags, t => !t.GetProperty("assigned").GetBoolean());   // new tags to consider, not only the post's own
    }

    [Fact]
    public async Task Suggest_as_text_names_each_post()
    {
        CliRun run = await CliRun.RunAsync("suggest", "--content", TestPaths.SampleContent);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("effective-devops: Effective DevOps", run.Out, StringComparison.Ordinal);
        Assert.Equal(5, run.Out.Split('\n').Count(l => l.StartsWith("  categories: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_cancelled_run_stops_with_130()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        int code = await BlogCli.RunAsync(["check", "--content", TestPaths.SampleContent], stdout, stderr, cancel.Token);

        Assert.Equal(BlogCli.Cancelled, code);
        Assert.Contains("Cancelled.", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Snippets_become_plain_text_with_the_matches_in_brackets()
    {
        Assert.Equal("a [b] & <c>", BlogCli.PlainSnippet("a <mark>b</mark> &amp; &lt;c&gt;"));
    }
}

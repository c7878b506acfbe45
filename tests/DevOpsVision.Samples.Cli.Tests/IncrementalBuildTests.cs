using DevOpsVision.Samples.Cli.Site;

namespace DevOpsVision.Samples.Cli.Tests;

/// <summary>
/// A site rebuilt after changes must be byte for byte the site a build from scratch writes, while rewriting only
/// the files whose bytes changed.
/// </summary>
public sealed class IncrementalBuildTests
{
    private const string NewPost = "---\ntitle: \"Chaos engineering on a budget\"\ndate: 2022-03-01 09:00\ncategories: [Resilience]\ntags: [chaos, testing]\n---\n\nBreak things on purpose, in small steps, with the team watching.\n";

    public static TheoryData<string> Edits => new() { "body", "title", "add", "remove", "recategorize", "same-bytes", "broken" };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task A_rebuild_after_an_edit_leaves_the_folder_as_a_build_from_scratch_would(string edit)
    {
        using var temp = new TempFolder();
        string content = CopySampleBlog(temp);
        string incremental = Path.Combine(temp.Path, "incremental");
        await using BlogSession blog = await LoadAsync(content);
        var site = new SiteRebuilder(blog, incremental);
        SiteBuildReport first = site.Build(CancellationToken.None);
        Assert.Empty(first.Problems);
        File.WriteAllText(Path.Combine(incremental, "CNAME"), "blog.example.com");   // the user's own file

        string first_post = Path.Combine(content, "2016-06-12-my-very-first-blog-post.md");
        switch (edit)
        {
            case "body":
                File.AppendAllText(first_post, "\nOne more paragraph, written later.\n");
                break;
            case "title":
                File.WriteAllText(first_post, File.ReadAllText(first_post).Replace("My very first blog post", "My first post, renamed", StringComparison.Ordinal));
                break;
            case "add":
                File.WriteAllText(Path.Combine(content, "2022-03-01-chaos-engineering.md"), NewPost);
                break;
            case "remove":
                File.Delete(Path.Combine(content, "2021-02-06-aws-devops-engineer-pro-exam-experiences.md"));
                break;
            case "recategorize":
                File.WriteAllText(first_post, File.ReadAllText(first_post).Replace("categories: [DevOps]", "categories: [Beginnings]", StringComparison.Ordinal));
                break;
            case "same-bytes":
                File.WriteAllBytes(first_post, File.ReadAllBytes(first_post));
                break;
            case "broken":
                File.WriteAllText(first_post, "---\ntitle: [unclosed\n---\nText.\n");
                break;
        }

        (_, SiteBuildReport? rebuilt) = await site.RebuildAsync(CancellationToken.None);

        string scratch = Path.Combine(temp.Path, "scratch");
        await using (BlogSession fresh = await LoadAsync(content))
        {
            new SiteRebuilder(fresh, scratch).Build(CancellationToken.None);
        }

        File.Delete(Path.Combine(incremental, "CNAME"));
        AssertSameTree(scratch, incremental);
        if (edit == "same-bytes")
        {
            Assert.Null(rebuilt);   // no post changed: nothing to build
        }
        else
        {
            Assert.NotNull(rebuilt);
            Assert.True(rebuilt.Unchanged > 0, "every file was rewritten");
            Assert.NotEmpty(rebuilt.Written.Concat(rebuilt.Removed));
        }
    }

    [Fact]
    public async Task A_rebuild_of_a_real_blog_after_renaming_and_retagging_posts_matches_a_build_from_scratch()
    {
        // Titles reach neighbours' pages and related lists; tags change which posts are related.
        using var temp = new TempFolder();
        string content = Path.Combine(temp.Path, "content");
        Directory.CreateDirectory(content);
        string[] files = Directory.GetFiles(TestPaths.Corpus("18f-blog"), "*.md").Order(StringComparer.Ordinal).ToArray();
        foreach (string file in files)
        {
            File.Copy(file, Path.Combine(content, Path.GetFileName(file)));
        }

        string output = Path.Combine(temp.Path, "incremental");
        await using BlogSession blog = await LoadAsync(content);
        var site = new SiteRebuilder(blog, output);
        site.Build(CancellationToken.None);

        string renamed = Path.Combine(content, Path.GetFileName(files[files.Length / 2]));
        File.WriteAllText(renamed, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(renamed), "(?m)^title: .*$", "title: \"A title changed later\""));
        string retagged = Path.Combine(content, Path.GetFileName(files[files.Length / 3]));
        File.WriteAllText(retagged, File.ReadAllText(retagged).Replace("\ntags:", "\ntags: [agile, security, open source]\nformer_tags:", StringComparison.Ordinal));
        (var changes, SiteBuildReport? report) = await site.RebuildAsync(CancellationToken.None);

        Assert.NotNull(report);
        Assert.Equal(2, changes.Changed.Count);
        Assert.False(blog.Snapshot.HasErrors && blog.Snapshot.Diagnostics.Any(d => changes.Changed.Contains(d.Path) && d.Severity == Blogging.Posts.DiagnosticSeverity.Error));
        Assert.Contains(blog.Snapshot.Posts, p => p.Title == "A title changed later");
        Assert.Contains(blog.Snapshot.Posts, p => p.SourcePath.EndsWith(Path.GetFileName(retagged), StringComparison.Ordinal) && p.Tags.Contains("security"));
        Assert.True(report.Written.Count < files.Length / 4, report.Written.Count + " files written");
        string scratch = Path.Combine(temp.Path, "scratch");
        await using (BlogSession fresh = await LoadAsync(content))
        {
            new SiteRebuilder(fresh, scratch).Build(CancellationToken.None);
        }

        AssertSameTree(scratch, output);
    }

    [Fact]
    public async Task A_rebuild_rewrites_what_depends_on_the_changed_post_and_removes_what_is_gone()
    {
        using var temp = new TempFolder();
        string content = CopySampleBlog(temp);
        string output = Path.Combine(temp.Path, "site");
        await using BlogSession blog = await LoadAsync(content);
        var site = new SiteRebuilder(blog, output);
        site.Build(CancellationToken.None);
        File.WriteAllText(Path.Combine(output, "CNAME"), "blog.example.com");

        string post = Path.Combine(content, "2016-06-12-my-very-first-blog-post.md");
        File.AppendAllText(post, "\nA sentence about observability added later.\n");
        (var changes, SiteBuildReport? edited) = await site.RebuildAsync(CancellationToken.None);
        Assert.NotNull(edited);

        Assert.Equal([post], changes.Changed.Select(Path.GetFullPath));
        Assert.Contains("posts/my-very-first-blog-post/index.html", edited.Written);
        Assert.Contains("search-index.json", edited.Written);
        Assert.Contains("feed.xml", edited.Written);

        // A post the edit cannot reach: not its neighbour, and it shares no category, tag or words that matter.
        Assert.DoesNotContain("assets/site.css", edited.Written);
        Assert.DoesNotContain("search.js", edited.Written);
        Assert.True(edited.Written.Count < edited.Unchanged, string.Join(", ", edited.Written));

        File.Delete(Path.Combine(content, "2021-02-06-aws-devops-engineer-pro-exam-experiences.md"));
        (_, SiteBuildReport? removed) = await site.RebuildAsync(CancellationToken.None);
        Assert.NotNull(removed);

        Assert.Contains("posts/aws-devops-engineer-pro-exam-experiences/index.html", removed.Removed);
        Assert.False(Directory.Exists(Path.Combine(output, "posts", "aws-devops-engineer-pro-exam-experiences")));
        Assert.True(File.Exists(Path.Combine(output, "CNAME")), "a file the builds never wrote was removed");
    }

    [Fact]
    public async Task Build_watch_rebuilds_when_a_post_changes_until_stopped()
    {
        using var temp = new TempFolder();
        string content = CopySampleBlog(temp);
        string output = Path.Combine(temp.Path, "site");
        using var stdout = new SynchronizedWriter();
        using var stderr = new StringWriter();
        using var stop = new CancellationTokenSource();
        Task<int> run = BlogCli.RunAsync(["build", "--content", content, "--output", output, "--watch"], stdout, stderr, stop.Token);
        try
        {
            await WaitForAsync(() => stdout.Text.Contains("Watching", StringComparison.Ordinal), run);
            string page = Path.Combine(output, "posts", "my-very-first-blog-post", "index.html");
            Assert.DoesNotContain("kaizen", File.ReadAllText(page), StringComparison.Ordinal);

            File.AppendAllText(Path.Combine(content, "2016-06-12-my-very-first-blog-post.md"), "\nA word on kaizen.\n");

            await WaitForAsync(() => stdout.Text.Contains("Rebuilt in", StringComparison.Ordinal), run);
            Assert.Contains("kaizen", File.ReadAllText(page), StringComparison.Ordinal);
            Assert.Contains("changed 1", stdout.Text, StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
        }

        Assert.Equal(BlogCli.Cancelled, await run);
    }

    [Fact]
    public async Task The_watch_looks_again_now_and_then_even_when_no_notification_comes()
    {
        // Notifications can be lost without an error; the rescan is what makes a watch dependable.
        using var temp = new TempFolder();
        using var changes = new ContentChanges(temp.Path, Path.Combine(temp.Path, "site"),
            new ContentChangeTiming(Quiet: TimeSpan.FromMilliseconds(50), PollInterval: TimeSpan.FromSeconds(1), Rescan: TimeSpan.FromMilliseconds(300)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        await changes.WaitAsync(timeout.Token);
        await changes.WaitAsync(timeout.Token);

        Assert.False(changes.Polling);
    }

    [Fact]
    public async Task The_watch_ignores_changes_inside_the_output_folder()
    {
        using var temp = new TempFolder();
        string site = Path.Combine(temp.Path, "site");
        Directory.CreateDirectory(site);
        // The rescan (5 s) comes after the 1 s this test waits for silence, and rescues the second wait if a
        // notification is lost.
        using var changes = new ContentChanges(temp.Path, site,
            new ContentChangeTiming(Quiet: TimeSpan.FromMilliseconds(50), PollInterval: TimeSpan.FromSeconds(1), Rescan: TimeSpan.FromSeconds(5)));
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        Task wait = changes.WaitAsync(quiet.Token);
        File.WriteAllText(Path.Combine(site, "index.html"), "<p>written by the build</p>");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Task next = changes.WaitAsync(patience.Token);
        File.WriteAllText(Path.Combine(temp.Path, "post.md"), "---\ntitle: A post\n---\nText.\n");
        await next;
    }

    private static async Task WaitForAsync(Func<bool> condition, Task<int> run)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            Assert.False(run.IsCompleted, "the command ended early");
            Assert.False(timeout.IsCancellationRequested, "timed out");
            await Task.Delay(50);
        }
    }

    private static string CopySampleBlog(TempFolder temp)
    {
        string content = Path.Combine(temp.Path, "content");
        Directory.CreateDirectory(content);
        foreach (string file in Directory.GetFiles(TestPaths.SampleContent, "*.md"))
        {
            File.Copy(file, Path.Combine(content, Path.GetFileName(file)));
        }

        return content;
    }

    private static Task<BlogSession> LoadAsync(string content) =>
        BlogSession.LoadAsync(content, "DevOps Vision Blog", new Uri("https://blog.example.com/"), CancellationToken.None);

    private static void AssertSameTree(string expected, string actual)
    {
        string[] Files(string root) => Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
        string[] Folders(string root) => Directory.GetDirectories(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(Files(expected), Files(actual));
        Assert.Equal(Folders(expected), Folders(actual));
        foreach (string file in Files(expected))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), file + " differs");
        }
    }

    /// <summary>Standard output written from the command's threads and read by the test.</summary>
    private sealed class SynchronizedWriter : StringWriter
    {
        private readonly Lock _lock = new();

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override Task WriteLineAsync(string? value)
        {
            lock (_lock)
            {
                base.WriteLine(value);
            }

            return Task.CompletedTask;
        }
    }
}

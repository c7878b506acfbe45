using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using DevOpsVision.Blogging.Posts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DevOpsVision.Blogging.Tests.Content;

public class BlogTests
{
    private sealed class CountingParser(IPostParser inner) : IPostParser
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public PostParseResult Parse(PostFile file)
        {
            Interlocked.Increment(ref _calls);
            return inner.Parse(file);
        }
    }

    private static (IBlog Blog, InMemoryPostSource Source, CountingParser Parser, FakeTimeProvider Time) Create(params (string Path, string Text)[] posts)
    {
        var source = new InMemoryPostSource();
        foreach ((string path, string text) in posts)
        {
            source.Set(path, text);
        }

        var time = new FakeTimeProvider(new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var parser = new CountingParser(new MarkdownPostParser(new BlogOptions()));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<IPostParser>(parser);
        services.AddBlogging().AddInMemorySource(source);
        IBlog blog = services.BuildServiceProvider().GetRequiredService<IBlog>();
        return (blog, source, parser, time);
    }

    private static string PostText(string title, string date, string extra = "") => $"---\ntitle: {title}\ndate: {date}\n{extra}---\nBody of {title}.\n";

    [Fact]
    public async Task Load_OrdersPublishedPostsNewestFirstWithSlugAsTieBreak()
    {
        var (blog, _, _, _) = Create(
            ("2020-01-01-b.md", PostText("B", "2020-01-01")),
            ("2020-01-01-a.md", PostText("A", "2020-01-01")),
            ("2021-06-01-c.md", PostText("C", "2021-06-01")));

        BlogSnapshot snapshot = await blog.GetSnapshotAsync();

        Assert.Equal(["c", "a", "b"], snapshot.Posts.Select(p => p.Slug));
        Assert.True(snapshot.TryGetPost("a", out Post? a));
        Assert.Equal("A", a.Title);
        Assert.False(snapshot.TryGetPost("missing", out _));
    }

    [Fact]
    public async Task Load_OneBadPost_DoesNotStopTheOthers()
    {
        var (blog, _, _, _) = Create(
            ("good.md", PostText("Good", "2020-01-01")),
            ("bad.md", "---\ntitle: [unclosed\n---\nBody"),
            ("empty.md", string.Empty));

        BlogSnapshot snapshot = await blog.GetSnapshotAsync();

        Assert.Equal(["good"], snapshot.Posts.Select(p => p.Slug));
        Assert.True(snapshot.HasErrors);
        Assert.Equal(["bad.md", "empty.md"], snapshot.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Path));
    }

    [Fact]
    public async Task Load_DraftsScheduledAndExpiredPosts_AreNotPublishedUntilTheirTime()
    {
        var (blog, _, _, time) = Create(
            ("live.md", PostText("Live", "2021-01-01")),
            ("draft.md", PostText("Draft", "2021-01-01", "draft: true\n")),
            ("future.md", PostText("Future", "2023-01-01")),
            ("scheduled.md", PostText("Scheduled", "2021-01-01", "publishDate: 2022-06-01\n")),
            ("expired.md", PostText("Expired", "2021-01-01", "expiryDate: 2021-12-31\n")));

        BlogSnapshot first = await blog.GetSnapshotAsync();
        time.Advance(TimeSpan.FromDays(200));
        BlogSnapshot later = await blog.ReloadAsync();

        Assert.Equal(["live"], first.Posts.Select(p => p.Slug));
        Assert.Equal(5, first.AllPosts.Count);
        Assert.Equal(["live", "scheduled"], later.Posts.Select(p => p.Slug).Order());
    }

    [Fact]
    public async Task Reload_ReparsesOnlyChangedFiles_AndReportsChanges()
    {
        var (blog, source, parser, _) = Create(
            ("a.md", PostText("A", "2020-01-01")),
            ("b.md", PostText("B", "2020-01-02")),
            ("c.md", PostText("C", "2020-01-03")));
        BlogSnapshot first = await blog.GetSnapshotAsync();
        Assert.Equal(3, parser.Calls);

        source.Set("b.md", PostText("B2", "2020-01-02"));
        source.Remove("c.md");
        source.Set("d.md", PostText("D", "2020-01-04"));
        BlogSnapshot second = await blog.ReloadAsync();

        Assert.Equal(5, parser.Calls);
        Assert.Equal(["d.md"], second.Changes.Added);
        Assert.Equal(["b.md"], second.Changes.Changed);
        Assert.Equal(["c.md"], second.Changes.Removed);
        Assert.True(second.Version > first.Version);
        Assert.Same(first.Posts.Single(p => p.Slug == "a"), second.Posts.Single(p => p.Slug == "a"));
        Assert.Equal("B", first.Posts.Single(p => p.Slug == "b").Title);
        Assert.Equal("B2", second.Posts.Single(p => p.Slug == "b").Title);

        BlogSnapshot third = await blog.ReloadAsync();
        Assert.Equal(5, parser.Calls);
        Assert.False(third.Changes.Any);
    }

    [Fact]
    public async Task Reload_RaisesSnapshotChangedAndSwapsCurrent()
    {
        var (blog, source, _, _) = Create(("a.md", PostText("A", "2020-01-01")));
        BlogSnapshot? raised = null;
        blog.SnapshotChanged += (_, snapshot) => raised = snapshot;
        await blog.GetSnapshotAsync();

        source.Set("b.md", PostText("B", "2020-01-02"));
        BlogSnapshot reloaded = await blog.ReloadAsync();

        Assert.Same(reloaded, raised);
        Assert.Same(reloaded, blog.Current);
    }

    [Fact]
    public async Task Reload_ReadersDuringReloads_AlwaysSeeWholeSnapshots()
    {
        var (blog, source, _, _) = Create();
        for (int i = 0; i < 50; i++)
        {
            source.Set($"p{i}.md", PostText($"P{i}", "2020-01-01"));
        }

        await blog.GetSnapshotAsync();
        using var stop = new CancellationTokenSource();
        int torn = 0;
        Task reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                BlogSnapshot snapshot = blog.Current;

                // Every snapshot holds either all 50 posts titled "P" or all titled "Q".
                int q = snapshot.Posts.Count(p => p.Title.StartsWith('Q'));
                if (snapshot.Posts.Count != 50 || (q != 0 && q != 50))
                {
                    Interlocked.Increment(ref torn);
                }
            }
        });

        for (int round = 0; round < 10; round++)
        {
            string prefix = round % 2 == 0 ? "Q" : "P";
            for (int i = 0; i < 50; i++)
            {
                source.Set($"p{i}.md", PostText($"{prefix}{i}", "2020-01-01"));
            }

            await blog.ReloadAsync();
        }

        await stop.CancelAsync();
        await reader;
        Assert.Equal(0, torn);
    }

    [Fact]
    public async Task Load_SlugClash_KeepsFirstPathAndNamesBothFiles()
    {
        var (blog, _, _, _) = Create(
            ("2020-01-01-hello.md", PostText("One", "2020-01-01")),
            ("2021-01-01-hello.md", PostText("Two", "2021-01-01")));

        BlogSnapshot snapshot = await blog.GetSnapshotAsync();

        Assert.Equal("One", Assert.Single(snapshot.Posts).Title);
        PostDiagnostic clash = Assert.Single(snapshot.Diagnostics);
        Assert.Equal(DiagnosticCodes.DuplicateSlug, clash.Code);
        Assert.Equal("2021-01-01-hello.md", clash.Path);
        Assert.Contains("2020-01-01-hello.md", clash.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_Aliases_FindPostsAndClashesAreWarnings()
    {
        var (blog, _, _, _) = Create(
            ("a.md", PostText("A", "2020-01-01", "aliases: [/old/a/, /shared/]\n")),
            ("b.md", PostText("B", "2020-01-02", "redirect_from: /shared/\n")));

        BlogSnapshot snapshot = await blog.GetSnapshotAsync();

        Assert.True(snapshot.TryGetPostByAlias("old/a", out Post? a));
        Assert.Equal("a", a.Slug);
        Assert.True(snapshot.TryGetPostByAlias("/SHARED/", out Post? shared));
        Assert.Equal("a", shared.Slug);
        Assert.Empty(snapshot.Posts.Single(p => p.Slug == "b").Aliases);
        Assert.Equal(DiagnosticCodes.DuplicateAlias, Assert.Single(snapshot.Diagnostics).Code);
    }

    [Fact]
    public async Task FileSystemSource_ReadsRecursivelyAndSkipsHiddenAndListPages()
    {
        string root = Directory.CreateTempSubdirectory("dv-fs-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "2021", "bundle"));
            Directory.CreateDirectory(Path.Combine(root, ".git"));
            await File.WriteAllTextAsync(Path.Combine(root, "2021-01-01-top.md"), PostText("Top", "2021-01-01"));
            await File.WriteAllTextAsync(Path.Combine(root, "2021", "bundle", "index.md"), PostText("Bundle", "2021-01-02"));
            await File.WriteAllTextAsync(Path.Combine(root, "2021", "_index.md"), "---\ntitle: Section\n---\n");
            await File.WriteAllTextAsync(Path.Combine(root, "2021", "other.markdown"), PostText("Other", "2021-01-03"));
            await File.WriteAllTextAsync(Path.Combine(root, ".git", "x.md"), PostText("Hidden", "2021-01-04"));
            await File.WriteAllTextAsync(Path.Combine(root, "notes.txt"), "not a post");

            PostSourceContent content = await new FileSystemPostSource(root).ReadAllAsync();

            Assert.Equal(3, content.Files.Count);
            Assert.All(content.Files, f => Assert.StartsWith(root, f.Path, StringComparison.Ordinal));
            Assert.Contains(content.Files, f => f.Path.EndsWith("2021/bundle/index.md", StringComparison.Ordinal));
            Assert.Empty(content.Diagnostics);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task FileSystemSource_FileWithSameSizeAndOldTime_IsTakenFromMemory_AndEveryOtherChangeIsRead()
    {
        string root = Directory.CreateTempSubdirectory("dv-fs-").FullName;
        try
        {
            DateTime old = DateTime.UtcNow.AddHours(-1);
            string[] paths = [.. new[] { "a", "b", "c", "d" }.Select(n => Path.Combine(root, $"2021-01-01-{n}.md"))];
            foreach (string path in paths)
            {
                await File.WriteAllTextAsync(path, PostText("Title " + Path.GetFileNameWithoutExtension(path)[^1], "2021-01-01"));
                File.SetLastWriteTimeUtc(path, old);
            }

            var source = new FileSystemPostSource(root);
            PostSourceContent first = await source.ReadAllAsync();

            // a: untouched. b: new bytes of the same size and a new time. c: a longer text with the same old time.
            // d: the same size and the same time, which no listing can tell apart: the documented trade-off.
            await File.WriteAllTextAsync(paths[1], PostText("Title B", "2021-01-01"));
            File.SetLastWriteTimeUtc(paths[1], old.AddMinutes(1));
            await File.WriteAllTextAsync(paths[2], PostText("Title c, longer", "2021-01-01"));
            File.SetLastWriteTimeUtc(paths[2], old);
            await File.WriteAllTextAsync(paths[3], PostText("Title D", "2021-01-01"));
            File.SetLastWriteTimeUtc(paths[3], old);
            await File.WriteAllTextAsync(Path.Combine(root, "2021-01-02-e.md"), PostText("Title e", "2021-01-02"));

            PostSourceContent second = await source.ReadAllAsync();

            Assert.Equal(5, second.Files.Count);
            Assert.Same(first.Files[0], second.Files[0]);
            Assert.Contains("Title B", Text(second.Files[1]), StringComparison.Ordinal);
            Assert.Contains("Title c, longer", Text(second.Files[2]), StringComparison.Ordinal);
            Assert.Same(first.Files[3], second.Files[3]);

            PostSourceContent verified = await new FileSystemPostSource(root) { ReuseUnchangedFiles = false }.ReadAllAsync();
            Assert.Contains("Title D", Text(verified.Files[3]), StringComparison.Ordinal);

            File.Delete(paths[0]);
            PostSourceContent third = await source.ReadAllAsync();
            Assert.Equal(4, third.Files.Count);
            Assert.DoesNotContain(third.Files, f => f.Path.EndsWith("-a.md", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task FileSystemSource_FileWrittenJustBeforeARead_IsReadAgainEvenWithSameSizeAndTime()
    {
        // Within the file system's timestamp granularity a second write can keep both size and time: a file whose
        // time is that close to the read that saw it is never trusted from memory.
        string root = Directory.CreateTempSubdirectory("dv-fs-").FullName;
        try
        {
            string path = Path.Combine(root, "2021-01-01-a.md");
            await File.WriteAllTextAsync(path, PostText("Title a", "2021-01-01"));
            DateTime written = File.GetLastWriteTimeUtc(path);
            var source = new FileSystemPostSource(root);
            PostSourceContent first = await source.ReadAllAsync();

            await File.WriteAllTextAsync(path, PostText("Title A", "2021-01-01"));
            File.SetLastWriteTimeUtc(path, written);
            PostSourceContent second = await source.ReadAllAsync();

            Assert.Contains("Title a", Text(first.Files[0]), StringComparison.Ordinal);
            Assert.Contains("Title A", Text(second.Files[0]), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Text(PostFile file) => System.Text.Encoding.UTF8.GetString(file.Content.Span);

    [Fact]
    public async Task FileSystemSource_MissingFolder_IsADiagnostic()
    {
        PostSourceContent content = await new FileSystemPostSource("/does/not/exist/dv").ReadAllAsync();

        Assert.Empty(content.Files);
        Assert.Equal(DiagnosticCodes.ReadFailed, Assert.Single(content.Diagnostics).Code);
    }

    [Fact]
    public async Task FileProviderSource_ReadsThroughAnyProvider()
    {
        string root = Directory.CreateTempSubdirectory("dv-fp-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "posts", "nested"));
            await File.WriteAllTextAsync(Path.Combine(root, "posts", "a.md"), PostText("A", "2021-01-01"));
            await File.WriteAllTextAsync(Path.Combine(root, "posts", "nested", "b.md"), PostText("B", "2021-01-02"));
            using var provider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(root);

            PostSourceContent content = await new FileProviderPostSource(provider, "posts").ReadAllAsync();

            Assert.Equal(["posts/a.md", "posts/nested/b.md"], content.Files.Select(f => f.Path));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

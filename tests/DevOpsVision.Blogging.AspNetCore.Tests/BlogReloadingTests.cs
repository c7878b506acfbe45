using DevOpsVision.Blogging.AspNetCore;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using DevOpsVision.Blogging.Posts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DevOpsVision.Blogging.AspNetCore.Tests;

/// <summary>The hosted service follows a real folder: new, changed, broken and removed posts.</summary>
public sealed class BlogReloadingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dv-reload-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Post(string title) => $"---\ntitle: {title}\ndate: 2021-02-06\n---\nBody of {title}.\n";

    private static async Task<BlogSnapshot> WaitFor(IBlog blog, Func<BlogSnapshot, bool> condition)
    {
        for (int i = 0; i < 200; i++)
        {
            BlogSnapshot snapshot = blog.Current;
            if (condition(snapshot))
            {
                return snapshot;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The blog did not reload within 10 seconds.");
    }

    private IHost Build(IPostSource? extra = null)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        IBloggingBuilder blog = builder.Services.AddBlogging().AddFileSystemSource(_folder).AddBlogReloading(o => o.Debounce = TimeSpan.FromMilliseconds(100));
        if (extra is not null)
        {
            builder.Services.AddSingleton(extra);
        }

        return builder.Build();
    }

    [Fact]
    public async Task ContentChanges_AreReloaded()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "a.md"), Post("First"));
        using IHost host = Build();
        await host.StartAsync();
        IBlog blog = host.Services.GetRequiredService<IBlog>();
        Assert.Equal(["First"], blog.Current.Posts.Select(p => p.Title));

        await File.WriteAllTextAsync(Path.Combine(_folder, "b.md"), Post("Second"));
        BlogSnapshot added = await WaitFor(blog, s => s.Posts.Count == 2);
        Assert.Equal(["b.md"], added.Changes.Added.Select(Path.GetFileName));

        await File.WriteAllTextAsync(Path.Combine(_folder, "a.md"), Post("First, edited"));
        await WaitFor(blog, s => s.Posts.Any(p => p.Title == "First, edited"));

        await File.WriteAllTextAsync(Path.Combine(_folder, "b.md"), "---\ntitle: [broken\n---\n");
        BlogSnapshot broken = await WaitFor(blog, s => s.HasErrors);
        Assert.Equal(["First, edited"], broken.Posts.Select(p => p.Title));

        File.Delete(Path.Combine(_folder, "b.md"));
        await WaitFor(blog, s => !s.HasErrors && s.Posts.Count == 1);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await host.StopAsync(stop.Token);
    }

    [Fact]
    public async Task AFailedReload_KeepsTheLastGoodSnapshot()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "a.md"), Post("First"));
        var failing = new FailingSource();
        using IHost host = Build(failing);
        await host.StartAsync();
        IBlog blog = host.Services.GetRequiredService<IBlog>();
        BlogSnapshot before = blog.Current;

        failing.Fail = true;
        await File.WriteAllTextAsync(Path.Combine(_folder, "b.md"), Post("Second"));
        await WaitFor(blog, _ => failing.FailedReads > 0);
        await Task.Delay(200);

        Assert.Same(before, blog.Current);
        failing.Fail = false;
        await File.WriteAllTextAsync(Path.Combine(_folder, "c.md"), Post("Third"));
        await WaitFor(blog, s => s.Posts.Count == 3);
        await host.StopAsync();
    }

    private sealed class FailingSource : IPostSource
    {
        private int _failedReads;

        public volatile bool Fail;

        public int FailedReads => Volatile.Read(ref _failedReads);

        public ValueTask<PostSourceContent> ReadAllAsync(CancellationToken cancellationToken = default)
        {
            if (Fail)
            {
                Interlocked.Increment(ref _failedReads);
                throw new IOException("The database is down.");
            }

            return ValueTask.FromResult(new PostSourceContent([], []));
        }
    }
}

extern alias worker;

using System.Text.Json;
using worker::DevOpsVision.Samples.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DevOpsVision.Samples.Cli.Tests;

public sealed class WorkerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public enum Notifications
    {
        /// <summary>The system's file notifications, with the worker's rescan as a safety net.</summary>
        Delivered,

        /// <summary>Polling asked for.</summary>
        Polling,

        /// <summary>The watcher reports an error, as when the system's watch limit is reached, and then stays silent.</summary>
        FailWithError,

        /// <summary>The watcher stops delivering events without reporting anything; only the rescan notices.</summary>
        StopSilently,
    }

    [Theory]
    [InlineData(Notifications.Delivered)]
    [InlineData(Notifications.Polling)]
    [InlineData(Notifications.FailWithError)]
    [InlineData(Notifications.StopSilently)]
    public async Task The_worker_republishes_feeds_sitemap_and_search_index_when_posts_are_added_and_removed(Notifications notifications)
    {
        using var temp = new TempFolder();
        string content = Path.Combine(temp.Path, "content");
        string output = Path.Combine(temp.Path, "site");
        Directory.CreateDirectory(content);
        await File.WriteAllTextAsync(Path.Combine(content, "first.md"), "---\ntitle: The first post\ndate: 2024-01-01\ncategories: [DevOps]\n---\nFirst.\n");

        HostApplicationBuilder builder = WorkerApp.CreateBuilder(
        [
            "--Publish:ContentPath=" + content,
            "--Publish:OutputPath=" + output,
            "--Publish:Debounce=00:00:00.100",
            "--Publish:UsePolling=" + (notifications == Notifications.Polling),
            "--Publish:PollInterval=00:00:00.200",
            // Short enough to rescue a lost notification within the test's patience (file notifications are
            // best-effort on every system), long enough that the silent case shows the rescan at work.
            "--Publish:RescanInterval=" + (notifications == Notifications.StopSilently ? "00:00:01" : "00:00:10"),
            "--Blog:Title=Worker test",
            "--Blog:BaseUrl=https://blog.example.com/",
            "--Logging:LogLevel:Default=Warning",
        ]);
        BreakableWatcher? watcher = null;
        if (notifications is Notifications.FailWithError or Notifications.StopSilently)
        {
            builder.Services.AddSingleton<CreateFileSystemWatcher>(folder => watcher = new BreakableWatcher(folder));
        }

        using IHost host = builder.Build();
        await host.StartAsync();
        try
        {
            Assert.Equal(Path.GetFullPath(output), WorkerApp.OutputPath(host));
            await WaitForAsync(() => ReadOrEmpty(Path.Combine(output, "feed.xml")).Contains("The first post", StringComparison.Ordinal));
            if (notifications is Notifications.FailWithError or Notifications.StopSilently)
            {
                Assert.NotNull(watcher);
                watcher.Stop(reportError: notifications == Notifications.FailWithError);
            }

            await File.WriteAllTextAsync(Path.Combine(content, "second.md"),
                "---\ntitle: The second post\ndate: 2024-02-01\ncategories: [Testing]\n---\nSecond, about observability.\n");

            await WaitForAsync(() => ReadOrEmpty(Path.Combine(output, "feed.xml")).Contains("The second post", StringComparison.Ordinal)
                && ReadOrEmpty(Path.Combine(output, "categories", "testing", "atom.xml")).Contains("The second post", StringComparison.Ordinal)
                && ReadOrEmpty(Path.Combine(output, "sitemap.xml")).Contains("https://blog.example.com/posts/second/", StringComparison.Ordinal)
                && ReadOrEmpty(Path.Combine(output, "search-index.json")).Contains("\"second\"", StringComparison.Ordinal));

            using (JsonDocument feed = JsonDocument.Parse(ReadOrEmpty(Path.Combine(output, "feed.json"))))
            {
                Assert.Equal(2, feed.RootElement.GetProperty("items").GetArrayLength());
            }

            Assert.True(File.Exists(Path.Combine(output, "search.js")));

            // Removing the only post of a category removes its feeds and their folder.
            File.Delete(Path.Combine(content, "second.md"));
            await WaitForAsync(() => !Directory.Exists(Path.Combine(output, "categories", "testing"))
                && !ReadOrEmpty(Path.Combine(output, "feed.xml")).Contains("The second post", StringComparison.Ordinal)
                && ReadOrEmpty(Path.Combine(output, "feed.xml")).Contains("The first post", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(output, "categories", "devops", "feed.xml")));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task The_worker_refuses_to_start_without_its_content_folder()
    {
        string missing = Path.Combine(Path.GetTempPath(), "dv-worker-missing-" + Guid.NewGuid().ToString("N"));
        using IHost host = WorkerApp.CreateBuilder(["--Publish:ContentPath=" + missing, "--Logging:LogLevel:Default=None"]).Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("Publish:ContentPath", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A watcher that can report the error a real one reports when it stops delivering events.</summary>
    private sealed class BreakableWatcher(string folder) : FileSystemWatcher(folder)
    {
        public void Stop(bool reportError)
        {
            EnableRaisingEvents = false;
            if (reportError)
            {
                OnError(new ErrorEventArgs(new IOException("The configured user limit on the number of inotify watches was reached.")));
            }
        }
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : "";
        }
        catch (IOException)
        {
            return "";   // being rewritten right now; the next poll reads it
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, "the worker did not publish in time");
            await Task.Delay(50);
        }
    }
}

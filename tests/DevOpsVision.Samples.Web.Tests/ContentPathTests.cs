using System.Diagnostics;

namespace DevOpsVision.Samples.Web.Tests;

/// <summary>Blog:ContentPath points the sample at another folder of posts; a folder that is not there stops it with a clear message.</summary>
public sealed class ContentPathTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("devopsvision-posts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task ContentPath_ServesThePostsOfThatFolder()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "2024-03-01-own-post.md"), "---\ntitle: A post of my own\ndate: 2024-03-01 10:00\ncategories: [Notes]\n---\nHello from another folder.\n");
        await using SampleApp app = await SampleApp.StartAsync(["--Blog:ContentPath", _folder]);
        using var client = new HttpClient { BaseAddress = app.Address };

        string home = await client.GetStringAsync("/");

        Assert.Contains("<a href=\"/posts/own-post/\">A post of my own</a>", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Effective DevOps", home, StringComparison.Ordinal);
        Assert.Contains("Hello from another folder.", await client.GetStringAsync("/posts/own-post/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingContentPath_StopsTheAppNamingTheSetting()
    {
        string missing = Path.Combine(_folder, "not-there");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { SampleApp.Metadata("SampleAssembly"), "--urls", "http://127.0.0.1:0", "--Blog:ContentPath", missing },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
        string text = await output + await error;
        Assert.Contains($"The posts folder '{missing}' (Blog:ContentPath) was not found", text, StringComparison.Ordinal);
    }
}

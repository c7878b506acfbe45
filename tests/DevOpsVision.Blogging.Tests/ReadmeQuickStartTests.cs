using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;

namespace DevOpsVision.Blogging.Tests;

/// <summary>The current directory is process-wide: tests that change it run alone.</summary>
[CollectionDefinition(nameof(CurrentDirectoryCollection), DisableParallelization = true)]
public sealed class CurrentDirectoryCollection;

/// <summary>The README's quick start, as written there, against the sample blog.</summary>
[Collection(nameof(CurrentDirectoryCollection))]
public class ReadmeQuickStartTests
{
    [Fact]
    public async Task QuickStart_ListsTheSampleBlog()
    {
        var lines = new List<string>();
        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = TestPaths.RepositoryRoot;
        try
        {
            var services = new ServiceCollection();
            services.AddBlogging(options =>
            {
                options.Title = "DevOps Vision Blog";
                options.BaseUrl = new Uri("https://example.org/");
                options.TimeZone = "Europe/Stockholm";
            }).AddFileSystemSource("samples/content/posts");

            var blog = services.BuildServiceProvider().GetRequiredService<IBlog>();
            BlogSnapshot snapshot = await blog.GetSnapshotAsync();
            foreach (var post in snapshot.Posts)
            {
                lines.Add($"{post.Date:yyyy-MM-dd} {post.Title} ({post.ReadingTime.TotalMinutes} min)");
            }
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }

        Assert.Equal(5, lines.Count);
        Assert.Equal("2021-02-06 AWS DevOps Engineer Pro Exam – Experiences (3 min)", lines[0]);
        Assert.Equal("2016-06-12 My very first blog post (1 min)", lines[^1]);
    }
}

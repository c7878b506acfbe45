using DevOpsVision.Blogging.Content;

namespace DevOpsVision.Samples.Cli.Site;

/// <summary>What one build of the site did.</summary>
/// <param name="Written">Files whose bytes were written, relative to the output folder, sorted.</param>
/// <param name="Unchanged">Files produced with the same bytes as the build before, left alone.</param>
/// <param name="Removed">Files the build before produced and this one did not, deleted.</param>
/// <param name="Problems">Files not written, with why (a path leaving the output folder).</param>
internal sealed record SiteBuildReport(IReadOnlyList<string> Written, int Unchanged, IReadOnlyList<string> Removed, IReadOnlyList<string> Problems);

/// <summary>
/// Keeps a built site in step with its posts: each build after the first reloads the blog (parsing only posts
/// whose bytes changed), renders the pages of posts whose inputs changed and every whole-blog file, writes only the
/// files whose bytes changed and removes the files no longer produced. The folder ends up exactly as a build from
/// scratch would leave it.
/// </summary>
internal sealed class SiteRebuilder(BlogSession blog, string outputRoot)
{
    private IReadOnlyDictionary<string, ulong>? _produced;
    private IReadOnlyDictionary<string, PostPageInputs>? _pageInputs;
    private bool _unfinished;

    /// <summary>Builds the blog's current snapshot into the folder.</summary>
    /// <param name="cancellationToken">Stops between steps.</param>
    /// <param name="planned">Called with the plan before it runs.</param>
    /// <param name="done">Called after each step, from the thread that ran it.</param>
    /// <returns>What was written, left alone and removed.</returns>
    public SiteBuildReport Build(CancellationToken cancellationToken, Action<IReadOnlyList<BuildStep>>? planned = null, Action<BuildStep>? done = null)
    {
        var folder = new OutputFolder(outputRoot, _produced);
        var builder = new SiteBuilder(blog, folder, _pageInputs);
        try
        {
            IReadOnlyList<BuildStep> steps = builder.Plan();
            planned?.Invoke(steps);
            SiteBuilder.Run(steps, cancellationToken, done);
        }
        catch
        {
            // Keep what is known to be on disk: the files this attempt wrote, and the earlier ones it did not reach.
            builder.WaitForStartedWork();
            _produced = Merge(_produced, folder.Produced);
            _pageInputs = null;   // pages of an unfinished build are rendered again
            _unfinished = true;
            throw;
        }

        IReadOnlyList<string> removed = folder.RemoveStale();
        _produced = folder.Produced;
        _pageInputs = builder.PageInputs;
        _unfinished = false;
        return new SiteBuildReport(folder.Written, folder.Unchanged, removed, builder.Problems);
    }

    /// <summary>Reloads the posts and, when any changed (or the last build did not finish), builds again.</summary>
    /// <param name="cancellationToken">Stops the reload, or the build between steps.</param>
    /// <returns>How the posts changed, and what the build did (<see langword="null"/> when nothing needed building).</returns>
    public async Task<(BlogChanges Changes, SiteBuildReport? Report)> RebuildAsync(CancellationToken cancellationToken)
    {
        BlogSnapshot snapshot = await blog.ReloadAsync(cancellationToken);
        if (!snapshot.Changes.Any && !_unfinished && _produced is not null)
        {
            return (snapshot.Changes, null);
        }

        SiteBuildReport report = await Task.Run(() => Build(cancellationToken), cancellationToken);
        return (snapshot.Changes, report);
    }

    private static Dictionary<string, ulong> Merge(IReadOnlyDictionary<string, ulong>? before, IReadOnlyDictionary<string, ulong> now)
    {
        var merged = before is null ? new Dictionary<string, ulong>(StringComparer.Ordinal) : new Dictionary<string, ulong>(before, StringComparer.Ordinal);
        foreach ((string path, ulong hash) in now)
        {
            merged[path] = hash;
        }

        return merged;
    }
}

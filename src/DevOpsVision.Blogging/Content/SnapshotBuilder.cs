using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Content;

/// <summary>Turns parse results into a snapshot: unique slugs and aliases, the published view, stable order.</summary>
internal static class SnapshotBuilder
{
    public static BlogSnapshot Build(
        BlogOptions options,
        TimeZoneInfo timeZone,
        long version,
        DateTimeOffset now,
        IReadOnlyList<CachedParse> results,
        List<PostDiagnostic> diagnostics,
        BlogChanges changes)
    {
        // Results arrive in source order; sort by path so "the first file wins" means the same on every machine.
        var ordered = new List<PostParseResult>(results.Count);
        foreach (CachedParse result in results)
        {
            ordered.Add(result.Result);
        }

        ordered.Sort(static (a, b) => string.CompareOrdinal(a.Source.Path, b.Source.Path));
        var bySlug = new Dictionary<string, Post>(ordered.Count, StringComparer.Ordinal);
        var all = new List<Post>(ordered.Count);
        foreach (PostParseResult result in ordered)
        {
            diagnostics.AddRange(result.Diagnostics);
            if (result.Post is not { } post)
            {
                continue;
            }

            if (bySlug.TryGetValue(post.Slug, out Post? first))
            {
                diagnostics.Add(new PostDiagnostic(post.SourcePath, 0, 0, DiagnosticSeverity.Error, DiagnosticCodes.DuplicateSlug,
                    $"The slug '{post.Slug}' is already used by '{first.SourcePath}'; this post is left out. Give one of them a different 'slug'."));
                continue;
            }

            bySlug.Add(post.Slug, post);
            all.Add(post);
        }

        var aliasOwners = new Dictionary<string, Post>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < all.Count; i++)
        {
            Post post = all[i];
            if (post.Aliases.Count == 0)
            {
                continue;
            }

            List<string>? kept = null;
            foreach (string alias in post.Aliases)
            {
                string key = BlogSnapshot.NormalizeAlias(alias);
                Post? owner = null;
                if (key.Length == 0 || (aliasOwners.TryGetValue(key, out owner) && !ReferenceEquals(owner, post)) || (bySlug.TryGetValue(key, out owner) && !ReferenceEquals(owner, post)))
                {
                    string other = key.Length == 0 ? "nothing: it is empty" : owner!.SourcePath;
                    diagnostics.Add(new PostDiagnostic(post.SourcePath, 0, 0, DiagnosticSeverity.Warning, DiagnosticCodes.DuplicateAlias,
                        $"The alias '{alias}' is already claimed by '{other}' and is ignored for this post."));
                    kept ??= CopyUntil(post.Aliases, alias);
                    continue;
                }

                aliasOwners[key] = post;
                kept?.Add(alias);
            }

            if (kept is not null)
            {
                all[i] = post with { Aliases = kept };
            }
        }

        all.Sort(SnapshotOrder.Compare);
        var published = new List<Post>(all.Count);
        foreach (Post post in all)
        {
            if (post.IsPublishedAt(now))
            {
                published.Add(post);
            }
        }

        diagnostics.Sort(static (a, b) =>
        {
            int byPath = string.CompareOrdinal(a.Path, b.Path);
            return byPath != 0 ? byPath : a.Line.CompareTo(b.Line);
        });

        return new BlogSnapshot(options, timeZone, version, now, published, all, diagnostics, changes);
    }

    private static List<string> CopyUntil(IReadOnlyList<string> aliases, string stop)
    {
        var copy = new List<string>(aliases.Count);
        foreach (string alias in aliases)
        {
            if (ReferenceEquals(alias, stop))
            {
                break;
            }

            copy.Add(alias);
        }

        return copy;
    }

}

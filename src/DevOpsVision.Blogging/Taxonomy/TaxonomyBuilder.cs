using System.Globalization;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Text;

namespace DevOpsVision.Blogging.Taxonomy;

/// <summary>Builds a <see cref="BlogTaxonomy"/> from a snapshot's published posts.</summary>
internal static class TaxonomyBuilder
{
    private const int TermsPerPost = 64;

    public static BlogTaxonomy Build(BlogSnapshot snapshot, TaxonomyOptions options)
    {
        IReadOnlyList<Post> posts = snapshot.Posts;
        var diagnostics = new List<PostDiagnostic>();
        var categories = new TermSet(TermKind.Category, diagnostics);
        var tags = new TermSet(TermKind.Tag, diagnostics);
        var postCategories = new int[posts.Count][];
        var postTags = new int[posts.Count][];

        // Oldest first, so every term keeps the spelling its first post gave it.
        for (int i = posts.Count - 1; i >= 0; i--)
        {
            Post post = posts[i];
            postCategories[i] = categories.Add(post, post.Categories, hierarchical: true);
            postTags[i] = tags.Add(post, post.Tags, hierarchical: false);
        }

        Term[] categoryTerms = categories.Finish(posts, postCategories);
        Term[] tagTerms = tags.Finish(posts, postTags);
        var texts = new (string Title, string Text)[posts.Count];
        for (int i = 0; i < posts.Count; i++)
        {
            texts[i] = (posts[i].Title, posts[i].PlainText);
        }

        TextVectors vectors = TextVectors.Build(texts, TermsPerPost);
        var related = new RelatedPostFinder(posts, postTags, postCategories, tagTerms, categoryTerms, [.. vectors.Vectors], options);
        var suggester = new TermSuggester(vectors, postCategories, categoryTerms, postTags, tagTerms, options);

        var allCategories = categoryTerms.OrderBy(static t => t.Path, StringComparer.Ordinal).ToArray();
        var roots = categoryTerms.Where(static t => t.Parent is null).ToList();
        SortByName(roots);
        var allTags = tagTerms.OrderBy(static t => t.Path, StringComparer.Ordinal).ToArray();
        return new BlogTaxonomy(options, posts, roots, allCategories, allTags, BuildArchives(posts, snapshot.TimeZone), BuildSeries(posts, diagnostics), diagnostics, related, suggester);
    }

    private static void SortByName(List<Term> terms) => terms.Sort(static (a, b) =>
    {
        int byName = string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
        return byName != 0 ? byName : string.CompareOrdinal(a.Path, b.Path);
    });

    private static List<ArchiveYear> BuildArchives(IReadOnlyList<Post> posts, TimeZoneInfo zone)
    {
        var years = new List<ArchiveYear>();
        int index = 0;
        while (index < posts.Count)
        {
            int year = TimeZoneInfo.ConvertTime(posts[index].Date, zone).Year;
            var yearPosts = new List<Post>();
            var months = new List<ArchiveMonth>();
            while (index < posts.Count && TimeZoneInfo.ConvertTime(posts[index].Date, zone).Year == year)
            {
                int month = TimeZoneInfo.ConvertTime(posts[index].Date, zone).Month;
                var monthPosts = new List<Post>();
                while (index < posts.Count && TimeZoneInfo.ConvertTime(posts[index].Date, zone) is { } local && local.Year == year && local.Month == month)
                {
                    monthPosts.Add(posts[index]);
                    yearPosts.Add(posts[index]);
                    index++;
                }

                months.Add(new ArchiveMonth(year, month, monthPosts));
            }

            years.Add(new ArchiveYear(year, months, yearPosts));
        }

        return years;
    }

    private static List<PostSeries> BuildSeries(IReadOnlyList<Post> posts, List<PostDiagnostic> diagnostics)
    {
        var byKey = new Dictionary<string, (string Name, List<Post> Posts)>(StringComparer.Ordinal);
        for (int i = posts.Count - 1; i >= 0; i--)
        {
            Post post = posts[i];
            if (string.IsNullOrWhiteSpace(post.Series))
            {
                continue;
            }

            string key = Slug.Fold(post.Series);
            if (!byKey.TryGetValue(key, out var series))
            {
                series = (post.Series.Trim(), []);
                byKey[key] = series;
            }

            series.Posts.Add(post);
        }

        var result = new List<PostSeries>(byKey.Count);
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string name, List<Post> seriesPosts) in byKey.Values.OrderBy(static s => Slug.Fold(s.Name), StringComparer.Ordinal))
        {
            string slug = UniqueSlug(Slug.Create(name), slugs);
            if (slug.Length == 0)
            {
                diagnostics.Add(new PostDiagnostic(seriesPosts[0].SourcePath, 0, 0, DiagnosticSeverity.Warning, DiagnosticCodes.TermIgnored,
                    $"The series '{name}' has no letters or digits for a URL and is ignored."));
                continue;
            }

            result.Add(new PostSeries(name, slug, seriesPosts));
        }

        result.Sort(static (a, b) => string.CompareOrdinal(a.Slug, b.Slug));
        return result;
    }

    internal static string UniqueSlug(string slug, HashSet<string> taken)
    {
        if (slug.Length == 0 || taken.Add(slug))
        {
            return slug;
        }

        for (int n = 2; ; n++)
        {
            string candidate = string.Create(CultureInfo.InvariantCulture, $"{slug}-{n}");
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>The categories or the tags of a blog while they are collected.</summary>
    private sealed class TermSet(TermKind kind, List<PostDiagnostic> diagnostics)
    {
        private readonly List<Term> _terms = [];
        private readonly Dictionary<(Term? Parent, string Key), int> _byKey = [];
        private readonly Dictionary<Term, HashSet<string>> _childSlugs = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<string> _rootSlugs = new(StringComparer.Ordinal);
        private readonly HashSet<(int Term, string Spelling)> _reportedSpellings = [];

        private string Noun => kind == TermKind.Category ? "category" : "tag";

        public int[] Add(Post post, IReadOnlyList<string> names, bool hierarchical)
        {
            if (names.Count == 0)
            {
                return [];
            }

            var ids = new List<int>(names.Count);
            foreach (string name in names)
            {
                int id = AddName(post, name, hierarchical);
                if (id >= 0 && !ids.Contains(id))
                {
                    ids.Add(id);
                }
            }

            return [.. ids];
        }

        private int AddName(Post post, string name, bool hierarchical)
        {
            string[] segments = hierarchical ? name.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [name.Trim()];
            Term? parent = null;
            int id = -1;
            foreach (string segment in segments)
            {
                string key = Slug.Fold(segment);
                if (_byKey.TryGetValue((parent, key), out id))
                {
                    Term existing = _terms[id];
                    if (!string.Equals(existing.Name, segment, StringComparison.Ordinal) && _reportedSpellings.Add((id, segment)))
                    {
                        existing.AddSpelling(segment);
                        diagnostics.Add(new PostDiagnostic(post.SourcePath, 0, 0, DiagnosticSeverity.Info, DiagnosticCodes.TermMerged,
                            $"The {Noun} '{segment}' is the same as '{existing.Name}' (case and accents aside) and is merged into it."));
                    }

                    parent = existing;
                    continue;
                }

                string slug = Slug.Create(segment);
                if (slug.Length == 0)
                {
                    // A level of only punctuation (".." in "../../etc") is dropped; the rest of the path stays.
                    diagnostics.Add(new PostDiagnostic(post.SourcePath, 0, 0, DiagnosticSeverity.Warning, DiagnosticCodes.TermIgnored,
                        $"The {Noun} '{Shorten(name)}' has a level, '{Shorten(segment)}', with no letters or digits to make a URL from; it is ignored."));
                    continue;
                }

                HashSet<string> siblings = parent is null ? _rootSlugs : Siblings(parent);
                string unique = UniqueSlug(slug, siblings);
                if (!string.Equals(unique, slug, StringComparison.Ordinal))
                {
                    diagnostics.Add(new PostDiagnostic(post.SourcePath, 0, 0, DiagnosticSeverity.Warning, DiagnosticCodes.TermSlugClash,
                        $"The {Noun} '{Shorten(segment)}' would have the slug '{slug}' of another {Noun} with a different name; it gets '{unique}'."));
                }

                var term = new Term(kind, segment, unique, parent, key);
                id = _terms.Count;
                _terms.Add(term);
                _byKey[(parent, key)] = id;
                parent?.AddChild(term);
                parent = term;
            }

            return parent is null ? -1 : id;
        }

        private HashSet<string> Siblings(Term parent)
        {
            if (!_childSlugs.TryGetValue(parent, out HashSet<string>? slugs))
            {
                slugs = new HashSet<string>(StringComparer.Ordinal);
                _childSlugs[parent] = slugs;
            }

            return slugs;
        }

        private static string Shorten(string name) => name.Length <= 80 ? name : string.Concat(name.AsSpan(0, 77), "...");

        /// <summary>Gives every term its posts (a category also its children's), newest first.</summary>
        public Term[] Finish(IReadOnlyList<Post> posts, int[][] termsOfPost)
        {
            var members = new List<int>[_terms.Count];
            var lastAdded = new int[_terms.Count];
            Array.Fill(lastAdded, -1);
            for (int post = 0; post < termsOfPost.Length; post++)
            {
                foreach (int id in termsOfPost[post])
                {
                    _terms[id].CountOwnPost();
                    for (Term? term = _terms[id]; term is not null; term = term.Parent)
                    {
                        int termId = _byKey[(term.Parent, term.Key)];
                        if (lastAdded[termId] == post)
                        {
                            break;
                        }

                        lastAdded[termId] = post;
                        (members[termId] ??= []).Add(post);
                    }
                }
            }

            for (int id = 0; id < _terms.Count; id++)
            {
                List<int> indices = members[id] ?? [];
                var termPosts = new List<Post>(indices.Count);
                foreach (int index in indices)
                {
                    termPosts.Add(posts[index]);
                }

                _terms[id].SetPosts(termPosts);
                _terms[id].SortChildren();
            }

            return [.. _terms];
        }
    }
}

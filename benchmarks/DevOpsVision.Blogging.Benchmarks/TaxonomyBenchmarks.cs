using BenchmarkDotNet.Attributes;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using DevOpsVision.Blogging.Taxonomy;
using Microsoft.Extensions.DependencyInjection;

namespace DevOpsVision.Blogging.Benchmarks;

/// <summary>
/// Building the whole taxonomy of a blog: categories, tags, archives, series, the related posts of every
/// post and the suggestion model. The baseline is the naive way to find related posts: score every pair
/// of posts by shared tags and categories (all-pairs, quadratic), which is what most blog engines do.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class TaxonomyBenchmarks
{
    private BlogSnapshot _snapshot = null!;
    private BlogOptions _options = null!;

    [Params(1_000, 10_000)]
    public int Posts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddBlogging()
            .AddInMemorySource(new InMemoryPostSource(SyntheticBlog.Create(Posts)))
            .Services.BuildServiceProvider();
        _snapshot = provider.GetRequiredService<IBlog>().GetSnapshotAsync().AsTask().GetAwaiter().GetResult();
        _options = new BlogOptions();
    }

    [Benchmark(Baseline = true, Description = "All pairs, tags and categories only")]
    public int AllPairsByTerms()
    {
        IReadOnlyList<Posts.Post> posts = _snapshot.Posts;
        int found = 0;
        var scores = new double[posts.Count];
        for (int i = 0; i < posts.Count; i++)
        {
            for (int j = 0; j < posts.Count; j++)
            {
                scores[j] = i == j ? 0 : Shared(posts[i].Tags, posts[j].Tags) + (0.5 * Shared(posts[i].Categories, posts[j].Categories));
            }

            // Top five by a partial selection, as a plugin would.
            for (int k = 0; k < 5; k++)
            {
                int best = 0;
                for (int j = 1; j < scores.Length; j++)
                {
                    if (scores[j] > scores[best])
                    {
                        best = j;
                    }
                }

                if (scores[best] > 0)
                {
                    found++;
                }

                scores[best] = -1;
            }
        }

        return found;
    }

    [Benchmark(Description = "ICategorizer: whole taxonomy, related posts with text similarity")]
    public int WholeTaxonomy()
    {
        BlogTaxonomy taxonomy = TaxonomyBuilderAccess.Build(_snapshot, _options.Taxonomy);
        int found = 0;
        foreach (Posts.Post post in _snapshot.Posts)
        {
            found += taxonomy.GetRelated(post).Count;
        }

        return found;
    }

    private static int Shared(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        int shared = 0;
        foreach (string x in a)
        {
            foreach (string y in b)
            {
                if (string.Equals(x, y, StringComparison.Ordinal))
                {
                    shared++;
                }
            }
        }

        return shared;
    }
}

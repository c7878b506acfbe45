using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Taxonomy;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DevOpsVision.Blogging.Tests.Taxonomy;

/// <summary>
/// Leave-one-out on the 18F blog's tags: each post's tags are hidden, the rest of the blog suggests tags
/// for it. Reports precision@1 and recall@3, against always suggesting the most frequent tags.
/// </summary>
public class SuggestionQualityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TagSuggestions_On18F_BeatTheMostFrequentTagBaseline()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddBlogging(o => { o.Taxonomy.SuggestionThreshold = 0; o.Taxonomy.SuggestionCount = 3; })
            .AddFileSystemSource(Path.Combine(TestPaths.Corpus("18f-blog"), "posts"))
            .Services.BuildServiceProvider();
        BlogSnapshot snapshot = await provider.GetRequiredService<IBlog>().GetSnapshotAsync();
        BlogTaxonomy taxonomy = provider.GetRequiredService<ICategorizer>().GetTaxonomy(snapshot);

        int evaluated = 0;
        double precisionAt1 = 0, recallAt3 = 0, baselinePrecisionAt1 = 0, baselineRecallAt3 = 0;
        foreach (Post post in snapshot.Posts)
        {
            IReadOnlyList<Term> truth = taxonomy.TagsOf(post);
            if (truth.Count == 0)
            {
                continue;
            }

            evaluated++;
            IReadOnlyList<TermSuggestion> suggested = taxonomy.Suggest(post, TermKind.Tag);
            precisionAt1 += suggested.Count > 0 && truth.Contains(suggested[0].Term) ? 1 : 0;
            recallAt3 += (double)suggested.Take(3).Count(s => truth.Contains(s.Term)) / truth.Count;

            // The baseline: the three most frequent tags among the other posts.
            var frequent = taxonomy.Tags
                .Select(t => (Term: t, Count: t.PostCount - (truth.Contains(t) ? 1 : 0)))
                .OrderByDescending(x => x.Count).ThenBy(x => x.Term.Path, StringComparer.Ordinal)
                .Take(3).Select(x => x.Term).ToList();
            baselinePrecisionAt1 += truth.Contains(frequent[0]) ? 1 : 0;
            baselineRecallAt3 += (double)frequent.Count(truth.Contains) / truth.Count;
        }

        precisionAt1 /= evaluated;
        recallAt3 /= evaluated;
        baselinePrecisionAt1 /= evaluated;
        baselineRecallAt3 /= evaluated;
        output.WriteLine($"18F tags, leave-one-out over {evaluated} posts: precision@1 {precisionAt1:F3} (baseline {baselinePrecisionAt1:F3}), recall@3 {recallAt3:F3} (baseline {baselineRecallAt3:F3})");

        Assert.True(evaluated > 500);
        Assert.True(precisionAt1 > baselinePrecisionAt1 + 0.1, $"precision@1 {precisionAt1:F3} vs baseline {baselinePrecisionAt1:F3}");
        Assert.True(recallAt3 > baselineRecallAt3 + 0.1, $"recall@3 {recallAt3:F3} vs baseline {baselineRecallAt3:F3}");
    }

    [Fact]
    public async Task Corpora_WithoutTaxonomy_BuildWithoutErrors()
    {
        using ServiceProvider provider = new ServiceCollection()
            .AddBlogging()
            .AddFileSystemSource(Path.Combine(TestPaths.Corpus("otel-blog"), "posts"))
            .Services.BuildServiceProvider();
        BlogSnapshot snapshot = await provider.GetRequiredService<IBlog>().GetSnapshotAsync();

        BlogTaxonomy taxonomy = provider.GetRequiredService<ICategorizer>().GetTaxonomy(snapshot);

        Assert.Empty(taxonomy.Categories);
        Assert.Empty(taxonomy.Tags);
        Assert.Equal(snapshot.Posts.Count, taxonomy.Archives.Sum(y => y.PostCount));
        Assert.True(snapshot.Posts.Count(p => taxonomy.GetRelated(p).Count > 0) > snapshot.Posts.Count / 2, "text alone relates most posts");
    }
}

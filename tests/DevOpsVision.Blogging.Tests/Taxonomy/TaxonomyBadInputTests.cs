using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Taxonomy;
using static DevOpsVision.Blogging.Tests.Taxonomy.TaxonomyFixture;

namespace DevOpsVision.Blogging.Tests.Taxonomy;

public class TaxonomyBadInputTests
{
    [Fact]
    public void EmptyCategoryName_IsIgnoredByTheParserWithAWarning()
    {
        var (snapshot, taxonomy) = Build([("a.md", "---\ntitle: A\ndate: 2020-01-01\ncategories: ['', ' ', Cloud]\n---\nx\n")]);

        Assert.Equal(["Cloud"], taxonomy.Categories.Select(t => t.Name));
        Assert.Equal(2, snapshot.Diagnostics.Count(d => d.Code == DiagnosticCodes.ValueIgnored));
    }

    [Fact]
    public void CategoryOf500Characters_KeepsItsNameAndGetsAShortSlug()
    {
        string name = string.Concat(Enumerable.Repeat("Long category ", 36))[..500];

        var (_, taxonomy) = Build([Post("a", "2020-01-01", $"'{name}'")]);

        Term term = Assert.Single(taxonomy.Categories);
        Assert.Equal(name.Trim(), term.Name);
        Assert.True(term.Slug.Length <= 100);
        Assert.Matches("^[a-z0-9-]+$", term.Slug);
    }

    [Fact]
    public void TenThousandTagsOnOnePost_Work()
    {
        string tags = string.Join(", ", Enumerable.Range(0, 10_000).Select(i => $"tag{i}"));

        var (snapshot, taxonomy) = Build([Post("many", "2020-01-01", "", tags), Post("one", "2020-01-02", "", "tag5, other")]);

        Assert.Equal(10_001, taxonomy.Tags.Count);
        Assert.Single(taxonomy.Tags.Single(t => t.Name == "tag5").Posts, p => p.Slug == "many");
        Assert.NotNull(taxonomy.GetRelated(Get(snapshot, "one")));
    }

    [Fact]
    public void TagOfOnlyPunctuation_IsIgnoredWithAWarning()
    {
        var (_, taxonomy) = Build([Post("a", "2020-01-01", "", "'!!!', '---', ok")]);

        Assert.Equal(["ok"], taxonomy.Tags.Select(t => t.Name));
        Assert.Equal(2, taxonomy.Diagnostics.Count(d => d.Code == DiagnosticCodes.TermIgnored));
    }

    [Fact]
    public void TwoDifferentNamesWithOneSlug_GetDistinctSlugsAndAWarning()
    {
        var (_, taxonomy) = Build([Post("a", "2020-01-01", "C"), Post("b", "2020-02-01", "'C#'")]);

        Assert.Equal([("C", "c"), ("C#", "c-2")], taxonomy.Categories.Select(t => (t.Name, t.Slug)).OrderBy(x => x.Slug));
        PostDiagnostic clash = Assert.Single(taxonomy.Diagnostics, d => d.Code == DiagnosticCodes.TermSlugClash);
        Assert.Equal("b.md", clash.Path);
        Assert.Contains("'c-2'", clash.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CategoryOfOnlySlashes_IsIgnored()
    {
        var (_, taxonomy) = Build([Post("a", "2020-01-01", "'/', '//'")]);

        Assert.Empty(taxonomy.Categories);
    }
}

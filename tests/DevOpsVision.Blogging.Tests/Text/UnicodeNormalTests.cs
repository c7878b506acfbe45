using System.Text;
using DevOpsVision.Blogging.Text;
using static DevOpsVision.Blogging.Tests.Taxonomy.TaxonomyFixture;

namespace DevOpsVision.Blogging.Tests.Text;

/// <summary>
/// <see cref="string.Normalize()"/> throws on U+FFFE and on a surrogate without its pair; a post's tag, category,
/// series or title carrying one must not take the blog's taxonomy, feeds and pages down with it.
/// </summary>
public class UnicodeNormalTests
{
    [Fact]
    public void Normalize_DropsWhatCannotBeNormalized_AndKeepsTheRest()
    {
        // Built from chars: test data would not carry a lone surrogate through intact.
        Assert.Equal("ab", UnicodeNormal.Normalize(new string(['a', '\uFFFE', 'b']), NormalizationForm.FormD));
        Assert.Equal("xy", UnicodeNormal.Normalize(new string(['x', (char)0xD800, 'y']), NormalizationForm.FormD));
        Assert.Equal("xy", UnicodeNormal.Normalize(new string(['x', (char)0xDC00, 'y']), NormalizationForm.FormKD));
        Assert.Equal("Cafe\u0301 \uD83D\uDE00", UnicodeNormal.Normalize("Caf\u00E9 \uD83D\uDE00\uFFFE", NormalizationForm.FormD));
        Assert.Equal("Cafe\u0301", UnicodeNormal.Normalize("Caf\u00E9", NormalizationForm.FormD));
    }

    [Fact]
    public void Slugs_OfTextWithNoncharacters_AreMadeWithoutThem()
    {
        Assert.Equal("cafe-ab", Slug.Create("Café a\uFFFEb"));
        Assert.Equal("cafe ab", Slug.Fold("Café a\uFFFEb"));
        Assert.Equal("ab", Slug.Create(new string(['a', (char)0xD800, 'b'])));
    }

    [Fact]
    public void Taxonomy_WithANoncharacterInATagCategoryAndSeries_StillBuilds()
    {
        var (_, taxonomy) = Build([
            Post("a", "2020-01-01", "\"Ops\\uFFFE\"", "ok, \"b\\uFFFEc\"", extra: "series: \"S\\uFFFE\"\n"),
            Post("b", "2020-02-01", "Ops\uFFFE", "ok, b\uFFFEc", extra: "series: S\uFFFE\n"),
        ]);

        Assert.Equal("ops", Assert.Single(taxonomy.Categories).Slug);
        Assert.Equal(["bc", "ok"], taxonomy.Tags.Select(t => t.Slug).Order(StringComparer.Ordinal));
        Assert.All(taxonomy.Tags, t => Assert.Equal(2, t.PostCount));
        Assert.Equal(2, Assert.Single(taxonomy.Series).Posts.Count);
    }
}

using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Taxonomy;

namespace DevOpsVision.Blogging.Benchmarks;

/// <summary>Builds a fresh taxonomy each call (the categorizer would return the one it remembers for the snapshot).</summary>
internal static class TaxonomyBuilderAccess
{
    public static BlogTaxonomy Build(BlogSnapshot snapshot, TaxonomyOptions options) => TaxonomyBuilder.Build(snapshot, options);
}

using System.Runtime.CompilerServices;
using DevOpsVision.Blogging.Content;
using Microsoft.Extensions.Options;

namespace DevOpsVision.Blogging.Taxonomy;

/// <summary>Organises a blog's posts: categories, tags, archives, series, related posts and suggestions.</summary>
/// <remarks>Implementations are thread-safe and compute a snapshot's taxonomy once.</remarks>
public interface ICategorizer
{
    /// <summary>Returns the taxonomy of a snapshot, building it on first use.</summary>
    /// <param name="snapshot">The blog snapshot.</param>
    /// <returns>The snapshot's taxonomy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is <see langword="null"/>.</exception>
    BlogTaxonomy GetTaxonomy(BlogSnapshot snapshot);
}

/// <summary>The default <see cref="ICategorizer"/>; remembers each snapshot's taxonomy for as long as the snapshot lives.</summary>
internal sealed class Categorizer(IOptions<BlogOptions> options) : ICategorizer
{
    private readonly ConditionalWeakTable<BlogSnapshot, Lazy<BlogTaxonomy>> _taxonomies = [];

    public BlogTaxonomy GetTaxonomy(BlogSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        TaxonomyOptions taxonomyOptions = options.Value.Taxonomy;
        return _taxonomies.GetValue(snapshot, s => new Lazy<BlogTaxonomy>(() => TaxonomyBuilder.Build(s, taxonomyOptions))).Value;
    }
}

using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Taxonomy;

namespace DevOpsVision.Samples.Cli.Site;

/// <summary>
/// Everything a post's page is made from besides the site's settings: the post, its neighbours, its series, its
/// related posts and the names and paths of its terms. Posts are compared by reference: the blog hands back the
/// same <see cref="Post"/> for a file whose bytes did not change, so equal inputs mean an identical page.
/// </summary>
internal sealed class PostPageInputs : IEquatable<PostPageInputs>
{
    private readonly Post?[] _posts;
    private readonly string _terms;

    private PostPageInputs(Post?[] posts, string terms)
    {
        _posts = posts;
        _terms = terms;
    }

    public static PostPageInputs Of(Post post, BlogTaxonomy taxonomy)
    {
        var posts = new List<Post?>(16) { post };
        PostNeighbors neighbors = taxonomy.GetNeighbors(post);
        posts.Add(neighbors.Previous);
        posts.Add(neighbors.Next);
        PostSeries? series = taxonomy.GetSeries(post);
        if (series is not null)
        {
            PostNeighbors inSeries = taxonomy.GetSeriesNeighbors(post);
            posts.Add(inSeries.Previous);
            posts.Add(inSeries.Next);
            posts.AddRange(series.Posts);
        }

        posts.Add(null);   // separates the series from the related posts
        foreach (RelatedPost related in taxonomy.GetRelated(post))
        {
            posts.Add(related.Post);
        }

        var terms = new System.Text.StringBuilder();
        if (series is not null)
        {
            terms.Append(series.Name).Append('\0');
        }

        foreach (Term category in taxonomy.CategoriesOf(post))
        {
            terms.Append(category.Name).Append('\0').Append(category.Path).Append('\0');
        }

        terms.Append('\u0001');
        foreach (Term tag in taxonomy.TagsOf(post))
        {
            terms.Append(tag.Name).Append('\0').Append(tag.Path).Append('\0');
        }

        return new PostPageInputs([.. posts], terms.ToString());
    }

    public bool Equals(PostPageInputs? other)
    {
        if (other is null || other._posts.Length != _posts.Length || !string.Equals(other._terms, _terms, StringComparison.Ordinal))
        {
            return false;
        }

        for (int i = 0; i < _posts.Length; i++)
        {
            if (!ReferenceEquals(_posts[i], other._posts[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as PostPageInputs);

    public override int GetHashCode() => HashCode.Combine(_posts.Length, _terms);
}

namespace DevOpsVision.Blogging.Feeds;

/// <summary>Writes a <see cref="Feed"/> as RSS 2.0, Atom 1.0 or JSON Feed 1.1, in UTF-8 without a byte order mark.</summary>
/// <remarks>Thread-safe. The same feed always gives the same bytes.</remarks>
public interface IFeedWriter
{
    /// <summary>Writes the feed.</summary>
    /// <param name="feed">The feed.</param>
    /// <param name="format">The format.</param>
    /// <param name="output">Where to write; left open.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    void Write(Feed feed, FeedFormat format, Stream output);
}

/// <summary>Builds feeds of a blog snapshot: the whole blog, a category or tag, or an author.</summary>
/// <remarks>Thread-safe.</remarks>
public interface IFeedBuilder
{
    /// <summary>The feed of the whole blog.</summary>
    /// <param name="snapshot">The blog.</param>
    /// <param name="settings">Overrides of the blog's feed options, if any.</param>
    /// <returns>The feed.</returns>
    Feed ForBlog(Content.BlogSnapshot snapshot, FeedSettings? settings);

    /// <summary>The feed of a category or tag.</summary>
    /// <param name="snapshot">The blog.</param>
    /// <param name="term">The category or tag, from the snapshot's taxonomy.</param>
    /// <param name="settings">Overrides of the blog's feed options, if any.</param>
    /// <returns>The feed.</returns>
    Feed ForTerm(Content.BlogSnapshot snapshot, Taxonomy.Term term, FeedSettings? settings);

    /// <summary>The feed of one author's posts.</summary>
    /// <param name="snapshot">The blog.</param>
    /// <param name="author">The author's name, as in <see cref="Posts.PostAuthor.Name"/> (compared without regard to case).</param>
    /// <param name="settings">Overrides of the blog's feed options, if any.</param>
    /// <returns>The feed; without items when nobody of that name wrote a post.</returns>
    Feed ForAuthor(Content.BlogSnapshot snapshot, string author, FeedSettings? settings);
}

using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using Markdig.Syntax;

namespace DevOpsVision.Blogging.Quotes;

/// <summary>What the extractor knows of the post around the syntax tree it reads.</summary>
/// <param name="SourcePath">The post's file, for quote locations.</param>
/// <param name="Slug">The post's slug.</param>
/// <param name="Title">The post's title: a title like "Book review: W" names the work the post is about.</param>
public sealed record QuoteContext(string SourcePath, string Slug, string Title)
{
    /// <summary>The post's language (front matter <c>lang</c>/<c>language</c>), which decides how quotation marks pair; <see langword="null"/> to guess.</summary>
    public string? Language { get; init; }

    /// <summary>The post's authors: pull quotes without a <c>cite</c> are theirs.</summary>
    public IReadOnlyList<PostAuthor> Authors { get; init; } = [];

    /// <summary>The post's other front-matter values; <c>book</c>, <c>source</c> and <c>book_author</c> name the work the post is about.</summary>
    public IReadOnlyDictionary<string, object?> Extra { get; init; } = Post.EmptyExtra;
}

/// <summary>
/// Finds the quotations in posts, with who or what they are from. The parser calls <see cref="Extract"/> on
/// each post's syntax tree while it is alive (Markdown is never parsed twice); <see cref="GetQuotes"/> gathers
/// a snapshot's quotes.
/// </summary>
/// <remarks>Implementations are thread-safe.</remarks>
public interface IQuoteExtractor
{
    /// <summary>Finds the quotations in one post.</summary>
    /// <param name="document">The post's Markdown syntax tree, parsed with the blog's pipeline.</param>
    /// <param name="context">The post around it.</param>
    /// <returns>The quotes, in the order they appear in the post.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    IReadOnlyList<Quote> Extract(MarkdownDocument document, QuoteContext context);

    /// <summary>Returns a snapshot's quotes (those of its published posts), gathering them on first use.</summary>
    /// <param name="snapshot">The blog snapshot.</param>
    /// <returns>The snapshot's quotes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is <see langword="null"/>.</exception>
    BlogQuotes GetQuotes(BlogSnapshot snapshot);
}

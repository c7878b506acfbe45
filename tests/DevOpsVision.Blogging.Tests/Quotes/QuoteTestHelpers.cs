using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Quotes;
using Markdig;

namespace DevOpsVision.Blogging.Tests.Quotes;

internal static class QuoteTestHelpers
{
    private static readonly MarkdownPostParser DefaultParser = new(new BlogOptions());

    /// <summary>Parses a post body (front matter added) and returns its quotes.</summary>
    public static IReadOnlyList<Quote> QuotesOf(string body, string title = "A post", string frontMatter = "", MarkdownPostParser? parser = null)
    {
        string text = $"---\ntitle: \"{title}\"\ndate: 2024-01-01\n{frontMatter}---\n{body}\n";
        PostParseResult result = (parser ?? DefaultParser).Parse(PostFile.FromText("2024-01-01-post.md", text));
        Assert.NotNull(result.Post);
        return result.Post!.Quotes;
    }

    public static MarkdownPostParser ParserWith(Action<BlogOptions> configure)
    {
        var options = new BlogOptions();
        configure(options);
        return new MarkdownPostParser(options);
    }

    public static MarkdownPostParser SmartyPantsParser() =>
        ParserWith(options => options.ConfigureMarkdown = builder => builder.UseAdvancedExtensions().UseSmartyPants());
}

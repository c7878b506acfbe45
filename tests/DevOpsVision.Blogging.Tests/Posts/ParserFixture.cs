using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Posts.Shortcodes;

namespace DevOpsVision.Blogging.Tests.Posts;

internal static class Parse
{
    public static PostParseResult Text(string text, string path = "2021-02-06-test.md", Action<BlogOptions>? configure = null, IEnumerable<IShortcodeHandler>? shortcodes = null)
    {
        var options = new BlogOptions();
        configure?.Invoke(options);
        return new MarkdownPostParser(options, shortcodes).Parse(PostFile.FromText(path, text));
    }

    public static PostParseResult Bytes(byte[] bytes, string path = "2021-02-06-test.md")
        => new MarkdownPostParser(new BlogOptions()).Parse(new PostFile(path, bytes, DateTimeOffset.UnixEpoch));

    public static Post Post(string text, string path = "2021-02-06-test.md", Action<BlogOptions>? configure = null, IEnumerable<IShortcodeHandler>? shortcodes = null)
    {
        PostParseResult result = Text(text, path, configure, shortcodes);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Post!;
    }

    public static PostDiagnostic SingleError(PostParseResult result)
    {
        Assert.False(result.Succeeded);
        return Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }
}

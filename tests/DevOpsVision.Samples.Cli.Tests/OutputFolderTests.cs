using DevOpsVision.Samples.Cli.Site;

namespace DevOpsVision.Samples.Cli.Tests;

public sealed class OutputFolderTests
{
    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("posts/../../etc/index.html")]
    [InlineData("posts/../../../etc/index.html")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("posts/..")]
    [InlineData("../site-evil/index.html")]
    [InlineData("..\\..\\etc\\passwd")]
    public void Paths_leaving_the_folder_are_refused(string path)
    {
        using var temp = new TempFolder();
        var output = new OutputFolder(Path.Combine(temp.Path, "site"));

        Assert.Throws<UnsafeOutputPathException>(() => output.Resolve(path));
        Assert.Throws<UnsafeOutputPathException>(() => output.Write(path, s => s.WriteByte(1)));
        Assert.Empty(output.Written);
        Assert.Empty(Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Rooted_paths_are_refused()
    {
        using var temp = new TempFolder();
        var output = new OutputFolder(temp.Path);

        Assert.Throws<UnsafeOutputPathException>(() => output.Resolve(Path.Combine(Path.GetTempPath(), "elsewhere.txt")));
        Assert.Throws<UnsafeOutputPathException>(() => output.Resolve(Path.GetPathRoot(temp.Path)!));
    }

    [Theory]
    [InlineData("index.html", "index.html")]
    [InlineData("posts/hello/index.html", "posts/hello/index.html")]
    [InlineData("posts/../feed.xml", "feed.xml")]
    [InlineData("categories/cloud/aws/atom.xml", "categories/cloud/aws/atom.xml")]
    public void Paths_inside_the_folder_resolve_below_it(string path, string expected)
    {
        using var temp = new TempFolder();
        var output = new OutputFolder(temp.Path);

        output.Write(path, s => s.WriteByte(42));

        string full = output.Resolve(path);
        Assert.StartsWith(output.Root, full, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(temp.Path, expected.Replace('/', Path.DirectorySeparatorChar)), full);
        Assert.Equal([expected], output.Written);
        Assert.Equal([42], File.ReadAllBytes(full));
    }

    [Fact]
    public void A_new_build_over_an_old_one_writes_only_files_whose_bytes_differ()
    {
        using var temp = new TempFolder();
        var first = new OutputFolder(temp.Path);
        first.WriteText("same.html", "<p>same</p>");
        first.WriteText("longer.html", "<p>short</p>");
        first.WriteText("shorter.html", "<p>a much longer page</p>");
        first.WriteText("edited.html", "<p>before</p>");

        // A new process knows nothing of the last build: it compares with what is on disk.
        var second = new OutputFolder(temp.Path);
        second.WriteText("same.html", "<p>same</p>");
        second.WriteText("longer.html", "<p>short, now longer</p>");
        second.WriteText("shorter.html", "<p>short</p>");
        second.WriteText("edited.html", "<p>after!</p>");
        second.WriteText("new.html", "<p>new</p>");

        Assert.Equal(["edited.html", "longer.html", "new.html", "shorter.html"], second.Written);
        Assert.Equal(1, second.Unchanged);
        Assert.Equal("<p>same</p>", File.ReadAllText(Path.Combine(temp.Path, "same.html")));
        Assert.Equal("<p>short, now longer</p>", File.ReadAllText(Path.Combine(temp.Path, "longer.html")));
        Assert.Equal("<p>short</p>", File.ReadAllText(Path.Combine(temp.Path, "shorter.html")));
        Assert.Equal("<p>after!</p>", File.ReadAllText(Path.Combine(temp.Path, "edited.html")));
        Assert.Equal(5, second.Produced.Count);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("posts/hello/", "../../")]
    [InlineData("categories/cloud/aws/", "../../../")]
    public void Pages_link_back_to_the_root_relatively(string pagePath, string expected)
    {
        Assert.Equal(expected, HtmlPages.UpTo(pagePath));
    }
}

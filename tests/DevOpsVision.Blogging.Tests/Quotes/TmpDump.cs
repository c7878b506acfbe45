using DevOpsVision.Blogging.Posts;
namespace DevOpsVision.Blogging.Tests.Quotes;
public class TmpDump
{
    [Fact]
    public void Dump()
    {
        var parser = new MarkdownPostParser(new BlogOptions());
        using var w = new StreamWriter("/tmp/corpus-quotes.txt");
        foreach (string f in Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "tests", "corpus"), "*.md", SearchOption.AllDirectories).Order())
        {
            var r = parser.Parse(PostFile.FromText(Path.GetFileName(f), File.ReadAllText(f)));
            if (r.Post is null) continue;
            foreach (var q in r.Post.Quotes)
                w.WriteLine($"{Path.GetFileName(f)}\t{q.Kind}\t{q.Location.Line}\t[{string.Join("; ", q.People)}]\t{q.Work}\t{q.Organization}\t{q.Text.Replace("\n", " ")[..Math.Min(q.Text.Length, 110)]}");
        }
    }
}

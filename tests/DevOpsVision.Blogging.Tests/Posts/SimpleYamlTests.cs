using System.Collections;
using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Tests.Posts;

/// <summary>The fast front-matter reader reads exactly what YamlDotNet reads, or declines.</summary>
public class SimpleYamlTests
{
    public static TheoryData<string> Samples() =>
    [
        "title: Hello\ndate: 2021-02-06\n",
        "title: \"Quoted: with colon\"\ntags: [a, 'b c', \"d\"]\n",
        "title: 'It''s'\n",
        "title: \"Esc \\\" aped\"\n",
        "tags:\n  - one\n  - two # comment\n# comment line\n\nauthor: x\n",
        "tags:\n- zero-indent\n- items\n",
        "empty:\nnext: 1\n",
        "num: 42\nreal: 4.5\nyes: true\nno: ~\n",
        "cSpell:ignore: Kanzhelev Novotny\ncspell:ignore: x\n",
        "excerpt: >-\n  folded\n  text\n",
        "nested:\n  a: 1\n",
        "title: plain\n  continued\n",
        "key: value # trailing comment\n",
        "list: []\n",
        "url: https://example.org/a#frag\n",
        "weird: a: b\n",
        "anchor: &x 1\nref: *x\n",
        "tab:\tvalue\n",
        "dup: 1\ndup: 2\n",
        "title: \"unterminated\n",
        "flow: [a, [b]]\n",
        "- just\n- a list\n",
    ];

    [Theory]
    [MemberData(nameof(Samples))]
    public void TryRead_AgreesWithYamlDotNetOrDeclines(string yaml) => AssertAgreement(yaml, "sample.md");

    [Fact]
    public void TryRead_AgreesWithYamlDotNet_OnEveryCorpusPost()
    {
        int fast = 0;
        foreach (string file in Directory.EnumerateFiles(TestPaths.Corpus(string.Empty), "*.md", SearchOption.AllDirectories))
        {
            string text = File.ReadAllText(file);
            FrontMatterSpan span = FrontMatter.Locate(text);
            if (!span.Present || span.Unclosed)
            {
                continue;
            }

            if (AssertAgreement(text.Substring(span.YamlStart, span.YamlLength), file))
            {
                fast++;
            }
        }

        // Most real front matter takes the fast path.
        Assert.True(fast > 300, $"only {fast} posts took the fast path");
    }

    private static bool AssertAgreement(string yaml, string path)
    {
        var simple = SimpleYaml.TryRead(yaml, 2);
        if (simple is null)
        {
            return false;
        }

        var diagnostics = new List<PostDiagnostic>();
        var full = FrontMatter.ReadWithYamlDotNet(yaml, 2, path, diagnostics);
        Assert.True(full is not null, $"{path}: YamlDotNet rejects what the fast reader accepted: {string.Join("; ", diagnostics)}");
        Assert.Equal(full!.Select(e => e.Key), simple.Select(e => e.Key));
        for (int i = 0; i < full!.Count; i++)
        {
            FrontMatterValue expected = full[i].Value;
            FrontMatterValue actual = simple[i].Value;
            Assert.True(Same(expected.Value, actual.Value), $"{path}: '{full[i].Key}' is {Show(expected.Value)} in YamlDotNet, {Show(actual.Value)} in the fast reader");
            Assert.Equal(expected.Kind, actual.Kind);
            Assert.Equal(expected.RawScalar, actual.RawScalar);
            Assert.True(expected.Line == actual.Line, $"{path}: '{full[i].Key}' line {expected.Line} vs {actual.Line}");
        }

        return true;
    }

    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (IList x, IList y) => x.Count == y.Count && Enumerable.Range(0, x.Count).All(i => Same(x[i], y[i])),
        _ => Equals(a, b),
    };

    private static string Show(object? value) => value is IList list ? "[" + string.Join(", ", list.Cast<object?>().Select(Show)) + "]" : $"{value} ({value?.GetType().Name})";
}

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
        "nested:\n  a: 1\n",
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
        "excerpt: >+\n  kept\n\n",
        "excerpt: >2\n  indentation indicator\n",
        "excerpt: >\n\n  leading empty line\n",
        "excerpt: >\n  a\n    more indented\n  b\n",
        "excerpt: |\n  last line without a break",
        "excerpt: >\n  a\n     \n  b\n",
        "excerpt: >\n  a\n b\n",
        "excerpt: \"a\n  b \\\" c\"\n",
        "excerpt: \"a\n  \"\n",
        "excerpt: \"\n  starts on the next line\"\n",
        "excerpt: \"a\n---\n  b\"\n",
        "excerpt: 'a\n  it''s'\n",
        "excerpt: \"never\n  closed\n",
        "excerpt: \"a\n  b\" trailing\n",
        "excerpt: \"a\nb\"\nbody: >\n  ends in a space \n",
        "excerpt: a\n  b: c\n",
        "excerpt: a\n  # comment\n",
        "excerpt: a # comment\n  b\n",
        "excerpt: a\n  - b\n",
        "excerpt: a\n  [b]\n",
        "excerpt: [a]\n  b\n",
        "excerpt: 'a'\n  b\n",
        "title:\n  \"opened on its own line\ngoes on in column 0\"\n",
        "title:\n\n  after a blank line\n",
        "title:\n  # a comment\n  value\n",
        "title:\n  a: b\n",
        "title:\n  [a, b]\n",
        "title:\n  'closed' then more\n",
        "title:\n  'closed'\n  then more\n",
        .. Accepted(),
    ];

    /// <summary>Front matter the fast reader must read itself (and read as YamlDotNet does): multi-line values as real posts write them.</summary>
    public static TheoryData<string> Accepted() =>
    [
        "title: >\n 18F practices in action (spoiler: this stuff works)\nauthors:\n  - jon\n",
        "excerpt: >-\n  folded\n  text\n",
        "excerpt: |\n  line one\n    indented\n\n  after an empty line\nnext: x\n",
        "excerpt: |-\n  a\n  b\n",
        "excerpt: >\n  a\n\n  b\n\n\n  c\n\n\nnext: x\n",
        "excerpt: > # a comment\n  text\n# a comment line\nnext: 1\n",
        "excerpt: >\n  ends in a space \nnext: 1\n",
        "excerpt: |\n  keeps: colons, # hashes and - dashes\n",
        "excerpt: \"Our coworkers are\n  very good\n\n  at this.\"\nnext: 1\n",
        "excerpt: \"Our coworkers are very, very good at documenting the things they learn\nin Slack, our chat program.\"\ndescription: \"Two\nvalues.\"\nimage: /a.png\n",
        "excerpt: \"spaces before the end  \n  and after   \n  the quote  \"  # comment\nnext: 1\n",
        "excerpt: 'one\n  two: three'\n",
        "excerpt: \"a\n  b\nc\"\n",
        "excerpt: Según estimados del Censo, cerca de 41 millones de personas hablan\n  español en Estados Unidos.\n\n  Nuestro ingeniero.\n\nnext: 1\n",
        "excerpt: 42\n  43\n",
        "title: plain\n  continued\n",
        "title:\n  'OTel End User Working Group Presents: The Future of Observability Panel\n  Discussion'\nlinkTitle: x\n",
        "title:\n  Announcing the Elastic Common Schema (ECS) and OpenTelemetry Semantic\n  Convention Convergence\nlinkTitle: ECS\n",
        "author:\n  '[Krishna Chaitanya Kalluri](https://github.com/k) (Meta)'\nissue: https://example.org/5138\n",
        "author:\n  '[Brett McBride](https://github.com/b/) (Deakin University), [Przemek\n  Delewski](https://github.com/p/) (SumoLogic)'\ncSpell:ignore: x\n",
        "title:\n  value\ntags:\n  - item\n",
    ];

    [Theory]
    [MemberData(nameof(Accepted))]
    public void TryRead_ReadsMultiLineValues_ItselfAndAsYamlDotNetDoes(string yaml) => Assert.True(AssertAgreement(yaml, "sample.md"), "the fast reader declined");

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

        // Nearly all real front matter takes the fast path: multi-line values, block scalars and the 114 quoted values
        // that go on in column 0 included.
        Assert.True(fast > 750, $"only {fast} posts took the fast path");
    }

    private static bool AssertAgreement(string yaml, string path)
    {
        var simple = SimpleYaml.TryRead(yaml, 2, out int repairedLine);
        if (simple is null)
        {
            return false;
        }

        var diagnostics = new List<PostDiagnostic>();
        var full = FrontMatter.ReadWithYamlDotNet(yaml, 2, path, diagnostics);
        Assert.True(full is not null, $"{path}: YamlDotNet rejects what the fast reader accepted: {string.Join("; ", diagnostics)}");

        // A value YamlDotNet reads only once repaired is reported at the same line either way.
        PostDiagnostic? repaired = diagnostics.SingleOrDefault(d => d.Code == DiagnosticCodes.FrontMatterRepaired);
        Assert.True((repaired?.Line ?? 0) == repairedLine, $"{path}: repaired at line {repaired?.Line ?? 0} by YamlDotNet, {repairedLine} by the fast reader");
        Assert.DoesNotContain(diagnostics, d => d.Code != DiagnosticCodes.FrontMatterRepaired);
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

using System.Diagnostics;
using System.Text;
using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Tests.Posts;

/// <summary>Every kind of broken or hostile file gets a diagnostic with its position, never an exception.</summary>
public class BadInputTests
{
    [Fact]
    public void Parse_MalformedYaml_ReportsLineOfTheProblem()
    {
        PostParseResult result = Parse.Text("---\ntitle: T\ntags: [a, b\ndate: 2021-02-06\n---\nBody.\n", path: "bad.md");

        PostDiagnostic error = Parse.SingleError(result);
        Assert.Equal(DiagnosticCodes.InvalidYaml, error.Code);
        Assert.Equal("bad.md", error.Path);
        Assert.InRange(error.Line, 3, 5);
        Assert.StartsWith("bad.md(", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(": error DV0102: Front matter is not valid YAML", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedFrontMatter_IsAnErrorOnLineOne()
    {
        PostDiagnostic error = Parse.SingleError(Parse.Text("---\ntitle: T\n\nBody without closing fence.\n"));

        Assert.Equal(DiagnosticCodes.UnclosedFrontMatter, error.Code);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Parse_MissingTitle_FallsBackToFileNameWithWarning()
    {
        PostParseResult result = Parse.Text("---\ndate: 2021-02-06\n---\nJust text.\n", path: "2021-02-06-my-first-post.md");

        Assert.True(result.Succeeded);
        Assert.Equal("My first post", result.Post!.Title);
        PostDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal(DiagnosticCodes.MissingTitle, warning.Code);
    }

    [Theory]
    [InlineData("2021-02-30", "does not exist")]
    [InlineData("2021-13-01", "does not exist")]
    [InlineData("2021-02-06 25:00", "does not exist")]
    [InlineData("yesterday", "not a date")]
    [InlineData("2021-02-06 06:01 +99", "does not exist")]
    public void Parse_ImpossibleOrUnreadableDate_IsAnErrorAtTheDateLine(string value, string expected)
    {
        PostDiagnostic error = Parse.SingleError(Parse.Text($"---\ntitle: T\ndate: {value}\n---\nBody.\n"));

        Assert.Equal(DiagnosticCodes.InvalidDate, error.Code);
        Assert.Equal(3, error.Line);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LocalTimeSkippedByDaylightSaving_IsAnError()
    {
        PostDiagnostic error = Parse.SingleError(Parse.Text("---\ntitle: T\ndate: 2021-03-28 02:30\n---\nBody.\n", configure: o => o.TimeZone = "Europe/Stockholm"));

        Assert.Contains("daylight-saving", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AmbiguousAutumnTime_TakesTheEarlierInstant()
    {
        Post post = Parse.Post("---\ntitle: T\ndate: 2021-10-31 02:30\n---\nBody.\n", configure: o => o.TimeZone = "Europe/Stockholm");

        Assert.Equal(TimeSpan.FromHours(2), post.Date.Offset);
    }

    [Fact]
    public void Parse_NoDateAnywhere_IsAnError()
    {
        PostDiagnostic error = Parse.SingleError(Parse.Text("---\ntitle: T\n---\nBody.\n", path: "undated.md"));

        Assert.Equal(DiagnosticCodes.MissingDate, error.Code);
    }

    [Theory]
    [InlineData("tags: {a: b}", "'tags' must be a list")]
    [InlineData("slug: [a, b]", "'slug' must be a single value")]
    [InlineData("date: {year: 2021}", "'date' must be a date")]
    [InlineData("draft: maybe", "'draft' must be true or false")]
    [InlineData("categories: [[nested]]", "'categories' must be a list of single values")]
    public void Parse_WrongTypeForKnownField_IsAnErrorNamingTheField(string yaml, string expected)
    {
        PostDiagnostic error = Parse.SingleError(Parse.Text($"---\ntitle: T\n{yaml}\n---\nBody.\n"));

        Assert.Equal(DiagnosticCodes.WrongType, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Parse_YamlAliasBomb_IsRejectedQuickly()
    {
        var yaml = new StringBuilder("---\ntitle: T\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++)
        {
            yaml.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        yaml.Append("---\nBody.\n");
        var watch = Stopwatch.StartNew();

        PostDiagnostic error = Parse.SingleError(Parse.Text(yaml.ToString()));

        Assert.Equal(DiagnosticCodes.FrontMatterTooComplex, error.Code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Parse_DuplicateYamlKey_IsAnError()
    {
        PostDiagnostic error = Parse.SingleError(Parse.Text("---\ntitle: T\ntitle: U\n---\nBody.\n"));

        Assert.Equal(DiagnosticCodes.InvalidYaml, error.Code);
    }

    [Fact]
    public void Parse_FiveMegabyteSingleLine_RendersAsOneParagraph()
    {
        string line = string.Concat(Enumerable.Repeat("lorem ipsum ", 5 * 1024 * 1024 / 12));

        Post post = Parse.Post("---\ntitle: T\n---\n" + line + "\n");

        Assert.Equal(5 * 1024 * 1024 / 12 * 2, post.WordCount);
        Assert.StartsWith("<p>lorem ipsum", post.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidUtf8_NamesLineAndColumn()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("---\ntitle: T\n---\nok\nab"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\n")];

        PostDiagnostic error = Parse.SingleError(Parse.Bytes(bytes));

        Assert.Equal(DiagnosticCodes.NotText, error.Code);
        Assert.Equal(5, error.Line);
        Assert.Equal(3, error.Column);
        Assert.Contains("0xC3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TenThousandNestedBlockquotes_IsAnErrorNotACrash()
    {
        string text = "---\ntitle: T\n---\n" + new string('>', 10_000) + " deep\n";

        PostDiagnostic error = Parse.SingleError(Parse.Text(text));

        Assert.Equal(DiagnosticCodes.TooDeeplyNested, error.Code);
        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Parse_ModerateNesting_StillRenders()
    {
        Post post = Parse.Post("---\ntitle: T\n---\n" + new string('>', 20) + " deep\n");

        Assert.Equal(20, post.Html.Split("<blockquote>").Length - 1);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  \t\n")]
    public void Parse_EmptyFile_IsAnError(string text)
    {
        Assert.Equal(DiagnosticCodes.EmptyFile, Parse.SingleError(Parse.Text(text)).Code);
    }

    [Fact]
    public void Parse_BinaryFile_IsAnError()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

        PostDiagnostic error = Parse.SingleError(Parse.Bytes(png, "image.md"));

        Assert.Equal(DiagnosticCodes.NotText, error.Code);
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FileOverTheSizeLimit_IsAnError()
    {
        PostDiagnostic error = Parse.SingleError(Parse.Text("---\ntitle: T\n---\n" + new string('a', 2000), configure: o => o.MaxPostBytes = 1000));

        Assert.Equal(DiagnosticCodes.FileTooLarge, error.Code);
    }

    [Fact]
    public void Parse_FrontMatterThatIsNotAMapping_IsAnError()
    {
        Assert.Equal(DiagnosticCodes.InvalidYaml, Parse.SingleError(Parse.Text("---\n- a\n- b\n---\nBody.\n")).Code);
    }

    [Theory]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[")]
    [InlineData("*a _b *a _b *a _b *a _b *a _b *a _b *a _b *a _b *a _b *a _b *a _b *a _b")]
    [InlineData("<div><div><div><div><span><b><i>unclosed")]
    [InlineData("```\nunclosed fence\n")]
    [InlineData("- a\n  - b\n    - c\n      - d\n        - e\n          - f")]
    public void Parse_PathologicalMarkdown_NeverThrows(string body)
    {
        PostParseResult result = Parse.Text("---\ntitle: T\n---\n" + body + "\n");

        Assert.NotNull(result);
    }
}

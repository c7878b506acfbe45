using DevOpsVision.Blogging.Posts;
using Markdig;

namespace DevOpsVision.Blogging.Tests.Posts;

public class MarkdownPostParserTests
{
    private const string Full = """
        ---
        title: "Hello: World"
        date: 2021-02-06 06:01
        updated: 2021-03-01
        slug: Hello World!
        categories: [Cloud, DevOps]
        tags: aws, certification , aws
        author: Jane Doe
        summary: A *short* summary.
        description: For search engines.
        image: /img/hello.png
        aliases: [/old/hello/, /2021/hello]
        series: Exams
        layout: post
        hero: true
        issue: 42
        nested: { a: [1, 2] }
        ---
        # Heading One

        First paragraph with [a link](https://example.org/x) and `code`.

        ## Second *heading*

        More text here.
        """;

    [Fact]
    public void Parse_FullFrontMatter_ReadsEveryKnownField()
    {
        Post post = Parse.Post(Full, configure: o => o.TimeZone = "Europe/Stockholm");

        Assert.Equal("Hello: World", post.Title);
        Assert.Equal(new DateTimeOffset(2021, 2, 6, 6, 1, 0, TimeSpan.FromHours(1)), post.Date);
        Assert.Equal(new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.FromHours(1)), post.Updated);
        Assert.Equal("hello-world", post.Slug);
        Assert.Equal(["Cloud", "DevOps"], post.Categories);
        Assert.Equal(["aws", "certification"], post.Tags);
        Assert.Equal([new PostAuthor("Jane Doe")], post.Authors);
        Assert.Equal("For search engines.", post.Description);
        Assert.Equal("/img/hello.png", post.Image);
        Assert.Equal(["/old/hello/", "/2021/hello"], post.Aliases);
        Assert.Equal("Exams", post.Series);
        Assert.Equal("<p>A <em>short</em> summary.</p>", post.ExcerptHtml);
        Assert.Equal("A short summary.", post.ExcerptText);
    }

    [Fact]
    public void Parse_UnknownKeys_AreKeptWithTheirYamlTypes()
    {
        Post post = Parse.Post(Full);

        Assert.Equal("post", post.Extra["layout"]);
        Assert.Equal(true, post.Extra["hero"]);
        Assert.Equal(42L, post.Extra["issue"]);
        var nested = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(post.Extra["nested"]);
        Assert.Equal([1L, 2L], Assert.IsAssignableFrom<IReadOnlyList<object?>>(nested["a"]));
        Assert.False(post.Extra.ContainsKey("title"));
    }

    [Fact]
    public void Parse_Body_RendersHtmlTextAndTableOfContents()
    {
        Post post = Parse.Post(Full);

        Assert.Contains("<h1 id=\"heading-one\">Heading One</h1>", post.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.org/x\">a link</a>", post.Html, StringComparison.Ordinal);
        Assert.Equal("Heading One\nFirst paragraph with a link and code.\nSecond heading\nMore text here.", post.PlainText);
        Assert.Equal(
            [new PostHeading(1, "Heading One", "heading-one"), new PostHeading(2, "Second heading", "second-heading")],
            post.TableOfContents);
        Assert.Equal(["https://example.org/x"], post.Links);
        Assert.Equal(14, post.WordCount);
        Assert.Equal(TimeSpan.FromMinutes(1), post.ReadingTime);
    }

    [Fact]
    public void Parse_NoExplicitExcerpt_UsesFirstParagraph()
    {
        Post post = Parse.Post("---\ntitle: T\n---\n# Title\n\nThe *first* paragraph.\n\nThe second.\n");

        Assert.Equal("<p>The <em>first</em> paragraph.</p>", post.ExcerptHtml);
        Assert.Equal("The first paragraph.", post.ExcerptText);
    }

    [Fact]
    public void Parse_MoreMarker_ExcerptIsEverythingBeforeIt()
    {
        Post post = Parse.Post("---\ntitle: T\n---\nOne.\n\nTwo.\n\n<!-- more -->\n\nThree.\n");

        Assert.Equal("<p>One.</p>\n<p>Two.</p>", post.ExcerptHtml);
        Assert.Equal("One.\nTwo.", post.ExcerptText);
        Assert.Contains("Three.", post.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("categories: Cloud, DevOps", new[] { "Cloud", "DevOps" })]
    [InlineData("categories: Book review", new[] { "Book review" })]
    [InlineData("categories:\n  - Cloud\n  - Dev Ops", new[] { "Cloud", "Dev Ops" })]
    [InlineData("category: Cloud", new[] { "Cloud" })]
    [InlineData("categories: []", new string[0])]
    [InlineData("categories:", new string[0])]
    public void Parse_Categories_AcceptStringCommaListOrYamlList(string yaml, string[] expected)
    {
        Post post = Parse.Post($"---\ntitle: T\n{yaml}\n---\nBody.\n");

        Assert.Equal(expected, post.Categories);
    }

    [Fact]
    public void Parse_EmptyCategoryInList_IsIgnoredWithWarning()
    {
        PostParseResult result = Parse.Text("---\ntitle: T\ncategories: [Cloud, '']\n---\nBody.\n");

        Assert.Equal(["Cloud"], result.Post!.Categories);
        PostDiagnostic warning = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticCodes.ValueIgnored, warning.Code);
        Assert.Equal(3, warning.Line);
    }

    [Theory]
    [InlineData("2021-02-06", "2021-02-06T00:00:00+01:00")]
    [InlineData("2021-02-06 06:01", "2021-02-06T06:01:00+01:00")]
    [InlineData("2021-07-06 06:01:30", "2021-07-06T06:01:30+02:00")]
    [InlineData("'2021-02-06T06:01:00Z'", "2021-02-06T06:01:00+00:00")]
    [InlineData("'2014-03-19T10:14:29-04:00'", "2014-03-19T10:14:29-04:00")]
    [InlineData("2015-03-17 14:00:00 -4", "2015-03-17T14:00:00-04:00")]
    [InlineData("2015-06-02T12:00:00.000Z", "2015-06-02T12:00:00+00:00")]
    [InlineData("'2016-01-22'", "2016-01-22T00:00:00+01:00")]
    [InlineData("2024-12-5", "2024-12-05T00:00:00+01:00")]
    public void Parse_DateShapes_AreReadInTheBlogTimeZoneUnlessAnOffsetIsGiven(string yaml, string expected)
    {
        Post post = Parse.Post($"---\ntitle: T\ndate: {yaml}\n---\nBody.\n", configure: o => o.TimeZone = "Europe/Stockholm");

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), post.Date);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, post.Date.Offset);
    }

    [Fact]
    public void Parse_DateOnlyInUtcBlog_IsMidnightOfThatDay()
    {
        Post post = Parse.Post("---\ntitle: T\ndate: 2021-02-06\n---\nBody.\n");

        Assert.Equal(new DateTimeOffset(2021, 2, 6, 0, 0, 0, TimeSpan.Zero), post.Date);
    }

    [Fact]
    public void Parse_NoDateInFrontMatter_UsesJekyllFileNameDate()
    {
        Post post = Parse.Post("---\ntitle: T\n---\nBody.\n", path: "posts/2024-12-5-18f-project-defaults.md", configure: o => o.TimeZone = "America/New_York");

        Assert.Equal(new DateTimeOffset(2024, 12, 5, 0, 0, 0, TimeSpan.FromHours(-5)), post.Date);
        Assert.Equal("18f-project-defaults", post.Slug);
    }

    [Fact]
    public void Parse_FrontMatterDate_WinsOverFileName()
    {
        Post post = Parse.Post("---\ntitle: T\ndate: 2020-01-01\n---\nBody.\n", path: "2024-12-05-x.md");

        Assert.Equal(2020, post.Date.Year);
    }

    [Theory]
    [InlineData("content/2021-02-06-hello-world.md", null, "T", "hello-world")]
    [InlineData("content/2021/my-bundle/index.md", null, "T", "my-bundle")]
    [InlineData("content/2021-02-06-x.md", "Custom Slug", "T", "custom-slug")]
    [InlineData("content/2021-02-06-.md", null, "Café Crème: Öl & Smörgåsbord", "cafe-creme-ol-smorgasbord")]
    [InlineData("content/2021-02-06-It's Straße.md", null, "T", "its-strasse")]
    [InlineData("content/2021-02-06-AWS DevOps Engineer Pro Exam – Experiences.md", null, "T", "aws-devops-engineer-pro-exam-experiences")]
    public void Parse_Slug_ComesFromFrontMatterElseFileNameElseTitle(string path, string? slug, string title, string expected)
    {
        string slugLine = slug is null ? string.Empty : $"slug: {slug}\n";
        Post post = Parse.Post($"---\ntitle: \"{title}\"\n{slugLine}date: 2021-02-06\n---\nBody.\n", path: path);

        Assert.Equal(expected, post.Slug);
    }

    [Fact]
    public void Parse_CjkText_CountsEachIdeographAsAWord()
    {
        Post post = Parse.Post("---\ntitle: T\n---\n日本語の文章です。 and two\n", configure: o => o.WordsPerMinute = 5);

        Assert.Equal(10, post.WordCount);
        Assert.Equal(TimeSpan.FromMinutes(2), post.ReadingTime);
    }

    [Fact]
    public void Parse_ReadingTime_UsesConfiguredWordsPerMinute()
    {
        string body = string.Join(' ', Enumerable.Repeat("word", 1000));
        Post post = Parse.Post($"---\ntitle: T\n---\n{body}\n", configure: o => o.WordsPerMinute = 200);

        Assert.Equal(1000, post.WordCount);
        Assert.Equal(TimeSpan.FromMinutes(5), post.ReadingTime);
    }

    [Theory]
    [InlineData("draft: true", true)]
    [InlineData("draft: false", false)]
    [InlineData("draft: yes", true)]
    [InlineData("published: false", true)]
    public void Parse_Draft_IsReadFromDraftOrJekyllPublished(string yaml, bool expected)
    {
        Assert.Equal(expected, Parse.Post($"---\ntitle: T\n{yaml}\n---\nBody.\n").IsDraft);
    }

    [Fact]
    public void Parse_PublishAndExpiryDates_DecideVisibility()
    {
        Post post = Parse.Post("---\ntitle: T\ndate: 2021-01-01\npublishDate: 2021-02-01\nexpiryDate: 2021-03-01\n---\nBody.\n");

        Assert.False(post.IsPublishedAt(new DateTimeOffset(2021, 1, 15, 0, 0, 0, TimeSpan.Zero)));
        Assert.True(post.IsPublishedAt(new DateTimeOffset(2021, 2, 15, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(post.IsPublishedAt(new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Parse_MarkdownAuthorString_YieldsNamesAndLinks()
    {
        Post post = Parse.Post("---\ntitle: T\nauthor: >-\n  [Laurent Quérel](https://github.com/lquerel) (F5), [Joshua\n  MacDonald](https://github.com/jmacd) (ServiceNow)\n---\nBody.\n");

        Assert.Equal(
            [new PostAuthor("Laurent Quérel", "https://github.com/lquerel"), new PostAuthor("Joshua MacDonald", "https://github.com/jmacd")],
            post.Authors);
    }

    [Theory]
    [InlineData("author: '[Severin Neumann](https://github.com/svrnm), Cisco'", new[] { "Severin Neumann" })]
    [InlineData("author: '[A B](https://x.org/a), Fei Han'", new[] { "A B", "Fei Han" })]
    [InlineData("author: OpenTelemetry Governance Committee", new[] { "OpenTelemetry Governance Committee" })]
    [InlineData("author: Jane Doe and John Roe", new[] { "Jane Doe", "John Roe" })]
    [InlineData("authors: [gray-brooks, jane-doe]", new[] { "gray-brooks", "jane-doe" })]
    [InlineData("authors:\n  - name: Jane Doe\n    url: https://jane.example", new[] { "Jane Doe" })]
    public void Parse_AuthorShapes_AreUnderstood(string yaml, string[] expected)
    {
        Post post = Parse.Post($"---\ntitle: T\n{yaml}\n---\nBody.\n");

        Assert.Equal(expected, post.Authors.Select(a => a.Name));
    }

    [Fact]
    public void Parse_NoAuthor_UsesBlogDefaultAuthor()
    {
        Post post = Parse.Post("---\ntitle: T\n---\nBody.\n", configure: o => o.DefaultAuthor = "Mattias");

        Assert.Equal([new PostAuthor("Mattias")], post.Authors);
    }

    [Fact]
    public void Parse_FileWithoutFrontMatter_UsesHeadingAsTitleWithWarning()
    {
        PostParseResult result = Parse.Text("# A Title From The Heading\n\nBody.\n", path: "2021-02-06-x.md");

        Assert.True(result.Succeeded);
        Assert.Equal("A Title From The Heading", result.Post!.Title);
        Assert.Equal(DiagnosticCodes.MissingTitle, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Parse_SameInput_GivesEqualContentHash()
    {
        Post first = Parse.Post(Full);
        Post second = Parse.Post(Full);
        Post changed = Parse.Post(Full + "\nMore.");

        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.NotEqual(first.ContentHash, changed.ContentHash);
        Assert.Equal(64, first.ContentHash.Length);
    }

    [Fact]
    public void Parse_CrLfLineEndingsAndBom_AreAccepted()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("---\r\ntitle: Windows\r\ndate: 2021-02-06\r\n---\r\nBody line.\r\n")];

        PostParseResult result = Parse.Bytes(bytes);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal("Windows", result.Post!.Title);
        Assert.Equal("Body line.", result.Post.PlainText);
    }

    [Fact]
    public void Parse_CustomPipeline_IsUsedInsteadOfDefault()
    {
        Post post = Parse.Post("---\ntitle: T\n---\n| a |\n|---|\n| b |\n", configure: o => o.ConfigureMarkdown = builder => { });

        Assert.DoesNotContain("<table>", post.Html, StringComparison.Ordinal);
        Assert.Contains("<table>", Parse.Post("---\ntitle: T\n---\n| a |\n|---|\n| b |\n").Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SetextHeadingsAndRules_DoNotConfuseFrontMatter()
    {
        Post post = Parse.Post("---\ntitle: T\n---\nHeading\n---\n\nText\n\n---\n\nAfter rule.\n");

        Assert.Equal("T", post.Title);
        Assert.Contains("<h2 id=\"heading\">Heading</h2>", post.Html, StringComparison.Ordinal);
        Assert.Contains("<hr />", post.Html, StringComparison.Ordinal);
    }
}

public class SummaryRenderingTests
{
    [Theory]
    [InlineData("A plain sentence.")]
    [InlineData("Quotes \"double\" and 'single' and “curly” — dashes… and (parentheses), 50% off?")]
    [InlineData("Visit www.example.org today")]
    [InlineData("A *bold* claim")]
    [InlineData("<p>HTML excerpt</p>")]
    [InlineData("1. Looks like a list")]
    [InlineData("- also a list")]
    [InlineData("Ends with two spaces  ")]
    [InlineData("Line one\nline two")]
    [InlineData("See https://example.org")]
    [InlineData("Unicode: Björn Quérel 日本")]
    public void Summary_RenderedTheSameWithOrWithoutTheFastPath(string summary)
    {
        string yaml = $"---\ntitle: T\nsummary: \"{summary.Replace("\"", "\\\"").Replace("\n", "\\n")}\"\n---\nBody.\n";

        Post fast = Parse.Post(yaml);
        Post markdig = Parse.Post(yaml, configure: o => o.ConfigureMarkdown = b => b.UseAdvancedExtensions());

        Assert.Equal(markdig.ExcerptHtml, fast.ExcerptHtml);
        Assert.Equal(markdig.ExcerptText, fast.ExcerptText);
    }
}

public class WordCounterTests
{
    /// <summary>The plain definition: white-space separated tokens with a letter or digit; each CJK character a word of its own.</summary>
    private static int Reference(string text)
    {
        int count = 0;
        foreach (string token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            bool pending = false;
            foreach (char c in token)
            {
                bool cjk = c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF');
                if (cjk)
                {
                    count++;
                    pending = false;
                }
                else if (char.IsLetterOrDigit(c) && !pending)
                {
                    count++;
                    pending = true;
                }
            }
        }

        return count;
    }

    [Fact]
    public void Count_AgreesWithThePlainDefinition_OnRandomText()
    {
        const string alphabet = "ab Z9 \t\n\r.,-—'’\u00A0\u2003é日本ア\u001Cx_()";
        var random = new Random(1234);
        for (int round = 0; round < 2000; round++)
        {
            var chars = new char[random.Next(0, 60)];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            string text = new(chars);
            Assert.True(Reference(text) == DevOpsVision.Blogging.Text.WordCounter.Count(text), $"'{text}'");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(1000)]
    public void Count_AgreesWithThePlainDefinition_OnLongTextWithRareNonAscii(int nonAsciiPerMille)
    {
        // Long ASCII runs take the 64-character path; words and runs of punctuation that cross a chunk's
        // edge, and chunks with one non-ASCII character among ASCII, must count as the plain loop does.
        const string ascii = "abcXYZ09 \t\n\r\v\f.,-'()\u001C\u001F\u007F_!";
        const string other = "é日\u00A0\u2003’ア";
        var random = new Random(nonAsciiPerMille + 7);
        for (int round = 0; round < 1500; round++)
        {
            var chars = new char[random.Next(0, 400)];
            int runLength = random.Next(1, 12);
            for (int i = 0; i < chars.Length; i++)
            {
                // Runs of one class make long words, long gaps and long punctuation.
                chars[i] = random.Next(1000) < nonAsciiPerMille
                    ? other[random.Next(other.Length)]
                    : i % runLength != 0 && i > 0 && random.Next(4) != 0 ? chars[i - 1] : ascii[random.Next(ascii.Length)];
            }

            string text = new(chars);
            Assert.True(Reference(text) == DevOpsVision.Blogging.Text.WordCounter.Count(text), $"'{text}'");
        }
    }

    [Theory]
    [InlineData("a", '-', "b", 1)]
    [InlineData("a ", '-', "b", 2)]
    [InlineData("a", ' ', "b", 2)]
    [InlineData("", '(', "b", 1)]
    [InlineData("a", 'x', "b", 1)]
    public void Count_CarriesTheStateAcrossWholeChunksOfOneKind(string before, char filler, string after, int expected)
    {
        // 130 fillers: at least one 64-character chunk holds nothing else.
        string text = before + new string(filler, 130) + after;
        Assert.Equal(expected, DevOpsVision.Blogging.Text.WordCounter.Count(text));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("   ", 0)]
    [InlineData("one", 1)]
    [InlineData("don't stop-me now", 3)]
    [InlineData("-- — ...", 0)]
    [InlineData("日本語", 3)]
    [InlineData("abc日本def", 4)]
    public void Count_Examples(string text, int expected) => Assert.Equal(expected, DevOpsVision.Blogging.Text.WordCounter.Count(text));
}

public class SummaryFastPathEdgeTests
{
    [Theory]
    [InlineData("Ratio 3:2 and a | pipe and # hash! Wow.")]
    [InlineData("Price $5 and $6")]
    [InlineData("x == y and a ++ b")]
    [InlineData("Say \"\"cite\"\" here")]
    [InlineData("Mail me: mailto:x@example.org")]
    [InlineData("Title {#custom-id}")]
    [InlineData("H~2~O and x^2^")]
    [InlineData("#hashtag start")]
    [InlineData(": colon start")]
    public void Summary_EdgeCases_MatchMarkdig(string summary)
    {
        string yaml = $"---\ntitle: T\nsummary: '{summary.Replace("'", "''")}'\n---\nBody.\n";

        Post fast = Parse.Post(yaml);
        Post markdig = Parse.Post(yaml, configure: o => o.ConfigureMarkdown = b => b.UseAdvancedExtensions());

        Assert.Equal(markdig.ExcerptHtml, fast.ExcerptHtml);
        Assert.Equal(markdig.ExcerptText, fast.ExcerptText);
    }
}

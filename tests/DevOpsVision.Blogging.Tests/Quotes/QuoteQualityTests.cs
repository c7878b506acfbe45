using System.Globalization;
using System.Text;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Quotes;
using Xunit.Abstractions;

namespace DevOpsVision.Blogging.Tests.Quotes;

/// <summary>
/// Precision, recall and attribution accuracy of quote extraction on the hand-labelled set in
/// <c>Quotes/Labelled</c>: snippets written for the purpose (each <c>.md</c> beside its <c>.quotes</c>) and
/// corpus posts labelled by hand (<c>Labelled/corpus/*.quotes</c>, named after a post's path in <c>tests/corpus</c>).
/// </summary>
public class QuoteQualityTests(ITestOutputHelper output)
{
    private static readonly Lazy<Evaluation> Result = new(Evaluate);

    [Fact]
    public void LabelledSetIsLargeEnough()
    {
        Evaluation result = Result.Value;
        Assert.True(result.Documents >= 60 + 10, $"{result.Documents} labelled documents");
        Assert.True(result.CorpusDocuments >= 10, $"{result.CorpusDocuments} labelled corpus posts");
        Assert.True(result.NegativeDocuments >= 15, $"{result.NegativeDocuments} documents without quotes");
    }

    [Fact]
    public void ExplicitMarkupAndQuoteListsMeetTheBar()
    {
        Evaluation result = Result.Value;
        output.WriteLine(result.Report());
        Assert.True(result.Explicit.Precision >= 0.95, $"explicit precision {result.Explicit.Precision:F3}\n{result.Report()}");
        Assert.True(result.Explicit.Recall >= 0.90, $"explicit recall {result.Explicit.Recall:F3}\n{result.Report()}");
    }

    [Fact]
    public void InlineQuotationsMeetTheBar()
    {
        Evaluation result = Result.Value;
        output.WriteLine(result.Report());
        Assert.True(result.Inline.Precision >= 0.85, $"inline precision {result.Inline.Precision:F3}\n{result.Report()}");
    }

    [Fact]
    public void AttributionIsMostlyRight()
    {
        Evaluation result = Result.Value;
        output.WriteLine(result.Report());
        Assert.True(result.PersonAccuracy >= 0.85, $"person accuracy {result.PersonAccuracy:F3}\n{result.Report()}");
        Assert.True(result.WorkAccuracy >= 0.85, $"work accuracy {result.WorkAccuracy:F3}\n{result.Report()}");
    }

    private static bool IsInline(QuoteKind kind) => kind is QuoteKind.InlineQuotation or QuoteKind.WholeParagraph or QuoteKind.Fragment;

    private static Evaluation Evaluate()
    {
        var parser = new MarkdownPostParser(new BlogOptions());
        var evaluation = new Evaluation();
        string root = Path.Combine(TestPaths.RepositoryRoot, "tests", "DevOpsVision.Blogging.Tests", "Quotes", "Labelled");
        foreach (string expected in Directory.GetFiles(Path.Combine(root, "snippets"), "*.quotes").Order(StringComparer.Ordinal))
        {
            string post = Path.ChangeExtension(expected, ".md");
            evaluation.Add(Path.GetFileName(post), Parse(parser, post, File.ReadAllText(post)), Gold.Read(expected), corpus: false);
        }

        foreach (string expected in Directory.GetFiles(Path.Combine(root, "corpus"), "*.quotes").Order(StringComparer.Ordinal))
        {
            // A gold file is named after its post's path in tests/corpus, with "__" for each folder separator.
            string stem = Path.GetFileNameWithoutExtension(expected);
            string post = Path.Combine([TestPaths.RepositoryRoot, "tests", "corpus", .. (stem + ".md").Split("__")]);
            string name = stem + ".md";
            evaluation.Add(name, Parse(parser, post, File.ReadAllText(post)), Gold.Read(expected), corpus: true);
        }

        return evaluation;
    }

    private static IReadOnlyList<Quote> Parse(MarkdownPostParser parser, string path, string text)
    {
        PostParseResult result = parser.Parse(PostFile.FromText(Path.GetFileName(path), text));
        Assert.NotNull(result.Post);
        return result.Post!.Quotes;
    }

    /// <summary>A hand-labelled quote.</summary>
    private sealed record Gold(QuoteKind Kind, string Text, IReadOnlyList<string> People, string? Work)
    {
        public static List<Gold> Read(string path)
        {
            var result = new List<Gold>();
            foreach (string block in File.ReadAllText(path).ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                QuoteKind kind = QuoteKind.Blockquote;
                var text = new List<string>();
                IReadOnlyList<string> people = [];
                string? work = null;
                foreach (string line in block.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    int colon = line.IndexOf(':', StringComparison.Ordinal);
                    string key = line[..colon];
                    string value = line[(colon + 1)..].Trim();
                    switch (key)
                    {
                        case "kind": kind = Enum.Parse<QuoteKind>(value); break;
                        case "text": text.Add(value); break;
                        case "people": people = value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries); break;
                        case "work": work = value; break;
                        case "organization": break;
                        default: throw new InvalidDataException($"{path}: unknown key '{key}'");
                    }
                }

                result.Add(new Gold(kind, string.Join("\n\n", text), people, work));
            }

            return result;
        }
    }

    private sealed class Score
    {
        public int Predicted { get; set; }

        public int PredictedMatched { get; set; }

        public int Expected { get; set; }

        public int ExpectedMatched { get; set; }

        public double Precision => Predicted == 0 ? 1 : (double)PredictedMatched / Predicted;

        public double Recall => Expected == 0 ? 1 : (double)ExpectedMatched / Expected;

        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"precision {Precision:F3} ({PredictedMatched}/{Predicted}), recall {Recall:F3} ({ExpectedMatched}/{Expected}), F1 {F1:F3}");
    }

    private sealed class Evaluation
    {
        private readonly StringBuilder _misses = new();

        public int Documents { get; private set; }

        public int CorpusDocuments { get; private set; }

        public int NegativeDocuments { get; private set; }

        public Score Explicit { get; } = new();

        public Score Inline { get; } = new();

        public int StrictMatches { get; private set; }

        public int PersonLabelled { get; private set; }

        public int PersonRight { get; private set; }

        public int WorkLabelled { get; private set; }

        public int WorkRight { get; private set; }

        public double PersonAccuracy => PersonLabelled == 0 ? 1 : (double)PersonRight / PersonLabelled;

        public double WorkAccuracy => WorkLabelled == 0 ? 1 : (double)WorkRight / WorkLabelled;

        public void Add(string name, IReadOnlyList<Quote> predicted, List<Gold> expected, bool corpus)
        {
            Documents++;
            CorpusDocuments += corpus ? 1 : 0;
            NegativeDocuments += expected.Count == 0 ? 1 : 0;
            var used = new bool[predicted.Count];
            foreach (Quote quote in predicted)
            {
                (IsInline(quote.Kind) ? Inline : Explicit).Predicted++;
            }

            foreach (Gold gold in expected)
            {
                Score score = IsInline(gold.Kind) ? Inline : Explicit;
                score.Expected++;
                int match = -1;
                bool strict = false;
                for (int i = 0; i < predicted.Count && match < 0; i++)
                {
                    if (!used[i] && Normalize(predicted[i].Text) == Normalize(gold.Text))
                    {
                        match = i;
                        strict = true;
                    }
                }

                for (int i = 0; i < predicted.Count && match < 0; i++)
                {
                    if (!used[i] && Overlap(predicted[i].Text, gold.Text) >= 0.8)
                    {
                        match = i;
                    }
                }

                if (match < 0)
                {
                    _misses.AppendLine(CultureInfo.InvariantCulture, $"  missed   {name}: {Short(gold.Text)}");
                    continue;
                }

                used[match] = true;
                Quote found = predicted[match];
                score.ExpectedMatched++;
                (IsInline(found.Kind) ? Inline : Explicit).PredictedMatched++;
                StrictMatches += strict ? 1 : 0;
                if (gold.People.Count > 0 || found.People.Count > 0)
                {
                    PersonLabelled++;
                    bool right = gold.People.Count == found.People.Count && gold.People.All(p => found.People.Contains(p, StringComparer.OrdinalIgnoreCase));
                    PersonRight += right ? 1 : 0;
                    if (!right)
                    {
                        _misses.AppendLine(CultureInfo.InvariantCulture, $"  person   {name}: expected [{string.Join("; ", gold.People)}], got [{string.Join("; ", found.People)}]");
                    }
                }

                if (gold.Work is not null || found.Work is not null)
                {
                    WorkLabelled++;
                    bool right = string.Equals(gold.Work, found.Work, StringComparison.OrdinalIgnoreCase);
                    WorkRight += right ? 1 : 0;
                    if (!right)
                    {
                        _misses.AppendLine(CultureInfo.InvariantCulture, $"  work     {name}: expected '{gold.Work}', got '{found.Work}'");
                    }
                }
            }

            for (int i = 0; i < predicted.Count; i++)
            {
                if (!used[i])
                {
                    _misses.AppendLine(CultureInfo.InvariantCulture, $"  spurious {name}: {predicted[i].Kind} {Short(predicted[i].Text)}");
                }
            }
        }

        public string Report() => string.Create(CultureInfo.InvariantCulture,
            $"""
            labelled documents: {Documents} ({CorpusDocuments} corpus posts, {NegativeDocuments} without quotes)
            explicit markup and quote lists: {Explicit}
            inline quotations: {Inline}
            strict matches: {StrictMatches}; person accuracy {PersonAccuracy:F3} ({PersonRight}/{PersonLabelled}); work accuracy {WorkAccuracy:F3} ({WorkRight}/{WorkLabelled})
            {_misses}
            """);

        private static string Short(string text) => text.Length <= 70 ? text.ReplaceLineEndings(" ") : text[..70].ReplaceLineEndings(" ") + "…";

        private static string Normalize(string text)
        {
            var builder = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (char.IsLetterOrDigit(c))
                {
                    builder.Append(char.ToLowerInvariant(c));
                }
            }

            return builder.ToString();
        }

        private static double Overlap(string predicted, string gold)
        {
            string[] a = Tokens(predicted);
            string[] b = Tokens(gold);
            if (a.Length == 0 || b.Length == 0)
            {
                return 0;
            }

            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (string token in b)
            {
                counts[token] = counts.GetValueOrDefault(token) + 1;
            }

            int common = 0;
            foreach (string token in a)
            {
                if (counts.TryGetValue(token, out int count) && count > 0)
                {
                    counts[token] = count - 1;
                    common++;
                }
            }

            // Both ways: a prediction that swallows its neighbours is not a match.
            return Math.Min((double)common / a.Length, (double)common / b.Length);
        }

        private static string[] Tokens(string text) =>
            Normalize(text.Replace(' ', '\u0001').Replace('\n', '\u0001')).Length == 0
                ? []
                : text.ToLowerInvariant().Split([' ', '\n', ',', '.', ';', ':', '!', '?', '“', '”', '"'], StringSplitOptions.RemoveEmptyEntries);
    }
}

using System.Globalization;
using System.Text;
using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Benchmarks;

/// <summary>
/// A deterministic generator of realistic blog posts: YAML front matter, headings, paragraphs with
/// emphasis and links, lists, code, quotes; words drawn from a Zipf distribution over a fixed vocabulary,
/// about 800 words a post. The same seed always gives the same posts.
/// </summary>
public static class SyntheticBlog
{
    private static readonly string[] Vocabulary = BuildVocabulary();
    private static readonly string[] Categories = ["DevOps", "Cloud", "Cloud/AWS", "Cloud/Azure", "Security", "Agile", "Observability", "Book review"];
    private static readonly string[] Tags = ["kubernetes", "terraform", "ci", "cd", "aws", "gitlab", "monitoring", "culture", "testing", "containers", "serverless", "postmortems"];
    private static readonly string[] Languages = ["yaml", "bash", "csharp", "json", "go"];

    public static IReadOnlyList<PostFile> Create(int count, int seed = 42)
    {
        var random = new Random(seed);
        double[] cumulative = ZipfCumulative(Vocabulary.Length, 1.07);
        var posts = new PostFile[count];
        var start = new DateTime(2015, 1, 1, 8, 0, 0, DateTimeKind.Unspecified);
        for (int i = 0; i < count; i++)
        {
            DateTime date = start.AddHours(i * 7.3);
            string text = Post(random, cumulative, i, date);
            string path = string.Create(CultureInfo.InvariantCulture, $"posts/{date:yyyy-MM-dd}-post-{i:D5}.md");
            posts[i] = new PostFile(path, Encoding.UTF8.GetBytes(text), new DateTimeOffset(date, TimeSpan.Zero));
        }

        return posts;
    }

    public static void WriteTo(string folder, int count)
    {
        foreach (PostFile post in Create(count))
        {
            string path = Path.Combine(folder, post.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, post.Content.ToArray());
        }
    }

    private static string Post(Random random, double[] cumulative, int index, DateTime date)
    {
        var text = new StringBuilder(6000);
        string title = Capitalize(Words(random, cumulative, random.Next(3, 8)));
        text.Append("---\n");
        text.Append("title: \"").Append(title).Append("\"\n");
        text.Append("date: ").Append(date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append('\n');
        text.Append("categories: [").Append(Categories[random.Next(Categories.Length)]).Append(", ").Append(Categories[random.Next(Categories.Length)]).Append("]\n");
        text.Append("tags:\n");
        int tagCount = random.Next(1, 5);
        for (int t = 0; t < tagCount; t++)
        {
            text.Append("  - ").Append(Tags[random.Next(Tags.Length)]).Append('\n');
        }

        text.Append("author: Author ").Append(index % 17).Append('\n');
        text.Append("---\n\n");
        int words = 0;
        int section = 0;
        while (words < 800)
        {
            int kind = random.Next(20);
            if (kind < 11)
            {
                words += Paragraph(text, random, cumulative);
            }
            else if (kind < 13)
            {
                section++;
                text.Append(section % 3 == 0 ? "### " : "## ").Append(Capitalize(Words(random, cumulative, random.Next(2, 6)))).Append("\n\n");
            }
            else if (kind < 16)
            {
                int items = random.Next(2, 6);
                bool ordered = random.Next(3) == 0;
                for (int item = 0; item < items; item++)
                {
                    text.Append(ordered ? $"{item + 1}. " : "- ").Append(Capitalize(Words(random, cumulative, random.Next(4, 12)))).Append('\n');
                    words += 8;
                }

                text.Append('\n');
            }
            else if (kind < 18)
            {
                text.Append("```").Append(Languages[random.Next(Languages.Length)]).Append('\n');
                int lines = random.Next(2, 8);
                for (int line = 0; line < lines; line++)
                {
                    text.Append(new string(' ', random.Next(0, 3) * 2)).Append(Words(random, cumulative, random.Next(2, 6)).Replace(' ', '_')).Append(" = ").Append(random.Next(1000)).Append('\n');
                }

                text.Append("```\n\n");
            }
            else
            {
                text.Append("> ").Append(Capitalize(Words(random, cumulative, random.Next(8, 25)))).Append(".\n\n");
                words += 15;
            }
        }

        return text.ToString();
    }

    private static int Paragraph(StringBuilder text, Random random, double[] cumulative)
    {
        int sentences = random.Next(2, 6);
        int words = 0;
        for (int s = 0; s < sentences; s++)
        {
            int length = random.Next(6, 20);
            words += length;
            string sentence = Capitalize(Words(random, cumulative, length));
            int decoration = random.Next(10);
            if (decoration == 0)
            {
                int space = sentence.IndexOf(' ', StringComparison.Ordinal);
                sentence = space > 0 ? "**" + sentence[..space] + "**" + sentence[space..] : sentence;
            }
            else if (decoration == 1)
            {
                string anchor = Vocabulary[Sample(random, cumulative)];
                sentence += $" See [{anchor}](https://example.org/{anchor}/{random.Next(100)})";
            }
            else if (decoration == 2)
            {
                sentence += $" with `{Vocabulary[Sample(random, cumulative)]}`";
            }

            text.Append(sentence).Append(". ");
        }

        text.Length--;
        text.Append("\n\n");
        return words;
    }

    private static string Words(Random random, double[] cumulative, int count)
    {
        var builder = new StringBuilder(count * 7);
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Vocabulary[Sample(random, cumulative)]);
        }

        return builder.ToString();
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static int Sample(Random random, double[] cumulative)
    {
        int index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    private static double[] ZipfCumulative(int n, double exponent)
    {
        var weights = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            weights[i] = 1.0 / Math.Pow(i + 1, exponent);
            total += weights[i];
        }

        double running = 0;
        for (int i = 0; i < n; i++)
        {
            running += weights[i] / total;
            weights[i] = running;
        }

        return weights;
    }

    /// <summary>Common English words first (they get the Zipf head), then domain words, then made-up rare ones.</summary>
    private static string[] BuildVocabulary()
    {
        string[] common = ("the of and to a in is that for it as was with be by on not he this are or his from at which but have an they you were her she there been one all we their has would when if so no will more can out up about into them than only other some time could these two may then do first any my now such like our over man me even most made after also did many before must through back years where much your way well down should because each just those people how too little state good very make world still own see men work long get here between both life being under never day same another know while last might us great old year off come since against go came right used take three").Split(' ');
        string[] domain = ("devops deploy pipeline build release cloud team service services code test tests automation infrastructure monitoring incident postmortem blameless culture agile kubernetes cluster container docker terraform ansible gitlab github branch trunk merge review security compliance latency throughput observability tracing metrics logs alert pager on-call operations developer developers engineer engineers production staging environment database backup recovery availability scaling serverless lambda function queue event stream api gateway network firewall certificate exam certification architect professional learning feedback customer value delivery lead frequency failure change rate performance organization management budget requirement requirements practice practices collaboration affinity tooling").Split(' ');
        var rare = new List<string>(4000);
        string[] syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "qua", "pre", "dis", "con", "ver", "ant", "ion", "ell", "orm", "ux", "ap"];
        var random = new Random(7);
        while (rare.Count < 4000)
        {
            int parts = random.Next(2, 5);
            var word = new StringBuilder();
            for (int p = 0; p < parts; p++)
            {
                word.Append(syllables[random.Next(syllables.Length)]);
            }

            rare.Add(word.ToString());
        }

        return [.. common, .. domain, .. rare];
    }
}

using System.Text;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Benchmarks;

/// <summary>The document sets every benchmark runs on: the real corpora in tests/corpus, and synthetic blogs.</summary>
public static class BenchmarkDocuments
{
    public const string Corpus = "corpus-765";
    public const string Synthetic1000 = "synthetic-1000";
    public const string Synthetic10000 = "synthetic-10000";

    public static IReadOnlyList<PostFile> Load(string set) => set switch
    {
        Corpus => LoadCorpus(),
        Synthetic1000 => SyntheticBlog.Create(1_000),
        Synthetic10000 => SyntheticBlog.Create(10_000),
        _ => throw new ArgumentOutOfRangeException(nameof(set), set, "Unknown document set."),
    };

    public static string[] AsText(IReadOnlyList<PostFile> files)
    {
        var texts = new string[files.Count];
        for (int i = 0; i < files.Count; i++)
        {
            texts[i] = Encoding.UTF8.GetString(files[i].Content.Span);
        }

        return texts;
    }

    private static IReadOnlyList<PostFile> LoadCorpus()
    {
        string root = FindCorpus();
        var files = new List<PostFile>();
        foreach (string corpus in (string[])["18f-blog", "otel-blog"])
        {
            PostSourceContent content = new FileSystemPostSource(Path.Combine(root, corpus, "posts")).ReadAllAsync().AsTask().GetAwaiter().GetResult();
            files.AddRange(content.Files);
        }

        return files;
    }

    /// <summary>Finds tests/corpus from the benchmark's output folder (BenchmarkDotNet runs it from a generated folder).</summary>
    private static string FindCorpus()
    {
        foreach (string start in (string[])[AppContext.BaseDirectory, Environment.CurrentDirectory])
        {
            string? directory = start;
            while (directory is not null)
            {
                string candidate = Path.Combine(directory, "tests", "corpus");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }

                directory = Path.GetDirectoryName(directory);
            }
        }

        throw new DirectoryNotFoundException("tests/corpus was not found above " + AppContext.BaseDirectory);
    }
}

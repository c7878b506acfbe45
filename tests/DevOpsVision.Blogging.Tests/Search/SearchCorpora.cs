using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Search;

namespace DevOpsVision.Blogging.Tests.Search;

/// <summary>The posts of the sample blog and of the two corpora, parsed once per test run, and their indexes.</summary>
internal static class SearchCorpora
{
    private static readonly Lazy<IReadOnlyList<Post>> SamplePosts = new(() => Load(TestPaths.SampleContent));
    private static readonly Lazy<IReadOnlyList<Post>> EighteenFPosts = new(() => Load(Path.Combine(TestPaths.Corpus("18f-blog"), "posts")));
    private static readonly Lazy<IReadOnlyList<Post>> OtelPosts = new(() => Load(Path.Combine(TestPaths.Corpus("otel-blog"), "posts")));
    private static readonly Lazy<PostSearchIndex> SampleIndexValue = new(() => PostSearchIndex.Build(Sample));
    private static readonly Lazy<PostSearchIndex> EighteenFIndexValue = new(() => PostSearchIndex.Build(EighteenF));
    private static readonly Lazy<PostSearchIndex> OtelIndexValue = new(() => PostSearchIndex.Build(Otel));

    public static IReadOnlyList<Post> Sample => SamplePosts.Value;

    public static IReadOnlyList<Post> EighteenF => EighteenFPosts.Value;

    public static IReadOnlyList<Post> Otel => OtelPosts.Value;

    public static PostSearchIndex SampleIndex => SampleIndexValue.Value;

    public static PostSearchIndex EighteenFIndex => EighteenFIndexValue.Value;

    public static PostSearchIndex OtelIndex => OtelIndexValue.Value;

    public static IReadOnlyList<Post> Get(string corpus) => corpus switch
    {
        "sample" => Sample,
        "18f" => EighteenF,
        "otel" => Otel,
        _ => throw new ArgumentOutOfRangeException(nameof(corpus), corpus, null),
    };

    public static PostSearchIndex Index(string corpus) => corpus switch
    {
        "sample" => SampleIndex,
        "18f" => EighteenFIndex,
        "otel" => OtelIndex,
        _ => throw new ArgumentOutOfRangeException(nameof(corpus), corpus, null),
    };

    private static List<Post> Load(string folder)
    {
        var parser = new MarkdownPostParser(new BlogOptions());
        PostSourceContent content = new FileSystemPostSource(folder).ReadAllAsync().AsTask().GetAwaiter().GetResult();
        var posts = new List<Post>(content.Files.Count);
        foreach (PostFile file in content.Files)
        {
            if (parser.Parse(file).Post is { } post)
            {
                posts.Add(post);
            }
        }

        return posts;
    }
}

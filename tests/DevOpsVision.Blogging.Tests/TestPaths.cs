namespace DevOpsVision.Blogging.Tests;

/// <summary>Finds files of the repository from the test's output folder, so tests run from any directory.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "DevOpsVision.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        return directory ?? throw new InvalidOperationException("DevOpsVision.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepositoryRoot => Root.Value;

    public static string Corpus(string name) => Path.Combine(RepositoryRoot, "tests", "corpus", name);

    public static string SampleContent => Path.Combine(RepositoryRoot, "samples", "content", "posts");

    public static string TestData(string name) => Path.Combine(RepositoryRoot, "tests", "DevOpsVision.Blogging.Tests", "TestData", name);
}

using BenchmarkDotNet.Running;

namespace DevOpsVision.Blogging.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line, e.g. <c>--filter *PostParsing*</c>.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["generate", var folder, var count])
        {
            // Writes a synthetic blog to disk, for whole-process comparisons with other site generators.
            SyntheticBlog.WriteTo(folder, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        if (args is ["search-profile"])
        {
            SearchReport.Profile();
            return;
        }

        if (args is ["search-quick"])
        {
            SearchReport.Quick();
            return;
        }

        if (args is ["parse-report"])
        {
            ParseReport.Run();
            return;
        }

        if (args is ["search-report"])
        {
            SearchReport.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}

using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Quotes;
using DevOpsVision.Blogging.Search;
using DevOpsVision.Blogging.Taxonomy;
using DevOpsVision.Samples.Cli.Site;
using Spectre.Console;

namespace DevOpsVision.Samples.Cli;

/// <summary>The <c>devopsvision</c> command-line tool: check, search, quotes, suggest and build for a folder of posts.</summary>
public static class BlogCli
{
    /// <summary>Everything worked and no post had an error.</summary>
    public const int Success = 0;

    /// <summary>At least one post had an error (the other posts were still processed), or a file could not be written.</summary>
    public const int PostErrors = 1;

    /// <summary>The command line, the content folder or the search query was not usable.</summary>
    public const int BadArguments = 2;

    /// <summary>Stopped by Ctrl+C (128 + SIGINT, as shells report it); a build may have written part of the site.</summary>
    public const int Cancelled = 130;

    private static readonly Option<bool> JsonOption = new("--json") { Description = "Write JSON to standard output instead of text." };

    /// <summary>Runs the tool.</summary>
    /// <param name="args">The command line, without the program name.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where diagnostics and errors go.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The exit code: <see cref="Success"/>, <see cref="PostErrors"/> or <see cref="BadArguments"/>.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var io = new Io(stdout, stderr, Interactive: ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected);
        RootCommand root = CreateCommand(io);
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}");
            }

            await stderr.WriteLineAsync("Run 'devopsvision --help' for usage.");
            return BadArguments;
        }

        // Ctrl+C is the caller's token (Program.cs cancels it), so the parser does not install its own handler.
        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("Cancelled.");
            return Cancelled;
        }
    }

    internal static RootCommand CreateCommand(Io io)
    {
        var root = new RootCommand("Checks, searches and publishes a folder of Markdown blog posts.");
        root.Subcommands.Add(CheckCommand(io));
        root.Subcommands.Add(SearchCommand(io));
        root.Subcommands.Add(QuotesCommand(io));
        root.Subcommands.Add(SuggestCommand(io));
        root.Subcommands.Add(BuildCommand(io));
        return root;
    }

    private static Option<DirectoryInfo> ContentOption() => new("--content", "-c")
    {
        Description = "The folder of posts (*.md, *.markdown, searched recursively).",
        Required = true,
    };

    private static Option<string> TitleOption() => new("--title")
    {
        Description = "The blog's title.",
        DefaultValueFactory = _ => "Blog",
    };

    private static Command CheckCommand(Io io)
    {
        Option<DirectoryInfo> content = ContentOption();
        var command = new Command("check", "Loads the blog and prints every error and warning and a summary.") { content };
        command.SetAction((parse, ct) => WithBlogAsync(io, parse.GetRequiredValue(content), null, null, ct, async blog =>
        {
            BlogTaxonomy taxonomy = blog.Get<ICategorizer>().GetTaxonomy(blog.Snapshot);
            IReadOnlyList<PostDiagnostic> extra = [.. taxonomy.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info && !blog.Snapshot.Diagnostics.Contains(d))];
            await PrintDiagnosticsAsync(io, extra);
            IEnumerable<PostDiagnostic> all = blog.Snapshot.Diagnostics.Concat(extra);
            int errors = all.Count(d => d.Severity == DiagnosticSeverity.Error);
            int warnings = all.Count(d => d.Severity == DiagnosticSeverity.Warning);
            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{blog.Snapshot.Posts.Count} posts, {errors} errors, {warnings} warnings"));
            return Success;
        }));
        return command;
    }

    private static Command SearchCommand(Io io)
    {
        Option<DirectoryInfo> content = ContentOption();
        var query = new Argument<string>("query") { Description = "Words (all must match), \"a phrase\", prefix*, -excluded, title:word." };
        var page = new Option<int>("--page") { Description = "The page of hits.", DefaultValueFactory = _ => 1 };
        var command = new Command("search", "Searches the posts and prints ranked hits with snippets.") { content, JsonOption, page, query };
        command.SetAction((parse, ct) => WithBlogAsync(io, parse.GetRequiredValue(content), null, null, ct, async blog =>
        {
            SearchResults results;
            try
            {
                results = blog.Get<ISearchIndex>().Search(blog.Snapshot, new SearchRequest(parse.GetRequiredValue(query)) { Page = parse.GetValue(page) });
            }
            catch (ArgumentException e)
            {
                await io.Err.WriteLineAsync($"error: {e.Message}");
                return BadArguments;
            }

            if (!results.IsValid)
            {
                await io.Err.WriteLineAsync($"error: the query is not valid: {results.Error}");
                return BadArguments;
            }

            if (parse.GetValue(JsonOption))
            {
                WriteJson(io, json =>
                {
                    json.WriteStartObject();
                    json.WriteString("query", results.Query);
                    json.WriteNumber("total", results.TotalCount);
                    json.WriteNumber("page", results.Page);
                    JsonFiles.WriteNullable(json, "didYouMean", results.DidYouMean);
                    json.WriteStartArray("hits");
                    foreach (SearchHit hit in results.Hits)
                    {
                        json.WriteStartObject();
                        json.WriteString("slug", hit.Post.Slug);
                        json.WriteString("url", blog.Urls.Absolute(blog.Urls.PostPath(hit.Post)).AbsoluteUri);
                        json.WriteString("title", hit.Post.Title);
                        json.WriteString("date", JsonFiles.Local(hit.Post.Date, blog.Snapshot));
                        json.WriteNumber("score", Math.Round(hit.Score, 4));
                        json.WriteString("snippet", hit.Snippet);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                return Success;
            }

            if (results.DidYouMean is { } suggestion)
            {
                await io.Out.WriteLineAsync($"Did you mean: {suggestion}?");
            }

            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{results.TotalCount} hits for \"{results.Query}\""));
            int rank = ((results.Page - 1) * results.PageSize) + 1;
            foreach (SearchHit hit in results.Hits)
            {
                await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{rank++}. {hit.Post.Title} ({JsonFiles.Local(hit.Post.Date, blog.Snapshot)[..10]}, score {hit.Score:F2})"));
                await io.Out.WriteLineAsync($"   {blog.Urls.PostPath(hit.Post)}");
                if (hit.Snippet.Length > 0)
                {
                    await io.Out.WriteLineAsync($"   {PlainSnippet(hit.Snippet)}");
                }
            }

            return Success;
        }));
        return command;
    }

    private static Command QuotesCommand(Io io)
    {
        Option<DirectoryInfo> content = ContentOption();
        var command = new Command("quotes", "Lists the quotations in the posts, grouped by the work they are from.") { content, JsonOption };
        command.SetAction((parse, ct) => WithBlogAsync(io, parse.GetRequiredValue(content), null, null, ct, async blog =>
        {
            BlogQuotes quotes = blog.Get<IQuoteExtractor>().GetQuotes(blog.Snapshot);
            if (parse.GetValue(JsonOption))
            {
                WriteJson(io, json => JsonFiles.WriteQuotes(json, quotes.All, blog.Snapshot, blog.Urls));
                return Success;
            }

            foreach ((string work, IReadOnlyList<Quote> list) in quotes.ByWork.OrderBy(w => w.Key, StringComparer.OrdinalIgnoreCase))
            {
                await io.Out.WriteLineAsync($"{work} ({list.Count})");
                foreach (Quote quote in list)
                {
                    await WriteQuoteAsync(io, quote);
                }
            }

            Quote[] unattributed = [.. quotes.All.Where(q => q.Work is null)];
            if (unattributed.Length > 0)
            {
                await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Other quotations ({unattributed.Length})"));
                foreach (Quote quote in unattributed)
                {
                    await WriteQuoteAsync(io, quote);
                }
            }

            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{quotes.All.Count} quotations in {blog.Snapshot.Posts.Count} posts"));
            return Success;
        }));
        return command;
    }

    private static Command SuggestCommand(Io io)
    {
        Option<DirectoryInfo> content = ContentOption();
        var command = new Command("suggest", "Suggests categories and tags for every post from the blog's other posts.") { content, JsonOption };
        command.SetAction((parse, ct) => WithBlogAsync(io, parse.GetRequiredValue(content), null, null, ct, async blog =>
        {
            BlogTaxonomy taxonomy = blog.Get<ICategorizer>().GetTaxonomy(blog.Snapshot);
            if (parse.GetValue(JsonOption))
            {
                WriteJson(io, json =>
                {
                    json.WriteStartArray();
                    foreach (Post post in blog.Snapshot.Posts)
                    {
                        json.WriteStartObject();
                        json.WriteString("slug", post.Slug);
                        json.WriteString("title", post.Title);
                        WriteSuggestions(json, "categories", taxonomy.Suggest(post, TermKind.Category), taxonomy.CategoriesOf(post));
                        WriteSuggestions(json, "tags", taxonomy.Suggest(post, TermKind.Tag), taxonomy.TagsOf(post));
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                });
                return Success;
            }

            foreach (Post post in blog.Snapshot.Posts)
            {
                await io.Out.WriteLineAsync($"{post.Slug}: {post.Title}");
                await io.Out.WriteLineAsync($"  categories: {Describe(taxonomy.Suggest(post, TermKind.Category), taxonomy.CategoriesOf(post))}");
                await io.Out.WriteLineAsync($"  tags: {Describe(taxonomy.Suggest(post, TermKind.Tag), taxonomy.TagsOf(post))}");
            }

            return Success;
        }));
        return command;
    }

    private static Command BuildCommand(Io io)
    {
        Option<DirectoryInfo> content = ContentOption();
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "The folder to write the site to (created if missing).", Required = true };
        var baseUrl = new Option<Uri>("--base-url")
        {
            Description = $"Where the site will be served, for the feeds' and sitemap's absolute URLs (default {BlogSession.DefaultBaseUrl}).",
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                {
                    return uri;
                }

                result.AddError($"--base-url '{text}' must be an absolute http or https URL, such as https://example.org/blog/.");
                return null;
            },
        };
        Option<string> title = TitleOption();
        var watch = new Option<bool>("--watch", "-w")
        {
            Description = "After building, watch the content folder and rebuild when posts change, writing only the files whose bytes changed; Ctrl+C stops.",
        };
        var command = new Command("build", "Writes a static site: pages, feeds, sitemap, search index and JSON files.") { content, output, baseUrl, title, watch };
        command.SetAction((parse, ct) => WithBlogAsync(io, parse.GetRequiredValue(content), parse.GetValue(title), parse.GetValue(baseUrl), ct, async blog =>
        {
            string root = new OutputFolder(parse.GetRequiredValue(output).FullName).Root;
            var site = new SiteRebuilder(blog, root);
            SiteBuildReport report;
            try
            {
                report = await BuildSiteAsync(io, site, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await io.Err.WriteLineAsync($"error: could not write the site to {root}: {e.Message}");
                return PostErrors;
            }

            foreach (string problem in report.Problems)
            {
                await io.Err.WriteLineAsync($"error: {problem}");
            }

            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Built {report.Written.Count + report.Unchanged} files for {blog.Snapshot.Posts.Count} posts in {root}: {report.Written.Count} written, {report.Unchanged} already up to date"));
            int code = report.Problems.Count > 0 ? PostErrors : Success;
            return parse.GetValue(watch) ? await WatchAsync(io, blog, site, parse.GetRequiredValue(content).FullName, root, ct) : code;
        }));
        return command;
    }

    private static async Task<SiteBuildReport> BuildSiteAsync(Io io, SiteRebuilder site, CancellationToken ct)
    {
        if (!io.Interactive)
        {
            return await Task.Run(() => site.Build(ct), ct);
        }

        SiteBuildReport? report = null;
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            ProgressTask task = progress.AddTask("Building");
            report = await Task.Run(() => site.Build(ct, steps => task.MaxValue = steps.Count, step =>
            {
                task.Description = Markup.Escape(step.Description);
                task.Increment(1);
            }), ct);
            task.Description = "Built";
        });
        return report!;
    }

    /// <summary>Rebuilds after every change to the posts until Ctrl+C; a failed rebuild is reported and the next change tries again.</summary>
    private static async Task<int> WatchAsync(Io io, BlogSession blog, SiteRebuilder site, string contentFolder, string outputRoot, CancellationToken ct)
    {
        using var changes = new ContentChanges(contentFolder, outputRoot,
            new ContentChangeTiming(Quiet: TimeSpan.FromMilliseconds(100), PollInterval: TimeSpan.FromSeconds(1), Rescan: TimeSpan.FromSeconds(10)));
        await io.Out.WriteLineAsync($"Watching {contentFolder} for changes{(changes.Polling ? " (looking every second)" : "")}; Ctrl+C stops.");
        while (true)
        {
            await changes.WaitAsync(ct);
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                (BlogChanges posts, SiteBuildReport? report) = await site.RebuildAsync(ct);
                if (report is null || (!posts.Any && report.Written.Count == 0 && report.Removed.Count == 0))
                {
                    continue;   // a file that is not a post, a save with the same bytes, or a look that found nothing
                }

                await PrintDiagnosticsAsync(io, blog.Snapshot.Diagnostics.Where(d => posts.Added.Contains(d.Path) || posts.Changed.Contains(d.Path)));
                foreach (string problem in report.Problems)
                {
                    await io.Err.WriteLineAsync($"error: {problem}");
                }

                double ms = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Rebuilt in {ms:F0} ms: posts added {posts.Added.Count}, changed {posts.Changed.Count}, removed {posts.Removed.Count}; files written {report.Written.Count}, unchanged {report.Unchanged}, removed {report.Removed.Count}"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await io.Err.WriteLineAsync($"error: could not write the site to {outputRoot}: {e.Message}; the next change tries again");
            }
        }
    }

    /// <summary>Loads the blog, prints its diagnostics, runs the command, and returns 1 when a post had an error.</summary>
    private static async Task<int> WithBlogAsync(Io io, DirectoryInfo content, string? title, Uri? baseUrl, CancellationToken cancellationToken, Func<BlogSession, Task<int>> run)
    {
        if (!content.Exists)
        {
            await io.Err.WriteLineAsync($"error: the content folder '{content.FullName}' does not exist.");
            return BadArguments;
        }

        // The folder as typed, so diagnostics name files the way the user wrote the path.
        await using BlogSession blog = await BlogSession.LoadAsync(content.ToString(), title ?? "Blog", baseUrl, cancellationToken);
        await PrintDiagnosticsAsync(io, blog.Snapshot.Diagnostics);
        int code = await run(blog);
        return code == Success && blog.Snapshot.HasErrors ? PostErrors : code;
    }

    private static async Task PrintDiagnosticsAsync(Io io, IEnumerable<PostDiagnostic> diagnostics)
    {
        foreach (PostDiagnostic diagnostic in diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info))
        {
            await io.Err.WriteLineAsync(diagnostic.ToString());
        }
    }

    private static void WriteJson(Io io, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonFiles.Options))
        {
            write(json);
        }

        io.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static async Task WriteQuoteAsync(Io io, Quote quote)
    {
        string who = quote.People.Count > 0 ? " — " + string.Join(" & ", quote.People) : "";
        await io.Out.WriteLineAsync($"  “{quote.Text}”{who} [{quote.PostSlug}]");
    }

    private static void WriteSuggestions(Utf8JsonWriter json, string name, IReadOnlyList<TermSuggestion> suggestions, IReadOnlyList<Term> assigned)
    {
        json.WriteStartArray(name);
        foreach (TermSuggestion suggestion in suggestions)
        {
            json.WriteStartObject();
            json.WriteString("name", suggestion.Term.Name);
            json.WriteString("slug", suggestion.Term.Slug);
            json.WriteNumber("confidence", Math.Round(suggestion.Confidence, 4));
            json.WriteBoolean("assigned", assigned.Contains(suggestion.Term));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Describe(IReadOnlyList<TermSuggestion> suggestions, IReadOnlyList<Term> assigned) =>
        suggestions.Count == 0
            ? "(none)"
            : string.Join(", ", suggestions.Select(s => string.Create(CultureInfo.InvariantCulture,
                $"{s.Term.Name} {s.Confidence:F2}{(assigned.Contains(s.Term) ? " (has it)" : "")}")));

    /// <summary>A snippet's HTML (escaped text with <c>&lt;mark&gt;</c>) as plain text with the matches in brackets.</summary>
    internal static string PlainSnippet(string snippetHtml) =>
        WebUtility.HtmlDecode(snippetHtml.Replace("<mark>", "[", StringComparison.Ordinal).Replace("</mark>", "]", StringComparison.Ordinal));

    /// <summary>Where a run writes, and whether standard output is a terminal (for the progress display).</summary>
    internal sealed record Io(TextWriter Out, TextWriter Err, bool Interactive);
}

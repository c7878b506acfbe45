using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Text;
using DevOpsVision.Blogging;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Quotes;
using DevOpsVision.Blogging.Search;
using DevOpsVision.Blogging.Taxonomy;

namespace DevOpsVision.Samples.Cli.Site;

/// <summary>One unit of a site build; steps are independent and may run in parallel. The command shows them as progress.</summary>
internal sealed record BuildStep(string Description, Action Run);

/// <summary>Builds a static site from a loaded blog into an <see cref="OutputFolder"/>.</summary>
internal sealed class SiteBuilder
{
    private const string StyleSheetResource = "DevOpsVision.Samples.Cli.site.css";
    private readonly BlogSession _blog;
    private readonly OutputFolder _output;
    private readonly List<string> _problems = [];

    private readonly Dictionary<string, PostPageInputs> _pageInputs = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, PostPageInputs>? _previousPageInputs;
    private Task? _searchWritten;

    /// <param name="blog">The loaded blog.</param>
    /// <param name="output">The folder to write to.</param>
    /// <param name="previousPageInputs">What an earlier build into the same folder made each post page from
    /// (<see cref="PageInputs"/>): a page made from the same inputs is kept, not rendered again.</param>
    public SiteBuilder(BlogSession blog, OutputFolder output, IReadOnlyDictionary<string, PostPageInputs>? previousPageInputs = null)
    {
        _blog = blog;
        _output = output;
        _previousPageInputs = previousPageInputs;
    }

    /// <summary>
    /// Waits for what <see cref="Plan"/> started ahead of the steps (the search files), ignoring its failure: a build that
    /// stopped early calls this before reading what the folder holds, so nothing is still being written.
    /// </summary>
    public void WaitForStartedWork() => _searchWritten?.ContinueWith(static t => t.Exception, TaskContinuationOptions.ExecuteSynchronously).Wait();

    /// <summary>What each post page of this build was made from, by path: the <c>previousPageInputs</c> of the next build.</summary>
    public IReadOnlyDictionary<string, PostPageInputs> PageInputs
    {
        get
        {
            lock (_pageInputs)
            {
                return new Dictionary<string, PostPageInputs>(_pageInputs, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Files that were not written, with why (a path leaving the output folder), in order.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return _problems.Order(StringComparer.Ordinal).ToList();
            }
        }
    }

    /// <summary>The steps of the build, independent of each other: the search index, feeds, quotes page, sitemap and posts
    /// JSON, one per post page, then the home page, style sheet, category, tag, archive and search pages and the other JSON files.</summary>
    public IReadOnlyList<BuildStep> Plan()
    {
        var snapshot = _blog.Snapshot;
        BlogUrls urls = _blog.Urls;

        // The search index and its export are the longest step and need no taxonomy: start them now, while the
        // taxonomy is built. The step below waits for them and reports a failure as its own.
        ISearchIndex search = _blog.Get<ISearchIndex>();
        var publisher = new FeedPublisher(_blog.Get<Blogging.Feeds.IFeedBuilder>(), _blog.Get<Blogging.Feeds.IFeedWriter>(),
            _blog.Get<Blogging.Feeds.ISitemapWriter>(), search, _blog.Get<ICategorizer>());
        Task searchWritten = _searchWritten = Task.Run(() => publisher.WriteSearch(snapshot, _output));
        BlogTaxonomy taxonomy = _blog.Get<ICategorizer>().GetTaxonomy(snapshot);
        var site = new SiteContext(snapshot, urls, taxonomy);
        var steps = new List<BuildStep>(snapshot.Posts.Count + taxonomy.Categories.Count + taxonomy.Tags.Count + 24);

        // The steps run in parallel, longest first, so the search index and feeds are built while pages are written.
        steps.Add(new BuildStep("search index", () => searchWritten.GetAwaiter().GetResult()));
        steps.Add(new BuildStep("feeds", () => Guarded(() => publisher.WriteFeeds(snapshot, _output))));
        steps.Add(new BuildStep("quotes", () =>
            WriteText(HtmlPages.QuotesFolder + "index.html", HtmlPages.QuotesPage(_blog.Get<IQuoteExtractor>().GetQuotes(snapshot), site))));
        steps.Add(new BuildStep("sitemap.xml", () => publisher.WriteSitemap(snapshot, _output)));
        steps.Add(new BuildStep("posts.json", () => _output.Write("posts.json", s => JsonFiles.WritePosts(s, snapshot, urls, taxonomy))));
        foreach (Post post in snapshot.Posts)
        {
            steps.Add(new BuildStep($"posts: {post.Slug}", () => Guarded(() =>
            {
                string path = urls.PostPath(post) + "index.html";
                PostPageInputs inputs = PostPageInputs.Of(post, taxonomy);
                lock (_pageInputs)
                {
                    _pageInputs[path] = inputs;
                }

                // Made from the same inputs as last time: the page on disk is the page this build would write.
                if (_previousPageInputs is not null && _previousPageInputs.TryGetValue(path, out PostPageInputs? before)
                    && before.Equals(inputs) && _output.Keep(path))
                {
                    return;
                }

                WriteText(path, HtmlPages.PostPage(post, site));
            })));
        }

        steps.Add(new BuildStep("index.html", () => WriteText("index.html", HtmlPages.Home(site))));
        steps.Add(new BuildStep(HtmlPages.StyleSheetFile, () => _output.Write(HtmlPages.StyleSheetFile, WriteStyleSheet)));
        steps.Add(new BuildStep("categories", () => WriteText(HtmlPages.CategoriesFolder + "index.html", HtmlPages.CategoryIndex(site))));
        foreach (Term category in taxonomy.Categories)
        {
            steps.Add(new BuildStep($"categories: {category.Path}", () =>
                Guarded(() => WriteText(urls.TermPath(category) + "index.html", HtmlPages.CategoryPage(category, site)))));
        }

        steps.Add(new BuildStep("tags", () => WriteText(HtmlPages.TagsFolder + "index.html", HtmlPages.TagIndex(site))));
        foreach (Term tag in taxonomy.Tags)
        {
            steps.Add(new BuildStep($"tags: {tag.Slug}", () => Guarded(() => WriteText(urls.TermPath(tag) + "index.html", HtmlPages.TagPage(tag, site)))));
        }

        steps.Add(new BuildStep("archive", () =>
        {
            WriteText(HtmlPages.ArchiveFolder + "index.html", HtmlPages.ArchiveIndex(site));
            foreach (ArchiveYear year in taxonomy.Archives)
            {
                WriteText(urls.ArchivePath(year.Year) + "index.html", HtmlPages.ArchivePage(year.Year, null, year.Posts, site));
                foreach (ArchiveMonth month in year.Months)
                {
                    WriteText(urls.ArchivePath(year.Year, month.Month) + "index.html", HtmlPages.ArchivePage(year.Year, month.Month, month.Posts, site));
                }
            }
        }));
        steps.Add(new BuildStep("search", () => WriteText(HtmlPages.SearchFolder + "index.html", HtmlPages.SearchPage(site))));
        steps.Add(new BuildStep("quotes.json", () =>
        {
            BlogQuotes quotes = _blog.Get<IQuoteExtractor>().GetQuotes(snapshot);
            _output.Write("quotes.json", s => JsonFiles.WriteQuotes(s, quotes.All, snapshot, urls));
        }));
        steps.Add(new BuildStep("categories.json", () => _output.Write("categories.json", s => JsonFiles.WriteTerms(s, taxonomy.Categories))));
        steps.Add(new BuildStep("tags.json", () => _output.Write("tags.json", s => JsonFiles.WriteTerms(s, taxonomy.Tags))));
        return steps;
    }

    /// <summary>Runs the steps on every core, each worker taking the next step in plan order.</summary>
    /// <param name="steps">The plan.</param>
    /// <param name="cancellationToken">Stops between steps.</param>
    /// <param name="done">Called after each step, from the thread that ran it.</param>
    public static void Run(IReadOnlyList<BuildStep> steps, CancellationToken cancellationToken, Action<BuildStep>? done = null)
    {
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
        try
        {
            // One step at a time per worker rather than chunks, which could leave a long step for last.
            Parallel.ForEach(Partitioner.Create(steps, EnumerablePartitionerOptions.NoBuffering), parallel, step =>
            {
                step.Run();
                done?.Invoke(step);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // The first failure, with its own type and stack, as a sequential build would throw it.
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    /// <summary>Copies the web sample's style sheet, embedded in the tool, so both sites look alike.</summary>
    private static void WriteStyleSheet(Stream stream)
    {
        using Stream css = typeof(SiteBuilder).Assembly.GetManifestResourceStream(StyleSheetResource)
            ?? throw new InvalidOperationException(StyleSheetResource + " is not embedded in the tool.");
        css.CopyTo(stream);
    }

    private void WriteText(string path, string text) => _output.WriteText(path, text);

    private void Guarded(Action write)
    {
        try
        {
            write();
        }
        catch (UnsafeOutputPathException e)
        {
            lock (_problems)
            {
                _problems.Add(e.Message);
            }
        }
    }
}

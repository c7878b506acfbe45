using System.Buffers;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using DevOpsVision.Blogging.Posts.Rendering;
using DevOpsVision.Blogging.Quotes;
using DevOpsVision.Blogging.Posts.Shortcodes;
using DevOpsVision.Blogging.Text;
using Markdig;
using Markdig.Syntax;
using YamlDotNet.RepresentationModel;

namespace DevOpsVision.Blogging.Posts;

/// <summary>
/// The default <see cref="IPostParser"/>: YAML front matter read with YamlDotNet (tolerant of Jekyll's quirks),
/// shortcodes expanded, the body parsed once by Markdig and walked once to render HTML and collect plain
/// text, headings, links, images and the excerpt.
/// </summary>
/// <remarks>Thread-safe; build one and share it. The Markdown pipeline is built once, in the constructor.</remarks>
public sealed class MarkdownPostParser : IPostParser
{
    private readonly BlogOptions _options;
    private readonly TimeZoneInfo _timeZone;
    private readonly MarkdownPipeline _pipeline;
    private readonly PostRenderer _renderer;
    private readonly ShortcodeExpander _shortcodes;
    private readonly IQuoteExtractor _quotes;

    /// <summary>Creates a parser without dependency injection, with the built-in shortcode handlers.</summary>
    /// <param name="options">The blog's options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options name a time zone that does not exist.</exception>
    public MarkdownPostParser(BlogOptions options)
        : this(options, (IEnumerable<IShortcodeHandler>?)null)
    {
    }

    /// <summary>Creates a parser without dependency injection.</summary>
    /// <param name="options">The blog's options.</param>
    /// <param name="shortcodes">Shortcode handlers added to (and overriding by name) the built-in ones; <see langword="null"/> for the built-ins only.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options name a time zone that does not exist.</exception>
    public MarkdownPostParser(BlogOptions options, IEnumerable<IShortcodeHandler>? shortcodes)
        : this(options, shortcodes, null)
    {
    }

    /// <summary>Creates a parser without dependency injection.</summary>
    /// <param name="options">The blog's options.</param>
    /// <param name="shortcodes">Shortcode handlers added to (and overriding by name) the built-in ones; <see langword="null"/> for the built-ins only.</param>
    /// <param name="quoteExtractor">Finds each post's quotations on its syntax tree; <see langword="null"/> for the built-in extractor with <see cref="BlogOptions.Quotes"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options name a time zone that does not exist.</exception>
    public MarkdownPostParser(BlogOptions options, IEnumerable<IShortcodeHandler>? shortcodes, IQuoteExtractor? quoteExtractor)
    {
        ArgumentNullException.ThrowIfNull(options);
        _quotes = quoteExtractor ?? new QuoteExtractor(options.Quotes);
        _options = options;
        _timeZone = BlogTimeZone.Resolve(options.TimeZone);
        _pipeline = BuildPipeline(options);
        _renderer = new PostRenderer(_pipeline, options);
        _shortcodes = new ShortcodeExpander(BuiltInShortcodes.Create().Concat(shortcodes ?? []));
    }

    /// <summary>The Markdown pipeline every post is parsed and rendered with.</summary>
    public MarkdownPipeline Pipeline => _pipeline;

    /// <summary>
    /// Builds the pipeline the blog's options describe: by default the advanced extensions, automatic
    /// heading identifiers and YAML front matter.
    /// </summary>
    /// <param name="options">The blog's options.</param>
    /// <returns>The frozen, thread-safe pipeline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    public static MarkdownPipeline BuildPipeline(BlogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new MarkdownPipelineBuilder();
        if (options.ConfigureMarkdown is { } configure)
        {
            configure(builder);
        }
        else
        {
            builder.UseAdvancedExtensions();
        }

        builder.UseYamlFrontMatter();
        if (!options.TrustContent)
        {
            // Last, so that it sees every attribute reader the other extensions set up.
            builder.Extensions.Add(new UntrustedContentExtension(PostRenderer.CreateSanitizer()));
        }

        builder.MaximumNestingDepth = options.MaxNestingDepth;
        return builder.Build();
    }

    internal void ClearCaches() => _renderer.ClearCaches();

    /// <inheritdoc />
    public PostParseResult Parse(PostFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var diagnostics = new List<PostDiagnostic>();
        Post? post = null;
        try
        {
            post = ParseCore(file, diagnostics);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Bad content never escapes as an exception: it is this post's diagnostic and the blog carries on.
            diagnostics.Add(new PostDiagnostic(file.Path, 0, 0, DiagnosticSeverity.Error, DiagnosticCodes.RenderFailed,
                $"The post could not be parsed: {exception.GetType().Name}: {exception.Message}"));
        }

        return new PostParseResult(file, post, diagnostics.Count == 0 ? [] : diagnostics.ToArray());
    }

    private Post? ParseCore(PostFile file, List<PostDiagnostic> diagnostics)
    {
        // The file is decoded into a rented buffer, not a string: a post with shortcodes is parsed from its expanded
        // text, so only that text (or, without shortcodes, the decoded text) ever becomes a string.
        char[]? decoded = Decode(file, diagnostics, out int length);
        if (decoded is null)
        {
            return null;
        }

        try
        {
            return ParseText(file, decoded.AsSpan(0, length), diagnostics);
        }
        finally
        {
            // Cleared: the pool is shared with the rest of the process, and a draft's text should not outlive its parse.
            ArrayPool<char>.Shared.Return(decoded, clearArray: true);
        }
    }

    private Post? ParseText(PostFile file, ReadOnlySpan<char> text, List<PostDiagnostic> diagnostics)
    {
        string path = file.Path;
        FrontMatterSpan span = FrontMatter.Locate(text);
        if (span.Unclosed)
        {
            diagnostics.Add(new PostDiagnostic(path, 1, 1, DiagnosticSeverity.Error, DiagnosticCodes.UnclosedFrontMatter,
                "Front matter starts with '---' on line 1 but no closing '---' line follows."));
            return null;
        }

        IReadOnlyList<KeyValuePair<string, FrontMatterValue>> entries = [];
        if (span.Present)
        {
            var read = FrontMatter.Read(text.Slice(span.YamlStart, span.YamlLength), 2, path, diagnostics);
            if (read is null)
            {
                return null;
            }

            entries = read;
        }

        var fields = new FrontMatterFields(path, _timeZone, diagnostics);
        fields.Read(entries);
        DateTimeOffset? date = fields.Date ?? DateFromFileName(path);
        if (date is null && !fields.HasError)
        {
            diagnostics.Add(new PostDiagnostic(path, span.Present ? 1 : 0, 0, DiagnosticSeverity.Error, DiagnosticCodes.MissingDate,
                "The post has no date: add 'date: 2021-02-06' to its front matter, or start its file name with the date (2021-02-06-title.md)."));
            return null;
        }

        if (fields.HasError)
        {
            return null;
        }

        string? markdown = null;
        if (ShortcodeExpander.MayContainShortcodes(text[span.BodyStart..]))
        {
            var context = new ShortcodeContext(path, fields.AllValues(), _options, diagnostics);
            markdown = _shortcodes.Expand(text, span.BodyStart, span.BodyLine, context, diagnostics);
            if (HasErrors(diagnostics))
            {
                return null;
            }
        }

        markdown ??= new string(text);

        MarkdownDocument document;
        RenderedBody body;
        try
        {
            document = Markdown.Parse(markdown, _pipeline);
            body = _renderer.Render(document, excerpt: string.IsNullOrWhiteSpace(fields.Summary));
        }
        catch (Exception exception) when (exception is ArgumentException or InsufficientExecutionStackException)
        {
            diagnostics.Add(new PostDiagnostic(path, span.BodyLine, 1, DiagnosticSeverity.Error, DiagnosticCodes.TooDeeplyNested,
                string.Create(CultureInfo.InvariantCulture, $"The Markdown is nested too deeply (more than {_options.MaxNestingDepth} levels of quotes, lists or brackets) to render safely.")));
            return null;
        }

        string? title = fields.Title;
        if (string.IsNullOrWhiteSpace(title))
        {
            title = FallbackTitle(body, path);
            diagnostics.Add(new PostDiagnostic(path, span.Present ? 1 : 0, 0, DiagnosticSeverity.Warning, DiagnosticCodes.MissingTitle,
                $"The post has no 'title'; using \"{title}\"."));
        }

        string slug = Slug.Create(fields.Slug ?? string.Empty);
        if (slug.Length == 0)
        {
            slug = Slug.Create(SlugSourceFromPath(path));
        }

        if (slug.Length == 0)
        {
            slug = Slug.Create(title);
        }

        if (slug.Length == 0)
        {
            diagnostics.Add(new PostDiagnostic(path, 0, 0, DiagnosticSeverity.Error, DiagnosticCodes.MissingSlug,
                "No URL slug can be made for the post: give it a 'slug' of letters or digits."));
            return null;
        }

        string excerptHtml = body.ExcerptHtml;
        string excerptText = body.ExcerptText;
        if (!string.IsNullOrWhiteSpace(fields.Summary))
        {
            (excerptHtml, excerptText) = RenderSummary(fields.Summary);
        }

        IReadOnlyList<PostAuthor> authors = fields.Authors;
        if (authors.Count == 0 && !string.IsNullOrWhiteSpace(_options.DefaultAuthor))
        {
            authors = [new PostAuthor(_options.DefaultAuthor)];
        }

        IReadOnlyList<Quote> quotes = FindQuotes(document, path, slug, title, fields, authors, diagnostics);
        int words = WordCounter.Count(body.PlainText);
        return new Post
        {
            SourcePath = path,
            Slug = slug,
            Title = title,
            Date = date!.Value,
            Updated = fields.Updated,
            PublishDate = fields.PublishDate,
            ExpiryDate = fields.ExpiryDate,
            IsDraft = fields.IsDraft,
            Categories = fields.Categories,
            Tags = fields.Tags,
            Authors = authors,
            Aliases = fields.Aliases,
            Series = fields.Series,
            Image = fields.Image,
            Description = fields.Description,
            Html = body.Html,
            PlainText = body.PlainText,
            ExcerptHtml = excerptHtml,
            ExcerptText = excerptText,
            WordCount = words,
            ReadingTime = WordCounter.ReadingTime(words, _options.WordsPerMinute),
            TableOfContents = body.Headings,
            Links = body.Links,
            Images = body.Images,
            HasRawHtml = body.HasRawHtml,
            Extra = fields.Extra,
            Quotes = quotes,
            LastModified = file.LastModified,
            ContentHash = file.ContentHash,
        };
    }

    private IReadOnlyList<Quote> FindQuotes(MarkdownDocument document, string path, string slug, string title, FrontMatterFields fields,
        IReadOnlyList<PostAuthor> authors, List<PostDiagnostic> diagnostics)
    {
        if (!_options.Quotes.Enabled)
        {
            return [];
        }

        IReadOnlyDictionary<string, object?> extra = fields.Extra;
        string? language = (extra.TryGetValue("lang", out object? lang) ? lang : extra.TryGetValue("language", out object? language2) ? language2 : null) as string;
        var context = new QuoteContext(path, slug, title) { Language = language, Authors = authors, Extra = extra };
        try
        {
            return _quotes.Extract(document, context);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Quotes are an extra: a failure to find them must not cost the post.
            diagnostics.Add(new PostDiagnostic(path, 0, 0, DiagnosticSeverity.Warning, DiagnosticCodes.QuoteExtractionFailed,
                $"Quotations could not be read from the post: {exception.Message}"));
            return [];
        }
    }

    /// <summary>
    /// Renders an explicit summary. Most are one plain sentence with nothing Markdown would change, which is
    /// written directly; anything else goes through Markdig like the body.
    /// </summary>
    private (string Html, string Text) RenderSummary(string markdown)
    {
        string text = markdown.Trim();
        if (_options.ConfigureMarkdown is null && IsPlainSentence(text))
        {
            return ("<p>" + text.Replace("\"", "&quot;", StringComparison.Ordinal) + "</p>", text);
        }

        RenderedBody rendered = _renderer.Render(Markdown.Parse(markdown, _pipeline), collect: false, excerpt: false);
        return (rendered.Html.Trim(), rendered.PlainText);
    }

    // Characters that start inline syntax in the default pipeline (emphasis, code, links, HTML, entities,
    // escapes, math, generic attributes, emphasis extras) or change lines.
    private static readonly System.Buffers.SearchValues<char> MarkdownSyntax = System.Buffers.SearchValues.Create("*_`[]<>&\\~^${}\n\r\t");

    private static readonly System.Buffers.SearchValues<string> MarkdownSequences = System.Buffers.SearchValues.Create(
        ["://", "mailto:", "tel:", "www.", "==", "++", "\"\"", "  "], StringComparison.OrdinalIgnoreCase);

    /// <summary>One line that Markdig would render as a paragraph of escaped text and nothing else.</summary>
    private static bool IsPlainSentence(string text) =>
        text.Length > 0
        && text.AsSpan().IndexOfAny(MarkdownSyntax) < 0
        && text.AsSpan().IndexOfAny(MarkdownSequences) < 0
        && !char.IsAsciiDigit(text[0])
        && text[0] is not ('-' or '+' or '>' or '#' or '=' or ':' or '|' or '!');

    private static bool HasErrors(List<PostDiagnostic> diagnostics)
    {
        foreach (PostDiagnostic diagnostic in diagnostics)
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The file's text in a buffer rented from the shared pool (the caller returns it), or <see langword="null"/> with a diagnostic.</summary>
    private char[]? Decode(PostFile file, List<PostDiagnostic> diagnostics, out int length)
    {
        length = 0;
        ReadOnlySpan<byte> bytes = file.Content.Span;
        if (bytes.Length > _options.MaxPostBytes)
        {
            diagnostics.Add(new PostDiagnostic(file.Path, 0, 0, DiagnosticSeverity.Error, DiagnosticCodes.FileTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"The file is {bytes.Length:N0} bytes, more than the {_options.MaxPostBytes:N0} bytes a post may have (BlogOptions.MaxPostBytes).")));
            return null;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            (int line, int column) = Position(bytes, nul);
            diagnostics.Add(new PostDiagnostic(file.Path, line, column, DiagnosticSeverity.Error, DiagnosticCodes.NotText,
                "The file is binary (it contains NUL bytes), not a Markdown text file."));
            return null;
        }

        if (!Utf8.IsValid(bytes))
        {
            int invalidAt = FirstInvalidUtf8(bytes);
            (int line, int column) = Position(bytes, invalidAt);
            diagnostics.Add(new PostDiagnostic(file.Path, line, column, DiagnosticSeverity.Error, DiagnosticCodes.NotText,
                string.Create(CultureInfo.InvariantCulture, $"The file is not valid UTF-8 (byte 0x{bytes[invalidAt]:X2} at offset {invalidAt}); save it as UTF-8.")));
            return null;
        }

        char[] text = ArrayPool<char>.Shared.Rent(Math.Max(1, Encoding.UTF8.GetMaxCharCount(bytes.Length)));
        length = Encoding.UTF8.GetChars(bytes, text);
        if (text.AsSpan(0, length).IsWhiteSpace())
        {
            ArrayPool<char>.Shared.Return(text, clearArray: true);
            diagnostics.Add(new PostDiagnostic(file.Path, 0, 0, DiagnosticSeverity.Error, DiagnosticCodes.EmptyFile, "The file is empty."));
            return null;
        }

        return text;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int offset = 0;
        while (offset < bytes.Length)
        {
            OperationStatus status = Rune.DecodeFromUtf8(bytes[offset..], out _, out int consumed);
            if (status != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return Math.Max(0, bytes.Length - 1);
    }

    private static (int Line, int Column) Position(ReadOnlySpan<byte> bytes, int offset)
    {
        ReadOnlySpan<byte> before = bytes[..offset];
        int line = before.Count((byte)'\n') + 1;
        int lastNewline = before.LastIndexOf((byte)'\n');
        return (line, offset - lastNewline);
    }

    private DateTimeOffset? DateFromFileName(string path)
    {
        string name = SlugSourceName(path);
        if (PostDates.TryParseFileName(name, out int year, out int month, out int day, out _)
            && PostDates.TryPlaceInZone(new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified), _timeZone, out DateTimeOffset value))
        {
            return value;
        }

        return null;
    }

    /// <summary>The file name without its extension, or the folder name for Hugo page bundles (<c>slug/index.md</c>).</summary>
    private static string SlugSourceName(string path)
    {
        string normalized = path.Replace('\\', '/');
        string name = Path.GetFileNameWithoutExtension(normalized);
        if (name is "index" or "_index")
        {
            string? folder = Path.GetFileName(Path.GetDirectoryName(normalized));
            if (!string.IsNullOrEmpty(folder))
            {
                return folder;
            }
        }

        return name;
    }

    private static string SlugSourceFromPath(string path)
    {
        string name = SlugSourceName(path);
        return PostDates.TryParseFileName(name, out _, out _, out _, out int rest) ? name[rest..] : name;
    }

    private static string FallbackTitle(RenderedBody body, string path)
    {
        foreach (PostHeading heading in body.Headings)
        {
            if (heading.Level == 1 && heading.Text.Length > 0)
            {
                return heading.Text;
            }
        }

        string name = SlugSourceFromPath(path).Replace('-', ' ').Replace('_', ' ').Trim();
        return name.Length == 0 ? "Untitled" : char.ToUpperInvariant(name[0]) + name[1..];
    }
}

/// <summary>Interprets the front-matter keys the library knows, reporting values of the wrong shape.</summary>
internal sealed class FrontMatterFields(string path, TimeZoneInfo zone, List<PostDiagnostic> diagnostics)
{
    private Dictionary<string, object?>? _extra;
    private IReadOnlyList<KeyValuePair<string, FrontMatterValue>> _entries = [];
    private string? _summary;
    private string? _excerpt;

    public bool HasError { get; private set; }

    public string? Title { get; private set; }

    public DateTimeOffset? Date { get; private set; }

    public DateTimeOffset? Updated { get; private set; }

    public DateTimeOffset? PublishDate { get; private set; }

    public DateTimeOffset? ExpiryDate { get; private set; }

    public string? Slug { get; private set; }

    public bool IsDraft { get; private set; }

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public IReadOnlyList<string> Tags { get; private set; } = [];

    public IReadOnlyList<PostAuthor> Authors { get; private set; } = [];

    public IReadOnlyList<string> Aliases { get; private set; } = [];

    public string? Series { get; private set; }

    public string? Image { get; private set; }

    public string? Description { get; private set; }

    /// <summary>The explicit excerpt: <c>summary</c>, else <c>excerpt</c>, else <c>description</c>.</summary>
    public string? Summary => _summary ?? _excerpt ?? Description;

    public IReadOnlyDictionary<string, object?> Extra => _extra is null ? Post.EmptyExtra : new ReadOnlyDictionary<string, object?>(_extra);

    public void Read(IReadOnlyList<KeyValuePair<string, FrontMatterValue>> entries)
    {
        _entries = entries;
        foreach (KeyValuePair<string, FrontMatterValue> entry in entries)
        {
            string key = entry.Key;
            FrontMatterValue value = entry.Value;
            switch (key.ToLowerInvariant())
            {
                case "title":
                    Title = ReadString(key, value)?.Trim();
                    break;
                case "date":
                    Date = ReadDate(key, value);
                    break;
                case "updated" or "lastmod" or "last_modified_at" or "modified":
                    Updated = ReadDate(key, value) ?? Updated;
                    break;
                case "publishdate" or "publish_date":
                    PublishDate = ReadDate(key, value);
                    break;
                case "expirydate" or "expiry_date" or "expirationdate":
                    ExpiryDate = ReadDate(key, value);
                    break;
                case "slug":
                    Slug = ReadString(key, value);
                    break;
                case "categories" or "category":
                    Categories = Merge(Categories, ReadList(key, value));
                    break;
                case "tags" or "tag":
                    Tags = Merge(Tags, ReadList(key, value));
                    break;
                case "author" or "authors":
                    Authors = ReadAuthors(key, value, Authors);
                    break;
                case "aliases" or "redirect_from":
                    Aliases = Merge(Aliases, ReadList(key, value));
                    break;
                case "series":
                    IReadOnlyList<string> series = ReadList(key, value);
                    Series = series.Count > 0 ? series[0] : null;
                    if (series.Count > 1)
                    {
                        Report(value, DiagnosticSeverity.Warning, DiagnosticCodes.ValueIgnored, $"A post belongs to one series; '{series[0]}' is used and the other {series.Count - 1} ignored.");
                    }

                    break;
                case "image":
                    Image = ReadString(key, value);
                    break;
                case "draft":
                    IsDraft = ReadBool(key, value) ?? IsDraft;
                    break;
                case "published":
                    // Jekyll's "published: false" is a draft.
                    if (ReadBool(key, value) is false)
                    {
                        IsDraft = true;
                    }

                    break;
                case "summary":
                    _summary = ReadString(key, value);
                    break;
                case "excerpt":
                    _excerpt = ReadString(key, value);
                    break;
                case "description":
                    Description = ReadString(key, value);
                    break;
                default:
                    _extra ??= new Dictionary<string, object?>(StringComparer.Ordinal);
                    _extra[key] = value.Value;
                    break;
            }
        }
    }

    /// <summary>Every front-matter value by key, case-insensitively (as Hugo's <c>.Params</c>), for shortcodes.</summary>
    public IReadOnlyDictionary<string, object?> AllValues()
    {
        var values = new Dictionary<string, object?>(_entries.Count, StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, FrontMatterValue> entry in _entries)
        {
            values.TryAdd(entry.Key, entry.Value.Value);
        }

        return values;
    }

    private void Report(FrontMatterValue value, DiagnosticSeverity severity, string code, string message)
    {
        if (severity == DiagnosticSeverity.Error)
        {
            HasError = true;
        }

        diagnostics.Add(new PostDiagnostic(path, value.Line, value.Column, severity, code, message));
    }

    private void WrongType(string key, FrontMatterValue value, string expected) =>
        Report(value, DiagnosticSeverity.Error, DiagnosticCodes.WrongType, $"'{key}' must be {expected}, not a {Describe(value.Kind)}.");

    private static string Describe(YamlNodeType kind) => kind switch
    {
        YamlNodeType.Mapping => "mapping of keys to values",
        YamlNodeType.Sequence => "list",
        _ => "value",
    };

    private string? ReadString(string key, FrontMatterValue value)
    {
        if (value.Kind != YamlNodeType.Scalar)
        {
            WrongType(key, value, "a single value");
            return null;
        }

        return value.ScalarText;
    }

    private bool? ReadBool(string key, FrontMatterValue value)
    {
        if (value.Kind == YamlNodeType.Scalar)
        {
            switch (value.Value)
            {
                case bool flag:
                    return flag;
                case null:
                    return null;
                case string text when text.Trim().ToLowerInvariant() is "true" or "yes" or "on":
                    return true;
                case string text when text.Trim().ToLowerInvariant() is "false" or "no" or "off":
                    return false;
            }
        }

        WrongType(key, value, "true or false");
        return null;
    }

    private DateTimeOffset? ReadDate(string key, FrontMatterValue value)
    {
        if (value.Kind != YamlNodeType.Scalar)
        {
            WrongType(key, value, "a date");
            return null;
        }

        string? raw = value.RawScalar;
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        PostDates.Outcome outcome = PostDates.TryParse(raw, zone, out DateTimeOffset parsed);
        if (outcome != PostDates.Outcome.Ok)
        {
            Report(value, DiagnosticSeverity.Error, DiagnosticCodes.InvalidDate, PostDates.Describe(outcome, key, raw));
            return null;
        }

        return parsed;
    }

    private IReadOnlyList<string> ReadList(string key, FrontMatterValue value)
    {
        if (value.Kind == YamlNodeType.Mapping)
        {
            WrongType(key, value, "a list or a comma-separated value");
            return [];
        }

        var items = new List<string>();
        if (value.Kind == YamlNodeType.Scalar)
        {
            string? text = value.ScalarText;
            if (text is null)
            {
                return [];
            }

            foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
            {
                AddItem(key, value, items, part);
            }

            return items;
        }

        foreach (FrontMatterValue item in value.Items)
        {
            if (item.Kind != YamlNodeType.Scalar)
            {
                WrongType(key, item, "a list of single values");
                continue;
            }

            AddItem(key, item, items, item.ScalarText?.Trim());
        }

        return items;
    }

    private void AddItem(string key, FrontMatterValue value, List<string> items, string? item)
    {
        if (string.IsNullOrEmpty(item))
        {
            Report(value, DiagnosticSeverity.Warning, DiagnosticCodes.ValueIgnored, $"An empty value in '{key}' is ignored.");
            return;
        }

        if (!items.Contains(item, StringComparer.Ordinal))
        {
            items.Add(item);
        }
    }

    private static IReadOnlyList<string> Merge(IReadOnlyList<string> existing, IReadOnlyList<string> added)
    {
        if (existing.Count == 0)
        {
            return added;
        }

        var merged = new List<string>(existing);
        foreach (string item in added)
        {
            if (!merged.Contains(item, StringComparer.Ordinal))
            {
                merged.Add(item);
            }
        }

        return merged;
    }

    private IReadOnlyList<PostAuthor> ReadAuthors(string key, FrontMatterValue value, IReadOnlyList<PostAuthor> existing)
    {
        var authors = new List<PostAuthor>(existing);
        switch (value.Kind)
        {
            case YamlNodeType.Scalar:
                if (value.ScalarText is { } text)
                {
                    AuthorNames.Parse(text, authors);
                }

                break;
            case YamlNodeType.Sequence:
                foreach (FrontMatterValue item in value.Items)
                {
                    ReadAuthorItem(key, item, authors);
                }

                break;
            default:
                ReadAuthorItem(key, value, authors);
                break;
        }

        return authors;
    }

    private void ReadAuthorItem(string key, FrontMatterValue item, List<PostAuthor> authors)
    {
        if (item.Kind == YamlNodeType.Scalar)
        {
            if (item.ScalarText is { } text)
            {
                AuthorNames.Parse(text, authors);
            }

            return;
        }

        if (item.Kind == YamlNodeType.Mapping)
        {
            string? name = null;
            string? url = null;
            foreach (KeyValuePair<string, FrontMatterValue> entry in item.Entries)
            {
                if (entry.Value.Kind != YamlNodeType.Scalar)
                {
                    continue;
                }

                switch (entry.Key.ToLowerInvariant())
                {
                    case "name":
                        name = entry.Value.ScalarText;
                        break;
                    case "url" or "link" or "uri" or "website":
                        url = entry.Value.ScalarText;
                        break;
                }
            }

            if (!string.IsNullOrWhiteSpace(name))
            {
                authors.Add(new PostAuthor(name.Trim(), string.IsNullOrWhiteSpace(url) ? null : url.Trim()));
                return;
            }
        }

        WrongType(key, item, "a name, a list of names, or a list of { name, url }");
    }
}

using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using DevOpsVision.Blogging.Content;
using Markdig.Extensions.Alerts;
using Markdig.Extensions.Figures;
using Markdig.Extensions.Footers;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Microsoft.Extensions.Options;

namespace DevOpsVision.Blogging.Quotes;

/// <summary>
/// The default <see cref="IQuoteExtractor"/>: one walk over a post's blocks gathers its paragraphs, headings,
/// blockquotes and raw HTML (code is skipped), then one pass over them finds the quotations and their
/// attributions in the order of evidence the library documents. Linear in the size of the post.
/// </summary>
internal sealed partial class QuoteExtractor : IQuoteExtractor
{
    private readonly QuoteOptions _options;
    private readonly ReportingPatterns _patterns;
    private readonly ConditionalWeakTable<BlogSnapshot, BlogQuotes> _collections = [];

    public QuoteExtractor(IOptions<BlogOptions> options)
        : this(options.Value.Quotes)
    {
    }

    public QuoteExtractor(QuoteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _patterns = new ReportingPatterns(options.ReportingVerbs);
    }

    public IReadOnlyList<Quote> Extract(MarkdownDocument document, QuoteContext context)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        if (!_options.Enabled)
        {
            return [];
        }

        ItemPool pool = ItemPool.Rent();
        try
        {
            return new Extraction(this, context, pool).Run(document);
        }
        finally
        {
            pool.Return();
        }
    }

    public BlogQuotes GetQuotes(BlogSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return _collections.GetValue(snapshot, static s => new BlogQuotes(s));
    }

    [GeneratedRegex(@"^\s*(?:\[![A-Za-z]+\]|(?:\*\*|__)?\s*(?:note|update|updated|edit|edited|tl;\s*dr|tldr|disclaimer|tip|warning|caution|important|ps|p\.s\.|definition|summary|example|info|hint|fyi|caveat|reminder|aside|background)\b\s*(?:\*\*|__)?\s*[:\-—–])", RegexOptions.IgnoreCase)]
    private static partial Regex AsideOpening();

    [GeneratedRegex(@"^\s*(?:#\d+|\d{1,3}[.)]|\(\d{1,3}\)|(?:quote|quotation)\s+#?\d+\s*[:.)]?|[•·▪*]\s)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Numbering();

    [GeneratedRegex(@"^\s*(?:#\d+|\d{1,3}[.)]?|(?:quote|quotation)\s+#?\d+\s*[:.]?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex NumberingOnly();

    [GeneratedRegex(@"^\s*(?:that'?s\s+(?:it|all)|that\s+is\s+(?:it|all)|what\s+(?:are|is|were)\s+your|which\s+(?:one|quote)|read\s+more|thanks?\b|thank\s+you|in\s+summary|to\s+sum\s+up|final\s+thoughts|conclusion)", RegexOptions.IgnoreCase)]
    private static partial Regex ClosingLine();

    [GeneratedRegex(@"^\s*(?:\{\{[<%]\s*(?<name>quote|pullquote|blockquote)\b(?<params>.*?)[>%]\}\}|\{%\s*(?<name>quote|pullquote|blockquote)\b(?<params>.*?)%\})", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ShortcodeOpening();

    [GeneratedRegex(@"(?<key>[\w-]+)\s*[=:]\s*(?:""(?<v>[^""]*)""|“(?<v>[^”]*)”|'(?<v>[^']*)'|(?<v>[^\s""]+))")]
    private static partial Regex ShortcodeParameter();

    [GeneratedRegex(@"\bfor\s+(?:more\s+)?(?:info|information|details|background)\b[^.]{0,40}?\bsee\b|^\s*this\s+(?:question|section|answer)\s+(?:is\s+)?(?:refers|referring)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EditorialNote();

    // The editorial-note pattern needs one of these words, or "this" first: other texts are not searched.
    private static readonly System.Buffers.SearchValues<string> EditorialWords =
        System.Buffers.SearchValues.Create(["info", "details", "background"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a blockquote's paragraphs, read as one text, are an editor's aside ("For more info, see …").</summary>
    private static bool IsEditorialNote(List<string> texts)
    {
        string text = string.Join(" ", texts);

        // The word check spares most texts the pattern. It is made only on ASCII text, where ordinal
        // case-insensitive matching and the pattern's agree letter for letter.
        if (System.Text.Ascii.IsValid(text) && text.AsSpan().IndexOfAny(EditorialWords) < 0
            && !text.AsSpan().TrimStart().StartsWith("this", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return EditorialNote().IsMatch(text);
    }

    [GeneratedRegex(@"^(?<label>[^“”""«»„:\n]{1,60}):\s*(?=[“""«„])")]
    private static partial Regex QuoteLabel();

    private enum ItemKind
    {
        Paragraph,
        Heading,
        Quote,
        Break,
        Html,
        Footer,
        Other,
    }

    /// <summary>
    /// One block of the post. Paragraph text and raw HTML are built on first use: most paragraphs are never read.
    /// Items are reused from post to post (see <see cref="ItemPool"/>), so they are filled in by <see cref="Set"/>.
    /// </summary>
    private sealed class Item
    {
        private InlineText? _text;
        private string? _html;

        public ItemKind Kind { get; private set; }

        public int Level { get; private set; }

        public LeafBlock? Leaf { get; private set; }

        public InlineText.Builder? Builder { get; private set; }

        public InlineText Text => _text ??= Leaf is not null && Builder is not null ? InlineText.From(Leaf, Builder) : InlineText.Empty;

        public bool HasText => _text is not null;

        public int Line { get; private set; }

        public int Column { get; private set; }

        public int ListDepth { get; private set; }

        public QuoteGroup? Group { get; private set; }

        public string? Html => _html ??= Leaf is HtmlBlock html ? Posts.Rendering.HtmlText.Of(html) : null;

        public bool Consumed { get; set; }

        public Item Set(ItemKind kind, int line, int column = 0, int listDepth = 0, LeafBlock? leaf = null, InlineText.Builder? builder = null, InlineText? text = null, int level = 0, QuoteGroup? group = null)
        {
            (Kind, Line, Column, ListDepth, Leaf, Builder, _text, Level, Group) = (kind, line, column, listDepth, leaf, builder, text, level, group);
            _html = null;
            Consumed = false;
            return this;
        }

        /// <summary>Lets go of the post's blocks and text, so a pooled item keeps nothing alive.</summary>
        public void Clear() => Set(ItemKind.Other, 0);
    }

    /// <summary>
    /// A thread's items and item list, reused from one post's extraction to the next: a post has dozens of blocks,
    /// and making their items anew for every post was a good part of what finding quotations allocated.
    /// </summary>
    private sealed class ItemPool
    {
        // What a pool keeps between posts: enough for long posts, bounded after a hostile one.
        private const int MaxKept = 4096;

        [ThreadStatic]
        private static ItemPool? t_pool;

        private readonly List<Item> _free = [];
        private bool _inUse;
        private int _used;

        public List<Item> Items { get; } = [];

        /// <summary>The thread's pool, or a new one when the thread's is in use (an extraction within an extraction).</summary>
        public static ItemPool Rent()
        {
            ItemPool pool = t_pool ??= new ItemPool();
            if (pool._inUse)
            {
                return new ItemPool();
            }

            pool._inUse = true;
            return pool;
        }

        public Item Next()
        {
            if (_used == _free.Count)
            {
                _free.Add(new Item());
            }

            return _free[_used++];
        }

        public void Return()
        {
            for (int i = 0; i < _used; i++)
            {
                _free[i].Clear();
            }

            if (_free.Count > MaxKept)
            {
                _free.RemoveRange(MaxKept, _free.Count - MaxKept);
            }

            Items.Clear();
            if (Items.Capacity > MaxKept)
            {
                Items.Capacity = MaxKept;
            }

            _used = 0;
            _inUse = false;
        }
    }

    private sealed class QuoteGroup
    {
        /// <summary>The blockquote's paragraphs; <see langword="null"/> marks a thematic break.</summary>
        public List<InlineText?> Parts { get; } = [];

        public InlineText? Caption { get; set; }

        public QuoteKind Kind { get; set; } = QuoteKind.Blockquote;

        public bool HasCode { get; set; }
    }

    /// <summary>One post's extraction: the flattened blocks, the section state and the quotes found so far.</summary>
    private sealed class Extraction(QuoteExtractor owner, QuoteContext context, ItemPool pool)
    {
        private const int MaxDepth = 64;
        private readonly QuoteOptions _options = owner._options;
        private readonly ReportingPatterns _patterns = owner._patterns;
        private readonly List<Item> _items = pool.Items;
        private readonly List<Quote> _quotes = [];
        private List<MarkSpan> _spans = [];
        private List<MarkSpan> _inlineSpans = [];
        private readonly InlineText.Builder _builder = InlineText.Builder.ForThread();
        private readonly MarkReading _reading = QuoteMarks.ReadingFor(context.Language);
        // Whether single marks quote: told on first need, since a post without any mark never needs it.
        private bool? _singles;
        private Attribution? _subject;

        // The quote list the pass is in, if any.
        private bool _inSection;
        private int _sectionLevel;
        private Attribution? _sectionEvidence;
        private AttributionRule _sectionRule;
        private int _lastListed = -1;
        private int _lastListedDepth;
        private string? _lastPerson;
        private int _firstContent = -1;
        private int _lastInlineItem = -1;
        private int _lastInlineEnd;
        private string? _lastInlineSpeaker;

        public IReadOnlyList<Quote> Run(MarkdownDocument document)
        {
            Flatten(document, 0, 0);

            for (int i = 0; i < _items.Count; i++)
            {
                Item item = _items[i];
                if (item.Consumed)
                {
                    continue;
                }

                switch (item.Kind)
                {
                    case ItemKind.Heading:
                        OnHeading(item);
                        break;
                    case ItemKind.Break:
                        CloseSection();
                        break;
                    case ItemKind.Quote:
                        OnBlockquote(i);
                        break;
                    case ItemKind.Html:
                        OnHtml(i);
                        break;
                    case ItemKind.Paragraph:
                        OnParagraph(i);
                        break;
                }
            }

            return _quotes.Count == 0 ? [] : Deduplicated();
        }

        private bool Singles => _singles ??= _options.SingleQuotes switch
        {
            SingleQuoteMode.Always => true,
            SingleQuoteMode.Never => false,
            _ => !UsesDoubleMarks(),
        };

        /// <summary>Whether the text holds a mark that quotes in this post; a post without any mark is never asked which marks quote.</summary>
        private bool HasQuotingMark(ReadOnlySpan<char> text) =>
            _singles is not null
                ? text.IndexOfAny(Singles ? QuoteMarks.AllMarks : QuoteMarks.DoubleMarks) >= 0
                : text.IndexOfAny(QuoteMarks.AllMarks) >= 0 && (Singles || text.IndexOfAny(QuoteMarks.DoubleMarks) >= 0);

        /// <inheritdoc cref="HasQuotingMark(ReadOnlySpan{char})"/>
        /// <remarks>Apostrophes inside words are no marks here: no reading of the marks ever takes them for one.</remarks>
        private bool HasQuotingMark(Markdig.Syntax.Inlines.ContainerInline inlines) =>
            _singles is not null
                ? InlineScan.ContainsMark(inlines, Singles ? QuoteMarks.AllMarks : QuoteMarks.DoubleMarks)
                : InlineScan.ContainsMark(inlines, QuoteMarks.AllMarks) && (Singles || InlineScan.Contains(inlines, QuoteMarks.DoubleMarks));

        private bool UsesDoubleMarks()
        {
            foreach (Item item in _items)
            {
                // A paragraph's inlines are scanned (code spans skipped) whether or not its text has been read yet.
                if (item.Leaf is ParagraphBlock { Inline: { } inlines }
                    ? InlineScan.Contains(inlines, QuoteMarks.DoubleMarks)
                    : HasDoubleMark(item.Text.Text))
                {
                    return true;
                }

                if (item.Group is { } group)
                {
                    foreach (InlineText? part in group.Parts)
                    {
                        if (part is not null && HasDoubleMark(part.Text))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool HasDoubleMark(string text) => text.AsSpan().IndexOfAny(QuoteMarks.DoubleMarks) >= 0;

        private List<Quote> Deduplicated()
        {
            // A pull quote repeats the body; keep the body's quote.
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (Quote quote in _quotes)
            {
                if (quote.Kind != QuoteKind.PullQuote)
                {
                    keys.Add(quote.DedupeKey);
                }
            }

            var result = new List<Quote>(_quotes.Count);
            foreach (Quote quote in _quotes)
            {
                if (quote.Kind != QuoteKind.PullQuote || !keys.Contains(quote.DedupeKey))
                {
                    result.Add(quote);
                }
            }

            return result;
        }

        // ---- Flattening: one walk over the blocks ----

        private void Flatten(ContainerBlock container, int listDepth, int depth)
        {
            if (depth > MaxDepth)
            {
                return;
            }

            foreach (Block block in container)
            {
                // The commonest blocks first: each case is a type test, and Markdig's block types are not sealed.
                switch (block)
                {
                    case ParagraphBlock paragraph:
                        _items.Add(pool.Next().Set(ItemKind.Paragraph, paragraph.Line, paragraph.Column, listDepth, leaf: paragraph, builder: _builder));
                        break;
                    case ListItemBlock item:
                        Flatten(item, listDepth, depth + 1);
                        break;
                    case ListBlock list:
                        Flatten(list, listDepth + 1, depth + 1);
                        break;
                    case HeadingBlock heading:
                        _items.Add(pool.Next().Set(ItemKind.Heading, heading.Line, heading.Column, text: InlineText.From(heading, _builder), level: heading.Level));
                        break;
                    case AlertBlock alert:
                        string kind = alert.Kind.ToString();
                        if (kind.Equals("QUOTE", StringComparison.OrdinalIgnoreCase) || kind.Equals("CITE", StringComparison.OrdinalIgnoreCase))
                        {
                            AddGroup(alert, QuoteKind.Blockquote, null, listDepth, depth);
                        }

                        _items.Add(pool.Next().Set(ItemKind.Other, alert.Line));
                        break;
                    case QuoteBlock quote:
                        AddGroup(quote, QuoteKind.Blockquote, null, listDepth, depth);
                        break;
                    case Figure figure:
                        OnFigure(figure, listDepth, depth);
                        break;
                    case FooterBlock footer:
                        _items.Add(pool.Next().Set(ItemKind.Footer, footer.Line, footer.Column, listDepth, text: TextOf(footer)));
                        break;
                    case ThematicBreakBlock:
                        _items.Add(pool.Next().Set(ItemKind.Break, block.Line));
                        break;
                    case HtmlBlock html:
                        _items.Add(pool.Next().Set(ItemKind.Html, html.Line, html.Column, listDepth, leaf: html));
                        break;
                    case YamlFrontMatterBlock:
                    case LinkReferenceDefinitionGroup:
                    case Table:
                        break;
                    case CodeBlock:
                        _items.Add(pool.Next().Set(ItemKind.Other, block.Line));
                        break;
                    case ContainerBlock child:
                        Flatten(child, listDepth, depth + 1);
                        break;
                }
            }
        }

        private void OnFigure(Figure figure, int listDepth, int depth)
        {
            QuoteBlock? quote = null;
            InlineText? caption = null;
            foreach (Block block in figure)
            {
                if (block is QuoteBlock q && quote is null)
                {
                    quote = q;
                }
                else if (block is FigureCaption figureCaption)
                {
                    InlineText text = InlineText.From(figureCaption, _builder);
                    if (text.Text.Trim().Length > 0)
                    {
                        caption = text;
                    }
                }
            }

            if (quote is null)
            {
                Flatten(figure, listDepth, depth + 1);
                return;
            }

            AddGroup(quote, QuoteKind.Figure, caption, listDepth, depth);
        }

        private void AddGroup(QuoteBlock quote, QuoteKind kind, InlineText? caption, int listDepth, int depth)
        {
            var group = new QuoteGroup { Kind = kind, Caption = caption };
            var inner = new List<QuoteBlock>();
            Collect(quote, group, inner, depth + 1);
            _items.Add(pool.Next().Set(ItemKind.Quote, quote.Line, quote.Column, listDepth, group: group));
            if (depth < MaxDepth)
            {
                foreach (QuoteBlock child in inner)
                {
                    AddGroup(child, QuoteKind.Blockquote, null, listDepth, depth + 1);
                }
            }
        }

        private void Collect(ContainerBlock container, QuoteGroup group, List<QuoteBlock> inner, int depth)
        {
            if (depth > MaxDepth)
            {
                return;
            }

            foreach (Block block in container)
            {
                switch (block)
                {
                    case QuoteBlock nested:
                        inner.Add(nested);
                        break;
                    case FooterBlock footer:
                        group.Caption = TextOf(footer);
                        break;
                    case ParagraphBlock or HeadingBlock:
                        group.Parts.Add(InlineText.From((LeafBlock)block, _builder));
                        break;
                    case ThematicBreakBlock:
                        group.Parts.Add(null);
                        break;
                    case CodeBlock:
                        group.HasCode = true;
                        break;
                    case HtmlBlock html:
                        var htmlText = new StringBuilder();
                        Posts.Rendering.HtmlText.AppendText(html, htmlText);
                        string text = HtmlQuotes.Normalize(htmlText.ToString());
                        if (text.Length > 0)
                        {
                            group.Parts.Add(InlineText.Plain(text));
                        }

                        break;
                    case ContainerBlock child and not Table:
                        Collect(child, group, inner, depth + 1);
                        break;
                }
            }
        }

        private InlineText TextOf(ContainerBlock container)
        {
            var builder = new StringBuilder();
            InlineText? single = null;
            foreach (Block block in container)
            {
                if (block is LeafBlock leaf && leaf.Inline is not null)
                {
                    InlineText text = InlineText.From(leaf, _builder);
                    single = single is null && builder.Length == 0 ? text : null;
                    builder.Append(builder.Length > 0 ? "\n" : string.Empty).Append(text.Text);
                }
            }

            return single ?? InlineText.Plain(builder.ToString());
        }

        // ---- The pass over the items ----

        private void OnHeading(Item heading)
        {
            if (_inSection && heading.Level <= _sectionLevel)
            {
                CloseSection();
            }

            string text = heading.Text.Text.Trim();
            if (text.Length > 0 && Attributions.TriggerPattern().IsMatch(text))
            {
                _inSection = true;
                _sectionLevel = heading.Level;
                _lastListed = -1;
                (_sectionEvidence, _sectionRule) = HeadingEvidence(text);
            }
        }

        private (Attribution? Evidence, AttributionRule Rule) HeadingEvidence(string heading)
        {
            Attribution? named = Attributions.FromHeading(heading);
            if (named is not null)
            {
                return (named, AttributionRule.SectionHeading);
            }

            (bool generic, string? work, _) = Attributions.SourcePhrase(heading);
            if (work is not null)
            {
                return (new Attribution { Work = work, Raw = heading }, AttributionRule.SectionHeading);
            }

            return generic ? (Subject(), AttributionRule.PostContext) : (null, AttributionRule.None);
        }

        private void CloseSection()
        {
            _inSection = false;
            _sectionEvidence = null;
            _sectionRule = AttributionRule.None;
            _lastListed = -1;
        }

        private Attribution Subject()
        {
            if (_subject is null)
            {
                var opening = new List<string>(4);
                foreach (Item item in _items)
                {
                    if (item.Kind == ItemKind.Paragraph)
                    {
                        opening.Add(item.Text.Text);
                        if (opening.Count == 3)
                        {
                            break;
                        }
                    }
                }

                _subject = Attributions.PostSubject(context, opening);
            }

            return _subject;
        }

        private void OnParagraph(int index)
        {
            Item item = _items[index];
            if (!_inSection && !item.HasText && item.Leaf is ParagraphBlock { Inline: { } inlines } && !IsFirstContent(index)
                && !InlineScan.EndsWith(inlines, ':') && !InlineScan.StartsWithTemplate(inlines)
                && !HasQuotingMark(inlines))
            {
                // No marks, no lead-in, no template tag: nothing here can be or introduce a quotation.
                return;
            }

            string text = item.Text.Text;
            if (_inSection && OnListedItem(index))
            {
                return;
            }

            string trimmed = text.TrimEnd();
            if (trimmed.EndsWith(':') && Attributions.TriggerPattern().IsMatch(trimmed) && !InsideMarks(item.Text))
            {
                // "Below are my favourite quotes from the report:" opens a quote list that runs to the next heading.
                _inSection = true;
                _sectionLevel = 7;
                _lastListed = -1;
                (bool generic, string? work, _) = Attributions.SourcePhrase(trimmed);
                if (work is not null)
                {
                    _sectionEvidence = new Attribution { Work = work, Raw = trimmed };
                    _sectionRule = AttributionRule.LeadIn;
                }
                else if (generic)
                {
                    _sectionEvidence = Subject();
                    _sectionRule = AttributionRule.LeadIn;
                }
                else
                {
                    _sectionEvidence = null;
                    _sectionRule = AttributionRule.None;
                }

                return;
            }

            if (TryShortcode(index))
            {
                return;
            }

            if (IsFirstContent(index) && NextParagraph(index) is { } next && Attributions.HasBackReference(next.Text.Text))
            {
                string body = StripWrappingMarks(Clean(text));
                if (WordCount(body) >= _options.MinBlockWords)
                {
                    Attribution evidence = BackReference(next.Text.Text);
                    AddQuote(QuoteKind.Epigraph, [body], item, 0.75, false, (evidence, AttributionRule.BackReference));
                    return;
                }
            }

            foreach (TextRange q in item.Text.Q)
            {
                string body = Clean(text[q.Start..q.End]);
                if (body.Length == 0)
                {
                    continue;
                }

                string? speaker = _patterns.SpeakerBefore(text, q.Start) ?? _patterns.SpeakerAfter(text, q.End);
                var evidence = new Attribution { Url = q.Value };
                AddSpeaker(evidence, speaker);
                AddQuote(QuoteKind.HtmlQ, [body], item, 0.9, false, (evidence, evidence.IsEmpty && evidence.Raw is null ? AttributionRule.None : AttributionRule.ReportingPattern));
            }

            FindInline(index);
        }

        private bool OnListedItem(int index)
        {
            Item item = _items[index];
            string text = item.Text.Text.Trim();
            if (text.Length == 0 || NumberingOnly().IsMatch(text))
            {
                return true;
            }

            if (_lastListed >= 0 && item.ListDepth > _lastListedDepth)
            {
                // A sub-item under a quote item is its attribution (as on Wikiquote).
                Attribution sub = Attributions.ParseTail(item.Text, 0, item.Text.Text.Length);
                if (Attributions.IsTail(text, out int start))
                {
                    sub = Attributions.ParseTail(item.Text, item.Text.Text.IndexOf(text, StringComparison.Ordinal) + start, item.Text.Text.Length);
                }

                Reattribute(_lastListed, sub);
                return true;
            }

            if (Attributions.IsTail(text, out int tailStart))
            {
                string rest = text[tailStart..].Trim();
                if (rest.Length > 0 && _lastListed >= 0)
                {
                    Reattribute(_lastListed, Attributions.ParseTail(item.Text, item.Text.Text.Length - text.Length + tailStart, item.Text.Text.Length));
                    return true;
                }

                CloseSection();
                return true;
            }

            if (ClosingLine().IsMatch(text) || StartsWithDash(text) || (text.EndsWith(':') && Attributions.TriggerPattern().IsMatch(text)))
            {
                CloseSection();
                return false;
            }

            if (_lastListed >= 0 && _lastListedDepth > 0 && item.ListDepth == 0)
            {
                // The list was the quotes; a paragraph after it is the author again.
                CloseSection();
                return false;
            }

            if (WordCount(text) > _options.MaxListedWords || item.Text.Code.Length > 0)
            {
                CloseSection();
                return false;
            }

            string body = Numbering().Replace(text, string.Empty, 1);
            var (quoteText, tail) = SplitTrailingTail(item.Text, body);
            quoteText = StripStrayMark(StripWrappingMarks(Clean(quoteText)));
            if (WordCount(quoteText) < _options.MinBlockWords && CjkCount(quoteText) < _options.MinBlockCjkCharacters)
            {
                return true;
            }

            (Attribution?, AttributionRule) explicitEvidence = tail is null ? (null, AttributionRule.None) : (tail, AttributionRule.Explicit);
            AddQuote(QuoteKind.ListedUnderHeading, [quoteText], item, 0.85, false, explicitEvidence, (_sectionEvidence, _sectionRule), (Subject(), AttributionRule.PostContext));
            _lastListed = _quotes.Count - 1;
            _lastListedDepth = item.ListDepth;
            return true;
        }

        private void OnBlockquote(int index)
        {
            Item item = _items[index];
            QuoteGroup group = item.Group!;
            InlineText? first = null;
            foreach (InlineText? part in group.Parts)
            {
                if (part is not null && part.Text.Trim().Length > 0)
                {
                    first = part;
                    break;
                }
            }

            // Instructions with code ("Run this before you push:") are not a quotation.
            if (first is null || group.HasCode || AsideOpening().IsMatch(first.Text))
            {
                return;
            }

            // Split at thematic breaks: each piece is its own quote.
            var segments = new List<List<InlineText>>();
            var current = new List<InlineText>();
            foreach (InlineText? part in group.Parts)
            {
                if (part is null)
                {
                    if (current.Count > 0)
                    {
                        segments.Add(current);
                        current = [];
                    }
                }
                else if (part.Text.Trim().Length > 0)
                {
                    current.Add(part);
                }
            }

            if (current.Count > 0)
            {
                segments.Add(current);
            }

            for (int s = 0; s < segments.Count; s++)
            {
                List<InlineText> paragraphs = segments[s];
                bool last = s == segments.Count - 1;
                if (paragraphs.Count > 1 && EachEndsWithTail(paragraphs))
                {
                    foreach (InlineText paragraph in paragraphs)
                    {
                        EmitBlockquote(index, group, [paragraph], last: false);
                    }

                    continue;
                }

                EmitBlockquote(index, group, paragraphs, last);
            }
        }

        private static bool EachEndsWithTail(List<InlineText> paragraphs)
        {
            foreach (InlineText paragraph in paragraphs)
            {
                string text = paragraph.Text;
                int newline = text.TrimEnd().LastIndexOf('\n');
                if (newline < 0 || !Attributions.IsTail(text.AsSpan(newline + 1), out _))
                {
                    return false;
                }
            }

            return true;
        }

        private void EmitBlockquote(int index, QuoteGroup group, List<InlineText> paragraphs, bool last)
        {
            Item item = _items[index];
            Attribution? tail = null;
            if (group.Caption is { } caption)
            {
                string captionText = caption.Text;
                int start = Attributions.IsTail(captionText, out int bodyStart) ? bodyStart : 0;
                tail = Attributions.ParseTail(caption, start, captionText.Length);
            }

            var texts = new List<string>(paragraphs.Count);
            for (int p = 0; p < paragraphs.Count; p++)
            {
                InlineText paragraph = paragraphs[p];
                string text = paragraph.Text.TrimEnd();
                bool isLast = p == paragraphs.Count - 1;
                if (isLast && tail is null)
                {
                    if (paragraphs.Count > 1 && Attributions.IsTail(text, out int wholeStart))
                    {
                        tail = Attributions.ParseTail(paragraph, wholeStart, text.Length);
                        continue;
                    }

                    int newline = text.LastIndexOf('\n');
                    if (newline >= 0 && Attributions.IsTail(text.AsSpan(newline + 1), out int lineStart))
                    {
                        tail = Attributions.ParseTail(paragraph, newline + 1 + lineStart, text.Length);
                        text = text[..newline];
                    }
                    else if (newline >= 0 && NameLineAfterQuotation(text, newline))
                    {
                        // "“…”⏎Dan Tangherlini, Administrator, GSA": a quoted text, then who said it.
                        tail = Attributions.ParseTail(paragraph, newline + 1, text.Length);
                        text = text[..newline];
                    }
                }

                if (text.Length > 0)
                {
                    texts.Add(Clean(text));
                }
            }

            if (tail is null && last && NextItem(index) is { } next && (next.Kind == ItemKind.Footer || next.Kind == ItemKind.Paragraph))
            {
                string nextText = next.Text.Text.TrimEnd();
                if (next.Kind == ItemKind.Footer)
                {
                    tail = Attributions.ParseTail(next.Text, 0, nextText.Length);
                    next.Consumed = true;
                }
                else if (!nextText.Contains('\n', StringComparison.Ordinal) && Attributions.IsTail(nextText, out int nextStart) && !_inSection)
                {
                    tail = Attributions.ParseTail(next.Text, nextStart, nextText.Length);
                    next.Consumed = true;
                }
            }

            if (texts.Count == 0)
            {
                return;
            }

            if (tail is null && IsEditorialNote(texts))
            {
                // An editor's aside ("For more info, see …") set as a blockquote quotes nobody.
                return;
            }

            if (tail is null && texts.Count > 1 && EachWhollyQuoted(texts))
            {
                // Several quotations, each in its own marks, gathered in one blockquote: one quote each.
                foreach (string text in texts)
                {
                    AddQuote(group.Kind, [StripWrappingMarks(text)], item, 0.9, false, LeadIn(index), (_inSection ? _sectionEvidence : null, _sectionRule));
                }

                return;
            }

            (Attribution?, AttributionRule) reportedIn = (null, AttributionRule.None);
            if (texts.Count == 1)
            {
                string text = texts[0];
                Match label = QuoteLabel().Match(text);
                if (label.Success && Attributions.CountWords(label.Groups["label"].Value) <= 6)
                {
                    // "18F recommendation: “…”": a label, then the quotation.
                    text = text[label.Length..];
                    tail ??= new Attribution { Raw = label.Groups["label"].Value.Trim() };
                }

                if (text.Length > 0 && QuoteMarks.IsMark(text[0]))
                {
                    // "“…,” Tim noted, praising the release notes.": the quotation, then who said it.
                    QuoteMarks.Find(text, _reading, Singles, false, _spans);
                    if (_spans.Count > 0 && _spans[0].Open == 0 && !_spans[0].Unclosed && _spans[0].Close < text.Length - 2
                        && _patterns.SpeakerAfter(text, _spans[0].Close + 1) is { } speaker)
                    {
                        var reported = new Attribution();
                        AddSpeaker(reported, speaker);
                        reportedIn = (reported, AttributionRule.ReportingPattern);
                        text = Clean(text[1.._spans[0].Close]);
                    }
                }

                texts[0] = StripWrappingMarks(text);
            }
            else
            {
                StripWrappingMarks(texts);
            }

            bool onlyLinks = true;
            foreach (InlineText paragraph in paragraphs)
            {
                onlyLinks &= paragraph.IsOnlyLinks();
            }

            if (onlyLinks)
            {
                return;
            }

            int words = 0;
            int cjk = 0;
            foreach (string text in texts)
            {
                words += WordCount(text);
                cjk += CjkCount(text);
            }

            if (words < _options.MinBlockWords && cjk < _options.MinBlockCjkCharacters)
            {
                return;
            }

            QuoteKind kind = group.Kind;
            double confidence = tail is null ? 0.9 : 0.95;
            (Attribution?, AttributionRule) explicitEvidence = tail is null || tail.IsEmpty ? (null, AttributionRule.None) : (tail, AttributionRule.Explicit);
            (Attribution?, AttributionRule) leadIn = LeadIn(index);
            if (leadIn.Item1 is null && PreviousItem(index) is { Kind: ItemKind.Paragraph } previousParagraph
                && _patterns.SpeakerIn(previousParagraph.Text.Text) is { } contextSpeaker)
            {
                // "Tim Campbell, engineer at X, shared that …" right before the blockquote: the speaker it introduces.
                var context = new Attribution();
                AddSpeaker(context, contextSpeaker);
                if (context.People.Count > 0)
                {
                    leadIn = (context, AttributionRule.LeadIn);
                }
            }

            (Attribution?, AttributionRule) backReference = NextItem(index) is { Kind: ItemKind.Paragraph } after && Attributions.HasBackReference(after.Text.Text)
                ? (BackReference(after.Text.Text), AttributionRule.BackReference)
                : (null, AttributionRule.None);
            (Attribution?, AttributionRule) section = _inSection ? (_sectionEvidence, _sectionRule) : (null, AttributionRule.None);
            bool aboutPost = _inSection || (leadIn.Item1 is not null && ReferenceEquals(leadIn.Item1, _subject)) || (backReference.Item1 is not null && ReferenceEquals(backReference.Item1, _subject));
            (Attribution?, AttributionRule) post = aboutPost ? (Subject(), AttributionRule.PostContext) : (null, AttributionRule.None);
            AddQuote(kind, texts, item, confidence, false, explicitEvidence, reportedIn, leadIn, backReference, section, post);
        }

        private bool EachWhollyQuoted(List<string> texts)
        {
            foreach (string text in texts)
            {
                if (text.Length < 2 || !QuoteMarks.IsMark(text[0]))
                {
                    return false;
                }

                QuoteMarks.Find(text, _reading, Singles, false, _spans);
                if (_spans.Count != 1 || _spans[0].Open != 0 || _spans[0].Unclosed || _spans[0].Close < text.TrimEnd().Length - 2)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool NameLineAfterQuotation(string text, int newline)
        {
            string before = text[..newline].TrimEnd().TrimEnd('*', '_');
            if (before.Length == 0 || before[^1] is not ('”' or '"' or '»' or '’'))
            {
                return false;
            }

            string line = text[(newline + 1)..].Trim();
            if (line.Length == 0 || Attributions.CountWords(line) > 12)
            {
                return false;
            }

            string name = line.Split(',', 2)[0].Trim();
            return Attributions.LooksLikeName(name);
        }

        private (Attribution?, AttributionRule) LeadIn(int index)
        {
            Item? previous = PreviousItem(index);
            if (previous is not { Kind: ItemKind.Paragraph })
            {
                return (null, AttributionRule.None);
            }

            string text = previous.Text.Text.TrimEnd();
            if (!text.EndsWith(':'))
            {
                return (null, AttributionRule.None);
            }

            // Only the sentence that ends in the colon leads in to the quote.
            int sentence = Math.Max(text.LastIndexOf(". ", StringComparison.Ordinal), Math.Max(text.LastIndexOf("? ", StringComparison.Ordinal), text.LastIndexOf("! ", StringComparison.Ordinal)));
            if (sentence > 0)
            {
                text = text[(sentence + 2)..];
            }

            var evidence = new Attribution { Raw = text };
            string? speaker = _patterns.SpeakerBefore(text, text.Length - 1);
            AddSpeaker(evidence, speaker);
            if (previous.Text.EmphasisWithin(0, text.Length) is { } title)
            {
                evidence.Work = Attributions.CleanTitle(text[title.Start..title.End]);
            }

            if (evidence.Work is null)
            {
                (bool generic, string? work, _) = Attributions.SourcePhrase(text);
                if (work is not null)
                {
                    evidence.Work = work;
                }
                else if (generic && evidence.People.Count == 0)
                {
                    return (Subject(), AttributionRule.LeadIn);
                }
            }

            return evidence.IsEmpty ? (null, AttributionRule.None) : (evidence, AttributionRule.LeadIn);
        }

        private Attribution BackReference(string text)
        {
            // Only the sentence that points back says where the quote is from.
            Match pointer = Attributions.BackReferencePattern().Match(text);
            if (pointer.Success)
            {
                int end = text.IndexOfAny(['.', '!', '?', '\n'], pointer.Index + pointer.Length);
                text = text[pointer.Index..(end < 0 ? text.Length : end)];
            }

            (bool generic, string? work, _) = Attributions.SourcePhrase(text);
            if (work is not null)
            {
                return new Attribution { Work = work, Raw = text };
            }

            return generic ? Subject() : new Attribution();
        }

        private void OnHtml(int index)
        {
            Item item = _items[index];
            string html = item.Html!;
            if (!HtmlQuotes.MayHoldQuotes(html))
            {
                return;
            }

            if (!HtmlQuotes.ExtractAll([(index, html)]).TryGetValue(index, out List<HtmlQuote>? found))
            {
                return;
            }

            foreach (HtmlQuote quote in found)
            {
                if (quote.Kind == QuoteKind.PullQuote && !_options.IncludePullQuotes)
                {
                    continue;
                }

                var paragraphs = new List<string>(quote.Paragraphs.Count);
                int words = 0;
                foreach (string paragraph in quote.Paragraphs)
                {
                    string text = StripWrappingMarks(paragraph);
                    paragraphs.Add(text);
                    words += WordCount(text);
                }

                if (quote.Kind != QuoteKind.HtmlQ && words < _options.MinBlockWords && CjkCount(string.Concat(paragraphs)) < _options.MinBlockCjkCharacters)
                {
                    continue;
                }

                (Attribution?, AttributionRule) explicitEvidence = quote.Attribution.IsEmpty ? (null, AttributionRule.None) : (quote.Attribution, AttributionRule.Explicit);
                (Attribution?, AttributionRule) author = quote.Kind == QuoteKind.PullQuote && context.Authors.Count > 0
                    ? (AuthorAttribution(), AttributionRule.PostAuthor)
                    : (null, AttributionRule.None);
                AddQuote(quote.Kind, paragraphs, item, quote.Explicit ? 0.95 : 0.9, false, explicitEvidence, LeadIn(index), author);
            }
        }

        private Attribution AuthorAttribution()
        {
            var attribution = new Attribution();
            foreach (Posts.PostAuthor author in context.Authors)
            {
                attribution.People.Add(author.Name);
            }

            return attribution;
        }

        private bool TryShortcode(int index)
        {
            Item item = _items[index];
            string text = item.Text.Text;
            ReadOnlySpan<char> start = text.AsSpan().TrimStart();
            if (start.Length < 2 || start[0] != '{' || start[1] is not ('{' or '%'))
            {
                return false;
            }

            Match open = ShortcodeOpening().Match(text);
            if (!open.Success)
            {
                return false;
            }

            string name = open.Groups["name"].Value.ToLowerInvariant();
            string parameters = open.Groups["params"].Value.Trim();
            var body = new StringBuilder();
            string rest = text[(open.Index + open.Length)..];
            bool closed = AppendUntilClose(rest, name, body);
            for (int next = index + 1; !closed && next < _items.Count && next <= index + _options.MaxParagraphs; next++)
            {
                if (_items[next].Kind != ItemKind.Paragraph)
                {
                    break;
                }

                _items[next].Consumed = true;
                body.Append("\n\n");
                closed = AppendUntilClose(_items[next].Text.Text, name, body);
            }

            var evidence = new Attribution { Raw = parameters.Length == 0 ? null : parameters };
            bool named = false;
            foreach (Match parameter in ShortcodeParameter().Matches(parameters))
            {
                named = true;
                string value = parameter.Groups["v"].Value.Trim();
                switch (parameter.Groups["key"].Value.ToLowerInvariant())
                {
                    case "author" or "by" or "person" or "name":
                        Attributions.AddPeople(value, evidence);
                        break;
                    case "source" or "title" or "work" or "book":
                        evidence.Work = Attributions.CleanTitle(value);
                        break;
                    case "cite" or "url" or "link" or "href":
                        evidence.Url = value;
                        break;
                    case "org" or "organization" or "organisation" or "company":
                        evidence.Organization = value;
                        break;
                }
            }

            if (!named && parameters.Length > 0)
            {
                // {% blockquote Jane Roe, The Ops Book http://example.org %}
                string plain = parameters;
                int url = plain.IndexOf("http", StringComparison.OrdinalIgnoreCase);
                if (url >= 0)
                {
                    evidence.Url = plain[url..].Split(' ', 2)[0];
                    plain = plain.Remove(url, evidence.Url.Length).Trim();
                }

                // Octopress order: the author, then the source.
                int comma = plain.IndexOf(',', StringComparison.Ordinal);
                Attributions.AddPeople(comma < 0 ? plain : plain[..comma], evidence);
                if (comma > 0)
                {
                    evidence.Work = Attributions.CleanTitle(plain[(comma + 1)..]);
                }
            }

            var paragraphs = new List<string>();
            foreach (string paragraph in body.ToString().Split("\n\n"))
            {
                string clean = StripWrappingMarks(Clean(paragraph));
                if (clean.Length > 0)
                {
                    paragraphs.Add(clean);
                }
            }

            if (paragraphs.Count == 0)
            {
                return true;
            }

            QuoteKind kind = name == "pullquote" ? QuoteKind.PullQuote : QuoteKind.Shortcode;
            if (kind == QuoteKind.PullQuote && !_options.IncludePullQuotes)
            {
                return true;
            }

            (Attribution?, AttributionRule) author = kind == QuoteKind.PullQuote ? (AuthorAttribution(), AttributionRule.PostAuthor) : (null, AttributionRule.None);
            AddQuote(kind, paragraphs, item, 0.95, false, (evidence.IsEmpty ? null : evidence, AttributionRule.Explicit), author);
            return true;
        }

        private static bool AppendUntilClose(string text, string name, StringBuilder body)
        {
            Match close = Regex.Match(text, @"\{\{[<%]\s*/\s*" + name + @"\s*[>%]\}\}|\{%\s*end" + name + @"\s*%\}", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
            body.Append(close.Success ? text[..close.Index] : text);
            return close.Success;
        }

        // ---- Inline quotation marks ----

        private void FindInline(int index)
        {
            Item item = _items[index];
            string text = item.Text.Text;
            // Apostrophes are in most paragraphs; when single marks do not quote, they are no reason to look.
            if (!HasQuotingMark(text))
            {
                return;
            }

            QuoteMarks.Find(text, _reading, Singles, _options.EmitNested, _spans);
            if (_spans.Count == 0)
            {
                return;
            }

            // The spans move to a list of their own: following a quotation into the next paragraphs reuses _spans.
            (_inlineSpans, _spans) = (_spans, _inlineSpans);
            foreach (MarkSpan span in _inlineSpans)
            {
                OnInlineSpan(index, span);
            }
        }

        private void OnInlineSpan(int index, MarkSpan span)
        {
            Item item = _items[index];
            InlineText inline = item.Text;
            string text = inline.Text;

            // Decide on spans of the paragraph first and build strings only for a quotation: most marked words are
            // scare quotes and titles, and a paragraph may hold thousands of them.
            ReadOnlySpan<char> raw = text.AsSpan(span.ContentStart, span.ContentEnd - span.ContentStart);
            int words = Attributions.CountWords(raw);
            int cjk = CjkCount(raw);
            if (!span.Unclosed && words < Math.Min(_options.MinBlockWords, _options.MinInlineWords)
                && cjk < Math.Min(_options.MinBlockCjkCharacters, _options.MinInlineCjkCharacters))
            {
                return;
            }

            if (inline.HasCode(span.Open, span.Close + 1) || InsideLinkText(inline, span) || LooksTechnical(raw)
                || InsideTemplateTag(text, span.Open) || FollowsTitleCue(text.AsSpan(0, span.Open)))
            {
                return;
            }

            List<string>? paragraphs = null;
            bool unclosed = span.Unclosed;
            if (unclosed)
            {
                if (!_options.ExtractUnclosed)
                {
                    return;
                }

                // A quotation that runs on: each following paragraph that opens with the same mark continues it.
                paragraphs = [Clean(raw.ToString())];
                for (int next = index + 1; next < _items.Count && paragraphs.Count < _options.MaxParagraphs; next++)
                {
                    Item following = _items[next];
                    if (following.Kind != ItemKind.Paragraph)
                    {
                        break;
                    }

                    string nextText = following.Text.Text.TrimStart();
                    if (nextText.Length == 0 || nextText[0] != span.OpenMark)
                    {
                        break;
                    }

                    following.Consumed = true;
                    QuoteMarks.Find(nextText, _reading, Singles, false, _spans);
                    if (_spans.Count > 0 && _spans[0].Open == 0 && !_spans[0].Unclosed)
                    {
                        paragraphs.Add(Clean(nextText[1.._spans[0].Close]));
                        unclosed = false;
                        break;
                    }

                    paragraphs.Add(Clean(nextText[1..]));
                }

                words = 0;
                cjk = 0;
                foreach (string paragraph in paragraphs)
                {
                    words += WordCount(paragraph);
                    cjk += CjkCount(paragraph);
                }
            }

            int length = paragraphs is null ? raw.Length : TotalLength(paragraphs);
            if (length > _options.MaxCharacters)
            {
                return;
            }

            bool isCjk = cjk > words;
            ReadOnlySpan<char> before = text.AsSpan(0, span.Open).Trim();
            ReadOnlySpan<char> after = span.Close < text.Length ? text.AsSpan(span.Close + 1).Trim() : [];
            bool afterIsTail = after.Length == 0 || Attributions.IsTail(after, out _);
            bool whole = before.Length == 0 && (afterIsTail || unclosed);
            if (whole ? words < _options.MinBlockWords && cjk < _options.MinBlockCjkCharacters : words < _options.MinInlineWords && cjk < _options.MinInlineCjkCharacters)
            {
                return;
            }

            string? speaker = _patterns.SpeakerAfter(text, Math.Min(span.Close + 1, text.Length)) ?? _patterns.SpeakerBefore(text, span.Open);
            if (speaker is null && _lastInlineItem == index && _lastInlineSpeaker is not null && span.Open >= _lastInlineEnd && span.Open - _lastInlineEnd <= ReportingPatterns.Window
                && !text.AsSpan(_lastInlineEnd, span.Open - _lastInlineEnd).Contains(';'))
            {
                // "“…,” Gustafson said. “The reality is a lot more messy.”": the same speaker goes on.
                speaker = _lastInlineSpeaker;
            }

            _lastInlineItem = index;
            _lastInlineEnd = Math.Min(span.Close + 1, text.Length);
            _lastInlineSpeaker = speaker;
            QuoteKind kind;
            double confidence;
            if (whole)
            {
                kind = QuoteKind.WholeParagraph;
                confidence = 0.8;
            }
            else
            {
                ReadOnlySpan<char> firstText = paragraphs is null ? raw : paragraphs[0];
                ReadOnlySpan<char> lastText = paragraphs is null ? raw : paragraphs[^1];
                char start = FirstLetterOrMark(firstText);
                bool followsColon = before.EndsWith(":") || (before.EndsWith(",") && speaker is not null);
                bool capitalStart = isCjk || char.IsUpper(start) || char.IsDigit(start) || start is '…' or '[' || (start == '.' && firstText.TrimStart().StartsWith("...", StringComparison.Ordinal));
                char end = LastMeaningful(lastText);
                bool sentenceEnd = end is '.' or '!' or '?' or '…' or '。' or '！' or '？' || (after.Length > 0 && after[0] is '.' or '!' or '?');
                bool cue = speaker is not null || (isCjk && after.StartsWith("と"));
                if (!sentenceEnd && !cue)
                {
                    cue = _patterns.HasCue(text, Math.Min(span.Close + 1, text.Length), Math.Min(text.Length, span.Close + 1 + ReportingPatterns.Window))
                        || _patterns.HasCue(text, Math.Max(0, span.Open - ReportingPatterns.Window), span.Open);
                }

                if (!(sentenceEnd || cue || (unclosed && followsColon)))
                {
                    return;
                }

                if (!sentenceEnd && IsTitleCase(paragraphs is null ? raw : string.Join(" ", paragraphs)))
                {
                    return;
                }

                if (!(capitalStart || followsColon))
                {
                    if (!_options.EmitFragments)
                    {
                        return;
                    }

                    kind = QuoteKind.Fragment;
                    confidence = 0.4;
                }
                else
                {
                    kind = QuoteKind.InlineQuotation;
                    confidence = speaker is not null ? 0.8 : 0.7;
                }
            }

            if (unclosed)
            {
                confidence = Math.Min(confidence, 0.5);
            }

            paragraphs ??= [Clean(raw.ToString())];
            var evidence = new Attribution();
            AddSpeaker(evidence, speaker);
            (Attribution?, AttributionRule) explicitEvidence = (null, AttributionRule.None);
            if (whole && after.Length > 0 && Attributions.IsTail(after, out int tailStart))
            {
                int absolute = text.Length - after.Length + tailStart;
                Attribution tail = Attributions.ParseTail(inline, absolute, text.Length);
                if (!tail.IsEmpty)
                {
                    explicitEvidence = (tail, AttributionRule.Explicit);
                }
            }

            (Attribution?, AttributionRule) reporting = evidence.IsEmpty && evidence.Raw is null ? (null, AttributionRule.None) : (evidence, AttributionRule.ReportingPattern);
            (Attribution?, AttributionRule) leadIn = before.Length == 0 ? LeadIn(index) : (null, AttributionRule.None);
            AddQuote(kind, paragraphs, item, confidence, unclosed, explicitEvidence, reporting, leadIn);
        }

        private static int TotalLength(List<string> paragraphs)
        {
            int length = 0;
            foreach (string paragraph in paragraphs)
            {
                length += paragraph.Length + 1;
            }

            return length;
        }

        /// <summary>The last character that is not white space or a trailing comma (which cleaning moves out).</summary>
        private static char LastMeaningful(ReadOnlySpan<char> text)
        {
            int i = text.Length - 1;
            while (i >= 0 && (char.IsWhiteSpace(text[i]) || text[i] is ',' or '\u00A0' or '\u202F'))
            {
                i--;
            }

            return i < 0 ? ' ' : text[i];
        }

        private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TitleCues =
            new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "published", "titled", "entitled", "called", "named", "dubbed", "book", "paper", "article", "essay", "headline" }
                .GetAlternateLookup<ReadOnlySpan<char>>();

        /// <summary>"Codd published “…”", "the article “…”": a title follows, not a quotation.</summary>
        private static bool FollowsTitleCue(ReadOnlySpan<char> before)
        {
            int end = before.Length - 1;
            while (end >= 0 && (char.IsWhiteSpace(before[end]) || before[end] is ':' or ','))
            {
                end--;
            }

            int start = end;
            while (start >= 0 && char.IsLetter(before[start]))
            {
                start--;
            }

            return end > start && end - start <= 12 && TitleCues.Contains(before[(start + 1)..(end + 1)]);
        }

        /// <summary>Inside a template tag left as text (<c>{% image "a.png" "Alt text" %}</c>): parameters, not quotations.</summary>
        private static bool InsideTemplateTag(string text, int index)
        {
            int from = Math.Max(0, index - ReportingPatterns.Window);
            ReadOnlySpan<char> window = text.AsSpan(from, index - from);
            int open = Math.Max(window.LastIndexOf("{%"), window.LastIndexOf("{{"));
            if (open < 0)
            {
                return false;
            }

            open += from;

            int close = text.IndexOfAny(['}'], open);
            return close < 0 || close > index;
        }

        private static bool InsideLinkText(InlineText inline, MarkSpan span) => inline.InLinkText(span.Open, span.Close + 1);

        /// <summary>UI strings, commands, flags, paths and code never quote anyone.</summary>
        private static bool LooksTechnical(ReadOnlySpan<char> content)
        {
            if (content.IndexOfAny("`={}") >= 0 || content.Contains("://", StringComparison.Ordinal) || content.Contains("--", StringComparison.Ordinal))
            {
                return true;
            }

            ReadOnlySpan<char> trimmed = content.Trim();
            return trimmed.StartsWith("/") || trimmed.StartsWith("./") || trimmed.StartsWith("~/")
                || trimmed.StartsWith("-") || trimmed.StartsWith("$") || trimmed.StartsWith("<");
        }

        private static bool IsTitleCase(ReadOnlySpan<char> text)
        {
            int words = 0;
            int capitals = 0;
            foreach (Range range in text.Split(' '))
            {
                ReadOnlySpan<char> word = text[range];
                if (word.IsEmpty || (word.Length <= 3 && char.IsLower(word[0])))
                {
                    continue;
                }

                words++;
                if (char.IsUpper(word[0]) || char.IsDigit(word[0]))
                {
                    capitals++;
                }
            }

            return words > 0 && capitals * 10 >= words * 8;
        }

        private static char FirstLetterOrMark(ReadOnlySpan<char> text)
        {
            foreach (char c in text)
            {
                if (!char.IsWhiteSpace(c) && c is not '\u00A0' and not '\u202F' and not '*' and not '_')
                {
                    return c;
                }
            }

            return ' ';
        }

        private void AddSpeaker(Attribution evidence, string? speaker)
        {
            if (speaker is null)
            {
                return;
            }

            evidence.Raw = speaker;
            if (ReportingPatterns.IsPronoun(speaker))
            {
                if (_lastPerson is not null && !speaker.Equals("I", StringComparison.Ordinal) && !speaker.Equals("we", StringComparison.OrdinalIgnoreCase))
                {
                    evidence.People.Add(_lastPerson);
                }

                return;
            }

            if (speaker.StartsWith("the ", StringComparison.OrdinalIgnoreCase))
            {
                Attribution subject = Subject();
                evidence.Work = subject.Work;
                evidence.Organization = subject.Organization;
                evidence.People.AddRange(subject.People);
                return;
            }

            Attributions.AddPeople(speaker, evidence);
        }

        private static bool InsideMarks(InlineText text)
        {
            string trimmed = text.Text.TrimStart();
            return trimmed.Length > 0 && QuoteMarks.IsMark(trimmed[0]);
        }

        // ---- Building the quote ----

        private void Reattribute(int quoteIndex, Attribution attribution)
        {
            if (attribution.IsEmpty)
            {
                return;
            }

            Quote quote = _quotes[quoteIndex];
            _quotes[quoteIndex] = quote with
            {
                People = attribution.People.Count > 0 ? attribution.People.ToArray() : quote.People,
                Work = attribution.Work ?? quote.Work,
                Organization = attribution.Organization ?? quote.Organization,
                Url = attribution.Url ?? quote.Url,
                Role = attribution.Role ?? quote.Role,
                Year = attribution.Year ?? quote.Year,
                Locator = attribution.Locator ?? quote.Locator,
                AttributionRaw = attribution.Raw ?? quote.AttributionRaw,
                AttributionRule = AttributionRule.Explicit,
            };
            if (attribution.People.Count > 0)
            {
                _lastPerson = attribution.People[^1];
            }
        }

        private void AddQuote(QuoteKind kind, List<string> paragraphs, Item item, double confidence, bool unclosed, params ReadOnlySpan<(Attribution? Evidence, AttributionRule Rule)> evidence)
        {
            var cleaned = new List<string>(paragraphs.Count);
            foreach (string paragraph in paragraphs)
            {
                string text = paragraph.Trim();
                if (text.Length > 0)
                {
                    cleaned.Add(text);
                }
            }

            bool running = kind is QuoteKind.InlineQuotation or QuoteKind.WholeParagraph or QuoteKind.Fragment or QuoteKind.ListedUnderHeading;
            if (cleaned.Count == 0 || (running && cleaned.Count > _options.MaxParagraphs))
            {
                return;
            }

            string joined = cleaned.Count == 1 ? cleaned[0] : string.Join("\n\n", cleaned);
            if (running && joined.Length > _options.MaxCharacters)
            {
                return;
            }

            // Fill each field from the first evidence that supplies it, in the documented order.
            string[] people = [];
            string? work = null, organization = null, url = null, role = null, locator = null, raw = null;
            int? year = null;
            AttributionRule rule = AttributionRule.None;
            foreach ((Attribution? source, AttributionRule sourceRule) in evidence)
            {
                if (source is null)
                {
                    continue;
                }

                bool supplied = false;
                if (people.Length == 0 && source.People.Count > 0)
                {
                    people = source.People.ToArray();
                    supplied = true;
                }

                if (work is null && source.Work is { Length: > 0 })
                {
                    work = source.Work;
                    supplied = true;
                }

                if (organization is null && source.Organization is { Length: > 0 })
                {
                    organization = source.Organization;
                    supplied = true;
                }

                if (url is null && source.Url is { Length: > 0 })
                {
                    url = source.Url;
                    supplied = true;
                }

                role ??= source.Role;
                year ??= source.Year;
                locator ??= source.Locator;
                raw ??= source.Raw;
                if (supplied && rule == AttributionRule.None)
                {
                    rule = sourceRule;
                }
            }

            if (people.Length > 0)
            {
                _lastPerson = people[^1];
            }

            _quotes.Add(new Quote
            {
                Text = joined,
                Paragraphs = cleaned.ToArray(),
                Kind = kind,
                People = people,
                Work = work,
                Organization = organization,
                Url = url,
                Role = role,
                Year = year,
                Locator = locator,
                AttributionRaw = raw,
                AttributionRule = rule,
                Confidence = confidence,
                Unclosed = unclosed,
                PostSlug = context.Slug,
                Location = new QuoteLocation(context.SourcePath, item.Line + 1, item.Column + 1),
                Language = context.Language,
                DedupeKey = DedupeKey(context.Slug, joined),
            });
        }

        private static string DedupeKey(string slug, string text)
        {
            // One pass into a rented buffer: the key is never longer than the slug, the bar and the text.
            char[] buffer = System.Buffers.ArrayPool<char>.Shared.Rent(slug.Length + 1 + text.Length);
            slug.CopyTo(buffer);
            int at = slug.Length;
            buffer[at++] = '|';
            foreach (char c in text)
            {
                if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
                {
                    buffer[at++] = c;
                }
                else if (char.IsLetterOrDigit(c))
                {
                    buffer[at++] = char.ToLowerInvariant(c);
                }
            }

            string key = new(buffer, 0, at);
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
            return key;
        }

        // ---- Text helpers ----

        private Item? NextItem(int index)
        {
            for (int i = index + 1; i < _items.Count; i++)
            {
                if (!_items[i].Consumed)
                {
                    return _items[i];
                }
            }

            return null;
        }

        private Item? NextParagraph(int index) => NextItem(index) is { Kind: ItemKind.Paragraph } next ? next : null;

        private Item? PreviousItem(int index) => index > 0 ? _items[index - 1] : null;

        private bool IsFirstContent(int index)
        {
            if (_firstContent < 0)
            {
                _firstContent = _items.Count;
                for (int i = 0; i < _items.Count; i++)
                {
                    if (_items[i].Kind is ItemKind.Paragraph or ItemKind.Quote or ItemKind.Heading)
                    {
                        _firstContent = i;
                        break;
                    }
                }
            }

            return index == _firstContent;
        }

        private static (string Text, Attribution? Tail) SplitTrailingTail(InlineText inline, string body)
        {
            int newline = body.LastIndexOf('\n');
            if (newline >= 0 && Attributions.IsTail(body.AsSpan(newline + 1), out int lineStart) && body.AsSpan(newline + 1 + lineStart).Trim().Length > 0)
            {
                int offset = inline.Text.IndexOf(body, StringComparison.Ordinal);
                Attribution tail = offset >= 0
                    ? Attributions.ParseTail(inline, offset + newline + 1 + lineStart, offset + body.Length)
                    : Attributions.ParsePlain(body[(newline + 1 + lineStart)..]);
                return (body[..newline], tail);
            }

            // "“Small batches win.” — Jane Roe" on one line.
            foreach (string dash in (string[])[" — ", " ― ", " – ", " -- ", " ~ "])
            {
                int at = body.LastIndexOf(dash, StringComparison.Ordinal);
                if (at > 0 && body[..at].TrimEnd() is { Length: > 0 } head && head[^1] is '”' or '"' or '»' or '.' or '!' or '?')
                {
                    string rest = body[(at + dash.Length)..];
                    if (rest.Trim().Length > 0 && Attributions.CountWords(rest) <= 20 && Attributions.IsTail(body.AsSpan(at), out _))
                    {
                        int offset = inline.Text.IndexOf(body, StringComparison.Ordinal);
                        Attribution tail = offset >= 0 ? Attributions.ParseTail(inline, offset + at + dash.Length, offset + body.Length) : Attributions.ParsePlain(rest);
                        return (head, tail);
                    }
                }
            }

            return (body, null);
        }

        /// <summary>Soft breaks become spaces; no-break spaces and runs of spaces become one space; a trailing comma is moved out.</summary>
        private static string Clean(string text)
        {
            string clean = HtmlQuotes.Normalize(text);
            int end = clean.Length;
            while (end > 0 && clean[end - 1] == ',')
            {
                end--;
            }

            return end == clean.Length ? clean : clean[..end];
        }

        /// <summary>Removes one pair of quotation marks around the whole text.</summary>
        private static string StripWrappingMarks(string text)
        {
            string trimmed = text.Trim();
            if (trimmed.Length < 2 || !QuoteMarks.IsMark(trimmed[0]))
            {
                return trimmed;
            }

            char last = trimmed[^1];
            int endMark = trimmed.Length - 1;
            if (!QuoteMarks.IsMark(last) && trimmed.Length > 2 && last is '.' or ',' && QuoteMarks.IsMark(trimmed[^2]))
            {
                endMark = trimmed.Length - 2;
            }

            if (!QuoteMarks.IsMark(trimmed[endMark]) || endMark == 0)
            {
                return trimmed;
            }

            // Only one pair: the marks inside must not close before the end.
            string inner = trimmed[1..endMark];
            foreach (char c in inner)
            {
                if (c == trimmed[endMark] && c != '\'' && c != '’')
                {
                    return trimmed;
                }
            }

            string tail = endMark < trimmed.Length - 1 ? trimmed[(endMark + 1)..] : string.Empty;
            return (inner.Trim() + (tail == "," ? string.Empty : tail)).Trim();
        }

        private static void StripWrappingMarks(List<string> paragraphs)
        {
            // A multi-paragraph quotation opens each paragraph with a mark and closes only the last one.
            string first = paragraphs[0].TrimStart();
            string last = paragraphs[^1].TrimEnd();
            if (first.Length == 0 || last.Length == 0 || !QuoteMarks.IsMark(first[0]) || !QuoteMarks.IsMark(last[^1]))
            {
                return;
            }

            char open = first[0];
            for (int i = 0; i < paragraphs.Count; i++)
            {
                string paragraph = paragraphs[i].Trim();
                if (paragraph.Length > 0 && paragraph[0] == open)
                {
                    paragraph = paragraph[1..];
                }

                if (i == paragraphs.Count - 1 && paragraph.Length > 0 && QuoteMarks.IsMark(paragraph[^1]))
                {
                    paragraph = paragraph[..^1];
                }

                paragraphs[i] = paragraph.Trim();
            }
        }

        /// <summary>A lone mark at the very end of a quote (<c>…enable it“.</c>) is a typo, not a quotation.</summary>
        private static string StripStrayMark(string text)
        {
            int end = text.Length - 1;
            while (end >= 0 && text[end] is '.' or '!' or '?')
            {
                end--;
            }

            if (end < 0 || !QuoteMarks.IsMark(text[end]))
            {
                return text;
            }

            char mark = text[end];
            int count = 0;
            foreach (char c in text)
            {
                if (QuoteMarks.IsMark(c) && c is not '\'' and not '’')
                {
                    count++;
                }
            }

            return count == 1 && mark is not '\'' and not '’' ? text.Remove(end, 1) : text;
        }

        private static bool StartsWithDash(string text) => text.Length > 0 && text[0] is '—' or '―' or '–' or '~' || text.StartsWith("- ", StringComparison.Ordinal) || text.StartsWith("--", StringComparison.Ordinal);

        private static int WordCount(string text) => Attributions.CountWords(text);

        private static int CjkCount(string text) => CjkCount(text.AsSpan());

        private static int CjkCount(ReadOnlySpan<char> text)
        {
            // The four ranges lie within one: most texts have nothing in it, and a vectorized search says so.
            int first = text.IndexOfAnyInRange('\u3040', '\uD7AF');
            if (first < 0)
            {
                return 0;
            }

            int count = 0;
            foreach (char c in text[first..])
            {
                if (c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF')
                {
                    count++;
                }
            }

            return count;
        }
    }
}

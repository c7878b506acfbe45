using System.Runtime.Intrinsics;
using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Search;

/// <summary>
/// Runs a parsed query over every segment. The full path is term-at-a-time: each clause scores the documents it
/// matches into a scratch array; documents that every clause matched (and no exclusion did) pass the filters, are
/// counted into facets and the best page is picked with a bounded heap. Without facets or exclusions a shorter path
/// skips the match list (see <see cref="Run"/>). Scratch arrays are kept per thread, so a query allocates little
/// beyond its results.
/// </summary>
internal static class Searcher
{
    private const float ExactWeight = 1.0f;
    private const float PrefixWeight = 0.8f;
    private const float OneEditWeight = 0.55f;
    private const float TwoEditWeight = 0.35f;
    private const int MaxPageSize = 100;
    private const int MaxHitsDeep = 10_000;
    private const int FacetLimit = 50;
    private const int MaxPrefixScan = 5_000;

    [ThreadStatic]
    private static Scratch? t_scratch;

    private sealed class Scratch(int size)
    {
        public float[] Scores = new float[size];
        public float[] Group = new float[size];
        public byte[] Counts = new byte[size];
        public List<int> Touched = new(256);
        public List<int> Candidates = new(256);
        public List<PhraseTermCursor> PhraseCursors = [];
        public List<BlockCursor> TermCursors = [];
        public int[] MatchesA = new int[PackedWriter.BlockSize];
        public int[] MatchesB = new int[PackedWriter.BlockSize];
        public uint[] Docs = new uint[PackedWriter.BlockSize];
        public uint[] Masks = new uint[PackedWriter.BlockSize];
        public uint[] Frequencies = new uint[PostingBlockReader.MaxFrequencies + PackedWriter.BlockSize];
        public int[] Offsets = new int[PackedWriter.BlockSize];
        public int[] BlockGlobals = new int[PackedWriter.BlockSize];
        public float[] BlockScores = new float[PackedWriter.BlockSize];
        public float[] Bounds = new float[32];
    }

    private readonly record struct Variant(string Term, float Weight);

    public static SearchResults Run(PostSearchIndex index, SearchRequest request)
    {
        SearchOptions options = index.Options;
        int pageSize = Math.Clamp(request.PageSize ?? options.PageSize, 1, MaxPageSize);
        int page = Math.Max(1, request.Page);
        ParsedQuery query = QueryParser.Parse(request.Query, index.Analyzer, options);
        if (query.Error is not null)
        {
            return new SearchResults { Query = request.Query, Error = query.Error, Page = page, PageSize = pageSize };
        }

        int total = index.TotalDocs;
        Scratch scratch = t_scratch is { } s && s.Scores.Length >= total ? s : new Scratch(Math.Max(total, 16));
        t_scratch = null;
        int positive = 0;
        foreach (QueryClause clause in query.Clauses)
        {
            positive += clause.Excluded ? 0 : 1;
        }

        // Without exclusions or facets nothing needs the whole match list: exact words are walked together, or else
        // the last clause's postings go straight into the page and each later clause looks only at posts every
        // earlier one matched.
        bool direct = !request.IncludeFacets && positive == query.Clauses.Count && positive > 0;
        SearchResults? results = Execute(index, request, query, positive, page, pageSize, scratch, direct, gated: true);
        if (results is null)
        {
            // No post holds every word: ranking those that hold most of them needs every clause scored in full.
            results = Execute(index, request, query, positive, page, pageSize, scratch, direct: false, gated: false)!;
        }

        t_scratch = scratch;
        return results;
    }

    /// <summary>
    /// Runs the query. When <paramref name="gated"/>, a clause after the first looks only at posts every earlier clause
    /// matched; then, if no post holds every word of a query of several, it returns <see langword="null"/> so the caller
    /// can rank partial matches the full way.
    /// </summary>
    private static SearchResults? Execute(PostSearchIndex index, SearchRequest request, ParsedQuery query, int positiveCount, int page, int pageSize,
        Scratch scratch, bool direct, bool gated)
    {
        bool typos = request.TypoTolerance ?? index.Options.TypoTolerance;
        var highlight = new Dictionary<string, int>(StringComparer.Ordinal);
        int positive = 0;

        List<int> candidates = scratch.Candidates;
        candidates.Clear();
        var collector = new TopCollector(index, (int)Math.Min((long)page * pageSize, MaxHitsDeep));
        var filter = new Filter(query, request, index);
        if (direct && positiveCount > 1 && IsConjunctionOfWords(query, typos))
        {
            Conjunction(index, query, scratch, highlight, filter, collector);
            return DirectResults(index, request, query, positiveCount, page, pageSize, highlight, collector);
        }

        foreach (QueryClause clause in query.Clauses)
        {
            if (clause.Excluded)
            {
                continue;
            }

            scratch.Touched.Clear();
            var gate = new Gate(gated && positive > 0 ? scratch.Counts : null, (byte)positive, scratch.Scores);
            bool last = direct && positive == positiveCount - 1;
            if (positive++ == 0 && !last)
            {
                // The first clause scores straight into the totals: nothing to add to yet.
                Evaluate(index, clause, typos, scratch, highlight, filter, scratch.Scores, candidates, gate, collector: null);
                if (query.Clauses.Count > 1 || filter.Any)
                {
                    // Counted so later clauses and the filters can tell who matched everything.
                    foreach (int doc in candidates)
                    {
                        scratch.Counts[doc] = 1;
                    }
                }

                continue;
            }

            Evaluate(index, clause, typos, scratch, highlight, filter, scratch.Group, scratch.Touched, gate, last ? collector : null);
            if (last)
            {
                break;
            }

            foreach (int doc in scratch.Touched)
            {
                if (scratch.Counts[doc] == 0)
                {
                    candidates.Add(doc);
                }

                scratch.Counts[doc]++;
                scratch.Scores[doc] += scratch.Group[doc];
                scratch.Group[doc] = 0;
            }
        }

        if (direct)
        {
            Reset(scratch, candidates);
            return DirectResults(index, request, query, positiveCount, page, pageSize, highlight, collector);
        }

        foreach (QueryClause clause in query.Clauses)
        {
            if (!clause.Excluded)
            {
                continue;
            }

            scratch.Touched.Clear();
            Evaluate(index, clause, typos: false, scratch, highlight: null, new Filter(null, null, null), scratch.Group, scratch.Touched, default, collector: null);
            foreach (int doc in scratch.Touched)
            {
                if (scratch.Counts[doc] == 0)
                {
                    candidates.Add(doc);
                }

                scratch.Counts[doc] = byte.MaxValue;
                scratch.Group[doc] = 0;
            }
        }

        bool excluding = positive < query.Clauses.Count;
        List<int> matches = positive == 1 && !excluding && !filter.Any ? candidates : [];
        bool all = true;
        if (ReferenceEquals(matches, candidates))
        {
            // One clause, no exclusion, no filter: every document it scored matches.
        }
        else if (positive == 0)
        {
            // Filters only (or exclusions only): every live post that passes, newest first.
            for (int seg = 0; seg < index.Segments.Length; seg++)
            {
                for (int d = 0; d < index.Segments[seg].DocCount; d++)
                {
                    int g = index.Bases[seg] + d;
                    if (index.IsLive(seg, d) && scratch.Counts[g] != byte.MaxValue && filter.Passes(seg, d))
                    {
                        matches.Add(g);
                    }
                }
            }
        }
        else
        {
            foreach (int g in candidates)
            {
                if (scratch.Counts[g] == positive && (!filter.Any || filter.Passes(g)))
                {
                    matches.Add(g);
                }
            }

            if (matches.Count == 0 && positive > 1 && gated)
            {
                // Later clauses saw only posts that held the earlier ones: partial matches need the full run.
                Reset(scratch, candidates);
                return null;
            }

            if (matches.Count == 0 && positive > 1)
            {
                // Nobody holds every word: rank those that hold most of them, more words first.
                all = false;
                foreach (int g in candidates)
                {
                    byte count = scratch.Counts[g];
                    if (count is > 0 and < byte.MaxValue && filter.Passes(g))
                    {
                        scratch.Scores[g] += count * 1000f;
                        matches.Add(g);
                    }
                }
            }
        }

        foreach (int g in matches)
        {
            collector.Add(g, scratch.Scores[g]);
        }

        SearchResults results = Build(index, request, query, matches.Count, matches, collector.Sorted(), page, pageSize, highlight, all);
        Reset(scratch, candidates);
        return results;
    }

    /// <summary>The page the direct path collected, or <see langword="null"/> when no post holds every word of a query of several.</summary>
    private static SearchResults? DirectResults(PostSearchIndex index, SearchRequest request, ParsedQuery query, int positiveCount, int page, int pageSize,
        Dictionary<string, int> highlight, TopCollector collector) =>
        collector.Count == 0 && positiveCount > 1 ? null
            : Build(index, request, query, collector.Count, matches: null, collector.Sorted(), page, pageSize, highlight, all: true);

    /// <summary>Zeroes what the query left in the scratch arrays, so the next query starts clean.</summary>
    private static void Reset(Scratch scratch, List<int> candidates)
    {
        byte[] counts = scratch.Counts;
        float[] totals = scratch.Scores;
        foreach (int g in candidates)
        {
            counts[g] = 0;
            totals[g] = 0;
        }

        candidates.Clear();
    }

    private static SearchResults Build(PostSearchIndex index, SearchRequest request, ParsedQuery query, int count, List<int>? matches,
        (int Doc, float Score)[] top, int page, int pageSize, Dictionary<string, int> highlight, bool all)
    {
        var hits = new List<SearchHit>(pageSize);
        int first = (page - 1) * pageSize;
        Highlighter? highlighter = request.IncludeSnippets ? new Highlighter(highlight) : null;
        for (int i = first; i < top.Length && i < first + pageSize; i++)
        {
            int seg = index.SegmentOf(top[i].Doc);
            Post post = index.Segments[seg].Posts[top[i].Doc - index.Bases[seg]];
            string title = highlighter?.MarkAll(post.Title, index.Analyzer) ?? post.Title;
            string snippet = highlighter?.Snippet(post.PlainText.Length > 0 ? post.PlainText : post.ExcerptText, index.Analyzer, index.Options.SnippetLength) ?? string.Empty;
            hits.Add(new SearchHit(post, top[i].Score, title, snippet));
        }

        var results = new SearchResults
        {
            Query = request.Query,
            TotalCount = count,
            MatchedAllTerms = all,
            Page = page,
            PageSize = pageSize,
            Hits = hits,
            DidYouMean = count == 0 ? DidYouMean(index, request.Query, query) : null,
        };
        return request.IncludeFacets && matches is not null ? Facets(index, matches, results) : results;
    }

    /// <summary>
    /// Scores one clause. Each matching post's score goes to <paramref name="target"/> (its id to <paramref name="touched"/>),
    /// or, with a <paramref name="collector"/>, added to the post's earlier total and offered to the page. Posts the
    /// <paramref name="gate"/> shuts are not scored.
    /// </summary>
    private static void Evaluate(PostSearchIndex index, QueryClause clause, bool typos, Scratch scratch, Dictionary<string, int>? highlight,
        Filter filter, float[] target, List<int> touched, Gate gate, TopCollector? collector)
    {
        if (clause.IsPhrase)
        {
            if (highlight is not null)
            {
                foreach (string term in clause.Terms)
                {
                    highlight.TryAdd(term, highlight.Count);
                }
            }

            EvaluatePhrase(index, clause, filter, target, touched, scratch, gate);
            Collect(filter, target, touched, gate, collector);
            return;
        }

        List<Variant> variants = Variants(index, clause, typos);
        if (highlight is not null)
        {
            foreach (Variant variant in variants)
            {
                highlight.TryAdd(variant.Term, highlight.Count);
            }
        }

        // Variants share one idf (of the most frequent), so a rare misspelling cannot outrank the word itself.
        int maxDf = 0;
        foreach (Variant variant in variants)
        {
            maxDf = Math.Max(maxDf, DocFreq(index, variant.Term));
        }

        if (maxDf == 0)
        {
            return;
        }

        var scorer = new Scorer(index, clause.FieldMask);
        float idf = Idf(index, maxDf);
        // One variant scores each post once, so its postings can go to the page as they are read; several must first
        // settle each post's best variant.
        TopCollector? straight = variants.Count == 1 ? collector : null;
        for (int seg = 0; seg < index.Segments.Length; seg++)
        {
            Segment segment = index.Segments[seg];
            foreach (Variant variant in variants)
            {
                int id = segment.Find(variant.Term);
                if (id < 0)
                {
                    continue;
                }

                if (index.Options.Scoring == SearchScoring.PerFieldBm25)
                {
                    scorer.PrepareFieldIdf(index, variant.Term);
                }

                var postings = new TermPostings(segment, seg, id, index.Deleted[seg], index.Bases[seg], clause.FieldMask, variant.Weight, idf);
                if (straight is not null)
                {
                    var sink = new PageSink(straight, gate);
                    ScorePostings(postings, scorer, filter, gate, filter.Any, scratch, ref sink);
                }
                else
                {
                    var sink = new ClauseSink(target, touched);
                    ScorePostings(postings, scorer, filter, gate, otherFilters: false, scratch, ref sink);
                }
            }
        }

        if (straight is null)
        {
            Collect(filter, target, touched, gate, collector);
        }
    }

    /// <summary>One term's postings in one segment, and what scoring them needs.</summary>
    private readonly record struct TermPostings(Segment Segment, int SegmentIndex, int Term, ulong[]? Deleted, int DocBase, int FieldMask, float Weight, float Idf);

    /// <summary>Where a block of scored postings goes.</summary>
    private interface IScoreSink
    {
        /// <summary>The score a posting must reach to change anything; lower ones may be given as 0.</summary>
        float Floor { get; }

        /// <summary>Takes a block's scored postings: global ids and scores.</summary>
        void Take(int[] globals, float[] scores, int count);
    }

    /// <summary>Straight to the page, added to the post's earlier total.</summary>
    private readonly struct PageSink(TopCollector collector, Gate gate) : IScoreSink
    {
        /// <summary>The page's worst score once the page is full, when no earlier word adds to the score.</summary>
        public float Floor => gate.Shuts ? float.NegativeInfinity : collector.Threshold;

        public void Take(int[] globals, float[] scores, int count)
        {
            for (int i = 0; i < count; i++)
            {
                collector.Add(globals[i], gate.Total(globals[i]) + scores[i]);
            }
        }
    }

    /// <summary>Into the clause's scores, keeping a post's best variant.</summary>
    private readonly struct ClauseSink(float[] target, List<int> touched) : IScoreSink
    {
        public float Floor => float.NegativeInfinity;

        public void Take(int[] globals, float[] scores, int count)
        {
            for (int i = 0; i < count; i++)
            {
                float score = scores[i];
                int global = globals[i];
                float current = target[global];
                if (current == 0)
                {
                    touched.Add(global);
                    target[global] = score;
                }
                else if (score > current)
                {
                    target[global] = score;
                }
            }
        }
    }

    /// <summary>
    /// Every posting of a term in a segment, a block at a time: decoded, screened (postings that are deleted, outside
    /// the clause's fields or the filters, or shut by the gate are dropped), scored, then handed to the sink. Each step
    /// is a short loop of its own, so its state stays in registers; generic over the sink so each kind gets its own
    /// compiled loop.
    /// </summary>
    private static void ScorePostings<TSink>(TermPostings postings, Scorer scorer, Filter filter, Gate gate, bool otherFilters, Scratch scratch, ref TSink sink)
        where TSink : struct, IScoreSink
    {
        var reader = new PostingBlockReader(postings.Segment, postings.Term);
        float[]? bounds = null;
        // Nothing to check posting by posting: the common case only scores.
        bool plain = postings.Deleted is null && !filter.HasDates && !gate.Shuts && !otherFilters && postings.FieldMask == SearchFields.AllMask;
        // Posts in date order put a date range's matches in one run of ids: blocks before it are not screened, and
        // reading stops after it.
        (int start, int end) = filter.DateWindow(postings.Segment);
        int count;
        while (start < end && (count = reader.Next(scratch.Docs, scratch.Masks, scratch.Frequencies, scratch.Offsets)) > 0)
        {
            if ((int)scratch.Docs[count - 1] < start)
            {
                continue;
            }

            if ((int)scratch.Docs[0] >= end)
            {
                break;
            }

            if (!plain)
            {
                count = Screen(postings, filter, gate, otherFilters, scratch, count);
            }

            float floor = sink.Floor;
            if (floor > 0 && scorer.BodyOnly && bounds is null)
            {
                // The best score each small frequency can reach in the body: at the segment's shortest body.
                bounds = scratch.Bounds;
                for (int tf = 1; tf < bounds.Length; tf++)
                {
                    bounds[tf] = Math.Max(postings.Weight * scorer.ScoreBody(postings.Idf, tf, postings.Segment.ShortestBody), float.Epsilon);
                }
            }

            ScoreBlock(postings, scorer, scratch, count, floor > 0 ? bounds : null, floor);
            sink.Take(scratch.BlockGlobals, scratch.BlockScores, count);
        }
    }

    /// <summary>
    /// Keeps the block's postings that are live, in the clause's fields, within the filters and let through by the
    /// gate, moved to the front of the block's arrays; returns how many.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int Screen(TermPostings postings, Filter filter, Gate gate, bool otherFilters, Scratch scratch, int count)
    {
        uint[] docs = scratch.Docs, masks = scratch.Masks;
        int[] offsets = scratch.Offsets;
        long[] dates = postings.Segment.Dates;
        ulong[]? deleted = postings.Deleted;
        int fieldMask = postings.FieldMask, seg = postings.SegmentIndex, docBase = postings.DocBase;
        bool hasDates = filter.HasDates;
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            int doc = (int)docs[i];
            uint mask = masks[i];
            if (((int)mask & fieldMask) == 0 || (deleted is not null && PostSearchIndex.IsSet(deleted, doc))
                || (hasDates && !filter.InDates(dates[doc])) || !gate.Open(docBase + doc) || (otherFilters && !filter.Passes(seg, doc)))
            {
                continue;
            }

            docs[kept] = (uint)doc;
            masks[kept] = mask;
            offsets[kept++] = offsets[i];
        }

        return kept;
    }

    /// <summary>Scores a block's postings: global ids to <see cref="Scratch.BlockGlobals"/>, weighted scores (at least <see cref="float.Epsilon"/>) to <see cref="Scratch.BlockScores"/>.</summary>
    /// <remarks>
    /// With <paramref name="bounds"/> (the best score of each small body frequency), a body-only posting whose bound is
    /// below <paramref name="floor"/> cannot reach the page: it scores 0 without its length being read. The bound is
    /// the same computation at the shortest body, and every step of it grows or shrinks with the length the same way,
    /// so it is never below the posting's real score.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ScoreBlock(TermPostings postings, Scorer scorer, Scratch scratch, int count, float[]? bounds, float floor)
    {
        uint[] docs = scratch.Docs, masks = scratch.Masks, frequencies = scratch.Frequencies;
        int[] offsets = scratch.Offsets, globals = scratch.BlockGlobals;
        float[] scores = scratch.BlockScores;
        int docBase = postings.DocBase;
        float weight = postings.Weight, idf = postings.Idf;
        for (int i = 0; i < count && i < docs.Length && i < masks.Length && i < offsets.Length && i < globals.Length && i < scores.Length; i++)
        {
            int doc = (int)docs[i];
            int mask = (int)masks[i];
            globals[i] = docBase + doc;
            if (bounds is not null && mask == SearchFields.BodyMask && frequencies[offsets[i]] < (uint)bounds.Length && bounds[frequencies[offsets[i]]] < floor)
            {
                scores[i] = 0;
                continue;
            }

            scores[i] = Math.Max(ScoreOne(scorer, idf, weight, postings.Segment, doc, mask, frequencies, offsets[i]), float.Epsilon);
        }
    }

    /// <summary>Whether every clause is one word that stands for itself alone: no phrase, prefix, exclusion or typo variants.</summary>
    private static bool IsConjunctionOfWords(ParsedQuery query, bool typos)
    {
        foreach (QueryClause clause in query.Clauses)
        {
            if (clause.IsPhrase || clause.Prefix || clause.Excluded || MayHaveTypoVariants(clause, typos))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Several words, each standing for itself: their postings are walked together, document by document, and only
    /// the posts that hold every word are scored (each word's score added in the query's order, as the clause-by-clause
    /// path adds them) and offered to the page.
    /// </summary>
    private static void Conjunction(PostSearchIndex index, ParsedQuery query, Scratch scratch, Dictionary<string, int> highlight, Filter filter, TopCollector collector)
    {
        int k = query.Clauses.Count;
        var scorers = new Scorer[k];
        var idfs = new float[k];
        for (int t = 0; t < k; t++)
        {
            QueryClause clause = query.Clauses[t];
            string term = clause.Terms[0];
            highlight.TryAdd(term, highlight.Count);
            int df = DocFreq(index, term);
            if (df == 0)
            {
                return;
            }

            scorers[t] = new Scorer(index, clause.FieldMask);
            if (index.Options.Scoring == SearchScoring.PerFieldBm25)
            {
                scorers[t].PrepareFieldIdf(index, term);
            }

            idfs[t] = Idf(index, df);
        }

        List<BlockCursor> cursors = scratch.TermCursors;
        while (cursors.Count < k)
        {
            cursors.Add(new BlockCursor());
        }

        bool otherFilters = filter.Any;
        for (int seg = 0; seg < index.Segments.Length; seg++)
        {
            Segment segment = index.Segments[seg];
            bool present = true;
            for (int t = 0; t < k && present; t++)
            {
                int id = segment.Find(query.Clauses[t].Terms[0]);
                present = id >= 0;
                if (present)
                {
                    cursors[t].Reset(segment, id);
                }
            }

            if (!present)
            {
                continue;
            }

            (int start, int end) = filter.DateWindow(segment);
            if (k == 2)
            {
                ConjoinTwo(index, seg, query, scorers, idfs, cursors[0], cursors[1], start, end, filter, scratch, collector);
                continue;
            }

            int target = start;
            while (target < end)
            {
                // Line every word up on one document: the furthest ahead sets the target until all agree.
                bool aligned = false;
                while (!aligned && target < end)
                {
                    aligned = true;
                    for (int t = 0; t < k; t++)
                    {
                        BlockCursor cursor = cursors[t];
                        cursor.AdvanceTo(target);
                        if (cursor.Doc != target)
                        {
                            target = cursor.Doc;
                            aligned = false;
                            break;
                        }
                    }
                }

                if (!aligned || target >= end)
                {
                    break;
                }

                if (index.IsLive(seg, target) && (!otherFilters || filter.Passes(seg, target)))
                {
                    float total = 0;
                    bool all = true;
                    for (int t = 0; t < k && all; t++)
                    {
                        BlockCursor cursor = cursors[t];
                        all = Accumulate(query.Clauses[t], scorers[t], idfs[t], segment, target, cursor, cursor.Index, t == 0, ref total);
                    }

                    if (all)
                    {
                        collector.Add(index.Bases[seg] + target, total);
                    }
                }

                target++;
            }
        }
    }

    /// <summary>
    /// Adds a word's score for a post to <paramref name="total"/> (or starts it, for the first word); false when the
    /// posting is outside the word's fields, so the post does not hold every word.
    /// </summary>
    private static bool Accumulate(QueryClause clause, Scorer scorer, float idf, Segment segment, int doc, BlockCursor cursor, int at, bool first, ref float total)
    {
        int mask = (int)cursor.Masks[at];
        if ((mask & clause.FieldMask) == 0)
        {
            return false;
        }

        float score = Math.Max(ScoreOne(scorer, idf, ExactWeight, segment, doc, mask, cursor.Frequencies, cursor.Offsets[at]), float.Epsilon);
        total = first ? score : total + score;
        return true;
    }

    /// <summary>
    /// Two words: each pair of decoded blocks is merged without branches (both positions step on the smaller document,
    /// a match is kept when they are equal), then the matches are scored.
    /// </summary>
    private static void ConjoinTwo(PostSearchIndex index, int seg, ParsedQuery query, Scorer[] scorers, float[] idfs, BlockCursor a, BlockCursor b,
        int start, int end, Filter filter, Scratch scratch, TopCollector collector)
    {
        Segment segment = index.Segments[seg];
        int docBase = index.Bases[seg];
        bool otherFilters = filter.Any;
        int[] matchesA = scratch.MatchesA, matchesB = scratch.MatchesB;
        a.AdvanceTo(start);
        b.AdvanceTo(start);
        while (a.Doc < end && b.Doc < end)
        {
            uint[] docsA = a.Docs;
            int ia = a.Index, ib = b.Index;
            int n = Merge(docsA, ref ia, a.Count, b.Docs, ref ib, b.Count, matchesA, matchesB);
            for (int m = 0; m < n; m++)
            {
                int doc = (int)docsA[matchesA[m]];
                if (doc >= end)
                {
                    return;
                }

                float total = 0;
                if (index.IsLive(seg, doc) && (!otherFilters || filter.Passes(seg, doc))
                    && Accumulate(query.Clauses[0], scorers[0], idfs[0], segment, doc, a, matchesA[m], first: true, ref total)
                    && Accumulate(query.Clauses[1], scorers[1], idfs[1], segment, doc, b, matchesB[m], first: false, ref total))
                {
                    collector.Add(docBase + doc, total);
                }
            }

            a.MoveTo(ia);
            b.MoveTo(ib);
        }
    }

    /// <summary>
    /// The documents two sorted blocks share, from <paramref name="ia"/> and <paramref name="ib"/> until either block
    /// ends: their places go to <paramref name="matchesA"/> and <paramref name="matchesB"/>, ascending; returns how
    /// many. With vectors, four documents of each side are compared at once; the rest, one by one, step both places on
    /// the smaller document, so the loop has no branch to mispredict. It is a method of its own so its few variables
    /// stay in registers.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    internal static int Merge(uint[] docsA, ref int ia, int na, uint[] docsB, ref int ib, int nb, int[] matchesA, int[] matchesB)
    {
        // Reads stay below the capped ends and writes below the match arrays' lengths, checked in each loop's
        // condition: blocks of ascending documents never reach that bound, but a damaged block must not write past it.
        na = Math.Clamp(na, 0, docsA.Length);
        nb = Math.Clamp(nb, 0, docsB.Length);
        int most = Math.Min(matchesA.Length, matchesB.Length);
        int i = Math.Clamp(ia, 0, na), j = Math.Clamp(ib, 0, nb), n = 0;
        ref uint a = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(docsA);
        ref uint b = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(docsB);
        ref int outA = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(matchesA);
        ref int outB = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(matchesB);
        if (Vector128.IsHardwareAccelerated)
        {
            // Four documents of each side at a time, every one against every one (the second side rotated three
            // times); the side whose last document is not past the other's moves on by four, as both do when equal.
            while (i + 4 <= na && j + 4 <= nb && n + 4 <= most)
            {
                var x = Vector128.LoadUnsafe(ref a, (nuint)i);
                var y = Vector128.LoadUnsafe(ref b, (nuint)j);
                var equal = Vector128.Equals(x, y)
                    | Vector128.Equals(x, Vector128.Shuffle(y, Vector128.Create(1u, 2, 3, 0)))
                    | Vector128.Equals(x, Vector128.Shuffle(y, Vector128.Create(2u, 3, 0, 1)))
                    | Vector128.Equals(x, Vector128.Shuffle(y, Vector128.Create(3u, 0, 1, 2)));
                uint inA = equal.ExtractMostSignificantBits();
                if (inA != 0)
                {
                    var equalB = Vector128.Equals(y, x)
                        | Vector128.Equals(y, Vector128.Shuffle(x, Vector128.Create(1u, 2, 3, 0)))
                        | Vector128.Equals(y, Vector128.Shuffle(x, Vector128.Create(2u, 3, 0, 1)))
                        | Vector128.Equals(y, Vector128.Shuffle(x, Vector128.Create(3u, 0, 1, 2)));
                    uint inB = equalB.ExtractMostSignificantBits();

                    // Both sides ascend, so their matching lanes pair up in order.
                    while (inA != 0 && inB != 0)
                    {
                        System.Runtime.CompilerServices.Unsafe.Add(ref outA, n) = i + System.Numerics.BitOperations.TrailingZeroCount(inA);
                        System.Runtime.CompilerServices.Unsafe.Add(ref outB, n) = j + System.Numerics.BitOperations.TrailingZeroCount(inB);
                        n++;
                        inA &= inA - 1;
                        inB &= inB - 1;
                    }
                }

                uint lastA = x.GetElement(3), lastB = y.GetElement(3);
                i += lastA <= lastB ? 4 : 0;
                j += lastB <= lastA ? 4 : 0;
            }
        }

        while (i < na && j < nb && n < most)
        {
            uint x = System.Runtime.CompilerServices.Unsafe.Add(ref a, i);
            uint y = System.Runtime.CompilerServices.Unsafe.Add(ref b, j);
            System.Runtime.CompilerServices.Unsafe.Add(ref outA, n) = i;
            System.Runtime.CompilerServices.Unsafe.Add(ref outB, n) = j;
            n += x == y ? 1 : 0;
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }

        ia = i;
        ib = j;
        return n;
    }

    /// <summary>A posting's weighted score: most postings are in the body alone, one field to weigh with no per-field branches; the rest are scored field by field.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static float ScoreOne(Scorer scorer, float idf, float weight, Segment segment, int doc, int mask, uint[] frequencies, int at) =>
        weight * (mask == SearchFields.BodyMask && scorer.BodyOnly
            ? scorer.ScoreBody(idf, (int)frequencies[at], segment.FieldLengths[(doc * SearchFields.Count) + SearchFields.Body])
            : ScoreFields(scorer, idf, segment, doc, mask, frequencies.AsSpan(at)));

    /// <summary>Offers the posts a clause scored into <paramref name="scores"/> to the page, with their earlier totals, and clears their scores.</summary>
    private static void Collect(Filter filter, float[] scores, List<int> touched, Gate gate, TopCollector? collector)
    {
        if (collector is null)
        {
            return;
        }

        bool filtered = filter.Any;
        foreach (int g in touched)
        {
            if (!filtered || filter.Passes(g))
            {
                collector.Add(g, gate.Total(g) + scores[g]);
            }

            scores[g] = 0;
        }
    }

    /// <summary>Scores a posting in several fields; <paramref name="frequencies"/> starts at its first field's.</summary>
    private static float ScoreFields(Scorer scorer, float idf, Segment segment, int doc, int mask, ReadOnlySpan<uint> frequencies)
    {
        if (scorer.Bm25F)
        {
            return scorer.ScoreBm25F(idf, segment, doc, mask, frequencies);
        }

        Span<int> tf = stackalloc int[SearchFields.Count];
        int at = 0;
        for (int field = 0; field < SearchFields.Count; field++)
        {
            tf[field] = (mask & (1 << field)) != 0 ? (int)frequencies[at++] : 0;
        }

        return scorer.Score(idf, segment, doc, tf[0], tf[1], tf[2], tf[3], tf[4]);
    }

    private static void EvaluatePhrase(PostSearchIndex index, QueryClause clause, Filter filter, float[] scores, List<int> touched, Scratch scratch, Gate gate)
    {
        int k = clause.Terms.Length;
        float idf = 0;
        foreach (string term in clause.Terms)
        {
            int df = DocFreq(index, term);
            if (df == 0)
            {
                return;
            }

            idf += Idf(index, df);
        }

        var scorer = new Scorer(index, clause.FieldMask);
        // Cursors hold a block's worth of buffers each: kept with the thread's scratch rather than made per query.
        List<PhraseTermCursor> kept = scratch.PhraseCursors;
        while (kept.Count < k)
        {
            kept.Add(new PhraseTermCursor());
        }

        var positions = new int[k][];
        var counts = new int[k];
        int[] matchesA = scratch.MatchesA, matchesB = scratch.MatchesB;

        Span<int> tf = stackalloc int[SearchFields.Count];
        for (int seg = 0; seg < index.Segments.Length; seg++)
        {
            Segment segment = index.Segments[seg];
            bool present = true;
            for (int t = 0; t < k && present; t++)
            {
                int id = segment.Find(clause.Terms[t]);
                present = id >= 0;
                if (present)
                {
                    kept[t].Reset(segment, id);
                }
            }

            if (!present)
            {
                continue;
            }

            // Most queries have no deletions, dates or earlier clauses to pass: then every post all words hold is checked.
            bool everyPost = index.Deleted[seg] is null && !filter.HasDates && !gate.Shuts;
            if (k == 2)
            {
                // Two terms: each pair of decoded blocks is merged without branches, then the posts both hold are checked.
                PhraseTermCursor a = kept[0], b = kept[1];
                while (a.Doc != int.MaxValue && b.Doc != int.MaxValue)
                {
                    int ia = a.Index, ib = b.Index;
                    int n = Merge(a.Docs, ref ia, a.Count, b.Docs, ref ib, b.Count, matchesA, matchesB);
                    for (int m = 0; m < n; m++)
                    {
                        int doc = (int)a.Docs[matchesA[m]];
                        if (everyPost || PhraseCandidate(index, seg, doc, filter, gate))
                        {
                            int found;
                            int ma = matchesA[m], mb = matchesB[m], maskB = 0;
                            ReadOnlySpan<uint> runA = a.Run(ma, out int maskA);
                            ReadOnlySpan<uint> runB = runA.IsEmpty ? default : b.Run(mb, out maskB);
                            if (!runB.IsEmpty)
                            {
                                // Most postings' positions lie in one decoded block: counted from the block's values.
                                found = CountRuns(runA, maskA, a.Frequencies.AsSpan(a.Offsets[ma]), runB, maskB, b.Frequencies.AsSpan(b.Offsets[mb]),
                                    clause.Offsets[1], clause.FieldMask, tf);
                            }
                            else
                            {
                                // Read before the arrays are taken: reading may grow them.
                                int countA = a.ReadPositions(ma);
                                int countB = b.ReadPositions(mb);
                                found = CountTwoTermPhrase(a.Positions, countA, b.Positions, countB, clause.Offsets[1], clause.FieldMask, tf);
                            }

                            AddPhraseMatch(index, seg, doc, found, idf, scorer, tf, scores, touched);
                        }
                    }

                    a.MoveTo(ia);
                    b.MoveTo(ib);
                }

                continue;
            }

            while (true)
            {
                // Line every term up on one document: the furthest ahead sets the target until all agree.
                int target = kept[0].Doc;
                bool aligned = false;
                while (!aligned && target != int.MaxValue)
                {
                    aligned = true;
                    for (int t = 0; t < k; t++)
                    {
                        kept[t].AdvanceTo(target);
                        if (kept[t].Doc != target)
                        {
                            target = kept[t].Doc;
                            aligned = false;
                            break;
                        }
                    }
                }

                if (target == int.MaxValue)
                {
                    break;
                }

                if (everyPost || PhraseCandidate(index, seg, target, filter, gate))
                {
                    for (int t = 0; t < k; t++)
                    {
                        counts[t] = kept[t].ReadPositions(kept[t].Index);
                        positions[t] = kept[t].Positions;
                    }

                    int found = CountPhrase(positions, counts, clause.Offsets, clause.FieldMask, tf);
                    AddPhraseMatch(index, seg, target, found, idf, scorer, tf, scores, touched);
                }

                kept[0].MoveTo(kept[0].Index + 1);
            }
        }
    }

    private static bool PhraseCandidate(PostSearchIndex index, int seg, int doc, Filter filter, Gate gate) =>
        index.IsLive(seg, doc) && (!filter.HasDates || filter.InDates(index.Segments[seg].Dates[doc])) && gate.Open(index.Bases[seg] + doc);

    private static void AddPhraseMatch(PostSearchIndex index, int seg, int doc, int found, float idf, Scorer scorer, Span<int> tf, float[] scores, List<int> touched)
    {
        if (found > 0)
        {
            float score = scorer.Score(idf, index.Segments[seg], doc, tf[0], tf[1], tf[2], tf[3], tf[4]);
            int g = index.Bases[seg] + doc;
            touched.Add(g);
            scores[g] = Math.Max(score, float.Epsilon);
        }
    }

    /// <summary>
    /// Counts, per field into <paramref name="tf"/>, the places where the second term follows the first at
    /// <paramref name="offset"/>: both position lists are ascending, so one pass over each.
    /// </summary>
    private static int CountTwoTermPhrase(int[] first, int firstCount, int[] second, int secondCount, int offset, int fieldMask, Span<int> tf)
    {
        ClearFrequencies(tf);
        int found = 0;
        int j = 0;
        firstCount = Math.Min(firstCount, first.Length);
        secondCount = Math.Min(secondCount, second.Length);
        for (int i = 0; i < firstCount && j < secondCount; i++)
        {
            int start = first[i];
            int wanted = start + offset;
            while (j < secondCount && second[j] < wanted)
            {
                j++;
            }

            if (j < secondCount && second[j] == wanted)
            {
                int field = start >> SearchFields.PositionShift;
                if ((fieldMask & (1 << field)) != 0)
                {
                    tf[field]++;
                    found++;
                }
            }
        }

        return found;
    }

    /// <summary>
    /// <see cref="CountTwoTermPhrase"/> for two postings' runs as <see cref="PhraseTermCursor.Run"/> gives them: field by
    /// field, each field's frequency first in <paramref name="frequenciesA"/> and <paramref name="frequenciesB"/>.
    /// </summary>
    internal static int CountRuns(ReadOnlySpan<uint> runA, int maskA, ReadOnlySpan<uint> frequenciesA, ReadOnlySpan<uint> runB, int maskB,
        ReadOnlySpan<uint> frequenciesB, int offset, int fieldMask, Span<int> tf)
    {
        int common = maskA & maskB & fieldMask;
        if (common == 0)
        {
            return 0;
        }

        if (maskA == SearchFields.BodyMask && maskB == SearchFields.BodyMask)
        {
            int inBody = CountRunPhrase(runA, runB, offset);
            if (inBody > 0)
            {
                ClearFrequencies(tf);
                tf[SearchFields.Body] = inBody;
            }

            return inBody;
        }

        ClearFrequencies(tf);
        int found = 0, atA = 0, atB = 0, fa = 0, fb = 0;
        for (int rest = maskA | maskB; rest != 0; rest &= rest - 1)
        {
            int field = System.Numerics.BitOperations.TrailingZeroCount(rest);
            int bit = 1 << field;
            int lengthA = (maskA & bit) != 0 ? (int)frequenciesA[fa++] : 0;
            int lengthB = (maskB & bit) != 0 ? (int)frequenciesB[fb++] : 0;
            if ((common & bit) != 0 && lengthA > 0 && lengthB > 0)
            {
                int inField = CountRunPhrase(runA.Slice(atA, lengthA), runB.Slice(atB, lengthB), offset);
                tf[field] = inField;
                found += inField;
            }

            atA += lengthA;
            atB += lengthB;
        }

        return found;
    }

    /// <summary>
    /// <see cref="CountTwoTermPhrase"/> for two runs of one field: the first value is a position from the field's base,
    /// each next one the gap to the next position less one.
    /// </summary>
    internal static int CountRunPhrase(ReadOnlySpan<uint> first, ReadOnlySpan<uint> second, int offset)
    {
        int found = 0;
        int wantedAt = (int)second[0];
        int next = 1;
        int position = -1;
        foreach (uint gap in first)
        {
            position += 1 + (int)gap;
            int wanted = position + offset;
            while (wantedAt < wanted)
            {
                if (next == second.Length)
                {
                    return found;
                }

                wantedAt += 1 + (int)second[next++];
            }

            if (wantedAt == wanted)
            {
                found++;
            }
        }

        return found;
    }

    /// <summary>Zeroes the per-field counts: five stores, where <see cref="Span{T}.Clear"/> is a call.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void ClearFrequencies(Span<int> tf)
    {
        for (int f = 0; f < tf.Length; f++)
        {
            tf[f] = 0;
        }
    }

    private static int CountPhrase(int[][] positions, int[] counts, int[] offsets, int fieldMask, Span<int> tf)
    {
        ClearFrequencies(tf);
        int found = 0;
        int[] first = positions[0];
        for (int i = 0; i < counts[0]; i++)
        {
            int start = first[i];
            int field = start >> SearchFields.PositionShift;
            if ((fieldMask & (1 << field)) == 0)
            {
                continue;
            }

            bool match = true;
            for (int t = 1; t < positions.Length && match; t++)
            {
                match = positions[t].AsSpan(0, counts[t]).BinarySearch(start + offsets[t]) >= 0;
            }

            if (match)
            {
                tf[field]++;
                found++;
            }
        }

        return found;
    }

    /// <summary>Whether typo tolerance looks for near words: it is on, the word is long enough to allow an edit, and not too long to compare.</summary>
    private static bool MayHaveTypoVariants(QueryClause clause, bool typos) =>
        typos && Fuzzy.AllowedEdits(clause.TypedLength) > 0 && clause.Terms[0].Length <= Fuzzy.MaxWordLength;

    private static List<Variant> Variants(PostSearchIndex index, QueryClause clause, bool typos)
    {
        string word = clause.Terms[0];
        var variants = new List<Variant>();
        if (clause.Prefix)
        {
            var found = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (Segment segment in index.Segments)
            {
                // Words as written that start with the prefix, mapped to their terms ("deploym*" finds "deploy").
                TermTable surfaces = segment.Surfaces;
                int lo = surfaces.LowerBound(word);
                int hi = Math.Min(surfaces.PrefixEnd(word, lo), lo + MaxPrefixScan);
                for (int id = lo; id < hi; id++)
                {
                    int term = segment.SurfaceTerms[id];
                    found.TryAdd(segment.Term(term).ToString(), segment.DocFreqs[term]);
                }

                lo = segment.Terms.LowerBound(word);
                hi = Math.Min(segment.Terms.PrefixEnd(word, lo), lo + MaxPrefixScan);
                for (int id = lo; id < hi; id++)
                {
                    found.TryAdd(segment.Term(id).ToString(), segment.DocFreqs[id]);
                }
            }

            var ordered = new List<KeyValuePair<string, int>>(found);
            ordered.Sort(static (a, b) => b.Value != a.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
            for (int i = 0; i < ordered.Count && i < index.Options.MaxExpansions; i++)
            {
                variants.Add(new Variant(ordered[i].Key, ordered[i].Key == word ? ExactWeight : PrefixWeight));
            }

            return variants;
        }

        variants.Add(new Variant(word, ExactWeight));
        if (!MayHaveTypoVariants(clause, typos))
        {
            return variants;
        }

        int edits = Fuzzy.AllowedEdits(clause.TypedLength);

        var near = Near(index, clause.Folded, edits);
        near.Remove(word);
        var candidates = new List<KeyValuePair<string, (int Distance, int Df)>>(near);
        candidates.Sort(static (a, b) => a.Value.Distance != b.Value.Distance ? a.Value.Distance.CompareTo(b.Value.Distance)
            : a.Value.Df != b.Value.Df ? b.Value.Df.CompareTo(a.Value.Df) : string.CompareOrdinal(a.Key, b.Key));
        for (int i = 0; i < candidates.Count && i < index.Options.MaxExpansions; i++)
        {
            variants.Add(new Variant(candidates[i].Key, candidates[i].Value.Distance == 1 ? OneEditWeight : TwoEditWeight));
        }

        return variants;
    }

    /// <summary>Terms with a written form within <paramref name="edits"/> of the typed word: the closest distance and the term's document frequency.</summary>
    private static Dictionary<string, (int Distance, int Df)> Near(PostSearchIndex index, string typed, int edits)
    {
        var near = new Dictionary<string, (int Distance, int Df)>(StringComparer.Ordinal);
        var list = new List<(int Term, int Distance)>();
        foreach (Segment segment in index.Segments)
        {
            list.Clear();
            Fuzzy.Expand(segment.Surfaces, typed, edits, list, 2_000);
            foreach ((int surface, int distance) in list)
            {
                int id = segment.SurfaceTerms[surface];
                string term = segment.Term(id).ToString();
                near[term] = near.TryGetValue(term, out var seen)
                    ? (Math.Min(seen.Distance, distance), seen.Df + segment.DocFreqs[id])
                    : (distance, segment.DocFreqs[id]);
            }
        }

        return near;
    }

    internal static int DocFreq(PostSearchIndex index, ReadOnlySpan<char> term)
    {
        int df = 0;
        foreach (Segment segment in index.Segments)
        {
            int id = segment.Find(term);
            if (id >= 0)
            {
                df += segment.DocFreqs[id];
            }
        }

        return df;
    }

    private static float Idf(PostSearchIndex index, int df)
    {
        int n = Math.Max(index.Count, 1);
        df = Math.Min(df, n);
        return (float)Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
    }

    /// <summary>BM25F, or Lucene-style per-field BM25, for one posting.</summary>
    private sealed class Scorer
    {
        private readonly float[] _weights = new float[SearchFields.Count];
        private readonly float[] _inverseAverage = new float[SearchFields.Count];
        private readonly float[] _fieldIdf = new float[SearchFields.Count];
        private readonly float _k1;
        private readonly float _b;
        private readonly bool _perField;
        private readonly float _bodyWeight;
        private readonly float _bodyInverseAverage;

        public Scorer(PostSearchIndex index, int fieldMask)
        {
            SearchOptions o = index.Options;
            double[] weights = [o.TitleWeight, o.ExcerptWeight, o.TagWeight, o.CategoryWeight, o.BodyWeight];
            int n = Math.Max(index.Count, 1);
            for (int f = 0; f < SearchFields.Count; f++)
            {
                _weights[f] = (fieldMask & (1 << f)) != 0 ? (float)weights[f] : 0f;
                double average = (double)index.LengthSums[f] / n;
                _inverseAverage[f] = average > 0 ? (float)(1 / average) : 0f;
            }

            _k1 = (float)o.K1;
            _b = (float)o.B;
            _perField = o.Scoring == SearchScoring.PerFieldBm25;
            BodyOnly = !_perField && _weights[SearchFields.Body] > 0;
            _bodyWeight = _weights[SearchFields.Body];
            _bodyInverseAverage = _inverseAverage[SearchFields.Body];
        }

        /// <summary>Whether <see cref="ScoreBody"/> scores a body-only posting as <see cref="Score"/> would.</summary>
        public bool BodyOnly { get; }

        /// <summary><see cref="Score"/> for a posting in the body alone (BM25F only).</summary>
        public float ScoreBody(float idf, int tf, int length)
        {
            // weighted / (k1 + weighted) with weighted = w·tf / norm, multiplied through by norm: one division, not two.
            float norm = 1 - _b + (_b * length * _bodyInverseAverage);
            float weighted = _bodyWeight * tf;
            return idf * weighted * (_k1 + 1) / ((_k1 * norm) + weighted);
        }

        /// <summary>Whether the scores are BM25F (<see cref="ScoreBm25F"/> applies), not per-field BM25.</summary>
        public bool Bm25F => !_perField;

        /// <summary>
        /// <see cref="Score"/> in BM25F for a posting in the fields of <paramref name="mask"/>, whose frequencies (in field
        /// order) start <paramref name="frequencies"/>: the same sums in the same order, without spreading them into five.
        /// </summary>
        public float ScoreBm25F(float idf, Segment segment, int doc, int mask, ReadOnlySpan<uint> frequencies)
        {
            int row = doc * SearchFields.Count;
            int[] lengths = segment.FieldLengths;
            float weighted = 0;
            int at = 0;
            for (uint bits = (uint)mask; bits != 0; bits &= bits - 1)
            {
                int field = System.Numerics.BitOperations.TrailingZeroCount(bits);
                int tf = (int)frequencies[at++];
                if (tf > 0)
                {
                    weighted += _weights[field] * tf / Norm(field, lengths[row + field]);
                }
            }

            return weighted <= 0 ? 0 : idf * weighted * (_k1 + 1) / (_k1 + weighted);
        }

        /// <summary>Per-field document frequencies of a term (for <see cref="SearchScoring.PerFieldBm25"/>), counted from its postings.</summary>
        public void PrepareFieldIdf(PostSearchIndex index, string term)
        {
            Span<int> df = stackalloc int[SearchFields.Count];
            foreach (Segment segment in index.Segments)
            {
                int id = segment.Find(term);
                if (id < 0)
                {
                    continue;
                }

                var cursor = new PostingCursor(segment, id);
                while (cursor.MoveNext())
                {
                    for (int f = 0; f < SearchFields.Count; f++)
                    {
                        df[f] += (cursor.FieldMask >> f) & 1;
                    }
                }
            }

            for (int f = 0; f < SearchFields.Count; f++)
            {
                _fieldIdf[f] = Idf(index, df[f]);
            }
        }

        public float Score(float idf, Segment segment, int doc, int tf0, int tf1, int tf2, int tf3, int tf4)
        {
            int row = doc * SearchFields.Count;
            int[] lengths = segment.FieldLengths;
            if (_perField)
            {
                float sum = 0;
                sum += Field(0, tf0, lengths[row]);
                sum += Field(1, tf1, lengths[row + 1]);
                sum += Field(2, tf2, lengths[row + 2]);
                sum += Field(3, tf3, lengths[row + 3]);
                sum += Field(4, tf4, lengths[row + 4]);
                return sum;
            }

            float weighted = 0;
            if (tf0 > 0)
            {
                weighted += _weights[0] * tf0 / Norm(0, lengths[row]);
            }

            if (tf1 > 0)
            {
                weighted += _weights[1] * tf1 / Norm(1, lengths[row + 1]);
            }

            if (tf2 > 0)
            {
                weighted += _weights[2] * tf2 / Norm(2, lengths[row + 2]);
            }

            if (tf3 > 0)
            {
                weighted += _weights[3] * tf3 / Norm(3, lengths[row + 3]);
            }

            if (tf4 > 0)
            {
                weighted += _weights[4] * tf4 / Norm(4, lengths[row + 4]);
            }

            return weighted <= 0 ? 0 : idf * weighted * (_k1 + 1) / (_k1 + weighted);
        }

        private float Norm(int field, int length) => 1 - _b + (_b * length * _inverseAverage[field]);

        private float Field(int field, int tf, int length)
        {
            if (tf == 0 || _weights[field] == 0)
            {
                return 0;
            }

            return _weights[field] * _fieldIdf[field] * tf * (_k1 + 1) / (tf + (_k1 * Norm(field, length)));
        }
    }

    private readonly struct Filter(ParsedQuery? query, SearchRequest? request, PostSearchIndex? index)
    {
        private readonly long _from = Math.Max(query?.FromTicks ?? long.MinValue, request?.From?.UtcTicks ?? long.MinValue);
        private readonly long _to = Math.Min(query?.ToTicks ?? long.MaxValue, request?.To?.UtcTicks ?? long.MaxValue);

        /// <summary>Whether a date range applies (checked while scoring, before any work on the post).</summary>
        public bool HasDates => _from != long.MinValue || _to != long.MaxValue;

        /// <summary>Whether any filter applies.</summary>
        public bool Any => HasDates || request?.Year is not null || request?.Category is not null || request?.Tag is not null;

        public bool InDates(long date) => date >= _from && date < _to;

        /// <summary>The documents of <paramref name="segment"/> the date range can hold, as a range of ids (see <see cref="Segment.DateWindow"/>).</summary>
        public (int Start, int End) DateWindow(Segment segment) => HasDates ? segment.DateWindow(_from, _to) : (0, segment.DocCount);

        public bool Passes(int global)
        {
            int seg = index!.SegmentOf(global);
            return Passes(seg, global - index.Bases[seg]);
        }

        public bool Passes(int seg, int doc)
        {
            Segment segment = index!.Segments[seg];
            long date = segment.Dates[doc];
            if (date < _from || date >= _to)
            {
                return false;
            }

            if (request?.Year is { } year && segment.Years[doc] != year)
            {
                return false;
            }

            Post post = segment.Posts[doc];
            return (request?.Category is not { } category || Has(post.Categories, category))
                && (request?.Tag is not { } tag || Has(post.Tags, tag));
        }

        private static bool Has(IReadOnlyList<string> values, string value)
        {
            foreach (string candidate in values)
            {
                if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Whether a clause after the first should look at a post: in the direct path, only posts every earlier clause matched.</summary>
    private readonly struct Gate(byte[]? counts, byte required, float[]? totals)
    {
        public bool Open(int global) => counts is null || counts[global] == required;

        /// <summary>Whether the gate can shut a post at all.</summary>
        public bool Shuts => counts is not null;

        /// <summary>The post's score from the earlier clauses.</summary>
        public float Total(int global) => counts is null ? 0 : totals![global];
    }

    /// <summary>The best posts offered so far, in a min-heap (worst at the root), and how many were offered. Ties go to the newer post.</summary>
    private sealed class TopCollector(PostSearchIndex index, int capacity)
    {
        private (int Doc, float Score)[] _heap = new (int Doc, float Score)[Math.Min(capacity, 16)];
        private int _size;

        /// <summary>How many posts were offered: the query's total.</summary>
        public int Count { get; private set; }

        /// <summary>The worst score kept once the page is full (a post scoring less cannot enter), else negative infinity.</summary>
        public float Threshold => _size == capacity ? _heap[0].Score : float.NegativeInfinity;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Add(int global, float score)
        {
            Count++;
            // Worse than the worst kept: most matches of a broad query end here, without a call.
            if (_size < capacity || score >= _heap[0].Score)
            {
                Insert(global, score);
            }
        }

        private void Insert(int global, float score)
        {
            var entry = (global, score);
            if (_size == capacity)
            {
                if (!Better(index, entry, _heap[0]))
                {
                    return;
                }

                _heap[0] = entry;
                SiftDown();
                return;
            }

            if (_size == _heap.Length)
            {
                Array.Resize(ref _heap, Math.Min(capacity, _heap.Length * 2));
            }

            _heap[_size] = entry;
            int i = _size++;
            while (i > 0)
            {
                int parent = (i - 1) >> 1;
                if (!Better(index, _heap[parent], _heap[i]))
                {
                    break;
                }

                (_heap[parent], _heap[i]) = (_heap[i], _heap[parent]);
                i = parent;
            }
        }

        /// <summary>The posts kept, best first.</summary>
        public (int Doc, float Score)[] Sorted()
        {
            (int Doc, float Score)[] sorted = _heap[.._size];
            Array.Sort(sorted, (a, b) => Better(index, a, b) ? -1 : Better(index, b, a) ? 1 : 0);
            return sorted;
        }

        private void SiftDown()
        {
            int i = 0;
            while (true)
            {
                int left = (2 * i) + 1, right = left + 1, worst = i;
                if (left < _size && Better(index, _heap[worst], _heap[left]))
                {
                    worst = left;
                }

                if (right < _size && Better(index, _heap[worst], _heap[right]))
                {
                    worst = right;
                }

                if (worst == i)
                {
                    return;
                }

                (_heap[worst], _heap[i]) = (_heap[i], _heap[worst]);
                i = worst;
            }
        }
    }

    private static bool Better(PostSearchIndex index, (int Doc, float Score) a, (int Doc, float Score) b)
    {
        if (a.Score != b.Score)
        {
            return a.Score > b.Score;
        }

        long da = Date(index, a.Doc), db = Date(index, b.Doc);
        return da != db ? da > db : a.Doc < b.Doc;
    }

    private static long Date(PostSearchIndex index, int global)
    {
        int seg = index.SegmentOf(global);
        return index.Segments[seg].Dates[global - index.Bases[seg]];
    }

    private static SearchResults Facets(PostSearchIndex index, List<int> matches, SearchResults results)
    {
        var categories = new Dictionary<string, int>(StringComparer.Ordinal);
        var tags = new Dictionary<string, int>(StringComparer.Ordinal);
        var years = new Dictionary<int, int>();
        for (int seg = 0; seg < index.Segments.Length; seg++)
        {
            Segment segment = index.Segments[seg];
            var categoryCounts = new int[segment.CategoryNames.Length];
            var tagCounts = new int[segment.TagNames.Length];
            // A count per year of the segment's span: an array step per match, not a dictionary lookup.
            var yearCounts = new int[segment.YearSpan];
            short[] docYears = segment.Years;
            int firstYear = segment.FirstYear;
            int lo = index.Bases[seg], hi = index.Bases[seg + 1];
            foreach (int g in matches)
            {
                if (g < lo || g >= hi)
                {
                    continue;
                }

                int d = g - lo;
                for (int i = segment.DocCategoryStarts[d]; i < segment.DocCategoryStarts[d + 1]; i++)
                {
                    categoryCounts[segment.DocCategoryIds[i]]++;
                }

                for (int i = segment.DocTagStarts[d]; i < segment.DocTagStarts[d + 1]; i++)
                {
                    tagCounts[segment.DocTagIds[i]]++;
                }

                yearCounts[docYears[d] - firstYear]++;
            }

            for (int i = 0; i < yearCounts.Length; i++)
            {
                if (yearCounts[i] > 0)
                {
                    years[firstYear + i] = years.GetValueOrDefault(firstYear + i) + yearCounts[i];
                }
            }

            Merge(categories, segment.CategoryNames, categoryCounts);
            Merge(tags, segment.TagNames, tagCounts);
        }

        var yearList = new List<SearchFacet>(years.Count);
        foreach (KeyValuePair<int, int> pair in years)
        {
            yearList.Add(new SearchFacet(pair.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), pair.Value));
        }

        yearList.Sort(static (a, b) => string.CompareOrdinal(b.Value, a.Value));
        return results with { Categories = Sorted(categories), Tags = Sorted(tags), Years = yearList };
    }

    private static void Merge(Dictionary<string, int> into, string[] names, int[] counts)
    {
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0)
            {
                into[names[i]] = into.GetValueOrDefault(names[i]) + counts[i];
            }
        }
    }

    private static List<SearchFacet> Sorted(Dictionary<string, int> counts)
    {
        var list = new List<SearchFacet>(counts.Count);
        foreach (KeyValuePair<string, int> pair in counts)
        {
            list.Add(new SearchFacet(pair.Key, pair.Value));
        }

        list.Sort(static (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.Compare(a.Value, b.Value, StringComparison.OrdinalIgnoreCase));
        if (list.Count > FacetLimit)
        {
            list.RemoveRange(FacetLimit, list.Count - FacetLimit);
        }

        return list;
    }

    private static string? DidYouMean(PostSearchIndex index, string text, ParsedQuery query)
    {
        string corrected = text;
        bool changed = false;
        foreach (QueryClause clause in query.Clauses)
        {
            if (clause.Excluded || clause.Prefix || clause.IsPhrase || DocFreq(index, clause.Terms[0]) > 0)
            {
                continue;
            }

            int edits = Math.Max(1, Fuzzy.AllowedEdits(clause.TypedLength));
            (string? Word, int Distance, int Df) best = (null, int.MaxValue, 0);
            var list = new List<(int Term, int Distance)>();
            foreach (Segment segment in index.Segments)
            {
                list.Clear();
                Fuzzy.Expand(segment.Surfaces, clause.Folded, edits, list, 2_000);
                foreach ((int candidate, int distance) in list)
                {
                    int df = segment.DocFreqs[segment.SurfaceTerms[candidate]];
                    if (distance < best.Distance || (distance == best.Distance && df > best.Df))
                    {
                        best = (segment.Surfaces.Term(candidate).ToString(), distance, df);
                    }
                }
            }

            if (best.Word is not { } surface)
            {
                continue;
            }

            int at = corrected.IndexOf(clause.Text, StringComparison.Ordinal);
            if (at >= 0)
            {
                corrected = string.Concat(corrected.AsSpan(0, at), surface, corrected.AsSpan(at + clause.Text.Length));
                changed = true;
            }
        }

        return changed ? corrected : null;
    }

    public static IReadOnlyList<string> Suggest(PostSearchIndex index, string text, int count)
    {
        int split = text.LastIndexOf(' ') + 1;
        string partial = index.Analyzer.Fold(text.AsSpan(split));
        if (partial.Length == 0 || count == 0)
        {
            return [];
        }

        string head = text[..split];
        var found = new Dictionary<string, (int Df, string Term)>(StringComparer.Ordinal);
        foreach (Segment segment in index.Segments)
        {
            TermTable surfaces = segment.Surfaces;
            int lo = surfaces.LowerBound(partial);
            int hi = Math.Min(surfaces.PrefixEnd(partial, lo), lo + MaxPrefixScan);
            for (int id = lo; id < hi; id++)
            {
                string word = surfaces.Term(id).ToString();
                int term = segment.SurfaceTerms[id];
                found[word] = (found.GetValueOrDefault(word).Df + segment.DocFreqs[term], segment.Term(term).ToString());
            }
        }

        // Most frequent first; one written form per term (the shortest), so "deploy" does not crowd out the rest.
        var ordered = new List<KeyValuePair<string, (int Df, string Term)>>(found);
        ordered.Sort(static (a, b) => a.Value.Df != b.Value.Df ? b.Value.Df.CompareTo(a.Value.Df)
            : a.Key.Length != b.Key.Length ? a.Key.Length.CompareTo(b.Key.Length) : string.CompareOrdinal(a.Key, b.Key));
        var results = new List<string>(count);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, (int Df, string Term)> pair in ordered)
        {
            if (results.Count == count)
            {
                break;
            }

            if (terms.Add(pair.Value.Term))
            {
                results.Add(head + pair.Key);
            }
        }

        return results;
    }
}

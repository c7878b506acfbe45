using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Search;

namespace DevOpsVision.Blogging.Tests.Search;

public class PhraseTests
{
    /// <summary>
    /// The phrase cursor passes over postings and whole blocks of positions without decoding them, and counts where a
    /// posting's positions start from its block's frequencies: whatever postings it reads, their positions must be
    /// those the plain posting cursor reads, for every term of a segment joined from ranges (whose streams have short
    /// blocks in the middle).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(37)]
    public void PhraseCursor_ReadsThePositionsThePostingCursorReads(int every)
    {
        List<Post> posts = [.. SearchCorpora.EighteenF, .. SearchCorpora.Otel];
        Segment segment = SegmentBuilder.Build(posts, EnglishTextAnalyzer.Default, parts: 3);
        var phrase = new PhraseTermCursor();
        var expected = new int[64];
        int compared = 0, multiBlockTerms = 0, runs = 0, multiFieldRuns = 0;
        for (int term = 0; term < segment.TermCount; term++)
        {
            var cursor = new PostingCursor(segment, term);
            phrase.Reset(segment, term);
            int posting = 0;
            while (cursor.MoveNext())
            {
                // Some postings are reached by AdvanceTo, the rest by MoveTo, as the two ways of lining terms up do.
                if (posting % 3 == 0)
                {
                    phrase.AdvanceTo(cursor.Doc);
                }
                else
                {
                    while (phrase.Doc < cursor.Doc)
                    {
                        phrase.MoveTo(phrase.Index + 1);
                    }
                }

                Assert.Equal(cursor.Doc, phrase.Doc);
                if ((posting + term) % every == 0)
                {
                    if (expected.Length < cursor.TotalTf)
                    {
                        expected = new int[cursor.TotalTf * 2];
                    }

                    int count = cursor.ReadPositions(expected);
                    if ((posting + term) % 2 == 0 && phrase.Run(phrase.Index, out int mask) is { IsEmpty: false } run)
                    {
                        // A run gives the same positions, field by field, and reading them again afterwards still does.
                        Assert.Equal(count, run.Length);
                        int k = 0, frequency = phrase.Offsets[phrase.Index];
                        for (int rest = mask; rest != 0; rest &= rest - 1)
                        {
                            int field = System.Numerics.BitOperations.TrailingZeroCount(rest);
                            int position = (field << SearchFields.PositionShift) - 1;
                            for (int n = (int)phrase.Frequencies[frequency++]; n > 0; n--, k++)
                            {
                                position += 1 + (int)run[k];
                                Assert.Equal(expected[k], position);
                            }
                        }

                        Assert.Equal(count, k);
                        runs += 1;
                        multiFieldRuns += mask == SearchFields.BodyMask ? 0 : 1;
                    }

                    Assert.Equal(count, phrase.ReadPositions(phrase.Index));
                    Assert.Equal(expected.AsSpan(0, count), phrase.Positions.AsSpan(0, count));
                    compared++;
                }

                posting++;
            }

            phrase.MoveTo(phrase.Index + 1);
            Assert.Equal(int.MaxValue, phrase.Doc);
            multiBlockTerms += posting > 128 ? 1 : 0;
        }

        Assert.True(multiBlockTerms > 50, $"only {multiBlockTerms} terms span several blocks");
        Assert.True(compared > 1000, $"only {compared} postings compared");
        Assert.True(runs > compared / 4, $"only {runs} of {compared} postings read as runs");
        Assert.True(multiFieldRuns > 100, $"only {multiFieldRuns} runs of several fields");
    }

    /// <summary>Two postings' runs of several fields counted field by field, only in the fields asked for, against a plain check.</summary>
    [Fact]
    public void RunsOfSeveralFields_CountPerField()
    {
        var random = new Random(13);
        Span<int> tf = stackalloc int[SearchFields.Count];
        var expectedTf = new int[SearchFields.Count];
        for (int round = 0; round < 20_000; round++)
        {
            int maskA = round % 3 == 0 ? SearchFields.BodyMask : random.Next(1, 32), maskB = round % 3 == 0 ? SearchFields.BodyMask : random.Next(1, 32);
            int fieldMask = round % 4 == 0 ? random.Next(1, 32) : SearchFields.AllMask;
            int offset = random.Next(1, 4);
            (uint[] runA, uint[] frequenciesA, List<int> positionsA) = RandomPosting(random, maskA);
            (uint[] runB, uint[] frequenciesB, List<int> positionsB) = RandomPosting(random, maskB);
            var followers = new HashSet<int>(positionsB);
            Array.Clear(expectedTf);
            foreach (int position in positionsA)
            {
                int field = position >> SearchFields.PositionShift;
                if ((fieldMask & (1 << field)) != 0 && followers.Contains(position + offset))
                {
                    expectedTf[field]++;
                }
            }

            tf.Fill(-1);
            int found = Searcher.CountRuns(runA, maskA, frequenciesA, runB, maskB, frequenciesB, offset, fieldMask, tf);
            Assert.Equal(expectedTf.Sum(), found);
            if (found > 0)
            {
                Assert.Equal(expectedTf, tf.ToArray());
            }
        }

        static (uint[] Run, uint[] Frequencies, List<int> Positions) RandomPosting(Random random, int mask)
        {
            var run = new List<uint>();
            var frequencies = new List<uint>();
            var positions = new List<int>();
            for (int rest = mask; rest != 0; rest &= rest - 1)
            {
                int field = System.Numerics.BitOperations.TrailingZeroCount(rest);
                int n = random.Next(1, 6);
                frequencies.Add((uint)n);
                int position = (field << SearchFields.PositionShift) - 1;
                for (int i = 0; i < n; i++)
                {
                    uint gap = (uint)random.Next(0, i == 0 ? 6 : 3);
                    run.Add(gap);
                    position += 1 + (int)gap;
                    positions.Add(position);
                }
            }

            return ([.. run], [.. frequencies], positions);
        }
    }

    /// <summary>Two runs of positions counted where the second follows the first at the offset, against a plain check.</summary>
    [Fact]
    public void BodyPhraseCount_IsThePlainCount()
    {
        var random = new Random(11);
        for (int round = 0; round < 20_000; round++)
        {
            uint[] first = RandomRun(random), second = RandomRun(random);
            int offset = random.Next(1, 4);
            var followers = new HashSet<int>(Positions(second));
            int expected = Positions(first).Count(p => followers.Contains(p + offset));
            Assert.Equal(expected, Searcher.CountRunPhrase(first, second, offset));
        }

        static uint[] RandomRun(Random random)
        {
            var run = new uint[random.Next(1, 12)];
            int spread = random.Next(1, 6);
            for (int i = 0; i < run.Length; i++)
            {
                run[i] = (uint)random.Next(0, i == 0 ? 8 : spread);
            }

            return run;
        }

        static List<int> Positions(uint[] run)
        {
            var positions = new List<int>(run.Length);
            int position = -1;
            foreach (uint gap in run)
            {
                position += 1 + (int)gap;
                positions.Add(position);
            }

            return positions;
        }
    }

    /// <summary>Two blocks' shared documents, against a plain intersection: every density, start and length, and both sides ending on the same document.</summary>
    [Fact]
    public void Merge_FindsEveryDocumentBothBlocksHold_InOrder()
    {
        var random = new Random(7);
        var matchesA = new int[128];
        var matchesB = new int[128];
        for (int round = 0; round < 5_000; round++)
        {
            uint[] a = SortedBlock(random, random.Next(0, 129), random.Next(1, 400));
            uint[] b = round % 7 == 0 ? [.. a] : SortedBlock(random, random.Next(0, 129), random.Next(1, 400));
            if (round % 5 == 0 && a.Length > 0 && b.Length > 0)
            {
                b[^1] = Math.Max(a[^1], b[^1]);
                a[^1] = b[^1];
                Array.Sort(a);
                Array.Sort(b);
                a = [.. a.Distinct()];
                b = [.. b.Distinct()];
            }

            int ia = a.Length == 0 ? 0 : random.Next(0, a.Length), ib = b.Length == 0 ? 0 : random.Next(0, b.Length);
            var expected = new List<(int, int)>();
            for (int i = ia, j = ib; i < a.Length && j < b.Length;)
            {
                if (a[i] == b[j])
                {
                    expected.Add((i++, j++));
                }
                else if (a[i] < b[j])
                {
                    i++;
                }
                else
                {
                    j++;
                }
            }

            var blockA = new uint[128];
            var blockB = new uint[128];
            a.CopyTo(blockA, 0);
            b.CopyTo(blockB, 0);
            int endA = ia, endB = ib;
            int n = Searcher.Merge(blockA, ref endA, a.Length, blockB, ref endB, b.Length, matchesA, matchesB);
            var found = new List<(int, int)>();
            for (int m = 0; m < n; m++)
            {
                found.Add((matchesA[m], matchesB[m]));
            }

            Assert.Equal(expected, found);
            Assert.True(endA == a.Length || endB == b.Length, $"stopped at {endA}/{a.Length} and {endB}/{b.Length}");
        }
    }

    /// <summary>A damaged block (repeated or falling documents) may give odd matches, but never a place outside the blocks or past the match arrays.</summary>
    [Fact]
    public void Merge_DamagedBlocks_StayInsideTheArrays()
    {
        var random = new Random(11);
        var matchesA = new int[128];
        var matchesB = new int[128];
        for (int round = 0; round < 2_000; round++)
        {
            var a = new uint[128];
            var b = new uint[128];
            for (int i = 0; i < 128; i++)
            {
                a[i] = round % 3 == 0 ? 5u : (uint)random.Next(0, 6);
                b[i] = round % 3 == 0 ? 5u : (uint)random.Next(0, 6);
                if (round % 3 == 1)
                {
                    // Runs of equal documents whose ends take turns to lead: every step of four matches three, and
                    // the two sides step on alternately, which would find far more than 128 matches.
                    a[i] = i % 4 == 3 ? (uint)((2 * (i / 4)) + 6) : 5u;
                    b[i] = i % 4 == 3 ? (uint)((2 * (i / 4)) + 5) : 5u;
                }
            }

            int na = round % 3 == 1 ? 128 : random.Next(0, 129), nb = round % 3 == 1 ? 128 : random.Next(0, 129);
            int ia = 0, ib = 0;
            int n = Searcher.Merge(a, ref ia, na, b, ref ib, nb, matchesA, matchesB);
            Assert.InRange(n, 0, 128);
            for (int m = 0; m < n; m++)
            {
                Assert.InRange(matchesA[m], 0, Math.Max(na - 1, 0));
                Assert.InRange(matchesB[m], 0, Math.Max(nb - 1, 0));
            }

            Assert.InRange(ia, 0, na);
            Assert.InRange(ib, 0, nb);
        }

        // Starts past the ends (or near int.MaxValue, where adding four would wrap) find nothing and read nothing.
        foreach (int start in (int[])[128, 500, int.MaxValue - 1, int.MaxValue])
        {
            var block = new uint[128];
            int ia = start, ib = 0;
            Assert.Equal(0, Searcher.Merge(block, ref ia, 128, block, ref ib, 128, matchesA, matchesB));
            ia = 0;
            ib = start;
            Assert.Equal(0, Searcher.Merge(block, ref ia, 128, block, ref ib, 128, matchesA, matchesB));
        }
    }

    /// <summary>
    /// Phrases of two and three words, with stop-word gaps and field scopes, against a plain check of the positions read
    /// by the posting cursor: the same posts, on an index of several segments with deletions.
    /// </summary>
    [Theory]
    [InlineData("\"user research\"")]
    [InlineData("\"open source\"")]
    [InlineData("\"semantic conventions\"")]
    [InlineData("\"department of veterans affairs\"")]
    [InlineData("\"general services administration\"")]
    [InlineData("\"open source software\"")]
    [InlineData("\"the collector\"")]
    [InlineData("\"data data\"")]
    [InlineData("title:\"open source\"")]
    [InlineData("\"cloud.gov\"")]
    public void PhraseSearch_FindsThePostsWhosePositionsLineUp(string phrase)
    {
        PostSearchIndex index = SeveralSegmentsWithDeletions();
        ParsedQuery query = QueryParser.Parse(phrase, index.Analyzer, index.Options);
        Assert.Null(query.Error);
        var expected = new HashSet<Post>(ReferenceEqualityComparer.Instance);
        if (query.Clauses.Count == 1)
        {
            QueryClause clause = query.Clauses[0];
            for (int seg = 0; seg < index.Segments.Length; seg++)
            {
                foreach (int doc in PlainPhraseMatches(index.Segments[seg], clause))
                {
                    if (index.IsLive(seg, doc))
                    {
                        expected.Add(index.Segments[seg].Posts[doc]);
                    }
                }
            }
        }

        SearchResults results = index.Search(new SearchRequest(phrase) { PageSize = 100, IncludeFacets = false, IncludeSnippets = false, TypoTolerance = false });
        Assert.Null(results.Error);
        Assert.Equal(expected.Count, results.TotalCount);
        Assert.All(results.Hits, hit => Assert.Contains(hit.Post, expected));
        Assert.Equal(Math.Min(expected.Count, 100), results.Hits.Count);
    }

    [Fact]
    public void PhraseSearch_FindsPostsInEveryWayOfLiningUp()
    {
        // The check above needs posts to compare: make sure its phrases are not all empty.
        PostSearchIndex index = SeveralSegmentsWithDeletions();
        Assert.True(index.Search("\"open source\"").TotalCount > 10);
        Assert.True(index.Search("\"open source software\"").TotalCount > 0, "open source software");
        Assert.True(index.Search("\"department of veterans affairs\"").TotalCount > 0, "department of veterans affairs");
    }

    private static PostSearchIndex SeveralSegmentsWithDeletions()
    {
        List<Post> posts = [.. SearchCorpora.EighteenF, .. SearchCorpora.Otel];
        PostSearchIndex index = PostSearchIndex.Build(posts.Take(300));
        index = index.Apply(posts.Skip(300).Take(300), []);
        index = index.Apply(posts.Skip(600), posts.Where((_, i) => i % 9 == 0).Select(p => p.SourcePath));
        Assert.True(index.SegmentCount > 1);
        return index;
    }

    private static List<int> PlainPhraseMatches(Segment segment, QueryClause clause)
    {
        var byTerm = new List<Dictionary<int, HashSet<int>>>();
        foreach (string term in clause.Terms)
        {
            var docs = new Dictionary<int, HashSet<int>>();
            int id = segment.Find(term);
            if (id >= 0)
            {
                var cursor = new PostingCursor(segment, id);
                while (cursor.MoveNext())
                {
                    var positions = new int[cursor.TotalTf];
                    cursor.ReadPositions(positions);
                    docs[cursor.Doc] = [.. positions];
                }
            }

            byTerm.Add(docs);
        }

        var matches = new List<int>();
        foreach ((int doc, HashSet<int> starts) in byTerm[0])
        {
            bool any = false;
            foreach (int start in starts)
            {
                bool all = (clause.FieldMask & (1 << (start >> SearchFields.PositionShift))) != 0;
                for (int t = 1; t < clause.Terms.Length && all; t++)
                {
                    all = byTerm[t].TryGetValue(doc, out HashSet<int>? other) && other.Contains(start + clause.Offsets[t]);
                }

                any |= all;
            }

            if (any)
            {
                matches.Add(doc);
            }
        }

        return matches;
    }

    private static uint[] SortedBlock(Random random, int count, int spread)
    {
        var set = new SortedSet<uint>();
        uint start = (uint)random.Next(0, 1000);
        while (set.Count < count)
        {
            set.Add(start + (uint)random.Next(0, Math.Max(count * spread / 100, count + 1)));
        }

        return [.. set];
    }
}

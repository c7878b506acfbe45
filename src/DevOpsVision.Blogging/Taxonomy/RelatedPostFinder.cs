using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Text;

namespace DevOpsVision.Blogging.Taxonomy;

/// <summary>
/// Finds each post's most related posts through inverted indexes of tags, categories and text terms, so
/// the work per post is bounded by the index entries it touches, never by the size of the blog.
/// </summary>
internal sealed class RelatedPostFinder
{
    // Bounds on how many index entries one post may touch: beyond them a tag or word is too common to tell posts apart.
    private const int MaxTermPostings = 200;
    private const int MaxWordPostings = 96;
    private const int ExactCandidatesPerResult = 4;

    // Candidates come through a post's most distinctive words only; the final scores use whole vectors.
    private const int CandidateWords = 12;

    private readonly IReadOnlyList<Post> _posts;
    private readonly int[][] _tags;
    private readonly int[][] _categories;
    private readonly Term[] _tagTerms;
    private readonly Term[] _categoryTerms;
    private readonly SparseVector[] _vectors;
    private readonly TaxonomyOptions _options;
    private readonly RelatedPost[][] _related;
    private readonly double[] _tagNorms;
    private readonly double[] _categoryNorms;

    public RelatedPostFinder(IReadOnlyList<Post> posts, int[][] tags, int[][] categories, Term[] tagTerms, Term[] categoryTerms, SparseVector[] vectors, TaxonomyOptions options)
    {
        _posts = posts;
        _tags = tags;
        _categories = categories;
        _tagTerms = tagTerms;
        _categoryTerms = categoryTerms;
        _vectors = vectors;
        _options = options;
        _related = new RelatedPost[posts.Count][];

        // 1/sqrt(set size) per post, so a set cosine is a product instead of a square root per candidate.
        _tagNorms = Array.ConvertAll(tags, static t => t.Length == 0 ? 0 : 1 / Math.Sqrt(t.Length));
        _categoryNorms = Array.ConvertAll(categories, static c => c.Length == 0 ? 0 : 1 / Math.Sqrt(c.Length));
        if (options.RelatedPostCount > 0 && posts.Count > 1)
        {
            ComputeAll();
        }
        else
        {
            Array.Fill(_related, []);
        }
    }

    public IReadOnlyList<RelatedPost> Related(int index) => _related[index];

    public IReadOnlyList<Term> TagsOf(int index) => Array.ConvertAll(_tags[index], id => _tagTerms[id]);

    public IReadOnlyList<Term> CategoriesOf(int index) => Array.ConvertAll(_categories[index], id => _categoryTerms[id]);

    private void ComputeAll()
    {
        int[][] tagPostings = Invert(_tags, _tagTerms.Length);
        int[][] categoryPostings = Invert(_categories, _categoryTerms.Length);
        (int Post, float Weight)[][] wordPostings = InvertWords();
        Parallel.For(
            0,
            _posts.Count,
            () => new Scratch(_posts.Count),
            (index, _, scratch) =>
            {
                _related[index] = Find(index, scratch, tagPostings, categoryPostings, wordPostings);
                return scratch;
            },
            static _ => { });
    }

    private sealed class Scratch(int size)
    {
        public readonly int[] SharedTags = new int[size];
        public readonly int[] SharedCategories = new int[size];
        public readonly float[] Content = new float[size];
        public readonly List<int> Touched = new(256);
        public readonly int[] Strongest = new int[256];
        public readonly float[] SortedWeights = new float[256];
        public readonly List<(int Post, double Score, double Similarity)> Exact = new(32);
        public readonly PriorityQueue<int, (double Score, int Index)> Estimates = new(Comparer<(double Score, int Index)>.Create(static (a, b) =>
        {
            int byScore = a.Score.CompareTo(b.Score);
            return byScore != 0 ? byScore : b.Index.CompareTo(a.Index);
        }));
    }

    private RelatedPost[] Find(int index, Scratch scratch, int[][] tagPostings, int[][] categoryPostings, (int Post, float Weight)[][] wordPostings)
    {
        List<int> touched = scratch.Touched;
        touched.Clear();
        foreach (int tag in _tags[index])
        {
            Accumulate(tagPostings[tag], scratch.SharedTags, scratch, index);
        }

        foreach (int category in _categories[index])
        {
            Accumulate(categoryPostings[category], scratch.SharedCategories, scratch, index);
        }

        SparseVector vector = _vectors[index];
        foreach (int i in StrongestTerms(vector, scratch))
        {
            float weight = vector.Weights[i];
            (int Post, float Weight)[] postings = wordPostings[vector.Ids[i]];
            for (int j = 0; j < postings.Length; j++)
            {
                int other = postings[j].Post;
                if (other == index)
                {
                    continue;
                }

                if (scratch.SharedTags[other] == 0 && scratch.SharedCategories[other] == 0 && scratch.Content[other] == 0)
                {
                    touched.Add(other);
                }

                scratch.Content[other] += weight * postings[j].Weight;
            }
        }

        // Rank by the index's estimate, then score the best candidates exactly.
        int wanted = _options.RelatedPostCount;
        int keep = wanted * ExactCandidatesPerResult;
        PriorityQueue<int, (double Score, int Index)> estimates = scratch.Estimates;
        estimates.Clear();
        double floor = double.NegativeInfinity;
        foreach (int other in touched)
        {
            double estimate = Score(index, other, scratch.SharedTags[other], scratch.SharedCategories[other], scratch.Content[other]);
            if (estimates.Count < keep)
            {
                estimates.Enqueue(other, (estimate, other));
                if (estimates.Count == keep)
                {
                    estimates.TryPeek(out _, out var lowest);
                    floor = lowest.Score;
                }
            }
            else if (estimate > floor)
            {
                estimates.EnqueueDequeue(other, (estimate, other));
                estimates.TryPeek(out _, out var lowest);
                floor = lowest.Score;
            }
        }

        List<(int Post, double Score, double Similarity)> exact = scratch.Exact;
        exact.Clear();
        while (estimates.TryDequeue(out int other, out _))
        {
            double similarity = Math.Clamp(vector.Dot(_vectors[other]), 0, 1);
            double score = Score(index, other, scratch.SharedTags[other], scratch.SharedCategories[other], similarity);
            if (score >= _options.MinimumRelatedScore)
            {
                exact.Add((other, score, similarity));
            }
        }

        foreach (int other in touched)
        {
            scratch.SharedTags[other] = 0;
            scratch.SharedCategories[other] = 0;
            scratch.Content[other] = 0;
        }

        exact.Sort((a, b) =>
        {
            int byScore = b.Score.CompareTo(a.Score);
            return byScore != 0 ? byScore : SnapshotOrder.Compare(_posts[a.Post], _posts[b.Post]);
        });

        // Only the posts that make the list get their reasons spelled out.
        var results = new RelatedPost[Math.Min(wanted, exact.Count)];
        for (int r = 0; r < results.Length; r++)
        {
            (int other, double score, double similarity) = exact[r];
            results[r] = new RelatedPost(_posts[other], Math.Round(score, 4), Shared(_tags[index], _tags[other], _tagTerms), Shared(_categories[index], _categories[other], _categoryTerms), Math.Round(similarity, 4));
        }

        return results;
    }

    /// <summary>The positions of the vector's heaviest weights (the vector is sorted by id, not weight).</summary>
    private static Span<int> StrongestTerms(SparseVector vector, Scratch scratch)
    {
        int count = vector.Ids.Length;
        if (count <= CandidateWords)
        {
            for (int i = 0; i < count; i++)
            {
                scratch.Strongest[i] = i;
            }

            return scratch.Strongest.AsSpan(0, count);
        }

        float[] weights = scratch.SortedWeights;
        for (int i = 0; i < count; i++)
        {
            weights[i] = -vector.Weights[i];
            scratch.Strongest[i] = i;
        }

        Array.Sort(weights, scratch.Strongest, 0, count);
        return scratch.Strongest.AsSpan(0, CandidateWords);
    }

    private static void Accumulate(int[] postings, int[] counts, Scratch scratch, int index)
    {
        int length = Math.Min(postings.Length, MaxTermPostings);
        for (int j = 0; j < length; j++)
        {
            int other = postings[j];
            if (other == index)
            {
                continue;
            }

            if (scratch.SharedTags[other] == 0 && scratch.SharedCategories[other] == 0 && scratch.Content[other] == 0)
            {
                scratch.Touched.Add(other);
            }

            counts[other]++;
        }
    }

    private double Score(int index, int other, int sharedTags, int sharedCategories, double content)
    {
        double tagScore = sharedTags * _tagNorms[index] * _tagNorms[other];
        double categoryScore = sharedCategories * _categoryNorms[index] * _categoryNorms[other];
        return (_options.TagWeight * tagScore) + (_options.CategoryWeight * categoryScore) + (_options.ContentWeight * content);
    }

    private static Term[] Shared(int[] mine, int[] theirs, Term[] terms)
    {
        List<Term>? shared = null;
        foreach (int id in mine)
        {
            if (Array.IndexOf(theirs, id) >= 0)
            {
                (shared ??= []).Add(terms[id]);
            }
        }

        return shared is null ? [] : [.. shared];
    }

    private static int[][] Invert(int[][] byPost, int termCount)
    {
        var lists = new List<int>[termCount];
        for (int post = 0; post < byPost.Length; post++)
        {
            foreach (int term in byPost[post])
            {
                (lists[term] ??= []).Add(post);
            }
        }

        return Array.ConvertAll(lists, static list => list is null ? [] : list.ToArray());
    }

    private (int Post, float Weight)[][] InvertWords()
    {
        int vocabulary = 0;
        foreach (SparseVector vector in _vectors)
        {
            if (vector.Ids.Length > 0)
            {
                vocabulary = Math.Max(vocabulary, vector.Ids[^1] + 1);
            }
        }

        var lists = new List<(int Post, float Weight)>[vocabulary];
        for (int post = 0; post < _vectors.Length; post++)
        {
            SparseVector vector = _vectors[post];
            for (int i = 0; i < vector.Ids.Length; i++)
            {
                (lists[vector.Ids[i]] ??= []).Add((post, vector.Weights[i]));
            }
        }

        var postings = new (int Post, float Weight)[vocabulary][];
        for (int id = 0; id < vocabulary; id++)
        {
            List<(int Post, float Weight)>? list = lists[id];
            if (list is null)
            {
                postings[id] = [];
                continue;
            }

            // Keep the posts where the word weighs most: they are the ones it makes similar.
            list.Sort(static (a, b) =>
            {
                int byWeight = b.Weight.CompareTo(a.Weight);
                return byWeight != 0 ? byWeight : a.Post.CompareTo(b.Post);
            });
            postings[id] = list.Count > MaxWordPostings ? list.GetRange(0, MaxWordPostings).ToArray() : list.ToArray();
        }

        return postings;
    }
}

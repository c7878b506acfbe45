using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Text;

namespace DevOpsVision.Blogging.Taxonomy;

/// <summary>
/// Suggests terms by nearest centroid: each term is the sum of its posts' TF-IDF vectors, and a post's
/// confidence for a term is the cosine between its vector and that sum. For a post of the blog its own
/// vector is left out of the sums, so it is judged only by the other posts (leave-one-out).
/// </summary>
internal sealed class TermSuggester
{
    private readonly TextVectors _text;
    private readonly TaxonomyOptions _options;
    private readonly Centroids _categories;
    private readonly Centroids _tags;

    public TermSuggester(TextVectors text, int[][] categories, Term[] categoryTerms, int[][] tags, Term[] tagTerms, TaxonomyOptions options)
    {
        _text = text;
        _options = options;
        _categories = new Centroids(text, categories, categoryTerms);
        _tags = new Centroids(text, tags, tagTerms);
    }

    public IReadOnlyList<TermSuggestion> Suggest(Post post, TermKind kind, int index)
    {
        SparseVector vector = index >= 0 ? _text.Vectors[index] : _text.Vectorize(post.Title, post.PlainText);
        if (vector.IsEmpty || _options.SuggestionCount <= 0)
        {
            return [];
        }

        Centroids centroids = kind == TermKind.Category ? _categories : _tags;
        return centroids.Rank(vector, index, _options.SuggestionCount, _options.SuggestionThreshold);
    }

    private sealed class Centroids
    {
        private readonly Term[] _terms;
        private readonly Dictionary<int, float>[] _sums;
        private readonly double[] _squaredNorms;
        private readonly int[] _postCounts;
        private readonly int[][] _termsOfPost;

        public Centroids(TextVectors text, int[][] termsOfPost, Term[] terms)
        {
            _terms = terms;
            _termsOfPost = termsOfPost;
            _sums = new Dictionary<int, float>[terms.Length];
            _postCounts = new int[terms.Length];
            for (int t = 0; t < terms.Length; t++)
            {
                _sums[t] = [];
            }

            for (int post = 0; post < termsOfPost.Length; post++)
            {
                SparseVector vector = text.Vectors[post];
                foreach (int term in termsOfPost[post])
                {
                    _postCounts[term]++;
                    Dictionary<int, float> sum = _sums[term];
                    for (int i = 0; i < vector.Ids.Length; i++)
                    {
                        sum[vector.Ids[i]] = sum.GetValueOrDefault(vector.Ids[i]) + vector.Weights[i];
                    }
                }
            }

            _squaredNorms = new double[terms.Length];
            for (int t = 0; t < terms.Length; t++)
            {
                double norm = 0;
                foreach (float weight in _sums[t].Values)
                {
                    norm += weight * weight;
                }

                _squaredNorms[t] = norm;
            }
        }

        public IReadOnlyList<TermSuggestion> Rank(SparseVector vector, int post, int count, double threshold)
        {
            int[] own = post >= 0 ? _termsOfPost[post] : [];
            double selfDot = post >= 0 ? vector.Dot(vector) : 0;
            var ranked = new List<TermSuggestion>();
            for (int t = 0; t < _terms.Length; t++)
            {
                Dictionary<int, float> sum = _sums[t];
                double dot = 0;
                for (int i = 0; i < vector.Ids.Length; i++)
                {
                    if (sum.TryGetValue(vector.Ids[i], out float weight))
                    {
                        dot += vector.Weights[i] * weight;
                    }
                }

                double squaredNorm = _squaredNorms[t];
                if (Array.IndexOf(own, t) >= 0)
                {
                    // Leave the post out of its own terms: subtract its vector from the sum.
                    if (_postCounts[t] <= 1)
                    {
                        continue;
                    }

                    squaredNorm = squaredNorm - (2 * dot) + selfDot;
                    dot -= selfDot;
                }

                if (squaredNorm <= 1e-12 || dot <= 0)
                {
                    continue;
                }

                double confidence = Math.Round(Math.Clamp(dot / Math.Sqrt(squaredNorm), 0, 1), 4);
                if (confidence >= threshold)
                {
                    ranked.Add(new TermSuggestion(_terms[t], confidence));
                }
            }

            ranked.Sort(static (a, b) =>
            {
                int byConfidence = b.Confidence.CompareTo(a.Confidence);
                return byConfidence != 0 ? byConfidence : string.CompareOrdinal(a.Term.Path, b.Term.Path);
            });
            if (ranked.Count > count)
            {
                ranked.RemoveRange(count, ranked.Count - count);
            }

            return ranked;
        }
    }
}

using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Search;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Tartarus.Snowball.Ext;
using Lucene.Net.Util;

namespace DevOpsVision.Blogging.Benchmarks;

/// <summary>
/// Lucene.NET doing what <see cref="PostSearchIndex"/> does, for comparisons: the same five fields (title, excerpt,
/// tags, categories, body as <c>TextField</c>s; slug stored; date as a numeric field), the same analysis
/// (StandardTokenizer, lower case, ASCII folding, Lucene's English stop words, Snowball English = Porter2),
/// BM25 (k1 1.2, b 0.75) on writer and searcher, in a <c>RAMDirectory</c>; queries are BooleanQuerys with every word
/// required and each word a per-field disjunction boosted by the field weights.
/// </summary>
public sealed class LuceneSearch : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly string[] Fields = ["title", "excerpt", "tags", "categories", "body"];

    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Analyzer _analyzer = new EnglishPorter2Analyzer();
    private readonly float[] _boosts;

    /// <param name="posts">The posts to index.</param>
    /// <param name="options">Field weights; the defaults when null.</param>
    /// <param name="compoundFile">Whether the segment is written as one compound file (Lucene's default); without, <see cref="FileSizes"/> shows each part.</param>
    public LuceneSearch(IReadOnlyList<Post> posts, SearchOptions? options = null, bool compoundFile = true)
    {
        options ??= new SearchOptions();
        _boosts = [(float)options.TitleWeight, (float)options.ExcerptWeight, (float)options.TagWeight, (float)options.CategoryWeight, (float)options.BodyWeight];
        _directory = new RAMDirectory();
        var config = new IndexWriterConfig(Version, _analyzer)
        {
            Similarity = new BM25Similarity(),
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 64,
            UseCompoundFile = compoundFile,
        };
        using (var writer = new IndexWriter(_directory, config))
        {
            foreach (Post post in posts)
            {
                var document = new Document
                {
                    new StringField("slug", post.Slug, Field.Store.YES),
                    new Int64Field("date", post.Date.UtcTicks, Field.Store.NO),
                    new TextField("title", post.Title, Field.Store.NO),
                    new TextField("excerpt", post.ExcerptText, Field.Store.NO),
                };
                foreach (string tag in post.Tags)
                {
                    document.Add(new TextField("tags", tag, Field.Store.NO));
                }

                foreach (string category in post.Categories)
                {
                    document.Add(new TextField("categories", category, Field.Store.NO));
                }

                document.Add(new TextField("body", post.PlainText, Field.Store.NO));
                writer.AddDocument(document);
            }

            writer.Commit();
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>Bytes of index files in the directory.</summary>
    public long SizeInBytes => _directory.GetSizeInBytes();

    /// <summary>Each file of the directory with its length in bytes, by name.</summary>
    public IReadOnlyList<(string Name, long Bytes)> FileSizes() =>
        [.. _directory.ListAll().Order(StringComparer.Ordinal).Select(name => (name, _directory.FileLength(name)))];

    /// <summary>The top <paramref name="count"/> slugs for words that must all match.</summary>
    public string[] Search(string words, int count = 10) => Slugs(_searcher.Search(AllWords(words), count));

    /// <summary>Every word required; each word any field, boosted by field weight.</summary>
    public Query AllWords(string words)
    {
        var query = new BooleanQuery();
        foreach (string word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string term in Analyze(word))
            {
                var perField = new BooleanQuery();
                for (int f = 0; f < Fields.Length; f++)
                {
                    perField.Add(new TermQuery(new Term(Fields[f], term)) { Boost = _boosts[f] }, Occur.SHOULD);
                }

                query.Add(perField, Occur.MUST);
            }
        }

        return query;
    }

    /// <summary>An exact phrase in any field.</summary>
    public Query Phrase(string text)
    {
        var query = new BooleanQuery();
        for (int f = 0; f < Fields.Length; f++)
        {
            var phrase = new PhraseQuery { Boost = _boosts[f] };
            using TokenStream stream = _analyzer.GetTokenStream(Fields[f], text);
            var term = stream.AddAttribute<ICharTermAttribute>();
            var increment = stream.AddAttribute<IPositionIncrementAttribute>();
            stream.Reset();
            int position = -1;
            while (stream.IncrementToken())
            {
                position += increment.PositionIncrement;
                phrase.Add(new Term(Fields[f], term.ToString()), position);
            }

            stream.End();
            query.Add(phrase, Occur.SHOULD);
        }

        return query;
    }

    /// <summary>A prefix in any field (constant-score rewrite limited like ours to the top terms).</summary>
    public Query Prefix(string prefix)
    {
        var query = new BooleanQuery();
        for (int f = 0; f < Fields.Length; f++)
        {
            query.Add(new PrefixQuery(new Term(Fields[f], prefix)) { Boost = _boosts[f] }, Occur.SHOULD);
        }

        return query;
    }

    /// <summary>A word within <paramref name="maxEdits"/> edits in any field (at most 50 expansions, as ours).</summary>
    public Query Fuzzy(string word, int maxEdits)
    {
        var query = new BooleanQuery();
        string term = Analyze(word).FirstOrDefault() ?? word;
        for (int f = 0; f < Fields.Length; f++)
        {
            query.Add(new FuzzyQuery(new Term(Fields[f], term), maxEdits, 0, 50, true) { Boost = _boosts[f] }, Occur.SHOULD);
        }

        return query;
    }

    public TopDocs Run(Query query, int count = 10, Filter? filter = null) => _searcher.Search(query, filter, count);

    public static Filter DateRange(DateTimeOffset from, DateTimeOffset to) => NumericRangeFilter.NewInt64Range("date", from.UtcTicks, to.UtcTicks, true, false);

    public string[] Slugs(TopDocs docs)
    {
        var slugs = new string[docs.ScoreDocs.Length];
        for (int i = 0; i < slugs.Length; i++)
        {
            slugs[i] = _searcher.Doc(docs.ScoreDocs[i].Doc).Get("slug");
        }

        return slugs;
    }

    private List<string> Analyze(string text)
    {
        var terms = new List<string>();
        using TokenStream stream = _analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    /// <summary>Lucene's analysis matched to <see cref="EnglishTextAnalyzer"/>.</summary>
    private sealed class EnglishPorter2Analyzer : Analyzer
    {
        protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
        {
            var source = new StandardTokenizer(Version, reader);
            TokenStream stream = new LowerCaseFilter(Version, source);
            stream = new ASCIIFoldingFilter(stream);
            stream = new StopFilter(Version, stream, StopAnalyzer.ENGLISH_STOP_WORDS_SET);
            stream = new SnowballFilter(stream, new EnglishStemmer());
            return new TokenStreamComponents(source, stream);
        }
    }
}

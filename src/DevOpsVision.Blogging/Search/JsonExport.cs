using System.Globalization;
using System.Text.Json;
using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Search;

/// <summary>
/// Writes the compact JSON index read by <c>search-client.js</c>: <c>{"format", "analyzer", "fields", "weights",
/// "k1", "b", "avg", "docs": [[slug, title, date, excerpt]], "lengths": [per doc, per field],
/// "terms": {term: [docDelta, fieldBits, tf per present field, ...]}}</c>. Live posts only, numbered in source-path order.
/// </summary>
internal static class JsonExport
{
    public const int Format = 1;

    private static readonly Lazy<string> Script = new(() =>
    {
        using Stream stream = typeof(JsonExport).Assembly.GetManifestResourceStream("DevOpsVision.Blogging.Search.search-client.js")
            ?? throw new InvalidOperationException("The embedded search client is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string ClientScript => Script.Value;

    public static void Write(PostSearchIndex index, Stream stream)
    {
        SearchOptions o = index.Options;
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteNumber("format", Format);
        json.WriteString("analyzer", index.Analyzer.Name);
        json.WriteStartArray("fields");
        foreach (string name in SearchFields.Names)
        {
            json.WriteStringValue(name);
        }

        json.WriteEndArray();
        json.WriteStartArray("weights");
        foreach (double weight in (double[])[o.TitleWeight, o.ExcerptWeight, o.TagWeight, o.CategoryWeight, o.BodyWeight])
        {
            json.WriteNumberValue(weight);
        }

        json.WriteEndArray();
        json.WriteNumber("k1", o.K1);
        json.WriteNumber("b", o.B);
        json.WriteStartArray("avg");
        for (int f = 0; f < SearchFields.Count; f++)
        {
            json.WriteNumberValue(Math.Round((double)index.LengthSums[f] / Math.Max(1, index.Count), 3));
        }

        json.WriteEndArray();

        // Live documents in source-path order, so the file depends on the posts alone and not on how the index
        // grew: an index updated segment by segment exports the same bytes as one built from scratch.
        var live = new List<(int Segment, int Doc, Post Post)>(index.Count);
        for (int s = 0; s < index.Segments.Length; s++)
        {
            Segment segment = index.Segments[s];
            for (int d = 0; d < segment.DocCount; d++)
            {
                if (index.IsLive(s, d))
                {
                    live.Add((s, d, segment.Posts[d]));
                }
            }
        }

        live.Sort(static (x, y) => string.CompareOrdinal(x.Post.SourcePath, y.Post.SourcePath));
        var newId = new int[index.TotalDocs];
        Array.Fill(newId, -1);
        for (int i = 0; i < live.Count; i++)
        {
            newId[index.Bases[live[i].Segment] + live[i].Doc] = i;
        }

        json.WriteStartArray("docs");
        foreach ((_, _, Post post) in live)
        {
            json.WriteStartArray();
            json.WriteStringValue(post.Slug);
            json.WriteStringValue(post.Title);
            json.WriteStringValue(post.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteStringValue(post.ExcerptText.Length > 300 ? post.ExcerptText[..300] + "…" : post.ExcerptText);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteStartArray("lengths");
        foreach ((int s, int d, _) in live)
        {
            for (int f = 0; f < SearchFields.Count; f++)
            {
                json.WriteNumberValue(index.Segments[s].FieldLength(d, f));
            }
        }

        json.WriteEndArray();

        // Terms: merged across segments in ordinal order.
        var terms = new SortedDictionary<string, List<(int Segment, int Id)>>(StringComparer.Ordinal);
        for (int s = 0; s < index.Segments.Length; s++)
        {
            Segment segment = index.Segments[s];
            for (int t = 0; t < segment.TermCount; t++)
            {
                string term = segment.Term(t).ToString();
                if (!terms.TryGetValue(term, out var list))
                {
                    terms[term] = list = [];
                }

                list.Add((s, t));
            }
        }

        json.WriteStartObject("terms");
        var values = new List<int>();
        var postings = new List<(int Doc, int Start, int Count)>();
        var data = new List<int>();
        foreach ((string term, List<(int Segment, int Id)> parts) in terms)
        {
            // A term's postings in the new numbering: field bits and term frequencies per document, then by document.
            postings.Clear();
            data.Clear();
            foreach ((int s, int id) in parts)
            {
                var cursor = new PostingCursor(index.Segments[s], id);
                while (cursor.MoveNext())
                {
                    int doc = newId[index.Bases[s] + cursor.Doc];
                    if (doc < 0)
                    {
                        continue;
                    }

                    int start = data.Count;
                    data.Add(cursor.FieldMask);
                    for (int f = 0; f < SearchFields.Count; f++)
                    {
                        if ((cursor.FieldMask & (1 << f)) != 0)
                        {
                            data.Add(cursor.Tf(f));
                        }
                    }

                    postings.Add((doc, start, data.Count - start));
                }
            }

            if (!InDocumentOrder(postings))
            {
                postings.Sort(static (x, y) => x.Doc.CompareTo(y.Doc));
            }

            values.Clear();
            int last = -1;
            foreach ((int doc, int start, int count) in postings)
            {
                values.Add(doc - last);
                last = doc;
                for (int i = 0; i < count; i++)
                {
                    values.Add(data[start + i]);
                }
            }

            if (values.Count == 0)
            {
                continue;
            }

            json.WriteStartArray(term);
            foreach (int value in values)
            {
                json.WriteNumberValue(value);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static bool InDocumentOrder(List<(int Doc, int Start, int Count)> postings)
    {
        for (int i = 1; i < postings.Count; i++)
        {
            if (postings[i].Doc < postings[i - 1].Doc)
            {
                return false;
            }
        }

        return true;
    }
}

using System.Globalization;
using System.Text.Json;
using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Search;

/// <summary>
/// Writes the compact JSON index read by <c>search-client.js</c>: <c>{"format", "analyzer", "fields", "weights",
/// "k1", "b", "avg", "docs": [[slug, title, date, excerpt]], "lengths": [per doc, per field],
/// "terms": {term: [docDelta, fieldBits, tf per present field, ...]}}</c>. Live posts only, renumbered.
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

        // Live documents, renumbered in segment order.
        var newId = new int[index.TotalDocs];
        int next = 0;
        json.WriteStartArray("docs");
        for (int s = 0; s < index.Segments.Length; s++)
        {
            Segment segment = index.Segments[s];
            for (int d = 0; d < segment.DocCount; d++)
            {
                int g = index.Bases[s] + d;
                if (!index.IsLive(s, d))
                {
                    newId[g] = -1;
                    continue;
                }

                newId[g] = next++;
                Post post = segment.Posts[d];
                json.WriteStartArray();
                json.WriteStringValue(post.Slug);
                json.WriteStringValue(post.Title);
                json.WriteStringValue(post.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteStringValue(post.ExcerptText.Length > 300 ? post.ExcerptText[..300] + "…" : post.ExcerptText);
                json.WriteEndArray();
            }
        }

        json.WriteEndArray();
        json.WriteStartArray("lengths");
        for (int s = 0; s < index.Segments.Length; s++)
        {
            Segment segment = index.Segments[s];
            for (int d = 0; d < segment.DocCount; d++)
            {
                if (index.IsLive(s, d))
                {
                    for (int f = 0; f < SearchFields.Count; f++)
                    {
                        json.WriteNumberValue(segment.FieldLength(d, f));
                    }
                }
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
        foreach ((string term, List<(int Segment, int Id)> parts) in terms)
        {
            values.Clear();
            int last = -1;
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

                    values.Add(doc - last);
                    last = doc;
                    values.Add(cursor.FieldMask);
                    for (int f = 0; f < SearchFields.Count; f++)
                    {
                        if ((cursor.FieldMask & (1 << f)) != 0)
                        {
                            values.Add(cursor.Tf(f));
                        }
                    }
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
}

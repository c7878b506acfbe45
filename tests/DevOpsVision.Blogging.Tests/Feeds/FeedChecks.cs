using System.Diagnostics;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Json.Schema;

namespace DevOpsVision.Blogging.Tests.Feeds;

/// <summary>Checks feeds three ways: structure (the FEEDS checklist), a real reader, and the formats' schemas.</summary>
internal static partial class FeedChecks
{
    private static readonly string SchemaFolder = Path.Combine(TestPaths.RepositoryRoot, "tests", "DevOpsVision.Blogging.Tests", "Feeds", "Schemas");
    private static readonly Lazy<JsonSchema> JsonFeedSchema = new(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(SchemaFolder, "jsonfeed-1.1.strict.schema.json")), null, null, null));

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$")]
    private static partial Regex Rfc822();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    public static XNamespace Atom => "http://www.w3.org/2005/Atom";

    /// <summary>Problems with an RSS feed's bytes; empty when it passes.</summary>
    public static List<string> CheckRss(byte[] bytes)
    {
        var problems = CheckXmlBytes(bytes);
        XDocument doc = XDocument.Load(new MemoryStream(bytes));
        XElement? channel = doc.Root?.Element("channel");
        if (doc.Root?.Name != "rss" || (string?)doc.Root.Attribute("version") != "2.0" || channel is null)
        {
            problems.Add("not <rss version=\"2.0\"><channel>");
            return problems;
        }

        foreach (string required in (string[])["title", "link", "description"])
        {
            if (string.IsNullOrWhiteSpace((string?)channel.Element(required)))
            {
                problems.Add($"channel lacks {required}");
            }
        }

        XElement? self = channel.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") == "self");
        if (self is null || !IsAbsolute((string?)self.Attribute("href")) || (string?)self.Attribute("type") != "application/rss+xml")
        {
            problems.Add("missing or relative atom:link rel=self");
        }

        CheckDate(problems, (string?)channel.Element("lastBuildDate"), Rfc822(), "lastBuildDate");
        var guids = new HashSet<string>();
        foreach (XElement item in channel.Elements("item"))
        {
            string? guid = (string?)item.Element("guid");
            if (guid is null || !guids.Add(guid))
            {
                problems.Add($"missing or repeated guid {guid}");
            }

            if ((string?)item.Element("guid")?.Attribute("isPermaLink") == "true" && !IsAbsolute(guid))
            {
                problems.Add("permalink guid is not an absolute URL");
            }

            if (!IsAbsolute((string?)item.Element("link")))
            {
                problems.Add("item link not absolute");
            }

            if (string.IsNullOrEmpty((string?)item.Element("title")))
            {
                problems.Add("item without title");
            }

            CheckDate(problems, (string?)item.Element("pubDate"), Rfc822(), "pubDate");
            foreach (string once in (string[])["link", "description", "pubDate"])
            {
                if (item.Elements(once).Count() > 1)
                {
                    problems.Add($"item has several {once}");
                }
            }

            XElement? description = item.Element("description");
            XElement? content = item.Element(XName.Get("encoded", "http://purl.org/rss/1.0/modules/content/"));
            if (content is not null && description is not null && content.IsBefore(description))
            {
                problems.Add("content:encoded before description");
            }

            CheckHtml(problems, (string?)description);
            CheckHtml(problems, (string?)content);
        }

        return problems;
    }

    public static List<string> CheckAtom(byte[] bytes)
    {
        var problems = CheckXmlBytes(bytes);
        XDocument doc = XDocument.Load(new MemoryStream(bytes));
        XElement? feed = doc.Root;
        if (feed?.Name != Atom + "feed")
        {
            problems.Add("root is not atom:feed");
            return problems;
        }

        foreach (string required in (string[])["id", "title", "updated"])
        {
            if (feed.Elements(Atom + required).Count() != 1)
            {
                problems.Add($"feed needs exactly one {required}");
            }
        }

        CheckDate(problems, (string?)feed.Element(Atom + "updated"), Rfc3339(), "updated");
        if (!feed.Elements(Atom + "link").Any(l => (string?)l.Attribute("rel") == "self" && IsAbsolute((string?)l.Attribute("href"))))
        {
            problems.Add("feed lacks rel=self link");
        }

        bool feedAuthor = feed.Element(Atom + "author")?.Element(Atom + "name") is not null;
        var ids = new HashSet<string>();
        foreach (XElement entry in feed.Elements(Atom + "entry"))
        {
            string? id = (string?)entry.Element(Atom + "id");
            if (id is null || !ids.Add(id) || !IsAbsolute(id))
            {
                problems.Add($"entry id missing, repeated or not absolute: {id}");
            }

            if (!feedAuthor && entry.Element(Atom + "author")?.Element(Atom + "name") is null)
            {
                problems.Add("entry without author and feed without author");
            }

            CheckDate(problems, (string?)entry.Element(Atom + "updated"), Rfc3339(), "entry updated");
            CheckDate(problems, (string?)entry.Element(Atom + "published"), Rfc3339(), "entry published");
            if (entry.Elements().Any(e => e.Name.Namespace != Atom))
            {
                problems.Add("entry holds a foreign element");
            }

            CheckHtml(problems, (string?)entry.Element(Atom + "content"));
        }

        return problems;
    }

    public static List<string> CheckJsonFeed(byte[] bytes)
    {
        var problems = new List<string>();
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            problems.Add("BOM");
        }

        JsonNode? node = JsonNode.Parse(bytes);
        using System.Text.Json.JsonDocument document = System.Text.Json.JsonDocument.Parse(bytes);
        EvaluationResults results = JsonFeedSchema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (!results.IsValid)
        {
            problems.Add("schema: invalid");
            foreach (EvaluationResults detail in results.Details ?? [])
            {
                if (detail.Errors is { Count: > 0 } errors)
                {
                    problems.Add($"schema: {detail.InstanceLocation}: {string.Join("; ", errors.Values)}");
                }
            }
        }

        var ids = new HashSet<string>();
        foreach (JsonNode? item in node?["items"]?.AsArray() ?? [])
        {
            string? id = item?["id"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
            if (id is null || !ids.Add(id))
            {
                problems.Add($"item id missing or repeated: {id}");
            }

            CheckHtml(problems, item?["content_html"] is JsonValue html && html.TryGetValue(out string? content) ? content : null);
        }

        return problems;
    }

    /// <summary>Runs jing over Atom files at once (one JVM start); returns its complaints.</summary>
    public static string RunJing(IEnumerable<string> atomFiles)
    {
        string jing = File.Exists("/usr/bin/jing") ? "/usr/bin/jing" : throw new InvalidOperationException("Debian's jing is needed to check Atom against RFC 4287's schema: apt-get install jing (.ci/run does).");
        var start = new ProcessStartInfo(jing) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Path.Combine(SchemaFolder, "atom.rnc"));
        foreach (string file in atomFiles)
        {
            start.ArgumentList.Add(file);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? string.Empty : output.Trim() + $" (exit {process.ExitCode})";
    }

    public static SyndicationFeed Read(byte[] bytes)
    {
        using XmlReader reader = XmlReader.Create(new MemoryStream(bytes));
        return SyndicationFeed.Load(reader);
    }

    private static List<string> CheckXmlBytes(byte[] bytes)
    {
        var problems = new List<string>();
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            problems.Add("BOM");
        }

        string head = Encoding.UTF8.GetString(bytes, 0, Math.Min(100, bytes.Length));
        if (!head.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", StringComparison.Ordinal))
        {
            problems.Add("declaration is not <?xml version=\"1.0\" encoding=\"utf-8\"?>");
        }

        if (head.Contains("<!DOCTYPE", StringComparison.Ordinal) || Encoding.UTF8.GetString(bytes).Contains("xmlns:a10", StringComparison.Ordinal))
        {
            problems.Add("DOCTYPE or a10 prefix");
        }

        return problems;
    }

    private static void CheckDate(List<string> problems, string? value, Regex format, string name)
    {
        if (value is null || !format.IsMatch(value))
        {
            problems.Add($"{name} '{value}' is not in the required format");
        }
    }

    /// <summary>Content in feeds is the library's safe HTML, with absolute URLs.</summary>
    private static void CheckHtml(List<string> problems, string? html)
    {
        if (html is null)
        {
            return;
        }

        if (html.Contains("<script", StringComparison.OrdinalIgnoreCase) || html.Contains("javascript:", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("script in content");
        }

        foreach (Match match in Regex.Matches(html, "(?:href|src|poster)=\"([^\"]*)\""))
        {
            string url = System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
            if (!IsAbsolute(url) && !url.StartsWith('#'))
            {
                problems.Add($"relative URL in content: {url}");
                break;
            }
        }
    }

    private static bool IsAbsolute(string? url) => url is not null && Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https" or "mailto" or "tel";
}

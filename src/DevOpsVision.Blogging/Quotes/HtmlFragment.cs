using System.Net;
using System.Text;

namespace DevOpsVision.Blogging.Quotes;

/// <summary>
/// A forgiving reader of an HTML fragment into a small tree: elements with attributes, and decoded text.
/// It reads what quotation markup needs (blockquote, figure, cite, footer, q, p) with the HTML rules that
/// matter for it (void elements, a paragraph closed by the next block, end tags that close what they
/// match, raw text in script and style) in one pass, linear in the input, far cheaper than a full HTML5
/// document. The post's rendered HTML is sanitized separately; this tree is only read for its text.
/// </summary>
internal sealed class HtmlNode
{
    private const int MaxDepth = 256;

    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    private static readonly HashSet<string> ClosesParagraph = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "blockquote", "figure", "figcaption", "footer", "aside", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6",
        "pre", "table", "section", "article", "header", "nav", "hr", "form", "details",
    };

    private List<(string Name, string Value)>? _attributes;

    private HtmlNode(string? name, HtmlNode? parent)
    {
        Name = name;
        Parent = parent;
    }

    /// <summary>The element's lower-case name; <see langword="null"/> for text.</summary>
    public string? Name { get; }

    public string Text { get; private init; } = string.Empty;

    public HtmlNode? Parent { get; }

    public List<HtmlNode> Nodes { get; } = [];

    public bool IsText => Name is null;

    public string? GetAttribute(string name)
    {
        if (_attributes is null)
        {
            return null;
        }

        foreach ((string key, string value) in _attributes)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    public bool HasAttribute(string name) => GetAttribute(name) is not null;

    public bool HasClass(string name)
    {
        string? classes = GetAttribute("class");
        if (classes is null)
        {
            return false;
        }

        foreach (Range range in classes.AsSpan().SplitAny(" \t\r\n\f"))
        {
            if (classes.AsSpan()[range].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text of the node and everything in it.</summary>
    public string TextContent
    {
        get
        {
            if (IsText)
            {
                return Text;
            }

            var builder = new StringBuilder();
            AppendText(builder);
            return builder.ToString();
        }
    }

    /// <summary>The first element below this one with one of the names.</summary>
    public HtmlNode? Find(params ReadOnlySpan<string> names)
    {
        foreach (HtmlNode node in Nodes)
        {
            if (node.IsText)
            {
                continue;
            }

            foreach (string name in names)
            {
                if (node.Name == name)
                {
                    return node;
                }
            }

            if (node.Find(names) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Whether another element follows this one among its parent's children.</summary>
    public bool HasElementAfter()
    {
        if (Parent is null)
        {
            return false;
        }

        int index = Parent.Nodes.IndexOf(this);
        for (int i = index + 1; i < Parent.Nodes.Count; i++)
        {
            if (!Parent.Nodes[i].IsText)
            {
                return true;
            }
        }

        return false;
    }

    public void AppendText(StringBuilder builder)
    {
        foreach (HtmlNode node in Nodes)
        {
            if (node.IsText)
            {
                builder.Append(node.Text);
            }
            else
            {
                if (node.Name is "br" or "p" or "div" or "li")
                {
                    builder.Append(' ');
                }

                node.AppendText(builder);
            }
        }
    }

    /// <summary>Reads a fragment; never throws, whatever the input.</summary>
    public static HtmlNode Parse(string html)
    {
        var root = new HtmlNode("#root", null);
        var open = new List<HtmlNode> { root };
        int i = 0;
        while (i < html.Length)
        {
            int tag = html.IndexOf('<', i);
            int textEnd = tag < 0 ? html.Length : tag;
            if (textEnd > i)
            {
                AddText(open[^1], html.AsSpan(i, textEnd - i));
            }

            if (tag < 0)
            {
                break;
            }

            i = tag;
            if (html.AsSpan(i).StartsWith("<!--", StringComparison.Ordinal))
            {
                int close = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = close < 0 ? html.Length : close + 3;
                continue;
            }

            if (i + 1 < html.Length && html[i + 1] is '!' or '?')
            {
                int close = html.IndexOf('>', i + 1);
                i = close < 0 ? html.Length : close + 1;
                continue;
            }

            bool end = i + 1 < html.Length && html[i + 1] == '/';
            int nameStart = i + (end ? 2 : 1);
            int nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-'))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart]))
            {
                // A lone "<" is text.
                AddText(open[^1], "<");
                i++;
                continue;
            }

            string name = html[nameStart..nameEnd].ToLowerInvariant();
            (int tagEnd, List<(string, string)>? attributes, bool selfClosing) = ReadAttributes(html, nameEnd);
            i = tagEnd;
            if (end)
            {
                for (int k = open.Count - 1; k > 0; k--)
                {
                    if (open[k].Name == name)
                    {
                        open.RemoveRange(k, open.Count - k);
                        break;
                    }
                }

                continue;
            }

            if (ClosesParagraph.Contains(name) && open.Count > 1 && open[^1].Name == "p")
            {
                open.RemoveAt(open.Count - 1);
            }

            if (name == "li" && open.Count > 1 && open[^1].Name == "li")
            {
                open.RemoveAt(open.Count - 1);
            }

            var element = new HtmlNode(name, open[^1]) { _attributes = attributes };
            open[^1].Nodes.Add(element);
            if (name is "script" or "style")
            {
                // Raw text: skip to the matching end tag.
                int close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                int closeEnd = close < 0 ? -1 : html.IndexOf('>', close);
                i = closeEnd < 0 ? html.Length : closeEnd + 1;
                continue;
            }

            if (!selfClosing && !VoidElements.Contains(name) && open.Count < MaxDepth)
            {
                open.Add(element);
            }
        }

        return root;
    }

    private static void AddText(HtmlNode parent, ReadOnlySpan<char> text)
    {
        string value = text.Contains('&') ? WebUtility.HtmlDecode(text.ToString()) : text.ToString();
        parent.Nodes.Add(new HtmlNode(null, parent) { Text = value });
    }

    private static (int End, List<(string, string)>? Attributes, bool SelfClosing) ReadAttributes(string html, int i)
    {
        List<(string, string)>? attributes = null;
        while (i < html.Length)
        {
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            if (i >= html.Length)
            {
                break;
            }

            if (html[i] == '>')
            {
                return (i + 1, attributes, false);
            }

            if (html[i] == '/' && i + 1 < html.Length && html[i + 1] == '>')
            {
                return (i + 2, attributes, true);
            }

            int nameStart = i;
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not '=' and not '>' && !(html[i] == '/' && i + 1 < html.Length && html[i + 1] == '>'))
            {
                i++;
            }

            string name = html[nameStart..i];
            string value = string.Empty;
            while (i < html.Length && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            if (i < html.Length && html[i] == '=')
            {
                i++;
                while (i < html.Length && char.IsWhiteSpace(html[i]))
                {
                    i++;
                }

                if (i < html.Length && html[i] is '"' or '\'')
                {
                    char quote = html[i];
                    int close = html.IndexOf(quote, i + 1);
                    int valueEnd = close < 0 ? html.Length : close;
                    value = html[(i + 1)..valueEnd];
                    i = close < 0 ? html.Length : close + 1;
                }
                else
                {
                    int valueStart = i;
                    while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] != '>')
                    {
                        i++;
                    }

                    value = html[valueStart..i];
                }
            }

            if (name.Length > 0)
            {
                (attributes ??= []).Add((name.ToLowerInvariant(), value.Contains('&') ? WebUtility.HtmlDecode(value) : value));
            }
            else
            {
                i++;
            }
        }

        return (html.Length, attributes, false);
    }
}

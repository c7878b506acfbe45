using Ganss.Xss;
using Markdig;
using Markdig.Extensions.GenericAttributes;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace DevOpsVision.Blogging.Posts.Rendering;

/// <summary>
/// Keeps Markdig's generic attributes (<c>{#id .class name=value}</c> after a heading, a paragraph, a link, a fence)
/// from writing an attribute the sanitizer would remove, when the blog does not trust its content. Markdig writes those
/// attributes as given, so <c># Title {onclick=alert(1)}</c> would put an event handler in the page. A brace group with
/// such an attribute (an event handler, a URL, a style, anything the sanitizer does not allow) is not read as attributes
/// and stays in the text, escaped, where the author can see it; ids, classes and the attributes the sanitizer allows
/// apply as usual. Added last, after every extension that reads attributes has set itself up.
/// </summary>
internal sealed class SafeAttributesExtension(HtmlSanitizer sanitizer) : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        OrderedList<InlineParser> inlineParsers = pipeline.InlineParsers;
        for (int i = 0; i < inlineParsers.Count; i++)
        {
            if (inlineParsers[i] is GenericAttributesParser and not SafeGenericAttributesParser)
            {
                inlineParsers[i] = new SafeGenericAttributesParser(this);
            }
        }

        foreach (BlockParser parser in pipeline.BlockParsers)
        {
            if (parser is IAttributesParseable { TryParseAttributes: { } read } parseable && read.Target is not BlockAttributes)
            {
                parseable.TryParseAttributes = new BlockAttributes(this, read).TryParse;
            }
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    /// <summary>Whether every attribute named in <paramref name="attributes"/> is one the sanitizer keeps as written.</summary>
    private bool IsSafe(HtmlAttributes attributes)
    {
        if (attributes.Properties is not { } properties)
        {
            return true;
        }

        foreach (KeyValuePair<string, string?> property in properties)
        {
            string name = property.Key;

            // URLs and styles are what the sanitizer rewrites rather than keeps; nothing here can check them.
            if (!sanitizer.AllowedAttributes.Contains(name) || sanitizer.UriAttributes.Contains(name)
                || name.Equals("style", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the brace group that a block's attribute reader would take from <paramref name="line"/>, if any, is safe.</summary>
    private bool IsSafeAt(StringSlice line)
    {
        // Markdig's reader takes the first brace on the line.
        int brace = line.IndexOf('{');
        if (brace < 0)
        {
            return true;
        }

        StringSlice group = line;
        group.Start = brace;
        return !GenericAttributesParser.TryParse(ref group, out HtmlAttributes? attributes) || IsSafe(attributes);
    }

    /// <summary>Markdig's inline attribute reader, declining a brace group with an attribute that is not safe.</summary>
    private sealed class SafeGenericAttributesParser(SafeAttributesExtension owner) : GenericAttributesParser
    {
        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            StringSlice group = slice;
            return (!TryParse(ref group, out HtmlAttributes? attributes) || owner.IsSafe(attributes)) && base.Match(processor, ref slice);
        }
    }

    /// <summary>A block parser's attribute reader (headings, fences), declining a brace group with an attribute that is not safe.</summary>
    private sealed class BlockAttributes(SafeAttributesExtension owner, TryParseAttributesDelegate read)
    {
        public bool TryParse(BlockProcessor processor, ref StringSlice line, IBlock block) =>
            owner.IsSafeAt(line) && read(processor, ref line, block);
    }
}

using Ganss.Xss;
using Markdig;
using Markdig.Extensions.GenericAttributes;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DevOpsVision.Blogging.Posts.Rendering;

/// <summary>
/// Keeps Markdig's generic attributes (<c>{#id .class name=value}</c> after a heading, a paragraph, a link, a fence)
/// from writing an attribute the sanitizer would remove, when the blog does not trust its content: Markdig writes them
/// as given, so <c># Title {onclick=alert(1)}</c> would put an event handler in the page. Ids, classes and the
/// attributes the sanitizer allows apply as usual; any other <c>name=value</c> (an event handler, a URL, a style) is
/// dropped, as the sanitizer drops it from raw HTML. A brace group with a bare name the sanitizer does not allow
/// (<c>## {verb} {object}</c>, <c>replace {BRANCH}</c>) is text, not attributes, and stays in the post.
/// Added last, after every extension that reads attributes has set itself up.
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

    private bool IsKept(string name) =>

        // URLs and styles are what the sanitizer rewrites rather than keeps; nothing here can check them.
        sanitizer.AllowedAttributes.Contains(name) && !sanitizer.UriAttributes.Contains(name) && !name.Equals("style", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a brace group reads as text rather than attributes: it names, bare, an attribute that is not kept.</summary>
    private bool IsText(HtmlAttributes attributes)
    {
        if (attributes.Properties is { } properties)
        {
            foreach (KeyValuePair<string, string?> property in properties)
            {
                if (property.Value is null && !IsKept(property.Key))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether a block's attribute reader would take a brace group from <paramref name="line"/> that reads as text.</summary>
    private bool HoldsText(StringSlice line)
    {
        // Markdig's reader takes the first brace on the line.
        int brace = line.IndexOf('{');
        if (brace < 0)
        {
            return false;
        }

        StringSlice group = line;
        group.Start = brace;
        return GenericAttributesParser.TryParse(ref group, out HtmlAttributes? attributes) && IsText(attributes);
    }

    /// <summary>Drops from <paramref name="target"/>'s attributes every property that is not kept.</summary>
    private void DropUnsafe(MarkdownObject? target)
    {
        if (target?.TryGetAttributes() is { Properties: { } properties })
        {
            for (int i = properties.Count - 1; i >= 0; i--)
            {
                if (!IsKept(properties[i].Key))
                {
                    properties.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>Markdig's inline attribute reader, with what it attached made safe.</summary>
    private sealed class SafeGenericAttributesParser(SafeAttributesExtension owner) : GenericAttributesParser
    {
        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            StringSlice group = slice;
            if ((TryParse(ref group, out HtmlAttributes? attributes) && owner.IsText(attributes)) || !base.Match(processor, ref slice))
            {
                return false;
            }

            // Markdig gives the attributes to the inline before the braces or one of its containers, to the block, or
            // (braces alone in a paragraph) to the next block: whichever it was, nothing unsafe stays on it.
            for (Inline? inline = processor.Inline; inline is not null; inline = inline.Parent)
            {
                owner.DropUnsafe(inline);
            }

            if (processor.Block is { } block)
            {
                owner.DropUnsafe(block);
                if (block.Parent is { } parent && parent.IndexOf(block) is int index and >= 0 && index + 1 < parent.Count)
                {
                    owner.DropUnsafe(parent[index + 1]);
                }
            }

            return true;
        }
    }

    /// <summary>A block parser's attribute reader (headings, fences, containers), with what it attached made safe.</summary>
    private sealed class BlockAttributes(SafeAttributesExtension owner, TryParseAttributesDelegate read)
    {
        public bool TryParse(BlockProcessor processor, ref StringSlice line, IBlock block)
        {
            if (owner.HoldsText(line) || !read(processor, ref line, block))
            {
                return false;
            }

            owner.DropUnsafe(block as MarkdownObject);
            return true;
        }
    }
}

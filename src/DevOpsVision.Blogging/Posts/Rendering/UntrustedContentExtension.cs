using Ganss.Xss;
using Markdig;
using Markdig.Extensions.Abbreviations;
using Markdig.Extensions.GenericAttributes;
using Markdig.Extensions.MediaLinks;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DevOpsVision.Blogging.Posts.Rendering;

/// <summary>
/// What Markdig's extensions would otherwise let an untrusted post write into the page, closed when the blog does not
/// trust its content. Added last, after every other extension has set itself up.
/// <list type="bullet">
/// <item>Generic attributes (<c>{#id .class name=value}</c> after a heading, a paragraph, a link, a fence) are written
/// as given, so <c># Title {onclick=alert(1)}</c> would put an event handler in the page. Ids, classes and the
/// attributes the sanitizer allows apply as usual; any other <c>name=value</c> (an event handler, a URL, a style) is
/// dropped, as the sanitizer drops it from raw HTML. A brace group with a bare name the sanitizer does not allow
/// (<c>## {verb} {object}</c>, <c>replace {BRANCH}</c>) is text, not attributes, and stays in the post.</item>
/// <item>An abbreviation's label is written unescaped, so <c>*[x&lt;img src=x onerror=…]: t</c> would write the tag:
/// labels are escaped.</item>
/// <item>A media link becomes an iframe of the URL a host provider makes, and the YouTube provider accepts any host
/// that starts with <c>www.youtube.com</c>: an iframe is made only of the video sites' own hosts.</item>
/// </list>
/// </summary>
internal sealed class UntrustedContentExtension(HtmlSanitizer sanitizer) : IMarkdownExtension
{
    // The hosts Markdig's providers make iframes of, for YouTube, Vimeo, Odnoklassniki and Yandex Music.
    private static readonly HashSet<string> IframeHosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "www.youtube.com", "www.youtube-nocookie.com", "player.vimeo.com", "ok.ru", "music.yandex.ru",
    };

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (pipeline.Extensions.Find<MediaLinkExtension>() is { } media)
        {
            List<IHostProvider> hosts = media.Options.Hosts;
            for (int i = 0; i < hosts.Count; i++)
            {
                if (hosts[i] is not KnownIframeHost)
                {
                    hosts[i] = new KnownIframeHost(hosts[i]);
                }
            }
        }

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
        if (renderer is HtmlRenderer html && html.ObjectRenderers.Contains<HtmlAbbreviationRenderer>())
        {
            html.ObjectRenderers.ReplaceOrAdd<HtmlAbbreviationRenderer>(new EscapedAbbreviationRenderer());
        }
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
    private sealed class SafeGenericAttributesParser(UntrustedContentExtension owner) : GenericAttributesParser
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
    private sealed class BlockAttributes(UntrustedContentExtension owner, TryParseAttributesDelegate read)
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

    /// <summary>Markdig's abbreviation renderer, with the label escaped.</summary>
    private sealed class EscapedAbbreviationRenderer : HtmlObjectRenderer<AbbreviationInline>
    {
        protected override void Write(HtmlRenderer renderer, AbbreviationInline obj)
        {
            Abbreviation abbreviation = obj.Abbreviation;
            if (renderer.EnableHtmlForInline)
            {
                renderer.Write("<abbr").WriteAttributes(obj).Write(" title=\"").WriteEscape(ref abbreviation.Text).Write("\">");
            }

            renderer.WriteEscape(abbreviation.Label);
            if (renderer.EnableHtmlForInline)
            {
                renderer.Write("</abbr>");
            }
        }
    }

    /// <summary>A media host provider whose iframe, if it makes one, is on one of the video sites' own hosts.</summary>
    private sealed class KnownIframeHost(IHostProvider inner) : IHostProvider
    {
        public string? Class => inner.Class;

        public bool AllowFullScreen => inner.AllowFullScreen;

        public bool TryHandle(Uri mediaUri, bool isSchemaRelative, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? iframeUrl)
        {
            if (inner.TryHandle(mediaUri, isSchemaRelative, out iframeUrl)
                && Uri.TryCreate(iframeUrl, UriKind.Absolute, out Uri? frame)
                && frame.Scheme is "https" or "http" && IframeHosts.Contains(frame.Host))
            {
                return true;
            }

            iframeUrl = null;
            return false;
        }
    }
}

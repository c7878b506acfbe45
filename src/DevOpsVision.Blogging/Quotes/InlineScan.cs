using System.Buffers;
using Markdig.Extensions.SmartyPants;
using Markdig.Syntax.Inlines;

namespace DevOpsVision.Blogging.Quotes;

/// <summary>Questions asked of a paragraph's inlines without building its text.</summary>
internal static class InlineScan
{
    private const int MaxDepth = 64;

    /// <summary>Whether the text has one of the characters, a SmartyPants quotation mark or a <c>&lt;q&gt;</c>.</summary>
    public static bool Contains(ContainerInline container, SearchValues<char> characters) => Contains(container, characters, 0, apostrophesInWords: true);

    /// <summary>
    /// <see cref="Contains(ContainerInline, SearchValues{char})"/>, except that an apostrophe (<c>'</c> or <c>’</c>)
    /// between a letter or digit and a letter of the same literal does not count: quotation marks never read it as a
    /// mark, so a paragraph whose only marks are such apostrophes ("don't", "it’s") holds no quotation.
    /// </summary>
    public static bool ContainsMark(ContainerInline container, SearchValues<char> characters) => Contains(container, characters, 0, apostrophesInWords: false);

    private static bool HasMarkOutsideWords(ReadOnlySpan<char> text, SearchValues<char> characters)
    {
        int at = 0;
        while (true)
        {
            int found = text[at..].IndexOfAny(characters);
            if (found < 0)
            {
                return false;
            }

            int i = at + found;
            if (text[i] is not ('\'' or '’') || i == 0 || i + 1 >= text.Length || !char.IsLetterOrDigit(text[i - 1]) || !char.IsLetter(text[i + 1]))
            {
                return true;
            }

            at = i + 1;
        }
    }

    private static bool Contains(ContainerInline container, SearchValues<char> characters, int depth, bool apostrophesInWords)
    {
        if (depth > MaxDepth)
        {
            return true;
        }

        for (Inline? inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LiteralInline literal when apostrophesInWords
                    ? literal.Content.AsSpan().IndexOfAny(characters) >= 0
                    : HasMarkOutsideWords(literal.Content.AsSpan(), characters):
                case SmartyPant:
                case HtmlEntityInline entity when entity.Transcoded.AsSpan().IndexOfAny(characters) >= 0:
                case HtmlInline html when IsQ(html.Tag):
                    return true;
                case LinkInline { IsImage: true }:
                    break;
                case ContainerInline child when Contains(child, characters, depth + 1, apostrophesInWords):
                    return true;
            }
        }

        return false;
    }

    /// <summary>Whether the text, trailing white space aside, ends with the character.</summary>
    public static bool EndsWith(ContainerInline container, char character)
    {
        Inline? last = container.LastChild;
        for (int depth = 0; last is not null && depth < MaxDepth; depth++)
        {
            switch (last)
            {
                case LiteralInline literal:
                    ReadOnlySpan<char> content = literal.Content.AsSpan().TrimEnd();
                    if (content.IsEmpty)
                    {
                        last = last.PreviousSibling;
                        continue;
                    }

                    return content[^1] == character;
                case LineBreakInline:
                    last = last.PreviousSibling;
                    continue;
                case ContainerInline child:
                    last = child.LastChild ?? child.PreviousSibling;
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Whether the text starts with a template tag (<c>{{</c> or <c>{%</c>).</summary>
    public static bool StartsWithTemplate(ContainerInline container)
    {
        Inline? first = container.FirstChild;
        for (int depth = 0; first is ContainerInline child && depth < MaxDepth; depth++)
        {
            first = child.FirstChild;
        }

        return first is LiteralInline literal && literal.Content.AsSpan().TrimStart() is { Length: >= 2 } text && text[0] == '{' && text[1] is '{' or '%';
    }

    private static bool IsQ(string tag) =>
        tag.Length >= 3 && tag[0] == '<' && tag[1] is 'q' or 'Q' && tag[2] is '>' or ' ' or '\t' or '\n';
}

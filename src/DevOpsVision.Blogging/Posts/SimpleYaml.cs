using System.Collections.ObjectModel;
using DevOpsVision.Blogging.Text;
using YamlDotNet.RepresentationModel;

namespace DevOpsVision.Blogging.Posts;

/// <summary>
/// A fast reader for the front matter most posts have: <c>key: value</c> lines whose values are plain or
/// quoted scalars (on one line or folded over several), literal and folded block scalars (<c>|</c>, <c>&gt;</c>),
/// flow lists (<c>[a, b]</c>) or block lists (<c>- a</c>). It gives up on anything else (anchors, maps, escapes,
/// indentation indicators, duplicate keys, tabs) and the caller falls back to YamlDotNet, so it never reads YAML
/// differently from it: it only reads less of it.
/// </summary>
internal static class SimpleYaml
{
    public static List<KeyValuePair<string, FrontMatterValue>>? TryRead(ReadOnlySpan<char> yaml, int firstLine) => TryRead(yaml, firstLine, out _);

    /// <summary>Reads the front matter, or returns <see langword="null"/> when it is more than this reader handles.</summary>
    /// <param name="yaml">The front matter between its fences.</param>
    /// <param name="firstLine">The file's line number of the front matter's first line.</param>
    /// <param name="repairedLine">
    /// 0, or the line of the first quoted value that goes on in column 0. Strict YAML rejects that, and
    /// <see cref="FrontMatter.Repair"/> reads it as Jekyll does; this reader reads it the same way, and the caller
    /// reports the repair at this line, as it does when YamlDotNet reads the repaired text.
    /// </param>
    public static List<KeyValuePair<string, FrontMatterValue>>? TryRead(ReadOnlySpan<char> yaml, int firstLine, out int repairedLine)
    {
        repairedLine = 0;
        if (yaml.Contains('\t'))
        {
            return null;
        }

        // The repair also strips white space at line ends, which a block scalar would otherwise keep.
        bool blockLineEndsInSpace = false;

        var entries = new List<KeyValuePair<string, FrontMatterValue>>(12);
        int position = 0;
        int line = firstLine - 1;
        while (position < yaml.Length)
        {
            int end = SpanSearch.IndexOf(yaml, '\n', position);
            int lineEnd = end < 0 ? yaml.Length : end;
            line++;
            ReadOnlySpan<char> text = yaml.Slice(position, lineEnd - position).TrimEnd('\r');
            int next = end < 0 ? yaml.Length : end + 1;
            ReadOnlySpan<char> trimmed = text.TrimStart(' ');
            if (trimmed.IsEmpty || trimmed[0] == '#')
            {
                position = next;
                continue;
            }

            // Top-level keys start in column 1; anything indented here is a value this reader does not handle.
            if (text[0] == ' ')
            {
                return null;
            }

            int colon = FindKeyEnd(text);
            if (colon <= 0)
            {
                return null;
            }

            string key = text[..colon].ToString();
            if (!IsPlainKey(key) || ContainsKey(entries, key))
            {
                return null;
            }

            int valueStart = colon + 1;
            while (valueStart < text.Length && text[valueStart] == ' ')
            {
                valueStart++;
            }

            ReadOnlySpan<char> value = text[valueStart..];
            FrontMatterValue? parsed;
            if (value.IsEmpty || value[0] == '#')
            {
                // A null value, a block list on the following lines, or a value on the following, indented lines.
                int afterKey = next;
                parsed = ReadBlockList(yaml, ref next, ref line, line, valueStart + 1);
                if (parsed is null && next < 0)
                {
                    next = afterKey;
                    parsed = value.IsEmpty ? ReadScalarOnNextLine(yaml, ref next, ref line) : null;
                    if (parsed is null)
                    {
                        return null;
                    }
                }
            }
            else if (value[0] is '|' or '>')
            {
                parsed = ReadBlockScalar(yaml, value, ref next, ref line, valueStart + 1, ref blockLineEndsInSpace);
                if (parsed is null)
                {
                    return null;
                }
            }
            else
            {
                int valueLine = line;
                parsed = ReadScalarValue(yaml, value, ref next, ref line, valueStart + 1, out bool columnZero);
                if (parsed is null)
                {
                    return null;
                }

                if (columnZero && repairedLine == 0)
                {
                    repairedLine = valueLine;
                }
            }

            entries.Add(new KeyValuePair<string, FrontMatterValue>(key, parsed!));
            position = next;
        }

        return repairedLine != 0 && blockLineEndsInSpace ? null : entries;
    }

    /// <summary>
    /// A value that starts with <paramref name="value"/>, on the line before <paramref name="next"/>: a flow list, or a
    /// quoted or plain scalar on that line or folded over the following ones.
    /// </summary>
    /// <remarks><paramref name="columnZero"/>: whether a quoted value goes on in column 0 (see <see cref="ReadMultiLineQuoted"/>).</remarks>
    private static FrontMatterValue? ReadScalarValue(ReadOnlySpan<char> yaml, ReadOnlySpan<char> value, ref int next, ref int line, int column, out bool columnZero)
    {
        columnZero = false;
        if (value[0] is '"' or '\'' && value[1..].IndexOf(value[0]) < 0)
        {
            FrontMatterValue? quoted = ReadMultiLineQuoted(yaml, value, ref next, ref line, column, out columnZero);
            return quoted is not null && NextLineIsNotContinuation(yaml, next) ? quoted : null;
        }

        FrontMatterValue? parsed = ReadInlineValue(value, line, column);
        if (parsed is not null && !NextLineIsNotContinuation(yaml, next))
        {
            // A plain value that goes on over the following, indented lines.
            parsed = parsed.Quoted || value[0] == '[' ? null : ReadMultiLinePlain(yaml, value, ref next, ref line, column);
        }

        return parsed;
    }

    /// <summary>
    /// A double- or single-quoted value whose closing quote is on a later line. As YAML folds it: white space around
    /// each line break is dropped, a break between two lines becomes a space, and each empty line a line feed.
    /// </summary>
    /// <remarks><paramref name="columnZero"/>: whether a line goes on in column 0, which only the repaired reading accepts.</remarks>
    private static FrontMatterValue? ReadMultiLineQuoted(ReadOnlySpan<char> yaml, ReadOnlySpan<char> value, ref int next, ref int line, int column, out bool columnZero)
    {
        columnZero = false;
        char quote = value[0];
        ReadOnlySpan<char> first = value[1..].TrimEnd(' ');
        if (first.IsEmpty || (quote == '"' && first.Contains('\\')))
        {
            return null;
        }

        int valueLine = line;
        var text = new System.Text.StringBuilder(first.Length * 4);
        text.Append(first);
        int emptyLines = 0;
        var lines = new LineCursor(yaml, next);
        while (lines.TryRead(out ReadOnlySpan<char> raw))
        {
            line++;
            ReadOnlySpan<char> content = raw.Trim(' ');
            if (content.IsEmpty)
            {
                emptyLines++;
                continue;
            }

            if (raw[0] != ' ')
            {
                // A document marker ends the document even inside a quoted value.
                if (content.StartsWith("---", StringComparison.Ordinal) || content.StartsWith("...", StringComparison.Ordinal))
                {
                    return null;
                }

                columnZero = true;
            }

            if (quote == '"' && content.Contains('\\'))
            {
                return null;
            }

            AppendFold(text, emptyLines);
            emptyLines = 0;
            int close = content.IndexOf(quote);
            if (close < 0)
            {
                text.Append(content);
                continue;
            }

            // Spaces before the closing quote are the value's own; a closing quote alone on its line is left to YamlDotNet.
            if (close == 0 || (quote == '\'' && close + 1 < content.Length && content[close + 1] == '\'') || !IsCommentOrEmpty(content[(close + 1)..]))
            {
                return null;
            }

            text.Append(content[..close]);
            next = lines.Next;
            string folded = text.ToString();
            return Scalar(folded, folded, true, valueLine, column);
        }

        return null;
    }

    /// <summary>
    /// A plain value that goes on over the following, indented lines, folded as a quoted one is. Lines that could
    /// mean something else (a comment, a key, a list item, an indicator) are left to YamlDotNet.
    /// </summary>
    private static FrontMatterValue? ReadMultiLinePlain(ReadOnlySpan<char> yaml, ReadOnlySpan<char> value, ref int next, ref int line, int column)
    {
        ReadOnlySpan<char> first = value.TrimEnd(' ');
        if (first.Contains(" #", StringComparison.Ordinal))
        {
            return null;
        }

        int valueLine = line;
        var text = new System.Text.StringBuilder(first.Length * 4);
        text.Append(first);
        int emptyLines = 0;
        int consumedLine = line;
        var lines = new LineCursor(yaml, next);
        while (lines.TryRead(out ReadOnlySpan<char> raw))
        {
            ReadOnlySpan<char> content = raw.Trim(' ');
            if (content.IsEmpty)
            {
                emptyLines++;
                continue;
            }

            if (raw[0] != ' ')
            {
                // The next key: empty lines before it are not part of the value.
                break;
            }

            if ("-?:,[]{}#&*!|>'\"%@`".Contains(content[0], StringComparison.Ordinal)
                || content.Contains(" #", StringComparison.Ordinal) || content.Contains(": ", StringComparison.Ordinal) || content[^1] == ':')
            {
                return null;
            }

            AppendFold(text, emptyLines);
            emptyLines = 0;
            text.Append(content);
            consumedLine += 1 + (int)CountLines(yaml, next, lines.Start);
            next = lines.Next;
        }

        line = consumedLine;
        string folded = text.ToString();
        return Scalar(FrontMatter.TypePlainScalar(folded), folded, false, valueLine, column);
    }

    /// <summary>
    /// A key's value that starts on the next line, indented (as formatters write long values): a plain or quoted
    /// scalar, on that line or folded over the following ones. It starts where YamlDotNet says it does, on that line.
    /// </summary>
    private static FrontMatterValue? ReadScalarOnNextLine(ReadOnlySpan<char> yaml, ref int next, ref int line)
    {
        var lines = new LineCursor(yaml, next);
        if (!lines.TryRead(out ReadOnlySpan<char> raw))
        {
            return null;
        }

        ReadOnlySpan<char> value = raw.TrimStart(' ');
        int indent = raw.Length - value.Length;

        // Blank or comment lines between the key and its value, and what is not a scalar, are left to YamlDotNet.
        if (indent == 0 || value.IsEmpty || value[0] is '#' or '[' or '|' or '>')
        {
            return null;
        }

        (next, line) = (lines.Next, line + 1);
        FrontMatterValue? scalar = ReadScalarValue(yaml, value, ref next, ref line, indent + 1, out bool columnZero);

        // The repair only follows quotes opened on a key's line: one opened here must not go on in column 0.
        return columnZero ? null : scalar;
    }

    /// <summary>The line breaks in <paramref name="yaml"/> from <paramref name="from"/> up to <paramref name="to"/>.</summary>
    private static long CountLines(ReadOnlySpan<char> yaml, int from, int to) => yaml.Slice(from, to - from).Count('\n');

    /// <summary>
    /// A literal (<c>|</c>) or folded (<c>&gt;</c>) block scalar, with clip or strip (<c>-</c>) chomping, whose lines
    /// share one indentation (a literal one's may be indented further). Leading empty lines, kept chomping (<c>+</c>),
    /// indentation indicators and a folded value's more-indented lines are left to YamlDotNet.
    /// </summary>
    private static FrontMatterValue? ReadBlockScalar(ReadOnlySpan<char> yaml, ReadOnlySpan<char> value, ref int next, ref int line, int column, ref bool lineEndsInSpace)
    {
        bool literal = value[0] == '|';
        int i = 1;
        bool strip = false;
        if (i < value.Length && value[i] == '-')
        {
            strip = true;
            i++;
        }

        if (!IsCommentOrEmpty(value[i..]))
        {
            return null;
        }

        int valueLine = line;
        var text = new System.Text.StringBuilder(256);
        int indent = -1, emptyLines = 0;
        int consumedLine = line, lastNext = next;
        bool endsInBreak = true;
        var lines = new LineCursor(yaml, next);
        while (lines.TryRead(out ReadOnlySpan<char> raw))
        {
            ReadOnlySpan<char> content = raw.TrimStart(' ');
            int lineIndent = raw.Length - content.Length;
            if (content.IsEmpty)
            {
                // Spaces beyond the indentation on an empty line would be content.
                if (indent < 0 || lineIndent > indent)
                {
                    return null;
                }

                emptyLines++;
                continue;
            }

            if (indent < 0)
            {
                if (lineIndent == 0)
                {
                    return null;
                }

                indent = lineIndent;
            }
            else if (lineIndent < indent)
            {
                if (lineIndent == 0)
                {
                    break;
                }

                return null;
            }
            else if (lineIndent > indent && !literal)
            {
                return null;
            }

            ReadOnlySpan<char> piece = raw[indent..];
            lineEndsInSpace |= piece[^1] == ' ';
            if (text.Length > 0)
            {
                if (literal)
                {
                    text.Append('\n', emptyLines + 1);
                }
                else
                {
                    AppendFold(text, emptyLines);
                }
            }

            emptyLines = 0;
            text.Append(piece);
            consumedLine += 1 + (int)CountLines(yaml, lastNext, lines.Start);
            endsInBreak = lines.EndedInBreak;
            lastNext = lines.Next;
        }

        if (indent < 0 || !endsInBreak)
        {
            return null;
        }

        next = lastNext;
        line = consumedLine;
        if (!strip)
        {
            text.Append('\n');
        }

        string scalar = text.ToString();
        return Scalar(scalar, scalar, true, valueLine, column);
    }

    /// <summary>Between two folded lines: a space, or a line feed for each empty line between them.</summary>
    private static void AppendFold(System.Text.StringBuilder text, int emptyLines)
    {
        if (emptyLines == 0)
        {
            text.Append(' ');
        }
        else
        {
            text.Append('\n', emptyLines);
        }
    }

    private static bool ContainsKey(List<KeyValuePair<string, FrontMatterValue>> entries, string key)
    {
        foreach (KeyValuePair<string, FrontMatterValue> entry in entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The colon that ends a key: followed by a space or the end of the line.</summary>
    private static int FindKeyEnd(ReadOnlySpan<char> text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == ':' && (i + 1 == text.Length || text[i + 1] == ' '))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsPlainKey(string key)
    {
        if (key.Length == 0 || "-?:,[]{}#&*!|>'\"%@`".Contains(key[0], StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in key)
        {
            if (c is '#' or '{' or '}' or '[' or ']' or ',' or '"' or '\'')
            {
                return false;
            }
        }

        return key[^1] != ' ';
    }

    /// <summary>After a one-line value, the next line must start a new key (not continue the value).</summary>
    private static bool NextLineIsNotContinuation(ReadOnlySpan<char> yaml, int next)
    {
        while (next < yaml.Length)
        {
            int end = SpanSearch.IndexOf(yaml, '\n', next);
            ReadOnlySpan<char> text = yaml.Slice(next, (end < 0 ? yaml.Length : end) - next).TrimEnd('\r');
            ReadOnlySpan<char> trimmed = text.TrimStart(' ');
            if (!trimmed.IsEmpty && trimmed[0] != '#')
            {
                return text[0] != ' ';
            }

            if (end < 0)
            {
                return true;
            }

            next = end + 1;
        }

        return true;
    }

    private static FrontMatterValue? ReadBlockList(ReadOnlySpan<char> yaml, ref int next, ref int line, int keyLine, int column)
    {
        List<FrontMatterValue>? items = null;
        int itemIndent = -1;
        int firstItemLine = 0;
        int position = next;
        int currentLine = line;
        while (position < yaml.Length)
        {
            int end = SpanSearch.IndexOf(yaml, '\n', position);
            int lineEnd = end < 0 ? yaml.Length : end;
            ReadOnlySpan<char> text = yaml.Slice(position, lineEnd - position).TrimEnd('\r');
            int following = end < 0 ? yaml.Length : end + 1;
            ReadOnlySpan<char> trimmed = text.TrimStart(' ');
            if (trimmed.IsEmpty || trimmed[0] == '#')
            {
                position = following;
                currentLine++;
                continue;
            }

            int indent = text.Length - trimmed.Length;
            if (!(trimmed.Length >= 2 && trimmed[0] == '-' && trimmed[1] == ' ') && trimmed is not "-")
            {
                if (indent == 0)
                {
                    break;
                }

                // An indented line that is not a list item: a nested map or a multi-line value.
                next = -1;
                return null;
            }

            if (itemIndent < 0)
            {
                itemIndent = indent;
                firstItemLine = currentLine + 1;
            }
            else if (indent != itemIndent)
            {
                next = -1;
                return null;
            }

            currentLine++;
            int valueStart = indent + 1;
            while (valueStart < text.Length && text[valueStart] == ' ')
            {
                valueStart++;
            }

            ReadOnlySpan<char> value = text[valueStart..];
            FrontMatterValue? item = value.IsEmpty || value[0] == '#'
                ? Scalar(null, string.Empty, false, currentLine, valueStart + 1)
                : ReadScalar(value, currentLine, valueStart + 1);
            if (item is null)
            {
                next = -1;
                return null;
            }

            (items ??= []).Add(item);
            position = following;
        }

        if (items is null)
        {
            // No list followed: the key's value is null; blank and comment lines stay unread for the caller.
            return Scalar(null, string.Empty, false, keyLine, column);
        }

        line = currentLine;
        next = position;

        // Like YamlDotNet, a block list starts where its first item does.
        return Sequence(items, firstItemLine, itemIndent + 1);
    }

    private static FrontMatterValue? ReadInlineValue(ReadOnlySpan<char> value, int line, int column)
    {
        if (value[0] == '[')
        {
            return ReadFlowList(value, line, column);
        }

        return ReadScalar(value, line, column);
    }

    private static FrontMatterValue? ReadFlowList(ReadOnlySpan<char> value, int line, int column)
    {
        int close = value.IndexOf(']');
        if (close < 0 || !IsCommentOrEmpty(value[(close + 1)..]))
        {
            return null;
        }

        ReadOnlySpan<char> inner = value[1..close];
        var items = new List<FrontMatterValue>();
        if (inner.Trim(' ').IsEmpty)
        {
            return Sequence(items, line, column);
        }

        int offset = 1;
        while (true)
        {
            int comma = QuotedText.IndexOutsideQuotes(inner, ',', "\"'");
            ReadOnlySpan<char> part = comma < 0 ? inner : inner[..comma];
            int leading = part.Length - part.TrimStart(' ').Length;
            ReadOnlySpan<char> item = part.Trim(' ');
            if (item.IsEmpty || item[0] is '[' or '{')
            {
                return null;
            }

            FrontMatterValue? parsed = ReadScalar(item, line, column + offset + leading, inFlow: true);
            if (parsed is null)
            {
                return null;
            }

            items.Add(parsed);
            if (comma < 0)
            {
                break;
            }

            offset += comma + 1;
            inner = inner[(comma + 1)..];
        }

        return Sequence(items, line, column);
    }

    private static FrontMatterValue? ReadScalar(ReadOnlySpan<char> value, int line, int column, bool inFlow = false)
    {
        char first = value[0];
        if (first is '"' or '\'')
        {
            int close = value[1..].IndexOf(first);
            if (close < 0)
            {
                return null;
            }

            close++;
            ReadOnlySpan<char> content = value[1..close];

            // Escapes ('' and backslashes) are left to YamlDotNet.
            if ((first == '\'' && close + 1 < value.Length && value[close + 1] == '\'') || (first == '"' && content.Contains('\\')))
            {
                return null;
            }

            if (!IsCommentOrEmpty(value[(close + 1)..]))
            {
                return null;
            }

            string text = content.ToString();
            return Scalar(text, text, true, line, column);
        }

        if ("-?:,[]{}#&*!|>%@`".Contains(first, StringComparison.Ordinal))
        {
            return null;
        }

        int comment = value.IndexOf(" #", StringComparison.Ordinal);
        ReadOnlySpan<char> plain = (comment < 0 ? value : value[..comment]).TrimEnd(' ');
        if (plain.Contains(": ", StringComparison.Ordinal) || plain.EndsWith(':') || (inFlow && plain.IndexOfAny("[]{}") >= 0))
        {
            return null;
        }

        string raw = plain.ToString();
        return Scalar(FrontMatter.TypePlainScalar(raw), raw, false, line, column);
    }

    private static bool IsCommentOrEmpty(ReadOnlySpan<char> rest)
    {
        ReadOnlySpan<char> trimmed = rest.TrimStart(' ');
        return trimmed.IsEmpty || (trimmed[0] == '#' && rest.Length > trimmed.Length);
    }

    private static FrontMatterValue Scalar(object? value, string? raw, bool quoted, int line, int column) =>
        new() { Value = value, RawScalar = raw, Kind = YamlNodeType.Scalar, Quoted = quoted, Line = line, Column = column };

    private static FrontMatterValue Sequence(List<FrontMatterValue> items, int line, int column)
    {
        var values = new object?[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            values[i] = items[i].Value;
        }

        return new FrontMatterValue { Value = new ReadOnlyCollection<object?>(values), Kind = YamlNodeType.Sequence, Items = items, Line = line, Column = column };
    }

    /// <summary>Reads the front matter's lines one at a time, each without its line break.</summary>
    private ref struct LineCursor(ReadOnlySpan<char> yaml, int next)
    {
        private readonly ReadOnlySpan<char> _yaml = yaml;

        /// <summary>Where the line read last starts.</summary>
        public int Start { get; private set; }

        /// <summary>Where the line after the one read last starts.</summary>
        public int Next { get; private set; } = next;

        /// <summary>Whether the line read last ended in a line break (the last line may not).</summary>
        public bool EndedInBreak { get; private set; }

        public bool TryRead(out ReadOnlySpan<char> line)
        {
            if (Next >= _yaml.Length)
            {
                line = default;
                return false;
            }

            Start = Next;
            int end = SpanSearch.IndexOf(_yaml, '\n', Start);
            int lineEnd = end < 0 ? _yaml.Length : end;
            line = _yaml.Slice(Start, lineEnd - Start).TrimEnd('\r');
            Next = end < 0 ? _yaml.Length : end + 1;
            EndedInBreak = end >= 0;
            return true;
        }
    }
}

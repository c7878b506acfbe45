using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using DevOpsVision.Blogging.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DevOpsVision.Blogging.Posts;

/// <summary>Where the front matter sits in a file: the YAML text and the line the body starts on.</summary>
internal readonly record struct FrontMatterSpan(bool Present, int YamlStart, int YamlLength, int BodyStart, int BodyLine, bool Unclosed);

/// <summary>
/// A front-matter value read from YAML: the converted value plus where it was written, for diagnostics.
/// </summary>
internal sealed class FrontMatterValue
{
    public required object? Value { get; init; }

    /// <summary>The YAML node kind: a scalar, a sequence or a mapping.</summary>
    public required YamlNodeType Kind { get; init; }

    /// <summary>For scalars, whether the value was quoted (quoted scalars are always strings).</summary>
    public bool Quoted { get; init; }

    public required int Line { get; init; }

    public required int Column { get; init; }

    /// <summary>For sequences, the items; for mappings, the entries.</summary>
    public IReadOnlyList<FrontMatterValue> Items { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, FrontMatterValue>> Entries { get; init; } = [];

    public string? ScalarText => Kind == YamlNodeType.Scalar ? Value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Value.ToString(),
    } : null;

    /// <summary>The raw scalar as written, before typing (for dates, which YAML 1.1 and 1.2 type differently).</summary>
    public string? RawScalar { get; init; }
}

/// <summary>
/// Splits front matter from the body and reads it with YamlDotNet, tolerating the quirks that
/// Jekyll and Hugo accept: continuation lines of quoted values in column 0, trailing tabs.
/// </summary>
internal static class FrontMatter
{
    // Bounds that keep a hostile document (alias bombs, deep nesting) cheap to convert.
    private const int MaxNodes = 20_000;
    private const int MaxDepth = 32;

    public static FrontMatterSpan Locate(ReadOnlySpan<char> text)
    {
        if (!StartsWithFence(text, out int afterOpening))
        {
            return new FrontMatterSpan(false, 0, 0, 0, 1, false);
        }

        int position = afterOpening;
        int line = 2;
        while (position <= text.Length)
        {
            int end = SpanSearch.IndexOf(text, '\n', position);
            int lineEnd = end < 0 ? text.Length : end;
            ReadOnlySpan<char> current = text[position..lineEnd].TrimEnd();
            if (current is "---" or "...")
            {
                int bodyStart = end < 0 ? text.Length : lineEnd + 1;
                return new FrontMatterSpan(true, afterOpening, position - afterOpening, bodyStart, line + 1, false);
            }

            if (end < 0)
            {
                break;
            }

            position = lineEnd + 1;
            line++;
        }

        return new FrontMatterSpan(true, afterOpening, text.Length - afterOpening, text.Length, line, true);
    }

    private static bool StartsWithFence(ReadOnlySpan<char> text, out int afterLine)
    {
        afterLine = 0;
        if (!text.StartsWith("---", StringComparison.Ordinal))
        {
            return false;
        }

        int end = text.IndexOf('\n');
        int lineEnd = end < 0 ? text.Length : end;
        if (!text[3..lineEnd].Trim().IsEmpty)
        {
            return false;
        }

        afterLine = end < 0 ? text.Length : end + 1;
        return true;
    }

    /// <summary>
    /// Reads the YAML mapping. On a syntax error, retries once with the tolerant repair; reports the
    /// first error with its position in the file when both fail.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, FrontMatterValue>>? Read(
        ReadOnlySpan<char> yaml, int firstLine, string path, List<PostDiagnostic> diagnostics)
    {
        if (yaml.IsWhiteSpace())
        {
            return [];
        }

        // Only the full reader needs the front matter as a string of its own.
        List<KeyValuePair<string, FrontMatterValue>>? simple = SimpleYaml.TryRead(yaml, firstLine, out int repairedLine);
        if (simple is null)
        {
            return ReadWithYamlDotNet(yaml.ToString(), firstLine, path, diagnostics);
        }

        if (repairedLine != 0)
        {
            diagnostics.Add(Repaired(path, repairedLine));
        }

        return simple;
    }

    private static PostDiagnostic Repaired(string path, int line) =>
        new(path, line, 0, DiagnosticSeverity.Info, DiagnosticCodes.FrontMatterRepaired,
            "Front matter is not strict YAML (a quoted value continues in column 0, or a line ends in tabs); read it the way Jekyll does.");

    /// <summary>The full YAML reader, for front matter the fast reader does not handle.</summary>
    internal static IReadOnlyList<KeyValuePair<string, FrontMatterValue>>? ReadWithYamlDotNet(
        string yaml, int firstLine, string path, List<PostDiagnostic> diagnostics)
    {
        YamlException? firstError;
        try
        {
            return Convert(Load(yaml), firstLine, path, diagnostics);
        }
        catch (YamlException exception)
        {
            firstError = exception;
        }

        string? repaired = Repair(yaml);
        if (repaired is not null)
        {
            try
            {
                var entries = Convert(Load(repaired), firstLine, path, diagnostics);
                if (entries is not null)
                {
                    diagnostics.Add(Repaired(path, firstLine + (int)firstError.Start.Line - 1));
                }

                return entries;
            }
            catch (YamlException)
            {
                // The first error describes the file as written, which is what the writer must fix.
            }
        }

        int line = firstLine + Math.Max(0, (int)firstError.Start.Line - 1);
        diagnostics.Add(new PostDiagnostic(path, line, (int)firstError.Start.Column, DiagnosticSeverity.Error, DiagnosticCodes.InvalidYaml,
            $"Front matter is not valid YAML: {CleanYamlMessage(firstError)}"));
        return null;
    }

    private static string CleanYamlMessage(YamlException exception)
    {
        string message = exception.InnerException is YamlException inner && !string.IsNullOrEmpty(inner.Message) ? inner.Message : exception.Message;
        if (exception.InnerException is not null and not YamlException)
        {
            message = exception.Message;
        }

        // YamlDotNet prefixes positions like "(Line: 2, Col: 5, Idx: 10) - (Line: ...): "; the diagnostic has its own.
        int marker = message.LastIndexOf("): ", StringComparison.Ordinal);
        return marker >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(marker + 3)..] : message;
    }

    private static YamlNode? Load(string yaml)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(yaml);
        var parser = new TrackingParser(new Parser(reader));
        try
        {
            stream.Load(parser);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or FormatException)
        {
            // YamlDotNet's scanner throws plain exceptions on some malformed input; give them the position reached.
            Mark mark = parser.LastEnd;
            throw new YamlException(mark, mark, "the YAML could not be read past this point (an unclosed bracket or quote?)", exception);
        }

        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    /// <summary>Remembers where the last successfully read YAML event ended.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public Mark LastEnd { get; private set; } = Mark.Empty;

        public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            bool moved = inner.MoveNext();
            if (moved && inner.Current is { } current)
            {
                LastEnd = current.End;
            }

            return moved;
        }
    }

    private static IReadOnlyList<KeyValuePair<string, FrontMatterValue>>? Convert(YamlNode? root, int firstLine, string path, List<PostDiagnostic> diagnostics)
    {
        if (root is null || (root is YamlScalarNode { Value: null or "" }))
        {
            return [];
        }

        if (root is not YamlMappingNode mapping)
        {
            diagnostics.Add(new PostDiagnostic(path, firstLine + (int)root.Start.Line - 1, (int)root.Start.Column, DiagnosticSeverity.Error, DiagnosticCodes.InvalidYaml,
                "Front matter must be a set of 'key: value' lines."));
            return null;
        }

        int budget = MaxNodes;
        var entries = new List<KeyValuePair<string, FrontMatterValue>>(mapping.Children.Count);
        foreach (KeyValuePair<YamlNode, YamlNode> child in mapping.Children)
        {
            string key = child.Key is YamlScalarNode keyScalar ? keyScalar.Value ?? string.Empty : child.Key.ToString();
            FrontMatterValue? value = ConvertNode(child.Value, firstLine, 0, ref budget);
            if (value is null)
            {
                diagnostics.Add(new PostDiagnostic(path, firstLine + (int)child.Key.Start.Line - 1, (int)child.Key.Start.Column, DiagnosticSeverity.Error, DiagnosticCodes.FrontMatterTooComplex,
                    $"Front matter value '{key}' is too large or too deeply nested (more than {MaxNodes} values or {MaxDepth} levels, as YAML alias bombs are)."));
                return null;
            }

            entries.Add(new KeyValuePair<string, FrontMatterValue>(key, value));
        }

        return entries;
    }

    private static FrontMatterValue? ConvertNode(YamlNode node, int firstLine, int depth, ref int budget)
    {
        if (--budget < 0 || depth > MaxDepth)
        {
            return null;
        }

        int line = firstLine + (int)node.Start.Line - 1;
        int column = (int)node.Start.Column;
        switch (node)
        {
            case YamlScalarNode scalar:
                bool quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded;
                return new FrontMatterValue
                {
                    Value = quoted ? scalar.Value ?? string.Empty : TypePlainScalar(scalar.Value),
                    RawScalar = scalar.Value,
                    Kind = YamlNodeType.Scalar,
                    Quoted = quoted,
                    Line = line,
                    Column = column,
                };
            case YamlSequenceNode sequence:
            {
                var items = new List<FrontMatterValue>(sequence.Children.Count);
                var values = new List<object?>(sequence.Children.Count);
                foreach (YamlNode child in sequence.Children)
                {
                    FrontMatterValue? item = ConvertNode(child, firstLine, depth + 1, ref budget);
                    if (item is null)
                    {
                        return null;
                    }

                    items.Add(item);
                    values.Add(item.Value);
                }

                return new FrontMatterValue { Value = values.AsReadOnly(), Kind = YamlNodeType.Sequence, Items = items, Line = line, Column = column };
            }

            case YamlMappingNode map:
            {
                var entries = new List<KeyValuePair<string, FrontMatterValue>>(map.Children.Count);
                var values = new Dictionary<string, object?>(map.Children.Count, StringComparer.Ordinal);
                foreach (KeyValuePair<YamlNode, YamlNode> child in map.Children)
                {
                    string key = child.Key is YamlScalarNode keyScalar ? keyScalar.Value ?? string.Empty : child.Key.ToString();
                    FrontMatterValue? item = ConvertNode(child.Value, firstLine, depth + 1, ref budget);
                    if (item is null)
                    {
                        return null;
                    }

                    entries.Add(new KeyValuePair<string, FrontMatterValue>(key, item));
                    values[key] = item.Value;
                }

                return new FrontMatterValue { Value = new ReadOnlyDictionary<string, object?>(values), Kind = YamlNodeType.Mapping, Entries = entries, Line = line, Column = column };
            }

            default:
                return new FrontMatterValue { Value = null, Kind = YamlNodeType.Scalar, Line = line, Column = column };
        }
    }

    /// <summary>YAML 1.2 core schema typing of plain scalars: null, booleans, integers, floats, else the string.</summary>
    internal static object? TypePlainScalar(string? value)
    {
        if (value is null or "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE")
        {
            return true;
        }

        if (value is "false" or "False" or "FALSE")
        {
            return false;
        }

        char first = value[0];
        if (char.IsAsciiDigit(first) || first is '-' or '+' or '.')
        {
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
            {
                return integer;
            }

            if (value.AsSpan().IndexOfAny('e', 'E') < 0 || value.Length < 40)
            {
                if (double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double real)
                    && value.Contains('.', StringComparison.Ordinal))
                {
                    return real;
                }
            }
        }

        return value;
    }

    /// <summary>
    /// Indents column-0 continuation lines of multi-line quoted values and strips trailing white space,
    /// which is how Jekyll's YAML reader understands them. Returns <see langword="null"/> when nothing changed.
    /// </summary>
    internal static string? Repair(string yaml)
    {
        var builder = new StringBuilder(yaml.Length + 64);
        char openQuote = '\0';
        bool changed = false;
        int position = 0;
        while (position < yaml.Length)
        {
            int end = yaml.IndexOf('\n', position);
            int lineEnd = end < 0 ? yaml.Length : end;
            ReadOnlySpan<char> line = yaml.AsSpan(position, lineEnd - position);
            ReadOnlySpan<char> trimmed = line.TrimEnd();
            if (trimmed.Length != line.Length)
            {
                changed = true;
            }

            if (openQuote != '\0' && trimmed.Length > 0 && trimmed[0] is not ' ' and not '\t')
            {
                builder.Append("  ");
                changed = true;
            }

            builder.Append(trimmed);
            openQuote = ScanQuotes(trimmed, openQuote);
            if (end >= 0)
            {
                builder.Append('\n');
            }

            position = lineEnd + 1;
        }

        return changed ? builder.ToString() : null;
    }

    /// <summary>Follows quoted scalars across a line; returns the quote still open at its end, if any.</summary>
    private static char ScanQuotes(ReadOnlySpan<char> line, char openQuote)
    {
        int i = 0;
        if (openQuote == '\0')
        {
            // Outside a quoted value, a value starts after "key:" or "- " and is quoted only if its first character is a quote.
            int valueStart = FindValueStart(line);
            if (valueStart < 0 || valueStart >= line.Length || line[valueStart] is not ('"' or '\''))
            {
                return '\0';
            }

            openQuote = line[valueStart];
            i = valueStart + 1;
        }

        for (; i < line.Length; i++)
        {
            char c = line[i];
            if (openQuote == '"' && c == '\\')
            {
                i++;
            }
            else if (c == openQuote)
            {
                if (openQuote == '\'' && i + 1 < line.Length && line[i + 1] == '\'')
                {
                    i++;
                    continue;
                }

                return '\0';
            }
        }

        return openQuote;
    }

    private static int FindValueStart(ReadOnlySpan<char> line)
    {
        int i = 0;
        while (i < line.Length && line[i] == ' ')
        {
            i++;
        }

        while (i + 1 < line.Length && line[i] == '-' && line[i + 1] == ' ')
        {
            i += 2;
            while (i < line.Length && line[i] == ' ')
            {
                i++;
            }

            if (i < line.Length && line[i] is '"' or '\'')
            {
                return i;
            }
        }

        if (i < line.Length && line[i] is '#')
        {
            return -1;
        }

        int colon = line[i..].IndexOf(": ");
        if (colon < 0)
        {
            return -1;
        }

        int start = i + colon + 2;
        while (start < line.Length && line[start] == ' ')
        {
            start++;
        }

        return start;
    }
}

using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using DevOpsVision.Blogging.Text;

namespace DevOpsVision.Blogging.Posts.Shortcodes;

/// <summary>
/// Finds Hugo shortcodes and Liquid tags in a post body, outside code, and replaces each one that has a
/// handler with the handler's Markdown. One forward scan; every search for a closing delimiter is
/// remembered, so hostile input stays linear.
/// </summary>
internal sealed class ShortcodeExpander
{
    // A shortcode longer than this is not a shortcode (multi-line Hugo figures are a few hundred characters).
    private const int MaxShortcodeLength = 16 * 1024;

    private static readonly IReadOnlyDictionary<string, string> NoNamed = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>());

    private readonly Dictionary<string, IShortcodeHandler> _handlers;

    public ShortcodeExpander(IEnumerable<IShortcodeHandler> handlers)
    {
        _handlers = new Dictionary<string, IShortcodeHandler>(StringComparer.OrdinalIgnoreCase);
        foreach (IShortcodeHandler handler in handlers)
        {
            _handlers[handler.Name] = handler;
        }
    }

    public static bool MayContainShortcodes(ReadOnlySpan<char> body) =>
        body.Contains("{{", StringComparison.Ordinal) || body.Contains("{%", StringComparison.Ordinal);

    /// <summary>Returns the text with shortcodes expanded, or <see langword="null"/> when nothing was replaced.</summary>
    public string? Expand(ReadOnlySpan<char> text, int bodyStart, int bodyLine, ShortcodeContext context, List<PostDiagnostic> diagnostics)
    {
        var scan = new Scan(this, text, bodyStart, bodyLine, context, diagnostics);
        return scan.Run();
    }

    private ref struct Scan
    {
        private readonly ShortcodeExpander _owner;
        private readonly ReadOnlySpan<char> _text;
        private readonly ShortcodeContext _context;
        private readonly List<PostDiagnostic> _diagnostics;
        private const int MaxSpareCapacity = 1 << 20;

        [ThreadStatic]
        private static StringBuilder? t_spare;

        private StringBuilder? _output;
        private int _copiedUpTo;
        private int _position;
        private int _line;
        private int _lineStart;
        private Dictionary<string, int>? _nextDelimiter;
        private Dictionary<string, int>? _closingMisses;
        private Dictionary<string, (int Line, int Column, int Count)>? _unknown;

        public Scan(ShortcodeExpander owner, ReadOnlySpan<char> text, int bodyStart, int bodyLine, ShortcodeContext context, List<PostDiagnostic> diagnostics)
        {
            _owner = owner;
            _text = text;
            _context = context;
            _diagnostics = diagnostics;
            _position = bodyStart;
            _copiedUpTo = 0;
            _line = bodyLine;
            _lineStart = bodyStart;
        }

        public string? Run()
        {
            char fenceChar = '\0';
            int fenceLength = 0;
            while (_position < _text.Length)
            {
                // At the start of a line: fenced code blocks are skipped whole.
                int lineEnd = SpanSearch.IndexOf(_text, '\n', _position);
                if (lineEnd < 0)
                {
                    lineEnd = _text.Length;
                }

                if (IsFence(_text.Slice(_position, lineEnd - _position), fenceChar, fenceLength, out char foundChar, out int foundLength))
                {
                    if (fenceChar == '\0')
                    {
                        fenceChar = foundChar;
                        fenceLength = foundLength;
                    }
                    else
                    {
                        fenceChar = '\0';
                    }

                    NextLine(lineEnd);
                    continue;
                }

                if (fenceChar != '\0')
                {
                    NextLine(lineEnd);
                    continue;
                }

                ScanLine(ref lineEnd);
                NextLine(lineEnd);
            }

            ReportUnknown();
            if (_output is null)
            {
                return null;
            }

            _output.Append(_text[_copiedUpTo..]);
            string expanded = _output.ToString();
            ReturnBuilder(_output);
            _output = null;
            return expanded;
        }

        /// <summary>The thread's spare builder, sized for the text: a blog's posts are expanded one after another.</summary>
        private static StringBuilder RentBuilder(int capacity)
        {
            StringBuilder? builder = t_spare;
            if (builder is null)
            {
                return new StringBuilder(capacity);
            }

            t_spare = null;
            builder.Clear();
            builder.EnsureCapacity(capacity);
            return builder;
        }

        private static void ReturnBuilder(StringBuilder builder)
        {
            // A builder grown by a hostile post is let go rather than kept for the thread's life.
            if (builder.Capacity <= MaxSpareCapacity)
            {
                t_spare = builder;
            }
        }

        private void NextLine(int lineEnd)
        {
            _position = lineEnd + 1;
            _lineStart = _position;
            _line++;
        }

        private static bool IsFence(ReadOnlySpan<char> line, char openChar, int openLength, out char fenceChar, out int length)
        {
            fenceChar = '\0';
            length = 0;
            int i = 0;
            while (i < line.Length && i < 4 && line[i] == ' ')
            {
                i++;
            }

            if (i > 3 || i >= line.Length || line[i] is not ('`' or '~'))
            {
                return false;
            }

            char c = line[i];
            int start = i;
            while (i < line.Length && line[i] == c)
            {
                i++;
            }

            length = i - start;
            fenceChar = c;
            if (length < 3)
            {
                return false;
            }

            if (openChar == '\0')
            {
                // An opening backtick fence's info string may not contain backticks.
                return c != '`' || !line[i..].Contains('`');
            }

            return c == openChar && length >= openLength && line[i..].IsWhiteSpace();
        }

        private void ScanLine(ref int lineEnd)
        {
            int i = _position;
            while (i < lineEnd)
            {
                int next = _text.Slice(i, lineEnd - i).IndexOfAny('`', '{');
                if (next < 0)
                {
                    break;
                }

                i += next;
                if (_text[i] == '`')
                {
                    i = SkipCodeSpan(i, ref lineEnd);
                    continue;
                }

                if (i + 1 < _text.Length && _text[i + 1] is '{' or '%')
                {
                    int after = TryShortcode(i, ref lineEnd);
                    i = after > i ? after : i + 1;
                    continue;
                }

                i++;
            }
        }

        /// <summary>Skips an inline code span (which may run over lines of one paragraph); returns the index after it.</summary>
        private int SkipCodeSpan(int start, ref int lineEnd)
        {
            int run = 0;
            while (start + run < _text.Length && _text[start + run] == '`')
            {
                run++;
            }

            int searchFrom = start + run;
            string key = "`" + run.ToString(CultureInfo.InvariantCulture);
            _closingMisses ??= new Dictionary<string, int>(StringComparer.Ordinal);
            if (_closingMisses.TryGetValue(key, out int missFrom) && missFrom <= searchFrom)
            {
                return searchFrom;
            }

            int paragraphEnd = SpanSearch.IndexOf(_text, "\n\n", searchFrom, StringComparison.Ordinal);
            int limit = paragraphEnd < 0 ? _text.Length : paragraphEnd;
            int j = searchFrom;
            while (j < limit)
            {
                int tick = SpanSearch.IndexOf(_text, '`', j, limit - j);
                if (tick < 0)
                {
                    break;
                }

                int closing = 0;
                while (tick + closing < _text.Length && _text[tick + closing] == '`')
                {
                    closing++;
                }

                if (closing == run)
                {
                    int end = tick + closing;
                    AdvanceLines(start, end, ref lineEnd);
                    return end;
                }

                j = tick + closing;
            }

            // Remember only misses that reached the end of the text; a paragraph-bounded miss says nothing about later paragraphs.
            if (paragraphEnd < 0)
            {
                _closingMisses[key] = searchFrom;
            }

            return searchFrom;
        }

        /// <summary>Moves the line bookkeeping past newlines between <paramref name="from"/> and <paramref name="to"/>.</summary>
        private void AdvanceLines(int from, int to, ref int lineEnd)
        {
            if (to <= lineEnd)
            {
                return;
            }

            ReadOnlySpan<char> skipped = _text.Slice(from, to - from);
            _line += skipped.Count('\n');
            _lineStart = from + skipped.LastIndexOf('\n') + 1;
            int newEnd = SpanSearch.IndexOf(_text, '\n', to);
            lineEnd = newEnd < 0 ? _text.Length : newEnd;
        }

        private int FindDelimiter(string delimiter, int from)
        {
            _nextDelimiter ??= new Dictionary<string, int>(StringComparer.Ordinal);
            if (_nextDelimiter.TryGetValue(delimiter, out int known) && (known >= from || known == -1))
            {
                return known;
            }

            int found = SpanSearch.IndexOf(_text, delimiter, from, StringComparison.Ordinal);
            _nextDelimiter[delimiter] = found;
            return found;
        }

        private int TryShortcode(int start, ref int lineEnd)
        {
            ShortcodeSyntax syntax;
            int innerStart;
            string closeDelimiter;
            if (_text[start + 1] == '%')
            {
                syntax = ShortcodeSyntax.LiquidTag;
                innerStart = start + 2;
                closeDelimiter = "%}";
            }
            else if (start + 2 < _text.Length && _text[start + 2] == '<')
            {
                syntax = ShortcodeSyntax.HugoHtml;
                innerStart = start + 3;
                closeDelimiter = ">}}";
            }
            else if (start + 2 < _text.Length && _text[start + 2] == '%')
            {
                syntax = ShortcodeSyntax.HugoMarkdown;
                innerStart = start + 3;
                closeDelimiter = "%}}";
            }
            else
            {
                syntax = ShortcodeSyntax.LiquidOutput;
                innerStart = start + 2;
                closeDelimiter = "}}";
            }

            int close = FindDelimiter(closeDelimiter, innerStart);
            if (close < 0 || close - start > MaxShortcodeLength)
            {
                return start + 2;
            }

            int end = close + closeDelimiter.Length;
            ReadOnlySpan<char> inner = _text.Slice(innerStart, close - innerStart);

            // Hugo's escape for writing about shortcodes: {{</* name */>}} shows "{{< name >}}".
            if (syntax is ShortcodeSyntax.HugoHtml or ShortcodeSyntax.HugoMarkdown)
            {
                ReadOnlySpan<char> trimmed = inner.Trim();
                if (trimmed.StartsWith("/*") && trimmed.EndsWith("*/") && trimmed.Length >= 4)
                {
                    string literal = syntax == ShortcodeSyntax.HugoHtml
                        ? string.Concat("{{< ", trimmed[2..^2].Trim().ToString(), " >}}")
                        : string.Concat("{{% ", trimmed[2..^2].Trim().ToString(), " %}}");
                    Replace(start, end, literal);
                    AdvanceLines(start, end, ref lineEnd);
                    return end;
                }
            }

            inner = inner.Trim().Trim('-').Trim();
            int line = _line;
            int column = start - _lineStart + 1;

            if (syntax == ShortcodeSyntax.LiquidTag && (IsWord(inner, "raw") || IsWord(inner, "comment")))
            {
                bool raw = IsWord(inner, "raw");
                int closingStart = FindClosing(raw ? "raw" : "comment", ShortcodeSyntax.LiquidTag, end, out int closingEnd);
                if (closingStart < 0)
                {
                    return end;
                }

                Replace(start, closingEnd, raw ? _text[end..closingStart].ToString() : string.Empty);
                AdvanceLines(start, closingEnd, ref lineEnd);
                return closingEnd;
            }

            if (!TryParse(inner, syntax, line, column, out Shortcode? shortcode))
            {
                return end;
            }

            if (!_owner._handlers.TryGetValue(shortcode.Name, out IShortcodeHandler? handler))
            {
                if (!shortcode.Name.StartsWith('/') && !shortcode.Name.StartsWith("end", StringComparison.Ordinal))
                {
                    NoteUnknown(shortcode);
                }

                return end;
            }

            int replaceEnd = end;
            if (handler.AcceptsContent)
            {
                int closingStart = FindClosing(shortcode.Name, syntax, end, out int closingEnd);

                // Another opening of the same shortcode before the closing tag means this one encloses nothing.
                if (closingStart >= 0 && !OpensBefore(shortcode.Name, syntax, end, closingStart))
                {
                    shortcode = shortcode with { Content = _text[end..closingStart].ToString() };
                    replaceEnd = closingEnd;
                }
            }

            string rendered;
            try
            {
                _context.Current = shortcode;
                rendered = handler.Render(shortcode, _context);
            }
#pragma warning disable CA1031 // A handler is user code: its failure is one post's diagnostic, never the blog's crash.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _diagnostics.Add(new PostDiagnostic(_context.SourcePath, line, column, DiagnosticSeverity.Warning, DiagnosticCodes.ShortcodeFailed,
                    $"Shortcode '{shortcode.Name}' failed and is left as text: {exception.Message}"));
                return end;
            }
            finally
            {
                _context.Current = null;
            }

            Replace(start, replaceEnd, rendered ?? string.Empty);
            AdvanceLines(start, replaceEnd, ref lineEnd);
            return replaceEnd;
        }

        private static bool IsWord(ReadOnlySpan<char> inner, string word) =>
            inner.StartsWith(word, StringComparison.Ordinal) && (inner.Length == word.Length || char.IsWhiteSpace(inner[word.Length]));

        /// <summary>Finds <c>{{&lt; /name &gt;}}</c>, <c>{{% /name %}}</c> or <c>{% endname %}</c> after <paramref name="from"/>.</summary>
        private int FindClosing(string name, ShortcodeSyntax syntax, int from, out int closingEnd)
        {
            closingEnd = -1;
            bool liquid = syntax is ShortcodeSyntax.LiquidTag;
            string needle = liquid ? "end" + name : "/" + name;
            string missKey = (liquid ? "L:" : "H:") + name;
            _closingMisses ??= new Dictionary<string, int>(StringComparer.Ordinal);
            if (_closingMisses.TryGetValue(missKey, out int missFrom) && missFrom <= from)
            {
                return -1;
            }

            int at = from;
            while (true)
            {
                int hit = SpanSearch.IndexOf(_text, needle, at, StringComparison.OrdinalIgnoreCase);
                if (hit < 0)
                {
                    _closingMisses[missKey] = from;
                    return -1;
                }

                at = hit + needle.Length;
                int open = TagOpenerBefore(hit, from, liquid);
                if (open < 0)
                {
                    continue;
                }

                int after = at;
                while (after < _text.Length && _text[after] is ' ' or '-')
                {
                    after++;
                }

                string closer = liquid ? "%}" : (_text[open] == '<' ? ">}}" : "%}}");
                if (_text[after..].StartsWith(closer, StringComparison.Ordinal))
                {
                    closingEnd = after + closer.Length;
                    return liquid ? open - 1 : open - 2;
                }
            }
        }

        /// <summary>
        /// Whether a tag opener (<c>{%</c>, or <c>{{&lt;</c> / <c>{{%</c>) stands before <paramref name="nameStart"/>,
        /// allowing spaces and Liquid's <c>-</c>; returns the index of its last character, or -1.
        /// </summary>
        private readonly int TagOpenerBefore(int nameStart, int from, bool liquid)
        {
            int open = nameStart - 1;
            while (open >= from && _text[open] is ' ' or '-')
            {
                open--;
            }

            bool opens = liquid
                ? open >= from + 1 && _text[open] == '%' && _text[open - 1] == '{'
                : open >= from + 2 && _text[open] is '<' or '%' && _text[open - 1] == '{' && _text[open - 2] == '{';
            return opens ? open : -1;
        }

        private readonly bool OpensBefore(string name, ShortcodeSyntax syntax, int from, int to)
        {
            bool liquid = syntax is ShortcodeSyntax.LiquidTag;
            int at = from;
            while (at < to)
            {
                int hit = SpanSearch.IndexOf(_text, name, at, to - at, StringComparison.OrdinalIgnoreCase);
                if (hit < 0)
                {
                    return false;
                }

                at = hit + name.Length;
                if (TagOpenerBefore(hit, from, liquid) >= 0 && (at >= _text.Length || !char.IsAsciiLetterOrDigit(_text[at])))
                {
                    return true;
                }
            }

            return false;
        }

        private void Replace(int start, int end, string replacement)
        {
            _output ??= RentBuilder(_text.Length + 256);
            _output.Append(_text[_copiedUpTo..start]);
            _output.Append(replacement);
            _copiedUpTo = end;
        }

        private void NoteUnknown(Shortcode shortcode)
        {
            _unknown ??= new Dictionary<string, (int, int, int)>(StringComparer.OrdinalIgnoreCase);
            _unknown[shortcode.Name] = _unknown.TryGetValue(shortcode.Name, out var seen)
                ? (seen.Line, seen.Column, seen.Count + 1)
                : (shortcode.Line, shortcode.Column, 1);
        }

        private readonly void ReportUnknown()
        {
            if (_unknown is null)
            {
                return;
            }

            foreach (KeyValuePair<string, (int Line, int Column, int Count)> entry in _unknown)
            {
                string uses = entry.Value.Count == 1 ? "1 use" : string.Create(CultureInfo.InvariantCulture, $"{entry.Value.Count} uses");
                _diagnostics.Add(new PostDiagnostic(_context.SourcePath, entry.Value.Line, entry.Value.Column, DiagnosticSeverity.Warning, DiagnosticCodes.UnknownShortcode,
                    $"Shortcode '{entry.Key}' ({uses}) has no handler and is left as text; register an IShortcodeHandler named '{entry.Key}' to render it."));
            }
        }

        private static bool TryParse(ReadOnlySpan<char> inner, ShortcodeSyntax syntax, int line, int column, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Shortcode? shortcode)
        {
            shortcode = null;
            if (inner.IsEmpty)
            {
                return false;
            }

            var positional = new List<string>();
            Dictionary<string, string>? named = null;
            string name;
            if (syntax == ShortcodeSyntax.LiquidOutput)
            {
                int pipe = QuotedText.IndexOutsideQuotes(inner, '|', "\"'`");
                ReadOnlySpan<char> value = (pipe < 0 ? inner : inner[..pipe]).Trim();
                if (pipe < 0)
                {
                    name = value.ToString();
                }
                else
                {
                    ReadOnlySpan<char> filter = inner[(pipe + 1)..];
                    int nextPipe = QuotedText.IndexOutsideQuotes(filter, '|', "\"'`");
                    filter = (nextPipe < 0 ? filter : filter[..nextPipe]).Trim();
                    int colon = filter.IndexOf(':');
                    name = (colon < 0 ? filter : filter[..colon]).Trim().ToString();
                    positional.Add(Unquote(value));
                    if (colon >= 0)
                    {
                        ReadArguments(filter[(colon + 1)..], positional, ref named, separatorComma: true);
                    }
                }
            }
            else
            {
                int i = 0;
                while (i < inner.Length && !char.IsWhiteSpace(inner[i]))
                {
                    i++;
                }

                name = inner[..i].ToString();
                ReadArguments(inner[i..], positional, ref named, separatorComma: false);
            }

            if (!IsValidName(name))
            {
                return false;
            }

            shortcode = new Shortcode(name, syntax, positional, named is null ? NoNamed : new ReadOnlyDictionary<string, string>(named), null, line, column);
            return true;
        }

        private static bool IsValidName(string name)
        {
            if (name.Length is 0 or > 100)
            {
                return false;
            }

            foreach (char c in name)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.' or '/'))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Unquote(ReadOnlySpan<char> value)
        {
            value = value.Trim();
            if (value.Length >= 2 && value[0] is '"' or '\'' or '`' && value[^1] == value[0])
            {
                return value[1..^1].ToString();
            }

            return value.ToString();
        }

        /// <summary>Reads <c>a "b c" d=e f="g h"</c> into positional and named arguments.</summary>
        private static void ReadArguments(ReadOnlySpan<char> text, List<string> positional, ref Dictionary<string, string>? named, bool separatorComma)
        {
            int i = 0;
            while (i < text.Length)
            {
                while (i < text.Length && (char.IsWhiteSpace(text[i]) || (separatorComma && text[i] == ',')))
                {
                    i++;
                }

                if (i >= text.Length)
                {
                    break;
                }

                int tokenStart = i;
                string? key = null;
                if (text[i] is not ('"' or '\'' or '`'))
                {
                    while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '=' && !(separatorComma && text[i] == ','))
                    {
                        i++;
                    }

                    if (i < text.Length && text[i] == '=')
                    {
                        key = text[tokenStart..i].ToString();
                        i++;
                    }
                    else
                    {
                        positional.Add(text[tokenStart..i].ToString());
                        continue;
                    }
                }

                string value;
                if (i < text.Length && text[i] is '"' or '\'' or '`')
                {
                    char quote = text[i];
                    int valueStart = ++i;
                    int length = text[valueStart..].IndexOf(quote);
                    int end = length < 0 ? text.Length : valueStart + length;
                    if (quote != '"' || !text[valueStart..end].Contains('\\'))
                    {
                        // Most values have no escapes: the text between the quotes is the value.
                        value = text[valueStart..end].ToString();
                        i = end;
                    }
                    else
                    {
                        var builder = new StringBuilder(end - valueStart);
                        while (i < text.Length && text[i] != quote)
                        {
                            if (text[i] == '\\' && i + 1 < text.Length)
                            {
                                i++;
                            }

                            builder.Append(text[i]);
                            i++;
                        }

                        value = builder.ToString();
                    }

                    i = Math.Min(i + 1, text.Length);
                }
                else
                {
                    int valueStart = i;
                    while (i < text.Length && !char.IsWhiteSpace(text[i]) && !(separatorComma && text[i] == ','))
                    {
                        i++;
                    }

                    value = text[valueStart..i].ToString();
                }

                if (key is null)
                {
                    positional.Add(value);
                }
                else
                {
                    named ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    named[key] = value;
                }
            }
        }
    }
}

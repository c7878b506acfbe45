using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using DevOpsVision.Blogging.Text;

namespace DevOpsVision.Blogging.Search;

/// <summary>
/// The default <see cref="ITextAnalyzer"/>: Unicode letter and digit runs (apostrophes inside words kept,
/// each CJK ideograph a word), invariant lower-casing, diacritic folding, English stop words dropped with
/// their positions kept, and Porter2 (Snowball English) stemming.
/// </summary>
/// <remarks>Thread-safe. Recent stems are cached per instance (4,096 words at most), so share one instance.</remarks>
public sealed class EnglishTextAnalyzer : ITextAnalyzer
{
    /// <summary>Words longer than this are cut to this length before stemming.</summary>
    public const int MaxWordLength = 64;

    private const int StemCacheSize = 4096;

    /// <summary>The English stop words of Lucene's <c>EnglishAnalyzer</c>.</summary>
    private static readonly string[] DefaultStopWords =
    [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of",
        "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with",
    ];

    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _stopWords;
    // A direct-mapped cache of recent stems: bounded memory whatever the vocabulary, lock-free, and the frequent
    // words of a text stay in it. A slot holds an immutable entry, replaced whole.
    private readonly StemEntry?[] _stems = new StemEntry?[StemCacheSize];
    private readonly bool _stem;

    /// <summary>Creates the analyzer with Lucene's English stop words and Porter2 stemming.</summary>
    public EnglishTextAnalyzer()
        : this(DefaultStopWords, stem: true)
    {
    }

    /// <summary>Creates the analyzer with your own stop words, and stemming on or off.</summary>
    /// <param name="stopWords">Words to drop (their positions are kept); lower-case.</param>
    /// <param name="stem">Whether to apply the Porter2 English stemmer.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stopWords"/> is <see langword="null"/>.</exception>
    public EnglishTextAnalyzer(IEnumerable<string> stopWords, bool stem)
    {
        ArgumentNullException.ThrowIfNull(stopWords);
        _stopWords = stopWords.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _stem = stem;
        Name = stem ? "english-porter2" : "english";
    }

    /// <summary>The shared default instance.</summary>
    public static EnglishTextAnalyzer Default { get; } = new();

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public void Analyze(ReadOnlySpan<char> text, ITokenSink sink) => Analyze(text, sink, null);

    /// <summary>
    /// Analyzes with a caller's word cache: bulk indexing keeps every word of the vocabulary (stop word or stem,
    /// term id, spellings) for the length of a build, and hands tokens to the cache's sink; the shared stem cache
    /// keeps only recent words.
    /// </summary>
    internal void Analyze(ReadOnlySpan<char> text, ITokenSink sink, WordCache? cache)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Span<char> buffer = stackalloc char[MaxWordLength + 8];
        int position = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c < 128)
            {
                if (!IsAsciiWord(c))
                {
                    i++;
                    continue;
                }
            }
            else
            {
                WordKind kind = Classify(c);
                if (kind == WordKind.None)
                {
                    i++;
                    continue;
                }

                if (kind == WordKind.Ideograph)
                {
                    // Each ideograph or kana is a word of its own.
                    buffer[0] = c;
                    sink.OnToken(buffer[..1], position++, i, 1);
                    i++;
                    continue;
                }
            }

            int start = i;
            bool ascii = true;
            while (i < text.Length)
            {
                c = text[i];
                if (c < 128)
                {
                    if (IsAsciiWord(c))
                    {
                        i++;
                        continue;
                    }

                    // An apostrophe between two letters stays in the word ("don't", "o'reilly").
                    if (c == '\'' && i + 1 < text.Length && i > start && IsLetterOrDigit(text[i + 1]))
                    {
                        i++;
                        continue;
                    }

                    break;
                }

                if (c is '\u2019' && i + 1 < text.Length && i > start && IsLetterOrDigit(text[i + 1]))
                {
                    ascii = false;
                    i++;
                    continue;
                }

                WordKind kind = Classify(c);
                if (kind is WordKind.None or WordKind.Ideograph)
                {
                    break;
                }

                ascii = false;
                i++;
            }

            ReadOnlySpan<char> word = text[start..i];
            int length = ascii ? FoldAscii(word, buffer) : FoldUnicode(word, buffer);
            if (length > 0)
            {
                EmitWord(buffer[..length], position, start, i - start, sink, cache);
            }

            position++;
        }
    }

    /// <inheritdoc />
    public string Fold(ReadOnlySpan<char> word)
    {
        Span<char> buffer = stackalloc char[MaxWordLength + 8];
        int length = System.Text.Ascii.IsValid(word) && !word.ContainsAnyExcept(AsciiWordCharacters)
            ? FoldAscii(word, buffer)
            : FoldUnicode(word, buffer);
        return new string(buffer[..length]);
    }

    /// <summary>Stems a folded word (for tests and tools).</summary>
    internal string StemWord(string folded)
    {
        if (!_stem)
        {
            return folded;
        }

        char[] buffer = folded.ToCharArray();
        return new string(buffer, 0, Porter2Stemmer.Stem(buffer));
    }

    private void EmitWord(Span<char> folded, int position, int start, int length, ITokenSink sink, WordCache? cache)
    {
        if (cache is not null)
        {
            // One lookup per word of a build: the cache knows stop words, stems and, through the sink, term ids.
            if (!cache.Lookup.TryGetValue(folded, out CachedWord? cached))
            {
                string word = new(folded);
                cached = new CachedWord(_stopWords.Contains(folded) ? null : _stem ? StemOf(folded, word) : word);
                cache.Lookup.Dictionary.Add(word, cached);
            }

            if (cached.Stem is not null)
            {
                cache.Sink.OnCachedToken(cached, position, start, length);
            }

            return;
        }

        if (_stopWords.Contains(folded))
        {
            return;
        }

        if (!_stem)
        {
            sink.OnToken(folded, position, start, length);
            return;
        }

        int slot = string.GetHashCode(folded) & (StemCacheSize - 1);
        StemEntry? entry = Volatile.Read(ref _stems[slot]);
        if (entry is not null && folded.SequenceEqual(entry.Word))
        {
            sink.OnToken(entry.Stem, position, start, length);
            return;
        }

        string key = new(folded);
        string stem = StemOf(folded, key);
        Volatile.Write(ref _stems[slot], new StemEntry(key, stem));
        sink.OnToken(stem, position, start, length);
    }

    /// <summary>Stems <paramref name="folded"/> (in place); the word itself when stemming leaves it as it is.</summary>
    private static string StemOf(Span<char> folded, string word)
    {
        int length = Porter2Stemmer.Stem(folded);
        return length == word.Length && folded[..length].SequenceEqual(word) ? word : new string(folded[..length]);
    }

    /// <summary>What each folded word of one build becomes: nothing (a stop word) or a stem, with its term id once known.</summary>
    internal sealed class WordCache(ICachedTokenSink sink)
    {
        public Dictionary<string, CachedWord>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; } =
            new Dictionary<string, CachedWord>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

        /// <summary>The one sink of the build, which takes words with their term ids instead of their text.</summary>
        public ICachedTokenSink Sink { get; } = sink;
    }

    /// <summary>A folded word of a build: its stem (null for a stop word) and the term id the build gave that stem.</summary>
    internal sealed class CachedWord(string? stem)
    {
        public string? Stem { get; } = stem;

        /// <summary>Set by the sink the first time the word is indexed; -1 until then.</summary>
        public int TermId { get; set; } = -1;

        /// <summary>How the word was last written in the text (a field, so the sink can update it in place).</summary>
        public string? LastSurface;

        /// <summary>How the word was written before that, if another way.</summary>
        public string? OtherSurface;
    }

    /// <summary>A token sink that remembers term ids on the cached words, so a word costs one lookup per token.</summary>
    internal interface ICachedTokenSink
    {
        /// <summary>As <see cref="ITokenSink.OnToken"/>, for a word whose stem is not null.</summary>
        void OnCachedToken(CachedWord word, int position, int start, int length);
    }

    private sealed class StemEntry(string word, string stem)
    {
        public string Word { get; } = word;

        public string Stem { get; } = stem;
    }

    private static readonly System.Buffers.SearchValues<char> AsciiWordCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'");

    private static bool IsAsciiWord(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9;

    private static bool IsLetterOrDigit(char c) => c < 128 ? IsAsciiWord(c) : Classify(c) == WordKind.Word;

    private static int FoldAscii(ReadOnlySpan<char> word, Span<char> buffer)
    {
        int length = Math.Min(word.Length, MaxWordLength);
        for (int i = 0; i < length; i++)
        {
            char c = word[i];
            buffer[i] = (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
        }

        return length;
    }

    private static int FoldUnicode(ReadOnlySpan<char> word, Span<char> buffer)
    {
        if (word.Length > MaxWordLength * 2)
        {
            word = word[..(MaxWordLength * 2)];
        }

        string decomposed = UnicodeNormal.Normalize(word.ToString(), NormalizationForm.FormKD);
        int length = 0;
        foreach (char c in decomposed)
        {
            if (length == MaxWordLength)
            {
                break;
            }

            UnicodeCategory category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (c is '\'' or '\u2019')
            {
                buffer[length++] = '\'';
                continue;
            }

            if (!char.IsLetterOrDigit(c))
            {
                continue;
            }

            char lower = char.ToLowerInvariant(c);
            string? expansion = lower switch
            {
                'ß' => "ss",
                'æ' => "ae",
                'œ' => "oe",
                'þ' => "th",
                _ => null,
            };
            if (expansion is null)
            {
                buffer[length++] = lower switch
                {
                    'ø' => 'o',
                    'đ' => 'd',
                    'ł' => 'l',
                    'ı' => 'i',
                    _ => lower,
                };
            }
            else if (length + expansion.Length <= MaxWordLength)
            {
                expansion.CopyTo(buffer[length..]);
                length += expansion.Length;
            }
        }

        return length;
    }

    private enum WordKind : byte
    {
        None,
        Word,
        Ideograph,
    }

    private static WordKind Classify(char c)
    {
        if (c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF')
        {
            return WordKind.Ideograph;
        }

        if (char.IsSurrogate(c))
        {
            return WordKind.None;
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber
                or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber or UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark => WordKind.Word,
            _ => WordKind.None,
        };
    }
}

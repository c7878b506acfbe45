namespace DevOpsVision.Blogging.Search;

/// <summary>
/// Turns text into index terms: splits it into words, normalises each (case, diacritics, stemming) and
/// drops stop words while keeping their positions, so phrases still line up. The same analyzer must
/// index the posts and read the queries.
/// </summary>
/// <remarks>Implementations are thread-safe: one instance analyzes many texts at once.</remarks>
public interface ITextAnalyzer
{
    /// <summary>A short name saved with an index, so an index is never read with a different analyzer.</summary>
    string Name { get; }

    /// <summary>Splits <paramref name="text"/> into terms and hands each to <paramref name="sink"/> in text order.</summary>
    /// <param name="text">The text to analyze.</param>
    /// <param name="sink">Receives every term that is not a stop word.</param>
    void Analyze(ReadOnlySpan<char> text, ITokenSink sink);

    /// <summary>Normalises one word without stemming it (case and diacritic folding only), for completions and corrections.</summary>
    /// <param name="word">The word.</param>
    /// <returns>The folded word; empty when the word has no letters or digits.</returns>
    string Fold(ReadOnlySpan<char> word);
}

/// <summary>Receives the terms an <see cref="ITextAnalyzer"/> finds.</summary>
public interface ITokenSink
{
    /// <summary>Called once for each term, in text order.</summary>
    /// <param name="term">The normalised term; valid only during the call.</param>
    /// <param name="position">The word's ordinal in the text, counting stop words, so a dropped stop word leaves a gap.</param>
    /// <param name="start">Where the word starts in the text.</param>
    /// <param name="length">How many characters of the text the word covers.</param>
    void OnToken(ReadOnlySpan<char> term, int position, int start, int length);
}

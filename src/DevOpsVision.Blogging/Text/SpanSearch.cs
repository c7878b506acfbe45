namespace DevOpsVision.Blogging.Text;

/// <summary>
/// <see cref="string.IndexOf(char, int)"/> and its kin for spans: a search that starts part way in and gives the place
/// found in the whole span, or -1.
/// </summary>
internal static class SpanSearch
{
    public static int IndexOf(ReadOnlySpan<char> text, char value, int from) => Offset(text[from..].IndexOf(value), from);

    public static int IndexOf(ReadOnlySpan<char> text, char value, int from, int count) => Offset(text.Slice(from, count).IndexOf(value), from);

    public static int IndexOf(ReadOnlySpan<char> text, string value, int from, StringComparison comparison) =>
        Offset(text[from..].IndexOf(value, comparison), from);

    public static int IndexOf(ReadOnlySpan<char> text, string value, int from, int count, StringComparison comparison) =>
        Offset(text.Slice(from, count).IndexOf(value, comparison), from);

    private static int Offset(int found, int from) => found < 0 ? -1 : from + found;
}

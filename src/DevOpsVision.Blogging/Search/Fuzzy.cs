namespace DevOpsVision.Blogging.Search;

/// <summary>
/// Finds the terms of a segment within a few edits (Damerau: insert, delete, substitute, swap neighbours) of a
/// word, walking the sorted term array as an implicit trie: rows of the edit-distance table are kept for the
/// prefix a term shares with the one before, and a whole prefix range is skipped once no row can recover.
/// </summary>
internal static class Fuzzy
{
    public const int MaxWordLength = 32;
    private const int MaxTermLength = 48;

    /// <summary>Edits allowed for a word of this many letters: none up to 4, one up to 8, two beyond.</summary>
    public static int AllowedEdits(int length) => length <= 4 ? 0 : length <= 8 ? 1 : 2;

    public static void Expand(TermTable segment, ReadOnlySpan<char> word, int maxEdits, List<(int Term, int Distance)> into, int limit)
    {
        if (word.Length == 0 || word.Length > MaxWordLength || maxEdits <= 0)
        {
            return;
        }

        int columns = word.Length + 1;
        int outOfReach = maxEdits + 1;
        Span<int> rows = stackalloc int[(MaxTermLength + 1) * columns];
        for (int c = 0; c < columns; c++)
        {
            rows[c] = c;
        }

        Span<int> rowMins = stackalloc int[MaxTermLength + 1];
        rowMins[0] = 0;
        ReadOnlySpan<char> previous = [];
        int validRows = 0;
        int count = segment.Count;
        int i = 0;
        while (i < count)
        {
            ReadOnlySpan<char> term = segment.Term(i);
            if (term.Length > MaxTermLength || term.Length > word.Length + maxEdits + 8)
            {
                i++;
                continue;
            }

            int shared = Math.Min(term.CommonPrefixLength(previous), validRows);
            int skipTo = -1;
            int r = shared + 1;
            for (; r <= term.Length; r++)
            {
                // Only cells within maxEdits of the diagonal can stay within reach; the rest count as out of reach.
                Span<int> row = rows.Slice(r * columns, columns);
                Span<int> above = rows.Slice((r - 1) * columns, columns);
                char tc = term[r - 1];
                int lo = Math.Max(1, r - maxEdits), hi = Math.Min(word.Length, r + maxEdits);
                row[0] = r <= maxEdits ? r : outOfReach;
                if (lo > 1)
                {
                    row[lo - 1] = outOfReach;
                }

                int min = lo == 1 ? row[0] : outOfReach;
                for (int c = lo; c <= hi; c++)
                {
                    int cost = tc == word[c - 1] ? 0 : 1;
                    int best = Math.Min(Math.Min(above[c] + 1, row[c - 1] + 1), above[c - 1] + cost);
                    if (r > 1 && c > 1 && tc == word[c - 2] && term[r - 2] == word[c - 1])
                    {
                        best = Math.Min(best, rows[((r - 2) * columns) + c - 2] + 1);
                    }

                    row[c] = best;
                    min = Math.Min(min, best);
                }

                if (hi < word.Length)
                {
                    row[hi + 1] = outOfReach;
                }

                rowMins[r] = min;
                if (min > maxEdits && rowMins[r - 1] >= maxEdits)
                {
                    // No term starting with term[..r] can come within reach (a swap reaches back one row, at a cost of one).
                    skipTo = segment.PrefixEnd(term[..r], i);
                    break;
                }
            }

            previous = term;
            if (skipTo >= 0)
            {
                validRows = r;
                i = Math.Max(skipTo, i + 1);
                continue;
            }

            validRows = term.Length;
            int distance = Math.Abs(term.Length - word.Length) <= maxEdits ? rows[(term.Length * columns) + word.Length] : outOfReach;
            if (distance <= maxEdits && distance > 0)
            {
                into.Add((i, distance));
                if (into.Count >= limit)
                {
                    return;
                }
            }

            i++;
        }
    }
}

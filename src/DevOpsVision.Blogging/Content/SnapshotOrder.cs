using DevOpsVision.Blogging.Posts;

namespace DevOpsVision.Blogging.Content;

/// <summary>The one order of post listings: newest first, equal dates by slug, so it never depends on load order.</summary>
internal static class SnapshotOrder
{
    public static int Compare(Post? a, Post? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? 1 : -1;
        }

        int byDate = b.Date.CompareTo(a.Date);
        return byDate != 0 ? byDate : string.CompareOrdinal(a.Slug, b.Slug);
    }
}

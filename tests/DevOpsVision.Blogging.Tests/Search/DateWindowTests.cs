using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Search;

namespace DevOpsVision.Blogging.Tests.Search;

/// <summary>
/// Posts in date order let a date range read only the run of ids it can match. The answers must not depend on the
/// order the posts were indexed in.
/// </summary>
public class DateWindowTests
{
    public static TheoryData<string> Filters => ["date:2023", "after:2024-03-15", "before:2022-06-01", "date:2021-03..2022-06", "after:2100-01-01", "before:1990-01-01"];

    [Theory]
    [MemberData(nameof(Filters))]
    public void DateFilters_AnswerTheSame_InAnyIndexOrder(string filter)
    {
        IReadOnlyList<Post> posts = SearchCorpora.Otel;
        Post[] ascending = [.. posts.OrderBy(p => p.Date).ThenBy(p => p.Slug, StringComparer.Ordinal)];
        Post[] descending = [.. ascending.Reverse()];
        Post[] shuffled = [.. posts.OrderBy(p => p.ContentHash, StringComparer.Ordinal)];
        PostSearchIndex[] indexes = [PostSearchIndex.Build(ascending), PostSearchIndex.Build(descending), PostSearchIndex.Build(shuffled)];
        foreach (string words in (string[])["collector", "kubernetes collector", "\"semantic conventions\"", "instrument*", ""])
        {
            foreach (bool facets in (bool[])[true, false])
            {
                var request = new SearchRequest((words + " " + filter).Trim()) { PageSize = 100, IncludeFacets = facets, IncludeSnippets = false };
                SearchResults[] results = [.. indexes.Select(i => i.Search(request))];
                // The expected count comes from the posts themselves, not from any index.
                SearchResults reference = results[2];
                Assert.True(reference.IsValid, request.Query + ": " + reference.Error);
                foreach (SearchResults result in results)
                {
                    Assert.Equal(reference.TotalCount, result.TotalCount);
                    Assert.Equal(
                        reference.Hits.Select(h => h.Post.Slug).Order(StringComparer.Ordinal),
                        result.Hits.Select(h => h.Post.Slug).Order(StringComparer.Ordinal));
                }

                if (words.Length == 0)
                {
                    Assert.Equal(posts.Count(p => Within(p, filter)), reference.TotalCount);
                }
            }
        }

        // A range inside the posts' dates must hold some posts and leave out others, or it tests no window at all.
        int within = posts.Count(p => Within(p, filter));
        Assert.True(filter.Contains("2100", StringComparison.Ordinal) || filter.Contains("1990", StringComparison.Ordinal)
            || (within > 0 && within < posts.Count), $"{within} of {posts.Count} posts");
    }

    [Fact]
    public void DateRanges_CountExactly_AtBlockEdges_InBothOrders()
    {
        // One post a day for 1,000 days, every one holding the word: postings come in blocks of 128, so ranges that
        // start and end on either side of a block's edge show whether a block is passed over wrongly.
        var first = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Post[] posts = [.. Enumerable.Range(0, 1000).Select(i => SearchIndexTests.MakePost(
            $"p{i:D4}", $"Post {i}", "common words", first.AddDays(i).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)))];
        foreach (Post[] order in (Post[][])[posts, [.. posts.Reverse()]])
        {
            PostSearchIndex index = PostSearchIndex.Build(order);
            foreach (int from in (int[])[0, 1, 126, 127, 128, 129, 255, 256, 500, 871, 872, 999])
            {
                foreach (int to in (int[])[from, from + 1, from + 127, from + 128, from + 129, 1000, 1200])
                {
                    int expected = Math.Max(0, Math.Min(to, 1000) - from);
                    foreach (bool facets in (bool[])[true, false])
                    {
                        SearchResults results = index.Search(new SearchRequest("common")
                        {
                            From = first.AddDays(from), To = first.AddDays(to), IncludeFacets = facets, IncludeSnippets = false,
                        });
                        Assert.True(expected == results.TotalCount, $"days {from} to {to}: {results.TotalCount}, expected {expected}");
                    }
                }
            }
        }
    }

    private static bool Within(Post post, string filter)
    {
        DateTimeOffset date = post.Date;
        return filter switch
        {
            "date:2023" => date >= Utc(2023, 1, 1) && date < Utc(2024, 1, 1),
            "after:2024-03-15" => date >= Utc(2024, 3, 15),
            "before:2022-06-01" => date < Utc(2022, 6, 1),
            "date:2021-03..2022-06" => date >= Utc(2021, 3, 1) && date < Utc(2022, 7, 1),
            "after:2100-01-01" => false,
            _ => date < Utc(1990, 1, 1),
        };
    }

    private static DateTimeOffset Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);
}

using DevOpsVision.Blogging.Content;
using DevOpsVision.Blogging.DependencyInjection;
using DevOpsVision.Blogging.Posts;
using DevOpsVision.Blogging.Quotes;
using Markdig.Syntax;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DevOpsVision.Blogging.Tests.Quotes;

/// <summary>A snapshot's quotes: all, distinct, by work, by person, by post, quote of the day; and the extractor's registration.</summary>
public class BlogQuotesTests
{
    private static async Task<(BlogSnapshot Snapshot, IQuoteExtractor Extractor)> LoadAsync(params PostFile[] posts)
    {
        var services = new ServiceCollection();
        services.AddBlogging().AddInMemorySource(new InMemoryPostSource(posts));
        ServiceProvider provider = services.BuildServiceProvider();
        BlogSnapshot snapshot = await provider.GetRequiredService<IBlog>().GetSnapshotAsync();
        return (snapshot, provider.GetRequiredService<IQuoteExtractor>());
    }

    private static PostFile Post(string slug, string date, string body) =>
        PostFile.FromText($"{slug}.md", $"---\ntitle: {slug}\ndate: {date}\n---\n{body}\n");

    [Fact]
    public async Task GathersQuotesByWorkPersonAndPost()
    {
        (BlogSnapshot snapshot, IQuoteExtractor extractor) = await LoadAsync(
            Post("one", "2024-01-01", "> Small batches beat big releases.\n> — Jane Roe, *The Ops Book*"),
            Post("two", "2024-02-01", "> Small batches beat big releases.\n> — Jane Roe, *The Ops Book*\n\n> Measure what matters most to users.\n> — Omar Haddad"),
            Post("three", "2024-03-01", "No quotes here, only “scare” quotes."));
        BlogQuotes quotes = extractor.GetQuotes(snapshot);

        Assert.Equal(3, quotes.All.Count);
        Assert.Equal("two", quotes.All[0].PostSlug);
        Assert.Equal(2, quotes.Distinct.Count);
        Assert.Single(quotes.ByWork["the ops book"]);
        Assert.Single(quotes.ByPerson["Omar Haddad"]);
        Assert.Equal(2, quotes.ForPost("two").Count);
        Assert.Empty(quotes.ForPost("three"));
        Assert.Empty(quotes.ForPost("missing"));
        Assert.Same(quotes, extractor.GetQuotes(snapshot));
    }

    [Fact]
    public async Task QuoteOfTheDayIsStablePerDateAndVisitsEveryQuote()
    {
        PostFile[] posts = Enumerable.Range(1, 7).Select(i => Post($"p{i}", $"2024-01-{i:D2}", $"> Quote number {i} has enough words.\n> — Person Number")).ToArray();
        (BlogSnapshot snapshot, IQuoteExtractor extractor) = await LoadAsync(posts);
        BlogQuotes quotes = extractor.GetQuotes(snapshot);
        var day = new DateOnly(2026, 12, 1);

        Assert.Same(quotes.QuoteOfTheDay(day), quotes.QuoteOfTheDay(day));
        var week = Enumerable.Range(0, 7).Select(i => quotes.QuoteOfTheDay(day.AddDays(i))!.DedupeKey).ToHashSet();
        Assert.Equal(7, week.Count);
    }

    [Fact]
    public async Task NoQuotesNoQuoteOfTheDay()
    {
        (BlogSnapshot snapshot, IQuoteExtractor extractor) = await LoadAsync(Post("plain", "2024-01-01", "Nothing quoted."));
        Assert.Null(extractor.GetQuotes(snapshot).QuoteOfTheDay(new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public async Task UsersOwnExtractorWins()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IQuoteExtractor, FixedExtractor>();
        services.AddBlogging().AddInMemorySource(new InMemoryPostSource([Post("one", "2024-01-01", "Plain text.")]));
        ServiceProvider provider = services.BuildServiceProvider();
        BlogSnapshot snapshot = await provider.GetRequiredService<IBlog>().GetSnapshotAsync();

        Quote quote = Assert.Single(snapshot.Posts[0].Quotes);
        Assert.Equal("fixed", quote.Text);
        Assert.IsType<FixedExtractor>(provider.GetRequiredService<IQuoteExtractor>());
    }

    [Fact]
    public void OptionsBindFromConfiguration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Blog:Quotes:MinInlineWords"] = "4", ["Blog:Quotes:EmitFragments"] = "true" })
            .Build();
        var services = new ServiceCollection();
        services.AddBlogging(configuration.GetSection("Blog"));
        BlogOptions options = services.BuildServiceProvider().GetRequiredService<Microsoft.Extensions.Options.IOptions<BlogOptions>>().Value;
        Assert.Equal(4, options.Quotes.MinInlineWords);
        Assert.True(options.Quotes.EmitFragments);
    }

    private sealed class FixedExtractor : IQuoteExtractor
    {
        public IReadOnlyList<Quote> Extract(MarkdownDocument document, QuoteContext context) =>
            [new Quote { Text = "fixed", Kind = QuoteKind.Blockquote, PostSlug = context.Slug, Location = new QuoteLocation(context.SourcePath, 1, 1), DedupeKey = context.Slug + "|fixed" }];

        public BlogQuotes GetQuotes(BlogSnapshot snapshot) => new(snapshot);
    }
}

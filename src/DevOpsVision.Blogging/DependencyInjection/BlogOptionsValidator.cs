using System.Globalization;
using Microsoft.Extensions.Options;

namespace DevOpsVision.Blogging.DependencyInjection;

/// <summary>Checks <see cref="BlogOptions"/> at start-up, so a bad setting fails with a message rather than deep in a request.</summary>
internal sealed class BlogOptionsValidator : IValidateOptions<BlogOptions>
{
    public ValidateOptionsResult Validate(string? name, BlogOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Title))
        {
            failures.Add("Blog:Title is required.");
        }

        if (options.BaseUrl is { } baseUrl && (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"Blog:BaseUrl '{baseUrl}' must be an absolute http or https URL, such as https://example.org/blog/.");
        }

        if (options.MakeLinksAbsolute && options.BaseUrl is null)
        {
            failures.Add("Blog:MakeLinksAbsolute needs Blog:BaseUrl to make links absolute against.");
        }

        if (!BlogTimeZone.TryResolve(options.TimeZone, out _))
        {
            failures.Add($"Blog:TimeZone '{options.TimeZone}' is not a time zone this machine knows; use an IANA id such as 'Europe/Stockholm' or 'UTC'.");
        }

        if (string.IsNullOrWhiteSpace(options.Language) || !IsCulture(options.Language))
        {
            failures.Add($"Blog:Language '{options.Language}' is not a language tag such as 'en' or 'sv-SE'.");
        }

        if (options.WordsPerMinute is < 1 or > 10_000)
        {
            failures.Add($"Blog:WordsPerMinute is {options.WordsPerMinute}; it must be between 1 and 10000.");
        }

        if (options.MaxPostBytes < 1)
        {
            failures.Add($"Blog:MaxPostBytes is {options.MaxPostBytes}; it must be positive.");
        }

        if (options.MaxNestingDepth is < 4 or > 1_000)
        {
            failures.Add($"Blog:MaxNestingDepth is {options.MaxNestingDepth}; it must be between 4 and 1000.");
        }

        if (options.Taxonomy is not { } taxonomy)
        {
            failures.Add("Blog:Taxonomy is required.");
        }
        else
        {
            if (taxonomy.PageSize is < 1 or > 1_000)
            {
                failures.Add($"Blog:Taxonomy:PageSize is {taxonomy.PageSize}; it must be between 1 and 1000.");
            }

            if (taxonomy.RelatedPostCount is < 0 or > 100 || taxonomy.SuggestionCount is < 0 or > 100)
            {
                failures.Add("Blog:Taxonomy:RelatedPostCount and SuggestionCount must be between 0 and 100.");
            }

            if (taxonomy.TagWeight < 0 || taxonomy.CategoryWeight < 0 || taxonomy.ContentWeight < 0 || double.IsNaN(taxonomy.TagWeight + taxonomy.CategoryWeight + taxonomy.ContentWeight))
            {
                failures.Add("Blog:Taxonomy weights must be zero or more.");
            }

            if (taxonomy.SuggestionThreshold is < 0 or > 1 || taxonomy.MinimumRelatedScore < 0)
            {
                failures.Add("Blog:Taxonomy:SuggestionThreshold must be between 0 and 1, and MinimumRelatedScore zero or more.");
            }
        }

        if (options.Search is not { } search)
        {
            failures.Add("Blog:Search is required.");
        }
        else
        {
            double[] weights = [search.TitleWeight, search.TagWeight, search.CategoryWeight, search.ExcerptWeight, search.BodyWeight];
            if (Array.Exists(weights, static w => w < 0 || double.IsNaN(w) || double.IsInfinity(w)))
            {
                failures.Add("Blog:Search field weights must be zero or more.");
            }

            if (search.K1 is < 0 or > 10 || double.IsNaN(search.K1) || search.B is < 0 or > 1 || double.IsNaN(search.B))
            {
                failures.Add($"Blog:Search:K1 is {search.K1} and B is {search.B}; K1 must be between 0 and 10 and B between 0 and 1.");
            }

            if (search.PageSize is < 1 or > 100 || search.MaxQueryLength < 1 || search.MaxQueryTerms is < 1 or > 250 || search.MaxExpansions is < 1 or > 1_000 || search.SnippetLength is < 20 or > 10_000)
            {
                failures.Add("Blog:Search limits are out of range: PageSize 1-100, MaxQueryLength at least 1, MaxQueryTerms 1-250, MaxExpansions 1-1000, SnippetLength 20-10000.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsCulture(string tag)
    {
        try
        {
            return CultureInfo.GetCultureInfo(tag, predefinedOnly: false) is not null;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}

/// <summary>Gives the base URL a trailing slash, so relative links resolve below it and not beside it.</summary>
internal sealed class BlogOptionsNormalizer : IPostConfigureOptions<BlogOptions>
{
    public void PostConfigure(string? name, BlogOptions options)
    {
        if (options.BaseUrl is { IsAbsoluteUri: true } baseUrl && !baseUrl.AbsolutePath.EndsWith('/'))
        {
            options.BaseUrl = new Uri(baseUrl.GetLeftPart(UriPartial.Path) + "/" + baseUrl.Query);
        }
    }
}

using System.Globalization;
using DevOpsVision.Blogging.Search;
using Xunit.Abstractions;

namespace DevOpsVision.Blogging.Tests.Search;

/// <summary>
/// Hand-judged queries on the sample blog and the two corpora: for each, the posts that must rank in the top 3
/// (judged from the posts themselves), and other posts that also answer it. nDCG@10 is printed per corpus.
/// </summary>
public class RelevanceTests(ITestOutputHelper output)
{
    /// <summary>(corpus, query, must rank in the top 3, also relevant).</summary>
    public static readonly (string Corpus, string Query, string[] Top3, string[] AlsoRelevant)[] Judged =
    [
        ("sample", "aws exam", ["aws-devops-engineer-pro-exam-experiences"], []),
        ("sample", "state of devops report 2016", ["2016-state-of-devops-report"], []),
        ("sample", "autonomous teams microservices", ["autonomous-teams-supporting-microservices-24-7"], []),
        ("sample", "effective devops book", ["effective-devops"], []),
        ("otel", "instrument nginx", ["instrument-nginx"], []),
        ("otel", "apache http server tracing", ["instrument-apache-httpd-server"], []),
        ("otel", "histograms or summaries", ["histograms-vs-summaries"], ["why-histograms", "exponential-histograms"]),
        ("otel", "exponential histogram", ["exponential-histograms"], ["why-histograms", "histograms-vs-summaries"]),
        ("otel", "tail sampling", ["tail-sampling"], ["sampling-milestones"]),
        ("otel", "kafka instrumentation", ["instrument-kafka-clients"], []),
        ("otel", "opamp agent management", ["opamp-status"], ["opamp"]),
        ("otel", "apache arrow protocol", ["otel-arrow"], ["otel-arrow-production", "otel-arrow-phase-2"]),
        ("otel", "spring boot starter", ["spring-starter-stable"], ["spring-native", "spring-boot-declarative-config"]),
        ("otel", "android road to stable", ["android-road-to-stable"], []),
        ("otel", "lambda collector extension layer", ["observing-lambdas"], ["lambda-release"]),
        ("otel", "continuous profiling", ["elastic-contributes-continuous-profiling-agent"], ["profiling", "state-profiling", "profiles-alpha"]),
        ("otel", "opencensus sunset", ["sunsetting-opencensus"], ["deprecating-opencensus-compatibility"]),
        ("otel", "metric cardinality limits", ["cardinality-limits-in-opentelemetry"], []),
        ("otel", "fuzzing audit", ["fuzzing-audit-results"], []),
        ("otel", "generative ai", ["otel-generative-ai"], ["llm-observability"]),
        ("otel", "kotlin multiplatform", ["kotlin-multiplatform-opentelemetry"], []),
        ("otel", "php auto instrumentation", ["php-auto-instrumentation"], ["php-beta-release", "php-rc-release"]),
        ("otel", "graphql", ["end-user-q-and-a-01"], []),
        ("otel", "nomad", ["otel-demo-app-nomad"], []),
        ("otel", "knative", ["knative"], []),
        ("otel", "ebay", ["why-and-how-ebay-pivoted-to-opentelemetry"], []),
        ("otel", "cloud foundry metrics", ["cloud-foundry"], []),
        ("otel", "declarative configuration", ["stable-declarative-config"], ["declarative-config", "declarative-config-rc3", "spring-boot-declarative-config"]),
        ("otel", "prometheus compatibility", ["prometheus-compatibility-survey"], ["prom-and-otel", "ux-research-prometheus-otel"]),
        ("otel", "naming span attributes", ["how-to-name-your-span-attributes"], []),
        ("otel", "ci/cd observability", ["otel-cicd-sig"], []),
        ("otel", "go compile-time instrumentation", ["go-compile-time-instrumentation"], ["go-compile-time-instrumentation-v1"]),
        ("otel", "ebpf instrumentation", ["obi-announcing-first-release"], ["go-auto-instrumentation-beta", "obi-goals", "obi-http-header-enrichment"]),
        ("otel", "container log parser", ["otel-collector-container-log-parser"], []),
        ("otel", "jmx metrics", ["jmx-metric-insight"], []),
        ("otel", "otelsql", ["getting-started-with-otelsql"], []),
        ("otel", "CVE confighttp vulnerability", ["cve-2024-36129"], []),
        ("otel", "weaver", ["otel-weaver"], []),
        ("otel", "promethues", ["prom-and-otel"], ["prometheus-compatibility-survey", "ux-research-prometheus-otel"]),
        ("18f", "login.gov", ["government-launches-login-gov"], []),
        ("18f", "https-only standard", ["for-public-comment-the-https-only-standard"], ["introduction-to-https-webinar", "open-source-collaboration-across-agencies-to-improve-https-deployment"]),
        ("18f", "pair programming", ["pair-programming-why-two-heads-are-better-than-one"], []),
        ("18f", "what is technical debt", ["what-is-technical-debt"], []),
        ("18f", "micro-purchase platform", ["announcing-the-18f-micro-purchase-platform", "how-and-why-we-built-the-micro-purchase-platform"], []),
        ("18f", "lego agile executives", ["how-playing-with-legos-taught-executives-agile"], []),
        ("18f", "college scorecard", ["college-scorecard-launch"], []),
        ("18f", "architecture decision records", ["architecture-decision-records-helpful-now-invaluable-later"], []),
        ("18f", "elasticsearch high availability", ["how-we-get-high-availability-with-elasticsearch-and-ruby-on-rails"], []),
        ("18f", "crime data", ["opening-the-nations-crime-data"], []),
        ("18f", "writing release notes", ["life-changing-magic-writing-release-notes"], []),
        ("18f", "rules engine", ["implementing-rules-without-rules-engines"], []),
        ("18f", "california child welfare", ["helping-california-buy-a-new-child-welfare-system"], ["leadership-innovation-california-child-welfare-services"]),
        ("18f", "accessibility hackathon", ["icymi-a11yhack-accessibility-awareness-hackathon"], []),
        ("18f", "spreadsheet formulas", ["three-ways-to-write-fearless-spreadsheet-formulas"], []),
        ("18f", "bug bounty", ["the-next-steps-towards-bug-bounty-program-for-technology-transformation-service"], []),
        ("18f", "commercial off-the-shelf", ["when-to-use-cots"], []),
        ("18f", "legacy microsoft azure", ["moving-a-legacy-microsoft-environment-to-the-azure-cloud"], []),
        ("18f", "jekyll webhooks", ["taking-control-of-our-website-with-jekyll-and-webhooks"], []),
        ("18f", "lego", ["how-playing-with-legos-taught-executives-agile"], []),
    ];

    public static TheoryData<int> QueryIndexes()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Judged.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(QueryIndexes))]
    public void JudgedQuery_RanksItsPostsInTheTop3(int query)
    {
        (string corpus, string text, string[] top3, _) = Judged[query];
        string[] slugs = [.. SearchCorpora.Index(corpus).Search(new SearchRequest(text) { PageSize = 10, IncludeFacets = false, IncludeSnippets = false }).Hits.Select(h => h.Post.Slug)];
        foreach (string expected in top3)
        {
            int rank = Array.IndexOf(slugs, expected);
            Assert.True(rank is >= 0 and < 3, $"'{text}' on {corpus}: {expected} is at rank {rank + 1}; top 10: {string.Join(", ", slugs)}");
        }
    }

    [Fact]
    public void JudgedQueries_NdcgAt10()
    {
        Assert.True(Judged.Length >= 30);
        var byCorpus = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach ((string corpus, string text, string[] top3, string[] also) in Judged)
        {
            string[] slugs = [.. SearchCorpora.Index(corpus).Search(new SearchRequest(text) { PageSize = 10, IncludeFacets = false, IncludeSnippets = false }).Hits.Select(h => h.Post.Slug)];
            double ndcg = Ndcg(slugs, top3, also);
            if (!byCorpus.TryGetValue(corpus, out var list))
            {
                byCorpus[corpus] = list = [];
            }

            list.Add(ndcg);
        }

        double all = byCorpus.Values.SelectMany(v => v).Average();
        foreach ((string corpus, List<double> values) in byCorpus)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{corpus}: {values.Count} queries, nDCG@10 = {values.Average():F3}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all: {Judged.Length} queries, nDCG@10 = {all:F3}"));
        Assert.True(all >= 0.8, $"nDCG@10 is {all:F3}");
    }

    /// <summary>nDCG@10 with gain 2 for a must-have post and 1 for another relevant post.</summary>
    internal static double Ndcg(string[] ranked, string[] top3, string[] also)
    {
        double dcg = 0;
        for (int i = 0; i < ranked.Length && i < 10; i++)
        {
            int gain = top3.Contains(ranked[i]) ? 2 : also.Contains(ranked[i]) ? 1 : 0;
            dcg += (Math.Pow(2, gain) - 1) / Math.Log2(i + 2);
        }

        int[] ideal = [.. Enumerable.Repeat(2, top3.Length), .. Enumerable.Repeat(1, also.Length)];
        double idcg = 0;
        for (int i = 0; i < ideal.Length && i < 10; i++)
        {
            idcg += (Math.Pow(2, ideal[i]) - 1) / Math.Log2(i + 2);
        }

        return idcg == 0 ? 0 : dcg / idcg;
    }
}

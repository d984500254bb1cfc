using Dossier.Ingest;

namespace Dossier.Stories.Tests;

public class ConceptCoverageTests
{
    private static Article Make(string id, string body, string outlet) => new(id, "Bank raises rates", body, id + ".txt") { Outlet = outlet };

    // Three outlets agree on the rate rise (two in the same words); each adds a detail of its own.
    private static readonly Article[] Story =
    [
        Make("a", "The central bank raised interest rates by half a point on Tuesday. Its governor cited stubborn inflation in food prices. Shares in Frankfurt fell slightly in late trading.", "Wire"),
        Make("b", "The central bank raised interest rates by half a point on Tuesday. Analysts had expected a smaller quarter-point rise this month. Mortgage lenders said they would pass the increase on.", "Daily"),
        Make("c", "On Tuesday the central bank raised interest rates by half a point. Economists warned that stubborn inflation in food prices would persist. A spokesman for the finance ministry declined to comment.", "Herald"),
    ];

    private static IReadOnlyList<SummarySentence> Summarize(int words) =>
        DigestBuilder.CreateDefault(new DigestOptions { Summary = new SummaryOptions { Words = words } })
            .SummarizeOne(Story.Select(a => InputItem.Of(new Article(a.Id, a.Title, a.Body, a.Source) { Outlet = a.Outlet }))).Summary;

    [Fact]
    public void The_summaries_analyzer_summarises_as_the_full_one_does()
    {
        static string Run(ArticleAnalyzer analyzer) => string.Join("\n", new DigestBuilder(analyzer, EntityCanonicalizer.Default)
            .SummarizeOne(Story.Select(a => InputItem.Of(new Article(a.Id, a.Title, a.Body, a.Source) { Outlet = a.Outlet }))).Summary
            .Select(s => $"{s.Text} | {s.Outlets} | {string.Join(",", s.Sources.Select(x => $"{x.Article}#{x.Sentence}"))}"));
        var full = Run(ArticleAnalyzer.Default);
        Assert.NotEmpty(full);
        Assert.Equal(full, Run(ArticleAnalyzer.Summaries));
        Assert.DoesNotContain(ArticleAnalyzer.Summaries.Pipeline.Stages, s => s is Dossier.Text.TimeTagger);
    }

    [Fact]
    public void What_most_articles_state_is_said_once_and_cites_every_outlet()
    {
        var summary = Summarize(30);
        var rates = Assert.Single(summary, s => s.Text.Contains("raised interest rates", StringComparison.Ordinal));
        Assert.Equal(3, rates.Outlets);
        Assert.Equal(["a", "b", "c"], rates.Sources.Select(s => s.Article).Distinct().Order());
        Assert.True(summary.Sum(s => Summarizer.CountWords(s.Text)) <= 30);
    }

    [Fact]
    public void A_larger_budget_adds_what_two_articles_share_before_single_details()
    {
        var summary = Summarize(25);
        Assert.Contains(summary, s => s.Text.Contains("stubborn inflation", StringComparison.Ordinal));
        Assert.True(summary.Sum(s => Summarizer.CountWords(s.Text)) <= 25);
    }

    [Fact]
    public void Bigrams_are_stemmed_and_skip_pairs_of_stop_words()
    {
        var bigrams = ConceptCoverage.Bigrams("The banks raised rates in the city.").ToList();
        Assert.Equal(["the bank", "bank rais", "rais rate", "rate in", "the citi"], bigrams);
    }

    [Theory]
    [InlineData("The banks raised rates in the city.")]
    [InlineData("Officials said the Organisation for the Prohibition of Chemical Weapons (OPCW) had found sarin, sarin and more sarin.")]
    [InlineData("A word longer than sixty-four characters: Pneumonoultramicroscopicsilicovolcanoconiosispneumonoultramicroscopic rose.")]
    public void Concepts_are_the_hashes_of_the_distinct_bigrams_in_order(string text)
    {
        var expected = ConceptCoverage.Bigrams(text).Select(b => Fnv1a.Hash(b)).Distinct().ToArray();
        Assert.Equal(expected, ConceptCoverage.Concepts(text));
    }
}

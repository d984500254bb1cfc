namespace Dossier.Text.Tests;

public class SpinDetectorTests
{
    private static readonly Pipeline Tokens = new(new Tokenizer());

    private static SpinReport Examine(string text) => SpinDetector.English.Examine(Tokens.Run(text));

    [Fact]
    public void Official_names_and_worldwide_set_phrases_are_evidence()
    {
        var report = Examine("The Russian Federation said the Worldwide community must act. The Russian Federation denied it.");
        Assert.Equal(["Russian Federation", "worldwide community"], report.Evidence.Select(e => e.Phrase));
        Assert.Equal(2, report.Evidence[0].Count);
        Assert.Equal(2.25, report.Score);
        Assert.Contains("\"Russian Federation\" ×2 (news style: Russia)", report.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Usa_counts_only_as_an_adjective()
    {
        Assert.Equal(["USA presidential"], Examine("Hackers targeted the USA presidential race.").Evidence.Select(e => e.Phrase));
        Assert.Empty(Examine("Talks between the USA and Russia stalled; the USA is waiting. USA Today reported it.").Evidence);
    }

    [Fact]
    public void The_longest_name_wins()
    {
        var report = Examine("Envoys of the Democratic People's Republic of Korea left.");
        Assert.Equal(["Democratic People's Republic of Korea"], report.Evidence.Select(e => e.Phrase));
    }

    [Fact]
    public void Ordinary_wire_copy_scores_below_the_flag()
    {
        var report = Examine("Russia and the United States met at the international conference on Syria. NATO allies watched.");
        Assert.Empty(report.Evidence);
        Assert.True(Examine("The Russian Federation signed the treaty.").Score < SpinDetector.MinScore);
    }
}

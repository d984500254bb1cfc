namespace Dossier.Text.Tests;

public class QuoteScorerTests
{
    // 0         1         2         3         4         5
    // 012345678901234567890123456789012345678901234567890123
    private const string Text = "\"We won,\" Ann Lee said. Bob Kay said taxes will rise.";

    private const string Annotations =
        "T1\tSource 10 17\tAnn Lee\nT2\tCue 18 22\tsaid\nT3\tContent 0 9\t\"We won,\"\nE1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n" +
        "T4\tSource 24 31\tBob Kay\nT5\tCue 32 36\tsaid\nT6\tContent 37 52\ttaxes will rise\nE2\tAttribution:T5 Source:T4 Cue:T5 Content:T6\n";

    [Fact]
    public void Only_attributions_with_quotation_marks_are_gold_quotes()
    {
        var gold = Assert.Single(QuoteScorer.GoldQuotes(Text, BratStandoff.Parse(Annotations)));
        Assert.Equal("We won,", Text[gold.Start..gold.End]);
        Assert.Equal([(10, 17)], gold.Source);
    }

    [Fact]
    public void A_discontinuous_span_keeps_its_fragments()
    {
        var brat = BratStandoff.Parse("T1\tContent 0 4;10 12\tab cd\nmore text\nE1\tAttribution:T1 Content:T1\n");
        Assert.Equal([(0, 4), (10, 12)], brat.Spans["T1"].Fragments);
        Assert.Equal([("Content", "T1")], brat.Events.Single().Arguments);
    }

    [Fact]
    public void A_malformed_span_names_its_line() =>
        Assert.Contains("line 2", Assert.Throws<FormatException>(() => BratStandoff.Parse("T1\tSource 0 3\tAnn\nT2\tCue x y\tsaid\n")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData(1, 7, 10, 13, 1, 1)]    // found, speaker overlaps the source
    [InlineData(1, 7, 24, 27, 1, 0)]    // found, wrong speaker
    [InlineData(1, 3, 10, 13, 0, 0)]    // covers less than half: not found
    [InlineData(1, 7, -1, -1, 1, 0)]    // found, no speaker where the gold has one
    public void Found_and_speaker_right_follow_the_benchmark_rules(int start, int end, int speakerStart, int speakerEnd, int found, int right)
    {
        var scorer = new QuoteScorer();
        scorer.Add(QuoteScorer.GoldQuotes(Text, BratStandoff.Parse(Annotations)), [new PredictedQuote(start, end, speakerStart, speakerEnd)]);
        Assert.Equal(found, scorer.Total.Found);
        Assert.Equal(right, scorer.Total.FoundRightSpeaker);
        Assert.Equal(right, scorer.Total.PredictedCorrect);
    }

    [Fact]
    public void A_prediction_with_no_gold_quote_costs_precision()
    {
        var scorer = new QuoteScorer();
        scorer.Add(QuoteScorer.GoldQuotes(Text, BratStandoff.Parse(Annotations)),
            [new PredictedQuote(1, 7, 10, 13), new PredictedQuote(37, 52, 24, 27)]);
        Assert.Equal(0.5, scorer.Total.Precision);
        Assert.Equal(1.0, scorer.Total.Recall);
    }
}

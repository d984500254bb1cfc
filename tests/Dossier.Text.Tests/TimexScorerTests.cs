namespace Dossier.Text.Tests;

public class TimexScorerTests
{
    private const string Text = "He left on Friday morning and came back two weeks later in 1998.";

    private static TimeMention At(string phrase, TimexType type, string value)
    {
        var start = Text.IndexOf(phrase, StringComparison.Ordinal);
        return new TimeMention(start, start + phrase.Length, type, value);
    }

    [Fact]
    public void Strict_relaxed_and_attribute_scores_follow_tempeval_3()
    {
        var gold = new[] { At("Friday morning", TimexType.Time, "1998-08-07TMO"), At("two weeks later", TimexType.Date, "1998-08-21"), At("1998", TimexType.Date, "1998") };
        // One exact with a wrong value, one partial with the right type and value, one spurious; "1998" missed.
        var predicted = new[] { At("Friday morning", TimexType.Time, "1998-08-14TMO"), At("two weeks", TimexType.Date, "1998-08-21"), At("came", TimexType.Date, "PRESENT_REF") };
        var scorer = new TimexScorer();
        var outcomes = scorer.Add(Text, gold, predicted);
        var t = scorer.Total;
        Assert.Equal(1.0 / 3, t.Strict.Precision, 6);
        Assert.Equal(1.0 / 3, t.Strict.Recall, 6);
        Assert.Equal(2.0 / 3, t.Relaxed.Precision, 6);
        Assert.Equal(2.0 / 3, t.Relaxed.Recall, 6);
        Assert.Equal(2, t.Matched);
        Assert.Equal(1.0, t.TypeAccuracy, 6);
        Assert.Equal(0.5, t.ValueAccuracy, 6);
        Assert.Equal(1.0 / 3, t.Value.F1, 6);
        Assert.Contains(outcomes, o => o.IsGold && o.Outcome == TimexOutcome.Missed && Text[o.Mention.Start..o.Mention.End] == "1998");
        Assert.Contains(outcomes, o => !o.IsGold && o.Outcome == TimexOutcome.Spurious);
        Assert.Contains(outcomes, o => !o.IsGold && o.Outcome == TimexOutcome.Overlap);
    }

    [Fact]
    public void Surrounding_white_space_does_not_break_an_exact_match()
    {
        var scorer = new TimexScorer();
        var g = At("1998", TimexType.Date, "1998");
        scorer.Add(Text, [g], [g with { Start = g.Start - 1 }]);
        Assert.Equal(1.0, scorer.Total.Strict.F1, 6);
    }
}

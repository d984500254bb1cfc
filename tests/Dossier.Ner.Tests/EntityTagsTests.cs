namespace Dossier.Ner.Tests;

public class EntityTagsTests
{
    [Fact]
    public void Iob1_phrases_are_read_with_B_only_between_adjacent_phrases_of_one_type()
    {
        string[] tags = ["I-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG", "I-MISC"];
        var spans = EntityTags.FromIob(tags);
        Assert.Equal([new(0, 2, "PER"), new(3, 4, "LOC"), new(4, 5, "LOC"), new(5, 6, "ORG"), new(6, 7, "MISC")], spans);
        Assert.Equal(tags, EntityTags.ToIob1(spans, tags.Length));
    }

    [Fact]
    public void Iob2_is_read_too()
    {
        Assert.Equal([new TaggedSpan(0, 2, "ORG"), new TaggedSpan(2, 3, "ORG")], EntityTags.FromIob(["B-ORG", "I-ORG", "B-ORG", "O"]));
    }

    [Fact]
    public void Bilou_round_trips()
    {
        List<TaggedSpan> spans = [new(0, 1, "PER"), new(2, 5, "LOC"), new(5, 7, "MISC")];
        var bilou = EntityTags.ToBilou(spans, 8);
        Assert.Equal(["U-PER", "O", "B-LOC", "I-LOC", "L-LOC", "B-MISC", "L-MISC", "O"], bilou.Select(EntityTags.Name));
        Assert.Equal(spans, EntityTags.FromBilou(bilou));
    }

    [Theory]
    [InlineData("O", "I-PER", false)]
    [InlineData("O", "B-PER", true)]
    [InlineData("B-PER", "L-PER", true)]
    [InlineData("B-PER", "L-ORG", false)]
    [InlineData("B-PER", "O", false)]
    [InlineData("L-PER", "U-LOC", true)]
    public void Only_well_formed_sequences_are_allowed(string previous, string tag, bool allowed)
    {
        static int Parse(string t) => Enumerable.Range(0, EntityTags.Count).Single(i => EntityTags.Name(i) == t);
        Assert.Equal(allowed, EntityTags.Allowed(Parse(previous), Parse(tag)));
    }

    [Fact]
    public void Scorer_counts_exact_matches_only()
    {
        var scorer = new NerScorer();
        scorer.Add([new(0, 2, "PER"), new(3, 4, "LOC")], [new(0, 2, "PER"), new(3, 5, "LOC"), new(6, 7, "ORG")]);
        var overall = scorer.Overall;
        Assert.Equal((2, 3, 1), (overall.Gold, overall.Predicted, overall.Correct));
        Assert.Equal(100.0 / 3, overall.Precision, 6);
        Assert.Equal(50.0, overall.Recall, 6);
        Assert.Equal(40.0, overall.F1, 6);
        Assert.Equal(["LOC", "ORG", "PER"], scorer.ByType.Select(x => x.Type));
    }
}

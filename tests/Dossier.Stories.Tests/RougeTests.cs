namespace Dossier.Stories.Tests;

public class RougeTests
{
    private static RougeScore Single(string peer, string[] models, RougeOptions options, string metric = "ROUGE-1") =>
        Rouge.Evaluate([new RougeEval("1", [peer], [.. models.Select(m => (IReadOnlyList<string>)[m])])], options)
            .Single(r => r.Metric == metric).PerEval.Single().Score;

    [Fact]
    public void Words_are_lower_case_ascii_letters_and_digits_split_at_hyphens_and_punctuation()
    {
        var words = Rouge.Words(["The U.S.-led coalition's 2,000 troops"], new RougeOptions());
        Assert.Equal(["the", "u", "s", "led", "coalition", "s", "2", "000", "troops"], words);
    }

    [Fact]
    public void The_word_limit_counts_raw_words_and_cuts_the_line_that_reaches_it()
    {
        var words = Rouge.Words(["One two-three four.", "Five six seven."], new RougeOptions { WordLimit = 4 });
        // "two-three" is one raw word but two counted ones.
        Assert.Equal(["one", "two", "three", "four", "five"], words);
    }

    [Fact]
    public void Stemming_and_stopwords_apply_as_configured()
    {
        var options = new RougeOptions { Stem = true, Stopwords = new HashSet<string> { "the" } };
        Assert.Equal(["cat", "ran", "connect"], Rouge.Words(["The cats ran, the connections"], options).Take(2).Append(Rouge.Words(["connections"], options)[0]));
    }

    [Fact]
    public void Unigram_recall_and_precision_clip_repeated_words()
    {
        var score = Single("the the the cat", ["the cat sat"], new RougeOptions());
        // Hits: "the" once (clipped to the model's count) and "cat" once.
        Assert.Equal(0.66667, score.Recall);
        Assert.Equal(0.5, score.Precision);
        Assert.Equal(0.57143, score.F);
    }

    [Fact]
    public void Model_average_sums_hits_and_counts_over_references_and_best_takes_the_best_recall()
    {
        string[] models = ["a b c d", "a x y z w v"];
        var average = Single("a b", models, new RougeOptions());
        Assert.Equal(Math.Round(3.0 / 10, 5), average.Recall);
        var best = Single("a b", models, new RougeOptions { Formula = RougeFormula.Best });
        Assert.Equal(0.5, best.Recall);
    }

    [Fact]
    public void Jackknifing_averages_the_leave_one_out_scores()
    {
        string[] models = ["a b", "a c d", "e"];
        // Leaving out each reference in turn: 1/4, 2/3 and 3/5; all three together would give 3/6.
        var expected = new[] { 1.0 / 4, Math.Round(2.0 / 3, 5), 3.0 / 5 }.Average();
        Assert.Equal(Math.Round(expected, 5), Single("a b", models, new RougeOptions { Jackknife = true }).Recall);
        Assert.Equal(0.5, Single("a b", models, new RougeOptions()).Recall);
    }

    [Fact]
    public void Skip_bigrams_with_unigrams_count_as_rouge_counts_them()
    {
        // Three words, gap 4: unigrams of all but the last word (2) and the skip-bigrams ab, ac, bc (3).
        var options = new RougeOptions { MaxN = 0, SkipGap = 4, SkipUnigrams = true };
        var score = Single("a b c", ["a c b"], options, "ROUGE-SU4");
        // The model has a, c, ac, ab, cb; shared with the peer: a, ab, ac.
        Assert.Equal(0.6, score.Recall);
        Assert.Equal(["ROUGE-SU4"], options.Metrics());
    }

    [Theory]
    [InlineData(0.015625, 0.01562)] // 1/64: an exact tie, to even
    [InlineData(0.046875, 0.04688)] // 3/64: an exact tie, to even
    [InlineData(0.123456, 0.12346)]
    [InlineData(2.0 / 3, 0.66667)]
    public void Rounding_follows_printf(double value, double rounded) => Assert.Equal(rounded, Rouge.Fixed5(value));

    [Fact]
    public void The_average_is_the_bootstrap_mean_and_lies_within_its_interval()
    {
        var perEval = Enumerable.Range(1, 20).Select(i => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), new RougeScore(i / 40.0, i / 50.0, i / 45.0))).ToList();
        var result = Rouge.Average("ROUGE-1", perEval, new RougeOptions());
        var mean = perEval.Average(p => p.Item2.Recall);
        Assert.InRange(result.Average.Recall, mean - 0.01, mean + 0.01);
        Assert.InRange(result.Average.Recall, result.Lower.Recall, result.Upper.Recall);
        Assert.True(result.Lower.Recall < result.Upper.Recall);
        // Deterministic: the resamples are seeded.
        var again = Rouge.Average("ROUGE-1", perEval, new RougeOptions());
        Assert.Equal((result.Average, result.Lower, result.Upper), (again.Average, again.Lower, again.Upper));
    }
}

namespace Dossier.Text.Tests;

public class PorterStemmerTests
{
    [Theory]
    // Examples from Porter (1980), one or more per step.
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("cats", "cat")]
    [InlineData("agreed", "agre")]
    [InlineData("feed", "feed")]
    [InlineData("hopping", "hop")]
    [InlineData("filing", "file")]
    [InlineData("falling", "fall")]
    [InlineData("happy", "happi")]
    [InlineData("relational", "relat")]
    [InlineData("generalization", "gener")]
    [InlineData("electricity", "electr")]
    [InlineData("adjustment", "adjust")]
    [InlineData("controlling", "control")]
    [InlineData("rolling", "roll")]
    // y at the start is a consonant; short words are left alone.
    [InlineData("yield", "yield")]
    [InlineData("is", "is")]
    public void Stems_as_the_algorithm_does(string word, string stem) => Assert.Equal(stem, PorterStemmer.Stem(word));

    [Fact]
    public void Step_four_retries_ment_as_rouge_does()
    {
        // ROUGE's variant removes "al" and then "ment"; the textbook algorithm stops at "department".
        Assert.Equal("depart", PorterStemmer.Stem("departmental"));
        Assert.Equal("replac", PorterStemmer.Stem("replacement"));
    }

    [Fact]
    public void Stemming_a_stem_is_stable_for_common_suffixes()
    {
        foreach (var word in new[] { "running", "connected", "connection", "connections", "hopeful", "nationalism" })
        {
            var stem = PorterStemmer.Stem(word);
            Assert.True(stem.Length <= word.Length, word);
            Assert.StartsWith(stem[..Math.Min(3, stem.Length)], word, StringComparison.Ordinal);
        }
    }
}

namespace Dossier.Stories.Tests;

public class SummaryCandidateTests
{
    [Fact]
    public void A_pronoun_after_an_opening_phrase_points_back_and_the_sentence_cannot_stand_alone()
    {
        var article = new Article("a", "Harbour bridge", "Mayor Anna Berg opened the new bridge across the harbour on Tuesday morning. "
            + "On Wednesday, she closed it again for repairs to the railings and the lights. "
            + "The bridge cost the city twelve million euros and took three years to build.", "a.txt");
        var sentences = ArticleAnalyzer.Default.Analyze(article).Sentences;
        Assert.Equal([true, false, true], sentences.Select(s => s.Eligible));
    }
}

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

    [Fact]
    public void A_sentence_that_answers_the_one_before_cannot_stand_alone()
    {
        var article = new Article("a", "Port talks", "The mayors of Arlen and Bexby met at the port of Arlen on Tuesday to discuss shipping fees. "
            + "The two mayors agreed to meet again in the spring to settle the remaining questions. "
            + "Bexby had indeed threatened to raise its own fees for ships from Arlen last year. "
            + "The port authority, however, said the fees would stay the same until next summer. "
            + "A new ferry line between the two towns will open in May with four sailings a day.", "a.txt");
        var sentences = ArticleAnalyzer.Default.Analyze(article).Sentences;
        Assert.Equal([true, false, false, false, true], sentences.Select(s => s.Eligible));
    }
}

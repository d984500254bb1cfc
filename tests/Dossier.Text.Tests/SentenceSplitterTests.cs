namespace Dossier.Text.Tests;

public class SentenceSplitterTests
{
    private static string[] Sentences(string text)
    {
        var d = new Pipeline(new Tokenizer(), new SentenceSplitter()).Run(text);
        return d.Sentences.Select(s => s.ToString()).ToArray();
    }

    [Fact]
    public void Abbreviations_and_initials_do_not_end_sentences()
    {
        Assert.Equal(["Mr. Macron met Gen. Smith in the U.S. on Monday.", "J. K. Rowling was not there."],
            Sentences("Mr. Macron met Gen. Smith in the U.S. on Monday. J. K. Rowling was not there."));
    }

    [Fact]
    public void Decimals_do_not_end_sentences() =>
        Assert.Equal(["It cost $1.3 billion in 2015.", "Then it stopped."], Sentences("It cost $1.3 billion in 2015. Then it stopped."));

    [Fact]
    public void A_question_inside_quotes_ends_after_the_closing_period() =>
        Assert.Equal(["He asked: \"Are we going to get involved with Syria?\".", "Nobody answered."],
            Sentences("He asked: \"Are we going to get involved with Syria?\". Nobody answered."));

    [Fact]
    public void A_lower_case_word_after_a_quoted_question_continues_the_sentence() =>
        Assert.Equal(["\u201CWhy now?\u201D he asked.", "She left."], Sentences("\u201CWhy now?\u201D he asked. She left."));

    [Fact]
    public void A_line_break_always_ends_a_sentence() =>
        Assert.Equal(["Other news", "Putin spoke."], Sentences("Other news\nPutin spoke."));
}

namespace Dossier.Core.Tests;

public class DocumentTests
{
    private static Document TwoSentences()
    {
        var d = new Document("Hi there. Bye.");
        d.SetTokens([new(0, 2, TokenShape.Word), new(3, 5, TokenShape.Word), new(8, 1, TokenShape.Terminal), new(10, 3, TokenShape.Word), new(13, 1, TokenShape.Terminal)], 5);
        d.AddSentence(0, 3);
        d.AddSentence(3, 5);
        return d;
    }

    [Fact]
    public void Spans_are_views_with_exclusive_ends()
    {
        var d = TwoSentences();
        Assert.Equal("Hi there.", d.Sentence(0).ToString());
        Assert.Equal("Bye.", d.Sentence(1).ToString());
        Assert.Equal("there", d.Token(1).ToString());
        Assert.Equal(2, d.Span(1, 3).Length);
    }

    [Fact]
    public void Sentence_of_a_token_is_found_by_search()
    {
        var d = TwoSentences();
        Assert.Equal(0, d.SentenceOf(2));
        Assert.Equal(1, d.SentenceOf(3));
        Assert.Equal(3, d.TokenAtOrAfter(9));
    }

    [Fact]
    public void Bad_ranges_are_rejected()
    {
        var d = TwoSentences();
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Span(2, 9));
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Token(5));
        Assert.Throws<InvalidOperationException>(() => d.AddSentence(1, 2));
    }
}

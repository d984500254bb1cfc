namespace Dossier.Text.Tests;

public class TokenizerTests
{
    private static string[] Tokens(string text)
    {
        var d = new Document(text);
        new Tokenizer().Process(d);
        return Enumerable.Range(0, d.TokenCount).Select(i => d.Token(i).ToString()).ToArray();
    }

    [Theory]
    [InlineData("The U.S. said", new[] { "The", "U.S.", "said" })]
    [InlineData("a $1.3 billion deal", new[] { "a", "$", "1.3", "billion", "deal" })]
    [InlineData("1,000 people", new[] { "1,000", "people" })]
    [InlineData("Russia's veto", new[] { "Russia", "'s", "veto" })]
    [InlineData("Bashar al-Assad's forces", new[] { "Bashar", "al-Assad", "'s", "forces" })]
    [InlineData("the 70-year-old tycoon", new[] { "the", "70-year-old", "tycoon" })]
    [InlineData("He wasn't there...", new[] { "He", "wasn't", "there", "..." })]
    [InlineData("\u201CYes,\u201D he said.", new[] { "\u201C", "Yes", ",", "\u201D", "he", "said", "." })]
    public void Splits_news_text(string text, string[] expected) => Assert.Equal(expected, Tokens(text));

    [Fact]
    public void Marks_shapes_and_line_starts()
    {
        var d = new Document("NATO met\n\"Putin\" said.");
        new Tokenizer().Process(d);
        Assert.True(d.Token(0).Is(TokenShape.AllCaps | TokenShape.Capitalized));
        Assert.True(d.Token(2).Is(TokenShape.Quote | TokenShape.LineStart));
        Assert.True(d.Token(3).Is(TokenShape.Attached));
        Assert.True(d.Token(6).Is(TokenShape.Terminal));
    }
}

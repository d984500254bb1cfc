namespace Dossier.Store.Tests;

public class SearchSnippetTests
{
    private static string Filler(int words, string word = "filler") => string.Join(' ', Enumerable.Repeat(word, words));

    private static IEnumerable<string> Marked(string snippet) =>
        SqliteStore.Snippet(snippet).Where(p => p.Match).Select(p => p.Text);

    [Fact]
    public void Words_match_by_stem_and_case()
    {
        var snippet = SearchSnippet.Mark("The minister Resigned on Monday; ministers resign rarely.", ["resigning"]);
        Assert.Equal(["Resigned", "resign"], Marked(snippet));
        Assert.DoesNotContain("…", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_text_shows_a_window_round_its_matches()
    {
        var text = Filler(100) + " the earthquake struck Iquique at dawn " + Filler(100, "padding");
        var snippet = SearchSnippet.Mark(text, ["earthquake"]);
        var plain = string.Concat(SqliteStore.Snippet(snippet).Select(p => p.Text));
        Assert.StartsWith("…", plain, StringComparison.Ordinal);
        Assert.EndsWith("…", plain, StringComparison.Ordinal);
        Assert.Equal(["earthquake"], Marked(snippet));
        // Context on both sides, and no more than the window's words.
        Assert.Contains("filler the earthquake struck Iquique at dawn padding", plain, StringComparison.Ordinal);
        Assert.True(plain.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w != "…") <= SearchSnippet.Words);
    }

    [Fact]
    public void The_window_prefers_one_holding_every_query_word()
    {
        var text = "Floods hit Dhaka. " + Filler(60) + " Floods in Chittagong. " + Filler(60) + " Chittagong and Dhaka floods again. " + Filler(60);
        var snippet = SearchSnippet.Mark(text, ["dhaka", "chittagong"]);
        Assert.Equal(["Chittagong", "Dhaka"], Marked(snippet));
    }

    [Fact]
    public void Without_a_match_the_text_opens_the_snippet_on_one_line()
    {
        var snippet = SearchSnippet.Mark("First line\nsecond line " + Filler(40), ["absent"]);
        Assert.StartsWith("First line second line", snippet, StringComparison.Ordinal);
        Assert.Empty(Marked(snippet));
        Assert.Equal("", SearchSnippet.Mark("  — ", ["word"]));
    }
}

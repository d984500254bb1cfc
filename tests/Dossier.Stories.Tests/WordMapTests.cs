namespace Dossier.Stories.Tests;

public class WordMapTests
{
    [Fact]
    public void A_word_is_made_once_and_found_by_span_until_the_map_fills()
    {
        var made = 0;
        var map = new WordMap(w => { made++; return w.ToUpperInvariant(); }, capacity: 2);
        Span<char> buffer = ['c', 'a', 't'];
        var first = map[buffer];
        Assert.Equal("CAT", first);
        Assert.Same(first, map["cat"]);
        Assert.Equal(1, made);
        _ = map["dog"];
        _ = map["eel"]; // full: cleared before this one
        _ = map["cat"];
        Assert.Equal(4, made);
    }
}

namespace Dossier.Stories.Tests;

public class QuoteAttributionTests
{
    private static List<(string Quote, string? Mention, string? Speaker)> Attribute(string text)
    {
        var document = ArticleAnalyzer.Default.Pipeline.Run(text);
        return QuoteAttribution.Attribute(document, EntityCanonicalizer.Default)
            .Select(q => (text[q.Start..q.End], q.SpeakerStart >= 0 ? text[q.SpeakerStart..q.SpeakerEnd] : null, q.Speaker)).ToList();
    }

    [Fact]
    public void An_honorific_and_a_surname_resolve_to_the_full_name()
    {
        var q = Assert.Single(Attribute("Emmanuel Macron met the press in Paris on Monday.\n\n\"We spoke frankly,\" Mr Macron said."));
        Assert.Equal("We spoke frankly", q.Quote);
        Assert.Equal("Mr Macron", q.Mention);
        Assert.Equal("Emmanuel Macron", q.Speaker);
    }

    [Fact]
    public void A_pronoun_mention_is_kept_and_its_speaker_is_the_person_it_refers_to()
    {
        var q = Assert.Single(Attribute("Sergey Lavrov spoke in Moscow on Tuesday. \"Nothing has changed,\" he said."));
        Assert.Equal("he", q.Mention);
        Assert.Equal("Sergey Lavrov", q.Speaker);
    }

    [Fact]
    public void Offsets_are_utf16_offsets_into_the_text()
    {
        var text = "Caf\u00E9 owners were upset. \u201CThe rent doubled,\u201D said Anna Lee, who runs one.";
        var q = Assert.Single(Attribute(text));
        Assert.Equal("The rent doubled", q.Quote);
        Assert.Equal("Anna Lee", q.Speaker);
    }

    [Fact]
    public void A_quote_with_no_speaker_has_no_name() =>
        Assert.Null(Assert.Single(Attribute("\"It was an exchange that was extremely frank and long.\"")).Speaker);
}

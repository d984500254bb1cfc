namespace Dossier.Text.Tests;

public class QuoteFinderTests
{
    private static (string Quote, string? Speaker, string? Entity)[] Quotes(string text)
    {
        var d = Pipeline.Default.Run(text);
        return d.Quotes.Select(q => (d.Text[q.Start..q.End],
            q.HasSpeaker ? d.Span(q.SpeakerStart, q.SpeakerEnd).ToString() : null,
            q.Entity >= 0 ? d.EntitySpan(d.Entities[q.Entity]).ToString() : null)).ToArray();
    }

    [Fact]
    public void Quote_then_speaker_and_verb() =>
        Assert.Equal(("We will talk again", "Sergey Lavrov", "Sergey Lavrov"), Assert.Single(Quotes("\"We will talk again,\" Sergey Lavrov said.")));

    [Fact]
    public void Quote_then_verb_and_speaker() =>
        Assert.Equal("Emmanuel Macron", Assert.Single(Quotes("\u201CIt was frank,\u201D said Emmanuel Macron.")).Entity);

    [Fact]
    public void Speaker_and_colon_before_the_quote() =>
        Assert.Equal("Johnson", Assert.Single(Quotes("Mr Johnson said: \"The community sought to make it clear.\"")).Entity);

    [Fact]
    public void A_pronoun_refers_to_the_nearest_earlier_person()
    {
        var q = Assert.Single(Quotes("Vladimir Putin arrived late. \"We have disagreements,\" he added."));
        Assert.Equal("he", q.Speaker);
        Assert.Equal("Vladimir Putin", q.Entity);
    }

    [Fact]
    public void According_to_names_the_speaker() =>
        Assert.Equal("Dmitry Peskov", Assert.Single(Quotes("According to Dmitry Peskov, \"nothing has changed\" since then.")).Entity);

    [Fact]
    public void Nested_quotes_stay_inside_the_outer_quote()
    {
        var q = Assert.Single(Quotes("\"The principle of \"innocent until proven guilty\" has to be respected\", Lavrov said."));
        Assert.Equal("The principle of \"innocent until proven guilty\" has to be respected", q.Quote);
        Assert.Equal("Lavrov", q.Entity);
    }

    [Fact]
    public void A_scare_quote_belongs_to_the_speaker_of_its_sentence() =>
        Assert.Equal("Emmanuel Macron", Assert.Single(Quotes("Emmanuel Macron told reporters that both must \"eradicate terrorist groups\" in Syria.")).Entity);

    [Fact]
    public void An_unclosed_quote_does_not_swallow_the_next_paragraph()
    {
        var found = Quotes("He said \"this never ends.\n\nThe next paragraph is \"quoted\" by Ann Lee, she said.");
        Assert.DoesNotContain(found, q => q.Quote.Contains("next paragraph", StringComparison.Ordinal));
    }

    [Fact]
    public void A_quote_with_no_speaker_keeps_none()
    {
        var q = Assert.Single(Quotes("\"It was an exchange that was extremely frank.\""));
        Assert.Null(q.Speaker);
    }
}

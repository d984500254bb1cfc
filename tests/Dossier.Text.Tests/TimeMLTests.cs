namespace Dossier.Text.Tests;

public class TimeMLTests
{
    private const string Sample = """
        <?xml version="1.0" ?>
        <TimeML>
        <DOCID>T1</DOCID>
        <DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" temporalFunction="false" functionInDocument="CREATION_TIME">19980807</TIMEX3></DCT>
        <TEXT>
        Bombs <EVENT eid="e1" class="OCCURRENCE">exploded</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">today</TIMEX3> at two embassies &amp; killed 80. Talks <EVENT eid="e2" class="OCCURRENCE">resume</EVENT> <TIMEX3 tid="t2" type="DATE" value="1998-W33">next week</TIMEX3>.
        </TEXT>
        </TimeML>
        """;

    [Fact]
    public void Reads_the_plain_text_the_timexes_and_the_creation_date()
    {
        var doc = TimeMLDocument.Parse(Sample);
        Assert.Equal(new DateOnly(1998, 8, 7), doc.CreationDate);
        Assert.Contains("at two embassies & killed 80.", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", doc.Text, StringComparison.Ordinal);
        Assert.Equal(2, doc.Timexes.Count);
        Assert.Equal("today", doc.Text[doc.Timexes[0].Start..doc.Timexes[0].End]);
        Assert.Equal(("next week", TimexType.Date, "1998-W33"), (doc.Text[doc.Timexes[1].Start..doc.Timexes[1].End], doc.Timexes[1].Type, doc.Timexes[1].Value));
    }

    [Fact]
    public void Writing_replaces_the_timexes_keeps_other_markup_and_reads_back()
    {
        var doc = TimeMLDocument.Parse(Sample);
        var start = doc.Text.IndexOf("two embassies", StringComparison.Ordinal);
        var ours = new TimeMention(start, start + 3, TimexType.Duration, "P2D");
        var output = doc.WithTimexes([ours]);
        Assert.DoesNotContain("1998-W33", output, StringComparison.Ordinal);
        Assert.Contains("<EVENT eid=\"e2\" class=\"OCCURRENCE\">resume</EVENT>", output, StringComparison.Ordinal);
        Assert.Contains("functionInDocument=\"CREATION_TIME\"", output, StringComparison.Ordinal);
        Assert.Contains("&amp; killed", output, StringComparison.Ordinal);
        var back = TimeMLDocument.Parse(output);
        Assert.Equal(doc.Text, back.Text);
        Assert.Equal([ours], back.Timexes);
        // New ids never collide with the creation time's.
        Assert.DoesNotContain("tid=\"t0\" type=\"DURATION\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expression_that_would_cross_another_element_is_left_out()
    {
        var doc = TimeMLDocument.Parse(Sample);
        var start = doc.Text.IndexOf("ploded today", StringComparison.Ordinal);
        var output = doc.WithTimexes([new TimeMention(start, start + 12, TimexType.Date, "1998-08-07")]);
        Assert.Empty(TimeMLDocument.Parse(output).Timexes);
    }

    [Theory]
    [InlineData("<TimeML><DOCID>x</DOCID></TimeML>", "no <TEXT>")]
    [InlineData("<TimeML><TEXT>a <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2000\">b</TimeML>", "not closed")]
    [InlineData("<TimeML><TEXT>a <TIMEX3 tid=\"t1\" type=\"WHEN\" value=\"2000\">b</TIMEX3></TEXT></TimeML>", "type 'WHEN'")]
    public void Malformed_documents_are_named_errors(string markup, string message)
    {
        var e = Assert.Throws<FormatException>(() => TimeMLDocument.Parse(markup));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}

using Dossier.Text;

namespace Dossier.Stories.Tests;

public class TimelineTests
{
    private static List<DatedEvent> EventsOf(string text, DateOnly? dct = null) => Timeline.Events(Pipeline.Times.Run(text, dct));

    [Fact]
    public void A_date_opening_its_sentence_is_described_by_the_clause_after_it()
    {
        var e = Assert.Single(EventsOf("On April 4, a toxic gas attack hit the town of Khan Sheikhoun, killing over 80 people."));
        Assert.Equal("XXXX-04-04", e.Date);
        Assert.Equal("a toxic gas attack hit the town of Khan Sheikhoun", e.Text);
        Assert.Equal(0, e.Sentence);
    }

    [Fact]
    public void The_date_and_its_preposition_leave_the_description()
    {
        var e = Assert.Single(EventsOf("Sanctions were imposed after Russia's annexation of Crimea in 2014, officials said."));
        Assert.Equal("2014", e.Date);
        Assert.Equal("Russia's annexation of Crimea", e.Text);
    }

    [Fact]
    public void Only_dates_a_reader_can_place_enter_the_timeline()
    {
        var events = EventsOf("Macron met Putin on Monday for two hours, now and every year, after the summit last week. They met in May 2017.");
        Assert.Equal(["2017-05"], events.Select(e => e.Date));
        // With a creation date, "on Monday" and "last week" become days and weeks; a day is placed, a week is not.
        var dated = EventsOf("Macron met Putin on Monday in Versailles.", new DateOnly(2017, 5, 30));
        Assert.Equal(["2017-05-29"], dated.Select(e => e.Date));
    }

    [Fact]
    public void The_same_event_from_two_articles_is_one_entry_with_both_sources()
    {
        var a = EventsOf("Western sanctions were imposed after Russia's annexation of Crimea in 2014.");
        var b = EventsOf("The sanctions were first imposed when it annexed Crimea from Ukraine in 2014, and France cancelled a contract in 2015.");
        var merged = Timeline.Merge(a.Select(e => ("a", e)).Concat(b.Select(e => ("b", e))));
        Assert.Equal(["2014", "2015"], merged.Select(m => m.Date));
        Assert.Equal(["a", "b"], merged[0].Sources.Select(s => s.Article));
        Assert.Equal(a[0].Text, merged[0].Text);
        Assert.Equal(["b"], merged[1].Sources.Select(s => s.Article));
    }

    [Fact]
    public void Different_events_on_one_date_stay_apart_and_unknown_years_sort_last()
    {
        var events = new[]
        {
            ("a", new DatedEvent("XXXX-04-04", "a gas attack hit Khan Sheikhoun", 0, "s")),
            ("a", new DatedEvent("2014", "Russia annexed Crimea", 1, "s")),
            ("b", new DatedEvent("2014", "Brazil hosted the World Cup", 0, "s")),
            ("b", new DatedEvent("1717", "Peter the Great visited France", 1, "s")),
        };
        var merged = Timeline.Merge(events);
        Assert.Equal(["1717", "2014", "2014", "XXXX-04-04"], merged.Select(m => m.Date));
        Assert.All(merged, m => Assert.Single(m.Sources));
    }
}

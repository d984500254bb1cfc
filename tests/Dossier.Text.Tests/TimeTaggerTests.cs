using System.Globalization;
using FsCheck;
using FsCheck.Xunit;

namespace Dossier.Text.Tests;

public class TimeTaggerTests
{
    // A Tuesday.
    private static readonly DateOnly Dct = new(2017, 5, 30);

    private static List<(string Text, TimexType Type, string Value)> Tag(string text, DateOnly? dct = null)
    {
        var d = Pipeline.Times.Run(text, dct);
        return d.Times.Select(t => (text[t.Start..t.End], t.Type, t.Value)).ToList();
    }

    private static (string Text, TimexType Type, string Value) Single(string text, DateOnly? dct = null) => Assert.Single(Tag(text, dct));

    [Theory]
    [InlineData("The attack came on April 4, 2017, in Idlib.", "April 4, 2017", "2017-04-04")]
    [InlineData("It happened on 4 April 2017.", "4 April 2017", "2017-04-04")]
    [InlineData("He first used the phrase in August 2012.", "August 2012", "2012-08")]
    [InlineData("Peter the Great visited France in 1717.", "1717", "1717")]
    [InlineData("Prices rose through the 1990s.", "1990s", "199")]
    [InlineData("The report is dated 2016-11-08.", "2016-11-08", "2016-11-08")]
    [InlineData("Results for the third quarter of 2016 were weak.", "the third quarter of 2016", "2016-Q3")]
    [InlineData("The empire fell in the 15th century.", "the 15th century", "14")]
    public void Absolute_dates_need_no_creation_date(string text, string extent, string value)
    {
        var t = Single(text);
        Assert.Equal((extent, TimexType.Date, value), t);
    }

    [Theory]
    [InlineData("Officials said yesterday that talks failed.", "yesterday", "2017-05-29")]
    [InlineData("Macron met Putin on Monday.", "Monday", "2017-05-29")]
    [InlineData("The two will meet on Friday.", "Friday", "2017-06-02")]
    [InlineData("The summit took place last week.", "last week", "2017-W21")]
    [InlineData("Talks resume next month.", "next month", "2017-06")]
    [InlineData("The hacking was detected earlier this month.", "earlier this month", "2017-05")]
    [InlineData("The deal collapsed two years ago.", "two years ago", "2015")]
    [InlineData("Trade rose last year.", "last year", "2016")]
    [InlineData("The attack on April 4 killed 80 people.", "April 4", "2017-04-04")]
    [InlineData("A vote is planned for Christmas.", "Christmas", "2017-12-25")]
    [InlineData("Sales rose 5% in the latest period.", "the latest period", "2017-Q1")]
    public void Relative_dates_resolve_against_the_creation_date(string text, string extent, string value)
    {
        var t = Single(text, Dct);
        Assert.Equal(extent, t.Text);
        Assert.Equal(value, t.Value);
    }

    [Theory]
    [InlineData("They would appeal the decision, announced Friday by the agency.", "2017-05-26")]
    [InlineData("Witnesses said the car went up in flames next to the embassy on Friday.", "2017-05-26")]
    [InlineData("Lawyers will look for ways around Friday's ruling.", "2017-05-26")]
    [InlineData("The talks are set to resume Friday.", "2017-06-02")]
    [InlineData("The injunction issued on Friday must be lifted.", "2017-05-26")]
    public void A_weekday_takes_the_tense_of_the_verb_it_hangs_on(string text, string value) =>
        Assert.Equal(value, Single(text, Dct).Value);

    [Theory]
    [InlineData("The attack on April 4 killed 80 people.", "XXXX-04-04")]
    [InlineData("Macron met Putin on Monday.", "XXXX-WXX-1")]
    [InlineData("Talks resume next month.", "XXXX-XX")]
    [InlineData("The deal collapsed two years ago.", "PAST_REF")]
    public void Without_a_creation_date_the_unknown_stays_underspecified(string text, string value) =>
        Assert.Equal(value, Single(text).Value);

    [Fact]
    public void In_November_a_past_January_is_this_years_and_a_coming_one_next_years()
    {
        var dct = new DateOnly(1999, 11, 20);
        Assert.Equal("1999-01", Single("Sales fell in January.", dct).Value);
        Assert.Equal("2000-01-14", Single("The boy will go home by Jan. 14.", dct).Value);
    }

    [Theory]
    [InlineData("Their talks lasted for over two hours.", "two hours", "PT2H")]
    [InlineData("Russia has backed Assad throughout Syria's six-year civil war.", "six-year", "P6Y")]
    [InlineData("Prices rose over the past three months.", "the past three months", "P3M")]
    [InlineData("The firm has traded for about 20 years.", "about 20 years", "P20Y")]
    [InlineData("It has been going on for decades.", "decades", "PXY")]
    public void Durations(string text, string extent, string value) =>
        Assert.Equal((extent, TimexType.Duration, value), Single(text, Dct));

    [Fact]
    public void A_reporting_year_that_ends_on_a_date_is_a_year_long()
    {
        var found = Tag("Net income for the fiscal year ended March 31 fell.", Dct);
        Assert.Contains(("the fiscal year", TimexType.Duration, "P1Y"), found);
        Assert.Contains(("March 31", TimexType.Date, "2017-03-31"), found);
    }

    [Theory]
    [InlineData("The paper is published daily.", "daily", "P1D")]
    [InlineData("The board meets every year.", "every year", "P1Y")]
    [InlineData("Protesters gather on Fridays.", "Fridays", "XXXX-WXX-5")]
    public void Sets(string text, string extent, string value) =>
        Assert.Equal((extent, TimexType.Set, value), Single(text, Dct));

    [Theory]
    [InlineData("The police arrived at 9 a.m. Tuesday.", "9 a.m. Tuesday", "2017-05-30T09:00")]
    [InlineData("He spoke this morning.", "this morning", "2017-05-30TMO")]
    [InlineData("Voting ends at midnight.", "midnight", "2017-05-30T24:00")]
    public void Times_of_day(string text, string extent, string value) =>
        Assert.Equal((extent, TimexType.Time, value), Single(text, Dct));

    [Theory]
    [InlineData("Leaders met after the Group of Seven summit.")]
    [InlineData("He faced the 70-year-old tycoon's stare.")]
    [InlineData("He is 70 years old.")]
    [InlineData("France cancelled a $1.3 billion warship contract.")]
    [InlineData("Call 555-1234 or 212-555-2000 for details.")]
    [InlineData("Officials may meet again.")]
    [InlineData("Theresa May said the talks would continue.")]
    [InlineData("Macron told a French weekly that he was not bothered.")]
    [InlineData("Oil prices may fall sharply, traders said.")]
    [InlineData("Under Section 1201 of the act, 2000 troops were sent.")]
    public void Classic_false_positives_are_not_dates(string text) => Assert.Empty(Tag(text, Dct));

    [Fact]
    public void Expressions_do_not_overlap_and_are_in_text_order()
    {
        var d = Pipeline.Times.Run("On Monday, May 29, 2017, two days after the Group of Seven summit, Macron met Putin; last week Trump met Macron.", Dct);
        for (var i = 1; i < d.Times.Count; i++) Assert.True(d.Times[i - 1].End <= d.Times[i].Start);
        Assert.Equal(["Monday, May 29, 2017", "two days", "last week"], d.Times.Select(t => d.Text[t.Start..t.End]));
        Assert.Equal("2017-05-29", d.Times[0].Value);
    }

    [Property(MaxTest = 200)]
    public bool Any_written_out_date_normalises_to_its_calendar_day(PositiveInt offset)
    {
        var day = new DateOnly(1900, 1, 1).AddDays(offset.Get % 73000);
        var text = "The ceremony took place on " + day.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture) + " in Paris.";
        var times = Pipeline.Times.Run(text, Dct).Times;
        return times.Count == 1 && times[0].Value == day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    [Property(MaxTest = 200)]
    public bool Yesterday_is_the_day_before_any_creation_date(PositiveInt offset)
    {
        var dct = new DateOnly(1950, 1, 1).AddDays(offset.Get % 40000);
        var times = Pipeline.Times.Run("The minister resigned yesterday.", dct).Times;
        return times.Count == 1 && times[0].Value == dct.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    [Fact]
    public void That_day_or_year_points_back_at_the_last_date_given()
    {
        var times = Tag("The ferry left Dover on June 4, 2015 and sank later that year. Rescuers had spent that day at sea.");
        Assert.Contains(("later that year", TimexType.Date, "2015"), times);
        Assert.Contains(("that day", TimexType.Date, "2015-06-04"), times);
    }

    [Fact]
    public void A_number_and_a_singular_unit_before_a_noun_are_a_duration() =>
        Assert.Equal(("two day", TimexType.Duration, "P2D"), Single("Supporters began a two day rally in the capital."));

    [Fact]
    public void A_year_ago_period_is_the_reported_quarter_a_year_before()
    {
        var dct = new DateOnly(1989, 11, 2);
        Assert.Contains(("the year-ago period", TimexType.Date, "1988-Q3"),
            Tag("Profit rose 12% in the third quarter. In the year-ago period, the mill earned $4 million.", dct));
        Assert.Equal(("year-earlier", TimexType.Date, "1988-Q3"), Single("The year-earlier results included a gain on the sale of a plant.", dct));
    }

    [Theory]
    [InlineData("Losing the vote would be a second betrayal of the voters.")]
    [InlineData("Pension funds hold more than a quarter of the bonds.")]
    public void Ordinals_and_fractions_are_no_durations(string text) => Assert.Empty(Tag(text));
}

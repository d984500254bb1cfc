using System.Globalization;

namespace Dossier.Text;

/// <summary>Calendar arithmetic and the TIMEX3 spelling of values. Pure functions of their arguments.</summary>
internal static class TimeValues
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", Inv);
    public static string Month(int year, int month) => $"{Year(year)}-{month:D2}";
    public static string Year(int year) => year.ToString("D4", Inv);
    public static string Week(DateOnly d) => $"{Year(ISOWeek.GetYear(d.ToDateTime(TimeOnly.MinValue)))}-W{ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue)):D2}";
    public static string Quarter(int year, int quarter) => $"{Year(year)}-Q{quarter}";
    public static int QuarterOf(DateOnly d) => (d.Month + 2) / 3;

    /// <summary>ISO day of week: Monday 1 … Sunday 7.</summary>
    public static int IsoDay(DayOfWeek d) => d == DayOfWeek.Sunday ? 7 : (int)d;

    /// <summary>Reads the day of a value that names one ("2017-04-04", "2017-04-04T10:00", "2017-04-04TMO").</summary>
    public static bool TryParseDay(string value, out DateOnly day)
    {
        day = default;
        return value.Length >= 10 && (value.Length == 10 || value[10] == 'T')
            && DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", Inv, DateTimeStyles.None, out day);
    }

    /// <summary>The day a weekday expression names: back in past-tense clauses, forward in future ones, else the nearer.</summary>
    public static DateOnly Weekday(DateOnly dct, DayOfWeek weekday, Tense tense)
    {
        var back = ((int)dct.DayOfWeek - (int)weekday + 7) % 7;
        var forward = ((int)weekday - (int)dct.DayOfWeek + 7) % 7;
        return tense switch
        {
            Tense.Past => dct.AddDays(-back),
            Tense.Future => dct.AddDays(forward),
            _ => forward < back ? dct.AddDays(forward) : dct.AddDays(-back),
        };
    }

    /// <summary>The year of a month (and day) given without one: the nearest to the creation date, moved by the tense when the date would fall well on the wrong side of it.</summary>
    public static int YearOf(DateOnly dct, int month, int day, Tense tense)
    {
        var candidate = new DateOnly(dct.Year, month, Math.Min(day, DateTime.DaysInMonth(dct.Year, month)));
        var days = candidate.DayNumber - dct.DayNumber;
        // The tense is a guess from cue words; it moves a date to the neighbouring year only when the date would
        // otherwise lie more than two months on the wrong side of the creation date.
        const int slack = 60;
        return tense switch
        {
            Tense.Past => days > slack ? dct.Year - 1 : dct.Year,
            Tense.Future => days < -slack ? dct.Year + 1 : dct.Year,
            // With no tense cue the nearer year wins, leaning back: news reports more than it forecasts.
            _ when days > 120 => dct.Year - 1,
            _ when days < -183 => dct.Year + 1,
            _ => dct.Year,
        };
    }

    /// <summary>The value of a point <paramref name="count"/> units away from a day, at that unit's precision.</summary>
    public static string Shift(DateOnly from, TimeUnit unit, int count) => unit switch
    {
        TimeUnit.Day => Day(from.AddDays(count)),
        TimeUnit.Week or TimeUnit.Weekend => Week(from.AddDays(7 * count)) + (unit == TimeUnit.Weekend ? "-WE" : ""),
        TimeUnit.Month => Month(from.AddMonths(count).Year, from.AddMonths(count).Month),
        TimeUnit.Quarter => Quarter(from.AddMonths(3 * count).Year, QuarterOf(from.AddMonths(3 * count))),
        TimeUnit.Year => Year(from.Year + count),
        TimeUnit.Decade => Year(from.Year + 10 * count)[..3],
        TimeUnit.Century => Year(from.Year + 100 * count)[..2],
        _ => Day(from),
    };

    /// <summary>The value <see cref="Shift"/> gives from an anchor, or the unit's underspecified value when there is none.</summary>
    public static string ShiftOrUnknown(DateOnly? anchor, TimeUnit unit, int count) => anchor is { } a ? Shift(a, unit, count) : Unknown(unit);

    /// <summary>Some given weekday of an unknown week: "XXXX-WXX-1" for a Monday.</summary>
    public static string SomeWeekday(DayOfWeek weekday) => $"XXXX-WXX-{IsoDay(weekday)}";

    /// <summary>The value of a unit's period with no anchor: "XXXX-WXX", "XXXX-XX".</summary>
    public static string Unknown(TimeUnit unit) => unit switch
    {
        TimeUnit.Day => "XXXX-XX-XX",
        TimeUnit.Week => "XXXX-WXX",
        TimeUnit.Weekend => "XXXX-WXX-WE",
        TimeUnit.Month => "XXXX-XX",
        TimeUnit.Quarter => "XXXX-QX",
        TimeUnit.Decade => "XXX",
        TimeUnit.Century => "XX",
        _ => "XXXX",
    };

    /// <summary>A duration: "P3Y", "PT2H", "PXW" when the count is unknown. Decades and centuries are counted in years, as TimeBank does.</summary>
    public static string Duration(TimeUnit unit, decimal? count)
    {
        var n = count;
        var letter = unit switch
        {
            TimeUnit.Second => "S",
            TimeUnit.Minute => "M",
            TimeUnit.Hour => "H",
            TimeUnit.Day => "D",
            TimeUnit.Week or TimeUnit.Weekend => "W",
            TimeUnit.Fortnight => "W",
            TimeUnit.Month => "M",
            TimeUnit.Quarter => "Q",
            _ => "Y",
        };
        var factor = unit switch { TimeUnit.Decade => 10, TimeUnit.Century => 100, TimeUnit.Millennium => 1000, TimeUnit.Fortnight => 2, _ => 1 };
        var number = n is { } v ? (v * factor).ToString("0.##", Inv) : "X";
        var time = unit is TimeUnit.Second or TimeUnit.Minute or TimeUnit.Hour;
        return (time ? "PT" : "P") + number + letter;
    }

    /// <summary>Easter Sunday (Gregorian), by the anonymous computus.</summary>
    public static DateOnly Easter(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
        var month = (h + l - 7 * m + 114) / 31;
        var day = ((h + l - 7 * m + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The n-th (1-based; -1 for the last) given weekday of a month.</summary>
    public static DateOnly NthWeekday(int year, int month, DayOfWeek weekday, int n)
    {
        if (n > 0)
        {
            var first = new DateOnly(year, month, 1);
            return first.AddDays(((int)weekday - (int)first.DayOfWeek + 7) % 7 + 7 * (n - 1));
        }
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)weekday + 7) % 7));
    }
}

/// <summary>Units of time that expressions count in.</summary>
internal enum TimeUnit
{
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Millennium,
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Dossier.Text;

/// <summary>
/// A pattern that proposes temporal expressions and the function that checks and normalises each match. Every match
/// holds a word of one of its <see cref="Triggers"/>, so the pattern is only run near such words: most sentences of
/// news have no time expression, and this keeps the stage cheap.
/// </summary>
internal sealed record TimeRule(string Name, Trigger Triggers, Regex Pattern, Func<Match, TimeContext, TimeMention?> Normalise);

/// <summary>Kinds of word that time expressions are built around.</summary>
[Flags]
internal enum Trigger
{
    None = 0,
    Digit = 1,
    Month = 2,
    Weekday = 4,
    Unit = 8,
    RelativeDay = 16,
    PartOfDay = 32,
    SetAdverb = 64,
    Every = 128,
    ClockWord = 256,
    Reference = 512,
    Half = 1024,
    Season = 2048,
    Holiday = 4096,
    SpokenYear = 8192,
    Weekend = 16384,
    Quarter = 32768,
    Direction = 65536,
    Edge = 131072,
    Frequency = 262144,
}

/// <summary>
/// The grammar of English time expressions, one rule per form. Patterns ignore case; rules that rest on a
/// capitalised name (months, weekdays) check the capital themselves, so that "may" and "march" the verbs are not dates.
/// </summary>
internal static partial class TimeRules
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    private const string B = @"(?<![\w-])";
    private const string E = @"(?![\w])";
    private const string MonthName = @"(?<month>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)";
    private const string Weekday = @"(?<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
    private const string Day = @"(?<day>[0-3]?\d)(?:st|nd|rd|th)?";
    private const string Year = @"(?<year>(?:1[0-9]|20)\d\d)";
    private const string Ones = "one|two|three|four|five|six|seven|eight|nine";
    private const string Teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
    private const string Tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
    private const string NumberWord = "(?:(?:" + Tens + ")(?:[- ](?:" + Ones + "))?|" + Teens + "|" + Ones + "|(?:a |one )?hundred|(?:a |one )?thousand|a dozen|dozen)";
    private const string Count = @"(?<num>\d+(?:\.\d+)?|" + NumberWord + @"(?:[- ]and[- ]a[- ]half)?|an?|a few|a couple(?: of)?|several|some|many|few|dozens of|hundreds of)";
    private const string UnitWord = @"(?<unit>seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries|millenni(?:um|a))";
    private const string Modifier = @"(?:(?<mod>about|around|approximately|roughly|nearly|almost|no more than|more than|less than|fewer than|at least|at most|up to|close to)\s+)";
    private const string PartOfDay = @"(?<part>morning|afternoon|evening|night)";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly HashSet<string> MonthPrepositions = new(StringComparer.Ordinal)
    {
        "in", "since", "by", "of", "until", "till", "from", "through", "during", "before", "after", "to", "and", "or",
        "between", "early", "late", "mid", "last", "next", "this", "each", "every", "on", "into", "throughout", "around", "the",
    };

    private static readonly HashSet<string> BareUnitPrepositions = new(StringComparer.Ordinal)
    {
        "for", "in", "within", "over", "than", "after", "took", "takes", "take", "lasted", "spent", "spend",
    };

    public static readonly TimeRule[] All =
    [
        new("iso-date", Trigger.Digit, IsoDatePattern(), IsoDate),
        new("slash-date", Trigger.Digit, SlashDatePattern(), SlashDate),
        new("month-day-year", Trigger.Month, MonthDayYearPattern(), FullDate),
        new("day-month-year", Trigger.Month, DayMonthYearPattern(), FullDate),
        new("month-day", Trigger.Month, MonthDayPattern(), FullDate),
        new("day-month", Trigger.Month, DayMonthPattern(), FullDate),
        new("month-year", Trigger.Month, MonthYearPattern(), MonthYear),
        new("month-relative-year", Trigger.Month, MonthRelativeYearPattern(), MonthRelativeYear),
        new("month", Trigger.Month, MonthPattern(), MonthAlone),
        new("year", Trigger.Digit, YearPattern(), YearAlone),
        new("spoken-year", Trigger.SpokenYear, SpokenYearPattern(), SpokenYear),
        new("period-edge", Trigger.Edge, PeriodEdgePattern(), PeriodEdge),
        new("decade", Trigger.Digit, DecadePattern(), Decade),
        new("century", Trigger.Digit, CenturyPattern(), Century),
        new("relative-day", Trigger.RelativeDay, RelativeDayPattern(), RelativeDay),
        new("day-before", Trigger.RelativeDay, DayBeforePattern(), DayBefore),
        new("weekday", Trigger.Weekday, WeekdayPattern(), WeekdayRule),
        new("relative-unit", Trigger.Unit, RelativeUnitPattern(), RelativeUnit),
        new("within-unit", Trigger.Direction, WithinUnitPattern(), WithinUnit),
        new("that-unit", Trigger.Unit | Trigger.PartOfDay, ThatUnitPattern(), ThatUnit),
        new("weekend", Trigger.Weekend, WeekendPattern(), Weekend),
        new("ago", Trigger.Direction, AgoPattern(), Ago),
        new("duration", Trigger.Unit, DurationPattern(), Duration),
        new("hyphen-duration", Trigger.Unit, HyphenDurationPattern(), HyphenDuration),
        new("plural-units", Trigger.Unit, PluralUnitsPattern(), PluralUnits),
        new("set-adverb", Trigger.SetAdverb, SetAdverbPattern(), SetAdverb),
        new("set-every", Trigger.Every, SetEveryPattern(), SetEvery),
        new("set-frequency", Trigger.Frequency, SetFrequencyPattern(), SetFrequency),
        new("set-weekdays", Trigger.Weekday, SetWeekdaysPattern(), SetWeekdays),
        new("part-of-day", Trigger.PartOfDay, PartOfDayPattern(), PartOfDayRule),
        new("clock", Trigger.Digit | Trigger.ClockWord, ClockPattern(), Clock),
        new("reference", Trigger.Reference, ReferencePattern(), Reference),
        new("quarter", Trigger.Quarter, QuarterPattern(), QuarterRule),
        new("year-ago", Trigger.Unit, YearAgoPattern(), YearAgo),
        new("year-ended", Trigger.Unit, YearEndedPattern(), YearEnded),
        new("half", Trigger.Half, HalfPattern(), Half),
        new("season", Trigger.Season, SeasonPattern(), Season),
        new("holiday", Trigger.Holiday | Trigger.Weekday | Trigger.Unit, HolidayPattern(), Holiday),
    ];

    [GeneratedRegex(B + @"(?<year>\d{4})-(?<m>[01]\d)-(?<day>[0-3]\d)(?:T(?<h>[0-2]\d):(?<mi>[0-5]\d))?" + E, Options)]
    private static partial Regex IsoDatePattern();

    [GeneratedRegex(@"(?<![\w/.])(?<m>[01]?\d)/(?<day>[0-3]?\d)/(?<year>\d{4}|\d{2})(?![\w/])", Options)]
    private static partial Regex SlashDatePattern();

    [GeneratedRegex(B + @"(?:" + Weekday + @",?\s+)?" + MonthName + @"\s*" + Day + @"(?:,\s*|\s+)" + Year + E, Options)]
    private static partial Regex MonthDayYearPattern();

    [GeneratedRegex(B + @"(?:" + Weekday + @",?\s+)?(?:the\s+)?" + Day + @"\s+(?:of\s+)?" + MonthName + @",?\s+" + Year + E, Options)]
    private static partial Regex DayMonthYearPattern();

    [GeneratedRegex(B + @"(?:" + Weekday + @",?\s+)?" + MonthName + @"\s*" + Day + E, Options)]
    private static partial Regex MonthDayPattern();

    [GeneratedRegex(B + @"(?:" + Weekday + @",?\s+)?(?:the\s+)?" + Day + @"\s+(?:of\s+)?" + MonthName + @"(?![\w])", Options)]
    private static partial Regex DayMonthPattern();

    [GeneratedRegex(B + @"(?:(?<pre>early|late|mid)[- ]?)?" + MonthName + @",?\s+(?:of\s+)?" + Year + E, Options)]
    private static partial Regex MonthYearPattern();

    [GeneratedRegex(B + MonthName + @"\s+(?:of\s+)?(?<rel>this|last|next)\s+year" + E, Options)]
    private static partial Regex MonthRelativeYearPattern();

    [GeneratedRegex(B + @"(?:(?<pre>early|late|mid)[- ]?|(?<rel>last|next|this|past|coming)\s+)?(?<month>january|february|march|april|may|june|july|august|september|october|november|december)" + E, Options)]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"(?<![\w$£€.,/:-])(?:(?<pre>early|late|mid)[- ]?)?(?:(?<fiscal>fiscal(?:\s+year)?)\s+)?(?<year>1[1-9]\d\d|20\d\d)(?![\w%]|[.,/:]\d|[-–]\d)", Options)]
    private static partial Regex YearPattern();

    [GeneratedRegex(B + @"(?:the\s+year\s+)?(?:(?<c>nineteen|eighteen)[- ](?<y>" + NumberWord + @")|(?<two>two\s+thousand)(?:\s+and\s+(?<y2>" + Ones + "))?)" + E, Options)]
    private static partial Regex SpokenYearPattern();

    [GeneratedRegex(B + @"the\s+(?<edge>end|beginning|start|middle)\s+of\s+(?:(?<rel>this|last|next|the)\s+)?(?<unit>week|month|year)" + E, Options)]
    private static partial Regex PeriodEdgePattern();

    [GeneratedRegex(B + @"(?:(?<pre>early|late|mid)[- ]?)?(?:(?<cent>1[0-9]|20)(?<dec>\d)0'?s|'(?<dec2>\d)0s)" + E, Options)]
    private static partial Regex DecadePattern();

    [GeneratedRegex(B + @"(?:the\s+)?(?:(?<pre>early|late|mid)[- ]?)?(?<n>\d{1,2})(?:st|nd|rd|th)[- ]century" + E, Options)]
    private static partial Regex CenturyPattern();

    [GeneratedRegex(B + @"(?:(?<pre>early|late|earlier|later)\s+)?(?<d>today|yesterday|tomorrow|tonight)(?:\s+" + PartOfDay + ")?" + E, Options)]
    private static partial Regex RelativeDayPattern();

    [GeneratedRegex(B + @"the\s+day\s+(?<d>before\s+yesterday|after\s+tomorrow)" + E, Options)]
    private static partial Regex DayBeforePattern();

    [GeneratedRegex(B + @"(?:(?<rel>last|this|next|coming|past|previous|early|late)\s+)?" + Weekday + @"(?:\s+" + PartOfDay + ")?" + E, Options)]
    private static partial Regex WeekdayPattern();

    [GeneratedRegex(B + @"(?:(?<pre>earlier|later|early|late)\s+)?(?:(?<the>the)\s+)?(?<rel>last|next|this|past|previous|coming|current|following|same|prior)\s+(?<unit>week|weekend|month|year|quarter|decade|century)" + E, Options)]
    private static partial Regex RelativeUnitPattern();

    [GeneratedRegex(B + @"(?<pre>earlier|later)\s+in\s+the\s+(?<unit>week|month|year)" + E, Options)]
    private static partial Regex WithinUnitPattern();

    [GeneratedRegex(B + @"(?:(?<pre>earlier|later)\s+)?(?:(?<that>that)|the\s+(?<rel>next|following|previous|same))\s+(?<unit>day|morning|afternoon|evening|night|week|month|year)" + E, Options)]
    private static partial Regex ThatUnitPattern();

    [GeneratedRegex(B + @"(?:(?<rel>this|last|next|the|that)\s+)weekend" + E, Options)]
    private static partial Regex WeekendPattern();

    [GeneratedRegex(B + Modifier + "?" + Count + @"\s+" + UnitWord + @"\s+(?<dir>ago|earlier|later|from\s+now|hence|back)" + E, Options)]
    private static partial Regex AgoPattern();

    [GeneratedRegex(B + Modifier + @"?(?:(?<the>the)\s+)?(?:(?<rel>past|last|next|first|final|coming|previous|remaining|following|initial|latest|recent)\s+)?" + Count + @"\s+(?:(?:more|full|straight|consecutive|additional|long|extra)\s+)?" + UnitWord + E, Options)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(B + @"(?<num>\d+(?:\.\d+)?|" + NumberWord + @")-(?<unit>second|minute|hour|day|week|month|year|decade)(?:-long)?(?![\w-])", Options)]
    private static partial Regex HyphenDurationPattern();

    [GeneratedRegex(B + @"(?:(?<the>the)\s+)?(?:(?<pre>recent|coming|past|next|last|following)\s+)?(?:(?<few>few|several|many)\s+)?(?<unit>seconds|minutes|hours|days|weeks|months|years|decades|centuries)(?:-long)?" + E, Options)]
    private static partial Regex PluralUnitsPattern();

    [GeneratedRegex(B + @"(?<adv>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually)" + E, Options)]
    private static partial Regex SetAdverbPattern();

    [GeneratedRegex(B + @"(?:every|each)\s+(?:other\s+)?(?:" + Count + @"\s+)?(?:(?<unit>second|minute|hour|day|week|month|quarter|year|decade|seconds|minutes|hours|days|weeks|months|years)|" + Weekday + "|" + PartOfDay + @"|(?<we>weekend))" + E, Options)]
    private static partial Regex SetEveryPattern();

    [GeneratedRegex(B + @"(?<freq>once|twice|thrice|" + Count + @"\s+times)\s+(?:a|an|per|every|each)\s+(?<unit>day|week|month|year|decade)" + E, Options)]
    private static partial Regex SetFrequencyPattern();

    [GeneratedRegex(B + @"(?<wd>mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays)" + E, Options)]
    private static partial Regex SetWeekdaysPattern();

    [GeneratedRegex(B + @"(?<rel>this|yesterday|tomorrow|last|early\s+this|late\s+this)\s+" + PartOfDay + E, Options)]
    private static partial Regex PartOfDayPattern();

    [GeneratedRegex(B + @"(?:(?<word>noon|midnight|midday)|(?<h>[012]?\d)(?::(?<mi>[0-5]\d))?\s*(?<ap>a\.m\.?|p\.m\.?|am|pm)(?![\w])|(?<h>[012]?\d):(?<mi>[0-5]\d)(?=\s+(?:[A-Z]{2}T|GMT|UTC|local|o'clock))|(?<h>[012]?\d)\s+o'clock)(?:\s+(?<tz>[ECMP][SD]T|GMT|UTC))?(?:\s+(?:on\s+)?(?:" + Weekday + @"|(?<d>today|yesterday|tomorrow)))?" + E, Options)]
    private static partial Regex ClockPattern();

    [GeneratedRegex(B + @"(?<w>(?:right\s+)?now|currently|current|nowadays|presently|(?:more\s+)?recently|lately|the\s+future|the\s+past|(?:the|at)\s+present|these\s+days)" + E, Options)]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(B + @"(?:(?<the>the)\s+)?(?:" + Year + @"\s+)?(?:(?<q>latest|year-ago|year-earlier|comparable|same|fiscal|current|previous|prior|this|last|next|year's)[- ]\s*)*(?:(?<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)[- ](?:fiscal[- ])?quarter|quarter|(?<=latest\s+)period)(?:\s+of\s+" + Year + ")?" + E, Options)]
    private static partial Regex QuarterPattern();

    // "the" belongs to "the year-ago period", not to "the year-earlier results".
    [GeneratedRegex(B + @"(?:the\s+(?=(?:comparable\s+)?year-(?:ago|earlier)\s+period\b))?(?:comparable\s+)?year-(?:ago|earlier)(?:\s+period)?(?![\w-])", Options)]
    private static partial Regex YearAgoPattern();

    // "net income for the year ended March 31": a reporting year, a year's length up to the date that follows.
    [GeneratedRegex(B + @"the\s+(?:(?:fiscal|full|latest)\s+)?year(?=\s+(?:that\s+)?end(?:ed|ing|s)\b)", Options)]
    private static partial Regex YearEndedPattern();

    [GeneratedRegex(B + @"(?:(?<the>the)\s+)?(?<ord>first|second)[- ]half(?:\s+of\s+(?:" + Year + @"|(?<rel>this|last|next)\s+year|the\s+year))?" + E, Options)]
    private static partial Regex HalfPattern();

    [GeneratedRegex(B + @"(?:(?<pre>early|late|mid)[- ]?)?(?:(?<rel>last|this|next|the|past|coming|this\s+past)\s+)?(?<season>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?" + Year + ")?" + E, Options)]
    private static partial Regex SeasonPattern();

    [GeneratedRegex(B + @"(?<h>christmas(?:\s+day|\s+eve)?|new\s+year's(?:\s+day|\s+eve)?|thanksgiving(?:\s+day)?|halloween|independence\s+day|valentine's\s+day|easter(?:\s+sunday)?|good\s+friday|labor\s+day|memorial\s+day|boxing\s+day)(?:\s+" + Year + ")?" + E, Options)]
    private static partial Regex HolidayPattern();

    private static readonly Dictionary<string, Trigger> TriggerTable = BuildTriggers();
    private static readonly Dictionary<string, Trigger>.AlternateLookup<ReadOnlySpan<char>> TriggerWords = TriggerTable.GetAlternateLookup<ReadOnlySpan<char>>();

    // Which (first letter, length) pairs some trigger word has: most words of a text fail this test without a hash lookup.
    private static readonly bool[] MayTrigger = BuildFilter();

    private static bool[] BuildFilter()
    {
        var filter = new bool[26 * 16];
        foreach (var w in TriggerTable.Keys) filter[FilterSlot(w)] = true;
        return filter;
    }

    private static int FilterSlot(ReadOnlySpan<char> word) => ((char.ToLowerInvariant(word[0]) - 'a') * 16) + Math.Min(word.Length, 15);

    private static bool Lookup(ReadOnlySpan<char> word, out Trigger trigger)
    {
        trigger = Trigger.None;
        if (word.Length < 3 || !char.IsAsciiLetter(word[0]) || !MayTrigger[FilterSlot(word)]) return false;
        return TriggerWords.TryGetValue(word, out trigger);
    }

    private static Dictionary<string, Trigger> BuildTriggers()
    {
        var words = new Dictionary<string, Trigger>(StringComparer.OrdinalIgnoreCase);
        void Add(Trigger t, string list)
        {
            foreach (var w in list.Split(' ')) words[w] = words.GetValueOrDefault(w) | t;
        }
        Add(Trigger.Month, "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec");
        Add(Trigger.Weekday, "monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays");
        Add(Trigger.Unit, "second seconds minute minutes hour hours day days week weeks weekend weekends fortnight fortnights month months quarter quarters "
            + "year years decade decades century centuries millennium millennia");
        Add(Trigger.Weekend, "weekend weekends");
        Add(Trigger.Quarter, "quarter quarters period");
        Add(Trigger.Direction, "ago earlier later hence back now");
        Add(Trigger.Edge, "end beginning start middle");
        Add(Trigger.Frequency, "once twice thrice times");
        Add(Trigger.RelativeDay, "today yesterday tomorrow tonight");
        Add(Trigger.PartOfDay, "morning afternoon evening night");
        Add(Trigger.SetAdverb, "daily weekly monthly annually yearly hourly nightly biweekly semiannually");
        Add(Trigger.Every, "every each");
        Add(Trigger.ClockWord, "noon midnight midday");
        Add(Trigger.Reference, "now currently current nowadays presently recently lately future past present days");
        Add(Trigger.Half, "half");
        Add(Trigger.Season, "spring summer autumn fall winter");
        Add(Trigger.Holiday, "christmas thanksgiving halloween independence valentine easter labor memorial boxing");
        Add(Trigger.SpokenYear, "nineteen eighteen thousand");
        return words;
    }

    /// <summary>The trigger kinds of one token: its own, those of each part of a hyphenated word, and Digit when it holds a digit.</summary>
    public static Trigger TriggersOf(ReadOnlySpan<char> token)
    {
        var result = token.IndexOfAnyInRange('0', '9') >= 0 ? Trigger.Digit : Trigger.None;
        if (Lookup(token, out var t)) return result | t;
        if (token.IndexOfAny('-', '\'', '.') < 0) return result;
        while (token.Length > 0)
        {
            var cut = token.IndexOfAny('-', '\'', '.');
            var part = cut < 0 ? token : token[..cut];
            if (Lookup(part, out var p)) result |= p;
            if (cut < 0) break;
            token = token[(cut + 1)..];
        }
        return result;
    }

    private static TimeMention Found(Match m, TimexType type, string value) => new(m.Index, m.Index + m.Length, type, value);

    private static bool Capitalised(Group g) => g.Success && char.IsUpper(g.Value[0]);

    private static int MonthNumber(string name) => name.ToLowerInvariant()[..3] switch
    {
        "jan" => 1, "feb" => 2, "mar" => 3, "apr" => 4, "may" => 5, "jun" => 6,
        "jul" => 7, "aug" => 8, "sep" => 9, "oct" => 10, "nov" => 11, _ => 12,
    };

    private static DayOfWeek WeekdayOf(string name) => name.ToLowerInvariant()[..3] switch
    {
        "mon" => DayOfWeek.Monday, "tue" => DayOfWeek.Tuesday, "wed" => DayOfWeek.Wednesday, "thu" => DayOfWeek.Thursday,
        "fri" => DayOfWeek.Friday, "sat" => DayOfWeek.Saturday, _ => DayOfWeek.Sunday,
    };

    internal static TimeUnit UnitOf(string word)
    {
        var w = word.ToLowerInvariant();
        if (w.StartsWith("sec", StringComparison.Ordinal)) return TimeUnit.Second;
        if (w.StartsWith("min", StringComparison.Ordinal)) return TimeUnit.Minute;
        if (w.StartsWith("hour", StringComparison.Ordinal)) return TimeUnit.Hour;
        if (w.StartsWith("day", StringComparison.Ordinal)) return TimeUnit.Day;
        if (w.StartsWith("weekend", StringComparison.Ordinal)) return TimeUnit.Weekend;
        if (w.StartsWith("week", StringComparison.Ordinal)) return TimeUnit.Week;
        if (w.StartsWith("fortnight", StringComparison.Ordinal)) return TimeUnit.Fortnight;
        if (w.StartsWith("month", StringComparison.Ordinal)) return TimeUnit.Month;
        if (w.StartsWith("quarter", StringComparison.Ordinal)) return TimeUnit.Quarter;
        if (w.StartsWith("decade", StringComparison.Ordinal)) return TimeUnit.Decade;
        if (w.StartsWith("centur", StringComparison.Ordinal)) return TimeUnit.Century;
        if (w.StartsWith("millenni", StringComparison.Ordinal)) return TimeUnit.Millennium;
        return TimeUnit.Year;
    }

    /// <summary>The number a count names, or null when it is vague ("several", "a few").</summary>
    internal static decimal? CountOf(string text)
    {
        var t = text.ToLowerInvariant().Replace('-', ' ');
        if (decimal.TryParse(t, NumberStyles.AllowDecimalPoint, Inv, out var d)) return d;
        var half = t.EndsWith(" and a half", StringComparison.Ordinal);
        if (half) t = t[..^" and a half".Length];
        if (t is "a" or "an") return half ? 1.5m : 1;
        decimal total = 0;
        var any = false;
        foreach (var word in t.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var v = Array.IndexOf(OnesArray, word);
            if (v >= 0) { total += v + 1; any = true; continue; }
            v = Array.IndexOf(TeensArray, word);
            if (v >= 0) { total += v + 10; any = true; continue; }
            v = Array.IndexOf(TensArray, word);
            if (v >= 0) { total += (v + 2) * 10; any = true; continue; }
            if (word == "hundred") { total = Math.Max(total, 1) * 100; any = true; continue; }
            if (word == "thousand") { total = Math.Max(total, 1) * 1000; any = true; continue; }
            if (word == "dozen") { total = Math.Max(total, 1) * 12; any = true; continue; }
            if (word is "a" or "one" && !any) continue;
            return null;
        }
        if (!any) return null;
        return half ? total + 0.5m : total;
    }

    private static readonly string[] OnesArray = Ones.Split('|');
    private static readonly string[] TeensArray = Teens.Split('|');
    private static readonly string[] TensArray = Tens.Split('|');

    private static TimeMention? IsoDate(Match m, TimeContext c)
    {
        if (!TryDate(int.Parse(m.Groups["year"].Value, Inv), int.Parse(m.Groups["m"].Value, Inv), int.Parse(m.Groups["day"].Value, Inv), out var d)) return null;
        if (m.Groups["h"].Success) return Found(m, TimexType.Time, $"{TimeValues.Day(d)}T{m.Groups["h"].Value}:{m.Groups["mi"].Value}");
        return Found(m, TimexType.Date, TimeValues.Day(d));
    }

    private static TimeMention? SlashDate(Match m, TimeContext c)
    {
        var year = int.Parse(m.Groups["year"].Value, Inv);
        if (m.Groups["year"].Length == 2) year += year < 50 ? 2000 : 1900;
        return TryDate(year, int.Parse(m.Groups["m"].Value, Inv), int.Parse(m.Groups["day"].Value, Inv), out var d)
            ? Found(m, TimexType.Date, TimeValues.Day(d)) : null;
    }

    private static bool TryDate(int year, int month, int day, out DateOnly date)
    {
        date = default;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month)) return false;
        date = new DateOnly(Math.Max(year, 1), month, day);
        return true;
    }

    private static TimeMention? FullDate(Match m, TimeContext c)
    {
        var monthGroup = m.Groups["month"];
        if (!Capitalised(monthGroup)) return null;
        if (m.Groups["wd"].Success && !Capitalised(m.Groups["wd"])) return null;
        var month = MonthNumber(monthGroup.Value);
        // Three-letter names without a period ("Mar", "Jun") are names or words more often than months.
        if (monthGroup.Value.Length == 3 && monthGroup.Value is not ("May") && !m.Groups["year"].Success) return null;
        var day = int.Parse(m.Groups["day"].Value, Inv);
        if (day is < 1 or > 31 || day > DateTime.DaysInMonth(2000, month)) return null;
        if (m.Groups["year"].Success)
        {
            var year = int.Parse(m.Groups["year"].Value, Inv);
            return TryDate(year, month, day, out var d) ? Found(m, TimexType.Date, TimeValues.Day(d)) : null;
        }
        // No year given: the creation date and the tense choose one.
        if (c.Dct is not { } dct) return Found(m, TimexType.Date, $"XXXX-{month:D2}-{day:D2}");
        var y = TimeValues.YearOf(dct, month, day, c.TenseAt(m.Index));
        return TryDate(y, month, day, out var resolved) ? Found(m, TimexType.Date, TimeValues.Day(resolved)) : null;
    }

    private static TimeMention? MonthYear(Match m, TimeContext c)
    {
        if (!Capitalised(m.Groups["month"])) return null;
        if (m.Groups["month"].Value.Length == 3 && m.Groups["month"].Value != "May") return null;
        return Found(m, TimexType.Date, TimeValues.Month(int.Parse(m.Groups["year"].Value, Inv), MonthNumber(m.Groups["month"].Value)));
    }

    private static TimeMention? MonthAlone(Match m, TimeContext c)
    {
        var name = m.Groups["month"];
        if (!Capitalised(name)) return null;
        var modified = m.Groups["pre"].Success || m.Groups["rel"].Success;
        var before = c.WordBefore(m.Index);
        // Months that are also names or verbs (May, March, April, June, August) need a preposition or modifier; and
        // May, April, June or August before a capitalised word ("April Ryan") is a name unless that word ends the sentence.
        if (!modified && name.Value is "May" or "March" or "April" or "June" or "August" && !MonthPrepositions.Contains(before)) return null;
        var after = c.WordAfter(m.Index + m.Length);
        if (!modified && after.Length > 0 && char.IsUpper(after[0]) && !c.Text.AsSpan(m.Index + m.Length).TrimStart().StartsWith(after + ".", StringComparison.Ordinal)
            && name.Value is "May" or "April" or "June" or "August") return null;
        var month = MonthNumber(name.Value);
        if (c.Dct is not { } dct) return Found(m, TimexType.Date, $"XXXX-{month:D2}");
        int year;
        switch (m.Groups["rel"].Value.ToLowerInvariant())
        {
            case "last":
            case "past":
                year = month < dct.Month ? dct.Year : dct.Year - 1;
                break;
            case "next":
            case "coming":
                year = month > dct.Month ? dct.Year : dct.Year + 1;
                break;
            case "this":
                year = dct.Year;
                break;
            default:
                year = TimeValues.YearOf(dct, month, 1, c.TenseAt(m.Index));
                if (year == dct.Year - 1 && month == dct.Month) year = dct.Year;
                break;
        }
        return Found(m, TimexType.Date, TimeValues.Month(year, month));
    }

    private static TimeMention? YearAlone(Match m, TimeContext c)
    {
        var year = int.Parse(m.Groups["year"].Value, Inv);
        var fiscal = m.Groups["fiscal"].Success;
        var modified = fiscal || m.Groups["pre"].Success;
        var before = c.WordBefore(m.Index);
        if (!modified)
        {
            if (before is "no" or "number" or "route" or "flight" or "room" or "page" or "rule" or "resolution" or "article" or "section" or "chapter" or "code" or "model" or "version" or "about" or "nearly" or "some" or "over" or "than")
                return null;
            // A round number or an old "year" followed by a plural noun is a count: "1500 troops", "2000 people".
            var after = c.WordAfter(m.Index + m.Length);
            if ((year % 100 == 0 || year < 1900 || year > 2100) && after.Length > 3 && after.EndsWith('s') && char.IsLower(after[0]) && after is not ("was" or "has" or "this" or "as" or "is"))
                return null;
            if (year < 1900 && !MonthPrepositions.Contains(before)) return null;
        }
        return Found(m, TimexType.Date, TimeValues.Year(year));
    }

    private static TimeMention? Decade(Match m, TimeContext c)
    {
        var value = m.Groups["cent"].Success ? m.Groups["cent"].Value + m.Groups["dec"].Value : "19" + m.Groups["dec2"].Value;
        return Found(m, TimexType.Date, value);
    }

    private static TimeMention? Century(Match m, TimeContext c)
    {
        var n = int.Parse(m.Groups["n"].Value, Inv);
        if (n is < 1 or > 21) return null;
        return Found(m, TimexType.Date, (n - 1).ToString("D2", Inv));
    }

    private static TimeMention? RelativeDay(Match m, TimeContext c)
    {
        var word = m.Groups["d"].Value.ToLowerInvariant();
        var offset = word switch { "yesterday" => -1, "tomorrow" => 1, _ => 0 };
        var day = TimeValues.ShiftOrUnknown(c.Dct, TimeUnit.Day, offset);
        if (word == "tonight") return Found(m, TimexType.Time, day + "TNI");
        if (m.Groups["part"].Success) return Found(m, TimexType.Time, day + PartCode(m.Groups["part"].Value));
        return Found(m, TimexType.Date, day);
    }

    private static TimeMention? DayBefore(Match m, TimeContext c)
    {
        var offset = m.Groups["d"].Value.StartsWith("before", StringComparison.OrdinalIgnoreCase) ? -2 : 2;
        return Found(m, TimexType.Date, TimeValues.ShiftOrUnknown(c.Dct, TimeUnit.Day, offset));
    }

    private static string PartCode(string part) => part.ToLowerInvariant() switch
    {
        "morning" => "TMO",
        "afternoon" => "TAF",
        "evening" => "TEV",
        _ => "TNI",
    };

    private static TimeMention? WeekdayRule(Match m, TimeContext c)
    {
        if (!Capitalised(m.Groups["wd"])) return null;
        var weekday = WeekdayOf(m.Groups["wd"].Value);
        var rel = m.Groups["rel"].Value.ToLowerInvariant();
        string day;
        if (c.Dct is { } dct)
        {
            var tense = rel switch
            {
                "last" or "past" or "previous" => Tense.Past,
                "next" or "coming" => Tense.Future,
                // "Wednesday's ruling": news names a day by what happened on it.
                _ when Possessive(c.Text, m.Index + m.Length) => Tense.Past,
                _ => c.TenseAt(m.Index),
            };
            var d = TimeValues.Weekday(dct, weekday, tense);
            if (d == dct && rel is "last" or "past" or "previous") d = d.AddDays(-7);
            if (d == dct && rel is "next") d = d.AddDays(7);
            day = TimeValues.Day(d);
        }
        else day = TimeValues.SomeWeekday(weekday);
        return m.Groups["part"].Success ? Found(m, TimexType.Time, day + PartCode(m.Groups["part"].Value)) : Found(m, TimexType.Date, day);
    }

    private static bool Possessive(string text, int end) =>
        end + 1 < text.Length && text[end] is '\'' or '\u2019' && text[end + 1] is 's' && (end + 2 == text.Length || !char.IsLetter(text[end + 2]));

    private static int Direction(string rel) => rel.ToLowerInvariant() switch
    {
        "last" or "past" or "previous" or "prior" => -1,
        "next" or "coming" or "following" => 1,
        _ => 0,
    };

    private static TimeMention? RelativeUnit(Match m, TimeContext c)
    {
        var unit = UnitOf(m.Groups["unit"].Value);
        var rel = m.Groups["rel"].Value.ToLowerInvariant();
        // "the past year" is the stretch of time up to now; "last year" is the calendar year before this one.
        if (m.Groups["the"].Success && rel is "past" or "last" && !m.Groups["pre"].Success && unit is not (TimeUnit.Weekend or TimeUnit.Quarter))
            return Found(m, TimexType.Duration, TimeValues.Duration(unit, 1));
        if (rel is "same" or "following" or "previous" or "prior" && m.Groups["the"].Success)
        {
            // Anchored on the last date the text gave, not on the day it was written.
            return Found(m, TimexType.Date, TimeValues.ShiftOrUnknown(c.LastDay ?? c.Dct, unit, Direction(rel)));
        }
        return Found(m, TimexType.Date, TimeValues.ShiftOrUnknown(c.Dct, unit, Direction(rel)));
    }

    private static TimeMention? WithinUnit(Match m, TimeContext c)
    {
        return Found(m, TimexType.Date, TimeValues.ShiftOrUnknown(c.Dct, UnitOf(m.Groups["unit"].Value), 0));
    }

    private static TimeMention? ThatUnit(Match m, TimeContext c)
    {
        var word = m.Groups["unit"].Value.ToLowerInvariant();
        var anchor = c.LastDay ?? c.Dct;
        // "later that year" after "in June 1998": the year (or month) of the last date given, however coarse.
        if (m.Groups["that"].Success && c.LastDay is null && c.LastValue is { } last && !m.Groups["rel"].Success)
        {
            if (word == "year" && last.Length >= 4 && int.TryParse(last.AsSpan(0, 4), NumberStyles.None, Inv, out _)) return Found(m, TimexType.Date, last[..4]);
            if (word == "month" && last.Length >= 7 && last[4] == '-' && char.IsDigit(last[5])) return Found(m, TimexType.Date, last[..7]);
        }
        // "that day" with nothing before it to point at is not worth guessing.
        if (m.Groups["that"].Success && c.LastDay is null && !c.Proposing) return null;
        var dir = m.Groups["rel"].Success ? Direction(m.Groups["rel"].Value) : 0;
        if (word is "morning" or "afternoon" or "evening" or "night")
        {
            var day = TimeValues.ShiftOrUnknown(anchor, TimeUnit.Day, dir);
            return Found(m, TimexType.Time, day + PartCode(word));
        }
        var unit = UnitOf(word);
        return Found(m, TimexType.Date, TimeValues.ShiftOrUnknown(anchor, unit, dir));
    }

    private static TimeMention? Weekend(Match m, TimeContext c)
    {
        var rel = m.Groups["rel"].Value.ToLowerInvariant();
        if (c.Dct is not { } dct) return Found(m, TimexType.Date, "XXXX-WXX-WE");
        var dir = rel switch { "last" => -1, "next" => 1, _ => 0 };
        if (rel is "the" or "that" or "this")
        {
            // The weekend before a weekday in a past-tense clause, the one after it otherwise.
            var weekday = TimeValues.IsoDay(dct.DayOfWeek);
            if (weekday < 6 && c.TenseAt(m.Index) == Tense.Past) dir = -1;
        }
        return Found(m, TimexType.Date, TimeValues.Shift(dct, TimeUnit.Weekend, dir));
    }

    private static TimeMention? Ago(Match m, TimeContext c)
    {
        var unit = UnitOf(m.Groups["unit"].Value);
        var count = CountOf(m.Groups["num"].Value);
        var dirWord = m.Groups["dir"].Value.ToLowerInvariant();
        var sign = dirWord is "later" or "hence" || dirWord.StartsWith("from", StringComparison.Ordinal) ? 1 : -1;
        if (count is not { } n || n != decimal.Truncate(n))
            return Found(m, TimexType.Date, sign < 0 ? "PAST_REF" : "FUTURE_REF");
        var anchor = dirWord is "earlier" or "later" ? c.LastDay ?? c.Dct : c.Dct;
        if (anchor is not { } a) return Found(m, TimexType.Date, sign < 0 ? "PAST_REF" : "FUTURE_REF");
        var k = (int)n * sign;
        // Compared with a quarter just discussed, "a year ago" is that quarter a year before ("profit rose from a year ago").
        if (unit == TimeUnit.Year && c.LastValue is { Length: 7 } q && q[4..6] == "-Q" && int.TryParse(q.AsSpan(0, 4), NumberStyles.None, Inv, out var qYear))
            return Found(m, TimexType.Date, TimeValues.Quarter(qYear + k, q[6] - '0'));
        var value = unit switch
        {
            TimeUnit.Second or TimeUnit.Minute or TimeUnit.Hour or TimeUnit.Day => TimeValues.Day(unit == TimeUnit.Day ? a.AddDays(k) : a),
            TimeUnit.Week or TimeUnit.Fortnight => TimeValues.Week(a.AddDays(7 * k * (unit == TimeUnit.Fortnight ? 2 : 1))),
            TimeUnit.Month => TimeValues.Shift(a, TimeUnit.Month, k),
            TimeUnit.Quarter => TimeValues.Shift(a, TimeUnit.Quarter, k),
            TimeUnit.Decade => TimeValues.Year(a.Year + 10 * k),
            TimeUnit.Century => TimeValues.Year(a.Year + 100 * k),
            _ => TimeValues.Year(a.Year + k),
        };
        return Found(m, TimexType.Date, value);
    }

    private static TimeMention? Duration(Match m, TimeContext c)
    {
        var numText = m.Groups["num"].Value.ToLowerInvariant();
        var unitText = m.Groups["unit"].Value.ToLowerInvariant();
        var plural = unitText.EndsWith('s') || unitText is "centuries" or "millennia";
        // "a few", "several", "some", "many" need a plural ("some day" is not a duration); "a"/"one" a singular.
        if (numText is "some" or "many" or "few" or "several" or "a few" && !plural) return null;
        if (numText is "some" && !m.Groups["rel"].Success) return null;
        var count = CountOf(numText);
        // A singular unit after a number other than one is a compound modifier ("a two day rally", "a four year low").
        if (!plural && count is { } one && one != 1 && !IsModifiedNoun(c.WordAfter(m.Index + m.Length))) return null;
        if (count is null && numText is not ("a few" or "several" or "some" or "many" or "few" or "a couple" or "a couple of" or "dozens of" or "hundreds of")) return null;
        // "one day" opening a clause is a day, not a stretch of time; leave it.
        if (numText is "one" && unitText is "day" && !m.Groups["the"].Success && !m.Groups["mod"].Success) return null;
        var after = c.WordAfter(m.Index + m.Length);
        if (after is "old" or "olds") return null;
        // "a second betrayal" is an ordinal, "a quarter of the market" a fraction.
        if (unitText is "second" && IsModifiedNoun(after)) return null;
        if (unitText is "quarter" && after is "of") return null;
        var unit = UnitOf(unitText);
        var rel = m.Groups["rel"].Value.ToLowerInvariant();
        if (rel == "recent" && count is null) return Found(m, TimexType.Date, "PAST_REF");
        return Found(m, TimexType.Duration, TimeValues.Duration(unit, count));
    }

    private static bool IsModifiedNoun(string? word) =>
        word is { Length: > 2 } w && char.IsLower(w[0]) && w is not ("old" or "olds" or "and" or "or" or "to" or "of" or "in" or "on" or "at" or "for" or "from" or "with" or "ago" or "earlier" or "later");

    private static TimeMention? HyphenDuration(Match m, TimeContext c)
    {
        var count = CountOf(m.Groups["num"].Value);
        if (count is null) return null;
        var after = c.Text.AsSpan(m.Index + m.Length);
        // "70-year-old" is an age; the regex already refuses a following hyphen, this refuses "-year old".
        if (after.TrimStart().StartsWith("old", StringComparison.OrdinalIgnoreCase)) return null;
        return Found(m, TimexType.Duration, TimeValues.Duration(UnitOf(m.Groups["unit"].Value), count));
    }

    private static TimeMention? PluralUnits(Match m, TimeContext c)
    {
        var unit = UnitOf(m.Groups["unit"].Value);
        var pre = m.Groups["pre"].Value.ToLowerInvariant();
        var hasPre = m.Groups["pre"].Success || m.Groups["few"].Success;
        if (!hasPre && !m.Value.EndsWith("-long", StringComparison.OrdinalIgnoreCase) && !BareUnitPrepositions.Contains(c.WordBefore(m.Index))) return null;
        if (m.Groups["the"].Success && !hasPre) return null;
        if (pre == "recent" && unit is TimeUnit.Year or TimeUnit.Decade) return Found(m, TimexType.Date, "PAST_REF");
        return Found(m, TimexType.Duration, TimeValues.Duration(unit, null));
    }

    private static TimeMention? SetAdverb(Match m, TimeContext c)
    {
        // "the Daily Telegraph", "Weekly Standard": a capital inside a sentence is a name.
        if (char.IsUpper(m.Value[0]) && !c.AtSentenceStart(m.Index)) return null;
        // "a French weekly", "the daily": a noun, not a frequency.
        var before = c.WordBefore(m.Index);
        if (before is "a" or "an" or "the" or "this" or "that" or "its" or "his" or "her" or "their") return null;
        if (c.CapitalisedWordBefore(m.Index)) return null;
        var value = m.Groups["adv"].Value.ToLowerInvariant() switch
        {
            "daily" => "P1D",
            "nightly" => "P1D",
            "weekly" => "P1W",
            "biweekly" => "P2W",
            "monthly" => "P1M",
            "quarterly" => "P1Q",
            "hourly" => "PT1H",
            "semiannually" => "P6M",
            _ => "P1Y",
        };
        return Found(m, TimexType.Set, value);
    }

    private static TimeMention? SetEvery(Match m, TimeContext c)
    {
        if (m.Groups["wd"].Success)
        {
            if (!Capitalised(m.Groups["wd"])) return null;
            return Found(m, TimexType.Set, TimeValues.SomeWeekday(WeekdayOf(m.Groups["wd"].Value)));
        }
        if (m.Groups["part"].Success) return Found(m, TimexType.Set, "TXX" + PartCode(m.Groups["part"].Value)[1..]);
        if (m.Groups["we"].Success) return Found(m, TimexType.Set, "XXXX-WXX-WE");
        var count = m.Groups["num"].Success ? CountOf(m.Groups["num"].Value) : 1;
        var every = m.Value.Contains("other", StringComparison.OrdinalIgnoreCase) ? 2 : 1;
        return Found(m, TimexType.Set, TimeValues.Duration(UnitOf(m.Groups["unit"].Value), (count ?? 1) * every));
    }

    private static TimeMention? SetFrequency(Match m, TimeContext c) =>
        Found(m, TimexType.Set, TimeValues.Duration(UnitOf(m.Groups["unit"].Value), 1));

    private static TimeMention? SetWeekdays(Match m, TimeContext c)
    {
        if (!Capitalised(m.Groups["wd"])) return null;
        return Found(m, TimexType.Set, TimeValues.SomeWeekday(WeekdayOf(m.Groups["wd"].Value)));
    }

    private static TimeMention? PartOfDayRule(Match m, TimeContext c)
    {
        var rel = m.Groups["rel"].Value.ToLowerInvariant();
        var part = m.Groups["part"].Value.ToLowerInvariant();
        var offset = rel switch { "yesterday" => -1, "tomorrow" => 1, "last" => -1, _ => 0 };
        if (rel == "last" && part != "night") return null;
        return Found(m, TimexType.Time, TimeValues.ShiftOrUnknown(c.Dct, TimeUnit.Day, offset) + PartCode(part));
    }

    private static TimeMention? Clock(Match m, TimeContext c)
    {
        string time;
        if (m.Groups["word"].Success)
        {
            time = m.Groups["word"].Value.ToLowerInvariant() == "midnight" ? "24:00" : "12:00";
        }
        else
        {
            var hour = int.Parse(m.Groups["h"].Value, Inv);
            var minute = m.Groups["mi"].Success ? int.Parse(m.Groups["mi"].Value, Inv) : 0;
            var ap = m.Groups["ap"].Value.ToLowerInvariant();
            if (ap.StartsWith('p') && hour < 12) hour += 12;
            if (ap.StartsWith('a') && hour == 12) hour = 0;
            if (hour > 24) return null;
            time = $"{hour:D2}:{minute:D2}";
        }
        string day;
        if (m.Groups["wd"].Success)
        {
            if (!Capitalised(m.Groups["wd"])) return null;
            var weekday = WeekdayOf(m.Groups["wd"].Value);
            day = c.Dct is { } dct ? TimeValues.Day(TimeValues.Weekday(dct, weekday, c.TenseAt(m.Index))) : TimeValues.SomeWeekday(weekday);
        }
        else
        {
            var offset = m.Groups["d"].Value.ToLowerInvariant() switch { "yesterday" => -1, "tomorrow" => 1, _ => 0 };
            day = TimeValues.ShiftOrUnknown(c.Dct, TimeUnit.Day, offset);
        }
        return Found(m, TimexType.Time, $"{day}T{time}");
    }

    private static TimeMention? Reference(Match m, TimeContext c)
    {
        var word = m.Groups["w"].Value.ToLowerInvariant();
        var value = word switch
        {
            "now" or "right now" or "currently" or "current" or "nowadays" or "presently" or "the present" or "at present" or "these days" => "PRESENT_REF",
            "the future" => "FUTURE_REF",
            _ => "PAST_REF",
        };
        // "Now," opening a sentence is a discourse marker as often as a time; "now-defunct" is an adjective.
        var next = m.Index + m.Length < c.Text.Length ? c.Text[m.Index + m.Length] : ' ';
        if (next == '-') return null;
        if (word is "current" && c.WordAfter(m.Index + m.Length) is "account" or "accounts" or "affairs" or "events" or "prices" or "dollars") return null;
        return Found(m, TimexType.Date, value);
    }

    /// <summary>
    /// "the year-ago period", "year-earlier results" in a company report: the quarter being reported a year before —
    /// the quarter just named if it is of the document's year, else the last quarter before the document was written.
    /// </summary>
    private static TimeMention? YearAgo(Match m, TimeContext c)
    {
        if (c.Dct is not { } dct) return Found(m, TimexType.Date, "PAST_REF");
        if (c.LastValue is { Length: 7 } q && q[4..6] == "-Q" && int.TryParse(q.AsSpan(0, 4), NumberStyles.None, Inv, out var year) && year == dct.Year)
            return Found(m, TimexType.Date, TimeValues.Quarter(year - 1, q[6] - '0'));
        var quarter = (dct.Month - 1) / 3;
        return quarter == 0
            ? Found(m, TimexType.Date, TimeValues.Quarter(dct.Year - 2, 4))
            : Found(m, TimexType.Date, TimeValues.Quarter(dct.Year - 1, quarter));
    }

    private static TimeMention? YearEnded(Match m, TimeContext c) => Found(m, TimexType.Duration, TimeValues.Duration(TimeUnit.Year, 1));

    private static TimeMention? QuarterRule(Match m, TimeContext c)
    {
        var text = m.Value.ToLowerInvariant();
        var ordinal = m.Groups["ord"].Value.ToLowerInvariant();
        // A bare "quarter" needs a determiner that makes it a period: "the quarter", "the latest quarter".
        if (!m.Groups["ord"].Success && !m.Groups["the"].Success && !m.Groups["q"].Success) return null;
        if (!m.Groups["ord"].Success && text.StartsWith("quarter", StringComparison.Ordinal)) return null;
        if (!m.Groups["ord"].Success && c.WordBefore(m.Index) is "a" or "one" or "three" or "per") return null;
        var found = Found(m, TimexType.Date, "");
        // "the third-quarter results": the article belongs to the noun the hyphenated quarter modifies.
        if (m.Groups["the"].Success && m.Groups["ord"].Success && text.Contains("-quarter", StringComparison.Ordinal) && !m.Groups["year"].Success)
        {
            var skip = m.Groups["the"].Length;
            while (m.Index + skip < c.Text.Length && char.IsWhiteSpace(c.Text[m.Index + skip])) skip++;
            found = found with { Start = m.Index + skip };
        }
        var yearBack = text.Contains("year-ago", StringComparison.Ordinal) || text.Contains("year-earlier", StringComparison.Ordinal)
            || text.Contains("last year", StringComparison.Ordinal) || text.Contains("previous", StringComparison.Ordinal) || text.Contains("prior", StringComparison.Ordinal) ? -1 : 0;
        if (text.Contains("next year", StringComparison.Ordinal)) yearBack = 1;
        var q = ordinal switch { "first" or "1st" => 1, "second" or "2nd" => 2, "third" or "3rd" => 3, "fourth" or "4th" or "final" => 4, _ => 0 };
        if (m.Groups["year"].Success)
            return q > 0 ? found with { Value = TimeValues.Quarter(int.Parse(m.Groups["year"].Value, Inv), q) } : null;
        if (c.Dct is not { } dct) return found with { Value = q > 0 ? $"XXXX-Q{q}" : "XXXX-QX" };
        if (q == 0)
        {
            // "the quarter" of a report is the last one completed, unless the text looks ahead or says "current".
            var current = new DateOnly(dct.Year, (TimeValues.QuarterOf(dct) * 3) - 2, 1);
            var back = text.Contains("current", StringComparison.Ordinal) || text.Contains("this", StringComparison.Ordinal) || c.TenseAt(m.Index) == Tense.Future ? 0 : -1;
            var period = current.AddMonths(3 * back).AddYears(yearBack);
            return found with { Value = TimeValues.Quarter(period.Year, TimeValues.QuarterOf(period)) };
        }
        // A quarter later in the year than the one now is last year's in past-tense text.
        var year = dct.Year + yearBack;
        if (yearBack == 0 && q > TimeValues.QuarterOf(dct) && c.TenseAt(m.Index) != Tense.Future) year--;
        return found with { Value = TimeValues.Quarter(year, q) };
    }

    private static TimeMention? MonthRelativeYear(Match m, TimeContext c)
    {
        if (!Capitalised(m.Groups["month"]) || m.Groups["month"].Value.Length == 3) return null;
        var month = MonthNumber(m.Groups["month"].Value);
        if (c.Dct is not { } dct) return Found(m, TimexType.Date, $"XXXX-{month:D2}");
        return Found(m, TimexType.Date, TimeValues.Month(dct.Year + Direction(m.Groups["rel"].Value), month));
    }

    private static TimeMention? SpokenYear(Match m, TimeContext c)
    {
        int year;
        if (m.Groups["two"].Success) year = 2000 + (int)(m.Groups["y2"].Success ? CountOf(m.Groups["y2"].Value) ?? 0 : 0);
        else
        {
            var rest = CountOf(m.Groups["y"].Value);
            if (rest is not { } r || r >= 100) return null;
            year = (m.Groups["c"].Value.Equals("nineteen", StringComparison.OrdinalIgnoreCase) ? 1900 : 1800) + (int)r;
        }
        // "two thousand" alone is a count unless "the year" says otherwise.
        if (m.Groups["two"].Success && !m.Value.StartsWith("the", StringComparison.OrdinalIgnoreCase)) return null;
        return Found(m, TimexType.Date, TimeValues.Year(year));
    }

    private static TimeMention? PeriodEdge(Match m, TimeContext c)
    {
        var unit = UnitOf(m.Groups["unit"].Value);
        return Found(m, TimexType.Date, TimeValues.ShiftOrUnknown(c.Dct, unit, Direction(m.Groups["rel"].Value)));
    }

    private static TimeMention? Half(Match m, TimeContext c)
    {
        var h = m.Groups["ord"].Value.Equals("first", StringComparison.OrdinalIgnoreCase) ? 1 : 2;
        if (m.Groups["year"].Success) return Found(m, TimexType.Date, $"{m.Groups["year"].Value}-H{h}");
        if (!m.Value.Contains("year", StringComparison.OrdinalIgnoreCase)) return null;
        if (c.Dct is not { } dct) return Found(m, TimexType.Date, $"XXXX-H{h}");
        return Found(m, TimexType.Date, $"{TimeValues.Year(dct.Year + Direction(m.Groups["rel"].Value))}-H{h}");
    }

    private static TimeMention? Season(Match m, TimeContext c)
    {
        var word = m.Groups["season"].Value.ToLowerInvariant();
        var code = word switch { "spring" => "SP", "summer" => "SU", "winter" => "WI", _ => "FA" };
        var rel = m.Groups["rel"].Value.ToLowerInvariant();
        if (m.Groups["year"].Success) return Found(m, TimexType.Date, $"{m.Groups["year"].Value}-{code}");
        // "fall" is a verb and "spring" a noun unless a determiner or a time preposition makes them seasons.
        if (!m.Groups["rel"].Success && !m.Groups["pre"].Success && c.WordBefore(m.Index) is not ("in" or "during" or "by" or "until" or "since" or "over" or "through")) return null;
        if (rel == "the" && c.WordBefore(m.Index) is not ("in" or "during" or "by" or "until" or "since" or "over" or "through" or "of" or "for")) return null;
        if (c.Dct is not { } dct) return Found(m, TimexType.Date, $"XXXX-{code}");
        var seasonIndex = code switch { "WI" => 0, "SP" => 1, "SU" => 2, _ => 3 };
        var currentIndex = dct.Month switch { 12 or 1 or 2 => 0, 3 or 4 or 5 => 1, 6 or 7 or 8 => 2, _ => 3 };
        var year = dct.Year;
        if (rel is "last" or "past" || rel.StartsWith("this ", StringComparison.Ordinal)) { if (seasonIndex >= currentIndex) year--; }
        else if (rel is "next" or "coming") { if (seasonIndex <= currentIndex) year++; }
        else if (rel is not "this")
        {
            var tense = c.TenseAt(m.Index);
            if (tense == Tense.Past && seasonIndex > currentIndex) year--;
            else if (tense == Tense.Future && seasonIndex < currentIndex) year++;
        }
        return Found(m, TimexType.Date, $"{TimeValues.Year(year)}-{code}");
    }

    private static TimeMention? Holiday(Match m, TimeContext c)
    {
        var name = m.Groups["h"].Value.ToLowerInvariant().Replace("  ", " ", StringComparison.Ordinal);
        if (!char.IsUpper(m.Value[0])) return null;
        Func<int, DateOnly> date = name switch
        {
            _ when name.StartsWith("christmas eve", StringComparison.Ordinal) => y => new DateOnly(y, 12, 24),
            _ when name.StartsWith("christmas", StringComparison.Ordinal) => y => new DateOnly(y, 12, 25),
            _ when name.EndsWith("eve", StringComparison.Ordinal) => y => new DateOnly(y, 12, 31),
            _ when name.StartsWith("new", StringComparison.Ordinal) => y => new DateOnly(y, 1, 1),
            _ when name.StartsWith("thanksgiving", StringComparison.Ordinal) => y => TimeValues.NthWeekday(y, 11, DayOfWeek.Thursday, 4),
            _ when name.StartsWith("halloween", StringComparison.Ordinal) => y => new DateOnly(y, 10, 31),
            _ when name.StartsWith("independence", StringComparison.Ordinal) => y => new DateOnly(y, 7, 4),
            _ when name.StartsWith("valentine", StringComparison.Ordinal) => y => new DateOnly(y, 2, 14),
            _ when name.StartsWith("easter", StringComparison.Ordinal) => TimeValues.Easter,
            _ when name.StartsWith("good", StringComparison.Ordinal) => y => TimeValues.Easter(y).AddDays(-2),
            _ when name.StartsWith("labor", StringComparison.Ordinal) => y => TimeValues.NthWeekday(y, 9, DayOfWeek.Monday, 1),
            _ when name.StartsWith("memorial", StringComparison.Ordinal) => y => TimeValues.NthWeekday(y, 5, DayOfWeek.Monday, -1),
            _ => y => new DateOnly(y, 12, 26),
        };
        if (m.Groups["year"].Success) return Found(m, TimexType.Date, TimeValues.Day(date(int.Parse(m.Groups["year"].Value, Inv))));
        if (c.Dct is not { } dct)
        {
            var sample = date(2000);
            return Found(m, TimexType.Date, name.StartsWith("easter", StringComparison.Ordinal) || name.StartsWith("good", StringComparison.Ordinal) || name.StartsWith("thanks", StringComparison.Ordinal) || name.StartsWith("labor", StringComparison.Ordinal) || name.StartsWith("memorial", StringComparison.Ordinal)
                ? "XXXX-XX-XX" : $"XXXX-{sample.Month:D2}-{sample.Day:D2}");
        }
        var tense = c.TenseAt(m.Index);
        var candidate = date(dct.Year);
        if (tense == Tense.Past && candidate > dct) candidate = date(dct.Year - 1);
        else if (tense == Tense.Future && candidate < dct) candidate = date(dct.Year + 1);
        return Found(m, TimexType.Date, TimeValues.Day(candidate));
    }
}

namespace Dossier;

/// <summary>What an entity is, as a reader of the news would put it.</summary>
public enum EntityType
{
    Person,
    Organisation,
    Place,
    Other,
}

/// <summary>An entity mention: tokens [Start, End) of a document and the predicted type.</summary>
public readonly record struct EntityMention(int Start, int End, EntityType Type);

/// <summary>
/// A direct quotation: characters [Start, End) of the quoted text (without the quotation marks);
/// the tokens [SpeakerStart, SpeakerEnd) of the mention it is attributed to ("Lavrov", "he",
/// "the Foreign Secretary"), -1 when no speaker was found; and the index in
/// <see cref="Document.Entities"/> of the named entity that mention refers to, -1 when none.
/// </summary>
public readonly record struct QuoteMention(int Start, int End, int SpeakerStart, int SpeakerEnd, int Entity)
{
    public bool HasSpeaker => SpeakerStart >= 0;

    public static QuoteMention Unattributed(int start, int end) => new(start, end, -1, -1, -1);
}

/// <summary>The four kinds of TimeML temporal expression (TIMEX3 <c>type</c>).</summary>
public enum TimexType
{
    Date,
    Time,
    Duration,
    Set,
}

/// <summary>
/// A temporal expression: characters [Start, End) of the text, its TIMEX3 type and its normalised TIMEX3 value
/// ("2017-04-04", "XXXX-04-04" when the year cannot be known, "2017-W21", "P2H", "PAST_REF").
/// </summary>
public readonly record struct TimeMention(int Start, int End, TimexType Type, string Value);

public static class EntityTypeNames
{
    /// <summary>The lower-case name used in Dossier's JSON output.</summary>
    public static string ToName(this EntityType type) => type switch
    {
        EntityType.Person => "person",
        EntityType.Organisation => "organisation",
        EntityType.Place => "place",
        _ => "other",
    };

    /// <summary>The TIMEX3 spelling: DATE, TIME, DURATION, SET.</summary>
    public static string ToTimeML(this TimexType type) => type switch
    {
        TimexType.Date => "DATE",
        TimexType.Time => "TIME",
        TimexType.Duration => "DURATION",
        _ => "SET",
    };
}

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
}

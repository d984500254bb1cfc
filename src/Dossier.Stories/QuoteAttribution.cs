using Dossier.Text;

namespace Dossier.Stories;

/// <summary>
/// A quotation in one article with character offsets (UTF-16, end exclusive): the quoted text, the speaker mention
/// it is attributed to ((-1, -1) when none) and the canonical name of the speaker (null when unknown).
/// </summary>
public readonly record struct AttributedQuote(int Start, int End, int SpeakerStart, int SpeakerEnd, string? Speaker);

/// <summary>Turns a document's quote mentions into quotes attributed to canonical speakers.</summary>
public static class QuoteAttribution
{
    /// <summary>
    /// The quotes of an analysed document (tokens, sentences, entities and quotes annotated), with speakers named by
    /// the canonical entities of that document alone.
    /// </summary>
    public static List<AttributedQuote> Attribute(Document document, EntityCanonicalizer canonicalizer)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(canonicalizer);
        var counts = new Dictionary<(string, EntityType), int>();
        foreach (var mention in document.Entities)
        {
            var surface = document.EntitySpan(mention).ToString();
            counts[(surface, mention.Type)] = counts.GetValueOrDefault((surface, mention.Type)) + 1;
        }
        var (_, bySurface) = canonicalizer.Canonicalize(counts.Select(kv => new MentionCount(kv.Key.Item1, kv.Key.Item2, kv.Value)));
        var result = new List<AttributedQuote>(document.Quotes.Count);
        foreach (var q in document.Quotes)
        {
            if (!q.HasSpeaker)
            {
                result.Add(new AttributedQuote(q.Start, q.End, -1, -1, null));
                continue;
            }
            var mention = document.Span(q.SpeakerStart, q.SpeakerEnd).ToString();
            var entity = q.Entity >= 0 ? document.EntitySpan(document.Entities[q.Entity]).ToString() : null;
            result.Add(new AttributedQuote(q.Start, q.End, document.Token(q.SpeakerStart).Start, document.Token(q.SpeakerEnd - 1).End,
                SpeakerName(mention, entity, bySurface)));
        }
        return result;
    }

    /// <summary>
    /// The canonical speaker: the entity the mention resolved to; otherwise the mention itself when it describes
    /// someone ("a White House spokesman"); null for a pronoun that resolved to nobody.
    /// </summary>
    public static string? SpeakerName(string? mention, string? entity, IReadOnlyDictionary<string, EntityRecord> bySurface)
    {
        ArgumentNullException.ThrowIfNull(bySurface);
        if (entity is not null) return bySurface.TryGetValue(entity, out var record) ? record.Name : entity;
        return mention is null || QuoteFinder.IsPronoun(mention) ? null : mention;
    }
}

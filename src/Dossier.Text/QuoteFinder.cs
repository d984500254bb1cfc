namespace Dossier.Text;

/// <summary>
/// Finds direct quotations and attributes them. Quotation marks are paired per paragraph with a stack
/// (so nested quotes stay inside the outer one); a straight quote opens when a space precedes it and closes
/// when one follows it. An unclosed quotation ends with its paragraph unless the next paragraph opens with a
/// quotation mark (the convention for a quote over several paragraphs); otherwise it is dropped rather than
/// swallowing the rest of the article. The speaker is found, in order: after the quote ("…," X said / said X /
/// he added), before it (X said: "…" / According to X, "…"), or from a verb of saying elsewhere in the same
/// sentence (a scare quote inside reported speech). A pronoun speaker refers to the nearest earlier person.
/// </summary>
public sealed class QuoteFinder : IDocumentStage
{
    private const int Window = 8;

    public string Name => "quotes";
    public Annotations Requires => Annotations.Tokens | Annotations.Sentences | Annotations.Entities;
    public Annotations Produces => Annotations.Quotes;

    public void Process(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var tokens = document.TokenData;
        var entityAt = new int[tokens.Length];
        Array.Fill(entityAt, -1);
        for (var e = 0; e < document.Entities.Count; e++)
            for (var k = document.Entities[e].Start; k < document.Entities[e].End; k++) entityAt[k] = e;

        var depth = 0;
        var open = -1;
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if ((t.Shape & TokenShape.LineStart) != 0 && depth > 0)
            {
                // The paragraph ended inside a quotation.
                var continues = (t.Shape & TokenShape.Quote) != 0 && Role(document, i) == QuoteRole.Open;
                if (!continues) depth = 0;
                else { i++; if (i >= tokens.Length) break; t = tokens[i]; }
            }
            if ((t.Shape & TokenShape.Quote) == 0) continue;
            var role = Role(document, i);
            if (role == QuoteRole.Open || (role == QuoteRole.Either && depth == 0))
            {
                if (depth++ == 0) open = i;
            }
            else if (depth > 0 && role != QuoteRole.None)
            {
                if (--depth == 0 && i > open + 1) Attribute(document, open, i, entityAt);
            }
        }
    }

    private enum QuoteRole { None, Open, Close, Either }

    private static QuoteRole Role(Document d, int i)
    {
        var tokens = d.TokenData;
        var c = d.Text[tokens[i].Start];
        if (c is '\u201C' or '\u201E' or '\u00AB' || d.Text.AsSpan(tokens[i].Start, tokens[i].Length) is "``") return QuoteRole.Open;
        if (c is '\u201D' or '\u00BB' || d.Text.AsSpan(tokens[i].Start, tokens[i].Length) is "''") return QuoteRole.Close;
        var spaceBefore = i == 0 || (tokens[i].Shape & (TokenShape.Attached)) == 0 || (tokens[i].Shape & TokenShape.LineStart) != 0;
        var spaceAfter = i + 1 >= tokens.Length || (tokens[i + 1].Shape & TokenShape.Attached) == 0;
        if (spaceBefore && !spaceAfter) return QuoteRole.Open;
        if (!spaceBefore && spaceAfter) return QuoteRole.Close;
        if (!spaceBefore && !spaceAfter)
        {
            // "…", or "…". : punctuation after the mark means it closes.
            return i + 1 < tokens.Length && (tokens[i + 1].Shape & TokenShape.Punctuation) != 0 && (tokens[i + 1].Shape & TokenShape.Quote) == 0
                ? QuoteRole.Close : QuoteRole.Either;
        }
        return QuoteRole.None;
    }

    private static void Attribute(Document d, int open, int close, int[] entityAt)
    {
        var tokens = d.TokenData;
        var start = tokens[open].End;
        var end = tokens[close].Start;
        // "…," X said: the comma belongs to the reporting sentence, not to the quotation.
        while (end > start && (d.Text[end - 1] == ',' || char.IsWhiteSpace(d.Text[end - 1]))) end--;
        var speaker = After(d, close, entityAt) ?? Before(d, open, entityAt) ?? InSentence(d, open, close, entityAt);
        if (speaker is not { } s)
        {
            d.AddQuote(QuoteMention.Unattributed(start, end));
            return;
        }
        var entity = entityAt[s.Start] >= 0 && d.Entities[entityAt[s.Start]].Type == EntityType.Person ? entityAt[s.Start]
            : IsPronoun(d, s.Start) && s.End - s.Start == 1 ? NearestPersonBefore(d, open) : entityAt[s.Start];
        d.AddQuote(new QuoteMention(start, end, s.Start, s.End, entity));
    }

    /// <summary>"…," X said / "…," said X / "…", he added — the attribution right after the closing mark.</summary>
    private static (int Start, int End)? After(Document d, int close, int[] entityAt)
    {
        var tokens = d.TokenData;
        var k = close + 1;
        if (k < tokens.Length && d.Text[tokens[k].Start] is ',' or '.' && (tokens[k].Shape & TokenShape.LineStart) == 0) k++;
        if (k >= tokens.Length || (tokens[k].Shape & TokenShape.LineStart) != 0) return null;
        var limit = Math.Min(tokens.Length, k + Window);
        for (var v = k; v < limit; v++)
        {
            if ((tokens[v].Shape & TokenShape.LineStart) != 0 || (tokens[v].Shape & TokenShape.Quote) != 0) return null;
            if (!IsSpeechVerb(d, v)) continue;
            if (v > k) return Subject(d, k, v, entityAt);
            return ObjectAfter(d, v + 1, entityAt); // said X
        }
        return null;
    }

    /// <summary>X said: "…" / X told reporters, "…" / According to X, "…" — the attribution right before the opening mark.</summary>
    private static (int Start, int End)? Before(Document d, int open, int[] entityAt)
    {
        var tokens = d.TokenData;
        if ((tokens[open].Shape & TokenShape.LineStart) != 0) return null;
        var k = open - 1;
        if (k >= 0 && d.Text[tokens[k].Start] is ':' or ',') k--;
        var sentenceStart = d.Sentence(Math.Max(0, d.SentenceOf(open))).Start;
        var limit = Math.Max(sentenceStart, k - Window);
        for (var v = k; v >= limit; v--)
        {
            if ((tokens[v].Shape & TokenShape.Quote) != 0) return null;
            var word = d.Text.AsSpan(tokens[v].Start, tokens[v].Length);
            if (word.Equals("according", StringComparison.OrdinalIgnoreCase) && v + 2 <= k)
                return ObjectAfter(d, v + 2, entityAt);
            if (IsSpeechVerb(d, v)) return Subject(d, Math.Max(sentenceStart, v - Window), v, entityAt);
            if ((tokens[v].Shape & TokenShape.LineStart) != 0) return null;
        }
        return null;
    }

    /// <summary>A quote inside reported speech: "Macron said France must "eradicate terrorist groups"".</summary>
    private static (int Start, int End)? InSentence(Document d, int open, int close, int[] entityAt)
    {
        var s = d.SentenceOf(open);
        if (s < 0) return null;
        var sentence = d.Sentence(s);
        for (var v = sentence.Start; v < sentence.End; v++)
        {
            if (v >= open && v <= close) continue;
            if (IsSpeechVerb(d, v) && v > sentence.Start && Subject(d, sentence.Start, v, entityAt) is { } subject) return subject;
        }
        return null;
    }

    /// <summary>The subject of a verb of saying: the entity, pronoun or noun phrase that ends right before it.</summary>
    private static (int Start, int End)? Subject(Document d, int from, int verb, int[] entityAt)
    {
        var tokens = d.TokenData;
        var k = verb - 1;
        while (k >= from && IsAuxiliary(d, k)) k--;
        if (k < from) return null;
        if (entityAt[k] >= 0)
        {
            var e = d.Entities[entityAt[k]];
            return (e.Start, e.End);
        }
        if (IsPronoun(d, k)) return (k, k + 1);
        // A noun phrase such as "the Foreign Secretary" or "a spokesman": back to its determiner.
        var end = k + 1;
        var start = k;
        while (start > from && (tokens[start - 1].Shape & TokenShape.Word) != 0 && !IsDeterminer(d, start)) start--;
        if (IsDeterminer(d, start) && (tokens[k].Shape & TokenShape.Word) != 0 && end - start <= 5) return (start, end);
        return null;
    }

    /// <summary>The speaker after "said" or "according to": an entity or a determiner phrase.</summary>
    private static (int Start, int End)? ObjectAfter(Document d, int k, int[] entityAt)
    {
        var tokens = d.TokenData;
        if (k >= tokens.Length || (tokens[k].Shape & TokenShape.LineStart) != 0) return null;
        if (entityAt[k] >= 0)
        {
            var e = d.Entities[entityAt[k]];
            return (e.Start, e.End);
        }
        if (IsPronoun(d, k)) return (k, k + 1);
        if (!IsDeterminer(d, k)) return null;
        var end = k + 1;
        while (end < tokens.Length && end - k < 6 && (tokens[end].Shape & TokenShape.Word) != 0 && (tokens[end].Shape & TokenShape.LineStart) == 0)
        {
            if (entityAt[end] >= 0) { end = d.Entities[entityAt[end]].End; break; }
            end++;
        }
        return (k, end);
    }

    private static int NearestPersonBefore(Document d, int token)
    {
        for (var e = d.Entities.Count - 1; e >= 0; e--)
            if (d.Entities[e].End <= token && d.Entities[e].Type == EntityType.Person) return e;
        return -1;
    }

    private static ReadOnlySpan<char> Word(Document d, int i) => d.Text.AsSpan(d.TokenData[i].Start, d.TokenData[i].Length);

    private static bool IsSpeechVerb(Document d, int i) => EntityRecognizer.SpeechVerbLookup.Contains(Word(d, i));

    private static bool IsAuxiliary(Document d, int i) => Word(d, i) is "has" or "had" or "have" or "also" or "then" or "later" or "again" or "once";

    private static bool IsPronoun(Document d, int i) => Word(d, i) is "he" or "she" or "He" or "She" or "they" or "They";

    private static bool IsDeterminer(Document d, int i) => Word(d, i) is "the" or "The" or "a" or "A" or "an" or "An" or "his" or "her" or "its" or "their";
}

using Dossier.Text;

namespace Dossier.Ner;

/// <summary>
/// The pipeline's entity stage backed by a trained <see cref="NerModel"/>: each document is tagged as a whole
/// (document-level features need every sentence), and PER/ORG/LOC/MISC become person, organisation, place and other.
/// Each phrase is then fitted to what Dossier calls a mention (<see cref="Refine"/>): names, not titles, possessives
/// or dates. Thread-safe: the model is shared, each thread keeps its own tagger.
/// </summary>
public sealed class NamedEntityStage(NerModel model, Lexicon lexicon) : IDocumentStage
{
    private static readonly Lazy<NamedEntityStage> Bundled = new(() => new NamedEntityStage(NerModel.Load(BundledModelPath), Lexicon.English));

    /// <summary>Where the bundled CoNLL-2003 model is copied beside the binaries.</summary>
    public static string BundledModelPath => Path.Combine(AppContext.BaseDirectory, "models", "ner-conll2003.model");

    /// <summary>The stage with the bundled model, loaded once on first use.</summary>
    public static NamedEntityStage Default => Bundled.Value;

    [ThreadStatic] private static (NerModel Model, NerTagger Tagger)? _cached;

    public NerModel Model => model;
    public string Name => "ner";
    public Annotations Requires => Annotations.Tokens | Annotations.Sentences;
    public Annotations Produces => Annotations.Entities;

    public void Process(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (_cached is not { } c || !ReferenceEquals(c.Model, model)) _cached = c = (model, new NerTagger(model));
        var sentences = new DocumentTokens[document.SentenceCount];
        for (var s = 0; s < sentences.Length; s++)
        {
            var span = document.Sentence(s);
            sentences[s] = new DocumentTokens(document, span.Start, span.End);
        }
        var tagged = c.Tagger.TagDocument(sentences);
        var found = new List<(int Start, int End, EntityType Type)>();
        for (var s = 0; s < tagged.Length; s++)
        {
            var (first, stop) = (document.Sentence(s).Start, document.Sentence(s).End);
            var spans = tagged[s];
            found.Clear();
            for (var k = 0; k < spans.Count; k++)
            {
                var e = spans[k];
                // A name goes on over "al-Assad", which a model trained on other spellings may leave outside.
                var last = k + 1 < spans.Count ? first + spans[k + 1].Start : stop;
                var end = first + e.End;
                while (end < last && EntityRecognizer.IsParticleName(document.Token(end).Text)) end++;
                // A given name the model left out before a person ("Sergey" opening a sentence, a word it never saw) joins it.
                var start = first + e.Start;
                var previous = k > 0 ? first + spans[k - 1].End : first;
                while (start > previous && TypeOf(e.Type) == EntityType.Person && lexicon.IsGivenName(document.Token(start - 1).Text)) start--;
                found.Add((start, end, TypeOf(e.Type)));
            }
            KnownNames(document, first, stop, found);
            foreach (var (start, end, type) in found) Refine(document, start, end, type);
        }
    }

    /// <summary>
    /// A name of several words that the lexicon lists replaces the model's phrases over it: "Organization for the
    /// Prohibition of Chemical Weapons", which a model may cut at "for the", is one organisation; a phrase that holds
    /// the whole name is left as it is. Keeps <paramref name="found"/> in text order.
    /// </summary>
    private void KnownNames(Document document, int first, int stop, List<(int Start, int End, EntityType Type)> found)
    {
        for (var i = first; i < stop; i++)
        {
            // Listed names start with a capital: other tokens need no lookup.
            if (!document.Token(i).Is(TokenShape.Capitalized)) continue;
            var (length, type) = lexicon.MatchName(document, i, stop);
            if (length == 0) continue;
            var end = i + length;
            // A phrase that holds the whole name stays: "Bank of New Zealand" is not the place inside it.
            if (found.Exists(f => f.Start <= i && f.End >= end)) continue;
            found.RemoveAll(f => f.Start < end && f.End > i);
            var at = found.FindIndex(f => f.Start > i);
            found.Insert(at < 0 ? found.Count : at, (i, end, type));
            i = end - 1;
        }
    }

    /// <summary>
    /// Adds the mention of tokens [start, end), fitted to the name: it stops before a possessive ("Assad 's forces");
    /// leading lower-case and common words go, and trailing lower-case words and weekdays ("the", "Versailles Monday"); a title splits it, what
    /// follows being a person and what precedes (often a place: "US President Donald Trump") its own mention; a name
    /// the lexicon knows takes the lexicon's type, and one ending in a place word is a place ("Idlib Province").
    /// </summary>
    private void Refine(Document d, int start, int end, EntityType type)
    {
        for (var k = start; k < end; k++)
        {
            if (d.Token(k).Text is "'s" or "’s" or "'" or "’") { end = k; break; }
        }
        while (start < end && (Lower(d, start) || (lexicon.IsCommonWord(d.Token(start).Text) && !lexicon.IsKnownName(d.Token(start).Text)))) start++;
        while (end > start && (Lower(d, end - 1) || WeekdayLookup.Contains(d.Token(end - 1).Text))) end--;
        if (start >= end) return;
        for (var k = start; k < end; k++)
        {
            var title = lexicon.MatchTitle(d, k, end);
            if (title == 0) continue;
            // "Amy Pope", "Gayle King": a title word that ends a person's name is a surname.
            if (k > start && k + title == end && type == EntityType.Person) break;
            if (k > start) Refine(d, start, k, type == EntityType.Person ? EntityType.Other : type);
            if (k + title < end) Refine(d, k + title, end, EntityType.Person);
            return;
        }
        if (ListedType(d.Span(start, end).Text) is { } listed) type = listed;
        else if (SplitsIntoKnownNames(d, start, end)) return;
        else if (type != EntityType.Person && EntityRecognizer.IsPlaceWord(d.Token(end - 1).Text)) type = EntityType.Place;
        d.AddEntity(new EntityMention(start, end, type));
    }

    /// <summary>The type of a name the lexicon lists as a place or an organisation, or null.</summary>
    private EntityType? ListedType(ReadOnlySpan<char> name) =>
        lexicon.CanonicalPlace(name) is not null ? EntityType.Place
        : lexicon.CanonicalOrganisation(name) is not null ? EntityType.Organisation
        : null;

    /// <summary>
    /// "Crimea from Ukraine", "Syria and Iraq": a phrase the lexicon does not list whole, whose lower-case words join
    /// names that it lists, is those names. Adds them and returns true; false (adding nothing) otherwise.
    /// </summary>
    private bool SplitsIntoKnownNames(Document d, int start, int end)
    {
        // Most names have no lower-case word inside: nothing to split, and nothing allocated for them.
        var inner = start + 1;
        while (inner < end - 1 && !Lower(d, inner)) inner++;
        if (inner >= end - 1) return false;
        var runs = new List<(int Start, int End, EntityType Type)>();
        for (var k = start; k < end;)
        {
            if (Lower(d, k)) { k++; continue; }
            var runEnd = k + 1;
            while (runEnd < end && !Lower(d, runEnd)) runEnd++;
            if (ListedType(d.Span(k, runEnd).Text) is not { } type) return false;
            runs.Add((k, runEnd, type));
            k = runEnd;
        }
        if (runs.Count < 2) return false;
        foreach (var (s, e, t) in runs) d.AddEntity(new EntityMention(s, e, t));
        return true;
    }

    // A weekday never ends a name ("Versailles Monday"); a month may ("Theresa May"), so only weekdays.
    private static readonly HashSet<string> Weekdays = new(StringComparer.Ordinal)
    {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> WeekdayLookup = Weekdays.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>No capital and no digit: a lower-case word or punctuation, no part of a name at its edge.</summary>
    private static bool Lower(Document d, int i)
    {
        foreach (var c in d.Token(i).Text)
            if (char.IsUpper(c) || char.IsDigit(c)) return false;
        return true;
    }

    public static EntityType TypeOf(string conllType) => conllType switch
    {
        "PER" => EntityType.Person,
        "ORG" => EntityType.Organisation,
        "LOC" => EntityType.Place,
        _ => EntityType.Other,
    };
}

namespace Dossier.Text;

/// <summary>
/// Dossier's first entity recogniser: rules over capitalisation and word lists (<see cref="Lexicon"/>).
/// It finds runs of capitalised words (joined by particles such as "of" or "al"), drops sentence-initial
/// words that are not names, cuts titles off ("President", "Mr.") and types each remaining run by, in order:
/// known organisation or place names; a nationality adjective; an organisation or place keyword inside it;
/// a title or given name before it; an acronym; a speech verb after it; a surname already seen as a person.
/// A trained model is meant to replace this stage; its contract is only <see cref="Annotations.Entities"/>.
/// </summary>
public sealed class EntityRecognizer : IDocumentStage
{
    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "of", "for", "the", "de", "del", "della", "da", "di", "do", "dos", "du", "des", "van", "von", "der", "den",
        "bin", "ibn", "al", "el", "le", "la", "y", "on",
    };

    private static readonly HashSet<string> PlaceWords = new(StringComparer.Ordinal)
    {
        "Palace", "Province", "Street", "Avenue", "River", "Sea", "Ocean", "Island", "Islands", "Base", "Airport",
        "Square", "Region", "Valley", "Bay", "Gulf", "Lake", "Mountains", "Mount", "County", "Strait", "Peninsula",
        "Desert", "Canal", "Bridge", "Park", "Coast", "Hill", "Hills", "Heights", "Harbour", "Harbor", "District",
        "City", "Town", "Village", "Republic", "Kingdom", "Territory", "Stadium", "Hall", "Cathedral", "Embankment",
    };

    /// <summary>Lower-case articles joined to a name by a hyphen: al-Assad, bin-Salman, el-Sisi.</summary>
    private static readonly HashSet<string> NameParticles = new(StringComparer.Ordinal) { "al", "el", "bin", "ibn", "abu", "ul", "ad", "ash", "as", "az", "ar", "an", "d", "l" };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NameParticleLookup = NameParticles.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ParticleLookup = Particles.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> PlaceWordLookup = PlaceWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True for a word that makes a name a place when it ends it ("Province", "Airport", "Base").</summary>
    public static bool IsPlaceWord(ReadOnlySpan<char> word) => PlaceWordLookup.Contains(word);

    /// <summary>A lower-case article joined to a capitalised name, part of the name: "al-Assad", "bin-Salman".</summary>
    public static bool IsParticleName(ReadOnlySpan<char> word)
    {
        var h = word.IndexOf('-');
        return h > 0 && h + 1 < word.Length && char.IsUpper(word[h + 1]) && NameParticleLookup.Contains(word[..h]);
    }

    private readonly Lexicon _lexicon;

    public EntityRecognizer(Lexicon? lexicon = null) => _lexicon = lexicon ?? Lexicon.English;

    public string Name => "entities";
    public Annotations Requires => Annotations.Tokens | Annotations.Sentences;
    public Annotations Produces => Annotations.Entities;

    public void Process(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var context = new Context(document, _lexicon);
        var found = new List<(int Start, int End, EntityType? Type)>();
        for (var s = 0; s < document.SentenceCount; s++)
        {
            var sentence = document.Sentence(s);
            var i = sentence.Start;
            while (i < sentence.End)
            {
                if (!context.IsNameToken(i)) { i++; continue; }
                var end = CollectRun(context, i, sentence.End);
                SplitRun(context, i, end, sentence.Start, found);
                i = end;
            }
        }
        // Second pass: a lone word typed by no rule is a person when a person with that surname was seen.
        var surnames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (start, end, type) in found)
            if (type == EntityType.Person) surnames.Add(SurnameKey(document.Token(end - 1).Text).ToString());
        var surnameLookup = surnames.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var (start, end, type) in found)
        {
            var resolved = type ?? (end - start == 1 && surnameLookup.Contains(SurnameKey(document.Token(start).Text))
                ? EntityType.Person
                : end - start >= 2 && !context.HasParticle(start, end) ? EntityType.Person : EntityType.Other);
            document.AddEntity(new EntityMention(start, end, resolved));
        }
    }

    /// <summary>A surname without an Arabic article, so "al-Assad" and "Assad" match.</summary>
    public static ReadOnlySpan<char> SurnameKey(ReadOnlySpan<char> word) =>
        word.Length > 3 && (word.StartsWith("al-", StringComparison.OrdinalIgnoreCase) || word.StartsWith("el-", StringComparison.OrdinalIgnoreCase)) ? word[3..] : word;

    private static int CollectRun(Context c, int start, int sentenceEnd)
    {
        var end = start + 1;
        var j = start + 1;
        while (j < sentenceEnd)
        {
            if (c.IsNameToken(j)) { end = ++j; continue; }
            // "Mr." "Gen." : the period of a title abbreviation does not break the run.
            if (c.Is(j, ".") && c.Lexicon.IsTitleWord(c.Text(j - 1)) && j + 1 < sentenceEnd && c.IsNameToken(j + 1)) { j++; continue; }
            if (ParticleLookup.Contains(c.Text(j)) && j + 1 < sentenceEnd && (c.IsNameToken(j + 1) || ParticleLookup.Contains(c.Text(j + 1)))) { j++; continue; }
            break;
        }
        return end;
    }

    /// <summary>Cuts a run into mentions at titles, dates and sentence-initial common words, then types each piece.</summary>
    private void SplitRun(Context c, int start, int end, int sentenceStart, List<(int, int, EntityType?)> found)
    {
        var personCue = false;
        var i = start;
        while (i < end)
        {
            var word = c.Text(i);
            var atSentenceStart = i == sentenceStart || (i == sentenceStart + 1 && c.IsQuote(sentenceStart));
            if (c.Is(i, ".") || ParticleLookup.Contains(word)) { i++; continue; }
            var title = _lexicon.MatchTitle(c.Document, i, end);
            if (title > 0)
            {
                personCue = true;
                i += title;
                continue;
            }
            if (_lexicon.IsCommonWord(word) || (atSentenceStart && !IsNameAtSentenceStart(c, i, end)))
            {
                i++;
                continue;
            }
            // A piece runs to the next title or common word.
            var pieceEnd = i + 1;
            while (pieceEnd < end && _lexicon.MatchTitle(c.Document, pieceEnd, end) == 0 && !(c.IsNameToken(pieceEnd) && _lexicon.IsCommonWord(c.Text(pieceEnd)) && !_lexicon.IsGivenName(c.Text(pieceEnd - 1)))) pieceEnd++;
            while (pieceEnd > i + 1 && !c.IsNameToken(pieceEnd - 1)) pieceEnd--;
            // A nationality adjective before a name is a mention of its own: "Russian" + "Vladimir Putin".
            if (pieceEnd - i > 1 && _lexicon.IsDemonym(word) && _lexicon.CanonicalPlace(c.Text(i, pieceEnd)) is null && _lexicon.CanonicalOrganisation(c.Text(i, pieceEnd)) is null)
            {
                found.Add((i, i + 1, EntityType.Other));
                i++;
                continue;
            }
            found.Add((i, pieceEnd, Classify(c, i, pieceEnd, personCue)));
            personCue = false;
            i = pieceEnd;
        }
    }

    private bool IsNameAtSentenceStart(Context c, int i, int runEnd)
    {
        var word = c.Text(i);
        if (_lexicon.IsKnownName(word) || (c.Shape(i) & TokenShape.AllCaps) != 0) return true;
        if (i + 1 < runEnd && _lexicon.IsKnownName(c.Text(i + 1))) return true;
        if (c.FollowedBySpeechVerb(i + 1)) return true;
        return c.SeenCapitalisedMidSentence(word);
    }

    private EntityType? Classify(Context c, int start, int end, bool personCue)
    {
        var text = c.Text(start, end);
        if (_lexicon.CanonicalOrganisation(text) is not null) return EntityType.Organisation;
        if (_lexicon.CanonicalPlace(text) is not null) return EntityType.Place;
        if (_lexicon.IsDemonym(c.Text(end - 1))) return EntityType.Other; // "LGBTQ Chechen", "Russian"
        for (var k = start; k < end; k++)
            if (_lexicon.IsOrganisationWord(c.Text(k))) return EntityType.Organisation;
        for (var k = start; k < end; k++)
            if (PlaceWordLookup.Contains(c.Text(k))) return EntityType.Place;
        if (personCue || _lexicon.IsGivenName(c.Text(start))) return EntityType.Person;
        if (end - start == 1 && (c.Shape(start) & TokenShape.AllCaps) != 0 && text.Length <= 6) return EntityType.Organisation;
        if (c.FollowedBySpeechVerb(end) || c.PrecededByAccordingTo(start)) return EntityType.Person;
        return null;
    }

    /// <summary>Per-document helpers over the token array.</summary>
    private readonly struct Context(Document document, Lexicon lexicon)
    {
        private readonly HashSet<string> _midSentenceCapitalised = CollectMidSentence(document);

        public Lexicon Lexicon => lexicon;
        public Document Document => document;

        public ReadOnlySpan<char> Text(int i)
        {
            var t = document.TokenData[i];
            return document.Text.AsSpan(t.Start, t.Length);
        }

        public ReadOnlySpan<char> Text(int start, int end)
        {
            var tokens = document.TokenData;
            return document.Text.AsSpan(tokens[start].Start, tokens[end - 1].End - tokens[start].Start);
        }

        public TokenShape Shape(int i) => document.TokenData[i].Shape;
        public bool Is(int i, string s) => Text(i).SequenceEqual(s);
        public bool IsQuote(int i) => (Shape(i) & TokenShape.Quote) != 0;

        public bool IsNameToken(int i)
        {
            var shape = Shape(i);
            if ((shape & TokenShape.Word) == 0) return false;
            var text = Text(i);
            if ((shape & TokenShape.Capitalized) != 0)
            {
                if (text is "I") return false;
                // "US-led" is an adjective, not a name; "Al-Qaeda" and "Saint-Denis" are names.
                var hyphen = text.LastIndexOf('-');
                return hyphen < 0 || hyphen + 1 >= text.Length || !char.IsLower(text[hyphen + 1]);
            }
            // "al-Assad", "bin-Laden": a lower-case particle joined to a capitalised name.
            return IsParticleName(text);
        }

        public bool HasParticle(int start, int end)
        {
            for (var k = start; k < end; k++)
                if (ParticleLookup.Contains(Text(k))) return true;
            return false;
        }

        public bool FollowedBySpeechVerb(int i)
        {
            var tokens = document.TokenData;
            if (i < tokens.Length && lexicon.IsSpeechVerb(Text(i))) return true;
            // "Lavrov has said", "Peskov also said"
            return i + 1 < tokens.Length && Text(i) is "has" or "had" or "also" or "then" or "later" && lexicon.IsSpeechVerb(Text(i + 1));
        }

        public bool PrecededByAccordingTo(int i) =>
            i >= 2 && Text(i - 1) is "to" && Text(i - 2).Equals("according", StringComparison.OrdinalIgnoreCase);

        public bool SeenCapitalisedMidSentence(ReadOnlySpan<char> word) =>
            _midSentenceCapitalised.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);

        private static HashSet<string> CollectMidSentence(Document document)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            var tokens = document.TokenData;
            for (var s = 0; s < document.SentenceCount; s++)
            {
                var sentence = document.Sentence(s);
                for (var i = sentence.Start + 1; i < sentence.End; i++)
                {
                    var t = tokens[i];
                    if ((t.Shape & TokenShape.Capitalized) == 0 || (t.Shape & TokenShape.Word) == 0) continue;
                    var prev = tokens[i - 1];
                    // After an opening quote or a colon a capital is a sentence start, not a name sign.
                    if ((prev.Shape & (TokenShape.Quote | TokenShape.Terminal)) != 0 || document.Text[prev.Start] == ':') continue;
                    set.Add(document.Text.Substring(t.Start, t.Length));
                }
            }
            return set;
        }
    }
}

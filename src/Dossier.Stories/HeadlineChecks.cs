using System.Globalization;
using Dossier.Ner;
using Dossier.Text;

namespace Dossier.Stories;

/// <summary>
/// Headlines that do not describe their article: a person or place the headline names and the body never mentions,
/// and a headline the stance model finds unrelated to the body. Each becomes a flag on the article with its evidence.
/// </summary>
public static class HeadlineChecks
{
    private static readonly Lazy<StanceModel?> Model = new(() => File.Exists(StanceModel.BundledModelPath) ? StanceModel.Load(StanceModel.BundledModelPath) : null);

    /// <summary>Least probability of "unrelated" for the flag: the model must be sure, as a wrong flag accuses an outlet.</summary>
    /// <remarks>
    /// The model learned "unrelated" from FNC-1's random pairings of short wire bodies with headlines of other
    /// stories; a long article that covers its headline's topic in other words can still look unrelated to it, so
    /// only near-certain verdicts are flagged.
    /// </remarks>
    public const float MinUnrelated = 0.95f;

    /// <param name="vocabulary">The entity model's word classes, which tell ordinary words from names in a title-case headline.</param>
    public static void Check(Article article, Document title, Document body, string bodyText, Lexicon lexicon, WordClusters? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(lexicon);
        var missing = MissingNames(title, body, lexicon, vocabulary);
        if (missing.Count > 0)
            article.Flags.Add(new Flag("headline-names-absent", $"the headline names {string.Join(", ", missing)}, which the body never mentions"));
        if (Model.Value is { } model)
        {
            Span<float> p = stackalloc float[StanceModel.Classes];
            model.Probabilities(StanceText.Of(article.Title), StanceText.Of(bodyText), p);
            if (p[(int)Stance.Unrelated] >= MinUnrelated)
                article.Flags.Add(new Flag("headline-unrelated", string.Create(CultureInfo.InvariantCulture, $"the headline is unrelated to the body (stance model, p = {p[(int)Stance.Unrelated]:F2})")));
        }
    }

    /// <summary>Whether every word of four letters or more is capitalised, as in "Kadyrov Invites French, German Leaders".</summary>
    private static bool IsTitleCase(Document title)
    {
        var words = 0;
        for (var i = 0; i < title.TokenCount; i++)
        {
            var t = title.Token(i);
            if (!t.Is(TokenShape.Word) || t.Text.Length < 4) continue;
            if (!t.Is(TokenShape.Capitalized)) return false;
            words++;
        }
        return words >= 2;
    }

    /// <summary>
    /// The people and places of the headline (its entities, and any place name or nationality adjective) that the
    /// body does not mention: a word of a name counts as mentioned when the body holds it in any case, and a place
    /// when the body names it in any of its forms ("USA" for "US", "France" for "French"). Adjacent missing words are
    /// reported together.
    /// </summary>
    public static IReadOnlyList<string> MissingNames(Document title, Document body, Lexicon lexicon, WordClusters? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(lexicon);
        // The headline's names first: most headlines have few or none, and then the body need not be read at all.
        var named = new bool[title.TokenCount];
        foreach (var e in title.Entities)
            if (e.Type is EntityType.Person or EntityType.Place)
                for (var i = e.Start; i < e.End; i++) named[i] = true;
        // In a headline that capitalises every word, the tagger takes verbs and nouns for parts of names ("Kadyrov
        // Invites", "Investigate Reports"): there a word counts as a name only when it is not an ordinary word.
        var titleCase = vocabulary is not null && IsTitleCase(title);
        var placeOf = new string?[title.TokenCount];
        var candidate = new bool[title.TokenCount];
        var any = false;
        for (var i = 0; i < title.TokenCount; i++)
        {
            var t = title.Token(i);
            if (!t.Is(TokenShape.Word) || !t.Is(TokenShape.Capitalized)) continue;
            var w = t.Text.ToString();
            placeOf[i] = PlaceOf(w, lexicon);
            candidate[i] = (named[i] || placeOf[i] is not null) && !Terms.IsStopWord(w.ToLowerInvariant())
                && !(titleCase && placeOf[i] is null && vocabulary!.IsOrdinaryWord(t.Text));
            any |= candidate[i];
        }
        if (!any) return [];

        // The body's words (case-folded hashes, so no string per token) and the places it names in any form.
        var words = new HashSet<ulong>();
        var places = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < body.TokenCount; i++)
        {
            var t = body.Token(i);
            if (!t.Is(TokenShape.Word)) continue;
            words.Add(Folded(t.Text));
            if (PlaceOf(t.Text, lexicon) is { } place) places.Add(place);
            if (i + 1 < body.TokenCount && lexicon.CanonicalPlace(body.Span(i, i + 2).Text) is { } two) places.Add(two);
        }
        foreach (var e in body.Entities)
            if (lexicon.CanonicalPlace(body.EntitySpan(e).Text) is { } place) places.Add(place);

        // A place of several words ("United States") is mentioned as a whole, in any of its forms.
        var covered = new bool[title.TokenCount];
        for (var i = 0; i < title.TokenCount; i++)
            for (var n = 2; n <= 4 && i + n <= title.TokenCount; n++)
                if (lexicon.CanonicalPlace(title.Span(i, i + n).Text) is { } place && places.Contains(place))
                    Array.Fill(covered, true, i, n);
        var missing = new List<string>();
        var run = new List<string>();
        void Flush()
        {
            var name = string.Join(" ", run);
            if (run.Count > 0 && !missing.Contains(name)) missing.Add(name);
            run.Clear();
        }
        for (var i = 0; i < title.TokenCount; i++)
        {
            var t = title.Token(i);
            if (!candidate[i] || covered[i] || words.Contains(Folded(t.Text)) || (placeOf[i] is { } place && places.Contains(place)))
            {
                Flush();
                continue;
            }
            run.Add(t.Text.ToString());
        }
        Flush();
        return missing;
    }

    /// <summary>A word's hash whatever its case: "Paris", "PARIS" and "paris" are one word.</summary>
    private static ulong Folded(ReadOnlySpan<char> word)
    {
        var h = Fnv1a.Offset;
        foreach (var c in word) h = Fnv1a.Append(h, char.ToUpperInvariant(c));
        return h;
    }

    private static string? PlaceOf(ReadOnlySpan<char> name, Lexicon lexicon)
    {
        if (lexicon.CanonicalPlace(name) is { } place) return place;
        return lexicon.IsDemonym(name) ? lexicon.DemonymPlace(name) : null;
    }

    /// <summary>Runs of capitalised words (letters only, two or more), split at anything else.</summary>
    private static IEnumerable<List<string>> CapitalisedRuns(string text)
    {
        var run = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i]))
            {
                if (text[i] != ' ' && run.Count > 0) { yield return run; run = []; }
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && (char.IsLetter(text[i]) || text[i] == '\'' || text[i] == '-')) i++;
            var word = text[start..i];
            if (word.EndsWith("'s", StringComparison.Ordinal)) word = word[..^2];
            if (char.IsUpper(word[0]) && word.Length > 1 && !Terms.IsStopWord(word.ToLowerInvariant())) run.Add(word);
            else if (run.Count > 0) { yield return run; run = []; }
        }
        if (run.Count > 0) yield return run;
    }
}

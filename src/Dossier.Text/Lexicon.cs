using System.Reflection;

namespace Dossier.Text;

/// <summary>
/// Word lists that the rule-based stages use, loaded once from the assembly's embedded resources
/// (<c>Lexicon/*.txt</c>). Lookups take spans so callers need not allocate. Immutable and thread-safe.
/// </summary>
public sealed class Lexicon
{
    private static readonly Lazy<Lexicon> LazyEnglish = new(() => new Lexicon(Load));

    private readonly Dictionary<string, string> _places;
    private readonly Dictionary<string, string> _organisations;
    private readonly Dictionary<string, string> _demonyms;
    private readonly HashSet<string> _organisationWords;
    private readonly HashSet<string> _givenNames;
    private readonly HashSet<string> _commonWords;
    private readonly HashSet<string> _titleWords;
    private readonly HashSet<string> _speechVerbs;

    private Lexicon(Func<string, IEnumerable<string>> read)
    {
        _places = ReadAliases(read("places"));
        _organisations = ReadAliases(read("organisation-names"));
        _demonyms = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in read("demonyms"))
        {
            var bar = line.IndexOf('|', StringComparison.Ordinal);
            _demonyms[bar < 0 ? line : line[..bar]] = bar < 0 ? "" : line[(bar + 1)..];
        }
        _organisationWords = new HashSet<string>(read("organisations"), StringComparer.Ordinal);
        _givenNames = new HashSet<string>(read("given-names").SelectMany(SplitWords), StringComparer.Ordinal);
        _commonWords = new HashSet<string>(read("common-words").SelectMany(SplitWords), StringComparer.Ordinal);
        Titles = read("titles").Select(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries)).OrderByDescending(t => t.Length).ToArray();
        _titleWords = new HashSet<string>(Titles.Where(t => t.Length == 1).Select(t => t[0]), StringComparer.Ordinal);
        _speechVerbs = new HashSet<string>(read("speech-verbs").SelectMany(SplitWords), StringComparer.Ordinal);
        SpeechVerbLookup = _speechVerbs.GetAlternateLookup<ReadOnlySpan<char>>();
        PlacesLookup = _places.GetAlternateLookup<ReadOnlySpan<char>>();
        OrganisationsLookup = _organisations.GetAlternateLookup<ReadOnlySpan<char>>();
        DemonymLookup = _demonyms.GetAlternateLookup<ReadOnlySpan<char>>();
        OrganisationWordLookup = _organisationWords.GetAlternateLookup<ReadOnlySpan<char>>();
        GivenNameLookup = _givenNames.GetAlternateLookup<ReadOnlySpan<char>>();
        CommonWordLookup = _commonWords.GetAlternateLookup<ReadOnlySpan<char>>();
        TitleWordLookup = _titleWords.GetAlternateLookup<ReadOnlySpan<char>>();
        var names = new Dictionary<string, List<(string[] Words, EntityType Type)>>(StringComparer.Ordinal);
        foreach (var (map, type) in new[] { (_places, EntityType.Place), (_organisations, EntityType.Organisation) })
            foreach (var name in map.Keys)
            {
                var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length < 2) continue;
                if (!names.TryGetValue(words[0], out var list)) names[words[0]] = list = [];
                list.Add((words, type));
            }
        foreach (var list in names.Values) list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        NamesByFirstWordLookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    // Names of several words by their first word, longest first.
    private Dictionary<string, List<(string[] Words, EntityType Type)>>.AlternateLookup<ReadOnlySpan<char>> NamesByFirstWordLookup { get; }

    /// <summary>
    /// The longest place or organisation name of several words in the lists that starts at token <paramref name="i"/>
    /// and ends by <paramref name="end"/> ("Organization for the Prohibition of Chemical Weapons", "Russian Federation"):
    /// its length in tokens and type, or (0, Other).
    /// </summary>
    public (int Length, EntityType Type) MatchName(Document document, int i, int end)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!NamesByFirstWordLookup.TryGetValue(document.Token(i).Text, out var candidates)) return (0, EntityType.Other);
        foreach (var (words, type) in candidates)
        {
            if (i + words.Length > end) continue;
            var k = 1;
            while (k < words.Length && document.Token(i + k).Text.SequenceEqual(words[k])) k++;
            if (k == words.Length) return (k, type);
        }
        return (0, EntityType.Other);
    }

    /// <summary>The lists shipped with Dossier.</summary>
    public static Lexicon English => LazyEnglish.Value;

    /// <summary>Titles as token sequences, longest first.</summary>
    public IReadOnlyList<string[]> Titles { get; }

    internal Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> PlacesLookup { get; }
    internal Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> OrganisationsLookup { get; }
    internal Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> DemonymLookup { get; }
    internal HashSet<string>.AlternateLookup<ReadOnlySpan<char>> OrganisationWordLookup { get; }
    internal HashSet<string>.AlternateLookup<ReadOnlySpan<char>> GivenNameLookup { get; }
    internal HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CommonWordLookup { get; }
    internal HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TitleWordLookup { get; }
    internal HashSet<string>.AlternateLookup<ReadOnlySpan<char>> SpeechVerbLookup { get; }

    /// <summary>The canonical name of a place ("Russian Federation" → "Russia"), or null if unknown.</summary>
    public string? CanonicalPlace(ReadOnlySpan<char> name) => PlacesLookup.TryGetValue(name, out var c) ? c : null;

    /// <summary>The canonical name of a known organisation ("OPCW" → its full name), or null.</summary>
    public string? CanonicalOrganisation(ReadOnlySpan<char> name) => OrganisationsLookup.TryGetValue(name, out var c) ? c : null;

    public bool IsDemonym(ReadOnlySpan<char> word) => DemonymLookup.ContainsKey(word);

    /// <summary>The place a demonym belongs to ("French" → "France"), or null when unknown.</summary>
    public string? DemonymPlace(ReadOnlySpan<char> word) => DemonymLookup.TryGetValue(word, out var p) && p.Length > 0 ? p : null;
    public bool IsGivenName(ReadOnlySpan<char> word) => GivenNameLookup.Contains(word);
    public bool IsCommonWord(ReadOnlySpan<char> word) => CommonWordLookup.Contains(word);
    public bool IsTitleWord(ReadOnlySpan<char> word) => TitleWordLookup.Contains(word);
    public bool IsOrganisationWord(ReadOnlySpan<char> word) => OrganisationWordLookup.Contains(word);

    /// <summary>True for a verb of saying in any form ("said", "told", "tweeted", "called", …).</summary>
    public bool IsSpeechVerb(ReadOnlySpan<char> word) => SpeechVerbLookup.Contains(word);

    /// <summary>
    /// The number of tokens of the title starting at token <paramref name="i"/> and ending before <paramref name="end"/>
    /// ("President", "Foreign Secretary", "Mr ." with its abbreviation period), or 0 when no title starts there.
    /// </summary>
    public int MatchTitle(Document document, int i, int end)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var title in Titles)
        {
            var k = i;
            var matched = 0;
            foreach (var part in title)
            {
                if (k >= end || !document.Token(k).Text.SequenceEqual(part)) break;
                matched++;
                k++;
                if (k < end && document.Token(k).Text is ".") k++;
            }
            if (matched == title.Length) return k - i;
        }
        return 0;
    }

    /// <summary>True when the word is in any list of names (so it is a name even at the start of a sentence).</summary>
    public bool IsKnownName(ReadOnlySpan<char> word) =>
        PlacesLookup.ContainsKey(word) || OrganisationsLookup.ContainsKey(word) || DemonymLookup.ContainsKey(word) ||
        GivenNameLookup.Contains(word) || OrganisationWordLookup.Contains(word) || TitleWordLookup.Contains(word);

    private static Dictionary<string, string> ReadAliases(IEnumerable<string> lines)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var names = line.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var name in names) map.TryAdd(name, names[0]);
        }
        return map;
    }

    private static IEnumerable<string> SplitWords(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static IEnumerable<string> Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Dossier.Text.Lexicon.{name}.txt")
            ?? throw new InvalidOperationException($"The lexicon resource '{name}' is missing from Dossier.Text.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length > 0 && line[0] != '#') lines.Add(line);
        }
        return lines;
    }
}

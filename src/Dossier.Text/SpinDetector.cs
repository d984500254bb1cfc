using System.Globalization;
using System.Reflection;

namespace Dossier.Text;

/// <summary>One kind of spun wording found in a text: the phrase as written, the form news style uses, and how often.</summary>
public sealed record SpinEvidence(string Phrase, string NewsStyle, int Count);

/// <summary>The spun wording of a text and its score: each kind of evidence counts 1, each repeat 0.25 more.</summary>
public sealed record SpinReport(double Score, IReadOnlyList<SpinEvidence> Evidence)
{
    /// <summary>"Russian Federation" ×3 (news style: Russia); "USA presidential" (news style: US presidential)</summary>
    public string Describe() => string.Join("; ", Evidence.Select(e =>
        $"\"{e.Phrase}\"{(e.Count > 1 ? " ×" + e.Count.ToString(CultureInfo.InvariantCulture) : "")} (news style: {e.NewsStyle})"));
}

/// <summary>
/// Finds the wording that article spinners leave behind: official or expanded names where news style uses the
/// short one, "worldwide" put in place of "international" in its set phrases (from the reviewed list
/// <c>Lexicon/spin.txt</c>), and "USA" used as an adjective ("USA presidential race"), which wire style never writes.
/// One occurrence proves little (an official statement may say "Russian Federation"), so evidence adds up to a score
/// and <see cref="MinScore"/> is set so that ordinary wire copy is almost never flagged (README: Spun wording).
/// Thread-safe.
/// </summary>
public sealed class SpinDetector
{
    /// <summary>Least score for an article to be flagged.</summary>
    public const double MinScore = 1.5;

    private static readonly Lazy<SpinDetector> LazyEnglish = new(() => new SpinDetector(ReadList()));

    // Words after "USA" that do not make it an adjective: "the USA and Russia", "the USA is", "USA today".
    private static readonly HashSet<string> NotAdjectival = new(StringComparer.Ordinal)
    {
        "and", "or", "is", "was", "has", "had", "have", "are", "were", "will", "would", "can", "could", "should", "to", "in",
        "on", "at", "for", "of", "with", "by", "from", "as", "but", "than", "that", "which", "who", "said", "says", "the", "a",
        "an", "today", "itself", "alone", "too", "also", "then", "now", "again", "since", "after", "before", "over", "into",
    };

    private readonly Dictionary<string, List<(string[] Tokens, string Phrase, string Plain, bool IgnoreCase)>> _byFirst = new(StringComparer.Ordinal);

    private SpinDetector(IEnumerable<(string Spun, string Plain)> entries)
    {
        var tokenizer = new Tokenizer();
        foreach (var (spun, plain) in entries)
        {
            var doc = new Document(spun);
            tokenizer.Process(doc);
            var tokens = Enumerable.Range(0, doc.TokenCount).Select(i => doc.Token(i).Text.ToString()).ToArray();
            var ignoreCase = char.IsLower(spun[0]);
            var key = tokens[0].ToLowerInvariant();
            if (!_byFirst.TryGetValue(key, out var list)) _byFirst[key] = list = [];
            list.Add((tokens, spun, plain, ignoreCase));
        }
        // Longest first, so "Democratic People's Republic of Korea" wins over "Republic of Korea".
        foreach (var list in _byFirst.Values) list.Sort((a, b) => b.Tokens.Length.CompareTo(a.Tokens.Length));
    }

    public static SpinDetector English => LazyEnglish.Value;

    /// <summary>The spun wording of a tokenised text (tokens are all it needs).</summary>
    public SpinReport Examine(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var found = new Dictionary<(string, string), int>();
        var order = new List<(string, string)>();
        void Add(string phrase, string plain)
        {
            if (!found.TryGetValue((phrase, plain), out var n)) order.Add((phrase, plain));
            found[(phrase, plain)] = n + 1;
        }
        for (var i = 0; i < document.TokenCount; i++)
        {
            var length = MatchAt(document, i, out var phrase, out var plain);
            if (length == 0) continue;
            Add(phrase, plain);
            i += length - 1;
        }
        var evidence = order.Select(k => new SpinEvidence(k.Item1, k.Item2, found[k])).ToList();
        return new SpinReport(evidence.Sum(e => 1 + 0.25 * (e.Count - 1)), evidence);
    }

    /// <summary>
    /// The spun wording that starts at token <paramref name="i"/>: its length in tokens (0 when none), the phrase as
    /// listed and its news-style form. Used to find the evidence, and to undo the swaps before comparing texts.
    /// </summary>
    public int MatchAt(Document document, int i, out string phrase, out string plain)
    {
        ArgumentNullException.ThrowIfNull(document);
        phrase = plain = "";
        var count = document.TokenCount;
        var text = document.Token(i).Text;
        if (text.SequenceEqual("USA") && i + 1 < count)
        {
            var next = document.Token(i + 1);
            var word = next.Text.ToString();
            if (next.Is(TokenShape.Word) && !next.Is(TokenShape.Capitalized) && !NotAdjectival.Contains(word))
            {
                phrase = "USA " + word;
                plain = "US " + word;
                return 1;
            }
        }
        if (!_byFirst.TryGetValue(text.ToString().ToLowerInvariant(), out var candidates)) return 0;
        foreach (var (tokens, listed, newsStyle, ignoreCase) in candidates)
        {
            if (i + tokens.Length > count || !Matches(document, i, tokens, ignoreCase)) continue;
            phrase = listed;
            plain = newsStyle;
            return tokens.Length;
        }
        return 0;
    }

    private static bool Matches(Document document, int start, string[] tokens, bool ignoreCase)
    {
        for (var k = 0; k < tokens.Length; k++)
        {
            var t = document.Token(start + k).Text;
            if (!t.Equals(tokens[k], ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)) return false;
        }
        return true;
    }

    private static IEnumerable<(string, string)> ReadList()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Dossier.Text.Lexicon.spin.txt")
            ?? throw new InvalidOperationException("The lexicon resource 'spin' is missing from Dossier.Text.");
        using var reader = new StreamReader(stream);
        var entries = new List<(string, string)>();
        while (reader.ReadLine() is { } line)
        {
            line = line.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var bar = line.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0) throw new InvalidDataException($"spin.txt: '{line}' is not 'spun form|news-style form'.");
            entries.Add((line[..bar], line[(bar + 1)..]));
        }
        return entries;
    }
}

using Dossier.Text;

namespace Dossier.Stories;

/// <summary>
/// Sentence selection as a budgeted coverage problem over concepts (Gillick and Favre 2009): a concept is a stemmed
/// word bigram that is not two stop words, worth the number of the story's articles that state it (below
/// <see cref="SummaryOptions.MinConceptShare"/> of them it is worth nothing); a summary is worth the concepts it
/// covers, each counted once, so saying the same thing twice earns nothing. The best set within the word budget is
/// found greedily by gain per word, then improved by exchanging one sentence for another while that gains. Ties go to
/// the centroid score and then to the earlier sentence, so the result is deterministic.
/// </summary>
internal static class ConceptCoverage
{
    public static List<Summarizer.Candidate> Select(List<Summarizer.Candidate> all, IReadOnlyList<AnalyzedArticle> members, Dictionary<AnalyzedArticle, int> rank, SummaryOptions options)
    {
        // Concepts of every sentence the story kept, the absorbed ones included: they count as support.
        var ids = new Dictionary<ulong, int>();
        var articlesOf = new List<HashSet<int>>();
        var leadsOf = new List<HashSet<int>>();

        int[] ConceptsOf(CandidateSentence sentence)
        {
            var concepts = sentence.Concepts;
            var found = new int[concepts.Count];
            for (var i = 0; i < found.Length; i++)
            {
                if (!ids.TryGetValue(concepts[i], out var id))
                {
                    ids[concepts[i]] = id = ids.Count;
                    articlesOf.Add([]);
                    leadsOf.Add([]);
                }
                found[i] = id;
            }
            return found;
        }
        var conceptsOf = new int[all.Count][];
        for (var i = 0; i < all.Count; i++)
        {
            var entry = all[i].Entry;
            conceptsOf[i] = ConceptsOf(entry.Sentence);
            foreach (var c in conceptsOf[i])
                foreach (var copy in entry.Copies)
                {
                    articlesOf[c].Add(rank[copy.Article]);
                    if (copy.Index == copy.Article.LeadSentence) leadsOf[c].Add(rank[copy.Article]);
                }
            foreach (var absorbed in entry.Absorbed)
                foreach (var c in ConceptsOf(absorbed.Sentence))
                    foreach (var copy in absorbed.Copies) articlesOf[c].Add(rank[copy.Article]);
        }
        var minimum = Math.Max(1, (int)Math.Ceiling(options.MinConceptShare * members.Count - 1e-6));
        // A story told by few articles has little agreement to go on: what its articles lead with counts extra, the
        // more so the fewer they are (a lone article's lead is its best summary sentence; ten agreeing outlets need no hint).
        var lead = 1f / (members.Count * members.Count);
        // Concepts below the threshold still count a little, so that a summary short of its budget is filled with the
        // sentences that say most of the rest.
        var weight = articlesOf.Select((a, c) => (a.Count >= minimum ? a.Count : 0.01f * a.Count) + lead * leadsOf[c].Count).ToArray();

        var candidates = Enumerable.Range(0, all.Count)
            .Where(i => all[i].Entry.Sentence.Eligible)
            .Select(i => (Index: i, Words: Summarizer.CountWords(all[i].Entry.Sentence.Text)))
            .Where(c => c.Words <= options.Words)
            .OrderBy(c => all[c.Index].Article).ThenBy(c => all[c.Index].Index)
            .ToList();

        var coverage = new int[weight.Length];
        var chosen = new List<(int Index, int Words)>();
        var used = 0;
        float Gain(int index)
        {
            var g = 0f;
            foreach (var c in conceptsOf[index]) if (coverage[c] == 0) g += weight[c];
            return g;
        }
        void Take((int Index, int Words) c, int delta)
        {
            foreach (var concept in conceptsOf[c.Index]) coverage[concept] += delta;
            used += delta * c.Words;
            if (delta > 0) chosen.Add(c);
            else chosen.Remove(c);
        }
        bool Fits((int Index, int Words) c) =>
            used + c.Words <= options.Words && !chosen.Contains(c)
            && !chosen.Any(x => all[x.Index].Vector.Dot(all[c.Index].Vector) >= options.SameContent);

        // Greedy: the best gain per word that fits.
        while (true)
        {
            (int Index, int Words) best = (-1, 0);
            var bestRatio = 0f;
            foreach (var c in candidates)
            {
                if (!Fits(c)) continue;
                var ratio = Gain(c.Index) / c.Words;
                if (ratio > bestRatio || (ratio > 0 && ratio == bestRatio && all[c.Index].Score > all[best.Index].Score))
                {
                    best = c;
                    bestRatio = ratio;
                }
            }
            if (best.Index < 0) break;
            Take(best, 1);
        }

        // Exchanges: drop one chosen sentence and add the unchosen one that gains most, while the total rises.
        for (var round = 0; round < 2 * options.Words; round++)
        {
            var total = Value();
            (int Out, (int Index, int Words) In, float Value) move = (-1, (-1, 0), total);
            foreach (var leave in chosen.ToList())
            {
                Take(leave, -1);
                var without = Value();
                foreach (var c in candidates)
                {
                    if (c == leave || !Fits(c)) continue;
                    var value = without + Gain(c.Index);
                    if (value > move.Value + 1e-4f) move = (leave.Index, c, value);
                }
                Take(leave, 1);
            }
            if (move.Out < 0) break;
            Take(chosen.First(c => c.Index == move.Out), -1);
            Take(move.In, 1);
            // Room freed by the exchange may now take another sentence.
            foreach (var c in candidates)
                if (Fits(c) && Gain(c.Index) > 0) Take(c, 1);
        }
        return [.. chosen.Select(c => all[c.Index])];

        float Value()
        {
            var v = 0f;
            for (var c = 0; c < coverage.Length; c++) if (coverage[c] > 0) v += weight[c];
            return v;
        }
    }

    /// <summary>The distinct <see cref="Bigrams"/> of a sentence as hashes, in order of first appearance.</summary>
    /// <remarks>
    /// Hashes the pairs without joining them: every sentence of every article passes here, and the words and pairs
    /// allocated for it were a tenth of an article's analysis.
    /// </remarks>
    internal static ulong[] Concepts(string text)
    {
        var words = StemWords(text);
        var found = new List<ulong>();
        for (var i = 1; i < words.Count; i++)
        {
            if (words[i].Stop && words[i - 1].Stop) continue;
            var h = Fnv1a.Append(words[i - 1].Hash, ' ');
            foreach (var c in words[i].Stem) h = Fnv1a.Append(h, c);
            if (!found.Contains(h)) found.Add(h);
        }
        return [.. found];
    }

    /// <summary>Stemmed, lower-cased word bigrams of a sentence that are not two stop words, as "word word".</summary>
    internal static IEnumerable<string> Bigrams(string text)
    {
        var words = StemWords(text).ToList();
        for (var i = 1; i < words.Count; i++)
            if (!(words[i].Stop && words[i - 1].Stop)) yield return words[i - 1].Stem + " " + words[i].Stem;
    }

    /// <summary>
    /// The words of a sentence (runs of ASCII letters and digits), lower-cased and stemmed, with the stem's hash and
    /// whether the word is a stop word. The list is the calling thread's own, refilled by the next call.
    /// </summary>
    private static List<Word> StemWords(string text)
    {
        var words = t_words ??= [];
        words.Clear();
        var known = t_known ??= [];
        Span<char> lower = stackalloc char[64];
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsAsciiLetterOrDigit(text[i]);
            if (letter && start < 0) start = i;
            if (letter || start < 0) continue;
            var source = text.AsSpan(start, i - start);
            start = -1;
            var word = source.Length <= lower.Length ? lower[..source.Length] : new char[source.Length];
            source.ToLowerInvariant(word);
            // Looked up by the word's 64-bit hash, as Dossier's terms are: no string is made or compared for a word seen before.
            var key = Fnv1a.Hash(word);
            if (!known.TryGetValue(key, out var stemmed))
            {
                if (known.Count >= KnownWords) known.Clear();
                var w = word.ToString();
                var stem = w.Length > 3 ? PorterStemmer.Stem(w) : w;
                known[key] = stemmed = new Word(stem, Fnv1a.Hash(stem), w.Length < 2 || Terms.IsStopWord(w));
            }
            words.Add(stemmed);
        }
        return words;
    }

    private readonly record struct Word(string Stem, ulong Hash, bool Stop);

    // Bounds a thread's cache of stems: cleared when full, so a long run's memory stays bounded.
    private const int KnownWords = 50_000;

    // A thread's stems of the words it has seen: Porter's stemmer allocates a new string for every call.
    [ThreadStatic]
    private static Dictionary<ulong, Word>? t_known;

    [ThreadStatic]
    private static List<Word>? t_words;
}

using System.Text;
using Dossier.Text;

namespace Dossier.Store;

/// <summary>
/// Builds a search hit's snippet in the store's process, for the PostgreSQL store: ts_headline parses the whole text
/// again on the server, about 6 ms for a 26,000-character article, which put a page of long articles past a
/// quarter of a second. Here a word matches when its Porter stem is a query word's (the server decided which articles
/// match; this only chooses what to show). The window, <see cref="Words"/> words, is the first holding the most
/// distinct query words, moved to centre its matches; they are marked with \u0001 … \u0002 as the SQLite store's
/// snippet() marks them.
/// </summary>
internal static class SearchSnippet
{
    public const int Words = 20;
    private const string Ellipsis = "…";

    public static string Mark(string text, IReadOnlyList<string> phrases)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(phrases);
        var wanted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var phrase in phrases)
            foreach (var word in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                wanted.TryAdd(StemOf(word), wanted.Count);

        var heads = new HashSet<int>();
        foreach (var stem in wanted.Keys) heads.Add(Head(stem));

        // Word spans, and for each the query word it matches (-1 for none).
        var starts = new List<int>();
        var ends = new List<int>();
        var matches = new List<int>();
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            starts.Add(start);
            ends.Add(i);
            // Stemming keeps a word's first two letters, so most words need no stem to be told apart from the query's.
            var match = -1;
            if (heads.Contains(Head(text.AsSpan(start, i - start))) && wanted.TryGetValue(StemOf(text[start..i]), out var q)) match = q;
            matches.Add(match);
        }
        if (starts.Count == 0) return "";

        // Slide a window of Words words; keep the first with the most distinct query words, then the most matches.
        var counts = new int[wanted.Count];
        int distinct = 0, total = 0, bestStart = 0, bestDistinct = -1, bestTotal = -1;
        for (var end = 0; end < starts.Count; end++)
        {
            if (matches[end] >= 0 && counts[matches[end]]++ == 0) distinct++;
            if (matches[end] >= 0) total++;
            var begin = end - Words + 1;
            if (begin > 0 && matches[begin - 1] >= 0)
            {
                total--;
                if (--counts[matches[begin - 1]] == 0) distinct--;
            }
            if (begin >= 0 || end == starts.Count - 1)
            {
                if (distinct > bestDistinct || (distinct == bestDistinct && total > bestTotal))
                {
                    bestDistinct = distinct;
                    bestTotal = total;
                    bestStart = Math.Max(0, begin);
                }
            }
        }

        // The first best window ends on its last match: centre its matches instead, so they have context on both sides.
        if (bestDistinct > 0)
        {
            int firstMatch = -1, lastMatch = -1;
            for (var w = bestStart; w < Math.Min(starts.Count, bestStart + Words); w++)
            {
                if (matches[w] < 0) continue;
                if (firstMatch < 0) firstMatch = w;
                lastMatch = w;
            }
            bestStart = Math.Clamp((firstMatch + lastMatch) / 2 - Words / 2, 0, Math.Max(0, starts.Count - Words));
            bestStart = Math.Min(bestStart, firstMatch);
        }
        var last = Math.Min(starts.Count, bestStart + Words) - 1;
        var marked = new StringBuilder();
        if (bestStart > 0) marked.Append(Ellipsis);
        var from = starts[bestStart];
        for (var w = bestStart; w <= last; w++)
        {
            marked.Append(text, from, starts[w] - from);
            if (matches[w] >= 0) marked.Append('\u0001').Append(text, starts[w], ends[w] - starts[w]).Append('\u0002');
            else marked.Append(text, starts[w], ends[w] - starts[w]);
            from = ends[w];
        }
        if (last < starts.Count - 1) marked.Append(Ellipsis);
        return Flatten(marked);
    }

    private static int Head(ReadOnlySpan<char> word) =>
        char.ToLowerInvariant(word[0]) | (word.Length > 1 ? char.ToLowerInvariant(word[1]) << 16 : 0);

    private static string StemOf(string word) => PorterStemmer.Stem(word.ToLowerInvariant());

    // Line breaks of the article would break the snippet's single line in lists.
    private static string Flatten(StringBuilder marked)
    {
        for (var i = 0; i < marked.Length; i++)
            if (marked[i] is '\n' or '\r' or '\t') marked[i] = ' ';
        return marked.ToString();
    }
}

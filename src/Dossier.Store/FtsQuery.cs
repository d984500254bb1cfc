using System.Text;

namespace Dossier.Store;

/// <summary>
/// Turns what a user types into a full-text query that cannot be misread as FTS5 syntax: words and "quoted phrases",
/// each quoted, all required. Punctuation inside a word splits it into a phrase ("U.S." is "u s"), as the index
/// tokenised it.
/// </summary>
public static class FtsQuery
{
    /// <summary>Longest query accepted, in characters.</summary>
    public const int MaxLength = 500;

    /// <exception cref="StoreQueryException">The text is too long or has nothing to search for.</exception>
    public static string Build(string? text) => string.Join(' ', Phrases(text).Select(p => "\"" + p + "\""));

    /// <summary>The words and phrases of a query, each as its words joined by single spaces, all required.</summary>
    /// <exception cref="StoreQueryException">The text is too long or has nothing to search for.</exception>
    public static IReadOnlyList<string> Phrases(string? text)
    {
        if (text is null || text.Length == 0) throw new StoreQueryException("the search query is empty");
        if (text.Length > MaxLength) throw new StoreQueryException($"the search query is {text.Length} characters long; the limit is {MaxLength}");
        var parts = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                var end = close < 0 ? text.Length : close;
                AddPhrase(parts, text.AsSpan(i + 1, end - i - 1));
                i = end + 1;
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"') i++;
            if (i > start) AddPhrase(parts, text.AsSpan(start, i - start));
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        }
        if (parts.Count == 0) throw new StoreQueryException($"the search query '{text}' has no words to search for");
        return parts;
    }

    private static void AddPhrase(List<string> parts, ReadOnlySpan<char> span)
    {
        var words = new StringBuilder();
        var inWord = false;
        foreach (var ch in span)
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (!inWord && words.Length > 0) words.Append(' ');
                words.Append(ch);
                inWord = true;
            }
            else inWord = false;
        }
        if (words.Length > 0) parts.Add(words.ToString());
    }
}

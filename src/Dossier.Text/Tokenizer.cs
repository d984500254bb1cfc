using System.Buffers;

namespace Dossier.Text;

/// <summary>
/// Splits text into tokens by walking the characters once (no regular expressions).
/// Words keep inner hyphens (al-Assad, 70-year-old), inner apostrophes (O'Brien, wasn't) and
/// dotted abbreviations (U.S.); numbers keep their decimal point and thousands separators;
/// a possessive 's is its own token; every other symbol is a token of one character.
/// </summary>
public sealed class Tokenizer : IDocumentStage
{
    public string Name => "tokenizer";
    public Annotations Requires => Annotations.None;
    public Annotations Produces => Annotations.Tokens;

    public void Process(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.Text.AsSpan();
        // About one token per five characters in news text; the array grows if needed.
        var tokens = new TokenData[Math.Max(16, text.Length / 4)];
        var count = 0;
        var i = 0;
        var lineStart = true;
        var attached = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (c == '\n') lineStart = true;
                attached = false;
                i++;
                continue;
            }
            int end;
            TokenShape shape;
            if (char.IsLetterOrDigit(c))
            {
                end = ScanWord(text, i);
                shape = WordShape(text[i..end]);
            }
            else
            {
                end = ScanSymbol(text, i);
                shape = SymbolShape(text[i..end]);
            }
            if (lineStart) shape |= TokenShape.LineStart;
            if (attached) shape |= TokenShape.Attached;
            if (count == tokens.Length) Array.Resize(ref tokens, tokens.Length * 2);
            tokens[count++] = new TokenData(i, end - i, shape);
            lineStart = false;
            attached = true;
            i = end;
        }
        document.SetTokens(tokens, count);
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static int ScanWord(ReadOnlySpan<char> text, int start)
    {
        var j = start;
        var letters = 0;
        var periods = 0;
        while (true)
        {
            var segment = j;
            while (j < text.Length && char.IsLetterOrDigit(text[j])) j++;
            letters += j - segment;
            if (j + 1 >= text.Length) break;
            var c = text[j];
            var next = text[j + 1];
            if (c == '-' && char.IsLetterOrDigit(next)) { j++; continue; }
            if ((c is '.' or ',') && char.IsDigit(text[j - 1]) && char.IsDigit(next) && (c == '.' || IsThousands(text, j + 1))) { j++; continue; }
            if (c == '.' && j - segment == 1 && char.IsLetter(text[j - 1]) && char.IsLetter(next) && j + 2 < text.Length && text[j + 2] == '.')
            {
                // U.S., U.N., e.g.: single letters joined by periods.
                j++;
                periods++;
                continue;
            }
            if (IsApostrophe(c) && char.IsLetter(next))
            {
                // A possessive 's (or ’s) becomes its own token; other inner apostrophes stay.
                var afterS = j + 2;
                if ((next is 's' or 'S') && (afterS >= text.Length || !char.IsLetter(text[afterS]))) break;
                j++;
                continue;
            }
            break;
        }
        // The final period of a dotted abbreviation belongs to it: "U.S." not "U.S" + ".".
        if (periods > 0 && j < text.Length && text[j] == '.' && j - 1 >= start && char.IsLetter(text[j - 1])) j++;
        return j;
    }

    private static bool IsThousands(ReadOnlySpan<char> text, int at)
    {
        var k = at;
        while (k < text.Length && char.IsDigit(text[k])) k++;
        return k - at == 3;
    }

    private static int ScanSymbol(ReadOnlySpan<char> text, int start)
    {
        var c = text[start];
        if (c == '.' && start + 2 < text.Length && text[start + 1] == '.' && text[start + 2] == '.') return start + 3;
        if (IsApostrophe(c) && start + 1 < text.Length && (text[start + 1] is 's' or 'S') &&
            (start + 2 >= text.Length || !char.IsLetter(text[start + 2])) && start > 0 && char.IsLetterOrDigit(text[start - 1]))
            return start + 2; // possessive
        if ((c == '\'' && start + 1 < text.Length && text[start + 1] == '\'') || (c == '`' && start + 1 < text.Length && text[start + 1] == '`'))
            return start + 2; // PTB-style quotes
        return start + 1;
    }

    private static readonly SearchValues<char> QuoteChars = SearchValues.Create("\"\u201C\u201D\u201E\u00AB\u00BB");

    private static TokenShape SymbolShape(ReadOnlySpan<char> s)
    {
        if (s.Length == 2 && IsApostrophe(s[0]) && char.IsLetter(s[1])) return TokenShape.Word;
        var shape = TokenShape.Punctuation;
        if ((s.Length == 1 && QuoteChars.Contains(s[0])) || s is "''" or "``") shape |= TokenShape.Quote;
        if (s is "." or "!" or "?" or "..." or "\u2026") shape |= TokenShape.Terminal;
        return shape;
    }

    private static TokenShape WordShape(ReadOnlySpan<char> s)
    {
        var shape = TokenShape.None;
        var letters = 0;
        var upper = 0;
        var digits = 0;
        foreach (var c in s)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (char.IsUpper(c)) upper++;
            }
            else if (char.IsDigit(c)) digits++;
            else if (c == '.') shape |= TokenShape.InnerPeriod;
        }
        if (letters == 0) shape |= TokenShape.Number;
        else shape |= TokenShape.Word;
        if (char.IsUpper(s[0])) shape |= TokenShape.Capitalized;
        if (letters >= 2 && upper == letters) shape |= TokenShape.AllCaps;
        if (digits > 0 && letters == 0) shape |= TokenShape.Number;
        return shape;
    }
}

namespace Dossier.Text;

/// <summary>
/// Splits tokens into sentences. A sentence ends at a line break, or after . ! ? … (with any closing
/// quotes and brackets that follow) when the next token could start a sentence. A period does not end a
/// sentence after a known abbreviation (Mr., Gen., Jan.), a single capital initial (J. K. Rowling) or a
/// dotted abbreviation (U.S.) unless a line break follows. A lower-case word or a comma after ?" or !"
/// continues the sentence ("Why?" he asked).
/// </summary>
public sealed class SentenceSplitter : IDocumentStage
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "cpt", "sgt", "maj", "adm",
        "rev", "hon", "st", "mt", "ft", "jr", "sr", "inc", "corp", "ltd", "co", "no", "vs", "v", "etc", "approx",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "dept", "univ", "est", "fig",
        "pres", "supt", "cmdr", "atty", "messrs", "mme", "mlle",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> AbbreviationLookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Name => "sentences";
    public Annotations Requires => Annotations.Tokens;
    public Annotations Produces => Annotations.Sentences;

    public void Process(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var tokens = document.TokenData;
        var text = document.Text.AsSpan();
        var start = 0;
        var i = 0;
        while (i < tokens.Length)
        {
            if (i > start && (tokens[i].Shape & TokenShape.LineStart) != 0)
            {
                document.AddSentence(start, i);
                start = i;
            }
            var t = tokens[i];
            var endsHere = (t.Shape & TokenShape.Terminal) != 0 || EndsWithAbbreviationPeriod(t, text);
            if (!endsHere)
            {
                i++;
                continue;
            }
            // Absorb closers and further terminals: ?". or ." or ...) all belong to this sentence.
            var j = i + 1;
            while (j < tokens.Length && (tokens[j].Shape & TokenShape.LineStart) == 0 && IsCloser(tokens[j], text)) j++;
            if (j >= tokens.Length || (tokens[j].Shape & TokenShape.LineStart) != 0)
            {
                i = j;
                continue; // the line break (or end) closes the sentence
            }
            if (IsNonFinalPeriod(tokens, i, text) || !CanStartSentence(tokens[j], text))
            {
                i = j;
                continue;
            }
            document.AddSentence(start, j);
            start = j;
            i = j;
        }
        if (start < tokens.Length) document.AddSentence(start, tokens.Length);
    }

    private static bool EndsWithAbbreviationPeriod(TokenData t, ReadOnlySpan<char> text) =>
        (t.Shape & TokenShape.InnerPeriod) != 0 && text[t.End - 1] == '.';

    private static bool IsCloser(TokenData t, ReadOnlySpan<char> text)
    {
        if ((t.Shape & TokenShape.Terminal) != 0) return true;
        var c = text[t.Start];
        if (c is ')' or ']' or '\u201D' or '\u2019' or '\u00BB') return true;
        // A straight quote attached to the terminal before it closes the quotation.
        return (c is '"' or '\'') && (t.Shape & TokenShape.Attached) != 0;
    }

    private static bool IsNonFinalPeriod(ReadOnlySpan<TokenData> tokens, int i, ReadOnlySpan<char> text)
    {
        var t = tokens[i];
        if (EndsWithAbbreviationPeriod(t, text)) return true; // U.S. in mid-sentence is far more common
        if (text.Slice(t.Start, t.Length) is not ".") return false;
        if (i == 0 || (t.Shape & TokenShape.Attached) == 0) return false;
        var prev = tokens[i - 1];
        var word = text.Slice(prev.Start, prev.Length);
        if (word.Length == 1 && char.IsUpper(word[0])) return true; // an initial
        return AbbreviationLookup.Contains(word);
    }

    private static bool CanStartSentence(TokenData next, ReadOnlySpan<char> text)
    {
        var c = text[next.Start];
        if (char.IsLower(c)) return false;
        return c is not (',' or ';' or ':' or ')' or '-' or '\u2013' or '\u2014');
    }
}

using System.Text;

namespace Dossier.Ner;

/// <summary>One sentence of a CoNLL-style file: its tokens (first column) and, when present, the tags of its last column.</summary>
public sealed record ConllSentence(string[] Words, string[]? Tags);

/// <summary>
/// A document of a CoNLL-style file: the lines between two <c>-DOCSTART-</c> lines (or the whole file when it
/// has none), kept verbatim so they can be written back with one more column.
/// </summary>
public sealed class ConllDocument
{
    /// <summary>Every line of the document, including the <c>-DOCSTART-</c> line and blank lines.</summary>
    public List<string> Lines { get; } = [];

    /// <summary>Index into <see cref="Lines"/> of each sentence's first line.</summary>
    public List<int> SentenceLines { get; } = [];

    public List<ConllSentence> Sentences { get; } = [];
}

/// <summary>Streams a CoNLL-style file document by document. Columns are separated by spaces or tabs.</summary>
public static class ConllFile
{
    public static IEnumerable<ConllDocument> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        foreach (var d in Read(reader)) yield return d;
    }

    public static IEnumerable<ConllDocument> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var document = new ConllDocument();
        var words = new List<string>();
        var tags = new List<string>();
        var allTagged = true;
        var first = -1;
        void EndSentence()
        {
            if (words.Count == 0) return;
            document.SentenceLines.Add(first);
            document.Sentences.Add(new ConllSentence([.. words], allTagged ? [.. tags] : null));
            words.Clear();
            tags.Clear();
            allTagged = true;
        }

        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("-DOCSTART-", StringComparison.Ordinal))
            {
                EndSentence();
                if (document.Lines.Count > 0) yield return document;
                document = new ConllDocument();
                document.Lines.Add(line);
                continue;
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                EndSentence();
                document.Lines.Add(line);
                continue;
            }
            if (words.Count == 0) first = document.Lines.Count;
            document.Lines.Add(line);
            var columns = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            words.Add(columns[0]);
            if (columns.Length >= 2) tags.Add(columns[^1]);
            else allTagged = false;
        }
        EndSentence();
        if (document.Lines.Count > 0) yield return document;
    }
}

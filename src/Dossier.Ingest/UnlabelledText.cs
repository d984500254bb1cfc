using System.Net;
using System.Text.RegularExpressions;

namespace Dossier.Ingest;

/// <summary>
/// The prose of any file, for learning from unlabelled text (word clusters): articles in Dossier's own formats are
/// read as articles (title and body), CSV fields that hold prose are taken as they are, and any other file is taken
/// as text with its SGML/XML markup removed (as in TREC/DUC <c>&lt;DOC&gt;</c> files and TimeML). Folders are walked in
/// ordinal order, so the same paths always give the same texts in the same order.
/// </summary>
public static partial class UnlabelledText
{
    public static IEnumerable<InputItem> Read(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            var files = Directory.Exists(path) ? InputReader.Walk(path) : [path];
            foreach (var file in files)
                foreach (var item in ReadFile(file)) yield return item;
        }
    }

    private static IEnumerable<InputItem> ReadFile(string path)
    {
        if (!File.Exists(path)) return [InputItem.Rejected(path, "no such file or folder")];
        var extension = Path.GetExtension(path);
        if (InputReader.Formats.ContainsKey(extension)) return InputReader.ReadFile(path, new ReaderOptions { MaxBytes = 1L << 31 });
        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase)) return Csv(path);
        try
        {
            var text = InputReader.Decode(File.ReadAllBytes(path));
            text = WebUtility.HtmlDecode(Markup().Replace(text, " "));
            return [InputItem.Of(new Article(InputReader.IdFromPath(path), "", text, path))];
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return [InputItem.Rejected(path, e.Message)];
        }
    }

    /// <summary>Every field of a data row that reads as prose (four spaces or more); the header row is skipped.</summary>
    private static IEnumerable<InputItem> Csv(string path)
    {
        var row = 0;
        foreach (var fields in CsvReader.Read(path))
        {
            if (row++ == 0) continue;
            foreach (var field in fields)
            {
                if (field.Count(c => c == ' ') >= 4) yield return InputItem.Of(new Article($"{InputReader.IdFromPath(path)}:{row}", "", field, $"{path}:{row}"));
            }
        }
    }

    [GeneratedRegex("<[^<>]{0,2000}>")]
    private static partial Regex Markup();
}

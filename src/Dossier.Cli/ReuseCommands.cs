using System.CommandLine;
using System.Text;
using System.Text.Json;
using Dossier.Ingest;
using Dossier.Stories;
using Dossier.Text;

namespace Dossier.Cli;

/// <summary>Near-duplicate articles and reused sentences, through the MinHash/LSH sketch index.</summary>
internal static class ReuseCommands
{
    public static Command Reuse(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Articles in any input format, compared in input order (give them in publication order: an earlier article is the source).",
            Arity = ArgumentArity.OneOrMore,
        };
        var index = new Option<FileInfo?>("--index") { Description = "Start from this saved index (articles indexed by an earlier run count as earlier)." };
        var save = new Option<FileInfo?>("--save") { Description = "Save the index, with these articles added, to this file." };
        var command = new Command("reuse", "Find near-duplicate articles and sentences reused from earlier articles (reworded by spinners or not): one JSON line "
            + "{\"doc\", \"duplicates\", \"containment\", \"sources\", \"reused\"} per article that shares text with an earlier one. Exit code 3 when some inputs were rejected.")
        {
            paths, index, save,
        };
        command.SetAction(parse =>
        {
            ReuseIndex reuse;
            try
            {
                reuse = parse.GetValue(index) is { } file ? ReuseIndex.Load(file.FullName) : new ReuseIndex();
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"dossier: cannot load the reuse index: {e.Message}");
                return ExitCodes.Failure;
            }
            var pipeline = new Pipeline(new Tokenizer(), new SentenceSplitter());
            var rejected = 0;
            foreach (var item in InputReader.Read(parse.GetValue(paths)!))
            {
                if (item.Rejection is { } r)
                {
                    stderr.WriteLine($"dossier: rejected {r.Source}: {r.Reason}");
                    rejected++;
                    continue;
                }
                var article = item.Article!;
                var document = pipeline.Run(BoilerplateCleaner.Clean(article.Body).Text);
                var report = reuse.Add(article.Id, ReuseText.Sentences(document, Lexicon.English, SpinDetector.English));
                if (report.Duplicates.Count > 0 || report.Reused.Count > 0) stdout.WriteLine(Line(report, document));
            }
            if (parse.GetValue(save) is { } target) reuse.Save(target.FullName);
            return rejected > 0 ? ExitCodes.SomeRejected : ExitCodes.Ok;
        });
        return command;
    }

    private static string Line(ReuseReport report, Document document)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("doc", report.Article);
            w.WriteStartArray("duplicates");
            foreach (var d in report.Duplicates)
            {
                w.WriteStartObject();
                w.WriteString("doc", d.Article);
                w.WriteNumber("similarity", Math.Round(d.Similarity, 3));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("containment", Math.Round(report.Containment, 3));
            w.WriteStartArray("sources");
            foreach (var s in report.Sources) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteStartArray("reused");
            foreach (var r in report.Reused)
            {
                w.WriteStartObject();
                w.WriteNumber("sentence", r.Sentence + 1);
                w.WriteString("text", document.Sentence(r.Sentence).ToString());
                w.WriteString("from", r.Article);
                w.WriteNumber("from_sentence", r.OtherSentence + 1);
                w.WriteNumber("similarity", Math.Round(r.Similarity, 3));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

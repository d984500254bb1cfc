using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dossier.Ingest;
using Dossier.Ner;
using Dossier.Text;

namespace Dossier.Cli;

/// <summary>The named-entity commands: tag CoNLL files or raw text, train a model, score a model on a dev set.</summary>
internal static class NerCommands
{
    public static string DefaultModelPath => Path.Combine(AppContext.BaseDirectory, "models", "ner-conll2003.model");

    private static Option<FileInfo?> ModelOption() => new("--model", "-m") { Description = "NER model file (default: the bundled CoNLL-2003 model)." };

    public static Command Tag(TextWriter stdout, TextWriter stderr)
    {
        var input = new Argument<FileInfo>("FILE") { Description = "A CoNLL-style file (token in the first column, blank line between sentences), or with --text a plain-text file." };
        var text = new Option<bool>("--text") { Description = "FILE is plain text: print one JSON line per entity with its UTF-16 character offsets (end exclusive)." };
        var model = ModelOption();
        var command = new Command("ner", "Tag named entities (PER, ORG, LOC, MISC). CoNLL input: every line is written back with the predicted IOB1 tag as one more column; blank lines stay blank.")
        {
            input, text, model,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(input)!;
            if (Missing(file, stderr)) return ExitCodes.Usage;
            if (LoadModel(parse.GetValue(model), stderr) is not { } m) return ExitCodes.Usage;
            try
            {
                if (parse.GetValue(text)) TagText(m, file.FullName, stdout);
                else TagConll(m, file.FullName, stdout);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or System.Text.DecoderFallbackException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"dossier: {file.FullName}: {e.Message}");
                return ExitCodes.Failure;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void TagConll(NerModel model, string path, TextWriter stdout)
    {
        var tagger = new NerTagger(model);
        foreach (var document in ConllFile.Read(path))
        {
            var predicted = NerCorpus.Tag(tagger, document);
            var tags = new string?[document.Lines.Count];
            for (var k = 0; k < document.Sentences.Count; k++)
            {
                var iob = EntityTags.ToIob1(predicted[k], document.Sentences[k].Words.Length);
                for (var i = 0; i < iob.Length; i++) tags[document.SentenceLines[k] + i] = iob[i];
            }
            for (var l = 0; l < document.Lines.Count; l++)
            {
                var line = document.Lines[l];
                if (string.IsNullOrWhiteSpace(line)) stdout.WriteLine(line);
                else stdout.WriteLine(line + " " + (tags[l] ?? "O"));
            }
        }
    }

    private static void TagText(NerModel model, string path, TextWriter stdout)
    {
        var text = InputReader.Decode(File.ReadAllBytes(path));
        var document = new Pipeline(new Tokenizer(), new SentenceSplitter()).Run(text);
        var sentences = new List<DocumentTokens>(document.SentenceCount);
        for (var s = 0; s < document.SentenceCount; s++) sentences.Add(new DocumentTokens(document, document.Sentence(s).Start, document.Sentence(s).End));
        var spans = new NerTagger(model).TagDocument(sentences);
        for (var s = 0; s < spans.Length; s++)
        {
            var first = document.Sentence(s).Start;
            foreach (var e in spans[s])
            {
                var start = document.Token(first + e.Start).Start;
                var end = document.Token(first + e.End - 1).End;
                stdout.WriteLine(JsonSerializer.Serialize(new NerEntityLine(start, end, e.Type, text[start..end]), NerJsonContext.Default.NerEntityLine));
            }
        }
    }

    public static Command Train(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<FileInfo[]>("TRAIN") { Description = "CoNLL-style training files (token first column, IOB tag last).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Where to write the model.", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Seed of the first run's document order (run k uses seed + k).", DefaultValueFactory = _ => 1 };
        var runs = new Option<int>("--runs") { Description = "Independent training runs (seeds --seed, --seed + 1, …) whose weights are averaged: steadier than one run, as fast to tag.", DefaultValueFactory = _ => 1 };
        var minWeight = new Option<float>("--min-weight") { Description = "Drop features whose averaged weights all lie closer to zero than this: a smaller, faster model.", DefaultValueFactory = _ => 1e-3f };
        var passes = new Option<int>("--passes")
        {
            Description = "2 adds a second pass that also sees how the first tagged each word across the whole document (better, slower to tag).",
            DefaultValueFactory = _ => 1,
        };
        var dev = new Option<FileInfo?>("--dev") { Description = "A CoNLL file to score after each epoch (for tuning; never the test set)." };
        var unlabelled = new Option<string[]>("--unlabelled")
        {
            Description = "Files or folders of unlabelled text (any format; markup is stripped) to learn word clusters from, together with the training words.",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("ner", "Train the named-entity model (averaged perceptron) from CoNLL files. The same files always give the same model bytes.")
        {
            files, output, epochs, seed, runs, minWeight, passes, dev, unlabelled,
        };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(files)!;
            if (paths.Any(f => Missing(f, stderr))) return ExitCodes.Usage;
            if (parse.GetValue(runs) < 1 || !(parse.GetValue(minWeight) >= 0) || parse.GetValue(passes) is not (1 or 2))
            {
                stderr.WriteLine("dossier: --runs must be at least 1, --min-weight at least 0 and --passes 1 or 2");
                return ExitCodes.Usage;
            }
            List<TrainingDocument> documents;
            try
            {
                documents = paths.SelectMany(f => ConllFile.Read(f.FullName).Select(d => NerCorpus.ToTraining(d, f.FullName))).ToList();
            }
            catch (Exception e) when (e is InvalidDataException or IOException or System.Text.DecoderFallbackException)
            {
                stderr.WriteLine($"dossier: {e.Message}");
                return ExitCodes.Usage;
            }
            if (parse.GetValue(dev) is { } devFile && Missing(devFile, stderr)) return ExitCodes.Usage;
            var devDocs = parse.GetValue(dev) is { } d ? ConllFile.Read(d.FullName).ToList() : null;
            var stopwatch = Stopwatch.StartNew();
            var clusters = WordClusters.Empty;
            if (parse.GetValue(unlabelled) is { Length: > 0 } sources)
            {
                clusters = WordClusters.Build(ClusterSentences(documents, sources, stderr));
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clustered {clusters.Count:N0} words ({stopwatch.Elapsed.TotalSeconds:F0} s)"));
            }
            var model = NerTrainer.Train(documents, parse.GetValue(epochs), clusters, seed: parse.GetValue(seed), runs: parse.GetValue(runs), minWeight: parse.GetValue(minWeight), passes: parse.GetValue(passes), onEpoch: (e, accuracy) =>
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {e}: training token accuracy {accuracy:P2} ({stopwatch.Elapsed.TotalSeconds:F0} s)")));
            var path = parse.GetValue(output)!.FullName;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var file = File.Create(path)) model.Save(file);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {path}: {model.FeatureCount} features{(model.Second is { } second ? $", {second.FeatureCount} in the second pass" : "")}"));
            if (devDocs is not null) Report(NerCorpus.Score(model, devDocs), stdout);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The training sentences, then every sentence of the unlabelled sources (unreadable files are reported and skipped).</summary>
    private static IEnumerable<IReadOnlyList<string>> ClusterSentences(List<TrainingDocument> documents, string[] sources, TextWriter stderr)
    {
        foreach (var d in documents)
            foreach (var (words, _) in d.Sentences) yield return words;
        var pipeline = new Pipeline(new Tokenizer(), new SentenceSplitter());
        foreach (var item in UnlabelledText.Read(sources))
        {
            if (item.Rejection is { } r)
            {
                stderr.WriteLine($"dossier: {r.Source}: {r.Reason}");
                continue;
            }
            var article = item.Article!;
            foreach (var text in new[] { article.Title, article.Body })
            {
                if (string.IsNullOrWhiteSpace(text)) continue;
                var document = pipeline.Run(text);
                foreach (var sentence in document.Sentences)
                {
                    var words = new string[sentence.End - sentence.Start];
                    for (var i = 0; i < words.Length; i++) words[i] = document.Token(sentence.Start + i).Text.ToString();
                    yield return words;
                }
            }
        }
    }

    public static Command Eval(TextWriter stdout, TextWriter stderr)
    {
        var gold = new Argument<FileInfo>("GOLD") { Description = "A CoNLL file with gold tags in its last column (e.g. eng.testa)." };
        var model = ModelOption();
        var command = new Command("ner", "Score the NER model on a CoNLL file: exact-match phrase precision, recall and F1, overall and per type.") { gold, model };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(gold)!;
            if (Missing(file, stderr)) return ExitCodes.Usage;
            if (LoadModel(parse.GetValue(model), stderr) is not { } m) return ExitCodes.Usage;
            Report(NerCorpus.Score(m, ConllFile.Read(file.FullName)), stdout);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static bool Missing(FileInfo file, TextWriter stderr)
    {
        if (file.Exists) return false;
        stderr.WriteLine($"dossier: {file.FullName}: no such file");
        return true;
    }

    internal static NerModel? LoadModel(FileInfo? file, TextWriter stderr)
    {
        var path = file?.FullName ?? DefaultModelPath;
        try
        {
            return NerModel.Load(path);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"dossier: cannot read NER model {path}: {e.Message}");
            return null;
        }
    }

    private static void Report(NerScorer scorer, TextWriter stdout)
    {
        static string Line(string name, PhraseScore s) => string.Create(CultureInfo.InvariantCulture,
            $"{name,-8} precision {s.Precision,6:F2}  recall {s.Recall,6:F2}  F1 {s.F1,6:F2}  (gold {s.Gold}, predicted {s.Predicted}, correct {s.Correct})");
        foreach (var (type, score) in scorer.ByType) stdout.WriteLine(Line(type, score));
        stdout.WriteLine(Line("overall", scorer.Overall));
    }
}

internal sealed record NerEntityLine(int Start, int End, string Type, string Text);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(NerEntityLine))]
internal sealed partial class NerJsonContext : JsonSerializerContext;

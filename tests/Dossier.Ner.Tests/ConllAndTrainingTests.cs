namespace Dossier.Ner.Tests;

public class ConllAndTrainingTests
{
    private const string Sample = """
        -DOCSTART- -X- O O

        Angela NNP I-PER
        Merkel NNP I-PER
        visited VBD O
        Paris NNP I-LOC
        . . O

        Siemens NNP I-ORG
        hired VBD O
        Anna NNP I-PER
        .  . O
        """;

    [Fact]
    public void Documents_keep_every_line_and_know_where_sentences_start()
    {
        var d = Assert.Single(ConllFile.Read(new StringReader(Sample)));
        Assert.Equal(12, d.Lines.Count);
        Assert.Equal([2, 8], d.SentenceLines);
        Assert.Equal(["Angela", "Merkel", "visited", "Paris", "."], d.Sentences[0].Words);
        Assert.Equal("I-LOC", d.Sentences[0].Tags![3]);
    }

    [Fact]
    public void A_file_without_tags_has_sentences_without_tags()
    {
        var d = Assert.Single(ConllFile.Read(new StringReader("Hello\nworld\n\nAgain\n")));
        Assert.All(d.Sentences, s => Assert.Null(s.Tags));
        Assert.Equal(2, d.Sentences.Count);
    }

    private static List<TrainingDocument> Synthetic()
    {
        // Composed sentences: people before "said", places after "in", companies before "shares".
        string[] people = ["Anna Berg", "Tom Reyes", "Mia Holt", "Leo Park", "Ida Moss"];
        string[] places = ["Lisbon", "Oslo", "Quito", "Accra", "Hanoi"];
        string[] companies = ["Vexa", "Norcom", "Plenta", "Orbix", "Kalio"];
        var docs = new List<TrainingDocument>();
        for (var i = 0; i < 40; i++)
        {
            var person = people[i % 5].Split(' ');
            var words = person.Concat(["said", "talks", "in", places[(i + 1) % 5], "ended", ",", "and", companies[(i + 2) % 5], "shares", "rose", "."]).ToArray();
            var spans = new List<TaggedSpan> { new(0, 2, "PER"), new(5, 6, "LOC"), new(9, 10, "ORG") };
            docs.Add(new TrainingDocument([(words, EntityTags.ToBilou(spans, words.Length))]));
        }
        return docs;
    }

    [Fact]
    public void The_perceptron_learns_composed_patterns_and_generalises_to_new_names()
    {
        var model = NerTrainer.Train(Synthetic(), epochs: 5);
        var tagger = new NerTagger(model);
        string[] sentence = ["Zoe", "Lund", "said", "talks", "in", "Lima", "ended", ",", "and", "Brightco", "shares", "rose", "."];
        var spans = tagger.TagDocument([new StringTokens(sentence)])[0];
        Assert.Contains(new TaggedSpan(0, 2, "PER"), spans);
        Assert.Contains(new TaggedSpan(5, 6, "LOC"), spans);
        Assert.Contains(new TaggedSpan(9, 10, "ORG"), spans);
    }

    private static byte[] Bytes(NerModel m)
    {
        using var s = new MemoryStream();
        m.Save(s);
        return s.ToArray();
    }

    [Fact]
    public void Training_is_deterministic_and_the_model_round_trips()
    {
        var a = Bytes(NerTrainer.Train(Synthetic(), epochs: 3));
        var b = Bytes(NerTrainer.Train(Synthetic(), epochs: 3));
        Assert.Equal(a, b);
        var loaded = NerModel.Load(new MemoryStream(a));
        Assert.Equal(a, Bytes(loaded));
    }

    [Fact]
    public void Several_runs_average_to_one_deterministic_model_and_small_weights_are_dropped()
    {
        var one = NerTrainer.Train(Synthetic(), epochs: 3);
        var averaged = NerTrainer.Train(Synthetic(), epochs: 3, runs: 3);
        Assert.Equal(Bytes(averaged), Bytes(NerTrainer.Train(Synthetic(), epochs: 3, runs: 3)));
        // Runs that saw the documents in other orders made other updates: their average is another model.
        Assert.NotEqual(Bytes(one), Bytes(averaged));
        var tagger = new NerTagger(averaged);
        string[] sentence = ["Zoe", "Lund", "said", "talks", "in", "Lima", "ended", ",", "and", "Brightco", "shares", "rose", "."];
        Assert.Contains(new TaggedSpan(0, 2, "PER"), tagger.TagDocument([new StringTokens(sentence)])[0]);
        var pruned = NerTrainer.Train(Synthetic(), epochs: 3, runs: 3, minWeight: 0.5f);
        Assert.InRange(pruned.FeatureCount, 1, averaged.FeatureCount - 1);
    }

    /// <summary>
    /// Documents whose first sentence ("X won .") cannot tell a company from a place; only a later sentence can
    /// ("Then X shares rose ." or "Talks in X ended .").
    /// </summary>
    private static TrainingDocument Ambiguous(string name, bool company)
    {
        var type = company ? "ORG" : "LOC";
        string[] first = [name, "won", "."];
        string[] second = company ? ["Then", name, "shares", "rose", "."] : ["Talks", "in", name, "ended", "."];
        var at = company ? 1 : 2;
        return new TrainingDocument([
            (first, EntityTags.ToBilou([new TaggedSpan(0, 1, type)], first.Length)),
            (second, EntityTags.ToBilou([new TaggedSpan(at, at + 1, type)], second.Length)),
        ]);
    }

    [Fact]
    public void A_second_pass_types_a_name_from_what_the_document_says_of_it_later()
    {
        string[] names = ["Vexa", "Norcom", "Plenta", "Orbix", "Kalio", "Quito", "Accra", "Hanoi", "Lisbon", "Oslo", "Dakar", "Lima"];
        var docs = Enumerable.Range(0, 48).Select(i => Ambiguous(names[i % names.Length], company: i / names.Length % 2 == 0)).ToList();
        var onePass = NerTrainer.Train(docs, epochs: 5);
        var twoPass = NerTrainer.Train(docs, epochs: 5, passes: 2);
        Assert.Null(onePass.Second);
        Assert.NotNull(twoPass.Second);

        string FirstType(NerModel model, bool company)
        {
            var doc = Ambiguous("Brightco", company);
            var spans = new NerTagger(model).TagDocument(doc.Sentences.Select(s => new StringTokens(s.Words)).ToList());
            return spans[0] is [var only] && only.Start == 0 && only.End == 1 ? only.Type : "none";
        }
        // One pass reads the first sentence alike in both documents, so it cannot be right in both.
        Assert.False(FirstType(onePass, company: true) == "ORG" && FirstType(onePass, company: false) == "LOC");
        Assert.Equal("ORG", FirstType(twoPass, company: true));
        Assert.Equal("LOC", FirstType(twoPass, company: false));

        // A tagger that has seen a very long document tags the next one as a fresh tagger does.
        var tagger = new NerTagger(twoPass);
        var longDocument = Enumerable.Range(0, 300).SelectMany(_ => Ambiguous("Brightco", company: true).Sentences).Select(s => new StringTokens(s.Words)).ToList();
        Assert.Equal(600, tagger.TagDocument(longDocument).Length);
        var place = Ambiguous("Brightco", company: false).Sentences.Select(s => new StringTokens(s.Words)).ToList();
        Assert.Equal(new NerTagger(twoPass).TagDocument(place), tagger.TagDocument(place));

        var bytes = Bytes(twoPass);
        var loaded = NerModel.Load(new MemoryStream(bytes));
        Assert.NotNull(loaded.Second);
        Assert.Equal(bytes, Bytes(loaded));
        Assert.Equal("LOC", FirstType(loaded, company: false));
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused_clearly()
    {
        var e = Assert.Throws<InvalidDataException>(() => NerModel.Load(new MemoryStream("not a model at all"u8.ToArray())));
        Assert.Contains("model", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}

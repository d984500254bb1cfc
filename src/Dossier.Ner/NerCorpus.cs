namespace Dossier.Ner;

/// <summary>Turns CoNLL documents into training documents and tags CoNLL documents with a model.</summary>
public static class NerCorpus
{
    /// <exception cref="InvalidDataException">A sentence has a token without a tag column.</exception>
    public static TrainingDocument ToTraining(ConllDocument document, string source)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sentences = new List<(string[], int[])>();
        for (var k = 0; k < document.Sentences.Count; k++)
        {
            var s = document.Sentences[k];
            if (s.Tags is null) throw new InvalidDataException($"{source}:{document.SentenceLines[k] + 1}: sentence has a token without a tag column");
            sentences.Add((s.Words, EntityTags.ToBilou(EntityTags.FromIob(s.Tags), s.Words.Length)));
        }
        return new TrainingDocument(sentences);
    }

    /// <summary>The predicted phrases of every sentence of the document.</summary>
    public static List<TaggedSpan>[] Tag(NerTagger tagger, ConllDocument document)
    {
        ArgumentNullException.ThrowIfNull(tagger);
        ArgumentNullException.ThrowIfNull(document);
        return tagger.TagDocument(document.Sentences.Select(s => new StringTokens(s.Words)).ToList());
    }

    /// <summary>Tags gold documents with the model and scores the phrases against their gold tags.</summary>
    public static NerScorer Score(NerModel model, IEnumerable<ConllDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(documents);
        var scorer = new NerScorer();
        var tagger = new NerTagger(model);
        foreach (var d in documents)
        {
            var predicted = Tag(tagger, d);
            for (var k = 0; k < d.Sentences.Count; k++) scorer.Add(EntityTags.FromIob(d.Sentences[k].Tags ?? []), predicted[k]);
        }
        return scorer;
    }
}

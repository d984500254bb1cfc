namespace Dossier.Text;

/// <summary>
/// One step of per-document analysis. A stage reads the annotations it <see cref="Requires"/> and
/// writes those it <see cref="Produces"/>; it must be safe to call from several threads on different documents.
/// </summary>
public interface IDocumentStage
{
    string Name { get; }
    Annotations Requires { get; }
    Annotations Produces { get; }
    void Process(Document document);
}

/// <summary>
/// An ordered list of stages. The order is the one given: nothing is re-sorted. Building checks that
/// each stage's requirements are produced by an earlier stage and names the stage and annotation that are missing.
/// Immutable and thread-safe once built.
/// </summary>
public sealed class Pipeline
{
    private readonly IDocumentStage[] _stages;

    public Pipeline(params IDocumentStage[] stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        var available = Annotations.None;
        foreach (var stage in stages)
        {
            var missing = stage.Requires & ~available;
            if (missing != Annotations.None)
                throw new InvalidOperationException($"Stage '{stage.Name}' requires {missing}, which no earlier stage produces.");
            available |= stage.Produces;
        }
        _stages = stages;
        Produces = available;
    }

    public Annotations Produces { get; }

    public IReadOnlyList<IDocumentStage> Stages => _stages;

    /// <summary>
    /// The rules-only English pipeline: tokens, sentences, rule-based entities, quotes. The digest replaces the entity
    /// stage with the trained model (<c>ArticleAnalyzer.Default</c> in Dossier.Stories); this one needs no model file.
    /// </summary>
    public static Pipeline Default { get; } = new(new Tokenizer(), new SentenceSplitter(), new EntityRecognizer(), new QuoteFinder());

    public Document Run(string text)
    {
        var document = new Document(text);
        Run(document);
        return document;
    }

    public void Run(Document document)
    {
        foreach (var stage in _stages)
        {
            stage.Process(document);
            document.MarkAnnotated(stage.Produces);
        }
    }
}

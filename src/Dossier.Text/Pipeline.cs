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
    /// The rules-only English pipeline: tokens, sentences, rule-based entities, quotes, times. The digest replaces the entity
    /// stage with the trained model (<c>ArticleAnalyzer.Default</c> in Dossier.Stories); this one needs no model file.
    /// </summary>
    public static Pipeline Default { get; } = new(new Tokenizer(), new SentenceSplitter(), new EntityRecognizer(), new QuoteFinder(), new TimeTagger());

    /// <summary>Just what temporal expressions need: tokens, sentences, times.</summary>
    public static Pipeline Times { get; } = new(new Tokenizer(), new SentenceSplitter(), new TimeTagger());

    public Document Run(string text) => Run(text, null);

    /// <summary>Runs the stages on a text written on <paramref name="creationDate"/> (null when unknown).</summary>
    public Document Run(string text, DateOnly? creationDate)
    {
        var document = new Document(text) { CreationDate = creationDate };
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

using System.Globalization;
using Dossier.Ingest;
using Dossier.Text;

namespace Dossier.Stories;

/// <summary>A sentence kept for summaries and citations, with its content terms. A class, not a record: it caches.</summary>
public sealed class CandidateSentence(int Index, string Text, TermVector Terms, bool Eligible)
{
    private ulong[]? _concepts;

    public int Index { get; } = Index;
    public string Text { get; } = Text;
    public TermVector Terms { get; } = Terms;
    public bool Eligible { get; } = Eligible;

    /// <summary>
    /// The sentence's summary concepts (<see cref="ConceptCoverage"/>), each once, in order of appearance. Computed on
    /// first use and kept: a story is summarised again each time it grows, and stemming its sentences anew each time
    /// was most of the cost.
    /// </summary>
    public IReadOnlyList<ulong> Concepts => _concepts ??= ConceptCoverage.Concepts(Text);
}

/// <summary>An entity surface form and how often the article mentions it.</summary>
public readonly record struct MentionCount(string Surface, EntityType Type, int Count);

/// <summary>A quotation with the speaker mention's text and, when the mention resolved to a named entity, that entity's surface.</summary>
public sealed record QuoteInfo(string Text, string? SpeakerMention, string? SpeakerEntity);

/// <summary>
/// What the cross-document layer keeps of an article after per-document analysis: compact features,
/// not the token arrays, so a story can hold many articles.
/// </summary>
public sealed class AnalyzedArticle
{
    public required Article Article { get; init; }
    public required int SentenceCount { get; init; }
    private TermVector _terms;
    private TermVector _names = TermVector.Empty;
    private IReadOnlyList<CandidateSentence> _sentences = [];
    private IReadOnlyList<MentionCount> _mentions = [];

    /// <summary>Term frequencies of title and body; empty once the article has joined a story.</summary>
    public required TermVector Terms { get => _terms; init => _terms = value; }
    /// <summary>Name-term frequencies of the body (<see cref="Stories.Terms.CollectNames"/>); empty once the article has joined a story.</summary>
    public TermVector Names { get => _names; init => _names = value; }
    public required TermVector TitleTerms { get; init; }
    /// <summary>Candidate summary sentences; empty once the story's sentence pool has taken them.</summary>
    public required IReadOnlyList<CandidateSentence> Sentences { get => _sentences; init => _sentences = value; }
    /// <summary>Entity mentions by surface; empty once the story has counted them.</summary>
    public required IReadOnlyList<MentionCount> Mentions { get => _mentions; init => _mentions = value; }
    public required IReadOnlyList<QuoteInfo> Quotes { get; init; }
    /// <summary>Index of the article's first candidate sentence (its lead), or -1.</summary>
    public int LeadSentence { get; init; } = -1;
    /// <summary>Events the article dates, for the story's timeline.</summary>
    public required IReadOnlyList<DatedEvent> Events { get; init; }
    /// <summary>The body after cleaning, as the sentences index it; empty once the article has joined a story.</summary>
    public string Text { get => _text; init => _text = value; }
    private string _text = "";
    /// <summary>Position in the input; breaks ties so that output order never depends on threads.</summary>
    public int Order { get; set; }
    /// <summary>The outlet, or the article id when the outlet is unknown (each unknown source counts once).</summary>
    public string OutletKey => Article.Outlet ?? "article:" + Article.Id;

    /// <summary>Drops what its story has taken or no longer needs, so a long run holds only what stories show.</summary>
    public void Release()
    {
        _terms = TermVector.Empty;
        _text = "";
        _names = TermVector.Empty;
        _sentences = [];
        _mentions = [];
    }
}

/// <summary>
/// Runs cleaning and the per-document pipeline on one article and keeps its compact features.
/// Thread-safe: call it from many threads on different articles.
/// </summary>
/// <param name="termsOnly">Keep only what placing the article in a story needs (terms and names), for clustering alone.</param>
public sealed class ArticleAnalyzer(Pipeline pipeline, Lexicon lexicon, bool termsOnly = false)
{
    private const int MaxSentencesKept = 25;

    // The entity model's word classes, when the pipeline has one: they tell ordinary words from names in title case.
    private readonly Dossier.Ner.WordClusters? _words = pipeline.Stages.OfType<Dossier.Ner.NamedEntityStage>().FirstOrDefault()?.Model.Clusters;

    public static ArticleAnalyzer Default { get; } = new(
        new Pipeline(new Tokenizer(), new SentenceSplitter(), Dossier.Ner.NamedEntityStage.Default, new QuoteFinder(), new TimeTagger()), Lexicon.English);

    /// <summary>
    /// What summarising given documents needs: <see cref="Default"/> without time expressions, which only a story's
    /// timeline shows (about a tenth of the analysis).
    /// </summary>
    public static ArticleAnalyzer Summaries { get; } = new(
        new Pipeline(new Tokenizer(), new SentenceSplitter(), Dossier.Ner.NamedEntityStage.Default, new QuoteFinder()), Lexicon.English);

    /// <summary>
    /// Terms and names for clustering, from tokens and sentences alone: several times faster than <see cref="Default"/>,
    /// and the same stories except where the entity model would have merged a place's official and short names.
    /// </summary>
    public static ArticleAnalyzer Clustering { get; } = new(new Pipeline(new Tokenizer(), new SentenceSplitter()), Lexicon.English, termsOnly: true);

    /// <summary>The per-document stages this analyzer runs.</summary>
    public Pipeline Pipeline => pipeline;

    /// <summary>Each input's article analysed on <paramref name="parallelism"/> threads, with its rejection, in input order.</summary>
    public IEnumerable<(AnalyzedArticle? Analyzed, Rejection? Rejection)> AnalyzeAll(IEnumerable<InputItem> items, int parallelism, CancellationToken cancellationToken = default) =>
        OrderedParallel.Map(items,
            item => item.Article is { } a ? (Analyze(a), item.Rejection) : ((AnalyzedArticle?)null, item.Rejection),
            parallelism: Math.Max(1, parallelism), cancellationToken: cancellationToken);

    public AnalyzedArticle Analyze(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var cleaned = BoilerplateCleaner.Clean(article.Body);
        article.Removed.AddRange(cleaned.Removed);
        if (cleaned.Author is not null && article.Author is null) article.Author = cleaned.Author;
        // Relative dates resolve against the day the article carries; without one their year stays unknown.
        var document = pipeline.Run(cleaned.Text, article.Published is { } published ? DateOnly.FromDateTime(published.DateTime) : null);
        // The raw body is not needed past this point; letting it go keeps a long run's memory to what stories hold.
        article.Body = "";
        var title = pipeline.Run(article.Title);

        var terms = new List<ulong>(document.TokenCount);
        Terms.Collect(document, 0, document.TokenCount, terms, lexicon);
        var titleTerms = new List<ulong>();
        Terms.Collect(title, 0, title.TokenCount, titleTerms, lexicon);
        terms.AddRange(titleTerms);

        var names = new List<ulong>();
        Terms.CollectNames(document, names);
        if (termsOnly)
        {
            return new AnalyzedArticle
            {
                Article = article, SentenceCount = document.SentenceCount, Terms = TermVector.FromCounts(terms), Names = TermVector.FromCounts(names),
                TitleTerms = TermVector.FromCounts(titleTerms), Sentences = [], Mentions = [], Quotes = [], Events = [],
            };
        }

        var sentences = new List<CandidateSentence>();
        var sentenceTerms = new List<ulong>();
        for (var s = 0; s < document.SentenceCount && sentences.Count < MaxSentencesKept; s++)
        {
            var span = document.Sentence(s);
            sentenceTerms.Clear();
            Terms.Collect(document, span.Start, span.End, sentenceTerms, lexicon);
            if (sentenceTerms.Count < 3) continue;
            var sentence = new CandidateSentence(s, SentenceCompressor.Compress(span.ToString()), TermVector.FromCounts(sentenceTerms), IsEligible(document, span, lexicon));
            // Here, on the analysis threads, rather than later on the one thread that places and summarises stories.
            _ = sentence.Concepts;
            sentences.Add(sentence);
        }

        var spin = SpinDetector.English.Examine(document);
        if (spin.Score >= SpinDetector.MinScore)
            article.Flags.Add(new Flag("spun-wording", string.Create(CultureInfo.InvariantCulture, $"score {spin.Score:0.##}: {spin.Describe()}")));
        if (article.Title.Length > 0) HeadlineChecks.Check(article, title, document, cleaned.Text, lexicon, _words);

        // Places do not speak: a name tagged as a place that speaks a quotation, and that the lexicon does not know as a
        // place (whose government may speak for it: "Moscow said"), is a person wherever the article names it.
        var speakers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var quote in document.Quotes)
        {
            if (quote.Entity < 0 || document.Entities[quote.Entity].Type != EntityType.Place) continue;
            var surface = document.EntitySpan(document.Entities[quote.Entity]).ToString();
            if (lexicon.CanonicalPlace(surface) is null) speakers.Add(surface);
        }
        var counts = new Dictionary<(string, EntityType), int>();
        foreach (var mention in document.Entities)
        {
            var surface = document.EntitySpan(mention).ToString();
            if (mention.Type == EntityType.Other && mention.End - mention.Start == 1 && lexicon.IsDemonym(surface)) continue;
            var type = mention.Type == EntityType.Place && speakers.Contains(surface) ? EntityType.Person : mention.Type;
            counts[(surface, type)] = counts.GetValueOrDefault((surface, type)) + 1;
        }
        var mentions = counts.Select(kv => new MentionCount(kv.Key.Item1, kv.Key.Item2, kv.Value))
            .OrderBy(m => m.Surface, StringComparer.Ordinal).ThenBy(m => m.Type).ToList();

        var quotes = new List<QuoteInfo>();
        foreach (var quote in document.Quotes)
        {
            var text = document.Text[quote.Start..quote.End].Trim();
            if (text.Length == 0) continue;
            var speaker = quote.HasSpeaker ? document.Span(quote.SpeakerStart, quote.SpeakerEnd).ToString() : null;
            var entity = quote.Entity >= 0 ? document.EntitySpan(document.Entities[quote.Entity]).ToString() : null;
            quotes.Add(new QuoteInfo(text, speaker, entity));
        }

        return new AnalyzedArticle
        {
            Article = article,
            Text = cleaned.Text,
            SentenceCount = document.SentenceCount,
            Terms = TermVector.FromCounts(terms),
            Names = TermVector.FromCounts(names),
            TitleTerms = TermVector.FromCounts(titleTerms),
            Sentences = sentences,
            LeadSentence = sentences.Count > 0 ? sentences[0].Index : -1,
            Mentions = mentions,
            Quotes = quotes,
            Events = Timeline.Events(document),
        };
    }

    /// <summary>
    /// A sentence may stand in a summary when it is a whole declarative sentence that reads on its own:
    /// 6 to 55 words; starts with a capital letter or an opening quote; ends with . or ! (possibly inside a
    /// closing quote); no question mark; balanced quotation marks; does not open with a pronoun, conjunction or "The
    /// two …" that points back to a sentence the reader has not seen, nor answer one ("indeed", an early "however");
    /// and a sentence that opens with a quotation has a
    /// verb of saying (a quote with no speaker is not a summary sentence).
    /// </summary>
    internal static bool IsEligible(Document document, Span sentence, Lexicon lexicon)
    {
        var words = 0;
        var straightQuotes = 0;
        var hasSpeechVerb = false;
        for (var i = sentence.Start; i < sentence.End; i++)
        {
            var t = document.Token(i);
            if (t.Is(TokenShape.Word)) words++;
            var text = t.Text;
            if (text is "?") return false;
            // "indeed" and an early "however" answer what came before.
            if (text.Equals("indeed", StringComparison.OrdinalIgnoreCase)) return false;
            if (i - sentence.Start < 6 && text.Equals("however", StringComparison.OrdinalIgnoreCase)) return false;
            if (text is "\"") straightQuotes++;
            if (lexicon.IsSpeechVerb(text)) hasSpeechVerb = true;
        }
        if (words < 6 || words > 55 || straightQuotes % 2 != 0) return false;
        var first = sentence[0];
        var firstText = first.Text;
        if (first.Is(TokenShape.Quote))
        {
            if (!hasSpeechVerb) return false;
        }
        else if (!first.Is(TokenShape.Capitalized)) return false;
        if (firstText is "He" or "She" or "It" or "They" or "This" or "That" or "These" or "Those" or "But" or "And" or "Or" or "So" or "Also" or "Yet" or "His" or "Her" or "Their" or "Its")
            return false;
        // "The two men outlined…" names people the sentences before introduced.
        if (firstText is "The" && sentence.Length > 1 && sentence[1].Text is "two" or "three" or "four" or "five" or "six" or "both") return false;
        // "On Monday, he appeared…": a pronoun that opens the clause after a short opening phrase points back as well.
        for (var i = sentence.Start + 1; i < sentence.End - 1 && i - sentence.Start <= 6; i++)
        {
            if (document.Token(i).Text is not ",") continue;
            if (document.Token(i + 1).Text is "he" or "she" or "it" or "they" or "his" or "her" or "their" or "its") return false;
            break;
        }
        // Find the last non-closer token: it must be . or !
        for (var i = sentence.End - 1; i >= sentence.Start; i--)
        {
            var t = document.Token(i);
            if (t.Is(TokenShape.Quote) || t.Text is ")" or "]") continue;
            return t.Text is "." or "!";
        }
        return false;
    }
}

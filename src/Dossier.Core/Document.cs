namespace Dossier;

/// <summary>
/// One piece of text and every annotation over it. Tokens, sentences, entity mentions and quotes
/// are views (index ranges) over <see cref="Text"/>; the text is never copied. Not thread-safe while
/// stages are writing to it; safe to read from many threads once the pipeline has finished.
/// </summary>
public sealed class Document
{
    private TokenData[] _tokens = [];
    private int _tokenCount;
    private readonly List<Range32> _sentences = [];
    private readonly List<EntityMention> _entities = [];
    private readonly List<QuoteMention> _quotes = [];
    private readonly List<TimeMention> _times = [];

    public Document(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
    }

    public string Text { get; }

    /// <summary>
    /// The day the text was written (an article's publication date, a TimeML document's creation time): relative
    /// expressions such as "yesterday" are resolved against it. Null when unknown; nothing falls back to the clock.
    /// </summary>
    public DateOnly? CreationDate { get; init; }

    /// <summary>Annotations that stages have written so far.</summary>
    public Annotations Annotated { get; private set; }

    public int TokenCount => _tokenCount;
    public int SentenceCount => _sentences.Count;
    public IReadOnlyList<EntityMention> Entities => _entities;
    public IReadOnlyList<QuoteMention> Quotes => _quotes;
    public IReadOnlyList<TimeMention> Times => _times;

    public Token Token(int index)
    {
        if ((uint)index >= (uint)_tokenCount) ThrowHelper.IndexOutOfRange(nameof(index), index, _tokenCount);
        return new Token(this, index);
    }

    internal ref readonly TokenData Data(int index) => ref _tokens[index];

    /// <summary>Raw token records, for stages that walk tokens in a tight loop.</summary>
    public ReadOnlySpan<TokenData> TokenData => _tokens.AsSpan(0, _tokenCount);

    public Span Span(int start, int end)
    {
        if (start < 0 || end > _tokenCount || start > end) ThrowHelper.BadRange(start, end, _tokenCount);
        return new Span(this, start, end);
    }

    public Span Sentence(int index) => new(this, _sentences[index].Start, _sentences[index].End);

    public IEnumerable<Span> Sentences
    {
        get
        {
            for (var i = 0; i < _sentences.Count; i++) yield return Sentence(i);
        }
    }

    public Span EntitySpan(in EntityMention mention) => new(this, mention.Start, mention.End);

    /// <summary>Index of the sentence that holds a token, or -1 before sentences are annotated.</summary>
    public int SentenceOf(int token)
    {
        int lo = 0, hi = _sentences.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = _sentences[mid];
            if (token < s.Start) hi = mid - 1;
            else if (token >= s.End) lo = mid + 1;
            else return mid;
        }
        return -1;
    }

    /// <summary>Index of the first token that starts at or after a character offset.</summary>
    public int TokenAtOrAfter(int charOffset)
    {
        int lo = 0, hi = _tokenCount;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_tokens[mid].Start < charOffset) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    public void SetTokens(TokenData[] tokens, int count)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (count < 0 || count > tokens.Length) throw new ArgumentOutOfRangeException(nameof(count));
        _tokens = tokens;
        _tokenCount = count;
        Annotated |= Annotations.Tokens;
    }

    public void AddSentence(int start, int end)
    {
        if (start < 0 || end > _tokenCount || start >= end) ThrowHelper.BadRange(start, end, _tokenCount);
        if (_sentences.Count > 0 && _sentences[^1].End > start)
            throw new InvalidOperationException("Sentences must be added in order and must not overlap.");
        _sentences.Add(new Range32(start, end));
        Annotated |= Annotations.Sentences;
    }

    public void AddEntity(EntityMention mention)
    {
        if (mention.Start < 0 || mention.End > _tokenCount || mention.Start >= mention.End)
            ThrowHelper.BadRange(mention.Start, mention.End, _tokenCount);
        _entities.Add(mention);
    }

    public void AddQuote(QuoteMention quote) => _quotes.Add(quote);

    public void AddTime(TimeMention time)
    {
        if (time.Start < 0 || time.End > Text.Length || time.Start >= time.End) ThrowHelper.BadRange(time.Start, time.End, Text.Length);
        ArgumentException.ThrowIfNullOrEmpty(time.Value, nameof(time));
        _times.Add(time);
    }

    public void MarkAnnotated(Annotations annotations) => Annotated |= annotations;

    private readonly record struct Range32(int Start, int End);
}

/// <summary>The kinds of annotation a pipeline stage can require or produce.</summary>
[Flags]
public enum Annotations
{
    None = 0,
    Tokens = 1,
    Sentences = 2,
    Entities = 4,
    Quotes = 8,
    Times = 16,
}

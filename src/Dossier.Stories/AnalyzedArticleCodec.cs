using System.Text;

namespace Dossier.Stories;

/// <summary>
/// What a story's dossier needs of an article (sentences, mentions, quotes, dated events, title terms), as bytes: a
/// store keeps this per article so that a story can be rebuilt without analysing its articles again. Term and name
/// vectors are not kept; the store keeps each story's centroid instead.
/// </summary>
public static class AnalyzedArticleCodec
{
    private const byte Version = 1;

    public static byte[] Encode(AnalyzedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version);
            w.Write(article.SentenceCount);
            w.Write(article.LeadSentence);
            Write(w, article.TitleTerms);
            w.Write(article.Sentences.Count);
            foreach (var s in article.Sentences)
            {
                w.Write(s.Index);
                w.Write(s.Text);
                w.Write(s.Eligible);
                Write(w, s.Terms);
            }
            w.Write(article.Mentions.Count);
            foreach (var m in article.Mentions)
            {
                w.Write(m.Surface);
                w.Write((byte)m.Type);
                w.Write(m.Count);
            }
            w.Write(article.Quotes.Count);
            foreach (var q in article.Quotes)
            {
                w.Write(q.Text);
                WriteNullable(w, q.SpeakerMention);
                WriteNullable(w, q.SpeakerEntity);
            }
            w.Write(article.Events.Count);
            foreach (var e in article.Events)
            {
                w.Write(e.Date);
                w.Write(e.Text);
                w.Write(e.Sentence);
                w.Write(e.SentenceText);
            }
        }
        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not an encoded article of a version this build reads.</exception>
    public static AnalyzedArticle Decode(ReadOnlySpan<byte> bytes, Article article, int order)
    {
        ArgumentNullException.ThrowIfNull(article);
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            var version = r.ReadByte();
            if (version != Version) throw new InvalidDataException($"article analysis version {version}; this build reads version {Version}");
            var sentenceCount = r.ReadInt32();
            var lead = r.ReadInt32();
            var titleTerms = ReadVector(r);
            var sentences = new CandidateSentence[Count(r)];
            for (var i = 0; i < sentences.Length; i++)
            {
                var index = r.ReadInt32();
                var text = r.ReadString();
                var eligible = r.ReadBoolean();
                sentences[i] = new CandidateSentence(index, text, ReadVector(r), eligible);
            }
            var mentions = new MentionCount[Count(r)];
            for (var i = 0; i < mentions.Length; i++) mentions[i] = new MentionCount(r.ReadString(), (EntityType)r.ReadByte(), r.ReadInt32());
            var quotes = new QuoteInfo[Count(r)];
            for (var i = 0; i < quotes.Length; i++) quotes[i] = new QuoteInfo(r.ReadString(), ReadNullable(r), ReadNullable(r));
            var events = new DatedEvent[Count(r)];
            for (var i = 0; i < events.Length; i++) events[i] = new DatedEvent(r.ReadString(), r.ReadString(), r.ReadInt32(), r.ReadString());
            if (stream.Position != stream.Length) throw new InvalidDataException("article analysis has trailing bytes");
            return new AnalyzedArticle
            {
                Article = article, SentenceCount = sentenceCount, LeadSentence = lead, Terms = TermVector.Empty, TitleTerms = titleTerms,
                Sentences = sentences, Mentions = mentions, Quotes = quotes, Events = events, Order = order,
            };
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("article analysis is truncated", e);
        }
    }

    /// <summary>
    /// An article as read, before analysis (metadata, body, reader flags): how a work queue keeps an input article
    /// until a worker analyses it.
    /// </summary>
    public static byte[] EncodeArticle(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version);
            WriteArticle(w, article);
        }
        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not an encoded article of a version this build reads.</exception>
    public static Article DecodeArticle(ReadOnlySpan<byte> bytes) => Read(bytes, ReadArticle);

    /// <summary>
    /// Everything placing an article in a story needs, beyond <see cref="Encode"/>: the article's metadata after
    /// cleaning, its cleaned text, and its term and name vectors. A worker that analysed an article hands this to the
    /// one that places it; decoding gives an article that places and builds exactly as the analysed one.
    /// </summary>
    public static byte[] EncodeWhole(AnalyzedArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version);
            WriteArticle(w, article.Article);
            w.Write(article.Text);
            Write(w, article.Terms);
            Write(w, article.Names);
            var payload = Encode(article);
            w.Write(payload.Length);
            w.Write(payload);
        }
        return stream.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not an encoded article of a version this build reads.</exception>
    public static AnalyzedArticle DecodeWhole(ReadOnlySpan<byte> bytes) => Read(bytes, r =>
    {
        var article = ReadArticle(r);
        var text = r.ReadString();
        var terms = ReadVector(r);
        var names = ReadVector(r);
        var payload = r.ReadBytes(Count(r));
        var a = Decode(payload, article, 0);
        return new AnalyzedArticle
        {
            Article = article, SentenceCount = a.SentenceCount, LeadSentence = a.LeadSentence, Terms = terms, Names = names, Text = text,
            TitleTerms = a.TitleTerms, Sentences = a.Sentences, Mentions = a.Mentions, Quotes = a.Quotes, Events = a.Events,
        };
    });

    private static T Read<T>(ReadOnlySpan<byte> bytes, Func<BinaryReader, T> read)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var r = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            var version = r.ReadByte();
            if (version != Version) throw new InvalidDataException($"article encoding version {version}; this build reads version {Version}");
            var value = read(r);
            if (stream.Position != stream.Length) throw new InvalidDataException("encoded article has trailing bytes");
            return value;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("encoded article is truncated", e);
        }
    }

    private static void WriteArticle(BinaryWriter w, Article a)
    {
        w.Write(a.Id);
        w.Write(a.Title);
        w.Write(a.Body);
        w.Write(a.Source);
        WriteNullable(w, a.Url);
        WriteNullable(w, a.Outlet);
        WriteNullable(w, a.Author);
        w.Write(a.Published is not null);
        if (a.Published is { } p)
        {
            w.Write(p.Ticks);
            w.Write((short)p.Offset.TotalMinutes);
        }
        w.Write(a.Removed.Count);
        foreach (var x in a.Removed)
        {
            w.Write(x.Text);
            w.Write(x.Reason);
        }
        w.Write(a.Flags.Count);
        foreach (var x in a.Flags)
        {
            w.Write(x.Kind);
            w.Write(x.Evidence);
        }
    }

    private static Article ReadArticle(BinaryReader r)
    {
        var id = r.ReadString();
        var title = r.ReadString();
        var body = r.ReadString();
        var source = r.ReadString();
        var url = ReadNullable(r);
        var outlet = ReadNullable(r);
        var author = ReadNullable(r);
        DateTimeOffset? published = null;
        if (r.ReadBoolean())
        {
            var ticks = r.ReadInt64();
            published = new DateTimeOffset(ticks, TimeSpan.FromMinutes(r.ReadInt16()));
        }
        var article = new Article(id, title, body, source) { Url = url, Outlet = outlet, Author = author, Published = published };
        for (var n = Count(r); n > 0; n--) article.Removed.Add(new Removal(r.ReadString(), r.ReadString()));
        for (var n = Count(r); n > 0; n--) article.Flags.Add(new Flag(r.ReadString(), r.ReadString()));
        return article;
    }

    private static int Count(BinaryReader r)
    {
        var n = r.ReadInt32();
        if (n < 0 || n > r.BaseStream.Length) throw new InvalidDataException($"article analysis has a bad count {n}");
        return n;
    }

    private static void Write(BinaryWriter w, TermVector v)
    {
        w.Write(v.Count);
        foreach (var t in v.Terms) w.Write(t);
        foreach (var x in v.Weights) w.Write(x);
    }

    private static TermVector ReadVector(BinaryReader r)
    {
        var n = Count(r);
        var terms = new ulong[n];
        var weights = new float[n];
        for (var i = 0; i < n; i++) terms[i] = r.ReadUInt64();
        for (var i = 0; i < n; i++) weights[i] = r.ReadSingle();
        return new TermVector(terms, weights);
    }

    private static void WriteNullable(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }

    private static string? ReadNullable(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
}

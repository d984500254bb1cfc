using System.Runtime.InteropServices;

namespace Dossier;

/// <summary>Per-token record stored in one array per document.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct TokenData(int Start, int Length, TokenShape Shape)
{
    public int End => Start + Length;
}

/// <summary>Orthographic facts about a token, computed once by the tokenizer.</summary>
[Flags]
public enum TokenShape : ushort
{
    None = 0,
    Word = 1,
    Number = 2,
    Punctuation = 4,
    /// <summary>First character is an upper-case letter.</summary>
    Capitalized = 8,
    /// <summary>Every letter is upper case and there are at least two letters.</summary>
    AllCaps = 16,
    /// <summary>A quotation mark: " “ ” „ « » or the PTB-style '' and ``.</summary>
    Quote = 32,
    /// <summary>The token is the first on its line (a paragraph or line break precedes it).</summary>
    LineStart = 64,
    /// <summary>No whitespace separates this token from the previous one.</summary>
    Attached = 128,
    /// <summary>Sentence-ending punctuation: . ! ? or an ellipsis.</summary>
    Terminal = 256,
    /// <summary>Contains at least one period inside (U.S., e.g.).</summary>
    InnerPeriod = 512,
}

/// <summary>A view of one token of a <see cref="Document"/>.</summary>
public readonly struct Token : IEquatable<Token>
{
    private readonly Document _doc;

    internal Token(Document doc, int index)
    {
        _doc = doc;
        Index = index;
    }

    public int Index { get; }
    public int Start => _doc.Data(Index).Start;
    public int End => _doc.Data(Index).End;
    public TokenShape Shape => _doc.Data(Index).Shape;
    public ReadOnlySpan<char> Text => _doc.Text.AsSpan(Start, _doc.Data(Index).Length);
    public bool Is(TokenShape shape) => (Shape & shape) == shape;
    public override string ToString() => Text.ToString();
    public bool Equals(Token other) => ReferenceEquals(_doc, other._doc) && Index == other.Index;
    public override bool Equals(object? obj) => obj is Token t && Equals(t);
    public override int GetHashCode() => HashCode.Combine(_doc, Index);
    public static bool operator ==(Token left, Token right) => left.Equals(right);
    public static bool operator !=(Token left, Token right) => !left.Equals(right);
}

/// <summary>A view of tokens [Start, End) of a <see cref="Document"/> (end exclusive).</summary>
public readonly struct Span : IEquatable<Span>
{
    internal Span(Document doc, int start, int end)
    {
        Document = doc;
        Start = start;
        End = end;
    }

    public Document Document { get; }
    public int Start { get; }
    public int End { get; }
    public int Length => End - Start;
    public int CharStart => Length == 0 ? 0 : Document.Data(Start).Start;
    public int CharEnd => Length == 0 ? 0 : Document.Data(End - 1).End;
    public ReadOnlySpan<char> Text => Document.Text.AsSpan(CharStart, CharEnd - CharStart);
    public Token this[int i] => Document.Token(Start + i);
    public override string ToString() => Text.ToString();
    public bool Equals(Span other) => ReferenceEquals(Document, other.Document) && Start == other.Start && End == other.End;
    public override bool Equals(object? obj) => obj is Span s && Equals(s);
    public override int GetHashCode() => HashCode.Combine(Document, Start, End);
    public static bool operator ==(Span left, Span right) => left.Equals(right);
    public static bool operator !=(Span left, Span right) => !left.Equals(right);
}

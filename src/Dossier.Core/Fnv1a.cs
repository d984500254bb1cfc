namespace Dossier;

/// <summary>64-bit FNV-1a over UTF-16 code units: the one hash Dossier uses for words and features (stable across runs and machines).</summary>
public static class Fnv1a
{
    public const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Append(ulong hash, char c) => (hash ^ c) * Prime;

    public static ulong Hash(ReadOnlySpan<char> text)
    {
        var h = Offset;
        foreach (var c in text) h = Append(h, c);
        return h;
    }
}

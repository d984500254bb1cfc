using System.Diagnostics.CodeAnalysis;

namespace Dossier;

/// <summary>All argument errors go through here so hot paths stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void IndexOutOfRange(string name, int index, int count) =>
        throw new ArgumentOutOfRangeException(name, index, $"Index must be in [0, {count}).");

    [DoesNotReturn]
    public static void BadRange(int start, int end, int count) =>
        throw new ArgumentOutOfRangeException(nameof(start), $"Range [{start}, {end}) is not inside [0, {count}).");
}

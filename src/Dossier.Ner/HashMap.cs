using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Dossier.Ner;

/// <summary>
/// A read-only map from 64-bit hashes to small values, for the lookups made on every token (word classes,
/// gazetteer phrases). Open addressing with key and value side by side: one cache miss per lookup where a
/// <see cref="Dictionary{TKey, TValue}"/> takes two (bucket, then entry), and its tables are megabytes, so
/// nearly every lookup misses. Key 0 is kept apart, as the empty-slot marker.
/// </summary>
internal sealed class HashMap<TValue> where TValue : unmanaged
{
    private readonly (ulong Key, TValue Value)[] _slots;
    private readonly int _shift;
    private readonly bool _hasZero;
    private readonly TValue _zero;

    public HashMap(IReadOnlyDictionary<ulong, TValue> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Count = entries.Count;
        // At most half full, so probes stay short.
        var size = Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, entries.Count) * 2));
        _slots = new (ulong, TValue)[size];
        _shift = 64 - BitOperations.Log2((uint)size);
        var mask = size - 1;
        foreach (var (key, value) in entries)
        {
            if (key == 0)
            {
                _hasZero = true;
                _zero = value;
                continue;
            }
            var i = Home(key);
            while (_slots[i].Key != 0) i = (i + 1) & mask;
            _slots[i] = (key, value);
        }
    }

    public int Count { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(ulong key, out TValue value)
    {
        if (key == 0)
        {
            value = _zero;
            return _hasZero;
        }
        var mask = _slots.Length - 1;
        ref var slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        for (var i = Home(key); ; i = (i + 1) & mask)
        {
            ref readonly var slot = ref Unsafe.Add(ref slots, i);
            if (slot.Key == key)
            {
                value = slot.Value;
                return true;
            }
            if (slot.Key == 0)
            {
                value = default;
                return false;
            }
        }
    }

    /// <summary>Starts fetching the slot where a lookup of <paramref name="key"/> begins.</summary>
    public void Prefetch(ulong key) => CacheLine.Prefetch(ref _slots[Home(key)]);

    public bool ContainsKey(ulong key) => TryGetValue(key, out _);

    /// <summary>Every entry, in no particular order.</summary>
    public IEnumerable<KeyValuePair<ulong, TValue>> Entries
    {
        get
        {
            if (_hasZero) yield return new(0, _zero);
            foreach (var (key, value) in _slots)
                if (key != 0) yield return new(key, value);
        }
    }

    // Fibonacci hashing: the top bits of the product mix every bit of the key, whatever hash made it.
    private int Home(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);
}

internal static class CacheLine
{
    /// <summary>Asks the cache for the line holding <paramref name="value"/>; a no-op where there is no such instruction.</summary>
    public static unsafe void Prefetch<T>(ref T value)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref value));
    }
}

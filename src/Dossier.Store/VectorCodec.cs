using System.Buffers.Binary;
using Dossier.Stories;

namespace Dossier.Store;

/// <summary>A term vector as bytes: count, then (term, weight) pairs, little-endian; floats kept exactly.</summary>
internal static class VectorCodec
{
    public static byte[] Encode(TermVector v)
    {
        var bytes = new byte[4 + v.Count * 12];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, v.Count);
        for (var i = 0; i < v.Count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(4 + i * 12), v.Terms[i]);
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(12 + i * 12), v.Weights[i]);
        }
        return bytes;
    }

    public static TermVector Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4) throw new InvalidDataException("story vector is truncated");
        var n = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        if (n < 0 || bytes.Length != 4 + (long)n * 12) throw new InvalidDataException($"story vector of {bytes.Length} bytes cannot hold {n} terms");
        var terms = new ulong[n];
        var weights = new float[n];
        for (var i = 0; i < n; i++)
        {
            terms[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(4 + i * 12)..]);
            weights[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(12 + i * 12)..]);
        }
        return new TermVector(terms, weights);
    }
}

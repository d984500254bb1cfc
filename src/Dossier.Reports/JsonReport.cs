using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dossier.Reports;

/// <summary>The canonical JSON form of a dossier (schema: schema/dossier.schema.json).</summary>
public static class JsonReport
{
    public static void Write(DigestResult digest, Stream output)
    {
        ArgumentNullException.ThrowIfNull(digest);
        JsonSerializer.Serialize(output, digest, DossierJsonContext.Readable.DigestResult);
        output.WriteByte((byte)'\n');
    }

    public static string ToJson(DigestResult digest)
    {
        using var stream = new MemoryStream();
        Write(digest, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static DigestResult? Read(string json) => JsonSerializer.Deserialize(json, DossierJsonContext.Readable.DigestResult);
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DigestResult))]
internal sealed partial class DossierJsonContext : JsonSerializerContext
{
    // Non-ASCII text and quotes stay readable; the output is JSON, never embedded raw in HTML.
    public static DossierJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dossier.Store;

/// <summary>The JSON a store keeps for a story's dossier and an article's removals and flags (same shape as the digest's JSON).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StoryRecord))]
[JsonSerializable(typeof(List<Removal>))]
[JsonSerializable(typeof(List<Flag>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class StoreJson : JsonSerializerContext
{
    public static StoreJson Compact { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

/// <summary>Story ids as users see them ("s12") and the 0-based index a store keys them by.</summary>
public static class StoryIds
{
    public static string Of(int index) => "s" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParse(string? id, out int index)
    {
        index = -1;
        if (id is null || id.Length < 2 || id[0] != 's') return false;
        if (!int.TryParse(id.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1) return false;
        index = n - 1;
        return true;
    }
}

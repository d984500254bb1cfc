using System.Text;

namespace Dossier.Ingest;

/// <summary>
/// Reads articles from files and folders, one at a time: a folder is walked recursively in ordinal name
/// order (hidden entries skipped), and each file is read by the reader for its extension. Nothing is read
/// ahead, so memory does not grow with the number of files. Every failure becomes a <see cref="Rejection"/>
/// naming the file (and line) and the reason; reading goes on with the next input.
/// </summary>
public static class InputReader
{
    /// <summary>The extensions Dossier reads, and the format each one means.</summary>
    public static IReadOnlyDictionary<string, string> Formats { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text", [".text"] = "text",
        [".html"] = "html", [".htm"] = "html", [".xhtml"] = "html",
        [".jsonl"] = "jsonl", [".ndjson"] = "jsonl",
        [".xml"] = "feed", [".rss"] = "feed", [".atom"] = "feed",
        [".sgml"] = "trec", [".sgm"] = "trec",
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEnumerable<InputItem> Read(IEnumerable<string> paths, ReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        options ??= new ReaderOptions();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Walk(path))
                    foreach (var item in ReadFile(file, options)) yield return item;
            }
            else
            {
                foreach (var item in ReadFile(path, options)) yield return item;
            }
        }
    }

    /// <summary>Files under a folder, depth first, each folder's entries in ordinal order.</summary>
    public static IEnumerable<string> Walk(string directory)
    {
        var entries = Directory.GetFileSystemEntries(directory);
        Array.Sort(entries, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (Path.GetFileName(entry).StartsWith('.')) continue;
            if (Directory.Exists(entry))
            {
                foreach (var file in Walk(entry)) yield return file;
            }
            else yield return entry;
        }
    }

    /// <summary>
    /// Articles from JSON lines in a stream (an HTTP upload, say), each rejection named <paramref name="name"/>:LINE.
    /// The stream is read as the result is enumerated and disposed at the end.
    /// </summary>
    public static IEnumerable<InputItem> ReadJsonl(string name, Stream stream, ReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return JsonlReader.ReadLines(name, stream, options ?? new ReaderOptions());
    }

    public static IEnumerable<InputItem> ReadFile(string path, ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path)) return [InputItem.Rejected(path, "no such file or folder")];
        var extension = Path.GetExtension(path);
        // Newswire collections name files by document number ("APW19981017.0151"): recognised by content.
        if (!Formats.TryGetValue(extension, out var format) && StartsWithDoc(path)) format = "trec";
        if (format is null)
        {
            var known = string.Join(", ", Formats.Keys);
            return [InputItem.Rejected(path, extension.Length == 0
                ? $"no file extension, so the format is unknown (expected one of {known}, or a NIST/TREC file starting with <DOC>)"
                : $"unknown extension '{extension}' (expected one of {known}, or a NIST/TREC file starting with <DOC>)")];
        }
        if (format == "jsonl") return JsonlReader.Read(path, options);
        var length = new FileInfo(path).Length;
        if (length == 0) return [InputItem.Rejected(path, "empty file")];
        if (length > options.MaxBytes)
            return [InputItem.Rejected(path, $"file is {length:N0} bytes, over the limit of {options.MaxBytes:N0} bytes (--max-file-size)")];
        string content;
        try
        {
            content = Decode(File.ReadAllBytes(path));
        }
        catch (InvalidDataException e)
        {
            return [InputItem.Rejected(path, e.Message)];
        }
        catch (IOException e)
        {
            return [InputItem.Rejected(path, $"cannot be read: {e.Message}")];
        }
        catch (UnauthorizedAccessException e)
        {
            return [InputItem.Rejected(path, $"cannot be read: {e.Message}")];
        }
        if (string.IsNullOrWhiteSpace(content)) return [InputItem.Rejected(path, "empty file (only whitespace)")];
        return format switch
        {
            "text" => [TextReader.Read(path, content)],
            "html" => [HtmlReader.Read(path, content, options)],
            "trec" => TrecReader.Read(path, content),
            _ => FeedReader.Read(path, content, options),
        };
    }

    private static bool StartsWithDoc(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[64];
            var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return TrecReader.Looks(Encoding.Latin1.GetString(head[..n]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Decodes UTF-8 strictly: binary content and invalid byte sequences are errors, not replacement characters.</summary>
    /// <exception cref="InvalidDataException">The bytes are binary or not valid UTF-8.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0) throw new InvalidDataException($"binary content (a NUL byte at offset {nul}), not a text file");
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"invalid UTF-8 at byte {e.Index}; save the file as UTF-8");
        }
    }

    /// <summary>A date from metadata; a date without an offset is taken as UTC.</summary>
    public static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        value = value.Trim();
        if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var d))
            return d;
        // RFC 822 dates in RSS carry a zone name that .NET does not parse: "Mon, 29 May 2017 10:00:00 GMT".
        foreach (var zone in new[] { " GMT", " UT", " UTC", " Z", " EST", " EDT", " PST", " PDT" })
        {
            if (!value.EndsWith(zone, StringComparison.Ordinal)) continue;
            var offset = zone switch { " EST" => "-05:00", " EDT" => "-04:00", " PST" => "-08:00", " PDT" => "-07:00", _ => "+00:00" };
            if (DateTimeOffset.TryParse(value[..^zone.Length] + " " + offset, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AdjustToUniversal, out d))
                return d;
        }
        return null;
    }

    /// <summary>The article id a file gives when its content names none: the file name without extension.</summary>
    public static string IdFromPath(string path) => Path.GetFileNameWithoutExtension(path);

    internal static Flag BadDate(string field, string value) =>
        new("bad-metadata", $"{field}: '{Truncate(value, 60)}' is not a date (use ISO 8601, e.g. 2017-05-29 or 2017-05-29T10:00:00Z)");

    internal static string Truncate(string s, int max) => s.Length <= max ? s : string.Concat(s.AsSpan(0, max), "…");
}

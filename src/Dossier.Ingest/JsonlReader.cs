using System.Buffers;
using System.Text.Json;

namespace Dossier.Ingest;

/// <summary>
/// JSON Lines: one article per line, <c>{"id", "title", "text", "url"?, "outlet"?, "published"?, "author"?}</c>
/// (<c>doc</c> is accepted for <c>id</c>, <c>body</c> for <c>text</c>). The file is streamed line by line, so its
/// size is not limited; each line is limited to <see cref="ReaderOptions.MaxBytes"/>. A bad line is rejected
/// with its line number and the rest of the file is read. A line with no date and no outlet whose id is a newswire id
/// (APW19981017.0151, as in TDT and DUC sets) takes them from the id.
/// </summary>
internal static class JsonlReader
{
    public static IEnumerable<InputItem> Read(string path, ReaderOptions options)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [InputItem.Rejected(path, $"cannot be read: {e.Message}")];
        }
        return ReadLines(path, stream, options);
    }

    /// <summary>JSON lines from a stream (an upload, say), named <paramref name="path"/> in rejections; disposes the stream.</summary>
    public static IEnumerable<InputItem> ReadLines(string path, Stream stream, ReaderOptions options)
    {
        using var _ = stream;
        if (stream.CanSeek && stream.Length == 0)
        {
            yield return InputItem.Rejected(path, "empty file");
            yield break;
        }
        var lineNumber = 0;
        var any = false;
        foreach (var (line, tooLong) in ByteLines(stream, options.MaxBytes))
        {
            lineNumber++;
            var source = $"{path}:{lineNumber}";
            if (tooLong)
            {
                yield return InputItem.Rejected(source, $"line is over the limit of {options.MaxBytes:N0} bytes (--max-file-size)");
                continue;
            }
            if (line.Span.Trim((byte)' ').Trim((byte)'\r').IsEmpty) continue;
            any = true;
            yield return ParseLine(path, source, lineNumber, line.Span);
        }
        if (!any) yield return InputItem.Rejected(path, "empty file (no JSON lines)");
    }

    private static InputItem ParseLine(string path, string source, int lineNumber, ReadOnlySpan<byte> line)
    {
        if (line.IndexOf((byte)0) >= 0) return InputItem.Rejected(source, "binary content (a NUL byte), not JSON text");
        try
        {
            var reader = new Utf8JsonReader(line);
            using var json = JsonDocument.ParseValue(ref reader);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return InputItem.Rejected(source, $"expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}");
            var error = (string?)null;
            var id = Field(root, "id", ref error) ?? Field(root, "doc", ref error);
            var title = Field(root, "title", ref error) ?? Field(root, "headline", ref error);
            var text = Field(root, "text", ref error) ?? Field(root, "body", ref error);
            var url = Field(root, "url", ref error);
            var outlet = Field(root, "outlet", ref error) ?? Field(root, "source", ref error);
            var publishedText = Field(root, "published", ref error) ?? Field(root, "date", ref error);
            var author = Field(root, "author", ref error);
            if (error is not null) return InputItem.Rejected(source, error);
            if (string.IsNullOrWhiteSpace(text)) return InputItem.Rejected(source, "missing field 'text' (the article body)");
            var published = InputReader.ParseDate(publishedText);
            var wire = NewswireId.TryParse(id, out var wireOutlet, out var day);
            var article = new Article(id ?? $"{InputReader.IdFromPath(path)}-{lineNumber}", title?.Trim() ?? "", text.Replace("\r\n", "\n", StringComparison.Ordinal), source)
            {
                Url = url,
                Outlet = outlet ?? (wire ? wireOutlet : null),
                Author = author,
                // A newswire id (APW19981017.0151) dates an article that states no date; a date that does not parse stays unknown and flagged.
                Published = published ?? (wire && publishedText is null ? day : null),
            };
            if (publishedText is not null && published is null) article.Flags.Add(InputReader.BadDate("published", publishedText));
            return InputItem.Of(article);
        }
        catch (JsonException e)
        {
            return InputItem.Rejected(source, $"invalid JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            return InputItem.Rejected(source, $"invalid JSON: {e.Message}");
        }
    }

    /// <summary>A string field; numbers are accepted for ids. Sets <paramref name="error"/> on a wrong type.</summary>
    private static string? Field(JsonElement root, string name, ref string? error)
    {
        if (!root.TryGetProperty(name, out var value)) return null;
        switch (value.ValueKind)
        {
            case JsonValueKind.String: return value.GetString();
            case JsonValueKind.Null: return null;
            case JsonValueKind.Number when name is "id" or "doc": return value.GetRawText();
            default:
                error ??= $"field '{name}' must be a string, found {value.ValueKind.ToString().ToLowerInvariant()}";
                return null;
        }
    }

    /// <summary>Splits a stream into lines of bytes without decoding; a line over the limit is skipped and reported.</summary>
    private static IEnumerable<(ReadOnlyMemory<byte> Line, bool TooLong)> ByteLines(Stream stream, long maxBytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        var line = ArrayPool<byte>.Shared.Rent(1 << 16);
        var length = 0;
        var tooLong = false;
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var chunk = buffer.AsMemory(0, read);
                while (!chunk.IsEmpty)
                {
                    var newline = chunk.Span.IndexOf((byte)'\n');
                    var part = newline < 0 ? chunk : chunk[..newline];
                    if (!tooLong)
                    {
                        if (length + part.Length > maxBytes) tooLong = true;
                        else
                        {
                            if (length + part.Length > line.Length)
                            {
                                var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(line.Length * 2, length + part.Length));
                                line.AsSpan(0, length).CopyTo(bigger);
                                ArrayPool<byte>.Shared.Return(line);
                                line = bigger;
                            }
                            part.Span.CopyTo(line.AsSpan(length));
                            length += part.Length;
                        }
                    }
                    if (newline < 0) break;
                    yield return (line.AsMemory(0, length), tooLong);
                    length = 0;
                    tooLong = false;
                    chunk = chunk[(newline + 1)..];
                }
            }
            if (length > 0 || tooLong) yield return (line.AsMemory(0, length), tooLong);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<byte>.Shared.Return(line);
        }
    }
}

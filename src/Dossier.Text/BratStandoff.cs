namespace Dossier.Text;

/// <summary>A text-bound annotation of a brat standoff file: its id, type and character fragments (end exclusive).</summary>
public sealed record BratSpan(string Id, string Type, IReadOnlyList<(int Start, int End)> Fragments)
{
    public int Start => Fragments[0].Start;
    public int End => Fragments[^1].End;
}

/// <summary>An event of a brat standoff file: its type and its arguments by role (a role may repeat, e.g. Content, Content2).</summary>
public sealed record BratEvent(string Id, string Type, IReadOnlyList<(string Role, string Target)> Arguments);

/// <summary>
/// Reads brat standoff annotations (<c>.ann</c>): <c>T</c> lines (text-bound spans, possibly discontinuous,
/// whose covered text may run over several physical lines) and <c>E</c> lines (events). Other line kinds
/// (notes, relations, attributes) are skipped. A malformed T or E line is an error that names its line number.
/// </summary>
public sealed class BratStandoff
{
    private readonly Dictionary<string, BratSpan> _spans = new(StringComparer.Ordinal);
    private readonly List<BratEvent> _events = [];

    public IReadOnlyDictionary<string, BratSpan> Spans => _spans;
    public IReadOnlyList<BratEvent> Events => _events;

    public static BratStandoff Parse(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var result = new BratStandoff();
        var lineNumber = 0;
        foreach (var raw in content.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            // Lines without an id and a tab continue the covered text of the span above.
            if (tab <= 1 || !char.IsAsciiDigit(line[1])) continue;
            var id = line[..tab];
            var rest = line[(tab + 1)..];
            switch (id[0])
            {
                case 'T':
                    result._spans[id] = ParseSpan(id, rest, lineNumber);
                    break;
                case 'E':
                    result._events.Add(ParseEvent(id, rest, lineNumber));
                    break;
            }
        }
        return result;
    }

    private static BratSpan ParseSpan(string id, string rest, int lineNumber)
    {
        var tab = rest.IndexOf('\t', StringComparison.Ordinal);
        var head = tab < 0 ? rest : rest[..tab];
        var space = head.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0) throw new FormatException($"line {lineNumber}: span {id} has no offsets");
        var fragments = new List<(int, int)>();
        foreach (var part in head[(space + 1)..].Split(';'))
        {
            var pair = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (pair.Length != 2 || !int.TryParse(pair[0], out var start) || !int.TryParse(pair[1], out var end) || start < 0 || end < start)
                throw new FormatException($"line {lineNumber}: span {id} has bad offsets '{part}'");
            fragments.Add((start, end));
        }
        return new BratSpan(id, head[..space], fragments);
    }

    private static BratEvent ParseEvent(string id, string rest, int lineNumber)
    {
        var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var trigger = parts.Length > 0 ? parts[0].Split(':') : [];
        if (trigger.Length != 2) throw new FormatException($"line {lineNumber}: event {id} has no 'Type:Trigger'");
        var arguments = new List<(string, string)>();
        foreach (var part in parts.AsSpan(1))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw new FormatException($"line {lineNumber}: event {id} has bad argument '{part}'");
            arguments.Add((part[..colon], part[(colon + 1)..]));
        }
        return new BratEvent(id, trigger[0], arguments);
    }
}

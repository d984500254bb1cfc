using System.Globalization;
using System.Numerics;
using Dossier.Text;

namespace Dossier.Stories;

/// <summary>How the scores against several reference summaries are combined (ROUGE's <c>-f</c>).</summary>
public enum RougeFormula
{
    /// <summary>Hits and counts summed over all references (<c>-f A</c>).</summary>
    Average,

    /// <summary>Only the reference with the best recall (<c>-f B</c>).</summary>
    Best,
}

/// <summary>Settings of a ROUGE evaluation; each maps to a ROUGE-1.5.5 option. Immutable.</summary>
public sealed record RougeOptions
{
    /// <summary>ROUGE-1 to ROUGE-N are computed (<c>-n</c>); 0 for none.</summary>
    public int MaxN { get; init; } = 2;

    /// <summary>Skip-bigram maximum gap (<c>-2</c>); negative for no limit, null for no skip-bigram score.</summary>
    public int? SkipGap { get; init; }

    /// <summary>Count unigrams with the skip-bigrams, giving ROUGE-SU (<c>-u</c>).</summary>
    public bool SkipUnigrams { get; init; }

    /// <summary>Porter-stem words longer than three characters (<c>-m</c>).</summary>
    public bool Stem { get; init; }

    /// <summary>Words removed before counting (<c>-s</c>, with the list given); null keeps every word.</summary>
    public IReadOnlySet<string>? Stopwords { get; init; }

    /// <summary>Only the first N words of each summary count (<c>-l</c>); 0 for no limit.</summary>
    public int WordLimit { get; init; }

    public RougeFormula Formula { get; init; } = RougeFormula.Average;

    /// <summary>Weight of recall against precision in F (<c>-p</c>): F = PR / ((1 - alpha) P + alpha R).</summary>
    public double Alpha { get; init; } = 0.5;

    /// <summary>Bootstrap resamples for the averages and their confidence interval (<c>-r</c>).</summary>
    public int Resamples { get; init; } = 1000;

    /// <summary>Confidence level in percent (<c>-c</c>).</summary>
    public double Confidence { get; init; } = 95;

    /// <summary>
    /// Score each peer against every subset of the references that leaves one out and average those scores, as DUC and
    /// TAC do so that system scores are comparable with a human's (scored against the others). ROUGE-1.5.5 itself no
    /// longer does this.
    /// </summary>
    public bool Jackknife { get; init; }

    /// <summary>The metric names this evaluation reports, in ROUGE's order.</summary>
    public IEnumerable<string> Metrics() => Specs().Select(m => m.Name);

    /// <summary>Each metric with its n-gram length; 0 stands for the skip-bigram metric.</summary>
    internal IEnumerable<(string Name, int N)> Specs()
    {
        for (var n = 1; n <= MaxN; n++) yield return ($"ROUGE-{n}", n);
        if (SkipGap is { } gap) yield return ($"ROUGE-S{(SkipUnigrams ? "U" : "")}{(gap < 0 ? "*" : gap.ToString(CultureInfo.InvariantCulture))}", 0);
    }
}

/// <summary>Recall, precision and F of one evaluation or of an average, each rounded to five decimals as ROUGE prints them.</summary>
public readonly record struct RougeScore(double Recall, double Precision, double F);

/// <summary>One metric over a set of evaluations: the bootstrap average with its confidence interval, and each evaluation's score.</summary>
public sealed record RougeResult(string Metric, RougeScore Average, RougeScore Lower, RougeScore Upper, IReadOnlyList<(string Eval, RougeScore Score)> PerEval);

/// <summary>One summary to score (the peer) and its references (the models), each as lines of text (sentences).</summary>
public sealed record RougeEval(string Id, IReadOnlyList<string> Peer, IReadOnlyList<IReadOnlyList<string>> Models);

/// <summary>
/// ROUGE (Lin 2004) as ROUGE-1.5.5 computes it, so that its figures can be compared with published ones: lower-cased
/// ASCII letters and digits as words (hyphens split words), the word limit applied to the raw whitespace-separated
/// words before that, n-gram and skip-bigram hits clipped per reference, scores rounded to five decimals at the
/// same points as ROUGE rounds them, and the reported average taken over the same bootstrap resamples (ROUGE seeds
/// Perl's drand48 with the resample number). Nothing here is tuned: the calibration test reproduces the official
/// scores of the TAC 2011 MultiLing systems. Thread-safe.
/// </summary>
public static class Rouge
{
    /// <summary>Scores every evaluation and averages each metric over them.</summary>
    /// <param name="peerId">The system's name: ROUGE orders evaluations by "id.peer" for its resampling.</param>
    public static IReadOnlyList<RougeResult> Evaluate(IReadOnlyList<RougeEval> evals, RougeOptions options, string peerId = "X")
    {
        ArgumentNullException.ThrowIfNull(evals);
        ArgumentNullException.ThrowIfNull(options);
        var prepared = evals.Select(e => (Peer: Words(e.Peer, options), Models: e.Models.Select(m => Words(m, options)).ToList())).ToList();
        var results = new List<RougeResult>();
        foreach (var (metric, n) in options.Specs())
        {
            var perEval = new List<(string, RougeScore)>(evals.Count);
            for (var i = 0; i < evals.Count; i++)
            {
                var peer = Grams(prepared[i].Peer, n, options);
                var models = prepared[i].Models.Select(m => Grams(m, n, options)).ToList();
                perEval.Add((evals[i].Id, Score(peer, models, options)));
            }
            results.Add(Average(metric, perEval, options, peerId));
        }
        return results;
    }

    /// <summary>
    /// ROUGE's average of per-evaluation scores: the mean over bootstrap resamples, drawn in the order of
    /// "id.peer" names, with the confidence interval read off the same resamples.
    /// </summary>
    public static RougeResult Average(string metric, IReadOnlyList<(string Eval, RougeScore Score)> perEval, RougeOptions options, string peerId = "X")
    {
        ArgumentNullException.ThrowIfNull(perEval);
        ArgumentNullException.ThrowIfNull(options);
        var ordered = perEval.OrderBy(e => e.Eval + "." + peerId, StringComparer.Ordinal).ToList();
        var (average, lower, upper) = Bootstrap([.. ordered.Select(e => e.Score)], options);
        return new RougeResult(metric, average, lower, upper, ordered);
    }

    /// <summary>
    /// The words ROUGE counts in a summary: the first <see cref="RougeOptions.WordLimit"/> whitespace-separated words
    /// of its lines, lower-cased, split at anything but ASCII letters and digits, without stopwords, stemmed.
    /// </summary>
    public static IReadOnlyList<string> Words(IReadOnlyList<string> lines, RougeOptions options)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(options);
        var kept = lines.Where(l => l.Length > 0).Select(LowerAscii).ToList();
        var text = options.WordLimit > 0 ? Truncate(kept, options.WordLimit) : string.Join(' ', kept);
        var words = new List<string>();
        Clean(text, words, options);
        return words;

        static string LowerAscii(string s) => string.Create(s.Length, s, (span, src) =>
        {
            for (var i = 0; i < src.Length; i++) span[i] = src[i] is >= 'A' and <= 'Z' ? (char)(src[i] + 32) : src[i];
        });
    }

    // Splits text at every character that is not an ASCII letter or digit (hyphens included) and adds the pieces
    // that survive the stopword list, stemmed.
    private static void Clean(string raw, List<string> words, RougeOptions options)
    {
        var start = -1;
        for (var i = 0; i <= raw.Length; i++)
        {
            var keep = i < raw.Length && char.IsAsciiLetterOrDigit(raw[i]);
            if (keep && start < 0) start = i;
            if (keep || start < 0) continue;
            var word = raw[start..i];
            start = -1;
            if (options.Stopwords?.Contains(word) == true) continue;
            words.Add(options.Stem && word.Length > 3 ? PorterStemmer.Stem(word) : word);
        }
    }

    /// <summary>The first <paramref name="limit"/> words, counted as Perl's split on whitespace counts them, joined by spaces.</summary>
    private static string Truncate(List<string> lines, int limit)
    {
        var taken = new List<string>();
        var used = 0;
        foreach (var line in lines)
        {
            var fields = PerlSplit(line);
            if (used + fields.Count < limit)
            {
                taken.Add(line);
                used += fields.Count;
                continue;
            }
            taken.Add(string.Join(' ', fields.Take(limit - used)));
            break;
        }
        return string.Join(' ', taken);
    }

    // Perl's split /\s+/: a leading empty field when the line starts with whitespace, no trailing empty fields, and
    // only ASCII whitespace (ROUGE reads bytes).
    private static List<string> PerlSplit(string line)
    {
        var fields = new List<string>();
        var start = 0;
        for (var i = 0; i <= line.Length; i++)
        {
            if (i < line.Length && !IsPerlSpace(line[i])) continue;
            fields.Add(line[start..i]);
            while (i + 1 < line.Length && IsPerlSpace(line[i + 1])) i++;
            start = i + 1;
        }
        while (fields.Count > 0 && fields[^1].Length == 0) fields.RemoveAt(fields.Count - 1);
        return fields;

        static bool IsPerlSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';
    }

    /// <summary>The n-grams (for n = 0 the skip-bigrams, with unigrams for SU), with their counts and total.</summary>
    private static (Dictionary<string, int> Counts, int Total) Grams(IReadOnlyList<string> words, int n, RougeOptions options)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        void Add(string gram)
        {
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
            total++;
        }
        if (n == 0)
        {
            var gap = options.SkipGap!.Value;
            // As ROUGE: the last word is not counted as a unigram (it starts no skip-bigram).
            for (var i = 0; i < words.Count - 1; i++)
            {
                if (options.SkipUnigrams) Add(words[i]);
                for (var j = i + 1; j < words.Count && (gap < 0 || j <= i + gap + 1); j++) Add(words[i] + " " + words[j]);
            }
            return (counts, total);
        }
        for (var i = 0; i + n <= words.Count; i++) Add(string.Join(' ', words.Skip(i).Take(n)));
        return (counts, total);
    }

    private static RougeScore Score((Dictionary<string, int> Counts, int Total) peer, List<(Dictionary<string, int> Counts, int Total)> models, RougeOptions options)
    {
        if (!options.Jackknife || models.Count < 2) return Combine(peer, models, options);
        var subsets = Enumerable.Range(0, models.Count)
            .Select(leftOut => Combine(peer, [.. models.Where((_, i) => i != leftOut)], options))
            .ToList();
        return new RougeScore(
            Fixed5(subsets.Average(s => s.Recall)), Fixed5(subsets.Average(s => s.Precision)), Fixed5(subsets.Average(s => s.F)));
    }

    private static RougeScore Combine((Dictionary<string, int> Counts, int Total) peer, List<(Dictionary<string, int> Counts, int Total)> models, RougeOptions options)
    {
        long hits = 0, modelTotal = 0, peerTotal = 0;
        var best = -1.0;
        foreach (var model in models)
        {
            long hit = 0;
            foreach (var (gram, count) in model.Counts)
                if (peer.Counts.TryGetValue(gram, out var p)) hit += Math.Min(p, count);
            if (options.Formula == RougeFormula.Best)
            {
                var recall = model.Total == 0 ? 0 : Fixed5((double)hit / model.Total);
                if (recall <= best) continue;
                best = recall;
                (hits, modelTotal, peerTotal) = (hit, model.Total, peer.Total);
                continue;
            }
            hits += hit;
            modelTotal += model.Total;
            peerTotal += peer.Total;
        }
        var r = modelTotal == 0 ? 0 : Fixed5((double)hits / modelTotal);
        var pr = peerTotal == 0 ? 0 : Fixed5((double)hits / peerTotal);
        var denominator = (1 - options.Alpha) * pr + options.Alpha * r;
        return new RougeScore(r, pr, denominator > 0 ? Fixed5(pr * r / denominator) : 0);
    }

    /// <summary>ROUGE's averages: the mean over bootstrap resamples of the per-evaluation scores, and the interval.</summary>
    private static (RougeScore Average, RougeScore Lower, RougeScore Upper) Bootstrap(List<RougeScore> scores, RougeOptions options)
    {
        var samples = Math.Max(1, options.Resamples);
        var recall = new double[samples];
        var precision = new double[samples];
        var f = new double[samples];
        for (var s = 0; s < samples; s++)
        {
            var random = new Drand48((uint)s);
            double r = 0, p = 0, ff = 0;
            for (var i = 0; i < scores.Count; i++)
            {
                var pick = scores[(int)(random.Next() * scores.Count)];
                r += pick.Recall;
                p += pick.Precision;
                ff += pick.F;
            }
            if (scores.Count > 0) (r, p, ff) = (r / scores.Count, p / scores.Count, ff / scores.Count);
            (recall[s], precision[s], f[s]) = (r, p, ff);
        }
        Array.Sort(recall);
        Array.Sort(precision);
        Array.Sort(f);
        var delta = samples * ((100 - options.Confidence) / 2.0) / 100.0;
        var upperIndex = Math.Clamp((int)(samples - delta - 1), 0, samples - 1);
        var lowerIndex = Math.Clamp((int)delta, 0, samples - 1);
        var ratio = samples - delta - 1 - upperIndex;
        double Mean(double[] sorted)
        {
            var sum = 0.0;
            foreach (var x in sorted) sum += x;
            return Fixed5(sum / sorted.Length);
        }
        double At(double[] sorted, int index) =>
            Fixed5(sorted[index] + (index + 1 < sorted.Length ? (sorted[index + 1] - sorted[index]) * ratio : 0));
        return (new RougeScore(Mean(recall), Mean(precision), Mean(f)),
            new RougeScore(At(recall, lowerIndex), At(precision, lowerIndex), At(f, lowerIndex)),
            new RougeScore(At(recall, upperIndex), At(precision, upperIndex), At(f, upperIndex)));
    }

    /// <summary>
    /// x rounded to five decimals as C's printf("%7.5f") rounds it: from its exact binary value, ties to even. .NET's
    /// Math.Round works on the binary value too but its midpoint rule differs for values such as 1/64, which ROUGE
    /// meets as a hit ratio.
    /// </summary>
    internal static double Fixed5(double x)
    {
        if (x == 0 || !double.IsFinite(x)) return x;
        var bits = BitConverter.DoubleToInt64Bits(Math.Abs(x));
        var exponent = (int)(bits >> 52);
        var mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent == 0) exponent = 1;
        else mantissa |= 1L << 52;
        exponent -= 1075;
        var scaled = new BigInteger(mantissa) * 100_000;
        BigInteger q;
        if (exponent >= 0) q = scaled << exponent;
        else
        {
            q = scaled >> -exponent;
            var remainder = scaled - (q << -exponent);
            var half = BigInteger.One << (-exponent - 1);
            if (remainder > half || (remainder == half && !q.IsEven)) q++;
        }
        return Math.CopySign((double)q / 100_000, x);
    }

    /// <summary>
    /// The 48-bit linear congruential generator behind Perl's rand (its own since 5.20, the C library's drand48 before,
    /// seeded the same way): ROUGE's bootstrap draws from it, and its reported averages are over those draws.
    /// </summary>
    private struct Drand48(uint seed)
    {
        private const ulong Mask = (1UL << 48) - 1;
        private ulong _state = ((ulong)seed << 16) + 0x330E;

        public double Next()
        {
            _state = (0x5DEECE66DUL * _state + 0xB) & Mask;
            return _state / (double)(1UL << 48);
        }
    }
}

namespace Dossier.Text;

/// <summary>
/// Porter's suffix-stripping stemmer (Porter 1980) for lower-case ASCII words, in the variant ROUGE-1.5.5 applies
/// with <c>-m</c>: "bli" → "ble" and "logi" → "log" in step 2, the "cvc" test of steps 1b and 5 applied to the whole
/// stem (consonants, one vowel, a final consonant other than w, x, y), and step 4 trying "ment" and then "ent" again
/// after its first rule, so that "-ement" words lose no more than ROUGE's do. Matching ROUGE's stems matters more than
/// matching the textbook algorithm: the scores it produces are compared with published ones. Thread-safe.
/// </summary>
public static class PorterStemmer
{
    // Step 2 and 3 rewrites, longest suffix first so that the first match is the longest (as a regex alternation
    // anchored at the end finds it).
    private static readonly (string Suffix, string Replacement)[] Step2 = Longest(
    [
        ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
        ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
        ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
        ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
    ]);

    private static readonly (string Suffix, string Replacement)[] Step3 = Longest(
    [
        ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
    ]);

    private static readonly string[] Step4 = Longest(
        ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ou", "ism", "ate", "iti", "ous", "ive", "ize"]);

    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < 3) return word;
        var w = new Word(word);

        // Step 1a: plurals.
        if (w.EndsWith("sses") || w.EndsWith("ies")) w.Drop(2);
        else if (w.Length >= 2 && w[^1] == 's' && w[^2] != 's') w.Drop(1);

        // Step 1b: -eed, -ed, -ing.
        if (w.EndsWith("eed"))
        {
            if (w.Measure(w.Length - 3) > 0) w.Drop(1);
        }
        else if (w.EndsWith("ed") || w.EndsWith("ing"))
        {
            var stem = w.Length - (w.EndsWith("ed") ? 2 : 3);
            if (w.HasVowel(stem))
            {
                w.Length = stem;
                if (w.EndsWith("at") || w.EndsWith("bl") || w.EndsWith("iz")) w.Append("e");
                else if (w.Length >= 2 && w[^1] == w[^2] && w[^1] is not ('a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'l' or 's' or 'z')) w.Drop(1);
                else if (w.IsShortSyllableWord(w.Length)) w.Append("e");
            }
        }

        // Step 1c: a final y after a stem with a vowel becomes i.
        if (w.Length > 0 && w[^1] == 'y' && w.HasVowel(w.Length - 1)) w[^1] = 'i';

        // Steps 2 and 3: derivational suffixes, when what remains has m > 0.
        foreach (var table in (ReadOnlySpan<(string, string)[]>)[Step2, Step3])
            foreach (var (suffix, replacement) in table)
            {
                if (!w.EndsWith(suffix)) continue;
                var stem = w.Length - suffix.Length;
                if (w.Measure(stem) > 0)
                {
                    w.Length = stem;
                    w.Append(replacement);
                }
                break;
            }

        // Step 4: residual suffixes, when what remains has m > 1.
        foreach (var suffix in Step4)
        {
            if (!w.EndsWith(suffix)) continue;
            if (w.Measure(w.Length - suffix.Length) > 1) w.Drop(suffix.Length);
            break;
        }
        if (w.EndsWith("ment") && w.Measure(w.Length - 4) > 1) w.Drop(4);
        if (w.EndsWith("ent"))
        {
            if (w.Measure(w.Length - 3) > 1) w.Drop(3);
        }
        else if ((w.EndsWith("sion") || w.EndsWith("tion")) && w.Measure(w.Length - 3) > 1) w.Drop(3);

        // Step 5: a final e, and a final double l.
        if (w.Length > 0 && w[^1] == 'e')
        {
            var stem = w.Length - 1;
            var m = w.Measure(stem);
            if (m > 1 || (m == 1 && !w.IsShortSyllableWord(stem))) w.Length = stem;
        }
        if (w.EndsWith("ll") && w.Measure(w.Length) > 1) w.Drop(1);
        return w.ToString();
    }

    private static (string Suffix, string Replacement)[] Longest((string Suffix, string Replacement)[] rules) =>
        [.. rules.OrderByDescending(r => r.Suffix.Length)];

    private static string[] Longest(string[] suffixes) => [.. suffixes.OrderByDescending(s => s.Length)];

    /// <summary>A word being stemmed, with the consonant/vowel tests of the algorithm over its first characters.</summary>
    private sealed class Word(string text)
    {
        private readonly char[] _chars = [.. text, .. "e"];

        public int Length { get; set; } = text.Length;

        public char this[Index i]
        {
            get => _chars[i.GetOffset(Length)];
            set => _chars[i.GetOffset(Length)] = value;
        }

        public bool EndsWith(string suffix) => Length >= suffix.Length && _chars.AsSpan(Length - suffix.Length, suffix.Length).SequenceEqual(suffix);

        public void Drop(int count) => Length -= count;

        public void Append(string suffix)
        {
            // Appending only ever follows removing a longer suffix, so the buffer (word + 1) is large enough.
            suffix.CopyTo(_chars.AsSpan(Length));
            Length += suffix.Length;
        }

        /// <summary>A consonant is a letter other than a, e, i, o, u, and other than a y that follows a consonant.</summary>
        private bool IsConsonant(int i) => _chars[i] switch
        {
            'a' or 'e' or 'i' or 'o' or 'u' => false,
            'y' => i == 0 || !IsConsonant(i - 1),
            _ => true,
        };

        /// <summary>m in [C](VC)^m[V] for the first <paramref name="end"/> characters: the number of vowel-consonant runs.</summary>
        public int Measure(int end)
        {
            var m = 0;
            var i = 0;
            while (i < end && IsConsonant(i)) i++;
            while (i < end)
            {
                while (i < end && !IsConsonant(i)) i++;
                if (i >= end) break;
                m++;
                while (i < end && IsConsonant(i)) i++;
            }
            return m;
        }

        public bool HasVowel(int end)
        {
            for (var i = 0; i < end; i++) if (!IsConsonant(i)) return true;
            return false;
        }

        /// <summary>
        /// The first <paramref name="end"/> characters are consonants, then one vowel, then one consonant other than
        /// w, x or y (as "hop" or "strip"): such stems get their e back in step 1b and keep it in step 5.
        /// </summary>
        public bool IsShortSyllableWord(int end)
        {
            if (end < 3 || !IsConsonant(end - 1) || IsConsonant(end - 2) || _chars[end - 1] is 'w' or 'x' or 'y') return false;
            for (var i = 0; i < end - 2; i++) if (!IsConsonant(i)) return false;
            return true;
        }

        public override string ToString() => new(_chars, 0, Length);
    }
}

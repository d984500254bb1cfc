namespace Dossier.Text;

/// <summary>
/// Finds direct quotations and attributes them to the mention of their speaker.
/// <para>
/// Pairing: quotation marks are paired per paragraph with a depth counter, so a nested quote stays inside the outer
/// one. Whether a mark opens or closes is read from the spacing around it first (a mark with a space before it and a
/// word after it opens), then from its glyph; this handles straight quotes, the NYT's <c>''</c> and curly quotes typed
/// the wrong way round alike. A quotation still open at the end of its paragraph continues only when the next paragraph
/// opens with a quotation mark (the convention for a quote over several paragraphs); otherwise it ends with its
/// paragraph rather than swallowing the rest of the article. A mark right after <c>=</c> is markup, not a quotation.
/// </para>
/// <para>
/// Attribution, first match wins: the reporting clause right after the closing mark ("…," X said / said X / according
/// to X); the source a sentence opens with (According to X, … "…") or names (as X put it, "…"); the reporting clause
/// right before the opening mark (X said: "…"); a verb of saying elsewhere in the same sentence (a scare quote inside
/// reported speech), or the owner of a claim (X's claim that "…"); the speaker of the previous quotation in the same
/// paragraph, or, for a paragraph that opens with a quotation, of the previous paragraph's last quotation or reported
/// speech, or of the clause that ends it with a colon.
/// The speaker mention is the one nearest the quotation; a pronoun mention is linked to the person it refers to.
/// A short quotation with no speaker is a scare quote or a title, not a quotation, and is not reported.
/// </para>
/// </summary>
public sealed class QuoteFinder(Lexicon? lexicon = null) : IDocumentStage
{
    private const int Window = 12;

    // After the quotation the name may carry a long appositive before its verb: '"…," Jeb Bush, the former Florida
    // governor and a Republican presidential candidate, told CNN'.
    private const int AfterWindow = 20;
    private const int MaxUnattributedWords = 4;

    private readonly Lexicon _lexicon = lexicon ?? Lexicon.English;

    public string Name => "quotes";
    public Annotations Requires => Annotations.Tokens | Annotations.Sentences | Annotations.Entities;
    public Annotations Produces => Annotations.Quotes;

    public void Process(Document document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var c = new Context(document, _lexicon);
        Speaker? previous = null;
        var previousParagraph = -1;
        var previousSentence = -1;
        var pairs = Pair(document);
        for (var q = 0; q < pairs.Count; q++)
        {
            var (open, close, closed) = pairs[q];
            var paragraph = c.ParagraphStart(open);
            var speaker = (closed ? c.After(open, close) : null) ?? c.SentenceAccordingTo(open) ?? c.AsPutIt(open) ?? c.Before(open);
            // Without a reporting clause, a quoted title ("Meet the Press", "Gang of Eight") is a name, not a quotation.
            if (speaker is null && c.IsTitleCase(open + 1, close)) continue;
            // So is one after a preposition or a possessive, whatever the sentence reports: 'said on "Meet the Press"'.
            if (c.IsTitleCase(open + 1, close) && c.IntroducesTitle(open - 1)) continue;
            // '"…," and "…"': a second quotation in the sentence of an attributed one has the same speaker.
            if (speaker is null && previous is { } same && previousSentence == document.SentenceOf(open)) speaker = same;
            // '"…" and "…," X said': so has a first one, joined to the attributed one by "and", "or" or a comma.
            if (speaker is null && closed && q + 1 < pairs.Count && pairs[q + 1].Closed && c.OnlyJoins(close + 1, pairs[q + 1].Open))
                speaker = c.After(pairs[q + 1].Open, pairs[q + 1].Close);
            speaker ??= c.InSentence(open, close);
            speaker ??= c.SentenceSubject(open);
            // 'Fundraising was "…" as donors waited for a "…" cycle to play out, he said': else the speaker of a later
            // quotation in the same sentence.
            if (speaker is null && closed && q + 1 < pairs.Count && pairs[q + 1].Closed
                && document.SentenceOf(pairs[q + 1].Open) == document.SentenceOf(open) && c.ParagraphStart(pairs[q + 1].Open) == paragraph)
                speaker = c.After(pairs[q + 1].Open, pairs[q + 1].Close);
            if (speaker is null && previous is { } p)
            {
                var opensParagraph = paragraph == open;
                if (previousParagraph == paragraph || (opensParagraph && previousParagraph == c.ParagraphStart(paragraph - 1))) speaker = p;
            }
            // A quotation that opens a sentence, after one that ends in reported speech ("Lau said in a statement. "…"").
            if (speaker is null && paragraph == open && paragraph > 0) speaker = c.LastReportedSpeaker(c.ParagraphStart(paragraph - 1), paragraph);
            if (speaker is null && open > paragraph && c.EndsSentence(open - 1)) speaker = c.LastReportedSpeaker(paragraph, open);

            var start = document.TokenData[open].End;
            var end = closed ? document.TokenData[close].Start : document.TokenData[close - 1].End;
            // "…," X said: the comma belongs to the reporting sentence, not to the quotation.
            while (end > start && (document.Text[end - 1] == ',' || char.IsWhiteSpace(document.Text[end - 1]))) end--;
            if (!HasLetter(document.Text.AsSpan(start, end - start))) continue;
            if (speaker is not { } s)
            {
                if (c.WordCount(open + 1, close) > MaxUnattributedWords) document.AddQuote(QuoteMention.Unattributed(start, end));
                continue;
            }
            document.AddQuote(new QuoteMention(start, end, s.Start, s.End, c.EntityOf(s, open, close)));
            previous = s;
            previousParagraph = c.ParagraphStart(close - 1);
            previousSentence = document.SentenceOf(close - 1);
        }
    }

    /// <summary>A pronoun that can stand for a speaker: "he", "They", "who" (whose referent is looked up, not named by the word itself).</summary>
    public static bool IsPronoun(ReadOnlySpan<char> word) =>
        word is "he" or "she" or "He" or "She" or "they" or "They" or "I" or "we" or "We" or "it" or "It" or "who";

    private static bool HasLetter(ReadOnlySpan<char> s)
    {
        foreach (var ch in s)
            if (char.IsLetter(ch)) return true;
        return false;
    }

    /// <summary>The quotations of a document as (opening mark, closing mark) token pairs; an unclosed one ends at the first token after its paragraph.</summary>
    private static List<(int Open, int Close, bool Closed)> Pair(Document d)
    {
        var tokens = d.TokenData;
        var result = new List<(int Open, int Close, bool Closed)>();
        var depth = 0;
        var open = -1;
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if ((t.Shape & TokenShape.LineStart) != 0 && depth > 0)
            {
                // The paragraph ended inside a quotation: it goes on only if this paragraph opens with a quotation mark.
                if ((t.Shape & TokenShape.Quote) != 0 && Role(d, i) == QuoteRole.Open) continue;
                if (i > open + 1) result.Add((open, i, false));
                depth = 0;
            }
            if ((t.Shape & TokenShape.Quote) == 0) continue;
            var role = Role(d, i);
            if (role == QuoteRole.Open || (role == QuoteRole.Either && depth == 0))
            {
                if (depth++ == 0) open = i;
            }
            else if (depth > 0 && role != QuoteRole.None)
            {
                if (--depth == 0 && i > open + 1) result.Add((open, i, true));
            }
        }
        if (depth > 0 && tokens.Length > open + 1) result.Add((open, tokens.Length, false));
        result.RemoveAll(q => d.TokenData[q.Open].Start > 0 && d.Text[d.TokenData[q.Open].Start - 1] == '=');
        return result;
    }

    private enum QuoteRole { None, Open, Close, Either }

    private static QuoteRole Role(Document d, int i)
    {
        var tokens = d.TokenData;
        var spaceBefore = i == 0 || (tokens[i].Shape & (TokenShape.Attached | TokenShape.LineStart)) != TokenShape.Attached;
        var spaceAfter = i + 1 >= tokens.Length || (tokens[i + 1].Shape & (TokenShape.Attached | TokenShape.LineStart)) != TokenShape.Attached;
        if (spaceBefore && !spaceAfter) return QuoteRole.Open;
        if (!spaceBefore && spaceAfter) return QuoteRole.Close;
        var c = d.Text[tokens[i].Start];
        if (c is '\u201C' or '\u201E' or '\u00AB' or '`') return QuoteRole.Open;
        if (c is '\u201D' or '\u00BB') return QuoteRole.Close;
        if (spaceBefore) return QuoteRole.None; // a stray mark between spaces
        // Attached on both sides: punctuation after it ("…", / "…".) means it closes; punctuation before it ((" / —") means it opens.
        if (i + 1 < tokens.Length && (tokens[i + 1].Shape & (TokenShape.Punctuation | TokenShape.Quote)) == TokenShape.Punctuation) return QuoteRole.Close;
        if (i > 0 && (tokens[i - 1].Shape & (TokenShape.Punctuation | TokenShape.Terminal | TokenShape.Quote)) == TokenShape.Punctuation) return QuoteRole.Open;
        return QuoteRole.Either;
    }

    private readonly record struct Speaker(int Start, int End);

    private readonly struct Context
    {
        private readonly Document _d;
        private readonly Lexicon _lexicon;
        private readonly int[] _entityAt;

        public Context(Document d, Lexicon lexicon)
        {
            _d = d;
            _lexicon = lexicon;
            _entityAt = new int[d.TokenCount];
            Array.Fill(_entityAt, -1);
            for (var e = 0; e < d.Entities.Count; e++)
                for (var k = d.Entities[e].Start; k < d.Entities[e].End; k++) _entityAt[k] = e;
        }

        private ReadOnlySpan<TokenData> Tokens => _d.TokenData;

        private ReadOnlySpan<char> Word(int i) => _d.Text.AsSpan(Tokens[i].Start, Tokens[i].Length);

        private bool Is(int i, TokenShape shape) => (Tokens[i].Shape & shape) != 0;

        public int ParagraphStart(int i)
        {
            while (i > 0 && !Is(i, TokenShape.LineStart)) i--;
            return Math.Max(i, 0);
        }

        /// <summary>True when tokens [start, end) are one or more of "and", "or" and commas, all on one line.</summary>
        public bool OnlyJoins(int start, int end)
        {
            if (start >= end) return false;
            for (var i = start; i < end; i++)
                if (Is(i, TokenShape.LineStart) || Word(i) is not ("and" or "or" or ",")) return false;
            return true;
        }

        /// <summary>True when tokens [start, end) have a word and every word that is not a short function word is capitalised ("Orange Is the New Black", "Frozen").</summary>
        public bool IsTitleCase(int start, int end)
        {
            var capitalised = 0;
            for (var i = start; i < end; i++)
            {
                if (!Is(i, TokenShape.Word)) continue;
                if (Is(i, TokenShape.Capitalized)) capitalised++;
                else if (Word(i) is not ("of" or "the" or "and" or "a" or "an" or "in" or "on" or "for" or "to" or "with" or "at" or "by" or "or" or "is" or "from" or "as" or "but"))
                    return false;
            }
            return capitalised > 0;
        }

        /// <summary>
        /// A word before which a quoted title-case phrase is a title: a preposition, possessive or determiner ('on "Meet
        /// the Press"', 'the "Growth and Opportunity Project"'), a verb that names or addresses ('told "Fox and Friends"')
        /// or a kind of work ('his book "The Art of the Deal"').
        /// </summary>
        public bool IntroducesTitle(int i)
        {
            // 'her memoir, "Years of Change"': past a comma.
            if (i > 0 && !Is(i, TokenShape.LineStart) && Word(i) is ",") i--;
            return IsTitleWord(i);
        }

        private bool IsTitleWord(int i) => i >= 0 && !Is(i, TokenShape.LineStart) && Word(i) is "on" or "in" or "to" or "of" or "at" or "for" or "from"
            or "with" or "'s" or "\u2019s" or "the" or "The" or "a" or "an" or "told" or "called" or "titled" or "entitled" or "named" or "dubbed"
            or "book" or "memoir" or "show" or "program" or "programme" or "podcast" or "novel" or "song" or "anthem" or "film" or "movie"
            or "series" or "column" or "album" or "play" or "documentary" or "essay";

        /// <summary>True when token i is the first of its paragraph or sentence, or follows a colon or dash.</summary>
        private bool OpensSentence(int i) =>
            i == 0 || Is(i, TokenShape.LineStart) || EndsSentence(i - 1) || IsClauseBreak(i - 1) && Word(i - 1) is not "," || _d.SentenceOf(i) != _d.SentenceOf(i - 1);

        /// <summary>
        /// True when token i lies in a subordinate clause that opens its sentence, before the main clause: 'After saying
        /// her foot was "so swollen…," she was…'.
        /// </summary>
        private bool InFrontedClause(int i)
        {
            var s = _d.SentenceOf(i);
            if (s < 0) return false;
            var start = Math.Max(_d.Sentence(s).Start, ParagraphStart(i));
            if (Word(start) is not ("After" or "Before" or "While" or "When" or "As" or "Although" or "Though" or "Because" or "If" or "Since" or "By" or "Despite"))
                return false;
            for (var k = start + 1; k < i; k++)
                if (IsClauseBreak(k)) return false;
            return true;
        }

        public bool EndsSentence(int i) => Is(i, TokenShape.Terminal) || Word(i) is ":";

        public int WordCount(int start, int end)
        {
            var n = 0;
            for (var i = start; i < end; i++)
                if (Is(i, TokenShape.Word | TokenShape.Number)) n++;
            return n;
        }

        /// <summary>"…," X said / "…," said X / "…," according to X — the reporting clause right after the closing mark.</summary>
        public Speaker? After(int open, int close)
        {
            if (SignedBy(close) is { } signer) return signer;
            var k = close + 1;
            // "the word 'old-school,''' said X": the inner quotation's mark follows the outer one's.
            if (k < Tokens.Length && Word(k) is "'" && !Is(k, TokenShape.LineStart) && Is(k, TokenShape.Attached)) k++;
            if (k < Tokens.Length && !Is(k, TokenShape.LineStart) && Word(k) is "," or "—" or "--" or "–") k++;
            if (k >= Tokens.Length || Is(k, TokenShape.LineStart | TokenShape.Quote | TokenShape.Terminal)) return null;
            // "…we lost." T-shirts said… : a quotation that ends its sentence is followed by a new sentence, not by its attribution.
            // But '"…we lost." Trump said.' is: a sentence that is only a mention and a verb of saying.
            if (k == close + 1 && Word(close - 1) is "." && Is(k, TokenShape.Capitalized)) return BareReport(k);
            if (IsAccordingTo(k)) return ObjectAfter(k + 2);
            var limit = Math.Min(Tokens.Length, k + AfterWindow);
            for (var v = k; v < limit; v++)
            {
                if (Is(v, TokenShape.LineStart | TokenShape.Quote | TokenShape.Terminal)) break;
                if (!IsSpeechVerb(v)) continue;
                // '"…," Trump said: "…"': a verb that introduces the next quotation does not report this one.
                if (v + 1 < Tokens.Length && Word(v + 1) is ":") return null;
                // '"…," said X' names X after the verb, but '"fantastic," telling reporters' names whom the subject told.
                if (v == k) return IsParticiple(v) ? null : ObjectAfter(v + 1);
                // The mention must be the verb's subject: it reaches the verb (past adverbs) or an appositive does.
                if (MentionAt(k, v) is not { } m) return null;
                var j = m.End;
                while (j < v && IsAuxiliary(j)) j++;
                return j == v || (j < v && Word(j) is "," or "(" or "—") ? m : null;
            }
            // A quotation that ends in a comma is followed by its attribution whatever the verb: '"…," an angry Hollande
            // retaliated' — when it opens its sentence; inside one ('is "on pace to win," the number needed') it does not.
            if (k != close + 1 || Word(close - 1) is not ("," or "?" or "!" or "—") || !(OpensSentence(open) || InFrontedClause(open))) return null;
            // But after a question or an exclamation, which can end a sentence, a copula starts a new statement, not a
            // report: '"Is it Dalton Brody?" Dalton Brody is a store'.
            if (MentionAt(k, limit) is { } mention && mention.End < Tokens.Length && IsLowerWord(mention.End)
                && !(Word(close - 1) is "?" or "!" && Word(mention.End) is "is" or "was" or "are" or "were" or "has" or "had" or "have" or "will" or "would"))
                return mention;
            if (!IsLowerWord(k) || !Word(k).EndsWith("ed", StringComparison.Ordinal) || k + 1 >= Tokens.Length || _entityAt[k + 1] < 0) return null;
            return _d.Entities[_entityAt[k + 1]].Type == EntityType.Person ? EntityMention(_entityAt[k + 1]) : null;
        }

        /// <summary>The mention of a sentence at k that is only a mention and a verb of saying: "Trump said."</summary>
        private Speaker? BareReport(int k)
        {
            for (var v = k + 1; v < Tokens.Length && v - k < 8; v++)
            {
                if (Is(v, TokenShape.LineStart | TokenShape.Quote | TokenShape.Terminal)) return null;
                if (!IsSpeechVerb(v)) continue;
                if (v + 1 >= Tokens.Length || Word(v + 1) is not "." || MentionAt(k, v) is not { } m) return null;
                var j = m.End;
                while (j < v && IsAuxiliary(j)) j++;
                return j == v ? m : null;
            }
            return null;
        }

        /// <summary>
        /// '"…" ― Sonya Herridge': a quotation signed with a dash and a name that is all the rest of its line, as in
        /// collections of readers' or voters' quotes and epigraphs.
        /// </summary>
        private Speaker? SignedBy(int close)
        {
            var k = close + 1;
            if (k + 1 >= Tokens.Length || Is(k, TokenShape.LineStart) || Word(k) is not ("—" or "―" or "–" or "--" or "-")) return null;
            var start = k + 1;
            if (Is(start, TokenShape.LineStart)) return null;
            var end = start;
            // Initials and their full stops belong to the name: "Julie A. Diaz Martinez", "Edwin G. Monroy".
            while (end < Tokens.Length && end - start < 8 && !Is(end, TokenShape.LineStart)
                   && (Is(end, TokenShape.Capitalized) || (Word(end) is "." && end > start && Word(end - 1).Length == 1)))
                end++;
            if (end == start) return null;
            var rest = end;
            if (rest < Tokens.Length && !Is(rest, TokenShape.LineStart) && Word(rest) is "." or ",") rest++;
            return rest >= Tokens.Length || Is(rest, TokenShape.LineStart) ? new Speaker(start, end) : null;
        }

        private bool IsLowerWord(int i) => Is(i, TokenShape.Word) && char.IsLower(_d.Text[Tokens[i].Start]) && !Is(i, TokenShape.LineStart);

        /// <summary>X said: "…" / X told reporters, "…" / According to X, "…" — the reporting clause right before the opening mark.</summary>
        public Speaker? Before(int open)
        {
            if (Is(open, TokenShape.LineStart)) return null;
            var k = open - 1;
            var paragraph = ParagraphStart(open);
            // "O'Malley interjected: "…"": a mention and a verb right before a colon name the speaker whatever the verb,
            // unless a verb of saying opens the clause ("He adds that Muslims have two choices: "…"" is his).
            if (k - 2 >= paragraph && Word(k) is ":" && IsLowerWord(k - 1) && LooksLikeVerb(k - 1) && !IsSpeechVerb(k - 1)
                && EarlierReporter(ClauseStart(paragraph, k - 1), k - 1) is null
                && Subject(paragraph, k - 1) is { } colon)
                return colon;
            if (k >= 0 && Word(k) is ":" or "," or "—" or "--" or "–" or "that") k--;
            var limit = Math.Max(paragraph, k - Window);
            for (var v = k; v >= limit; v--)
            {
                if (Is(v, TokenShape.Quote | TokenShape.Terminal)) return null;
                if (IsAccordingTo(v)) return ObjectAfter(v + 2);
                if (IsSpeechVerb(v))
                {
                    if (Subject(paragraph, v) is { } subject) return (IsNamingVerb(v) ? OuterSpeaker(paragraph, v) : null) ?? subject;
                    // "said Trump: "…"": the speaker after the verb, only when it runs right up to the quotation.
                    if (IsNamingVerb(v) || IsParticiple(v) || v + 1 > k || ObjectAfter(v + 1) is not { } inverted || inverted.End != k + 1) return null;
                    return inverted.End - inverted.Start == 1 && IsDeterminer(inverted.Start) ? null : inverted;
                }
                // "she cautions that she sees "…"": a mention, any verb and "that" report what follows.
                if (Word(v) is "that" && v - 1 > paragraph && IsLowerWord(v - 1) && LooksLikeVerb(v - 1)
                    && (_entityAt[v - 2] >= 0 || IsPronoun(v - 2)) && Subject(paragraph, v - 1) is { } reporter)
                    return reporter;
                if (Is(v, TokenShape.LineStart)) return null;
            }
            return null;
        }

        /// <summary>The last clause break before token i in its sentence, or where the sentence (or paragraph) starts.</summary>
        private int ClauseStart(int paragraph, int i)
        {
            var s = _d.SentenceOf(i);
            var from = Math.Max(paragraph, s >= 0 ? _d.Sentence(s).Start : paragraph);
            for (var b = i - 1; b > from; b--)
                if (IsClauseBreak(b)) return b;
            return from;
        }

        /// <summary>
        /// The speaker of reported speech that encloses a verb of saying: in 'Murphy said she is in what he called a
        /// "mood"' the quotation is part of what Murphy said. Null when no earlier verb of saying in the sentence has a subject.
        /// </summary>
        private Speaker? OuterSpeaker(int paragraph, int verb)
        {
            var s = _d.SentenceOf(verb);
            var from = Math.Max(paragraph, s >= 0 ? _d.Sentence(s).Start : paragraph);
            for (var v = from + 1; v < verb - 1; v++)
            {
                if (Is(v, TokenShape.Quote)) return null;
                if (IsSpeechVerb(v) && !IsNamingVerb(v) && Subject(from, v) is { } outer && outer.End <= v) return outer;
            }
            return null;
        }

        /// <summary>A quote inside reported speech: 'Macron said France must "eradicate terrorist groups"'.</summary>
        public Speaker? InSentence(int open, int close)
        {
            var s = _d.SentenceOf(open);
            if (s < 0) return null;
            var sentence = _d.Sentence(s);
            var paragraph = ParagraphStart(open);
            // The first verb of saying before the quotation: in "X said she is in what he called a "mood"", the quote is X's.
            var from = Math.Max(sentence.Start, paragraph);
            for (var v = from + 1; v < open; v++)
            {
                if (Is(v, TokenShape.Quote)) from = v + 1;
                else if (IsSpeechVerb(v) && Subject(from, v) is { } subject) return subject;
            }
            if (Claimant(from, open) is { } claimant) return claimant;
            var after = close < Tokens.Length ? _d.SentenceOf(close) : -1;
            if (after < 0) return null;
            var end = _d.Sentence(after).End;
            for (var v = close + 1; v < end; v++)
            {
                if (Is(v, TokenShape.Quote | TokenShape.LineStart)) break;
                if (!IsSpeechVerb(v)) continue;
                // "Any "cleareyed" reading of his actions, said Michael Kofman, …": the speaker follows the verb.
                if (IsClauseBreak(v - 1) && !IsParticiple(v) && ObjectAfter(v + 1) is { } inverted) return inverted;
                if (Subject(close + 1, v) is { } subject) return subject;
            }
            return null;
        }

        /// <summary>
        /// "According to AZCentral, one sign read, "…"": a sentence that opens by naming its source gives that source
        /// every quotation in it.
        /// </summary>
        public Speaker? SentenceAccordingTo(int open)
        {
            var s = _d.SentenceOf(open);
            if (s < 0) return null;
            var from = Math.Max(_d.Sentence(s).Start, ParagraphStart(open));
            if (from + 3 >= open || !IsAccordingTo(from)) return null;
            return ObjectAfter(from + 2) is { } source && source.End < open ? source : null;
        }

        /// <summary>"As Ruth Marcus puts it, Obama is trying to make Republicans "an offer…"": the one who put it so.</summary>
        public Speaker? AsPutIt(int open)
        {
            var s = _d.SentenceOf(open);
            if (s < 0) return null;
            var from = Math.Max(_d.Sentence(s).Start, ParagraphStart(open));
            for (var i = from; i + 3 < open; i++)
            {
                if (Word(i) is not ("As" or "as")) continue;
                for (var j = i + 2; j + 1 < open && j - i <= 12; j++)
                {
                    if (Is(j, TokenShape.Quote)) break;
                    if (Word(j) is "put" or "puts" && Word(j + 1) is "it") return MentionAt(i + 1, j);
                }
            }
            return null;
        }

        /// <summary>
        /// The owner of a claim the quotation states: 'a fact-check of Trump's claim that there were "thousands of
        /// shootings"', 'his warning that "…"' — the mention before the possessive of the nearest word for something
        /// said that a "that" or a colon follows, or "was" and a colon ('Clinton's response was: "…"'); without them,
        /// 'Trump's comment "…"' may be anyone's word for it.
        /// </summary>
        private Speaker? Claimant(int from, int open)
        {
            for (var k = open - 1; k > from; k--)
            {
                if (!IsSaidNoun(k) || !(Word(k + 1) is "that" or ":" || (Word(k + 1) is "was" or "is" && k + 2 < open && Word(k + 2) is ":" or ","))) continue;
                var owner = k - 1;
                if (IsPossessivePronoun(owner)) return new Speaker(owner, owner + 1);
                if (Word(owner) is "'s" or "\u2019s" && owner - 1 >= from && _entityAt[owner - 1] >= 0) return EntityMention(_entityAt[owner - 1]);
                return null;
            }
            return null;
        }

        private bool IsSaidNoun(int i) => Word(i) is "claim" or "claims" or "assertion" or "assertions" or "statement" or "remark" or "remarks"
            or "comment" or "comments" or "argument" or "promise" or "pledge" or "vow" or "warning" or "suggestion" or "insistence"
            or "contention" or "accusation" or "charge" or "words" or "prediction" or "boast" or "response" or "reply" or "answer"
            or "message" or "motto" or "verdict" or "advice" or "retort";

        private bool IsPossessivePronoun(int i) => i >= 0 && Word(i) is "his" or "His" or "her" or "Her" or "their" or "Their" or "its" or "Its" or "my" or "My";

        /// <summary>
        /// The subject of the sentence a quotation is embedded in, when no verb of saying names it: 'Kaine has adopted
        /// the stance…: "…"' / 'Ryan worried that the net was becoming "…"' — the first person or pronoun before the quotation.
        /// </summary>
        public Speaker? SentenceSubject(int open)
        {
            var s = _d.SentenceOf(open);
            if (s < 0) return null;
            var from = Math.Max(_d.Sentence(s).Start, ParagraphStart(open));
            return ClauseOpening(from, open) ?? NearestClauseSubject(from, open) ?? FirstPersonOrPronoun(from, open);
        }

        /// <summary>
        /// The person or pronoun that opens the last clause before the quotation and is followed by a lower-case word
        /// (its verb): in "Even before Francis' remarks about him, Mr. Trump had criticized the pope as "…"" it is
        /// Mr. Trump, not the first person the sentence names.
        /// </summary>
        private Speaker? NearestClauseSubject(int from, int open)
        {
            for (var b = open - 1; b > from; b--)
            {
                if (!IsClauseBreak(b)) continue;
                var k = b + 1;
                if (k >= open) continue;
                if (_entityAt[k] >= 0 && _d.Entities[_entityAt[k]] is { Type: EntityType.Person } e && e.Start == k && e.End < open && IsLowerWord(e.End))
                    return EntityMention(_entityAt[k]);
                if (IsPronoun(k) && Word(k) is not ("it" or "It" or "who") && k + 1 < open && IsLowerWord(k + 1)) return new Speaker(k, k + 1);
            }
            return null;
        }

        private Speaker? FirstPersonOrPronoun(int from, int end)
        {
            for (var i = from; i < end; i++)
            {
                if (Is(i, TokenShape.Quote)) return null;
                // "It is strange that …", "It has not helped that …": an "it" with no verb of saying is no speaker.
                if (IsPronoun(i) && Word(i) is not ("it" or "It")) return new Speaker(i, i + 1);
                if (_entityAt[i] >= 0 && _d.Entities[_entityAt[i]].Type == EntityType.Person) return EntityMention(_entityAt[i]);
            }
            return null;
        }

        /// <summary>The subject of the last verb of saying in tokens [start, end) that has one: "Trump said Tuesday." before a quoted paragraph.</summary>
        public Speaker? LastReportedSpeaker(int start, int end)
        {
            for (var v = end - 1; v > start; v--)
            {
                if (Is(v, TokenShape.Quote)) return null;
                if (IsSpeechVerb(v) && !IsIntention(v) && Subject(start, v) is { } subject) return subject;
            }
            // "17-year-old Jared Potts echoed:" / "Stated Stone:" ending the paragraph before: whatever the verb.
            if (end - 2 > start && Word(end - 1) is ":")
            {
                var k = end - 2;
                if (IsLowerWord(k) && LooksLikeVerb(k)) return Subject(start, k);
                if (Is(k, TokenShape.Capitalized) && k - 1 == start && _lexicon.IsSpeechVerb(Word(k - 1).ToString().ToLowerInvariant())) return new Speaker(k, k + 1);
                // "Sanders made the following comment:": the subject that opens the clause.
                return ClauseOpening(start, k);
            }
            return null;
        }

        /// <summary>The mention that starts a reporting clause at token k, before its verb at v: an entity, a pronoun or a short noun phrase.</summary>
        private Speaker? MentionAt(int k, int v)
        {
            if (_entityAt[k] >= 0)
            {
                // "US Senator Jeff Sessions": a place and a title before a person's name belong to the mention.
                var e = _d.Entities[_entityAt[k]];
                var t = e.Type != EntityType.Person && e.End < v ? _lexicon.MatchTitle(_d, e.End, v) : 0;
                if (t > 0 && e.End + t < v && _entityAt[e.End + t] >= 0 && _d.Entities[_entityAt[e.End + t]] is { Type: EntityType.Person } named)
                    return new Speaker(k, named.End);
                return EntityMention(_entityAt[k]);
            }
            if (IsPronoun(k)) return new Speaker(k, k + 1);
            // "Mr. Rubel", "Sen. Jack Reed": a title joins the name after it.
            var title = _lexicon.MatchTitle(_d, k, Math.Min(v, Tokens.Length));
            if (title > 0 && k + title < v && _entityAt[k + title] >= 0) return new Speaker(k, _d.Entities[_entityAt[k + title]].End);
            if (!IsDeterminer(k) && !Is(k, TokenShape.Capitalized)) return null; // "…," while trying to explain: no subject here
            // A capitalised run ("Texas delegate Bill Eastland") or a determiner phrase ("a campaign spokesman"), ending before the first lower-case verb-like word.
            var end = k + 1;
            while (end < v && end - k < 10 && Is(end, TokenShape.Word | TokenShape.Number) && !IsAuxiliary(end) && !(IsLowerWord(end) && LooksLikeVerb(end)))
                end++;
            return new Speaker(k, end);
        }

        private bool LooksLikeVerb(int i)
        {
            var w = Word(i);
            // A final "s" marks a verb ("notes", "echoes") in words longer than "as", "is", "his" or "this".
            return IsSpeechVerb(i) || w.EndsWith("ed", StringComparison.Ordinal) || (w.Length > 4 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal)) || w.EndsWith("out", StringComparison.Ordinal);
        }

        /// <summary>The subject of a verb of saying: the entity, pronoun or noun phrase that ends right before it (past adverbs and auxiliaries).</summary>
        private Speaker? Subject(int from, int verb)
        {
            var sentence = _d.SentenceOf(verb);
            if (sentence >= 0) from = Math.Max(from, _d.Sentence(sentence).Start);
            var k = verb - 1;
            while (k >= from && IsAuxiliary(k)) k--;
            if (k >= from && Word(k) is ")")
            {
                // "Rep. Paul Ryan (R-WI) said": the parenthesis is not the speaker.
                while (k >= from && Word(k) is not "(") k--;
                k--;
            }
            // "Obama punctuated his list by saying "…"", "a tweet quoted the president as saying": a participle after a
            // preposition reports for the clause's subject, not for the noun before the preposition.
            if (k >= from && IsPreposition(k) && IsParticiple(verb))
                return EarlierReporter(from, k) ?? ClauseOpening(from, k) ?? FirstPersonOrPronoun(from, k);
            // "His comments came after being asked…", "his supporters were shown chanting": a preposition or a passive
            // participle is no subject, and the phrase before it is not the verb's.
            if (k >= from && IsLowerWord(k) && (IsPreposition(k) || (k > from && Word(k - 1) is "was" or "were" or "been" or "being" or "be")))
                return null;
            if (k >= from && (IsClauseBreak(k) || Word(k) is "and" or "but"))
            {
                // "Ben Jealous, the former president of the NAACP, said" / "Carson rejected the notion…, saying": the
                // speaker is the clause's subject: that of an earlier verb of saying, else the phrase that opens the
                // sentence, else its first person or pronoun, else the nearest mention.
                if ((EarlierReporter(from, k) ?? ClauseOpening(from, k) ?? FirstPersonOrPronoun(from, k)) is { } subject) return subject;
                k--;
            }
            if (k < from) return null;
            if (_entityAt[k] >= 0) return EntityMention(_entityAt[k]);
            // "most said…" but not "a few numbers".
            if (IsPronoun(k) || (IsQuantifier(k) && !(k > from && IsDeterminer(k - 1)))) return new Speaker(k, k + 1);
            if (!Is(k, TokenShape.Word)) return null;
            // "a formula called the "chained CPI"": a participle after a noun names a thing, it does not report speech.
            if (IsNamingVerb(verb) && IsLowerWord(k) && NamesTheQuote(verb)) return null;
            // A noun phrase such as "the Foreign Secretary", "a spokesman" or "one user": back to its determiner.
            var start = k;
            while (start > from && start > k - 6 && Is(start - 1, TokenShape.Word) && !IsDeterminer(start) && !IsSpeechVerb(start - 1) && Word(start - 1) is not ("that" or "and" or "but" or "as" or "when"))
                start--;
            // "X issued a statement saying "…"" / "In a statement announcing it, X called …": a statement does not
            // speak, its author does: the subject of the verb that issues it, or of a later verb of saying.
            if (IsMedium(k) && start > from)
            {
                if (IsPreposition(start - 1)) return null;
                if (IsLowerWord(start - 1)) return Subject(from, start - 1) ?? new Speaker(start, k + 1);
            }
            // "Politico reveals a few relevant facts: "…"": a determiner phrase right after a verb is its object; the
            // speaker is the subject of that verb.
            if (IsDeterminer(start) && start > from && IsLowerWord(start - 1) && (LooksLikeVerb(start - 1) || IsParticiple(start - 1)))
                return ClauseOpening(from, start - 1) ?? FirstPersonOrPronoun(from, start - 1);
            // "In other words, explained CBS's moderator: "…"": a phrase that opens with a preposition is an adverbial,
            // not a subject.
            if (Is(start, TokenShape.Capitalized) && _entityAt[start] < 0 && IsPreposition(start)) return null;
            if (IsDeterminer(start) || Is(start, TokenShape.Capitalized)) return new Speaker(start, k + 1);
            // "The Democratic front-runner and former secretary of state said": the phrase that opens the clause.
            return ClauseOpening(from, verb);
        }

        /// <summary>
        /// The subject of the nearest verb of saying in tokens (from, end): "Trump said the deadlock had "kept us safe"
        /// before claiming…". A relative clause's verb does not count: in "Graham, who says…, tweeted" it is Graham's.
        /// </summary>
        private Speaker? EarlierReporter(int from, int end)
        {
            for (var v = end - 1; v > from; v--)
                if (IsSpeechVerb(v) && !Is(v - 1, TokenShape.Quote) && Subject(from, v) is { } earlier && !(earlier.End - earlier.Start == 1 && Word(earlier.Start) is "who"))
                    return earlier;
            return null;
        }

        /// <summary>What carries words rather than speaks them: "a statement", "a tweet", "the letter".</summary>
        private bool IsMedium(int i) => Word(i) is "statement" or "statements" or "tweet" or "tweets" or "letter" or "release" or "remarks" or "comments"
            or "post" or "posting" or "email" or "e-mail" or "video" or "ad" or "advertisement" or "message" or "op-ed" or "memo";

        /// <summary>An adverb that opens a sentence before a comma: "Meanwhile, it attacked…", "Separately, the firm said…".</summary>
        private bool IsSentenceAdverb(int i)
        {
            if (i + 1 >= Tokens.Length || Word(i + 1) is not "," || _entityAt[i] >= 0) return false;
            var w = Word(i);
            return w is "Meanwhile" or "However" or "Instead" or "Also" or "Yet" or "Now" or "Today" or "Yesterday" or "Tonight" or "Moreover"
                or "Furthermore" or "Nevertheless" or "Indeed" or "Likewise" or "Meantime" or "Overall" or "Again"
                || (w.Length > 4 && w.EndsWith("ly", StringComparison.Ordinal) && char.IsUpper(w[0]));
        }

        private bool IsTimeWord(int i) => Word(i) is "later" or "earlier" or "ago" or "before" or "after" or "day" or "days" or "week" or "weeks"
            or "month" or "months" or "year" or "years" or "morning" or "afternoon" or "evening" or "night" or "time" or "weekend";

        private bool IsParticiple(int i) => Word(i).EndsWith("ing", StringComparison.Ordinal);

        private bool IsPreposition(int i) => Word(i) is "in" or "In" or "on" or "On" or "through" or "Through" or "via" or "by" or "By" or "with" or "With"
            or "as" or "As" or "after" or "After" or "before" or "Before" or "without" or "Without" or "upon" or "Upon" or "for" or "For"
            or "from" or "From" or "of" or "Of";

        /// <summary>Verbs that name rather than report: 'called the "chained CPI"', 'described as "horrendous"'.</summary>
        private bool IsNamingVerb(int i) => Word(i) is "called" or "dubbed" or "labeled" or "labelled" or "described" or "calling" or "describing";

        /// <summary>True when the quotation follows the verb directly, or after a determiner or "as": 'a formula called the "chained CPI"'.</summary>
        private bool NamesTheQuote(int verb)
        {
            var k = verb + 1;
            if (k < Tokens.Length && (IsDeterminer(k) || Word(k) is "as")) k++;
            return k < Tokens.Length && Is(k, TokenShape.Quote);
        }

        /// <summary>The mention that opens a clause when it is plainly its subject: a named entity, a pronoun or a determiner phrase ("The Democratic presidential candidate").</summary>
        private Speaker? ClauseOpening(int from, int end)
        {
            while (from < end && Is(from, TokenShape.Quote)) from++;
            // "DECATUR, Ill. — Sen. Ted Cruz…": past a dateline, a capitalised place up to the dash that ends it.
            if (from < end && Is(from, TokenShape.LineStart) && Is(from, TokenShape.AllCaps))
            {
                var dash = from + 1;
                while (dash < end && dash - from < 8 && Word(dash) is not ("—" or "–" or "--" or "_")) dash++;
                if (dash < end && dash - from < 8) from = dash + 1;
            }
            // "On Social Security, both oppose…": past an opening adverbial up to its comma.
            if (from < end && (Word(from) is "On" or "In" or "At" or "After" or "Before" or "During" or "For" or "With" or "As" or "When" or "While" or "Since" or "Last" or "Earlier" or "Later" or "Still" or "But" or "And" or "So" or "Then"
                || IsSentenceAdverb(from)))
            {
                var comma = from + 1;
                while (comma < end && comma - from < 12 && !IsClauseBreak(comma)) comma++;
                if (comma < end && IsClauseBreak(comma)) from = comma + 1;
                // "On July 6, 2015, Sanders made…": past the year of a date, too.
                if (from + 1 < end && Is(from, TokenShape.Number) && Word(from + 1) is ",") from += 2;
            }
            if (from >= end) return null;
            if (_entityAt[from] >= 0 && _d.Entities[_entityAt[from]].Type is EntityType.Person or EntityType.Organisation) return EntityMention(_entityAt[from]);
            // "It is strange that Trump would denounce "…"": an "it" before a copula opens the sentence without naming
            // anyone ("It is denouncing what it calls…" does).
            if (Word(from) is "It" or "it" && from + 1 < end && Word(from + 1) is "is" or "was" or "'s" or "\u2019s"
                && !(from + 2 < end && (IsParticiple(from + 2) || Word(from + 2).EndsWith("ed", StringComparison.Ordinal))))
                return null;
            if (IsPronoun(from) || IsQuantifier(from)) return new Speaker(from, from + 1);
            if (!IsDeterminer(from)) return null;
            var k = from + 1;
            while (k < end && k - from < 8 && Is(k, TokenShape.Word) && !(IsLowerWord(k) && LooksLikeVerb(k))) k++;
            // "A month later, he paid a visit…": a phrase of time before a comma is an adverbial, the subject follows it.
            if (k < end && Word(k) is "," && IsTimeWord(k - 1)) return ClauseOpening(k + 1, end);
            return k > from + 1 ? new Speaker(from, k) : null;
        }

        /// <summary>The speaker after "said" or "according to": an entity, a pronoun or a determiner phrase.</summary>
        private Speaker? ObjectAfter(int k)
        {
            if (k >= Tokens.Length || Is(k, TokenShape.LineStart)) return null;
            if (_entityAt[k] >= 0) return EntityMention(_entityAt[k]);
            if (IsPronoun(k)) return new Speaker(k, k + 1);
            // "said 9/11 widow Terry Strada": a number may open the phrase.
            var j = k;
            while (j < Tokens.Length && j - k < 4 && !Is(j, TokenShape.LineStart) && (Is(j, TokenShape.Number) || Word(j) is "/")) j++;
            var number = j > k && j < Tokens.Length && Is(j, TokenShape.Word) && !Is(j, TokenShape.LineStart);
            // "told me, "…"": an object pronoun is whom the speaker told.
            if (!number && (!Is(k, TokenShape.Word) || Word(k) is "in" or "on" or "at" or "of" or "to" or "that" or "after" or "before" or "during" or "with" or "about" or "by"
                or "me" or "us" or "him" or "her" or "them" or "you"))
                return null;
            // "said former Utah governor Michael Leavitt, a Romney confidant": the phrase up to its name or its first punctuation.
            var end = number ? j + 1 : k + 1;
            while (end < Tokens.Length && end - k < 10 && Is(end, TokenShape.Word) && !Is(end, TokenShape.LineStart))
            {
                if (_entityAt[end] >= 0)
                {
                    var e = _d.Entities[_entityAt[end]];
                    end = e.End;
                    if (e.Type == EntityType.Person) break;
                    continue;
                }
                end++;
            }
            return new Speaker(k, end);
        }

        private Speaker EntityMention(int e) => new(_d.Entities[e].Start, _d.Entities[e].End);

        /// <summary>The named entity a speaker mention refers to: its own entity, or for a pronoun the person it points back to.</summary>
        /// <param name="open">The quotation's opening mark.</param>
        /// <param name="close">Its closing mark (or where it stops).</param>
        public int EntityOf(Speaker s, int open, int close)
        {
            for (var k = s.Start; k < s.End; k++)
                if (_entityAt[k] >= 0 && _d.Entities[_entityAt[k]].Type == EntityType.Person) return _entityAt[k];
            if (s.End - s.Start == 1 && Word(s.Start) is "who")
            {
                // "Mike Pence, who called…": the mention the relative clause hangs on.
                var k = s.Start - 1;
                if (k >= 0 && Word(k) is ",") k--;
                return k >= 0 ? _entityAt[k] : -1;
            }
            if (s.End - s.Start == 1 && IsPronoun(s.Start))
            {
                // People do not name themselves in the third person: '"… under the administration of Donald Trump …", he
                // said' is not Trump speaking, whoever the sentence before named first. Then the pronoun stays unresolved.
                var person = PersonBefore(Math.Min(s.Start, open));
                return person >= 0 && NamedWithin(person, open, close) ? -1 : person;
            }
            for (var k = s.Start; k < s.End; k++)
                if (_entityAt[k] >= 0) return _entityAt[k];
            return -1;
        }

        /// <summary>Whether a person mention between the quotation marks has the same last word as person mention <paramref name="e"/>.</summary>
        private bool NamedWithin(int e, int open, int close)
        {
            var surname = Word(_d.Entities[e].End - 1);
            foreach (var m in _d.Entities)
                if (m.Start > open && m.End <= close && m.Type == EntityType.Person && Word(m.End - 1).SequenceEqual(surname)) return true;
            return false;
        }

        /// <summary>
        /// The person a pronoun refers to: the first person named in the nearest earlier sentence that names one
        /// (the first is usually the subject, which a following "he said" continues), or -1.
        /// </summary>
        private int PersonBefore(int token)
        {
            var s = _d.SentenceOf(token);
            var best = -1;
            for (var e = _d.Entities.Count - 1; e >= 0; e--)
            {
                var m = _d.Entities[e];
                if (m.End > token || m.Type != EntityType.Person) continue;
                var sentence = _d.SentenceOf(m.Start);
                if (best >= 0 && sentence != s) return best;
                best = e;
                s = sentence;
            }
            return best;
        }

        // "the so called Islamic State" names, it does not report.
        private bool IsSpeechVerb(int i) => _lexicon.IsSpeechVerb(Word(i)) && !(i > 0 && Word(i - 1) is "so" or "So");

        /// <summary>A verb of saying followed by an infinitive ("pledged to work", "was asked to leave") states an intention or a request, not speech.</summary>
        private bool IsIntention(int i) => i + 2 < Tokens.Length && Word(i + 1) is "to" && IsLowerWord(i + 2) && !IsDeterminer(i + 2) && !IsPronoun(i + 2);

        private bool IsClauseBreak(int i) => Word(i) is "," or "—" or "–" or "--";

        private bool IsAccordingTo(int i) =>
            i + 2 < Tokens.Length && Word(i).Equals("according", StringComparison.OrdinalIgnoreCase) && Word(i + 1) is "to";

        private bool IsAuxiliary(int i)
        {
            var w = Word(i);
            if (w is "has" or "had" or "have" or "also" or "then" or "later" or "again" or "once" or "would" or "will" or "did" or "does"
                or "was" or "is" or "were" or "are" or "just" or "often" or "never" or "first" or "been" or "be" or "being" or "not" or "may" or "might" or "could") return true;
            // Lower-case adverbs: "recently", "flatly", "repeatedly".
            return w.Length > 4 && w.EndsWith("ly", StringComparison.Ordinal) && char.IsLower(w[0]);
        }

        private bool IsPronoun(int i) => QuoteFinder.IsPronoun(Word(i));

        /// <summary>A quantifier standing for people: "most said they were…", "many wrote…".</summary>
        private bool IsQuantifier(int i) => Word(i) is "most" or "Most" or "many" or "Many" or "some" or "Some" or "others" or "Others" or "both" or "Both" or "all" or "several" or "few";

        private bool IsDeterminer(int i) => Word(i) is "the" or "The" or "a" or "A" or "an" or "An" or "his" or "His" or "her" or "Her"
            or "its" or "Its" or "their" or "Their" or "one" or "One" or "another" or "Another" or "some" or "Some" or "many" or "Many";
    }
}

//! The sentence scanner: one pass over the bytes of a paragraph, stopping only at
//! bytes that can start a terminator, a bracket or a bullet, then deciding from
//! the token before and the word after.
//!
//! Decisions, in order, for a terminator followed by white space:
//! 1. a lowercase next word never starts a sentence (cased scripts), nor does
//!    punctuation that continues one (`, / ;`) or the numero sign `№`; except
//!    after a period that ends a plain lowercase word too long to be an
//!    abbreviation (`κανένας. το κόστος`: the writer forgot the capital);
//! 2. `?`, `!`, `…` and other terminators end the sentence (not the `!` of a
//!    name such as `Yahoo!`); after an ellipsis a word that is capitalised
//!    anywhere (English `I`) does not start one;
//! 3. a period depends on the token before it (the word before the space in
//!    tokenised text `Mr . Smith`): list markers at the start of a sentence,
//!    abbreviations by kind (a `unit` after a number ends a sentence unless the
//!    clause is a fronted adverbial, `At 5 a.m. Mr. Smith …`; a `time` also
//!    before a number, `7 p.m. 20 people`), initials (any
//!    one-letter token in scripts without case), initialisms (`U.S.`), ordinal
//!    numbers and Roman ordinals in languages that write ordinals so, plain words;
//! 4. no break inside a bracket opened in the middle of a sentence that closes soon.
//!
//! A period with no space after it ends a sentence only between a plain word and a
//! capitalised one (`world.Today`). Closing quotes after a terminator stay with the
//! sentence before, also when they stand alone (`pars. » Puis`, tokenised `. ''`).

use std::ops::Range;
use std::sync::OnceLock;

use super::rules::{Kind, Rules, abbrev_key};
use crate::script_marks;

/// Bytes at which the scanner has to look closer: ASCII terminators and
/// brackets, and the lead bytes of the other sentence marks
/// ([`script_marks`]), of the ellipsis and of the bullets.
fn interest() -> &'static [bool; 256] {
    static INTEREST: OnceLock<[bool; 256]> = OnceLock::new();
    INTEREST.get_or_init(|| {
        let mut t = [false; 256];
        for b in *b".!?;:()[]" {
            t[b as usize] = true;
        }
        let others = script_marks::all()
            .map(|(c, _)| c)
            .chain(['…'])
            .chain(BULLETS);
        for c in others {
            let mut buf = [0u8; 4];
            t[c.encode_utf8(&mut buf).as_bytes()[0] as usize] = true;
        }
        t
    })
}

/// What a non-ASCII character means to the scanner.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Ends a sentence when white space follows (`؟`, `।`, `։`, `។`, `།`).
    Terminator,
    /// Ends a sentence even with no space after it (`。`, `！`, `።`, `။`).
    Full,
    /// A bullet: a list item starts here when it follows white space.
    Bullet,
    Ellipsis,
}

/// Bullets that open a list item (besides `*`, `-`, `–` in [`is_bullet`]).
const BULLETS: [char; 5] = ['•', '⁃', '◦', '▪', '‣'];

fn mark(c: char) -> Option<Mark> {
    if c == '…' {
        return Some(Mark::Ellipsis);
    }
    if BULLETS.contains(&c) {
        return Some(Mark::Bullet);
    }
    script_marks::sentence_mark(c).map(|m| if m.full { Mark::Full } else { Mark::Terminator })
}

/// Characters that continue a terminator cluster (`?!`, `!!`, `.”`).
fn is_terminator_char(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…') || script_marks::sentence_mark(c).is_some()
}

/// Closing quotes and brackets: after a terminator they belong to the sentence before.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '”'
            | '’'
            | '“'
            | '»'
            | '«'
            | '›'
            | '‹'
            | ')'
            | ']'
            | '}'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〕'
            | '》'
            | '〉'
            | '＂'
            | '\u{202C}'
    )
}

/// Characters that may come before the first letter of a sentence.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '“'
            | '„'
            | '‘'
            | '‚'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '('
            | '['
            | '{'
            | '¿'
            | '¡'
            | '–'
            | '—'
            | '-'
            | '•'
            | '*'
            | '「'
            | '『'
            | '（'
            | '《'
            | '\u{202A}'
            | '\u{202B}'
    )
}

fn is_bullet(c: char) -> bool {
    BULLETS.contains(&c) || matches!(c, '*' | '-' | '–')
}

/// Letters of the shortest word that a period ends before a lowercase word.
/// Abbreviations are truncations of a few letters: of the 863 lowercase
/// one-word entries of `data/*.txt`, 860 have at most six letters (`meteor.`,
/// `idraul.`), and the three of seven (`maalisk.`) are listed, so excluded.
const MIN_WHOLE_WORD: usize = 7;

/// Lowercase in a script that has case. (Georgian Mkhedruli counts as uncased:
/// it has no capitals in running text.)
fn is_lower(c: char) -> bool {
    c.is_lowercase() && !('\u{10D0}'..='\u{10FF}').contains(&c)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    End,
    /// A lowercase letter: no new sentence.
    Lower,
    Digit,
    /// A capital, an uncased letter or a symbol: may start a sentence.
    Upper,
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// Skip white space from `i`.
fn skip_space(text: &str, mut i: usize) -> usize {
    while let Some(c) = char_at(text, i) {
        if !c.is_whitespace() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// Classify the word that starts at `i` (after white space): skip opening quotes,
/// brackets and dashes, then look at the first letter or digit. Also returns the
/// range of that word.
fn next_word(text: &str, start: usize) -> (Next, Range<usize>) {
    let mut i = start;
    let mut skipped = 0;
    while let Some(c) = char_at(text, i) {
        if skipped < 8 && (is_opener(c) || (c.is_whitespace() && i > start)) {
            i += c.len_utf8();
            skipped += 1;
            continue;
        }
        let rest = &text[i..];
        let kind = if rest.starts_with("...") || rest.starts_with('…') {
            let run = rest.trim_start_matches(['.', '…']);
            if run.starts_with(char::is_whitespace) {
                // `Happy! ... no one`, `Happy? ... No one`: a detached omission
                // mark follows the sentence; it decides for itself what comes next.
                Next::Lower
            } else {
                // `...en toen barste de hel los.`: a sentence may open with an omission.
                Next::Upper
            }
        } else if is_terminator_char(c) {
            // `? !` in tokenised text: the rest of the same terminator.
            Next::End
        } else if matches!(
            c,
            ',' | ';' | ':' | '/' | '\\' | '%' | ')' | ']' | '}' | '№'
        ) {
            // `cream. , It is`, `se consuela. / [...]`: punctuation that continues
            // a sentence (a verse separator, a comma) never opens one; nor does the
            // numero sign, which numbers the reference before it (`2010 г. № 70`).
            Next::Lower
        } else if is_lower(c) {
            Next::Lower
        } else if c.is_numeric() {
            Next::Digit
        } else {
            Next::Upper
        };
        let mut end = i;
        while let Some(w) = char_at(text, end) {
            if !w.is_alphanumeric() {
                break;
            }
            end += w.len_utf8();
        }
        // `iPad`, `eBay`: a lowercase first letter, but a capital inside.
        let kind = if kind == Next::Lower && text[i..end].chars().any(char::is_uppercase) {
            Next::Upper
        } else {
            kind
        };
        return (kind, i..end);
    }
    (Next::End, i..i)
}

/// Where the token that ends at `end` begins (after the last white space).
fn token_start(bytes: &[u8], end: usize, floor: usize) -> usize {
    let mut s = end;
    while s > floor && !bytes[s - 1].is_ascii_whitespace() {
        s -= 1;
    }
    s
}

/// The straight quote token at the start of `rest` (`''`, `'`, `"`), if white
/// space or the end follows it.
fn standalone_quote(rest: &[u8]) -> Option<&'static [u8]> {
    let quote: &'static [u8] = if rest.starts_with(b"''") {
        b"''"
    } else if rest.starts_with(b"'") {
        b"'"
    } else if rest.starts_with(b"\"") {
        b"\""
    } else {
        return None;
    };
    match rest.get(quote.len()) {
        None => Some(quote),
        Some(b) if b.is_ascii_whitespace() => Some(quote),
        Some(_) => None,
    }
}

/// Does the sentence that starts at `from` (up to its first terminator and a
/// detached quote after it) hold a quote mark, other than an apostrophe inside a
/// word? Only the first 500 bytes are read.
fn quote_in_next_sentence(text: &str, from: usize) -> bool {
    let mut end = (from + 500).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let region = &text[from..end];
    let mut prev = ' ';
    let mut cs = region.char_indices().peekable();
    while let Some((k, c)) = cs.next() {
        let next = cs.peek().map_or(' ', |&(_, n)| n);
        if is_quote(c) && !(prev.is_alphanumeric() && next.is_alphanumeric()) {
            return true;
        }
        if matches!(c, '.' | '!' | '?' | '…') && next.is_whitespace() {
            // `boy? ' he said`: a detached quote after the end still belongs to it.
            let after = region[k + c.len_utf8()..].trim_start();
            return standalone_quote(after.as_bytes()).is_some();
        }
        prev = c;
    }
    false
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '`' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '‹' | '›'
    )
}

/// Trim leading openers and bullets from a token.
fn strip_openers(tok: &str) -> &str {
    tok.trim_start_matches(|c: char| is_opener(c) || is_bullet(c))
}

fn is_roman(tok: &str) -> bool {
    !tok.is_empty()
        && tok.len() <= 5
        && (tok.bytes().all(|b| b"ivxlc".contains(&b))
            || tok.bytes().all(|b| b"IVXLC".contains(&b)))
}

/// A list marker such as `1`, `12`, `a`, `iv` (the part before `.` or `)`).
fn is_marker_label(tok: &str) -> bool {
    let n = tok.chars().count();
    (tok.len() <= 2 && !tok.is_empty() && tok.bytes().all(|b| b.is_ascii_digit()))
        || (n == 1 && tok.chars().all(char::is_alphabetic))
        || is_roman(tok)
}

/// Letters separated by periods, one letter each: `U.S`, `a.m`, `E.U`, `ዓ.ም`.
fn is_initialism(tok: &str) -> bool {
    let mut parts = 0;
    for p in tok.split('.') {
        if single_letter(p).is_none() {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// The letter of a one-letter token; a letter with its vowel signs and other
/// combining marks (`ഡോ`, `കെ`) counts as one, and so does a digraph letter.
fn single_letter(tok: &str) -> Option<char> {
    // The digraph letters of Serbian and Croatian Latin (`Marfi Dž. Pol`).
    if matches!(tok, "Dž" | "DŽ" | "Lj" | "LJ" | "Nj" | "NJ") {
        return tok.chars().next();
    }
    let mut cs = tok.chars();
    let first = cs.next().filter(|c| c.is_alphabetic())?;
    cs.all(is_mark).then_some(first)
}

/// A combining mark: diacritics, Indic vowel signs and viramas, Arabic vowel
/// marks. (An approximation by block that needs no Unicode tables.)
fn is_mark(c: char) -> bool {
    let u = c as u32;
    match u {
        0x0300..=0x036F | 0x064B..=0x065F | 0x0670 | 0x200C | 0x200D => true,
        // Devanagari … Malayalam share the ISCII layout: signs at the same offsets.
        0x0900..=0x0D7F => {
            matches!(u % 0x80, 0x00..=0x03 | 0x3A..=0x4F | 0x51..=0x57 | 0x62..=0x63)
        }
        _ => is_format(c),
    }
}

/// Invisible direction and joining marks (`د` U+202A `.` U+202C in Arabic text
/// pasted into a left-to-right page): not part of any word.
fn is_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    rules: &'a Rules,
    /// Sentence boundaries: a new sentence starts at (the first non-space at or after) each.
    cuts: Vec<usize>,
    /// Start of the current sentence.
    seg_start: usize,
    /// Where list items start (`1) … 2) …`), found before the scan.
    item_starts: &'a [usize],
    /// The closer (`)` or `]`) of a bracket opened inside the current sentence,
    /// not at its start.
    open_paren: Option<u8>,
}

impl<'a> Scanner<'a> {
    fn cut(&mut self, at: usize) {
        // `(Korčula, 1921. Bol, 1985.)`: no break inside a parenthesis opened in
        // the middle of a sentence, if it closes soon.
        if let Some(closer) = self.open_paren {
            let ahead = &self.bytes[at..self.bytes.len().min(at + 300)];
            if ahead.contains(&closer) {
                return;
            }
        }
        self.open_paren = None;
        if at > self.seg_start {
            self.cuts.push(at);
            self.seg_start = skip_space(self.text, at);
        }
    }

    /// Nothing but white space, bullets and openers between the sentence start and `i`.
    fn at_sentence_start(&self, i: usize) -> bool {
        let item = self.item_starts.iter().rev().find(|&&s| s <= i).copied();
        let start = self.seg_start.max(item.unwrap_or(0)).min(i);
        self.text[start..i]
            .chars()
            .all(|c| c.is_whitespace() || is_bullet(c) || is_opener(c))
    }

    /// End of the cluster of terminators and closers that starts at `i`.
    fn cluster_end(&self, mut i: usize) -> usize {
        while let Some(c) = char_at(self.text, i) {
            if is_terminator_char(c)
                || (self.rules.colon_ends && c == ':')
                || (self.rules.semicolon_question && c == ';')
            {
                i += c.len_utf8();
            } else {
                break;
            }
        }
        while let Some(c) = char_at(self.text, i) {
            if is_closer(c) {
                i += c.len_utf8();
            } else {
                break;
            }
        }
        // Tokenised text (`as a ' Maistre Boursier . ' He …`): a quote standing
        // alone closes the quotation that the sentence opened.
        if let Some(q) = self.detached_closer(i) {
            i = q;
        }
        // Reference marks (`.[1][2] [3]`) belong to the sentence before.
        loop {
            let j = skip_space(self.text, i);
            let rest = &self.bytes[j..];
            let refs = rest.first() == Some(&b'[')
                && rest[1..]
                    .iter()
                    .position(|&b| b == b']')
                    .is_some_and(|k| k > 0 && k <= 4 && rest[1..=k].iter().all(u8::is_ascii_digit));
            if refs {
                i = j + rest.iter().position(|&b| b == b']').unwrap_or(0) + 1;
                continue;
            }
            return i;
        }
    }

    /// The end of a closing quote that follows `i` after white space and stands
    /// alone: a right guillemet or curly quote (French spacing, `Je pars. » Puis`),
    /// or a straight quote token (`'`, `''`, `"`) when the sentence so far holds an
    /// odd number of such tokens (an open quotation), or holds none and nothing in
    /// the next sentence could close a quotation that the token opened (`through.
    /// ' The milkman gave him a look.`: the quotation opened before the text).
    fn detached_closer(&self, i: usize) -> Option<usize> {
        let j = skip_space(self.text, i);
        if j == i {
            return None;
        }
        if let Some(c @ ('»' | '”' | '’' | '›')) = char_at(self.text, j) {
            let end = j + c.len_utf8();
            // Alone, or before the punctuation that goes on (`ulje? ”, pyeste`).
            let alone = char_at(self.text, end)
                .is_none_or(|n| n.is_whitespace() || matches!(n, ',' | ';' | ':'));
            return alone.then_some(end);
        }
        let quote = standalone_quote(&self.bytes[j..])?;
        let end = j + quote.len();
        let sentence = &self.bytes[self.seg_start.min(i)..i];
        let open = sentence
            .split(u8::is_ascii_whitespace)
            .filter(|t| *t == quote)
            .count();
        let closes = match open {
            0 => !quote_in_next_sentence(self.text, end),
            n => n % 2 == 1,
        };
        closes.then_some(end)
    }

    /// Inside an unclosed CJK title bracket (`《摔跤吧！爸爸》`)?
    fn inside_title(&self, i: usize) -> bool {
        let before = &self.text[self.seg_start.min(i)..i];
        before
            .rfind('《')
            .is_some_and(|o| !before[o..].contains('》'))
    }

    fn run(mut self) -> Vec<usize> {
        let n = self.bytes.len();
        let interest = interest();
        let mut i = 0;
        while i < n {
            let b = self.bytes[i];
            if !interest[b as usize] {
                i += 1;
                continue;
            }
            i = match b {
                b'.' if self.rules.period_ends => self.period(i),
                b'.' => i + 1,
                b'!' | b'?' => self.terminator(i, false),
                b';' if self.rules.semicolon_question => self.terminator(i, false),
                b':' if self.rules.colon_ends => self.terminator(i, false),
                b';' | b':' => i + 1,
                // `(Korčula, 1921. Bol, 1985.)`, `[page. 42]`.
                b'(' | b'[' => {
                    // `(...)` is an omission mark, not a parenthesis.
                    let omission = b == b'('
                        && (self.bytes[i + 1..].starts_with(b"...)")
                            || self.text[i + 1..].starts_with("…)"));
                    if !omission && !self.at_sentence_start(i) {
                        self.open_paren = Some(if b == b'(' { b')' } else { b']' });
                    }
                    i + 1
                }
                b')' | b']' => {
                    self.open_paren = None;
                    i + 1
                }
                _ => {
                    let Some(c) = char_at(self.text, i) else {
                        i += 1;
                        continue;
                    };
                    match mark(c) {
                        Some(Mark::Terminator) | Some(Mark::Ellipsis) => self.terminator(i, false),
                        Some(Mark::Full) if self.inside_title(i) => i + c.len_utf8(),
                        Some(Mark::Full) => self.terminator(i, true),
                        Some(Mark::Bullet) => {
                            if i > 0 && self.bytes[i - 1].is_ascii_whitespace() {
                                self.cut(i);
                            }
                            i + c.len_utf8()
                        }
                        None => i + c.len_utf8(),
                    }
                }
            };
        }
        self.cuts
    }

    /// `?`, `!`, `…` and the like: a break unless a lowercase word follows.
    /// `full` terminators (`。`) break even with no space after them.
    fn terminator(&mut self, i: usize, full: bool) -> usize {
        let end = self.cluster_end(i);
        // `Yahoo! Research`: the mark is part of the name.
        if self.bytes[i] == b'!' && end == i + 1 {
            let ts = token_start(self.bytes, i, self.seg_start.min(i));
            if self.rules.is_bang_name(strip_openers(&self.text[ts..i])) {
                return end;
            }
        }
        let Some(c) = char_at(self.text, end) else {
            return end;
        };
        if !c.is_whitespace() {
            if full && !is_terminator_char(c) && !self.decimal_point(i, end) {
                self.cut(end);
            }
            return end.max(i + 1);
        }
        let (next, word) = next_word(self.text, skip_space(self.text, end));
        let ellipsis = self.text[i..end].contains('…');
        if next != Next::Lower
            && next != Next::End
            && !(ellipsis && self.rules.is_inner_capital(&self.text[word.clone()]))
            && !self.attribution_follows(i, end, word.start)
        {
            self.cut(end);
        }
        end
    }

    /// A full stop alone between digits (`３．１４`) is a decimal point.
    fn decimal_point(&self, i: usize, end: usize) -> bool {
        let mut cluster = self.text[i..end].chars();
        let period = cluster
            .next()
            .and_then(script_marks::sentence_mark)
            .is_some_and(|m| m.stop == script_marks::Stop::Period);
        period
            && cluster.next().is_none()
            && char_before(self.text, i).is_some_and(char::is_numeric)
            && char_at(self.text, end).is_some_and(char::is_numeric)
    }

    /// A period, or the start of a run of periods.
    fn period(&mut self, i: usize) -> usize {
        let b = self.bytes;
        // A run of periods, possibly spaced (`...`, `. . .`, `. . . .`).
        let mut j = i;
        let mut count = 1;
        let mut spaced = false;
        loop {
            if b.get(j + 1) == Some(&b'.') {
                j += 1;
            } else if b.get(j + 1) == Some(&b' ')
                && b.get(j + 2) == Some(&b'.')
                && b.get(j + 3) != Some(&b'.')
            {
                // Only lone periods make a spaced run: in `raak. ...en` the
                // sentence ends, and `...` opens the next one.
                j += 2;
                spaced = true;
            } else {
                break;
            }
            count += 1;
        }
        if count > 1 {
            return self.ellipsis(i, j + 1, count, spaced);
        }
        let end = self.cluster_end(i);
        let after = match char_at(self.text, end) {
            None => return end,
            Some(c) if !c.is_whitespace() => {
                if end == i + 1 && self.missing_space(i) {
                    self.cut(end);
                }
                return end.max(i + 1);
            }
            Some(_) => skip_space(self.text, end),
        };
        let (next, word) = next_word(self.text, after);
        if next == Next::Lower && end == i + 1 && self.whole_word_before_lower(i, &word) {
            self.cut(end);
            return end;
        }
        if matches!(next, Next::Lower | Next::End) {
            return end;
        }
        let from = word.start;
        if self.period_ends_sentence(i, next, word) && !self.attribution_follows(i, end, from) {
            self.cut(end);
        }
        end
    }

    /// `"Get out!" Tom shouted.`, `"We are ready." Hammel added.`: the end
    /// mark at `i` closes a quotation (a quote follows it in its cluster,
    /// which ends at `end`), and the words from `from` are an attribution:
    /// the speaker, one to three capitalised words (`Tom`, `Mr. Smith`, `I`;
    /// `Tom and Mary`), then a verb that reports speech, ending the clause
    /// ([`Self::attribution_ends`]). The attribution belongs to the
    /// quotation's sentence, as a lowercase `he said` does.
    fn attribution_follows(&self, i: usize, end: usize, from: usize) -> bool {
        if !self.rules.has_reporting_verbs() || !self.text[i..end].chars().any(is_quote) {
            return false;
        }
        let mut pos = from;
        let mut names = 0;
        loop {
            let (tok, next) = self.attribution_word(pos);
            let bare = tok.strip_suffix('.').unwrap_or(tok);
            if names > 0 && self.rules.is_reporting_verb(&bare.to_lowercase()) {
                return self.attribution_ends(pos + bare.len(), true);
            }
            let Some(next) = next else {
                return false;
            };
            if names > 0 && tok == "and" {
                pos = next;
                continue;
            }
            // `"… do you?" She continued, "…`: a capitalised pronoun or
            // article opens a new sentence; `I` is a speaker.
            let first = names == 0 && !self.rules.is_inner_capital(bare);
            if names == 3 || !self.speaker_word(tok, first) {
                return false;
            }
            names += 1;
            pos = next;
        }
    }

    /// The word at `pos` (up to white space or `, ; : ! ?`) and where the
    /// word after it starts (None when no white space follows it).
    fn attribution_word(&self, pos: usize) -> (&'a str, Option<usize>) {
        let stop = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '!' | '?');
        let rest = &self.text[pos..];
        let len = rest.find(stop).unwrap_or(rest.len());
        let next = skip_space(self.text, pos + len);
        (&rest[..len], (next > pos + len).then_some(next))
    }

    /// A word of a name (`Tom`, `O'Brien`, `Mr.`): capitalised, of letters,
    /// and ending with a period only when it is an abbreviation (`"Go!"
    /// Tom. Then …` is no attribution). `first`: the name's first word, which
    /// is not a word that opens sentences (`She`, `The`).
    fn speaker_word(&self, tok: &str, first: bool) -> bool {
        let bare = tok.strip_suffix('.').unwrap_or(tok);
        let mut cs = bare.chars();
        let capitalised = cs.next().is_some_and(char::is_uppercase)
            && cs.all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'));
        let mut buf = [0u8; 48];
        let period_ok = bare.len() == tok.len()
            || abbrev_key(bare, &mut buf).is_some_and(|k| self.rules.abbrev(k).is_some());
        capitalised && period_ok && !(first && self.is_starter(bare))
    }

    /// Does the attribution's clause end at `at`, right after its verb (or,
    /// `more`, after an adverb in `-ly` or the one spoken to: `"No." Tom said
    /// quietly.`, `"Go!" Tom told Mary.`)? It ends at `. ! ? ; :`, the end
    /// of the text, or a comma, unless the comma opens a new quotation that
    /// starts with a capital (`"I want it!" Buddha said, "First …`: a new
    /// sentence, where `"Yes." Tom added, "and so do I."` goes on).
    fn attribution_ends(&self, at: usize, more: bool) -> bool {
        match char_at(self.text, at) {
            None | Some('.' | '!' | '?' | ';' | ':') => true,
            Some(',') => {
                let j = skip_space(self.text, at + 1);
                let quoted = char_at(self.text, j).is_some_and(is_quote);
                !quoted || next_word(self.text, j).0 != Next::Upper
            }
            Some(c) if c.is_whitespace() && more => {
                let j = skip_space(self.text, at);
                let (next, word) = next_word(self.text, j);
                if next == Next::Lower {
                    return self.text[word.clone()].ends_with("ly")
                        && self.attribution_ends(word.end, false);
                }
                // The one spoken to: a name of one to three words.
                let mut pos = j;
                for _ in 0..3 {
                    let (tok, next) = self.attribution_word(pos);
                    let bare = tok.strip_suffix('.').unwrap_or(tok);
                    // (`Mary.`: the period ends the clause.)
                    if !self.speaker_word(bare, pos == j) {
                        return false;
                    }
                    if self.attribution_ends(pos + bare.len(), false) {
                        return true;
                    }
                    match next {
                        Some(next) => pos = next,
                        None => return false,
                    }
                }
                false
            }
            _ => false,
        }
    }

    /// A sentence end with its space left out (`Hello world.Today is …`,
    /// `жағдайы.XVIII ғасыр`): a word of at least three letters or a number, the
    /// period, then a capitalised word of at least two letters that is not part of
    /// a name with periods (`ASP.NET`, `www.Example.com`) and is no abbreviation.
    fn missing_space(&self, i: usize) -> bool {
        let ts = token_start(self.bytes, i, 0);
        let left = strip_openers(&self.text[ts..i]);
        let letters = left.chars().filter(|c| c.is_alphabetic()).count();
        let plain = left
            .chars()
            .all(|c| c.is_alphabetic() || c.is_ascii_digit() || c == ',' || c == '-');
        let last = left.chars().next_back();
        if !plain || !last.is_some_and(|c| is_lower(c) || c.is_ascii_digit()) {
            return false;
        }
        // `1.Helado`, `7.Bg5`: list items and chess moves, not sentence ends; a
        // number with a group separator (`1,000.That`) is an amount.
        if letters < 3 && !(letters == 0 && left.contains(',')) {
            return false;
        }
        let mut buf = [0u8; 48];
        if abbrev_key(left, &mut buf).is_some_and(|k| self.rules.abbrev(k).is_some()) {
            return false;
        }
        let rest = &self.text[i + 1..];
        let mut cs = rest.chars();
        if !cs.next().is_some_and(char::is_uppercase) {
            return false;
        }
        let word_len = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        if rest[..word_len].chars().count() < 2 {
            return false;
        }
        // The word after must end at white space or a terminator that is not
        // the inside of a dotted name (`Example.com`).
        let tail = &rest[word_len..];
        match tail.chars().next() {
            None => true,
            Some(c) if c.is_whitespace() => true,
            Some('.') => !tail[1..].starts_with(|c: char| c.is_alphanumeric()),
            Some(c) => matches!(
                c,
                ',' | ';' | ':' | '!' | '?' | ')' | '"' | '\'' | '”' | '’'
            ),
        }
    }

    /// A period right after a plain lowercase word of at least
    /// [`MIN_WHOLE_WORD`] letters that is no listed abbreviation, before a
    /// lowercase word (`σταμάτησε. το πρωί`): the word is too long to be a
    /// truncation, so the period ends a sentence whose writer began the next one
    /// in lowercase. `word` is the next word; a comma or slash (`. , a`) is none.
    fn whole_word_before_lower(&self, i: usize, word: &Range<usize>) -> bool {
        if !self.text[word.clone()].starts_with(is_lower) {
            return false;
        }
        let ts = token_start(self.bytes, i, self.seg_start.min(i));
        let tok = strip_openers(&self.text[ts..i]);
        let mut buf = [0u8; 48];
        tok.chars().count() >= MIN_WHOLE_WORD
            && tok.chars().all(is_lower)
            && abbrev_key(tok, &mut buf).is_none_or(|k| self.rules.abbrev(k).is_none())
    }

    /// Does the single period at `i` end a sentence, given that the next word is
    /// not lowercase?
    fn period_ends_sentence(&self, i: usize, next: Next, word: Range<usize>) -> bool {
        let next_word = &self.text[word.clone()];
        // A period after a space (tokenised text: `Mr . Robinson`, `gjejmë .`) is
        // judged by the word before the space.
        let te = if self.bytes[..i].last().is_some_and(u8::is_ascii_whitespace) {
            self.text[..i].trim_end().len()
        } else {
            i
        };
        // A token starts after white space or at a sentence start with no space
        // before it (`Tuesday.Mr. Smith`).
        let ts = token_start(self.bytes, te, self.seg_start.min(te));
        let raw = &self.text[ts..te];
        let tok = strip_openers(raw).trim_matches(is_format);
        // `Route 171/U.S.`: after a slash, a dotted abbreviation is the token
        // (but `km/h.` is a unit as a whole).
        let tok = match tok.rsplit_once('/') {
            Some((_, last)) if last.contains('.') => last,
            _ => tok,
        };
        let tok_pos = tok.as_ptr() as usize - self.text.as_ptr() as usize;
        // `l'Ing.`, `dell'Avv.`: the abbreviation follows the elided article.
        let bare = tok.rsplit(['\'', '’']).next().unwrap_or(tok);
        if tok.is_empty() || (te < i && !tok.chars().any(char::is_alphanumeric)) {
            return true;
        }
        let at_start = self.at_sentence_start(tok_pos);
        // `1.`, `a.`, `iv.` opening a sentence or list item: a list marker.
        if at_start && is_marker_label(tok) {
            return false;
        }
        // Abbreviations: two words (`i sl.`), then one.
        let mut buf = [0u8; 48];
        let prev_start = token_start(self.bytes, ts.saturating_sub(1), 0);
        if ts > 0 && prev_start < ts {
            let two = &self.text[prev_start..te];
            if two.len() <= 40 && !two.contains(['\n', '\t']) {
                let two = strip_openers(two);
                if let Some(kind) = abbrev_key(two, &mut buf).and_then(|k| self.rules.abbrev(k)) {
                    return self.abbrev_ends(kind, next, next_word, prev_start);
                }
            }
        }
        // A capital letter before a word is an initial (`Puff Daddy, P. Diddy`),
        // even where the lowercase letter is an abbreviation (`p. 5`).
        let initial = single_letter(tok).is_some_and(char::is_uppercase) && next != Next::Digit;
        if let Some(kind) = abbrev_key(bare, &mut buf)
            .filter(|_| !initial)
            .and_then(|k| self.rules.abbrev(k))
        {
            return self.abbrev_ends(kind, next, next_word, tok_pos);
        }
        // One letter: lowercase ones are abbreviations (`g.`, `p.`), or units
        // after a number, which may end a sentence (`široke 3,50 m. Visina`,
        // `u 22:08 h. Američki`), but not after a year written as an ordinal
        // (`1987. g. Pat`) or before the rest of an abbreviation (`400 n. Chr.`);
        // capitals are initials unless a lowercase word comes before (`you and
        // I. Did …`).
        if let Some(first) = single_letter(tok) {
            let prev = strip_openers(&self.text[prev_start..ts]).trim_end();
            let after_digits = prev.bytes().next().is_some_and(|b| b.is_ascii_digit());
            if is_lower(first) {
                let after_number = after_digits && !prev.ends_with('.');
                let abbrev_next = self.bytes.get(word.end) == Some(&b'.')
                    && abbrev_key(next_word, &mut buf)
                        .is_some_and(|k| self.rules.abbrev(k).is_some());
                return after_number && next != Next::Digit && !abbrev_next;
            }
            // Scripts without case (`د. ديفيد`, `ഡോ. ശിവൻ`): a letter with a period
            // is an abbreviation or an initial.
            if !first.is_uppercase() {
                return false;
            }
            if at_start || next == Next::Digit {
                return next == Next::Digit && !at_start;
            }
            // `А. И. Семенов`: an initial before another initial.
            if single_letter(next_word).is_some() && self.bytes.get(word.end) == Some(&b'.') {
                return false;
            }
            // A unit after a number (`15 C.`) may end a sentence.
            if after_digits {
                return true;
            }
            // Without a list of sentence starters to tell `and I. Did` from
            // `кезінде А. Фарахани`, a capital letter is an initial.
            if !self.rules.has_starters() {
                return false;
            }
            if prev.chars().next().is_some_and(char::is_uppercase) {
                return false;
            }
            // `prof. M. Šuteja`: an initial after a title.
            let title = prev.strip_suffix('.').and_then(|p| abbrev_key(p, &mut buf));
            if title.and_then(|k| self.rules.abbrev(k)) == Some(Kind::Prefix) {
                return false;
            }
            // After a lowercase word, `and I. Did …`, `grade A. The …` end a
            // sentence; `written by J. Smith` does not: the word after decides.
            return self.is_starter(next_word);
        }
        if is_initialism(tok) {
            if next == Next::Digit {
                return false;
            }
            // `ዓ.ም.`, `കെ.പി.`: initials in a script without case stand inside a
            // sentence (before a name, after a date).
            if !tok.chars().any(|c| c.is_uppercase() || c.is_lowercase()) {
                return false;
            }
            if self.rules.has_starters() {
                return self.is_starter(next_word);
            }
            // Without a list of sentence starters: capital initials (`Л.Н. Толстой`,
            // `U.S. Government`) stand before a name; lowercase ones (`a.s.`) may end.
            return !tok.chars().any(char::is_uppercase);
        }
        if tok.bytes().all(|b| b.is_ascii_digit()) {
            // `24. 9. 2023.`: a date written with ordinals.
            if next == Next::Digit {
                return !self.rules.ordinal_period;
            }
            // `4. Romski festival`: a short number with a period is an ordinal.
            if !self.rules.ordinal_period || tok.len() > 2 {
                return true;
            }
            // But an ordinal stands before a noun, a month or a name: not before a
            // quotation (`na radiju BBC 4. „Svedočanstva …`) or a word that opens
            // sentences (`na kanalu 5. U 6 ujutru`). Nor is 0 one, nor the second
            // number of a score (`pobjedom 2 : 0.`).
            let quotation = self.text[i + 1..word.start].chars().any(is_quote);
            let prev = self.text[prev_start..ts].trim();
            let score = matches!(prev, ":" | "-" | "–" | "—");
            return quotation || score || tok == "0" || self.is_starter(next_word);
        }
        // `o príslušníkov XII. Pluku`: a Roman ordinal, unless it follows a name
        // (`papu Benedikta XVI.`, `Josip II.`), where it may end the sentence.
        if self.rules.ordinal_period
            && tok.len() >= 2
            && is_roman(tok)
            && tok.bytes().all(|b| b.is_ascii_uppercase())
        {
            let prev = strip_openers(&self.text[prev_start..ts]);
            return prev.chars().next().is_some_and(char::is_uppercase);
        }
        true
    }

    fn is_starter(&self, word: &str) -> bool {
        let mut lower = [0u8; 48];
        abbrev_key(word, &mut lower).is_some_and(|w| self.rules.is_starter(w))
    }

    /// Does an abbreviation of `kind` that starts at `abbr_pos` end the sentence
    /// before `next_word`?
    fn abbrev_ends(&self, kind: Kind, next: Next, next_word: &str, abbr_pos: usize) -> bool {
        match kind {
            Kind::Prefix => false,
            // `vol. II`: a Roman numeral is a number too; `2,8 mlrd. GBP`: a
            // currency goes on with the amount.
            Kind::Number => {
                next != Next::Digit
                    && !(next_word.len() >= 2 && is_roman(next_word))
                    && !self.rules.is_currency(next_word)
            }
            Kind::Any => next == Next::Upper,
            Kind::Unit | Kind::Time => {
                if !self.after_number(abbr_pos) {
                    return false;
                }
                if next == Next::Digit {
                    return kind == Kind::Time && !self.fronted_adverbial(abbr_pos);
                }
                if next != Next::Upper {
                    return false;
                }
                // `at 8 p.m. EST on Sunday`: a time zone goes with the time.
                let mut buf = [0u8; 48];
                if abbrev_key(next_word, &mut buf).is_some_and(|k| self.rules.is_unit_follower(k)) {
                    return false;
                }
                // `At 5 a.m. Mr. Smith went …`: a fronted adverbial is no sentence;
                // the clause goes on unless a typical sentence opener follows.
                !self.fronted_adverbial(abbr_pos) || self.is_starter(next_word)
            }
        }
    }

    /// Does a number (`6`, `11:58`, `1,000`) come just before `pos`?
    fn after_number(&self, pos: usize) -> bool {
        let before = self.text[..pos].trim_end();
        let ts = token_start(self.bytes, before.len(), 0);
        let tok = strip_openers(&before[ts..]);
        tok.bytes().next().is_some_and(|b| b.is_ascii_digit())
            && tok
                .bytes()
                .all(|b| b.is_ascii_digit() || b",.:-/".contains(&b))
    }

    /// Does the clause that holds `pos` open with a preposition (`At 5 a.m.`,
    /// `… noted: In 44 B.C.`)? The clause starts at the sentence start or after
    /// the last `:` or `;`.
    fn fronted_adverbial(&self, pos: usize) -> bool {
        let sentence = &self.text[self.seg_start.min(pos)..pos];
        let clause = sentence
            .rfind([':', ';'])
            .filter(|&k| sentence[k + 1..].starts_with(char::is_whitespace))
            .map_or(sentence, |k| &sentence[k + 1..]);
        let first = strip_openers(clause.trim_start())
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        let mut buf = [0u8; 48];
        abbrev_key(first, &mut buf).is_some_and(|w| self.rules.is_adverbial_opener(w))
    }

    /// A run of `count` periods from `i` to `end`; `spaced` if `. . .`.
    fn ellipsis(&mut self, i: usize, end: usize, count: usize, spaced: bool) -> usize {
        // `[...]`: an editor's mark of omission, not the end of anything.
        if !spaced && i > 0 && self.bytes[i - 1] == b'[' && self.bytes.get(end) == Some(&b']') {
            return end + 1;
        }
        let close = self.cluster_end(end);
        let after = match char_at(self.text, close) {
            None => return close,
            Some(c) if !c.is_whitespace() => return close,
            Some(_) => skip_space(self.text, close),
        };
        let (next, word) = next_word(self.text, after);
        if next != Next::Upper && next != Next::Digit {
            return close;
        }
        // `the thing is . . . I didn't`: English `I` is no sign of a new sentence.
        if self.rules.is_inner_capital(&self.text[word]) {
            return close;
        }
        if spaced {
            // `. . .` before a capital ends the sentence; with a fourth period
            // attached to the word before, that period ends it.
            let attached = char_before(self.text, i).is_some_and(|c| !c.is_whitespace());
            if attached && count >= 4 {
                // `compounds. . . . The`: the sentence ends at its own period, and
                // the omission mark opens the next one.
                self.cut(i + 1);
                return close;
            }
        }
        self.cut(close);
        close
    }
}

/// List items that have no terminator: `1) The first item 2) The second item`.
/// Only when the paragraph opens with a marker; then the next marker in sequence,
/// after white space and before a capitalised word, starts a new sentence.
fn list_cuts(text: &str, cuts: &mut Vec<usize>) {
    let body = text.trim_start_matches(|c: char| c.is_whitespace() || is_bullet(c));
    let offset = text.len() - body.len();
    let (paren, rest) = match body.strip_prefix('(') {
        Some(r) => (true, r),
        None => (false, body),
    };
    let label_len = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    let label = &rest[..label_len];
    if !is_marker_label(label) {
        return;
    }
    let after = &rest[label_len..];
    let suffix = [".)", ")", "."]
        .into_iter()
        .find(|s| after.starts_with(s) && !(paren && *s != ")"));
    let Some(suffix) = suffix else { return };
    let mut label = label.to_string();
    let mut from = offset;
    'items: loop {
        for next in successors(&label) {
            let needle = format!("{}{next}{suffix}", if paren { "(" } else { "" });
            if let Some(found) = find_marker(text, from, &needle) {
                cuts.push(found);
                from = found + needle.len();
                label = next;
                continue 'items;
            }
        }
        return;
    }
}

/// The labels that may follow `label`: `1` → `2`, `a` → `b`, `iv` → `v`;
/// `i` may be a letter or a Roman numeral.
fn successors(label: &str) -> Vec<String> {
    const ROMAN: [&str; 12] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
    ];
    let mut out = Vec::new();
    if let Ok(n) = label.parse::<u32>() {
        out.push((n + 1).to_string());
        return out;
    }
    let upper = label.chars().all(|c| c.is_ascii_uppercase());
    let lower = label.to_ascii_lowercase();
    if let Some(p) = ROMAN.iter().position(|r| *r == lower) {
        if let Some(next) = ROMAN.get(p + 1) {
            out.push(if upper {
                next.to_ascii_uppercase()
            } else {
                next.to_string()
            });
        }
    }
    let mut cs = label.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        if c.is_ascii_alphabetic() && !matches!(c, 'z' | 'Z') {
            out.push(char::from(c as u8 + 1).to_string());
        }
    }
    out
}

/// `needle` after white space and before white space and a capitalised word.
fn find_marker(text: &str, from: usize, needle: &str) -> Option<usize> {
    let mut at = from;
    while let Some(p) = text.get(at..)?.find(needle) {
        let pos = at + p;
        let end = pos + needle.len();
        let space_before = char_before(text, pos).is_some_and(char::is_whitespace);
        let space_after = char_at(text, end).is_some_and(char::is_whitespace);
        if space_before && space_after {
            let (next, _) = next_word(text, skip_space(text, end));
            if next == Next::Upper {
                // `• 10. The second item`: the item starts at its bullet.
                let lead = text[..pos].trim_end();
                return Some(match lead.chars().next_back() {
                    Some(b) if is_bullet(b) => lead.len() - b.len_utf8(),
                    _ => pos,
                });
            }
        }
        at = end;
    }
    None
}

/// Sentence ranges of one paragraph (trimmed, never empty).
pub fn split(text: &str, rules: &Rules) -> Vec<Range<usize>> {
    let mut items = Vec::new();
    list_cuts(text, &mut items);
    let scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        rules,
        cuts: Vec::new(),
        seg_start: skip_space(text, 0),
        item_starts: &items,
        open_paren: None,
    };
    let mut cuts = scanner.run();
    if !items.is_empty() {
        cuts.extend(items);
        cuts.sort_unstable();
        cuts.dedup();
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for end in cuts.into_iter().chain(std::iter::once(text.len())) {
        push_trimmed(text, start..end, &mut out);
        start = end;
    }
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let t = s.trim();
    if t.is_empty() {
        return;
    }
    let lead = s.len() - s.trim_start().len();
    out.push(r.start + lead..r.start + lead + t.len());
}

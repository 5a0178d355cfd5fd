//! A lexicon form as the matcher compiles and verifies it: the anchor string that goes into
//! the automaton, the plural/possessive suffixes it may take, the capitals of an acronym, the
//! regex of a glob ([`Form`], [`Glob`]); the dense part every automaton match reads ([`Hot`]);
//! and the verification of a raw match against all that ([`verify`]).

use std::ops::Range;

use super::normalize::{is_word_char, word_after, word_before, Haystack, SEP};

/// A distinct normalised form inside one lexicon.
#[derive(Debug)]
pub(super) struct Form {
    lexicon: u32,
    /// The string compiled into the automaton: the whole form, or a glob's longest literal.
    pub(super) anchor: String,
    /// The anchor is the start of the form and the form starts with a word character: it is
    /// compiled behind a separator so it can only match at word starts.
    pub(super) anchor_at_word_start: bool,
    glob: Option<Glob>,
    /// Plural/possessive suffixes allowed (literal forms; globs build them into the regex).
    suffix: Suffix,
    /// Byte ranges of the normalised form that must be capitals in the original (acronyms).
    caps: Vec<Range<usize>>,
    /// The first/last character is a word character (or wildcard): check the boundary there.
    starts_word: bool,
    ends_word: bool,
    /// Entries this form counts for.
    pub(super) owners: Vec<u32>,
    /// Entries this form is an exception phrase for.
    pub(super) exception_of: Vec<u32>,
}

#[derive(Debug)]
struct Glob {
    re: regex::bytes::Regex,
    /// Spaces in the form before / after the literal anchor compiled into the automaton.
    spaces_before: usize,
    spaces_after: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Suffix {
    None,
    /// `s` and `'s`.
    S,
    /// `s`, `es` and `'s`.
    Es,
}

/// The part of a [`Form`] that every automaton match reads, in 20 bytes, so that the forms
/// of thousands of terms stay in cache; the rest (glob regex, acronym ranges) is looked up
/// only for the forms that have it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hot {
    pub(super) lexicon: u32,
    /// Start of this form's owners in the matcher's `roles`, followed by its exception entries.
    pub(super) roles: u32,
    pub(super) owners: u32,
    pub(super) excepts: u32,
    suffix: Suffix,
    /// [`Hot::STARTS_WORD`] | [`Hot::ENDS_WORD`] | [`Hot::GLOB`] | [`Hot::CAPS`]
    flags: u8,
}

impl Hot {
    const STARTS_WORD: u8 = 1;
    const ENDS_WORD: u8 = 2;
    const GLOB: u8 = 4;
    const CAPS: u8 = 8;

    /// The hot part of `f`, whose owners then exception entries start at `roles` in the
    /// matcher's `roles`.
    pub(super) fn new(f: &Form, roles: u32) -> Hot {
        let flag = |on: bool, bit: u8| if on { bit } else { 0 };
        Hot {
            lexicon: f.lexicon,
            roles,
            owners: f.owners.len() as u32,
            excepts: f.exception_of.len() as u32,
            suffix: f.suffix,
            flags: flag(f.starts_word, Hot::STARTS_WORD)
                | flag(f.ends_word, Hot::ENDS_WORD)
                | flag(f.glob.is_some(), Hot::GLOB)
                | flag(!f.caps.is_empty(), Hot::CAPS),
        }
    }
}

/// Verify a raw automaton match of form `fi` (of `forms`; `h` is its [`Hot`] part) at `s..e`
/// of the normalised haystack and report every valid occurrence (normalised span) through
/// `emit`. Literal forms are checked from their [`Hot`] part; the form itself is read only for
/// a glob ([`Form::verify_glob`]) or an acronym.
#[inline]
pub(super) fn verify(
    forms: &[Form],
    h: Hot,
    fi: u32,
    hay: &Haystack,
    s: usize,
    e: usize,
    emit: impl FnMut(usize, usize),
) {
    let form = || &forms[fi as usize];
    if h.flags & Hot::GLOB != 0 {
        let f = form();
        if let Some(g) = &f.glob {
            f.verify_glob(g, hay, s, e, emit);
        }
        return;
    }
    let mut emit = emit;
    if h.flags & Hot::STARTS_WORD != 0 && word_before(hay.bytes, s) {
        return;
    }
    let end = if h.flags & Hot::ENDS_WORD == 0 {
        Some(e)
    } else {
        suffix_end(h.suffix, hay.bytes, e)
    };
    let Some(end) = end else { return };
    if h.flags & Hot::CAPS != 0 && !form().caps_ok(hay, s) {
        return;
    }
    emit(s, end);
}

impl Form {
    pub(super) fn build(lexicon: u32, raw: &str, norm: &str) -> Form {
        let is_glob = norm.contains(['*', '?']);
        let last = norm.chars().last().unwrap_or(' ');
        let suffix = if last.is_ascii_alphabetic() {
            if norm.ends_with(['s', 'x', 'z']) || norm.ends_with("ch") || norm.ends_with("sh") {
                Suffix::Es
            } else {
                Suffix::S
            }
        } else {
            Suffix::None
        };
        let first = norm.chars().next().unwrap_or(' ');
        let starts_word = is_word_char(first) || first == '*' || first == '?';
        let (glob, anchor) = if is_glob {
            let (g, a) = Glob::build(norm, suffix);
            (Some(g), a)
        } else {
            (None, norm.to_string())
        };
        let anchor_at_word_start = is_word_char(first) && norm.starts_with(anchor.as_str());
        Form {
            lexicon,
            anchor_at_word_start,
            anchor,
            glob,
            suffix,
            caps: acronym_ranges(raw, norm),
            starts_word,
            ends_word: is_word_char(last) || last == '*' || last == '?',
            owners: Vec::new(),
            exception_of: Vec::new(),
        }
    }

    /// Whether this is a glob form (its anchor is only a piece of it).
    pub(super) fn is_glob(&self) -> bool {
        self.glob.is_some()
    }

    /// Verify a raw automaton match of this glob form's literal anchor at `s..e` of the
    /// normalised haystack: run the glob's regex over the words around it and report every
    /// valid occurrence (normalised span) through `emit`.
    fn verify_glob(
        &self,
        g: &Glob,
        hay: &Haystack,
        s: usize,
        e: usize,
        mut emit: impl FnMut(usize, usize),
    ) {
        let ws = window_start(hay.bytes, s, g.spaces_before);
        let we = window_end(hay.bytes, e, g.spaces_after);
        for m in g.re.find_iter(&hay.bytes[ws..we]) {
            let (ms, me) = (ws + m.start(), ws + m.end());
            if me <= s || ms >= e {
                continue;
            }
            if self.starts_word && word_before(hay.bytes, ms) {
                continue;
            }
            if self.ends_word && word_after(hay.bytes, me) {
                continue;
            }
            if !self.caps.is_empty() && !self.caps_ok(hay, ms) {
                continue;
            }
            emit(ms, me);
        }
    }

    /// Whether the acronym words of the form are in capitals in the original text.
    fn caps_ok(&self, hay: &Haystack, start: usize) -> bool {
        self.caps.iter().all(|r| {
            let (a, b) = hay.original_span(start + r.start, start + r.end);
            hay.text[a..b]
                .chars()
                .all(|c| !c.is_alphabetic() || c.is_uppercase())
        })
    }
}

impl Glob {
    /// The verifying regex and the anchor string for a glob form.
    fn build(norm: &str, suffix: Suffix) -> (Glob, String) {
        // The longest literal run (split at wildcards) becomes the automaton anchor.
        let mut best = (0usize, 0usize);
        let mut run_start = 0;
        for (i, c) in norm
            .char_indices()
            .chain(std::iter::once((norm.len(), '*')))
        {
            if c == '*' || c == '?' {
                if i - run_start > best.1 - best.0 {
                    best = (run_start, i);
                }
                run_start = i + c.len_utf8();
            }
        }
        let anchor = norm[best.0..best.1].to_string();
        let mut re = String::from("(?u)");
        const W: &str = r"[\p{Alphabetic}\p{N}\p{M}]";
        for c in norm.chars() {
            match c {
                '*' => {
                    re.push_str(W);
                    re.push('*');
                }
                '?' => re.push_str(W),
                '\u{1}' => re.push_str(r"\x01"),
                c => re.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
            }
        }
        match suffix {
            Suffix::None => {}
            Suffix::S => re.push_str(r"(?:\x01 s|s)?"),
            Suffix::Es => re.push_str(r"(?:\x01 s|es|s)?"),
        }
        // Escaped literals and fixed classes always compile; fall back to a never-matching
        // regex rather than panic if that ever changes.
        let re = regex::bytes::Regex::new(&re)
            .unwrap_or_else(|_| regex::bytes::Regex::new(r"[^\s\S]").expect("constant regex"));
        let g = Glob {
            re,
            spaces_before: norm[..best.0].matches(' ').count(),
            spaces_after: norm[best.1..].matches(' ').count(),
        };
        (g, anchor)
    }
}

/// End of a match ending at `e` after the longest suffix of kind `suffix` that ends on a word
/// boundary, if any ending does.
#[inline]
fn suffix_end(suffix: Suffix, hay: &[u8], e: usize) -> Option<usize> {
    let rest = &hay[e..];
    if suffix != Suffix::None {
        if rest.starts_with(&[SEP, b' ', b's']) && !word_after(hay, e + 3) {
            return Some(e + 3);
        }
        if suffix == Suffix::Es && rest.starts_with(b"es") && !word_after(hay, e + 2) {
            return Some(e + 2);
        }
        if rest.first() == Some(&b's') && !word_after(hay, e + 1) {
            return Some(e + 1);
        }
    }
    (!word_after(hay, e)).then_some(e)
}

/// Byte ranges (in the normalised form) of words written as acronyms: 2–4 letters, all
/// capitals. Words are maximal runs of word characters, matched up in order between the raw and
/// the normalised form (normalisation never splits or joins words).
fn acronym_ranges(raw: &str, norm: &str) -> Vec<Range<usize>> {
    let raw_words: Vec<&str> = raw
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .collect();
    let mut norm_words = Vec::new();
    let mut start = None;
    for (i, c) in norm
        .char_indices()
        .chain(std::iter::once((norm.len(), ' ')))
    {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                norm_words.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if raw_words.len() != norm_words.len() {
        return Vec::new();
    }
    raw_words
        .iter()
        .zip(norm_words)
        .filter(|(w, _)| {
            (2..=4).contains(&w.chars().count())
                && w.chars().all(|c| c.is_alphabetic() && c.is_uppercase())
        })
        .map(|(_, r)| r)
        .collect()
}

/// Start of the window a glob can match in: just after the `spaces + 1`-th space before `s`.
fn window_start(hay: &[u8], s: usize, spaces: usize) -> usize {
    let mut need = spaces + 1;
    let mut p = s;
    while p > 0 {
        p -= 1;
        if hay[p] == b' ' {
            need -= 1;
            if need == 0 {
                return p + 1;
            }
        }
    }
    0
}

/// End of the window a glob can match in: the `spaces + 1`-th space after `e`.
fn window_end(hay: &[u8], e: usize, spaces: usize) -> usize {
    let mut need = spaces + 1;
    let mut p = e;
    while p < hay.len() {
        if hay[p] == b' ' {
            need -= 1;
            if need == 0 {
                return p;
            }
        }
        p += 1;
    }
    hay.len()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{one, texts};

    #[test]
    fn unicode_word_boundaries() {
        let m = one(r#""Hizbullah", "حزب الله", "Qods""#);
        assert_eq!(
            texts(&m, "Ḥizbullāh said; Hizbullahs; xHizbullah; Quds Qods"),
            ["Ḥizbullāh", "Hizbullahs", "Qods"]
        );
        assert_eq!(texts(&m, "قال حزب الله اليوم"), ["حزب الله"]);
        // an Arabic letter glued on is part of the word: no match
        assert!(texts(&m, "وحزب اللهي").is_empty());
        let m = one(r#""Ḥizbullāh""#);
        assert_eq!(texts(&m, "HIZBULLAH"), ["HIZBULLAH"]);
    }

    #[test]
    fn plural_and_possessive() {
        let m = one(r#""regime", "crisis""#);
        assert_eq!(
            texts(
                &m,
                "regime's regimes' regimes regime’s crises crisises regimen"
            ),
            ["regime's", "regimes", "regimes", "regime’s", "crisises"]
        );
        let m = one(r#""Hamas""#);
        assert_eq!(texts(&m, "Hamas' office"), ["Hamas"]);
    }

    #[test]
    fn acronyms_match_only_in_capitals() {
        let m = one(r#""IS", "US forces""#);
        assert_eq!(
            texts(
                &m,
                "This is IS territory; US forces left, as us forces did not."
            ),
            ["IS", "US forces"]
        );
    }

    #[test]
    fn globs() {
        let m = one(r#""occupi*", "Zionis?", "illegal* occupation""#);
        assert_eq!(
            texts(
                &m,
                "occupied, OCCUPIERS, preoccupied, occupying; Zionist Zionism Zionists; illegally occupation"
            ),
            // `?` is exactly one letter, and a form ending in a wildcard takes no suffix
            ["occupied", "OCCUPIERS", "Zionist", "Zionism", "illegally occupation"]
        );
    }
}

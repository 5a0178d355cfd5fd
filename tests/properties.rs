//! Properties that must hold for any input (issue 6), checked with proptest on hostile text:
//! right-to-left scripts, combining marks, zero-width and bidi characters, emoji sequences,
//! every kind of quotation mark, odd line endings and arbitrary Unicode.
//!
//! * sentence spans are in order, inside the text and on character boundaries;
//! * `ingest::from_bytes` never panics, whatever the bytes (and whatever the file name says);
//! * an alignment puts every sentence index of each side in a pair or in its only-list (never
//!   both; a sentence may be in several pairs), in range, in consecutive runs;
//! * lexicon counts are the same whether a text is given whole or split at a paragraph boundary;
//! * output is byte-identical across runs.
//!
//! Case counts are modest (CI runs these on every push); the fuzzers in `fuzz/` go deeper.

use std::collections::BTreeMap;
use std::path::Path;

use framediff::align::{align, AlignOptions};
use framediff::diff::differences;
use framediff::ingest::{from_bytes, IngestOptions};
use framediff::segment::{segment, segment_text, words};
use proptest::prelude::*;

/// Pieces hostile text is made of.
const PIECES: &[&str] = &[
    "the",
    "minister",
    "said",
    "talks",
    "Tehran",
    "were",
    "constructive",
    "Mr.",
    "U.S.",
    "Dr.",
    "Gen.",
    "3.5",
    "No.",
    "a.m.",
    "J.",
    "Zionist",
    "regime",
    "martyr",
    "resistance",
    "occupied",
    "terrorist",
    "طهران",
    "وزير",
    "تحریم\u{200c}ها",
    "שלום",
    "ولایتی",
    "e\u{301}",
    "n\u{303}",
    "\u{0627}\u{064e}",
    "\u{200b}",
    "\u{200c}",
    "\u{200d}",
    "\u{feff}",
    "\u{2060}",
    "\u{202e}",
    "\u{202c}",
    "\u{2066}",
    "\u{00ad}",
    "👍",
    "👨\u{200d}👩\u{200d}👧",
    "🇮🇷",
    "🏳\u{fe0f}\u{200d}🌈",
    "“",
    "”",
    "\"",
    "'",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "「",
    "」",
    ".",
    "!",
    "?",
    "…",
    "...",
    ";",
    ":",
    "—",
    "-",
    "(",
    ")",
    "[",
    "]",
    "*",
    "\t",
    "\u{a0}",
    "\u{3000}",
    "\u{2028}",
    "\u{85}",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        10 => prop::sample::select(PIECES).prop_map(str::to_string),
        6 => Just(" ".to_string()),
        2 => prop::sample::select(&["\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n", "\r"][..])
            .prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{1,6}",
    ]
}

/// Hostile text of up to ~120 pieces.
fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|v| v.concat())
}

/// Starts of inputs that send ingest down its special paths (HTML, BOMs, binary signatures).
const PREFIXES: &[&[u8]] = &[
    b"",
    b"<!DOCTYPE html><html><body><p>",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"<?xml version=\"1.0\"?><html>",
    b"\x89PNG\r\n\x1a\n",
];

fn check_sentence_spans(text: &str, spans: impl IntoIterator<Item = (usize, usize)>) {
    let mut last = 0;
    for (s, e) in spans {
        assert!(
            s >= last,
            "span {s}..{e} starts before the previous end {last}"
        );
        assert!(s < e, "empty span {s}..{e}");
        assert!(e <= text.len(), "span {s}..{e} beyond {}", text.len());
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "{s}..{e}"
        );
        last = e;
    }
}

fn opts(keep: bool, segmented: bool) -> IngestOptions {
    IngestOptions {
        label: None,
        keep_boilerplate: keep,
        segmented,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn sentence_spans_are_ordered_inside_and_on_boundaries(
        text in hostile_text(),
        keep in any::<bool>(),
        segmented in any::<bool>(),
    ) {
        check_sentence_spans(&text, segment_text(&text));
        if let Ok(doc) = from_bytes(text.as_bytes(), "p.txt", &opts(keep, segmented)) {
            for p in &doc.paragraphs {
                prop_assert!(p.start <= p.end && p.end <= doc.text.len());
                prop_assert!(doc.text.is_char_boundary(p.start) && doc.text.is_char_boundary(p.end));
            }
            let sentences = segment(&doc);
            check_sentence_spans(&doc.text, sentences.iter().map(|s| (s.start, s.end)));
            for s in &sentences {
                prop_assert!(s.paragraph < doc.paragraphs.len());
                prop_assert!(!s.text.is_empty());
                for q in &s.quoted {
                    prop_assert!(s.start <= q[0] && q[0] <= q[1] && q[1] <= s.end);
                }
                let ws = words(&doc.text[s.start..s.end], s.start);
                check_sentence_spans(&doc.text, ws.iter().map(|w| (w.start, w.end)));
                for w in &ws {
                    prop_assert!(w.start >= s.start && w.end <= s.end);
                }
            }
        }
    }

    #[test]
    fn ingest_never_panics_on_arbitrary_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..3000),
        prefix in prop::sample::select(PREFIXES),
        name in prop::sample::select(&["a.txt", "a.html", "-", "a", "a.HTM", ".html"][..]),
        keep in any::<bool>(),
        segmented in any::<bool>(),
    ) {
        let mut input = prefix.to_vec();
        input.extend_from_slice(&bytes);
        if let Ok(doc) = from_bytes(&input, name, &opts(keep, segmented)) {
            let sentences = segment(&doc);
            check_sentence_spans(&doc.text, sentences.iter().map(|s| (s.start, s.end)));
        }
    }

    #[test]
    fn ingest_never_panics_on_hostile_text(text in hostile_text(), html in any::<bool>()) {
        let (input, name) = if html {
            (format!("<html><body><article><p>{text}</p></article></body></html>"), "x.html")
        } else {
            (text, "x.txt")
        };
        if let Ok(doc) = from_bytes(input.as_bytes(), name, &IngestOptions::default()) {
            let _ = segment(&doc);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Alignment

/// Sentences two reports of one event might share, so generated pairs really align.
const BANK: &[&str] = &[
    "The Iranian foreign minister met his Syrian counterpart in Tehran on Wednesday.",
    "Both sides stressed the importance of expanding economic cooperation.",
    "He condemned the Zionist regime’s attacks on Syrian territory.",
    "“We stand with Syria,” Velayati said.",
    "The talks were described as constructive and friendly.",
    "Sanctions imposed by the United States were discussed at length.",
    "وزير الخارجية التقى نظيره السوري.",
    "Officials did not comment on the 3.5 billion dollar credit line.",
    "The resistance front will continue its path, he added.",
    "🇮🇷🤝🇸🇾 Talks\u{200b}continue.",
];

/// An article ingest accepts: at least one real sentence, hostile text without the control
/// characters that rightly make ingest refuse a file as binary.
fn article() -> impl Strategy<Value = String> {
    let sentence = prop_oneof![
        4 => prop::sample::select(BANK).prop_map(str::to_string),
        1 => hostile_text().prop_map(|t| t.replace(|c: char| c.is_control() && c != '\n', " ")),
    ];
    let sep = prop::sample::select(&[" ", "\n", "\n\n"][..]);
    (
        prop::sample::select(BANK),
        prop::collection::vec((sentence, sep), 0..13),
    )
        .prop_map(|(first, v)| {
            let rest: String = v.into_iter().map(|(s, sep)| format!("{s}{sep}")).collect();
            format!("{first}\n\n{rest}")
        })
}

fn check_side(n: usize, runs: &[&Vec<usize>], only: &[usize]) -> Result<(), TestCaseError> {
    let mut in_pairs = vec![0usize; n];
    let mut in_only = vec![0usize; n];
    for run in runs {
        prop_assert!(!run.is_empty(), "a pair with an empty side");
        for w in run.windows(2) {
            prop_assert_eq!(w[0] + 1, w[1], "run not consecutive: {:?}", run);
        }
        for &i in run.iter() {
            prop_assert!(i < n, "index {} out of range {}", i, n);
            in_pairs[i] += 1;
        }
    }
    for &i in only {
        prop_assert!(i < n, "only-index {} out of range {}", i, n);
        in_only[i] += 1;
    }
    // A sentence may be in several pairs (further partners), but it is in a pair or in the
    // only-list, never both, and listed as only once at most.
    prop_assert!(
        (0..n).all(|i| (in_pairs[i] > 0) != (in_only[i] == 1) && in_only[i] <= 1),
        "every index must be paired or only, once: {:?} {:?}",
        in_pairs,
        in_only
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn alignment_uses_every_sentence_exactly_once(
        a in article(),
        b in article(),
        threshold in prop::sample::select(&[0.0, 0.1, 0.3, 0.5, 0.9, 1.0][..]),
    ) {
        let o = IngestOptions::default();
        let da = from_bytes(a.as_bytes(), "a.txt", &o);
        let db = from_bytes(b.as_bytes(), "b.txt", &o);
        prop_assert!(da.is_ok(), "ingest refused {:?}: {:?}", a, da.err());
        prop_assert!(db.is_ok(), "ingest refused {:?}: {:?}", b, db.err());
        let (da, db) = (da.unwrap(), db.unwrap());
        let (sa, sb) = (segment(&da), segment(&db));
        let al = align(&sa, &sb, &AlignOptions::with_threshold(threshold));
        let runs_a: Vec<&Vec<usize>> = al.pairs.iter().map(|p| &p.a).collect();
        let runs_b: Vec<&Vec<usize>> = al.pairs.iter().map(|p| &p.b).collect();
        check_side(sa.len(), &runs_a, &al.only_a)?;
        check_side(sb.len(), &runs_b, &al.only_b)?;
        for w in al.pairs.windows(2) {
            prop_assert!(
                (w[0].a[0], w[0].b[0]) < (w[1].a[0], w[1].b[0]),
                "pairs not in A's reading order"
            );
        }
        for p in &al.pairs {
            prop_assert!((0.0..=1.0).contains(&p.score), "score {}", p.score);
        }
        prop_assert!((0.0..=1.0).contains(&al.coverage.a));
        prop_assert!((0.0..=1.0).contains(&al.coverage.b));
        let _ = differences(&sa, &sb, &al);
    }
}

/// Distinct sentences of one report: no two share enough words to be taken for each other.
const DISTINCT: &[&str] = &[
    "The Iranian foreign minister met his Syrian counterpart in Tehran on Wednesday.",
    "Both sides stressed the importance of expanding economic cooperation.",
    "He condemned the Zionist regime’s attacks on Syrian territory.",
    "“We stand with Syria,” Velayati said.",
    "Sanctions imposed by the United States were discussed at length.",
    "Officials did not comment on the 3.5 billion dollar credit line.",
    "The resistance front will continue its path, he added.",
    "Damascus thanked Tehran for its support during eleven years of war.",
    "A new railway linking the Gulf to the Mediterranean is planned.",
    "Reporters were not allowed into the presidential palace.",
    "Oil exports through Iraqi ports rose sharply last month.",
    "The delegation flew home to Damascus late on Thursday evening.",
    "Analysts in Beirut called the visit a message to Washington.",
    "Wheat shipments from Russia will be paid for in local currencies.",
    "وزير الخارجية التقى نظيره السوري في طهران.",
    "Dr. Mekdad invited his host to visit Aleppo in the spring.",
];

/// A report of distinct sentences in paragraphs, and a reordered copy: `(paragraphs, order)`
/// where `order` is a permutation of the sentences (within and across paragraphs).
fn report_and_reordering() -> impl Strategy<Value = (Vec<Vec<&'static str>>, Vec<Vec<&'static str>>)>
{
    (2..=DISTINCT.len())
        .prop_flat_map(|n| {
            (
                Just(DISTINCT[..n].to_vec()).prop_shuffle(),
                prop::collection::vec(1..4usize, n),
                any::<u64>(),
                any::<bool>(),
            )
        })
        .prop_map(|(sentences, sizes, seed, whole_paragraphs)| {
            let mut paragraphs: Vec<Vec<&str>> = Vec::new();
            let mut rest = &sentences[..];
            for size in sizes {
                if rest.is_empty() {
                    break;
                }
                let k = size.min(rest.len());
                paragraphs.push(rest[..k].to_vec());
                rest = &rest[k..];
            }
            // a deterministic shuffle from the seed: whole paragraphs, or every sentence
            let mut order: Vec<Vec<&str>> = if whole_paragraphs {
                paragraphs.clone()
            } else {
                sentences.iter().map(|s| vec![*s]).collect()
            };
            let mut x = seed | 1;
            for i in (1..order.len()).rev() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                order.swap(i, (x % (i as u64 + 1)) as usize);
            }
            (paragraphs, order)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Aligning a report with a reordered copy of itself finds the identity: every sentence
    /// paired with its own copy, alone, with similarity 1; nothing left over.
    #[test]
    fn a_report_aligns_with_its_reordered_copy_as_the_identity(
        (paragraphs, reordered) in report_and_reordering(),
    ) {
        let text = |ps: &[Vec<&str>]| {
            ps.iter().map(|p| p.join(" ")).collect::<Vec<_>>().join("\n\n") + "\n"
        };
        let o = IngestOptions { label: None, keep_boilerplate: true, segmented: false };
        let da = from_bytes(text(&paragraphs).as_bytes(), "a.txt", &o).expect("ingest a");
        let db = from_bytes(text(&reordered).as_bytes(), "b.txt", &o).expect("ingest b");
        let (sa, sb) = (segment(&da), segment(&db));
        let n = paragraphs.iter().map(Vec::len).sum::<usize>();
        prop_assert_eq!(sa.len(), n, "every sentence of a is a sentence");
        prop_assert_eq!(sb.len(), n, "every sentence of b is a sentence");
        let al = align(&sa, &sb, &AlignOptions::default());
        prop_assert!(al.only_a.is_empty() && al.only_b.is_empty(), "left over: {:?} / {:?}", al.only_a, al.only_b);
        prop_assert_eq!(al.pairs.len(), n);
        for p in &al.pairs {
            prop_assert!(p.a.len() == 1 && p.b.len() == 1, "a merged pair {:?} ~ {:?}", p.a, p.b);
            let (x, y) = (&sa[p.a[0]], &sb[p.b[0]]);
            prop_assert_eq!(&x.text, &y.text, "sentence {} paired with another", p.a[0]);
            prop_assert!(p.score >= 1.0 - 1e-9, "{:?}: score {}", x.text, p.score);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Lexicon counts (through the CLI, so the test holds whatever the counting API looks like)

fn cli() -> assert_cmd::Command {
    let mut c = assert_cmd::cargo::cargo_bin_cmd!("framediff");
    c.env("NO_COLOR", "1").write_stdin("");
    c
}

/// Per-(lexicon, category, term) totals and the total word count from `terms --format json`.
fn term_totals(files: &[&Path]) -> (BTreeMap<String, usize>, usize) {
    let mut c = cli();
    c.args(["terms", "--format", "json", "--all", "--keep-boilerplate"]);
    c.args(files);
    let out = c.output().expect("run framediff");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "terms failed: {stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("terms JSON");
    let mut totals = BTreeMap::new();
    for row in v["terms"].as_array().expect("terms array") {
        let key = format!("{}/{}/{}", row["lexicon"], row["category"], row["term"]);
        let n: u64 = row["counts"]
            .as_array()
            .expect("counts")
            .iter()
            .filter_map(|c| c.as_u64())
            .sum();
        *totals.entry(key).or_insert(0) += n as usize;
    }
    let words = v["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|d| d["words"].as_u64())
        .sum::<u64>() as usize;
    (totals, words)
}

/// Paragraphs that contain built-in lexicon terms, in and out of quotes.
const TERM_BANK: &[&str] = &[
    "The Zionist regime launched new attacks on occupied territory.",
    "“The resistance will prevail,” the martyr’s brother said.",
    "So-called “moderate rebels” were accused of terrorism by officials.",
    "Terrorist groups and their foreign backers were condemned.",
    "The Israeli occupation forces killed three Palestinians.",
    "Talks in Tehran were described as constructive.",
    "Axis of Resistance leaders met the Zionist entity’s critics.",
];

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            5 => prop::sample::select(TERM_BANK).prop_map(str::to_string),
            // one line of text ingest accepts: no line breaks, no control characters (NUL
            // or a burst of controls rightly makes ingest refuse the file as binary)
            1 => hostile_text().prop_map(|t| t.replace(
                |c: char| c.is_control() || c == '\u{2028}' || c == '\u{2029}',
                " "
            )),
        ],
        1..4,
    )
    .prop_map(|v| v.join(" ").trim().to_string())
    .prop_filter("a paragraph needs text", |p| {
        p.chars().any(char::is_alphanumeric)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    #[test]
    fn lexicon_counts_do_not_depend_on_a_paragraph_split(
        first in prop::collection::vec(paragraph(), 1..4),
        second in prop::collection::vec(paragraph(), 1..4),
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let (a, b) = (first.join("\n\n"), second.join("\n\n"));
        let whole = format!("{a}\n\n{b}\n");
        let pa = dir.path().join("a.txt");
        let pb = dir.path().join("b.txt");
        let pw = dir.path().join("whole.txt");
        std::fs::write(&pa, format!("{a}\n")).expect("write");
        std::fs::write(&pb, format!("{b}\n")).expect("write");
        std::fs::write(&pw, whole).expect("write");
        let split = term_totals(&[&pa, &pb]);
        let joined = term_totals(&[&pw]);
        prop_assert!(!split.0.is_empty(), "the built-in lexicons list every term");
        prop_assert_eq!(split.0, joined.0, "term counts differ");
        prop_assert_eq!(split.1, joined.1, "word counts differ");
    }
}

// ---------------------------------------------------------------------------------------------
// Determinism

const FIX_A: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/velayati-mekdad-2022/iran-front-page.txt"
);
const FIX_B: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/velayati-mekdad-2022/al-ahed.txt"
);
const FIX_C: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/velayati-mikdad-2017/sana.txt"
);

/// Every JSON-producing command gives byte-identical output (and status and stderr) twice.
#[test]
fn output_is_identical_across_runs() {
    let runs: &[&[&str]] = &[
        &["segment", "--format", "json", FIX_A],
        &["segment", FIX_B],
        &["align", "--format", "json", FIX_A, FIX_B],
        &["compare", "--format", "json", FIX_A, FIX_B],
        &["compare", "--format", "json", FIX_A, FIX_B, FIX_C],
        &["terms", "--format", "json", FIX_A, FIX_B, FIX_C],
        &["terms", "--format", "csv", "--all", FIX_A, FIX_B],
        &["terms", "--format", "json", "--kwic", FIX_A, FIX_B],
        &["lexicon", "list", "--format", "json"],
    ];
    for args in runs {
        let one = cli().args(*args).output().expect("run");
        let two = cli().args(*args).output().expect("run");
        assert!(
            one.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&one.stderr)
        );
        assert!(!one.stdout.is_empty(), "{args:?}: no output");
        assert_eq!(one.status.code(), two.status.code(), "{args:?}");
        assert!(
            one.stdout == two.stdout,
            "{args:?}: stdout differs between runs"
        );
        assert!(
            one.stderr == two.stderr,
            "{args:?}: stderr differs between runs"
        );
        assert!(!String::from_utf8_lossy(&one.stderr).contains("panicked"));
    }
}

// ---------------------------------------------------------------------------------------------
// Page chrome never costs article text (issues 13 and 16)
//
// Articles are generated from a topic (people, places, subjects) and varied sentence shapes:
// long and short sentences, quotes, a one-line lead or closing sentence, a repeated sentence, a
// headline or none, a last paragraph cut short ("…", "...", "[…]", "Read more"). Page chrome
// is the generic kinds the seeds carry: teaser lists with timestamps or dates (with or without
// a "Recent Posts" header), share rows, navigation, subscribe boxes.

const PEOPLE: &[&str] = &[
    "Maria Lopez",
    "Tom Okafor",
    "Anna Keller",
    "Ali Rezaei",
    "Jane Doe",
    "Omar Haddad",
    "Li Wei",
    "Sofia Rossi",
    "Ivan Petrov",
    "Grace Mensah",
    "Hossein Amini",
    "Carla Diaz",
];
const PLACES: &[&str] = &[
    "Vienna", "Ankara", "Tehran", "Geneva", "Nairobi", "Lisbon", "Baghdad", "Oslo", "Damascus",
    "Warsaw", "Doha", "Manila",
];
const SUBJECTS: &[&str] = &[
    "grain corridor",
    "border crossing",
    "budget",
    "water treaty",
    "ceasefire",
    "pipeline",
    "trade agreement",
    "prisoner exchange",
    "election law",
    "port strike",
    "sanctions relief",
    "refugee plan",
];
const ADJECTIVES: &[&str] = &[
    "fragile",
    "constructive",
    "unacceptable",
    "historic",
    "premature",
    "costly",
    "unclear",
];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// Sentence shapes; `{p}`/`{q}` people, `{l}` the place, `{s}` the article's subject, `{t}`
/// another subject, `{a}` an adjective, `{d}` a weekday, `{n}` a number. Like a real report,
/// every sentence of some length names the subject and the place: text resuming after a block
/// of chrome is known as the article's by its vocabulary.
const LONG: &[&str] = &[
    "{p} said on {d} that the {s} would be discussed again in {l} before the end of the month.",
    "Officials in {l} described the {s} as {a}, and said talks on the {t} would follow.",
    "The {s} had been delayed in {l} for {n} weeks, according to {p}, who blamed the {t}.",
    "“We will not accept a {s} that ignores {l},” {p} told reporters after the meeting.",
    "{p} met {q} in {l} to discuss the {s} and the {t}, the two delegations said in a statement.",
    "Critics of the {s} in {l} said it was {a} and warned that the {t} could collapse.",
    "In {l}, {n} people gathered to protest against the {s}, which {q} has defended.",
    "Asked in {l} whether the {t} was at risk, {q} said only that the {s} was {a}.",
];
const MEDIUM: &[&str] = &[
    "{p} called the {s} in {l} {a}.",
    "The {s} remains {a} in {l}, {q} said.",
    "Talks on the {s} resume in {l} on {d}.",
    "{q} did not attend the {s} talks in {l}.",
];
const SHORT: &[&str] = &[
    "{p} declined.",
    "The {s} stalled.",
    "{q} left {l}.",
    "Its forces left.",
    "{l} waited.",
    "Nobody objected.",
];
/// One-sentence leads ("Joe Biden knew Lloyd Bentsen.") and closings ("The regime's forces
/// left.").
const LEADS: &[&str] = &[
    "{p} knew {q}.",
    "{l} was quiet.",
    "The {s} is over.",
    "It began in {l}.",
];
const CLOSINGS: &[&str] = &[
    "The regime's forces left.",
    "Its forces left.",
    "{q} went home.",
    "The {s} holds.",
];

#[derive(Debug, Clone)]
struct Topic {
    people: [&'static str; 2],
    place: &'static str,
    subjects: [&'static str; 2],
}

fn topic() -> impl Strategy<Value = Topic> {
    (
        prop::sample::subsequence(PEOPLE, 2),
        prop::sample::select(PLACES),
        prop::sample::subsequence(SUBJECTS, 2),
    )
        .prop_map(|(p, l, s)| Topic {
            people: [p[0], p[1]],
            place: l,
            subjects: [s[0], s[1]],
        })
}

fn fill(template: &str, t: &Topic, seed: usize) -> String {
    let surname = |p: &str| p.rsplit(' ').next().unwrap_or(p).to_string();
    template
        .replace("{p}", t.people[seed % 2])
        .replace("{q}", &surname(t.people[(seed + 1) % 2]))
        .replace("{l}", t.place)
        .replace("{s}", t.subjects[0])
        .replace("{t}", t.subjects[1])
        .replace("{a}", ADJECTIVES[seed % ADJECTIVES.len()])
        .replace("{d}", DAYS[seed % DAYS.len()])
        .replace("{n}", &(3 + seed % 40).to_string())
}

/// One paragraph: 1–4 sentences, at least one of them long.
fn prose_paragraph() -> impl Strategy<Value = Vec<(u8, usize)>> {
    (
        (0..LONG.len(), 0..1000usize),
        prop::collection::vec((0u8..3, 0..1000usize), 0..4),
    )
        .prop_map(|(first, rest)| {
            let mut v = vec![(0u8, first.0 + first.1 % 7 * LONG.len())];
            v.extend(rest);
            v
        })
}

/// A generated chrome-free article and the parts of it the tests look at.
#[derive(Debug, Clone)]
struct Article {
    /// Paragraphs in order (the headline, if any, first).
    blocks: Vec<String>,
    /// The text of the article's last sentence as the segmenter prints it.
    last_sentence: String,
}

impl Article {
    fn text(&self) -> String {
        self.blocks.join("\n\n") + "\n"
    }
}

fn article_strategy() -> impl Strategy<Value = Article> {
    (
        topic(),
        prop::collection::vec(prose_paragraph(), 1..6),
        any::<bool>(),                       // headline
        prop::option::of(0..LEADS.len()),    // one-sentence lead
        prop::option::of(0..CLOSINGS.len()), // one-sentence closing paragraph
        any::<bool>(),                       // repeat a sentence later on (e36)
        prop::option::of(0..4usize),         // cut the last paragraph short with this marker
        0..1000usize,
    )
        .prop_map(|(t, paras, headline, lead, close, repeat, cut, seed)| {
            let sentence = |(kind, i): (u8, usize)| {
                let pool = match kind {
                    0 => LONG,
                    1 => MEDIUM,
                    _ => SHORT,
                };
                fill(pool[i % pool.len()], &t, i / pool.len() + seed)
            };
            let mut blocks = Vec::new();
            if headline {
                blocks.push(format!(
                    "{} and {} Discuss {} In {}",
                    t.people[0], t.people[1], t.subjects[0], t.place
                ));
            }
            if let Some(i) = lead {
                blocks.push(fill(LEADS[i], &t, seed));
            }
            for p in &paras {
                let s: Vec<String> = p.iter().map(|&x| sentence(x)).collect();
                blocks.push(s.join(" "));
            }
            if repeat && paras.len() >= 2 {
                let first = blocks[blocks.len() - paras.len()].clone();
                let at = blocks.len() - paras.len() / 2;
                blocks.insert(at, first);
            }
            if let Some(i) = close {
                blocks.push(fill(CLOSINGS[i], &t, seed + 1));
            }
            if let Some(m) = cut {
                // Cut the last sentence of a long last paragraph about halfway, at a word.
                let last = fill(LONG[seed % LONG.len()], &t, seed);
                let words: Vec<&str> = last.split(' ').collect();
                let keep = words[..words.len() / 2].join(" ");
                let keep = keep.trim_end_matches([',', '“', '”']);
                let marker = ["…", "...", " […]", " Read more"][m];
                blocks.push(format!("{keep}{marker}"));
            }
            let doc = from_bytes(
                blocks.join("\n\n").as_bytes(),
                "a.txt",
                &IngestOptions::default(),
            )
            .expect("generated article reads");
            let last_sentence = segment(&doc)
                .last()
                .map(|s| s.text.clone())
                .unwrap_or_default();
            Article {
                blocks,
                last_sentence,
            }
        })
}

const LIST_HEADERS: &[&str] = &[
    "Recent Posts",
    "Related Articles",
    "Most Read",
    "Latest News",
];
const LIST_TITLES: &[&str] = &[
    "Official says Qatar considers future of Hamas office in Doha",
    "Port Reopens After Storm",
    "Drought threatens harvest in the south",
    "Dam project stalls amid funding dispute",
    "OIC conference kicks off in Gambia",
    "Inflation slows for third month in a row",
    "Rail strike called off after last-minute deal",
];
const TEASERS: &[&str] = &[
    "Doha could close the political office as part of a broader review of…",
    "A group of mourners gathered at the shrine in the northeastern city of…",
    "The conference opened in the capital with delegations from forty countries.",
    "Farmers in the south say the reservoirs have fallen to their lowest level in…",
];
const STAMPS: &[&str] = &[
    "9 hours ago",
    "13 hours ago",
    "2 days ago",
    "March 10, 2023",
    "Yesterday",
];
const SHARE: &[&str] = &[
    "Share this: Facebook Twitter WhatsApp",
    "Share this article\n\nFacebook\n\nTwitter\n\nEmail",
    "Click here to share on social media",
];
const NAV: &[&str] = &[
    "Home | World | Business | Sport | Opinion",
    "News › Europe › Politics",
    "Skip to main content\n\nMenu\n\nSearch",
];
const SUBSCRIBE: &[&str] = &[
    "Subscribe to our newsletter\n\nYour Email Address\n\nSubscribe",
    "Sign up for our newsletter\n\nEmail *\n\nSubscribe now",
];

/// One block of page chrome.
fn chrome_block() -> impl Strategy<Value = String> {
    // An item: a title with a teaser (cut short, or one sentence) and a date or timestamp, a
    // title with a date, or (under a header only) a title with a teaser cut short.
    let item = |header: bool| {
        (
            0..LIST_TITLES.len(),
            0..4usize,
            0..TEASERS.len(),
            0..STAMPS.len(),
        )
            .prop_map(move |(t, shape, teaser, stamp)| {
                let (title, stamp) = (LIST_TITLES[t], STAMPS[stamp]);
                match shape {
                    0 => format!("{title}\n\n{}\n\n{stamp}", TEASERS[teaser]),
                    1 => format!("{title}\n\n{stamp}"),
                    2 if header => format!("{title}\n\n{}", TEASERS[teaser % 2]),
                    _ => format!("{title}\n\n{}\n\n{stamp}", TEASERS[2]),
                }
            })
    };
    let list = prop_oneof![
        (
            prop::sample::select(LIST_HEADERS),
            prop::collection::vec(item(true), 1..5)
        )
            .prop_map(|(header, items)| format!("{header}\n\n{}", items.join("\n\n"))),
        prop::collection::vec(item(false), 2..5).prop_map(|items| items.join("\n\n")),
    ];
    prop_oneof![
        3 => list,
        1 => prop::sample::select(SHARE).prop_map(str::to_string),
        1 => prop::sample::select(NAV).prop_map(str::to_string),
        1 => prop::sample::select(SUBSCRIBE).prop_map(str::to_string),
    ]
}

fn kept_sentences(text: &str) -> Vec<String> {
    let doc = from_bytes(text.as_bytes(), "a.txt", &IngestOptions::default()).expect("reads");
    segment(&doc).into_iter().map(|s| s.text).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A chrome-free article loses nothing: not its headline, a short lead or closing
    /// sentence, a repeated sentence, nor a last paragraph cut short.
    #[test]
    fn chrome_free_article_loses_nothing(a in article_strategy()) {
        let doc = from_bytes(a.text().as_bytes(), "a.txt", &IngestOptions::default())
            .expect("reads");
        prop_assert!(doc.dropped.is_empty(), "dropped {:?}", doc.dropped);
        prop_assert_eq!(doc.paragraphs.len(), a.blocks.len());
    }

    /// Page chrome inserted at the top, at the bottom or between paragraphs is set aside and
    /// nothing else is: the kept sentences are the article's.
    #[test]
    fn inserted_chrome_leaves_the_kept_sentences_unchanged(
        a in article_strategy(),
        inserts in prop::collection::vec((chrome_block(), any::<prop::sample::Index>()), 1..4),
    ) {
        let want = kept_sentences(&a.text());
        let mut blocks = a.blocks.clone();
        for (chrome, at) in inserts {
            let at = at.index(blocks.len() + 1);
            blocks.insert(at, chrome);
        }
        let page = blocks.join("\n\n") + "\n";
        let got = kept_sentences(&page);
        prop_assert_eq!(got, want, "page:\n{}", page);
    }

    /// An article's last sentence is kept, whatever chrome follows it.
    #[test]
    fn last_sentence_is_always_kept(
        a in article_strategy(),
        tail in prop::option::of(chrome_block()),
    ) {
        let page = match tail {
            Some(c) => format!("{}\n\n{c}\n", a.text().trim_end()),
            None => a.text(),
        };
        let kept = kept_sentences(&page);
        prop_assert!(kept.contains(&a.last_sentence), "lost {:?} of\n{}", a.last_sentence, page);
    }
}

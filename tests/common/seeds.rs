//! Gold correspondences of the seed pair (fixtures `velayati-mekdad-2022`: IFP against
//! Al-Ahed), shared by `tests/align.rs` and `examples/eval_align.rs`.
//!
//! Gold pairs are written as (phrase of A, phrase of B): a link is right when some gold pair's
//! phrases occur in its two sentences. Phrases, not indices, so the checks survive changes in the
//! segmenter and in boilerplate removal.
#![allow(dead_code)] // each includer uses a part

use framediff::align::Alignment;
use framediff::ingest::{read_document, IngestOptions};
use framediff::segment::{segment, Sentence};

pub const IFP: &str = "fixtures/velayati-mekdad-2022/iran-front-page.txt";
pub const AHED: &str = "fixtures/velayati-mekdad-2022/al-ahed.txt";

/// The sentences of a fixture (path relative to the repository root).
pub fn load(path: &str) -> Vec<Sentence> {
    let p = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let doc = read_document(&p, &IngestOptions::default()).expect("fixture reads");
    segment(&doc)
}

/// Links that must be found: clear paraphrases of one statement (IFP, Al-Ahed).
pub const REQUIRED: &[(&str, &str)] = &[
    (
        "The Israeli regime and its cronies",
        "The Zionist regime and its puppets",
    ),
    (
        "Mekdad underlined that the Iranian Leader",
        "Mikdad added that the positions of Imam Khamenei",
    ),
    (
        "told Syrian Foreign Minister Faisal Mekdad in Tehran on Wednesday",
        "Foreign Minister Faisal Mikdad in Tehran on Thursday",
    ),
    (
        "He noted Tehran and Damascus are set to stand up",
        "said Tehran and Damascus are resolved to resist",
    ),
    (
        "As the most significant member of the resistance front",
        "As the most important country of the resistance front",
    ),
    ("Iran also backs Syria", "Iran also supports Syria"),
    // Issue 11: correspondences inside longer sentences.
    (
        "countries which are members of the resistance front should press ahead with their cooperation to expel",
        "countries of the resistance front should continue strong cooperation to bring about the expulsion of American forces",
    ),
    (
        "Iran has always supported the resistance front",
        "The Islamic Republic of Iran has always supported and will continue to support the resistance front",
    ),
];

/// Further links judged right: less literal correspondences, and the partners a sentence may
/// take in a split or merge.
pub const ACCEPTABLE: &[(&str, &str)] = &[
    // headline
    (
        "Advisor to Iran Leader: Foreign forces must leave region",
        "Axis of Resistance States Must Join Forces to Expel US from Region",
    ),
    // lead
    (
        "has reiterated the need for foreign troops to leave",
        "should continue strong cooperation to bring about the expulsion",
    ),
    (
        "Vlayati told Syrian Foreign Minister",
        "has always supported and will continue to support the resistance front",
    ),
    (
        "Undoubtedly, countries which are members of the resistance front",
        "should continue strong cooperation to bring about the expulsion",
    ),
    (
        "Undoubtedly, countries which are members of the resistance front",
        "will never back down on its stance in this regard",
    ),
    (
        "As the flagbearer of the resistance front",
        "has always supported and will continue to support the resistance front",
    ),
    (
        "As the flagbearer of the resistance front",
        "Velayati reiterated the Islamic Republic",
    ),
    (
        "The top Syrian diplomat, in turn, lauded the firm positions",
        "Mikdad added that the positions of Imam Khamenei",
    ),
    (
        "He expressed his gratitude for Iran as the torchbearer",
        "As the most important country of the resistance front",
    ),
];

/// Sentences of Al-Ahed no IFP sentence tells (the UAE/Bahrain/Saudi background paragraphs and
/// Raisi's separate meeting).
pub const ONLY_AHED: &[&str] = &[
    "Back in 2020, the United Arab Emirates and Bahrain",
    "Some other regional states, namely Sudan and Morocco",
    "Spearheaded by the UAE",
    "Other regional countries have also been fraternizing",
    "Iranian President Ebrahim Raisi expressed confidence",
];

/// The IFP sentence Al-Ahed does not tell.
pub const ONLY_IFP: &[&str] = &["He said Syria takes it upon itself to obey"];

/// The sentences containing `phrase` (at least one, or the fixture changed).
pub fn find(s: &[Sentence], phrase: &str) -> Vec<usize> {
    let hits: Vec<usize> = (0..s.len())
        .filter(|&i| s[i].text.contains(phrase))
        .collect();
    assert!(!hits.is_empty(), "no sentence contains {phrase:?}");
    hits
}

/// How an alignment of the seed pair does.
#[derive(Debug, Clone, Default)]
pub struct SeedResult {
    /// Required correspondences found (a link between sentences holding the two phrases).
    pub found: usize,
    pub required: usize,
    /// Missing required pairs, as (phrase of A, phrase of B).
    pub missing: Vec<(String, String)>,
    /// Proposed links judged right, and all proposed links.
    pub right: usize,
    pub links: usize,
    /// Wrong links, described.
    pub wrong: Vec<String>,
    /// Sentences that should stay unpaired but were paired.
    pub stray: Vec<String>,
}

impl SeedResult {
    /// All required found, at least 9 of 10 links right, nothing stray.
    pub fn passes(&self) -> bool {
        self.found == self.required && self.right * 10 >= self.links * 9 && self.stray.is_empty()
    }
}

/// Check an alignment of IFP (`a`) with Al-Ahed (`b`).
pub fn check(a: &[Sentence], b: &[Sentence], al: &Alignment) -> SeedResult {
    let links = al.links();
    let linked =
        |ia: &[usize], jb: &[usize]| links.iter().any(|(i, j)| ia.contains(i) && jb.contains(j));
    let mut r = SeedResult {
        required: REQUIRED.len(),
        links: links.len(),
        ..SeedResult::default()
    };
    for (pa, pb) in REQUIRED {
        if linked(&find(a, pa), &find(b, pb)) {
            r.found += 1;
        } else {
            r.missing.push((pa.to_string(), pb.to_string()));
        }
    }
    for &(i, j) in &links {
        let gold = REQUIRED
            .iter()
            .chain(ACCEPTABLE)
            .any(|(pa, pb)| a[i].text.contains(pa) && b[j].text.contains(pb));
        if gold {
            r.right += 1;
        } else {
            r.wrong
                .push(format!("A{i} ~ B{j}: {} ~ {}", a[i].text, b[j].text));
        }
    }
    for phrase in ONLY_IFP {
        for i in find(a, phrase) {
            if !al.only_a.contains(&i) {
                r.stray.push(format!("A{i} {phrase}"));
            }
        }
    }
    for phrase in ONLY_AHED {
        for j in find(b, phrase) {
            if !al.only_b.contains(&j) {
                r.stray.push(format!("B{j} {phrase}"));
            }
        }
    }
    r
}

//! Calibrate the "may not describe the same event" warning on real news.
//!
//! Reads the BASIL development half (`$FRAMEDIFF_DATA/basil-dev`, else `../shared/data/basil-dev`
//! next to the repository): 50 events, each reported by three outlets. Every pair of outlets
//! inside an event is a same-event pair (a warning there is a false alarm); pairs of articles
//! from different events *of the same year* (same actors, same season: the hard case) are
//! different-event pairs (a warning there is right). For each the aligner's coverage of both
//! sides is computed, and the warning rule is scored at a range of cut-offs.
//!
//! `cargo run --release --example eval_same_event`

use std::path::PathBuf;

use framediff::align::{align, AlignOptions};
use framediff::compare::{same_event_score, SAME_EVENT_EVIDENCE};
use framediff::ingest::{from_vec, IngestOptions};
use framediff::segment::{segment, Sentence};

fn data_dir() -> PathBuf {
    match std::env::var_os("FRAMEDIFF_DATA") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
    }
}

struct Article {
    event: usize,
    year: String,
    sentences: Vec<Sentence>,
}

fn main() {
    let root = data_dir().join("basil-dev/events");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    dirs.sort();
    let mut arts = Vec::new();
    for (ev, dir) in dirs.iter().enumerate() {
        let meta = std::fs::read_to_string(dir.join("event.json")).expect("event.json");
        let year = meta
            .split("\"year\":")
            .nth(1)
            .map(|s| s.trim().chars().take_while(char::is_ascii_digit).collect())
            .unwrap_or_default();
        for outlet in ["fox", "nyt", "hpo"] {
            let p = dir.join(format!("{outlet}.txt"));
            let bytes = std::fs::read(&p).expect("article");
            let doc =
                from_vec(bytes, &p.to_string_lossy(), &IngestOptions::default()).expect("ingest");
            arts.push(Article {
                event: ev,
                year: String::clone(&year),
                sentences: segment(&doc),
            });
        }
    }
    let opts = AlignOptions::default();
    let (mut same, mut diff) = (Vec::new(), Vec::new());
    for i in 0..arts.len() {
        for j in i + 1..arts.len() {
            let (a, b) = (&arts[i], &arts[j]);
            if a.event != b.event && a.year != b.year {
                continue;
            }
            let al = align(&a.sentences, &b.sentences, &opts);
            let s = (
                same_event_score(&al),
                al.coverage.a < 0.3 && al.coverage.b < 0.3,
            );
            if a.event == b.event {
                same.push(s);
            } else {
                diff.push(s);
            }
        }
    }
    let old = |v: &[(f64, bool)]| v.iter().filter(|s| s.1).count() as f64 / v.len() as f64;
    let (old_fa, old_hit) = (old(&same), old(&diff));
    let same: Vec<f64> = same.iter().map(|s| s.0).collect();
    let diff: Vec<f64> = diff.iter().map(|s| s.0).collect();
    let mut wins = 0.0;
    for s in &same {
        for d in &diff {
            wins += if s > d {
                1.0
            } else if s == d {
                0.5
            } else {
                0.0
            };
        }
    }
    let auc = wins / (same.len() * diff.len()) as f64;
    println!(
        "same-event pairs {}, different-event pairs (same year) {}, AUC of the score {auc:.3}",
        same.len(),
        diff.len()
    );
    println!(
        "previous rule (under 30 % paired on both sides): {:.1} % false alarms, {:.1} % caught",
        old_fa * 100.0,
        old_hit * 100.0
    );
    println!("cut-off  false alarms (same event)  caught (different events)");
    for k in 0..=24 {
        let t = k as f64 * 0.05;
        let fa = same.iter().filter(|&&s| s < t).count() as f64 / same.len() as f64;
        let hit = diff.iter().filter(|&&s| s < t).count() as f64 / diff.len() as f64;
        let mark = if (t - SAME_EVENT_EVIDENCE).abs() < 1e-9 {
            "  <- default"
        } else {
            ""
        };
        println!(
            "{t:7.3}  {:>24.1}%  {:>24.1}%{mark}",
            fa * 100.0,
            hit * 100.0
        );
    }
}

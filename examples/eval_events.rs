//! Measure `corpus events` on the BASIL development half: the 150 articles (50 events × Fox
//! News, The New York Times, HuffPost) with their titles and dates but without their event ids,
//! in a shuffled order, grouped as `corpus events` groups them; prints B-cubed precision,
//! recall and F1 against the true events.
//!
//! `cargo run --release --example eval_events [-- --window DAYS --threshold X --same-outlet X]`
//! The data is found at `$FRAMEDIFF_DATA`, else `../shared/data` beside the package, else
//! `/work/shared/data`; it is never copied into the repository.

use std::path::{Path, PathBuf};

use framediff::analysis::corpus::events::{self, EventOptions};

fn main() {
    let Some(dir) = data_dir() else {
        eprintln!("no basil-dev data: set FRAMEDIFF_DATA to the folder holding basil-dev/");
        std::process::exit(1);
    };
    let mut opts = EventOptions::default();
    let mut dated = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_default();
        match a.as_str() {
            "--window" => opts.window = value().parse().expect("--window DAYS"),
            "--threshold" => opts.threshold = value().parse().expect("--threshold X"),
            "--same-outlet" => {
                opts.same_outlet_threshold = value().parse().expect("--same-outlet X")
            }
            "--no-dates" => dated = false,
            a => panic!("unknown argument {a}"),
        }
    }
    let docs = basil(&dir);
    let profiles: Vec<_> = docs
        .iter()
        .map(|d| {
            events::Profile::new(
                &d.outlet,
                dated.then_some(d.date.as_str()),
                Some(&d.title),
                &d.text,
            )
        })
        .collect();
    let t = std::time::Instant::now();
    let got = events::group(&profiles, &opts);
    let elapsed = t.elapsed();
    let truth: Vec<&str> = docs.iter().map(|d| d.event.as_str()).collect();
    let (p, r, f) = events::bcubed(&got, &truth);
    let n_events = got.iter().max().map_or(0, |m| m + 1);
    println!(
        "basil-dev{}: {} documents, {} true events, {} found; B-cubed P {:.3} R {:.3} F1 {:.3} ({:.1} ms grouping; {:?})",
        if dated { "" } else { " without dates" },
        docs.len(),
        50,
        n_events,
        p,
        r,
        f,
        elapsed.as_secs_f64() * 1000.0,
        opts
    );
}

fn data_dir() -> Option<PathBuf> {
    [
        std::env::var_os("FRAMEDIFF_DATA").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data")),
        Some(PathBuf::from("/work/shared/data")),
    ]
    .into_iter()
    .flatten()
    .map(|d| d.join("basil-dev"))
    .find(|d| d.join("events").is_dir())
}

/// One BASIL article, with the event id kept aside for scoring only.
struct Article {
    event: String,
    outlet: String,
    title: String,
    date: String,
    text: String,
}

/// Every article of basil-dev, in a fixed shuffled order (a permutation by a multiplicative
/// step coprime with the count, so no file order leaks into the grouping).
fn basil(dir: &Path) -> Vec<Article> {
    let mut events: Vec<PathBuf> = std::fs::read_dir(dir.join("events"))
        .expect("basil-dev/events")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("event.json").is_file())
        .collect();
    events.sort();
    let mut out = Vec::new();
    for e in &events {
        let meta: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(e.join("event.json")).expect("event.json"),
        )
        .expect("event.json is JSON");
        let name = e.file_name().expect("name").to_string_lossy().into_owned();
        for outlet in ["fox", "nyt", "hpo"] {
            let m = &meta["outlets"][outlet];
            let Ok(text) = std::fs::read_to_string(e.join(format!("{outlet}.txt"))) else {
                continue;
            };
            out.push(Article {
                event: name.clone(),
                outlet: outlet.to_string(),
                title: m["title"].as_str().unwrap_or_default().to_string(),
                date: m["date"].as_str().unwrap_or_default().to_string(),
                text,
            });
        }
    }
    let n = out.len();
    let step = (1..)
        .map(|k| 7919 * k % n.max(1))
        .find(|&s| s > 1 && gcd(s, n) == 1)
        .unwrap_or(1);
    let mut slots: Vec<Option<Article>> = out.into_iter().map(Some).collect();
    (0..n).filter_map(|i| slots[i * step % n].take()).collect()
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

//! Measure the aligner on the development data (`../shared/data`, or `$FRAMEDIFF_DATA`).
//!
//! `cargo run --release --example eval_align` prints, at the default settings: micro
//! precision/recall/F1 of the links against the human many-to-many links of `aesop-dev` (the
//! scoring its README describes), the same with a third of every B moved to the front, and the
//! share of sentences paired on `basil-dev` (three outlets per event). `--thresholds` adds a
//! threshold sweep.

#[path = "../tests/common/devdata.rs"]
mod devdata;
#[path = "../tests/common/seeds.rs"]
mod seeds;

use framediff::align::similarity::Scorer;
use framediff::align::{AlignOptions, Params};
use framediff::ingest::{read_document, IngestOptions};
use framediff::segment::segment;

fn main() {
    let Some(dir) = devdata::data_dir() else {
        eprintln!("eval_align: no data (set FRAMEDIFF_DATA or put it at ../shared/data)");
        std::process::exit(1);
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (opts, params) = settings(&args);
    if let Some(k) = args.iter().position(|a| a == "--explain") {
        explain(&args[k + 1], &args[k + 2], &opts, &params);
        return;
    }
    let (sa, sb) = (seeds::load(seeds::IFP), seeds::load(seeds::AHED));
    let seed = seeds::check(
        &sa,
        &sb,
        &framediff::align::align_with(&sa, &sb, &opts, &params),
    );
    println!(
        "seed pair: required {}/{}, links right {}/{}, stray {:?}",
        seed.found, seed.required, seed.right, seed.links, seed.stray
    );
    for m in &seed.missing {
        println!("  missing: {} ~ {}", m.0, m.1);
    }
    for w in &seed.wrong {
        println!("  wrong: {w}");
    }
    let aesop = devdata::aesop(&dir);
    let c = devdata::evaluate(&aesop, &opts, &params);
    println!(
        "aesop-dev  threshold {:.2}: P {:.3} R {:.3} F1 {:.3}  ({} right of {} proposed, {} gold)",
        opts.threshold,
        c.precision(),
        c.recall(),
        c.f1(),
        c.tp,
        c.proposed,
        c.gold
    );
    let moved: Vec<devdata::AesopPair> = aesop.iter().map(devdata::reordered).collect();
    let r = devdata::evaluate(&moved, &opts, &params);
    println!(
        "aesop-dev, a third of B moved: P {:.3} R {:.3} F1 {:.3}",
        r.precision(),
        r.recall(),
        r.f1()
    );
    if args.iter().any(|a| a == "--thresholds") {
        for t in (2..=40).step_by(2) {
            let o = AlignOptions {
                threshold: t as f64 / 100.0,
                ..opts.clone()
            };
            let c = devdata::evaluate(&aesop, &o, &params);
            println!(
                "  threshold {:.2}: P {:.3} R {:.3} F1 {:.3}",
                o.threshold,
                c.precision(),
                c.recall(),
                c.f1()
            );
        }
    }
    if args.iter().any(|a| a == "--coverage") {
        coverage(&dir, &opts, &params);
        return;
    }
    if args.iter().any(|a| a == "--errors") {
        errors(&aesop, &opts, &params);
    }
    if let Some(k) = args.iter().position(|a| a == "--sweep") {
        let only = args.get(k + 1).map_or("", String::as_str);
        sweep(&aesop, &moved, only, opts.clone(), params);
    }
    let basil = devdata::basil(&dir);
    let (paired, total) = devdata::basil_paired(&basil, &opts, &params);
    println!(
        "basil-dev: {paired} of {total} sentences paired ({:.1} %) over {} events x 3 outlet pairs",
        100.0 * paired as f64 / total.max(1) as f64,
        basil.len()
    );
}

/// The best threshold (F1 on the dev pairs) for `params`, from 0.05 to 0.40 by 0.01:
/// (threshold, counts).
fn best_threshold(
    pairs: &[devdata::AesopPair],
    opts: &AlignOptions,
    params: &Params,
) -> (f64, devdata::Counts) {
    let mut best = (0.0, devdata::Counts::default());
    for t in 5..=40 {
        let o = AlignOptions {
            threshold: f64::from(t) / 100.0,
            ..opts.clone()
        };
        let c = devdata::evaluate(pairs, &o, params);
        if c.f1() > best.1.f1() + 1e-12 {
            best = (o.threshold, c);
        }
    }
    best
}

fn line(
    label: &str,
    pairs: &[devdata::AesopPair],
    moved: &[devdata::AesopPair],
    t: &AlignOptions,
    p: &Params,
) {
    let c = devdata::evaluate(pairs, t, p);
    let r = devdata::evaluate(moved, t, p);
    let (bt, b) = best_threshold(pairs, t, p);
    let (sa, sb) = (seeds::load(seeds::IFP), seeds::load(seeds::AHED));
    let seed = seeds::check(&sa, &sb, &framediff::align::align_with(&sa, &sb, t, p));
    println!(
        "{label:<34} at {:.2}: P {:.3} R {:.3} F1 {:.3} (moved {:.3}) seed {}/{} {}/{}{} | best {:.2}: P {:.3} R {:.3} F1 {:.3}",
        t.threshold,
        c.precision(),
        c.recall(),
        c.f1(),
        r.f1(),
        seed.found,
        seed.required,
        seed.right,
        seed.links,
        if seed.stray.is_empty() { "" } else { " stray" },
        bt,
        b.precision(),
        b.recall(),
        b.f1()
    );
}

/// One knob at a time around the defaults, then a joint grid of the main ones. `only` (when
/// not empty) keeps the lines whose label contains it.
fn sweep(
    pairs: &[devdata::AesopPair],
    moved: &[devdata::AesopPair],
    only: &str,
    o: AlignOptions,
    d: Params,
) {
    let line = |label: &str, p: &Params| {
        if label.contains(only) || label == "defaults" {
            line(label, pairs, moved, &o, p);
        }
    };
    line("defaults", &d);
    for w in [0.0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.8, 1.0] {
        let mut p = d;
        p.mix.char = w;
        p.mix.word = 1.0 - w;
        line(&format!("char weight {w:.1}"), &p);
    }
    for g in [0.0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5] {
        let mut p = d;
        p.support = g;
        line(&format!("gamma {g:.2}"), &p);
    }
    for delta in [0.0, 0.02, 0.05, 0.075, 0.1, 0.15] {
        let mut p = d;
        p.delta = delta;
        line(&format!("delta {delta:.3}"), &p);
    }
    for m in [0.0, 0.02, 0.05, f64::INFINITY] {
        let mut p = d;
        p.orphan_margin = m;
        line(&format!("orphan margin {m:.2}"), &p);
    }
    for m in [1, 2, 3, 4] {
        let mut p = d;
        p.max_partners = m;
        line(&format!("max partners {m}"), &p);
    }
    for g in [0.0, 0.02, 0.05, 0.1, 1.0] {
        let mut p = d;
        p.merge_gain = g;
        line(&format!("merge gain {g:.2}"), &p);
    }
    for n in [0.6, 0.7, 0.8, 0.9, 1.01] {
        let mut p = d;
        p.near_copy = n;
        line(&format!("near copy {n:.2}"), &p);
    }
    for m in [1, 2, 3] {
        let mut p = d;
        p.min_shared = m;
        line(&format!("min shared {m}"), &p);
    }
    for k in [4, 8, 16, 32] {
        let mut p = d;
        p.limits.per_sentence = k;
        line(&format!("candidates {k}"), &p);
    }
    if o.model.is_some() && "model grid".contains(only) {
        println!(
            "model grid: mix (word, char, embedding), floor x nearest, F1 at the best threshold"
        );
        let floors: Vec<f64> = std::env::var("EVAL_FLOORS")
            .ok()
            .map(|v| v.split(',').map(|x| x.parse().expect("a number")).collect())
            .unwrap_or_else(|| vec![0.0, 0.2, 0.3]);
        for (w, c, e) in [
            (0.0, 0.7, 0.3),
            (0.0, 0.6, 0.4),
            (0.0, 0.5, 0.5),
            (0.1, 0.6, 0.3),
            (0.2, 0.5, 0.3),
            (0.2, 0.4, 0.4),
            (0.0, 0.8, 0.2),
            (0.0, 0.3, 0.7),
        ] {
            for &f in &floors {
                let mut cells = String::new();
                for n in [0, 4, 8] {
                    let mut p = d;
                    p.model_mix = framediff::align::similarity::Mix {
                        word: w,
                        char: c,
                        embedding: e,
                    };
                    p.model_nearest = n;
                    p.model_floor = f;
                    let (bt, b) = best_threshold(pairs, &o, &p);
                    cells.push_str(&format!(
                        "  n{n}: {:.3} P{:.3} R{:.3} ({bt:.2})",
                        b.f1(),
                        b.precision(),
                        b.recall()
                    ));
                }
                println!("  word {w:.1} char {c:.1} emb {e:.1} floor {f:.1}{cells}");
            }
        }
    }
    if !"joint grid".contains(only) {
        return;
    }
    println!("joint grid: char weight x gamma x delta, F1 at the best threshold (threshold)");
    for w in [0.5, 0.6, 0.7, 0.8] {
        for g in [0.0, 0.15, 0.25, 0.35] {
            let mut cells = String::new();
            for delta in [0.0, 0.05, 0.1] {
                let mut p = d;
                p.mix.char = w;
                p.mix.word = 1.0 - w;
                p.support = g;
                p.delta = delta;
                let (bt, b) = best_threshold(pairs, &o, &p);
                cells.push_str(&format!("  d{delta:.2}: {:.3} ({bt:.2})", b.f1()));
            }
            println!("  char {w:.1} gamma {g:.2}{cells}");
        }
    }
}

/// `--explain A B`: for two report files, every sentence of A with its candidates in B (word
/// signal, char signal, mixed score) and the pairs the aligner makes.
fn explain(a: &str, b: &str, opts: &AlignOptions, p: &Params) {
    let read =
        |p: &str| segment(&read_document(p, &IngestOptions::default()).expect("report reads"));
    let (sa, sb) = (read(a), read(b));
    let scorer = Scorer::new(&sa, &sb, p.mix, p.min_shared);
    let rows = scorer.candidates(&p.limits);
    let sup = framediff::align::assign::supported_rows(&rows, p);
    for (i, row) in rows.iter().enumerate() {
        println!("A{i} {}", sa[i].text);
        let mut row: Vec<(usize, f64, f64)> = row
            .iter()
            .zip(sup.row(i))
            .map(|(x, y)| (x.0 as usize, x.1, y.1))
            .collect();
        row.sort_by(|x, y| y.2.total_cmp(&x.2));
        for &(j, s, t) in row.iter().take(4) {
            let (pa, pb) = (&scorer.words.a[i], &scorer.words.b[j]);
            println!(
                "    B{j:<3} {s:.3} -> {t:.3}  word {:.3} char {:.3}  {}",
                scorer.words.dice(pa, pb, p.min_shared),
                if scorer.with_grams {
                    scorer.grams.cosine(i, j)
                } else {
                    f64::NAN
                },
                sb[j].text.chars().take(90).collect::<String>()
            );
        }
    }
    let al = framediff::align::align_with(&sa, &sb, opts, p);
    for q in &al.pairs {
        println!("pair {:?} {:?} {:.3}", q.a, q.b, q.score);
    }
    println!("only A {:?}\nonly B {:?}", al.only_a, al.only_b);
}

/// `--errors`: per dev pair, the links missed and the links proposed wrongly, with raw scores.
fn errors(pairs: &[devdata::AesopPair], opts: &AlignOptions, p: &Params) {
    for pair in pairs {
        let al = framediff::align::align_with(&pair.a, &pair.b, opts, p);
        let links = al.links();
        let scorer = Scorer::new(&pair.a, &pair.b, p.mix, p.min_shared);
        let missed: Vec<&(usize, usize)> =
            pair.gold.iter().filter(|l| !links.contains(l)).collect();
        let wrong: Vec<&(usize, usize)> = links.iter().filter(|l| !pair.gold.contains(l)).collect();
        if missed.is_empty() && wrong.is_empty() {
            continue;
        }
        println!("== {} ({} x {})", pair.file, pair.a.len(), pair.b.len());
        let show = |tag: &str, &(i, j): &(usize, usize)| {
            println!(
                "  {tag} A{i} B{j} raw {:.3}: {} || {}",
                scorer.pair(i, j),
                pair.a[i].text.chars().take(70).collect::<String>(),
                pair.b[j].text.chars().take(70).collect::<String>()
            );
        };
        missed.iter().for_each(|l| show("missed", l));
        wrong.iter().for_each(|l| show("wrong ", l));
        for q in &al.pairs {
            print!(" {:?}{:?}{:.2}", q.a, q.b, q.score);
        }
        println!();
    }
}

/// `--set key=value` (repeatable) over the defaults: threshold, char (weight of the char signal;
/// word gets the rest), gamma, delta, partners, merge, near, shared, k; with a model, m.word,
/// m.char, m.emb (its mix), m.nearest (candidates by embedding) and m.floor (the cosine that
/// counts as 0). `--model DIR` (or
/// `$FRAMEDIFF_MODEL`) measures with that sentence encoder.
fn settings(args: &[String]) -> (AlignOptions, Params) {
    let mut o = AlignOptions::default();
    let mut p = Params::default();
    let model = match args.iter().position(|a| a == "--model") {
        Some(k) => Some(std::path::PathBuf::from(&args[k + 1])),
        None => std::env::var_os("FRAMEDIFF_MODEL")
            .filter(|v| !v.is_empty())
            .map(Into::into),
    };
    if let Some(dir) = model {
        match framediff::align::Encoder::load(&dir) {
            Ok(e) => {
                o.model = Some(std::sync::Arc::new(e.memoized()));
                o.threshold = framediff::align::MODEL_THRESHOLD;
            }
            Err(e) => {
                eprintln!("eval_align: {e}");
                std::process::exit(1);
            }
        }
    }
    for w in args.windows(2).filter(|w| w[0] == "--set") {
        let (k, v) = w[1].split_once('=').expect("--set key=value");
        let x: f64 = v.parse().expect("a number");
        match k {
            "threshold" => o.threshold = x,
            "char" => {
                p.mix.char = x;
                p.mix.word = 1.0 - x;
            }
            "gamma" => p.support = x,
            "delta" => p.delta = x,
            "partners" => p.max_partners = x as usize,
            "orphan" => p.orphan_margin = x,
            "merge" => p.merge_gain = x,
            "near" => p.near_copy = x,
            "shared" => p.min_shared = x as usize,
            "k" => p.limits.per_sentence = x as usize,
            "m.word" => p.model_mix.word = x,
            "m.char" => p.model_mix.char = x,
            "m.emb" => p.model_mix.embedding = x,
            "m.nearest" => p.model_nearest = x as usize,
            "m.floor" => p.model_floor = x,
            _ => panic!("unknown setting {k}"),
        }
    }
    (o, p)
}
/// `--coverage`: the "may not describe the same event" warning (the summed pair score,
/// `framediff::compare::same_event_score`, under `SAME_EVENT_EVIDENCE`) with these aligner
/// settings, on basil-dev's same-event pairs (false alarms) and on the fixtures' pairs
/// (`examples/eval_same_event.rs` scores it against different-event pairs of real news).
fn coverage(dir: &std::path::Path, opts: &AlignOptions, p: &Params) {
    use framediff::compare::{same_event_score, SAME_EVENT_EVIDENCE};
    let basil = devdata::basil(dir);
    let mut same = Vec::new();
    for e in &basil {
        for x in 0..e.outlets.len() {
            for y in x + 1..e.outlets.len() {
                let (a, b) = (&e.outlets[x].1, &e.outlets[y].1);
                same.push((
                    framediff::align::align_with(a, b, opts, p),
                    a.len(),
                    b.len(),
                ));
            }
        }
    }
    let ifp = seeds::load(seeds::IFP);
    let others = [
        ("al-ahed (same event)", seeds::AHED),
        ("sana (2017)", "fixtures/velayati-mikdad-2017/sana.txt"),
        (
            "almasirah (2024)",
            "fixtures/khamenei-assad-2024/almasirah.txt",
        ),
        (
            "iran-project (2018)",
            "fixtures/shamkhani-patrushev-2018/iran-project.txt",
        ),
    ];
    let fixture: Vec<(&str, framediff::align::Alignment, usize)> = others
        .iter()
        .map(|(name, path)| {
            let b = seeds::load(path);
            (
                *name,
                framediff::align::align_with(&ifp, &b, opts, p),
                b.len(),
            )
        })
        .collect();
    let alarms = same
        .iter()
        .filter(|(al, _, _)| same_event_score(al) < SAME_EVENT_EVIDENCE)
        .count();
    let mut line = format!(
        "basil same-event false alarms {alarms}/{}; IFP vs",
        same.len()
    );
    for (name, al, _) in &fixture {
        let s = same_event_score(al);
        line.push_str(&format!(
            " {name} {s:.2}{}",
            if s < SAME_EVENT_EVIDENCE { " warn" } else { "" }
        ));
    }
    println!("{line}");
}

//! Measure the aligner on the development data (`../shared/data`, or `$FRAMEDIFF_DATA`).
//!
//! `cargo run --release --example eval_align` prints, at the default settings: micro
//! precision/recall/F1 of the links against the human many-to-many links of `aesop-dev` (the
//! scoring its README describes), the same with a third of every B moved to the front, and the
//! share of sentences paired on `basil-dev` (three outlets per event). `--thresholds` adds a
//! threshold sweep.

#[path = "../tests/common/devdata.rs"]
mod devdata;

use framediff::align::{AlignOptions, Params};

fn main() {
    let Some(dir) = devdata::data_dir() else {
        eprintln!("eval_align: no data (set FRAMEDIFF_DATA or put it at ../shared/data)");
        std::process::exit(1);
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let aesop = devdata::aesop(&dir);
    let params = Params::default();
    let opts = AlignOptions::default();
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
    let basil = devdata::basil(&dir);
    let (paired, total) = devdata::basil_paired(&basil, &opts, &params);
    println!(
        "basil-dev: {paired} of {total} sentences paired ({:.1} %) over {} events x 3 outlet pairs",
        100.0 * paired as f64 / total.max(1) as f64,
        basil.len()
    );
}

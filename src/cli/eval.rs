//! `tm eval segment|align`: score tm against public test sets.

use super::output::Output;
use super::{eval_align, eval_segment};

pub const EXAMPLES: &str = "Examples:
  tm eval segment ../shared/bench/segment/*.jsonl
  tm eval align gold.beads test.beads --format json";

/// Score segmentation or alignment against gold test sets.
#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    Segment(eval_segment::Args),
    Align(eval_align::Args),
}

pub fn run(cmd: &Cmd, out: &mut Output) -> anyhow::Result<i32> {
    match cmd {
        Cmd::Segment(a) => eval_segment::run(a, out),
        Cmd::Align(a) => eval_align::run(a, out),
    }
}

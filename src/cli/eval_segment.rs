//! Placeholder: being written.

use super::output::Output;

/// (being written)
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args, _out: &mut Output) -> anyhow::Result<i32> {
    anyhow::bail!("not yet available")
}

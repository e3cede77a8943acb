//! `tm completions SHELL` and `tm man`: generated from the clap definitions.

use std::io::Write;

use clap_complete::Shell;

/// Print a shell completion script.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tm completions bash > ~/.local/share/bash-completion/completions/tm\n  tm completions zsh > ~/.zfunc/_tm"
)]
pub struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Print the man page (roff) for tm.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  tm man > tm.1 && man ./tm.1")]
pub struct ManArgs {}

pub fn completions(args: &CompletionsArgs, mut cmd: clap::Command) -> anyhow::Result<i32> {
    let mut stdout = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "tm", &mut stdout);
    stdout.flush()?;
    Ok(super::exit::OK)
}

pub fn man(_args: &ManArgs, cmd: clap::Command) -> anyhow::Result<i32> {
    let mut stdout = std::io::stdout().lock();
    clap_mangen::Man::new(cmd).render(&mut stdout)?;
    stdout.flush()?;
    Ok(super::exit::OK)
}

//! `tm completions SHELL` and `tm man [COMMAND…]`: generated from the clap definitions.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;

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

/// Print the man page (roff) of tm, or of one of its commands.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tm man > tm.1 && man ./tm.1\n  tm man align | man -l -\n  tm man glossary add\n  tm man --out-dir /usr/local/share/man/man1"
)]
pub struct ManArgs {
    /// The command whose page to print (`align`, `glossary add`); none: tm's own.
    #[arg(value_name = "COMMAND")]
    pub command: Vec<String>,
    /// Write tm.1 and the page of every command (tm-align.1, tm-glossary-add.1, …) into DIR
    /// (made if missing).
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub out_dir: Option<PathBuf>,
}

pub fn completions(args: &CompletionsArgs, mut cmd: clap::Command) -> anyhow::Result<i32> {
    let mut stdout = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "tm", &mut stdout);
    stdout.flush()?;
    Ok(super::exit::OK)
}

/// `cmd` with every `help` subcommand hidden, at every level.
fn without_help(cmd: clap::Command) -> clap::Command {
    cmd.mut_subcommands(|sub| {
        if sub.get_name() == "help" {
            sub.hide(true)
        } else {
            without_help(sub)
        }
    })
}

pub fn man(args: &ManArgs, cmd: clap::Command) -> anyhow::Result<i32> {
    // Built, a subcommand knows its page's name (`tm-glossary-add`) and
    // its usage (`tm glossary add`); `help` has no page.
    // (The command may come built, with its `help` subcommands made: they
    // are hidden, at every level.)
    let mut cmd = without_help(cmd.disable_help_subcommand(true));
    cmd.build();
    if let Some(dir) = &args.out_dir {
        // As `mkdir -p` would: `--out-dir ~/.local/share/man/man1` on a
        // machine that has none yet.
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
        write_pages(&cmd, dir)?;
        return Ok(super::exit::OK);
    }
    let mut page = &cmd;
    for name in &args.command {
        page = page.find_subcommand(name).ok_or_else(|| {
            let names: Vec<&str> = page
                .get_subcommands()
                .filter(|s| !s.is_hide_set())
                .map(|s| s.get_name())
                .collect();
            anyhow::anyhow!(
                "`{}` has no command '{name}' (its commands: {})",
                page.get_bin_name().unwrap_or("tm"),
                names.join(", ")
            )
        })?;
    }
    let mut stdout = std::io::stdout().lock();
    render(page, &mut stdout)?;
    stdout.flush()?;
    Ok(super::exit::OK)
}

/// The page of `cmd` and of each of its commands, into `dir`.
fn write_pages(cmd: &clap::Command, dir: &Path) -> anyhow::Result<()> {
    let name = cmd.get_display_name().unwrap_or(cmd.get_name());
    let path = dir.join(format!("{name}.1"));
    let mut page = Vec::new();
    render(cmd, &mut page)?;
    std::fs::write(&path, page).with_context(|| format!("cannot write {}", path.display()))?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, dir)?;
    }
    Ok(())
}

/// A man page: clap_mangen's, with EXIT STATUS and ENVIRONMENT, which
/// every command shares (TM_DB and TM_WAIT on the pages that offer `--db`
/// and `--wait`, [`super::OPENS_TM`]), before the version.
fn render(cmd: &clap::Command, w: &mut dyn Write) -> std::io::Result<()> {
    let mut page = Vec::new();
    // The footer names the program, on a command's page too (clap_mangen
    // would name the command: "align 0.1.0").
    clap_mangen::Man::new(cmd.clone())
        .source(format!("tm {}", env!("CARGO_PKG_VERSION")))
        .render(&mut page)?;
    let page = String::from_utf8_lossy(&page);
    let at = page.find("\n.SH VERSION").map_or(page.len(), |i| i + 1);
    w.write_all(page[..at].as_bytes())?;
    if !page[..at].ends_with('\n') {
        w.write_all(b"\n")?;
    }
    let offers = |id: &str| {
        cmd.get_arguments()
            .any(|a| a.get_id() == id && !a.is_hide_set())
    };
    w.write_all(EXIT_STATUS.as_bytes())?;
    w.write_all(b".SH ENVIRONMENT\n")?;
    if offers("db") {
        w.write_all(TM_DB.as_bytes())?;
    }
    if offers("wait") {
        w.write_all(TM_WAIT.as_bytes())?;
    }
    w.write_all(ENVIRONMENT.as_bytes())?;
    w.write_all(page[at..].as_bytes())
}

/// EXIT STATUS and ENVIRONMENT (roff), as README's *Exit codes* and
/// *Commands* say them.
const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Success.
.TP
\fB1\fR
Findings, differences, or no match (for commands that look for something).
.TP
\fB2\fR
An error: bad input, bad usage, I/O; nothing in the translation memory was changed.
.TP
\fB130\fR
Interrupted (Ctrl\-C, SIGTERM); nothing in the translation memory was changed.
"#;

/// The variable of the commands that open the TM.
const TM_DB: &str = r#".TP
\fBTM_DB\fR
The translation memory, as \fB\-\-db\fR gives it (default memory/tm.sqlite). Set but empty, it is an error (exit 2).
"#;

/// The variable of the commands that open the TM or edit the glossary.
const TM_WAIT: &str = r#".TP
\fBTM_WAIT\fR
Seconds a command that writes waits for another tm process writing the same TM or editing the same glossary, as \fB\-\-wait\fR gives it (default 600). A value that is not a whole number of seconds is an error (exit 2).
"#;

const ENVIRONMENT: &str = r#".TP
\fBNO_COLOR\fR
When set and not empty, \fB\-\-color auto\fR does not colour.
.TP
\fBUSER\fR, \fBUSERNAME\fR
Who replaced a text (\fBtm diff \-\-apply\fR without \fB\-\-author\fR, \fBtm align \-\-replace\fR) when git's user.name is not set.
"#;

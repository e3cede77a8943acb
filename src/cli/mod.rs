//! The command line: clap definitions (one file per subcommand) and rendering.
//! Each subcommand file has its `Args` and a `run` that calls the library and
//! renders the result through [`output::Output`].

use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

mod align;
mod align_html;
mod analyze;
mod completions;
mod diff;
mod diff_html;
mod eval;
mod eval_align;
mod eval_segment;
mod export;
mod glossary;
mod glossary_arg;
mod history;
mod import;
mod lookup;
pub mod output;
mod qa;
mod review;
mod search;
mod segment;
mod segment_arg;
mod stats;

use output::{ColorChoice, Output};

/// Exit codes, the same for every subcommand.
pub mod exit {
    /// Success, nothing found or different.
    pub const OK: i32 = 0;
    /// Findings, differences, or no match.
    pub const FINDINGS: i32 = 1;
    /// An error: bad input, bad usage, I/O.
    pub const ERROR: i32 = 2;
    /// Interrupted (Ctrl-C, SIGTERM): 128 + SIGINT, as shells report it.
    pub const INTERRUPTED: i32 = 130;
}

// Said without the name: `tm --help` and the man page's NAME line
// (`tm - a multilingual …`) put it before.
const ABOUT: &str = "A multilingual translation-memory workspace: align articles and their \
translations into a SQLite translation memory, and work with it.";

const EXAMPLES: &str = "Examples:
  tm align examples/nato-kosovo/en.txt examples/nato-kosovo/sq.txt examples/nato-kosovo/sr-Latn.txt
  tm segment examples/nato-kosovo/sq.txt
  tm stats
  tm export --format jsonl > units.jsonl";

#[derive(Debug, Parser)]
#[command(name = "tm", version, about = ABOUT, after_help = EXAMPLES, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand takes.
#[derive(Debug, clap::Args)]
pub struct Global {
    /// The translation memory (SQLite file).
    #[arg(
        long,
        global = true,
        env = "TM_DB",
        default_value = "memory/tm.sqlite",
        value_name = "FILE"
    )]
    pub db: PathBuf,
    /// True when `db` is the default (the workspace's `memory/`, made when
    /// missing); a folder named by --db or TM_DB must exist.
    #[arg(skip)]
    pub db_is_default: bool,
    /// When to colour the output (NO_COLOR is honoured with `auto`).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    pub color: ColorChoice,
    /// How long a command that writes the TM waits for another tm process
    /// writing it (a large import, say) before it gives up; and a glossary
    /// edit, for another one editing the glossary.
    #[arg(
        long,
        global = true,
        env = "TM_WAIT",
        default_value_t = crate::store::DEFAULT_WAIT.as_secs(),
        value_name = "SECONDS"
    )]
    pub wait: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Align(align::Args),
    Segment(segment::Args),
    #[command(subcommand, after_help = eval::EXAMPLES)]
    Eval(eval::Cmd),
    Stats(stats::Args),
    Import(import::Args),
    Export(export::Args),
    Glossary(glossary::Args),
    Lookup(lookup::Args),
    Search(search::Args),
    Analyze(analyze::Args),
    Diff(diff::Args),
    History(history::Args),
    Review(review::Args),
    Qa(qa::Args),
    Completions(completions::CompletionsArgs),
    Man(completions::ManArgs),
}

/// The command line, its help hiding the global options a command ignores:
/// the glossary commands never write the TM, so `--wait` means something
/// only to those that edit the glossary (they wait for its lock), and only
/// `glossary suggest` reads the TM (`--db`). Hidden, not removed: a script
/// that passes them everywhere still runs.
pub fn command() -> clap::Command {
    let mut cmd = Cli::command();
    // Global options reach the subcommands when the command is built.
    cmd.build();
    // (`mut_args` keeps the order, which the built command's index of
    // flags points into; `mut_arg` would move the argument to the end.)
    let hide = |c: clap::Command, id: &str| {
        c.mut_args(|a| if a.get_id() == id { a.hide(true) } else { a })
    };
    cmd.mut_subcommand("glossary", |g| {
        let g = hide(hide(g, "wait"), "db");
        g.mut_subcommands(|sub| {
            let uses_tm = sub.get_name() == "suggest";
            let edits = matches!(
                sub.get_name(),
                "add" | "add-term" | "remove" | "rename" | "import"
            );
            let sub = if edits { sub } else { hide(sub, "wait") };
            if uses_tm { sub } else { hide(sub, "db") }
        })
    })
}

/// Parse the arguments, run the subcommand, print errors; returns the exit code.
pub fn run() -> i32 {
    let parsed = command().try_get_matches().and_then(|m| {
        let mut cli = Cli::from_arg_matches(&m)?;
        cli.global.db_is_default =
            m.value_source("db") == Some(clap::parser::ValueSource::DefaultValue);
        Ok(cli)
    });
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                exit::ERROR
            } else {
                exit::OK
            };
        }
    };
    let db = cli.global.db.display().to_string();
    crate::store::set_waiting(
        std::time::Duration::from_secs(cli.global.wait),
        move |limit| {
            eprintln!(
                "tm: another tm process is writing {db}; waiting for it (up to {} s; Ctrl-C to stop)",
                limit.as_secs()
            )
        },
    );
    // Ctrl-C, SIGTERM, SIGHUP: remove what the run was creating (a new TM,
    // a temporary output file) and exit 130, as shells do for SIGINT.
    let _ = ctrlc::set_handler(|| {
        crate::interrupt::remove_registered();
        eprintln!("tm: interrupted");
        std::process::exit(exit::INTERRUPTED);
    });
    let mut out = Output::new(cli.global.color);
    let result = match &cli.command {
        Command::Align(a) => align::run(a, &cli.global, &mut out),
        Command::Segment(a) => segment::run(a, &mut out),
        Command::Eval(c) => eval::run(c, &mut out),
        Command::Stats(a) => stats::run(a, &cli.global, &mut out),
        Command::Import(a) => import::run(a, &cli.global, &mut out),
        Command::Export(a) => export::run(a, &cli.global, &mut out),
        Command::Glossary(a) => glossary::run(a, &cli.global, &mut out),
        Command::Lookup(a) => lookup::run(a, &cli.global, &mut out),
        Command::Search(a) => search::run(a, &cli.global, &mut out),
        Command::Analyze(a) => analyze::run(a, &cli.global, &mut out),
        Command::Diff(a) => diff::run(a, &cli.global, &mut out),
        Command::History(a) => history::run(a, &cli.global, &mut out),
        Command::Review(a) => review::run(a, &cli.global, &mut out),
        Command::Qa(a) => qa::run(a, &cli.global, &mut out),
        Command::Completions(a) => completions::completions(a, command()),
        Command::Man(a) => completions::man(a, command()),
    };
    let result = result.and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) || out.pipe_closed() {
                return exit::OK;
            }
            eprintln!("tm: error: {e:#}");
            exit::ERROR
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

//! The command line: clap definitions (one file per subcommand) and rendering.
//! Each subcommand file has its `Args` and a `run` that calls the library and
//! renders the result through [`output::Output`].

use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::TypedValueParser;
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
        value_name = "FILE",
        // Any value parses (clap's PathBuf parser refuses an empty one, for
        // every command): only a command that opens the TM checks it
        // ([`Global::check`]).
        value_parser = clap::builder::OsStringValueParser::new().map(PathBuf::from)
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
        id = "wait",
        long = "wait",
        global = true,
        env = "TM_WAIT",
        default_value_t = Given(crate::store::DEFAULT_WAIT.as_secs().to_string().into()),
        value_name = "SECONDS",
        value_parser = clap::builder::OsStringValueParser::new().map(Given)
    )]
    wait_given: Given,
    /// `--wait` in seconds, checked ([`Global::check`]) where it is used.
    #[arg(skip)]
    pub wait: u64,
}

/// A global option's value as given (on the command line or in the
/// environment), not yet checked: only the commands that use the option
/// check it, so that `TM_WAIT=abc tm segment` runs.
#[derive(Debug, Clone)]
struct Given(OsString);

impl std::fmt::Display for Given {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.to_string_lossy())
    }
}

impl Global {
    /// Check `--db` and `--wait` for the command at `path`, each where the
    /// command uses it ([`offers`]); an option it does not use is ignored
    /// however it was given. An error names the variable (`TM_WAIT=abc`) or
    /// the option (`--wait abc`) and the value.
    fn check(&mut self, m: &clap::ArgMatches, path: &str) -> anyhow::Result<()> {
        use clap::parser::ValueSource;
        let from_env = |id: &str| m.value_source(id) == Some(ValueSource::EnvVariable);
        if offers(path, "db") == Some(true) && self.db.as_os_str().is_empty() {
            if from_env("db") {
                anyhow::bail!(
                    "TM_DB is set but empty: set it to the TM's file, or unset it for the default (memory/tm.sqlite)"
                );
            }
            anyhow::bail!("--db was given an empty file name");
        }
        self.wait = crate::store::DEFAULT_WAIT.as_secs();
        if offers(path, "wait") == Some(true) {
            let given = &self.wait_given;
            self.wait = given
                .0
                .to_str()
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| {
                    let named = if from_env("wait") {
                        format!("TM_WAIT={given}")
                    } else {
                        format!("--wait {given}")
                    };
                    anyhow::anyhow!(
                        "{named}: not a number of seconds (a whole number, such as {})",
                        crate::store::DEFAULT_WAIT.as_secs()
                    )
                })?;
        }
        Ok(())
    }
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

/// Whether each command opens the TM, the one place that says so (a unit
/// test checks that it names every command). `--db` and `--wait` are
/// offered, in help, man pages and completions, by the commands that do:
/// opening a TM may upgrade or index it, which waits for a writer as any
/// write does. The others take them hidden, so a script that passes them
/// everywhere (or sets TM_DB) still runs.
const OPENS_TM: &[(&str, bool)] = &[
    ("align", true),
    ("segment", false),
    ("eval", false),
    ("eval segment", false),
    ("eval align", false),
    ("stats", true),
    ("import", true),
    ("export", true),
    ("glossary", false),
    ("glossary find", false),
    ("glossary list", false),
    ("glossary show", false),
    ("glossary add", false),
    ("glossary add-term", false),
    ("glossary remove", false),
    ("glossary rename", false),
    ("glossary lint", false),
    ("glossary import", false),
    ("glossary export", false),
    ("glossary suggest", true),
    ("glossary anchors", false),
    ("lookup", true),
    ("search", true),
    ("analyze", true),
    ("diff", true),
    ("history", true),
    ("review", true),
    ("qa", true),
    ("completions", false),
    ("man", false),
];

/// The commands that edit the glossary file: they wait (`--wait`) for
/// another tm process editing it, whether or not they open the TM.
const EDITS_GLOSSARY: &[&str] = &[
    "glossary add",
    "glossary add-term",
    "glossary remove",
    "glossary rename",
    "glossary import",
];

/// The global options that name and wait for the TM.
const TM_OPTIONS: [&str; 2] = ["db", "wait"];

/// Whether the command at `path` (`glossary suggest`) opens the TM; None
/// for one [`OPENS_TM`] does not name (clap's `help`).
fn opens_tm(path: &str) -> Option<bool> {
    OPENS_TM.iter().find(|(p, _)| *p == path).map(|&(_, o)| o)
}

/// Whether the command at `path` offers, and so uses, the global option
/// `id` (one of [`TM_OPTIONS`]): `--db` where it opens the TM, `--wait`
/// there and where it edits the glossary. None for a command [`OPENS_TM`]
/// does not name.
fn offers(path: &str, id: &str) -> Option<bool> {
    let opens = opens_tm(path)?;
    Some(opens || (id == "wait" && EDITS_GLOSSARY.contains(&path)))
}

/// The path of the command the matches run (`glossary add`), as
/// [`OPENS_TM`] names it.
fn command_path(m: &clap::ArgMatches) -> String {
    let mut path = String::new();
    let mut at = m;
    while let Some((name, sub)) = at.subcommand() {
        path = sub_path(&path, name);
        at = sub;
    }
    path
}

/// `tm` and `tm PATH` joined: `glossary`, `glossary suggest`.
fn sub_path(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_string()
    } else {
        format!("{parent} {name}")
    }
}

/// The command line, built, with `--db` and `--wait` hidden from the
/// commands that do not open the TM ([`OPENS_TM`]; `--wait` stays on those
/// that edit the glossary, [`EDITS_GLOSSARY`]); help and man pages are
/// made from it.
pub fn command() -> clap::Command {
    let mut cmd = Cli::command();
    // Global options reach the subcommands when the command is built.
    cmd.build();
    hide_tm_options(cmd, "")
}

fn hide_tm_options(cmd: clap::Command, path: &str) -> clap::Command {
    cmd.mut_subcommands(|sub| {
        let path = sub_path(path, sub.get_name());
        // (`mut_args` keeps the order, which the built command's index of
        // flags points into; `mut_arg` would move the argument to the end.)
        let sub = sub.mut_args(|a| {
            let id = a.get_id().as_str();
            let hide = TM_OPTIONS.contains(&id) && offers(&path, id) == Some(false);
            if hide { a.hide(true) } else { a }
        });
        hide_tm_options(sub, &path)
    })
}

/// The command line for completion scripts: `--db` and `--wait` belong to
/// `tm` and to the commands that open the TM ([`OPENS_TM`]) alone. (The
/// generators offer hidden options too, so they are left out, not hidden:
/// this command only describes, it never parses.)
pub fn completion_command() -> clap::Command {
    let cmd = Cli::command();
    let tm_options: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| TM_OPTIONS.contains(&a.get_id().as_str()))
        .map(|a| a.clone().global(false))
        .collect();
    let cmd = cmd.mut_args(|a| {
        let global = a.is_global_set() && !TM_OPTIONS.contains(&a.get_id().as_str());
        a.global(global)
    });
    add_tm_options(cmd, "", &tm_options)
}

fn add_tm_options(cmd: clap::Command, path: &str, tm_options: &[clap::Arg]) -> clap::Command {
    cmd.mut_subcommands(|sub| {
        let path = sub_path(path, sub.get_name());
        let offered = tm_options
            .iter()
            .filter(|a| offers(&path, a.get_id().as_str()) == Some(true));
        let sub = sub.args(offered.cloned());
        add_tm_options(sub, &path, tm_options)
    })
}

/// Parse the arguments, run the subcommand, print errors; returns the exit code.
pub fn run() -> i32 {
    let parsed = command().try_get_matches().and_then(|m| {
        let mut cli = Cli::from_arg_matches(&m)?;
        cli.global.db_is_default =
            m.value_source("db") == Some(clap::parser::ValueSource::DefaultValue);
        Ok((cli, m))
    });
    let cli = match parsed {
        Ok((mut cli, m)) => match cli.global.check(&m, &command_path(&m)) {
            Ok(()) => cli,
            Err(e) => {
                eprintln!("tm: error: {e:#}");
                return exit::ERROR;
            }
        },
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
        Command::Completions(a) => completions::completions(a, completion_command()),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command at every level, as `glossary suggest` (clap's `help`
    /// left out).
    fn paths(cmd: &clap::Command, parent: &str, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let path = sub_path(parent, sub.get_name());
            paths(sub, &path, out);
            out.push(path);
        }
    }

    #[test]
    fn opens_tm_names_every_command_once() {
        let mut all = Vec::new();
        paths(&Cli::command(), "", &mut all);
        for path in &all {
            let n = OPENS_TM.iter().filter(|(p, _)| p == path).count();
            assert_eq!(n, 1, "`{path}` is named {n} times in OPENS_TM");
        }
        for path in OPENS_TM.iter().map(|(p, _)| p).chain(EDITS_GLOSSARY) {
            assert!(
                all.iter().any(|p| p == path),
                "OPENS_TM or EDITS_GLOSSARY names `{path}`, no command"
            );
        }
    }
}

//! `tm glossary …`: the proper-noun glossary. One file per subcommand; the
//! work is done in [`crate::glossary`].

use std::path::PathBuf;

use super::output::Output;

mod anchors;
mod edit;
mod exchange;
mod find;
mod lint;
mod list;
mod suggest;

const EXAMPLES: &str = "Examples:
  tm glossary find --lang sq \"Stoltenberg arriti në Prishtinë\"
  tm glossary find --lang sr-Cyrl --file examples/nato-kosovo/sr-Cyrl.txt --format json
  tm glossary list --lang sr-Latn
  tm glossary show pristina
  tm glossary add --id moscow --type place --term en=Moscow --term sq=Moskë --term sr-Latn=Moskva
  tm glossary add-term moscow --term sr-Cyrl=Москва
  tm glossary lint
  tm glossary export --format tbx3 > proper-nouns.tbx
  tm glossary suggest --from en";

/// Work with the glossary of proper nouns (glossaries/proper-nouns.toml).
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The glossary file.
    #[arg(long, global = true, default_value = crate::glossary::DEFAULT_PATH, value_name = "FILE")]
    pub glossary: PathBuf,
    #[command(subcommand)]
    pub cmd: Cmd,
}

#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    Find(find::Args),
    List(list::ListArgs),
    Show(list::ShowArgs),
    Add(edit::AddArgs),
    AddTerm(edit::AddTermArgs),
    Remove(edit::RemoveArgs),
    Rename(edit::RenameArgs),
    Lint(lint::Args),
    Import(exchange::ImportArgs),
    Export(exchange::ExportArgs),
    Suggest(suggest::Args),
    Anchors(anchors::Args),
}

/// Human or JSON output.
pub use crate::cli::output::TextOrJson as Format;

pub fn run(args: &Args, global: &super::Global, out: &mut Output) -> anyhow::Result<i32> {
    let path = &args.glossary;
    let wait = std::time::Duration::from_secs(global.wait);
    match &args.cmd {
        Cmd::Find(a) => find::run(a, path, out),
        Cmd::List(a) => list::list(a, path, out),
        Cmd::Show(a) => list::show(a, path, out),
        Cmd::Add(a) => edit::add(a, path, wait, out),
        Cmd::AddTerm(a) => edit::add_term(a, path, wait, out),
        Cmd::Remove(a) => edit::remove(a, path, wait, out),
        Cmd::Rename(a) => edit::rename(a, path, wait, out),
        Cmd::Lint(a) => lint::run(a, path, out),
        Cmd::Import(a) => exchange::import(a, path, wait, out),
        Cmd::Export(a) => exchange::export(a, path, out),
        Cmd::Suggest(a) => suggest::run(a, path, &global.db, out),
        Cmd::Anchors(a) => anchors::run(a, path, out),
    }
}

//! The `[segment]` table of the workspace file `tm.toml`: segmentation
//! settings that every command that splits text (align, diff, qa, segment)
//! must share, so that a document splits the same way each time it is read.
//!
//! ```toml
//! [segment]
//! quotations = "keep"    # or "split" (the default)
//! ```

use std::path::Path;

use super::{Options, Quotations};
use crate::glossary::file::FileError;

impl Options {
    /// The `[segment]` settings of the workspace file `path`, or the defaults
    /// if it does not exist.
    pub fn load_or_default(path: &Path) -> anyhow::Result<Options> {
        let Some(text) = crate::doc::read_workspace_file(path)? else {
            return Ok(Options::default());
        };
        Ok(Options::parse(&path.display().to_string(), &text)?)
    }

    /// The settings of the workspace: `tm.toml` in the working directory.
    pub fn from_workspace() -> anyhow::Result<Options> {
        Options::load_or_default(Path::new(crate::qa::config::DEFAULT_PATH))
    }

    /// Parse the `[segment]` table of the text of `tm.toml`; `path` is only
    /// used in messages.
    pub fn parse(path: &str, text: &str) -> Result<Options, FileError> {
        let err = |pos: Option<usize>, msg: String| FileError::at(path, text, pos, msg);
        let doc = toml_edit::Document::parse(text.to_string()).map_err(|e| {
            let msg = e.message().trim().to_string();
            err(e.span().map(|s| s.start), format!("invalid TOML: {msg}"))
        })?;
        let mut options = Options::default();
        let Some(item) = doc.as_table().get("segment") else {
            return Ok(options);
        };
        let table = item.as_table().ok_or_else(|| {
            err(
                item.span().map(|s| s.start),
                "`segment` must be a table ([segment])".into(),
            )
        })?;
        for (key, value) in table.iter() {
            let at = value.span().map(|s| s.start);
            match key {
                "quotations" => {
                    options.quotations =
                        value.as_str().and_then(Quotations::parse).ok_or_else(|| {
                            err(at, "`quotations` must be \"split\" or \"keep\"".into())
                        })?;
                }
                other => {
                    let at = table.key(other).and_then(|k| k.span()).map(|s| s.start);
                    return Err(err(
                        at,
                        format!("unknown key `{other}` in [segment] (known: quotations)"),
                    ));
                }
            }
        }
        Ok(options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_segment_table_and_ignores_the_others() {
        let o = Options::parse(
            "tm.toml",
            "[qa]\nfail-on = \"error\"\n[segment]\nquotations = \"keep\"\n",
        )
        .unwrap();
        assert_eq!(o.quotations, Quotations::Keep);
        assert_eq!(
            Options::parse("tm.toml", "[qa]\n").unwrap(),
            Options::default()
        );
    }

    #[test]
    fn a_bad_value_names_the_line() {
        let e = Options::parse("tm.toml", "[segment]\nquotations = \"maybe\"\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("split"), "{}", e.message);
        let e = Options::parse("tm.toml", "[segment]\nquotes = \"keep\"\n").unwrap_err();
        assert!(e.message.contains("unknown key `quotes`"), "{}", e.message);
    }
}

//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice`
//! line per finding, with file, line and column when the finding has them.
//! <https://docs.github.com/actions/reference/workflow-commands-for-github-actions>

use super::{Run, place};
use crate::qa::Severity;

/// Escape the message part of a workflow command.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (also `:` and `,`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn render(r: &Run) -> String {
    let mut out = String::new();
    for f in &r.report.findings {
        let cmd = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = vec![format!("file={}", property(&r.artifact))];
        if let Some(l) = f.line {
            props.push(format!("line={l}"));
            if let Some(c) = f.column {
                props.push(format!("col={c}"));
            }
        }
        props.push(format!("title={}", property(&format!("tm qa {}", f.check))));
        // The annotation sits on the line already; a TM finding names its unit.
        let said = if f.line.is_some() {
            format!("{} → {}: {}", f.src_lang, f.lang, f.message)
        } else {
            format!("{}: {}", place(f), f.message)
        };
        out.push_str(&format!("::{cmd} {}::{}\n", props.join(","), data(&said)));
    }
    out
}

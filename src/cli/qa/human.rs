//! Human output: findings grouped by document and unit (or segment of a file), the
//! source and target under each group, a summary line. Colour on a terminal.

use std::sync::Arc;

use super::{Run, place, summary};
use crate::cli::output::{Output, Style};
use crate::qa::{Finding, Severity};

fn severity(s: Severity, out: &Output) -> String {
    let text = format!("{:<7}", s.as_str());
    match s {
        Severity::Error => out.paint(Style::Red, &text),
        Severity::Warning => out.paint(Style::Yellow, &text),
        Severity::Info => out.paint(Style::Cyan, &text),
    }
}

/// The target with the finding's span marked: coloured, or «…» without colour.
fn marked(f: &Finding, out: &Output) -> String {
    let Some(sp) = f.span else {
        return f.target.to_string();
    };
    let chars: Vec<char> = f.target.chars().collect();
    let (a, b) = (sp.start.min(chars.len()), sp.end.min(chars.len()));
    let head: String = chars[..a].iter().collect();
    let mid: String = chars[a..b].iter().collect();
    let tail: String = chars[b..].iter().collect();
    let mid = if out.color() {
        out.paint(Style::Red, &mid)
    } else {
        format!("⟦{mid}⟧")
    };
    format!("{head}{mid}{tail}")
}

pub fn render(r: &Run, out: &mut Output) -> anyhow::Result<()> {
    let findings = &r.report.findings;
    let mut i = 0;
    while i < findings.len() {
        // One group per pair (a unit, or a segment of a file: two sentences
        // of one line are two groups, each with its place, source and
        // target). A pair's findings share its source and target.
        let same_pair = |a: &Finding, b: &Finding| {
            a.document == b.document
                && a.unit == b.unit
                && a.lang == b.lang
                && (a.unit.is_some()
                    || (Arc::ptr_eq(&a.source, &b.source) && Arc::ptr_eq(&a.target, &b.target)))
        };
        let mut j = i;
        while j < findings.len() && same_pair(&findings[i], &findings[j]) {
            j += 1;
        }
        let group = &findings[i..j];
        let first = &group[0];
        out.line(&out.paint(Style::Bold, &place(first)))?;
        for f in group {
            out.line(&format!(
                "  {} {:<24} {}",
                severity(f.severity, out),
                f.check,
                f.message
            ))?;
        }
        let src_label = out.paint(Style::Dim, &format!("{}:", first.src_lang));
        let tgt_label = out.paint(Style::Dim, &format!("{}:", first.lang));
        let source = first.source_with_codes.as_deref().unwrap_or(&first.source);
        out.line(&format!("    {src_label} {}", source.trim_end()))?;
        // The first finding with a span marks the target (a span counts
        // the plain text's characters); else it is shown with its codes.
        let shown = group.iter().find(|f| f.span.is_some());
        let target = match (shown, &first.target_with_codes) {
            (None, Some(coded)) => coded.clone(),
            _ => marked(shown.unwrap_or(first), out),
        };
        out.line(&format!("    {tgt_label} {}", target.trim_end()))?;
        out.line("")?;
        i = j;
    }
    let s = summary(r);
    let plural = |n: usize, w: &str| crate::cli::output::plural(n as u64, w);
    let mut line = format!(
        "{}, {}, {} in {} checked",
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info"),
        plural(s.pairs as usize, "pair")
    );
    if s.ignored > 0 {
        line.push_str(&format!(" ({} ignored by tm.toml)", s.ignored));
    }
    let line = if s.failed {
        out.paint(Style::Red, &line)
    } else if findings.is_empty() {
        out.paint(Style::Green, &line)
    } else {
        line
    };
    out.line(&line)?;
    Ok(())
}

//! JUnit XML: one test suite per enabled check; a finding at or above
//! --fail-on is a failing test case, one below it a passing case with the
//! message in <system-out>, and a check without findings one passing case
//! (a skipped one when no pair was checked: an empty TM, or a --lang, --pair
//! or --doc that selects nothing, is not a green run; and for the
//! terminology checks when there is no glossary).

use super::{Run, place};
use crate::qa::{CHECKS, Finding};

/// Escape for XML 1.0 text and attributes; characters XML cannot hold
/// (C0 controls but tab and line ends) are written as `[U+0007]`.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                out.push_str(&format!("[U+{:04X}]", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

fn body(f: &Finding) -> String {
    format!(
        "{}\n{}: {}\n{}: {}",
        f.message, f.src_lang, f.source, f.lang, f.target
    )
}

pub fn render(r: &Run) -> String {
    let mut suites = String::new();
    let (mut total, mut total_fail, mut total_skipped) = (0, 0, 0);
    let nothing_checked = r.report.pairs == 0;
    for c in CHECKS.iter().filter(|c| r.config.enabled(c.id)) {
        let fs: Vec<&Finding> = r
            .report
            .findings
            .iter()
            .filter(|f| f.check == c.id)
            .collect();
        let fails = |f: &&Finding| r.fail_on.is_some_and(|l| f.severity >= l);
        let failures = fs.iter().filter(|f| fails(f)).count();
        let tests = fs.len().max(1);
        let unchecked = if nothing_checked {
            Some("0 pairs checked")
        } else if r.no_glossary && c.family == "terminology" {
            Some("no glossary")
        } else {
            None
        };
        let skipped = usize::from(fs.is_empty() && unchecked.is_some());
        total += tests;
        total_fail += failures;
        total_skipped += skipped;
        suites.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n",
            xml(c.id)
        ));
        if skipped == 1 {
            suites.push_str(&format!(
                "    <testcase classname=\"tm.qa.{}\" name=\"nothing checked\">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                xml(c.id),
                unchecked.unwrap_or_default()
            ));
        } else if fs.is_empty() {
            suites.push_str(&format!(
                "    <testcase classname=\"tm.qa.{}\" name=\"no findings\"/>\n",
                xml(c.id)
            ));
        }
        for f in &fs {
            let mut attrs = format!(
                "classname=\"tm.qa.{}\" name=\"{}\" file=\"{}\"",
                xml(c.id),
                xml(&place(f)),
                xml(&r.artifact)
            );
            if let Some(l) = f.line {
                attrs.push_str(&format!(" line=\"{l}\""));
            }
            if fails(f) {
                suites.push_str(&format!(
                    "    <testcase {attrs}>\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                    f.severity.as_str(),
                    xml(&f.message),
                    xml(&body(f))
                ));
            } else {
                suites.push_str(&format!(
                    "    <testcase {attrs}>\n      <system-out>{}: {}</system-out>\n    </testcase>\n",
                    f.severity.as_str(),
                    xml(&body(f))
                ));
            }
        }
        suites.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"tm qa\" tests=\"{total}\" failures=\"{total_fail}\" errors=\"0\" skipped=\"{total_skipped}\">\n{suites}</testsuites>\n"
    )
}

//! SARIF 2.1.0 (OASIS): one run, the checks as rules, a result per finding.
//! Findings from files have a physical location (TGT, line, columns in
//! Unicode code points); TM findings point at the TM file and name the unit
//! as a logical location. Required by the schema: `version`, `runs`,
//! `tool.driver.name`, `result.message`; GitHub code scanning also wants
//! `ruleId`, a location with `artifactLocation.uri`, `partialFingerprints`.

use std::hash::{DefaultHasher, Hash, Hasher};

use serde_json::{Value, json};

use super::Run;
use crate::qa::{CHECKS, Finding, Severity};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A stable identity of a finding across runs (not its position).
fn fingerprint(f: &Finding) -> String {
    let mut h = DefaultHasher::new();
    (
        f.check,
        &*f.lang,
        f.source.trim(),
        f.target.trim(),
        &f.message,
    )
        .hash(&mut h);
    format!("{:016x}", h.finish())
}

/// A relative path as a URI reference (forward slashes, spaces escaped).
fn uri(path: &str) -> String {
    path.replace('\\', "/")
        .replace('%', "%25")
        .replace(' ', "%20")
        .replace('#', "%23")
        .replace('?', "%3F")
}

fn location(r: &Run, f: &Finding) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": uri(&r.artifact) } });
    if let Some(line) = f.line {
        let mut region = json!({ "startLine": line });
        if let Some(c) = f.column {
            region["startColumn"] = json!(c);
            if let Some(sp) = f.span {
                region["endColumn"] = json!(c + (sp.end - sp.start).max(1));
            }
        }
        physical["region"] = region;
    }
    let mut loc = json!({ "physicalLocation": physical });
    if let Some(u) = f.unit {
        let doc = f.document.as_deref().unwrap_or("-");
        loc["logicalLocations"] = json!([{
            "name": format!("unit {u}"),
            "fullyQualifiedName": format!("{doc}/unit/{u}/{}", f.lang),
            "kind": "member",
        }]);
    }
    loc
}

pub fn render(r: &Run) -> Value {
    let rules: Vec<Value> = CHECKS
        .iter()
        .map(|c| {
            let lvl = r.config.severity(c.id);
            json!({
                "id": c.id,
                "shortDescription": { "text": c.summary },
                "defaultConfiguration": {
                    "enabled": lvl.is_some(),
                    "level": level(lvl.unwrap_or(c.severity)),
                },
                "properties": { "family": c.family },
            })
        })
        .collect();
    let results: Vec<Value> = r
        .report
        .findings
        .iter()
        .map(|f| {
            let index = CHECKS.iter().position(|c| c.id == f.check).unwrap_or(0);
            let mut props = json!({
                "srcLang": &*f.src_lang, "lang": &*f.lang,
                "source": &*f.source, "target": &*f.target,
            });
            if let Some(u) = f.unit {
                props["unit"] = json!(u);
            }
            if let Some(s) = &f.source_with_codes {
                props["sourceWithCodes"] = json!(s);
            }
            if let Some(t) = &f.target_with_codes {
                props["targetWithCodes"] = json!(t);
            }
            if let Some(d) = &f.document {
                props["document"] = json!(&**d);
            }
            json!({
                "ruleId": f.check,
                "ruleIndex": index,
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [location(r, f)],
                "partialFingerprints": { "tmQaFinding/v1": fingerprint(f) },
                "properties": props,
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "tm",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

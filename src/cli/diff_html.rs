//! The self-contained review page of `tm diff --html`: source | stored | new,
//! changes highlighted, summary counts, a filter by status. No external files.

use super::diff::Report;
use crate::diff::{Op, OpKind, Status};

const STATUSES: [Status; 7] = [
    Status::Changed,
    Status::Resegmented,
    Status::New,
    Status::Missing,
    Status::Added,
    Status::Moved,
    Status::Unchanged,
];

pub(super) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// The stored side (`old`) or the new side of the ops, with changes marked.
fn side(ops: &[Op], old: bool) -> String {
    let mut s = String::new();
    for op in ops {
        match (op.op, old) {
            (OpKind::Equal, _) => s.push_str(&esc(&op.new)),
            (OpKind::Delete, true) => s.push_str(&format!("<del>{}</del>", esc(&op.old))),
            (OpKind::Insert, false) => s.push_str(&format!("<ins>{}</ins>", esc(&op.new))),
            (OpKind::Replace, _) => match &op.chars {
                Some(chars) => {
                    s.push_str(if old {
                        "<del class=\"w\">"
                    } else {
                        "<ins class=\"w\">"
                    });
                    for c in chars {
                        match (c.op, old) {
                            (OpKind::Equal, _) => s.push_str(&esc(&c.old)),
                            (OpKind::Delete | OpKind::Replace, true) => {
                                s.push_str(&format!("<b>{}</b>", esc(&c.old)))
                            }
                            (OpKind::Insert | OpKind::Replace, false) => {
                                s.push_str(&format!("<b>{}</b>", esc(&c.new)))
                            }
                            _ => {}
                        }
                    }
                    s.push_str(if old { "</del>" } else { "</ins>" });
                }
                None if old => s.push_str(&format!("<del>{}</del>", esc(&op.old))),
                None => s.push_str(&format!("<ins>{}</ins>", esc(&op.new))),
            },
            _ => {}
        }
    }
    s
}

pub fn page(r: &Report) -> String {
    let mut rows = String::new();
    // Each text cell says which way it runs: Hebrew or Arabic punctuation
    // at the wrong end otherwise (the page itself is English, ltr).
    let sd = crate::lang::direction(&r.src_lang).html();
    let d = crate::lang::direction(&r.lang).html();
    for u in &r.units {
        let ids: Vec<String> = u.units.iter().map(|i| i.to_string()).collect();
        rows.push_str(&format!(
            "<tr class=\"row {st}\" data-status=\"{st}\"><td class=\"meta\">{name}<br><small>{ids}</small><br><small>{pct:.1}%</small></td><td lang=\"{sl}\" dir=\"{sd}\">{src}</td><td lang=\"{l}\" dir=\"{d}\">{old}</td><td lang=\"{l}\" dir=\"{d}\">{new}</td></tr>\n",
            st = u.status.name(),
            name = u.status.name(),
            ids = if ids.is_empty() {
                "no source sentence".to_string()
            } else {
                format!("unit {}", ids.join("+"))
            },
            pct = u.stats.distance_pct,
            sl = esc(&r.src_lang),
            l = esc(&r.lang),
            src = esc(&u.source),
            old = if u.old.is_some() { side(&u.ops, true) } else { String::new() },
            new = if u.new.is_some() { side(&u.ops, false) } else { String::new() },
        ));
    }
    let filters: String = STATUSES
        .iter()
        .map(|s| {
            format!(
                "<label><input type=\"checkbox\" data-filter=\"{n}\"{checked}> {n} (<span id=\"count-{n}\">{count}</span>)</label> ",
                n = s.name(),
                // Written here, so the page reads right without JavaScript.
                count = r.units.iter().filter(|u| u.status == *s).count(),
                checked = if *s == Status::Unchanged { "" } else { " checked" }
            )
        })
        .collect();
    let st = &r.summary.stats;
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>tm diff: {doc} {lang}</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 1.5em; color: #222; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
td, th {{ border-bottom: 1px solid #ddd; padding: .45em .6em; vertical-align: top; text-align: start; }}
th {{ background: #f4f4f4; position: sticky; top: 0; }}
td.meta {{ width: 7em; color: #555; }}
col.meta {{ width: 8em; }}
del {{ background: #fdd; color: #900; }}
ins {{ background: #dfd; color: #060; text-decoration: none; }}
del.w b, ins.w b {{ text-decoration: underline; }}
tr.changed td.meta {{ border-left: 4px solid #e90; }}
tr.re-segmented td.meta {{ border-left: 4px solid #a4f; }}
tr.new td.meta {{ border-left: 4px solid #2a2; }}
tr.missing td.meta {{ border-left: 4px solid #d22; }}
tr.added td.meta {{ border-left: 4px solid #2a2; }}
tr.moved td.meta {{ border-left: 4px solid #29c; }}
tr.hidden {{ display: none; }}
.summary {{ margin: .5em 0 1em; }}
</style></head>
<body>
<h1>{doc}: {lang} against {src_lang}</h1>
<p class="summary" id="summary" data-unchanged="{un}" data-changed="{ch}" data-new="{nw}" data-missing="{mi}" data-re-segmented="{rs}" data-moved="{mv}" data-added="{ad}">
Words: {added} added, {deleted} deleted, {changed} changed; edit distance {dist} of {words} words ({pct:.1}%).</p>
<form id="filters">{filters}</form>
<table><colgroup><col class="meta"><col><col><col></colgroup>
<thead><tr><th>status</th><th>source ({src_lang})</th><th>stored ({lang})</th><th>new ({lang})</th></tr></thead>
<tbody>
{rows}</tbody></table>
<script>
(function () {{
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.row'));
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter]'));
  function apply() {{
    var on = {{}};
    boxes.forEach(function (b) {{ on[b.dataset.filter] = b.checked; }});
    rows.forEach(function (r) {{ r.classList.toggle('hidden', !on[r.dataset.status]); }});
  }}
  boxes.forEach(function (b) {{ b.addEventListener('change', apply); }});
  apply();
  document.body.dataset.ready = 'yes';
}})();
</script>
</body></html>
"#,
        doc = esc(&r.document),
        lang = esc(&r.lang),
        src_lang = esc(&r.src_lang),
        un = r.summary.unchanged,
        ch = r.summary.changed,
        nw = r.summary.new,
        mi = r.summary.missing,
        rs = r.summary.resegmented,
        mv = r.summary.moved,
        ad = r.summary.added,
        added = st.added,
        deleted = st.deleted,
        changed = st.changed,
        dist = st.distance,
        words = st.words_old.max(st.words_new),
        pct = st.distance_pct,
    )
}

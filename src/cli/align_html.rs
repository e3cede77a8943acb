//! The self-contained review page of `tm align --html`: per language pair,
//! the alignment side by side, one row per bead, weak beads (see
//! `Bead::is_weak`) highlighted with the reason as their title, a filter
//! to show only them.
//! Same look as `tm diff --html`; no external files.

use super::diff_html::esc;
use crate::align::Bead;
use crate::lang::{Direction, direction};

/// One aligned pair, as the page shows it.
pub struct Pair<'a> {
    pub src_lang: &'a str,
    pub tgt_lang: &'a str,
    pub src: Vec<&'a str>,
    pub tgt: Vec<&'a str>,
    pub beads: &'a [Bead],
}

/// The sentences of one side of a bead, numbered. Each sentence and each
/// number is isolated (`<bdi>`), so in a right-to-left cell a number never
/// joins the text beside it and punctuation stays at its sentence's end.
fn cell(sentences: &[&str], range: std::ops::Range<usize>, dir: Direction) -> String {
    if range.is_empty() {
        return "<span class=\"none\">(nothing)</span>".to_string();
    }
    let dir = match dir {
        Direction::Auto => String::new(),
        d => format!(" dir=\"{}\"", d.html()),
    };
    range
        .map(|i| {
            format!(
                "<span class=\"s\"><sup><bdi>{i}</bdi></sup><bdi{dir}>{}</bdi></span>",
                esc(sentences[i])
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One pair's table; `doc` heads it on a page of several documents.
pub fn section(doc: Option<&str>, p: &Pair, below: f64) -> String {
    let mut rows = String::new();
    let mut weak = 0;
    let (sd, td) = (direction(p.src_lang), direction(p.tgt_lang));
    for (k, b) in p.beads.iter().enumerate() {
        let is_weak = b.is_weak(below);
        weak += usize::from(is_weak);
        rows.push_str(&format!(
            "<tr class=\"bead{cls}\" data-confidence=\"{c:.3}\"{why}><td class=\"meta\">{k}<br><small>{a}-{b}</small><br><span class=\"conf\">{c:.2}</span></td><td lang=\"{sl}\" dir=\"{sd}\">{s}</td><td lang=\"{tl}\" dir=\"{td}\">{t}</td></tr>\n",
            cls = if is_weak { " weak" } else { "" },
            why = if is_weak {
                format!(
                    " title=\"{}\"",
                    esc(&super::align::reason(
                        b,
                        p.beads,
                        below,
                        (p.src_lang, p.tgt_lang),
                        |side, i| match side {
                            crate::align::BeadSide::Source => p.src[i],
                            crate::align::BeadSide::Target => p.tgt[i],
                        }
                    ))
                )
            } else {
                String::new()
            },
            c = b.confidence,
            a = b.src.len(),
            b = b.tgt.len(),
            sl = esc(p.src_lang),
            tl = esc(p.tgt_lang),
            sd = sd.html(),
            td = td.html(),
            s = cell(&p.src, b.src.clone(), sd),
            t = cell(&p.tgt, b.tgt.clone(), td),
        ));
    }
    format!(
        "<section>\n<h2>{doc}{sl} → {tl}</h2>\n<p class=\"summary\">{n} ↔ {m} sentences, {beads} beads, <b class=\"weak-count\">{weak}</b> to review ({reasons}; hover a bead for why).</p>\n<table><colgroup><col class=\"meta\"><col><col></colgroup>\n<thead><tr><th>bead</th><th>{sl}</th><th>{tl}</th></tr></thead>\n<tbody>\n{rows}</tbody></table>\n</section>\n",
        doc = doc.map(|d| format!("{}: ", esc(d))).unwrap_or_default(),
        sl = esc(p.src_lang),
        tl = esc(p.tgt_lang),
        n = p.src.len(),
        m = p.tgt.len(),
        beads = p.beads.len(),
        reasons = super::align::weak_reasons(below),
    )
}

/// The page of one document's alignment.
pub fn page(doc: &str, pairs: &[Pair], below: f64) -> String {
    let sections: String = pairs.iter().map(|p| section(None, p, below)).collect();
    frame(
        doc,
        &format!("<h1>{}: alignment for review</h1>", esc(doc)),
        &sections,
        below,
    )
}

/// The page of `tm review --html` without a document: the `sections` of
/// the pairs with weak beads, each headed by its document.
pub fn documents_page(sections: &str, checked: usize, shown: usize, below: f64) -> String {
    let intro = format!(
        "{checked} document{} checked; {}",
        if checked == 1 { "" } else { "s" },
        match shown {
            0 => "none has a bead to review.".to_string(),
            1 => "the alignment with beads to review, whole:".to_string(),
            n => format!("the {n} alignments with beads to review, each whole:"),
        }
    );
    frame(
        "every aligned document",
        &format!("<h1>Alignments for review</h1>\n<p>{intro}</p>"),
        sections,
        below,
    )
}

/// The page around `sections`: `heading` (HTML) tops it.
fn frame(title: &str, heading: &str, sections: &str, below: f64) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>tm align: {title}</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 1.5em; color: #222; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
td, th {{ border-bottom: 1px solid #ddd; padding: .45em .6em; vertical-align: top; text-align: start; }}
th {{ background: #f4f4f4; position: sticky; top: 0; }}
col.meta {{ width: 6em; }}
td.meta {{ color: #555; }}
sup {{ color: #999; margin-inline-end: .2em; }}
.none {{ color: #999; font-style: italic; }}
tr.weak td {{ background: #fff4e0; }}
tr.weak td.meta {{ border-left: 4px solid #e90; }}
tr.weak .conf {{ color: #b60; font-weight: bold; }}
tr.hidden {{ display: none; }}
.summary {{ margin: .5em 0 1em; }}
</style></head>
<body>
{heading}
<p>A bead's confidence is the aligner's posterior probability of it; beads below {below:.2}, beads with an empty side, beads with a sentence nothing on the other side translates and beads whose translation may be in a nearby bead are highlighted.</p>
<form><label><input type="checkbox" id="only-weak"> show only weak beads</label></form>
{sections}<script>
(function () {{
  var box = document.getElementById('only-weak');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.bead'));
  box.addEventListener('change', function () {{
    rows.forEach(function (r) {{ r.classList.toggle('hidden', box.checked && !r.classList.contains('weak')); }});
  }});
  document.body.dataset.ready = 'yes';
}})();
</script>
</body></html>
"#,
        title = esc(title),
    )
}

//! Segmentation scoring on JSONL test sets (`shared/bench/segment/README.md`).
//!
//! Each case is segmented with [`crate::segment::segment`] (paragraphs first, so
//! a line break inside a case is a hard boundary, as everywhere in tm). Then, on
//! gold and prediction alike, every sentence has its white-space runs collapsed
//! to one space and is trimmed; empty sentences are dropped.
//! - *Exact match*: the two lists are equal.
//! - *Boundary precision/recall/F1*: the boundaries between sentences, as offsets
//!   in the case text with all white space removed, summed over the cases
//!   (the end of the text is not a boundary).
//!
//! Pure: reading the files is the only I/O, and nothing is printed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::Context;

/// One line of a test set.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Case {
    pub lang: String,
    pub text: String,
    pub sentences: Vec<String>,
    #[serde(default)]
    pub id: Option<String>,
}

/// Counts for one group of cases (a file and language, or a total).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Score {
    pub cases: usize,
    pub exact: usize,
    /// Boundaries found that are in the gold (true positives).
    pub boundaries_found: usize,
    /// Boundaries the segmenter made.
    pub boundaries_made: usize,
    /// Boundaries in the gold.
    pub boundaries_gold: usize,
}

impl Score {
    pub fn exact_pct(&self) -> f64 {
        pct(self.exact, self.cases)
    }

    pub fn precision(&self) -> f64 {
        ratio(self.boundaries_found, self.boundaries_made)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.boundaries_found, self.boundaries_gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: &Score) {
        self.cases += other.cases;
        self.exact += other.exact;
        self.boundaries_found += other.boundaries_found;
        self.boundaries_made += other.boundaries_made;
        self.boundaries_gold += other.boundaries_gold;
    }
}

fn pct(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        100.0 * n as f64 / d as f64
    }
}

/// Precision or recall; 1 when there was nothing to find or nothing was made.
fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 { 1.0 } else { n as f64 / d as f64 }
}

/// One row of the report: a file and a language (`*` for the whole file).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Row {
    pub file: String,
    pub lang: String,
    pub cases: usize,
    pub exact: usize,
    pub exact_pct: f64,
    pub boundary_p: f64,
    pub boundary_r: f64,
    pub boundary_f1: f64,
}

impl Row {
    fn new(file: &str, lang: &str, s: &Score) -> Row {
        let round = |x: f64, places: i32| (x * 10f64.powi(places)).round() / 10f64.powi(places);
        Row {
            file: file.to_string(),
            lang: lang.to_string(),
            cases: s.cases,
            exact: s.exact,
            exact_pct: round(s.exact_pct(), 1),
            boundary_p: round(s.precision(), 3),
            boundary_r: round(s.recall(), 3),
            boundary_f1: round(s.f1(), 3),
        }
    }
}

/// A case the segmenter got wrong.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Failure {
    pub file: String,
    pub id: Option<String>,
    pub lang: String,
    pub text: String,
    pub gold: Vec<String>,
    pub got: Vec<String>,
}

/// The scores of one run over one or more test sets.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    /// Per file: the whole file (`lang` = `*`), then each language.
    pub rows: Vec<Row>,
    /// All files together.
    pub total: Row,
    pub failures: Vec<Failure>,
}

/// What to score.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Score only the cases of this language (exact tag, `sr-Latn`, or primary subtag, `sr`).
    pub lang: Option<String>,
    /// Segmentation settings (quotations split or kept).
    pub segment: crate::segment::Options,
}

/// Read the cases of a JSONL test set; errors name the file and line.
pub fn load(path: &Path) -> anyhow::Result<Vec<Case>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read test set {}", path.display()))?;
    let mut cases = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case: Case = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a segmentation case", path.display(), n + 1))?;
        cases.push(case);
    }
    Ok(cases)
}

/// Collapse white-space runs, trim, drop empty sentences.
pub fn normalise<S: AsRef<str>>(sentences: &[S]) -> Vec<String> {
    sentences
        .iter()
        .map(|s| {
            crate::text::squash_whitespace(s.as_ref())
                .trim()
                .to_string()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Offsets of the inner boundaries, counted in non-white-space characters.
fn boundaries(sentences: &[String]) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    let mut at = 0;
    for s in sentences {
        at += s.chars().filter(|c| !c.is_whitespace()).count();
        out.insert(at);
    }
    out.remove(&at);
    out
}

/// Score one case: its counts and, if wrong, the predicted sentences.
pub fn score_case(case: &Case, options: crate::segment::Options) -> (Score, Vec<String>) {
    let got: Vec<String> = crate::segment::segment_with(&case.text, &case.lang, options)
        .into_iter()
        .map(|s| s.text)
        .collect();
    let got = normalise(&got);
    let gold = normalise(&case.sentences);
    let (bg, bm) = (boundaries(&gold), boundaries(&got));
    let score = Score {
        cases: 1,
        exact: usize::from(got == gold),
        boundaries_found: bg.intersection(&bm).count(),
        boundaries_made: bm.len(),
        boundaries_gold: bg.len(),
    };
    (score, got)
}

fn lang_matches(case_lang: &str, wanted: &str) -> bool {
    case_lang.eq_ignore_ascii_case(wanted)
        || (!wanted.contains('-') && crate::lang::primary(case_lang).eq_ignore_ascii_case(wanted))
}

/// Score the test sets at `paths` (rows in the order given; languages sorted).
pub fn run(paths: &[&Path], opts: &Options) -> anyhow::Result<Report> {
    let mut rows = Vec::new();
    let mut total = Score::default();
    let mut failures = Vec::new();
    for path in paths {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let mut by_lang: BTreeMap<String, Score> = BTreeMap::new();
        let mut whole = Score::default();
        for case in load(path)? {
            if opts
                .lang
                .as_deref()
                .is_some_and(|l| !lang_matches(&case.lang, l))
            {
                continue;
            }
            let (score, got) = score_case(&case, opts.segment);
            if score.exact == 0 {
                failures.push(Failure {
                    file: file.clone(),
                    id: case.id.clone(),
                    lang: case.lang.clone(),
                    text: case.text.clone(),
                    gold: normalise(&case.sentences),
                    got,
                });
            }
            by_lang.entry(case.lang.clone()).or_default().add(&score);
            whole.add(&score);
        }
        total.add(&whole);
        rows.push(Row::new(&file, "*", &whole));
        rows.extend(by_lang.iter().map(|(lang, s)| Row::new(&file, lang, s)));
    }
    Ok(Report {
        rows,
        total: Row::new("total", "*", &total),
        failures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(lang: &str, text: &str, gold: &[&str]) -> Case {
        Case {
            lang: lang.into(),
            text: text.into(),
            sentences: gold.iter().map(|s| s.to_string()).collect(),
            id: None,
        }
    }

    #[test]
    fn exact_match_ignores_white_space_differences() {
        let (s, _) = score_case(
            &case("en", "One.  Two.", &[" One. ", "", "Two."]),
            Default::default(),
        );
        assert_eq!((s.exact, s.boundaries_found, s.boundaries_gold), (1, 1, 1));
    }

    #[test]
    fn a_missed_boundary_costs_recall_not_precision() {
        let (s, got) = score_case(
            &case(
                "en",
                "Hi there. Mr. Smith came.",
                &["Hi there. Mr.", "Smith came."],
            ),
            Default::default(),
        );
        assert_eq!(got, ["Hi there.", "Mr. Smith came."]);
        assert_eq!(s.exact, 0);
        assert_eq!(
            (s.boundaries_found, s.boundaries_made, s.boundaries_gold),
            (0, 1, 1)
        );
        assert_eq!(s.precision(), 0.0);
    }

    #[test]
    fn boundaries_are_offsets_without_white_space() {
        let b = boundaries(&["a b.".to_string(), "c.".into(), "d".into()]);
        assert_eq!(b.into_iter().collect::<Vec<_>>(), [3, 5]);
    }

    #[test]
    fn language_filter_takes_a_tag_or_a_primary_subtag() {
        assert!(lang_matches("sr-Latn", "sr"));
        assert!(lang_matches("sr-Latn", "sr-latn"));
        assert!(!lang_matches("sr-Latn", "sr-Cyrl"));
    }
}

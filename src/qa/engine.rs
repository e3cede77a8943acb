//! The check engine. [`Checker`] runs every per-pair check on one pair;
//! [`run`] streams pairs from a feed: the feeding thread keeps the cross-TM
//! state ([`Consistency`]) and hands batches of pairs to worker threads (std
//! threads, no pool crate), whose findings are put back in feed order.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use super::consistency::Consistency;
use super::punctuation::Cooccurrence;
use super::terminology::{SourceCache, Terminology};
use super::{CHECKS, Config, Finding, Hit, Pair, Severity, Span};
use crate::glossary::Glossary;

/// Everything a run checks with: configuration, glossary recognisers, and
/// the TM's word counts if there is a TM to ask.
pub struct Checker {
    config: Config,
    enabled: Vec<bool>,
    terminology: Terminology,
    /// Asked from every worker, rarely (doubled words): behind a lock, with
    /// the first error it gave (after which it is not asked again).
    word_counts: Option<Mutex<AskedCounts>>,
}

/// Word counts, and the first error they gave.
type AskedCounts = (Box<dyn WordCounts>, Option<anyhow::Error>);

/// The words of a TM's units, counted for the doubled-word check
/// ([`crate::store::Store::word_cooccurrence`] behind it in `tm qa`).
pub trait WordCounts: Send {
    /// The [`Cooccurrence`] of `target_word` with each of `source_words`
    /// in the TM's units of the pair other than `except`.
    fn cooccurrence(
        &mut self,
        src_lang: &str,
        lang: &str,
        except: Option<i64>,
        target_word: &str,
        source_words: &[String],
    ) -> anyhow::Result<Cooccurrence>;
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Report {
    /// Pairs checked.
    pub pairs: u64,
    /// Findings in feed order (per pair: check order).
    pub findings: Vec<Finding>,
    /// Findings silenced by `[[qa.ignore]]`.
    pub ignored: usize,
    /// Findings each `[[qa.ignore]]` entry silenced (in the order of
    /// `Config::ignores`): an entry that silenced none is stale.
    pub ignore_uses: Vec<usize>,
}

impl Report {
    /// Add the counts of findings silenced, by ignore entry.
    fn count_ignored(&mut self, by_entry: &[usize]) {
        if self.ignore_uses.len() < by_entry.len() {
            self.ignore_uses.resize(by_entry.len(), 0);
        }
        for (i, n) in by_entry.iter().enumerate() {
            self.ignore_uses[i] += n;
        }
        self.ignored = self.ignore_uses.iter().sum();
    }

    /// The ignore entries (indexes into `Config::ignores`) that silenced
    /// nothing in this run.
    pub fn unused_ignores(&self, entries: usize) -> Vec<usize> {
        (0..entries)
            .filter(|&i| self.ignore_uses.get(i).is_none_or(|&n| n == 0))
            .collect()
    }

    /// Findings at or above `level`.
    pub fn count_at_least(&self, level: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity >= level).count()
    }
}

impl Checker {
    /// `langs`: every language that will be checked (source and targets),
    /// so that glossary recognisers are built once.
    pub fn new(config: Config, glossary: Glossary, langs: &[&str]) -> Checker {
        let enabled = config.severities.iter().map(Option::is_some).collect();
        Checker {
            terminology: Terminology::new(glossary, langs),
            enabled,
            config,
            word_counts: None,
        }
    }

    /// Check with the word counts of a TM (its own units are evidence of
    /// which words translate which).
    pub fn with_word_counts(mut self, counts: Box<dyn WordCounts>) -> Checker {
        self.word_counts = Some(Mutex::new((counts, None)));
        self
    }

    /// The error the word counts gave, if they failed during a run.
    pub fn word_counts_error(&self) -> Option<anyhow::Error> {
        let m = self.word_counts.as_ref()?;
        m.lock().ok()?.1.take()
    }

    /// The [`Cooccurrence`] of a target word of `p` with its source words,
    /// None without word counts (or once they failed).
    fn cooccurrence(&self, p: &Pair, word: &str, source_words: &[String]) -> Option<Cooccurrence> {
        let mut guard = self.word_counts.as_ref()?.lock().ok()?;
        let (counts, error) = &mut *guard;
        if error.is_some() {
            return None;
        }
        counts
            .cooccurrence(&p.src_lang, &p.lang, p.unit, word, source_words)
            .map_err(|e| *error = Some(e))
            .ok()
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    fn enabled(&self, id: &str) -> bool {
        CHECKS
            .iter()
            .position(|c| c.id == id)
            .is_some_and(|i| self.enabled[i])
    }

    /// The hits of every per-pair check (all but consistency) on `p`.
    pub fn hits(&self, p: &Pair, cache: &mut SourceCache, hits: &mut Vec<Hit>) {
        let en = |id: &str| self.enabled(id);
        let (src, tgt, sl, tl) = (&p.source, &p.target, &*p.src_lang, &*p.lang);
        let start = hits.len();
        super::untranslated::check(src, tgt, &en, hits);
        if tgt.trim().is_empty() {
            return;
        }
        self.terminology.check(p, &en, cache, hits);
        super::numbers::check(src, sl, tgt, tl, &en, hits);
        let tm = |word: &str, source_words: &[String]| self.cooccurrence(p, word, source_words);
        super::punctuation::check(src, sl, tgt, tl, &en, &tm, hits);
        super::unicode::check(src, sl, tgt, tl, &en, hits);
        if en("length-ratio") {
            let expected = super::length::expected(sl, tl, &self.config.ratios);
            super::length::check(src, tgt, expected, self.config.tolerance, hits);
        }
        let markup = (p.source_markup.as_deref(), p.target_markup.as_deref());
        super::placeholders::check(src, tgt, markup, &en, hits);
        // One finding per thing wrong: a number the source has twice and
        // the target lacks is one (two alike findings are one alert in
        // SARIF, which cannot tell them apart).
        let found: Vec<Hit> = hits.drain(start..).collect();
        for h in found {
            if !hits[start..].contains(&h) {
                hits.push(h);
            }
        }
    }

    /// A hit on `p` as a finding (severity and location applied), or None
    /// when its check is disabled.
    pub fn finding(&self, p: &Pair, hit: Hit) -> Option<Finding> {
        let severity = self.config.severity(hit.check)?;
        let (mut line, mut column, mut span) = (p.line, p.column, None);
        if let Some(r) = &hit.span {
            let before = &p.target[..r.start];
            let start = before.chars().count();
            span = Some(Span {
                start,
                end: start + p.target[r.clone()].chars().count(),
            });
            if let (Some(l), Some(c)) = (p.line, p.column) {
                match before.rfind('\n') {
                    Some(nl) => {
                        line = Some(l + before.matches('\n').count());
                        column = Some(before[nl + 1..].chars().count() + 1);
                    }
                    None => column = Some(c + start),
                }
            }
        }
        Some(Finding {
            check: hit.check,
            severity,
            message: hit.message,
            document: p.document.clone(),
            unit: p.unit,
            src_lang: p.src_lang.clone(),
            lang: p.lang.clone(),
            line,
            column,
            span,
            source: p.source.clone(),
            target: p.target.clone(),
            source_with_codes: with_codes(&p.source, p.source_markup.as_deref()),
            target_with_codes: with_codes(&p.target, p.target_markup.as_deref()),
        })
    }

    /// Every finding of `p` (per-pair checks only), ignores applied.
    fn check_pair(
        &self,
        p: &Pair,
        cache: &mut SourceCache,
        out: &mut Vec<Finding>,
        ignored: &mut Vec<usize>,
    ) {
        let mut hits = Vec::new();
        self.hits(p, cache, &mut hits);
        self.collect(p, hits, out, ignored);
    }

    /// Findings of `hits`; those an ignore entry silences are counted in
    /// `ignored`, by entry.
    fn collect(&self, p: &Pair, hits: Vec<Hit>, out: &mut Vec<Finding>, ignored: &mut Vec<usize>) {
        for h in hits {
            if let Some(f) = self.finding(p, h) {
                if let Some(i) = self.config.ignored(&f) {
                    ignored.resize(self.config.ignores.len(), 0);
                    ignored[i] += 1;
                } else {
                    out.push(f);
                }
            }
        }
    }

    /// Add findings that come from outside the per-pair checks (a missing
    /// required language), with ignores applied.
    pub fn add(&self, report: &mut Report, p: &Pair, hit: Hit) {
        let mut ignored = Vec::new();
        self.collect(p, vec![hit], &mut report.findings, &mut ignored);
        report.count_ignored(&ignored);
    }
}

/// Pairs per batch handed to a worker.
const BATCH: usize = 2048;

type Batch = (usize, Vec<Pair>);

/// Check every pair `feed` gives, on `threads` threads (1: on this one).
/// The feed calls its argument once per pair, in order.
pub fn run(
    checker: &Checker,
    threads: usize,
    feed: impl FnOnce(&mut dyn FnMut(Pair) -> anyhow::Result<()>) -> anyhow::Result<()>,
) -> anyhow::Result<Report> {
    let mut consistency = Consistency::default();
    let en = |id: &str| checker.enabled(id);
    let mut report = Report::default();
    // Consistency findings, by batch number, put before the batch's own.
    let mut cross: Vec<Vec<Finding>> = Vec::new();
    let mut ignored = Vec::new();
    let mut observe = |p: &Pair, cross: &mut Vec<Finding>, ignored: &mut Vec<usize>| {
        let mut hits = Vec::new();
        consistency.observe(p, &en, &mut hits);
        checker.collect(p, hits, cross, ignored);
    };
    if threads <= 1 {
        let mut findings = Vec::new();
        let mut cache = SourceCache::default();
        feed(&mut |p: Pair| {
            report.pairs += 1;
            checker.check_pair(&p, &mut cache, &mut findings, &mut ignored);
            observe(&p, &mut findings, &mut ignored);
            Ok(())
        })?;
        report.findings = findings;
        report.count_ignored(&ignored);
        return Ok(report);
    }
    let (tx, rx) = mpsc::sync_channel::<Batch>(threads * 2);
    let rx = Arc::new(Mutex::new(rx));
    let (done_tx, done_rx) = mpsc::channel::<(usize, Vec<Finding>, Vec<usize>)>();
    let mut per_batch: Vec<Option<Vec<Finding>>> = Vec::new();
    std::thread::scope(|s| -> anyhow::Result<()> {
        for _ in 0..threads {
            let rx = Arc::clone(&rx);
            let done_tx = done_tx.clone();
            s.spawn(move || {
                let mut cache = SourceCache::default();
                loop {
                    let next = rx.lock().map(|r| r.recv());
                    let Ok(Ok((n, batch))) = next else { break };
                    let mut out = Vec::new();
                    let mut ign = Vec::new();
                    for p in &batch {
                        checker.check_pair(p, &mut cache, &mut out, &mut ign);
                    }
                    if done_tx.send((n, out, ign)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut batch: Vec<Pair> = Vec::with_capacity(BATCH);
        let mut n = 0;
        let mut current_cross = Vec::new();
        let result = feed(&mut |p: Pair| {
            report.pairs += 1;
            observe(&p, &mut current_cross, &mut ignored);
            batch.push(p);
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                cross.push(std::mem::take(&mut current_cross));
                tx.send((n, full))
                    .map_err(|_| anyhow::anyhow!("a QA worker thread stopped"))?;
                n += 1;
            }
            Ok(())
        });
        if !batch.is_empty() {
            cross.push(std::mem::take(&mut current_cross));
            let _ = tx.send((n, std::mem::take(&mut batch)));
        }
        drop(tx);
        for (i, out, ign) in done_rx.iter() {
            if per_batch.len() <= i {
                per_batch.resize_with(i + 1, || None);
            }
            per_batch[i] = Some(out);
            report.count_ignored(&ign);
        }
        result
    })?;
    let mut findings = Vec::new();
    for (i, b) in per_batch.into_iter().enumerate() {
        findings.extend(b.unwrap_or_default());
        if let Some(c) = cross.get_mut(i) {
            findings.append(c);
        }
    }
    report.findings = findings;
    report.count_ignored(&ignored);
    Ok(report)
}

/// `text` with its inline codes where they stand, when `markup` has any.
fn with_codes(text: &str, markup: Option<&str>) -> Option<String> {
    markup?;
    let shown = crate::lookup::with_codes(text, markup);
    (shown != crate::text::nfc(text)).then_some(shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(unit: i64, s: &str, t: &str) -> Pair {
        Pair {
            unit: Some(unit),
            document: None,
            src_lang: "en".into(),
            lang: "sq".into(),
            source: s.into(),
            target: t.into(),
            source_markup: None,
            target_markup: None,
            line: None,
            column: None,
        }
    }

    #[test]
    fn threads_give_the_same_report() {
        let checker = Checker::new(Config::default(), Glossary::default(), &["en", "sq"]);
        let pairs: Vec<Pair> = (0..5000)
            .map(|i| {
                pair(
                    i,
                    &format!("There were {} soldiers.", i % 7),
                    &format!("Kishte {} ushtarë", i % 5),
                )
            })
            .collect();
        let go = |threads| {
            run(&checker, threads, |f| {
                for p in pairs.clone() {
                    f(p)?;
                }
                Ok(())
            })
            .unwrap()
        };
        let (a, b) = (go(1), go(3));
        assert_eq!(a.pairs, 5000);
        let key = |r: &Report| {
            let mut v: Vec<(Option<i64>, &str)> =
                r.findings.iter().map(|f| (f.unit, f.check)).collect();
            v.sort();
            v
        };
        assert_eq!(key(&a), key(&b));
        assert!(a.findings.iter().any(|f| f.check == "inconsistent-target"));
    }
}

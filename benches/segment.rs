//! Segmentation throughput on real text, against a naive baseline measured in the
//! same run (split after ". ", "? ", "! ").
//!
//! Input: the texts of `../shared/bench/segment/ud_hr_set.jsonl` and
//! `ud_sr_set.jsonl` (Croatian and Serbian news, CC BY-SA 4.0), one paragraph each;
//! a file given as the first argument replaces them (one paragraph a line,
//! language from `--lang`, default `en`).
//!
//! Run: `cargo bench --bench segment` (release build, no harness).

use std::hint::black_box;
use std::time::{Duration, Instant};

/// The input: (language, paragraphs).
fn corpus() -> Vec<(String, Vec<String>)> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let Some(path) = args.iter().find(|a| !a.starts_with("--")) {
        let lang = args
            .iter()
            .position(|a| a == "--lang")
            .and_then(|i| args.get(i + 1))
            .cloned()
            .unwrap_or_else(|| "en".into());
        let text = std::fs::read_to_string(path).expect("cannot read the input file");
        return vec![(lang, text.lines().map(str::to_string).collect())];
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/bench/segment/");
    ["ud_hr_set.jsonl", "ud_sr_set.jsonl"]
        .iter()
        .map(|file| {
            let data = std::fs::read_to_string(format!("{dir}{file}"))
                .unwrap_or_else(|e| panic!("cannot read {dir}{file}: {e}"));
            let mut lang = String::new();
            let paras = data
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .map(|v| {
                    lang = v["lang"].as_str().unwrap_or("en").to_string();
                    v["text"].as_str().unwrap_or("").to_string()
                })
                .collect();
            (lang, paras)
        })
        .collect()
}

/// The baseline: a break after every ". ", "? " or "! ".
fn naive(text: &str) -> usize {
    let b = text.as_bytes();
    let mut n = 1;
    for i in 1..b.len() {
        if b[i] == b' ' && matches!(b[i - 1], b'.' | b'?' | b'!') {
            n += 1;
        }
    }
    n
}

/// Mean seconds per pass over `paras`, and the sentence count.
fn time<F: Fn(&str) -> usize>(paras: &[String], f: F) -> (f64, usize) {
    let mut sentences = 0;
    for p in paras {
        sentences += f(p);
    }
    let mut runs = 0u32;
    let start = Instant::now();
    while runs < 20 || start.elapsed() < Duration::from_secs(2) {
        for p in paras {
            black_box(f(black_box(p)));
        }
        runs += 1;
    }
    (start.elapsed().as_secs_f64() / f64::from(runs), sentences)
}

fn main() {
    for (lang, paras) in corpus() {
        let bytes: usize = paras.iter().map(String::len).sum();
        let mb = bytes as f64 / 1e6;
        let (t_tm, n_tm) = time(&paras, |p| tm::segment::split(p, &lang).len());
        let keep = tm::segment::Options {
            quotations: tm::segment::Quotations::Keep,
        };
        let (t_keep, n_keep) = time(&paras, |p| tm::segment::split_with(p, &lang, keep).len());
        let (t_naive, n_naive) = time(&paras, naive);
        println!(
            "segment {lang:<8} {:>7.0} KB  tm {:>7.1} MB/s ({n_tm} sentences)  tm --quotations keep {:>7.1} MB/s ({n_keep})  naive \". \" {:>7.1} MB/s ({n_naive})  tm/naive {:.2}",
            bytes as f64 / 1e3,
            mb / t_tm,
            mb / t_keep,
            mb / t_naive,
            t_naive / t_tm
        );
    }
}

//! Glossary recognition benchmark: `Recogniser::find` over about 1 MB of
//! text per language (the sample article repeated), beside two baselines
//! measured in the same run:
//! - naive: the same folding, then every word compared with every term's
//!   first stem (no automaton) — what the automaton saves;
//! - exact: Aho–Corasick over the raw text with the terms as written — the
//!   floor (no folding, no inflection, no scripts).
//!
//! ```text
//! cargo bench --bench glossary
//! ```
//!
//! Times are the median of 5 runs, glossary already loaded.

use std::path::Path;
use std::time::{Duration, Instant};

use aho_corasick::AhoCorasick;
use tm::glossary::{Glossary, GlossaryFile, Recogniser, lang_matches};

const TARGET_BYTES: usize = 1 << 20;

fn median(mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut times = Vec::new();
    let mut n = 0;
    for _ in 0..5 {
        let t = Instant::now();
        n = std::hint::black_box(f());
        times.push(t.elapsed());
    }
    times.sort();
    (times[2], n)
}

fn naive(g: &Glossary, lang: &str, text: &str) -> usize {
    let stems: Vec<String> = g
        .concepts
        .iter()
        .flat_map(|c| c.terms.iter())
        .filter(|t| lang_matches(&t.lang, lang))
        .filter_map(|t| tm::text::words(&t.text).first().map(|w| tm::text::fold(w)))
        .map(|w| {
            w.chars()
                .take(w.chars().count().saturating_sub(1).max(1))
                .collect()
        })
        .collect();
    let mut hits = 0;
    for w in tm::text::words(text) {
        let f = tm::text::fold(w);
        hits += stems.iter().filter(|s| f.starts_with(s.as_str())).count();
    }
    hits
}

/// The glossary plus `n` made-up two-word names in every language of `langs`
/// (a big glossary, where the automaton matters).
fn grown(g: &Glossary, n: usize, langs: &[&str]) -> Glossary {
    let mut g = g.clone();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut word = |len: usize| {
        let mut w = String::new();
        for i in 0..len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let c = (b'a' + (seed % 26) as u8) as char;
            w.push(if i == 0 { c.to_ascii_uppercase() } else { c });
        }
        w
    };
    for i in 0..n {
        let text = format!("{} {}", word(6), word(8));
        g.concepts.push(tm::glossary::Concept {
            id: format!("synthetic-{i}"),
            kind: "person".into(),
            note: None,
            terms: langs
                .iter()
                .map(|l| tm::glossary::Term {
                    lang: l.to_string(),
                    text: text.clone(),
                    status: tm::glossary::Status::Preferred,
                    case_sensitive: false,
                    exact_only: false,
                    note: None,
                })
                .collect(),
        });
    }
    g
}

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let real = GlossaryFile::load(&root.join("glossaries/proper-nouns.toml"))?.glossary;
    let big = grown(&real, 10_000, &["sq", "sr-Latn", "en"]);
    for (name, g) in [
        ("proper-nouns.toml", &real),
        ("+10,000 synthetic names", &big),
    ] {
        println!("\nglossary: {name}");
        run(g, root)?;
    }
    Ok(())
}

fn run(g: &Glossary, root: &Path) -> anyhow::Result<()> {
    println!(
        "{:<8} {:>9} {:>10} {:>9} {:>12} {:>12} {:>12}",
        "lang", "bytes", "found", "build", "find", "naive", "exact AC"
    );
    for lang in ["sq", "sr-Latn", "sr-Cyrl", "en"] {
        let article =
            std::fs::read_to_string(root.join(format!("examples/nato-kosovo/{lang}.txt")))?;
        let mut text = String::with_capacity(TARGET_BYTES + article.len());
        while text.len() < TARGET_BYTES {
            text.push_str(&article);
            text.push('\n');
        }
        let t = Instant::now();
        let rec = Recogniser::new(g, lang);
        let build = t.elapsed();
        let (find, found) = median(|| rec.find(&text).len());
        let (naive_t, _) = median(|| naive(g, lang, &text));
        let exact_terms: Vec<&str> = g
            .concepts
            .iter()
            .flat_map(|c| c.terms.iter())
            .filter(|t| lang_matches(&t.lang, lang))
            .map(|t| t.text.as_str())
            .collect();
        let ac = AhoCorasick::new(&exact_terms)?;
        let (exact_t, _) = median(|| ac.find_iter(&text).count());
        println!(
            "{:<8} {:>9} {:>10} {:>7.1}ms {:>10.1}ms {:>10.1}ms {:>10.1}ms",
            lang,
            text.len(),
            found,
            build.as_secs_f64() * 1e3,
            find.as_secs_f64() * 1e3,
            naive_t.as_secs_f64() * 1e3,
            exact_t.as_secs_f64() * 1e3
        );
    }
    Ok(())
}

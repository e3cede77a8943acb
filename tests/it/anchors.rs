//! Glossary anchors in `tm align`: the workspace glossary is used by
//! default, `--no-glossary` gives the old alignment, `--glossary FILE` picks
//! another file, and a malformed glossary is an error naming file:line.
//! Data: `tests/data/anchors/` (held-out sentences, see its README).

use std::collections::BTreeSet;

use crate::workdir::{Workdir, repo_file};

/// A workspace with the held-out texts and the repository's glossary at
/// its default place.
fn workspace() -> Workdir {
    let w = Workdir::new();
    for f in [
        "en.txt",
        "sq.txt",
        "sr-Latn.txt",
        "en-sq.beads",
        "en-sr-Latn.beads",
    ] {
        w.copy_from_repo(&format!("tests/data/anchors/{f}"), f);
    }
    w.copy_from_repo(
        "glossaries/proper-nouns.toml",
        "glossaries/proper-nouns.toml",
    );
    w
}

fn bead_set(text: &str) -> BTreeSet<String> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<String>())
        .filter(|l| !l.is_empty())
        .collect()
}

fn beads(w: &Workdir, tgt: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "align",
        "en.txt",
        tgt,
        "--segmented",
        "--dry-run",
        "--format",
        "beads",
    ];
    args.extend(extra);
    w.run(&args).expect(0).stdout
}

/// Strict F1 of a bead file against the gold, by `tm eval align`.
fn strict_f1(w: &Workdir, gold: &str, test: &str) -> f64 {
    w.write("test.beads", test);
    let r = w
        .run(&["eval", "align", "--format", "json", gold, "test.beads"])
        .expect(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    v["total"]["strict"]["f1"].as_f64().unwrap()
}

#[test]
fn the_glossary_fixes_omissions_that_spelling_cannot_see() {
    let w = workspace();
    // The Serbian omission (one sentence of 13) is found without the
    // glossary too, since the length model leans on the pair's usual
    // length ratio (`Config::ratio_prior_chars`); the Albanian ones are not.
    for (lang, needed) in [("sq", true), ("sr-Latn", false)] {
        let gold_file = format!("en-{lang}.beads");
        let gold = bead_set(&String::from_utf8(w.read(&gold_file)).unwrap());
        let tgt = format!("{lang}.txt");
        let with = beads(&w, &tgt, &[]);
        let without = beads(&w, &tgt, &["--no-glossary"]);
        // The default glossary is the one at glossaries/proper-nouns.toml.
        assert_eq!(
            with,
            beads(&w, &tgt, &["--glossary", "glossaries/proper-nouns.toml"])
        );
        assert_eq!(bead_set(&with), gold, "en-{lang} with the glossary");
        let (f_with, f_without) = (
            strict_f1(&w, &gold_file, &with),
            strict_f1(&w, &gold_file, &without),
        );
        if needed {
            assert_ne!(bead_set(&without), gold, "en-{lang} without the glossary");
            assert!(f_with > f_without, "en-{lang}: {f_with} vs {f_without}");
        } else {
            assert_eq!(bead_set(&without), gold, "en-{lang} without the glossary");
        }
    }
}

#[test]
fn no_glossary_file_means_no_anchors() {
    let w = workspace();
    let with = beads(&w, "sq.txt", &[]);
    let without = beads(&w, "sq.txt", &["--no-glossary"]);
    std::fs::remove_file(w.path("glossaries/proper-nouns.toml")).unwrap();
    // No default file: aligned as with --no-glossary.
    assert_eq!(beads(&w, "sq.txt", &[]), without);
    // The same glossary elsewhere, named.
    w.copy_from_repo("glossaries/proper-nouns.toml", "other.toml");
    assert_eq!(beads(&w, "sq.txt", &["--glossary", "other.toml"]), with);
}

#[test]
fn the_sample_keeps_its_gold_beads_with_the_glossary() {
    let w = workspace();
    for lang in ["sq", "sr-Latn", "sr-Cyrl"] {
        for f in ["en", lang] {
            w.copy_from_repo(
                &format!("examples/nato-kosovo/{f}.txt"),
                &format!("nato-kosovo/{f}.txt"),
            );
        }
        let r = w
            .run(&[
                "align",
                "nato-kosovo/en.txt",
                &format!("nato-kosovo/{lang}.txt"),
                "--dry-run",
                "--format",
                "beads",
            ])
            .expect(0);
        let gold = std::fs::read_to_string(repo_file(&format!(
            "examples/nato-kosovo/gold/en-{lang}.beads"
        )))
        .unwrap();
        assert_eq!(bead_set(&r.stdout), bead_set(&gold), "en-{lang}");
    }
}

#[test]
fn the_sample_without_paragraphs_keeps_its_gold_beads() {
    // One paragraph per file: the aligner cannot lean on paragraphs, and a
    // name said in one sentence and replaced by "he" in its translation
    // ("…, he said." / "…, rekao je Stoltenberg.") must not pull the
    // neighbours into one bead.
    let w = workspace();
    let flat = |f: &str| {
        let text =
            std::fs::read_to_string(repo_file(&format!("examples/nato-kosovo/{f}.txt"))).unwrap();
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        w.write(&format!("flat/{f}.txt"), lines.join(" "));
    };
    flat("en");
    for lang in ["sq", "sr-Latn", "sr-Cyrl"] {
        flat(lang);
        let tgt = format!("flat/{lang}.txt");
        for extra in [&[][..], &["--no-glossary"][..]] {
            let mut args = vec![
                "align",
                "flat/en.txt",
                &tgt,
                "--dry-run",
                "--format",
                "beads",
            ];
            args.extend(extra);
            let r = w.run(&args).expect(0);
            let gold = std::fs::read_to_string(repo_file(&format!(
                "examples/nato-kosovo/gold/en-{lang}.beads"
            )))
            .unwrap();
            assert_eq!(bead_set(&r.stdout), bead_set(&gold), "en-{lang} {extra:?}");
        }
    }
}

#[test]
fn a_malformed_or_missing_glossary_is_an_error() {
    let w = workspace();
    w.write(
        "glossaries/proper-nouns.toml",
        "[[concept]]\nid = \"x\"\ntype = \"plac\"\nen = [\"X\"]\n",
    );
    for extra in [&[][..], &["--glossary", "glossaries/proper-nouns.toml"][..]] {
        let mut args = vec!["align", "en.txt", "sq.txt", "--segmented", "--dry-run"];
        args.extend(extra);
        let r = w.run(&args).expect(2);
        assert!(
            r.stderr
                .contains("glossaries/proper-nouns.toml:3:8: unknown type `plac`"),
            "{}",
            r.stderr
        );
    }
    // --no-glossary does not read it.
    w.run(&[
        "align",
        "en.txt",
        "sq.txt",
        "--segmented",
        "--dry-run",
        "--no-glossary",
    ])
    .expect(0);
    let r = w
        .run(&[
            "align",
            "en.txt",
            "sq.txt",
            "--dry-run",
            "--glossary",
            "missing.toml",
        ])
        .expect(2);
    assert!(r.stderr.contains("missing.toml"), "{}", r.stderr);
    // Nothing was stored by the failed runs.
    assert!(!w.path("memory/tm.sqlite").exists());
}

#[test]
fn diff_takes_the_glossary_flags() {
    let w = workspace();
    let r = w.run(&["diff", "--help"]).expect(0);
    assert!(r.stdout.contains("--no-glossary"), "{}", r.stdout);
    w.run(&["align", "en.txt", "sq.txt"]).expect(0);
    // A malformed explicit glossary stops the diff before it compares.
    w.write("bad.toml", "[[concept]\n");
    let r = w
        .run(&["diff", "en.txt", "sq.txt", "--glossary", "bad.toml"])
        .expect(2);
    assert!(r.stderr.contains("bad.toml:1"), "{}", r.stderr);
}

/// The units of one document teach the aligner of the next of the same
/// language pair: `tm align` learns its lexicon from the TM's confident
/// one-to-one beads of other documents, and `--no-tm-lexicon` turns it off.
#[test]
fn the_tm_seeds_the_lexicon_of_the_next_document() {
    let w = workspace();
    for f in ["en.txt", "sq.txt"] {
        w.copy_from_repo(&format!("examples/nato-kosovo/{f}"), &format!("sample/{f}"));
    }
    let lexicon_pairs = |args: &[&str]| -> Vec<u64> {
        let r = w.run(args).expect(0);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        v["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["lexicon_pairs"].as_u64().unwrap())
            .collect()
    };
    let align = [
        "align",
        "sample/en.txt",
        "sample/sq.txt",
        "--format",
        "json",
    ];
    // An empty TM teaches nothing, and a document never learns from itself.
    assert_eq!(lexicon_pairs(&align), [0]);
    assert_eq!(lexicon_pairs(&align), [0]);
    let next = [
        "align",
        "en.txt",
        "sq.txt",
        "sr-Latn.txt",
        "--segmented",
        "--dry-run",
        "--format",
        "json",
    ];
    let learned = lexicon_pairs(&next);
    // The sample's confident 1-1 beads, for en → sq only.
    assert!(learned[0] >= 10, "{learned:?}");
    assert_eq!(learned[1], 0, "{learned:?}");
    let mut off = next.to_vec();
    off.push("--no-tm-lexicon");
    assert_eq!(lexicon_pairs(&off), [0, 0]);
    // With the lexicon the held-out text still aligns to its gold.
    let test = beads(&w, "sq.txt", &[]);
    assert_eq!(strict_f1(&w, "en-sq.beads", &test), 1.0);
}

/// Units imported from another tool (TMX, CSV) teach the aligner too, but
/// only when no aligned document fills the lexicon's quota.
#[test]
fn imported_units_seed_the_lexicon() {
    let w = workspace();
    w.write(
        "legacy.tsv",
        "en\tsq\nThe house is big.\tShtëpia është e madhe.\n\
         The car is old.\tMakina është e vjetër.\n\
         Prishtina is the capital.\tPrishtina është kryeqyteti.\n",
    );
    w.run(&["import", "legacy.tsv"]).expect(0);
    let r = w
        .run(&[
            "align",
            "en.txt",
            "sq.txt",
            "--segmented",
            "--dry-run",
            "--format",
            "json",
        ])
        .expect(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["pairs"][0]["lexicon_pairs"], 3, "{}", r.stdout);
}

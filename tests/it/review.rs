//! `tm align --review` and `--html`: the weak beads of an alignment, where a
//! human should look. A translation with a sentence dropped (the bundled
//! sample, one Albanian paragraph removed) must produce a low-confidence bead
//! that holds the English sentence left without a translation; the intact
//! sample has none.

use crate::workdir::Workdir;

/// The English sentence whose translation is dropped (line 7 of sq.txt).
const DROPPED_EN: &str = "The Secretary General of NATO emphasized that the parties should choose diplomacy instead of violence.";

fn workspace() -> Workdir {
    let w = Workdir::new();
    w.copy_from_repo("examples/nato-kosovo/en.txt", "en.txt");
    w.copy_from_repo("examples/nato-kosovo/sq.txt", "sq.txt");
    let sq = String::from_utf8(w.read("sq.txt")).unwrap();
    let dropped: Vec<&str> = sq
        .lines()
        .filter(|l| !l.starts_with("Sekretari i Përgjithshëm i NATO-s theksoi"))
        .collect();
    assert_eq!(dropped.len() + 1, sq.lines().count());
    w.write("drop.sq.txt", dropped.join("\n") + "\n");
    w
}

fn review(w: &Workdir, tgt: &str, extra: &[&str], code: i32) -> String {
    let mut args = vec![
        "align",
        "en.txt",
        tgt,
        "--dry-run",
        "--no-glossary",
        "--review",
    ];
    args.extend(extra);
    w.run(&args).expect(code).stdout
}

#[test]
fn the_intact_sample_has_no_weak_beads() {
    let w = workspace();
    let out = review(&w, "sq.txt", &[], 0);
    assert!(
        out.contains("0 of 20 beads to review (confidence below 0.60, or no counterpart)"),
        "{out}"
    );
}

#[test]
fn a_dropped_sentence_is_listed_with_its_context() {
    let w = workspace();
    let out = review(&w, "drop.sq.txt", &[], 1);
    assert!(
        out.contains("beads to review (confidence below 0.60, or no counterpart)"),
        "{out}"
    );
    // The bead holding the orphaned sentence, marked `>`, with the sentence
    // before it on the English side as context.
    let at = out
        .find(DROPPED_EN)
        .expect("the dropped sentence is listed");
    let line_start = out[..at].rfind('\n').unwrap();
    assert!(out[line_start..at].contains("en > "), "{out}");
    assert!(
        out.contains("However, Belgrade denies any connection with the attack."),
        "{out}"
    );

    let json = review(&w, "drop.sq.txt", &["--format", "json"], 1);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["review_below"], 0.6);
    let weak = v["pairs"][0]["weak"].as_array().unwrap();
    let hit = weak
        .iter()
        .find(|b| b["src_text"].as_str().unwrap().contains(DROPPED_EN))
        .expect("a weak bead holds the dropped sentence");
    // A sentence with no counterpart is listed however sure the aligner is.
    assert!(hit["tgt"].as_array().unwrap().is_empty(), "{hit}");
    assert_eq!(
        hit["src_before"],
        "However, Belgrade denies any connection with the attack."
    );
    for key in ["src_after", "tgt_before", "tgt_after"] {
        assert!(hit[key].is_string(), "{key}: {hit}");
    }

    // JSON Lines: one object per weak bead, the same beads.
    let jsonl = review(&w, "drop.sq.txt", &["--format", "jsonl"], 1);
    assert_eq!(jsonl.lines().count(), weak.len());

    // A threshold of 0 lists only the sentence without a counterpart; a
    // threshold outside [0, 1] is an error.
    let null = review(&w, "drop.sq.txt", &["--review-below", "0"], 1);
    assert!(
        null.contains("1 of ") && null.contains(DROPPED_EN),
        "{null}"
    );
    w.run(&[
        "align",
        "en.txt",
        "drop.sq.txt",
        "--dry-run",
        "--review",
        "--review-below",
        "1.5",
    ])
    .expect(2);
}

#[test]
fn the_html_page_highlights_the_weak_beads() {
    let w = workspace();
    w.run(&[
        "align",
        "en.txt",
        "drop.sq.txt",
        "--dry-run",
        "--no-glossary",
        "--html",
        "review.html",
    ])
    .expect(0);
    let html = String::from_utf8(w.read("review.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<link") && !html.contains("src=\"http"));
    let weak_rows: Vec<&str> = html
        .lines()
        .filter(|l| l.starts_with("<tr class=\"bead weak\""))
        .collect();
    assert!(!weak_rows.is_empty(), "{html}");
    assert!(
        weak_rows
            .iter()
            .any(|r| r.contains("choose diplomacy instead of violence")),
        "{weak_rows:#?}"
    );
    // Every bead is a row: 20 beads (the orphaned sentence is a 1-0 bead),
    // as in --review's count.
    assert_eq!(html.matches("<tr class=\"bead").count(), 20);
    // Text is escaped: the quotes of the sample come out as entities.
    assert!(html.contains("&quot;NATO strongly supports"), "{html}");
}

/// `tm review DOC` shows the same weak beads from the TM as `tm align
/// --review` did from the files, with no input file at hand.
#[test]
fn tm_review_reads_the_weak_beads_of_a_stored_document() {
    let w = workspace();
    w.run(&[
        "align",
        "en.txt",
        "drop.sq.txt",
        "--tgt-lang",
        "sq",
        "--doc",
        "article",
        "--no-glossary",
    ])
    .expect(0);
    let from_files = review(
        &w,
        "drop.sq.txt",
        &["--tgt-lang", "sq", "--doc", "article"],
        1,
    );
    let stored = w.run(&["review", "article"]).expect(1).stdout;
    assert_eq!(stored, from_files);
    assert!(stored.contains(DROPPED_EN), "{stored}");
    let json = w
        .run(&["review", "article", "--format", "json"])
        .expect(1)
        .stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(!v["pairs"][0]["weak"].as_array().unwrap().is_empty());
    // Nothing below 0.01, but the dropped sentence is still listed: exit 1;
    // the HTML page is written either way.
    let out = w
        .run(&["review", "article", "--below", "0.01", "--html", "a.html"])
        .expect(1)
        .stdout;
    assert!(out.contains(DROPPED_EN), "{out}");
    assert!(
        String::from_utf8(w.read("a.html"))
            .unwrap()
            .contains("<html")
    );
    // Errors: unknown document, a language it was not aligned into.
    let e = w.run(&["review", "nope"]).expect(2).stderr;
    assert!(e.contains("no document named 'nope'"), "{e}");
    let e = w
        .run(&["review", "article", "--lang", "de"])
        .expect(2)
        .stderr;
    assert!(e.contains("no stored alignment into de"), "{e}");
}

/// `tm review` with no document: every aligned document, only those with
/// weak beads listed, then a count; a clean workspace exits 0.
#[test]
fn tm_review_without_a_document_checks_the_whole_workspace() {
    let w = workspace();
    // The dropped one first: aligned after the intact one, it would learn
    // from it (the TM lexicon) and hold no bead below 0.6.
    for (tgt, doc) in [("drop.sq.txt", "dropped"), ("sq.txt", "intact")] {
        w.run(&[
            "align",
            "en.txt",
            tgt,
            "--tgt-lang",
            "sq",
            "--doc",
            doc,
            "--no-glossary",
        ])
        .expect(0);
    }
    let out = w.run(&["review"]).expect(1).stdout;
    assert!(out.contains(DROPPED_EN), "{out}");
    assert!(out.contains("dropped en → sq"), "{out}");
    assert!(!out.contains("intact en → sq"), "{out}");
    let last = out.lines().last().unwrap();
    assert!(
        last.ends_with("in 1 of 2 documents") && last.contains("weak bead"),
        "{out}"
    );
    // JSON: one document, counts; JSON Lines: each weak bead names its document.
    let v: serde_json::Value =
        serde_json::from_str(&w.run(&["review", "--format", "json"]).expect(1).stdout).unwrap();
    assert_eq!(v["documents_checked"], 2);
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
    assert_eq!(v["documents"][0]["document"], "dropped");
    let jsonl = w.run(&["review", "--format", "jsonl"]).expect(1).stdout;
    for line in jsonl.lines() {
        let b: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(b["document"], "dropped");
    }
    // Below 0.01 only the dropped sentence is left to look at; the intact
    // document alone passes.
    let out = w.run(&["review", "--below", "0.01"]).expect(1).stdout;
    assert!(
        out.contains("1 weak bead (") && out.contains(DROPPED_EN),
        "{out}"
    );
    w.run(&["review", "intact"]).expect(0);
    // --html needs a document; a language no alignment goes into is an
    // error, not a clean pass.
    w.run(&["review", "--html", "all.html"]).expect(2);
    let e = w.run(&["review", "--lang", "sr"]).expect(2).stderr;
    assert!(
        e.contains("no document has a stored alignment into sr") && e.contains("go into: sq"),
        "{e}"
    );
}

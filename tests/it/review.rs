//! `tm align --review` and `--html`: the weak beads of an alignment, where a
//! human should look. A translation with a sentence dropped (the bundled
//! sample, one Albanian paragraph removed) must produce a low-confidence bead
//! that holds the English sentence left without a translation; the intact
//! sample has none. A sentence added in the translation and glued to its
//! neighbour must be listed too, with the reason.

use crate::workdir::{Workdir, repo_file};

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

/// The intact sample has no bead of low confidence and no sentence
/// without a counterpart. (It may have a correct 1-2 bead listed for a
/// sentence nothing translates: Model 1, learned from this article of 20
/// sentences alone, knows few of the words of a sentence the translator
/// split off; README, *Review*.)
#[test]
fn the_intact_sample_has_no_weak_beads() {
    let w = workspace();
    let json = review_any(&w, "sq.txt", &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["pairs"][0]["beads"], 20, "{v:#}");
    for b in v["pairs"][0]["weak"].as_array().unwrap() {
        assert!(b["confidence"].as_f64().unwrap() >= 0.6, "{b:#}");
        assert!(!b["src"].as_array().unwrap().is_empty(), "{b:#}");
        assert!(!b["tgt"].as_array().unwrap().is_empty(), "{b:#}");
        assert!(!b["unsupported"].as_array().unwrap().is_empty(), "{b:#}");
    }
    let out = review_any(&w, "sq.txt", &[]);
    assert!(
        out.contains(
            " of 20 beads to review (confidence below 0.60, no counterpart, a sentence nothing translates, or a translation that may be in a nearby bead)"
        ),
        "{out}"
    );
}

/// `review`, whatever the exit code (0 or 1).
fn review_any(w: &Workdir, tgt: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "align",
        "en.txt",
        tgt,
        "--dry-run",
        "--no-glossary",
        "--review",
    ];
    args.extend(extra);
    let r = w.run(&args);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    r.stdout
}

#[test]
fn a_dropped_sentence_is_listed_with_its_context() {
    let w = workspace();
    let out = review(&w, "drop.sq.txt", &[], 1);
    assert!(
        out.contains(
            "beads to review (confidence below 0.60, no counterpart, a sentence nothing translates, or a translation that may be in a nearby bead)"
        ),
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

    // A threshold of 0 lists no bead for its confidence: the sentence
    // without a counterpart is still listed (and a sentence nothing
    // translates would be); a threshold outside [0, 1] is an error.
    let null = review(&w, "drop.sq.txt", &["--review-below", "0"], 1);
    assert!(null.contains(DROPPED_EN), "{null}");
    let v: serde_json::Value = serde_json::from_str(&review(
        &w,
        "drop.sq.txt",
        &["--review-below", "0", "--format", "json"],
        1,
    ))
    .unwrap();
    for b in v["pairs"][0]["weak"].as_array().unwrap() {
        let empty = |side: &str| b[side].as_array().unwrap().is_empty();
        let unsupported = !b["unsupported"].as_array().unwrap().is_empty();
        assert!(empty("src") || empty("tgt") || unsupported, "{b:#}");
        assert!(!b["reason"].as_str().unwrap().contains("unsure"), "{b:#}");
    }
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
    // A short article with nothing to review beside the sample with a
    // sentence dropped.
    w.write("short.en.txt", "The first sentence. The second one.\n");
    w.write("short.sq.txt", "Fjalia e parë. E dyta.\n");
    for (src, tgt, doc) in [
        ("en.txt", "drop.sq.txt", "dropped"),
        ("short.en.txt", "short.sq.txt", "intact"),
    ] {
        w.run(&[
            "align",
            src,
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
    // Below 0.01 the dropped sentence is still to look at; the intact
    // document alone passes.
    let out = w.run(&["review", "--below", "0.01"]).expect(1).stdout;
    assert!(
        out.contains(DROPPED_EN) && out.ends_with("in 1 of 2 documents\n"),
        "{out}"
    );
    w.run(&["review", "intact"]).expect(0);
    // --html without a document: one page of the pairs with weak beads,
    // each whole, headed by its document; the text output is unchanged.
    let out = w.run(&["review", "--html", "all.html"]).expect(1).stdout;
    assert!(out.contains(DROPPED_EN), "{out}");
    let html = String::from_utf8(w.read("all.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<h2>dropped: en → sq</h2>"), "{html}");
    assert!(!html.contains("intact"), "{html}");
    assert_eq!(html.matches("<tr class=\"bead").count(), 20, "{html}");
    assert!(
        html.contains("choose diplomacy instead of violence"),
        "{html}"
    );
    // Nothing to review: a page that says so, exit 0.
    w.run(&["review", "intact", "--html", "one.html"]).expect(0);
    let clean = w.run(&[
        "review",
        "--below",
        "0",
        "--lang",
        "sq",
        "--html",
        "none.html",
    ]);
    let html = String::from_utf8(w.read("none.html")).unwrap();
    assert!(html.contains("2 documents checked"), "{html}");
    assert_eq!(html.contains("<tr class=\"bead"), clean.code == 1, "{html}");
    // A language no alignment goes into is an error, not a clean pass.
    let e = w.run(&["review", "--lang", "sr"]).expect(2).stderr;
    assert!(
        e.contains("no document has a stored alignment into sr") && e.contains("go into: sq"),
        "{e}"
    );
}

/// The sentence added to the Serbian of [`ntrex_with_a_short_addition`].
pub(crate) const ADDED: &str = "Javno tužilaštvo će razmotriti navedene optužbe.";

/// News of NTREX-128 (`tests/data/qa/ntrex`: lines 851–1150 of the test
/// set, CC BY-SA 4.0, see its README), document `reuters.218933` (11
/// lines) in English and Serbian (Latin script) as articles, `en.txt` and
/// `sr-Latn.txt`: the headline a paragraph of its own, then paragraphs of
/// three lines. Into the Serbian's third paragraph, after its second line,
/// goes a short sentence of another document of the sample (its line 14,
/// six words, [`ADDED`]): an addition, in running text, that nothing in
/// the English translates.
pub(crate) fn ntrex_with_a_short_addition(w: &Workdir) {
    let lines = |lang: &str| -> Vec<String> {
        let text =
            std::fs::read_to_string(repo_file(&format!("tests/data/qa/ntrex/{lang}.txt"))).unwrap();
        text.lines().map(str::to_string).collect()
    };
    let docs = lines("documents");
    let doc: Vec<usize> = (0..docs.len())
        .filter(|&i| docs[i] == "reuters.218933")
        .collect();
    assert_eq!(doc.len(), 11);
    let article = |lang: &str, added: Option<(usize, &str)>| -> String {
        let all = lines(lang);
        let mut paragraphs: Vec<Vec<&str>> = vec![vec![all[doc[0]].as_str()]];
        for chunk in doc[1..].chunks(3) {
            paragraphs.push(chunk.iter().map(|&i| all[i].as_str()).collect());
        }
        if let Some((after, line)) = added {
            let (p, k) = (1 + (after - 1) / 3, (after - 1) % 3);
            paragraphs[p].insert(k + 1, line);
        }
        let text: Vec<String> = paragraphs.iter().map(|p| p.join(" ")).collect();
        text.join("\n\n") + "\n"
    };
    let sr = lines("sr-Latn");
    assert_eq!(sr[13], ADDED);
    assert!(!doc.contains(&13));
    w.write("en.txt", article("en", None));
    w.write("sr-Latn.txt", article("sr-Latn", Some((8, ADDED))));
}

/// An added sentence too short for the aligner's support charge is glued
/// to its neighbour in a bead the aligner is sure of; review lists the
/// bead anyway, saying which sentence nothing in the English translates
/// (text, JSON), and `tm review` says the same from the TM.
#[test]
fn a_short_added_sentence_glued_to_its_neighbour_is_listed_with_the_reason() {
    let w = Workdir::new();
    ntrex_with_a_short_addition(&w);
    let args = [
        "align",
        "en.txt",
        "sr-Latn.txt",
        "--doc",
        "reuters",
        "--no-glossary",
        "--review",
    ];
    let dry = |extra: &[&str]| {
        let mut a = args.to_vec();
        a.push("--dry-run");
        a.extend(extra);
        w.run(&a).expect(1).stdout
    };
    let v: serde_json::Value = serde_json::from_str(&dry(&["--format", "json"])).unwrap();
    let weak = v["pairs"][0]["weak"].as_array().unwrap();
    let hit = weak
        .iter()
        .find(|b| b["tgt_text"].as_str().unwrap().contains(ADDED))
        .unwrap_or_else(|| panic!("no weak bead holds the added sentence: {v:#}"));
    // Glued to the sentence before it, and the aligner is sure of the bead.
    let tgt = hit["tgt"].as_array().unwrap();
    assert_eq!(tgt.len(), 2, "{hit}");
    assert!(hit["confidence"].as_f64().unwrap() >= 0.6, "{hit}");
    let added = tgt[1].as_u64().unwrap();
    assert_eq!(
        hit["unsupported"],
        serde_json::json!([{"side": "tgt", "sentence": added}])
    );
    let why = format!(
        "sr-Latn sentence {added} (“Javno tužilaštvo će razmotriti navedene…”) \
         has nothing in en that translates it"
    );
    assert!(hit["reason"].as_str().unwrap().starts_with(&why), "{hit}");
    // Every weak bead says why.
    for b in weak {
        assert!(!b["reason"].as_str().unwrap().is_empty(), "{b}");
    }

    let text = dry(&[]);
    assert!(text.contains(&format!("  why: {why}")), "{text}");
    assert!(
        text.contains("(confidence below 0.60, no counterpart, a sentence nothing translates, or a translation that may be in a nearby bead)"),
        "{text}"
    );

    // Stored, then reviewed from the TM: the same.
    let mut store = args.to_vec();
    store.retain(|a| *a != "--review");
    w.run(&store).expect(0);
    let stored = w.run(&["review", "reuters"]).expect(1);
    assert_eq!(stored.stdout, text);
    assert_eq!(stored.stderr, "");
}

/// Hebrew (right to left) beside English in every HTML page: each text
/// cell says its direction (`dir="rtl"`, `dir="ltr"`), sentence numbers
/// and sentences are isolated (`<bdi>`) so a number never lands inside the
/// other direction's run, and the diff page's filter counts are written
/// into the page (they read right without JavaScript).
#[test]
fn right_to_left_text_reads_right_to_left_in_every_html_page() {
    let w = Workdir::new();
    w.write(
        "story.en.txt",
        "A and B roll an N-sided die, A always first. What is the probability that A wins? \
         Alex will answer, \"Color!\" Am I a suspect? Am I going too fast?\n",
    );
    let he = "אלף ובית מטילים קוביה בת N פאות, אלף תמיד מטיל ראשון. מה ההסתברות שאלף ינצח? \
              אלכס יענה: \"צבע\". אני חשוד? האם אני הולך מהר מדי?\n";
    w.write("story.he.txt", he);
    w.write(
        "rev/story.he.txt",
        he.replace("אני חשוד?", "אני חשוד? \"כן\" אני חשוד?")
            .replace("מהר מדי?", "לאט מדי?"),
    );
    let cells = |html: &str, lang: &str| -> Vec<String> {
        html.split("<td lang=\"")
            .skip(1)
            .filter(|c| c.starts_with(&format!("{lang}\"")))
            .map(|c| c[..c.find('>').unwrap()].to_string())
            .collect()
    };
    let check = |html: &str| {
        let (he, en) = (cells(html, "he"), cells(html, "en"));
        assert!(!he.is_empty() && !en.is_empty(), "{html}");
        assert!(he.iter().all(|c| c.ends_with("dir=\"rtl\"")), "{he:?}");
        assert!(en.iter().all(|c| c.ends_with("dir=\"ltr\"")), "{en:?}");
    };
    w.run(&[
        "align",
        "story.en.txt",
        "story.he.txt",
        "--doc",
        "story",
        "--no-glossary",
        "--html",
        "align.html",
    ])
    .expect(0);
    let html = String::from_utf8(w.read("align.html")).unwrap();
    check(&html);
    assert!(!html.contains("<sup>0</sup>"), "{html}");
    assert!(
        html.contains("<sup><bdi>0</bdi></sup><bdi dir=\"rtl\">אלף ובית"),
        "{html}"
    );
    w.run(&["review", "story", "--below", "0", "--html", "review.html"])
        .expect(0);
    check(&String::from_utf8(w.read("review.html")).unwrap());
    w.run(&[
        "diff",
        "story.en.txt",
        "rev/story.he.txt",
        "--doc",
        "story",
        "--html",
        "diff.html",
    ])
    .expect(1);
    let html = String::from_utf8(w.read("diff.html")).unwrap();
    check(&html);
    let mut counted = 0;
    for status in [
        "changed",
        "unchanged",
        "new",
        "missing",
        "re-segmented",
        "added",
        "moved",
    ] {
        let rows = html.matches(&format!("data-status=\"{status}\"")).count();
        counted += rows;
        assert!(
            html.contains(&format!("<span id=\"count-{status}\">{rows}</span>")),
            "{status}: {rows} rows\n{html}"
        );
    }
    assert!(counted > 1, "{html}");
}

/// `--lang` takes a list as search, qa and export do: commas or the flag
/// repeated, each a range (`sr` is sr-Latn and sr-Cyrl); a range no
/// alignment goes into is an error that names it.
#[test]
fn review_lang_takes_a_comma_list_of_ranges() {
    let w = workspace();
    w.copy_from_repo("examples/nato-kosovo/sr-Latn.txt", "sr-Latn.txt");
    w.copy_from_repo("examples/nato-kosovo/sr-Cyrl.txt", "sr-Cyrl.txt");
    w.run(&[
        "align",
        "en.txt",
        "drop.sq.txt",
        "sr-Latn.txt",
        "sr-Cyrl.txt",
        "--doc",
        "article",
        "--no-glossary",
    ])
    .expect(0);
    let pairs = |args: &[&str]| -> Vec<String> {
        let out = w.run(&[&["review", "article", "--format", "json"], args].concat());
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap_or_else(|_| {
            panic!("{args:?}: {} {}", out.stdout, out.stderr);
        });
        v["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["tgt_lang"].as_str().unwrap().to_string())
            .collect()
    };
    let both = pairs(&["--lang", "sq,sr-Latn"]);
    assert_eq!(both, ["sq", "sr-Latn"]);
    assert_eq!(pairs(&["--lang", "sq", "--lang", "sr-Latn"]), both);
    let mut serbian = pairs(&["--lang", "sr"]);
    serbian.sort();
    assert_eq!(serbian, ["sr-Cyrl", "sr-Latn"]);
    // Every document too.
    let v: serde_json::Value = serde_json::from_str(
        &w.run(&["review", "--lang", "sq,sr-Latn", "--format", "json"])
            .stdout,
    )
    .unwrap();
    assert_eq!(v["documents_checked"], 1, "{v:#}");
    let e = w
        .run(&["review", "article", "--lang", "sq,de"])
        .expect(2)
        .stderr;
    assert!(e.contains("no stored alignment into de"), "{e}");
}

/// The sample's en and sq with sq lines 9 and 10 swapped (`swap.sq.txt`),
/// and the `tm align` arguments that align them as document `article`.
fn swapped_sample() -> (Workdir, [&'static str; 8]) {
    let w = Workdir::new();
    w.copy_from_repo("examples/nato-kosovo/en.txt", "en.txt");
    w.copy_from_repo("examples/nato-kosovo/sq.txt", "sq.txt");
    let sq = String::from_utf8(w.read("sq.txt")).unwrap();
    let mut lines: Vec<&str> = sq.lines().collect();
    lines.swap(8, 9);
    w.write("swap.sq.txt", lines.join("\n") + "\n");
    let args = [
        "align",
        "en.txt",
        "swap.sq.txt",
        "--tgt-lang",
        "sq",
        "--doc",
        "article",
        "--no-glossary",
    ];
    (w, args)
}

/// Two paragraphs of the translation in the other order (sq lines 9 and 10
/// of the sample swapped): the aligner, monotone, pairs each with the
/// other's source, at full confidence. Review lists both beads, each
/// naming the other as where its translation may be, in `tm align
/// --review` and in `tm review` of the stored document.
#[test]
fn paragraphs_swapped_in_the_translation_are_listed_as_crossed() {
    let (w, args) = swapped_sample();
    let json = w
        .run(&[&args[..], &["--dry-run", "--review", "--format", "json"]].concat())
        .expect(1)
        .stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let weak = v["pairs"][0]["weak"].as_array().unwrap();
    let crossed: Vec<(u64, u64)> = weak
        .iter()
        .filter(|b| !b["crossed"].is_null())
        .map(|b| {
            (
                b["bead"].as_u64().unwrap(),
                b["crossed"]["bead"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(crossed.len(), 2, "{v:#}");
    assert_eq!((crossed[0].0, crossed[1].0), (crossed[1].1, crossed[0].1));
    let text = w
        .run(&[&args[..], &["--dry-run", "--review"]].concat())
        .expect(1)
        .stdout;
    assert!(
        text.contains(&format!("its translation may be in bead {}", crossed[0].1)),
        "{text}"
    );
    w.run(&args).expect(0);
    let stored = w.run(&["review", "article"]).expect(1).stdout;
    assert_eq!(stored, text);
}

/// Every listing of the reasons a bead is weak (the summary lines of `tm
/// align --review`, `tm review DOC` and `tm review`, the HTML pages' and
/// the help of both commands) names each reason, crossings too.
#[test]
fn every_listing_of_the_reasons_names_a_crossing() {
    let (w, args) = swapped_sample();
    let reasons = [
        "confidence below",
        "no counterpart",
        "nothing translates",
        "may be in a nearby bead",
    ];
    // A line that names a sentence nothing translates lists the reasons;
    // a summary line (it names empty sides as "no counterpart") all four.
    let check = |what: &str, text: &str| {
        let listing: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("no counterpart") || l.contains("on the other side translates"))
            .collect();
        assert!(
            !listing.is_empty(),
            "{what}: no listing of reasons in {text}"
        );
        for l in listing {
            assert!(l.contains("nearby bead"), "{what}: no crossing in {l}");
            if l.contains("no counterpart") {
                for r in reasons {
                    assert!(l.contains(r), "{what}: {r:?} missing from {l}");
                }
            }
        }
    };
    let text = w
        .run(&[&args[..], &["--dry-run", "--review", "--html", "a.html"]].concat())
        .expect(1)
        .stdout;
    check("tm align --review", &text);
    check(
        "tm align --html",
        &String::from_utf8(w.read("a.html")).unwrap(),
    );
    w.run(&args).expect(0);
    check(
        "tm review DOC",
        &w.run(&["review", "article", "--html", "b.html"])
            .expect(1)
            .stdout,
    );
    check(
        "tm review DOC --html",
        &String::from_utf8(w.read("b.html")).unwrap(),
    );
    check(
        "tm review",
        &w.run(&["review", "--html", "c.html"]).expect(1).stdout,
    );
    check(
        "tm review --html",
        &String::from_utf8(w.read("c.html")).unwrap(),
    );
    for cmd in ["align", "review"] {
        let help = w.run(&[cmd, "--help"]).expect(0).stdout.replace('\n', " ");
        let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(help.contains("nearby bead"), "tm {cmd} --help: {help}");
    }
}

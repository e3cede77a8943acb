//! `tm diff`, `--apply`, `tm history`: revisions of the sample translations.
//!
//! `tests/data/revised/` holds a revised Albanian and a revised Serbian
//! translation of the sample with known edits (see its README).

use crate::workdir::{Workdir, repo_file};

fn sample() -> Workdir {
    let w = Workdir::new();
    for f in ["en.txt", "sq.txt", "sr-Latn.txt"] {
        w.copy_from_repo(
            &format!("examples/nato-kosovo/{f}"),
            &format!("nato-kosovo/{f}"),
        );
    }
    w.run(&[
        "align",
        "nato-kosovo/en.txt",
        "nato-kosovo/sq.txt",
        "nato-kosovo/sr-Latn.txt",
    ])
    .expect(0);
    w.copy_from_repo("tests/data/revised/sq.txt", "revised/sq.txt");
    w.copy_from_repo("tests/data/revised/sr-Latn.txt", "revised/sr-Latn.txt");
    w
}

/// The sq revisions of a unit, oldest first (`tm history --format json`).
fn sq_history(w: &Workdir, unit: i64) -> Vec<serde_json::Value> {
    let h = w
        .run(&["history", &unit.to_string(), "--format", "json"])
        .expect(0);
    let h: serde_json::Value = serde_json::from_str(&h.stdout).unwrap();
    h["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["lang"] == "sq")
        .cloned()
        .collect()
}

fn json_diff(w: &Workdir, args: &[&str]) -> serde_json::Value {
    let r = w.run(args).expect(1);
    serde_json::from_str(&r.stdout).unwrap()
}

/// The expected rows, read from tests/data/revised/expected-LANG.json.
fn expected(lang: &str) -> serde_json::Value {
    let p = repo_file(&format!("tests/data/revised/expected-{lang}.json"));
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

fn check_against_expected(got: &serde_json::Value, lang: &str) {
    let want = expected(lang);
    assert_eq!(got["summary"], want["summary"], "summary of {lang}");
    let rows: Vec<serde_json::Value> = got["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["status"] != "unchanged")
        .map(|u| serde_json::json!({ "status": u["status"], "old": u["old"], "new": u["new"], "stats": u["stats"] }))
        .collect();
    assert_eq!(
        serde_json::Value::Array(rows),
        want["rows"],
        "rows of {lang}"
    );
}

#[test]
fn revised_albanian_is_classified_with_its_edits() {
    let w = sample();
    let got = json_diff(
        &w,
        &[
            "diff",
            "nato-kosovo/en.txt",
            "revised/sq.txt",
            "--format",
            "json",
        ],
    );
    check_against_expected(&got, "sq");
}

#[test]
fn revised_serbian_by_document_name() {
    let w = sample();
    let got = json_diff(
        &w,
        &[
            "diff",
            "--doc",
            "nato-kosovo",
            "--lang",
            "sr-Latn",
            "revised/sr-Latn.txt",
            "--format",
            "json",
        ],
    );
    check_against_expected(&got, "sr-Latn");
}

#[test]
fn the_same_text_does_not_differ() {
    let w = sample();
    let r = w
        .run(&["diff", "nato-kosovo/en.txt", "nato-kosovo/sq.txt"])
        .expect(0);
    assert!(
        r.stdout
            .contains("0 changed, 0 new, 0 missing, 0 re-segmented"),
        "{}",
        r.stdout
    );
}

#[test]
fn plain_output_marks_words_like_git_word_diff() {
    let w = sample();
    let r = w
        .run(&["diff", "nato-kosovo/en.txt", "revised/sq.txt"])
        .expect(1);
    // A word that keeps most of its letters shows the changed ones; a
    // number and a different word are shown whole.
    for marked in [
        "Radoi[-ç-]{+č+}i[-q-]{+ć+}",
        "përmbush[-ur-]{+ë+}",
        "[-1.000-]{+1.100+}",
        "[-Muajin e kaluar, liderët-]{+Liderët+}",
    ] {
        assert!(r.stdout.contains(marked), "{marked}\n{}", r.stdout);
    }
    assert!(!r.stdout.contains('\x1b'), "no colour when piped");
    let r = w
        .run(&[
            "--color",
            "always",
            "diff",
            "nato-kosovo/en.txt",
            "revised/sq.txt",
        ])
        .expect(1);
    assert!(r.stdout.contains("\x1b[31m") && r.stdout.contains("\x1b[32m"));
}

#[test]
fn apply_keeps_the_old_text_as_a_revision() {
    let w = sample();
    let before: serde_json::Value = json_diff(
        &w,
        &[
            "diff",
            "nato-kosovo/en.txt",
            "revised/sq.txt",
            "--format",
            "json",
        ],
    );
    let changed = before["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["status"] == "changed")
        .unwrap()
        .clone();
    let unit = changed["units"][0].as_i64().unwrap();

    w.run(&[
        "diff",
        "nato-kosovo/en.txt",
        "revised/sq.txt",
        "--apply",
        "--author",
        "Reviser One",
    ])
    .expect(0);
    // Now the TM holds the revision: nothing differs.
    w.run(&[
        "diff",
        "--doc",
        "nato-kosovo",
        "--lang",
        "sq",
        "revised/sq.txt",
    ])
    .expect(0);

    let sq = sq_history(&w, unit);
    assert_eq!(sq.len(), 2);
    assert_eq!(sq[0]["text"], changed["old"]);
    assert_eq!(sq[0]["replaced_by"], "Reviser One");
    assert_eq!(sq[1]["text"], changed["new"]);
    assert_eq!(sq[1]["author"], "Reviser One");
    assert_eq!(sq[1]["current"], true);

    let r = w
        .run(&[
            "diff",
            "--unit",
            &unit.to_string(),
            "--rev",
            "1",
            "--rev",
            "2",
            "--format",
            "json",
        ])
        .expect(1);
    let r: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(r["stats"], changed["stats"]);
    // The Serbian and English texts of the unit were not touched.
    let units = w.export();
    let u = units.iter().find(|u| u["id"] == unit).unwrap();
    assert!(u["variants"]["sr-Latn"].is_string() && u["variants"]["en"].is_string());
}

#[test]
fn bad_input_leaves_the_tm_unchanged() {
    let w = sample();
    let before = w.read("memory/tm.sqlite");
    // The English file given as the Albanian revision.
    w.copy_from_repo("examples/nato-kosovo/en.txt", "wrong/sq.txt");
    let r = w
        .run(&["diff", "nato-kosovo/en.txt", "wrong/sq.txt", "--apply"])
        .expect(2);
    assert!(
        r.stderr.contains("does not look like a sq translation"),
        "{}",
        r.stderr
    );
    // The Serbian file given as Albanian.
    let r = w
        .run(&[
            "diff",
            "nato-kosovo/en.txt",
            "revised/sr-Latn.txt",
            "--lang",
            "sq",
            "--apply",
        ])
        .expect(2);
    assert!(
        r.stderr
            .contains("does not look like a revision of the stored sq text"),
        "{}",
        r.stderr
    );
    // A document the TM does not have.
    let r = w
        .run(&[
            "diff",
            "--doc",
            "no-such-doc",
            "--lang",
            "sq",
            "revised/sq.txt",
        ])
        .expect(2);
    assert!(
        r.stderr.contains("no document named 'no-such-doc'"),
        "{}",
        r.stderr
    );
    w.write("other.en.txt", "A text that was never aligned.\n");
    let r = w.run(&["diff", "other.en.txt", "revised/sq.txt"]).expect(2);
    assert!(
        r.stderr.contains("no document in the TM has this en text"),
        "{}",
        r.stderr
    );
    assert_eq!(w.read("memory/tm.sqlite"), before);
}

#[test]
fn html_review_page_counts_equal_the_json() {
    let w = sample();
    let json = json_diff(
        &w,
        &[
            "diff",
            "nato-kosovo/en.txt",
            "revised/sq.txt",
            "--format",
            "json",
            "--html",
            "review.html",
        ],
    );
    let html = String::from_utf8(w.read("review.html")).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>") && !html.contains("http"),
        "self-contained"
    );
    for status in ["unchanged", "changed", "new", "missing", "re-segmented"] {
        let n = json["summary"][status].as_u64().unwrap();
        let rows = html.matches(&format!("data-status=\"{status}\"")).count() as u64;
        assert_eq!(rows, n, "rows with status {status}");
    }
    // Rendered in a real browser: the counts the page shows equal the JSON's.
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
    else {
        eprintln!(
            "SKIP: headless Chromium is not installed (apt-get install chromium); page checked as text only"
        );
        return;
    };
    let profile = w.path("chromium-profile");
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            &format!("--user-data-dir={}", profile.display()),
            "--dump-dom",
        ])
        .arg(format!("file://{}", w.path("review.html").display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("data-ready=\"yes\""),
        "the page's script ran: {dom}"
    );
    for status in ["unchanged", "changed", "new", "missing", "re-segmented"] {
        let n = json["summary"][status].as_u64().unwrap();
        assert!(
            dom.contains(&format!("<span id=\"count-{status}\">{n}</span>")),
            "count of {status} in {dom}"
        );
    }
}

/// Every sq variant of the TM: (unit, variant id, text, created_at, author),
/// from `tm history` of each unit.
fn sq_variants(w: &Workdir) -> Vec<(i64, String, String, serde_json::Value)> {
    let mut out = Vec::new();
    for u in w.export() {
        let id = u["id"].as_i64().unwrap();
        let h = w
            .run(&["history", &id.to_string(), "--format", "json"])
            .expect(0);
        let h: serde_json::Value = serde_json::from_str(&h.stdout).unwrap();
        for r in h["revisions"].as_array().unwrap() {
            if r["lang"] == "sq" && r["current"] == true {
                out.push((
                    id,
                    r["text"].as_str().unwrap().to_string(),
                    r["created_at"].as_str().unwrap().to_string(),
                    r["author"].clone(),
                ));
            }
        }
    }
    out
}

#[test]
fn apply_leaves_the_units_it_does_not_change_as_they_were() {
    let w = sample();
    let before = sq_variants(&w);
    let report = json_diff(
        &w,
        &[
            "diff",
            "nato-kosovo/en.txt",
            "revised/sq.txt",
            "--format",
            "json",
        ],
    );
    let unchanged: Vec<i64> = report["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["status"] == "unchanged")
        .flat_map(|u| {
            u["units"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_i64().unwrap())
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let r = w
        .run(&[
            "diff",
            "nato-kosovo/en.txt",
            "revised/sq.txt",
            "--apply",
            "--author",
            "Reviser One",
        ])
        .expect(0);
    let after = sq_variants(&w);
    let mut same = 0;
    let mut changed = 0;
    for a in &after {
        if unchanged.contains(&a.0) {
            // The same text: the same variant, date and author as before.
            let b = before.iter().find(|b| b.0 == a.0).unwrap();
            assert_eq!(b, a);
            same += 1;
        } else {
            assert_eq!(a.3, "Reviser One", "{a:?}");
            changed += 1;
        }
    }
    assert!(same > 10 && changed > 0, "{same} same, {changed} changed");
    assert!(
        r.stdout.contains("old texts kept as revisions"),
        "{}",
        r.stdout
    );
}

#[test]
fn align_replace_keeps_the_replaced_translation_as_a_revision() {
    let w = sample();
    let before = sq_variants(&w);
    let r = w
        .run(&[
            "align",
            "nato-kosovo/en.txt",
            "revised/sq.txt",
            "--doc",
            "nato-kosovo",
            "--replace",
        ])
        .expect(0);
    assert!(
        r.stdout.contains("replaced (the old kept as revisions"),
        "{}",
        r.stdout
    );
    let after = sq_variants(&w);
    let (b, a) = before
        .iter()
        .zip(&after)
        .find(|(b, a)| b.1 != a.1)
        .expect("a changed unit");
    let sq = sq_history(&w, a.0);
    assert_eq!(sq.len(), 2, "{sq:?}");
    assert_eq!(sq[0]["text"], b.1.as_str());
    assert_eq!(sq[1]["text"], a.1.as_str());
    w.run(&["diff", "--unit", &a.0.to_string()]).expect(1);
}

#[test]
fn a_change_of_white_space_only_says_so() {
    let w = sample();
    let sq = std::fs::read_to_string(repo_file("examples/nato-kosovo/sq.txt")).unwrap();
    w.write(
        "spaced/sq.txt",
        sq.replacen("NATO-ja dërgoi", "NATO-ja  dërgoi", 1),
    );
    let r = w
        .run(&["diff", "nato-kosovo/en.txt", "spaced/sq.txt"])
        .expect(1);
    assert!(r.stdout.contains("1 changed"), "{}", r.stdout);
    assert!(r.stdout.contains("(white space only)"), "{}", r.stdout);
}

#[test]
fn history_names_the_command_that_stored_a_text_without_an_author() {
    let w = sample();
    let h = w.run(&["history", "1", "--format", "json"]).expect(0);
    let h: serde_json::Value = serde_json::from_str(&h.stdout).unwrap();
    assert_eq!(h["revisions"][0]["author"], "tm align", "{h}");

    w.write("units.tsv", "en\tsq\nGood morning.\tMirëmëngjes.\n");
    w.run(&["import", "units.tsv"]).expect(0);
    let unit = w
        .export()
        .into_iter()
        .find(|u| u["variants"]["en"] == "Good morning.")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let h = w.run(&["history", &unit.to_string()]).expect(0);
    assert!(h.stdout.contains("by tm import"), "{}", h.stdout);

    // A replacing import: the new text is dated when it came.
    std::thread::sleep(std::time::Duration::from_millis(20));
    w.write("units2.tsv", "en\tsq\nGood morning.\tMirëmëngjesi.\n");
    w.run(&["import", "units2.tsv", "--on-conflict", "replace"])
        .expect(0);
    let sq = sq_history(&w, unit);
    assert_eq!(sq.len(), 2, "{sq:?}");
    assert_eq!(sq[1]["created_at"], sq[0]["replaced_at"], "{sq:?}");
    assert_eq!(sq[1]["author"], "tm import", "{sq:?}");
}

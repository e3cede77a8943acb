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

    let sq = w.revisions(unit, "sq");
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
    let sq = w.revisions(a.0, "sq");
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
    let sq = w.revisions(unit, "sq");
    assert_eq!(sq.len(), 2, "{sq:?}");
    assert_eq!(sq[1]["created_at"], sq[0]["replaced_at"], "{sq:?}");
    assert_eq!(sq[1]["author"], "tm import", "{sq:?}");
}

/// The sample's Serbian with two sentences that separate units hold joined into one.
fn joined_serbian(w: &Workdir) {
    let sr = std::fs::read_to_string(repo_file("examples/nato-kosovo/sr-Latn.txt")).unwrap();
    let joined = sr.replacen(
        "na Ukrajinu. Moskva je podržava",
        "na Ukrajinu, a Moskva je podržava",
        1,
    );
    assert_ne!(joined, sr);
    w.write("joined/sr-Latn.txt", joined);
}

/// The units of the TM as (id, language → text), from `tm export`.
fn unit_texts(w: &Workdir) -> Vec<(i64, serde_json::Value)> {
    w.export()
        .into_iter()
        .map(|u| (u["id"].as_i64().unwrap(), u["variants"].clone()))
        .collect()
}

#[test]
fn a_resegmented_translation_does_not_merge_the_other_languages_units_unasked() {
    let w = sample();
    joined_serbian(&w);
    let before = w.read("memory/tm.sqlite");
    for args in [
        &[
            "diff",
            "nato-kosovo/en.txt",
            "joined/sr-Latn.txt",
            "--apply",
        ][..],
        &[
            "align",
            "nato-kosovo/en.txt",
            "joined/sr-Latn.txt",
            "--doc",
            "nato-kosovo",
            "--replace",
        ][..],
    ] {
        let r = w.run(args).expect(2);
        for says in [
            "no sentence boundary where units",
            "merge those units into one in every language (en, sq, sr-Latn)",
            "--merge-units",
        ] {
            assert!(r.stderr.contains(says), "{says}: {}", r.stderr);
        }
        assert_eq!(w.read("memory/tm.sqlite"), before, "{args:?}");
    }
}

#[test]
fn merging_units_on_request_keeps_only_texts_that_existed_with_their_dates() {
    let w = sample();
    joined_serbian(&w);
    let before = unit_texts(&w);
    let (ua, ub) = {
        let find = |s: &str| {
            before
                .iter()
                .find(|(_, v)| v["sr-Latn"].as_str().unwrap_or("").contains(s))
                .unwrap()
                .clone()
        };
        (find("agresije na Ukrajinu"), find("Moskva je podržava"))
    };
    assert_ne!(ua.0, ub.0);
    // When each text of the two units was written: (unit, lang) → date.
    let written = |unit: i64| -> Vec<(String, serde_json::Value)> {
        w.history(unit)["revisions"]
            .as_array()
            .unwrap()
            .clone()
            .iter()
            .map(|r| {
                (
                    r["lang"].as_str().unwrap().to_string(),
                    r["created_at"].clone(),
                )
            })
            .collect()
    };
    let (wa, wb) = (written(ua.0), written(ub.0));
    std::thread::sleep(std::time::Duration::from_millis(20));
    w.run(&[
        "diff",
        "nato-kosovo/en.txt",
        "joined/sr-Latn.txt",
        "--apply",
        "--merge-units",
        "--author",
        "Reviser One",
    ])
    .expect(0);
    let h = w
        .run(&["history", &ua.0.to_string(), "--format", "json"])
        .expect(0);
    let h: serde_json::Value = serde_json::from_str(&h.stdout).unwrap();
    let revs = h["revisions"].as_array().unwrap();
    for lang in ["en", "sq", "sr-Latn"] {
        let of: Vec<&serde_json::Value> = revs.iter().filter(|r| r["lang"] == lang).collect();
        // The two texts the units held, with the dates they were written,
        // then the current one, written now.
        assert_eq!(of.len(), 3, "{lang}: {of:?}");
        assert_eq!(of[0]["text"], ua.1[lang], "{lang}");
        assert_eq!(of[1]["text"], ub.1[lang], "{lang}");
        let when =
            |w: &[(String, serde_json::Value)]| w.iter().find(|x| x.0 == lang).unwrap().1.clone();
        assert_eq!(of[0]["created_at"], when(&wa), "{lang}");
        assert_eq!(of[1]["created_at"], when(&wb), "{lang}");
        for old in &of[..2] {
            assert_eq!(old["replaced_by"], "Reviser One", "{lang}");
        }
        assert_eq!(of[2]["current"], true);
        assert_eq!(of[2]["created_at"], of[0]["replaced_at"], "{lang}");
    }
    let sr: Vec<&str> = revs
        .iter()
        .filter(|r| r["lang"] == "sr-Latn")
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert!(sr[2].contains("Ukrajinu, a Moskva"), "{sr:?}");
    // The unit merged away says where its texts went, and by whom.
    let gone = w
        .run(&["history", &ub.0.to_string(), "--format", "json"])
        .expect(0);
    let gone: serde_json::Value = serde_json::from_str(&gone.stdout).unwrap();
    assert_eq!(gone["merged_into"][0]["into"], ua.0, "{gone}");
    assert_eq!(gone["merged_into"][0]["merged_by"], "Reviser One", "{gone}");
    assert_eq!(gone["merged_into"][0]["tgt_lang"], "sr-Latn", "{gone}");
    assert_eq!(gone["revisions"], h["revisions"]);
    let r = w.run(&["diff", "--unit", &ub.0.to_string()]).expect(2);
    assert!(
        r.stderr
            .contains(&format!("unit {} was merged into unit {}", ub.0, ua.0)),
        "{}",
        r.stderr
    );
}

#[test]
fn a_transliteration_is_a_translation_and_the_source_is_not() {
    let w = Workdir::new();
    for f in ["sr-Latn.txt", "sr-Cyrl.txt"] {
        w.copy_from_repo(&format!("examples/nato-kosovo/{f}"), &format!("d/{f}"));
    }
    w.run(&["align", "d/sr-Latn.txt", "d/sr-Cyrl.txt"])
        .expect(0);
    // The Cyrillic text that was aligned: nothing differs.
    w.run(&["diff", "d/sr-Latn.txt", "d/sr-Cyrl.txt"]).expect(0);
    // The Latin source given as the Cyrillic translation.
    w.copy_from_repo("examples/nato-kosovo/sr-Latn.txt", "wrong/sr-Cyrl.txt");
    let r = w
        .run(&["diff", "d/sr-Latn.txt", "wrong/sr-Cyrl.txt"])
        .expect(2);
    assert!(
        r.stderr
            .contains("does not look like a sr-Cyrl translation")
            && r.stderr.contains("--force"),
        "{}",
        r.stderr
    );
    let r = w
        .run(&["diff", "d/sr-Latn.txt", "wrong/sr-Cyrl.txt", "--force"])
        .expect(1);
    assert!(r.stdout.contains("changed"), "{}", r.stdout);
}

#[test]
fn a_document_aligned_one_sentence_per_line_is_compared_so() {
    let w = Workdir::new();
    // Each line is one segment, though the segmenter would split the first.
    w.write(
        "fl/en.txt",
        "The first line. It has two sentences.\nThe second line is one.\nThe third line closes it.\n",
    );
    w.write(
        "fl/sq.txt",
        "Rreshti i parë. Ka dy fjali.\nRreshti i dytë është një.\nRreshti i tretë e mbyll.\n",
    );
    w.run(&["align", "fl/en.txt", "fl/sq.txt", "--segmented"])
        .expect(0);
    w.run(&["diff", "fl/en.txt", "fl/sq.txt"]).expect(0);
    w.write(
        "rev/sq.txt",
        "Rreshti i parë. Ka dy fjali.\nRreshti i dytë është vetëm një.\nRreshti i tretë e mbyll.\n",
    );
    for extra in [&[][..], &["--segmented"][..]] {
        let mut args = vec!["diff", "fl/en.txt", "rev/sq.txt"];
        args.extend_from_slice(extra);
        let r = w.run(&args).expect(1);
        assert!(
            r.stdout
                .contains("2 unchanged, 1 changed, 0 new, 0 missing, 0 re-segmented"),
            "{}",
            r.stdout
        );
    }
}

#[test]
fn a_removed_translation_is_told_as_removed() {
    let w = sample();
    // The Albanian without its last paragraph.
    let sq = std::fs::read_to_string(repo_file("examples/nato-kosovo/sq.txt")).unwrap();
    let kept: Vec<&str> = sq.lines().filter(|l| !l.trim().is_empty()).collect();
    let last = kept.last().unwrap().to_string();
    w.write("cut/sq.txt", sq.replacen(&last, "", 1));
    let before = json_diff(
        &w,
        &[
            "diff",
            "nato-kosovo/en.txt",
            "cut/sq.txt",
            "--format",
            "json",
        ],
    );
    let missing: Vec<i64> = before["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["status"] == "missing")
        .map(|u| u["units"][0].as_i64().unwrap())
        .collect();
    assert!(!missing.is_empty(), "{before}");
    let total = |d: &serde_json::Value| d["units"].as_array().unwrap().len();
    w.run(&[
        "diff",
        "nato-kosovo/en.txt",
        "cut/sq.txt",
        "--apply",
        "--author",
        "A",
    ])
    .expect(0);
    let unit = missing[0].to_string();
    let h = w.run(&["history", &unit]).expect(0);
    assert!(
        h.stdout.contains("removed ") && h.stdout.contains(" by A"),
        "{}",
        h.stdout
    );
    for args in [
        &["diff", "--unit", &unit][..],
        &["diff", "--unit", &unit, "--lang", "sq"][..],
    ] {
        let r = w.run(args).expect(1);
        assert!(
            r.stdout
                .contains("sq: revision 1 → removed (100.0% edit distance)"),
            "{}",
            r.stdout
        );
    }
    // The next comparison still counts every unit, and says why some have no text.
    let after = w
        .run(&[
            "diff",
            "nato-kosovo/en.txt",
            "cut/sq.txt",
            "--format",
            "json",
        ])
        .expect(0);
    let after: serde_json::Value = serde_json::from_str(&after.stdout).unwrap();
    assert_eq!(total(&after), total(&before));
    assert_eq!(after["summary"]["untranslated"], missing.len());
    let r = w
        .run(&["diff", "nato-kosovo/en.txt", "cut/sq.txt"])
        .expect(0);
    // One unit lost its text: "1 of the unchanged units has", not "have".
    assert_eq!(missing.len(), 1);
    assert!(
        r.stdout
            .contains("(1 of the unchanged units has no sq text, stored or new)"),
        "{}",
        r.stdout
    );
}

/// A translation edited through `tm import --on-conflict replace` (an
/// exported table, corrected) is a changed unit to `tm diff` of the
/// document's file, and `--apply` puts the file's text back; the texts the
/// import did not touch stay credited to the alignment.
#[test]
fn a_text_an_import_replaced_is_changed_and_the_file_can_put_it_back() {
    let w = sample();
    let units = w.export();
    let unit = units
        .iter()
        .find(|u| {
            u["variants"]["sq"]
                .as_str()
                .unwrap()
                .contains("diplomacinë")
        })
        .unwrap();
    let id = unit["id"].as_i64().unwrap();
    let (en, sq) = (
        unit["variants"]["en"].as_str().unwrap(),
        unit["variants"]["sq"].as_str().unwrap(),
    );
    w.write(
        "edited.tsv",
        format!(
            "id\tdocument\ten\tsq\n{id}\tnato-kosovo\t{en}\t{}\n",
            sq.replace("diplomacinë", "DIPLOMACINË")
        ),
    );
    w.run(&["import", "edited.tsv", "--on-conflict", "replace"])
        .expect(0);
    assert_eq!(w.revisions(id, "en")[0]["author"], "tm align");
    let args = [
        "diff",
        "nato-kosovo/en.txt",
        "nato-kosovo/sq.txt",
        "--lang",
        "sq",
    ];
    let report = json_diff(&w, &[&args[..], &["--format", "json"]].concat());
    assert_eq!(report["summary"]["changed"], 1, "{report:#}");
    assert_eq!(report["summary"]["re-segmented"], 0, "{report:#}");
    w.run(&[&args[..], &["--apply"]].concat()).expect(0);
    let sq_now = w.revisions(id, "sq");
    assert_eq!(sq_now.last().unwrap()["text"], sq, "{sq_now:?}");
    assert_eq!(sq_now.len(), 3, "{sq_now:?}");
    w.run(&args).expect(0);
}

/// An edit of the sample's lines (one paragraph a line).
type LineEdit<'a> = &'a dyn Fn(&mut Vec<String>);

/// The sample's Albanian with `edit` applied to its lines (one paragraph a line).
fn reordered_albanian(w: &Workdir, name: &str, edit: impl Fn(&mut Vec<String>)) {
    let sq = std::fs::read_to_string(repo_file("examples/nato-kosovo/sq.txt")).unwrap();
    let mut lines: Vec<String> = sq.split('\n').map(str::to_string).collect();
    edit(&mut lines);
    let new = lines.join("\n");
    assert_ne!(new, sq);
    w.write(name, new);
}

/// Texts moved in the translation (a paragraph, a sentence to another
/// paragraph, two sentences of one paragraph swapped): each unit's text is
/// found where it now is, is told as moved, and `--apply` gives no unit
/// another unit's sentence.
#[test]
fn a_moved_text_is_told_as_moved_and_stays_in_its_unit() {
    let swap_lines = |lines: &mut Vec<String>| lines.swap(5, 6);
    let move_sentence = |lines: &mut Vec<String>| {
        let s = "Vizita e z. Stoltenberg vjen në një kohë kur Perëndimi është gjithnjë e më i shqetësuar për ndikimin rus në rajon.";
        lines[8] = lines[8].replacen(&format!("{s} "), "", 1);
        lines[13] = format!("{} {s}", lines[13]);
    };
    let swap_sentences = |lines: &mut Vec<String>| {
        let (a, b) = (
            "Serbia është vend kandidat për anëtarësim në Bashkimin Evropian, por mban lidhje të ngushta me Moskën dhe ka refuzuar t’u bashkohet sanksioneve ndaj Rusisë për shkak të agresionit të saj në Ukrainë.",
            "Ajo gëzon mbështetjen e Moskës në kundërshtimin e pavarësisë së Kosovës.",
        );
        assert!(lines[12].contains(a) && lines[12].contains(b));
        lines[12] = lines[12].replacen(&format!("{a} {b}"), &format!("{b} {a}"), 1);
    };
    let cases: [(&str, LineEdit); 3] = [
        ("paragraphs/sq.txt", &swap_lines),
        ("sentence/sq.txt", &move_sentence),
        ("within/sq.txt", &swap_sentences),
    ];
    for (name, edit) in cases {
        let w = sample();
        reordered_albanian(&w, name, edit);
        let before = unit_texts(&w);
        let args = ["diff", "nato-kosovo/en.txt", name, "--lang", "sq"];
        let report = json_diff(&w, &[&args[..], &["--format", "json"]].concat());
        let s = &report["summary"];
        assert_eq!(
            (
                &s["moved"],
                &s["missing"],
                &s["re-segmented"],
                &s["changed"],
                &s["new"]
            ),
            (&1.into(), &0.into(), &0.into(), &0.into(), &0.into()),
            "{name}: {report:#}"
        );
        let moved: Vec<&serde_json::Value> = report["units"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| u["status"] == "moved")
            .collect();
        assert_eq!(moved[0]["old"], moved[0]["new"], "{name}");
        assert!(moved[0]["line"].is_u64(), "{name}: {:#}", moved[0]);
        let text = w.run(&args).expect(1);
        assert!(
            text.stdout.contains("1 moved") && text.stdout.contains("moved unit "),
            "{name}: {}",
            text.stdout
        );

        w.run(&[&args[..], &["--apply"]].concat()).expect(0);
        assert_eq!(unit_texts(&w), before, "{name}: every unit keeps its texts");
        for (id, _) in &before {
            assert_eq!(w.revisions(*id, "sq").len(), 1, "{name}: unit {id}");
        }
        // The TM now holds this order: nothing differs.
        w.run(&args).expect(0);
    }
    // A paragraph moved and edited: its unit takes the edit, no other unit
    // takes its sentence.
    let w = sample();
    reordered_albanian(&w, "edited/sq.txt", |lines| {
        swap_lines(lines);
        lines[5] = lines[5].replacen("diplomacinë", "dialogun", 1);
    });
    let before = unit_texts(&w);
    let args = [
        "diff",
        "nato-kosovo/en.txt",
        "edited/sq.txt",
        "--lang",
        "sq",
    ];
    let report = json_diff(&w, &[&args[..], &["--format", "json"]].concat());
    let changed: Vec<&serde_json::Value> = report["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["status"] != "unchanged")
        .collect();
    assert_eq!(changed.len(), 1, "{report:#}");
    assert_eq!(changed[0]["status"], "changed");
    assert_eq!(changed[0]["line"], 6, "{:#}", changed[0]);
    let unit = changed[0]["units"][0].as_i64().unwrap();
    w.run(&[&args[..], &["--apply"]].concat()).expect(0);
    for ((id, old), (_, new)) in before.iter().zip(unit_texts(&w)) {
        if *id == unit {
            assert!(new["sq"].as_str().unwrap().contains("dialogun"), "{new}");
        } else {
            assert_eq!(*old, new, "unit {id}");
        }
    }
}

/// One spelling for each status: the summary has a key for every status
/// a unit row has, and the text output uses the same words.
#[test]
fn statuses_are_spelt_the_same_in_rows_and_summary() {
    let w = sample();
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
    let rows = report["units"].as_array().unwrap();
    assert!(
        rows.iter().any(|u| u["status"] == "re-segmented"),
        "{report:#}"
    );
    for u in rows {
        let status = u["status"].as_str().unwrap();
        assert!(
            report["summary"][status].is_u64(),
            "no summary key {status}: {:#}",
            report["summary"]
        );
    }
}

/// A sentence with no source sentence is an added sentence, not a unit:
/// counted apart, so the units counted are the units stored.
#[test]
fn a_sentence_without_source_is_an_added_sentence() {
    let w = sample();
    let note = "Shënim i përkthyesit: ky artikull u përditësua më 2 tetor me deklarata të reja nga zyra e shtypit e NATO-s në Bruksel.";
    reordered_albanian(&w, "add/sq.txt", |lines| lines.insert(5, note.to_string()));
    let stored = w.export().len() as u64;
    let args = ["diff", "nato-kosovo/en.txt", "add/sq.txt", "--lang", "sq"];
    let report = json_diff(&w, &[&args[..], &["--format", "json"]].concat());
    let s = &report["summary"];
    assert_eq!((&s["added"], &s["new"]), (&1.into(), &0.into()), "{s:#}");
    let counted: u64 = [
        "unchanged",
        "changed",
        "new",
        "missing",
        "re-segmented",
        "moved",
    ]
    .iter()
    .map(|k| s[*k].as_u64().unwrap())
    .sum();
    assert_eq!(counted, stored, "{s:#}");
    let added: Vec<&serde_json::Value> = report["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["status"] == "added")
        .collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0]["new"], note);
    let r = w.run(&args).expect(1);
    assert!(
        r.stdout.contains("1 added sentence") && r.stdout.contains("added sentence (no en source)"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("unit -"), "{}", r.stdout);
}

/// A sentence broken over two lines holds the same text: nothing differs.
#[test]
fn a_line_break_inside_a_sentence_is_no_change() {
    let w = sample();
    reordered_albanian(&w, "wrapped/sq.txt", |lines| {
        lines[2] = lines[2].replacen("Sekretari Stoltenberg tha", "Sekretari Stoltenberg\ntha", 1);
    });
    let r = w
        .run(&[
            "diff",
            "nato-kosovo/en.txt",
            "wrapped/sq.txt",
            "--lang",
            "sq",
        ])
        .expect(0);
    assert!(
        r.stdout
            .contains("0 changed, 0 new, 0 missing, 0 re-segmented"),
        "{}",
        r.stdout
    );
}

/// A letter replaced by its look-alike in another script is named: the
/// two sides of `[-a-]{+а+}` look the same.
#[test]
fn a_look_alike_letter_of_another_script_is_named() {
    let w = sample();
    reordered_albanian(&w, "mixed/sq.txt", |lines| {
        lines[0] = lines[0].replacen("se aleanca po", "se аleanca po", 1);
    });
    let args = ["diff", "nato-kosovo/en.txt", "mixed/sq.txt", "--lang", "sq"];
    let r = w.run(&args).expect(1);
    assert!(
        r.stdout.contains("U+0061 LATIN a → U+0430 CYRILLIC а"),
        "{}",
        r.stdout
    );
    let report = json_diff(&w, &[&args[..], &["--format", "json"]].concat());
    let changed = report["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["status"] == "changed")
        .unwrap();
    assert_eq!(
        changed["scripts"],
        serde_json::json!([{"old": "a", "new": "а", "old_code": "U+0061", "new_code": "U+0430", "old_script": "Latin", "new_script": "Cyrillic"}]),
        "{changed:#}"
    );
}

/// `--apply --format json` says what it stored.
#[test]
fn apply_in_json_reports_what_it_stored() {
    let w = sample();
    let r = w
        .run(&[
            "diff",
            "nato-kosovo/en.txt",
            "revised/sq.txt",
            "--apply",
            "--author",
            "Reviser One",
            "--format",
            "json",
        ])
        .expect(0);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let applied = &report["applied"];
    assert_eq!(applied["author"], "Reviser One", "{applied:#}");
    // Three changed units, one re-segmented and one missing: five texts replaced or removed.
    assert_eq!(applied["revisions"], 5, "{applied:#}");
    assert!(applied["units_created"].is_u64(), "{applied:#}");
    // Without --apply there is no such key.
    let plain = json_diff(
        &w,
        &[
            "diff",
            "nato-kosovo/en.txt",
            "nato-kosovo/sq.txt",
            "--format",
            "json",
        ],
    );
    assert!(plain.get("applied").is_none(), "{plain:#}");
}

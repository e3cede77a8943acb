//! `tm align` into the TM: multilingual units, idempotence, replace, dry run,
//! output formats, concurrent writers.

use crate::workdir::Workdir;

const EN: &str = "NATO sent 1,000 troops to Kosovo after September 24.\nJens Stoltenberg visited Pristina on Monday. He met Vjosa Osmani.\nSerbia denies any connection with the attack.\n";
const SQ: &str = "NATO dërgoi 1.000 trupa në Kosovë pas 24 shtatorit.\nJens Stoltenberg vizitoi Prishtinën të hënën dhe u takua me Vjosa Osmanin.\nSerbia mohon çdo lidhje me sulmin.\n";
const SR: &str = "NATO je poslao 1.000 vojnika na Kosovo posle 24. septembra.\nJens Stoltenberg je u ponedeljak posetio Prištinu. Sastao se sa Vjosom Osmani.\nSrbija poriče bilo kakvu vezu sa napadom.\n";

fn workspace() -> Workdir {
    let w = Workdir::new();
    w.write("doc/en.txt", EN);
    w.write("doc/sq.txt", SQ);
    w.write("doc/sr-Latn.txt", SR);
    w.write("doc/sr-Cyrl.txt", tm::text::lat_to_cyr(SR));
    w
}

fn variants(unit: &serde_json::Value) -> Vec<String> {
    unit["variants"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

#[test]
fn units_hold_every_language_joined_through_the_source() {
    let w = workspace();
    let r = w
        .run(&[
            "align",
            "doc/en.txt",
            "doc/sq.txt",
            "doc/sr-Latn.txt",
            "doc/sr-Cyrl.txt",
        ])
        .expect(0);
    assert!(r.stdout.contains("doc en → sq"), "{}", r.stdout);
    let units = w.export();
    assert_eq!(units.len(), 3, "{units:#?}");
    for u in &units {
        assert_eq!(variants(u), ["en", "sq", "sr-Cyrl", "sr-Latn"], "{u:#?}");
        assert_eq!(u["document"], "doc");
    }
    // The merge in sq (two English sentences in one) is kept: the unit holds both.
    assert_eq!(
        units[1]["variants"]["en"],
        "Jens Stoltenberg visited Pristina on Monday. He met Vjosa Osmani."
    );
    assert_eq!(
        units[1]["variants"]["sr-Cyrl"],
        "Јенс Столтенберг је у понедељак посетио Приштину. Састао се са Вјосом Османи."
    );
}

#[test]
fn a_later_pair_that_merges_sentences_merges_the_units() {
    let w = workspace();
    w.run(&["align", "doc/en.txt", "doc/sr-Latn.txt"]).expect(0);
    assert_eq!(w.export().len(), 4, "en↔sr-Latn is 1-1 everywhere");
    w.run(&["align", "doc/en.txt", "doc/sq.txt"]).expect(0);
    let units = w.export();
    assert_eq!(
        units.len(),
        3,
        "the sq 2-1 bead joins two units: {units:#?}"
    );
    assert_eq!(
        units[1]["variants"]["sr-Latn"],
        "Jens Stoltenberg je u ponedeljak posetio Prištinu. Sastao se sa Vjosom Osmani."
    );
    // The texts the earlier run stored are kept as revisions of the merged unit.
    let h = w.history(units[1]["id"].as_i64().unwrap());
    for (lang, parts) in [
        (
            "en",
            [
                "Jens Stoltenberg visited Pristina on Monday.",
                "He met Vjosa Osmani.",
            ],
        ),
        (
            "sr-Latn",
            [
                "Jens Stoltenberg je u ponedeljak posetio Prištinu.",
                "Sastao se sa Vjosom Osmani.",
            ],
        ),
    ] {
        let texts: Vec<(&str, bool)> = h["revisions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["lang"] == lang)
            .map(|r| (r["text"].as_str().unwrap(), r["current"] == true))
            .collect();
        assert_eq!(
            texts,
            [
                (parts[0], false),
                (parts[1], false),
                (units[1]["variants"][lang].as_str().unwrap(), true)
            ],
            "{lang}"
        );
    }
}

/// The texts of a unit that are not current (revisions), as (lang, text).
fn old_texts(w: &Workdir, unit: i64) -> Vec<(String, String)> {
    w.history(unit)["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["current"] != true)
        .map(|r| (r["lang"].to_string(), r["text"].to_string()))
        .collect()
}

#[test]
fn units_that_one_run_created_merge_without_revisions() {
    let w = workspace();
    // sr-Latn makes four units; sq's 2-1 bead then joins two of them, in
    // the same run: their texts were never stored apart.
    let r = w
        .run(&[
            "align",
            "doc/en.txt",
            "doc/sr-Latn.txt",
            "doc/sq.txt",
            "--format",
            "json",
        ])
        .expect(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let sq = &v["pairs"][1]["stored"];
    assert_eq!(v["pairs"][1]["tgt_lang"], "sq");
    assert_eq!(sq["units_merged"], 1, "{sq}");
    assert_eq!(sq["revisions"], 0, "{sq}");
    let units = w.export();
    assert_eq!(units.len(), 3);
    for u in &units {
        let id = u["id"].as_i64().unwrap();
        assert_eq!(old_texts(&w, id), [], "unit {id}");
    }
    // The merged-away unit was never stored: no record of it.
    let gone = (1..=4).find(|id| !ids(&units).contains(id)).unwrap();
    let r = w.run(&["history", &gone.to_string()]).expect(2);
    assert!(
        r.stderr.contains(&format!("no unit {gone}")),
        "{}",
        r.stderr
    );
    let r = w
        .run(&["align", "doc/en.txt", "doc/sr-Latn.txt", "doc/sq.txt"])
        .expect(0);
    assert!(!r.stdout.contains("replaced"), "{}", r.stdout);
}

#[test]
fn history_of_a_unit_merged_away_tells_where_its_texts_went() {
    let w = workspace();
    w.run(&["align", "doc/en.txt", "doc/sr-Latn.txt"]).expect(0);
    assert_eq!(ids(&w.export()), [1, 2, 3, 4]);
    w.run(&["align", "doc/en.txt", "doc/sq.txt"]).expect(0);
    assert_eq!(ids(&w.export()), [1, 2, 4], "unit 3 went into unit 2");

    let r = w.run(&["history", "3"]).expect(0);
    assert!(
        r.stdout.contains("unit 3 was merged into unit 2 on ")
            && r.stdout.contains("by tm align (document doc, en → sq)"),
        "{}",
        r.stdout
    );
    // Unit 2's history follows, with unit 3's texts.
    assert!(r.stdout.contains("  He met Vjosa Osmani."), "{}", r.stdout);
    assert!(
        r.stdout.contains(
            "  Jens Stoltenberg vizitoi Prishtinën të hënën dhe u takua me Vjosa Osmanin."
        ),
        "{}",
        r.stdout
    );

    let h = w.history(3);
    assert_eq!(h["unit"], 3);
    let merged = h["merged_into"].as_array().unwrap();
    assert_eq!(merged.len(), 1, "{h}");
    assert_eq!(merged[0]["unit"], 3);
    assert_eq!(merged[0]["into"], 2);
    assert_eq!(merged[0]["document"], "doc");
    assert_eq!(merged[0]["src_lang"], "en");
    assert_eq!(merged[0]["tgt_lang"], "sq");
    assert_eq!(merged[0]["merged_by"], "tm align");
    assert!(merged[0]["merged_at"].is_string(), "{h}");
    assert_eq!(h["revisions_of"], 2);
    assert_eq!(h["revisions"], w.history(2)["revisions"]);
    // Unit 2 tells what it took in.
    let h2 = w.history(2);
    assert_eq!(h2["merged_from"][0]["unit"], 3, "{h2}");
    assert_eq!(h2["merged_into"], serde_json::json!([]));
    let r = w.run(&["history", "2"]).expect(0);
    assert!(
        r.stdout
            .contains("unit 2 holds the texts of unit 3, merged into it on "),
        "{}",
        r.stdout
    );

    // An id no unit ever had.
    for id in ["5", "99"] {
        let r = w.run(&["history", id]).expect(2);
        assert!(r.stderr.contains(&format!("no unit {id}")), "{}", r.stderr);
    }
}

/// Merges one run makes share a timestamp; history tells them in the
/// order the run made them (here the document's), not by unit id.
#[test]
fn merges_made_in_one_run_are_told_in_the_order_they_were_made() {
    let w = Workdir::new();
    let en: Vec<&str> = EN.lines().collect();
    let sr: Vec<&str> = SR.lines().collect();
    let (s1, s2, s3) = (en[0], "Jens Stoltenberg visited Pristina on Monday.", en[2]);
    let (r1, r2, r3) = (
        sr[0],
        "Jens Stoltenberg je u ponedeljak posetio Prištinu.",
        sr[2],
    );
    w.write("doc/en.txt", format!("{s1}\n{s2}\n{s3}\n"));
    w.write("doc/sr-Latn.txt", format!("{r1}\n{r2}\n{r3}\n"));
    w.run(&["align", "doc/en.txt", "doc/sr-Latn.txt"]).expect(0);
    // A sentence added to the source between units 1 and 2 becomes unit 4.
    let x = "The soldiers arrived by plane.";
    w.write("doc/en.txt", format!("{s1}\n{x}\n{s2}\n{s3}\n"));
    w.write(
        "doc/sr-Latn.txt",
        format!("{r1}\nVojnici su stigli avionom.\n{r2}\n{r3}\n"),
    );
    w.run(&["align", "doc/en.txt", "doc/sr-Latn.txt", "--replace"])
        .expect(0);
    // The Albanian joins the first three sentences: 4, then 2, go into 1.
    w.write(
        "doc/sq.txt",
        "NATO dërgoi 1.000 trupa në Kosovë pas 24 shtatorit, ushtarët mbërritën me aeroplan \
         dhe Jens Stoltenberg vizitoi Prishtinën të hënën.\n\
         Serbia mohon çdo lidhje me sulmin.\n",
    );
    w.run(&["align", "doc/en.txt", "doc/sq.txt"]).expect(0);
    let h = w.history(1);
    let from: Vec<i64> = h["merged_from"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["unit"].as_i64().unwrap())
        .collect();
    assert_eq!(from, [4, 2], "{h}");
    let text = w.run(&["history", "1"]).expect(0).stdout;
    let told: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("unit 1 holds the texts of unit "))
        .map(|l| &l["unit 1 holds the texts of unit ".len()..][..1])
        .collect();
    assert_eq!(told, ["4", "2"], "{text}");
}

#[test]
fn a_source_sentence_joined_to_a_unit_keeps_its_old_text_as_a_revision() {
    let w = Workdir::new();
    // Without "He met Vjosa Osmani." every bead is 1-1.
    let en = EN.replace(" He met Vjosa Osmani.", "");
    let sq = SQ.replace(" dhe u takua me Vjosa Osmanin.", ".");
    w.write("doc/en.txt", &en);
    w.write("doc/sq.txt", &sq);
    w.run(&["align", "doc/en.txt", "doc/sq.txt"]).expect(0);
    let before = w.export();
    assert_eq!(before.len(), 3, "{before:#?}");
    assert_eq!(
        before[1]["variants"]["en"],
        "Jens Stoltenberg visited Pristina on Monday."
    );
    // The new source adds a sentence that the translation joins to unit 2's.
    w.write("doc/en.txt", EN);
    w.write("doc/sq.txt", SQ);
    w.run(&["align", "doc/en.txt", "doc/sq.txt", "--replace"])
        .expect(0);
    let after = w.export();
    assert_eq!(ids(&after), ids(&before));
    assert_eq!(
        after[1]["variants"]["en"],
        "Jens Stoltenberg visited Pristina on Monday. He met Vjosa Osmani."
    );
    let unit = after[1]["id"].as_i64().unwrap();
    let en_revs = w.revisions(unit, "en");
    let h = w.history(unit);
    assert_eq!(en_revs.len(), 2, "{h}");
    assert_eq!(
        en_revs[0]["text"],
        "Jens Stoltenberg visited Pristina on Monday."
    );
    assert_eq!(en_revs[1]["current"], true);
    // Replaced as the Albanian was, by the same author; the new text is
    // dated when it was written.
    let sq_old = &w.revisions(unit, "sq")[0];
    assert_eq!(en_revs[0]["replaced_by"], sq_old["replaced_by"], "{h}");
    assert_eq!(en_revs[1]["author"], sq_old["replaced_by"], "{h}");
    assert_eq!(en_revs[1]["created_at"], en_revs[0]["replaced_at"], "{h}");
}

/// A changed source adds a sentence between two units' sentences, and the
/// new translation joins all three into one: the merged unit's source text
/// holds the new sentence too (every source word stays in one unit).
#[test]
fn units_merged_over_a_new_source_sentence_hold_it() {
    let w = Workdir::new();
    w.write("doc/en.txt", EN);
    w.write("doc/sr-Latn.txt", SR);
    w.run(&["align", "doc/en.txt", "doc/sr-Latn.txt"]).expect(0);
    assert_eq!(w.export().len(), 4);
    let en = EN.replace(
        "Monday. He met",
        "Monday. They talked for an hour about the security of the north. He met",
    );
    w.write("doc/en.txt", &en);
    w.write(
        "doc/sr-Latn.txt",
        SR.replace(
            "Prištinu. Sastao se",
            "Prištinu, sat vremena razgovarao o bezbednosti severa i sastao se",
        ),
    );
    let r = w
        .run(&[
            "align",
            "doc/en.txt",
            "doc/sr-Latn.txt",
            "--replace",
            "--merge-units",
        ])
        .expect(0);
    let units = w.export();
    assert_eq!(units.len(), 3, "{units:#?}\n{}", r.stdout);
    let stored: Vec<&str> = units
        .iter()
        .map(|u| u["variants"]["en"].as_str().unwrap())
        .collect();
    assert_eq!(
        stored.join(" ").split_whitespace().collect::<Vec<_>>(),
        en.split_whitespace().collect::<Vec<_>>()
    );
    // The two texts the merged units had are its revisions.
    let en_revs = w.revisions(units[1]["id"].as_i64().unwrap(), "en");
    assert_eq!(en_revs.len(), 3, "{en_revs:?}");
    assert_eq!(
        en_revs[0]["text"],
        "Jens Stoltenberg visited Pristina on Monday."
    );
    assert_eq!(en_revs[1]["text"], "He met Vjosa Osmani.");
    assert_eq!(en_revs[2]["text"], stored[1]);
}

#[test]
fn running_the_same_alignment_again_changes_nothing() {
    let w = workspace();
    w.run(&["align", "doc/en.txt", "doc/sq.txt", "doc/sr-Latn.txt"])
        .expect(0);
    let before = w.export();
    let stats = w.run(&["stats", "--format", "json"]).expect(0).stdout;
    let r = w
        .run(&["align", "doc/en.txt", "doc/sq.txt", "doc/sr-Latn.txt"])
        .expect(0);
    assert!(r.stdout.contains("nothing changed"), "{}", r.stdout);
    assert_eq!(w.export(), before);
    assert_eq!(
        w.run(&["stats", "--format", "json"]).expect(0).stdout,
        stats
    );
}

#[test]
fn a_changed_translation_is_refused_unless_replaced() {
    let w = workspace();
    w.run(&["align", "doc/en.txt", "doc/sq.txt"]).expect(0);
    let before = w.export();
    w.write("doc/sq.txt", SQ.replace("1.000", "2.000"));
    let r = w.run(&["align", "doc/en.txt", "doc/sq.txt"]).expect(2);
    assert!(
        r.stderr.contains("already has a sq text") && r.stderr.contains("--replace"),
        "{}",
        r.stderr
    );
    assert_eq!(
        w.export(),
        before,
        "a refused align leaves the TM as it was"
    );
    w.run(&["align", "doc/en.txt", "doc/sq.txt", "--replace"])
        .expect(0);
    let after = w.export();
    assert_eq!(after.len(), before.len());
    assert!(
        after[0]["variants"]["sq"]
            .as_str()
            .unwrap()
            .contains("2.000")
    );
}

#[test]
fn dry_run_stores_nothing_and_prints_beads() {
    let w = workspace();
    let r = w
        .run(&[
            "align",
            "doc/en.txt",
            "doc/sq.txt",
            "--dry-run",
            "--format",
            "beads",
        ])
        .expect(0);
    assert_eq!(r.stdout, "[0]:[0]\n[1, 2]:[1]\n[3]:[2]\n");
    assert!(!w.path("memory/tm.sqlite").exists());
}

#[test]
fn jsonl_has_indices_texts_and_confidence() {
    let w = workspace();
    let r = w
        .run(&[
            "align",
            "doc/en.txt",
            "doc/sr-Cyrl.txt",
            "--dry-run",
            "--format",
            "jsonl",
        ])
        .expect(0);
    let rows: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["src"], serde_json::json!([0]));
    assert_eq!(rows[0]["tgt_lang"], "sr-Cyrl");
    assert!(
        rows[2]["tgt_text"]
            .as_str()
            .unwrap()
            .starts_with("Састао се")
    );
    for row in &rows {
        let c = row["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&c));
    }
}

#[test]
fn db_option_and_environment_choose_the_tm() {
    let w = workspace();
    // tm makes the workspace's memory/, not a folder named with --db.
    let r = w
        .run(&["--db", "other/tm.db", "align", "doc/en.txt", "doc/sq.txt"])
        .expect(2);
    assert!(r.stderr.contains("the folder other does not exist"));
    assert!(!w.path("other").exists());
    std::fs::create_dir(w.path("other")).unwrap();
    w.run(&["--db", "other/tm.db", "align", "doc/en.txt", "doc/sq.txt"])
        .expect(0);
    assert!(w.path("other/tm.db").exists());
    let r = w
        .command()
        .args(["stats", "--format", "json"])
        .env("TM_DB", "other/tm.db")
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(stats["units"], 3);
}

#[test]
fn two_processes_writing_one_tm_lose_nothing() {
    let w = Workdir::new();
    let n = 6;
    for i in 0..n {
        w.write(
            &format!("d{i}.en.txt"),
            EN.replace("Monday", &format!("day {i}")),
        );
        w.write(&format!("d{i}.sq.txt"), SQ);
    }
    // Start them together: spawn all, then wait.
    let procs: Vec<_> = (0..n)
        .map(|i| {
            w.command()
                .args([
                    "--db",
                    "shared.sqlite",
                    "align",
                    &format!("d{i}.en.txt"),
                    &format!("d{i}.sq.txt"),
                ])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut p in procs {
        assert!(p.wait().unwrap().success());
    }
    let stats = w
        .run(&["--db", "shared.sqlite", "stats", "--format", "json"])
        .expect(0)
        .stdout;
    let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(stats["documents"].as_array().unwrap().len(), n);
    assert_eq!(stats["units"], 3 * n as i64);
}

/// `sq-r1.txt`: a revision mark after the language tag in a file name is not
/// a subtag; the language is sq, as stored before.
#[test]
fn a_revision_mark_in_a_file_name_is_not_part_of_the_language() {
    let w = workspace();
    w.run(&["align", "doc/en.txt", "doc/sq.txt"]).expect(0);
    w.write("doc/sq-r1.txt", SQ);
    let r = w
        .run(&["diff", "--doc", "doc", "doc/sq-r1.txt", "--format", "json"])
        .expect(0);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["lang"], "sq");
    let r = w
        .run(&["align", "doc/en.txt", "doc/sq-r1.txt", "--dry-run"])
        .expect(0);
    assert!(r.stdout.contains("en → sq:"), "{}", r.stdout);
}

/// The ids of the exported units.
fn ids(units: &[serde_json::Value]) -> Vec<i64> {
    units.iter().map(|u| u["id"].as_i64().unwrap()).collect()
}

#[test]
fn a_changed_source_with_stored_languages_not_given_is_refused() {
    let w = workspace();
    w.run(&["align", "doc/en.txt", "doc/sq.txt", "doc/sr-Latn.txt"])
        .expect(0);
    let before = w.export();
    w.write("doc/en.txt", EN.replace("any connection", "any link"));
    let r = w
        .run(&["align", "doc/en.txt", "doc/sq.txt", "--replace"])
        .expect(2);
    assert!(
        r.stderr.contains("sr-Latn") && r.stderr.contains("--drop"),
        "{}",
        r.stderr
    );
    assert_eq!(w.export(), before, "a refused align changes nothing");
    // Dropped on request: the Serbian texts stay reachable as revisions.
    w.run(&[
        "align",
        "doc/en.txt",
        "doc/sq.txt",
        "--replace",
        "--drop",
        "sr-Latn",
    ])
    .expect(0);
    assert!(
        w.export()
            .iter()
            .all(|u| u["variants"]["sr-Latn"].is_null())
    );
    let h = w.run(&["history", "1"]).expect(0).stdout;
    assert!(h.contains("NATO je poslao 1.000 vojnika"), "{h}");
}

#[test]
fn replacing_a_changed_source_keeps_unchanged_units_and_all_history() {
    let w = workspace();
    w.run(&["align", "doc/en.txt", "doc/sq.txt", "doc/sr-Latn.txt"])
        .expect(0);
    let before = w.export();
    assert_eq!(ids(&before), [1, 2, 3]);
    w.write("doc/en.txt", EN.replace("any connection", "any link"));
    let r = w
        .run(&[
            "align",
            "doc/en.txt",
            "doc/sq.txt",
            "doc/sr-Latn.txt",
            "--replace",
        ])
        .expect(0);
    let after = w.export();
    // Units whose source sentences are unchanged keep their id and texts;
    // the changed one is a new unit, with a new id (3 is never reused).
    assert_eq!(ids(&after), [1, 2, 4], "{after:#?}\n{}", r.stdout);
    assert_eq!(after[..2], before[..2]);
    assert!(
        after[2]["variants"]["en"]
            .as_str()
            .unwrap()
            .contains("any link")
    );
    assert_eq!(
        after[2]["variants"]["sr-Latn"],
        before[2]["variants"]["sr-Latn"]
    );
    // The replaced unit's texts are kept: its history is still there.
    let h = w.run(&["history", "3"]).expect(0).stdout;
    assert!(
        h.contains("Serbia denies any connection with the attack."),
        "{h}"
    );
    assert!(
        h.contains("Srbija poriče bilo kakvu vezu sa napadom."),
        "{h}"
    );
}

/// A sentence inserted into a source already aligned gets a new unit in
/// its place: the kept units move after it, so export, diff and review
/// see the document in its order (the new unit used to tie with the unit
/// whose place it took and come after it).
#[test]
fn a_sentence_inserted_into_a_changed_source_takes_its_place() {
    let w = Workdir::new();
    w.write(
        "a.en.txt",
        "The council met on Monday.\nIt approved the budget.\nThe mayor left early.\n",
    );
    w.write(
        "a.sq.txt",
        "Këshilli u mblodh të hënën.\nAi miratoi buxhetin.\nKryetari u largua herët.\n",
    );
    w.run(&["align", "a.en.txt", "a.sq.txt"]).expect(0);
    w.write(
        "a.en.txt",
        "The council met on Monday.\nThe press was not allowed in.\nIt approved the budget.\nThe mayor left early.\n",
    );
    w.write(
        "a.sq.txt",
        "Këshilli u mblodh të hënën.\nShtypi nuk u lejua të hynte.\nAi miratoi buxhetin.\nKryetari u largua herët.\n",
    );
    w.run(&["align", "a.en.txt", "a.sq.txt", "--replace"])
        .expect(0);
    let units = w.export();
    let en: Vec<&str> = units
        .iter()
        .map(|u| u["variants"]["en"].as_str().unwrap())
        .collect();
    assert_eq!(
        en,
        [
            "The council met on Monday.",
            "The press was not allowed in.",
            "It approved the budget.",
            "The mayor left early."
        ]
    );
    assert_eq!(ids(&units), [1, 4, 2, 3]);
}

#[test]
fn a_source_that_differs_only_in_white_space_or_normal_form_is_unchanged() {
    let w = workspace();
    w.run(&["align", "doc/en.txt", "doc/sr-Latn.txt"]).expect(0);
    let before = w.export();
    // No final newline, CRLF, a double space, and the Serbian in NFD.
    use unicode_normalization::UnicodeNormalization;
    w.write(
        "doc/en.txt",
        EN.trim_end()
            .replace('\n', "\r\n")
            .replace("He met", "He  met"),
    );
    w.write("doc/sr-Latn.txt", SR.nfd().collect::<String>().trim_end());
    let r = w.run(&["align", "doc/en.txt", "doc/sr-Latn.txt"]).expect(0);
    assert!(r.stdout.contains("nothing changed"), "{}", r.stdout);
    let r = w
        .run(&["align", "doc/en.txt", "doc/sr-Latn.txt", "--replace"])
        .expect(0);
    assert!(r.stdout.contains("nothing changed"), "{}", r.stdout);
    assert_eq!(w.export(), before);
    let h = w.run(&["history", "1"]).expect(0).stdout;
    assert!(!h.contains("rev 2"), "no revision was made: {h}");
}

#[test]
fn a_document_has_one_source_language() {
    let w = workspace();
    w.run(&["align", "doc/sr-Latn.txt", "doc/sr-Cyrl.txt", "--doc", "d"])
        .expect(0);
    let before = w.export();
    let r = w
        .run(&["align", "doc/en.txt", "doc/sq.txt", "--doc", "d"])
        .expect(2);
    assert!(
        r.stderr.contains("was aligned from sr-Latn") && r.stderr.contains("one source language"),
        "{}",
        r.stderr
    );
    assert_eq!(w.export(), before);
}

#[test]
fn an_html_page_that_cannot_be_written_stores_nothing() {
    let w = workspace();
    let r = w
        .run(&[
            "align",
            "doc/en.txt",
            "doc/sq.txt",
            "--html",
            "no/such/folder/a.html",
        ])
        .expect(2);
    assert!(r.stderr.contains("a.html"), "{}", r.stderr);
    assert!(
        !w.path("memory/tm.sqlite").exists(),
        "the new TM is removed"
    );
    w.run(&["align", "doc/en.txt", "doc/sr-Latn.txt"]).expect(0);
    let before = w.export();
    w.run(&[
        "align",
        "doc/en.txt",
        "doc/sq.txt",
        "--html",
        "no/such/folder/a.html",
    ])
    .expect(2);
    assert_eq!(w.export(), before, "nothing was stored");
}

#[test]
fn blank_lines_of_segmented_input_are_no_sentences() {
    let w = Workdir::new();
    w.write("en.txt", "One.\n\nTwo.\nThree.\n");
    w.write("sq.txt", "Një.\nDy.\n\nTre.\n");
    w.run(&["align", "en.txt", "sq.txt", "--segmented", "--doc", "d"])
        .expect(0);
    for u in w.export() {
        for (lang, text) in u["variants"].as_object().unwrap() {
            assert!(
                !text.as_str().unwrap().trim().is_empty(),
                "empty {lang}: {u}"
            );
        }
    }
}

#[test]
fn standard_input_as_the_source_needs_a_document_name() {
    let w = workspace();
    let r = w
        .run_with_stdin(&["align", "-", "doc/sq.txt", "--src-lang", "en"], EN)
        .expect(2);
    assert!(r.stderr.contains("--doc"), "{}", r.stderr);
    w.run_with_stdin(
        &["align", "-", "doc/sq.txt", "--src-lang", "en", "--doc", "d"],
        EN,
    )
    .expect(0);
    let r = w
        .run(&["align", "doc/en.txt", "doc/sq.txt", "--doc", "a\nb"])
        .expect(2);
    assert!(r.stderr.contains("control character"), "{}", r.stderr);
}

/// After a source sentence changed, `--replace` gives its new unit the
/// translations the old one had: a text that did not change is told as
/// moved there, not as replaced.
#[test]
fn translations_of_a_changed_source_sentence_are_moved_not_replaced() {
    let w = workspace();
    w.run(&["align", "doc/en.txt", "doc/sq.txt", "doc/sr-Latn.txt"])
        .expect(0);
    w.write("doc/en.txt", EN.replace("any connection", "any link"));
    let r = w
        .run(&[
            "align",
            "doc/en.txt",
            "doc/sq.txt",
            "doc/sr-Latn.txt",
            "--replace",
        ])
        .expect(0);
    assert!(!r.stdout.contains("replaced"), "{}", r.stdout);
    assert_eq!(
        r.stdout
            .matches("1 translation moved to the unit of its changed source sentence")
            .count(),
        2,
        "{}",
        r.stdout
    );
    // A translation that did change is still replaced.
    w.write("doc/en.txt", EN.replace("any connection", "any tie"));
    w.write(
        "doc/sr-Latn.txt",
        SR.replace("bilo kakvu vezu", "bilo kakvu povezanost"),
    );
    let r = w
        .run(&[
            "align",
            "doc/en.txt",
            "doc/sq.txt",
            "doc/sr-Latn.txt",
            "--replace",
            "--format",
            "json",
        ])
        .expect(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let stored = |lang: &str| {
        v["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["tgt_lang"] == lang)
            .unwrap()["stored"]
            .clone()
    };
    assert_eq!(
        (&stored("sq")["moved"], &stored("sq")["revisions"]),
        (&1.into(), &0.into()),
        "{v:#}"
    );
    assert_eq!(
        (&stored("sr-Latn")["moved"], &stored("sr-Latn")["revisions"]),
        (&0.into(), &1.into()),
        "{v:#}"
    );
}

/// `--review` of a run that stores says where it stored, as without it.
#[test]
fn review_without_dry_run_says_where_it_stored() {
    let w = workspace();
    let r = w.run(&["align", "doc/en.txt", "doc/sq.txt", "--review"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("beads to review")
            && r.stdout.contains("stored in memory/tm.sqlite: 3 new units"),
        "{}",
        r.stdout
    );
    assert_eq!(w.export().len(), 3);
    let r = w.run(&["align", "doc/en.txt", "doc/sq.txt", "--review", "--dry-run"]);
    assert!(!r.stdout.contains("stored in"), "{}", r.stdout);
}

/// `--replace` with a translation whose paragraphs stand in another order:
/// each unit keeps its own text (the aligner keeps order, so it used to give
/// a unit its neighbour's sentence).
#[test]
fn replacing_a_reordered_translation_keeps_each_text_in_its_unit() {
    let w = workspace();
    w.run(&["align", "doc/en.txt", "doc/sq.txt"]).expect(0);
    let before = w.export();
    let lines: Vec<&str> = SQ.lines().collect();
    w.write(
        "doc/sq.txt",
        format!("{}\n{}\n{}\n", lines[2], lines[1], lines[0]),
    );
    let r = w
        .run(&["align", "doc/en.txt", "doc/sq.txt", "--replace"])
        .expect(0);
    assert!(!r.stdout.contains("replaced"), "{}", r.stdout);
    assert_eq!(w.export(), before, "{}", r.stdout);
}

#[test]
fn short_text_with_an_added_sentence_leaves_it_alone() {
    // Three sentences and a fourth added in the translation: a third of the
    // German text, so the document's own length ratio (1.74) would pair
    // every English sentence with a longer German one. The pair's usual
    // ratio keeps the added sentence in a 0-1 bead.
    let w = Workdir::new();
    w.write(
        "w.en.txt",
        "The minister arrived in Berlin on Monday. She met the chancellor. They discussed trade.\n",
    );
    w.write(
        "w.de.txt",
        "Die Ministerin traf am Montag in Berlin ein. Sie sagte: \"<script>alert(1)</script> & Co\" \
         sei 'toll'. Sie traf die Kanzlerin. Sie besprachen den Handel.\n",
    );
    let r = w
        .run(&[
            "align",
            "w.en.txt",
            "w.de.txt",
            "--dry-run",
            "--format",
            "beads",
        ])
        .expect(0);
    assert_eq!(r.stdout, "[0]:[0]\n[]:[1]\n[1]:[2]\n[2]:[3]\n");
}

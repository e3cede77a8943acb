//! `tm qa`: a fixture TM with one planted error per check, clean TMs with
//! none, the report formats, tm.toml, exit codes, pairs from files, and the
//! false-positive rate on real professional translations (NTREX-128).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::workdir::{Workdir, repo_file};

const FIXTURES: &str = "tests/data/qa";

/// A workdir with the planted fixture imported, and its tm.toml and glossary.
fn planted() -> Workdir {
    let w = Workdir::new();
    for f in [
        "planted.csv",
        "planted-variant.csv",
        "glossary.toml",
        "tm.toml",
    ] {
        w.copy_from_repo(&format!("{FIXTURES}/{f}"), f);
    }
    w.run(&["import", "planted.csv"]).expect(0);
    // The same source with another translation: only as an alternative.
    w.run(&[
        "import",
        "planted-variant.csv",
        "--on-conflict",
        "add-variant",
    ])
    .expect(0);
    w
}

fn json(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn counts(report: &Value) -> BTreeMap<String, usize> {
    let mut c = BTreeMap::new();
    for f in report["findings"].as_array().unwrap() {
        *c.entry(f["check"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    c
}

fn check_ids(w: &Workdir) -> Vec<String> {
    let r = w
        .run(&["qa", "--list-checks", "--format", "json"])
        .expect(0);
    json(&r.stdout)
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_check_finds_its_planted_error_once() {
    let w = planted();
    let r = w.run(&["qa", "--format", "json"]).expect(1);
    let report = json(&r.stdout);
    let found = counts(&report);
    let ids = check_ids(&w);
    assert_eq!(ids.len(), 26);
    for id in &ids {
        assert_eq!(found.get(id), Some(&1), "{id}: {found:?}");
    }
    assert_eq!(found.len(), ids.len(), "{found:?}");
    assert_eq!(report["summary"]["errors"], 10);
    assert_eq!(report["summary"]["failed"], true);
    // A finding says where: document, unit, languages, span.
    let f = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check"] == "doubled-word")
        .unwrap();
    assert_eq!(f["document"], "planted");
    assert_eq!(f["lang"], "sq");
    assert_eq!(f["src_lang"], "en");
    assert_eq!(f["span"], serde_json::json!({"start": 8, "end": 13}));
    assert!(f["unit"].as_i64().is_some());
}

/// The human report, whole: grouped by document and unit, the source and
/// target under each group. `TM_UPDATE_SNAPSHOTS=1` rewrites the snapshot.
#[test]
fn human_report_snapshot() {
    let w = planted();
    let r = w.run(&["qa"]).expect(1);
    let path = repo_file(&format!("{FIXTURES}/planted.human.txt"));
    if std::env::var_os("TM_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &r.stdout).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        r.stdout, expected,
        "rerun with TM_UPDATE_SNAPSHOTS=1 if intended"
    );
}

#[test]
fn clean_tm_has_no_findings() {
    let w = Workdir::new();
    for f in ["clean.csv", "glossary.toml", "tm.toml"] {
        w.copy_from_repo(&format!("{FIXTURES}/{f}"), f);
    }
    w.run(&["import", "clean.csv"]).expect(0);
    let r = w.run(&["qa", "--format", "json"]).expect(0);
    let report = json(&r.stdout);
    assert_eq!(report["findings"], serde_json::json!([]), "{}", r.stdout);
    assert_eq!(report["summary"]["pairs"], 10);
    let r = w.run(&["qa", "--fail-on", "info"]).expect(0);
    assert!(
        r.stdout
            .ends_with("0 errors, 0 warnings, 0 infos in 10 pairs checked\n")
    );
}

#[test]
fn tmx_inline_codes_are_compared_by_what_they_hold() {
    let w = Workdir::new();
    w.copy_from_repo(&format!("{FIXTURES}/tags.tmx"), "tags.tmx");
    w.run(&["import", "tags.tmx"]).expect(0);
    let r = w.run(&["qa", "--format", "json"]).expect(1);
    let report = json(&r.stdout);
    let found: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == "tag-mismatch")
        .map(|f| {
            (
                f["source"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // "kept" and "renumbered" (other i, other place) are fine; the plain
    // text the finding shows has no markup.
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "Press  to save.");
    assert!(
        found[0].1.contains("missing in the target: {1}"),
        "{found:?}"
    );
    assert_eq!(found[1].0, "Read the terms.");
    assert!(
        found[1].1.contains("missing in the target: </b> <b>")
            && found[1].1.contains("not in the source: </u> <u>"),
        "{found:?}"
    );
    // Beside the plain text, the texts with their codes where they stand,
    // so a reviewer sees where the tags were (JSON and the human report).
    let read = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check"] == "tag-mismatch" && f["source"] == "Read the terms.")
        .unwrap();
    assert_eq!(
        read["source_with_codes"], "Read the <b>terms</b>.",
        "{read}"
    );
    assert_eq!(
        read["target_with_codes"], "Lexoni <u>kushtet</u>.",
        "{read}"
    );
    let human = w.run(&["qa"]).expect(1).stdout;
    assert!(human.contains("Read the <b>terms</b>."), "{human}");
}

#[test]
fn the_sample_article_is_clean() {
    let w = Workdir::new();
    for l in ["en", "sq", "sr-Latn", "sr-Cyrl"] {
        w.copy_from_repo(
            &format!("examples/nato-kosovo/{l}.txt"),
            &format!("{l}.txt"),
        );
    }
    w.copy_from_repo(
        "glossaries/proper-nouns.toml",
        "glossaries/proper-nouns.toml",
    );
    w.run(&["align", "en.txt", "sq.txt", "sr-Latn.txt", "sr-Cyrl.txt"])
        .expect(0);
    let r = w.run(&["qa", "--format", "json"]).expect(0);
    assert_eq!(counts(&json(&r.stdout)), BTreeMap::new());
    // From files too: aligned first, nothing stored.
    let r = w.run(&["qa", "en.txt", "sr-Cyrl.txt"]).expect(0);
    assert!(r.stdout.starts_with("0 errors"), "{}", r.stdout);
}

#[test]
fn exit_codes_follow_fail_on() {
    let w = Workdir::new();
    w.write(
        "u.csv",
        "en,sq\nThe talks went well.,Bisedimet  shkuan mirë.\n",
    );
    w.run(&["import", "u.csv"]).expect(0);
    // A double space is info: not a failure unless asked.
    w.run(&["qa"]).expect(0);
    w.run(&["qa", "--fail-on", "warning"]).expect(0);
    w.run(&["qa", "--fail-on", "info"]).expect(1);
    w.write("tm.toml", "[qa]\nfail-on = \"info\"\n");
    w.run(&["qa"]).expect(1);
    w.run(&["qa", "--fail-on", "never"]).expect(0);
    w.write("tm.toml", "[qa]\n[qa.severity]\ndouble-space = \"error\"\n");
    w.run(&["qa"]).expect(1);
    w.write("tm.toml", "[qa]\ndisable = [\"double-space\"]\n");
    w.run(&["qa", "--fail-on", "info"]).expect(0);
    // Errors are exit 2.
    let r = w.run(&["qa", "--db", "nothing.sqlite"]).expect(2);
    assert!(r.stderr.contains("no translation memory"), "{}", r.stderr);
    let r = w.run(&["qa", "--pair", "en-sq"]).expect(2);
    assert!(r.stderr.contains("SRC:TGT"), "{}", r.stderr);
}

/// A whole Serbian word typed on the other keyboard, whatever its letters
/// (негира in Latin text, negira in Cyrillic text), in both scripts.
#[test]
fn whole_words_in_the_other_script() {
    let w = Workdir::new();
    w.write(
        "en.txt",
        "Serbia denies the attack.\nHe denies the attack here.\n",
    );
    w.write(
        "sr-Latn.txt",
        "Srbija негира napad.\nOn негира напад ovde.\n",
    );
    w.write(
        "sr-Cyrl.txt",
        "Он negira napad ovde.\nОн negira napad ovde.\n",
    );
    let found = |tgt: &str| -> Vec<(u64, u64, String)> {
        let r = w.run(&["qa", "en.txt", tgt, "--format", "json"]).expect(1);
        json(&r.stdout)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["check"] == "mixed-script")
            .map(|f| {
                (
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                    f["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let slip = "has the other script's letters (a whole word typed on the wrong keyboard)";
    assert_eq!(
        found("sr-Latn.txt"),
        [
            (1, 8, format!("'негира' {slip}: retype it as 'negira'")),
            (
                2,
                4,
                format!("'негира' {slip} (and 1 more word): retype it as 'negira'")
            ),
        ]
    );
    assert_eq!(
        found("sr-Cyrl.txt"),
        [
            (
                1,
                4,
                format!("'negira' {slip} (and 2 more words): retype it as 'негира'")
            ),
            (
                2,
                4,
                format!("'negira' {slip} (and 2 more words): retype it as 'негира'")
            ),
        ]
    );
}

/// A month named without a day (Serbian jun, jul) is the month, in both
/// scripts; the wrong month is still an error.
#[test]
fn months_without_a_day() {
    let w = Workdir::new();
    w.write(
        "en.txt",
        "It was June.\nIt was July.\nThe months with the most rain are May, June, July and August.\n",
    );
    w.write(
        "sr-Latn.txt",
        "Bio je jun.\nBio je jul.\nMeseci sa najviše kiše su maj, jun, jul i avgust.\n",
    );
    w.write(
        "sr-Cyrl.txt",
        "Био је јун.\nБио је јул.\nМесеци са највише кише су мај, јун, јул и август.\n",
    );
    for tgt in ["sr-Latn.txt", "sr-Cyrl.txt"] {
        let r = w.run(&["qa", "en.txt", tgt]).expect(0);
        assert_eq!(
            r.stdout,
            "0 errors, 0 warnings, 0 infos in 3 pairs checked\n"
        );
    }
    w.write(
        "sr-Latn.txt",
        "Bio je maj.\nBio je jul.\nMeseci sa najviše kiše su maj, jun, jul i avgust.\n",
    );
    let r = w
        .run(&["qa", "en.txt", "sr-Latn.txt", "--format", "json"])
        .expect(1);
    let report = json(&r.stdout);
    assert_eq!(
        counts(&report),
        BTreeMap::from([("date-month".to_string(), 1)])
    );
    assert_eq!(report["findings"][0]["line"], 1);
}

/// A clock time is one value: 8:00 = 8, 7 = 7:00, 8:30 = 8.30 (sr).
#[test]
fn clock_times() {
    let w = Workdir::new();
    w.write(
        "en.txt",
        "He goes to work at 8:00 a.m.\nIt happened before 7 a.m.\nThe shop opens at 8:30.\n",
    );
    w.write(
        "sr-Latn.txt",
        "Ide na posao u 8 ujutru.\nDogodilo se pre 7:00 ujutru.\nProdavnica se otvara u 8.30.\n",
    );
    let r = w.run(&["qa", "en.txt", "sr-Latn.txt"]).expect(0);
    assert_eq!(
        r.stdout,
        "0 errors, 0 warnings, 0 infos in 3 pairs checked\n"
    );
    w.write(
        "sr-Latn.txt",
        "Ide na posao u 9 ujutru.\nDogodilo se pre 7:00 ujutru.\nProdavnica se otvara u 8.30.\n",
    );
    let r = w
        .run(&["qa", "en.txt", "sr-Latn.txt", "--format", "github"])
        .expect(1);
    assert_eq!(
        r.stdout,
        "::error file=sr-Latn.txt,line=1,col=1,title=tm qa number-missing::en → sr-Latn: the source time 8:00 a.m. is not in the target: check it
::warning file=sr-Latn.txt,line=1,col=16,title=tm qa number-extra::en → sr-Latn: the target has 9, which the source does not: check it
"
    );
}

/// tm.toml takes the same four levels as --fail-on, and the flag wins.
#[test]
fn fail_on_never_in_tm_toml() {
    let w = Workdir::new();
    w.write("en.txt", "The talks went well.\n");
    w.write("sq.txt", "Bisedimet shkuan mirë\n");
    let qa = ["qa", "en.txt", "sq.txt"];
    w.write("tm.toml", "[qa]\nfail-on = \"never\"\n");
    w.run(&qa).expect(0);
    w.run(&[&qa[..], &["--fail-on", "warning"]].concat())
        .expect(1);
    w.write("tm.toml", "[qa]\nfail-on = \"warning\"\n");
    w.run(&qa).expect(1);
    w.run(&[&qa[..], &["--fail-on", "never"]].concat())
        .expect(0);
    w.write("tm.toml", "[qa]\nfail-on = \"always\"\n");
    let r = w.run(&qa).expect(2);
    assert!(
        r.stderr
            .contains("tm.toml:2:11: fail-on is \"error\", \"warning\", \"info\" or \"never\""),
        "{}",
        r.stderr
    );
}

#[test]
fn ignores_need_a_reason_and_silence_one_unit() {
    let w = Workdir::new();
    w.write(
        "u.csv",
        "en,sq\nThe army sent 4500 soldiers.,Ushtria dërgoi katër mijë e pesëqind ushtarë.\nThe army sent 300 soldiers.,Ushtria dërgoi ushtarë.\n",
    );
    w.run(&["import", "u.csv"]).expect(0);
    let r = w.run(&["qa", "--format", "json"]).expect(1);
    assert_eq!(counts(&json(&r.stdout))["number-missing"], 2);
    w.write(
        "tm.toml",
        "[qa]\n\n[[qa.ignore]]\ncheck = \"number-missing\"\nunit = 1\nlang = \"sq\"\n",
    );
    let r = w.run(&["qa"]).expect(2);
    assert!(
        r.stderr.contains("tm.toml:3:") && r.stderr.contains("needs a `reason`"),
        "{}",
        r.stderr
    );
    w.write(
        "tm.toml",
        "[qa]\n\n[[qa.ignore]]\ncheck = \"number-missing\"\nunit = 1\nlang = \"sq\"\nreason = \"spelled out in words\"\n",
    );
    let r = w.run(&["qa"]).expect(1);
    assert!(r.stdout.contains("(1 ignored by tm.toml)"), "{}", r.stdout);
    assert!(r.stdout.contains("unit 2"), "{}", r.stdout);
    assert!(!r.stdout.contains("unit 1 "), "{}", r.stdout);
    // By source text: stable across TMs.
    w.write(
        "tm.toml",
        "[qa]\n[[qa.ignore]]\ncheck = \"number-missing\"\nsource = \"The army sent 300 soldiers.\"\nreason = \"checked\"\n[[qa.ignore]]\ncheck = \"number-missing\"\nunit = 1\nreason = \"spelled out\"\n",
    );
    w.run(&["qa"]).expect(0);
}

#[test]
fn stale_ignores_are_noted_without_failing() {
    let w = Workdir::new();
    w.write(
        "u.csv",
        "en,sq\nThe army sent 300 soldiers.,Ushtria dërgoi ushtarë.\nHe left.,Ai u largua.\n",
    );
    w.run(&["import", "u.csv"]).expect(0);
    w.write(
        "tm.toml",
        "[qa]\n[[qa.ignore]]\ncheck = \"number-missing\"\nunit = 1\nreason = \"checked\"\n\n[[qa.ignore]]\ncheck = \"number-missing\"\nunit = 99999\nreason = \"a unit long gone\"\n\n[[qa.ignore]]\ncheck = \"final-punctuation\"\nunit = 2\nreason = \"fixed since\"\n",
    );
    let r = w.run(&["qa"]).expect(0);
    assert!(
        r.stderr.contains("tm: note: tm.toml:7: the [[qa.ignore]] of `number-missing` (unit 99999) silenced nothing in this run"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("tm.toml:12: the [[qa.ignore]] of `final-punctuation` (unit 2)"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("tm.toml:2:"), "{}", r.stderr);
    let r = w.run(&["qa", "--format", "json"]).expect(0);
    let unused = json(&r.stdout)["summary"]["unused_ignores"].clone();
    assert_eq!(
        unused,
        serde_json::json!([
            {"at": "tm.toml:7", "check": "number-missing", "unit": 99999, "reason": "a unit long gone"},
            {"at": "tm.toml:12", "check": "final-punctuation", "unit": 2, "reason": "fixed since"}
        ])
    );
}

/// An ignore's `lang` is a range (fr covers fr-CA), and an entry for a
/// language a `--lang` run leaves out is not reached, not stale.
#[test]
fn ignores_by_language_range_and_out_of_scope() {
    let w = Workdir::new();
    w.write(
        "u.csv",
        "en,de,fr-CA\nThe army sent 300 soldiers.,Die Armee schickte Soldaten.,L'armée a envoyé des soldats.\n",
    );
    w.run(&["import", "u.csv"]).expect(0);
    w.write(
        "tm.toml",
        "[qa]\n[[qa.ignore]]\ncheck = \"number-missing\"\nunit = 1\nlang = \"fr\"\nreason = \"spelled out\"\n\n[[qa.ignore]]\ncheck = \"number-missing\"\nunit = 1\nlang = \"de\"\nreason = \"spelled out\"\n",
    );
    let r = w.run(&["qa"]).expect(0);
    assert!(r.stdout.contains("(2 ignored by tm.toml)"), "{}", r.stdout);
    assert!(!r.stderr.contains("silenced nothing"), "{}", r.stderr);
    let r = w.run(&["qa", "--lang", "de"]).expect(0);
    assert!(
        r.stderr.contains("tm: note: tm.toml:2: the [[qa.ignore]] of `number-missing` (unit 1, lang fr) was not reached by this run (--lang de)"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("silenced nothing"), "{}", r.stderr);
}

#[test]
fn filters_by_document_language_and_pair() {
    let w = Workdir::new();
    w.write(
        "u.csv",
        "document,en,sq,sr-Latn\na,The talks ended.,Bisedimet përfunduan,Razgovori su završeni.\nb,The vote was held.,Votimi u mbajt.,Glasanje je održano\n",
    );
    w.run(&["import", "u.csv"]).expect(0);
    let checks = |args: &[&str]| -> Vec<(String, String)> {
        let mut a = vec!["qa", "--format", "json", "--fail-on", "never"];
        a.extend_from_slice(args);
        let r = w.run(&a).expect(0);
        json(&r.stdout)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["document"].as_str().unwrap().to_string(),
                    f["lang"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let all = checks(&[]);
    assert_eq!(
        all,
        [("a".into(), "sq".into()), ("b".into(), "sr-Latn".into())]
    );
    assert_eq!(checks(&["--doc", "b"]), [("b".into(), "sr-Latn".into())]);
    assert_eq!(checks(&["--lang", "sq"]), [("a".into(), "sq".into())]);
    assert_eq!(
        checks(&["--pair", "en:sr-Latn"]),
        [("b".into(), "sr-Latn".into())]
    );
    // A required language is checked only when it is among those chosen.
    w.write("tm.toml", "[qa]\nrequired-languages = [\"de\"]\n");
    assert_eq!(checks(&["--pair", "en:sq"]), [("a".into(), "sq".into())]);
    assert_eq!(checks(&[]).len(), 4);
    let r = w.run(&["qa", "--doc", "c"]).expect(2);
    assert!(r.stderr.contains("no document named 'c'"), "{}", r.stderr);
    // A language the TM lacks is an error too, not "0 pairs checked".
    for bad in [
        &["--lang", "de"][..],
        &["--lang", "sq-AL"],
        &["--pair", "en:xx"],
        &["--pair", "de:sq"],
    ] {
        let r = w.run(&[&["qa"][..], bad].concat()).expect(2);
        assert!(
            r.stderr.contains("(its languages: en, sq, sr-Latn)"),
            "{bad:?}: {}",
            r.stderr
        );
    }
    // `sr` covers sr-Latn (and sr-Cyrl).
    assert_eq!(checks(&["--lang", "sr"]), [("b".into(), "sr-Latn".into())]);
}

/// Two files: aligned first; findings name the line and column of TGT.
fn files() -> Workdir {
    let w = Workdir::new();
    w.write(
        "en.txt",
        "Talks in Brussels\n\nThe talks lasted three days. Both sides signed 12 documents.\n\nThe next round is in September.\n",
    );
    w.write(
        "sq.txt",
        "Bisedimet në Bruksel\n\nBisedimet zgjatën tre ditë. Të dyja palët nënshkruan 21 dokumente.\n\nRaundi i ardhshëm është në tetor.\n",
    );
    w
}

#[test]
fn pairs_from_files_report_lines() {
    let w = files();
    let r = w
        .run(&["qa", "en.txt", "sq.txt", "--format", "json"])
        .expect(1);
    let report = json(&r.stdout);
    let found: Vec<(String, u64, u64)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["check"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("number-missing".to_string(), 3, 29),
            ("number-extra".to_string(), 3, 54),
            ("date-month".to_string(), 5, 1),
        ],
        "{}",
        r.stdout
    );
    assert!(report["findings"][0].get("unit").is_none());
    assert_eq!(report["findings"][0]["document"], "sq.txt");
    let r = w.run(&["qa", "en.txt", "sq.txt"]).expect(1);
    assert!(r.stdout.contains("sq.txt:3:29 · en → sq"), "{}", r.stdout);
    // Nothing was stored.
    assert!(!w.path("memory/tm.sqlite").exists());
    let r = w.run(&["qa", "en.txt"]).expect(2);
    assert!(r.stderr.contains("two files"), "{}", r.stderr);
}

#[test]
fn github_annotations() {
    let w = files();
    let r = w
        .run(&["qa", "en.txt", "sq.txt", "--format", "github"])
        .expect(1);
    assert_eq!(
        r.stdout,
        "::error file=sq.txt,line=3,col=29,title=tm qa number-missing::en → sq: the source number 12 is not in the target: write it as 12
::warning file=sq.txt,line=3,col=54,title=tm qa number-extra::en → sq: the target has 21, which the source does not: check it
::error file=sq.txt,line=5,col=1,title=tm qa date-month::en → sq: the source names September (month 9) but the target does not: check the date
"
    );
    // TM findings name document and unit; escapes keep one line per finding.
    let w = planted();
    let r = w.run(&["qa", "--format", "github"]).expect(1);
    assert_eq!(r.stdout.lines().count(), 26);
    assert!(
        r.stdout.lines().all(
            |l| l.starts_with("::error file=memory/tm.sqlite,title=tm qa ")
                || l.starts_with("::warning file=memory/tm.sqlite,title=tm qa ")
                || l.starts_with("::notice file=memory/tm.sqlite,title=tm qa ")
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("::planted · unit 1 · en → sq: the source names Pristina"),
        "{}",
        r.stdout
    );
}

#[test]
fn junit_is_well_formed_with_a_suite_per_check() {
    let w = planted();
    let r = w.run(&["qa", "--format", "junit"]).expect(1);
    let mut reader = quick_xml::Reader::from_str(&r.stdout);
    let (mut suites, mut cases, mut failures) = (0, 0, 0);
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    b"testsuite" => suites += 1,
                    b"testcase" => cases += 1,
                    b"failure" => failures += 1,
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(suites, 26);
    assert_eq!(cases, 26);
    // Errors fail; warnings and infos are passing cases with their message.
    assert_eq!(failures, 10);
    assert!(r.stdout.contains("tests=\"26\" failures=\"10\""));
    // The zero-width space of the planted text is written as is (valid XML).
    assert!(r.stdout.contains("Ura\u{200b}"));
}

/// A run that checked no pair (an empty TM) is no green JUnit report:
/// every check is a skipped case.
#[test]
fn junit_of_a_run_that_checked_nothing_skips_every_check() {
    let w = Workdir::new();
    w.write("e.tsv", "en\tsq\n");
    w.run(&["import", "e.tsv"]);
    let r = w.run(&["qa", "--format", "junit"]).expect(0);
    let cases = r.stdout.matches("<testcase").count();
    assert!(cases > 20, "{}", r.stdout);
    assert_eq!(
        r.stdout
            .matches("<skipped message=\"0 pairs checked\"/>")
            .count(),
        cases
    );
    assert!(!r.stdout.contains("no findings"), "{}", r.stdout);
    assert!(
        r.stdout.contains(&format!("skipped=\"{cases}\">")),
        "{}",
        r.stdout
    );
}

/// SARIF 2.1.0: the fields the schema requires, and those code-scanning
/// views use, checked by hand (see src/cli/qa/sarif.rs).
#[test]
fn sarif_has_the_required_fields() {
    for (w, args) in [
        (planted(), vec!["qa", "--format", "sarif"]),
        (files(), vec!["qa", "en.txt", "sq.txt", "--format", "sarif"]),
    ] {
        let r = w.run(&args).expect(1);
        let s = json(&r.stdout);
        assert_eq!(s["version"], "2.1.0");
        assert!(s["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
        let run = &s["runs"][0];
        assert_eq!(run["tool"]["driver"]["name"], "tm");
        let rules: Vec<&str> = run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert_eq!(rules.len(), 26);
        let results = run["results"].as_array().unwrap();
        assert!(!results.is_empty());
        for res in results {
            let id = res["ruleId"].as_str().unwrap();
            let index = res["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index], id);
            assert!(["error", "warning", "note"].contains(&res["level"].as_str().unwrap()));
            assert!(!res["message"]["text"].as_str().unwrap().is_empty());
            let loc = &res["locations"][0]["physicalLocation"];
            assert!(!loc["artifactLocation"]["uri"].as_str().unwrap().is_empty());
            if let Some(region) = loc.get("region") {
                assert!(region["startLine"].as_u64().unwrap() >= 1);
                assert!(region["startColumn"].as_u64().unwrap() >= 1);
            }
            assert!(res["partialFingerprints"]["tmQaFinding/v1"].is_string());
        }
    }
}

/// NTREX-128 lines 851–1150 (tests/data/qa/ntrex, CC BY-SA 4.0) as a TM.
fn ntrex_sample() -> Workdir {
    let w = Workdir::new();
    let read =
        |l: &str| std::fs::read_to_string(repo_file(&format!("{FIXTURES}/ntrex/{l}.txt"))).unwrap();
    let cols: Vec<String> = ["documents", "en", "sq", "sr-Latn", "sr-Cyrl"]
        .iter()
        .map(|l| read(l))
        .collect();
    let lines: Vec<Vec<&str>> = cols.iter().map(|c| c.lines().collect()).collect();
    let mut tsv = String::from("document\ten\tsq\tsr-Latn\tsr-Cyrl\n");
    for i in 0..lines[0].len() {
        let row: Vec<&str> = lines.iter().map(|l| l[i]).collect();
        tsv.push_str(&row.join("\t"));
        tsv.push('\n');
    }
    w.write("ntrex.tsv", tsv);
    w.copy_from_repo(
        "glossaries/proper-nouns.toml",
        "glossaries/proper-nouns.toml",
    );
    w.run(&["import", "ntrex.tsv"]).expect(0);
    w
}

/// Per check, findings per 100 pairs of one target language.
fn rates(report: &Value, lang: &str, pairs: usize) -> BTreeMap<String, f64> {
    let mut c: BTreeMap<String, f64> = BTreeMap::new();
    for f in report["findings"].as_array().unwrap() {
        if f["lang"] == lang {
            *c.entry(f["check"].as_str().unwrap().to_string())
                .or_default() += 100.0 / pairs as f64;
        }
    }
    c
}

#[test]
fn few_findings_on_professional_translations() {
    let w = ntrex_sample();
    let r = w
        .run(&["qa", "--lang", "sq,sr-Latn", "--format", "json"])
        .expect(1);
    let report = json(&r.stdout);
    assert_eq!(report["summary"]["pairs"], 600);
    for lang in ["sq", "sr-Latn"] {
        let rates = rates(&report, lang, 300);
        let total: f64 = rates.values().sum();
        // Measured on this sample: sq 1.7, sr-Latn 2.7 findings per 100
        // units (on all 1,997 lines of NTREX: 2.4 and 2.8), many of them real
        // (numbers in en format, dropped dates, quotes closed with the wrong mark).
        assert!(total <= 8.0, "{lang}: {total:.1} per 100: {rates:?}");
        for (check, rate) in &rates {
            assert!(*rate <= 3.0, "{lang} {check}: {rate:.1} per 100: {rates:?}");
        }
        assert!(!rates.contains_key("mixed-script"), "{lang}: {rates:?}");
    }
}

#[test]
fn catches_latin_look_alikes_in_serbian_cyrillic() {
    let w = ntrex_sample();
    let r = w
        .run(&["qa", "--lang", "sr-Cyrl", "--format", "json"])
        .expect(1);
    let report = json(&r.stdout);
    // 203 of these 300 lines have Latin letters inside Cyrillic words, and
    // one a Latin preposition: "o GOP сенаторима".
    assert_eq!(counts(&report)["mixed-script"], 204);
    let f = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check"] == "mixed-script")
        .unwrap();
    assert!(
        f["message"].as_str().unwrap().contains("retype it as"),
        "{f}"
    );
}

/// `tm qa` of a source and a translation of the shared corpora (next to the
/// repository, as on the build machine), imported line by line; None when
/// they are not there.
fn qa_shared(dir: &str, src: &str, tgt: &str, lang: &str) -> Option<Value> {
    let dir = repo_file(&format!("../shared/corpora/{dir}"));
    if !dir.exists() {
        eprintln!("skipped: no {}", dir.display());
        return None;
    }
    let zcat = |f: &str| {
        let out = std::process::Command::new("zcat")
            .arg(dir.join(f))
            .output()
            .expect("zcat");
        String::from_utf8(out.stdout).unwrap()
    };
    let (en, tr) = (zcat(src), zcat(tgt));
    let mut tsv = format!("en\t{lang}\n");
    for (a, b) in en.lines().zip(tr.lines()) {
        tsv.push_str(&format!("{a}\t{b}\n"));
    }
    let w = Workdir::new();
    w.write("corpus.tsv", tsv);
    w.run(&["import", "corpus.tsv"]).expect(0);
    let r = w
        .run(&["qa", "--format", "json", "--fail-on", "never"])
        .expect(0);
    Some(json(&r.stdout))
}

/// The whole srp-Cyrl file of NTREX: its 499 lines with Latin look-alikes
/// inside words, and one more with a whole Latin word (o GOP, for о); the
/// srp-Latn file is clean.
#[test]
fn catches_all_499_look_alike_lines_of_ntrex() {
    let src = "newstest2019-src.eng.txt.gz";
    let Some(report) = qa_shared(
        "ntrex128",
        src,
        "newstest2019-ref.srp-Cyrl.txt.gz",
        "sr-Cyrl",
    ) else {
        return;
    };
    assert_eq!(report["summary"]["pairs"], 1997);
    assert_eq!(counts(&report)["mixed-script"], 500);
    let gop = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["check"] == "mixed-script"
                && f["source"]
                    .as_str()
                    .unwrap()
                    .starts_with("Maxine Waters denies")
        })
        .unwrap();
    assert!(
        gop["message"]
            .as_str()
            .unwrap()
            .starts_with("'o' has the other script's letters"),
        "{gop}"
    );
    let report = qa_shared(
        "ntrex128",
        src,
        "newstest2019-ref.srp-Latn.txt.gz",
        "sr-Latn",
    )
    .unwrap();
    assert_eq!(counts(&report).get("mixed-script"), None);
}

/// FLORES-200 srp_Cyrl: its 4 lines with Latin letters inside a word, and
/// none of its Latin names, units, species and quotations.
#[test]
fn flores_serbian_has_only_its_4_mixed_lines() {
    let Some(report) = qa_shared(
        "flores200-devtest",
        "eng_Latn.devtest.gz",
        "srp_Cyrl.devtest.gz",
        "sr-Cyrl",
    ) else {
        return;
    };
    assert_eq!(report["summary"]["pairs"], 1012);
    assert_eq!(counts(&report)["mixed-script"], 4);
}

/// A look-alike letter the language lacks is never proposed: Serbian has
/// no і or ѕ (Ukrainian, Macedonian), Macedonian no і.
#[test]
fn look_alikes_are_retyped_in_letters_of_the_language() {
    let w = Workdir::new();
    w.write("a.en.txt", "He went there.\n\nHe went there too.\n");
    w.write(
        "a.sr-Cyrl.txt",
        "Отишао је у Sрбију.\n\nОтишао је и у Приштинi.\n",
    );
    w.write("a.mk.txt", "Отиде во Sкопје.\n\nОтиде и во Битолi.\n");
    let messages = |tgt: &str| -> Vec<String> {
        let r = w
            .run(&["qa", "a.en.txt", tgt, "--format", "json"])
            .expect(1);
        json(&r.stdout)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["check"] == "mixed-script")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect()
    };
    let sr = messages("a.sr-Cyrl.txt");
    assert_eq!(sr.len(), 2, "{sr:?}");
    assert!(sr[0].contains("retype it as 'Србију'"), "{sr:?}");
    assert!(sr[1].contains("retype it as 'Приштини'"), "{sr:?}");
    let mk = messages("a.mk.txt");
    assert_eq!(mk.len(), 2, "{mk:?}");
    assert!(mk[0].contains("retype it as 'Ѕкопје'"), "{mk:?}");
    assert!(mk[1].contains("retype it as 'Битоли'"), "{mk:?}");
}

/// A tm.toml that names a glossary not there, a --config not there, a table
/// in the wrong case and a check both enabled and disabled are errors: each
/// would otherwise check less than asked without a word.
#[test]
fn workspace_file_mistakes_are_errors_not_silence() {
    let w = Workdir::new();
    w.write("en.txt", "The talks went well.\n");
    w.write("sq.txt", "Bisedimet shkuan mirë.\n");
    let qa = ["qa", "en.txt", "sq.txt"];
    w.write(
        "tm.toml",
        "[qa]\nglossary = \"glossaries/proper-noun.toml\"\n",
    );
    let r = w.run(&qa).expect(2);
    assert!(
        r.stderr
            .contains("tm.toml:2:12: there is no glossary at glossaries/proper-noun.toml"),
        "{}",
        r.stderr
    );
    w.write("tm.toml", "[qa]\n");
    w.run(&qa).expect(0);
    let r = w
        .run(&[&qa[..], &["--config", "nonexistent.toml"]].concat())
        .expect(2);
    assert!(
        r.stderr
            .contains("there is no workspace file at nonexistent.toml"),
        "{}",
        r.stderr
    );
    w.write("tm.toml", "[QA]\nfail-on = \"never\"\n");
    let r = w.run(&qa).expect(2);
    assert!(
        r.stderr.contains("tm.toml:1:2: unknown table `QA`"),
        "{}",
        r.stderr
    );
    w.write("tm.toml", "[qa]\n[aligner]\nx = 1\n");
    let r = w.run(&qa).expect(0);
    assert!(
        r.stderr
            .contains("tm: warning: tm.toml:2: unknown table `aligner`"),
        "{}",
        r.stderr
    );
    w.write(
        "tm.toml",
        "[qa]\nenable = [\"double-space\"]\ndisable = [\"double-space\"]\n",
    );
    let r = w.run(&qa).expect(2);
    assert!(
        r.stderr
            .contains("`double-space` is in both `enable` and `disable`"),
        "{}",
        r.stderr
    );
}

/// A name typed decomposed (NFD) is the name: only `not-nfc` says so, no
/// `term-diacritics`.
#[test]
fn decomposed_names_are_only_not_nfc() {
    let w = Workdir::new();
    w.copy_from_repo(
        "glossaries/proper-nouns.toml",
        "glossaries/proper-nouns.toml",
    );
    w.write("a.en.txt", "Milan Radoičić led the group.\n");
    w.write(
        "a.sr-Latn.txt",
        "Milan Radoic\u{30c}ic\u{301} je predvodio grupu.\n",
    );
    let r = w
        .run(&[
            "qa",
            "a.en.txt",
            "a.sr-Latn.txt",
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        .expect(0);
    let report = json(&r.stdout);
    assert_eq!(
        counts(&report),
        BTreeMap::from([("not-nfc".to_string(), 1)]),
        "{}",
        r.stdout
    );
}

/// Two sentences of one line are two groups in the human report, each with
/// its own place, source and target.
#[test]
fn human_report_groups_by_segment_not_by_line() {
    let w = Workdir::new();
    w.copy_from_repo(
        "glossaries/proper-nouns.toml",
        "glossaries/proper-nouns.toml",
    );
    w.write(
        "a.en.txt",
        "Kurti met Stoltenberg in Pristina. The vote was on 3 May.\n",
    );
    w.write(
        "a.sq.txt",
        "Kurti u takua me Stoltenbergun në Pristina. Votimi ishte më 3 qershor.\n",
    );
    let r = w
        .run(&["qa", "a.en.txt", "a.sq.txt", "--color", "never"])
        .expect(1);
    let want = "\
a.sq.txt:1:35 · en → sq
  error   term-forbidden           'Pristina' is a forbidden term for Pristina; use 'Prishtinë'
    en: Kurti met Stoltenberg in Pristina.
    sq: Kurti u takua me Stoltenbergun në ⟦Pristina⟧.

a.sq.txt:1:45 · en → sq
  error   date-month               the source names May (month 5) but the target does not: check the date
    en: The vote was on 3 May.
    sq: Votimi ishte më 3 qershor.
";
    assert!(r.stdout.starts_with(want), "{}", r.stdout);
}

/// Terms tagged with a region (sr-Latn-RS, sr-Cyrl-RS, as MultiTerm writes
/// them): an sr-Latn target is told the sr-Latn-RS term, not the Cyrillic one.
#[test]
fn region_subtags_keep_the_script_of_the_proposed_term() {
    let w = Workdir::new();
    w.write(
        "g.toml",
        "[[concept]]\nid = \"nis\"\ntype = \"place\"\nen-US = [\"Nis\"]\nsr-Cyrl-RS = [\"Ниш\"]\nsr-Latn-RS = [\"Niš\"]\n",
    );
    w.write("a.en.txt", "He went to Nis.\n");
    w.write("a.sr-Latn.txt", "Otišao je u Beograd.\n");
    w.write("a.sr-Cyrl.txt", "Отишао је у Београд.\n");
    let r = w
        .run(&["qa", "a.en.txt", "a.sr-Latn.txt", "--glossary", "g.toml"])
        .expect(1);
    assert!(
        r.stdout.contains("the target should too: 'Niš'"),
        "{}",
        r.stdout
    );
    let r = w
        .run(&["qa", "a.en.txt", "a.sr-Cyrl.txt", "--glossary", "g.toml"])
        .expect(1);
    assert!(
        r.stdout.contains("the target should too: 'Ниш'"),
        "{}",
        r.stdout
    );
}

/// The planted errors of `bad` (a number, a name, a placeholder) under a
/// source column named `src`.
fn regional_source(src: &str) -> String {
    format!(
        "{src},sq,sr-Latn\n\
         NATO sent 1000 troops on 24 September.,NATO dërgoi trupa më 24 shtator.,NATO je poslao 1000 vojnika 24. septembra.\n\
         Click {{0}} to save %s.,Kliko {{0}} për të ruajtur.,Kliknite {{1}} da sačuvate %s.\n"
    )
}

/// Each unit is checked from the source language the TM records for it (a
/// table's first column, a TMX srclang, the source document of tm align),
/// whatever its region, never from an `en` that it lacks.
#[test]
fn each_unit_is_checked_from_its_recorded_source() {
    let errors = |w: &Workdir, args: &[&str]| -> (u64, Vec<String>) {
        let r = w
            .run(&[&["qa", "--format", "json"][..], args].concat())
            .expect(1);
        let report = json(&r.stdout);
        let srcs = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["src_lang"].as_str().unwrap().to_string())
            .collect();
        (report["summary"]["errors"].as_u64().unwrap(), srcs)
    };
    let w = Workdir::new();
    w.write("en.csv", regional_source("en"));
    w.run(&["import", "en.csv"]).expect(0);
    let (expected, _) = errors(&w, &[]);
    assert!(expected >= 3, "{expected}");
    // The same file from a tool that writes regions: the same errors.
    let w = Workdir::new();
    w.write("us.csv", regional_source("en-US"));
    w.run(&["import", "us.csv"]).expect(0);
    let (n, srcs) = errors(&w, &[]);
    assert_eq!(n, expected);
    assert!(srcs.iter().all(|s| s == "en-US"), "{srcs:?}");
    // A range names it: `en` covers en-US (option and tm.toml alike).
    assert_eq!(errors(&w, &["--src-lang", "en"]).0, expected);
    assert_eq!(errors(&w, &["--lang", "sq"]).0, 2);
    for format in ["sarif", "github"] {
        let r = w.run(&["qa", "--format", format]).expect(1);
        assert!(
            r.stdout.contains("number-missing"),
            "{format}: {}",
            r.stdout
        );
    }
    w.write("tm.toml", "[qa]\nsource-language = \"en\"\n");
    assert_eq!(errors(&w, &[]).0, expected);

    // A TMX whose srclang is en-US (OmegaT, Trados).
    let w = Workdir::new();
    w.write(
        "t.tmx",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header creationtool=\"OmegaT\" \
         creationtoolversion=\"6\" segtype=\"sentence\" o-tmf=\"OmegaT TMX\" adminlang=\"EN-US\" \
         srclang=\"EN-US\" datatype=\"plaintext\"/><body>\n\
         <tu><tuv xml:lang=\"EN-US\"><seg>They sent 1000 troops.</seg></tuv>\
         <tuv xml:lang=\"SQ\"><seg>Ata dërguan trupa.</seg></tuv></tu>\n</body></tmx>\n",
    );
    w.run(&["import", "t.tmx"]).expect(0);
    let (n, srcs) = errors(&w, &[]);
    assert_eq!((n, srcs), (1, vec!["en-US".to_string()]));

    // The source column is Albanian: the English lacks the number (an
    // error), rather than the Albanian having one more (a warning).
    let w = Workdir::new();
    w.write(
        "sq.csv",
        "sq,en\nNATO dërgoi 1000 trupa.,NATO sent troops.\n",
    );
    w.run(&["import", "sq.csv"]).expect(0);
    let r = w.run(&["qa", "--format", "json"]).expect(1);
    let report = json(&r.stdout);
    let f = &report["findings"][0];
    assert_eq!(
        (&f["check"], &f["src_lang"], &f["lang"]),
        (&"number-missing".into(), &"sq".into(), &"en".into()),
        "{}",
        r.stdout
    );

    // tm align: the document's source is the first file's language, in a
    // TM that holds an imported en-US table too.
    w.write("doc.sq.txt", "Ata nënshkruan 12 dokumente.\n");
    w.write("doc.en.txt", "They signed documents.\n");
    w.run(&["align", "doc.sq.txt", "doc.en.txt", "--doc", "d"])
        .expect(0);
    w.write("us.csv", regional_source("en-US"));
    w.run(&["import", "us.csv"]).expect(0);
    let r = w.run(&["qa", "--format", "json", "--doc", "d"]).expect(1);
    let report = json(&r.stdout);
    assert_eq!(report["summary"]["pairs"], 1);
    assert_eq!(report["findings"][0]["check"], "number-missing");
    assert_eq!(report["findings"][0]["src_lang"], "sq");
    let r = w.run(&["qa", "--format", "json"]).expect(1);
    assert_eq!(json(&r.stdout)["summary"]["pairs"], 6);
}

/// A run that checks no pair of a TM that holds translations says so and
/// fails: a CI must not pass on nothing checked.
#[test]
fn checking_nothing_is_an_error() {
    let w = Workdir::new();
    w.write(
        "sq.csv",
        "sq,en\nNATO dërgoi 1000 trupa.,NATO sent troops.\n",
    );
    w.run(&["import", "sq.csv"]).expect(0);
    // sq is the source of every unit: there is no sq target to check.
    let r = w.run(&["qa", "--lang", "sq"]).expect(2);
    assert!(r.stderr.contains("no pair"), "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    // A TM of one language has nothing to check: that is no error.
    let w = Workdir::new();
    w.write("en.csv", "en\nOne sentence.\n");
    w.run(&["import", "en.csv"]).expect(0);
    let r = w.run(&["qa"]).expect(0);
    assert!(r.stdout.contains("in 0 pairs checked"), "{}", r.stdout);
}

/// `--src-lang` checks the units that have that text; those that do not
/// are counted on stderr, not passed over in silence.
#[test]
fn units_without_the_source_asked_for_are_counted() {
    let w = Workdir::new();
    w.write(
        "t.csv",
        "en,sq,hi
Yes.,Po.,हाँ।
No.,Jo.,
Maybe.,Ndoshta.,
",
    );
    w.run(&["import", "t.csv"]).expect(0);
    let r = w.run(&["qa", "--src-lang", "hi"]).expect(0);
    assert!(r.stdout.contains("in 2 pairs checked"), "{}", r.stdout);
    assert!(
        r.stderr
            .contains("2 units have no text in hi and were not checked"),
        "{}",
        r.stderr
    );
    let r = w.run(&["qa"]).expect(0);
    assert!(!r.stderr.contains("not checked"), "{}", r.stderr);
}

/// Digits of other scripts are numbers by value, and the sentence marks of
/// other scripts end a sentence as their Latin equivalents do.
#[test]
fn numbers_and_final_marks_of_other_scripts() {
    let w = Workdir::new();
    w.write(
        "fw.csv",
        "en,ja,mr,ar,zh,el,hi\n\
         The telephone was invented in 1876.,電話は１８７６年に発明された。,दूरध्वनीचा शोध १८७६ साली लागला.,اخترع الهاتف عام ١٨٧٦.,电话是1876年发明的！,Το τηλέφωνο εφευρέθηκε το 1876;,टेलीफोन का आविष्कार 1876 में हुआ था।\n",
    );
    w.run(&["import", "fw.csv"]).expect(0);
    let r = w.run(&["qa", "--format", "json"]).expect(0);
    let report = json(&r.stdout);
    let found: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            let check = f["check"].as_str().unwrap();
            check.starts_with("number-") || check == "final-punctuation"
        })
        .map(|f| {
            (
                f["lang"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // Only the two that end otherwise: an exclamation, a Greek question.
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "el");
    assert!(found[0].1.contains("the target with ';'"), "{found:?}");
    assert_eq!(found[1].0, "zh");
    assert!(found[1].1.contains("the target with '！'"), "{found:?}");
}

/// A repetition of the source (very, very) excuses a doubled word of the
/// target only if that word can be its translation: here the TM's other
/// units (real Tatoeba pairs) show `langsam` translating `slow`, not `very`,
/// and `sehr` translating `very`.
#[test]
fn a_source_repetition_excuses_only_its_own_translation() {
    let w = Workdir::new();
    w.write(
        "de.csv",
        "en,de\n\
         A slower tempo would be better.,Ein langsameres Tempo wäre besser.\n\
         Drink slowly.,Trink langsam!\n\
         \"Heaven's vengeance is slow, but sure.\",\"Die Rache des Himmels ist langsam, aber sicher.\"\n\
         My mother speaks slowly.,Meine Mutter spricht langsam.\n\
         Speak slowly.,Sprich langsam.\n\
         The traffic was slow.,Der Verkehr war langsam.\n\
         Be very careful.,Seien Sie sehr vorsichtig!\n\
         Tsunamis are very rare.,Tsunamis sind sehr selten.\n\
         Dr. Jackson is very patient.,Dr. Jansen ist sehr geduldig.\n\
         He has very short hair.,Er hat sehr kurze Haare.\n\
         He is a very nice student.,Er ist ein sehr netter Student.\n\
         \"It was very, very slow.\",Es war sehr langsam langsam.\n\
         \"It was very, very cold.\",Es war sehr sehr kalt.\n",
    );
    w.run(&["import", "de.csv"]).expect(0);
    let r = w
        .run(&["qa", "--format", "json", "--fail-on", "never"])
        .expect(0);
    let doubled: Vec<String> = json(&r.stdout)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == "doubled-word")
        .map(|f| f["target"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(doubled, ["Es war sehr langsam langsam."]);
}

/// A quotation opened in one style and closed in another („…»): the same
/// finding in every language, at the closing mark, saying that the two
/// marks are two styles and which pair the language writes.
#[test]
fn a_quotation_closed_in_another_style_is_told_as_two_styles() {
    let w = Workdir::new();
    w.write("h.en.txt", "Kurti said: \"We will not give up.\"\n");
    w.write("h.sq.txt", "Kurti tha: „Ne nuk do të dorëzohemi.»\n");
    w.write("h.sr-Latn.txt", "Kurti je rekao: „Nećemo odustati.»\n");
    w.write("h.de.txt", "Kurti sagte: “Wir geben nicht auf.«\n");
    for (file, closing, pair) in [
        ("h.sq.txt", "»", "„…“"),
        ("h.sr-Latn.txt", "»", "„…“"),
        ("h.de.txt", "«", "“…”"),
    ] {
        let r = w
            .run(&["qa", "h.en.txt", file, "--format", "json"])
            .expect(0);
        let report = json(&r.stdout);
        let findings = report["findings"].as_array().unwrap();
        assert_eq!(findings.len(), 1, "{file}: {report:#}");
        let f = &findings[0];
        assert_eq!(f["check"], "unpaired-quote", "{file}");
        // The span counts characters.
        let target: Vec<char> = f["target"].as_str().unwrap().chars().collect();
        let start = f["span"]["start"].as_u64().unwrap() as usize;
        let end = f["span"]["end"].as_u64().unwrap() as usize;
        let marked: String = target[start..end].iter().collect();
        assert_eq!(marked, closing, "{file}: {f:#}");
        let message = f["message"].as_str().unwrap();
        let opening = target.iter().find(|c| matches!(c, '„' | '“')).unwrap();
        assert!(
            message.contains(&format!("opens with {opening} and closes with {closing}"))
                && message.contains("two styles")
                && message.contains(pair),
            "{file}: {message}"
        );
    }
}

/// `tm qa SOURCE TARGET` of one-line files; the term-missing findings' lines.
fn term_missing_lines(w: &Workdir, src: &str, tgt: &str, lang: &str) -> Vec<u64> {
    w.write("s.en.txt", src);
    let t = format!("t.{lang}.txt");
    w.write(&t, tgt);
    let r = w.run(&["qa", "s.en.txt", &t, "--format", "json"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    json(&r.stdout)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == "term-missing")
        .map(|f| f["line"].as_u64().unwrap())
        .collect()
}

#[test]
fn term_missing_takes_derived_words_only_where_the_source_asks_for_them() {
    let w = Workdir::new();
    for (id, kind, terms) in [
        (
            "srpska-lista",
            "organisation",
            &["en=Lista Serbe", "sq=Lista Serbe", "sr-Latn=Srpska lista"][..],
        ),
        (
            "kragujevac",
            "place",
            &["en=Kragujevac", "sr-Latn=Kragujevac"][..],
        ),
        (
            "vjosa-osmani",
            "person",
            &["en=Vjosa Osmani", "sr-Latn=Vjosa Osmani"][..],
        ),
        (
            "stoltenberg",
            "person",
            &["en=Stoltenberg", "sr-Latn=Stoltenberg"][..],
        ),
        (
            "kosovo",
            "place",
            &["en=Kosovo", "de=Kosovo", "hu=Koszovó"][..],
        ),
        (
            "president",
            "title",
            &["en=President", "sr-Latn=predsednik"][..],
        ),
        (
            "prime-minister",
            "title",
            &["en=Prime Minister", "sq=kryeministër"][..],
        ),
    ] {
        let mut args = vec!["glossary", "add", "--id", id, "--type", kind];
        for t in terms {
            args.extend(["--term", t]);
        }
        w.run(&args).expect(0);
    }
    // Words that merely hold part of a term are other words: the Serbs, a
    // list of candidates, the people of Kragujevac, a possessive where the
    // source has none.
    assert_eq!(
        term_missing_lines(
            &w,
            "Lista Serbe will boycott the vote.\n\nLista Serbe will boycott the vote.\n",
            "Partia e serbëve do ta bojkotojë votimin.\n\nLista Serbe do ta bojkotojë votimin.\n",
            "sq"
        ),
        [1]
    );
    assert_eq!(
        term_missing_lines(
            &w,
            "Lista Serbe will boycott the vote.\n\nOfficials met in Kragujevac.\n\nVjosa Osmani spoke.\n",
            "Lista kandidata neće učestvovati u glasanju.\n\nZvaničnici su se sastali sa Kragujevčanima.\n\nGovorila je Osmanijeva.\n",
            "sr-Latn"
        ),
        [1, 3, 5]
    );
    // What derived words are for: a possessive for a possessive, a compound
    // (vice president), a title's feminine, a language without inflection
    // rules (de, hu) that glues its endings on.
    assert_eq!(
        term_missing_lines(
            &w,
            "Stoltenberg's visit was short.\n\nVice President Biden spoke.\n",
            "Stoltenbergova poseta je bila kratka.\n\nPotpredsednik Bajden je govorio.\n",
            "sr-Latn"
        ),
        Vec::<u64>::new()
    );
    assert_eq!(
        term_missing_lines(
            &w,
            "Prime Minister Theresa May spoke.\n",
            "Kryeministrja Theresa May foli.\n",
            "sq"
        ),
        Vec::<u64>::new()
    );
    assert_eq!(
        term_missing_lines(
            &w,
            "The government of Kosovo met.\n",
            "Die Regierung des Kosovos tagte.\n",
            "de"
        ),
        Vec::<u64>::new()
    );
    assert_eq!(
        term_missing_lines(
            &w,
            "They met in Kosovo.\n",
            "Koszovóban találkoztak.\n",
            "hu"
        ),
        Vec::<u64>::new()
    );
}

/// A glossary folder renamed or left out of a checkout turns the
/// terminology checks off: qa says so on stderr, and JUnit marks those
/// checks skipped ("no glossary"), not passed.
#[test]
fn without_a_glossary_the_terminology_checks_are_said_to_check_nothing() {
    let w = Workdir::new();
    w.write(
        "a.tsv",
        "en\tsq\nThe bus leaves at 5.\tAutobusi niset në 5.\n",
    );
    w.run(&["import", "a.tsv"]).expect(0);
    let r = w.run(&["qa", "--format", "junit"]).expect(0);
    assert!(
        r.stderr
            .contains("no glossary at glossaries/proper-nouns.toml"),
        "{}",
        r.stderr
    );
    for id in ["term-missing", "term-forbidden", "term-diacritics"] {
        assert!(
            r.stdout.contains(&format!(
                "<testcase classname=\"tm.qa.{id}\" name=\"nothing checked\">\n      <skipped message=\"no glossary\"/>"
            )),
            "{}",
            r.stdout
        );
    }
    assert!(
        r.stdout
            .contains("<testcase classname=\"tm.qa.number-missing\" name=\"no findings\"/>"),
        "{}",
        r.stdout
    );
    w.write(
        "glossaries/proper-nouns.toml",
        "[[concept]]\nid = \"nato\"\ntype = \"organisation\"\nen = \"NATO\"\nsq = \"NATO\"\n",
    );
    let r = w.run(&["qa", "--format", "junit"]).expect(0);
    assert!(!r.stderr.contains("no glossary"), "{}", r.stderr);
    assert!(!r.stdout.contains("no glossary"), "{}", r.stdout);
}

/// A number the source has twice and the target lacks is one finding, not
/// two alike (SARIF gave both one fingerprint: one alert in code scanning).
#[test]
fn a_number_missing_twice_is_one_finding() {
    let w = Workdir::new();
    w.write("a.en.txt", "He ran 10 km in 10 minutes.\n");
    w.write("a.de.txt", "Er lief km in Minuten.\n");
    let r = w
        .run(&["qa", "a.en.txt", "a.de.txt", "--format", "json"])
        .expect(1);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let missing: Vec<&str> = (j["findings"].as_array().unwrap().iter())
        .filter(|f| f["check"] == "number-missing")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].contains("10"), "{missing:?}");
}

#[test]
fn term_missing_takes_what_grammar_makes_of_a_name() {
    let w = Workdir::new();
    for (id, kind, terms) in [
        (
            "kavanaugh",
            "person",
            &["en=Brett Kavanaugh", "sr-Latn=Bret Kavano"][..],
        ),
        ("trump", "person", &["en=Trump", "sr-Latn=Tramp"][..]),
        (
            "north-korea",
            "place",
            &[
                "en=North Korea",
                "sr-Latn=Severna Koreja",
                "sq=Korea e Veriut",
            ][..],
        ),
        (
            "germany",
            "place",
            &["en=Germany", "sr-Latn=Nemačka", "sq=Gjermani"][..],
        ),
        (
            "britain",
            "place",
            &["en=Britain", "sr-Latn=Britanija", "sq=Britani"][..],
        ),
        (
            "scotland",
            "place",
            &["en=Scotland", "sr-Latn=Škotska", "sq=Skoci"][..],
        ),
        ("macedonia", "place", &["en=Macedonia", "sq=Maqedoni"][..]),
        ("america", "place", &["en=America", "sq=Amerikë"][..]),
    ] {
        let mut args = vec!["glossary", "add", "--id", id, "--type", kind];
        for t in terms {
            args.extend(["--term", t]);
        }
        w.run(&args).expect(0);
    }
    // Named: a foreign name keeping its final vowel in declension, a
    // possessive adjective for a name used as a modifier (the Trump
    // administration), the compound adjective of a two-word name, the
    // adjective of a name that is one (Nemačka → nemački), an adjective of
    // a name in -ija. Not named: a possessive where the name is the object,
    // Koreja without Severna, the Scots.
    assert_eq!(
        term_missing_lines(
            &w,
            "Senators questioned Brett Kavanaugh.\n\n\
             The Trump administration acted.\n\n\
             The senators met Trump.\n\n\
             North Korea's diplomat spoke.\n\n\
             They fled North Korea.\n\n\
             Germany's new warship was delayed.\n\n\
             Britain's spies met.\n\n\
             Scotland's players thanked the fans.\n\n\
             He wrote to Brett Kavanaugh.\n",
            "Senatori su ispitivali Breta Kavanoa.\n\n\
             Trampova administracija je delovala.\n\n\
             Senatori su se sastali sa Trampovim savetnicima.\n\n\
             Severnokorejski diplomata je govorio.\n\n\
             Pobegli su iz Koreje.\n\n\
             Novi nemački ratni brod je odložen.\n\n\
             Britanski špijuni su se sastali.\n\n\
             Škoti su zahvalili navijačima.\n\n\
             Pisao je Bretu Kavanou.\n",
            "sr-Latn"
        ),
        [5, 9, 15]
    );
    // Albanian: the adjective of a name drops its final vowel (Skoci →
    // skoceze, Britani → britanikë, Maqedoni → maqedonas, Amerikë →
    // amerikane); Korea declines after its stressed e (Korenë, Koresë). The
    // Scots (skocezët, a noun with its article) are not Scotland.
    assert_eq!(
        term_missing_lines(
            &w,
            "Britain's computers failed.\n\n\
             Scotland's most decorated athlete won.\n\n\
             Macedonia's television reported it.\n\n\
             America's tradition of free speech.\n\n\
             They talked about North Korea.\n\n\
             The borders of North Korea are closed.\n\n\
             Scotland welcomed the decision.\n",
            "Kompjuterët britanikë dështuan.\n\n\
             Atletja skoceze më e dekoruar fitoi.\n\n\
             Televizioni maqedonas e raportoi.\n\n\
             Tradita amerikane e fjalës së lirë.\n\n\
             Folën për Korenë e Veriut.\n\n\
             Kufijtë e Koresë së Veriut janë të mbyllur.\n\n\
             Skocezët e mirëpritën vendimin.\n",
            "sq"
        ),
        [13]
    );
}

#[test]
fn a_term_after_an_elided_article_is_no_missing_term() {
    let w = Workdir::new();
    w.write(
        "glossaries/proper-nouns.toml",
        r#"[[concept]]
id = "nato"
type = "organisation"
en = ["NATO"]
fr = ["OTAN", { term = "Organisation du traité de l'Atlantique", status = "forbidden" }]
"#,
    );
    w.write(
        "en.txt",
        "He spoke at NATO.\nThe North Atlantic Treaty Organisation, NATO, met.\n",
    );
    w.write(
        "fr.txt",
        "Il a parlé à l’OTAN.\nL'Organisation du traité de l'Atlantique s'est réunie.\n",
    );
    let r = w
        .run(&["qa", "--format", "json", "en.txt", "fr.txt"])
        .expect(1);
    assert_eq!(
        counts(&json(&r.stdout)),
        BTreeMap::from([("term-forbidden".to_string(), 1)]),
        "{}",
        r.stdout
    );
}

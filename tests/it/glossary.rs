//! `tm glossary`: recognition on a fixture of sq, sr-Latn and sr-Cyrl
//! sentences, round trips through TBX v2, TBX v3 and CSV, lint findings one by
//! one, edits that keep comments, and bad input.

use serde_json::Value;

use crate::workdir::{Workdir, repo_file};

const G: &str = "glossaries/proper-nouns.toml";

fn workdir() -> Workdir {
    let w = Workdir::new();
    w.copy_from_repo(G, G);
    w
}

fn find_json(w: &Workdir, lang: &str, text: &str) -> Vec<Value> {
    let r = w.run(&["glossary", "find", "--lang", lang, "--format", "json", text]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    serde_json::from_str::<Vec<Value>>(&r.stdout).unwrap()
}

fn summary(found: &[Value]) -> String {
    found
        .iter()
        .map(|o| {
            let how: Vec<&str> = o["how"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h.as_str().unwrap())
                .collect();
            format!(
                "{}={}:{}",
                o["found"].as_str().unwrap(),
                o["concept"].as_str().unwrap(),
                how.join("+")
            )
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

#[test]
fn finds_declined_forms_in_both_scripts_and_no_near_misses() {
    let w = workdir();
    let fixture = std::fs::read_to_string(repo_file("tests/data/glossary/find.tsv")).unwrap();
    let mut failures = Vec::new();
    for line in fixture
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        let (lang, text, want) = (f[0], f[1], f[2]);
        let got = summary(&find_json(&w, lang, text));
        let want = if want == "-" { "" } else { want };
        if got != want {
            failures.push(format!("{lang}: {text}\n  want: {want}\n  got:  {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn spans_are_bytes_and_characters() {
    let w = workdir();
    let found = find_json(&w, "sr-Cyrl", "У Приштини.");
    assert_eq!(found.len(), 1);
    let o = &found[0];
    assert_eq!(
        (o["start"].as_u64(), o["end"].as_u64()),
        (Some(3), Some(19))
    );
    assert_eq!(
        (o["char_start"].as_u64(), o["char_end"].as_u64()),
        (Some(2), Some(10))
    );
    assert_eq!(o["term"], "Приштина");
    assert_eq!(o["status"], "preferred");
}

#[test]
fn latin_terms_match_cyrillic_text_and_missing_diacritics() {
    let w = Workdir::new();
    w.copy_from_repo("tests/data/glossary/latin-only.toml", "g.toml");
    let r = w
        .run(&[
            "glossary",
            "--glossary",
            "g.toml",
            "find",
            "--lang",
            "sr-Cyrl",
            "--format",
            "json",
            "Милан Радоичић је у Приштини, Milan Radoicic takođe.",
        ])
        .expect(0);
    let found: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        summary(&found),
        "Милан Радоичић=radoicic:transliterated ; Приштини=pristina:inflected+transliterated ; Milan Radoicic=radoicic:diacritic-folded"
    );
    // nothing found: exit 1
    w.run(&[
        "glossary",
        "--glossary",
        "g.toml",
        "find",
        "--lang",
        "sr",
        "nema ništa",
    ])
    .expect(1);
}

#[test]
fn text_output_names_line_column_and_forbidden_terms() {
    let w = workdir();
    w.write("article.sq.txt", "Hyrje.\nStoltenberg erdhi në Pristina.\n");
    let r = w
        .run(&["glossary", "find", "--file", "article.sq.txt"])
        .expect(0);
    assert_eq!(
        r.stdout,
        "2:1\tStoltenberg\tStoltenberg [jens-stoltenberg, sq] admitted\texact\n2:22\tPristina\tPristina [pristina, sq] FORBIDDEN\texact\n"
    );
}

fn export(w: &Workdir, glossary: &str, format: &str) -> String {
    w.run(&[
        "glossary",
        "--glossary",
        glossary,
        "export",
        "--format",
        format,
    ])
    .expect(0)
    .stdout
}

#[test]
fn tbx_and_csv_round_trips_lose_nothing() {
    let w = workdir();
    let json = export(&w, G, "json");
    for (format, ext) in [("tbx2", "tbx"), ("tbx3", "tbx"), ("csv", "csv")] {
        let out = export(&w, G, format);
        let file = format!("out-{format}.{ext}");
        w.write(&file, &out);
        let new = format!("new-{format}.toml");
        w.run(&["glossary", "--glossary", &new, "import", &file])
            .expect(0);
        assert_eq!(
            export(&w, &new, "json"),
            json,
            "{format}: model differs after the round trip"
        );
        assert_eq!(
            export(&w, &new, format),
            out,
            "{format}: export differs after the round trip"
        );
        w.run(&["glossary", "--glossary", &new, "lint"]).expect(0);
        // importing again changes nothing
        let before = w.read(&new);
        let r = w
            .run(&["glossary", "--glossary", &new, "import", &file])
            .expect(0);
        assert!(r.stdout.contains("0 added, 0 replaced"), "{}", r.stdout);
        assert_eq!(w.read(&new), before);
    }
    let v2 = export(&w, G, "tbx2");
    assert!(
        v2.contains("<termEntry id=\"pristina\">")
            && v2.contains("<langSet xml:lang=\"sq\">")
            && v2.contains("<tig>")
    );
    assert!(v2.contains("deprecatedTerm-admn-sts"));
    let v3 = export(&w, G, "tbx3");
    assert!(
        v3.contains("<conceptEntry id=\"pristina\">")
            && v3.contains("<langSec xml:lang=\"sq\">")
            && v3.contains("<termSec>")
    );
}

#[test]
fn tbx_import_accepts_deprecated_forbidden_and_obsolete() {
    let w = Workdir::new();
    let tbx = r#"<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1"><langSec xml:lang="sq">
<termSec><term>Prishtinë</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
<termSec><term>Pristina</term><termNote type="administrativeStatus">obsoleteTerm-admn-sts</termNote></termSec>
<termSec><term>Priština</term><termNote type="administrativeStatus">forbidden</termNote></termSec>
<termSec><term>Prishtina &amp; co</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
</langSec></conceptEntry></body></text></tbx>"#;
    w.write("in.tbx", tbx);
    w.run(&["glossary", "--glossary", "g.toml", "import", "in.tbx"])
        .expect(0);
    let r = w
        .run(&["glossary", "--glossary", "g.toml", "show", "c1"])
        .expect(0);
    assert_eq!(r.stdout.matches("(forbidden)").count(), 3, "{}", r.stdout);
    assert!(r.stdout.contains("Prishtina & co"));
}

/// A clean base glossary and one mutation per lint check.
#[test]
fn lint_findings_one_by_one() {
    let w = Workdir::new();
    let base = "[glossary]\nrequired-languages = [\"en\", \"sr-Cyrl\"]\n\n[[concept]]\nid = \"a-belgrade\"\ntype = \"place\"\nen = [\"Belgrade\"]\nsr-Cyrl = [\"Београд\"]\n\n[[concept]]\nid = \"b-pristina\"\ntype = \"place\"\nen = [\"Pristina\"]\nsr-Cyrl = [\"Приштина\"]\n";
    w.write("g.toml", base);
    w.run(&["glossary", "--glossary", "g.toml", "lint"])
        .expect(0);
    let cases = [
        (
            "duplicate-id",
            base.replace("id = \"b-pristina\"", "id = \"a-belgrade\""),
        ),
        (
            "unsorted-ids",
            base.replace("id = \"b-pristina\"", "id = \"0-pristina\""),
        ),
        (
            "duplicate-term",
            base.replace("en = [\"Pristina\"]", "en = [\"Belgrade\"]"),
        ),
        (
            "preferred-and-forbidden",
            base.replace(
                "en = [\"Pristina\"]",
                "en = [\"Pristina\", { term = \"Pristina\", status = \"forbidden\" }]",
            ),
        ),
        (
            "missing-language",
            base.replace("sr-Cyrl = [\"Приштина\"]\n", ""),
        ),
        ("not-nfc", base.replace("Pristina", "Pristine\u{0308}")),
        (
            "whitespace",
            base.replace("[\"Pristina\"]", "[\"Pristina \"]"),
        ),
        ("mixed-script", base.replace("Приштина", "Пpиштина")),
    ];
    for (check, text) in cases {
        w.write("g.toml", &text);
        let r = w.run(&[
            "glossary",
            "--glossary",
            "g.toml",
            "lint",
            "--format",
            "json",
        ]);
        assert_eq!(r.code, 1, "{check}: {}", r.stdout);
        let findings: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
        let checks: Vec<&str> = findings
            .iter()
            .map(|f| f["check"].as_str().unwrap())
            .collect();
        assert_eq!(checks, [check], "{}", r.stdout);
        assert!(findings[0]["line"].as_u64().unwrap() > 0);
    }
}

#[test]
fn the_shipped_glossary_is_clean() {
    let w = workdir();
    w.run(&["glossary", "lint"]).expect(0);
}

#[test]
fn add_remove_rename_keep_comments_and_order() {
    let w = workdir();
    let original = w.read(G);
    let r = w
        .run(&[
            "glossary",
            "add",
            "--id",
            "banjska",
            "--type",
            "place",
            "--term",
            "en=Banjska",
            "--term",
            "sq=Banjskë",
            "--term",
            "sr-Latn=Banjska",
            "--term",
            "sr-Cyrl=Бањска",
            "--forbidden",
            "sq=Banjska",
        ])
        .expect(0);
    assert!(r.stdout.contains("added banjska"));
    let text = String::from_utf8(w.read(G)).unwrap();
    for line in String::from_utf8(original.clone()).unwrap().lines() {
        assert!(text.contains(line), "lost line: {line}");
    }
    let ids: Vec<String> = text
        .lines()
        .filter_map(|l| l.strip_prefix("id = \""))
        .map(|s| s.trim_end_matches('"').to_string())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    assert!(text.contains("[[concept]]\nid = \"banjska\"\ntype = \"place\"\nen = [\"Banjska\"]\nsq = [\"Banjskë\", { term = \"Banjska\", status = \"forbidden\" }]\n"));
    w.run(&["glossary", "rename", "banjska", "zz-banjska"])
        .expect(0);
    let text = String::from_utf8(w.read(G)).unwrap();
    assert!(
        text.trim_end().ends_with("sr-Cyrl = [\"Бањска\"]"),
        "renamed block moves to the end"
    );
    w.run(&["glossary", "remove", "zz-banjska"]).expect(0);
    assert_eq!(
        w.read(G),
        original,
        "add + rename + remove gives back the same bytes"
    );
    w.run(&["glossary", "show", "banjska"]).expect(2);
}

#[test]
fn refused_edits_leave_the_file_byte_identical() {
    let w = workdir();
    let original = w.read(G);
    let r = w
        .run(&[
            "glossary",
            "add",
            "--id",
            "pristina",
            "--type",
            "place",
            "--term",
            "en=Prishtina",
        ])
        .expect(2);
    assert!(
        r.stderr.contains("there is already a concept `pristina`"),
        "{}",
        r.stderr
    );
    let r = w
        .run(&[
            "glossary",
            "add",
            "--id",
            "capital",
            "--type",
            "place",
            "--term",
            "sq=Prishtinë",
        ])
        .expect(2);
    assert!(
        r.stderr.contains("already belongs to concept `pristina`"),
        "{}",
        r.stderr
    );
    w.run(&["glossary", "add", "--id", "Bad Id", "--term", "en=X"])
        .expect(2);
    w.run(&["glossary", "rename", "pristina", "kosovo"])
        .expect(2);
    w.run(&["glossary", "remove", "no-such-id"]).expect(2);
    assert_eq!(w.read(G), original);
    let leftovers: Vec<_> = std::fs::read_dir(w.path("glossaries"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left: {leftovers:?}");
}

#[test]
fn malformed_glossary_gets_file_line_column_and_the_line() {
    let w = Workdir::new();
    w.write("g.toml", "[[concept]]\nid = \"x\"\ntype = \"place\"\nen = [{ term = \"X\", status = \"prefered\" }]\n");
    let r = w
        .run(&["glossary", "--glossary", "g.toml", "list"])
        .expect(2);
    assert!(
        r.stderr.contains("g.toml:4:30: unknown status `prefered`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("4 | en = [{ term = \"X\", status = \"prefered\" }]"),
        "{}",
        r.stderr
    );
    w.write(
        "g.toml",
        "[[concept]]\nid = \"x\"\ntype = \"place\"\nen = [\"X\"\n",
    );
    let r = w
        .run(&["glossary", "--glossary", "g.toml", "lint"])
        .expect(2);
    assert!(
        r.stderr.contains("g.toml:5:1: invalid TOML") || r.stderr.contains("g.toml:4:"),
        "{}",
        r.stderr
    );
    let before = w.read("g.toml");
    w.run(&[
        "glossary",
        "--glossary",
        "g.toml",
        "add",
        "--id",
        "y",
        "--term",
        "en=Y",
    ])
    .expect(2);
    assert_eq!(w.read("g.toml"), before);
    let r = w
        .run(&["glossary", "--glossary", "missing.toml", "list"])
        .expect(2);
    assert!(
        r.stderr.contains("cannot read the glossary missing.toml"),
        "{}",
        r.stderr
    );
}

#[test]
fn glossary_subcommands_have_help_with_examples() {
    let w = Workdir::new();
    for sub in [
        "find", "list", "show", "add", "remove", "rename", "lint", "import", "export", "suggest",
        "anchors",
    ] {
        let r = w.run(&["glossary", sub, "--help"]).expect(0);
        assert!(
            r.stdout.contains("Examples:"),
            "glossary {sub} --help has no examples"
        );
    }
}

#[test]
fn anchors_tie_sentences_that_name_the_same_concept() {
    let w = workdir();
    w.write(
        "en.txt",
        "NATO met in Pristina.\nThe weather was fine.\nSerbia objected.\n",
    );
    w.write(
        "sr-Cyrl.txt",
        "Време је било лепо.\nНАТО се састао у Приштини.\nСрбија се успротивила.\n",
    );
    let r = w
        .run(&["glossary", "anchors", "en.txt", "sr-Cyrl.txt"])
        .expect(0);
    assert_eq!(
        r.stdout,
        "0\t1\tnato\t1.386\n0\t1\tpristina\t1.386\n2\t2\tserbia\t1.386\n"
    );
    // The aligner's weight, ln(1 + N / df): a concept named in 2 of 3
    // sentences is worth less than one named once.
    w.write("en.txt", "NATO met.\nNATO left.\nSerbia objected.\n");
    w.write(
        "sr-Cyrl.txt",
        "НАТО се састао.\nНАТО је отишао.\nСрбија се успротивила.\n",
    );
    let r = w
        .run(&["glossary", "anchors", "en.txt", "sr-Cyrl.txt"])
        .expect(0);
    assert!(r.stdout.contains("0\t0\tnato\t0.916\n"), "{}", r.stdout);
    assert!(r.stdout.contains("2\t2\tserbia\t1.386\n"), "{}", r.stdout);
}

#[test]
fn suggest_proposes_names_the_glossary_lacks_with_their_forms() {
    let w = workdir();
    for f in ["en", "sq", "sr-Latn"] {
        w.copy_from_repo(
            &format!("examples/nato-kosovo/{f}.txt"),
            &format!("nato-kosovo/{f}.txt"),
        );
    }
    w.run(&[
        "align",
        "nato-kosovo/en.txt",
        "nato-kosovo/sq.txt",
        "nato-kosovo/sr-Latn.txt",
    ])
    .expect(0);
    let suggest = |w: &Workdir| -> Vec<Value> {
        let r = w
            .run(&["glossary", "suggest", "--from", "en", "--format", "json"])
            .expect(0);
        serde_json::from_str(&r.stdout).unwrap()
    };
    let texts = |s: &[Value]| -> Vec<String> {
        s.iter()
            .map(|c| c["text"].as_str().unwrap().to_string())
            .collect()
    };
    // The shipped glossary knows Moscow; months and weekdays are never names.
    let before = suggest(&w);
    for not in ["Moscow", "September", "Monday", "Tuesday", "NATO", "Kosovo"] {
        assert!(
            !texts(&before).contains(&not.to_string()),
            "{not}: {before:?}"
        );
    }
    // Without the concept, Moscow comes back with its declined forms.
    w.run(&["glossary", "remove", "moscow"]).expect(0);
    let after = suggest(&w);
    let moscow = after
        .iter()
        .find(|c| c["text"] == "Moscow")
        .unwrap_or_else(|| panic!("Moscow not suggested: {after:?}"));
    let form = |lang: &str| {
        moscow["forms"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["lang"] == lang)
            .map(|f| f["text"].as_str().unwrap().to_string())
    };
    assert_eq!(form("sq").as_deref(), Some("Moskën"));
    assert_eq!(form("sr-Latn").as_deref(), Some("Moskvom"));
    assert!(!texts(&after).contains(&"Moscow's".to_string()));
}

/// In Serbo-Croatian `dj` is how `đ` is typed without diacritics (the
/// folding search and lookup share); in Albanian it is two letters.
#[test]
fn dj_stands_for_dj_only_in_serbo_croatian() {
    let w = Workdir::new();
    w.write(
        G,
        r#"[[concept]]
id = "dem"
type = "place"
sq = ["Dem"]

[[concept]]
id = "novak-djokovic"
type = "person"
sr-Latn = ["Novak Đoković"]
"#,
    );
    let text = "Novak Đoković, Novak Djokovic, Novak Dokovic i НОВАК ЂОКОВИЋ.";
    assert_eq!(
        summary(&find_json(&w, "sr-Latn", text)),
        "Novak Đoković=novak-djokovic:exact ; \
         Novak Djokovic=novak-djokovic:diacritic-folded ; \
         Novak Dokovic=novak-djokovic:diacritic-folded ; \
         НОВАК ЂОКОВИЋ=novak-djokovic:case-folded+transliterated"
    );
    assert_eq!(
        summary(&find_json(&w, "sq", "Djem e mirë. Dem i zi.")),
        "Dem=dem:exact"
    );
}

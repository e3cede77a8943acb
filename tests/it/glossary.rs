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

/// Each (language, text, what `glossary find` finds in [`summary`]'s form),
/// all checked before any failure is reported.
fn assert_finds(w: &Workdir, cases: &[(&str, &str, &str)]) {
    let mut failures = Vec::new();
    for &(lang, text, want) in cases {
        let got = summary(&find_json(w, lang, text));
        if got != want {
            failures.push(format!("{lang}: {text}\n  want: {want}\n  got:  {got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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

/// MultiTerm of the Windows XP age wrote `sr-SP-Latn`; an empty term is
/// refused at its line rather than dropped with its language.
#[test]
fn tbx_import_reads_legacy_tags_and_refuses_an_empty_term() {
    let w = Workdir::new();
    let tbx = |sq: &str| {
        format!(
            r#"<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1">
<langSec xml:lang="en"><termSec><term>Pristina</term></termSec></langSec>
<langSec xml:lang="sr-SP-Latn"><termSec><term>Priština</term></termSec></langSec>
<langSec xml:lang="sq"><termSec><term>{sq}</term></termSec></langSec>
</conceptEntry></body></text></tbx>"#
        )
    };
    w.write("empty.tbx", tbx(""));
    let r = w
        .run(&["glossary", "--glossary", "g.toml", "import", "empty.tbx"])
        .expect(2);
    assert!(
        r.stderr.contains("empty.tbx:6:24") && r.stderr.contains("no term text"),
        "{}",
        r.stderr
    );
    assert!(
        !w.path("g.toml").exists(),
        "a refused import wrote the glossary"
    );
    w.write("ok.tbx", tbx("Prishtinë"));
    w.run(&["glossary", "--glossary", "g.toml", "import", "ok.tbx"])
        .expect(0);
    let g = String::from_utf8(w.read("g.toml")).unwrap();
    assert!(g.contains("sr-Latn = [\"Priština\"]"), "{g}");
    assert!(g.contains("sq = [\"Prishtinë\"]"), "{g}");
}

/// A TBX naming English `en-Latn` (Latn is English's Suppress-Script) is
/// read as `en`, as TMX and tables are; `sr-Latn` keeps its script. The
/// glossary file itself must say `en`.
#[test]
fn tbx_import_leaves_out_a_script_the_language_is_always_written_in() {
    let w = Workdir::new();
    w.write(
        "s.tbx",
        r#"<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1">
<langSec xml:lang="en-Latn"><termSec><term>Pristina</term></termSec></langSec>
<langSec xml:lang="sq-latn"><termSec><term>Prishtinë</term></termSec></langSec>
<langSec xml:lang="sr-Latn"><termSec><term>Priština</term></termSec></langSec>
</conceptEntry></body></text></tbx>"#,
    );
    w.run(&["glossary", "--glossary", "g.toml", "import", "s.tbx"])
        .expect(0);
    let g = String::from_utf8(w.read("g.toml")).unwrap();
    assert!(g.contains("en = [\"Pristina\"]"), "{g}");
    assert!(g.contains("sq = [\"Prishtinë\"]"), "{g}");
    assert!(g.contains("sr-Latn = [\"Priština\"]"), "{g}");
    let r = w
        .run(&[
            "glossary",
            "--glossary",
            "g.toml",
            "add",
            "--id",
            "c2",
            "--term",
            "en-Latn=Kosovo",
        ])
        .expect(2);
    assert!(r.stderr.contains("write `en`"), "{}", r.stderr);
}

/// MultiTerm writes `type="Definition"` inside a `<descripGrp>`, and
/// `<ntig><termGrp>`: the definition is the concept's note.
#[test]
fn tbx_import_keeps_a_multiterm_definition() {
    let w = Workdir::new();
    w.write(
        "mt.tbx",
        r#"<?xml version="1.0"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry id="c1">
<descripGrp><descrip type="Definition">A city</descrip></descripGrp>
<langSet xml:lang="EN-US"><ntig><termGrp><term>Belgrade</term></termGrp></ntig></langSet>
<langSet xml:lang="sr-Cyrl"><tig><term>Београд</term><termNote type="AdministrativeStatus">admittedTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>"#,
    );
    w.run(&["glossary", "--glossary", "g.toml", "import", "mt.tbx"])
        .expect(0);
    let g = String::from_utf8(w.read("g.toml")).unwrap();
    assert!(g.contains("note = \"A city\""), "{g}");
    assert!(g.contains("status = \"admitted\""), "{g}");
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
        (
            "invisible",
            base.replace("[\"Pristina\"]", "[\"Pri\u{ad}stina\"]"),
        ),
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
        "find", "list", "show", "add", "add-term", "remove", "rename", "lint", "import", "export",
        "suggest", "anchors",
    ] {
        let r = w.run(&["glossary", sub, "--help"]).expect(0);
        assert!(
            r.stdout.contains("Examples:"),
            "glossary {sub} --help has no examples"
        );
    }
}

/// The example of `glossary rename --help` works on the sample glossary
/// (it once renamed an id the sample does not have, the other way round).
#[test]
fn glossary_rename_help_example_runs_on_the_sample() {
    let w = workdir();
    let help = w.run(&["glossary", "rename", "--help"]).expect(0).stdout;
    let example = help
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("tm glossary rename "))
        .expect("an example in glossary rename --help");
    let args: Vec<&str> = example.split_whitespace().skip(1).collect();
    w.run(&args).expect(0);
    w.run(&["glossary", "lint"]).expect(0);
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

/// `tm glossary import FILE` in a workspace with the shipped glossary:
/// expect exit 2, every `needle` in the message, and the glossary unchanged.
#[track_caller]
fn import_refused(w: &Workdir, file: &str, needles: &[&str]) -> String {
    let before = w.read(G);
    let r = w.run(&["glossary", "import", file]).expect(2);
    for n in needles {
        assert!(r.stderr.contains(n), "expected {n:?} in:\n{}", r.stderr);
    }
    assert_eq!(w.read(G), before, "the glossary changed");
    r.stderr
}

/// `file:line:column` of the first `needle` in `text` (column in characters).
fn at(file: &str, text: &str, needle: &str) -> String {
    let pos = text.find(needle).unwrap();
    let line = text[..pos].matches('\n').count() + 1;
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    format!("{file}:{line}:{}: ", text[start..pos].chars().count() + 1)
}

const TBX2: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
  <text>
    <body>
      <termEntry id="zagreb">
        <descrip type="conceptType">place</descrip>
        <langSet xml:lang="en">
          <tig><term>Zagreb</term></tig>
        </langSet>
      </termEntry>
    </body>
  </text>
</martif>
"#;

#[test]
fn import_errors_name_file_line_column_and_the_line() {
    let w = workdir();
    // not well-formed: the message once, with the line and a caret under </tig>
    let bad = TBX2.replace("<term>Zagreb</term></tig>", "<term>Zagreb</tig>");
    w.write("b1.tbx", &bad);
    let err = import_refused(
        &w,
        "b1.tbx",
        &[
            &at("b1.tbx", &bad, "</tig>"),
            "8 |           <tig><term>Zagreb</tig>\n",
        ],
    );
    assert_eq!(err.matches("expected `</term>`").count(), 1, "{err}");
    assert!(!err.contains("byte"), "{err}");
    assert_eq!(
        err.lines().last().unwrap(),
        format!("  | {}^", " ".repeat("          <tig><term>Zagreb".len())),
        "the caret is under </tig>:\n{err}"
    );

    // an unknown status: where its value is
    let bad = TBX2.replace(
        "<term>Zagreb</term>",
        r#"<term>Zagreb</term><termNote type="administrativeStatus">bogusStatus</termNote>"#,
    );
    w.write("b2.tbx", &bad);
    import_refused(
        &w,
        "b2.tbx",
        &[
            &at("b2.tbx", &bad, "bogusStatus"),
            "unknown administrativeStatus `bogusStatus`",
            "8 |           <tig><term>Zagreb</term><termNote",
        ],
    );

    // a bad language tag: where the attribute value is
    let bad = TBX2.replace(r#"<langSet xml:lang="en">"#, r#"<langSet xml:lang="e n">"#);
    w.write("b3.tbx", &bad);
    import_refused(
        &w,
        "b3.tbx",
        &[
            &at("b3.tbx", &bad, "e n\""),
            "'e n' is not a language tag",
            "7 |         <langSet xml:lang=\"e n\">",
        ],
    );

    // not TBX at all
    w.write(
        "b4.tbx",
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"/>\n",
    );
    import_refused(
        &w,
        "b4.tbx",
        &["b4.tbx:2:1: not TBX: the root element is <tmx>"],
    );

    // CSV: the line, the column's name, the cell
    let csv = "id,type,note,en,sq\nzagreb,place,,Zagreb [bogus],Zagreb\n";
    w.write("b5.csv", csv);
    import_refused(
        &w,
        "b5.csv",
        &[
            &at("b5.csv", csv, "bogus"),
            "column `en`: unknown term attribute `bogus`",
            "2 | zagreb,place,,Zagreb [bogus],Zagreb",
        ],
    );
    let csv = "id,type,note,en,e n\nzagreb,place,,Zagreb,Zagreb\n";
    w.write("b6.csv", csv);
    import_refused(
        &w,
        "b6.csv",
        &[
            "b6.csv:1:17: ",
            "'e n' is not a language tag",
            "1 | id,type,note,en,e n",
        ],
    );
    let csv = "id,type,note,en\nzagreb,place,,Zagreb\n\"Bad Id\",place,,X\n";
    w.write("b7.csv", csv);
    import_refused(
        &w,
        "b7.csv",
        &[
            "b7.csv:3:2: column `id`: the id `Bad Id` must be lower-case ASCII letters (a-z), digits and hyphens, not starting or ending with a hyphen: `B` is not allowed",
        ],
    );
    let csv = "id,type,note,en\nzagreb,\"plaece\",,Zagreb\n";
    w.write("b8.csv", csv);
    import_refused(
        &w,
        "b8.csv",
        &["b8.csv:2:9: column `type`: unknown type `plaece`"],
    );
    let csv = "id,type,note,en\n\"zagreb\",place,\"A \"\"note\"\"\",\"Zagreb [admitted; x]\"\n";
    w.write("b9.csv", csv);
    import_refused(
        &w,
        "b9.csv",
        &[
            &at("b9.csv", csv, "x]"),
            "column `en`: unknown term attribute `x`",
        ],
    );
    let csv = "id,type,note,en\nzagreb,place,,Zagreb,Zagreb2\n";
    w.write("b10.csv", csv);
    import_refused(
        &w,
        "b10.csv",
        &[
            &at("b10.csv", csv, "Zagreb2"),
            "a cell beyond the last column",
        ],
    );
}

#[test]
fn import_refuses_an_id_given_twice_naming_both_lines() {
    let w = workdir();
    let csv = "id,type,note,en\nzagreb,place,,Zagreb\nzagreb,place,,Zagreb2\n";
    w.write("b10.csv", csv);
    import_refused(
        &w,
        "b10.csv",
        &[
            "b10.csv:3:1: column `id`: the id `zagreb` is used again (first at line 2)",
            "3 | zagreb,place,,Zagreb2",
        ],
    );
    w.run(&["glossary", "import", "b10.csv", "--replace"])
        .expect(2);
    for (entry, v) in [("termEntry", 2), ("conceptEntry", 3)] {
        let body = TBX2.replace("termEntry", entry);
        let entries = &body
            [body.find(&format!("      <{entry}")).unwrap()..body.find("    </body>").unwrap()];
        let twice = body.replace(
            entries,
            &format!("{entries}{}", entries.replace(">Zagreb<", ">Agram<")),
        );
        let file = format!("twice{v}.tbx");
        w.write(&file, &twice);
        let second = twice.rfind("zagreb\"").unwrap();
        let line = twice[..second].matches('\n').count() + 1;
        import_refused(
            &w,
            &file,
            &[
                &format!("{file}:{line}:"),
                "the id `zagreb` is used again (first at line 5)",
            ],
        );
    }
}

/// MultiTerm writes UTF-16: with a BOM (LE or BE) or, LE, without one.
#[test]
fn tbx_in_utf16_imports_like_utf8() {
    let w = Workdir::new();
    let utf8 = TBX2.replace(r#"encoding="UTF-8""#, r#"encoding="UTF-16""#);
    w.write("u8.tbx", TBX2);
    w.run(&["glossary", "--glossary", "u8.toml", "import", "u8.tbx"])
        .expect(0);
    let want = w.read("u8.toml");
    let le: Vec<u8> = utf8.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = utf8.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (name, bytes) in [
        ("le-bom", [&[0xFF, 0xFE][..], &le].concat()),
        ("be-bom", [&[0xFE, 0xFF][..], &be].concat()),
        ("le", le.clone()),
    ] {
        w.write(&format!("{name}.tbx"), &bytes);
        let g = format!("{name}.toml");
        w.run(&[
            "glossary",
            "--glossary",
            &g,
            "import",
            &format!("{name}.tbx"),
        ])
        .expect(0);
        assert_eq!(w.read(&g), want, "{name}");
    }
    // errors still name the line and column, and show the line
    let bad = utf8.replace("<term>Zagreb</term></tig>", "<term>Zagreb</tig>");
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(bad.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    w.write("bad16.tbx", bytes);
    let r = w
        .run(&["glossary", "--glossary", "u8.toml", "import", "bad16.tbx"])
        .expect(2);
    assert!(
        r.stderr.contains(&at("bad16.tbx", &bad, "</tig>"))
            && r.stderr.contains("8 |           <tig><term>Zagreb</tig>"),
        "{}",
        r.stderr
    );
    assert_eq!(w.read("u8.toml"), want);
}

/// Edits refuse what `lint` reports as an error, with lint's message, and
/// leave the file unchanged; a missing required language is only a warning.
#[test]
fn edits_refuse_what_lint_calls_an_error() {
    let w = workdir();
    let add = |args: &[&str]| {
        let mut all = vec!["glossary", "add", "--type", "place"];
        all.extend_from_slice(args);
        w.run(&all)
    };
    add(&["--id", "b1", "--term", "en=Brussels"]).expect(0);
    let before = w.read(G);
    let refused = [
        (
            vec!["--id", "b2", "--term", "en=BRUSSELS"],
            "the en term `BRUSSELS` is also in concept `b1` (as `Brussels`)",
        ),
        (
            vec!["--id", "a0", "--term", "en=BRUSSELS"],
            "in concept `b1`: the en term `Brussels` is also in concept `a0` (as `BRUSSELS`)",
        ),
        (
            vec!["--id", "b3", "--term", "sr-Latn=Брисел"],
            "the sr-Latn term `Брисел` has Cyrillic letters",
        ),
        (
            vec!["--id", "b4", "--term", "sr-Cyrl=Бриcел"],
            "the sr-Cyrl term `Бриcел` has Latin letters `c`",
        ),
        (
            vec!["--id", "b5", "--term", "en=Bruges", "--note", "A  city"],
            "has stray whitespace",
        ),
        (
            vec![
                "--id",
                "b6",
                "--term",
                "sr-Latn=Brisel",
                "--forbidden",
                "sr=Brisel",
            ],
            "is both preferred and forbidden",
        ),
    ];
    for (args, needle) in refused {
        let r = add(&args).expect(2);
        assert!(r.stderr.contains(needle), "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("lint"), "{args:?}: {}", r.stderr);
        assert_eq!(w.read(G), before, "{args:?} changed the glossary");
    }
    // import: the same checks
    w.write("case.csv", "id,type,note,en\nb7,place,,BRUSSELS\n");
    import_refused(
        &w,
        "case.csv",
        &["the en term `BRUSSELS` is also in concept `b1`"],
    );
    w.write(
        "script.csv",
        "id,type,note,sr-Latn\nb8,place,,Brisel\nb9,place,,Брисел\n",
    );
    import_refused(
        &w,
        "script.csv",
        &["the sr-Latn term `Брисел` has Cyrillic letters"],
    );
    // a missing required language: added, with a warning
    let r = add(&["--id", "bruges", "--term", "en=Bruges"]).expect(0);
    assert!(
        r.stderr.contains("warning: ") && r.stderr.contains("no preferred or admitted sq term"),
        "{}",
        r.stderr
    );
}

fn required_languages(w: &Workdir, glossary: &str) -> Value {
    let json: Value = serde_json::from_str(&export(w, glossary, "json")).unwrap();
    json["required_languages"].clone()
}

/// The exports carry `required-languages`; import restores them.
#[test]
fn import_restores_required_languages() {
    let w = workdir();
    let all = serde_json::json!(["en", "sq", "sr-Latn", "sr-Cyrl"]);
    for (format, ext) in [("tbx2", "tbx"), ("tbx3", "tbx"), ("csv", "csv")] {
        let file = format!("all-{format}.{ext}");
        w.write(&file, export(&w, G, format));
        // into a glossary that has none: taken, after its opening comment
        let g = format!("{format}.toml");
        w.write(
            &g,
            "# Our terms.\n\n[[concept]]\nid = \"zz\"\ntype = \"place\"\nen = [\"Zz\"]\n",
        );
        let r = w
            .run(&["glossary", "--glossary", &g, "import", &file])
            .expect(0);
        assert!(
            r.stdout
                .contains("required languages: en, sq, sr-Latn, sr-Cyrl"),
            "{}",
            r.stdout
        );
        assert_eq!(required_languages(&w, &g), all, "{format}");
        let text = String::from_utf8(w.read(&g)).unwrap();
        assert!(
            text.starts_with(
                "# Our terms.\n\n[glossary]\nrequired-languages = [\"en\", \"sq\", \"sr-Latn\", \"sr-Cyrl\"]\n\n[[concept]]\n"
            ),
            "{text}"
        );
        // zz lacks them: a warning, not an error
        assert!(
            r.stderr.contains("warning: missing-language [zz]"),
            "{}",
            r.stderr
        );
        // again: nothing changes
        let before = w.read(&g);
        w.run(&["glossary", "--glossary", &g, "import", &file])
            .expect(0);
        assert_eq!(w.read(&g), before);
    }
    // a glossary that requires others: a conflict, as a changed concept is
    let g = "other.toml";
    w.write(
        g,
        "[glossary]\n# only these\nrequired-languages = [\"en\"]  # for now\n",
    );
    let before = w.read(g);
    let r = w
        .run(&["glossary", "--glossary", g, "import", "all-csv.csv"])
        .expect(2);
    assert!(
        r.stderr
            .contains("the file requires en, sq, sr-Latn, sr-Cyrl, the glossary en")
            && r.stderr.contains("--replace"),
        "{}",
        r.stderr
    );
    assert_eq!(w.read(g), before);
    w.run(&[
        "glossary",
        "--glossary",
        g,
        "import",
        "all-csv.csv",
        "--replace",
    ])
    .expect(0);
    assert_eq!(required_languages(&w, g), all);
    let text = String::from_utf8(w.read(g)).unwrap();
    assert!(
        text.starts_with("[glossary]\n# only these\nrequired-languages = [\"en\", \"sq\", \"sr-Latn\", \"sr-Cyrl\"]  # for now\n"),
        "{text}"
    );
    // the same languages in another order are the same requirement
    w.write(
        "reordered.csv",
        "#required-languages,sq,en,sr-Cyrl,sr-Latn\nid,type,note,en\n",
    );
    let before = w.read(g);
    w.run(&["glossary", "--glossary", g, "import", "reordered.csv"])
        .expect(0);
    assert_eq!(w.read(g), before);
}

fn suggestions(w: &Workdir) -> Vec<Value> {
    let r = w
        .run(&[
            "glossary", "suggest", "--from", "en", "--limit", "1000", "--format", "json",
        ])
        .expect(0);
    serde_json::from_str(&r.stdout).unwrap()
}

/// True when a word of `s` has both Latin and Cyrillic letters.
fn mixes_scripts(s: &str) -> bool {
    s.split(|c: char| !c.is_alphabetic()).any(|w| {
        w.chars().any(|c| c.is_ascii_alphabetic())
            && w.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
    })
}

/// Translations typed with Latin look-alike letters inside Cyrillic words
/// (as NTREX's srp-Cyrl has them): the form is suggested cleaned, and says so.
#[test]
fn suggest_cleans_look_alike_letters_and_says_so() {
    let w = workdir();
    // A: Latin A, a; j: Latin j; o: Latin o
    w.write(
        "tm.tsv",
        "en\tsr-Cyrl\n\
         They say Australia won.\tКажу да је Aустрaлиjа победила.\n\
         They met Australia again.\tПоново су срели Аустралију.\n\
         It was Australia that lost.\tИзгубила је Аустралија.\n\
         They said Washington refused.\tРекли су да је Вaшингтoн одбио.\n\
         They heard Kavanaugh today.\tЧули су Кaвaнoa данас.\n",
    );
    w.run(&["import", "tm.tsv"]).expect(0);
    let found = suggestions(&w);
    let form = |text: &str| -> Value {
        let s = found
            .iter()
            .find(|s| s["text"] == text)
            .unwrap_or_else(|| panic!("{text} not suggested: {found:?}"));
        s["forms"][0].clone()
    };
    let australia = form("Australia");
    assert_eq!(australia["text"], "Аустралија");
    assert_eq!(
        australia["repaired_from"],
        serde_json::json!(["Aустрaлиjа"])
    );
    let washington = form("Washington");
    assert_eq!(washington["text"], "Вашингтон");
    assert_eq!(
        washington["repaired_from"],
        serde_json::json!(["Вaшингтoн"])
    );
    // more Latin look-alikes than Cyrillic letters: sr-Cyrl still says Cyrillic
    let kavanaugh = form("Kavanaugh");
    assert_eq!(kavanaugh["text"], "Каваноа");
    assert_eq!(kavanaugh["repaired_from"], serde_json::json!(["Кaвaнoa"]));
    let r = w.run(&["glossary", "suggest", "--from", "en"]).expect(0);
    assert!(
        r.stdout.contains("sr-Cyrl: Вашингтон (") && r.stdout.contains("repaired from Вaшингтoн"),
        "{}",
        r.stdout
    );
}

#[test]
fn suggest_never_offers_a_word_in_two_scripts_on_ntrex() {
    let w = Workdir::new();
    let read = |l: &str| {
        std::fs::read_to_string(repo_file(&format!("tests/data/qa/ntrex/{l}.txt"))).unwrap()
    };
    let (en, sr) = (read("en"), read("sr-Cyrl"));
    let mut tsv = String::from("en\tsr-Cyrl\n");
    for (a, b) in en.lines().zip(sr.lines()) {
        tsv.push_str(&format!("{a}\t{b}\n"));
    }
    assert!(mixes_scripts(&sr), "the sample has look-alike letters");
    w.write("ntrex.tsv", tsv);
    w.run(&["import", "ntrex.tsv"]).expect(0);
    let found = suggestions(&w);
    assert!(found.len() > 50, "{}", found.len());
    let mut repaired = 0;
    for s in &found {
        for f in s["forms"].as_array().unwrap() {
            let text = f["text"].as_str().unwrap();
            assert!(!mixes_scripts(text), "{}: {text}", s["text"]);
            repaired += f.get("repaired_from").is_some() as usize;
        }
    }
    assert!(repaired > 10, "{repaired}");
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

/// `find --file` on a file with a BOM and CRLF line ends gives each
/// occurrence's line and column; a term across a line break prints on one
/// line; a UTF-16 file (with a BOM) reads like UTF-8.
#[test]
fn find_in_files_names_line_and_column_and_reads_utf16() {
    let w = workdir();
    let text = "Kurti.\r\nU Prištini je Vjosa\r\nOsmani.\r\n";
    w.write(
        "bom.sr-Latn.txt",
        [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat(),
    );
    let r = w
        .run(&[
            "glossary",
            "find",
            "--file",
            "bom.sr-Latn.txt",
            "--format",
            "json",
        ])
        .expect(0);
    let found: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    let at: Vec<(&str, u64, u64)> = found
        .iter()
        .map(|o| {
            (
                o["found"].as_str().unwrap(),
                o["line"].as_u64().unwrap(),
                o["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        at,
        [
            ("Kurti", 1, 1),
            ("Prištini", 2, 3),
            ("Vjosa\nOsmani", 2, 15)
        ],
        "{}",
        r.stdout
    );
    let r = w
        .run(&["glossary", "find", "--file", "bom.sr-Latn.txt"])
        .expect(0);
    assert!(r.stdout.contains("2:15\tVjosa Osmani\t"), "{}", r.stdout);
    assert_eq!(r.stdout.lines().count(), 3, "{}", r.stdout);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    w.write("utf16.sr-Latn.txt", utf16);
    let r16 = w
        .run(&["glossary", "find", "--file", "utf16.sr-Latn.txt"])
        .expect(0);
    assert_eq!(r16.stdout, r.stdout);
    w.write("en.txt", "Kurti.\nIn Pristina is Vjosa Osmani.\n");
    w.run(&["qa", "en.txt", "utf16.sr-Latn.txt", "--fail-on", "never"])
        .expect(0);
}

/// A new workspace has no `glossaries/` yet: the first `add` makes it, as
/// the first `align` makes `memory/`.
#[test]
fn the_first_add_in_a_new_workspace_makes_the_glossary_folder() {
    let w = Workdir::new();
    w.run(&[
        "glossary",
        "add",
        "--id",
        "belgrade",
        "--term",
        "en=Belgrade",
    ])
    .expect(0);
    let g = String::from_utf8(w.read("glossaries/proper-nouns.toml")).unwrap();
    assert!(g.contains("en = [\"Belgrade\"]"), "{g}");
}

#[test]
fn invisible_format_characters_inside_a_name_do_not_hide_it() {
    let w = workdir();
    // soft hyphen, zero-width space, word joiner, BOM as ZWNBSP, zero-width joiner
    for c in ['\u{ad}', '\u{200b}', '\u{2060}', '\u{feff}', '\u{200d}'] {
        let name = format!("Pri{c}štini");
        // one before the name and one after it, which the span leaves out
        let text = format!("u {c}{name}{c} i Beo{c}gradu.");
        let found = find_json(&w, "sr-Latn", &text);
        let what = format!("U+{:04X}", c as u32);
        assert_eq!(
            summary(&found),
            format!("{name}=pristina:inflected ; Beo{c}gradu=belgrade:inflected"),
            "{what}"
        );
        let o = &found[0];
        let start = text.find(&name).unwrap();
        let span = |k: &str| o[k].as_u64().unwrap() as usize;
        assert_eq!(
            (span("start"), span("end")),
            (start, start + name.len()),
            "{what}"
        );
        let chars = |b: usize| text[..b].chars().count();
        assert_eq!(
            (span("char_start"), span("char_end")),
            (chars(start), chars(start + name.len())),
            "{what}"
        );
        assert_eq!(
            &text[span("start")..span("end")],
            o["found"].as_str().unwrap()
        );
    }
    // QA finds the name (no term-missing) and still reports the character.
    w.write("shy.en.txt", "in Pristina and Belgrade.\n");
    w.write("shy.sr-Latn.txt", "u Pri\u{ad}štini i Beogradu.\n");
    let r = w
        .run(&["qa", "shy.en.txt", "shy.sr-Latn.txt", "--format", "json"])
        .expect(0);
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    let checks: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["check"].as_str().unwrap())
        .collect();
    assert_eq!(checks, ["invisible-char"], "{}", r.stdout);
}

/// A short name's case forms differ within their first letters (Kina,
/// Kini, Kinu; FBI, FBI-ja): they are still one name, proposed in its base
/// form when it was seen, even if a case form was seen more often.
#[test]
fn suggest_proposes_the_base_form_of_a_short_name_seen_less_than_its_case_forms() {
    let w = workdir();
    w.write(
        "tm.tsv",
        "en\tsq\tsr-Latn\tsr-Cyrl\n\
         They say China said no.\tThonë se Kina tha jo.\tKažu da je Kina rekla ne.\tКажу да је Кина рекла не.\n\
         They say China won.\tThonë se Kina fitoi.\tKažu da je Kina pobedila.\tКажу да је Кина победила.\n\
         They went to China.\tShkuan në Kinë.\tOtišli su u Kinu.\tОтишли су у Кину.\n\
         They met in China.\tU takuan në Kinë.\tSreli su se u Kini.\tСрели су се у Кини.\n\
         Rain in China again.\tShi në Kinë sërish.\tKiša u Kini ponovo.\tКиша у Кини поново.\n\
         The news in China today.\tLajmet në Kinë sot.\tVesti u Kini danas.\tВести у Кини данас.\n\
         They say the FBI said no.\tFBI tha jo.\tFBI je rekao ne.\tФБИ је рекао не.\n\
         Then the FBI agent came.\tAgjenti i FBI-së erdhi.\tAgent FBI-ja je došao.\tАгент ФБИ-ја је дошао.\n\
         Now the FBI report is out.\tRaporti i FBI-së doli.\tIzveštaj FBI-ja je izašao.\tИзвештај ФБИ-ја је изашао.\n\
         Then the FBI chief spoke.\tShefi i FBI-së foli.\tŠef FBI-ja je govorio.\tШеф ФБИ-ја је говорио.\n",
    );
    w.run(&["import", "tm.tsv"]).expect(0);
    let found = suggestions(&w);
    let forms = |text: &str| -> Vec<(String, String, u64)> {
        let s = found
            .iter()
            .find(|s| s["text"] == text)
            .unwrap_or_else(|| panic!("{text} not suggested: {found:?}"));
        s["forms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["lang"].as_str().unwrap().to_string(),
                    f["text"].as_str().unwrap().to_string(),
                    f["units"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let t = |l: &str, f: &str, n: u64| (l.to_string(), f.to_string(), n);
    assert_eq!(
        forms("China"),
        // (sq Kina and Kinë are both nominative: the one seen more is proposed)
        [
            t("sq", "Kinë", 6),
            t("sr-Cyrl", "Кина", 6),
            t("sr-Latn", "Kina", 6)
        ]
    );
    assert_eq!(
        forms("FBI"),
        [
            t("sq", "FBI", 4),
            t("sr-Cyrl", "ФБИ", 4),
            t("sr-Latn", "FBI", 4)
        ]
    );
}

/// Two columns of one language would merge their terms silently: refused
/// at the second column's header cell.
#[test]
fn csv_import_refuses_a_language_given_two_columns() {
    let w = workdir();
    let csv = "id,type,note,en,en,sq\ngeneva,place,,Geneva,Genf,Gjenevë\n";
    w.write("t4.csv", csv);
    import_refused(
        &w,
        "t4.csv",
        &[
            "t4.csv:1:17: ",
            "the language `en` has two columns (4 and 5)",
            "1 | id,type,note,en,en,sq",
        ],
    );
    // the same language written two ways
    let csv = "id,type,note,sr-Latn,sq,sr-latn\ngeneva,place,,Ženeva,Gjenevë,Ženeva\n";
    w.write("t4b.csv", csv);
    import_refused(
        &w,
        "t4b.csv",
        &[
            "t4b.csv:1:25: ",
            "the language `sr-Latn` has two columns (4 and 6)",
        ],
    );
}

/// Excel in many European locales writes CSV with semicolons, and may name
/// the separator on a first `sep=;` line: glossary import reads them as
/// `tm import` does (one reader), with quoted cells and CRLF.
#[test]
fn csv_import_reads_excel_semicolons_and_a_sep_line() {
    let want = |w: &Workdir, g: &str| {
        let r = w
            .run(&[
                "glossary",
                "--glossary",
                g,
                "show",
                "geneva",
                "--format",
                "json",
            ])
            .expect(0);
        let c: Value = serde_json::from_str(&r.stdout).unwrap();
        let terms: Vec<String> = c["terms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                format!(
                    "{}={}",
                    t["lang"].as_str().unwrap(),
                    t["text"].as_str().unwrap()
                )
            })
            .collect();
        assert_eq!(
            terms,
            [
                "en=Geneva",
                "sq=Gjenevë",
                "sr-Latn=Ženeva",
                "sr-Cyrl=Женева"
            ],
            "{g}"
        );
        assert_eq!(c["note"], "City; in Switzerland", "{g}");
    };
    let w = Workdir::new();
    for (name, csv) in [
        (
            "semi.csv",
            "id;type;note;en;sq;sr-Latn;sr-Cyrl\ngeneva;place;\"City; in Switzerland\";Geneva;Gjenevë;Ženeva;Женева\n",
        ),
        (
            "semi2.csv",
            "sep=;\r\nid;type;note;en;sq;sr-Latn;sr-Cyrl\r\ngeneva;place;\"City; in Switzerland\";Geneva;Gjenevë;Ženeva;Женева\r\n",
        ),
        (
            "quoted.csv",
            "\u{feff}\"#required-languages\";\"en\";\"sq\"\n\"id\";\"type\";\"note\";\"en\";\"sq\";\"sr-Latn\";\"sr-Cyrl\"\n\"geneva\";\"place\";\"City; in Switzerland\";\"Geneva\";\"Gjenevë\";\"Ženeva\";\"Женева\"\n",
        ),
    ] {
        w.write(name, csv);
        let g = format!("{name}.toml");
        w.run(&["glossary", "--glossary", &g, "import", name])
            .expect(0);
        want(&w, &g);
    }
    // errors still point into the cell
    let csv = "id;type;note;en\ngeneva;place;;Geneva [bogus]\n";
    w.write("bad.csv", csv);
    let r = w
        .run(&["glossary", "--glossary", "bad.toml", "import", "bad.csv"])
        .expect(2);
    assert!(
        r.stderr
            .contains("bad.csv:2:23: column `en`: unknown term attribute `bogus`"),
        "{}",
        r.stderr
    );
    assert!(!w.path("bad.toml").exists());
}

/// Of the glossary commands only `suggest` opens the TM (`--db`, and
/// `--wait`: opening may upgrade it); the edits wait for the glossary's
/// lock (`--wait`): the others' help does not offer what they ignore.
/// Given anyway (a script's global options), they are accepted.
#[test]
fn glossary_help_offers_only_the_global_options_a_command_uses() {
    let w = workdir();
    let help = |args: &[&str]| w.run(args).expect(0).stdout;
    for sub in [
        "lint", "find", "add", "add-term", "import", "export", "anchors", "remove", "rename",
    ] {
        let h = help(&["glossary", sub, "--help"]);
        assert!(!h.contains("--db"), "glossary {sub}:\n{h}");
        let edits = ["add", "add-term", "import", "remove", "rename"].contains(&sub);
        assert_eq!(h.contains("--wait"), edits, "glossary {sub}:\n{h}");
        assert!(h.contains("--glossary"), "glossary {sub}:\n{h}");
    }
    let h = help(&["glossary", "suggest", "--help"]);
    assert!(h.contains("--db") && h.contains("--wait"), "{h}");
    let h = help(&["glossary", "--help"]);
    assert!(!h.contains("--wait"), "{h}");
    // other commands still offer both
    let h = help(&["import", "--help"]);
    assert!(h.contains("--db") && h.contains("--wait"), "{h}");
    w.run(&["glossary", "lint", "--db", "x.sqlite", "--wait", "3"])
        .expect(0);
    // suggest still reads the TM --db names
    let r = w
        .run(&[
            "glossary",
            "suggest",
            "--from",
            "en",
            "--db",
            "none/tm.sqlite",
        ])
        .expect(2);
    assert!(r.stderr.contains("none/tm.sqlite"), "{}", r.stderr);
}

/// A file name given as the TEXT to search is searched as words; when that
/// finds nothing, the note says how to search the file.
#[test]
fn find_of_a_file_name_as_text_points_at_file() {
    let w = workdir();
    w.write("t.sq.txt", "Stoltenberg erdhi në Prishtinë.\n");
    let r = w
        .run(&["glossary", "find", "t.sq.txt", "--lang", "sq"])
        .expect(1);
    assert!(
        r.stderr
            .contains("t.sq.txt was searched as text; to search the file, give --file t.sq.txt"),
        "{}",
        r.stderr
    );
    let r = w.run(&["glossary", "find", "--file", "t.sq.txt"]).expect(0);
    assert!(r.stdout.contains("Prishtinë"), "{}", r.stdout);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

/// A merge that left conflict markers is named as such, at the marker.
#[test]
fn a_git_conflict_in_the_glossary_is_named_as_one() {
    let w = Workdir::new();
    w.write(
        "g.toml",
        "[[concept]]\nid = \"x\"\ntype = \"place\"\n<<<<<<< HEAD\nen = [\"X\"]\n=======\nen = [\"Ex\"]\n>>>>>>> theirs\n",
    );
    for cmd in ["lint", "list"] {
        let r = w.run(&["glossary", "--glossary", "g.toml", cmd]).expect(2);
        assert!(
            r.stderr
                .contains("g.toml:4:1: an unresolved git merge conflict"),
            "{}",
            r.stderr
        );
        assert!(r.stderr.contains("4 | <<<<<<< HEAD"), "{}", r.stderr);
        assert!(r.stderr.contains("keep one side"), "{}", r.stderr);
        assert!(!r.stderr.contains("invalid TOML"), "{}", r.stderr);
    }
    // Two branches that each added a concept at the same place: keeping
    // one side would lose the other's concept.
    w.write(
        "added.toml",
        "[[concept]]\nid = \"pristina\"\ntype = \"place\"\nen = [\"Pristina\"]\n\n\
         <<<<<<< HEAD\n[[concept]]\nid = \"pristina-airport\"\ntype = \"place\"\nen = [\"Pristina Airport\"]\n\
         =======\n[[concept]]\nid = \"pristina-university\"\ntype = \"organisation\"\nen = [\"University of Pristina\"]\n\
         >>>>>>> b\n",
    );
    let r = w
        .run(&["glossary", "--glossary", "added.toml", "lint"])
        .expect(2);
    assert!(
        r.stderr.contains(
            "each side adds concepts (pristina-airport; pristina-university): keep both, in id order"
        ),
        "{}",
        r.stderr
    );
}

/// A TOML syntax error stops the reading; errors in what the file says
/// (a type, a language tag, a status) are all reported, each at its place.
#[test]
fn every_error_in_what_the_glossary_says_is_reported() {
    let w = Workdir::new();
    w.write(
        "g.toml",
        "[[concept]]\nid = \"a\"\ntype = \"plaec\"\nen = [\"A\"]\n\n\
         [[concept]]\nid = \"b\"\ntype = \"place\"\nsqi = [\"B\"]\nen = [{ term = \"B\", status = \"prefered\" }]\n\n\
         [[concept]]\nid = \"C c\"\ntype = \"place\"\nen = [\"C\"]\n\n\
         [[concept]]\nid = \"d\"\ntype = \"place\"\nen = [\"D\"]\n",
    );
    let r = w
        .run(&["glossary", "--glossary", "g.toml", "lint"])
        .expect(2);
    for needle in [
        "g.toml:3:8: unknown type `plaec`",
        "g.toml:9:1: write the language `sqi` as `sq`",
        "g.toml:10:30: unknown status `prefered`",
        "g.toml:13:6: the id `C c` must be",
        "4 errors in g.toml",
    ] {
        assert!(r.stderr.contains(needle), "{needle}:\n{}", r.stderr);
    }
    // every command reads the file alike
    let r = w
        .run(&["glossary", "--glossary", "g.toml", "list"])
        .expect(2);
    assert!(r.stderr.contains("4 errors in g.toml"), "{}", r.stderr);
}

/// A glossary that lint rejects (the same term in two concepts) is still
/// used by align and qa, whose work is not the glossary's, but they say
/// so on stderr and point at lint.
#[test]
fn align_and_qa_warn_about_a_glossary_lint_rejects() {
    let w = Workdir::new();
    w.write(
        G,
        "[[concept]]\nid = \"belgrade\"\ntype = \"place\"\nen = [\"Belgrade\"]\nsr-Latn = [\"Beograd\"]\n\n\
         [[concept]]\nid = \"beograd\"\ntype = \"place\"\nen = [\"belgrade\"]\nsr-Latn = [\"Beograd\"]\n",
    );
    w.write("a.en.txt", "Talks in Belgrade.\n");
    w.write("a.sr-Latn.txt", "Razgovori u Beogradu.\n");
    let warning = "tm: warning: the glossary glossaries/proper-nouns.toml has 2 errors that `tm glossary lint` reports (duplicate-term [beograd]";
    let r = w.run(&["qa", "a.en.txt", "a.sr-Latn.txt"]).expect(0);
    assert!(r.stderr.contains(warning), "{}", r.stderr);
    let r = w.run(&["align", "a.en.txt", "a.sr-Latn.txt"]).expect(0);
    assert!(r.stderr.contains(warning), "{}", r.stderr);
    // said once, and not by commands that leave the glossary out
    assert_eq!(r.stderr.matches("tm: warning: the glossary").count(), 1);
    let r = w
        .run(&[
            "align",
            "a.en.txt",
            "a.sr-Latn.txt",
            "--no-glossary",
            "--replace",
        ])
        .expect(0);
    assert!(!r.stderr.contains("the glossary"), "{}", r.stderr);
}

/// A note may hold a line break: Excel writes Alt+Enter as a line break
/// inside a quoted cell (LF, or CRLF from other tools). It survives import →
/// glossary file → CSV, TBX (escaped as XML) and JSON, and `show`. A term
/// may not hold one: the import names file, line and column.
#[test]
fn a_note_may_hold_a_line_break_a_term_may_not() {
    let w = Workdir::new();
    w.write(
        "g.csv",
        "id,type,note,en,de\r\n\
         brandenburg,place,\"Gate in Berlin.\nSee also: Tor & Platz <1791>.\",\
         Brandenburg Gate,\"Brandenburger Tor [note: Berlin\r\nMitte]\"\r\n\
         paris,place,\"Capital.\r\n\r\nSecond paragraph.\",Paris,Paris\r\n",
    );
    w.run(&["glossary", "--glossary", "g.toml", "import", "g.csv"])
        .expect(0);
    w.run(&["glossary", "--glossary", "g.toml", "lint"])
        .expect(0);
    let show = |glossary: &str, id: &str| -> Value {
        let r = w
            .run(&[
                "glossary",
                "--glossary",
                glossary,
                "show",
                id,
                "--format",
                "json",
            ])
            .expect(0);
        serde_json::from_str(&r.stdout).unwrap()
    };
    let c = show("g.toml", "brandenburg");
    assert_eq!(c["note"], "Gate in Berlin.\nSee also: Tor & Platz <1791>.");
    assert_eq!(c["terms"][1]["note"], "Berlin\nMitte", "{c}");
    assert_eq!(
        show("g.toml", "paris")["note"],
        "Capital.\n\nSecond paragraph."
    );
    // The text view keeps the note's lines under the concept.
    let r = w
        .run(&["glossary", "--glossary", "g.toml", "show", "brandenburg"])
        .expect(0);
    assert!(
        r.stdout
            .contains("\n  Gate in Berlin.\n  See also: Tor & Platz <1791>.\n"),
        "{}",
        r.stdout
    );
    let json = export(&w, "g.toml", "json");
    let tbx = export(&w, "g.toml", "tbx2");
    assert!(
        tbx.contains(
            "<descrip type=\"definition\">Gate in Berlin.\nSee also: Tor &amp; Platz &lt;1791&gt;.</descrip>"
        ),
        "{tbx}"
    );
    for (format, ext) in [("csv", "csv"), ("tbx2", "tbx"), ("tbx3", "tbx")] {
        let out = export(&w, "g.toml", format);
        let file = format!("out-{format}.{ext}");
        w.write(&file, &out);
        let new = format!("new-{format}.toml");
        w.run(&["glossary", "--glossary", &new, "import", &file])
            .expect(0);
        assert_eq!(export(&w, &new, "json"), json, "{format}");
    }

    // A term with a line break is refused where the break is.
    let text = "id,type,note,en\nbrandenburg,place,,\"Brandenburg\nGate\"\n";
    w.write("t.csv", text);
    let r = w
        .run(&["glossary", "--glossary", "t.toml", "import", "t.csv"])
        .expect(2);
    assert!(
        r.stderr.contains(&format!(
            "{}column `en`: the term `Brandenburg\\nGate` holds a line break",
            at("t.csv", text, "\nGate")
        )),
        "{}",
        r.stderr
    );
    assert!(!w.path("t.toml").exists());
}

#[test]
fn export_output_dev_stdout_writes_to_the_pipe() {
    let w = workdir();
    let expected = export(&w, G, "csv");
    for path in ["/dev/stdout", "/dev/fd/1"] {
        let run = w
            .run(&[
                "glossary",
                "--glossary",
                G,
                "export",
                "--format",
                "csv",
                "--output",
                path,
            ])
            .expect(0);
        assert_eq!(run.stdout, expected, "{path}");
    }
}

/// A scratch glossary made with `glossary add`, one concept per name.
fn scratch(concepts: &[(&str, &[&str])]) -> Workdir {
    let w = Workdir::new();
    for (id, terms) in concepts {
        let mut args = vec!["glossary", "add", "--id", id, "--type", "place"];
        for t in *terms {
            args.push("--term");
            args.push(t);
        }
        w.run(&args).expect(0);
    }
    w
}

#[test]
fn fleeting_a_neuter_nouns_and_albanian_schwa_drop_are_declined_forms() {
    let w = scratch(&[
        (
            "aleksandar-vucic",
            &["sr-Latn=Aleksandar Vučić", "sr-Cyrl=Александар Вучић"],
        ),
        ("kragujevac", &["sr-Latn=Kragujevac"]),
        ("ibar", &["sr-Latn=Ibar", "sq=Ibër"]),
        ("shkoder", &["sq=Shkodër"]),
        ("bar", &["sr-Latn=Bar"]),
        ("kosovo", &["sr-Latn=Kosovo"]),
        ("kosovo-polje", &["sr-Latn=Kosovo Polje"]),
        (
            "vetevendosje",
            &["sr-Latn=Samoopredeljenje", "sq=Vetëvendosje"],
        ),
    ]);
    let cases = [
        (
            "sr-Latn",
            "Aleksandra Vučića, sa Aleksandrom Vučićem, u Kragujevcu, iz Kragujevca, na Ibru, do Ibra.",
            "Aleksandra Vučića=aleksandar-vucic:inflected ; Aleksandrom Vučićem=aleksandar-vucic:inflected ; Kragujevcu=kragujevac:inflected ; Kragujevca=kragujevac:inflected ; Ibru=ibar:inflected ; Ibra=ibar:inflected",
        ),
        (
            "sr-Cyrl",
            "Александра Вучића у Крагујевцу.",
            "Александра Вучића=aleksandar-vucic:inflected ; Крагујевцу=kragujevac:inflected+transliterated",
        ),
        // Bar keeps its a (Bara, Baru); "Bra" is no form of it
        (
            "sr-Latn",
            "iz Bara, u Baru, bra",
            "Bara=bar:inflected ; Baru=bar:inflected",
        ),
        // inhabitants and derived words are other words
        ("sr-Latn", "Kragujevčani, kragujevački, Kragujevčanima", ""),
        (
            "sr-Latn",
            "Samoopredeljenja, Kosova Polja, u Kosovu Polju, Kosovo",
            "Samoopredeljenja=vetevendosje:inflected ; Kosova Polja=kosovo-polje:inflected ; Kosovu Polju=kosovo-polje:inflected ; Kosovo=kosovo:exact",
        ),
        (
            "sr-Cyrl",
            "Самоопредељења",
            "Самоопредељења=vetevendosje:inflected+transliterated",
        ),
        (
            "sq",
            "Vetëvendosja, Vetëvendosjes, Vetëvendosjen, Ibri, Ibrit, Shkodra, Shkodrës",
            "Vetëvendosja=vetevendosje:inflected ; Vetëvendosjes=vetevendosje:inflected ; Vetëvendosjen=vetevendosje:inflected ; Ibri=ibar:inflected ; Ibrit=ibar:inflected ; Shkodra=shkoder:inflected ; Shkodrës=shkoder:inflected",
        ),
    ];
    assert_finds(&w, &cases);
}

/// A client's TBX-Basic file holds more than the glossary can: what it can
/// hold is kept (definitions and notes joined into the concept's note, one
/// a line, a language's marked `de: `; a term's note), statuses without a
/// one-to-one status are read as the nearest and said, a legacy tag's
/// rewrite is listed, and the rest is counted by data category.
#[test]
fn tbx_import_keeps_what_it_can_and_names_what_it_leaves_out() {
    let w = Workdir::new();
    w.copy_from_repo("tests/data/glossary/tbx/client-basic.tbx", "client.tbx");
    let r = w
        .run(&["glossary", "--glossary", "g.toml", "import", "client.tbx"])
        .expect(0);
    assert_eq!(
        r.stdout,
        "imported client.tbx: 1 added, 0 replaced, 0 unchanged; read SR-SP-Latn as sr-Latn; \
         read status supersededTerm-admn-sts as forbidden (1 term); \
         1 note joined from several, one a line; \
         left out (the glossary has no place for them): 1 subjectField, 2 transacGrp, \
         2 termType, 1 partOfSpeech, 1 context, 1 grammaticalGender\n"
    );
    let r = w
        .run(&[
            "glossary",
            "--glossary",
            "g.toml",
            "export",
            "--format",
            "json",
        ])
        .expect(0);
    let g: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let c = &g["concepts"][0];
    assert_eq!(
        c["note"],
        "Ministry responsible for public finances\nClient-approved 2024 & reviewed\n\
         de: Das für die Staatsfinanzen zuständige Ministerium"
    );
    assert_eq!(c["terms"][0]["note"], "official name");
    let status = |text: &str| {
        let t = (c["terms"].as_array().unwrap().iter()).find(|t| t["text"] == text);
        t.unwrap()["status"].as_str().unwrap().to_string()
    };
    assert_eq!(status("Bundesministerium der Finanzen"), "forbidden");
    assert_eq!(status("Reichsfinanzministerium"), "forbidden");
    assert_eq!(status("MoF"), "admitted");
    let sr =
        (c["terms"].as_array().unwrap().iter()).find(|t| t["text"] == "Ministarstvo finansija");
    assert_eq!(sr.unwrap()["lang"], "sr-Latn");
    // the same as JSON
    let r = w
        .run(&[
            "glossary",
            "--glossary",
            "g2.toml",
            "import",
            "client.tbx",
            "--format",
            "json",
        ])
        .expect(0);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        j["languages_read_as"],
        serde_json::json!([{ "from": "SR-SP-Latn", "to": "sr-Latn" }])
    );
    assert_eq!(
        j["statuses_read_as"],
        serde_json::json!([{ "from": "supersededTerm-admn-sts", "to": "forbidden", "terms": 1 }])
    );
    assert_eq!(j["notes_joined"], 1);
    let left: Vec<(String, u64)> = (j["left_out"].as_array().unwrap().iter())
        .map(|l| {
            (
                l["category"].as_str().unwrap().to_string(),
                l["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(left.iter().map(|(_, n)| n).sum::<u64>(), 8, "{left:?}");
    assert!(left.contains(&("transacGrp".into(), 2)), "{left:?}");
}

/// The file tm writes for a glossary whose joined note came from a TBX
/// reads back as the same glossary, and the import says nothing was left
/// out.
#[test]
fn a_joined_note_round_trips_through_tms_own_tbx() {
    let w = Workdir::new();
    w.copy_from_repo("tests/data/glossary/tbx/client-basic.tbx", "client.tbx");
    w.run(&["glossary", "--glossary", "g.toml", "import", "client.tbx"])
        .expect(0);
    for format in ["tbx2", "tbx3"] {
        let out = export(&w, "g.toml", format);
        w.write("out.tbx", &out);
        let new = format!("{format}.toml");
        let r = w
            .run(&["glossary", "--glossary", &new, "import", "out.tbx"])
            .expect(0);
        assert_eq!(
            r.stdout,
            "imported out.tbx: 1 added, 0 replaced, 0 unchanged\n"
        );
        assert_eq!(w.read(&new), w.read("g.toml"), "{format}");
    }
}

/// Export declares the dialect whose data categories it writes (TBX-Basic
/// has no conceptType, caseSensitive or exactOnly), and writes an id that
/// starts with a digit as a valid XML ID, read back as the same id.
#[test]
fn tbx_export_declares_its_dialect_and_writes_valid_xml_ids() {
    let w = Workdir::new();
    w.run(&[
        "glossary",
        "--glossary",
        "g.toml",
        "add",
        "--id",
        "9-11",
        "--type",
        "event",
        "--term",
        "en=September 11 attacks",
    ])
    .expect(0);
    let json = export(&w, "g.toml", "json");
    for (format, entry) in [("tbx2", "termEntry"), ("tbx3", "conceptEntry")] {
        let out = export(&w, "g.toml", format);
        assert!(!out.contains("type=\"TBX-Basic\""), "{out}");
        assert!(out.contains(" type=\"TBX-tm\""), "{out}");
        assert!(out.contains(&format!("<{entry} id=\"tm.9-11\">")), "{out}");
        w.write("out.tbx", &out);
        let new = format!("{format}.toml");
        w.run(&["glossary", "--glossary", &new, "import", "out.tbx"])
            .expect(0);
        assert_eq!(export(&w, &new, "json"), json, "{format}");
    }
}

#[test]
fn an_elided_article_or_pronoun_does_not_hide_the_term_after_it() {
    let w = Workdir::new();
    w.write(
        G,
        r#"[[concept]]
id = "eu"
type = "organisation"
fr = ["Union européenne"]
it = ["Unione europea"]
ca = ["Unió Europea"]

[[concept]]
id = "ivory-coast"
type = "place"
fr = ["Côte d'Ivoire"]

[[concept]]
id = "nato"
type = "organisation"
fr = ["OTAN", { term = "Otan", status = "forbidden", case-sensitive = true }]
it = ["NATO"]
"#,
    );
    let cases = [
        (
            "fr",
            "l'Union européenne et l’OTAN",
            "Union européenne=eu:exact ; OTAN=nato:exact",
        ),
        (
            "fr",
            "L'OTAN, d'OTAN, jusqu'à l'OTAN, qu'Union européenne",
            "OTAN=nato:exact ; OTAN=nato:exact ; OTAN=nato:exact ; Union européenne=eu:exact",
        ),
        // a forbidden form after l' is reported too
        ("fr", "à l'Otan", "Otan=nato:exact"),
        // a term that holds an elision matches with either apostrophe
        (
            "fr",
            "en Côte d’Ivoire, de la Côte d'Ivoire",
            "Côte d’Ivoire=ivory-coast:exact ; Côte d'Ivoire=ivory-coast:exact",
        ),
        (
            "it",
            "dell'Unione europea, all’Unione europea, nell'Unione europea, la NATO",
            "Unione europea=eu:exact ; Unione europea=eu:exact ; Unione europea=eu:exact ; NATO=nato:exact",
        ),
        ("ca", "de l'Unió Europea", "Unió Europea=eu:exact"),
        // an apostrophe after other letters is no elision; other languages do not elide
        ("fr", "xl'OTAN", ""),
        ("en", "l'OTAN", ""),
    ];
    assert_finds(&w, &cases);
}

#[test]
fn serbian_plural_names_decline_as_plurals() {
    let w = scratch(&[
        (
            "un",
            &["sr-Latn=Ujedinjene nacije", "sr-Cyrl=Уједињене нације"],
        ),
        ("usa", &["sr-Latn=Sjedinjene Američke Države"]),
        ("usa-short", &["sr-Latn=Sjedinjene Države"]),
        ("uae", &["sr-Latn=Ujedinjeni Arapski Emirati"]),
        ("balkan", &["sr-Latn=Zapadni Balkan"]),
        ("kurti", &["sr-Latn=Albin Kurti"]),
    ]);
    let cases = [
        (
            "sr-Latn",
            "Ujedinjenih nacija, u Ujedinjenim nacijama, Ujedinjene nacije",
            "Ujedinjenih nacija=un:inflected ; Ujedinjenim nacijama=un:inflected ; Ujedinjene nacije=un:exact",
        ),
        (
            "sr-Cyrl",
            "у Уједињеним нацијама",
            "Уједињеним нацијама=un:inflected",
        ),
        (
            "sr-Latn",
            "Sjedinjenih Američkih Država, sa Sjedinjenim Američkim Državama, Sjedinjenih Država",
            "Sjedinjenih Američkih Država=usa:inflected ; Sjedinjenim Američkim Državama=usa:inflected ; Sjedinjenih Država=usa-short:inflected",
        ),
        (
            "sr-Latn",
            "Ujedinjenih Arapskih Emirata, u Ujedinjenim Arapskim Emiratima",
            "Ujedinjenih Arapskih Emirata=uae:inflected ; Ujedinjenim Arapskim Emiratima=uae:inflected",
        ),
        // singular forms are no forms of a plural name; singular names keep theirs
        ("sr-Latn", "Ujedinjenu naciju, Ujedinjenoj naciji", ""),
        (
            "sr-Latn",
            "Zapadnog Balkana, Albina Kurtija",
            "Zapadnog Balkana=balkan:inflected ; Albina Kurtija=kurti:inflected",
        ),
    ];
    assert_finds(&w, &cases);
}

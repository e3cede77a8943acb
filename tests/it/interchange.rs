//! `tm import` and `tm export` of TMX, CSV and TSV: round trips, the
//! fixtures in the style of other tools, bad input, dedupe and conflicts.

use crate::workdir::{Workdir, repo_file};

const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="Test" creationtoolversion="1" segtype="sentence" o-tmf="test" adminlang="en" srclang="en" datatype="html">
    <note>made for the tests</note>
    <prop type="x-project">nato</prop>
  </header>
  <body>
    <tu tuid="a1" creationdate="20240105T101500Z" creationid="ana">
      <prop type="x-origin">TM</prop>
      <tuv xml:lang="en"><seg>Click <bpt i="1">&lt;b></bpt>Save<ept i="1">&lt;/b></ept> &amp; close.</seg></tuv>
      <tuv xml:lang="sq" changeid="besa" changedate="20240106T090000Z"><note>checked</note><seg>Klikoni <bpt i="1">&lt;b></bpt>Ruaj<ept i="1">&lt;/b></ept> dhe mbyllni.</seg></tuv>
      <tuv xml:lang="sr-latn"><seg>Kliknite <bpt i="1">&lt;b></bpt>Sačuvaj<ept i="1">&lt;/b></ept> i zatvorite.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="en"><seg>Tabs	and
lines, "quotes" and \backslashes\.</seg></tuv>
      <tuv xml:lang="sq"><seg>Skeda	dhe
rreshta, "thonjëza" dhe \vija\.</seg></tuv>
    </tu>
  </body>
</tmx>
"#;

fn jsonl(w: &Workdir, db: &str) -> Vec<serde_json::Value> {
    let r = w.run(&["--db", db, "export"]).expect(0);
    r.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The TM's content without ids: (document, variants) per unit.
fn content(w: &Workdir, db: &str) -> Vec<(serde_json::Value, serde_json::Value)> {
    jsonl(w, db)
        .into_iter()
        .map(|u| (u["document"].clone(), u["variants"].clone()))
        .collect()
}

#[test]
fn tmx_round_trips_both_ways() {
    let w = Workdir::new();
    w.write("in.tmx", TMX);
    w.run(&["--db", "a.sqlite", "import", "in.tmx"]).expect(0);
    let units = jsonl(&w, "a.sqlite");
    assert_eq!(units.len(), 2);
    // Matching sees the plain text; the markup is kept for export.
    assert_eq!(units[0]["variants"]["en"], "Click Save & close.");
    assert_eq!(
        units[0]["variants"]["sr-Latn"],
        "Kliknite Sačuvaj i zatvorite."
    );

    // export → import → export: byte-identical.
    w.run(&[
        "--db", "a.sqlite", "export", "--format", "tmx", "-o", "one.tmx",
    ])
    .expect(0);
    w.run(&["--db", "b.sqlite", "import", "one.tmx"]).expect(0);
    let two = w
        .run(&["--db", "b.sqlite", "export", "--format", "tmx"])
        .expect(0)
        .stdout;
    let one = String::from_utf8(w.read("one.tmx")).unwrap();
    assert_eq!(one, two);
    // import → export → import: the same TM.
    assert_eq!(content(&w, "a.sqlite"), content(&w, "b.sqlite"));

    // What was kept: header props and notes, tuid, dates, ids, tuv notes, markup.
    for needle in [
        r#"<prop type="x-project">nato</prop>"#,
        "<note>made for the tests</note>",
        r#"<tu tuid="a1" creationdate="20240105T101500Z" creationid="ana">"#,
        r#"<tuv xml:lang="sq" changeid="besa" changedate="20240106T090000Z">"#,
        "<note>checked</note>",
        r#"<seg>Click <bpt i="1">&lt;b></bpt>Save<ept i="1">&lt;/b></ept> &amp; close.</seg>"#,
        r#"<prop type="x-origin">TM</prop>"#,
        r#"datatype="html""#,
    ] {
        assert!(one.contains(needle), "{needle} missing from:\n{one}");
    }
    assert!(one.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header creationtool=\"tm\""));
}

#[test]
fn export_langs_doc_and_output_file() {
    let w = Workdir::new();
    w.write("in.tmx", TMX);
    w.run(&["import", "in.tmx", "--doc", "manual"]).expect(0);
    let r = w
        .run(&[
            "export",
            "--format",
            "tmx",
            "--langs",
            "sr-Latn,en",
            "--doc",
            "manual",
        ])
        .expect(0);
    assert!(r.stdout.contains(r#"srclang="sr-Latn""#), "{}", r.stdout);
    assert!(
        r.stdout
            .contains(r#"<prop type="x-tm-document">manual</prop>"#)
    );
    // Only units with both languages, in the order asked; the one with
    // English alone is counted.
    assert_eq!(r.stdout.matches("</tu>").count(), 1);
    assert_eq!(r.stdout.matches("</tuv>").count(), 2);
    let sr = r.stdout.find(r#"xml:lang="sr-Latn""#).unwrap();
    let en = r.stdout.find(r#"xml:lang="en""#).unwrap();
    assert!(sr < en);
    assert!(r.stderr.contains("1 unit left out"), "{}", r.stderr);
    w.run(&[
        "export",
        "--format",
        "tmx",
        "--langs",
        "sr-Latn,en",
        "--doc",
        "manual",
        "--keep-unpaired",
        "-o",
        "all.tmx",
    ])
    .expect(0);
    let all = String::from_utf8(w.read("all.tmx")).unwrap();
    assert_eq!(all.matches("</tu>").count(), 2);
    assert_eq!(all.matches("</tuv>").count(), 3);
    let r = w
        .run(&["export", "--format", "jsonl", "--langs", "sq"])
        .expect(0);
    assert_eq!(r.stdout.lines().count(), 2);
    assert!(!r.stdout.contains("\"en\""));
    w.run(&["export", "--doc", "nope"]).expect(2);
}

/// (file, units, languages, a plain text, a markup fragment kept)
type Fixture = (
    &'static str,
    usize,
    &'static [&'static str],
    &'static str,
    Option<&'static str>,
);

#[test]
fn fixtures_of_other_tools_import() {
    let cases: &[Fixture] = &[
        (
            "omegat.tmx",
            3,
            &["en-US", "sq"],
            "Serbia mohon çdo lidhje & përfshirje.",
            None,
        ),
        (
            "po2tmx.tmx",
            2,
            &["en", "sr"],
            "%d files were deleted <permanently>",
            None,
        ),
        (
            "okapi.tmx",
            2,
            &["de-DE", "en-US", "fr-FR"],
            "Das Bündnis tagte in Brüssel.",
            Some(r#"<ph x="4" type="image">&lt;img alt="<sub>Logo</sub>"/></ph>"#),
        ),
        (
            "trados.tmx",
            2,
            &["en-GB", "sr-Latn-RS"],
            "Kliknite na Sačuvaj da završite.",
            Some(r#"<bpt i="1" type="1" x="1" />Sačuvaj<ept i="1" />"#),
        ),
        (
            "memoq.tmx",
            2,
            &["en-US", "sq-AL"],
            "Ministri foli në Prishtinë.",
            Some(r#"<ph type="fmt" x="1">{1}</ph>Prishtinë"#),
        ),
    ];
    for &(file, n, langs, text, markup) in cases {
        let w = Workdir::new();
        w.copy_from_repo(&format!("tests/data/tmx/{file}"), file);
        let r = w.run(&["import", file]).expect(0);
        assert!(
            r.stdout.contains(&format!("{n} units read: {n} added")),
            "{file}: {}",
            r.stdout
        );
        let units = w.export();
        assert_eq!(units.len(), n, "{file}");
        let mut seen: Vec<String> = units
            .iter()
            .flat_map(|u| u["variants"].as_object().unwrap().keys().cloned())
            .collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen, langs, "{file}");
        assert!(
            units.iter().any(|u| u["variants"]
                .as_object()
                .unwrap()
                .values()
                .any(|v| v == text)),
            "{file}: {text} not in {units:#?}"
        );
        let tmx = w.run(&["export", "--format", "tmx"]).expect(0).stdout;
        if let Some(m) = markup {
            assert!(tmx.contains(m), "{file}: {m} not in\n{tmx}");
        }
        // Importing it again changes nothing.
        let r = w.run(&["import", file]).expect(0);
        assert!(
            r.stdout
                .contains(&format!("0 added, {n} already in the TM")),
            "{}",
            r.stdout
        );
    }
}

#[test]
fn fixture_props_and_encodings_are_kept() {
    let w = Workdir::new();
    w.copy_from_repo("tests/data/tmx/trados.tmx", "trados.tmx");
    w.run(&["import", "trados.tmx"]).expect(0);
    let tmx = w.run(&["export", "--format", "tmx"]).expect(0).stdout;
    for needle in [
        r#"<prop type="x-TMName">NATO press</prop>"#,
        r#"o-tmf="SDL TM8 Format""#,
        r#"<prop type="x-ConfirmationLevel">ApprovedSignOff</prop>"#,
        r#"changeid="CORP\mira" lastusagedate="20220302T080000Z" usagecount="3""#,
    ] {
        assert!(tmx.contains(needle), "{needle} not in\n{tmx}");
    }
    let w = Workdir::new();
    w.copy_from_repo("tests/data/tmx/memoq.tmx", "memoq.tmx");
    w.run(&["import", "memoq.tmx"]).expect(0);
    let tmx = w.run(&["export", "--format", "tmx"]).expect(0).stdout;
    assert!(tmx.contains(r#"<prop type="domain"></prop>"#), "{tmx}");
    assert!(tmx.contains(r#"<prop type="x-document">statement.docx</prop>"#));
}

/// Import `content` as bad.tmx into a TM that has units; expect exit 2, the
/// message, the location, and the TM unchanged.
#[track_caller]
fn refused(content: impl AsRef<[u8]>, needle: &str, location: &str) {
    let w = Workdir::new();
    w.write("good.tmx", TMX);
    w.run(&["import", "good.tmx"]).expect(0);
    let before = (w.read("memory/tm.sqlite"), w.export());
    w.write("bad.tmx", content);
    let r = w.run(&["import", "bad.tmx"]).expect(2);
    assert!(
        r.stderr.contains(needle),
        "expected {needle:?} in:\n{}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("bad.tmx:{location}")),
        "expected bad.tmx:{location} in:\n{}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing was imported"), "{}", r.stderr);
    assert_eq!(
        (w.read("memory/tm.sqlite"), w.export()),
        before,
        "the TM changed"
    );
}

const HEAD: &str =
    "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"en\"/>\n<body>\n";
const GOOD_TU: &str =
    "<tu><tuv xml:lang=\"en\"><seg>ok</seg></tuv><tuv xml:lang=\"sq\"><seg>mirë</seg></tuv></tu>\n";

#[test]
fn bad_tmx_is_refused_with_its_location() {
    // The good unit before the bad spot must not be stored either.
    refused(
        format!(
            "{HEAD}{GOOD_TU}<tu><tuv xml:lang=\"en\"><seg>broken</sag></tuv></tu>\n</body></tmx>"
        ),
        "malformed XML: ill-formed document: expected `</seg>`, but `</sag>` was found (unit 2)",
        "6:35",
    );
    refused(
        "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"></xliff>",
        "the root element is <xliff>, not <tmx>",
        "2:1",
    );
    refused(
        format!("{HEAD}{GOOD_TU}<tu>\n  <tuv><seg>no language</seg></tuv>\n</tu>\n</body></tmx>"),
        "a <tuv> without a language",
        "7:3",
    );
    refused(
        "<tmx version=\"2.0\"><header/><body/></tmx>",
        "unknown TMX version '2.0'",
        "1:1",
    );
    refused(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"en\"><seg>&b;</seg></tuv></tu></body></tmx>",
        "DTD",
        "2:1",
    );
    refused(
        format!("{HEAD}<tu><tuv xml:lang=\"en\"><seg>&xxe;</seg></tuv></tu>\n</body></tmx>"),
        "undefined entity &xxe;",
        "5:",
    );
    refused(format!("{HEAD}{GOOD_TU}"), "the file ends", "6:");
}

#[test]
fn dedupe_and_merging() {
    let w = Workdir::new();
    let tmx = format!("{HEAD}{GOOD_TU}{GOOD_TU}</body></tmx>");
    w.write("twice.tmx", &tmx);
    let r = w.run(&["import", "twice.tmx"]).expect(0);
    assert!(
        r.stdout
            .contains("2 units read: 1 added, 1 already in the TM"),
        "{}",
        r.stdout
    );
    // A unit that adds a language to a TM unit is merged into it.
    w.write(
        "sr.tmx",
        format!("{HEAD}<tu><tuv xml:lang=\"en\"><seg>ok</seg></tuv><tuv xml:lang=\"sr-Latn\"><seg>u redu</seg></tuv></tu></body></tmx>"),
    );
    let r = w.run(&["import", "sr.tmx"]).expect(0);
    assert!(r.stdout.contains("1 merged into TM units"), "{}", r.stdout);
    let units = w.export();
    assert_eq!(units.len(), 1);
    assert_eq!(units[0]["variants"]["sr-Latn"], "u redu");
}

#[test]
fn each_conflict_policy() {
    let other = format!(
        "{HEAD}<tu><tuv xml:lang=\"en\"><seg>ok</seg></tuv><tuv xml:lang=\"sq\"><seg>në rregull</seg></tuv></tu></body></tmx>"
    );
    let setup = || {
        let w = Workdir::new();
        w.write("first.tmx", format!("{HEAD}{GOOD_TU}</body></tmx>"));
        w.write("other.tmx", &other);
        w.run(&["import", "first.tmx"]).expect(0);
        w
    };
    let w = setup();
    let r = w.run(&["import", "other.tmx"]).expect(0);
    assert!(
        r.stdout.contains("1 conflict (the TM's kept)"),
        "{}",
        r.stdout
    );
    // The summary names the unit, so one can look at it.
    assert!(
        r.stdout
            .contains("\n  conflict: unit 1 \"ok\" (tm history UNIT shows the TM's texts)\n"),
        "{}",
        r.stdout
    );
    let r = w
        .run(&["import", "other.tmx", "--format", "json"])
        .expect(0);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        report["files"][0]["first_conflicts"],
        serde_json::json!([{"unit": 1, "source": "ok"}])
    );
    assert_eq!(w.export()[0]["variants"]["sq"], "mirë");

    let w = setup();
    let r = w
        .run(&["import", "other.tmx", "--on-conflict", "replace"])
        .expect(0);
    assert!(
        r.stdout.contains("1 conflict (1 replaced the TM's)"),
        "{}",
        r.stdout
    );
    let units = w.export();
    assert_eq!(units.len(), 1);
    assert_eq!(units[0]["variants"]["sq"], "në rregull");
    // The old text is a revision of the unit.
    let r = w.run(&["history", "1", "--format", "json"]);
    if r.code == 0 {
        assert!(r.stdout.contains("mirë"), "{}", r.stdout);
    }

    let w = setup();
    let r = w
        .run(&[
            "import",
            "other.tmx",
            "--on-conflict",
            "add-variant",
            "--format",
            "json",
        ])
        .expect(0);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["files"][0]["alternatives_added"], 1);
    let units = w.export();
    assert_eq!(units.len(), 2);
    assert_eq!(units[1]["variants"]["sq"], "në rregull");
}

#[test]
fn same_tuid_from_the_same_file_is_the_same_unit() {
    let w = Workdir::new();
    let v1 = format!(
        "{HEAD}<tu tuid=\"7\"><tuv xml:lang=\"en\"><seg>Old source.</seg></tuv><tuv xml:lang=\"sq\"><seg>Burim i vjetër.</seg></tuv></tu></body></tmx>"
    );
    let v2 = format!(
        "{HEAD}<tu tuid=\"7\"><tuv xml:lang=\"en\"><seg>New source.</seg></tuv><tuv xml:lang=\"sq\"><seg>Burim i ri.</seg></tuv></tu></body></tmx>"
    );
    w.write("tm.tmx", v1);
    w.run(&["import", "tm.tmx"]).expect(0);
    w.write("tm.tmx", v2);
    w.run(&["import", "tm.tmx", "--on-conflict", "replace"])
        .expect(0);
    let units = w.export();
    assert_eq!(units.len(), 1, "{units:#?}");
    assert_eq!(units[0]["variants"]["en"], "New source.");
}

#[test]
fn csv_and_tsv_round_trip() {
    let w = Workdir::new();
    w.write("in.tmx", TMX);
    w.run(&["--db", "a.sqlite", "import", "in.tmx", "--doc", "d"])
        .expect(0);
    for format in ["csv", "tsv"] {
        let file = format!("units.{format}");
        w.run(&[
            "--db", "a.sqlite", "export", "--format", format, "-o", &file,
        ])
        .expect(0);
        let db = format!("{format}.sqlite");
        let r = w.run(&["--db", &db, "import", &file]).expect(0);
        assert!(r.stdout.contains("2 units read: 2 added"), "{}", r.stdout);
        assert_eq!(content(&w, "a.sqlite"), content(&w, &db), "{format}");
        let again = w
            .run(&["--db", &db, "export", "--format", format])
            .expect(0)
            .stdout;
        assert_eq!(again, String::from_utf8(w.read(&file)).unwrap(), "{format}");
    }
    // A hand-made CSV: languages in the header, an empty cell is no text.
    w.write(
        "hand.csv",
        "en,sq,sr-Latn\nDog,Qen,\n\"A, b\",\"\"\"c\"\"\",Pas\n",
    );
    w.run(&["--db", "h.sqlite", "import", "hand.csv"]).expect(0);
    let units = jsonl(&w, "h.sqlite");
    assert_eq!(
        units[0]["variants"],
        serde_json::json!({"en": "Dog", "sq": "Qen"})
    );
    assert_eq!(units[1]["variants"]["sq"], "\"c\"");
    w.write("bad.csv", "en,klingon language\nx,y\n");
    let r = w.run(&["--db", "h.sqlite", "import", "bad.csv"]).expect(2);
    assert!(r.stderr.contains("bad.csv:1: column 2"), "{}", r.stderr);
}

#[test]
fn utf16_with_bom_round_trips() {
    let w = Workdir::new();
    let mut bytes = vec![0xff, 0xfe];
    for u in TMX.replace("UTF-8", "UTF-16").encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    w.write("utf16.tmx", bytes);
    w.run(&["--db", "u.sqlite", "import", "utf16.tmx"])
        .expect(0);
    w.write("in.tmx", TMX);
    w.run(&["--db", "a.sqlite", "import", "in.tmx"]).expect(0);
    assert_eq!(content(&w, "u.sqlite"), content(&w, "a.sqlite"));
    assert!(repo_file("tests/data/tmx/trados.tmx").exists());
}

/// Import `name` (holding `content`) into a TM that has units; expect exit
/// 2, every needle in the message, and the TM unchanged.
#[track_caller]
fn import_refused(name: &str, content: impl AsRef<[u8]>, needles: &[&str]) {
    let w = Workdir::new();
    w.write("good.tmx", TMX);
    w.run(&["import", "good.tmx"]).expect(0);
    let before = (w.read("memory/tm.sqlite"), w.export());
    w.write(name, content);
    let r = w.run(&["import", name]).expect(2);
    for needle in needles {
        assert!(
            r.stderr.contains(needle),
            "expected {needle:?} in:\n{}",
            r.stderr
        );
    }
    assert_eq!(
        (w.read("memory/tm.sqlite"), w.export()),
        before,
        "the TM changed"
    );
}

#[test]
fn control_characters_are_refused_at_import_with_their_line() {
    // A spreadsheet's line break inside a cell is U+000B.
    import_refused(
        "vt.csv",
        "en,sq\nHello,Tung\n\"First line\x0bsecond\",\"Rreshti\x0bi dytë\"\n",
        &["vt.csv:3:", "U+000B (vertical tab)", "en"],
    );
    // In a quoted cell that spans lines, the line of the character.
    import_refused(
        "multi.csv",
        "en,sq\nHello,Tung\n\"one\ntwo\",\"a\nb\nc\x01\"\n",
        &["multi.csv:6:", "U+0001"],
    );
    import_refused(
        "ctl.tsv",
        "en\tsq\nHello\tTung\nBell\x07\tZile\n",
        &["ctl.tsv:3:", "U+0007"],
    );
    // A raw control character is not well-formed XML; a character reference
    // to one is not either.
    import_refused(
        "raw.tmx",
        format!(
            "{HEAD}{GOOD_TU}<tu><tuv xml:lang=\"en\"><seg>a\x01b</seg></tuv></tu>\n</body></tmx>"
        ),
        &["raw.tmx:6:30:", "U+0001"],
    );
    import_refused(
        "ref.tmx",
        format!(
            "{HEAD}{GOOD_TU}<tu><tuv xml:lang=\"en\"><seg>a&#11;b</seg></tuv></tu>\n</body></tmx>"
        ),
        &["ref.tmx:6:", "U+000B"],
    );
    import_refused(
        "note.tmx",
        format!(
            "{HEAD}<tu><note>x\x0cy</note><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu>\n</body></tmx>"
        ),
        &["note.tmx:5:", "U+000C"],
    );
    // Tab, line feed and carriage return are text.
    let w = Workdir::new();
    w.write("ok.csv", "en,sq\n\"a\tb\r\nc\",d\n");
    w.run(&["import", "ok.csv"]).expect(0);
    w.run(&["export", "--format", "tmx"]).expect(0);
}

#[test]
fn control_characters_never_reach_the_tm_through_align_or_diff() {
    let w = Workdir::new();
    w.write("en.txt", "The first sentence. The second one.\n");
    w.write("sq.txt", "Fjalia e parë.\nE dy\x0bta.\n");
    let r = w.run(&["align", "en.txt", "sq.txt"]).expect(2);
    assert!(r.stderr.contains("sq.txt:2:5:"), "{}", r.stderr);
    assert!(r.stderr.contains("U+000B"), "{}", r.stderr);
    assert!(!w.path("memory/tm.sqlite").exists());
    // A dry run stores nothing, so it may read such a file.
    w.run(&["align", "en.txt", "sq.txt", "--dry-run"]).expect(0);

    w.write("sq.txt", "Fjalia e parë.\nE dyta.\n");
    w.run(&["align", "en.txt", "sq.txt"]).expect(0);
    let before = w.read("memory/tm.sqlite");
    w.write("sq2.txt", "Fjalia e parë.\nE dyta\x0c e re.\n");
    let r = w
        .run(&["diff", "en.txt", "sq2.txt", "--lang", "sq", "--apply"])
        .expect(2);
    assert!(r.stderr.contains("sq2.txt:2:7:"), "{}", r.stderr);
    assert!(r.stderr.contains("U+000C (form feed)"), "{}", r.stderr);
    assert_eq!(w.read("memory/tm.sqlite"), before);
}

#[test]
fn a_tm_holding_a_control_character_exports_every_other_unit() {
    // A TM written by an older tm, which let U+000B in.
    let w = Workdir::new();
    w.write("in.csv", "en,sq\nFirst line,Rreshti\nHello,Tung\n");
    w.run(&["import", "in.csv"]).expect(0);
    let conn = rusqlite::Connection::open(w.path("memory/tm.sqlite")).unwrap();
    conn.execute(
        "UPDATE variants SET text = 'First line' || char(11) || 'second' WHERE text = 'First line'",
        [],
    )
    .unwrap();
    drop(conn);
    let r = w.run(&["export", "--format", "tmx"]).expect(1);
    assert!(r.stdout.contains("<seg>Tung</seg>"), "{}", r.stdout);
    assert!(!r.stdout.contains("Rreshti"), "{}", r.stdout);
    assert!(r.stdout.ends_with("</tmx>\n"));
    assert!(
        r.stderr.contains("unit 1 left out")
            && r.stderr.contains("en text")
            && r.stderr.contains("U+000B (vertical tab)"),
        "{}",
        r.stderr
    );
    // The file is written too, and reads back.
    w.run(&["export", "--format", "tmx", "-o", "out.tmx"])
        .expect(1);
    w.run(&["--db", "b.sqlite", "import", "out.tmx"]).expect(0);
    // The other formats hold it as it is.
    let r = w.run(&["export", "--format", "tsv"]).expect(0);
    assert!(r.stdout.contains("First line\x0bsecond"), "{}", r.stdout);
}

const TWO: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
  <body>
    <tu><tuv xml:lang="en"><seg>Thanks.</seg></tuv><tuv xml:lang="de"><seg>Danke!</seg></tuv></tu>
    <tu><tuv xml:lang="en"><seg>Thank you.</seg></tuv><tuv xml:lang="de"><seg>Danke!</seg></tuv></tu>
  </body>
</tmx>
"#;

#[test]
fn csv_and_tsv_exports_put_the_source_language_first_and_round_trip() {
    let w = Workdir::new();
    w.write("two.tmx", TWO);
    w.run(&["--db", "a.sqlite", "import", "two.tmx"]).expect(0);
    for format in ["csv", "tsv"] {
        let file = format!("two.{format}");
        w.run(&[
            "--db", "a.sqlite", "export", "--format", format, "-o", &file,
        ])
        .expect(0);
        let text = String::from_utf8(w.read(&file)).unwrap();
        let sep = if format == "csv" { "," } else { "\t" };
        assert!(
            text.starts_with(&["id", "document", "en", "de"].join(sep)),
            "{text}"
        );
        let db = format!("{format}.sqlite");
        let r = w.run(&["--db", &db, "import", &file]).expect(0);
        assert!(r.stdout.contains("2 units read: 2 added"), "{}", r.stdout);
        assert_eq!(content(&w, "a.sqlite"), content(&w, &db), "{format}");
        // Importing it again changes nothing.
        let r = w.run(&["--db", &db, "import", &file]).expect(0);
        assert!(
            r.stdout.contains("0 added, 2 already in the TM"),
            "{}",
            r.stdout
        );
    }
}

#[test]
fn units_of_one_file_that_share_a_source_are_alternatives_not_conflicts() {
    let w = Workdir::new();
    // German first: the two units share their "source" text.
    w.write("de-first.csv", "de,en\nDanke!,Thanks.\nDanke!,Thank you.\n");
    let r = w.run(&["import", "de-first.csv"]).expect(0);
    assert!(r.stdout.contains("2 units read: 2 added"), "{}", r.stdout);
    assert!(!r.stdout.contains("conflict"), "{}", r.stdout);
    assert_eq!(w.export().len(), 2);
    // Against what the TM held before, it is still a conflict.
    w.write("other.csv", "de,en\nDanke!,Many thanks.\n");
    let r = w.run(&["import", "other.csv"]).expect(0);
    assert!(
        r.stdout.contains("1 conflict (the TM's kept)"),
        "{}",
        r.stdout
    );
    assert_eq!(w.export().len(), 2);
}

#[test]
fn alternative_translations_survive_export_and_import() {
    let w = Workdir::new();
    w.write("av1.csv", "en,sq\nHello,Tung\n");
    w.write("av2.csv", "en,sq\nHello,Tungjatjeta\n");
    w.run(&["--db", "a.sqlite", "import", "av1.csv"]).expect(0);
    w.run(&[
        "--db",
        "a.sqlite",
        "import",
        "av2.csv",
        "--on-conflict",
        "add-variant",
    ])
    .expect(0);
    assert_eq!(content(&w, "a.sqlite").len(), 2);
    for format in ["tmx", "csv", "tsv"] {
        let file = format!("av.{format}");
        w.run(&[
            "--db", "a.sqlite", "export", "--format", format, "-o", &file,
        ])
        .expect(0);
        let db = format!("{format}.sqlite");
        let r = w.run(&["--db", &db, "import", &file]).expect(0);
        assert!(r.stdout.contains("2 units read: 2 added"), "{}", r.stdout);
        assert_eq!(content(&w, "a.sqlite"), content(&w, &db), "{format}");
        // And back into the TM they came from: nothing new.
        let r = w.run(&["--db", "a.sqlite", "import", &file]).expect(0);
        assert!(
            r.stdout.contains("0 added, 2 already in the TM"),
            "{format}: {}",
            r.stdout
        );
    }
}

#[test]
fn a_tms_own_csv_and_tsv_exports_are_duplicates_not_conflicts() {
    let w = Workdir::new();
    for f in ["memoq", "okapi", "omegat", "po2tmx", "trados"] {
        w.copy_from_repo(&format!("tests/data/tmx/{f}.tmx"), &format!("{f}.tmx"));
        w.run(&["import", &format!("{f}.tmx")]).expect(0);
    }
    let tmx = w.run(&["export", "--format", "tmx"]).expect(0).stdout;
    for format in ["csv", "tsv"] {
        let file = format!("all.{format}");
        w.run(&["export", "--format", format, "-o", &file])
            .expect(0);
        let r = w.run(&["import", &file]).expect(0);
        assert!(
            r.stdout
                .contains("11 units read: 0 added, 11 already in the TM"),
            "{format}: {}",
            r.stdout
        );
        let r = w
            .run(&["import", &file, "--on-conflict", "replace"])
            .expect(0);
        assert!(!r.stdout.contains("conflict"), "{}", r.stdout);
    }
    // Markup, props and dates are all still there.
    assert_eq!(w.run(&["export", "--format", "tmx"]).expect(0).stdout, tmx);
}

#[test]
fn tag_only_segments_are_told_apart_by_their_markup() {
    let w = Workdir::new();
    let tu = |code: &str| {
        format!(
            "<tu><tuv xml:lang=\"en\"><seg><ph x=\"1\">{code}</ph></seg></tuv><tuv xml:lang=\"de\"><seg><ph x=\"1\">{code}</ph></seg></tuv></tu>\n"
        )
    };
    w.write("one.tmx", format!("{HEAD}{}</body></tmx>", tu("{1}")));
    w.write("two.tmx", format!("{HEAD}{}</body></tmx>", tu("{2}")));
    w.write(
        "both.tmx",
        format!("{HEAD}{}{}{}</body></tmx>", tu("{3}"), tu("{4}"), tu("{3}")),
    );
    w.run(&["import", "one.tmx"]).expect(0);
    let r = w.run(&["import", "two.tmx"]).expect(0);
    assert!(r.stdout.contains("1 unit read: 1 added;"), "{}", r.stdout);
    let r = w.run(&["import", "both.tmx"]).expect(0);
    assert!(
        r.stdout
            .contains("3 units read: 2 added, 1 already in the TM;"),
        "{}",
        r.stdout
    );
    let r = w.run(&["import", "one.tmx", "two.tmx"]).expect(0);
    assert!(!r.stdout.contains("conflict"), "{}", r.stdout);
    assert_eq!(w.export().len(), 4);
}

#[test]
fn replace_from_a_table_keeps_markup_and_metadata_and_records_real_changes_only() {
    let w = Workdir::new();
    w.write("in.tmx", TMX);
    w.run(&["import", "in.tmx"]).expect(0);
    // The same English (plain text: a table has no markup), new Albanian.
    w.write(
        "fix.csv",
        "en,sq\nClick Save & close.,Klikoni Ruaj dhe mbyllni tani.\n",
    );
    let r = w
        .run(&["import", "fix.csv", "--on-conflict", "replace"])
        .expect(0);
    assert!(r.stdout.contains("1 replaced the TM's"), "{}", r.stdout);
    let tmx = w.run(&["export", "--format", "tmx"]).expect(0).stdout;
    for kept in [
        r#"<tu tuid="a1" creationdate="20240105T101500Z" creationid="ana">"#,
        r#"<prop type="x-origin">TM</prop>"#,
        r#"<seg>Click <bpt i="1">&lt;b></bpt>Save<ept i="1">&lt;/b></ept> &amp; close.</seg>"#,
        r#"<seg>Kliknite <bpt i="1">&lt;b></bpt>Sačuvaj<ept i="1">&lt;/b></ept> i zatvorite.</seg>"#,
        "<seg>Klikoni Ruaj dhe mbyllni tani.</seg>",
    ] {
        assert!(tmx.contains(kept), "{kept} not in\n{tmx}");
    }
    let h = w
        .run(&["history", "1", "--format", "json"])
        .expect(0)
        .stdout;
    let h: serde_json::Value = serde_json::from_str(&h).unwrap();
    let revs = h["revisions"].as_array().unwrap();
    // en and sr-Latn: the current text only; sq: the old text with its markup.
    assert_eq!(revs.len(), 4, "{h:#}");
    let old_sq = revs
        .iter()
        .find(|r| r["lang"] == "sq" && r["current"] == false);
    let old_sq = old_sq.expect("a revision of sq");
    assert_eq!(old_sq["text"], "Klikoni Ruaj dhe mbyllni.");
    assert!(
        old_sq["markup"].as_str().unwrap().contains("<bpt i=\"1\">"),
        "{h:#}"
    );

    // A TMX replace that changes only the markup keeps the old markup as the
    // revision; importing the same again records nothing more.
    w.write(
        "plain.tmx",
        format!(
            "{HEAD}<tu><tuv xml:lang=\"en\"><seg>Click <bpt i=\"1\">&lt;b></bpt>Save<ept i=\"1\">&lt;/b></ept> &amp; close.</seg></tuv><tuv xml:lang=\"sr-Latn\"><seg>Kliknite Sačuvaj i zatvorite.</seg></tuv></tu></body></tmx>"
        ),
    );
    for _ in 0..2 {
        w.run(&["import", "plain.tmx", "--on-conflict", "replace"])
            .expect(0);
    }
    let h = w
        .run(&["history", "1", "--format", "json"])
        .expect(0)
        .stdout;
    let h: serde_json::Value = serde_json::from_str(&h).unwrap();
    let sr: Vec<&serde_json::Value> = h["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["lang"] == "sr-Latn")
        .collect();
    assert_eq!(sr.len(), 2, "{h:#}");
    assert!(sr[0]["markup"].as_str().unwrap().contains("Sačuvaj<ept"));
    assert_eq!(sr[1]["markup"], serde_json::Value::Null);
}

#[test]
fn a_failed_import_leaves_no_new_tm_and_makes_no_folder() {
    let w = Workdir::new();
    w.write(
        "bad.tmx",
        format!("{HEAD}{GOOD_TU}<tu><tuv xml:lang=\"en\"><seg>x</sag></tuv></tu></body></tmx>"),
    );
    let r = w
        .run(&["--db", "new.sqlite", "import", "bad.tmx"])
        .expect(2);
    assert!(r.stderr.contains("bad.tmx:6:"), "{}", r.stderr);
    for f in ["new.sqlite", "new.sqlite-wal", "new.sqlite-shm"] {
        assert!(!w.path(f).exists(), "{f} was left behind");
    }
    // The default TM's folder is made, and removed again when the run fails.
    w.run(&["import", "bad.tmx"]).expect(2);
    assert!(!w.path("memory").exists());
    // A folder named with --db must exist.
    w.write("good.tmx", TMX);
    let r = w
        .run(&["--db", "no/such/dir/x.sqlite", "import", "good.tmx"])
        .expect(2);
    assert!(
        r.stderr.contains("the folder no/such/dir does not exist"),
        "{}",
        r.stderr
    );
    assert!(!w.path("no").exists());
    w.run(&["import", "good.tmx"]).expect(0);
    assert!(w.path("memory/tm.sqlite").exists());
}

#[test]
fn backslashes_in_other_tools_tsv_are_text() {
    let w = Workdir::new();
    w.write(
        "bs.tsv",
        "en\tsq\nSave to C:\\new\\path\tRuaj në C:\\new\\path\n\\(≧▽≦)/ \\t\t\\n\\\\\n",
    );
    w.run(&["import", "bs.tsv"]).expect(0);
    let units = w.export();
    assert_eq!(units[0]["variants"]["en"], "Save to C:\\new\\path");
    assert_eq!(units[1]["variants"]["en"], "\\(≧▽≦)/ \\t");
    assert_eq!(units[1]["variants"]["sq"], "\\n\\\\");
    // tm's own TSV (its header starts with id and document) is unescaped,
    // so every text round trips, backslashes, tabs and line breaks included.
    w.run(&["export", "--format", "tsv", "-o", "tm.tsv"])
        .expect(0);
    let tsv = String::from_utf8(w.read("tm.tsv")).unwrap();
    assert!(tsv.starts_with("id\tdocument\ten\tsq\n"), "{tsv}");
    assert!(tsv.contains("C:\\\\new\\\\path"), "{tsv}");
    w.run(&["--db", "b.sqlite", "import", "tm.tsv"]).expect(0);
    assert_eq!(content(&w, "memory/tm.sqlite"), content(&w, "b.sqlite"));
}

#[test]
fn header_srclang_matches_regional_tags_and_units_without_it_are_counted() {
    let w = Workdir::new();
    let file = |srclang: &str, tus: &str| {
        format!(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"{srclang}\"/>\n<body>\n{tus}</body></tmx>\n"
        )
    };
    let tu = |de: &str, en: &str| {
        format!(
            "<tu><tuv xml:lang=\"de-DE\"><seg>{de}</seg></tuv><tuv xml:lang=\"en-US\"><seg>{en}</seg></tuv></tu>\n"
        )
    };
    w.write("one.tmx", file("en", &tu("Hallo", "Hello")));
    w.write("two.tmx", file("en", &tu("Guten Tag", "Hello")));
    w.run(&["import", "one.tmx"]).expect(0);
    // srclang="en" names the en-US text: same source, another German text.
    let r = w.run(&["import", "two.tmx"]).expect(0);
    assert!(
        r.stdout.contains("1 conflict (the TM's kept)"),
        "{}",
        r.stdout
    );
    // A unit without the source language is imported, and counted.
    w.write("fr.tmx", file("fr", &tu("Tschüss", "Bye")));
    let r = w.run(&["import", "fr.tmx", "--format", "json"]).expect(0);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["files"][0]["units_added"], 1);
    assert_eq!(report["files"][0]["without_source_language"], 1);
    let r = w.run(&["import", "fr.tmx"]).expect(0);
    assert!(
        r.stdout
            .contains("1 without the source language fr (matched by their first language)"),
        "{}",
        r.stdout
    );
}

#[test]
fn xml_lang_wins_over_the_deprecated_lang() {
    let w = Workdir::new();
    w.write(
        "both.tmx",
        format!(
            "{HEAD}<tu><tuv xml:lang=\"en\" lang=\"de\"><seg>Hello</seg></tuv><tuv lang=\"de\" xml:lang=\"sq\"><seg>Tung</seg></tuv></tu></body></tmx>"
        ),
    );
    w.run(&["import", "both.tmx"]).expect(0);
    let units = w.export();
    assert_eq!(
        units[0]["variants"],
        serde_json::json!({"en": "Hello", "sq": "Tung"})
    );
    let tmx = w.run(&["export", "--format", "tmx"]).expect(0).stdout;
    assert!(!tmx.contains(" lang="), "{tmx}");
}

#[test]
fn a_file_of_unknown_format_asks_for_from() {
    let w = Workdir::new();
    w.write("units.txt", "en\tsq\nHello\tTung\n");
    w.write("units.dat", "en\tsq\nHello\tTung\n");
    for f in ["units.txt", "units.dat"] {
        let r = w.run(&["import", f]).expect(2);
        assert!(
            r.stderr.contains(&format!("cannot tell the format of {f}"))
                && r.stderr.contains("--from tmx|csv|tsv"),
            "{}",
            r.stderr
        );
        assert!(!r.stderr.contains("--format"), "{}", r.stderr);
    }
    w.run(&["import", "units.txt", "--from", "tsv"]).expect(0);
    assert_eq!(w.export()[0]["variants"]["sq"], "Tung");
    let help = w.run(&["import", "--help"]).expect(0).stdout;
    assert!(help.contains(".tsv"), "{help}");
}

#[test]
fn a_duplicate_is_a_duplicate_whatever_the_document() {
    let w = Workdir::new();
    w.write("in.tmx", TMX);
    w.run(&["import", "in.tmx", "--doc", "manual"]).expect(0);
    let r = w.run(&["import", "in.tmx", "--doc", "website"]).expect(0);
    assert!(
        r.stdout
            .contains("2 units read: 0 added, 2 already in the TM"),
        "{}",
        r.stdout
    );
    let r = w.run(&["import", "in.tmx"]).expect(0);
    assert!(
        r.stdout.contains("0 added, 2 already in the TM"),
        "{}",
        r.stdout
    );
    assert_eq!(w.export().len(), 2);
    // Merges and conflicts stay within a document: another document may
    // rightly translate the same source otherwise.
    w.write(
        "other.tmx",
        format!(
            "{HEAD}<tu><tuv xml:lang=\"en\"><seg>Click <bpt i=\"1\">&lt;b></bpt>Save<ept i=\"1\">&lt;/b></ept> &amp; close.</seg></tuv><tuv xml:lang=\"sq\"><seg>Shtypni Ruaj.</seg></tuv></tu></body></tmx>"
        ),
    );
    let r = w
        .run(&["import", "other.tmx", "--doc", "website"])
        .expect(0);
    assert!(r.stdout.contains("1 added;"), "{}", r.stdout);

    // Units of one file in two documents are both kept, though identical:
    // an export of such a TM imports back whole.
    w.write(
        "a.csv",
        "document,en,sq\nd1,Yes.,Po.\nd2,Yes.,Po.\nd2,Yes.,Po.\n",
    );
    let r = w.run(&["--db", "b.sqlite", "import", "a.csv"]).expect(0);
    assert!(
        r.stdout
            .contains("3 units read: 2 added, 1 already in the TM"),
        "{}",
        r.stdout
    );
}

#[test]
fn csv_quoting_errors_name_the_real_problem() {
    import_refused(
        "unterm.csv",
        "en,sq\nHello,Tung\n\"Open quote,never closed\nmore,text\n",
        &[
            "unterm.csv:3:1:",
            "a quote opened here is never closed",
            "nothing was imported",
        ],
    );
    import_refused(
        "after.csv",
        "en,sq\nHello,Tung\n\"a\"x,b\n",
        &["after.csv:3:4:", "after the closing quote"],
    );
    // Quotes doubled inside a quoted cell, a quote inside an unquoted cell,
    // CRLF, a quoted line break and an empty last cell are all fine.
    let w = Workdir::new();
    w.write(
        "ok.csv",
        "en,sq\r\n\"He said \"\"hi\"\"\",Tha \"\"\r\n5\" screen,\"a\r\nb\"\r\nalone,\r\n",
    );
    w.run(&["import", "ok.csv"]).expect(0);
    let units = w.export();
    assert_eq!(units[0]["variants"]["en"], "He said \"hi\"");
    assert_eq!(units[0]["variants"]["sq"], "Tha \"\"");
    assert_eq!(units[1]["variants"]["en"], "5\" screen");
    assert_eq!(units[1]["variants"]["sq"], "a\r\nb");
    assert_eq!(units[2]["variants"], serde_json::json!({"en": "alone"}));
}

#[test]
fn dates_other_tools_write_are_normalised_and_bad_ones_dropped_not_fatal() {
    let w = Workdir::new();
    let tu = |attrs: &str, en: &str| {
        format!(
            "<tu{attrs}><tuv xml:lang=\"en\"><seg>{en}</seg></tuv><tuv xml:lang=\"sq\"><seg>{en} sq</seg></tuv></tu>\n"
        )
    };
    w.write(
        "dates.tmx",
        format!(
            "{HEAD}{}{}{}{}{}{}</body></tmx>",
            tu(" changedate=\"\"", "a"),
            tu(" changedate=\"2023-05-10T13:45:12Z\"", "b"),
            tu(" creationdate=\"20230510T134512\"", "c"),
            tu(" creationdate=\"2023-05-10T01:45:12.250+02:00\"", "d"),
            tu(" creationdate=\"2023-05-10\" creationid=\"ana\"", "e"),
            tu(" lastusagedate=\"yesterday\"", "f"),
        ),
    );
    let r = w.run(&["import", "dates.tmx"]).expect(0);
    assert!(r.stdout.contains("6 units read: 6 added"), "{}", r.stdout);
    assert!(
        r.stdout.contains("4 dates rewritten as TMX dates")
            && r.stdout.contains("2 dates dropped")
            && r.stdout
                .contains("dates.tmx:10: lastusagedate=\"yesterday\" is not a date"),
        "{}",
        r.stdout
    );
    let tmx = w.run(&["export", "--format", "tmx"]).expect(0).stdout;
    for want in [
        "<tu>\n",
        "<tu changedate=\"20230510T134512Z\">",
        "<tu creationdate=\"20230510T134512Z\">",
        "<tu creationdate=\"20230509T234512Z\">",
        "<tu creationdate=\"20230510T000000Z\" creationid=\"ana\">",
    ] {
        assert!(tmx.contains(want), "{want} not in\n{tmx}");
    }
    assert!(!tmx.contains("yesterday"), "{tmx}");
    let r = w
        .run(&["import", "dates.tmx", "--format", "json"])
        .expect(0);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["files"][0]["dates_normalised"], 4);
    assert_eq!(report["files"][0]["dates_dropped"], 2);
}

#[test]
fn loose_segtype_and_sub_are_mended_so_the_export_is_valid() {
    let w = Workdir::new();
    w.write(
        "loose.tmx",
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"x\" creationtoolversion=\"1\" segtype=\"Sentence\" o-tmf=\"x\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>\n<body>\n\
<tu segtype=\"PHRASE\"><tuv xml:lang=\"en\"><seg>See <sub>the note</sub> and <hi>this <sub>one</sub></hi>.</seg></tuv><tuv xml:lang=\"sq\"><seg>Shih <ph>&lt;a title=\"<sub>shënim</sub>\"></ph>shënimin.</seg></tuv></tu>\n\
<tu segtype=\"word\"><tuv xml:lang=\"en\"><seg>Word</seg></tuv></tu>\n\
</body></tmx>\n",
    );
    let r = w.run(&["import", "loose.tmx"]).expect(0);
    assert!(
        r.stdout
            .contains("2 segtypes made lower case, 1 segtype dropped")
            && r.stdout
                .contains("2 <sub> outside an inline code unwrapped"),
        "{}",
        r.stdout
    );
    let units = w.export();
    assert_eq!(units[0]["variants"]["en"], "See the note and this one.");
    let tmx = w.run(&["export", "--format", "tmx"]).expect(0).stdout;
    for want in [
        "segtype=\"sentence\"",
        "<tu segtype=\"phrase\">",
        "<seg>See the note and <hi>this one</hi>.</seg>",
        // Inside a native code, <sub> is where it belongs: kept.
        "<ph>&lt;a title=\"<sub>shënim</sub>\"></ph>",
        "<tu>\n",
    ] {
        assert!(tmx.contains(want), "{want} not in\n{tmx}");
    }
    assert!(!tmx.contains("Sentence") && !tmx.contains("word"), "{tmx}");
}

#[test]
fn messages_say_plainly_what_is_wrong() {
    // A missing <header>.
    refused(
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<body></body></tmx>",
        "unexpected <body> inside <tmx>: expected <header>",
        "3:1",
    );
    refused(
        format!("{HEAD}</body></tmx><tmx/>"),
        "unexpected <tmx> after </tmx>",
        "5:",
    );
    // A missing file.
    let w = Workdir::new();
    let r = w.run(&["import", "nonexist.tmx"]).expect(2);
    assert!(
        r.stderr.contains("nonexist.tmx: no such file"),
        "{}",
        r.stderr
    );
    std::fs::create_dir(w.path("dir.tmx")).unwrap();
    let r = w.run(&["import", "dir.tmx"]).expect(2);
    assert!(r.stderr.contains("dir.tmx is a directory"), "{}", r.stderr);
    assert!(!w.path("memory").exists());

    // --langs naming languages the TM lacks.
    w.write("in.tmx", TMX);
    w.run(&["import", "in.tmx"]).expect(0);
    let r = w.run(&["export", "--langs", "xx"]).expect(2);
    assert!(
        r.stderr
            .contains("the TM has no text in xx (it has en, sq, sr-Latn)"),
        "{}",
        r.stderr
    );
    // No de to pair en with: nothing to export, unless asked for en alone.
    let r = w.run(&["export", "--langs", "en,de"]).expect(2);
    assert!(
        r.stderr.contains(
            "the TM has no text in de (it has en, sq, sr-Latn): no unit holds two of en, de \
             (--keep-unpaired writes the en texts alone)"
        ),
        "{}",
        r.stderr
    );
    let r = w
        .run(&["export", "--langs", "en,de", "--keep-unpaired"])
        .expect(0);
    assert_eq!(r.stdout.lines().count(), 2);
    assert!(
        r.stderr
            .contains("warning: the TM has no text in de (it has en, sq, sr-Latn)"),
        "{}",
        r.stderr
    );

    // An error far into a very long line: the excerpt shows where it is.
    let long = format!(
        "<tmx version=\"1.4\"><header srclang=\"en\"/><body>{}<tu><tuv xml:lang=\"en\"><seg>x</sag></tuv></tu></body></tmx>",
        GOOD_TU.trim_end().repeat(100)
    );
    let w = Workdir::new();
    w.write("long.tmx", &long);
    let r = w.run(&["import", "long.tmx"]).expect(2);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert!(lines[0].contains("long.tmx:1:"), "{}", r.stderr);
    let excerpt = lines[1];
    let caret = lines[2];
    assert!(excerpt.contains("<seg>x</sag>"), "{}", r.stderr);
    assert!(excerpt.chars().count() < 200, "{}", r.stderr);
    // The caret stands under the error.
    let at = caret.chars().count() - 1;
    let shown: String = excerpt.chars().skip(at).take(6).collect();
    assert_eq!(shown, "</sag>", "{}", r.stderr);
}

/// ISO 639-3 codes (NTREX, FLORES, Tatoeba write `eng`, `sqi`, `srp`) are
/// the languages of their two-letter codes: one language, not two.
#[test]
fn three_letter_codes_are_their_two_letter_languages() {
    let w = Workdir::new();
    w.write("t.tsv", "eng\tsqi\nGood morning.\tMirëmëngjes.\n");
    w.run(&["import", "t.tsv"]).expect(0);
    w.write("u.tsv", "en\tsrp-Cyrl\nGood morning.\tДобро јутро.\n");
    w.run(&["import", "u.tsv"]).expect(0);
    let units = w.export();
    assert_eq!(units.len(), 1, "{units:?}");
    let langs: Vec<&String> = units[0]["variants"].as_object().unwrap().keys().collect();
    assert_eq!(langs, ["en", "sq", "sr-Cyrl"]);
    let r = w
        .run(&["lookup", "Good morning.", "--from", "eng", "--to", "sqi"])
        .expect(0);
    assert!(r.stdout.contains("Mirëmëngjes."), "{}", r.stdout);
}

/// Trados of the Windows XP age wrote `sr-SP-Latn`: it is the language the
/// TM calls `sr-Latn`, not a language of its own.
#[test]
fn legacy_language_tags_meet_todays() {
    let w = Workdir::new();
    w.write(
        "old.tmx",
        format!(
            "{HEAD}<tu><tuv xml:lang=\"en\"><seg>Close the door.</seg></tuv><tuv xml:lang=\"sr-SP-Latn\"><seg>Zatvori vrata.</seg></tuv></tu>\n</body></tmx>"
        ),
    );
    w.run(&["import", "old.tmx"]).expect(0);
    let r = w.run(&["stats"]).expect(0);
    assert!(r.stdout.contains("sr-Latn"), "{}", r.stdout);
    assert!(!r.stdout.contains("SP"), "{}", r.stdout);
    let r = w
        .run(&[
            "lookup",
            "--from",
            "en",
            "--to",
            "sr-Latn",
            "Close the door.",
        ])
        .expect(0);
    assert!(r.stdout.contains("Zatvori vrata."), "{}", r.stdout);
}

/// A TMX from a tool that writes regions (`en-US`, `de-DE`): `--from en`
/// finds `en-US` when it is the only English; with two, it asks which.
#[test]
fn a_language_without_region_finds_the_one_stored_with_it() {
    let w = Workdir::new();
    let tu = |en: &str, tag: &str, de: &str| {
        format!(
            "<tu><tuv xml:lang=\"{tag}\"><seg>{en}</seg></tuv><tuv xml:lang=\"de-DE\"><seg>{de}</seg></tuv></tu>\n"
        )
    };
    w.write(
        "us.tmx",
        format!(
            "{HEAD}{}</body></tmx>",
            tu("Close the door.", "en-US", "Schließen Sie die Tür.")
        ),
    );
    w.run(&["import", "us.tmx"]).expect(0);
    let r = w
        .run(&[
            "lookup",
            "--from",
            "en",
            "--to",
            "de",
            "Close the door.",
            "--format",
            "json",
        ])
        .expect(0);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(j["from"], "en-US", "{}", r.stdout);
    assert_eq!(j["to"], "de-DE", "{}", r.stdout);
    assert_eq!(
        j["matches"][0]["translation"], "Schließen Sie die Tür.",
        "{}",
        r.stdout
    );
    let r = w.run(&["search", "Tür", "--lang", "de"]).expect(0);
    assert!(r.stdout.contains("Schließen"), "{}", r.stdout);

    w.write(
        "gb.tmx",
        format!(
            "{HEAD}{}</body></tmx>",
            tu("Shut the door.", "en-GB", "Mach die Tür zu.")
        ),
    );
    w.run(&["import", "gb.tmx"]).expect(0);
    let r = w
        .run(&["lookup", "--from", "en", "--to", "de-DE", "Close the door."])
        .expect(2);
    assert!(r.stderr.contains("covers en-GB, en-US"), "{}", r.stderr);
    // Concordance takes `en` as a range: both Englishes.
    let r = w.run(&["search", "door", "--lang", "en"]).expect(0);
    assert!(
        r.stdout.contains("Close the door.") && r.stdout.contains("Shut the door."),
        "{}",
        r.stdout
    );
}

/// Every ISO 639-3 code with a two-letter form is that language (`dan` is
/// `da`), and `--langs` takes ranges as lookup does.
#[test]
fn three_letter_codes_and_language_ranges_in_export() {
    let w = Workdir::new();
    w.write("a.csv", "eng,dan\nGood morning.,God morgen.\n");
    w.write(
        "b.csv",
        "en-US,sr-Latn,sr-Cyrl\nGood night.,Laku noć.,Лаку ноћ.\n",
    );
    // en-US kept apart from the en the first file brings (else read as en).
    w.run(&["import", "a.csv", "b.csv", "--map-lang", "en-US=en-US"])
        .expect(0);
    let r = w.run(&["stats"]).expect(0);
    assert!(
        r.stdout.contains(" da ") || r.stdout.contains("da  "),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("dan"), "{}", r.stdout);
    let r = w
        .run(&["export", "--format", "tsv", "--langs", "en,sr"])
        .expect(0);
    let header = r.stdout.lines().next().unwrap();
    // `en` covers en and en-US; `sr` covers both scripts.
    assert_eq!(
        header, "id\tdocument\ten\ten-US\tsr-Cyrl\tsr-Latn",
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Лаку ноћ."), "{}", r.stdout);
    w.write("c.csv", "en-US,de\nGood day.,Guten Tag.\n");
    w.run(&["import", "c.csv"]).expect(0);
    let r = w
        .run(&["export", "--format", "tsv", "--langs", "de,en-US"])
        .expect(0);
    assert!(
        r.stdout.starts_with("id\tdocument\tde\ten-US\n"),
        "{}",
        r.stdout
    );
    let r = w
        .run(&["export", "--format", "tsv", "--langs", "fr"])
        .expect(2);
    assert!(r.stderr.contains("no text in fr"), "{}", r.stderr);
}

/// The (id, sq) of each unit of the TM, in order.
fn sq_by_id(w: &Workdir) -> Vec<(i64, String)> {
    w.export()
        .iter()
        .map(|u| {
            (
                u["id"].as_i64().unwrap(),
                u["variants"]["sq"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

const PRISTINA: &str = "The mission is in Priština.";

/// A TMX holding a default translation and an alternative of one source (as
/// OmegaT writes them), in the order given.
fn alternatives_tmx(sq: &[&str]) -> String {
    let tus: String = sq
        .iter()
        .map(|t| format!("<tu><tuv xml:lang=\"en\"><seg>{PRISTINA}</seg></tuv><tuv xml:lang=\"sq\"><seg>Misioni {t} në Prishtinë.</seg></tuv></tu>\n"))
        .collect();
    format!("{HEAD}{tus}</body></tmx>")
}

#[test]
fn an_edited_alternative_replaces_its_own_unit_never_a_text_the_file_holds() {
    for order in [["është", "ndodhet"], ["ndodhet", "është"]] {
        let w = Workdir::new();
        w.write("omegat.tmx", alternatives_tmx(&["është", "gjendet"]));
        w.write("edited.tmx", alternatives_tmx(&order));
        w.run(&["import", "omegat.tmx"]).expect(0);
        let r = w
            .run(&["import", "edited.tmx", "--on-conflict", "replace"])
            .expect(0);
        assert!(
            r.stdout.contains(
                "2 units read: 0 added, 1 already in the TM, 1 conflict (1 replaced the TM's)"
            ),
            "{order:?}: {}",
            r.stdout
        );
        assert_eq!(
            sq_by_id(&w),
            [
                (1, "Misioni është në Prishtinë.".to_string()),
                (2, "Misioni ndodhet në Prishtinë.".to_string())
            ],
            "{order:?}"
        );
        let h = w.run(&["history", "2"]).expect(0).stdout;
        assert!(h.contains("gjendet"), "{h}");
        let h = w.run(&["history", "1"]).expect(0).stdout;
        assert!(!h.contains("ndodhet"), "{h}");
    }
}

#[test]
fn a_file_holding_both_translations_adds_the_new_one_whatever_the_policy() {
    for (policy, two) in [
        ("keep", "en,sq\nHello,Tung\nHello,Tungjatjeta\n"),
        ("replace", "en,sq\nHello,Tung\nHello,Tungjatjeta\n"),
        ("replace", "en,sq\nHello,Tungjatjeta\nHello,Tung\n"),
        ("add-variant", "en,sq\nHello,Tungjatjeta\nHello,Tung\n"),
    ] {
        let w = Workdir::new();
        w.write("one.csv", "en,sq\nHello,Tung\n");
        w.write("two.csv", two);
        w.run(&["import", "one.csv"]).expect(0);
        let r = w
            .run(&["import", "two.csv", "--on-conflict", policy])
            .expect(0);
        assert!(
            r.stdout.contains(
                "2 units read: 1 added (1 of them alternative translations the file holds), 1 already in the TM;"
            ),
            "{policy} {two:?}: {}",
            r.stdout
        );
        assert_eq!(
            sq_by_id(&w),
            [(1, "Tung".to_string()), (2, "Tungjatjeta".to_string())],
            "{policy} {two:?}"
        );
    }
}

#[test]
fn an_edited_table_replaces_the_units_its_id_column_names() {
    let w = Workdir::new();
    w.write("omegat.tmx", alternatives_tmx(&["është", "gjendet"]));
    w.run(&["import", "omegat.tmx"]).expect(0);
    for format in ["tsv", "csv"] {
        let file = format!("all.{format}");
        w.run(&["export", "--format", format, "-o", &file])
            .expect(0);
        let table = String::from_utf8(w.read(&file)).unwrap();
        let mut lines: Vec<String> = table.lines().map(str::to_string).collect();
        // Both alternatives edited, and the rows swapped: the ids say which is which.
        let (a, b) = (lines[1].clone(), lines[2].clone());
        let (a, b) = (
            a.replace("Misioni", "Misioni (A)"),
            b.replace("Misioni", "Misioni (B)"),
        );
        lines[1] = b;
        lines[2] = a;
        w.write(&file, lines.join("\n") + "\n");
        let r = w
            .run(&["import", &file, "--on-conflict", "replace"])
            .expect(0);
        assert!(
            r.stdout.contains("2 conflicts (2 replaced the TM's)"),
            "{format}: {}",
            r.stdout
        );
        let sq = sq_by_id(&w);
        assert!(sq[0].1.starts_with("Misioni (A)"), "{format}: {sq:?}");
        assert!(sq[1].1.starts_with("Misioni (B)"), "{format}: {sq:?}");
    }
}

#[test]
fn a_source_with_many_alternatives_is_all_duplicates_imported_again() {
    let w = Workdir::new();
    let mut csv = "en,fi\n".to_string();
    for i in 1..=40 {
        csv.push_str(&format!("Thank you.,Kiitos {i}.\n"));
    }
    w.write("alts.csv", &csv);
    let r = w.run(&["import", "alts.csv"]).expect(0);
    assert!(
        r.stdout.contains(
            "40 units read: 40 added (39 of them alternative translations the file holds)"
        ),
        "{}",
        r.stdout
    );
    for policy in ["keep", "add-variant", "replace"] {
        let r = w
            .run(&["import", "alts.csv", "--on-conflict", policy])
            .expect(0);
        assert!(
            r.stdout
                .contains("40 units read: 0 added, 40 already in the TM;"),
            "{policy}: {}",
            r.stdout
        );
    }
    let units = w.export();
    assert_eq!(units.len(), 40);
    for (i, u) in units.iter().enumerate() {
        assert_eq!(u["variants"]["fi"], format!("Kiitos {}.", i + 1));
    }
}

#[test]
fn tables_say_what_inline_codes_they_lose_and_never_skip_a_row_silently() {
    let w = Workdir::new();
    w.write(
        "codes.tmx",
        format!(
            "{HEAD}<tu><tuv xml:lang=\"en\"><seg>Click <bpt i=\"1\">&lt;b></bpt>Save<ept i=\"1\">&lt;/b></ept> then <ph x=\"2\">&lt;img/></ph> more</seg></tuv><tuv xml:lang=\"sq\"><seg>Klikoni <bpt i=\"1\">&lt;b></bpt>Ruaj<ept i=\"1\">&lt;/b></ept> pastaj <ph x=\"2\">&lt;img/></ph> më</seg></tuv></tu>\n\
             <tu><tuv xml:lang=\"en\"><seg><bpt i=\"1\">{{1}}</bpt><ept i=\"1\">{{/1}}</ept></seg></tuv><tuv xml:lang=\"sq\"><seg><bpt i=\"1\">{{1}}</bpt><ept i=\"1\">{{/1}}</ept></seg></tuv></tu>\n\
             <tu><tuv xml:lang=\"en\"><seg>Plain.</seg></tuv><tuv xml:lang=\"sq\"><seg>E thjeshtë.</seg></tuv></tu>\n</body></tmx>"
        ),
    );
    w.run(&["import", "codes.tmx"]).expect(0);
    for format in ["csv", "tsv"] {
        let file = format!("codes.{format}");
        // The unit of codes alone cannot be a row: it is named, and exit 1.
        let r = w
            .run(&["export", "--format", format, "-o", &file])
            .expect(1);
        let upper = format.to_uppercase();
        assert!(
            r.stderr.contains(&format!(
                "unit 2 left out of the {upper}: its texts are inline codes alone"
            )),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr
                .contains("2 texts hold inline codes, written as plain text"),
            "{}",
            r.stderr
        );
        let db = format!("{format}.sqlite");
        let r = w.run(&["--db", &db, "import", &file]).expect(0);
        assert!(r.stdout.contains("2 units read: 2 added;"), "{}", r.stdout);
    }
    // A row without text is said, with its line.
    w.write("gap.csv", "en,sq\nA,B\n,\nC,D\n");
    let r = w
        .run(&["--db", "gap.sqlite", "import", "gap.csv"])
        .expect(0);
    assert!(
        r.stdout.contains("1 row without text skipped")
            && r.stdout.contains("gap.csv:3: a row without text"),
        "{}",
        r.stdout
    );
    // Cells of white space alone hold no text either.
    w.write("blank.csv", "en,sq\nA,B\n\" \",\"\n\"\nC,D\n");
    w.write("blank.tsv", "en\tsq\nA\tB\n \t \nC\tD\n");
    for file in ["blank.csv", "blank.tsv"] {
        let r = w.run(&["--db", "blank.sqlite", "import", file]).expect(0);
        assert!(
            r.stdout.contains("1 row without text skipped"),
            "{file}: {}",
            r.stdout
        );
    }
    let r = w
        .run(&["--db", "blank.sqlite", "export", "--format", "tsv"])
        .expect(0);
    assert_eq!(r.stdout.lines().count(), 3, "{}", r.stdout);
    // A replace from a table: the text it replaces loses its codes, and the
    // summary says so.
    w.write(
        "edited.csv",
        "en,sq\nClick Save then  more,Klikoni Ruaj tani pastaj  më\n",
    );
    let r = w
        .run(&["import", "edited.csv", "--on-conflict", "replace"])
        .expect(0);
    assert!(
        r.stdout.contains("1 replaced text lost its inline codes"),
        "{}",
        r.stdout
    );
    let r = w
        .run(&[
            "import",
            "edited.csv",
            "--on-conflict",
            "replace",
            "--format",
            "json",
        ])
        .expect(0);
    assert!(
        r.stdout.contains("\"inline_codes_dropped\": 0"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_csv_with_semicolons_or_tabs_is_read_by_its_header_row() {
    let w = Workdir::new();
    // Excel in European locales: semicolons, a BOM, CRLF, commas in text.
    w.write(
        "semi.csv",
        "\u{feff}en;sq;sr-Latn\r\n\"NATO sent 2,000 troops.\";\"NATO dërgoi 2.000 trupa.\";\"NATO je poslao 2.000 vojnika.\"\r\nHello;Përshëndetje;Zdravo\r\n",
    );
    let r = w.run(&["import", "semi.csv"]).expect(0);
    assert!(r.stdout.contains("2 units read: 2 added"), "{}", r.stdout);
    let units = w.export();
    assert_eq!(units[0]["variants"]["en"], "NATO sent 2,000 troops.");
    assert_eq!(units[1]["variants"]["sr-Latn"], "Zdravo");
    w.write("tabs.csv", "en\tsq\nYes\tPo\n");
    let r = w.run(&["import", "tabs.csv"]).expect(0);
    assert!(r.stdout.contains("1 unit read: 1 added"), "{}", r.stdout);
    // Every cell quoted (LibreOffice's "quote all text cells"), and Excel's
    // `sep=;` line naming the separator.
    for (name, text) in [
        (
            "quoted.csv",
            "\"en\";\"sq\"\n\"Thanks.\";\"Faleminderit.\"\n",
        ),
        ("quotedtab.csv", "\"en\"\t\"sq\"\n\"Good.\"\t\"Mirë.\"\n"),
        ("sep.csv", "sep=;\nen;sq\nNo.;Jo.\n"),
    ] {
        w.write(name, text);
        let r = w.run(&["import", name]).expect(0);
        assert!(
            r.stdout.contains("1 unit read: 1 added"),
            "{name}: {}",
            r.stdout
        );
    }
    let units = w.export();
    assert!(
        units.iter().any(|u| u["variants"]["sq"] == "Faleminderit."),
        "{units:?}"
    );
    assert!(
        units.iter().any(|u| u["variants"]["sq"] == "Jo."),
        "{units:?}"
    );
    // A header that is no languages whatever the separator says what was tried.
    w.write("bad.csv", "english;albanian\nYes;Po\n");
    let r = w.run(&["import", "bad.csv"]).expect(2);
    assert!(
        r.stderr
            .contains("with commas between cells; semicolons and tabs were tried too"),
        "{}",
        r.stderr
    );
}

#[test]
fn import_names_a_directory_and_standard_input_plainly() {
    let w = Workdir::new();
    std::fs::create_dir(w.path("folder")).unwrap();
    let r = w.run(&["import", "folder"]).expect(2);
    assert!(
        r.stderr.contains("folder is a directory, not a file"),
        "{}",
        r.stderr
    );
    let r = w
        .run_with_stdin(&["import", "-", "--from", "tmx"], TMX)
        .expect(2);
    assert!(
        r.stderr
            .contains("cannot import from standard input (-): save it to a file"),
        "{}",
        r.stderr
    );
}

#[test]
fn import_json_counts_every_alternative_added() {
    let w = Workdir::new();
    w.write(
        "alts.csv",
        "en,fi\nThanks.,Kiitos.\nThanks.,Kiitti.\nThanks.,Kiitos paljon.\n",
    );
    let r = w.run(&["import", "alts.csv", "--format", "json"]).expect(0);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let f = &report["files"][0];
    assert_eq!(f["units_added"], 3, "{f:#}");
    assert_eq!(f["alternatives_added"], 2, "{f:#}");
    assert_eq!(f["alternatives_in_file"], 2, "{f:#}");
    assert_eq!(f["conflicts_added_as_alternatives"], 0, "{f:#}");
    w.write("more.csv", "en,fi\nThanks.,Kiitoksia.\n");
    let r = w
        .run(&[
            "import",
            "more.csv",
            "--on-conflict",
            "add-variant",
            "--format",
            "json",
        ])
        .expect(0);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let f = &report["files"][0];
    assert_eq!(f["alternatives_added"], 1, "{f:#}");
    assert_eq!(f["conflicts_added_as_alternatives"], 1, "{f:#}");
}

#[test]
fn a_tmx_export_of_several_files_names_each_units_source_language() {
    let w = Workdir::new();
    w.write("en.tmx", format!("{HEAD}{GOOD_TU}</body></tmx>"));
    w.write(
        "de.tmx",
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"de\"/>\n<body>\n<tu><tuv xml:lang=\"sq\"><seg>Faleminderit</seg></tuv><tuv xml:lang=\"de\"><seg>Danke</seg></tuv></tu>\n</body></tmx>",
    );
    w.run(&["import", "en.tmx", "de.tmx"]).expect(0);
    let tmx = w.run(&["export", "--format", "tmx"]).expect(0).stdout;
    assert!(tmx.contains(r#"srclang="*all*""#), "{tmx}");
    assert!(tmx.contains("<tu srclang=\"en\">"), "{tmx}");
    assert!(tmx.contains("<tu srclang=\"de\">"), "{tmx}");
    // Imported again into a new TM, each unit keeps its source.
    w.write("all.tmx", &tmx);
    w.run(&["--db", "b.sqlite", "import", "all.tmx"]).expect(0);
    let again = w
        .run(&["--db", "b.sqlite", "export", "--format", "tmx"])
        .expect(0)
        .stdout;
    assert_eq!(again.matches("srclang=\"de\"").count(), 1, "{again}");
    // One file's units: its header says it, no unit repeats it.
    let w = Workdir::new();
    w.write("en.tmx", format!("{HEAD}{GOOD_TU}</body></tmx>"));
    w.run(&["import", "en.tmx"]).expect(0);
    let tmx = w.run(&["export", "--format", "tmx"]).expect(0).stdout;
    assert!(!tmx.contains("<tu srclang"), "{tmx}");
}

#[test]
fn history_shows_the_date_the_tmx_gave_a_text() {
    let w = Workdir::new();
    w.write(
        "dated.tmx",
        format!(
            "{HEAD}<tu><tuv xml:lang=\"en\"><seg>ok</seg></tuv><tuv xml:lang=\"sq\" changeid=\"arta\" changedate=\"20240101T101011Z\" creationdate=\"20230101T000000Z\"><seg>mirë</seg></tuv></tu>\n</body></tmx>"
        ),
    );
    w.write(
        "new.tmx",
        format!(
            "{HEAD}<tu><tuv xml:lang=\"en\"><seg>ok</seg></tuv><tuv xml:lang=\"sq\" creationdate=\"20250202T020202Z\"><seg>në rregull</seg></tuv></tu>\n</body></tmx>"
        ),
    );
    w.run(&["import", "dated.tmx"]).expect(0);
    w.run(&["import", "new.tmx", "--on-conflict", "replace"])
        .expect(0);
    let h = w.run(&["history", "1"]).expect(0).stdout;
    assert!(
        h.contains("sq rev 1  2024-01-01T10:10:11Z by arta (imported "),
        "{h}"
    );
    assert!(
        h.contains("sq rev 2 (current)  2025-02-02T02:02:02Z by "),
        "{h}"
    );
    let h = w
        .run(&["history", "1", "--format", "json"])
        .expect(0)
        .stdout;
    let h: serde_json::Value = serde_json::from_str(&h).unwrap();
    let sq: Vec<&serde_json::Value> = h["revisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["lang"] == "sq")
        .collect();
    assert_eq!(sq[0]["dated"], "2024-01-01T10:10:11Z", "{h:#}");
    assert_eq!(sq[1]["dated"], "2025-02-02T02:02:02Z", "{h:#}");
    // en came with no date: the time it was stored only.
    let en = &h["revisions"][0];
    assert!(en.get("dated").is_none(), "{h:#}");
}

/// A TMX whose header names its source with a legacy tag: the table
/// export puts that language (as the TM calls it) first, though more
/// units hold English.
#[test]
fn a_legacy_srclang_still_names_the_source_column() {
    let w = Workdir::new();
    w.write(
        "old.tmx",
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"sr-SP-Latn\"/>\n<body>\n\
         <tu><tuv xml:lang=\"en\"><seg>Close the door.</seg></tuv><tuv xml:lang=\"sr-SP-Latn\"><seg>Zatvori vrata.</seg></tuv></tu>\n\
         <tu><tuv xml:lang=\"en\"><seg>Open it.</seg></tuv><tuv xml:lang=\"sr-SP-Latn\"><seg>Otvori ih.</seg></tuv></tu>\n\
         <tu><tuv xml:lang=\"en\"><seg>Not yet translated.</seg></tuv></tu>\n\
         </body></tmx>",
    );
    w.run(&["import", "old.tmx"]).expect(0);
    let r = w.run(&["export", "--format", "tsv"]).expect(0);
    assert!(
        r.stdout.starts_with("id\tdocument\tsr-Latn\ten\n"),
        "{}",
        r.stdout
    );
}

/// FLORES and NLLB name English `eng_Latn`: Latn is the only script
/// English is written in (the IANA registry's Suppress-Script), so the
/// tag is `en`, in every file format and every flag; Serbian keeps its
/// script.
#[test]
fn a_script_a_language_is_always_written_in_is_left_out_of_its_tag() {
    let w = Workdir::new();
    w.write(
        "flores.tmx",
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"eng_Latn\"/>\n<body>\n\
         <tu><tuv xml:lang=\"eng_Latn\"><seg>Close the door.</seg></tuv><tuv xml:lang=\"sqi_Latn\"><seg>Mbyll derën.</seg></tuv>\
         <tuv xml:lang=\"srp_Cyrl\"><seg>Затвори врата.</seg></tuv></tu>\n</body></tmx>",
    );
    w.write(
        "more.csv",
        "en-Latn,sq-Latn,ru-Cyrl\nClose the door.,Mbyll derën.,Закрой дверь.\n",
    );
    w.run(&["import", "flores.tmx", "more.csv"]).expect(0);
    let units = w.export();
    assert_eq!(units.len(), 1, "{units:?}");
    let langs: Vec<&String> = units[0]["variants"].as_object().unwrap().keys().collect();
    assert_eq!(langs, ["en", "ru", "sq", "sr-Cyrl"]);
    // The flags read tags the same way.
    let r = w
        .run(&[
            "lookup",
            "Close the door.",
            "--from",
            "en-Latn",
            "--to",
            "sqi_Latn",
        ])
        .expect(0);
    assert!(r.stdout.contains("Mbyll derën."), "{}", r.stdout);
    let r = w.run(&["search", "derën", "--lang", "sq-Latn"]).expect(0);
    assert!(r.stdout.contains("Mbyll derën."), "{}", r.stdout);
    let r = w
        .run(&["export", "--format", "tsv", "--langs", "eng_Latn,ru-Cyrl"])
        .expect(0);
    assert!(
        r.stdout.starts_with("id\tdocument\ten\tru\n"),
        "{}",
        r.stdout
    );
    let r = w
        .run(&["qa", "--src-lang", "eng_Latn", "--lang", "rus_Cyrl"])
        .expect(0);
    assert!(r.stdout.contains("1 pair"), "{}", r.stdout);
}

/// Tatoeba names Toki Pona `toki` (its ISO 639-3 code is `tok`): no
/// language tag, so the import is refused, the TM left as it was, and the
/// error names the flag that reads it as a language. `--map-lang` does,
/// in TMX (`xml:lang`, `srclang`) and table headers alike, and maps a tag
/// that is well-formed too (`cbk_zam`, Wikipedia's Zamboanga Chavacano).
#[test]
fn a_tag_that_names_no_language_is_refused_unless_mapped() {
    let w = Workdir::new();
    w.write("before.tsv", "en\tsq\nGood morning.\tMirëmëngjes.\n");
    w.run(&["import", "before.tsv"]).expect(0);
    let before = w.export();
    w.write(
        "tatoeba.tsv",
        "eng\ttoki\tcbk_zam\nGood night.\tlape pona.\tBuenas noches.\n",
    );
    w.write(
        "toki.tmx",
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"toki\"/>\n<body>\n\
         <tu><tuv xml:lang=\"toki\"><seg>sina pona.</seg></tuv><tuv xml:lang=\"en\"><seg>You are good.</seg></tuv></tu>\n\
         </body></tmx>",
    );
    for (file, at) in [("tatoeba.tsv", "tatoeba.tsv:1"), ("toki.tmx", "toki.tmx:3")] {
        let r = w.run(&["import", "before.tsv", file]).expect(2);
        assert!(
            r.stderr.contains(at)
                && r.stderr.contains("'toki' is not a language tag")
                && r.stderr.contains("--map-lang toki="),
            "{}",
            r.stderr
        );
        assert_eq!(w.export(), before, "a failed import changed the TM");
    }
    let r = w
        .run(&[
            "import",
            "tatoeba.tsv",
            "toki.tmx",
            "--map-lang",
            "toki=tok",
            "--map-lang",
            "CBK-zam=cbk",
            "--format",
            "json",
        ])
        .expect(0);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(j["files"][1]["without_source_language"], 0, "{j}");
    let units = w.export();
    let langs: Vec<Vec<&String>> = units
        .iter()
        .map(|u| u["variants"].as_object().unwrap().keys().collect())
        .collect();
    assert_eq!(
        langs,
        [
            vec!["en", "sq"],
            vec!["cbk", "en", "tok"],
            vec!["en", "tok"]
        ]
    );
    // The header's srclang is read through the map too.
    let tmx = w.run(&["export", "--format", "tmx"]).expect(0).stdout;
    assert!(tmx.contains("<tu srclang=\"tok\">"), "{tmx}");
    let r = w
        .run(&["import", "toki.tmx", "--map-lang", "toki"])
        .expect(2);
    assert!(r.stderr.contains("FROM=TO"), "{}", r.stderr);
}

/// A table whose source is not its first column, imported with
/// `--src-lang`: the TM records that source for the file's units, as it
/// records a TMX srclang, so qa checks from it and the TMX export names it;
/// another file's units keep their own first column.
#[test]
fn a_tables_src_lang_is_recorded_for_qa_and_the_tmx_export() {
    let w = Workdir::new();
    w.write(
        "sq-first.csv",
        "en,sq\nThe meeting is at 10:00.,Takimi është në ora 11:00.\n",
    );
    w.write(
        "de.tsv",
        "en\tde\nThe bus leaves at 9:00.\tDer Bus fährt um 8:00.\n",
    );
    w.run(&["import", "sq-first.csv", "--src-lang", "sq"])
        .expect(0);
    w.run(&["import", "de.tsv"]).expect(0);
    let r = w.run(&["qa", "--format", "json"]).expect(1);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let pairs: std::collections::BTreeSet<(String, String)> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["src_lang"].as_str().unwrap().to_string(),
                f["lang"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: std::collections::BTreeSet<(String, String)> = [("en", "de"), ("sq", "en")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(pairs, want, "{}", r.stdout);
    let tmx = w.run(&["export", "--format", "tmx"]).expect(0).stdout;
    assert_eq!(tmx.matches("<tu srclang=\"sq\">").count(), 1, "{tmx}");
    // The other file's source is its first column, which the TM infers and the export leaves unsaid.
    assert_eq!(tmx.matches("<tu srclang").count(), 1, "{tmx}");
    // A TMX export of that table alone names it as the source of all.
    w.run(&[
        "--db",
        "one.sqlite",
        "import",
        "sq-first.csv",
        "--src-lang",
        "sq",
    ])
    .expect(0);
    let tmx = w
        .run(&["--db", "one.sqlite", "export", "--format", "tmx"])
        .expect(0)
        .stdout;
    assert!(tmx.contains("<tu srclang=\"sq\">"), "{tmx}");
    let csv = w
        .run(&["--db", "one.sqlite", "export", "--format", "csv"])
        .expect(0)
        .stdout;
    assert!(csv.starts_with("id,document,sq,en\n"), "{csv}");
}

/// TMX 1.4b: whitespace in a `<seg>` is always significant and no element
/// declares `xml:space` (the DTD gives `<seg>` no attribute), so the export
/// writes none and keeps every space; `o-tmf` names the format a `<tu>`
/// came from where the header cannot (units of several tools).
#[test]
fn a_tmx_of_several_tools_keeps_its_spaces_and_each_units_format() {
    let w = Workdir::new();
    w.write(
        "omegat.tmx",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx11.dtd\">\n<tmx version=\"1.1\">\n\
         <header creationtool=\"OmegaT\" o-tmf=\"OmegaT TMX\" adminlang=\"EN-US\" datatype=\"plaintext\" \
         creationtoolversion=\"6.0.0\" segtype=\"sentence\" srclang=\"EN-US\"/>\n<body>\n\
         <tu>\n<tuv lang=\"EN-US\" xml:space=\"preserve\">\n<seg xml:space=\"preserve\">  Save  the file. </seg>\n</tuv>\n\
         <tuv lang=\"SQ\" xml:space=\"preserve\">\n<seg xml:space=\"preserve\">  Ruani  skedarin. </seg>\n</tuv>\n</tu>\n\
         <tu>\n<tuv lang=\"EN-US\"><seg>Close it.</seg></tuv>\n<tuv lang=\"SQ\"><seg>Mbylleni.</seg></tuv>\n</tu>\n\
         </body>\n</tmx>\n",
    );
    w.write(
        "trados.tmx",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<tmx version=\"1.4\">\n\
         <header creationtool=\"SDL Language Platform\" creationtoolversion=\"8.1\" o-tmf=\"SDL TM8 Format\" \
         datatype=\"xml\" segtype=\"sentence\" adminlang=\"en-US\" srclang=\"en-US\"/>\n<body>\n\
         <tu creationdate=\"20240101T120000Z\" creationid=\"ARTA\">\n\
         <tuv xml:lang=\"en-US\"><seg xml:space=\"preserve\">Name:\tvalue\nnext line  </seg></tuv>\n\
         <tuv xml:lang=\"sq-AL\"><seg xml:space=\"preserve\">Emri:\tvlera\nrreshti tjetër  </seg></tuv>\n\
         </tu>\n</body>\n</tmx>\n",
    );
    w.run(&["import", "omegat.tmx", "trados.tmx"]).expect(0);
    let before = w.export();
    let tmx = w.run(&["export", "--format", "tmx"]).expect(0).stdout;
    assert!(!tmx.contains("xml:space"), "{tmx}");
    assert!(tmx.contains("<seg>  Ruani  skedarin. </seg>"), "{tmx}");
    assert!(
        tmx.contains("<seg>Emri:\tvlera\nrreshti tjetër  </seg>"),
        "{tmx}"
    );
    assert!(tmx.contains(" o-tmf=\"tm\" "), "{tmx}");
    assert_eq!(tmx.matches("o-tmf=\"OmegaT TMX\"").count(), 2, "{tmx}");
    assert_eq!(tmx.matches("o-tmf=\"SDL TM8 Format\"").count(), 1, "{tmx}");
    w.write("all.tmx", &tmx);
    // Into the same TM: all already there; into a new one: the same texts, byte for byte.
    let r = w.run(&["import", "all.tmx"]).expect(0);
    assert!(
        r.stdout
            .contains("3 units read: 0 added, 3 already in the TM"),
        "{}",
        r.stdout
    );
    w.run(&["--db", "again.sqlite", "import", "all.tmx"])
        .expect(0);
    let again: Vec<serde_json::Value> = jsonl(&w, "again.sqlite");
    let variants = |units: &[serde_json::Value]| -> Vec<serde_json::Value> {
        units.iter().map(|u| u["variants"].clone()).collect()
    };
    assert_eq!(variants(&again), variants(&before));
    let tmx_again = w
        .run(&["--db", "again.sqlite", "export", "--format", "tmx"])
        .expect(0)
        .stdout;
    assert_eq!(tmx_again, tmx);
}

/// One rule for a language a command is given: a range that selects every
/// stored tag it covers. With `en` and `en-US` stored, `--langs en`
/// exports both, as `qa --src-lang en` and `search --lang en` take both;
/// lookup, which needs one language, takes the tag stored exactly.
#[test]
fn a_language_range_selects_every_stored_tag_it_covers() {
    let w = Workdir::new();
    w.write("a.tsv", "en\tsq\nGood morning.\tMirëmëngjes.\n");
    w.write("b.tsv", "en-US\tsq\nGood evening.\tMirëmbrëma.\n");
    // en-US kept apart from the en the first file brings (else read as en).
    w.run(&["import", "a.tsv", "b.tsv", "--map-lang", "en-US=en-US"])
        .expect(0);
    let r = w
        .run(&["export", "--format", "tsv", "--langs", "en,sq"])
        .expect(0);
    assert_eq!(
        r.stdout.lines().collect::<Vec<_>>(),
        [
            "id\tdocument\ten\ten-US\tsq",
            "1\t\tGood morning.\t\tMirëmëngjes.",
            "2\t\t\tGood evening.\tMirëmbrëma."
        ],
        "{}",
        r.stdout
    );
    let r = w
        .run(&["export", "--format", "jsonl", "--langs", "en"])
        .expect(0);
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
    let r = w.run(&["search", "Good", "--lang", "en"]).expect(0);
    assert!(
        r.stdout.contains("Good morning.") && r.stdout.contains("Good evening."),
        "{}",
        r.stdout
    );
    let r = w
        .run(&["qa", "--src-lang", "en", "--lang", "sq", "--format", "json"])
        .expect(0);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(j["summary"]["pairs"], 2, "{}", r.stdout);
    let r = w
        .run(&[
            "lookup",
            "Good morning.",
            "--from",
            "en",
            "--to",
            "sq",
            "--format",
            "json",
        ])
        .expect(0);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(j["from"], "en", "{}", r.stdout);
    assert_eq!(
        j["matches"][0]["translation"], "Mirëmëngjes.",
        "{}",
        r.stdout
    );
}

/// Each `<tu>` of `tmx` with the languages of its `<tuv>`s and its
/// effective `srclang` (its own, else the header's).
fn tus_with_srclang(tmx: &str) -> Vec<(Vec<String>, String, String)> {
    let attr = |tag: &str, name: &str| -> Option<String> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[at..at + tag[at..].find('"')?].to_string())
    };
    let header = &tmx[tmx.find("<header").unwrap()..];
    let header_src = attr(&header[..header.find('>').unwrap()], "srclang").unwrap();
    tmx.split("</tu>")
        .filter_map(|chunk| {
            let at = chunk.find("<tu>").or_else(|| chunk.find("<tu "))?;
            Some(&chunk[at + 3..])
        })
        .map(|tu| {
            let open = &tu[..tu.find('>').unwrap()];
            let langs = tu
                .split("<tuv xml:lang=\"")
                .skip(1)
                .map(|t| t[..t.find('"').unwrap()].to_string())
                .collect();
            let own = attr(open, "srclang").unwrap_or_else(|| header_src.clone());
            (langs, own, open.to_string())
        })
        .collect()
}

/// `--langs` that leaves out the units' source language (Translate
/// Toolkit's `<tu srclang="en">`, an en-first table): the header names the
/// first language given, and every `<tu>`'s srclang names a text it holds,
/// so a CAT tool finds each unit's source and the file imports again with
/// every source found. Translate Toolkit's `o-tmf="UTF-8"` (an encoding,
/// not a TM format) is not copied onto the units.
#[test]
fn a_tmx_export_without_the_source_language_names_a_source_each_unit_has() {
    let w = Workdir::new();
    let ttk = |lang: &str, text: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n\
             <header creationtool=\"Translate Toolkit\" creationtoolversion=\"3.20.4\" segtype=\"sentence\" \
             o-tmf=\"UTF-8\" adminlang=\"en\" srclang=\"en\" datatype=\"PlainText\"/>\n<body>\n\
             <tu srclang=\"en\"><tuv xml:lang=\"en\"><seg>Save file</seg></tuv>\
             <tuv xml:lang=\"{lang}\"><seg>{text}</seg></tuv></tu>\n</body>\n</tmx>\n"
        )
    };
    w.write("de.tmx", ttk("de", "Datei speichern"));
    w.write("fr.tmx", ttk("fr", "Enregistrer le fichier"));
    w.write(
        "news.csv",
        "en,de,fr\nThe bus leaves.,Der Bus fährt.,Le bus part.\nIt rains.,,Il pleut.\n",
    );
    w.run(&["import", "de.tmx", "fr.tmx", "news.csv"]).expect(0);
    // The units with de or fr alone, kept.
    let tmx = w
        .run(&[
            "export",
            "--format",
            "tmx",
            "--langs",
            "de,fr",
            "--keep-unpaired",
        ])
        .expect(0)
        .stdout;
    assert!(tmx.contains(" srclang=\"de\" "), "{tmx}");
    let tus = tus_with_srclang(&tmx);
    assert_eq!(tus.len(), 3, "{tmx}");
    for (langs, src, open) in &tus {
        assert!(langs.contains(src), "<tu{open}> holds {langs:?}\n{tmx}");
    }
    assert!(
        !tmx.contains("UTF-8\" srclang") && !tmx.contains("<tu o-tmf"),
        "{tmx}"
    );
    w.write("defr.tmx", &tmx);
    let r = w.run(&["--db", "b.sqlite", "import", "defr.tmx"]).expect(0);
    assert!(
        !r.stdout.contains("without the source language"),
        "{}",
        r.stdout
    );
    // With the source language, a unit that names it keeps it.
    let tmx = w
        .run(&["export", "--format", "tmx", "--langs", "fr,en"])
        .expect(0)
        .stdout;
    let tus = tus_with_srclang(&tmx);
    for (langs, src, open) in &tus {
        assert!(langs.contains(src), "<tu{open}> holds {langs:?}\n{tmx}");
    }
    assert_eq!(tus[0].1, "en", "{tmx}");
}

/// Translate Toolkit's `po2csv` writes `location,source,target`: no column
/// names a language. The error names every such column and how to say
/// what each holds; `--map-lang location=-` leaves a column out, and
/// `source=en`, `target=de` name the others. A TMX language cannot be
/// left out.
#[test]
fn a_column_that_holds_no_language_is_left_out_with_a_dash() {
    let w = Workdir::new();
    w.write(
        "de.csv",
        "\"location\",\"source\",\"target\"\n\
         \"main.c:10\",\"Save file\",\"Datei speichern\"\n\
         \"main.c:17\",\"Open\",\"Öffnen\"\n",
    );
    let r = w.run(&["import", "de.csv"]).expect(2);
    assert!(
        r.stderr
            .contains("de.csv:1: columns 1, 2, 3 of the header row (location, source, target)")
            && r.stderr
                .contains("(--map-lang location=TAG) or leave it out (--map-lang location=-)"),
        "{}",
        r.stderr
    );
    let r = w
        .run(&[
            "import",
            "de.csv",
            "--map-lang",
            "location=-",
            "--map-lang",
            "source=en",
            "--map-lang",
            "target=de",
        ])
        .expect(0);
    assert!(r.stdout.contains("2 units read: 2 added"), "{}", r.stdout);
    let units = w.export();
    assert_eq!(
        units[0]["variants"],
        serde_json::json!({"en": "Save file", "de": "Datei speichern"})
    );
    // The source is the first language column, not the one left out.
    let r = w
        .run(&[
            "import",
            "de.csv",
            "--map-lang",
            "location=-",
            "--map-lang",
            "source=en",
            "--map-lang",
            "target=de",
            "--src-lang",
            "en",
        ])
        .expect(0);
    assert!(r.stdout.contains("2 already in the TM"), "{}", r.stdout);
    // One column left: the advice names it alone.
    let r = w
        .run(&[
            "import",
            "de.csv",
            "--map-lang",
            "source=en",
            "--map-lang",
            "target=de",
        ])
        .expect(2);
    assert!(
        r.stderr.contains("column 1 of the header row")
            && r.stderr
                .contains("or leave the column out: --map-lang location=-"),
        "{}",
        r.stderr
    );
    w.write(
        "x.tmx",
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"en\"/>\n<body>\n\
         <tu><tuv xml:lang=\"en\"><seg>Hi.</seg></tuv><tuv xml:lang=\"x-loc\"><seg>1</seg></tuv></tu>\n\
         </body></tmx>",
    );
    let r = w
        .run(&["import", "x.tmx", "--map-lang", "x-loc=-"])
        .expect(2);
    assert!(r.stderr.contains("only a table column"), "{}", r.stderr);
}

/// OmegaT writes the project's regional tags (`EN-US`, `SQ-AL`) where the
/// workspace has `en` and `sq`: the TMX a colleague sends back is read as
/// the TM's languages, so its units match (an edit is a conflict) instead
/// of all being stored again under two new languages. `--map-lang` keeps a
/// tag apart; a file that has both `en-US` and `en` is refused, the TM left
/// as it was; a TM that tells regions apart (`en-GB` beside `en`) reads no
/// region as another.
#[test]
fn an_omegat_tmx_with_regional_tags_is_read_as_the_tms_languages() {
    let w = Workdir::new();
    w.write(
        "tm.tsv",
        "en\tsq\nThe meeting starts at ten.\tTakimi fillon në orën dhjetë.\n\
         The mayor resigned.\tKryetari dha dorëheqjen.\n",
    );
    w.run(&["import", "tm.tsv"]).expect(0);
    let tu = |en: &str, en_tag: &str, sq: &str| {
        format!(
            "<tu><tuv xml:lang=\"{en_tag}\"><seg>{en}</seg></tuv>\
             <tuv xml:lang=\"SQ-AL\"><seg>{sq}</seg></tuv></tu>\n"
        )
    };
    let tmx = |body: &str| {
        format!(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"EN-US\" \
             creationtool=\"OmegaT\" segtype=\"sentence\" o-tmf=\"OmegaT TMX\" adminlang=\"EN-US\" \
             datatype=\"plaintext\" creationtoolversion=\"6\"/>\n<body>\n{body}</body></tmx>\n"
        )
    };
    w.write(
        "back.tmx",
        tmx(&[
            tu(
                "The meeting starts at ten.",
                "EN-US",
                "Takimi fillon në orën dhjetë.",
            ),
            tu(
                "The mayor resigned.",
                "EN-US",
                "Kryetari i komunës dha dorëheqjen.",
            ),
            tu("Schools are closed.", "EN-US", "Shkollat janë të mbyllura."),
        ]
        .concat()),
    );
    let before = w.export();
    w.write(
        "both.tmx",
        tmx(&[
            tu("Schools are closed.", "EN-US", "Shkollat janë të mbyllura."),
            tu("Shops are open.", "en", "Dyqanet janë të hapura."),
        ]
        .concat()),
    );
    let r = w.run(&["import", "both.tmx"]).expect(2);
    assert!(
        r.stderr.contains("both.tmx: unit 2")
            && r.stderr.contains("en-US and en")
            && r.stderr.contains("--map-lang en-US=en-US"),
        "{}",
        r.stderr
    );
    assert_eq!(w.export(), before, "a refused import changed the TM");

    let r = w.run(&["import", "back.tmx"]).expect(0);
    assert!(
        r.stdout
            .contains("1 added, 1 already in the TM, 1 conflict")
            && r.stdout.contains("read en-US as en, sq-AL as sq"),
        "{}",
        r.stdout
    );
    let langs = |w: &Workdir| -> std::collections::BTreeSet<String> {
        (w.export().iter())
            .flat_map(|u| {
                u["variants"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    assert_eq!(langs(&w), ["en", "sq"].map(String::from).into());
    let r = w
        .run(&[
            "import",
            "back.tmx",
            "--on-conflict",
            "replace",
            "--format",
            "json",
        ])
        .expect(0);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(j["files"][0]["units_replaced"], 1, "{j}");
    assert_eq!(j["files"][0]["languages_read_as"]["en-US"], "en", "{j}");

    // A tag --map-lang chose stays as it is.
    let w2 = Workdir::new();
    w2.write(
        "tm.tsv",
        "en\tsq\nThe mayor resigned.\tKryetari dha dorëheqjen.\n",
    );
    w2.run(&["import", "tm.tsv"]).expect(0);
    w2.write("back.tmx", String::from_utf8(w.read("back.tmx")).unwrap());
    w2.run(&["import", "back.tmx", "--map-lang", "EN-US=en-US"])
        .expect(0);
    assert_eq!(langs(&w2), ["en", "en-US", "sq"].map(String::from).into());

    // A TM with en and en-GB tells regions apart: en-US is its own.
    let w3 = Workdir::new();
    w3.write("tm.tsv", "en\ten-GB\tsq\nColor.\tColour.\tNgjyrë.\n");
    w3.run(&["import", "tm.tsv"]).expect(0);
    w3.write("back.tmx", String::from_utf8(w.read("back.tmx")).unwrap());
    let r = w3.run(&["import", "back.tmx"]).expect(0);
    assert!(
        r.stdout.contains("read sq-AL as sq") && !r.stdout.contains("en-US as"),
        "{}",
        r.stdout
    );
    assert_eq!(
        langs(&w3),
        ["en", "en-GB", "en-US", "sq"].map(String::from).into()
    );
}

/// `--langs de,fr` asks for a de–fr memory: a unit is written only if it
/// holds texts in two of the languages given (a `<tu>` with a de `<tuv>`
/// alone is valid TMX but no translation for OmegaT, Trados or memoQ). The
/// units left out are counted on stderr; `--keep-unpaired` writes them too.
/// Two tags one range covers (`en`, `en-US`) are one language, not a pair;
/// one language given is a monolingual export.
#[test]
fn an_export_of_two_languages_writes_the_units_that_pair_them() {
    let w = Workdir::new();
    w.write(
        "news.csv",
        "en,de,fr\n\
         The bus leaves.,Der Bus fährt.,Le bus part.\n\
         It rains.,,Il pleut.\n\
         It snows.,Es schneit.,\n",
    );
    w.write("us.csv", "en,en-US\nColour.,Color.\n");
    w.run(&["import", "news.csv", "us.csv", "--map-lang", "en-US=en-US"])
        .expect(0);

    let r = w
        .run(&["export", "--format", "tmx", "--langs", "de,fr"])
        .expect(0);
    let tus = tus_with_srclang(&r.stdout);
    assert_eq!(tus.len(), 1, "{}", r.stdout);
    assert_eq!(tus[0].0, ["de", "fr"], "{}", r.stdout);
    assert!(
        r.stderr
            .contains("2 units left out: each holds text in only one of de, fr"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--keep-unpaired"), "{}", r.stderr);

    // The same selection in every format.
    let r = w
        .run(&["export", "--format", "tsv", "--langs", "de,fr"])
        .expect(0);
    assert_eq!(
        r.stdout.lines().collect::<Vec<_>>(),
        ["id\tdocument\tde\tfr", "1\t\tDer Bus fährt.\tLe bus part."],
        "{}",
        r.stdout
    );
    let r = w
        .run(&["export", "--format", "jsonl", "--langs", "fr,de"])
        .expect(0);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);

    // Kept on request: every unit with one of them, as before.
    let r = w
        .run(&[
            "export",
            "--format",
            "tmx",
            "--langs",
            "de,fr",
            "--keep-unpaired",
        ])
        .expect(0);
    assert_eq!(tus_with_srclang(&r.stdout).len(), 3, "{}", r.stdout);
    assert!(!r.stderr.contains("left out"), "{}", r.stderr);

    // en and en-US are one range: their unit pairs nothing with de.
    let r = w
        .run(&["export", "--format", "tsv", "--langs", "en,de"])
        .expect(0);
    assert_eq!(r.stdout.lines().count(), 3, "{}", r.stdout);
    assert!(!r.stdout.contains("Colour."), "{}", r.stdout);
    assert!(r.stderr.contains("2 units left out"), "{}", r.stderr);
    // Three languages: a unit with any two of them.
    let r = w
        .run(&["export", "--format", "tsv", "--langs", "en,de,fr"])
        .expect(0);
    assert_eq!(r.stdout.lines().count(), 4, "{}", r.stdout);
    // One language: every unit that has it.
    let r = w
        .run(&["export", "--format", "tsv", "--langs", "en"])
        .expect(0);
    assert_eq!(r.stdout.lines().count(), 5, "{}", r.stdout);
    assert!(!r.stderr.contains("left out"), "{}", r.stderr);

    // A second language the TM lacks leaves nothing to pair.
    let r = w.run(&["export", "--langs", "de,it"]).expect(2);
    assert!(
        r.stderr.contains("the TM has no text in it") && r.stderr.contains("--keep-unpaired"),
        "{}",
        r.stderr
    );
    let r = w
        .run(&["export", "--langs", "de,it", "--keep-unpaired"])
        .expect(0);
    assert_eq!(r.stdout.lines().count(), 2, "{}", r.stdout);
}

/// A table's first language column is its source, for qa as for export:
/// `en\tde` exported puts en first again (it came out `de\ten`, by the
/// alphabet, and the file imported back checked de → en).
#[test]
fn a_tables_source_column_comes_first_in_its_export() {
    let w = Workdir::new();
    w.write(
        "p.tsv",
        "en\tde\nThe bus leaves at 5.\tDer Bus fährt um 6.\n",
    );
    w.run(&["import", "p.tsv"]).expect(0);
    let pairs = |w: &Workdir| -> Vec<(String, String)> {
        let r = w.run(&["qa", "--format", "json"]).expect(1);
        let j: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        (j["findings"].as_array().unwrap().iter())
            .map(|f| {
                (
                    f["src_lang"].as_str().unwrap().to_string(),
                    f["lang"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert!(
        pairs(&w).iter().all(|p| p == &("en".into(), "de".into())),
        "{:?}",
        pairs(&w)
    );
    let r = w.run(&["export", "--format", "tsv"]).expect(0);
    assert!(
        r.stdout.starts_with("id\tdocument\ten\tde\n"),
        "{}",
        r.stdout
    );
    w.write("back.tsv", &r.stdout);
    w.run(&["--db", "b.sqlite", "import", "back.tsv"]).expect(0);
    let r = w
        .run(&["--db", "b.sqlite", "qa", "--format", "json"])
        .expect(1);
    assert!(r.stdout.contains("\"src_lang\": \"en\""), "{}", r.stdout);
}

/// `-o /dev/stdout` (or `/dev/fd/1`) into a pipe writes to the pipe: the
/// path names an open descriptor, which is written to as it is.
#[test]
fn export_to_dev_stdout_writes_to_the_pipe() {
    let w = Workdir::new();
    w.write("a.tsv", "en\tsq\nHello\tPërshëndetje\nGood day\tMirëdita\n");
    w.run(&["import", "a.tsv"]).expect(0);
    let expected = w.run(&["export", "--format", "tsv"]).expect(0).stdout;
    assert_eq!(expected.lines().count(), 3, "{expected}");
    for path in ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"] {
        let run = w.run(&["export", "--format", "tsv", "-o", path]).expect(0);
        assert_eq!(run.stdout, expected, "{path}");
    }
    // Nothing left beside the TM or in the folder.
    let names: Vec<_> = std::fs::read_dir(w.path("."))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp-")), "{names:?}");
}

/// `> file` then `-o /dev/stdout`: the shell's file is written through its
/// descriptor, appended to as `>>` asks, never replaced by a rename.
#[test]
fn export_to_dev_stdout_redirected_to_a_file_appends() {
    let w = Workdir::new();
    w.write("a.tsv", "en\tsq\nHello\tPërshëndetje\n");
    w.run(&["import", "a.tsv"]).expect(0);
    let expected = w.run(&["export", "--format", "tsv"]).expect(0).stdout;
    let out = w.write("out.tsv", "first line\n");
    let file = std::fs::OpenOptions::new().append(true).open(&out).unwrap();
    let status = w
        .command()
        .args(["export", "--format", "tsv", "-o", "/dev/stdout"])
        .stdout(file)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        format!("first line\n{expected}")
    );
}

//! Bad input: a clear message, exit code 2, and the TM unchanged.

use crate::workdir::{Run, Workdir};

fn workspace_with_tm() -> Workdir {
    let w = Workdir::new();
    w.write("en.txt", "The first sentence. The second one.\n");
    w.write("sq.txt", "Fjalia e parë. E dyta.\n");
    w.run(&["align", "en.txt", "sq.txt"]).expect(0);
    w
}

/// Run `args`, expect exit 2 with `needle` in the message and an unchanged TM.
#[track_caller]
fn refused(w: &Workdir, args: &[&str], needle: &str) -> Run {
    let before = w.read("memory/tm.sqlite");
    let r = w.run(args).expect(2);
    assert!(
        r.stderr.contains(needle),
        "expected {needle:?} in:\n{}",
        r.stderr
    );
    assert_eq!(w.read("memory/tm.sqlite"), before, "the TM file changed");
    r
}

#[test]
fn missing_file() {
    let w = workspace_with_tm();
    refused(
        &w,
        &["align", "en.txt", "nope.sq.txt"],
        "cannot read nope.sq.txt",
    );
}

#[test]
fn directory() {
    let w = workspace_with_tm();
    std::fs::create_dir(w.path("de.txt")).unwrap();
    refused(&w, &["align", "en.txt", "de.txt"], "de.txt is a directory");
}

#[test]
fn empty_file() {
    let w = workspace_with_tm();
    w.write("fr.txt", "  \n\n");
    refused(&w, &["align", "en.txt", "fr.txt"], "fr.txt is empty");
}

#[test]
fn bytes_that_are_not_utf8() {
    let w = workspace_with_tm();
    w.write("de.txt", b"Erster Satz.\nZweiter Sa\xe4tz.\n");
    refused(
        &w,
        &["align", "en.txt", "de.txt"],
        "de.txt is not valid UTF-8 text: invalid UTF-8 byte 0xE4 at byte offset 23 (line 2)",
    );
}

#[test]
fn bom_and_crlf_are_accepted() {
    let w = Workdir::new();
    w.write(
        "en.txt",
        "\u{feff}The first sentence.\r\nThe second one.\r\n",
    );
    w.write("sq.txt", "\u{feff}Fjalia e parë.\r\nE dyta.\r\n");
    w.run(&["align", "en.txt", "sq.txt"]).expect(0);
    let units = w.export();
    assert_eq!(units.len(), 2);
    assert_eq!(units[0]["variants"]["en"], "The first sentence.");
    assert_eq!(units[1]["variants"]["sq"], "E dyta.");
}

#[test]
fn language_that_cannot_be_inferred() {
    let w = workspace_with_tm();
    w.write("translation.txt", "Something.\n");
    refused(
        &w,
        &["align", "en.txt", "translation.txt"],
        "cannot infer the language of translation.txt",
    );
    refused(
        &w,
        &[
            "align",
            "en.txt",
            "translation.txt",
            "--tgt-lang",
            "not a tag",
        ],
        "is not a language tag",
    );
}

/// A file (or standard input) whose language tm cannot tell: the message
/// names the flag that gives it, the one of that file's place.
#[test]
fn a_language_that_cannot_be_inferred_names_the_flag_that_gives_it() {
    let w = workspace_with_tm();
    w.write("lajmi.txt", "Lajmi.\n");
    w.write("news.txt", "The news.\n");
    w.copy_from_repo(
        "glossaries/proper-nouns.toml",
        "glossaries/proper-nouns.toml",
    );
    let cases: [(&[&str], &str); 9] = [
        (&["align", "en.txt", "lajmi.txt"], "pass --tgt-lang"),
        (&["align", "news.txt", "sq.txt"], "pass --src-lang"),
        (&["segment", "-"], "pass --lang"),
        (&["segment", "lajmi.txt"], "pass --lang"),
        (&["diff", "en.txt", "-"], "pass --lang"),
        (&["diff", "news.txt", "sq.txt"], "pass --src-lang"),
        (&["qa", "en.txt", "lajmi.txt"], "pass --lang"),
        (&["qa", "news.txt", "sq.txt"], "pass --src-lang"),
        (
            &["glossary", "anchors", "en.txt", "lajmi.txt"],
            "pass --tgt-lang",
        ),
    ];
    for (args, flag) in cases {
        let r = w.run_with_stdin(args, "Lajmi.\n").expect(2);
        assert!(
            r.stderr.contains("cannot infer the language of") && r.stderr.contains(flag),
            "{args:?}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("language option"), "{}", r.stderr);
    }
}

#[test]
fn db_that_is_not_a_tm() {
    let w = workspace_with_tm();
    w.write(
        "junk.sqlite",
        "this is not a database at all, just text that is long enough to look like a header....",
    );
    let before = w.read("junk.sqlite");
    let r = w
        .run(&["--db", "junk.sqlite", "align", "en.txt", "sq.txt"])
        .expect(2);
    assert!(
        r.stderr
            .contains("junk.sqlite is not a usable tm translation memory"),
        "{}",
        r.stderr
    );
    assert_eq!(w.read("junk.sqlite"), before);

    // An SQLite database of another program.
    let other = w.path("other.sqlite");
    let c = rusqlite::Connection::open(&other).unwrap();
    c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(c);
    let before = w.read("other.sqlite");
    let r = w
        .run(&["--db", "other.sqlite", "align", "en.txt", "sq.txt"])
        .expect(2);
    assert!(r.stderr.contains("not one that tm made"), "{}", r.stderr);
    assert_eq!(w.read("other.sqlite"), before);
}

#[test]
fn db_from_a_newer_tm() {
    let w = workspace_with_tm();
    let c = rusqlite::Connection::open(w.path("memory/tm.sqlite")).unwrap();
    c.pragma_update(None, "user_version", 999).unwrap();
    drop(c);
    refused(&w, &["stats"], "newer than this tm knows");
}

#[test]
fn same_language_twice() {
    let w = workspace_with_tm();
    w.write("other.en.txt", "Another.\n");
    refused(
        &w,
        &["align", "en.txt", "other.en.txt"],
        "same language as the source",
    );
}

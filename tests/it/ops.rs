//! Operating conditions: a read-only TM, a damaged or empty file, another
//! process writing, an interrupted run, stray byte-order marks.

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::workdir::{Run, Workdir};

fn workspace_with_tm() -> Workdir {
    let w = Workdir::new();
    w.write("en.txt", "The first sentence. The second one.\n");
    w.write("sq.txt", "Fjalia e parë. E dyta.\n");
    w.run(&["align", "en.txt", "sq.txt"]).expect(0);
    w
}

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().expect("id -u");
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

fn chmod(path: &std::path::Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Run `tm` in `dir` of `w` as a user who may not write there: as root
/// (who may write anywhere), as `nobody`.
fn run_unprivileged(w: &Workdir, dir: &str, args: &[&str]) -> Run {
    let bin = env!("CARGO_BIN_EXE_tm");
    let mut cmd = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
        c
    } else {
        Command::new(bin)
    };
    let out = cmd
        .args(args)
        .current_dir(w.path(dir))
        .env_remove("TM_DB")
        .env("NO_COLOR", "1")
        .output()
        .expect("run tm");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A valid TM in a folder its user may not write (a read-only CI
/// checkout): every read command works, a write says why it cannot.
#[test]
fn read_only_tm_is_read_and_writes_are_refused() {
    let w = workspace_with_tm();
    w.write("units.tsv", "en\tsq\nThe third.\tE treta.\n");
    for file_mode in [0o666, 0o444] {
        std::fs::create_dir_all(w.path("ro")).unwrap();
        std::fs::copy(w.path("memory/tm.sqlite"), w.path("ro/tm.sqlite")).unwrap();
        std::fs::copy(w.path("units.tsv"), w.path("ro/units.tsv")).unwrap();
        chmod(&w.path("ro/tm.sqlite"), file_mode);
        chmod(&w.path("ro"), 0o555);
        chmod(&w.path(""), 0o755);
        let before = w.read("ro/tm.sqlite");
        for args in [
            &["--db", "tm.sqlite", "stats"][..],
            &["--db", "tm.sqlite", "export", "--format", "tsv"],
            &["--db", "tm.sqlite", "search", "sentence"],
            &[
                "--db",
                "tm.sqlite",
                "lookup",
                "The first sentence.",
                "--from",
                "en",
                "--to",
                "sq",
            ],
            &["--db", "tm.sqlite", "review"],
            &["--db", "tm.sqlite", "qa"],
        ] {
            let r = run_unprivileged(&w, "ro", args);
            assert!(
                r.code == 0 || r.code == 1,
                "{args:?} (file mode {file_mode:o}): exit {}\n{}",
                r.code,
                r.stderr
            );
        }
        let r = run_unprivileged(&w, "ro", &["--db", "tm.sqlite", "stats"]);
        assert!(r.stdout.contains("units"), "{}", r.stdout);
        let r = run_unprivileged(&w, "ro", &["--db", "tm.sqlite", "import", "units.tsv"]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr
                .contains("cannot write tm.sqlite: read-only (permission denied)"),
            "{}",
            r.stderr
        );
        assert_eq!(w.read("ro/tm.sqlite"), before, "the TM file changed");
        chmod(&w.path("ro"), 0o755);
        std::fs::remove_dir_all(w.path("ro")).unwrap();
    }
}

/// A TM of schema 9 (before merge records, migration 10): read-only it is
/// read as it is; writable, it is upgraded when opened.
#[test]
fn a_schema_9_tm_is_read_read_only_and_upgraded_when_writable() {
    let w = workspace_with_tm();
    {
        let c = rusqlite::Connection::open(w.path("memory/tm.sqlite")).unwrap();
        c.execute_batch("DROP TABLE merged_units; PRAGMA user_version = 9;")
            .unwrap();
    }
    std::fs::create_dir_all(w.path("ro")).unwrap();
    std::fs::copy(w.path("memory/tm.sqlite"), w.path("ro/tm.sqlite")).unwrap();
    chmod(&w.path("ro"), 0o555);
    let before = w.read("ro/tm.sqlite");
    for args in [
        &["--db", "tm.sqlite", "history", "1"][..],
        &["--db", "tm.sqlite", "export", "--format", "tsv"],
        &["--db", "tm.sqlite", "stats"],
    ] {
        let r = run_unprivileged(&w, "ro", args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    }
    let r = run_unprivileged(&w, "ro", &["--db", "tm.sqlite", "history", "9"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("no unit 9"), "{}", r.stderr);
    assert_eq!(w.read("ro/tm.sqlite"), before, "the TM file changed");
    chmod(&w.path("ro"), 0o755);

    w.run(&["history", "1"]).expect(0);
    let c = rusqlite::Connection::open(w.path("memory/tm.sqlite")).unwrap();
    let version: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert!(version >= 10, "{version}");
    let merges: i64 = c
        .query_row("SELECT count(*) FROM merged_units", [], |r| r.get(0))
        .unwrap();
    assert_eq!(merges, 0);
}

/// A TM written before `lang::canonical` mapped legacy and ISO 639-3 tags
/// holds them as its files wrote them (`sr-SP-Latn`, `sr-Latn-CS`, `dan`).
/// The upgrade (schema migration 12) rewrites them: lookup finds its units
/// under today's tags, its CSV export imports again, its TMX export is all
/// duplicates, and a unit that held both `sr-SP-Latn` and `sr-Latn` keeps
/// the other text as a revision.
#[test]
fn tags_stored_by_an_older_tm_are_made_canonical_on_upgrade() {
    let w = Workdir::new();
    let tu = |src: &str, lang: &str, tgt: &str| {
        format!(
            "<tu><tuv xml:lang=\"en\"><seg>{src}</seg></tuv><tuv xml:lang=\"{lang}\"><seg>{tgt}</seg></tuv></tu>\n"
        )
    };
    w.write(
        "m.tmx",
        format!(
            "<tmx version=\"1.4\"><header srclang=\"en\" datatype=\"plaintext\" segtype=\"sentence\" \
             adminlang=\"en\" o-tmf=\"x\" creationtool=\"x\" creationtoolversion=\"1\"/><body>\n{}{}{}{}</body></tmx>\n",
            tu("Click Save now.", "sr-Latn", "Kliknite Sačuvaj sada."),
            tu("Close the window.", "sr-Latn", "Zatvorite prozor."),
            tu("Open it here.", "sr-Latn", "Otvorite ga ovde."),
            tu("Good morning.", "da", "God morgen."),
        ),
    );
    w.run(&["import", "m.tmx"]).expect(0);
    // As tm stored them before the mappings (schema 11), index included:
    // `lookup_deferred` keeps the triggers from touching the index.
    {
        let c = rusqlite::Connection::open(w.path("memory/tm.sqlite")).unwrap();
        c.execute_batch(
            "INSERT INTO lookup_deferred (after) VALUES (-1);
             UPDATE variants SET lang = 'sr-SP-Latn' WHERE text = 'Kliknite Sačuvaj sada.';
             UPDATE variants SET lang = 'sr-Latn-CS' WHERE text = 'Zatvorite prozor.';
             UPDATE variants SET lang = 'dan' WHERE lang = 'da';
             INSERT INTO variants (unit_id, lang, text, text_nfc, created_at, updated_at)
                 SELECT unit_id, 'sr-SP-Latn', 'Otvori ga tu.', 'Otvori ga tu.', created_at, updated_at
                 FROM variants WHERE text = 'Otvorite ga ovde.';
             UPDATE lookup_terms SET lang = (SELECT lang FROM variants WHERE id = variant_id);
             DELETE FROM lookup_deferred;
             PRAGMA user_version = 11;",
        )
        .unwrap();
    }
    for (query, to, want) in [
        ("Click Save now.", "sr-Latn", "Kliknite Sačuvaj sada."),
        ("Close the window.", "sr-Latn", "Zatvorite prozor."),
        ("Good morning.", "da", "God morgen."),
    ] {
        let r = w
            .run(&["lookup", query, "--from", "en", "--to", to])
            .expect(0);
        assert!(r.stdout.contains(want), "{query}: {}", r.stdout);
    }
    let unit = w
        .export()
        .iter()
        .find(|u| u.to_string().contains("Otvorite ga ovde."))
        .map(|u| u["id"].as_i64().unwrap())
        .unwrap();
    let texts: Vec<_> = w
        .revisions(unit, "sr-Latn")
        .iter()
        .map(|r| r["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts, ["Otvori ga tu.", "Otvorite ga ovde."]);

    w.run(&["export", "--format", "csv", "-o", "all.csv"])
        .expect(0);
    let r = w
        .run(&["--db", "again.sqlite", "import", "all.csv"])
        .expect(0);
    assert!(r.stdout.contains("4 units read: 4 added"), "{}", r.stdout);
    w.run(&["export", "--format", "tmx", "-o", "all.tmx"])
        .expect(0);
    let r = w.run(&["import", "all.tmx"]).expect(0);
    assert!(
        r.stdout
            .contains("4 units read: 0 added, 4 already in the TM"),
        "{}",
        r.stdout
    );
}

/// A TM written before tags lost a script the language is always written
/// in (schema 12) stored `en-Latn` from FLORES-style files: the upgrade
/// makes it `en`, as it made `dan` `da`; a unit holding both keeps the text
/// under `en` and the other as a revision.
#[test]
fn a_script_tag_stored_by_an_older_tm_is_dropped_on_upgrade() {
    let w = Workdir::new();
    w.write(
        "m.tmx",
        "<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n\
         <tu><tuv xml:lang=\"en\"><seg>Close the door.</seg></tuv><tuv xml:lang=\"sq\"><seg>Mbyll derën.</seg></tuv></tu>\n\
         <tu><tuv xml:lang=\"en\"><seg>Open it.</seg></tuv><tuv xml:lang=\"sr-Latn\"><seg>Otvori ga.</seg></tuv></tu>\n\
         </body></tmx>\n",
    );
    w.run(&["import", "m.tmx"]).expect(0);
    // As tm 12 stored `eng_Latn` and `sqi_Latn` files (index included), and
    // a unit that also got a plain `en` text.
    {
        let c = rusqlite::Connection::open(w.path("memory/tm.sqlite")).unwrap();
        c.execute_batch(
            "INSERT INTO lookup_deferred (after) VALUES (-1);
             UPDATE variants SET lang = 'en-Latn' WHERE lang = 'en';
             UPDATE variants SET lang = 'sq-Latn' WHERE lang = 'sq';
             INSERT INTO variants (unit_id, lang, text, text_nfc, created_at, updated_at)
                 SELECT unit_id, 'en', 'Open it now.', 'Open it now.', created_at, updated_at
                 FROM variants WHERE text = 'Open it.';
             UPDATE lookup_terms SET lang = (SELECT lang FROM variants WHERE id = variant_id);
             DELETE FROM lookup_deferred;
             PRAGMA user_version = 12;",
        )
        .unwrap();
    }
    let r = w
        .run(&["lookup", "Close the door.", "--from", "en", "--to", "sq"])
        .expect(0);
    assert!(r.stdout.contains("Mbyll derën."), "{}", r.stdout);
    let units = w.export();
    let langs: Vec<Vec<&String>> = units
        .iter()
        .map(|u| u["variants"].as_object().unwrap().keys().collect())
        .collect();
    assert_eq!(langs, [vec!["en", "sq"], vec!["en", "sr-Latn"]]);
    let unit = units[1]["id"].as_i64().unwrap();
    assert_eq!(units[1]["variants"]["en"], "Open it now.");
    let en = w.revisions(unit, "en");
    assert_eq!(en[0]["text"], "Open it.", "{en:?}");
    assert!(
        en[0]["replaced_by"]
            .as_str()
            .unwrap()
            .contains("tm upgrade (en-Latn is en)"),
        "{en:?}"
    );
    let r = w.run(&["import", "m.tmx"]).expect(0);
    assert!(r.stdout.contains("1 already in the TM"), "{}", r.stdout);
}

/// A damaged TM is called damaged, not "not an SQLite database".
#[test]
fn corrupted_tm_is_called_corrupted() {
    let w = workspace_with_tm();
    let mut bytes = w.read("memory/tm.sqlite");
    // The b-tree page header of page 1 (sqlite_master), after the file header.
    for b in &mut bytes[100..112] {
        *b = 0xFF;
    }
    w.write("memory/tm.sqlite", &bytes);
    let r = w.run(&["stats"]).expect(2);
    assert!(r.stderr.contains("corrupted"), "{}", r.stderr);
    assert!(r.stderr.contains("malformed"), "{}", r.stderr);
    assert!(!r.stderr.contains("not an SQLite database"), "{}", r.stderr);
}

/// A read command never turns a file into a TM: an empty file is named so
/// and stays empty.
#[test]
fn read_command_on_an_empty_file_leaves_it_empty() {
    let w = Workdir::new();
    w.write("empty.sqlite", "");
    for args in [
        &["--db", "empty.sqlite", "stats"][..],
        &["--db", "empty.sqlite", "export"],
    ] {
        let r = w.run(args).expect(2);
        assert!(
            r.stderr
                .contains("empty.sqlite is not a tm translation memory (empty file)"),
            "{}",
            r.stderr
        );
        assert_eq!(w.read("empty.sqlite"), b"", "the file was written");
    }
}

/// While another process writes the TM, a write waits and says so; at
/// the limit it says what it waited for. Reads do not wait.
#[test]
fn waiting_for_another_writer_says_so() {
    let w = workspace_with_tm();
    w.write("units.tsv", "en\tsq\nThe third.\tE treta.\n");
    let before = w.export();
    let holder = rusqlite::Connection::open(w.path("memory/tm.sqlite")).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();

    let started = Instant::now();
    let r = w.run(&["stats"]).expect(0);
    assert!(started.elapsed() < Duration::from_secs(2), "stats waited");
    assert!(r.stdout.contains("units"));

    let started = Instant::now();
    let r = w.run(&["--wait", "2", "import", "units.tsv"]).expect(2);
    let waited = started.elapsed();
    assert!(
        r.stderr
            .contains("another tm process is writing memory/tm.sqlite; waiting for it (up to 2 s"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("another process is writing memory/tm.sqlite; waited 2 s"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("not a usable"), "{}", r.stderr);
    assert!(waited >= Duration::from_secs(2), "{waited:?}");

    // Released in time: the write goes through.
    let child = w
        .command()
        .args(["import", "units.tsv"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    holder.execute_batch("ROLLBACK").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("another tm process is writing"),
        "no notice"
    );
    assert_eq!(w.export().len(), before.len() + 1);
}

/// A TSV large enough that importing it takes a few seconds.
fn write_large_tsv(w: &Workdir, name: &str, units: usize) {
    let mut s = String::from("en\tsq\n");
    for i in 0..units {
        s.push_str(&format!(
            "Sentence number {i} of the large file, with some words.\tFjalia numër {i} e skedarit të madh, me disa fjalë.\n"
        ));
    }
    w.write(name, s);
}

/// Start `tm args`, send it SIGINT once `ready` holds (or after `delay`),
/// and return its exit code and stderr.
fn interrupt(
    w: &Workdir,
    args: &[&str],
    ready: impl Fn() -> bool,
    delay: Duration,
) -> (i32, String) {
    let child = w
        .command()
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !ready() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(delay);
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Ctrl-C during an import into a new workspace leaves no TM (nor its
/// WAL files, nor the memory/ folder); during an import into an existing
/// TM it leaves the TM as it was; during `export -o` no temporary file.
#[test]
fn interrupted_runs_leave_nothing_behind() {
    let w = Workdir::new();
    write_large_tsv(&w, "large.tsv", 150_000);
    let wal = w.path("memory/tm.sqlite-wal");
    let (code, stderr) = interrupt(
        &w,
        &["import", "large.tsv"],
        || wal.exists(),
        Duration::from_millis(300),
    );
    assert_eq!(code, 130, "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert!(!w.path("memory").exists(), "memory/ left behind");

    // An existing TM.
    w.write("en.txt", "The first sentence. The second one.\n");
    w.write("sq.txt", "Fjalia e parë. E dyta.\n");
    w.run(&["align", "en.txt", "sq.txt"]).expect(0);
    let before = w.export();
    let (code, stderr) = interrupt(
        &w,
        &["import", "large.tsv"],
        || wal.metadata().is_ok_and(|m| m.len() > 1 << 20),
        Duration::ZERO,
    );
    assert_eq!(code, 130, "{stderr}");
    assert_eq!(w.export(), before, "the interrupted import changed the TM");
    assert!(w.path("memory/tm.sqlite").exists());

    // An export to a file.
    w.run(&["import", "large.tsv"]).expect(0);
    let tmp_exists = || {
        std::fs::read_dir(w.path("")).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .contains("out.tmx.tmp")
        })
    };
    let (code, stderr) = interrupt(
        &w,
        &["export", "--format", "tmx", "-o", "out.tmx"],
        tmp_exists,
        Duration::from_millis(50),
    );
    assert_eq!(code, 130, "{stderr}");
    assert!(!tmp_exists(), "the temporary export file was left behind");
    assert!(!w.path("out.tmx").exists());
}

/// A U+FEFF starting a line, cell or segment (the BOM of a file pasted in)
/// is not stored: an exact lookup of that text is a 100% match.
#[test]
fn stray_byte_order_marks_are_dropped() {
    let w = Workdir::new();
    w.write(
        "en.txt",
        "First paragraph here.\n\n\u{FEFF}Second paragraph here.\n",
    );
    w.write("sq.txt", "Paragrafi i parë.\n\n\u{FEFF}Paragrafi i dytë.\n");
    w.run(&["align", "en.txt", "sq.txt"]).expect(0);
    w.write(
        "units.csv",
        "en,sq\nThird here.,\u{FEFF}E treta.\n\u{FEFF}Fourth here.,E katërta.\n",
    );
    w.run(&["import", "units.csv"]).expect(0);
    w.write("units.tsv", "en\tsq\n\u{FEFF}Fifth here.\tE pesta.\n");
    w.run(&["import", "units.tsv"]).expect(0);
    w.write(
        "units.tmx",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header srclang=\"en\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" creationtool=\"t\" creationtoolversion=\"1\" o-tmf=\"t\"/><body>\
         <tu><tuv xml:lang=\"en\"><seg>\u{FEFF}Sixth here.</seg></tuv><tuv xml:lang=\"sq\"><seg>E gjashta.</seg></tuv></tu></body></tmx>\n",
    );
    w.run(&["import", "units.tmx"]).expect(0);
    let units = w.export();
    assert_eq!(units.len(), 6);
    for u in &units {
        assert!(!u.to_string().contains('\u{FEFF}'), "{u}");
    }
    let r = w
        .run(&[
            "lookup",
            "Second paragraph here.",
            "--from",
            "en",
            "--to",
            "sq",
        ])
        .expect(0);
    assert!(r.stdout.contains("100%"), "{}", r.stdout);
}

/// A byte that is not UTF-8 is pointed at where it is, not at the end of
/// its cell.
#[test]
fn csv_encoding_error_points_at_the_byte() {
    let w = Workdir::new();
    w.write("l1.csv", b"en,sq\nHello,P\xebrsh\xebndetje\n");
    let r = w.run(&["import", "l1.csv"]).expect(2);
    assert!(r.stderr.contains("l1.csv:2:8: "), "{}", r.stderr);
    assert!(r.stderr.contains("\n  |        ^"), "{}", r.stderr);
}

#[test]
fn row_of_one_cell_is_named_in_the_singular() {
    let w = Workdir::new();
    w.write("short.tsv", "en\tsq\nHello\n");
    let r = w.run(&["import", "short.tsv"]).expect(2);
    assert!(
        r.stderr.contains("the row has 1 cell, the header row 2"),
        "{}",
        r.stderr
    );
}

/// `tm review --help` offers only the formats `tm review` writes.
#[test]
fn review_offers_only_its_formats() {
    let w = Workdir::new();
    let help = w.run(&["review", "--help"]).expect(0).stdout;
    assert!(help.contains("jsonl"), "{help}");
    assert!(!help.contains("beads]"), "{help}");
    assert!(!help.contains("beads:"), "{help}");
    let r = w.run(&["review", "--format", "beads"]).expect(2);
    assert!(r.stderr.contains("invalid value 'beads'"), "{}", r.stderr);
}

/// `tm export -o` replaces a regular file whole, but writes through a
/// symlink (the link stays) and into a FIFO (a reader gets the export; a
/// rename would have replaced it with a plain file).
#[test]
fn export_writes_through_symlinks_and_into_fifos() {
    let w = workspace_with_tm();
    std::fs::create_dir(w.path("shared")).unwrap();
    w.write("shared/tm.tsv", "old\n");
    std::os::unix::fs::symlink("shared/tm.tsv", w.path("link.tsv")).unwrap();
    w.run(&["export", "--format", "tsv", "-o", "link.tsv"])
        .expect(0);
    let meta = std::fs::symlink_metadata(w.path("link.tsv")).unwrap();
    assert!(meta.file_type().is_symlink(), "the link must stay a link");
    let shared = String::from_utf8(w.read("shared/tm.tsv")).unwrap();
    assert!(shared.contains("Fjalia e parë."), "{shared}");

    let fifo = w.path("pipe.tsv");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let reader = std::thread::spawn({
        let fifo = fifo.clone();
        move || std::fs::read_to_string(fifo).unwrap()
    });
    w.run(&["export", "--format", "tsv", "-o", "pipe.tsv"])
        .expect(0);
    // Checked before joining the reader, which a replaced FIFO would leave
    // blocked for good.
    let meta = std::fs::symlink_metadata(&fifo).unwrap();
    assert!(!meta.is_file(), "the FIFO must stay a FIFO");
    let got = reader.join().unwrap();
    assert!(got.contains("Fjalia e parë."), "{got}");
    // Nothing temporary left beside them.
    let left: Vec<_> = std::fs::read_dir(w.path("."))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A TM of schema 12, before the beads recorded which of their sentences
/// nothing on the other side translates (migration 15): read-only, `tm
/// review` reads it as it is and says that its beads are judged by
/// confidence and empty sides only; writable, it is upgraded, the old
/// beads stay unrecorded, and a document aligned after the upgrade is
/// reviewed in full.
#[test]
fn a_schema_12_tm_is_reviewed_and_upgraded_without_the_unsupported_sentences() {
    let w = Workdir::new();
    crate::review::ntrex_with_a_short_addition(&w);
    let align = |doc: &str| {
        w.run(&[
            "align",
            "en.txt",
            "sr-Latn.txt",
            "--doc",
            doc,
            "--no-glossary",
            "--no-tm-lexicon",
        ])
        .expect(0);
    };
    align("old");
    {
        let c = rusqlite::Connection::open(w.path("memory/tm.sqlite")).unwrap();
        c.execute_batch(
            "ALTER TABLE alignments DROP COLUMN unsupported; PRAGMA user_version = 12;",
        )
        .unwrap();
    }
    let note = "stored before tm recorded which sentences nothing on the other side translates";
    std::fs::create_dir_all(w.path("ro")).unwrap();
    std::fs::copy(w.path("memory/tm.sqlite"), w.path("ro/tm.sqlite")).unwrap();
    chmod(&w.path("ro"), 0o555);
    let before = w.read("ro/tm.sqlite");
    // The added sentence is glued into a bead the aligner is sure of:
    // nothing to show without the record.
    let r = run_unprivileged(&w, "ro", &["--db", "tm.sqlite", "review", "old"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains(note), "{}", r.stderr);
    assert_eq!(w.read("ro/tm.sqlite"), before, "the TM file changed");
    chmod(&w.path("ro"), 0o755);

    let r = w.run(&["review", "old"]).expect(0);
    assert!(r.stderr.contains(note), "{}", r.stderr);
    let c = rusqlite::Connection::open(w.path("memory/tm.sqlite")).unwrap();
    let version: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert!(version >= 15, "{version}");
    let (beads, unrecorded): (i64, i64) = c
        .query_row(
            "SELECT count(*), count(*) FILTER (WHERE unsupported IS NULL) FROM alignments",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(unrecorded, beads);

    align("new");
    let r = w.run(&["review", "new"]).expect(1);
    assert!(r.stdout.contains(crate::review::ADDED), "{}", r.stdout);
    assert_eq!(r.stderr, "");
    // The whole workspace: one note, counting the old alignment.
    let r = w.run(&["review"]).expect(1);
    assert!(
        r.stderr
            .contains(&format!("the beads of 1 alignment were {note}")),
        "{}",
        r.stderr
    );
}

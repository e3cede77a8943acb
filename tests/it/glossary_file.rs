//! `tm glossary` edits and imports on the file: speed of big imports, where
//! refusals point, what an edit keeps (comments, symlinks, file modes).

use std::time::{Duration, Instant};

use crate::workdir::Workdir;

/// A CSV of `n` made-up concepts in en, sq and de.
fn big_csv(n: usize) -> String {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut word = |len: usize| {
        (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (b'a' + (seed % 26) as u8) as char
            })
            .collect::<String>()
    };
    let mut s = String::from("id,type,note,en,sq,de\n");
    for i in 0..n {
        s.push_str(&format!(
            "term-{i},other,,{} {},{},{}\n",
            word(6),
            word(9),
            word(9),
            word(9)
        ));
    }
    s
}

/// Importing 2,000 concepts took minutes (every concept re-parsed the whole
/// file); it is one edit now.
#[test]
fn a_big_import_is_one_edit() {
    let w = Workdir::new();
    w.write("big.csv", big_csv(2000));
    let t = Instant::now();
    let r = w
        .run(&["glossary", "--glossary", "g.toml", "import", "big.csv"])
        .expect(0);
    let took = t.elapsed();
    assert!(r.stdout.contains("2000 added"), "{}", r.stdout);
    assert!(took < Duration::from_secs(30), "took {took:?}");
    // the same file again: nothing changes
    let before = w.read("g.toml");
    let r = w
        .run(&["glossary", "--glossary", "g.toml", "import", "big.csv"])
        .expect(0);
    assert!(r.stdout.contains("2000 unchanged"), "{}", r.stdout);
    assert_eq!(w.read("g.toml"), before);
    w.run(&["glossary", "--glossary", "g.toml", "lint"])
        .expect(0);
}

/// A refused import names the imported file and the line of the concept.
#[test]
fn a_refused_import_names_the_line_of_the_imported_file() {
    let w = Workdir::new();
    w.write(
        "a.csv",
        "id,type,note,en\nb1,place,,Brussels\nb2,place,A  city,Bruges\n",
    );
    let r = w
        .run(&["glossary", "--glossary", "g.toml", "import", "a.csv"])
        .expect(2);
    assert!(
        r.stderr
            .contains("a.csv:3: lint would report whitespace in concept `b2`"),
        "{}",
        r.stderr
    );
    assert!(!w.path("g.toml").exists());
    w.write("b.csv", "id,type,note,en\nb1,place,,Brussels\n");
    w.run(&["glossary", "--glossary", "g.toml", "import", "b.csv"])
        .expect(0);
    w.write(
        "c.tbx",
        r#"<?xml version="1.0"?>
<martif type="TBX-Basic">
  <text><body>
    <termEntry id="b3">
      <langSet xml:lang="en"><tig><term>Brussels</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"#,
    );
    let before = w.read("g.toml");
    let r = w
        .run(&["glossary", "--glossary", "g.toml", "import", "c.tbx"])
        .expect(2);
    assert!(
        r.stderr
            .contains("c.tbx:4: the term `Brussels` (en) already belongs to concept `b1`"),
        "{}",
        r.stderr
    );
    assert_eq!(w.read("g.toml"), before);
}

const MOSCOW: &[&str] = &[
    "glossary",
    "add",
    "--glossary",
    "link.toml",
    "--id",
    "moscow",
    "--type",
    "place",
    "--term",
    "en=Moscow",
];

/// An edit through a symlink edits the file it points to, and keeps the
/// file's mode.
#[cfg(unix)]
#[test]
fn an_edit_through_a_symlink_edits_its_target_and_keeps_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let w = Workdir::new();
    std::fs::create_dir(w.path("shared")).unwrap();
    w.write(
        "shared/g.toml",
        "[[concept]]\nid = \"kosovo\"\ntype = \"place\"\nen = [\"Kosovo\"]\n",
    );
    let mode = |p: &str| std::fs::metadata(w.path(p)).unwrap().permissions().mode() & 0o777;
    std::fs::set_permissions(w.path("shared/g.toml"), PermissionsExt::from_mode(0o664)).unwrap();
    std::os::unix::fs::symlink("shared/g.toml", w.path("link.toml")).unwrap();
    w.run(MOSCOW).expect(0);
    let link = std::fs::symlink_metadata(w.path("link.toml")).unwrap();
    assert!(link.file_type().is_symlink(), "the symlink was replaced");
    let text = String::from_utf8(w.read("shared/g.toml")).unwrap();
    assert!(text.contains("id = \"moscow\""), "{text}");
    assert_eq!(mode("shared/g.toml"), 0o664);
    // export to a symlinked file likewise
    std::os::unix::fs::symlink("shared/out.csv", w.path("out.csv")).unwrap();
    w.write("shared/out.csv", "");
    w.run(&[
        "glossary",
        "--glossary",
        "link.toml",
        "export",
        "--format",
        "csv",
        "--output",
        "out.csv",
    ])
    .expect(0);
    assert!(
        std::fs::symlink_metadata(w.path("out.csv"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        String::from_utf8(w.read("shared/out.csv"))
            .unwrap()
            .contains("moscow")
    );
}

/// With an id given twice, remove and rename refuse, naming both lines.
#[test]
fn remove_and_rename_refuse_an_id_given_twice() {
    let w = Workdir::new();
    let text = "[[concept]]\nid = \"belgrade\"\ntype = \"place\"\nen = [\"Belgrade\"]\n\n[[concept]]\nid = \"belgrade\"\ntype = \"place\"\nen = [\"Beograd\"]\n";
    w.write("g.toml", text);
    for args in [
        &["glossary", "--glossary", "g.toml", "remove", "belgrade"][..],
        &[
            "glossary",
            "--glossary",
            "g.toml",
            "rename",
            "belgrade",
            "beograd",
        ],
    ] {
        let r = w.run(args).expect(2);
        assert!(
            r.stderr
                .contains("the id `belgrade` is given twice in g.toml, at lines 2 and 7"),
            "{}",
            r.stderr
        );
        assert_eq!(w.read("g.toml"), text.as_bytes());
    }
}

/// `import --replace` rewrites only the languages that changed: a comment
/// inside the concept stays.
#[test]
fn a_replace_keeps_the_comments_of_what_did_not_change() {
    let w = Workdir::new();
    let text = "# Kosovo's prime minister.\n[[concept]]\nid = \"albin-kurti\"\ntype = \"person\"\nen = [\"Albin Kurti\"]\n# reviewer: keep the Albanian spelling admitted\nsr-Latn = [\"Aljbin Kurti\", { term = \"Albin Kurti\", status = \"admitted\" }] # checked\nde = [\"Albin Kurti\"]\n";
    w.write("g.toml", text);
    w.write(
        "k.csv",
        "id,type,note,en,sr-Latn,de\nalbin-kurti,person,,Albin Kurti,Aljbin Kurti | Albin Kurti [admitted],Albin Kurti | Kurti [admitted]\n",
    );
    let r = w
        .run(&[
            "glossary",
            "--glossary",
            "g.toml",
            "import",
            "k.csv",
            "--replace",
        ])
        .expect(0);
    assert!(r.stdout.contains("1 replaced"), "{}", r.stdout);
    assert_eq!(
        String::from_utf8(w.read("g.toml")).unwrap(),
        text.replace(
            "de = [\"Albin Kurti\"]",
            "de = [\"Albin Kurti\", { term = \"Kurti\", status = \"admitted\" }]"
        )
    );
}

/// A glossary holds only well-formed tags in their shortest form: `add`,
/// CSV and TBX import and the file itself refuse `sqi`, `al`, `sr-ltn` and
/// say what to write; the glossary is left as it was.
#[test]
fn language_codes_must_be_well_formed_and_shortest() {
    let w = Workdir::new();
    w.run(&[
        "glossary",
        "add",
        "--glossary",
        "g.toml",
        "--id",
        "tirana",
        "--term",
        "en=Tirana",
    ])
    .expect(0);
    let before = w.read("g.toml");
    for (tag, says) in [
        ("sqi", "write the language `sqi` as `sq`"),
        (
            "al",
            "`al` is a country code, not a language; write the language as `sq`",
        ),
        ("sr-ltn", "`ltn` is no script or region"),
        ("xx-YY-zz", "`xx` is not an ISO 639-1 language code"),
    ] {
        let term = format!("{tag}=Test");
        let r = w
            .run(&[
                "glossary",
                "add",
                "--glossary",
                "g.toml",
                "--id",
                "t",
                "--term",
                &term,
            ])
            .expect(2);
        assert!(r.stderr.contains(says), "{tag}: {}", r.stderr);
        assert_eq!(w.read("g.toml"), before);
    }
    w.write(
        "a.csv",
        "id,type,note,en,sqi\ndurres,place,,Durres,Durrës\n",
    );
    let r = w
        .run(&["glossary", "import", "--glossary", "g.toml", "a.csv"])
        .expect(2);
    assert!(r.stderr.contains("a.csv:1:"), "{}", r.stderr);
    assert!(r.stderr.contains("as `sq`"), "{}", r.stderr);
    w.write(
        "a.tbx",
        "<martif><text><body>\n<termEntry id=\"d\"><langSet xml:lang=\"alb\"><tig><term>Durrës</term></tig></langSet></termEntry>\n</body></text></martif>",
    );
    let r = w
        .run(&["glossary", "import", "--glossary", "g.toml", "a.tbx"])
        .expect(2);
    assert!(r.stderr.contains("a.tbx:2:"), "{}", r.stderr);
    assert!(r.stderr.contains("as `sq`"), "{}", r.stderr);
    assert_eq!(w.read("g.toml"), before);
    let mut bad = String::from_utf8(before).unwrap();
    bad.push_str("\n[[concept]]\nid = \"durres\"\ntype = \"place\"\nsqi = [\"Durrës\"]\n");
    w.write("bad.toml", bad);
    let r = w
        .run(&["glossary", "lint", "--glossary", "bad.toml"])
        .expect(2);
    assert!(r.stderr.contains("as `sq`"), "{}", r.stderr);
}

/// A glossary made by `add` or `import` opens with its header comment, no
/// blank first line, and the comment stays on top when a concept that sorts
/// first comes in; `list --type` refuses a type `add` would refuse.
#[test]
fn a_new_glossary_keeps_its_header_on_top() {
    let w = Workdir::new();
    let add = |id: &str, term: &str| {
        w.run(&[
            "glossary",
            "add",
            "--glossary",
            "g.toml",
            "--id",
            id,
            "--term",
            term,
        ])
        .expect(0);
    };
    add("nis", "en=Nis");
    add("beograd", "en=Belgrade");
    w.write("a.csv", "id,type,note,en\naa,place,,Aa\n");
    w.run(&["glossary", "import", "--glossary", "g.toml", "a.csv"])
        .expect(0);
    w.run(&["glossary", "import", "--glossary", "new.toml", "a.csv"])
        .expect(0);
    for file in ["g.toml", "new.toml"] {
        let text = String::from_utf8(w.read(file)).unwrap();
        assert!(text.starts_with("# Glossary (see"), "{file}:\n{text}");
        assert_eq!(text.matches("# Glossary").count(), 1, "{text}");
        assert!(
            text.trim_end().ends_with('"') || text.trim_end().ends_with(']'),
            "{text}"
        );
    }
    let text = String::from_utf8(w.read("g.toml")).unwrap();
    let ids: Vec<&str> = text.lines().filter(|l| l.starts_with("id = ")).collect();
    assert_eq!(ids, ["id = \"aa\"", "id = \"beograd\"", "id = \"nis\""]);
    let r = w
        .run(&["glossary", "list", "--glossary", "g.toml", "--type", "city"])
        .expect(2);
    assert!(
        r.stderr
            .contains("unknown type `city` (expected one of person, place"),
        "{}",
        r.stderr
    );
    w.run(&[
        "glossary",
        "list",
        "--glossary",
        "g.toml",
        "--type",
        "place",
    ])
    .expect(0);
}

/// MultiTerm writes regional tags (`EN-US`, `sq-AL`, `sr-Latn-RS`). A term
/// in `sq-AL` is the glossary's `sq` term unless the glossary (or the
/// imported file) tells regions apart: import reads them as the glossary's
/// languages and says so, and lint counts a regional term for its language.
#[test]
fn regional_tags_are_read_as_the_glossarys_languages() {
    let w = Workdir::new();
    w.copy_from_repo(
        "glossaries/proper-nouns.toml",
        "glossaries/proper-nouns.toml",
    );
    let entry = |id: &str, langs: &[(&str, &str)]| {
        let sets: String = langs
            .iter()
            .map(|(l, t)| {
                format!("<langSet xml:lang=\"{l}\"><tig><term>{t}</term></tig></langSet>")
            })
            .collect();
        format!("<termEntry id=\"{id}\">{sets}</termEntry>\n")
    };
    let tbx = |entries: &str| {
        format!(
            "<?xml version=\"1.0\"?>\n<martif type=\"TBX\" xml:lang=\"en-US\"><text><body>\n{entries}</body></text></martif>\n"
        )
    };
    w.write(
        "mt.tbx",
        tbx(&entry(
            "geneva",
            &[
                ("EN-US", "Geneva"),
                ("sq-AL", "Gjenevë"),
                ("sr-Latn-RS", "Ženeva"),
                ("sr-Cyrl-RS", "Женева"),
            ],
        )),
    );
    let r = w.run(&["glossary", "import", "mt.tbx"]).expect(0);
    assert!(
        r.stdout.contains(
            "read en-US as en, sq-AL as sq, sr-Latn-RS as sr-Latn, sr-Cyrl-RS as sr-Cyrl"
        ),
        "{}",
        r.stdout
    );
    assert_eq!(r.stderr, "", "no missing-language warning");
    w.run(&["glossary", "lint"]).expect(0);
    let show = w.run(&["glossary", "show", "geneva"]).expect(0).stdout;
    assert!(show.contains("\n  sr-Latn  Ženeva\n"), "{show}");
    // importing it again changes nothing
    let before = w.read("glossaries/proper-nouns.toml");
    let r = w.run(&["glossary", "import", "mt.tbx"]).expect(0);
    assert!(
        r.stdout.contains("0 added, 0 replaced, 1 unchanged"),
        "{}",
        r.stdout
    );
    assert_eq!(w.read("glossaries/proper-nouns.toml"), before);

    // A file that tells en-US from en-GB keeps both tags.
    w.write(
        "two.tbx",
        tbx(&entry(
            "lift",
            &[
                ("en-US", "Elevator"),
                ("en-GB", "Lift"),
                ("sq-AL", "Ashensor"),
            ],
        )),
    );
    let r = w.run(&["glossary", "import", "two.tbx"]).expect(0);
    assert!(r.stdout.contains("read sq-AL as sq"), "{}", r.stdout);
    let show = w.run(&["glossary", "show", "lift"]).expect(0).stdout;
    // columns stay aligned for a longer tag
    assert!(
        show.contains("\n  en-US    Elevator\n  en-GB    Lift\n  sq       Ashensor\n"),
        "{show}"
    );
    // Now the glossary has en-GB and en-US beside en: it tells regions
    // apart, and en-AU stays.
    w.write(
        "three.tbx",
        tbx(&entry("truck", &[("en-AU", "Truck"), ("sq", "Kamion")])),
    );
    let r = w.run(&["glossary", "import", "three.tbx"]).expect(0);
    assert!(!r.stdout.contains("read"), "{}", r.stdout);
    let show = w.run(&["glossary", "show", "truck"]).expect(0).stdout;
    assert!(show.contains("\n  en-AU    Truck\n"), "{show}");

    // A regional term written by hand counts for its language in lint.
    w.write(
        "g.toml",
        "[glossary]\nrequired-languages = [\"en\", \"sq\"]\n\n[[concept]]\nid = \"tirana\"\ntype = \"place\"\nen = [\"Tirana\"]\nsq-AL = [\"Tiranë\"]\nsr-Latn-ME = [\"Tirana\"]\n",
    );
    w.run(&["glossary", "--glossary", "g.toml", "lint"])
        .expect(0);
    let show = w
        .run(&["glossary", "--glossary", "g.toml", "show", "tirana"])
        .expect(0)
        .stdout;
    assert!(
        show.ends_with("\n  en         Tirana\n  sq-AL      Tiranë\n  sr-Latn-ME Tirana\n"),
        "{show}"
    );
}

/// A glossary kept with CRLF line ends (Windows, git autocrlf off) or a
/// BOM (Notepad) keeps them through every edit: a diff of one added
/// concept is that concept, not every line.
#[test]
fn edits_keep_crlf_line_ends_and_a_bom() {
    let w = Workdir::new();
    let lf =
        std::fs::read_to_string(crate::workdir::repo_file("glossaries/proper-nouns.toml")).unwrap();
    let crlf = lf.replace('\n', "\r\n");
    w.write("lf.toml", &lf);
    w.write("crlf.toml", &crlf);
    w.write("bom.toml", format!("\u{feff}{lf}"));
    w.write("both.toml", format!("\u{feff}{crlf}"));
    w.write(
        "add.csv",
        "id,type,note,en,sq,sr-Latn,sr-Cyrl\nvienna,place,,Vienna,Vjenë,Beč,Беч\n",
    );
    for (g, bom, crlf) in [
        ("lf.toml", false, false),
        ("crlf.toml", false, true),
        ("bom.toml", true, false),
        ("both.toml", true, true),
    ] {
        let edits: [&[&str]; 4] = [
            &[
                "add",
                "--id",
                "brussels",
                "--type",
                "place",
                "--term",
                "en=Brussels",
                "--term",
                "sq=Bruksel",
                "--term",
                "sr-Latn=Brisel",
                "--term",
                "sr-Cyrl=Брисел",
            ],
            &["rename", "brussels", "bruxelles"],
            &["import", "add.csv"],
            &["remove", "bruxelles"],
        ];
        for edit in edits {
            let mut args = vec!["glossary", "--glossary", g];
            args.extend_from_slice(edit);
            w.run(&args).expect(0);
            let text = String::from_utf8(w.read(g)).unwrap();
            assert_eq!(text.starts_with('\u{feff}'), bom, "{g} after {edit:?}");
            let bare_lf = text.matches('\n').count() - text.matches("\r\n").count();
            if crlf {
                assert_eq!(bare_lf, 0, "{g} after {edit:?}: a line end lost its CR");
            } else {
                assert_eq!(text.matches("\r\n").count(), 0, "{g} after {edit:?}");
            }
        }
        w.run(&["glossary", "--glossary", g, "lint"]).expect(0);
    }
    // the same edits, the same text: only the line ends and the BOM differ
    let lf = String::from_utf8(w.read("lf.toml")).unwrap();
    assert!(lf.contains("id = \"vienna\""));
    let both = String::from_utf8(w.read("both.toml")).unwrap();
    assert_eq!(both, format!("\u{feff}{}", lf.replace('\n', "\r\n")));
}

/// `add-term` adds terms to a known concept (`add` refuses a known id and
/// says to use it): in place, the rest of the file byte for byte, and
/// refused like any edit when lint would call it an error.
#[test]
fn add_term_adds_to_a_known_concept_in_place() {
    let w = Workdir::new();
    let g = "glossaries/proper-nouns.toml";
    w.copy_from_repo(g, g);
    let r = w
        .run(&[
            "glossary",
            "add",
            "--id",
            "pristina",
            "--term",
            "de=Pristina",
        ])
        .expect(2);
    assert!(
        r.stderr.contains("tm glossary add-term pristina"),
        "{}",
        r.stderr
    );
    let before = String::from_utf8(w.read(g)).unwrap();
    let r = w
        .run(&[
            "glossary",
            "add-term",
            "pristina",
            "--term",
            "it=Pristina",
            "--admitted",
            "sq=Prishtina",
            "--forbidden",
            "it=Prishtina",
        ])
        .expect(0);
    assert_eq!(r.stdout, format!("added 3 terms to pristina in {g}\n"));
    let after = String::from_utf8(w.read(g)).unwrap();
    let show = w
        .run(&["glossary", "show", "pristina", "--format", "json"])
        .expect(0)
        .stdout;
    let c: serde_json::Value = serde_json::from_str(&show).unwrap();
    let terms: Vec<String> = c["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            format!(
                "{}={} {}",
                t["lang"].as_str().unwrap(),
                t["term"].as_str().or(t["text"].as_str()).unwrap(),
                t["status"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        terms.contains(&"it=Pristina preferred".to_string()),
        "{terms:?}"
    );
    assert!(
        terms.contains(&"it=Prishtina forbidden".to_string()),
        "{terms:?}"
    );
    assert!(
        terms.contains(&"sq=Prishtina admitted".to_string()),
        "{terms:?}"
    );
    // the file as it was, with an sq line and an it line more
    let mut old = before.lines().peekable();
    let added: Vec<&str> = after
        .lines()
        .filter(|l| old.next_if_eq(l).is_none())
        .collect();
    assert_eq!(old.next(), None, "a line of the file was changed:\n{after}");
    assert_eq!(
        added,
        [
            "    { term = \"Prishtina\", status = \"admitted\" },",
            "it = [\"Pristina\", { term = \"Prishtina\", status = \"forbidden\" }]"
        ]
    );
    w.run(&["glossary", "lint"]).expect(0);
    // a term of another concept, or one the concept has: refused, file unchanged
    for (spec, says) in [
        ("sq=Beograd", "is also in concept `belgrade`"),
        ("it=Pristina", "is given twice"),
    ] {
        let r = w
            .run(&["glossary", "add-term", "pristina", "--term", spec])
            .expect(2);
        assert!(r.stderr.contains(says), "{spec}: {}", r.stderr);
        assert_eq!(String::from_utf8(w.read(g)).unwrap(), after);
    }
    let r = w
        .run(&["glossary", "add-term", "nowhere", "--term", "en=X"])
        .expect(2);
    assert!(
        r.stderr.contains("there is no concept `nowhere`"),
        "{}",
        r.stderr
    );
    let r = w.run(&["glossary", "add-term", "pristina"]).expect(2);
    assert!(r.stderr.contains("--term"), "{}", r.stderr);
}

/// `--format json` on the edits: what was done, and lint's warnings about
/// it, for scripts.
#[test]
fn edits_report_in_json() {
    let w = Workdir::new();
    let g = "glossaries/proper-nouns.toml";
    w.copy_from_repo(g, g);
    let json = |args: &[&str]| -> serde_json::Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let r = w.run(&all).expect(0);
        assert_eq!(r.stderr, "", "warnings are in the JSON");
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
    };
    let v = json(&[
        "glossary",
        "add",
        "--id",
        "brussels",
        "--type",
        "place",
        "--term",
        "en=Brussels",
    ]);
    assert_eq!(v["glossary"], g);
    assert_eq!(v["added"]["id"], "brussels");
    assert_eq!(v["added"]["terms"][0]["text"], "Brussels");
    let warnings: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        warnings,
        [
            "no preferred or admitted sq term",
            "no preferred or admitted sr-Latn term",
            "no preferred or admitted sr-Cyrl term"
        ]
    );
    let v = json(&[
        "glossary",
        "add-term",
        "brussels",
        "--term",
        "sq=Bruksel",
        "--term",
        "sr-Latn=Brisel",
    ]);
    assert_eq!(v["concept"], "brussels");
    assert_eq!(v["added"].as_array().unwrap().len(), 2);
    assert_eq!(v["added"][1]["lang"], "sr-Latn");
    assert_eq!(
        v["warnings"],
        serde_json::json!([]),
        "fewer findings than before"
    );
    let v = json(&["glossary", "rename", "brussels", "bruxelles"]);
    assert_eq!(
        (v["from"].as_str(), v["to"].as_str()),
        (Some("brussels"), Some("bruxelles"))
    );
    let v = json(&["glossary", "remove", "bruxelles"]);
    assert_eq!(v["removed"]["id"], "bruxelles");
    assert_eq!(v["removed"]["terms"].as_array().unwrap().len(), 3);
    w.write(
        "mt.tbx",
        "<martif><text><body><termEntry id=\"geneva\"><langSet xml:lang=\"en-US\"><tig><term>Geneva</term></tig></langSet></termEntry></body></text></martif>",
    );
    let v = json(&["glossary", "import", "mt.tbx"]);
    assert_eq!(v["file"], "mt.tbx");
    assert_eq!(
        (
            v["added"].as_u64(),
            v["replaced"].as_u64(),
            v["unchanged"].as_u64()
        ),
        (Some(1), Some(0), Some(0))
    );
    assert_eq!(
        v["languages_read_as"],
        serde_json::json!([{"from": "en-US", "to": "en"}])
    );
    assert_eq!(v["required_languages"], serde_json::Value::Null);
    assert_eq!(v["warnings"].as_array().unwrap().len(), 3);
    // the file's format is --from (as for `tm import`); `--format tbx`, its
    // old spelling, still works
    w.write("mt.txt", w.read("mt.tbx"));
    let v = json(&["glossary", "import", "mt.txt", "--from", "tbx"]);
    assert_eq!(v["unchanged"].as_u64(), Some(1));
    let r = w
        .run(&["glossary", "import", "mt.txt", "--format", "tbx"])
        .expect(0);
    assert!(r.stdout.contains("1 unchanged"), "{}", r.stdout);
    let r = w.run(&["glossary", "import", "mt.txt"]).expect(2);
    assert!(r.stderr.contains("pass --from tbx or csv"), "{}", r.stderr);
}

/// A glossary in four languages, with types, for imports that carry less.
const FOUR_LANGS: &str = "[[concept]]\nid = \"berlin\"\ntype = \"place\"\nnote = \"The capital.\"\nen = [\"Berlin\"]\nde = [\"Berlin\"]\nfr = [\"Berlin\"]\nit = [\"Berlino\"]\n\n[[concept]]\nid = \"save\"\ntype = \"other\"\nen = [\"Save\"]\nde = [\"Speichern\"]\nfr = [\"Enregistrer\"]\nit = [\"Salva\"]\n";

/// `import --replace` of a file that carries only some of the glossary's
/// languages (Translate Toolkit's csv2tbx writes en and de, no type) keeps
/// the others, and the type and note: what a file does not carry at all is
/// no change. It replaced the concepts with their en and de terms only.
#[test]
fn a_replace_keeps_what_the_file_does_not_carry() {
    let w = Workdir::new();
    w.write("g.toml", FOUR_LANGS);
    // en+de, no type, no definition; berlin unchanged, save's de changed
    w.write(
        "t.tbx",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<martif type=\"TBX\" xml:lang=\"en\"><text><body>\n<termEntry id=\"Save\">\n<langSet xml:lang=\"en\"><tig><term>Save</term></tig></langSet>\n<langSet xml:lang=\"de\"><tig><term>Sichern</term></tig></langSet>\n</termEntry>\n<termEntry id=\"Berlin\">\n<langSet xml:lang=\"en\"><tig><term>Berlin</term></tig></langSet>\n<langSet xml:lang=\"de\"><tig><term>Berlin</term></tig></langSet>\n</termEntry>\n</body></text></martif>\n",
    );
    let glossary = ["glossary", "--glossary", "g.toml"];
    let import = |file: &str, json: bool| {
        let mut args = glossary.to_vec();
        args.extend(["import", file, "--replace"]);
        if json {
            args.extend(["--format", "json"]);
        }
        w.run(&args).expect(0)
    };
    let r = import("t.tbx", false);
    assert!(
        r.stdout
            .contains("0 added, 1 replaced, 1 unchanged; fr, it, type, note kept: not in the file"),
        "{}",
        r.stdout
    );
    assert_eq!(
        String::from_utf8(w.read("g.toml")).unwrap(),
        FOUR_LANGS.replace("[\"Speichern\"]", "[\"Sichern\"]")
    );
    // A CSV without the fr column (and without type and note): the same.
    w.write("g.toml", FOUR_LANGS);
    w.write(
        "t.csv",
        "id,type,note,en,de,it\nberlin,place,The capital.,Berlin,Berlin,Berlino\nsave,other,,Save,Sichern,Salva\n",
    );
    let r = import("t.csv", true);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["replaced"], 1, "{}", r.stdout);
    assert_eq!(v["unchanged"], 1, "{}", r.stdout);
    assert_eq!(
        v["kept_not_in_file"],
        serde_json::json!(["fr"]),
        "{}",
        r.stdout
    );
    assert_eq!(
        String::from_utf8(w.read("g.toml")).unwrap(),
        FOUR_LANGS.replace("[\"Speichern\"]", "[\"Sichern\"]")
    );
    // A language the file carries, left empty for a concept, is a change:
    // the file says the concept has no term in it.
    w.write("g.toml", FOUR_LANGS);
    w.write(
        "t.csv",
        "id,type,note,en,de,fr,it\nberlin,place,The capital.,Berlin,Berlin,Berlin,Berlino\nsave,other,,Save,Speichern,,Salva\n",
    );
    let r = import("t.csv", false);
    assert!(r.stdout.contains("1 replaced"), "{}", r.stdout);
    assert!(!r.stdout.contains("kept"), "{}", r.stdout);
    assert_eq!(
        String::from_utf8(w.read("g.toml")).unwrap(),
        FOUR_LANGS.replace("fr = [\"Enregistrer\"]\n", "")
    );
    // A language column empty in every row (a vendor who did no Italian)
    // carries nothing; nor does an empty type cell: every concept has a
    // type, so the cell says nothing.
    w.write("g.toml", FOUR_LANGS);
    w.write(
        "t.csv",
        "id,type,note,en,de,fr,it\nberlin,,The capital.,Berlin,Berlin,Berlin,\nsave,other,,Save,Sichern,Enregistrer,\n",
    );
    let r = import("t.csv", false);
    assert!(
        r.stdout
            .contains("0 added, 1 replaced, 1 unchanged; it, type kept: not in the file"),
        "{}",
        r.stdout
    );
    assert_eq!(
        String::from_utf8(w.read("g.toml")).unwrap(),
        FOUR_LANGS.replace("[\"Speichern\"]", "[\"Sichern\"]")
    );
}

/// Glossary edits run at once lose none of each other's changes: each
/// takes the glossary's lock, reads the file under it, writes, and lets
/// go. Each write was atomic, but the last writer won: 8 `add`s in
/// parallel left 2 concepts, and all said they had added theirs.
#[test]
fn concurrent_edits_lose_nothing() {
    let w = Workdir::new();
    w.write("g.toml", FOUR_LANGS);
    let n = 10;
    let children: Vec<_> = (0..n)
        .map(|i| {
            let (id, en, de) = (
                format!("city-{i}"),
                format!("en=City{i}"),
                format!("de=Stadt{i}"),
            );
            let args = [
                "glossary",
                "add",
                "--glossary",
                "g.toml",
                "--id",
                &id,
                "--type",
                "place",
                "--term",
                &en,
                "--term",
                &de,
            ];
            w.command()
                .args(args)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("run tm")
        })
        .collect();
    // and a rename and an import among them
    let rename = w.run(&[
        "glossary",
        "rename",
        "--glossary",
        "g.toml",
        "save",
        "save-file",
    ]);
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    rename.expect(0);
    let text = String::from_utf8(w.read("g.toml")).unwrap();
    for i in 0..n {
        assert!(
            text.contains(&format!("id = \"city-{i}\"")),
            "city-{i} lost:\n{text}"
        );
    }
    assert!(text.contains("id = \"save-file\""), "{text}");
    w.run(&["glossary", "lint", "--glossary", "g.toml"])
        .expect(0);
    // Nothing is left beside the glossary: no lock file for git to see.
    let left: Vec<String> = std::fs::read_dir(w.path("."))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// An edit waits up to `--wait` seconds for the process that holds the
/// glossary's lock (on `.NAME.lock` beside it; here the test holds it),
/// says so after a second, and then gives up with exit 2, leaving the file
/// as it was.
#[test]
fn an_edit_waits_for_the_lock_then_gives_up() {
    let w = Workdir::new();
    w.write("g.toml", FOUR_LANGS);
    let holder =
        tm::filelock::FileLock::acquire(&w.path("g.toml"), Duration::ZERO, &|| {}).unwrap();
    assert!(w.path(".g.toml.lock").exists());
    let r = w
        .run(&[
            "glossary",
            "add-term",
            "--glossary",
            "g.toml",
            "--wait",
            "1",
            "save",
            "--term",
            "es=Guardar",
        ])
        .expect(2);
    assert!(
        r.stderr.contains("another tm process is editing g.toml")
            && r.stderr.contains("gave up after 1 s")
            && r.stderr.contains("--wait"),
        "{}",
        r.stderr
    );
    assert_eq!(w.read("g.toml"), FOUR_LANGS.as_bytes());
    // Let go while it waits: it goes on.
    let child = w
        .command()
        .args([
            "glossary",
            "add-term",
            "--glossary",
            "g.toml",
            "--wait",
            "60",
            "save",
            "--term",
            "es=Guardar",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    drop(holder);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("another tm process is editing g.toml; waiting for it (up to 60 s"),
        "{stderr}"
    );
    assert!(
        String::from_utf8(w.read("g.toml"))
            .unwrap()
            .contains("es = [\"Guardar\"]")
    );
}

/// A glossary CSV needs only its `id` column first: `type` and `note` are
/// found by name (in any case, anywhere after it) or left out. A vendor's
/// `id,type,en,fr,it` needed an empty `note` column added. A file without
/// `type` gives new concepts `other` and leaves known ones their own.
#[test]
fn csv_type_and_note_columns_are_optional_and_found_by_name() {
    let w = Workdir::new();
    w.write(
        "vendor.csv",
        "id,type,en,fr,it\nrome,place,Rome,Rome,Roma\n",
    );
    let glossary = ["glossary", "--glossary", "g.toml"];
    let run = |args: &[&str]| {
        let mut all = glossary.to_vec();
        all.extend(args);
        w.run(&all)
    };
    let r = run(&["import", "vendor.csv"]).expect(0);
    assert!(r.stdout.contains("1 added"), "{}", r.stdout);
    let r = run(&["show", "rome", "--format", "json"]).expect(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["type"], "place", "{}", r.stdout);
    assert_eq!(v["terms"].as_array().unwrap().len(), 3, "{}", r.stdout);
    // no type column, the note in the middle, names in any case
    w.write(
        "notype.csv",
        "ID,en,Note,de\nrome,Rome,The capital of Italy.,Rom\nmilan,Milan,,Mailand\n",
    );
    let r = run(&["import", "notype.csv", "--replace"]).expect(0);
    assert!(
        r.stdout
            .contains("1 added, 1 replaced, 0 unchanged; fr, it, type kept: not in the file"),
        "{}",
        r.stdout
    );
    let r = run(&["list", "--format", "json"]).expect(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let types: Vec<(&str, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["type"].as_str().unwrap()))
        .collect();
    assert_eq!(
        types,
        [("milan", "other"), ("rome", "place")],
        "{}",
        r.stdout
    );
    let text = String::from_utf8(w.read("g.toml")).unwrap();
    assert!(text.contains("note = \"The capital of Italy.\""), "{text}");
    assert!(
        text.contains("de = [\"Rom\"]") && text.contains("it = [\"Roma\"]"),
        "{text}"
    );
    // a name given twice is refused at its cell; `id` must come first
    let before = w.read("g.toml");
    w.write("twice.csv", "id,type,en,Type\nrome,place,Rome,place\n");
    let r = run(&["import", "twice.csv"]).expect(2);
    assert!(
        r.stderr
            .contains("twice.csv:1:12: the column `type` is given twice (columns 2 and 4)"),
        "{}",
        r.stderr
    );
    w.write("noid.csv", "type,id,en\nplace,rome,Rome\n");
    let r = run(&["import", "noid.csv"]).expect(2);
    assert!(
        r.stderr
            .contains("noid.csv:1:1: the header must start with `id`"),
        "{}",
        r.stderr
    );
    assert_eq!(w.read("g.toml"), before);
}

//! Language tags as commands take them: from file names, flags, TMX,
//! glossaries; and as ranges over the languages a TM holds.

use crate::workdir::Workdir;

const EN: &str = "NATO sent 1,000 troops to Kosovo after September 24.\nJens Stoltenberg visited Pristina on Monday. He met Vjosa Osmani.\n";
const SQ: &str = "NATO dërgoi 1.000 trupa në Kosovë pas 24 shtatorit.\nJens Stoltenberg vizitoi Prishtinën të hënën dhe u takua me Vjosa Osmanin.\n";

/// `sq-final.txt`: a version mark shaped like a BCP 47 variant (5 to 8
/// letters) is no variant the IANA registry holds, so it is not part of the
/// language; a tag given with it is refused, and registered variants are
/// taken.
#[test]
fn a_version_mark_shaped_like_a_variant_is_no_language() {
    let w = Workdir::new();
    w.write("art/en.txt", EN);
    w.write("art/sq.txt", SQ);
    w.run(&["align", "art/en.txt", "art/sq.txt"]).expect(0);
    for (name, lang) in [
        ("sq-final.txt", "sq"),
        ("sq-draft.txt", "sq"),
        ("sq-reviewed.txt", "sq"),
        ("article.sq-final.txt", "sq"),
        ("sr-Latn-fixed.txt", "sr-Latn"),
        ("sr-Cyrl2.txt", "sr-Cyrl"),
    ] {
        let file = format!("art/{name}");
        w.write(&file, SQ);
        let r = w
            .run(&["align", "art/en.txt", &file, "--doc", "art", "--dry-run"])
            .expect(0);
        assert!(
            r.stdout.contains(&format!("en → {lang}:")),
            "{name}: {}",
            r.stdout
        );
    }
    w.run(&["align", "art/en.txt", "art/sq-final.txt"])
        .expect(0);
    let stats = w.run(&["stats", "--format", "json"]).expect(0).stdout;
    let stats: serde_json::Value = serde_json::from_str(&stats).unwrap();
    let langs: Vec<&String> = stats["languages"].as_object().unwrap().keys().collect();
    assert_eq!(langs, ["en", "sq"]);

    // Given explicitly: refused, with what to write.
    let r = w
        .run(&[
            "align",
            "art/en.txt",
            "art/sq.txt",
            "--tgt-lang",
            "sq-final",
        ])
        .expect(2);
    assert!(
        r.stderr
            .contains("`final` is no variant in the IANA Language Subtag Registry")
            && r.stderr.contains("write `sq`"),
        "{}",
        r.stderr
    );
    // Registered variants are languages.
    for tag in ["sl-rozaj", "de-1996", "ca-valencia", "sr-Latn-ekavsk"] {
        let r = w
            .run(&[
                "align",
                "art/en.txt",
                "art/sq.txt",
                "--tgt-lang",
                tag,
                "--dry-run",
            ])
            .expect(0);
        assert!(r.stdout.contains(&format!("en → {tag}:")), "{}", r.stdout);
    }
}

/// A TMX `xml:lang` and a glossary term with an unregistered variant are
/// refused where they stand.
#[test]
fn files_and_glossary_terms_with_an_unregistered_variant_are_refused() {
    let w = Workdir::new();
    w.write(
        "t.tmx",
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"en\"/>\n<body>\n\
         <tu><tuv xml:lang=\"en\"><seg>Good morning.</seg></tuv>\
         <tuv xml:lang=\"sq-final\"><seg>Mirëmëngjes.</seg></tuv></tu>\n</body></tmx>\n",
    );
    let r = w.run(&["import", "t.tmx"]).expect(2);
    assert!(
        r.stderr.contains("t.tmx:5") && r.stderr.contains("`final` is no variant"),
        "{}",
        r.stderr
    );
    assert!(!w.path("memory/tm.sqlite").exists());

    let r = w
        .run(&[
            "glossary",
            "add",
            "--id",
            "geneva",
            "--type",
            "place",
            "--term",
            "en=Geneva",
            "--term",
            "sq-final=Gjenevë",
        ])
        .expect(2);
    assert!(r.stderr.contains("`final` is no variant"), "{}", r.stderr);
    // A glossary file that says it is refused at its line.
    w.write(
        "g.toml",
        "[[concept]]\nid = \"geneva\"\ntype = \"place\"\nen = [\"Geneva\"]\nsq-final = [\"Gjenevë\"]\n",
    );
    let r = w
        .run(&["glossary", "--glossary", "g.toml", "lint"])
        .expect(2);
    assert!(
        r.stderr.contains("g.toml:5") && r.stderr.contains("`final` is no variant"),
        "{}",
        r.stderr
    );
    w.write(
        "g.toml",
        "[[concept]]\nid = \"geneva\"\ntype = \"place\"\nen = [\"Geneva\"]\nsl-rozaj = [\"Ženeva\"]\n",
    );
    w.run(&["glossary", "--glossary", "g.toml", "lint"])
        .expect(0);
}

/// `hbs` (ISO 639-3 Serbo-Croatian, BCP 47 `sh`) is a range over Serbian,
/// Croatian and Bosnian in either script; a range the TM has nothing in is
/// told with the closest languages, not every one of a TM of many.
#[test]
fn serbo_croatian_covers_its_members_and_a_miss_names_the_closest() {
    let w = Workdir::new();
    let langs = [
        "en", "sq", "sr-Latn", "sr-Cyrl", "hr", "bs", "de-DE", "de-CH", "fr", "it", "es", "fi",
        "hu", "nl", "el",
    ];
    let mut tsv = langs.join("\t") + "\n";
    for (i, word) in ["Belgrade", "Zagreb"].iter().enumerate() {
        let row: Vec<String> = langs
            .iter()
            .map(|l| match *l {
                "sr-Cyrl" => format!("Град {i} Београд."),
                "sr-Latn" | "hr" | "bs" => format!("Grad {i} Beograd."),
                _ => format!("City {i} {word} {l}."),
            })
            .collect();
        tsv.push_str(&(row.join("\t") + "\n"));
    }
    w.write("tm.tsv", tsv);
    w.run(&["import", "tm.tsv"]).expect(0);
    for range in ["hbs", "sh"] {
        let r = w
            .run(&["search", "beograd", "--lang", range, "--format", "json"])
            .expect(0);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let hits = v["hits"].as_array().unwrap();
        assert_eq!(hits.len(), 2, "{}", r.stdout);
        let mut matched: Vec<String> = hits[0]["other_matches"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        matched.push(hits[0]["lang"].as_str().unwrap().to_string());
        matched.sort();
        assert_eq!(matched, ["bs", "hr", "sr-Cyrl", "sr-Latn"], "{range}");
    }
    let r = w
        .run(&["export", "--langs", "hbs", "--format", "tsv"])
        .expect(0);
    assert_eq!(
        r.stdout.lines().next(),
        Some("id\tdocument\tbs\thr\tsr-Cyrl\tsr-Latn"),
        "{}",
        r.stdout
    );
    // lookup needs one language: hbs names four.
    let r = w
        .run(&["lookup", "Grad 1 Beograd.", "--from", "hbs", "--to", "en"])
        .expect(2);
    assert!(
        r.stderr
            .contains("sh (--from) covers bs, hr, sr-Cyrl, sr-Latn"),
        "{}",
        r.stderr
    );

    // A miss: the closest, not fifteen languages.
    let r = w.run(&["search", "City", "--lang", "de-AT"]).expect(2);
    assert!(
        r.stderr.contains("has no de-AT text (--lang); it has: 15 languages (`tm stats` lists them); the closest: de-CH, de-DE"),
        "{}",
        r.stderr
    );
    let r = w
        .run(&["lookup", "City", "--from", "pt", "--to", "en"])
        .expect(2);
    assert!(
        r.stderr.contains("15 languages") && !r.stderr.contains("fi,"),
        "{}",
        r.stderr
    );
    let r = w.run(&["qa", "--lang", "pt"]).expect(2);
    assert!(
        r.stderr.contains("15 languages") && !r.stderr.contains("fi,"),
        "{}",
        r.stderr
    );
    let r = w.run(&["export", "--langs", "pt"]).expect(2);
    assert!(
        r.stderr.contains("15 languages") && !r.stderr.contains("fi,"),
        "{}",
        r.stderr
    );
}

/// `search --lang` takes a list, as `qa --lang` and `export --langs` do:
/// comma-separated or repeated, each a range; a language the TM lacks is
/// named, whatever else the list holds.
#[test]
fn search_takes_a_list_of_languages() {
    let w = Workdir::new();
    w.write(
        "tm.tsv",
        "en\tde\tfr\tsr-Latn\n\
         The city hall is open.\tDas Rathaus ist offen.\tLa mairie est ouverte.\tGradska kuća je otvorena.\n",
    );
    w.run(&["import", "tm.tsv"]).expect(0);
    let r = w
        .run(&["search", "Rathaus", "--lang", "en,de", "--format", "json"])
        .expect(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["hits"][0]["lang"], "de", "{}", r.stdout);
    let r = w
        .run(&["search", "Rathaus", "--lang", "en", "--lang", "fr"])
        .expect(1);
    assert!(r.stdout.contains("no text matches"), "{}", r.stdout);
    w.run(&["search", "Rathaus", "--lang", "fr", "--lang", "de"])
        .expect(0);
    // Each a range: sr covers sr-Latn.
    w.run(&["search", "kuća", "--lang", "en,sr"]).expect(0);
    let r = w
        .run(&["search", "Rathaus", "--lang", "de,pt,it"])
        .expect(2);
    assert!(
        r.stderr.contains("has no pt, it text (--lang)"),
        "{}",
        r.stderr
    );
}

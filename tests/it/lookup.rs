//! `tm lookup`, `tm search`, `tm analyze`: matches across languages, the
//! diff, exit codes, highlighting, bands, pretranslation, and the index kept
//! in step with every write.

use crate::workdir::Workdir;

const EN: &str = "NATO sent 1,000 troops to Kosovo after September 24.\nJens Stoltenberg visited Pristina on Monday. He met Vjosa Osmani.\nSerbia denies any connection with the attack.\n";
const SQ: &str = "NATO dërgoi 1.000 trupa në Kosovë pas 24 shtatorit.\nJens Stoltenberg vizitoi Prishtinën të hënën dhe u takua me Vjosa Osmanin.\nSerbia mohon çdo lidhje me sulmin.\n";
const SR: &str = "NATO je poslao 1.000 vojnika na Kosovo posle 24. septembra.\nJens Stoltenberg je u ponedeljak posetio Prištinu. Sastao se sa Vjosom Osmani.\nSrbija poriče bilo kakvu vezu sa napadom.\n";

fn tm() -> Workdir {
    let w = Workdir::new();
    w.write("doc/en.txt", EN);
    w.write("doc/sq.txt", SQ);
    w.write("doc/sr-Cyrl.txt", tm::text::lat_to_cyr(SR));
    w.run(&["align", "doc/en.txt", "doc/sq.txt", "doc/sr-Cyrl.txt"])
        .expect(0);
    w
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap()
}

#[test]
fn lookup_shows_score_source_diff_and_translation() {
    let w = tm();
    let r = w
        .run(&[
            "lookup",
            "NATO sent 2,000 soldiers to Kosovo after September 24.",
            "--from",
            "en",
            "--to",
            "sq",
        ])
        .expect(0);
    assert_eq!(
        r.stdout,
        " 87%  unit 1\n  en    NATO sent 1,000 troops to Kosovo after September 24.\n  diff  NATO sent [-1,000 troops-]{+2,000 soldiers+} to Kosovo after September 24.\n  sq    NATO dërgoi 1.000 trupa në Kosovë pas 24 shtatorit.\n"
    );
}

#[test]
fn a_misspelt_word_shows_the_changed_letters_as_tm_diff_does() {
    let w = tm();
    let r = w
        .run(&[
            "lookup",
            "NATO sent 1,000 troops to Kosovo after Septmber 24.",
            "--from",
            "en",
            "--to",
            "sq",
        ])
        .expect(0);
    assert!(
        r.stdout
            .contains("  diff  NATO sent 1,000 troops to Kosovo after Sept[-e-]mber 24.\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn any_language_can_ask_and_any_can_answer() {
    let w = tm();
    let r = w
        .run(&[
            "lookup",
            "Serbia mohon çdo lidhje me sulmin",
            "--from",
            "sq",
            "--to",
            "sr-Cyrl",
            "--format",
            "json",
        ])
        .expect(0);
    let v = json(&r.stdout);
    let m = &v["matches"][0];
    assert_eq!(m["score"], 99, "only the full stop differs: {m:#}");
    assert_eq!(
        m["translation"],
        "Србија пориче било какву везу са нападом."
    );
    assert_eq!(
        m["diff"],
        serde_json::json!([{"op": "equal", "text": "Serbia mohon çdo lidhje me sulmin"}, {"op": "delete", "text": "."}])
    );
    // A number or case difference costs one point, not a word's share.
    let r = w
        .run(&[
            "lookup",
            "nato sent 7 troops to Kosovo after September 24.",
            "--from",
            "en",
            "--to",
            "sq",
            "--format",
            "json",
        ])
        .expect(0);
    assert_eq!(json(&r.stdout)["matches"][0]["score"], 98);
}

#[test]
fn typographic_and_diacritic_variants_cost_half_a_point() {
    let w = Workdir::new();
    // Tatoeba eng-sqi, as an exploratory tester imported it.
    w.write(
        "s.tsv",
        "en\tsq\n\
         Tom's parents live in a big house.\tPrindërit e Tomit jetojnë në një shtëpi të madhe.\n\
         Tom is a teacher.\tTomi është mësues.\n",
    );
    w.run(&["import", "s.tsv"]).expect(0);
    let best = |query: &str, from: &str, to: &str| -> serde_json::Value {
        let r = w
            .run(&[
                "lookup", query, "--from", from, "--to", to, "--min", "30", "--format", "json",
            ])
            .expect(0);
        json(&r.stdout)["matches"][0].clone()
    };
    // A curly apostrophe, like any other punctuation difference: 99.
    let m = best("Tom’s parents live in a big house.", "en", "sq");
    assert_eq!(m["score"], 99, "{m:#}");
    assert_eq!(m["detail"]["minor"], 1, "{m:#}");
    assert_eq!(
        m["translation"],
        "Prindërit e Tomit jetojnë në një shtëpi të madhe."
    );
    // The Albanian typed without ë: six words differ in diacritics only,
    // which together cost a point.
    let m = best(
        "Prinderit e Tomit jetojne ne nje shtepi te madhe.",
        "sq",
        "en",
    );
    assert_eq!(m["score"], 99, "{m:#}");
    assert_eq!(
        (&m["detail"]["distance"], &m["detail"]["minor"]),
        (&serde_json::json!(0), &serde_json::json!(6)),
        "{m:#}"
    );
    assert_eq!(m["translation"], "Tom's parents live in a big house.");
    // Quotation marks of another style are minor too; a case difference is a point.
    let m = best("Tom’s PARENTS live in a big house.", "en", "sq");
    assert_eq!(m["score"], 98, "{m:#}");
}

#[test]
fn a_match_without_the_answer_language_is_named() {
    let w = tm();
    w.write(
        "de.tsv",
        "en\tde\nThe harbour is closed today.\tDer Hafen ist heute geschlossen.\n",
    );
    w.run(&["import", "de.tsv"]).expect(0);
    let unit = w
        .export()
        .iter()
        .find(|u| u["variants"]["en"] == "The harbour is closed today.")
        .map(|u| u["id"].as_i64().unwrap())
        .unwrap();
    let q = [
        "lookup",
        "The harbour is closed today",
        "--from",
        "en",
        "--to",
        "sq",
    ];
    let r = w.run(&q).expect(1);
    assert_eq!(
        r.stdout,
        format!(
            "no en unit with a sq text scores 75% or more\n\
             unit {unit} scores 99% but has no sq text\n"
        )
    );
    let mut json_q = q.to_vec();
    json_q.extend(["--format", "json"]);
    let v = json(&w.run(&json_q).expect(1).stdout);
    assert_eq!(v["matches"], serde_json::json!([]));
    assert_eq!(v["untranslated"][0]["unit_id"], unit, "{v:#}");
    assert_eq!(v["untranslated"][0]["score"], 99, "{v:#}");
    // It has a de text: there it is a match.
    let r = w
        .run(&[
            "lookup",
            "The harbour is closed today",
            "--from",
            "en",
            "--to",
            "de",
        ])
        .expect(0);
    assert!(r.stdout.starts_with(" 99%"), "{}", r.stdout);
}

#[test]
fn no_match_is_exit_1_and_bad_input_exit_2() {
    let w = tm();
    let r = w.run(&[
        "lookup",
        "Completely unrelated words",
        "--from",
        "en",
        "--to",
        "sq",
    ]);
    let r = r.expect(1);
    assert!(
        r.stdout.contains("no en unit scores 75% or more"),
        "{}",
        r.stdout
    );
    for (args, msg) in [
        (
            vec!["lookup", "", "--from", "en", "--to", "sq"],
            "the query is empty",
        ),
        (
            vec!["lookup", "?!", "--from", "en", "--to", "sq"],
            "no words",
        ),
        (
            vec!["lookup", "NATO", "--from", "de", "--to", "sq"],
            "has no de text (--from); it has: en, sq, sr-Cyrl",
        ),
        (
            vec!["lookup", "NATO", "--from", "en", "--to", "fr"],
            "has no fr text (--to)",
        ),
        (
            vec!["lookup", "NATO", "--from", "en", "--to", "sq", "--min", "0"],
            "--min must be a percentage from 1 to 100, not 0",
        ),
        (
            vec![
                "lookup", "NATO", "--from", "en", "--to", "sq", "--min", "101",
            ],
            "not 101",
        ),
        (
            vec!["lookup", "NATO", "--from", "en", "--to", "en"],
            "two different languages",
        ),
        (vec!["search", " ?! "], "has no words"),
    ] {
        let r = w.run(&args).expect(2);
        assert!(r.stderr.contains(msg), "{args:?}: {}", r.stderr);
    }
    let r = Workdir::new()
        .run(&["lookup", "NATO", "--from", "en", "--to", "sq"])
        .expect(2);
    assert!(
        r.stderr.contains("there is no translation memory"),
        "{}",
        r.stderr
    );
}

#[test]
fn search_highlights_matches_and_shows_other_languages() {
    let w = tm();
    let r = w.run(&["--color", "always", "search", "TROOPS"]).expect(0);
    assert!(
        r.stdout
            .contains("  en       NATO sent 1,000 \x1b[31mtroops\x1b[0m to Kosovo"),
        "{:?}",
        r.stdout
    );
    assert!(
        r.stdout.contains("  sr-Cyrl  НАТО је послао"),
        "{}",
        r.stdout
    );
    // Diacritics are ignored, prefixes and language filter work; JSON has byte ranges.
    let r = w
        .run(&["search", "prishtin*", "--lang", "sq", "--format", "json"])
        .expect(0);
    let v = json(&r.stdout);
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1);
    let text = hits[0]["text"].as_str().unwrap();
    let (a, b) = (
        hits[0]["matches"][0][0].as_u64().unwrap() as usize,
        hits[0]["matches"][0][1].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[a..b], "Prishtinën");
    assert_eq!(
        hits[0]["others"]["en"],
        "Jens Stoltenberg visited Pristina on Monday. He met Vjosa Osmani."
    );
    w.run(&["search", "Moscow"]).expect(1);
    let r = w.run(&["search", "NATO", "--lang", "de"]).expect(2);
    assert!(r.stderr.contains("has no de text"), "{}", r.stderr);
}

/// The sample article aligned in its four languages (units hold en, sq,
/// sr-Latn and sr-Cyrl).
fn sample_tm() -> Workdir {
    let w = Workdir::new();
    let files = ["en.txt", "sq.txt", "sr-Latn.txt", "sr-Cyrl.txt"];
    for f in files {
        w.copy_from_repo(
            &format!("examples/nato-kosovo/{f}"),
            &format!("nato-kosovo/{f}"),
        );
    }
    let mut args = vec!["align".to_string()];
    args.extend(files.iter().map(|f| format!("nato-kosovo/{f}")));
    w.run(&args.iter().map(String::as_str).collect::<Vec<_>>())
        .expect(0);
    w
}

/// The texts in `ranges` (byte ranges into `text`, as JSON pairs).
fn spans<'a>(text: &'a str, ranges: &serde_json::Value) -> Vec<&'a str> {
    ranges
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &text[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize])
        .collect()
}

#[test]
fn search_shows_each_unit_once_with_its_matches_in_every_language() {
    let w = sample_tm();
    // Expected: every unit with the word 24 in any language, with those languages.
    let mut expected: Vec<(i64, Vec<String>)> = w
        .export()
        .iter()
        .filter_map(|u| {
            let langs: Vec<String> = u["variants"]
                .as_object()
                .unwrap()
                .iter()
                .filter(|(_, t)| tm::text::words(t.as_str().unwrap()).contains(&"24"))
                .map(|(l, _)| l.clone())
                .collect();
            (!langs.is_empty()).then(|| (u["id"].as_i64().unwrap(), langs))
        })
        .collect();
    expected.sort();
    assert!(expected.len() > 2, "the sample has several units with 24");

    let v = json(
        &w.run(&["search", "24", "--format", "json"])
            .expect(0)
            .stdout,
    );
    let hits = v["hits"].as_array().unwrap();
    let mut got: Vec<(i64, Vec<String>)> = hits
        .iter()
        .map(|h| {
            let text = h["text"].as_str().unwrap();
            assert_eq!(spans(text, &h["matches"]), vec!["24"], "{h:#}");
            let mut langs = vec![h["lang"].as_str().unwrap().to_string()];
            for (lang, ranges) in h["other_matches"].as_object().unwrap() {
                let other = h["others"][lang].as_str().unwrap();
                assert_eq!(spans(other, ranges), vec!["24"], "{lang}: {h:#}");
                langs.push(lang.clone());
            }
            assert!(h["others"].get(h["lang"].as_str().unwrap()).is_none());
            langs.sort();
            (h["unit_id"].as_i64().unwrap(), langs)
        })
        .collect();
    got.sort();
    assert_eq!(got, expected, "each unit once, every language where 24 is");

    // --limit counts units: the first two of the whole answer.
    let v2 = json(
        &w.run(&["search", "24", "--format", "json", "--limit", "2"])
            .expect(0)
            .stdout,
    );
    let ids = |v: &serde_json::Value| -> Vec<i64> {
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["unit_id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(ids(&v2), ids(&v)[..2].to_vec());
    for limit in 1..=expected.len() {
        let n = limit.to_string();
        let r = w.run(&["search", "24", "--format", "json", "--limit", &n]);
        assert_eq!(ids(&json(&r.expect(0).stdout)), ids(&v)[..limit].to_vec());
    }

    // Text: one block per unit, each language once, matches highlighted in each.
    let r = w.run(&["--color", "always", "search", "24"]).expect(0);
    let mut blocks: Vec<(i64, Vec<&str>)> = Vec::new();
    for line in r.stdout.lines() {
        match line.strip_prefix("  ") {
            Some(body) => blocks.last_mut().unwrap().1.push(body),
            None => {
                let id = line
                    .trim_start_matches("\x1b[2m")
                    .trim_end_matches("\x1b[0m");
                let id = id.strip_prefix("unit ").unwrap().parse().unwrap();
                blocks.push((id, Vec::new()));
            }
        }
    }
    blocks.sort();
    assert_eq!(
        blocks.iter().map(|b| b.0).collect::<Vec<_>>(),
        expected.iter().map(|e| e.0).collect::<Vec<_>>(),
        "{}",
        r.stdout
    );
    for ((_, lines), (_, langs)) in blocks.iter().zip(&expected) {
        assert_eq!(lines.len(), 4, "{lines:#?}");
        for lang in langs {
            let line = lines
                .iter()
                .find(|l| l.starts_with(&format!("{lang} ")))
                .unwrap_or_else(|| panic!("no {lang} line in {lines:#?}"));
            assert!(line.contains("\x1b[31m24\x1b[0m"), "{line:?}");
        }
    }
}

/// The texts of a hit highlighted, by language: (language, matched words).
fn highlighted(hit: &serde_json::Value) -> Vec<(String, Vec<String>)> {
    let mut out = vec![(
        hit["lang"].as_str().unwrap().to_string(),
        spans(hit["text"].as_str().unwrap(), &hit["matches"])
            .into_iter()
            .map(String::from)
            .collect(),
    )];
    for (lang, ranges) in hit["other_matches"].as_object().unwrap() {
        let text = hit["others"][lang].as_str().unwrap();
        out.push((
            lang.clone(),
            spans(text, ranges).into_iter().map(String::from).collect(),
        ));
    }
    out.sort();
    out
}

#[test]
fn search_limit_counts_units_with_many_matching_languages() {
    // Five units whose six texts all match, equally well: the best rows
    // are all texts of the first units, so --limit 4 needs more than the
    // first 16 rows.
    let w = Workdir::new();
    let langs = ["en", "sq", "de", "fr", "it", "es"];
    let mut tsv = langs.join("\t") + "\n";
    for word in ["one", "two", "six", "ten", "red"] {
        tsv.push_str(&vec![format!("alpha {word}"); langs.len()].join("\t"));
        tsv.push('\n');
    }
    w.write("many.tsv", tsv);
    w.run(&["import", "many.tsv"]).expect(0);
    let ids = |limit: &str| -> Vec<i64> {
        let r = w.run(&["search", "alpha", "--format", "json", "--limit", limit]);
        json(&r.expect(0).stdout)["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["unit_id"].as_i64().unwrap())
            .collect()
    };
    let all = ids("20");
    assert_eq!(all.len(), 5);
    for limit in 1..=5 {
        assert_eq!(
            ids(&limit.to_string()),
            all[..limit].to_vec(),
            "--limit {limit}"
        );
    }
}

#[test]
fn search_for_a_placeholder_finds_it_as_written() {
    // The index keeps `%s` as the token `s`, which every `'s` has too.
    let w = Workdir::new();
    let mut tsv = String::from("en\tde\n");
    for i in 0..40 {
        tsv.push_str(&format!("Gwyneth Paltrow's film {i}\tDer Film {i}\n"));
    }
    tsv.push_str("Delete %s files?\t%s Dateien löschen?\n");
    tsv.push_str("C++ is fast; I'd say so.\tC++ ist schnell.\n");
    tsv.push_str("The user_id field is required.\tDas Feld user_id ist Pflicht.\n");
    tsv.push_str("The user id is shown.\tDie Benutzer-ID wird gezeigt.\n");
    tsv.push_str("Click Save now.\tJetzt auf Speichern klicken.\n");
    w.write("ui.tsv", tsv);
    w.run(&["import", "ui.tsv"]).expect(0);
    let texts = |pattern: &str| -> Vec<String> {
        let r = w.run(&["search", pattern, "--lang", "en", "--format", "json"]);
        let out = r.stdout.clone();
        if out.is_empty() {
            return Vec::new();
        }
        json(&out)["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(texts("%s"), ["Delete %s files?"]);
    assert_eq!(texts("C++"), ["C++ is fast; I'd say so."]);
    assert_eq!(texts("%d"), Vec::<String>::new());
    assert_eq!(texts("Paltrow's").len(), 20);
    // A prefix written with symbols starts a word as written.
    assert_eq!(texts("user_*"), ["The user_id field is required."]);
    assert_eq!(texts("user_i*"), ["The user_id field is required."]);
    assert_eq!(texts("C+*"), ["C++ is fast; I'd say so."]);
    assert_eq!(texts("%s*"), ["Delete %s files?"]);
    assert_eq!(texts("%d*"), Vec::<String>::new());
}

#[test]
fn search_for_a_dj_word_beside_other_words() {
    // A dj word is looked for in two columns (`dj` is `đ` in Serbian
    // texts); the query must still join it to the pattern's other words.
    let w = Workdir::new();
    w.write(
        "p.tsv",
        "en\tsr-Latn\n\
         Đorđe Đoković met Djokovic on %s.\tĐorđe Đoković je sreo Djokovića %s.\n\
         Djokovic won {count} sets.\tĐoković je osvojio {count} seta.\n",
    );
    w.run(&["import", "p.tsv"]).expect(0);
    let found = |pattern: &str, lang: &str| -> Vec<String> {
        let r = w.run(&["search", pattern, "--lang", lang, "--format", "json"]);
        if r.code == 1 {
            return Vec::new();
        }
        json(&r.expect(0).stdout)["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["text"].as_str().unwrap().to_string())
            .collect()
    };
    let met = "Đorđe Đoković met Djokovic on %s.";
    let won = "Djokovic won {count} sets.";
    for pattern in [
        "Djokovic met",
        "met Djokovic",
        "djokovic %s",
        "Djokovic* %s",
        "Đoković Djokovic",
    ] {
        assert_eq!(found(pattern, "en"), [met], "{pattern}");
    }
    // In Serbian texts dj is đ; in others two letters.
    assert_eq!(
        found("djordje Đoković", "sr-Latn"),
        ["Đorđe Đoković je sreo Djokovića %s."]
    );
    assert!(found("djordje Đoković", "en").is_empty());
    assert_eq!(found("Djokovic {count}", "en"), [won]);
    assert_eq!(
        found("djokovic osvojio", "sr-Latn"),
        ["Đoković je osvojio {count} seta."]
    );
    assert!(found("Djokovic lost", "en").is_empty());
}

#[test]
fn search_folds_dj_and_both_serbian_scripts() {
    let w = sample_tm();
    // The unit whose Serbian texts say međutim / међутим.
    let unit = w
        .export()
        .iter()
        .find(|u| tm::text::words(u["variants"]["sr-Latn"].as_str().unwrap()).contains(&"međutim"))
        .map(|u| u["id"].as_i64().unwrap())
        .unwrap();
    let want = vec![
        ("sr-Cyrl".to_string(), vec!["међутим".to_string()]),
        ("sr-Latn".to_string(), vec!["međutim".to_string()]),
    ];
    // Typed without diacritics, with dj, in capitals, in Cyrillic.
    for pattern in [
        "medutim",
        "medjutim",
        "MEDJUTIM",
        "MEĐUTIM",
        "међутим",
        "medj*",
    ] {
        let v = json(
            &w.run(&["search", pattern, "--format", "json"])
                .expect(0)
                .stdout,
        );
        let hits = v["hits"].as_array().unwrap();
        assert_eq!(hits.len(), 1, "{pattern}: {v:#}");
        assert_eq!(hits[0]["unit_id"], unit, "{pattern}");
        assert_eq!(highlighted(&hits[0]), want, "{pattern}");
    }
    // Latin finds Cyrillic: Beograd is Београд in the sr-Cyrl text.
    let v = json(
        &w.run(&["search", "Beograd", "--lang", "sr-Cyrl", "--format", "json"])
            .expect(0)
            .stdout,
    );
    assert!(!v["hits"].as_array().unwrap().is_empty(), "{v:#}");
    assert_eq!(highlighted(&v["hits"][0])[0].1, vec!["Београд"], "{v:#}");
}

#[test]
fn search_folds_letters_nfd_keeps_whole_but_not_other_languages_dj() {
    let w = Workdir::new();
    let rows = [
        ("de", "Die Straße ist lang."),
        ("pl", "Jadę do Łodzi."),
        ("da", "Søren bor på Ærø."),
        ("tr", "Işık yandı."),
        ("mt", "Il-Ħamrun huwa raħal."),
        ("is", "Þórður kom heim."),
        ("fr", "Une œuvre d’art."),
        ("el", "Η οδός είναι μακριά."),
        ("sq", "Djem të mirë."),
        ("sq", "Një dem i zi."),
        ("hi", "यह किताब है।"),
        ("hi", "वह काम है।"),
        ("ja", "かき"),
        ("ja", "がき"),
    ];
    // One file per row: a TSV has one language per column.
    for (i, (lang, text)) in rows.iter().enumerate() {
        w.write(
            &format!("in{i}.tsv"),
            format!("en\t{lang}\nSentence number {i}.\t{text}\n"),
        );
        w.run(&["import", &format!("in{i}.tsv")]).expect(0);
    }
    let found = |pattern: &str| -> Vec<String> {
        let r = w.run(&["search", pattern, "--format", "json"]);
        if r.code == 1 {
            return Vec::new();
        }
        let v = json(&r.expect(0).stdout);
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|h| highlighted(h).into_iter().flat_map(|(_, words)| words))
            .collect()
    };
    for (pattern, word) in [
        ("strasse", "Straße"),
        ("STRASSE", "Straße"),
        ("lodzi", "Łodzi"),
        ("soren", "Søren"),
        ("aero", "Ærø"),
        ("isik", "Işık"),
        ("hamrun", "Ħamrun"),
        ("rahal", "raħal"),
        ("thordur", "Þórður"),
        ("oeuvre", "œuvre"),
        ("d'art", "d’art"),
        ("οδος", "οδός"),
        ("ΟΔΟΣ", "οδός"),
        ("djem", "Djem"),
        ("dem", "dem"),
        ("किताब", "किताब"),
        ("काम", "काम"),
        ("かき", "かき"),
        ("がき", "がき"),
    ] {
        assert_eq!(found(pattern), vec![word], "{pattern}");
    }
}

#[test]
fn analyze_counts_bands_and_pretranslates() {
    let w = tm();
    w.write(
        "new.en.txt",
        "NATO sent 1,000 troops to Kosovo after September 24.\n\
         Jens Stoltenberg visited Pristina on Monday. He met Vjosa Osmani.\n\
         Serbia denies any connection with the attacks.\n\
         Something entirely new is written here.\n\
         Something entirely new is written here.\n",
    );
    let r = w
        .run(&[
            "analyze",
            "new.en.txt",
            "--from",
            "en",
            "--to",
            "sq",
            "--pretranslate",
            "new.sq.txt",
            "--format",
            "json",
        ])
        .expect(0);
    let v = json(&r.stdout);
    let bands: Vec<(String, u64, u64)> = v["analysis"]["bands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["band"].as_str().unwrap().to_string(),
                b["segments"].as_u64().unwrap(),
                b["words"].as_u64().unwrap(),
            )
        })
        .collect();
    let get = |name: &str| {
        bands
            .iter()
            .find(|b| b.0 == name)
            .map(|b| (b.1, b.2))
            .unwrap()
    };
    // The first sentence is the first unit of its document: in context.
    assert_eq!(get("context-match"), (1, 9));
    // The stored unit holds both sentences; each alone is a fuzzy match.
    assert_eq!(get("repetition"), (1, 6));
    assert_eq!(get("85-94"), (1, 7), "{bands:?}");
    // "Jens … Monday." alone is 6 of the unit's 10 words; "He met Vjosa Osmani." 4 of 10.
    assert_eq!(get("50-74"), (1, 6), "{bands:?}");
    assert_eq!(get("no-match"), (2, 10), "{bands:?}");
    assert_eq!(v["analysis"]["total_segments"], 6);
    let out = String::from_utf8(w.read("new.sq.txt")).unwrap();
    assert!(
        out.starts_with("NATO dërgoi 1.000 trupa në Kosovë pas 24 shtatorit.\n"),
        "{out}"
    );
    assert!(
        out.contains("Serbia mohon çdo lidhje me sulmin.\n"),
        "{out}"
    );
    assert!(
        out.ends_with("Something entirely new is written here.\n"),
        "{out}"
    );
    let r = w
        .run(&["analyze", "new.en.txt", "--from", "en", "--to", "sq"])
        .expect(0);
    assert!(
        r.stdout.contains("in-context 100%         1        9"),
        "{}",
        r.stdout
    );
}

/// The bands of `tm analyze FILE --from en --to sq` with words: (band,
/// segments) of every band that has any.
fn bands(w: &Workdir, file: &str) -> Vec<(String, u64)> {
    let r = w
        .run(&[
            "analyze", file, "--from", "en", "--to", "sq", "--format", "json",
        ])
        .expect(0);
    json(&r.stdout)["analysis"]["bands"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["segments"].as_u64().unwrap() > 0)
        .map(|b| {
            (
                b["band"].as_str().unwrap().to_string(),
                b["segments"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn band_list(v: &[(&str, u64)]) -> Vec<(String, u64)> {
    v.iter().map(|(b, n)| (b.to_string(), *n)).collect()
}

/// In context (ICE, 101%) means the stored unit was preceded by the unit
/// the previous segment matches, or both are the first of their documents.
/// A unit imported from a table belongs to no document: no context is
/// known, so it is a 100% match, wherever the segment stands.
#[test]
fn a_unit_without_a_document_is_never_in_context() {
    let w = Workdir::new();
    w.write(
        "tm.csv",
        "en,sq\nGood morning.,Mirëmëngjes.\nThe meeting starts at nine.,Takimi fillon në nëntë.\nPlease close the door.,Ju lutem mbyllni derën.\n",
    );
    w.run(&["import", "tm.csv"]).expect(0);
    w.write(
        "new.en.txt",
        "Please close the door.\nThe meeting starts at nine.\n",
    );
    assert_eq!(bands(&w, "new.en.txt"), band_list(&[("exact", 2)]));
    w.write(
        "first.en.txt",
        "Good morning.\nThe meeting starts at nine.\n",
    );
    assert_eq!(bands(&w, "first.en.txt"), band_list(&[("exact", 2)]));
}

/// A segment that came earlier in the file is a repetition, whatever its
/// match (as Trados and memoQ count them), after in-context matches: a
/// repeated segment that follows the segment its unit followed is still in
/// context.
#[test]
fn a_repeated_segment_is_a_repetition_even_when_it_matches_exactly() {
    let w = Workdir::new();
    w.write(
        "doc/en.txt",
        "The weekend is here.\nWe go to the lake on Saturday.\n",
    );
    w.write(
        "doc/sq.txt",
        "Fundjava është këtu.\nTë shtunën shkojmë në liqen.\n",
    );
    w.run(&["align", "doc/en.txt", "doc/sq.txt"]).expect(0);
    w.write("tm.csv", "en,sq\nI like apples.,Më pëlqejnë mollët.\n");
    w.run(&["import", "tm.csv"]).expect(0);
    // 100% matches of a unit without a document, repeated.
    w.write(
        "a.en.txt",
        "I like apples.\nSomething new is said.\nI like apples.\nI like apples.\n",
    );
    assert_eq!(
        bands(&w, "a.en.txt"),
        band_list(&[("repetition", 2), ("exact", 1), ("no-match", 1)])
    );
    // The document again, twice: the first copy in context (its first
    // segment is the first of both documents); the second copy's first
    // segment a repetition, its second in context again.
    w.write(
        "b.en.txt",
        "The weekend is here.\nWe go to the lake on Saturday.\nThe weekend is here.\nWe go to the lake on Saturday.\n",
    );
    assert_eq!(
        bands(&w, "b.en.txt"),
        band_list(&[("context-match", 3), ("repetition", 1)])
    );
}

#[test]
fn the_index_follows_replaced_and_merged_units() {
    let w = tm();
    // Replacing the source retires the unit whose sentence changed (its
    // texts become revisions) and stores the new sentence in a new unit.
    w.write("doc/en.txt", EN.replace("troops", "soldiers"));
    w.run(&[
        "align",
        "doc/en.txt",
        "doc/sq.txt",
        "doc/sr-Cyrl.txt",
        "--replace",
    ])
    .expect(0);
    let q = [
        "lookup",
        "NATO sent 1,000 soldiers to Kosovo after September 24.",
        "--from",
        "en",
        "--to",
        "sq",
        "--format",
        "json",
    ];
    let v = json(&w.run(&q).expect(0).stdout);
    assert_eq!(v["matches"].as_array().unwrap().len(), 1, "{v:#}");
    assert_eq!(v["matches"][0]["score"], 100);
    w.run(&["search", "troops"]).expect(1);
    w.run(&["search", "soldiers"]).expect(0);
}

#[test]
fn the_candidate_index_never_misses_what_brute_force_finds() {
    // Seeded generator: near-duplicates and unrelated sentences over a small
    // vocabulary, so that many units sit near every threshold.
    let mut seed = 0x2026_1128_u64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    const WORDS: &[&str] = &[
        "the",
        "NATO",
        "troops",
        "Kosovo",
        "sent",
        "to",
        "after",
        "1,000",
        "24",
        "Serbia",
        "denies",
        "attack",
        "a",
        "of",
        "Monday",
        "Pristina",
        "visited",
        "<b>",
        "</b>",
        ",",
        ".",
        // Variants that share a key: diacritics, apostrophes, case, quotes.
        "Prishtinë",
        "Prishtine",
        "PRISHTINË",
        "Tom’s",
        "Tom's",
        "TOM'S",
        "“",
        "\"",
    ];
    let sentence = |next: &mut dyn FnMut(usize) -> usize| -> String {
        let n = 1 + next(12);
        (0..n)
            .map(|_| WORDS[next(WORDS.len())])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let w = Workdir::new();
    let mut en = String::new();
    let mut sq = String::new();
    for i in 0..300 {
        en.push_str(&sentence(&mut next));
        en.push('\n');
        sq.push_str(&format!("rreshti {i}\n"));
    }
    w.write("p/en.txt", &en);
    w.write("p/sq.txt", &sq);
    w.run(&["align", "p/en.txt", "p/sq.txt", "--segmented"])
        .expect(0);
    let db = w.path("memory/tm.sqlite");
    let mut store = tm::store::Store::open_existing(&db).unwrap();
    let session = store.lookup_session("en", "sq").unwrap();
    for _ in 0..150 {
        let q = sentence(&mut next);
        if tm::lookup::Tokenized::new(&q, tm::text::Folding::Plain).key_len() == 0 {
            continue; // punctuation only: no query
        }
        for min in [30, 50, 75, 90, 100] {
            let opts = tm::lookup::Options { min, limit: 10_000 };
            let key = |m: &tm::lookup::Match| (m.variant_id, m.score);
            let fast: Vec<_> = session.find(&q, opts).unwrap().iter().map(key).collect();
            let slow: Vec<_> = session
                .find_brute_force(&q, opts)
                .unwrap()
                .iter()
                .map(key)
                .collect();
            assert_eq!(fast, slow, "query {q:?}, min {min}");
            // The top 5 are the brute-force top 5.
            let top = tm::lookup::Options { min, limit: 5 };
            let a: Vec<_> = session.find(&q, top).unwrap().iter().map(key).collect();
            assert_eq!(a, slow.iter().take(5).copied().collect::<Vec<_>>());
        }
    }
}

/// Check what the triggers promise after a bulk writer: every variant has
/// its `lookup_terms` row (the tokens of its current text) and its search
/// row (its current text, folded, in its language's column), nothing is
/// left queued or deferred, the triggers are back.
fn check_index(w: &Workdir) {
    let c = rusqlite::Connection::open(w.path("memory/tm.sqlite")).unwrap();
    c.execute(
        "INSERT INTO variants_search (variants_search, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .expect("the FTS5 index is sound");
    let mut stmt = c
        .prepare("SELECT id, lang, text_nfc FROM variants")
        .unwrap();
    let texts: Vec<(i64, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let rows: i64 = c
        .query_row("SELECT count(*) FROM variants_search", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, texts.len() as i64, "one search row per variant");
    for (id, lang, text) in texts {
        let folding = tm::text::Folding::of(&lang);
        let column = match folding {
            tm::text::Folding::Plain => "folded",
            tm::text::Folding::Dj => "folded_sh",
        };
        let words: String = tm::text::fold_with(&text, folding)
            .chars()
            .map(|ch| if ch.is_alphanumeric() { ch } else { ' ' })
            .collect();
        let found: Vec<i64> = c
            .prepare("SELECT rowid FROM variants_search WHERE variants_search MATCH ?1")
            .unwrap()
            .query_map([format!("{column} : \"{words}\"")], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(
            found.contains(&id),
            "{lang} {text:?} is not found as {words:?}"
        );
    }
    let count = |sql: &str| c.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    assert_eq!(count("SELECT count(*) FROM lookup_pending"), 0);
    assert_eq!(count("SELECT count(*) FROM lookup_deferred"), 0);
    assert_eq!(
        count(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'variants'"
        ),
        3
    );
    let mut stmt = c
        .prepare(
            "SELECT v.lang, v.text_nfc, t.tokens FROM variants v
             LEFT JOIN lookup_terms t ON t.variant_id = v.id AND t.lang = v.lang",
        )
        .unwrap();
    let rows: Vec<(String, String, Option<Vec<u8>>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        count("SELECT count(*) FROM lookup_terms"),
        rows.len() as i64
    );
    for (lang, text, tokens) in rows {
        let tokens = tokens.unwrap_or_else(|| panic!("no lookup_terms for {text:?}"));
        let words: Vec<String> = tokens
            .chunks_exact(4)
            .map(|b| {
                let id = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                c.query_row("SELECT token FROM lookup_vocab WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .unwrap()
            })
            .collect();
        let folding = tm::text::Folding::of(&lang);
        assert_eq!(
            words,
            tm::lookup::Tokenized::new(&text, folding).keys(),
            "{text}"
        );
    }
}

#[test]
fn the_index_follows_imports_with_replaced_units() {
    let w = tm();
    let head = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"en\"/>\n<body>\n";
    let tu = |en: &str, sq: &str| {
        format!(
            "<tu><tuv xml:lang=\"en\"><seg>{en}</seg></tuv><tuv xml:lang=\"sq\"><seg>{sq}</seg></tuv></tu>\n"
        )
    };
    // The two green doors are alternatives the file holds: both are kept.
    let tmx = format!(
        "{head}{}{}{}{}</body></tmx>",
        tu(
            "Serbia denies any connection with the attack.",
            "Serbia mohon çdo lidhje me sulmin e djeshëm."
        ),
        tu("A green door opens slowly.", "Një derë jeshile hapet."),
        tu("A small red house.", "Një shtëpi e vogël e kuqe."),
        tu("A green door opens slowly.", "Dera jeshile hapet ngadalë."),
    );
    w.write("in.tmx", tmx);
    w.run(&["import", "in.tmx", "--on-conflict", "replace"])
        .expect(0);
    check_index(&w);
    w.run(&["search", "djeshëm"]).expect(0);
    w.run(&["search", "ngadalë"]).expect(0);
    w.run(&["search", "derë"]).expect(0);
    w.run(&["search", "shtëpi"]).expect(0);
    let v = json(
        &w.run(&[
            "lookup",
            "A green door opens slowly.",
            "--from",
            "en",
            "--to",
            "sq",
            "--format",
            "json",
        ])
        .expect(0)
        .stdout,
    );
    assert_eq!(v["matches"][0]["score"], 100, "{v:#}");
    assert_eq!(v["matches"][1]["score"], 100, "{v:#}");
    // Importing it again changes nothing.
    w.run(&["import", "in.tmx", "--on-conflict", "replace"])
        .expect(0);
    check_index(&w);

    // The first unit gives a TM unit a Serbian text, the second conflicts
    // with its Albanian one: replaced, and so is the Serbian text this
    // import wrote two lines up (no revision of that one).
    let tu3 = |sq: &str, sr: &str| {
        format!(
            "<tu><tuv xml:lang=\"en\"><seg>A small red house.</seg></tuv>{sq}<tuv xml:lang=\"sr-Latn\"><seg>{sr}</seg></tuv></tu>\n"
        )
    };
    let tmx = format!(
        "{head}{}{}</body></tmx>",
        tu3("", "Mala crvena kuća."),
        tu3(
            "<tuv xml:lang=\"sq\"><seg>Një shtëpi e kuqe.</seg></tuv>",
            "Mala crvena kućica."
        ),
    );
    w.write("more.tmx", tmx);
    let r = w
        .run(&["import", "more.tmx", "--on-conflict", "replace"])
        .expect(0);
    assert!(
        r.stdout
            .contains("1 merged into TM units, 1 conflict (1 replaced"),
        "{}",
        r.stdout
    );
    check_index(&w);
    w.run(&["search", "kućica"]).expect(0);
    w.run(&["search", "kuća"]).expect(1);
    w.run(&["search", "vogël"]).expect(1);
}

/// NTREX-128 line 1492 (68 words), as an exploratory tester imported it.
const NTREX_1492_EN: &str = "And yet, it goes beyond being an informed citizen when you find yourself on hour six of watching a panel of experts debate Bob Woodward's use of \"\"deep background\"\" sourcing for his book \"\"Fear,\"\" Paul Manafort's $15,000 ostrich-leather bomber jacket (\"\"a garment thick with hubris,\"\" The Washington Post said) and the implications of Stormy Daniels's lurid descriptions of Mr. Trump's, um, anatomy.";
const NTREX_1492_SR: &str = "A ipak, otišli ste malo dalje od opšte informisanosti kada shvatite da ste šest sati gledali panel stručnjaka kako raspravlja o tome kako je Bob Vudvard koristio „duboku pozadinu” za svoju knjigu „Strah”, o pilotskoj kožnoj jakni Pola Manaforta od nojeve kože, vrednoj 15.000 dolara („odelo sa debelom postavom oholosti”, kako je Vašington post rekao) i implikacijama preterano slikovitih opisa Trampovog, ahm, dela anatomije od strane Stormi Danijels.";

#[test]
fn a_long_sentence_in_the_other_script_is_a_99_match() {
    let w = Workdir::new();
    w.write(
        "one.csv",
        format!("en,sr-Latn\n\"{NTREX_1492_EN}\",\"{NTREX_1492_SR}\"\n"),
    );
    w.run(&["import", "one.csv"]).expect(0);
    let cyr = tm::text::lat_to_cyr(NTREX_1492_SR);
    let r = w
        .run(&[
            "lookup", &cyr, "--from", "sr-Latn", "--to", "en", "--format", "json",
        ])
        .expect(0);
    let v = json(&r.stdout);
    let m = &v["matches"][0];
    assert_eq!(m["score"], 99, "{m:#}");
    assert_eq!(m["detail"]["distance"], 0, "{m:#}");
    assert!(m["detail"]["minor"].as_u64().unwrap() > 60, "{m:#}");
    w.write("q.sr.txt", format!("{cyr}\n"));
    let r = w
        .run(&[
            "analyze", "q.sr.txt", "--from", "sr-Latn", "--to", "en", "--format", "json",
        ])
        .expect(0);
    let v = json(&r.stdout);
    assert_eq!(v["analysis"]["segments"][0]["band"], "95-99", "{v:#}");
}

/// A TMX unit with paired, placeholder and isolated codes (Okapi's style).
const OKAPI_TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="okapi" creationtoolversion="1" segtype="sentence" o-tmf="okp" adminlang="en" srclang="en-US" datatype="xml"></header><body>
<tu tuid="ok1">
<tuv xml:lang="en-US"><seg>Click <bpt i="1" x="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> then <ph x="2" type="image">&lt;img src="a.png"/&gt;</ph> and <it pos="begin" x="3">&lt;i&gt;</it>more</seg></tuv>
<tuv xml:lang="sr-Latn-RS"><seg>Kliknite <bpt i="1" x="1">&lt;b&gt;</bpt>Sačuvaj<ept i="1">&lt;/b&gt;</ept> pa <ph x="2" type="image">&lt;img src="a.png"/&gt;</ph> i <it pos="begin" x="3">&lt;i&gt;</it>još</seg></tuv>
</tu>
<tu tuid="ok3">
<tuv xml:lang="en-US"><seg>Use the <hi type="x-term">Start</hi> menu and press OK.</seg></tuv>
<tuv xml:lang="sr-Latn-RS"><seg>Koristite meni <hi type="x-term">Start</hi> i pritisnite OK.</seg></tuv>
</tu>
</body></tmx>
"#;

/// A TM holding the Okapi TMX unit with inline codes.
fn okapi_tm() -> Workdir {
    let w = Workdir::new();
    w.write("okapi.tmx", OKAPI_TMX);
    w.run(&["import", "okapi.tmx"]).expect(0);
    w
}

/// `tm lookup QUERY` in the Okapi TM, en-US → sr-Latn-RS, from 50%.
fn okapi_lookup(w: &Workdir, query: &str, format: &str) -> crate::workdir::Run {
    w.run(&[
        "lookup",
        query,
        "--from",
        "en-US",
        "--to",
        "sr-Latn-RS",
        "--min",
        "50",
        "--format",
        format,
    ])
}

#[test]
fn stored_inline_codes_are_tags_when_scoring_and_shown_in_the_answer() {
    let w = okapi_tm();
    let lookup = |query: &str, format: &str| okapi_lookup(&w, query, format);
    // The query with the codes is the stored segment: 100, codes shown.
    let tagged = r#"Click <b>Save</b> then <img src="a.png"/> and <i>more"#;
    assert_eq!(
        lookup(tagged, "text").expect(0).stdout,
        "100%  unit 1\n  en-US       Click <b>Save</b> then <img src=\"a.png\"/> and <i>more\n  sr-Latn-RS  Kliknite <b>Sačuvaj</b> pa <img src=\"a.png\"/> i <i>još\n"
    );
    let v = json(&lookup(tagged, "json").expect(0).stdout);
    let m = &v["matches"][0];
    assert_eq!(m["score"], 100, "{m:#}");
    assert_eq!(m["translation"], "Kliknite Sačuvaj pa  i još");
    assert_eq!(
        m["translation_markup"],
        r#"Kliknite <bpt i="1" x="1">&lt;b&gt;</bpt>Sačuvaj<ept i="1">&lt;/b&gt;</ept> pa <ph x="2" type="image">&lt;img src="a.png"/&gt;</ph> i <it pos="begin" x="3">&lt;i&gt;</it>još"#
    );
    assert!(m["source_markup"].is_string(), "{m:#}");
    // Without its codes the text is not the stored segment: four tags missing.
    let m = &json(&lookup("Click Save then and more", "json").expect(0).stdout)["matches"][0];
    assert_eq!(
        (
            &m["score"],
            &m["detail"]["distance"],
            &m["detail"]["length"]
        ),
        (
            &serde_json::json!(55),
            &serde_json::json!(4),
            &serde_json::json!(9)
        ),
        "{m:#}"
    );
    // Other codes in the same places: a point each.
    let m = &json(
        &lookup("Click {1}Save{/1} then {2} and {3}more", "json")
            .expect(0)
            .stdout,
    )["matches"][0];
    assert_eq!(
        (&m["score"], &m["detail"]["distance"], &m["detail"]["small"]),
        (
            &serde_json::json!(96),
            &serde_json::json!(0),
            &serde_json::json!(4)
        ),
        "{m:#}"
    );
    // `hi` marks a term, not a code of the document: no tag, no markup field.
    let m = &json(
        &lookup("Use the Start menu and press OK.", "json")
            .expect(0)
            .stdout,
    )["matches"][0];
    assert_eq!(m["score"], 100, "{m:#}");
    assert!(m.get("translation_markup").is_none(), "{m:#}");
    assert_eq!(m["translation"], "Koristite meni Start i pritisnite OK.");
}

#[test]
fn a_sentence_typed_in_capitals_is_a_99_match_below_the_exact_one() {
    let w = Workdir::new();
    let heading = "PRESIDENT OSMANI SAID THE TALKS WOULD CONTINUE.";
    w.write(
        "one.csv",
        format!(
            "en,sr-Latn\n\
             \"{NTREX_1492_EN}\",\"{NTREX_1492_SR}\"\n\
             President Osmani said the talks would continue.,Predsednica Osmani je rekla da će se razgovori nastaviti.\n\
             {heading},PREDSEDNICA OSMANI: RAZGOVORI ĆE SE NASTAVITI.\n"
        ),
    );
    w.run(&["import", "one.csv"]).expect(0);
    let lookup = |query: &str, format: &str| {
        w.run(&[
            "lookup", query, "--from", "en", "--to", "sr-Latn", "--format", format,
        ])
        .expect(0)
        .stdout
    };
    // The exact text first, the one that differs in case throughout next:
    // one point, shown in the diff.
    assert_eq!(
        lookup(heading, "text"),
        "100%  unit 3\n  en       PRESIDENT OSMANI SAID THE TALKS WOULD CONTINUE.\n  sr-Latn  PREDSEDNICA OSMANI: RAZGOVORI ĆE SE NASTAVITI.\n \
         99%  unit 2\n  en       President Osmani said the talks would continue.\n  diff     [-President Osmani said the talks would continue-]{+PRESIDENT OSMANI SAID THE TALKS WOULD CONTINUE+}.\n  sr-Latn  Predsednica Osmani je rekla da će se razgovori nastaviti.\n"
    );
    let v = json(&lookup(
        "President Osmani said the talks would continue.",
        "json",
    ));
    let scores: Vec<_> = v["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["unit_id"].as_i64().unwrap(), m["score"].as_u64().unwrap()))
        .collect();
    assert_eq!(scores, [(2, 100), (3, 99)], "{v:#}");
    // However long: the 62-word NTREX sentence in capitals scored 39.
    let v = json(&lookup(
        &NTREX_1492_EN.replace("\"\"", "\"").to_uppercase(),
        "json",
    ));
    let m = &v["matches"][0];
    assert_eq!(
        (&m["unit_id"], &m["score"], &m["detail"]["small"]),
        (
            &serde_json::json!(1),
            &serde_json::json!(99),
            &serde_json::json!(1)
        ),
        "{m:#}"
    );
}

#[test]
fn a_placeholder_typed_where_a_code_is_stored_is_one_tag_replaced() {
    let w = okapi_tm();
    let lookup = |query: &str, format: &str| okapi_lookup(&w, query, format).expect(0).stdout;
    // Each code replaced whole by what the query has in its place.
    let text = lookup("Click {1}Save{/1} then %1$s and {{x}}more", "text");
    assert_eq!(
        text.lines().nth(2).unwrap(),
        "  diff        Click [-<b>-]{+{1}+}Save[-</b>-]{+{/1}+} then [-<img src=\"a.png\"/>-]{+%1$s+} and [-<i>-]{+{{x}}+}more",
        "{text}"
    );
    // Four tags of other content: a point each.
    for query in [
        "Click {1}Save{/1} then %1$s and {{x}}more",
        "Click %s Save $END then &amp; and ${x} more",
    ] {
        let v = json(&lookup(query, "json"));
        let m = &v["matches"][0];
        assert_eq!(
            (&m["score"], &m["detail"]["distance"], &m["detail"]["small"]),
            (
                &serde_json::json!(96),
                &serde_json::json!(0),
                &serde_json::json!(4)
            ),
            "{query}: {m:#}"
        );
    }
    let v = json(&lookup(
        "Click %s Save $END then &amp; and ${x} more",
        "json",
    ));
    let parts: Vec<(String, String)> = v["matches"][0]["diff"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["op"].as_str().unwrap().into(),
                p["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    let changed: Vec<&str> = parts
        .iter()
        .filter(|(op, _)| op != "equal")
        .map(|(_, t)| t.trim_end())
        .collect();
    assert_eq!(
        changed,
        [
            "<b>",
            "%s",
            "</b>",
            "$END",
            "<img src=\"a.png\"/>",
            "&amp;",
            "<i>",
            "${x}"
        ],
        "{parts:?}"
    );
    // A stored text that has the placeholder as text is that placeholder.
    w.write(
        "p.tsv",
        "en-US\tsr-Latn-RS\nDelete %s and {{count}} more files?\tObrisati %s i još {{count}} datoteka?\n",
    );
    w.run(&["import", "p.tsv"]).expect(0);
    let v = json(&lookup("Delete %s and {{count}} more files?", "json"));
    assert_eq!(v["matches"][0]["score"], 100, "{v:#}");
    let v = json(&lookup("Delete {0} and {{n}} more files?", "json"));
    let m = &v["matches"][0];
    assert_eq!(
        (&m["score"], &m["detail"]["distance"], &m["detail"]["small"]),
        (
            &serde_json::json!(98),
            &serde_json::json!(0),
            &serde_json::json!(2)
        ),
        "{m:#}"
    );
}

#[test]
fn a_query_in_the_other_serbian_script_is_diffed_in_the_stored_script() {
    let w = tm();
    // Typed in Latin against a Cyrillic unit, one word changed: the diff
    // shows that word, not every word replaced by its transliteration.
    let r = w
        .run(&[
            "lookup",
            "Srbija poriče bilo kakvu vezu sa napadima.",
            "--from",
            "sr-Cyrl",
            "--to",
            "en",
        ])
        .expect(0);
    let diff = r
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("diff"))
        .unwrap_or_else(|| panic!("no diff line: {}", r.stdout));
    assert!(
        diff.contains("Србија пориче било какву везу са напад[-о-]{+и+}м{+а+}."),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("typed in Latin, shown in Cyrillic"),
        "{}",
        r.stdout
    );
}

/// Serbian Cyrillic news keeps Latin names and acronyms (`Rady`, `KSWB`):
/// a unit with a Latin word is still Cyrillic, so a query typed in Latin is
/// diffed in Cyrillic, and the Latin words stay as they are written.
#[test]
fn a_cyrillic_unit_with_latin_names_is_diffed_in_cyrillic() {
    let w = Workdir::new();
    w.write(
        "n.tsv",
        "sr-Cyrl\ten\n\
         Дечак је хеликоптером превезен у дечју болницу Rady у Сан Дијегу и налази се у критичном стању.\t\
         The boy was flown to Rady Children's Hospital in San Diego and is in critical condition.\n",
    );
    w.run(&["import", "n.tsv"]).expect(0);
    let r = w
        .run(&[
            "lookup",
            "Dečak je helikopterom prevezen u dečju bolnicu Rady u San Dijegu i nalazi se u KSWB stanju.",
            "--from",
            "sr-Cyrl",
            "--to",
            "en",
            "--min",
            "40",
        ])
        .expect(0);
    let diff = r
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("diff"))
        .unwrap_or_else(|| panic!("no diff line: {}", r.stdout));
    assert!(
        diff.contains("болницу Rady у Сан Дијегу и налази се у [-критичном-]{+KSWB+} стању."),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("typed in Latin, shown in Cyrillic"),
        "{}",
        r.stdout
    );
}

#[test]
fn the_json_diff_of_a_query_in_the_other_serbian_script_is_in_the_stored_script() {
    let w = tm();
    let v = json(
        &w.run(&[
            "lookup",
            "Srbija poriče bilo kakvu vezu sa napadima.",
            "--from",
            "sr-Cyrl",
            "--to",
            "en",
            "--format",
            "json",
        ])
        .expect(0)
        .stdout,
    );
    let m = &v["matches"][0];
    // As the text output draws it: one word changed, not every word
    // replaced by its transliteration.
    let changed: Vec<(&str, &str)> = m["diff"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["op"] != "equal")
        .map(|p| (p["op"].as_str().unwrap(), p["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        changed,
        [("delete", "нападом"), ("insert", "нападима")],
        "{m:#}"
    );
    let whole: String = m["diff"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["op"] != "delete")
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(whole, "Србија пориче било какву везу са нападима.", "{m:#}");
    assert_eq!(m["query_transliterated"], "latin-to-cyrillic", "{m:#}");
    // A query in the stored script has no such field.
    let v = json(
        &w.run(&[
            "lookup",
            "Србија пориче било какву везу са нападима.",
            "--from",
            "sr-Cyrl",
            "--to",
            "en",
            "--format",
            "json",
        ])
        .expect(0)
        .stdout,
    );
    assert!(
        v["matches"][0].get("query_transliterated").is_none(),
        "{v:#}"
    );
}

/// The `jq` path of a help example (`jq .bands`, `jq '.matches[0].score'`)
/// as a JSON pointer (`/bands`, `/matches/0/score`).
fn jq_pointer(help: &str) -> String {
    let at = help.find("| jq ").expect("an example piped to jq") + "| jq ".len();
    let path = help[at..]
        .split_whitespace()
        .next()
        .unwrap()
        .trim_matches('\'');
    path.replace('[', ".")
        .replace(']', "")
        .split('.')
        .filter(|p| !p.is_empty())
        .map(|p| format!("/{p}"))
        .collect()
}

/// Each help example that pipes JSON to `jq` names a path the JSON has.
#[test]
fn help_examples_name_paths_the_json_has() {
    let w = tm();
    w.write(
        "new.en.txt",
        "Serbia denies any connection with the attack.\n",
    );
    let runs: [(&str, &[&str]); 3] = [
        (
            "analyze",
            &["analyze", "new.en.txt", "--from", "en", "--to", "sq"],
        ),
        (
            "lookup",
            &[
                "lookup",
                "Serbia denies any connection with the attacks.",
                "--from",
                "en",
                "--to",
                "sq",
            ],
        ),
        ("stats", &["stats"]),
    ];
    for (command, args) in runs {
        let help = w.run(&[command, "--help"]).expect(0).stdout;
        let pointer = jq_pointer(&help);
        let out = w.run(&[args, &["--format", "json"][..]].concat()).stdout;
        let value = json(&out);
        assert!(
            value.pointer(&pointer).is_some(),
            "tm {command} --help: no {pointer} in {value:#}"
        );
    }
}

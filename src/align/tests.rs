//! Unit tests of the aligner on small hand-made bitexts.

use super::*;

fn side<'a>(lang: &'a str, sentences: &[&'a str]) -> Side<'a> {
    Side {
        lang,
        sentences: sentences.to_vec(),
        paragraphs: Vec::new(),
    }
}

fn shapes(beads: &[Bead]) -> Vec<(Range<usize>, Range<usize>)> {
    beads
        .iter()
        .map(|b| (b.src.clone(), b.tgt.clone()))
        .collect()
}

fn covers(beads: &[Bead], n: usize, m: usize) {
    let (mut i, mut j) = (0, 0);
    for b in beads {
        assert_eq!(b.src.start, i);
        assert_eq!(b.tgt.start, j);
        assert!(!(b.src.is_empty() && b.tgt.is_empty()));
        assert!((0.0..=1.0).contains(&b.confidence));
        i = b.src.end;
        j = b.tgt.end;
    }
    assert_eq!((i, j), (n, m));
}

#[test]
fn empty_sides_give_null_beads() {
    let s = side("en", &["One.", "Two."]);
    let t = side("sq", &[]);
    let b = align(&s, &t, &Config::default());
    assert_eq!(shapes(&b), vec![(0..1, 0..0), (1..2, 0..0)]);
}

const EN: &[&str] = &[
    "NATO Secretary General Jens Stoltenberg visited Pristina on Monday.",
    "He met the commander of KFOR and thanked the 4,500 soldiers for their service.",
    "The mission has been in Kosovo since 1999.",
    "Why does it matter?",
    "Because stability in the region depends on it: without it, there is no progress.",
    "Stoltenberg then travelled to Belgrade.",
];

const SR: &[&str] = &[
    "Generalni sekretar NATO-a Jens Stoltenberg posetio je Prištinu u ponedeljak.",
    "Sastao se sa komandantom KFOR-a.",
    "Zahvalio je za službu 4.500 vojnika.",
    "Misija je na Kosovu od 1999. godine.",
    "Zašto je to važno?",
    "Zato što od toga zavisi stabilnost u regionu: bez nje nema napretka.",
    "Stoltenberg je potom otputovao u Beograd.",
];

#[test]
fn splits_and_anchors_are_found() {
    let b = align(&side("en", EN), &side("sr", SR), &Config::default());
    covers(&b, EN.len(), SR.len());
    assert_eq!(
        shapes(&b),
        vec![
            (0..1, 0..1),
            (1..2, 1..3),
            (2..3, 3..4),
            (3..4, 4..5),
            (4..5, 5..6),
            (5..6, 6..7),
        ]
    );
}

#[test]
fn cyrillic_and_latin_align_one_to_one() {
    let cyr: Vec<String> = SR.iter().map(|s| crate::text::lat_to_cyr(s)).collect();
    let cyr: Vec<&str> = cyr.iter().map(String::as_str).collect();
    let b = align(
        &side("sr-Latn", SR),
        &side("sr-Cyrl", &cyr),
        &Config::default(),
    );
    assert_eq!(b.len(), SR.len());
    for (k, bead) in b.iter().enumerate() {
        assert_eq!((bead.src.clone(), bead.tgt.clone()), (k..k + 1, k..k + 1));
        assert!(bead.confidence > 0.9, "bead {k}: {}", bead.confidence);
    }
}

#[test]
fn an_untranslated_sentence_becomes_a_null_bead() {
    let mut sr: Vec<&str> = SR.to_vec();
    sr.insert(
        4,
        "Fotografija: arhiva, 12. mart 2021, sa konferencije za novinare u Prištini.",
    );
    let b = align(&side("en", EN), &side("sr", &sr), &Config::default());
    covers(&b, EN.len(), sr.len());
    assert!(b.iter().any(|x| x.src.is_empty() && x.tgt == (4..5)));
}

#[test]
fn corresponding_paragraphs_bound_the_search() {
    // Two paragraphs of three sentences; all the same length, so only the
    // paragraph boundary tells where the second paragraph starts.
    let en = [
        "aaaa aaaa.",
        "bbbb bbbb.",
        "cccc cccc.",
        "dddd dddd.",
        "eeee eeee.",
    ];
    let fr = [
        "xxxx xxxx.",
        "yyyy yyyy.",
        "zzzz zzzz.",
        "wwww wwww.",
        "vvvv vvvv.",
    ];
    let mut s = side("en", &en);
    let mut t = side("fr", &fr);
    s.paragraphs = vec![0, 0, 1, 1, 1];
    t.paragraphs = vec![0, 0, 1, 1, 1];
    let b = align(&s, &t, &Config::default());
    covers(&b, 5, 5);
    assert!(b.iter().all(|x| x.src.len() == 1 && x.tgt.len() == 1));
    // Paragraph counts differ: the structure is ignored, the result still covers both.
    t.paragraphs = vec![0, 0, 0, 1, 1];
    s.paragraphs = vec![0, 1, 2, 3, 4];
    let b = align(&s, &t, &Config::default());
    covers(&b, 5, 5);
}

#[test]
fn an_added_paragraph_is_a_null_bead() {
    // The translation has a paragraph the source lacks (an editor's note):
    // paragraph counts differ, so the sides are aligned whole, and the
    // note must not be glued to the sentence before or after it.
    let en = [
        "The council met on 12 March in Pristina.",
        "It approved the budget for 2024 after a long debate.",
        "The opposition voted against 17 of the articles.",
        "The session ended late in the evening.",
    ];
    let sr = [
        "Veće se sastalo 12. marta u Prištini.",
        "Usvojilo je budžet za 2024. posle duge rasprave.",
        "Napomena urednika: tekst je skraćen.",
        "Opozicija je glasala protiv 17 članova.",
        "Sednica je završena kasno uveče.",
    ];
    let mut s = side("en", &en);
    let mut t = side("sr-Latn", &sr);
    s.paragraphs = vec![0, 0, 1, 1];
    t.paragraphs = vec![0, 0, 1, 2, 2];
    let null = |b: &[Bead]| b.iter().any(|x| x.src.is_empty() && x.tgt == (2..3));
    let b = align(&s, &t, &Config::default());
    covers(&b, 4, 5);
    assert!(null(&b), "{:?}", shapes(&b));
    let free = Config {
        paragraph_cost: 0.0,
        ..Config::default()
    };
    let b = align(&s, &t, &free);
    assert!(
        !null(&b),
        "without the cost the note is merged: {:?}",
        shapes(&b)
    );
}

#[test]
fn long_documents_stay_in_a_narrow_band() {
    // 3,000 sentence pairs with a numbered anchor each and a deleted target
    // sentence every 500: the band must follow the drift.
    let src: Vec<String> = (0..3000)
        .map(|i| format!("Sentence number {i} of the source text, with words."))
        .collect();
    let tgt: Vec<String> = (0..3000)
        .filter(|i| i % 500 != 250)
        .map(|i| format!("Rečenica broj {i} ciljnog teksta, sa rečima."))
        .collect();
    let s: Vec<&str> = src.iter().map(String::as_str).collect();
    let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
    let b = align(&side("en", &s), &side("sr", &t), &Config::default());
    covers(&b, s.len(), t.len());
    let odd: Vec<_> = b
        .iter()
        .filter(|x| x.src.len() != 1 || x.tgt.len() != 1)
        .map(|x| (x.src.clone(), x.tgt.clone()))
        .collect();
    assert_eq!(odd.len(), 6, "{odd:?}");
    assert!(
        odd.iter()
            .all(|(s, t)| s.len() == 1 && t.is_empty() && s.start % 500 == 250),
        "{odd:?}"
    );
}

fn place_glossary() -> Arc<crate::glossary::Glossary> {
    let toml = r#"
[[concept]]
id = "belgrade"
type = "place"
en = ["Belgrade"]
sq = ["Beograd"]

[[concept]]
id = "moscow"
type = "place"
en = ["Moscow"]
sq = ["Moskë"]
"#;
    Arc::new(crate::glossary::file::parse("test.toml", toml).unwrap().0)
}

#[test]
fn a_concept_named_on_both_sides_anchors_the_pair() {
    // The Albanian text has one sentence too many, next to the translation
    // of English sentence 1 and of the same length; they share no spelling
    // with it. Only the glossary ("Beograd" = Belgrade, "Moskës" = Moscow,
    // inflected) tells which of the two translates it, in either order.
    let en = [
        "Talks resumed in the capital on Monday morning.",
        "The envoy arrived in Belgrade late in the evening.",
        "Officials say that the next round will be held in May.",
        "About 40 delegates from 12 countries took part in it.",
        "The 2024 budget was not on the agenda.",
    ];
    let right = "I dërguari mbërriti në Beograd vonë në mbrëmje.";
    let extra = "Delegacioni tjetër u nis drejt Moskës pasdite.";
    let with = Config {
        glossary: Some(place_glossary()),
        ..Config::default()
    };
    for (order, want) in [
        (
            [extra, right],
            vec![(0..1, 0..1), (1..1, 1..2), (1..2, 2..3)],
        ),
        (
            [right, extra],
            vec![(0..1, 0..1), (1..2, 1..2), (2..2, 2..3)],
        ),
    ] {
        let sq = [
            "Bisedimet rifilluan në kryeqytet të hënën në mëngjes.",
            order[0],
            order[1],
            "Zyrtarët thonë se raundi tjetër do të mbahet në maj.",
            "Morën pjesë rreth 40 delegatë nga 12 vende.",
            "Buxheti i vitit 2024 nuk ishte në rend dite.",
        ];
        let b = align(&side("en", &en), &side("sq", &sq), &with);
        covers(&b, 5, 6);
        let mut want = want;
        want.extend([(2..3, 3..4), (3..4, 4..5), (4..5, 5..6)]);
        assert_eq!(shapes(&b), want, "{order:?}");
        // Without the glossary nothing tells the two apart: the extra
        // sentence is merged into the translation.
        let b = align(&side("en", &en), &side("sq", &sq), &Config::default());
        assert_ne!(shapes(&b), want, "{order:?} without the glossary");
    }
}

#[test]
fn without_a_glossary_concepts_change_nothing() {
    let with = Config {
        glossary: Some(place_glossary()),
        ..Config::default()
    };
    // Serbian has no term in this glossary: the same beads as without it.
    let a = align(&side("en", EN), &side("sr", SR), &with);
    let b = align(&side("en", EN), &side("sr", SR), &Config::default());
    assert_eq!(a, b);
}

#[test]
fn a_carried_lexicon_learns_and_leaves_the_first_document_alone() {
    let mut lex = Lexicon::new();
    assert!(lex.is_empty());
    let s = side("en", EN);
    let t = side("sr", SR);
    let cold = align(&s, &t, &Config::default());
    let carried = align_with(&s, &t, &Config::default(), Some(&mut lex));
    // An empty lexicon changes nothing; the document teaches it.
    assert_eq!(shapes(&cold), shapes(&carried));
    assert!(!lex.is_empty());
    assert!(
        lex.prob("stoltenberg", "stoltenberg") > 0.3,
        "{}",
        lex.prob("stoltenberg", "stoltenberg")
    );
    // The second time, with what the first taught, the same beads.
    let again = align_with(&s, &t, &Config::default(), Some(&mut lex));
    assert_eq!(shapes(&cold), shapes(&again));
    assert_eq!(lex.prob("unknown", "stoltenberg"), 0.0);
}

#[test]
fn a_lexicon_learns_word_translations_from_known_pairs() {
    let pairs = [
        ("The house is big.", "Shtëpia është e madhe."),
        ("The house is old.", "Shtëpia është e vjetër."),
        ("The car is old.", "Makina është e vjetër."),
        ("The car is red.", "Makina është e kuqe."),
        ("The garden is big.", "Kopshti është i madh."),
    ];
    let mut lexicon = Lexicon::new();
    lexicon.learn(&pairs, &Config::default());
    assert!(!lexicon.is_empty());
    // Folded words: lower case, diacritics off.
    let p = |s: &str, t: &str| lexicon.prob(s, t);
    assert!(p("house", "shtepia") > p("house", "makina"));
    assert!(p("car", "makina") > p("car", "shtepia"));
    assert!(p("car", "makina") > p("car", "eshte"));
}

#[test]
fn a_bead_that_joins_a_headline_to_the_next_sentence_pays_for_it() {
    let src = [
        "Yoko Ono at the Venice Biennale",
        "The Nefertiti project was the most debated work.",
        "The restorers found the line cut",
        "in two by the scanner.",
    ];
    let tgt = [
        "Yoko Ono në Bienalen e Venecias",
        "Projekti Nefertiti ishte vepra më e diskutuar.",
        "Restauruesit e gjetën rreshtin të prerë",
        "më dysh nga skaneri.",
    ];
    let config = Config::default();
    let (mut keys, mut words) = (Interner::default(), Interner::default());
    let raw_s = features::raw_side(&src, &config.anchors, &mut keys, &mut words);
    let raw_t = features::raw_side(&tgt, &config.anchors, &mut keys, &mut words);
    let feats = features::weigh(&raw_s, &raw_t, &keys, config.glossary_weight);
    let length = LengthModel {
        ratio: 1.0,
        variance: config.variance,
    };
    let two_two = SHAPES.iter().position(|s| (s.0, s.1) == (2, 2)).unwrap();
    let cost = |headline_cost: f64, i: usize| {
        let c = Config {
            headline_cost,
            ..Config::default()
        };
        make_scorer(&feats, length, None, &c).cost(two_two, (i, i + 2), (i, i + 2), None, None, 0)
    };
    // Headline + sentence on both sides: charged once per side.
    assert!((cost(7.0, 0) - cost(0.0, 0) - 14.0).abs() < 1e-9);
    // A sentence + a line without punctuation that ends the bead: not joined.
    assert_eq!(cost(7.0, 1), cost(0.0, 1));
    // A line without punctuation followed by a fragment is a cut sentence.
    assert_eq!(cost(7.0, 2), cost(0.0, 2));
}

/// A made-up language pair whose words translate one for one (`soXY` →
/// `taXY`): 40 sentence pairs of 12–21 words, from which the second pass's
/// Model 1 learns the words. The translation of source sentence 20 leaves
/// out its last two words, and after it comes a sentence of `added` words
/// that nothing on the source side translates (`zuXY`).
fn added_in_text(seed: u64, added: usize) -> (Vec<String>, Vec<String>) {
    let mut state = seed;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n
    };
    let word = |prefix: &str, k: usize| {
        let letter = |x: usize| (b'a' + (x % 26) as u8) as char;
        format!("{prefix}{}{}", letter(k / 26), letter(k))
    };
    let (mut src, mut tgt) = (Vec::new(), Vec::new());
    for k in 0..40 {
        let short = if k == 20 { 2 } else { 0 };
        let ids: Vec<usize> = (0..12 + next(10) + short).map(|_| next(80)).collect();
        let s: Vec<String> = ids.iter().map(|&i| word("so", i)).collect();
        let t: Vec<String> = ids[..ids.len() - short]
            .iter()
            .map(|&i| word("ta", i))
            .collect();
        src.push(format!("{}.", s.join(" ")));
        tgt.push(format!("{}.", t.join(" ")));
        if k == 20 {
            let x: Vec<String> = (0..added).map(|_| word("zu", next(80))).collect();
            tgt.push(format!("{}.", x.join(" ")));
        }
    }
    (src, tgt)
}

#[test]
fn a_long_sentence_nothing_translates_is_not_glued_to_its_neighbour() {
    for seed in 1..=4 {
        let (src, tgt) = added_in_text(seed, 14);
        let s: Vec<&str> = src.iter().map(String::as_str).collect();
        let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
        let run = |config: &Config| shapes(&align(&side("xx", &s), &side("yy", &t), config));
        // The length model alone would take the added sentence in with
        // sentence 20, whose translation is a little short.
        let without = Config {
            support_cost: 0.0,
            ..Config::default()
        };
        let glued = align(&side("xx", &s), &side("yy", &t), &without);
        assert!(shapes(&glued).contains(&(20..21, 20..22)), "seed {seed}");
        // The sentence the charge would have kept apart is the one the
        // bead names as unsupported (the same measure).
        let bead = glued.iter().find(|b| b.tgt == (20..22)).unwrap();
        assert_eq!(
            bead.unsupported,
            [Unsupported {
                side: BeadSide::Target,
                sentence: 21
            }],
            "seed {seed}"
        );
        let beads = run(&Config::default());
        assert!(beads.contains(&(20..21, 20..21)), "seed {seed}: {beads:?}");
        assert!(beads.contains(&(21..21, 21..22)), "seed {seed}: {beads:?}");
    }
}

/// A sentence too short for the support charge (fewer than
/// `support_words`) stays glued to its neighbour, in a bead the aligner is
/// sure of; the bead names it as a sentence nothing on the other side
/// translates, so review points at it. No other bead names one.
#[test]
fn a_short_sentence_nothing_translates_is_named_in_its_bead() {
    for seed in 1..=4 {
        let (src, tgt) = added_in_text(seed, 6);
        let s: Vec<&str> = src.iter().map(String::as_str).collect();
        let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
        let beads = align(&side("xx", &s), &side("yy", &t), &Config::default());
        let glued = beads
            .iter()
            .find(|b| b.tgt.contains(&21))
            .expect("every sentence is in a bead");
        assert_eq!(
            (glued.src.clone(), glued.tgt.clone()),
            (20..21, 20..22),
            "seed {seed}"
        );
        assert!(glued.confidence >= 0.6, "seed {seed}: {glued:?}");
        assert_eq!(
            glued.unsupported,
            [Unsupported {
                side: BeadSide::Target,
                sentence: 21
            }],
            "seed {seed}"
        );
        assert!(glued.is_weak(0.6));
        let named: Vec<&Bead> = beads.iter().filter(|b| !b.unsupported.is_empty()).collect();
        assert_eq!(named, [glued], "seed {seed}");
    }
}

#[test]
fn usual_ratio_of_a_pair_comes_from_the_table_or_the_lexicon() {
    let de = usual_ratio("en", "de").unwrap();
    assert!((de - 1.166).abs() < 1e-9);
    assert!((usual_ratio("de-CH", "en").unwrap() - 1.0 / 1.166).abs() < 1e-9);
    assert!((usual_ratio("sr-Latn", "sr-Cyrl").unwrap() - 1.0).abs() < 1e-9);
    assert_eq!(usual_ratio("en", "xx"), None);
    let mut lex = Lexicon::new();
    assert_eq!(lex.ratio(), None);
    lex.learn(
        &[("One two three.", "Eins zwei drei vier.")],
        &Config::default(),
    );
    assert!((lex.ratio().unwrap() - 20.0 / 14.0).abs() < 1e-9);
}

#[test]
fn a_short_document_leans_on_the_pairs_usual_length_ratio() {
    // One sentence of four dropped from a short translation: the document's
    // own ratio (0.74) is far from the pair's (1.17), and with it the
    // length model stretches the other beads to cover the dropped one.
    let en = side(
        "en",
        &[
            "The committee met on Tuesday to discuss the budget.",
            "Several members asked for more money for schools and hospitals in the north.",
            "The chairman said no decision would be taken before the spring.",
            "A vote is expected in April.",
        ],
    );
    let de = side(
        "de",
        &[
            "Der Ausschuss beriet am Dienstag über den Haushalt.",
            "Der Vorsitzende sagte, vor dem Frühjahr werde keine Entscheidung fallen.",
            "Eine Abstimmung wird im April erwartet.",
        ],
    );
    let want = vec![(0..1, 0..1), (1..2, 1..1), (2..3, 1..2), (3..4, 2..3)];
    let b = align(&en, &de, &Config::default());
    assert_eq!(shapes(&b), want);
    let own = Config {
        ratio_prior_chars: 0.0,
        ..Config::default()
    };
    assert_ne!(shapes(&align(&en, &de, &own)), want);
}

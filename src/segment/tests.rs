//! Hand-made cases, one test per feature of the rules.

use super::*;

/// The sentences of `text` in `lang`.
fn sents(text: &str, lang: &str) -> Vec<String> {
    segment(text, lang).into_iter().map(|s| s.text).collect()
}

fn check(lang: &str, text: &str, want: &[&str]) {
    assert_eq!(sents(text, lang), want, "lang {lang}, text {text:?}");
}

/// `text` is one sentence in `lang`.
fn one(lang: &str, text: &str) {
    check(lang, text, &[text]);
}

#[test]
fn plain_sentences() {
    check(
        "en",
        "Hello World. My name is Jonas.",
        &["Hello World.", "My name is Jonas."],
    );
    check(
        "en",
        "What is it? I found it! Yes.",
        &["What is it?", "I found it!", "Yes."],
    );
    check("en", "Hello?! Is that you?", &["Hello?!", "Is that you?"]);
}

#[test]
fn english_abbreviations() {
    one(
        "en",
        "Mr. Smith and Mrs. Jones met Dr. Who at 5 a.m. today.",
    );
    one("en", "Gen. Patton spoke to Lt. Col. Brown.");
    one("en", "I work for the U.S. Government in Virginia.");
    check(
        "en",
        "I live in the U.S. How about you?",
        &["I live in the U.S.", "How about you?"],
    );
    check(
        "en",
        "Let's ask Jane and co. They should know.",
        &["Let's ask Jane and co.", "They should know."],
    );
    one("en", "Please turn to p. 55 and No. 7.");
    one("en", "That is JFK Jr.'s book.");
}

#[test]
fn albanian_abbreviations() {
    one("sq", "E takova z. Osmani dhe znj. Haxhiu në zyrë.");
    one("sq", "Sollën libra, fletore etj. për shkollën.");
    check(
        "sq",
        "Sollën libra, fletore etj. Pastaj ikën.",
        &["Sollën libra, fletore etj.", "Pastaj ikën."],
    );
    one(
        "sq",
        "Disa qytete, p.sh. Tirana dhe Durrësi, janë të mëdha.",
    );
    one("sq", "Foli dr. Berisha me prof. Kadare.");
    one("sq", "Shiko faqen nr. 12 të librit.");
    one("sq", "Ai lindi në v. 1987 në Shkodër.");
    one(
        "sq",
        "Gjykata vendosi në çështjen Roe v. Wade se aborti është i ligjshëm.",
    );
}

#[test]
fn serbian_latin_abbreviations() {
    one("sr-Latn", "Sastao se sa g. Petrovićem i gđom Jovanović.");
    one(
        "sr-Latn",
        "Govorili su dr. Ivan Marković i prof. Jelena Ilić.",
    );
    one(
        "sr-Latn",
        "Neke zemlje, npr. Srbija, tj. njena vlada, tzv. reformisti itd. su protiv.",
    );
    one("sr-Latn", "Zakon br. 5 je usvojen 2004. god. u Beogradu.");
    check(
        "sr-Latn",
        "Kupili su hleb, mleko i sl. Posle su otišli kući.",
        &["Kupili su hleb, mleko i sl.", "Posle su otišli kući."],
    );
    check(
        "sr-Latn",
        "Bilo je jabuka, krušaka itd. Onda je pala kiša.",
        &["Bilo je jabuka, krušaka itd.", "Onda je pala kiša."],
    );
    one("sr-Latn", "Firma Delta d.o.o. Beograd je kupila zemljište.");
}

#[test]
fn serbian_cyrillic_abbreviations() {
    one(
        "sr-Cyrl",
        "Састао се са г. Петровићем, др. Јовановићем и проф. Илић.",
    );
    one(
        "sr-Cyrl",
        "Говорио је проф. Илић, нпр. о томе, тј. о закону, тзв. реформи.",
    );
    one("sr-Cyrl", "Закон бр. 5 је усвојен 2004. год. у Београду.");
    check(
        "sr-Cyrl",
        "Било је јабука итд. Онда је пала киша.",
        &["Било је јабука итд.", "Онда је пала киша."],
    );
}

#[test]
fn ordinals_in_serbian_and_croatian() {
    one(
        "sr-Latn",
        "NATO je 24. septembra poslao vojnike, a 12. oktobra još.",
    );
    one("sr-Latn", "Do decembra 1990. godine nije bilo izbora.");
    one("hr", "Održan je 4. Romski glazbeni festival.");
    one("hr", "Uveden je II. mirovinski stup.");
    one("sr-Cyrl", "Дана 24. септембра је нападнут.");
    one("sr-Latn", "Sastanak je 24. 9. 2023. u Prištini.");
    check(
        "sr-Latn",
        "To je bilo 2004. Onda je došao rat.",
        &["To je bilo 2004.", "Onda je došao rat."],
    );
}

#[test]
fn what_cannot_follow_an_ordinal_ends_the_sentence() {
    // A word that opens sentences, a quotation, a score: no ordinal before them.
    check(
        "sr-Latn",
        "Prikazan je uživo na kanalu 5. U 6 ujutru prenos je prekinut.",
        &[
            "Prikazan je uživo na kanalu 5.",
            "U 6 ujutru prenos je prekinut.",
        ],
    );
    check(
        "sr-Cyrl",
        "Приказан је уживо на каналу 5. У 6 ујутру пренос је прекинут.",
        &[
            "Приказан је уживо на каналу 5.",
            "У 6 ујутру пренос је прекинут.",
        ],
    );
    check(
        "sr-Latn",
        "Rekao je to na radiju BBC 4. „Svedočanstva su jasna.“",
        &["Rekao je to na radiju BBC 4.", "„Svedočanstva su jasna.“"],
    );
    check(
        "hr",
        "Bilo ih je 15, a ove godine 21. Netko će morati platiti.",
        &[
            "Bilo ih je 15, a ove godine 21.",
            "Netko će morati platiti.",
        ],
    );
    check(
        "hr",
        "Utakmica je završila pobjedom 2 : 0. Aguero je zabio oba gola.",
        &[
            "Utakmica je završila pobjedom 2 : 0.",
            "Aguero je zabio oba gola.",
        ],
    );
    one("de", "Am 3. Oktober ist Feiertag.");
}

#[test]
fn initials() {
    one("sr-Latn", "Džordž V. Buš je stigao u Beograd.");
    one("en", "J. R. R. Tolkien wrote it.");
    one("en", "My name is Jonas E. Smith.");
    check(
        "en",
        "You and I. Did you see Albert I. Jones?",
        &["You and I.", "Did you see Albert I. Jones?"],
    );
    one("hr", "Studirala je kod prof. M. Šuteja.");
    // After a lowercase word the next word decides: a name goes on, a word
    // that opens sentences does not.
    one("en", "The book was written by J. Smith in 1990.");
    check(
        "en",
        "Most pupils got grade A. The data came from 74 schools.",
        &["Most pupils got grade A.", "The data came from 74 schools."],
    );
    // A capital letter is an initial even where the lowercase one is an
    // abbreviation (`p. 5`).
    one("en", "He was known as Puff Daddy, P. Diddy or Diddy.");
    one("en", "See p. 5 for the table.");
    // Serbian and Croatian digraph letters are initials too.
    one(
        "sr-Latn",
        "Rekao je policijski načelnik Marfi Dž. Pol u subotu.",
    );
    check(
        "hr",
        "Idealna je temperatura između 10 i 15 C. Vizni sustav je nov.",
        &[
            "Idealna je temperatura između 10 i 15 C.",
            "Vizni sustav je nov.",
        ],
    );
}

#[test]
fn decimals_urls_and_emails() {
    one("sr-Latn", "Rast je bio 4,5 odsto, a inflacija 3.14 odsto.");
    one("en", "Pi is 3.14 and e is 2.72.");
    check(
        "en",
        "Her email is jane.doe@example.com. See https://example.org/a.html. Thanks.",
        &[
            "Her email is jane.doe@example.com.",
            "See https://example.org/a.html.",
            "Thanks.",
        ],
    );
}

#[test]
fn ellipses() {
    check(
        "en",
        "I never meant that.... She left.",
        &["I never meant that....", "She left."],
    );
    one("en", "Well ... maybe . . . I don't know.");
    check("en", "Wait... Who is there?", &["Wait...", "Who is there?"]);
    one("sr-Latn", "Čekao je… i čekao.");
    one("en", "\"Bohr [...] used the analogy [...]\" (Smith 55).");
}

#[test]
fn quotations_with_several_sentences_are_split() {
    check(
        "en",
        "\"NATO supports the dialogue. I welcome the proposals\", he said.",
        &[
            "\"NATO supports the dialogue.",
            "I welcome the proposals\", he said.",
        ],
    );
    check(
        "sr-Latn",
        "„Moj otac je otišao. Posle rata se to dogodilo.“ Nakon toga je ćutao.",
        &[
            "„Moj otac je otišao.",
            "Posle rata se to dogodilo.“",
            "Nakon toga je ćutao.",
        ],
    );
    one("en", "She turned to him, \"This is great.\" she said.");
    check(
        "sq",
        "«Erdha. Ika.» Kaq tha.",
        &["«Erdha.", "Ika.»", "Kaq tha."],
    );
}

#[test]
fn an_attribution_after_a_quotation_belongs_to_its_sentence() {
    one("en", "\"Get out!\" Tom shouted.");
    one("en", "\"We are ready.\" Hammel added, \"and so are they.\"");
    one("en", "“Is it true?” Mr. Smith asked quietly.");
    one("en", "\"No.\" Jens Stoltenberg said.");
    check(
        "en",
        "\"Get out!\" Tom shouted. He left.",
        &["\"Get out!\" Tom shouted.", "He left."],
    );
    // Not an attribution: a new sentence that opens with a name.
    check(
        "en",
        "\"Get out!\" Tom left the room.",
        &["\"Get out!\"", "Tom left the room."],
    );
    check(
        "en",
        "\"Is it?\" She continued, \"I was helped.\"",
        &["\"Is it?\"", "She continued, \"I was helped.\""],
    );
    check(
        "en",
        "\"Yes.\" Mary told him the truth.",
        &["\"Yes.\"", "Mary told him the truth."],
    );
    one("en", "\"Really?\" I asked.");
    one("en", "\"What?\" Tom and Mary asked.");
    one("en", "\"Who?\" Tom asked Mary.");
    one("en", "\"Go!\" Tom told Mary Smith.");
    one("en", "\"Go!\" Tom shouted, and left.");
    // An attribution that opens a new quotation with a capital: a new sentence.
    check(
        "en",
        "He said, \"I want to be happy!\" Buddha said, \"First remove I.\"",
        &[
            "He said, \"I want to be happy!\"",
            "Buddha said, \"First remove I.\"",
        ],
    );
    check(
        "en",
        "\"Go!\" Tom told Mary the truth.",
        &["\"Go!\"", "Tom told Mary the truth."],
    );
    // No quotation: `said` after a name opens a sentence.
    check(
        "en",
        "It rained. Tom said nothing.",
        &["It rained.", "Tom said nothing."],
    );
    check("en", "Go! Tom shouted.", &["Go!", "Tom shouted."]);
}

fn keep(lang: &str, text: &str, want: &[&str]) {
    let options = Options {
        quotations: Quotations::Keep,
    };
    let got: Vec<String> = segment_with(text, lang, options)
        .into_iter()
        .map(|s| s.text)
        .collect();
    assert_eq!(got, want, "lang {lang}, text {text:?}");
}

#[test]
fn kept_quotations_stay_whole_and_still_end_sentences() {
    keep(
        "en",
        "\"NATO supports the dialogue. I welcome the proposals\", he said. Then he left.",
        &[
            "\"NATO supports the dialogue. I welcome the proposals\", he said.",
            "Then he left.",
        ],
    );
    keep(
        "sr-Latn",
        "„Moj otac je otišao. Posle rata se to dogodilo.“ Nakon toga je ćutao.",
        &[
            "„Moj otac je otišao. Posle rata se to dogodilo.“",
            "Nakon toga je ćutao.",
        ],
    );
    keep(
        "de",
        "»Die Handlung spielt in Rom. Die Recherche ist gut.« Maria kaufte es.",
        &[
            "»Die Handlung spielt in Rom. Die Recherche ist gut.«",
            "Maria kaufte es.",
        ],
    );
    keep(
        "ru",
        "«К чему ты готовишься? – спросила мама. – Завтра ведь выходной».",
        &["«К чему ты готовишься? – спросила мама. – Завтра ведь выходной»."],
    );
    // A quotation left open (a speech that runs on into the next paragraph)
    // does not swallow the paragraph.
    keep(
        "en",
        "\"He went on. And on. Nobody stopped him.",
        &["\"He went on.", "And on.", "Nobody stopped him."],
    );
    // Apostrophes and tokenised quote marks that pair only by chance.
    keep(
        "en",
        "Walter 's brother . He said , ' Stanley . ' Good . '' Yes . ''",
        &[
            "Walter 's brother .",
            "He said , ' Stanley . '",
            "Good .",
            "'' Yes . ''",
        ],
    );
}

#[test]
fn albanian_dialogue_dashes() {
    check(
        "sq",
        "Nuk kishte arsye. – Besoj se po, – tha ai.",
        &["Nuk kishte arsye.", "– Besoj se po, – tha ai."],
    );
    one("sq", "– Çfarë është kjo? – pyeti ajo.");
}

#[test]
fn paragraphs_are_hard_boundaries() {
    check(
        "en",
        "A title without a stop\nThe text begins here.",
        &["A title without a stop", "The text begins here."],
    );
    check(
        "sq",
        "Rreshti i parë, pa pikë\n\nParagrafi tjetër.",
        &["Rreshti i parë, pa pikë", "Paragrafi tjetër."],
    );
}

#[test]
fn lists() {
    check(
        "en",
        "1. The first item 2. The second item",
        &["1. The first item", "2. The second item"],
    );
    check(
        "en",
        "a) The first item b) The second item",
        &["a) The first item", "b) The second item"],
    );
    check(
        "en",
        "• 9. The first item • 10. The second item",
        &["• 9. The first item", "• 10. The second item"],
    );
}

#[test]
fn other_scripts() {
    check(
        "zh",
        "你好。我是学生！好吗？",
        &["你好。", "我是学生！", "好吗？"],
    );
    check("ja", "「はい。」と言った。", &["「はい。」", "と言った。"]);
    check("ar", "ماذا حدث؟ لا شيء.", &["ماذا حدث؟", "لا شيء."]);
    check(
        "ur",
        "یہ کتاب ہے۔ وہ قلم ہے۔",
        &["یہ کتاب ہے۔", "وہ قلم ہے۔"],
    );
    check("hi", "यह किताब है। वह कलम है।", &["यह किताब है।", "वह कलम है।"]);
    check(
        "hy",
        "Բարև Ձեզ: Ես գնում եմ։ Լավ",
        &["Բարև Ձեզ:", "Ես գնում եմ։", "Լավ"],
    );
    check("am", "እንደምን አለህ፧መልካም ቀን።", &["እንደምን አለህ፧", "መልካም ቀን።"]);
    check("el", "Πού είναι; Εδώ.", &["Πού είναι;", "Εδώ."]);
    check(
        "my",
        "နေကောင်းလား။ကောင်းပါတယ်။",
        &["နေကောင်းလား။", "ကောင်းပါတယ်။"],
    );
}

#[test]
fn every_script_ends_sentences_at_its_own_marks() {
    // Khmer khan and Tibetan shad, then a space.
    check(
        "km",
        "សួស្តី។ ខ្ញុំឈ្មោះសុខា។ ខ្ញុំរស់នៅភ្នំពេញ។",
        &["សួស្តី។", "ខ្ញុំឈ្មោះសុខា។", "ខ្ញុំរស់នៅភ្នំពេញ។"],
    );
    check(
        "bo",
        "བཀྲ་ཤིས་བདེ་ལེགས། ཁྱེད་རང་སྐུ་གཟུགས་བདེ་པོ་ཡིན་པས། ང་བདེ་པོ་ཡིན།",
        &["བཀྲ་ཤིས་བདེ་ལེགས།", "ཁྱེད་རང་སྐུ་གཟུགས་བདེ་པོ་ཡིན་པས།", "ང་བདེ་པོ་ཡིན།"],
    );
    // The full-width full stop ends a sentence as `。` does, with no space
    // after it; between digits it is a decimal point.
    check(
        "ja",
        "今日は晴れです．明日は雨です．",
        &["今日は晴れです．", "明日は雨です．"],
    );
    one("ja", "円周率は約３．１４です．");
    // Khmer `។ល។` (et cetera): a khan before a letter ends nothing.
    one("km", "ខ្ញុំទិញផ្លែប៉ោម ចេក ។ល។");
    // The Myanmar little section is a comma, though Unicode lists it among
    // the sentence terminals.
    one("my", "ကျွန်တော် စာအုပ်၊ ဘောပင် ဝယ်တယ်။");
}

#[test]
fn offsets_point_into_the_document() {
    let doc = "First one. Second one.\n\nThird.";
    for s in segment(doc, "en") {
        assert_eq!(&doc[s.start..s.end], s.text);
    }
    assert_eq!(segment(doc, "en")[2].paragraph, 1);
}

#[test]
fn units_after_numbers_end_sentences_unless_an_adverbial_opens_it() {
    check(
        "en",
        "The meeting ended at 9 p.m. Everyone went home.",
        &["The meeting ended at 9 p.m.", "Everyone went home."],
    );
    check(
        "en",
        "The wall was built in 120 A.D. Hadrian ordered it.",
        &["The wall was built in 120 A.D.", "Hadrian ordered it."],
    );
    check(
        "en",
        "The plank is 8 ft. Jane cut it.",
        &["The plank is 8 ft.", "Jane cut it."],
    );
    // A fronted adverbial still waits for its subject and verb.
    one("en", "By 10 p.m. Dr. Jones had left the lab.");
    one("en", "She wrote: In 1066 A.D. William landed.");
    // … unless a typical sentence opener follows.
    check(
        "en",
        "After 8 p.m. The shops close early.",
        &["After 8 p.m.", "The shops close early."],
    );
    // Elsewhere the abbreviation stands inside the sentence.
    one("en", "They drove from Ft. Worth to Dallas.");
    one("en", "The coin dates from A.D. 79 or so.");
    // A time or an era is complete: a number after it opens a new sentence,
    // where a measure goes on.
    check(
        "en",
        "The doors open at 6 p.m. 300 guests are expected.",
        &["The doors open at 6 p.m.", "300 guests are expected."],
    );
    one("en", "By 6 p.m. 300 guests had come.");
    one("en", "The rope is 3 ft. 6 in. long.");
    // Russian `г.`: the year after a number, the town before a name.
    check(
        "ru",
        "Завод построили в 1975 г. Потом его закрыли.",
        &["Завод построили в 1975 г.", "Потом его закрыли."],
    );
    one("ru", "В 1975 г. Петров переехал в г. Тверь.");
}

#[test]
fn periods_after_a_space_are_judged_by_the_word_before() {
    one("en", "We met Mrs . Brown at the station .");
    check(
        "en",
        "It rained all day . The roads flooded .",
        &["It rained all day .", "The roads flooded ."],
    );
}

#[test]
fn punctuation_that_continues_a_sentence_never_opens_one() {
    one(
        "en",
        "They sang \"the night is long. / The road is longer.\" and left.",
    );
    one("en", "It is a fruit. , said the label on the box.");
}

#[test]
fn a_period_before_an_omission_mark_ends_the_sentence() {
    check(
        "en",
        "The door closed. ...and then silence fell.",
        &["The door closed.", "...and then silence fell."],
    );
    check("en", "Wait . . . I forgot.", &["Wait . . . I forgot."]);
}

#[test]
fn roman_ordinals() {
    one("sk", "Vojaci patrili k IV. Divízii horských strelcov.");
    check(
        "hr",
        "Okrunjen je Karlo IV. Vladao je dugo.",
        &["Okrunjen je Karlo IV.", "Vladao je dugo."],
    );
    one("de", "Er gehörte zum III. Korps der Armee.");
}

#[test]
fn initials_without_a_list_of_sentence_starters() {
    one("kk", "Жиында Б. Сәрсенов баяндама жасады.");
    one("ru", "Лекцию читал профессор И. Петров.");
    check(
        "hr",
        "Voda je imala 12 C. Kupali smo se.",
        &["Voda je imala 12 C.", "Kupali smo se."],
    );
}

#[test]
fn scripts_without_case_keep_their_initials() {
    one("ml", "ഇന്ന് ഡോ. രാമൻ വന്നു.");
    one("ml", "അദ്ദേഹം ജി. ശങ്കരൻ ആണ്.");
    one("am", "በ፲፱፻፺ ዓ.ም. ከተማው ተመሰረተ።");
    one("ar", "التقينا بالسيد د. أحمد في المكتب.");
    // Invisible direction marks around the period change nothing.
    one("ar", "التقينا بالسيد د\u{202A}.\u{202C} أحمد في المكتب.");
}

#[test]
fn new_abbreviation_lists() {
    // A lowercase letter after a number is a unit and may end the sentence,
    // but not after a year written as an ordinal, nor before the rest of an
    // abbreviation.
    check(
        "bs",
        "Trake su široke 3,50 m. Visina prolaza je 5 m.",
        &["Trake su široke 3,50 m.", "Visina prolaza je 5 m."],
    );
    check(
        "hr",
        "Potres se dogodio u 22:08 h. Američki zavod to je potvrdio.",
        &[
            "Potres se dogodio u 22:08 h.",
            "Američki zavod to je potvrdio.",
        ],
    );
    one(
        "bs",
        "Kada je 1987. g. Pat Schroeder odlučila, bilo je kasno.",
    );
    one(
        "de",
        "Es begann um 400 n. Chr. und dauerte bis 1100 n. Chr. an.",
    );
    one("hr", "Zid je visok 3 m. 5 cm više ima ograda.");
    // A currency goes on after an abbreviated quantity.
    one("hr", "Tržište vrijedi 2,8 mlrd. GBP i raste.");
    one("sr-Cyrl", "Продат је за 125 мил. EUR прошле године.");
    check(
        "hr",
        "Prodan je za 125 mil. Novac je otišao u fond.",
        &["Prodan je za 125 mil.", "Novac je otišao u fond."],
    );
    one(
        "sq",
        "Kisha kaloi nën drejtimin e Rev. John Howard Johnson.",
    );
    one("sq", "Ndërmjet St. Louis dhe Des Moines është ftohtë.");
    one("uk", "Ми зустрілися на вул. Франка біля м. Львів.");
    one("uk", "Лекцію прочитав проф. Коваль, чл. НАН України.");
    one("de", "Sie traf Dr. phil. Braun, z. B. im Café.");
    one("de", "Er besucht ein ev. Gymnasium.");
    one("da", "Vi fejrede Skt. Hans ved stranden.");
    check(
        "da",
        "Han flyttede til U.S.A. Det var i 1990.",
        &["Han flyttede til U.S.A.", "Det var i 1990."],
    );
    one("sk", "Firmy, napr. Alfa s. r. o., sú tu.");
    one("el", "Ο Δρ. Νικολάου ήρθε νωρίς.");
    one("es", "Viajó a los EE. UU. el año pasado.");
}

#[test]
fn after_an_ellipsis_a_capital_starts_a_sentence_except_english_i() {
    check(
        "en",
        "We waited . . . Nobody came.",
        &["We waited . . .", "Nobody came."],
    );
    check("en", "Gone? ... Yes, gone.", &["Gone? ...", "Yes, gone."]);
    one("en", "Gone! ... and never seen again.");
    one("en", "I hoped... I really did.");
    one("en", "I hoped… I really did.");
    // Danish `I` (you, plural) is capitalised too; Italian `I` is an article.
    one("da", "Kom nu . . . I må ikke vente.");
    check(
        "it",
        "Aspettavo... I treni erano fermi.",
        &["Aspettavo...", "I treni erano fermi."],
    );
}

#[test]
fn a_sentence_end_with_its_space_left_out() {
    check(
        "en",
        "The shop was closed.Nobody knew why.",
        &["The shop was closed.", "Nobody knew why."],
    );
    check(
        "en",
        "It cost 2,500.Then the price rose.",
        &["It cost 2,500.", "Then the price rose."],
    );
    // Names with periods, list items and chess moves stay whole.
    one(
        "en",
        "We build it with ASP.NET and host it on www.Example.com today.",
    );
    one("en", "Buy 1.Milk and 2.Bread today.");
    one("en", "After 12.Nf3 the game was even.");
}

#[test]
fn brackets_and_backquotes() {
    one("en", "See the appendix [vol. 2] for the tables.");
    one("en", "See the notes [chapter. 4] for more.");
    check(
        "en",
        "He typed `make it so.` Then he left.",
        &["He typed `make it so.`", "Then he left."],
    );
}

#[test]
fn a_time_zone_goes_with_the_time() {
    one("en", "The debate starts at 9 p.m. EST on Tuesday.");
    one("en", "It ends at 11 p.m. Eastern time.");
    check(
        "en",
        "It ended at 11 p.m. EST. Then we slept.",
        &["It ended at 11 p.m. EST.", "Then we slept."],
    );
}

#[test]
fn an_omission_mark_in_parentheses_is_no_parenthesis() {
    check(
        "hr",
        "Rekao je da je plan gotov (...) Sutra počinje gradnja (...)",
        &[
            "Rekao je da je plan gotov (...)",
            "Sutra počinje gradnja (...)",
        ],
    );
}

#[test]
fn portuguese_finnish_bulgarian_and_kazakh_lists() {
    one(
        "pt",
        "O Sr. Almeida falou com a Dra. Costa, p. ex. sobre o art. 5 da lei.",
    );
    one(
        "fi",
        "Tapasimme klo 9 tri Virtasen, esim. hänen toimistossaan.",
    );
    one(
        "bg",
        "Срещнахме проф. Иванов в гр. Пловдив, вкл. неговия екип.",
    );
    one("bg", "През 1878 г. Иванов основа вестник.");
    check(
        "bg",
        "Градът е основан 1878 г. Днес е голям.",
        &["Градът е основан 1878 г.", "Днес е голям."],
    );
    one("kk", "Ғалымдар, ақындар т.б. жиналды.");
}

#[test]
fn a_dotted_abbreviation_after_a_slash() {
    one("en", "Take Route 9/U.S. Highway 1 north.");
    check(
        "es",
        "Iba a 90 km/h. ¿Era mucho?",
        &["Iba a 90 km/h.", "¿Era mucho?"],
    );
}

#[test]
fn a_detached_quote_closes_the_quotation_the_sentence_opened() {
    check(
        "en",
        "He called it a ' small miracle . ' Nobody agreed .",
        &["He called it a ' small miracle . '", "Nobody agreed ."],
    );
    check(
        "en",
        "The door shut . ' Who is there ? ' she asked .",
        &["The door shut .", "' Who is there ? ' she asked ."],
    );
    // A detached curly quote before a comma closes the question it ends.
    one(
        "sq",
        "“Mos mendojnë se më bëjnë ndonjë ulje? ”, pyeste veten ajo.",
    );
}

#[test]
fn a_detached_quote_with_no_closer_ahead_closes_the_sentence_before() {
    // The quotation opened before the text; nothing after the quote closes it.
    check(
        "en",
        "and that is all I know . ' The judge nodded .",
        &["and that is all I know . '", "The judge nodded ."],
    );
    check(
        "en",
        "We missed the last train! '' Nobody spoke .",
        &["We missed the last train! ''", "Nobody spoke ."],
    );
    // The quotes of the sentence are balanced: the next one opens a quotation.
    check(
        "en",
        "' Fine , ' he said . ' Come in .",
        &["' Fine , ' he said .", "' Come in ."],
    );
}

#[test]
fn a_spaced_guillemet_closes_the_sentence_before() {
    check(
        "fr",
        "Il a dit : « Je pars demain. » Puis il est sorti.",
        &["Il a dit : « Je pars demain. »", "Puis il est sorti."],
    );
    check(
        "fr",
        "« Jamais ! » Elle a ri. « Viens. »",
        &["« Jamais ! »", "Elle a ri.", "« Viens. »"],
    );
}

#[test]
fn the_numero_sign_never_opens_a_sentence() {
    one("ru", "(«Правда», 3 марта 1999 года. № 12).");
    one("kk", "Газет, 2015 жыл. №4-5 санында жарияланды.");
    check(
        "ru",
        "Вышел номер 12. Его прочли все.",
        &["Вышел номер 12.", "Его прочли все."],
    );
}

#[test]
fn a_name_spelt_with_an_exclamation_mark_does_not_end_a_sentence() {
    one("en", "She joined Yahoo! Japan in 2010 and left in 2014.");
    one("de", "Er arbeitet seit Jahren mit Joomla! Extensions.");
    check(
        "en",
        "They said yahoo! Then they left.",
        &["They said yahoo!", "Then they left."],
    );
}

/// In a block of lines (paragraphs separated by blank lines), a list item
/// and the line after a heading start paragraphs; a sentence wrapped over
/// lines is one sentence, its line break a space.
#[test]
fn lists_headings_and_wrapped_lines_in_blocks() {
    let doc = "Results\n\nThe commission announced the following results:\n- Vetëvendosje 50.3%\n- PDK 16.9%\n\nFirst paragraph is here.\nSubheading without punctuation\nSecond paragraph follows here.\n\nThis sentence is long enough that whoever typed it wrapped it at the\nseventy-second column, as mail programs do, and so it goes on here.\n";
    let texts: Vec<String> = segment(doc, "en").into_iter().map(|s| s.text).collect();
    assert_eq!(
        texts,
        [
            "Results",
            "The commission announced the following results:",
            "- Vetëvendosje 50.3%",
            "- PDK 16.9%",
            "First paragraph is here.",
            "Subheading without punctuation",
            "Second paragraph follows here.",
            "This sentence is long enough that whoever typed it wrapped it at the seventy-second column, as mail programs do, and so it goes on here.",
        ]
    );
}

#[test]
fn a_long_plain_word_before_a_lowercase_word_ends_the_sentence() {
    // A sentence that its writer began in lowercase still starts after a
    // word too long to be a truncation.
    check(
        "en",
        "We walked along the riverbank. then it rained.",
        &["We walked along the riverbank.", "then it rained."],
    );
    check(
        "el",
        "Απόψε η βροχή σταμάτησε. το πρωί βγήκε ήλιος.",
        &["Απόψε η βροχή σταμάτησε.", "το πρωί βγήκε ήλιος."],
    );
    check(
        "hr",
        "Sastanak je završio kasno navečer. sutra nastavljaju.",
        &["Sastanak je završio kasno navečer.", "sutra nastavljaju."],
    );
    // Short words may be truncations (`meteor. si`, `aanw. vnw.`), and a listed
    // abbreviation of any length stays one.
    one("it", "Il servizio meteor. si è fermato.");
    one("de", "Der Preis gilt zuzügl. der Versandkosten.");
    one("fi", "Se tapahtui 3. maalisk. viime vuonna.");
    // A capitalised or mixed token, a quotation closed by the period, tokenised
    // text, and a comma after the period are no such end.
    one("en", "He said \"goodnight.\" and went home.");
    one("en", "They left the building . and then came back.");
    one("en", "It tasted of pineapples. , a reviewer wrote.");
}

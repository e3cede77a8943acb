//! `tm segment` and the quotation convention (`--quotations`, `tm.toml`
//! `[segment]`), which every command that splits text must share.

use crate::workdir::Workdir;

fn sample(w: &Workdir) {
    for l in ["en", "sq", "sr-Latn"] {
        w.copy_from_repo(
            &format!("examples/nato-kosovo/{l}.txt"),
            &format!("{l}.txt"),
        );
    }
}

fn lines(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| !l.is_empty()).collect()
}

#[test]
fn quotations_are_split_by_default_and_kept_whole_on_request() {
    let w = Workdir::new();
    sample(&w);
    let split = w.run(&["segment", "en.txt"]).expect(0);
    let keep = w
        .run(&["segment", "en.txt", "--quotations", "keep"])
        .expect(0);
    // The sample has three two-sentence quotations (pySBD and sentencex keep
    // them whole: 19 segments; UD's convention splits them: 22).
    assert_eq!(lines(&split.stdout).len(), 22);
    assert_eq!(lines(&keep.stdout).len(), 19);
    let quote = "\"Secretary Jens Stoltenberg's visit to Kosovo shows NATO's firm commitment \
                 to our security. With the European Union";
    assert!(
        lines(&keep.stdout).iter().any(|l| l.starts_with(quote)),
        "{}",
        keep.stdout
    );
    assert!(!lines(&split.stdout).iter().any(|l| l.starts_with(quote)));
}

#[test]
fn the_workspace_file_sets_the_convention_for_align_review_and_diff() {
    let w = Workdir::new();
    sample(&w);
    w.write("tm.toml", "[segment]\nquotations = \"keep\"\n");
    let r = w
        .run(&[
            "align",
            "en.txt",
            "sq.txt",
            "--doc",
            "nato-kosovo",
            "--format",
            "json",
        ])
        .expect(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let pair = &v["pairs"][0];
    assert_eq!(pair["src_sentences"], 19, "{}", r.stdout);
    assert_eq!(pair["tgt_sentences"], 17, "{}", r.stdout);
    // The stored texts split again the same way: review and diff agree.
    w.run(&["review", "nato-kosovo"]).expect(0);
    let d = w.run(&["diff", "sq.txt", "--doc", "nato-kosovo"]).expect(0);
    assert!(d.stdout.contains("0 re-segmented"), "{}", d.stdout);
    // Without the setting, the stored document keeps its own convention.
    std::fs::remove_file(w.path("tm.toml")).unwrap();
    w.run(&["review", "nato-kosovo"]).expect(0);
    let d = w.run(&["diff", "sq.txt", "--doc", "nato-kosovo"]).expect(0);
    assert!(d.stdout.contains("0 re-segmented"), "{}", d.stdout);
}

#[test]
fn a_bad_setting_names_the_file_and_line() {
    let w = Workdir::new();
    sample(&w);
    w.write(
        "tm.toml",
        "[qa]\nfail-on = \"error\"\n\n[segment]\nquotations = \"maybe\"\n",
    );
    let r = w.run(&["segment", "en.txt"]).expect(2);
    assert!(r.stderr.contains("tm.toml:5"), "{}", r.stderr);
    assert!(r.stderr.contains("\"split\" or \"keep\""), "{}", r.stderr);
    // The flag does not hide a broken workspace file.
    w.run(&["segment", "en.txt", "--quotations", "split"])
        .expect(2);
}

#[test]
fn eval_segment_scores_either_convention() {
    let w = Workdir::new();
    let case = serde_json::json!({
        "lang": "sk",
        "text": "„Prieskumy beriem na ľahkú váhu. V podstate ma to nezaujíma,“ reagoval Matovič. Potom odišiel.",
        "sentences": [
            "„Prieskumy beriem na ľahkú váhu. V podstate ma to nezaujíma,“ reagoval Matovič.",
            "Potom odišiel."
        ]
    });
    w.write("cases.jsonl", format!("{case}\n"));
    let exact = |args: &[&str]| {
        let r = w.run(args).expect(0);
        let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        v["total"]["exact"].as_u64().unwrap()
    };
    assert_eq!(
        exact(&["eval", "segment", "cases.jsonl", "--format", "json"]),
        0
    );
    assert_eq!(
        exact(&[
            "eval",
            "segment",
            "cases.jsonl",
            "--format",
            "json",
            "--quotations",
            "keep"
        ]),
        1
    );
}

#[test]
fn segment_reads_standard_input() {
    let w = Workdir::new();
    let text = "Gjykata vendosi në çështjen Roe v. Wade. Ai lindi në v. 1987 në Shkodër.\n";
    let r = w
        .run_with_stdin(&["segment", "-", "--lang", "sq"], text)
        .expect(0);
    assert_eq!(
        lines(&r.stdout),
        [
            "Gjykata vendosi në çështjen Roe v. Wade.",
            "Ai lindi në v. 1987 në Shkodër."
        ]
    );
    // No file name to infer the language from, and bad bytes: clear errors.
    let r = w.run_with_stdin(&["segment", "-"], text).expect(2);
    assert!(
        r.stderr.contains("language of standard input"),
        "{}",
        r.stderr
    );
    let r = w
        .run_with_stdin(&["segment", "-", "--lang", "sq"], b"Mir\xEBdita.")
        .expect(2);
    assert!(
        r.stderr.contains("standard input is not valid UTF-8") && r.stderr.contains("line 1"),
        "{}",
        r.stderr
    );
}

#[test]
fn khmer_tibetan_and_amharic_sentences_end_at_their_own_marks() {
    let w = Workdir::new();
    let segment = |lang: &str| {
        let name = format!("{lang}.txt");
        w.copy_from_repo(&format!("tests/data/segment/{name}"), &name);
        w.run(&["segment", &name]).expect(0).stdout
    };
    // Khmer khan `។` and Tibetan shad `།` before a space.
    assert_eq!(
        segment("km"),
        "សួស្តី។\nខ្ញុំឈ្មោះសុខា។\nខ្ញុំរស់នៅភ្នំពេញ។\n\n\
         ថ្ងៃនេះអាកាសធាតុល្អ។\nតើអ្នកសុខសប្បាយទេ?\n"
    );
    assert_eq!(
        segment("bo"),
        "བཀྲ་ཤིས་བདེ་ལེགས།\nཁྱེད་རང་སྐུ་གཟུགས་བདེ་པོ་ཡིན་པས།\nང་བདེ་པོ་ཡིན།\n\n\
         ང་ལྷ་སར་སྡོད་ཀྱི་ཡོད།\nཐུགས་རྗེ་ཆེ།\n"
    );
    // Ethiopic `።` and `፧`, also with no space after them.
    assert_eq!(
        segment("am"),
        "ስሜ አበበ ነው።\nአዲስ አበባ እኖራለሁ።\nእንዴት ነህ፧\n\nዛሬ ጥሩ ቀን ነው።\nነገ እንገናኝ።\n"
    );
}

//! Conventions every subcommand follows: help, completions, man page, exit codes.

use crate::workdir::Workdir;

/// The subcommands `tm PARENT --help` lists (without `help`).
fn subcommands(w: &Workdir, parent: &[&str]) -> Vec<String> {
    let mut args = parent.to_vec();
    args.push("--help");
    let out = w.run(&args).expect(0).stdout;
    out.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(|name| {
            let mut full = parent.to_vec();
            full.push(name);
            full.join(" ")
        })
        .collect()
}

#[test]
fn every_subcommand_has_help_with_examples() {
    let w = Workdir::new();
    let mut all = subcommands(&w, &[]);
    for parent in ["glossary", "eval"] {
        assert!(all.iter().any(|s| s == parent), "{parent} is listed");
        all.extend(subcommands(&w, &[parent]));
    }
    for must in [
        "align",
        "lookup",
        "search",
        "diff",
        "import",
        "glossary find",
        "eval align",
    ] {
        assert!(all.iter().any(|s| s == must), "{must} missing from {all:?}");
    }
    for sub in &all {
        let mut args: Vec<&str> = sub.split(' ').collect();
        args.push("--help");
        let r = w.run(&args).expect(0);
        assert!(r.stdout.contains("Usage: tm"), "{sub}: {}", r.stdout);
        assert!(
            r.stdout.contains("Examples:"),
            "`tm {sub} --help` has no examples"
        );
        assert!(
            !r.stdout.contains("\\\""),
            "`tm {sub} --help` shows an escaped quote: {}",
            r.stdout
        );
    }
    let r = w.run(&["--help"]).expect(0);
    assert!(!r.stdout.contains("\\\""), "{}", r.stdout);
}

#[test]
fn completions_and_man_page_are_generated() {
    let w = Workdir::new();
    let bash = w.run(&["completions", "bash"]).expect(0);
    assert!(bash.stdout.contains("_tm()") && bash.stdout.contains("align"));
    let zsh = w.run(&["completions", "zsh"]).expect(0);
    assert!(zsh.stdout.contains("#compdef tm"));
    let man = w.run(&["man"]).expect(0);
    assert!(man.stdout.contains(".TH tm") && man.stdout.contains("align"));
}

/// The pages a man page refers to (`tm\-align(1)` in roff): `align`.
fn page_references(page: &str) -> Vec<String> {
    let mut refs: Vec<String> = Vec::new();
    for line in page.lines() {
        if let Some(name) = line
            .strip_suffix("(1)")
            .and_then(|l| l.strip_prefix("tm\\-"))
        {
            refs.push(name.replace("\\-", "-"));
        }
    }
    refs
}

/// `tm man` refers to a page per command, and each can be made (`tm man
/// align`, `tm man glossary add`, or all at once with `--out-dir`); every
/// page tells exit codes and environment; the NAME line names tm once.
#[test]
fn every_man_page_referred_to_can_be_made() {
    let w = Workdir::new();
    let top = w.run(&["man"]).expect(0).stdout;
    assert!(
        top.contains(".SH NAME\ntm \\- A multilingual translation\\-memory workspace"),
        "{top}"
    );
    for section in [".SH \"EXIT STATUS\"", ".SH ENVIRONMENT"] {
        assert!(top.contains(section), "{section}: {top}");
    }
    for word in ["TM_DB", "TM_WAIT", "NO_COLOR", "130"] {
        assert!(top.contains(word), "{word}");
    }
    let mut todo: Vec<Vec<String>> = page_references(&top).into_iter().map(|r| vec![r]).collect();
    assert!(
        todo.len() >= 14 && !todo.contains(&vec!["help".to_string()]),
        "{todo:?}"
    );
    let mut made = vec!["tm.1".to_string()];
    while let Some(path) = todo.pop() {
        let mut args = vec!["man"];
        args.extend(path.iter().map(String::as_str));
        let page = w.run(&args).expect(0).stdout;
        let name = format!("tm-{}", path.join("-"));
        assert!(
            page.contains(&format!(".TH {name} 1")),
            "tm man {}: {page}",
            path.join(" ")
        );
        assert!(page.contains(".SH \"EXIT STATUS\""), "{name}");
        assert!(!page.contains("tm \\- tm"), "{page}");
        made.push(format!("{name}.1"));
        for sub in page_references(&page) {
            let parent = path.join("-") + "-";
            let tail = sub.strip_prefix(&parent).expect("a page of a subcommand");
            let mut next = path.clone();
            next.push(tail.to_string());
            todo.push(next);
        }
    }
    assert!(made.contains(&"tm-glossary-add.1".to_string()), "{made:?}");
    // All at once: the same pages, as files.
    std::fs::create_dir(w.path("man")).unwrap();
    w.run(&["man", "--out-dir", "man"]).expect(0);
    let mut files: Vec<String> = std::fs::read_dir(w.path("man"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    made.sort();
    assert_eq!(files, made);
    let r = w.run(&["man", "no-such-command"]).expect(2);
    assert!(r.stderr.contains("no-such-command"), "{}", r.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let w = Workdir::new();
    let r = w.run(&["align"]).expect(2);
    assert!(r.stderr.contains("Usage"));
    w.run(&["no-such-command"]).expect(2);
}

#[test]
fn reading_commands_need_an_existing_tm() {
    let w = Workdir::new();
    let r = w.run(&["stats"]).expect(2);
    assert!(
        r.stderr
            .contains("there is no translation memory at memory/tm.sqlite"),
        "{}",
        r.stderr
    );
    assert!(
        !w.path("memory/tm.sqlite").exists(),
        "stats must not create a TM"
    );
}

/// `tm export | head`: a reader that goes away is no error, in every output
/// format (the bytes cross the pipe buffer, so the write really fails).
#[test]
fn a_closed_pipe_is_no_error() {
    let w = Workdir::new();
    let mut tsv = String::from("en\tsq\n");
    for i in 0..3000 {
        tsv.push_str(&format!(
            "NATO sent {i} soldiers to Kosovo.\tNATO-ja dërgoi {i} ushtarë në Kosovë.\n"
        ));
    }
    w.write("units.tsv", tsv);
    w.run(&["import", "units.tsv"]).expect(0);
    for args in [
        &["export", "--format", "tmx"][..],
        &["export", "--format", "csv"],
        &["export", "--format", "tsv"],
        &["export", "--format", "jsonl"],
        &["search", "NATO", "--limit", "3000", "--format", "json"],
        &["qa", "--format", "sarif", "--fail-on", "never"],
    ] {
        let (code, stderr) = w.run_into_closed_pipe(args);
        assert_eq!((code, stderr.as_str()), (0, ""), "tm {}", args.join(" "));
    }
}

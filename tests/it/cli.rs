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
        // The footer names the program and its version, on every page.
        let th = format!(".TH {name} 1  \"tm {}\"", env!("CARGO_PKG_VERSION"));
        assert!(page.contains(&th), "tm man {}: {page}", path.join(" "));
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
    assert!(
        top.contains(&format!(".TH tm 1  \"tm {}\"", env!("CARGO_PKG_VERSION"))),
        "{top}"
    );
    // All at once: the same pages, as files, in a folder made as `mkdir -p`
    // would.
    w.run(&["man", "--out-dir", "share/man/man1"]).expect(0);
    let mut files: Vec<String> = std::fs::read_dir(w.path("share/man/man1"))
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
    // A glossary, so that qa has no note to give on stderr.
    w.write("glossaries/proper-nouns.toml", "");
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

/// The bash completion words offered after `tm PATH…` (its `opts=` line).
fn bash_opts(script: &str, path: &[&str]) -> String {
    let name = std::iter::once("tm")
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join("__subcmd__");
    let case = format!("        {name})\n");
    let at = script
        .find(&case)
        .unwrap_or_else(|| panic!("no completions for {path:?}"));
    let opts = &script[at..];
    let opts = &opts[opts.find("opts=\"").unwrap() + 6..];
    opts[..opts.find('"').unwrap()].to_string()
}

/// `--db` and `--wait` are offered, in help, man page and completions, by
/// the commands that open the TM, and by no other but the glossary edits'
/// `--wait` (they wait for the glossary's lock); given to another
/// (a script that sets TM_DB, or passes them everywhere) they are accepted.
#[test]
fn only_commands_that_open_the_tm_offer_db_and_wait() {
    let w = Workdir::new();
    let bash = w.run(&["completions", "bash"]).expect(0).stdout;
    let no_tm: &[&[&str]] = &[
        &["segment"],
        &["eval"],
        &["eval", "segment"],
        &["eval", "align"],
        &["completions"],
        &["man"],
        &["glossary"],
        &["glossary", "lint"],
    ];
    let tm: &[&[&str]] = &[
        &["lookup"],
        &["align"],
        &["import"],
        &["stats"],
        &["qa"],
        &["glossary", "suggest"],
    ];
    // The glossary edits wait for the glossary's lock: `--wait`, not `--db`.
    let edits: &[&[&str]] = &[&["glossary", "add"], &["glossary", "import"]];
    for (path, db, wait) in no_tm
        .iter()
        .map(|p| (p, false, false))
        .chain(tm.iter().map(|p| (p, true, true)))
        .chain(edits.iter().map(|p| (p, false, true)))
    {
        let mut args = path.to_vec();
        args.push("--help");
        let help = w.run(&args).expect(0).stdout;
        let mut args = vec!["man"];
        args.extend(path.iter());
        let man = w.run(&args).expect(0).stdout;
        let opts = bash_opts(&bash, path);
        for (flag, roff, env, offered) in [
            ("--db", "\\-\\-db", "TM_DB", db),
            ("--wait", "\\-\\-wait", "TM_WAIT", wait),
        ] {
            assert_eq!(
                help.contains(flag),
                offered,
                "tm {path:?} --help, {flag}:\n{help}"
            );
            assert_eq!(
                man.contains(roff),
                offered,
                "tm man {path:?}, {flag}:\n{man}"
            );
            assert_eq!(man.contains(env), offered, "tm man {path:?}, {env}:\n{man}");
            assert_eq!(
                opts.split(' ').any(|o| o == flag),
                offered,
                "bash completions of {path:?}, {flag}: {opts}"
            );
        }
    }
    // tm's own page and help name them: `tm --db F lookup …` is one way to say it.
    assert!(w.run(&["--help"]).expect(0).stdout.contains("--db"));
    w.write("a.txt", "One sentence. Another one.\n");
    let r = w
        .command()
        .args([
            "segment",
            "--lang",
            "en",
            "a.txt",
            "--db",
            "none/tm.sqlite",
            "--wait",
            "3",
        ])
        .env("TM_DB", "elsewhere/tm.sqlite")
        .output()
        .unwrap();
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
}

/// A bad `TM_WAIT` or an empty `TM_DB` (or `--wait`, `--db` given so) is
/// an error, naming the variable and its value, only for a command that
/// uses it: one that opens the TM, or (`--wait`) edits the glossary.
/// The others run as if it were unset.
#[test]
fn a_bad_tm_wait_or_tm_db_is_an_error_only_where_it_is_used() {
    let w = Workdir::new();
    w.write("a.txt", "One sentence. Another one.\n");
    w.run(&[
        "glossary",
        "--glossary",
        "g.toml",
        "add",
        "--id",
        "c1",
        "--term",
        "en=Tirana",
    ])
    .expect(0);
    let glossary = w.read("g.toml");
    let run = |env: (&str, &str), args: &[&str]| {
        let out = w.command().args(args).env(env.0, env.1).output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let unused: &[&[&str]] = &[
        &["segment", "--lang", "en", "a.txt"],
        &["glossary", "--glossary", "g.toml", "lint"],
        &["man", "segment"],
    ];
    for bad in [("TM_WAIT", "abc"), ("TM_WAIT", "-1"), ("TM_DB", "")] {
        for args in unused {
            let (code, _, stderr) = run(bad, args);
            assert_eq!(code, Some(0), "{bad:?} tm {args:?}: {stderr}");
        }
    }
    let (_, stdout, _) = run(("TM_WAIT", "abc"), unused[0]);
    assert_eq!(stdout, "One sentence.\nAnother one.\n");

    // Where it is used: exit 2, naming the variable and the value.
    for args in [
        &["stats"][..],
        &[
            "glossary",
            "--glossary",
            "g.toml",
            "add",
            "--id",
            "c2",
            "--term",
            "en=Prizren",
        ],
    ] {
        let (code, _, stderr) = run(("TM_WAIT", "abc"), args);
        assert_eq!(code, Some(2), "tm {args:?}: {stderr}");
        assert!(
            stderr.starts_with("tm: error: TM_WAIT=abc: not a number of seconds"),
            "tm {args:?}: {stderr}"
        );
    }
    assert_eq!(w.read("g.toml"), glossary, "nothing was written");
    let (code, _, stderr) = run(("TM_DB", ""), &["stats"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.starts_with("tm: error: TM_DB is set but empty"),
        "{stderr}"
    );
    // Given as an option, it is named so.
    let r = w.run(&["--wait", "soon", "stats"]).expect(2);
    assert!(
        r.stderr
            .starts_with("tm: error: --wait soon: not a number of seconds"),
        "{}",
        r.stderr
    );
    let r = w.run(&["stats", "--db", ""]).expect(2);
    assert!(
        r.stderr.starts_with("tm: error: --db was given an empty"),
        "{}",
        r.stderr
    );
    // A good value still works where it is used.
    let (code, _, stderr) = run(("TM_WAIT", "5"), &["stats"]);
    assert_eq!(code, Some(2), "no TM yet: {stderr}");
    assert!(
        stderr.contains("there is no translation memory"),
        "{stderr}"
    );
}

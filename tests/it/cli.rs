//! Conventions every subcommand follows: help, completions, man page, exit codes.

use crate::workdir::Workdir;

#[test]
fn every_subcommand_has_help_with_examples() {
    let w = Workdir::new();
    for sub in [
        "align",
        "segment",
        "stats",
        "export",
        "eval segment",
        "eval align",
        "completions",
        "man",
    ] {
        let mut args: Vec<&str> = sub.split(' ').collect();
        args.push("--help");
        let r = w.run(&args).expect(0);
        assert!(r.stdout.contains("Usage: tm"), "{sub}: {}", r.stdout);
        assert!(
            r.stdout.contains("Examples:"),
            "{sub} --help has no examples"
        );
    }
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

//! A scratch folder with input files, and a way to run `tm` in it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub struct Workdir {
    dir: tempfile::TempDir,
}

/// What a run of `tm` gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn of(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Panic with the whole output unless the exit code is `code`.
    #[track_caller]
    pub fn expect(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, content).unwrap();
        p
    }

    /// Copy a file of the repository (e.g. `examples/nato-kosovo/en.txt`) in.
    pub fn copy_from_repo(&self, repo_path: &str, name: &str) -> PathBuf {
        self.write(name, std::fs::read(repo_file(repo_path)).unwrap())
    }

    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tm"));
        cmd.current_dir(self.dir.path())
            .env_remove("TM_DB")
            .env("NO_COLOR", "1");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(self.command().args(args).output().expect("run tm"))
    }

    /// Run `tm` with `input` on its standard input.
    pub fn run_with_stdin(&self, args: &[&str], input: impl AsRef<[u8]>) -> Run {
        use std::io::Write;
        let mut child = self
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run tm");
        // tm may stop before it reads (a usage error): a broken pipe is no failure.
        let _ = child.stdin.take().unwrap().write_all(input.as_ref());
        Run::of(child.wait_with_output().expect("run tm"))
    }

    /// Run `tm` with a reader that takes the first bytes of its output and
    /// goes away (`tm export | head -c 100`); the exit code and stderr.
    pub fn run_into_closed_pipe(&self, args: &[&str]) -> (i32, String) {
        use std::io::Read;
        let mut child = self
            .command()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run tm");
        let mut head = [0u8; 100];
        child
            .stdout
            .take()
            .unwrap()
            .read_exact(&mut head)
            .expect("the first bytes");
        let out = child.wait_with_output().expect("run tm");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// The bytes of a file in the workdir (to prove a failed command changed nothing).
    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap_or_default()
    }

    /// `tm history UNIT --format json`.
    pub fn history(&self, unit: i64) -> serde_json::Value {
        let r = self
            .run(&["history", &unit.to_string(), "--format", "json"])
            .expect(0);
        serde_json::from_str(&r.stdout).unwrap()
    }

    /// The texts a unit has had in `lang`, oldest first, the current one
    /// last (the revisions of `tm history`).
    pub fn revisions(&self, unit: i64, lang: &str) -> Vec<serde_json::Value> {
        let h = self.history(unit);
        h["revisions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["lang"] == lang)
            .cloned()
            .collect()
    }

    /// `tm export --format jsonl` as parsed values.
    pub fn export(&self) -> Vec<serde_json::Value> {
        let r = self.run(&["export", "--format", "jsonl"]).expect(0);
        r.stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

pub fn repo_file(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

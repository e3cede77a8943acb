//! The only place that writes to stdout: a buffered writer that knows whether
//! colour is wanted, plus a progress bar that shows only on a terminal.

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};

use indicatif::{ProgressBar, ProgressStyle};

/// `--color` choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// ANSI styles used by the renderers.
#[derive(Debug, Clone, Copy)]
pub enum Style {
    Bold,
    Dim,
    Red,
    Green,
    Yellow,
    Cyan,
}

impl Style {
    fn code(self) -> &'static str {
        match self {
            Style::Bold => "1",
            Style::Dim => "2",
            Style::Red => "31",
            Style::Green => "32",
            Style::Yellow => "33",
            Style::Cyan => "36",
        }
    }
}

/// Buffered stdout with a colour decision made once.
pub struct Output {
    w: BufWriter<Stdout2>,
    color: bool,
}

/// Stdout that remembers whether the reader went away (`tm export | head`),
/// however the error was wrapped on its way up.
struct Stdout2 {
    inner: Stdout,
    closed: bool,
}

impl Stdout2 {
    fn note<T>(&mut self, r: io::Result<T>) -> io::Result<T> {
        if r.as_ref()
            .is_err_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
        {
            self.closed = true;
        }
        r
    }
}

impl Write for Stdout2 {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = self.inner.write(buf);
        self.note(r)
    }

    fn flush(&mut self) -> io::Result<()> {
        let r = self.inner.flush();
        self.note(r)
    }
}

impl Output {
    pub fn new(choice: ColorChoice) -> Output {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && io::stdout().is_terminal()
            }
        };
        Output {
            w: BufWriter::new(Stdout2 {
                inner: io::stdout(),
                closed: false,
            }),
            color,
        }
    }

    pub fn color(&self) -> bool {
        self.color
    }

    /// Did the reader close the pipe? Then there is no one left to tell
    /// about a failed write, and the run is not an error.
    pub fn pipe_closed(&self) -> bool {
        self.w.get_ref().closed
    }

    /// `text` wrapped in `style` when colour is on.
    pub fn paint(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("\x1b[{}m{}\x1b[0m", style.code(), text)
        } else {
            text.to_string()
        }
    }

    pub fn line(&mut self, s: &str) -> io::Result<()> {
        self.w.write_all(s.as_bytes())?;
        self.w.write_all(b"\n")
    }

    /// A warning on stderr (`tm: warning: …`) from a command that goes on.
    pub fn warn(&mut self, s: &str) -> io::Result<()> {
        writeln!(io::stderr().lock(), "tm: warning: {s}")
    }

    pub fn write_str(&mut self, s: &str) -> io::Result<()> {
        self.w.write_all(s.as_bytes())
    }

    /// Print a value as pretty JSON.
    pub fn json<T: serde::Serialize>(&mut self, value: &T) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut self.w, value)?;
        self.w.write_all(b"\n")
    }

    /// Print a value as one JSON line.
    pub fn jsonl<T: serde::Serialize>(&mut self, value: &T) -> io::Result<()> {
        serde_json::to_writer(&mut self.w, value)?;
        self.w.write_all(b"\n")
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// A warning on stderr (`tm: warning: …`), beside the output, for what a
/// command did not do although it succeeded otherwise.
pub fn warn(message: &str) {
    eprintln!("tm: warning: {message}");
}

/// A progress bar on stderr when stderr is a terminal; hidden otherwise.
pub fn progress(len: u64, what: &str) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    bar.set_style(
        ProgressStyle::with_template("{msg:>12} [{bar:30}] {pos}/{len} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(what.to_string());
    bar
}

/// A progress bar over the bytes of a file, shown in MiB (as
/// [`progress`]: only on a terminal).
pub fn progress_bytes(len: u64, what: &str) -> ProgressBar {
    let bar = progress(len, what);
    bar.set_style(
        ProgressStyle::with_template(
            "{msg:>12} [{bar:30}] {binary_bytes}/{binary_total_bytes} ({percent}%, {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar
}

/// `--format text|json`, for the commands that have only those two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextOrJson {
    /// Human-readable text (colour only on a terminal).
    Text,
    /// One JSON document (a stable schema, see the README).
    Json,
}

//! The only place that writes to stdout: a buffered writer that knows whether
//! colour is wanted, plus a progress bar that shows only on a terminal.

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

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

    /// Something worth knowing that is no problem (`tm: note: …`, stderr).
    pub fn note(&mut self, s: &str) -> io::Result<()> {
        writeln!(io::stderr().lock(), "tm: note: {s}")
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
    progress_on(stderr_target(), len, what, COUNT)
}

/// A progress bar over the bytes of a file, shown in MiB (as
/// [`progress`]: only on a terminal).
pub fn progress_bytes(len: u64, what: &str) -> ProgressBar {
    progress_on(stderr_target(), len, what, BYTES)
}

/// How a bar over counted things is drawn.
const COUNT: &str = "{msg:>12} [{bar:30}] {pos}/{len} ({eta})";
/// How a bar over bytes is drawn: `1.50 MiB/14.31 MiB`.
const BYTES: &str = "{msg:>12} [{bar:30}] {binary_bytes}/{binary_total_bytes} ({percent}%, {eta})";

/// Stderr when it is a terminal, else nowhere.
fn stderr_target() -> ProgressDrawTarget {
    if io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    }
}

/// A bar of `len` drawn on `target` with `template`.
fn progress_on(target: ProgressDrawTarget, len: u64, what: &str, template: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len), target);
    let style = |t: &str| {
        ProgressStyle::with_template(t)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ")
    };
    // The style before the message: setting the message draws the first
    // frame, which the default style drew as raw counts (`0/14999992`).
    bar.set_style(style(template));
    bar.set_message(what.to_string());
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

/// `n` and the word, in the plural unless `n` is 1 (`1 unit`, `3 units`).
pub fn plural(n: u64, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// A terminal that keeps what is drawn on it.
    #[derive(Debug, Clone, Default)]
    struct Screen(Arc<Mutex<Vec<String>>>);

    impl indicatif::TermLike for Screen {
        fn width(&self) -> u16 {
            100
        }
        fn move_cursor_up(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> io::Result<()> {
            self.write_str(s)
        }
        fn write_str(&self, s: &str) -> io::Result<()> {
            if !s.trim().is_empty() {
                self.0.lock().unwrap().push(s.to_string());
            }
            Ok(())
        }
        fn clear_line(&self) -> io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Every frame of a bar over bytes, the first included, shows them
    /// as the rest do (`0 B/14.31 MiB`), never raw (`0/14999992`).
    #[test]
    fn the_first_frame_of_a_byte_bar_is_in_its_own_units() {
        let screen = Screen::default();
        let target = ProgressDrawTarget::term_like(Box::new(screen.clone()));
        let bar = progress_on(target, 14_999_992, "importing", BYTES);
        bar.set_position(7_500_000);
        bar.finish();
        let frames = screen.0.lock().unwrap().clone();
        assert!(!frames.is_empty());
        for f in &frames {
            assert!(
                f.contains("importing") && f.contains("14.31 MiB"),
                "{frames:?}"
            );
            assert!(!f.contains("14999992"), "{frames:?}");
        }
    }
}

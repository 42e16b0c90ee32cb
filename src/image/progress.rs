//! Pull progress on stderr: bars on a terminal, podman's plain lines otherwise, nothing with -q.

use std::io::IsTerminal;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

pub enum Progress {
    Quiet,
    Lines,
    Bars(MultiProgress),
}

impl Progress {
    pub fn new(quiet: bool) -> Progress {
        if quiet {
            Progress::Quiet
        } else if std::io::stderr().is_terminal() {
            Progress::Bars(MultiProgress::with_draw_target(ProgressDrawTarget::stderr()))
        } else {
            Progress::Lines
        }
    }

    pub fn message(&self, text: &str) {
        match self {
            Progress::Quiet => {}
            Progress::Lines => eprintln!("{text}"),
            Progress::Bars(multi) => {
                let _ = multi.println(text);
            }
        }
    }

    /// A bar (or a closing line) for one blob of `size` bytes.
    pub fn layer(&self, name: &str, size: u64) -> LayerProgress<'_> {
        let bar = match self {
            Progress::Bars(multi) => {
                let bar = multi.add(ProgressBar::new(size));
                bar.set_style(
                    ProgressStyle::with_template(
                        "Copying blob {prefix} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
                    )
                    .expect("static template is valid")
                    .progress_chars("=> "),
                );
                bar.set_prefix(name.to_string());
                Some(bar)
            }
            _ => None,
        };
        LayerProgress {
            progress: self,
            bar,
            name: name.to_string(),
        }
    }
}

pub struct LayerProgress<'a> {
    progress: &'a Progress,
    bar: Option<ProgressBar>,
    name: String,
}

impl LayerProgress<'_> {
    pub fn inc(&self, n: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(n);
        }
    }

    pub fn finish(&self) {
        match &self.bar {
            Some(bar) => bar.finish_with_message("done"),
            None => self
                .progress
                .message(&format!("Copying blob {} done", self.name)),
        }
    }

    pub fn abandon(&self) {
        if let Some(bar) = &self.bar {
            bar.abandon();
        }
    }
}

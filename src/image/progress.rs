//! Pull progress on stderr: bars on a terminal, podman's plain lines otherwise, nothing with -q.

use std::io::IsTerminal;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

pub enum Progress {
    Quiet,
    Lines,
    /// One bar per blob and, below them, one for all bytes of the pull.
    Bars(MultiProgress, ProgressBar, BlobBars),
}

/// Finished blob bars are kept alive until the pull ends: indicatif erases a bar from a
/// MultiProgress when its last handle is dropped, and the finished lines should stay.
#[derive(Default)]
pub struct BlobBars(std::cell::RefCell<Vec<ProgressBar>>);

fn bar_style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .expect("static template is valid")
        .progress_chars("=> ")
}

impl Progress {
    pub fn new(quiet: bool) -> Progress {
        if quiet {
            Progress::Quiet
        } else if std::io::stderr().is_terminal() {
            let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
            let total = multi.add(ProgressBar::new(0));
            total.set_style(bar_style(
                "Total             [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {elapsed}",
            ));
            Progress::Bars(multi, total, BlobBars::default())
        } else {
            Progress::Lines
        }
    }

    /// Ends the total bar once every blob is in.
    pub fn finish(&self) {
        if let Progress::Bars(_, total, _) = self {
            total.finish();
        }
    }

    pub fn message(&self, text: &str) {
        match self {
            Progress::Quiet => {}
            Progress::Lines => eprintln!("{text}"),
            Progress::Bars(multi, _, _) => {
                let _ = multi.println(text);
            }
        }
    }

    /// A bar (or a closing line) for one blob of `size` bytes.
    pub fn layer(&self, name: &str, size: u64) -> LayerProgress<'_> {
        let bar = match self {
            Progress::Bars(multi, total, kept) => {
                let bar = multi.insert_before(total, ProgressBar::new(size));
                kept.0.borrow_mut().push(bar.clone());
                bar.set_style(bar_style(
                    "Copying blob {prefix} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
                ));
                bar.set_prefix(name.to_string());
                total.inc_length(size);
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
        if let Progress::Bars(_, total, _) = self.progress {
            total.inc(n);
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

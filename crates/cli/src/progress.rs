use std::io::IsTerminal;
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};
use warta_pipeline::Progress;

/// A bar on a terminal; periodic log lines when stderr is a file or a cron mail.
pub struct Reporter {
    quiet: bool,
    state: Mutex<Option<(ProgressBar, String, u64, u64)>>,
}

impl Reporter {
    pub fn new(quiet: bool) -> Reporter {
        Reporter {
            quiet,
            state: Mutex::new(None),
        }
    }
}

impl Progress for Reporter {
    fn start(&self, what: &str, total: u64) {
        let bar = if self.quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::new(total);
            let style =
                ProgressStyle::with_template("{msg:>8} [{bar:40}] {pos}/{len} ({per_sec}, {eta})")
                    .map(|s| s.progress_chars("=> "))
                    .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.set_message(what.to_string());
            bar
        };
        if let Ok(mut s) = self.state.lock() {
            *s = Some((bar, what.to_string(), total, 0));
        }
    }

    fn inc(&self, n: u64) {
        if let Ok(mut s) = self.state.lock()
            && let Some((bar, what, total, done)) = s.as_mut()
        {
            bar.inc(n);
            let before = *done;
            *done += n;
            // Without a bar, a log line about every tenth of the work.
            if bar.is_hidden() && *total > 0 && (before * 10 / *total) != (*done * 10 / *total) {
                tracing::info!("{what}: {done}/{total}");
            }
        }
    }

    fn finish(&self) {
        if let Ok(mut s) = self.state.lock()
            && let Some((bar, ..)) = s.take()
        {
            bar.finish_and_clear();
        }
    }
}

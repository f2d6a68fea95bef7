use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressStyle};
use warta_fetch::{CrawlEvent, CrawlObserver};
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

/// Log a line every this many URLs when there is no bar.
const LOG_EVERY: u64 = 100;

/// Crawl progress: on a terminal a bar of URLs done out of URLs queued, with the host being
/// fetched; otherwise `info` lines every [`LOG_EVERY`] URLs and a `warn` line per site that
/// failed as a whole (what a cron mail should show).
pub struct CrawlProgress {
    bar: Option<ProgressBar>,
    done: AtomicU64,
    fetched: AtomicU64,
    queued: AtomicU64,
}

impl CrawlProgress {
    pub fn new(quiet: bool) -> CrawlProgress {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new(0);
            let style = ProgressStyle::with_template(
                "crawl [{bar:30}] {pos}/{len} URLs ({per_sec}) {wide_msg}",
            )
            .map(|s| s.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        CrawlProgress {
            bar,
            done: AtomicU64::new(0),
            fetched: AtomicU64::new(0),
            queued: AtomicU64::new(0),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    fn queue(&self, n: u64) {
        let queued = self.queued.fetch_add(n, Ordering::Relaxed) + n;
        if let Some(bar) = &self.bar {
            bar.set_length(queued);
        }
    }

    fn done(&self, url: &str, fetched: bool) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let fetched = self.fetched.fetch_add(fetched as u64, Ordering::Relaxed) + fetched as u64;
        match &self.bar {
            Some(bar) => {
                bar.inc(1);
                let host = url::Url::parse(url)
                    .ok()
                    .and_then(|u| u.host_str().map(str::to_string))
                    .unwrap_or_default();
                bar.set_message(host);
            }
            None if done.is_multiple_of(LOG_EVERY) => tracing::info!(
                "crawl: {done} of {} queued URLs done, {fetched} fetched",
                self.queued.load(Ordering::Relaxed)
            ),
            None => {}
        }
    }
}

impl CrawlObserver for CrawlProgress {
    fn on_event(&self, event: &CrawlEvent<'_>) {
        match *event {
            CrawlEvent::SiteStarted { site, pending } => {
                tracing::debug!(site, pending, "site started");
                self.queue(pending);
            }
            CrawlEvent::Discovered { added, .. } => self.queue(added),
            CrawlEvent::Fetched { url, .. } => self.done(url, true),
            CrawlEvent::Failed {
                site,
                url,
                outcome,
                error,
            } => {
                tracing::debug!(site, url, outcome, error, "gave up");
                self.done(url, false);
            }
            CrawlEvent::Skipped { url, .. } => self.done(url, false),
            CrawlEvent::Retry { site, url } => tracing::debug!(site, url, "will retry"),
            CrawlEvent::SiteFinished { summary: s } => {
                if s.failed_as_a_whole() {
                    tracing::warn!(
                        "site {}: nothing could be fetched ({} failed, {} barred by robots.txt)",
                        s.site,
                        s.failed,
                        s.skipped_robots
                    );
                } else {
                    tracing::info!(
                        "site {}: {} fetched, {} unchanged, {} failed, {} pending",
                        s.site,
                        s.fetched,
                        s.unchanged,
                        s.failed,
                        s.pending
                    );
                }
            }
        }
    }
}

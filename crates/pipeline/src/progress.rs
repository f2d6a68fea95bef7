/// Progress reporting for long steps; the CLI draws a bar on a terminal and logs otherwise.
pub trait Progress: Sync {
    fn start(&self, what: &str, total: u64);
    fn inc(&self, n: u64);
    fn finish(&self);
}

/// For tests and library callers that want no output.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: &str, _: u64) {}
    fn inc(&self, _: u64) {}
    fn finish(&self) {}
}

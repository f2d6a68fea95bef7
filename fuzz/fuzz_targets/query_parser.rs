//! Any text through `warta search`'s query parser and filter resolver, against a real (empty)
//! index: an answer or a `QueryParse`/`InvalidFilter`/resolve error, never a panic. The first
//! bytes pick the target and which filter gets a fuzzed value.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use warta_export::{FilterSpec, Resolver};
use warta_index::{SearchIndex, SearchQuery, Target};

static INDEX: LazyLock<(tempfile::TempDir, SearchIndex)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let index = SearchIndex::open(dir.path()).expect("an empty index");
    (dir, index)
});

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    // Split off an optional filter value after a NUL, so both the text and a filter are fuzzed.
    let (query, filter) = match text.split_once('\0') {
        Some((q, f)) => (q.to_string(), Some(f.to_string())),
        None => (text.into_owned(), None),
    };
    let mut q = SearchQuery::new(query);
    q.target = if selector & 1 == 0 {
        Target::Articles
    } else {
        Target::Events
    };
    q.limit = usize::from(selector >> 4) + 1;
    let mut spec = FilterSpec::default();
    match (selector >> 1) & 3 {
        1 => spec.province = filter,
        2 => {
            spec.org = filter;
            spec.with_members = selector & 0x08 != 0;
        }
        3 => spec.event_type = filter,
        _ => {}
    }
    match Resolver::bundled().resolve(&spec) {
        Ok(f) => q.filter = f,
        Err(_) => return,
    }
    let _ = INDEX.1.search(&q);
});

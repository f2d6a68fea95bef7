//! End-to-end tests of the `warta` binary: the real binary as a child process, over real data
//! directories (SQLite catalogue, WARC archive, tantivy index) in temporary folders. One test
//! binary for all of them, so the test build links once.

// What every test needs: the binary, the demo archive, JSON Lines.
mod util;
// Import, extract, index, search and export on the bundled demo archive; bad input.
mod end_to_end;
// `warta crawl` and `warta run` against a real HTTP server on loopback, kill -9 included.
mod crawl;
// `warta gazetteer ner-eval` on a CoNLL file of our own.
mod ner_eval;
// `warta gazetteer lint` reports the extractor's unusable rule entries.
mod gazetteer_lint;
// Faults: kills at seeded points, a full disk, damaged stores, read-only stores, concurrent
// search during indexing, atomic exports and one-line errors.
mod faults;
// The researcher's bench: one meaning per filter across search, export and stats; show; facets;
// export by id; manifests.
mod bench_cli;

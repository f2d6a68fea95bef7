//! Any bytes through the WARC reader (plain and gzip): every record it hands out, or an error
//! naming the offset, never a panic, never unbounded memory. Seed with the demo archive
//! (`fixtures/demo/demo.warc.gz`) and its decompressed form so mutations explore record
//! structure.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut records = 0u64;
    let _ = warta_store::archive::read_warc_from(Path::new("fuzz.warc"), data, |record| {
        records += 1;
        // What import reads of every record.
        let _ = record.record_type();
        let _ = record.header("WARC-Target-URI");
        let _ = warta_store::http::parse_response(&record.block);
        Ok(())
    });
});

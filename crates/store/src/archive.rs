//! WARC files: reading any WARC/WARC.gz (one record per gzip member, several, or a whole-file
//! member) with the byte offset of every record, and appending records as their own gzip members
//! so that each one can later be read back from its offset alone.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::bufread::GzDecoder;
use flate2::write::GzEncoder;
use warc::{RawRecordHeader, WarcReader};

use crate::StoreError;

/// Records larger than this are refused rather than buffered: a WARC record holds one HTTP
/// response, and no news page is anywhere near this size.
const MAX_RECORD_BYTES: u64 = 256 * 1024 * 1024;

/// The page cap: a record whose block is larger is skipped while it is streamed, before it is
/// held in memory (import and extract alike). News pages are far below it (the crawler stops
/// reading a body at 10 MB by default); what is above is a video, a dump or an attack, and
/// holding it cost five times its size in memory.
pub const MAX_PAGE_BYTES: u64 = 32 << 20;

/// Room for the WARC and HTTP headers around a block of [`MAX_PAGE_BYTES`].
const HEADER_ROOM: u64 = 64 << 10;

/// One WARC record as read from a file, with where it started.
#[derive(Debug, Clone)]
pub struct WarcRecord {
    /// Byte offset of the record (of its gzip member, in a compressed file).
    pub offset: u64,
    pub version: String,
    pub headers: Vec<(String, String)>,
    pub block: Vec<u8>,
    /// `Some(Content-Length)` when the block was over [`MAX_PAGE_BYTES`]: it was skipped while
    /// streaming and `block` is empty.
    pub oversize: Option<u64>,
}

impl WarcRecord {
    /// The value of a WARC header, compared case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn record_type(&self) -> &str {
        self.header("WARC-Type").unwrap_or("")
    }
}

/// Reads every record of a WARC file in order, calling `visit` for each.
///
/// The whole file is validated as it goes: a torn gzip member, a record whose body is shorter than
/// its Content-Length, or bytes that are not WARC at all stop the walk with an error that names the
/// file and the offset of the damaged record.
pub fn read_warc(
    path: &Path,
    visit: impl FnMut(WarcRecord) -> Result<(), StoreError>,
) -> Result<u64, StoreError> {
    let file = File::open(path).map_err(|e| StoreError::io(path, e))?;
    let len = file.metadata().map_err(|e| StoreError::io(path, e))?.len();
    if len == 0 {
        return Err(StoreError::corrupt(path, 0, "empty file: no WARC records"));
    }
    read_warc_from(path, file, visit)
}

/// [`read_warc`] over any reader; `path` only names the input in errors. Exposed so that the
/// WARC reader can be fuzzed (and fed from memory) without a file per input.
pub fn read_warc_from(
    path: &Path,
    input: impl Read,
    mut visit: impl FnMut(WarcRecord) -> Result<(), StoreError>,
) -> Result<u64, StoreError> {
    let mut reader = CountingReader::new(BufReader::with_capacity(1 << 16, input));
    let head = reader
        .fill_buf()
        .map_err(|e| StoreError::io(path, e))?
        .to_vec();
    let mut count = 0;
    if head.starts_with(&[0x1f, 0x8b]) {
        while !reader
            .fill_buf()
            .map_err(|e| StoreError::io(path, e))?
            .is_empty()
        {
            let offset = reader.position();
            let mut member = Vec::new();
            let mut decoder = GzDecoder::new(&mut reader);
            let broken = |e: io::Error| {
                StoreError::corrupt(path, offset, &format!("broken gzip member: {e}"))
            };
            let cap = MAX_PAGE_BYTES + HEADER_ROOM;
            (&mut decoder)
                .take(cap)
                .read_to_end(&mut member)
                .map_err(broken)?;
            if member.len() as u64 >= cap {
                if let Some((version, headers, length)) = oversized_head(&member) {
                    // One record over the page cap: stream the rest away, keep its headers.
                    drop(member);
                    io::copy(&mut decoder, &mut io::sink()).map_err(broken)?;
                    count += 1;
                    visit(WarcRecord {
                        offset,
                        version,
                        headers,
                        block: Vec::new(),
                        oversize: Some(length),
                    })?;
                    continue;
                }
                // Several records compressed as one member: read on, up to the record limit.
                (&mut decoder)
                    .take(MAX_RECORD_BYTES - cap)
                    .read_to_end(&mut member)
                    .map_err(broken)?;
            }
            if member.len() as u64 >= MAX_RECORD_BYTES {
                return Err(StoreError::corrupt(
                    path,
                    offset,
                    "gzip member larger than 256 MiB",
                ));
            }
            for mut record in parse_records(&member, path, offset)? {
                record.offset = offset;
                count += 1;
                visit(record)?;
            }
        }
    } else if head.starts_with(b"WARC/") {
        // Record by record, never the whole file: a plain WARC can be gigabytes.
        while let Some(record) = next_plain_record(&mut reader, path)? {
            count += 1;
            visit(record)?;
        }
    } else {
        return Err(StoreError::corrupt(
            path,
            0,
            "not a WARC file (neither gzip nor a WARC/1.x header)",
        ));
    }
    if count == 0 {
        return Err(StoreError::corrupt(path, 0, "no WARC records found"));
    }
    Ok(count)
}

/// Longest WARC header block accepted in a plain file before it is called damaged.
const MAX_HEADER_BYTES: u64 = 1 << 20;

/// The next record of an uncompressed WARC, read with memory bounded by the page cap: a block
/// over [`MAX_PAGE_BYTES`] is streamed past and returned as an oversize record without it.
fn next_plain_record<R: BufRead>(
    reader: &mut CountingReader<R>,
    path: &Path,
) -> Result<Option<WarcRecord>, StoreError> {
    let io = |e| StoreError::io(path, e);
    // Blank lines between records, as some writers leave them.
    loop {
        let buf = reader.fill_buf().map_err(io)?;
        if buf.is_empty() {
            return Ok(None);
        }
        let n = buf
            .iter()
            .take_while(|b| **b == b'\r' || **b == b'\n')
            .count();
        if n == 0 {
            break;
        }
        reader.consume(n);
    }
    let offset = reader.position();
    let corrupt = |m: &str| StoreError::corrupt(path, offset, m);
    let mut head = Vec::new();
    loop {
        let before = head.len();
        let n = (&mut *reader)
            .take(MAX_HEADER_BYTES)
            .read_until(b'\n', &mut head)
            .map_err(io)?;
        if n == 0 {
            return Err(corrupt("truncated WARC record header"));
        }
        if head.len() as u64 > MAX_HEADER_BYTES {
            return Err(corrupt("WARC record header longer than 1 MiB"));
        }
        if matches!(&head[before..], b"\r\n" | b"\n") {
            break;
        }
    }
    if !head.starts_with(b"WARC/") {
        return Err(corrupt("expected a WARC/1.x record header"));
    }
    let length = String::from_utf8_lossy(&head)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("Content-Length"))
        .and_then(|(_, v)| v.trim().parse::<u64>().ok())
        .ok_or_else(|| corrupt("malformed WARC record: no valid Content-Length"))?;
    if length > MAX_PAGE_BYTES
        && let Some((version, headers, length)) = oversized_head(&head)
    {
        let skipped = io::copy(&mut (&mut *reader).take(length), &mut io::sink()).map_err(io)?;
        if skipped < length {
            return Err(corrupt("record body shorter than its Content-Length"));
        }
        return Ok(Some(WarcRecord {
            offset,
            version,
            headers,
            block: Vec::new(),
            oversize: Some(length),
        }));
    }
    let mut record = head;
    let want = record.len() as u64 + length;
    (&mut *reader)
        .take(length)
        .read_to_end(&mut record)
        .map_err(io)?;
    if (record.len() as u64) < want {
        return Err(corrupt("record body shorter than its Content-Length"));
    }
    // The record's closing CRLF CRLF, when present, goes with it.
    let buf = reader.fill_buf().map_err(io)?;
    let n = buf
        .iter()
        .take(4)
        .take_while(|b| **b == b'\r' || **b == b'\n')
        .count();
    record.extend_from_slice(&buf[..n]);
    reader.consume(n);
    let mut records = parse_records(&record, path, offset)?;
    match records.len() {
        1 => Ok(records.pop()),
        _ => Err(corrupt("malformed WARC record")),
    }
}

/// Parses the WARC records in an uncompressed buffer; `base` is the buffer's offset in the file,
/// so that a record's offset is exact in plain files and the member offset in gzip files.
fn parse_records(buf: &[u8], path: &Path, base: u64) -> Result<Vec<WarcRecord>, StoreError> {
    let mut out = Vec::new();
    let mut rest = buf;
    while !rest.is_empty() {
        // Tolerate blank lines between records, as some writers leave them.
        let skip = rest
            .iter()
            .take_while(|b| **b == b'\r' || **b == b'\n')
            .count();
        rest = &rest[skip..];
        if rest.is_empty() {
            break;
        }
        let offset = base + (buf.len() - rest.len()) as u64;
        if !rest.starts_with(b"WARC/") {
            return Err(StoreError::corrupt(
                path,
                offset,
                "expected a WARC/1.x record header",
            ));
        }
        let mut reader = CountingReader::new(rest);
        let next = WarcReader::new(&mut reader).iter_raw_records().next();
        let (header, block) = match next {
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                return Err(StoreError::corrupt(
                    path,
                    offset,
                    &format!("malformed WARC record: {e}"),
                ));
            }
            None => {
                return Err(StoreError::corrupt(
                    path,
                    offset,
                    "truncated WARC record header",
                ));
            }
        };
        let used = reader.position() as usize;
        rest = &rest[used.min(rest.len())..];
        // Over the page cap: the same record whether it came in a small or a large member.
        let (block, oversize) = if block.len() as u64 > MAX_PAGE_BYTES {
            (Vec::new(), Some(block.len() as u64))
        } else {
            (block, None)
        };
        out.push(WarcRecord {
            offset,
            version: header.version.clone(),
            headers: header_pairs(&header),
            block,
            oversize,
        });
    }
    Ok(out)
}

/// A record's WARC version, headers and Content-Length.
type RecordHead = (String, Vec<(String, String)>, u64);

/// The version and headers of the record at the start of `buf` when its Content-Length is over
/// [`MAX_PAGE_BYTES`] (read from the headers alone, so the block need not be in memory).
fn oversized_head(buf: &[u8]) -> Option<RecordHead> {
    let end = memchr_crlf2(buf)?;
    let text = std::str::from_utf8(&buf[..end]).ok()?;
    let mut lines = text.split("\r\n");
    let version = lines.next()?.strip_prefix("WARC/")?.to_string();
    let mut headers = Vec::new();
    let mut length = None;
    for line in lines {
        let (k, v) = line.split_once(':')?;
        let (k, v) = (canonical_name(k.trim()), v.trim().to_string());
        if k.eq_ignore_ascii_case("Content-Length") {
            length = v.parse::<u64>().ok();
        }
        headers.push((k, v));
    }
    let length = length.filter(|l| *l > MAX_PAGE_BYTES)?;
    Some((version, headers, length))
}

/// Offset of the first blank line (`\r\n\r\n`), the end of a WARC header block.
fn memchr_crlf2(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n")
}

fn header_pairs(header: &RawRecordHeader) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = header
        .as_ref()
        .iter()
        .map(|(k, v)| {
            (
                canonical_name(&k.to_string()),
                String::from_utf8_lossy(v).into_owned(),
            )
        })
        .collect();
    // HashMap order is arbitrary; a stable order keeps archive bytes reproducible.
    pairs.sort_by(|a, b| {
        header_rank(&a.0)
            .cmp(&header_rank(&b.0))
            .then(a.0.cmp(&b.0))
    });
    pairs
}

fn header_rank(name: &str) -> u8 {
    match name.to_ascii_lowercase().as_str() {
        "warc-type" => 0,
        "warc-record-id" => 1,
        "warc-date" => 2,
        "warc-target-uri" => 3,
        "content-type" => 5,
        "content-length" => 9,
        _ => 6,
    }
}

/// Reads one record back from an archive file at the offset the catalogue recorded.
pub fn read_record_at(path: &Path, offset: u64) -> Result<WarcRecord, StoreError> {
    let mut file = File::open(path).map_err(|e| StoreError::io(path, e))?;
    file.seek(SeekFrom::Start(offset))
        .map_err(|e| StoreError::io(path, e))?;
    let mut reader = BufReader::new(file);
    let mut member = Vec::new();
    let cap = MAX_PAGE_BYTES + HEADER_ROOM;
    GzDecoder::new(&mut reader)
        .take(cap)
        .read_to_end(&mut member)
        .map_err(|e| StoreError::corrupt(path, offset, &format!("broken gzip member: {e}")))?;
    if member.len() as u64 >= cap {
        // Archived before the cap existed: skipped having read no more than the cap.
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            offset,
            limit_mib: MAX_PAGE_BYTES >> 20,
        });
    }
    let mut records = parse_records(&member, path, offset)?;
    if records.is_empty() {
        return Err(StoreError::corrupt(
            path,
            offset,
            "no WARC record at this offset",
        ));
    }
    let mut record = records.swap_remove(0);
    if record.oversize.is_some() {
        return Err(StoreError::TooLarge {
            path: path.to_path_buf(),
            offset,
            limit_mib: MAX_PAGE_BYTES >> 20,
        });
    }
    record.offset = offset;
    Ok(record)
}

/// Appends records to the data directory's current archive file, one gzip member per record, and
/// rotates to a new file past a size limit so files stay easy to copy and to hand to other tools.
pub struct ArchiveWriter {
    dir: PathBuf,
    current: Option<(PathBuf, File, u64)>,
    rotate_bytes: u64,
    /// A file name and an offset known to be a record boundary (the end of the last
    /// catalogued record): the torn-tail check then walks only what follows it.
    known_good: Option<(String, u64)>,
}

/// Where a record was written: file name relative to the archive directory, offset and length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub file: String,
    pub offset: u64,
    pub length: u64,
}

impl ArchiveWriter {
    pub fn new(dir: &Path, rotate_bytes: u64) -> Result<ArchiveWriter, StoreError> {
        fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        Ok(ArchiveWriter {
            dir: dir.to_path_buf(),
            current: None,
            rotate_bytes,
            known_good: None,
        })
    }

    /// Tells the writer that `offset` in `file_name` ends a whole record (the catalogue says
    /// so), so that continuing that file checks only the bytes after it for a torn tail instead
    /// of decompressing the whole file (most of an import's time into a large store).
    pub fn trust_up_to(&mut self, file_name: &str, offset: u64) {
        self.known_good = Some((file_name.to_string(), offset));
    }

    /// Writes one record and returns where it went. The member is written in one `write_all`
    /// and synced by [`ArchiveWriter::sync`]; a crash mid-write leaves a torn tail that the next
    /// open truncates (see [`truncate_torn_tail`]).
    pub fn append(
        &mut self,
        version: &str,
        headers: &[(String, String)],
        block: &[u8],
    ) -> Result<Written, StoreError> {
        let bytes =
            encode_record(version, headers, block).map_err(|e| StoreError::io(&self.dir, e))?;
        self.append_encoded(&bytes)
    }

    /// Writes a record already encoded by [`encode_record`]: callers that write from several
    /// threads compress outside their lock and hold it only for the write.
    pub fn append_encoded(&mut self, bytes: &[u8]) -> Result<Written, StoreError> {
        let (path, file, len) = self.current_file(bytes.len() as u64)?;
        let offset = *len;
        file.write_all(bytes).map_err(|e| StoreError::io(path, e))?;
        *len += bytes.len() as u64;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(Written {
            file: name,
            offset,
            length: bytes.len() as u64,
        })
    }

    /// Makes the records written to `file_name` durable without holding the writer: concurrent
    /// writers each sync their own record while others keep appending (the kernel coalesces the
    /// flushes), instead of queueing behind one lock for every fdatasync.
    pub fn sync_file(dir: &Path, file_name: &str) -> Result<(), StoreError> {
        let path = dir.join(file_name);
        File::open(&path)
            .and_then(|f| f.sync_data())
            .map_err(|e| StoreError::io(&path, e))
    }

    pub fn sync(&mut self) -> Result<(), StoreError> {
        if let Some((path, file, _)) = &mut self.current {
            file.sync_data().map_err(|e| StoreError::io(path, e))?;
        }
        Ok(())
    }

    /// Cuts the current file back to `len` bytes: used to undo the appends of a failed import.
    pub fn rollback_to(&mut self, file_name: &str, len: u64) -> Result<(), StoreError> {
        let path = self.dir.join(file_name);
        let file = OpenOptions::new()
            .write(true)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        file.set_len(len).map_err(|e| StoreError::io(&path, e))?;
        self.current = None;
        Ok(())
    }

    /// The current file and its length, for rolling back later.
    pub fn position(&mut self) -> Result<(String, u64), StoreError> {
        let (path, _, len) = self.current_file(0)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok((name, *len))
    }

    fn current_file(&mut self, incoming: u64) -> Result<&mut (PathBuf, File, u64), StoreError> {
        let rotate = match &self.current {
            Some((_, _, len)) => *len > 0 && *len + incoming > self.rotate_bytes,
            None => true,
        };
        if rotate {
            let path = match (&self.current, latest_archive_file(&self.dir)?) {
                // First use in this process: continue the newest file if it still has room.
                (None, Some((path, len))) if len < self.rotate_bytes => path,
                _ => self.dir.join(new_archive_name(&self.dir)),
            };
            let trusted = self.known_good.as_ref().and_then(|(name, offset)| {
                (path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy() == name.as_str()))
                .then_some(*offset)
            });
            match trusted {
                Some(offset) => truncate_torn_tail_from(&path, offset)?,
                None => truncate_torn_tail(&path)?,
            }
            let file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .map_err(|e| StoreError::io(&path, e))?;
            let len = file.metadata().map_err(|e| StoreError::io(&path, e))?.len();
            self.current = Some((path, file, len));
        }
        self.current
            .as_mut()
            .ok_or_else(|| StoreError::io(&self.dir, io::Error::other("no archive file")))
    }
}

/// One WARC record as a complete gzip member: what [`ArchiveWriter::append`] writes, exposed for
/// tools that build archives of their own (the demo fixture packer, the crawler's tests).
pub fn encode_record(
    version: &str,
    headers: &[(String, String)],
    block: &[u8],
) -> io::Result<Vec<u8>> {
    // Written by hand rather than with `warc::WarcWriter`, whose header map has no order: a fixed
    // order (WARC-Type first, as tools expect) makes archives reproducible byte for byte.
    let mut plain = Vec::with_capacity(block.len() + 512);
    write!(plain, "WARC/{version}\r\n")?;
    for (k, v) in headers
        .iter()
        .filter(|(k, _)| !k.eq_ignore_ascii_case("Content-Length"))
    {
        write!(
            plain,
            "{}: {}\r\n",
            canonical_name(k),
            v.replace(['\r', '\n'], " ")
        )?;
    }
    write!(plain, "Content-Length: {}\r\n\r\n", block.len())?;
    plain.extend_from_slice(block);
    plain.extend_from_slice(b"\r\n\r\n");
    let mut gz = GzEncoder::new(
        Vec::with_capacity(plain.len() / 3 + 64),
        Compression::default(),
    );
    gz.write_all(&plain)?;
    gz.finish()
}

/// `warc-target-uri` → `WARC-Target-URI`: header names are case-insensitive, but people and some
/// tools read the conventional spelling.
fn canonical_name(name: &str) -> String {
    name.split('-')
        .map(|part| match part.to_ascii_lowercase().as_str() {
            "warc" => "WARC".to_string(),
            "id" => "ID".to_string(),
            "uri" => "URI".to_string(),
            "ip" => "IP".to_string(),
            lower => {
                let mut c = lower.chars();
                c.next()
                    .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

fn latest_archive_file(dir: &Path) -> Result<Option<(PathBuf, u64)>, StoreError> {
    let mut names: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| StoreError::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".warc.gz"))
        .collect();
    names.sort();
    Ok(names.pop().map(|p| {
        let len = fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
        (p, len)
    }))
}

fn new_archive_name(dir: &Path) -> String {
    let stamp = chrono::Utc::now().format("%Y%m%d%H%M%S");
    for n in 0.. {
        let name = format!("warta-{stamp}-{n:05}.warc.gz");
        if !dir.join(&name).exists() {
            return name;
        }
    }
    unreachable!("an unbounded counter always finds a free name")
}

/// Makes an archive file end on a whole gzip member again after a crash mid-append: walks the
/// members and cuts the file after the last one that decodes completely.
pub fn truncate_torn_tail(path: &Path) -> Result<(), StoreError> {
    truncate_torn_tail_from(path, 0)
}

/// [`truncate_torn_tail`] walking only the members after `from`, an offset known to end a
/// whole record. A file shorter than `from` is left alone (`warta check` reports it).
pub fn truncate_torn_tail_from(path: &Path, from: u64) -> Result<(), StoreError> {
    let Ok(mut file) = File::open(path) else {
        return Ok(());
    };
    let len = file.metadata().map_err(|e| StoreError::io(path, e))?.len();
    if len <= from {
        return Ok(());
    }
    file.seek(SeekFrom::Start(from))
        .map_err(|e| StoreError::io(path, e))?;
    let mut reader = CountingReader::new(BufReader::new(file));
    reader.consumed = from;
    let mut good = from;
    loop {
        match reader.fill_buf() {
            Ok([]) => return Ok(()),
            Ok(_) => {}
            Err(_) => break,
        }
        let mut decoder = GzDecoder::new(&mut reader);
        if io::copy(&mut decoder, &mut io::sink()).is_err() {
            break;
        }
        good = reader.position();
    }
    tracing::warn!(file = %path.display(), offset = good, "truncating a torn record at the end of the archive");
    let file = OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| StoreError::io(path, e))?;
    file.set_len(good).map_err(|e| StoreError::io(path, e))
}

/// A reader that knows how many bytes its consumer has taken, which is how record offsets are
/// found without seeking (gzip members are only delimited by decoding them).
struct CountingReader<R> {
    inner: R,
    consumed: u64,
}

impl<R> CountingReader<R> {
    fn new(inner: R) -> Self {
        CountingReader { inner, consumed: 0 }
    }
    fn position(&self) -> u64 {
        self.consumed
    }
}

impl<R: BufRead> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.consumed += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for CountingReader<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.consumed += amt as u64;
        self.inner.consume(amt);
    }
}

/// WARC headers for a `response` (or `request`) record of `uri` fetched at `date` (RFC 3339), with
/// a record id derived from its content so that rebuilding an archive gives identical bytes.
pub fn http_record_headers(
    kind: &str,
    uri: &str,
    date: &str,
    block: &[u8],
) -> Vec<(String, String)> {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest([kind.as_bytes(), uri.as_bytes(), date.as_bytes(), block].concat());
    let h: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    let id = format!(
        "<urn:uuid:{}-{}-{}-{}-{}>",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    );
    let block_digest: String = Sha256::digest(block)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    vec![
        ("WARC-Type".into(), kind.into()),
        ("WARC-Record-ID".into(), id),
        ("WARC-Date".into(), date.into()),
        ("WARC-Target-URI".into(), uri.into()),
        ("WARC-Block-Digest".into(), format!("sha256:{block_digest}")),
        (
            "Content-Type".into(),
            format!("application/http; msgtype={kind}"),
        ),
    ]
}

/// One saved page to pack: where it came from, when, how it was served, and its bytes.
pub struct SavedPage {
    pub url: String,
    /// RFC 3339.
    pub fetched_at: String,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// Builds a WARC (gzip member per record) holding a request and a `200 OK` response record for
/// every saved page. Deterministic: the same pages always give the same bytes. Used to build the
/// demo archive and test archives from plain HTML files.
pub fn pack_pages(pages: &[SavedPage]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    for page in pages {
        let host = page.url.split('/').nth(2).unwrap_or("");
        let path = page
            .url
            .splitn(4, '/')
            .nth(3)
            .map(|p| format!("/{p}"))
            .unwrap_or_else(|| "/".into());
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: warta/0.1 (research crawler)\r\nAccept: text/html\r\n\r\n"
        );
        let mut response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            page.content_type,
            page.body.len()
        )
        .into_bytes();
        response.extend_from_slice(&page.body);
        let req = request.into_bytes();
        out.extend(encode_record(
            "1.1",
            &http_record_headers("request", &page.url, &page.fetched_at, &req),
            &req,
        )?);
        out.extend(encode_record(
            "1.1",
            &http_record_headers("response", &page.url, &page.fetched_at, &response),
            &response,
        )?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(uri: &str) -> Vec<(String, String)> {
        vec![
            ("WARC-Type".into(), "response".into()),
            ("WARC-Record-ID".into(), format!("<urn:uuid:{uri}>")),
            ("WARC-Date".into(), "2025-01-02T03:04:05Z".into()),
            ("WARC-Target-URI".into(), uri.into()),
            (
                "Content-Type".into(),
                "application/http; msgtype=response".into(),
            ),
        ]
    }

    #[test]
    fn appended_records_read_back_by_offset_and_in_sequence() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = ArchiveWriter::new(dir.path(), 1 << 30).unwrap();
        let a = w
            .append(
                "1.1",
                &headers("http://a.test/1"),
                b"HTTP/1.1 200 OK\r\n\r\nhello",
            )
            .unwrap();
        let b = w
            .append(
                "1.1",
                &headers("http://a.test/2"),
                b"HTTP/1.1 200 OK\r\n\r\nworld",
            )
            .unwrap();
        w.sync().unwrap();
        assert_eq!(a.file, b.file);
        assert_eq!(b.offset, a.offset + a.length);
        let path = dir.path().join(&a.file);
        let rec = read_record_at(&path, b.offset).unwrap();
        assert_eq!(rec.header("warc-target-uri"), Some("http://a.test/2"));
        assert!(rec.block.ends_with(b"world"));
        let mut seen = Vec::new();
        read_warc(&path, |r| {
            seen.push((r.offset, r.header("WARC-Target-URI").unwrap().to_string()));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            seen,
            vec![
                (a.offset, "http://a.test/1".into()),
                (b.offset, "http://a.test/2".into())
            ]
        );
    }

    #[test]
    fn a_torn_tail_is_cut_back_to_the_last_whole_record() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = ArchiveWriter::new(dir.path(), 1 << 30).unwrap();
        let a = w.append("1.1", &headers("http://a.test/1"), b"x").unwrap();
        let b = w.append("1.1", &headers("http://a.test/2"), b"y").unwrap();
        drop(w);
        let path = dir.path().join(&a.file);
        let f = OpenOptions::new().write(true).open(&path).unwrap();
        f.set_len(b.offset + b.length / 2).unwrap();
        truncate_torn_tail(&path).unwrap();
        assert_eq!(fs::metadata(&path).unwrap().len(), b.offset);
    }

    #[test]
    fn a_torn_tail_is_found_from_a_trusted_offset() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = ArchiveWriter::new(dir.path(), 1 << 30).unwrap();
        let a = w.append("1.1", &headers("http://a.test/1"), b"x").unwrap();
        let b = w.append("1.1", &headers("http://a.test/2"), b"y").unwrap();
        let c = w.append("1.1", &headers("http://a.test/3"), b"z").unwrap();
        drop(w);
        let path = dir.path().join(&a.file);
        let f = OpenOptions::new().write(true).open(&path).unwrap();
        f.set_len(c.offset + c.length / 2).unwrap();
        // Continuing the file with the end of `a` trusted: only `b` and the torn `c` are read.
        let mut w = ArchiveWriter::new(dir.path(), 1 << 30).unwrap();
        w.trust_up_to(&a.file, b.offset);
        let d = w.append("1.1", &headers("http://a.test/4"), b"w").unwrap();
        assert_eq!(
            d.offset, c.offset,
            "the torn record was cut before appending"
        );
        let mut uris = Vec::new();
        read_warc(&path, |r| {
            uris.push(r.header("WARC-Target-URI").unwrap().to_string());
            Ok(())
        })
        .unwrap();
        assert_eq!(
            uris,
            ["http://a.test/1", "http://a.test/2", "http://a.test/4"]
        );
    }

    /// A plain (uncompressed) WARC record.
    fn plain(uri: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    #[test]
    fn plain_files_are_read_record_by_record_with_offsets() {
        let big = vec![b'b'; (MAX_PAGE_BYTES + 1) as usize];
        let first = plain("http://a.test/1", b"one");
        let mut bytes = first.clone();
        bytes.extend(plain("http://a.test/big", &big));
        let third_at = bytes.len() as u64;
        bytes.extend(plain("http://a.test/3", b"three"));
        let mut seen = Vec::new();
        read_warc_from(Path::new("t.warc"), &bytes[..], |r| {
            seen.push((r.offset, r.oversize.is_some(), r.block.len()));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                (0, false, 3),
                (first.len() as u64, true, 0),
                (third_at, false, 5)
            ]
        );
        // A body cut short is named with the offset of its record.
        let cut = &bytes[..(third_at + 60) as usize];
        let err = read_warc_from(Path::new("t.warc"), cut, |_| Ok(()))
            .unwrap_err()
            .to_string();
        assert!(err.contains(&format!("offset {third_at}")), "{err}");
    }

    #[test]
    fn a_record_over_the_page_cap_is_skipped_with_its_headers() {
        let big = vec![b'a'; (MAX_PAGE_BYTES + 1) as usize];
        let mut bytes = encode_record("1.1", &headers("http://a.test/big"), &big).unwrap();
        bytes.extend(encode_record("1.1", &headers("http://a.test/small"), b"ok").unwrap());
        let mut seen = Vec::new();
        read_warc_from(Path::new("t.warc.gz"), &bytes[..], |r| {
            seen.push((
                r.header("WARC-Target-URI").unwrap().to_string(),
                r.oversize,
                r.block.len(),
            ));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                ("http://a.test/big".to_string(), Some(MAX_PAGE_BYTES + 1), 0),
                ("http://a.test/small".to_string(), None, 2)
            ]
        );
    }

    #[test]
    fn damaged_files_are_reported_with_their_offset() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.warc.gz");
        fs::write(&empty, b"").unwrap();
        let err = read_warc(&empty, |_| Ok(())).unwrap_err().to_string();
        assert!(
            err.contains("empty.warc.gz") && err.contains("offset 0"),
            "{err}"
        );

        let junk = dir.path().join("junk.bin");
        fs::write(&junk, [0u8, 159, 146, 150, 1, 2, 3]).unwrap();
        let err = read_warc(&junk, |_| Ok(())).unwrap_err().to_string();
        assert!(err.contains("not a WARC file"), "{err}");

        let mut w = ArchiveWriter::new(dir.path(), 1 << 30).unwrap();
        let a = w
            .append("1.1", &headers("http://a.test/1"), b"first")
            .unwrap();
        let b = w
            .append("1.1", &headers("http://a.test/2"), &[b'z'; 5000])
            .unwrap();
        drop(w);
        let whole = fs::read(dir.path().join(&a.file)).unwrap();
        let cut = dir.path().join("cut.warc.gz");
        fs::write(&cut, &whole[..(b.offset + 20) as usize]).unwrap();
        let err = read_warc(&cut, |_| Ok(())).unwrap_err().to_string();
        assert!(err.contains(&format!("offset {}", b.offset)), "{err}");
    }
}

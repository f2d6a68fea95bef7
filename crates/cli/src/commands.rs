use std::io::{self, Read, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use warta_export::Filter;
use warta_gazetteer::{EntityKind, Gazetteer};
use warta_index::{Hit, SearchIndex, SearchQuery, Target};
use warta_store::Store;

use crate::lock;
use crate::progress::Reporter;
use crate::{
    Cli, Command, FilterArgs, Format, GazetteerAction, NerTagger, StatsFormat, UsageError, What,
};
use warta_export::Dimension;

/// The demo archive, built from the pages in `fixtures/demo` (see its README).
const DEMO_WARC: &[u8] = include_bytes!("../../../fixtures/demo/demo.warc.gz");
const DEMO_QUERY: &str = "koperasi buruh";

pub fn run(cli: &Cli) -> Result<()> {
    match &cli.command {
        Command::Demo => demo(cli),
        Command::Crawl { config, json } => {
            crate::crawl::crawl(cli, config.as_deref(), *json, false)
        }
        Command::Run { config, json } => crate::crawl::crawl(cli, config.as_deref(), *json, true),
        Command::Import { files } => {
            // Taking the lock creates the directory, and a bad file must leave none behind:
            // every file is checked first (and read once more to import it).
            for f in files {
                warta_store::validate_warc(f)?;
            }
            let _lock = lock::acquire(&cli.data_dir)?;
            // Ctrl-C / SIGTERM stop the import at a record boundary and undo the file being
            // imported; a second Ctrl-C kills at once (the next open cuts what it left).
            let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
                signal_hook::flag::register_conditional_shutdown(signal, 130, stop.clone())
                    .context("installing the signal handler")?;
                signal_hook::flag::register(signal, stop.clone())
                    .context("installing the signal handler")?;
            }
            let stopped = || stop.load(std::sync::atomic::Ordering::Relaxed);
            for (file, s) in warta_pipeline::import_validated(&cli.data_dir, files, &stopped)? {
                if cli.quiet {
                    continue;
                }
                println!(
                    "{}: {} records, {} responses, {} added, {} already stored, {} skipped",
                    file.display(),
                    s.records,
                    s.responses,
                    s.added,
                    s.duplicates,
                    s.skipped
                );
            }
            Ok(())
        }
        Command::Extract { all, config } => {
            let rules = match config {
                Some(path) => crate::crawl::rule_book(
                    &crate::crawl::load_config(Some(path))?,
                    &path.display().to_string(),
                )?,
                None => Default::default(),
            };
            let gazetteer = load_gazetteer(cli)?;
            let mut store = open_existing(&cli.data_dir)?;
            let _lock = lock::acquire(&cli.data_dir)?;
            let s = warta_pipeline::extract_with_rules(
                &mut store,
                &gazetteer,
                *all,
                &rules,
                &Reporter::new(cli.quiet),
            )?;
            summary(
                cli,
                format!(
                    "{} pages: {} articles ({} about labour relations), {} skipped; {} events in the catalogue",
                    s.pages, s.articles, s.relevant, s.skipped, s.events
                ),
            );
            if s.failed > 0 && !cli.quiet {
                eprintln!(
                    "warta: {} pages failed in the extractor and were skipped (listed by `warta check`; retried by `extract --all` or a new warta)",
                    s.failed
                );
            }
            Ok(())
        }
        Command::Index { rebuild } => {
            let store = open_existing(&cli.data_dir)?;
            let _lock = lock::acquire(&cli.data_dir)?;
            let s = warta_pipeline::index_with(&store, *rebuild)?;
            if let Some(reason) = &s.repaired
                && !cli.quiet
            {
                eprintln!(
                    "warta: the search index in {} was damaged ({reason}); rebuilt it from the catalogue",
                    store.index_dir().display()
                );
            }
            summary(
                cli,
                format!(
                    "indexed {} articles and {} events{}",
                    s.articles,
                    s.events,
                    if s.rebuilt { " (rebuilt)" } else { "" }
                ),
            );
            Ok(())
        }
        Command::Check => check(cli),
        Command::Search {
            query,
            events,
            filter,
            limit,
            json,
            facets,
            by,
            newest,
        } => {
            let store = open_read_only(&cli.data_dir)?;
            let stale = warta_pipeline::unindexed(&store)?;
            if stale > 0 && !cli.quiet {
                eprintln!(
                    "warta: note: the index is behind the catalogue; run `warta index` to search everything"
                );
            }
            let target = if *events {
                Target::Events
            } else {
                Target::Articles
            };
            let f = filter.resolve(cli)?;
            let index = open_index(&store)?;
            let hits = search(&index, query, target, &f, *limit, *newest)?;
            let facets = if *facets {
                let by: Vec<Dimension> = if by.is_empty() {
                    vec![Dimension::Type, Dimension::Province, Dimension::Org]
                } else {
                    by.clone()
                };
                Some(search_facets(&store, &index, query, target, &f, &by)?)
            } else {
                None
            };
            print_hits(query, &hits, facets.as_deref(), *json)
        }
        Command::Stats {
            by,
            filter,
            format,
            out,
        } => stats(cli, by, filter, *format, out.as_deref()),
        Command::Export {
            what,
            format,
            out,
            filter,
            ids,
            schema,
            manifest,
        } => export(
            cli,
            *what,
            *format,
            out.as_deref(),
            filter,
            ids,
            *schema,
            *manifest,
        ),
        Command::Article { file, url, json } => article(file, url, *json),
        Command::Eval { gold, json } => {
            let text = std::fs::read_to_string(gold)
                .with_context(|| format!("{}: cannot read", gold.display()))?;
            let gold_lines = warta_eval::parse_gold(&text)
                .map_err(|e| UsageError(format!("{}: {e}", gold.display())))?;
            let store = open_existing(&cli.data_dir)?;
            let result = warta_eval::score(&gold_lines, &store.articles()?, &store.events()?);
            if *json {
                println!("{}", serde_json::to_string_pretty(&result)?);
            } else {
                print!("{}", warta_eval::table(&result));
            }
            Ok(())
        }
        Command::Explain { key, json } => crate::explain::explain(cli, key, *json),
        Command::Show { key, json } => crate::show::show(cli, key, *json),
        Command::Gazetteer { action } => gazetteer(cli, action),
    }
}

/// The one-line summary of a step (stdout, for scripts that read it); nothing under `-q`, which
/// prints only errors.
fn summary(cli: &Cli, line: String) {
    if !cli.quiet {
        println!("{line}");
    }
}

fn demo(cli: &Cli) -> Result<()> {
    let tmp = tempfile::Builder::new()
        .prefix("warta-demo")
        .suffix(".warc.gz")
        .tempfile()
        .context("creating a temporary file")?;
    tmp.as_file()
        .write_all(DEMO_WARC)
        .context("writing the demo archive")?;
    let _lock = lock::acquire(&cli.data_dir)?;
    let imported = warta_pipeline::import(&cli.data_dir, &[tmp.path().to_path_buf()])?;
    let added: u64 = imported.iter().map(|(_, s)| s.added).sum();
    let note = |line: String| {
        if !cli.quiet {
            eprintln!("{line}");
        }
    };
    note(format!(
        "demo: {} pages in the archive at {} ({} new)",
        imported.iter().map(|(_, s)| s.responses).sum::<u64>(),
        cli.data_dir.display(),
        added
    ));
    let gazetteer = load_gazetteer(cli)?;
    let mut store = Store::open(&cli.data_dir)?;
    let s = warta_pipeline::extract(&mut store, &gazetteer, false, &Reporter::new(cli.quiet))?;
    let counts = store.counts()?;
    note(format!(
        "demo: {} articles ({} about labour relations), {} events ({} pages extracted now)",
        counts.articles, counts.relevant, counts.events, s.pages
    ));
    warta_pipeline::index(&store)?;
    println!("warta search \"{DEMO_QUERY}\"\n");
    let index = open_index(&store)?;
    let hits = search(
        &index,
        DEMO_QUERY,
        Target::Articles,
        &Filter::default(),
        10,
        false,
    )?;
    print_hits(DEMO_QUERY, &hits, None, false)?;
    println!(
        "\nTry: warta --data-dir {} search --events \"koperasi\" --json",
        cli.data_dir.display()
    );
    Ok(())
}

impl FilterArgs {
    /// What the user typed, for the resolver and for a manifest.
    pub(crate) fn spec(&self) -> warta_export::FilterSpec {
        warta_export::FilterSpec {
            org: self.org.clone(),
            with_members: self.with_members,
            event_type: self.event_type.clone(),
            province: self.province.clone(),
            from: self.from,
            to: self.to,
        }
    }

    /// The filter every command selects with, resolved by the one shared resolver over the
    /// gazetteer's table (not the whole gazetteer): a value that names nothing is a usage error
    /// listing the nearest names.
    pub(crate) fn resolve(&self, cli: &Cli) -> Result<Filter> {
        let resolver = match &cli.gazetteers {
            Some(dir) => warta_export::Resolver::from_dir(dir)?,
            None => warta_export::Resolver::bundled(),
        };
        let started = std::time::Instant::now();
        let resolved = resolver.resolve(&self.spec());
        tracing::debug!("filters resolved in {:?}", started.elapsed());
        resolved.map_err(|e| {
            if e.is_usage() {
                UsageError(e.to_string()).into()
            } else {
                anyhow::Error::from(e)
            }
        })
    }
}

/// The search index of `store`: an existing one opened read-only (searching writes nothing, so a
/// read-only data directory works); only a missing one in a writable store is created, empty.
fn open_index(store: &Store) -> Result<SearchIndex> {
    let dir = store.index_dir();
    Ok(if dir.join("meta.json").exists() {
        SearchIndex::open_read_only(&dir).map_err(|e| match e {
            e @ warta_index::IndexError::Io { .. } => anyhow::Error::from(e),
            damaged => anyhow::anyhow!(
                "{}: {damaged}; run `warta index` to rebuild it from the catalogue",
                dir.display()
            ),
        })?
    } else {
        SearchIndex::open(&dir)?
    })
}

fn query_error(e: warta_index::IndexError) -> anyhow::Error {
    match e {
        e @ warta_index::IndexError::QueryParse { .. } => UsageError(e.to_string()).into(),
        e => e.into(),
    }
}

fn search(
    index: &SearchIndex,
    query: &str,
    target: Target,
    filter: &Filter,
    limit: usize,
    newest: bool,
) -> Result<Vec<Hit>> {
    let q = SearchQuery {
        text: query.to_string(),
        target,
        filter: filter.clone(),
        newest,
        limit,
    };
    index.search(&q).map_err(query_error)
}

/// Counts of the events behind every hit (not only the printed ones), by the same function as
/// `warta stats`: event hits themselves; for articles, the events of the hit articles that pass
/// the filter — so `search "" --events --facets` and `stats` with one filter agree.
fn search_facets(
    store: &Store,
    index: &SearchIndex,
    query: &str,
    target: Target,
    filter: &Filter,
    by: &[Dimension],
) -> Result<Vec<(Dimension, warta_export::Counts)>> {
    let q = SearchQuery {
        text: query.to_string(),
        target,
        filter: filter.clone(),
        newest: false,
        limit: 0,
    };
    let ids: std::collections::HashSet<String> = index
        .matching_ids(&q)
        .map_err(query_error)?
        .into_iter()
        .collect();
    let events = store.events()?;
    let selected: Vec<&warta_model::Event> = match target {
        Target::Events => events.iter().filter(|e| ids.contains(&e.id)).collect(),
        Target::Articles => events
            .iter()
            .filter(|e| {
                filter.matches_event_ignoring_dates(e)
                    && e.sources.iter().any(|s| ids.contains(&s.article_id))
            })
            .collect(),
    };
    Ok(by
        .iter()
        .map(|d| (*d, warta_export::count(selected.iter().copied(), &[*d])))
        .collect())
}

fn stats(
    cli: &Cli,
    by: &[Dimension],
    filter: &FilterArgs,
    format: Option<StatsFormat>,
    out: Option<&Path>,
) -> Result<()> {
    if let Some(path) = out {
        refuse_inside_data_dir(path, &cli.data_dir)?;
    }
    let f = filter.resolve(cli)?;
    let store = open_read_only(&cli.data_dir)?;
    let by = if by.is_empty() {
        vec![Dimension::Type]
    } else {
        by.to_vec()
    };
    let events = store.events()?;
    let counts = warta_export::count(events.iter().filter(|e| f.matches_event(e)), &by);
    let format = format.unwrap_or(
        match out.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
            Some("csv") => StatsFormat::Csv,
            Some("json") => StatsFormat::Json,
            _ => StatsFormat::Table,
        },
    );
    let write = |sink: &mut dyn Write| -> Result<()> {
        match format {
            StatsFormat::Table => counts.write_table(sink)?,
            StatsFormat::Csv => counts.write_csv(sink)?,
            StatsFormat::Json => {
                serde_json::to_writer_pretty(&mut *sink, &counts.to_json())?;
                writeln!(sink)?;
            }
        }
        Ok(())
    };
    match out {
        None => {
            let mut stdout = io::BufWriter::new(io::stdout().lock());
            write(&mut stdout)?;
            stdout.flush()?;
        }
        Some(path) => write_atomically(path, write)?,
    }
    Ok(())
}

fn print_hits(
    query: &str,
    hits: &[Hit],
    facets: Option<&[(Dimension, warta_export::Counts)]>,
    json: bool,
) -> Result<()> {
    let mut out = io::stdout().lock();
    if json {
        let list: Vec<serde_json::Value> = hits
            .iter()
            .map(|h| {
                serde_json::json!({
                    "kind": match h.kind { Target::Articles => "article", Target::Events => "event" },
                    "id": h.id, "title": h.title, "url": h.url, "site": h.site, "date": h.date,
                    "type": h.event_type, "score": h.score, "snippet": h.snippet, "snippet_html": h.snippet_html,
                })
            })
            .collect();
        let mut value = serde_json::json!({ "query": query, "hits": list });
        if let Some(facets) = facets {
            let by: serde_json::Map<String, serde_json::Value> = facets
                .iter()
                .map(|(d, c)| (d.name().to_string(), c.to_json()["rows"].clone()))
                .collect();
            value["facets"] = serde_json::Value::Object(by);
        }
        serde_json::to_writer_pretty(&mut out, &value)?;
        writeln!(out)?;
        return Ok(());
    }
    if hits.is_empty() {
        writeln!(out, "no results for {query:?}")?;
    }
    for (i, h) in hits.iter().enumerate() {
        let kind = h
            .event_type
            .as_deref()
            .map(|t| format!("{t} event · "))
            .unwrap_or_default();
        writeln!(
            out,
            "{:>2}. {} [{}{}] {}",
            i + 1,
            h.title,
            kind,
            h.date.as_deref().unwrap_or("undated"),
            h.site
        )?;
        writeln!(out, "    {} · {}", h.id, h.url)?;
        if !h.snippet.is_empty() {
            writeln!(out, "    {}", h.snippet.replace('\n', " "))?;
        }
    }
    for (_, counts) in facets.unwrap_or_default() {
        writeln!(out)?;
        counts.write_table(&mut out)?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn export(
    cli: &Cli,
    what: What,
    format: Option<Format>,
    out: Option<&Path>,
    filter: &FilterArgs,
    ids: &[String],
    schema: bool,
    manifest: bool,
) -> Result<()> {
    // Everything is checked and read before the output is opened: a bad argument or a damaged
    // store leaves the user's previous file as it was.
    if let Some(path) = out {
        refuse_inside_data_dir(path, &cli.data_dir)?;
    }
    let format = format.unwrap_or_else(|| format_of(out));
    let store = if schema {
        None
    } else {
        Some((filter.resolve(cli)?, open_read_only(&cli.data_dir)?))
    };
    // What the written records were made with, for the manifest.
    let mut made_with: (Vec<String>, Vec<String>) = Default::default();
    let mut write = |sink: &mut dyn Write| -> Result<Option<usize>> {
        let Some((f, store)) = &store else {
            let value = match what {
                What::Events => warta_export::event_schema(),
                What::Articles => warta_export::article_schema(),
            };
            serde_json::to_writer_pretty(&mut *sink, &value)?;
            writeln!(sink)?;
            return Ok(None);
        };
        let events = store.events()?;
        let wanted = |id: &str| ids.is_empty() || ids.iter().any(|i| i == id);
        let fmt = match format {
            Format::Jsonl => warta_export::Format::Jsonl,
            Format::Csv => warta_export::Format::Csv,
        };
        Ok(Some(match what {
            What::Events => {
                let selected: Vec<_> = events
                    .into_iter()
                    .filter(|e| wanted(&e.id) && f.matches_event(e))
                    .collect();
                for e in &selected {
                    made_with.0.push(e.extractor.version.clone());
                    made_with.1.push(e.extractor.gazetteers.clone());
                }
                let archives = store.archive_refs()?;
                warta_export::write_events_citing(&selected, &archives, fmt, sink)?
            }
            What::Articles => {
                // One pass over the events, then a lookup per article (not articles × events).
                let by_article = warta_pipeline::events_by_article(&events);
                let selected: Vec<_> = store
                    .articles()?
                    .into_iter()
                    .filter(|a| {
                        let reported = by_article.get(a.id.as_str()).map_or(&[][..], Vec::as_slice);
                        wanted(&a.id) && f.matches_article(a, reported)
                    })
                    .collect();
                let chosen: std::collections::HashSet<&str> =
                    selected.iter().map(|a| a.id.as_str()).collect();
                for e in events.iter().filter(|e| {
                    e.sources
                        .iter()
                        .any(|s| chosen.contains(s.article_id.as_str()))
                }) {
                    made_with.0.push(e.extractor.version.clone());
                    made_with.1.push(e.extractor.gazetteers.clone());
                }
                warta_export::write_articles(&selected, fmt, sink)?
            }
        }))
    };
    match out {
        None => {
            let mut stdout = io::BufWriter::new(io::stdout().lock());
            write(&mut stdout)?;
            stdout.flush()?;
        }
        Some(path) => {
            let n = write_atomically(path, write)?;
            if let Some(n) = n {
                if !cli.quiet {
                    eprintln!("wrote {n} records to {}", path.display());
                }
                if manifest {
                    let (mut versions, mut hashes) = made_with;
                    for v in [&mut versions, &mut hashes] {
                        v.sort();
                        v.dedup();
                    }
                    let resolved = store.as_ref().map(|(f, _)| f);
                    let m = write_manifest(
                        path, what, format, n, filter, ids, resolved, &versions, &hashes,
                    )?;
                    if !cli.quiet {
                        eprintln!("wrote the manifest {}", m.display());
                    }
                }
            }
        }
    }
    Ok(())
}

/// The export format `--out`'s extension names (`.csv`), else JSON Lines.
fn format_of(out: Option<&Path>) -> Format {
    match out
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("csv") => Format::Csv,
        _ => Format::Jsonl,
    }
}

/// `FILE.manifest.json` beside the export `FILE`: what a citation needs to name the exact data —
/// the file's SHA-256 and size, the record count, the filters as typed and as resolved, the
/// extractor versions and gazetteer hashes the records were made with, warta's version and the
/// time of export. Written atomically like the export.
#[allow(clippy::too_many_arguments)]
fn write_manifest(
    path: &Path,
    what: What,
    format: Format,
    records: usize,
    filter: &FilterArgs,
    ids: &[String],
    resolved: Option<&Filter>,
    versions: &[String],
    hashes: &[String],
) -> Result<std::path::PathBuf> {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    let mut file = std::fs::File::open(path)
        .with_context(|| format!("{}: cannot read the export back", path.display()))?;
    let bytes = io::copy(&mut file, &mut hasher)
        .with_context(|| format!("{}: cannot read the export back", path.display()))?;
    let sha256: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let spec = filter.spec();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let value = serde_json::json!({
        "manifest_version": 1,
        "file": name,
        "sha256": sha256,
        "bytes": bytes,
        "records": records,
        "what": match what { What::Events => "events", What::Articles => "articles" },
        "format": match format { Format::Jsonl => "jsonl", Format::Csv => "csv" },
        "schema_version": warta_model::SCHEMA_VERSION,
        "filters": {
            "org": spec.org, "with_members": spec.with_members, "type": spec.event_type,
            "province": spec.province, "from": spec.from, "to": spec.to,
            "ids": ids,
        },
        "resolved_filters": resolved.map(|f| serde_json::json!({
            "orgs": f.orgs, "type": f.event_type.map(|t| t.code()), "regions": f.regions,
            "from": f.from, "to": f.to,
        })),
        "extractor_versions": versions,
        "gazetteer_hashes": hashes,
        "warta_version": env!("CARGO_PKG_VERSION"),
        "exported_at": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    });
    let mut manifest_name = path.as_os_str().to_owned();
    manifest_name.push(".manifest.json");
    let manifest = std::path::PathBuf::from(manifest_name);
    write_atomically(&manifest, |sink| {
        serde_json::to_writer_pretty(&mut *sink, &value)?;
        writeln!(sink)?;
        Ok(())
    })?;
    Ok(manifest)
}

/// An export over the catalogue, an archive file, the index or the lock would destroy stored
/// data: refused as a usage error before anything is opened.
fn refuse_inside_data_dir(out: &Path, data_dir: &Path) -> Result<()> {
    let absolute = |p: &Path| -> Option<std::path::PathBuf> {
        let p = std::path::absolute(p).ok()?;
        // Resolve symlinks of the deepest existing ancestor (the file itself may not exist yet).
        let mut existing = p.as_path();
        let mut rest = Vec::new();
        while !existing.exists() {
            rest.push(existing.file_name()?.to_owned());
            existing = existing.parent()?;
        }
        let mut resolved = existing.canonicalize().ok()?;
        for part in rest.iter().rev() {
            resolved.push(part);
        }
        Some(resolved)
    };
    // Only the store's own files are at risk: an export beside them (as the evaluation scripts
    // write theirs) is fine.
    let store_owned = |rel: &Path| match rel.components().next() {
        None => true,
        Some(first) => {
            let name = first.as_os_str().to_string_lossy();
            name.starts_with("catalogue.sqlite")
                || matches!(name.as_ref(), "archive" | "index" | ".lock")
        }
    };
    if let (Some(o), Some(d)) = (absolute(out), absolute(data_dir))
        && o.strip_prefix(&d).is_ok_and(store_owned)
    {
        return Err(UsageError(format!(
            "--out {}: would overwrite the store in the data directory {}; write exports elsewhere",
            out.display(),
            data_dir.display()
        ))
        .into());
    }
    Ok(())
}

/// Writes the export to a temporary file in `path`'s folder and renames it over `path` once it
/// is complete and synced: a failed, killed or disk-full export leaves the previous file intact.
fn write_atomically<T>(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.display();
    let tmp = tempfile::Builder::new()
        .prefix(".warta-export-")
        .tempfile_in(dir)
        .with_context(|| {
            format!(
                "{name}: cannot create a temporary file in {}",
                dir.display()
            )
        })?;
    let mut sink = io::BufWriter::new(tmp);
    let result = write(&mut sink).with_context(|| format!("{name}: writing the export failed"))?;
    let tmp = sink
        .into_inner()
        .map_err(|e| e.into_error())
        .and_then(|tmp| tmp.as_file().sync_all().map(|()| tmp))
        .with_context(|| format!("{name}: writing the export failed"))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("{name}: cannot replace the file"))?;
    Ok(result)
}

fn article(file: &Path, url: &str, json: bool) -> Result<()> {
    let mut bytes = Vec::new();
    if file == Path::new("-") {
        io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
    } else {
        bytes = std::fs::read(file).with_context(|| format!("{}: cannot read", file.display()))?;
    }
    let a = warta_article::extract_bytes(&bytes, None, url)
        .with_context(|| format!("{}", file.display()))?;
    let mut out = io::stdout().lock();
    if json {
        let authors: Vec<serde_json::Value> = a
            .authors
            .iter()
            .map(|x| serde_json::to_value(x).unwrap_or_default())
            .collect();
        let value = serde_json::json!({
            "url": url, "canonical_url": a.canonical_url, "site_name": a.site_name, "title": a.title,
            "published": a.published, "modified": a.modified, "authors": authors, "lang": a.lang, "text": a.text,
        });
        serde_json::to_writer_pretty(&mut out, &value)?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}", a.title)?;
        if let Some(p) = a.published {
            writeln!(out, "{}", p.to_rfc3339())?;
        }
        for x in &a.authors {
            writeln!(out, "{} ({:?})", x.name, x.role)?;
        }
        writeln!(out, "\n{}", a.text)?;
    }
    Ok(())
}

fn gazetteer(cli: &Cli, action: &GazetteerAction) -> Result<()> {
    let g = load_gazetteer(cli)?;
    match action {
        GazetteerAction::Lint => {
            let issues = warta_gazetteer::lint(&g);
            for i in &issues {
                println!("{:?}\t{}\t{}", i.kind, i.id, i.message);
            }
            // Rule entries the extractor cannot use (an unknown type code, a bad strength).
            let extractor = warta_extract::Extractor::new(&g);
            let rules = extractor.rule_problems();
            for p in rules {
                println!("Rule\t{p}");
            }
            if !issues.is_empty() || !rules.is_empty() {
                bail!("{} gazetteer problems", issues.len() + rules.len());
            }
            println!(
                "gazetteer clean: {} entries, {} aliases, {} rule lists",
                g.len(),
                g.alias_count(),
                g.rule_lists().count()
            );
            Ok(())
        }
        GazetteerAction::Stats => {
            let mut kinds: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
            for e in g.entries() {
                let k = kinds.entry(e.kind.code().to_string()).or_default();
                k.0 += 1;
                k.1 += e.surface_forms().count();
            }
            println!("{:<16} {:>8} {:>8}", "kind", "entries", "names");
            for (kind, (n, names)) in &kinds {
                println!("{kind:<16} {n:>8} {names:>8}");
            }
            println!("{:<16} {:>8} {:>8}", "total", g.len(), g.alias_count());
            println!("content hash {}", g.content_hash());
            Ok(())
        }
        GazetteerAction::Candidates {
            min_articles,
            limit,
            json,
        } => candidates(cli, &g, *min_articles, *limit, *json),
        GazetteerAction::NerEval { file, tagger, json } => ner_eval(&g, file, *tagger, *json),
    }
}

fn ner_eval(g: &Gazetteer, file: &Path, tagger: NerTagger, json: bool) -> Result<()> {
    use warta_ner::{NameKind, Tagger, conll};
    let name = file.display().to_string();
    let text = std::fs::read_to_string(file).with_context(|| name.clone())?;
    let sentences = conll::parse(&name, &text)?;
    let learned = Tagger::bundled();
    let scores = conll::evaluate(&sentences, |text| {
        let entities = g.recognise(text);
        let mut names = Vec::new();
        let mut known = Vec::new();
        for e in &entities {
            let kind = match e.kind {
                EntityKind::Person => Some(NameKind::Person),
                EntityKind::Union
                | EntityKind::Government
                | EntityKind::Employer
                | EntityKind::Other => Some(NameKind::Organisation),
                EntityKind::Place => None,
                EntityKind::Topic => continue,
            };
            for m in &e.mentions {
                known.push((m.start, m.end));
                if let Some(kind) = kind.filter(|_| tagger != NerTagger::Learned) {
                    names.push((kind, m.start, m.end));
                }
            }
        }
        let tagged = match tagger {
            NerTagger::Rules => Vec::new(),
            NerTagger::Learned => learned.tag(text),
            NerTagger::Both => warta_ner::fill_gaps(&known, learned.tag(text)),
        };
        names.extend(tagged.iter().map(|n| (n.kind, n.start, n.end)));
        names
    });
    let tagger = format!("{tagger:?}").to_lowercase();
    if json {
        let counts = |c: conll::Counts| {
            serde_json::json!({
                "precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
                "gold": c.gold, "found": c.predicted, "correct": c.correct,
            })
        };
        let value = serde_json::json!({
            "file": name,
            "tagger": tagger,
            "sentences": scores.sentences,
            "person": counts(scores.person),
            "organisation": counts(scores.organisation),
            "both": counts(scores.overall()),
        });
        println!("{value}");
    } else {
        println!("{name}: {} sentences, tagger {tagger}\n", scores.sentences);
        print!("{scores}");
    }
    Ok(())
}

fn candidates(
    cli: &Cli,
    g: &Gazetteer,
    min_articles: usize,
    limit: usize,
    json: bool,
) -> Result<()> {
    let store = open_existing(&cli.data_dir)?;
    let mut collector = warta_gazetteer::candidates::Collector::new(g);
    for article in store.articles()? {
        collector.add(&article.id, &article.text);
    }
    let found = collector.finish(min_articles.max(1));
    let mut out = std::io::stdout().lock();
    for c in found.iter().take(limit) {
        if json {
            let value = serde_json::json!({
                "kind": format!("{:?}", c.kind).to_lowercase(),
                "name": c.name,
                "acronym": c.acronym,
                "articles": c.documents,
                "mentions": c.mentions,
                "examples": c.examples,
            });
            serde_json::to_writer(&mut out, &value)?;
            writeln!(out)?;
        } else {
            let acronym = c
                .acronym
                .as_deref()
                .map(|a| format!(" ({a})"))
                .unwrap_or_default();
            writeln!(
                out,
                "{:>4} articles {:>5} mentions  {:<12} {}{acronym}",
                c.documents,
                c.mentions,
                format!("{:?}", c.kind).to_lowercase(),
                c.name
            )?;
            for e in &c.examples {
                writeln!(out, "          “{e}”")?;
            }
        }
    }
    if !json && found.is_empty() {
        writeln!(
            out,
            "no candidates seen in at least {min_articles} articles"
        )?;
    }
    Ok(())
}

pub(crate) fn load_gazetteer(cli: &Cli) -> Result<Gazetteer> {
    Ok(match &cli.gazetteers {
        Some(dir) => Gazetteer::load_dir(dir)?,
        None => Gazetteer::bundled()?,
    })
}

/// `warta check`: every problem on its own line, exit status 1 when there is any.
fn check(cli: &Cli) -> Result<()> {
    let store = open_read_only(&cli.data_dir)?;
    let mut problems = store.check()?;
    let index_dir = store.index_dir();
    if index_dir.join("meta.json").exists()
        && let Err(e) = SearchIndex::open_read_only(&index_dir)
    {
        problems.push(format!(
            "{e}; run `warta index` to rebuild it from the catalogue"
        ));
    }
    let failed = store.skipped_pages(warta_pipeline::FAILED)?;
    for (url, reason) in &failed {
        println!("extraction failed: {url}: {reason}");
    }
    for p in &problems {
        println!("{p}");
    }
    if problems.is_empty() {
        let c = store.counts()?;
        println!(
            "{}: ok ({} pages, {} articles, {} events; {} pages failed in the extractor)",
            cli.data_dir.display(),
            c.pages,
            c.articles,
            c.events,
            failed.len()
        );
        Ok(())
    } else {
        bail!(
            "{}: {} problems found (listed above)",
            cli.data_dir.display(),
            problems.len()
        )
    }
}

/// Opens an existing data directory for reading only (`search`, `export`, `check`): works on a
/// directory the user cannot write, and never migrates or writes.
pub(crate) fn open_read_only(dir: &Path) -> Result<Store> {
    if !dir.join("catalogue.sqlite").exists() {
        return open_existing(dir);
    }
    Ok(Store::open_read_only(dir, false)?)
}

pub(crate) fn open_existing(dir: &Path) -> Result<Store> {
    if !dir.join("catalogue.sqlite").exists() {
        return Err(UsageError(format!(
            "{}: no warta data directory here; run `warta import FILE.warc.gz` (or `warta demo`) first, or pass --data-dir",
            dir.display()
        ))
        .into());
    }
    Ok(Store::open(dir)?)
}

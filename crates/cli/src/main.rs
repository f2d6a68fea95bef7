//! `warta`: the command line over the pipeline. Parses arguments, calls the libraries, prints.
//! No extraction, storage or search logic lives here.

mod commands;
mod crawl;
mod explain;
mod lock;
mod progress;
mod show;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// mimalloc: extraction allocates many small strings and nodes per page; the system allocator
/// cost about a tenth of extraction time in the article benchmark.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Indonesian regional news → a searchable, auditable record of union–government interaction.
#[derive(Debug, Parser)]
#[command(
    name = "warta",
    version,
    about,
    long_about = None,
    after_help = "Start here:\n  warta demo                                  the bundled demo, offline\n  warta import news.warc.gz && warta extract && warta index\n  warta search \"koperasi buruh\" --province Jateng\n  warta show ID                               one event in full, with its evidence\n  warta export --out events.jsonl --manifest  for analysis, citable\n\nEach command's --help has examples."
)]
pub struct Cli {
    /// Data directory (WARC archive, catalogue, search index).
    #[arg(
        long,
        global = true,
        env = "WARTA_DATA_DIR",
        default_value = "./warta-data"
    )]
    pub data_dir: PathBuf,
    /// Use the gazetteer files in this directory instead of the bundled ones.
    #[arg(long, global = true, env = "WARTA_GAZETTEERS")]
    pub gazetteers: Option<PathBuf>,
    /// Only print errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// More log output (-v info, -vv debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Offline: load the bundled demo archive, extract, index, and search "koperasi buruh".
    #[command(after_help = "Examples:\n  warta demo\n  warta --data-dir /tmp/warta-demo demo")]
    Demo,
    /// Fetch new pages from the configured sites into the archive.
    #[command(
        after_help = "Examples:\n  warta crawl --config sites.toml\n  warta crawl --json > crawl.json"
    )]
    Crawl {
        /// Crawl configuration (TOML); without it, the bundled list of Indonesian news sites.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Per-site summary as JSON on stdout.
        #[arg(long)]
        json: bool,
    },
    /// The nightly job: crawl, then extract and index what is new. Safe in cron: a second run
    /// on the same data directory is refused while one is going.
    #[command(
        after_help = "Examples:\n  warta run --config sites.toml\n  0 2 * * *  warta --data-dir /srv/warta -q run   (crontab)"
    )]
    Run {
        /// Crawl configuration (TOML); without it, the bundled list of Indonesian news sites.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Per-site summary with extraction and indexing counts as JSON on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Add the responses of existing WARC files (.warc or .warc.gz) to the archive.
    #[command(
        after_help = "Examples:\n  warta import CC-NEWS-20250101*.warc.gz\n  warta import arsip-peneliti.warc"
    )]
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Articles and events for archived pages not yet processed.
    #[command(
        after_help = "Examples:\n  warta extract\n  warta extract --all   (after a new warta or gazetteer)"
    )]
    Extract {
        /// Redo every page (after a new warta version or gazetteer).
        #[arg(long)]
        all: bool,
        /// Crawl configuration whose per-site `[site.extract]` rules apply (as in `warta run`).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Bring the search index up to date.
    #[command(after_help = "Examples:\n  warta index\n  warta index --rebuild")]
    Index {
        /// Rebuild the whole index from the catalogue (searches keep the old one meanwhile).
        #[arg(long)]
        rebuild: bool,
    },
    /// Check the data directory: the catalogue's full SQLite integrity check, the archive files
    /// it points into, the search index, and the pages the extractor failed on.
    #[command(after_help = "Examples:\n  warta check")]
    Check,
    /// Search articles (or events with --events).
    #[command(
        after_help = "Examples:\n  warta search \"koperasi buruh\"\n  warta search --events audiensi --province Jateng --from 2025-01-01\n  warta search '\"upah minimum\" NOT demo' --org KSPI --json"
    )]
    Search {
        /// Words, "quoted phrases", AND/OR/NOT, title: and org: prefixes.
        query: String,
        /// Search events instead of articles.
        #[arg(long)]
        events: bool,
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Machine-readable results on stdout.
        #[arg(long)]
        json: bool,
        /// Newest first instead of newest-relevant first.
        #[arg(long)]
        newest: bool,
        /// Also count the events behind all hits (as `warta stats` does), by type, province and
        /// org unless --by says otherwise.
        #[arg(long)]
        facets: bool,
        /// With --facets: what to count by (province, type, org, month, site); repeatable.
        #[arg(long, value_name = "DIMENSION", requires = "facets")]
        by: Vec<warta_export::Dimension>,
    },
    /// Event counts by province, type, org, month or site; several --by make a cross-table.
    #[command(
        after_help = "Examples:\n  warta stats --by province\n  warta stats --by type --by month --from 2025-01-01 --format csv"
    )]
    Stats {
        /// What to count by (province, type, org, month, site); repeatable; default type.
        #[arg(long, value_name = "DIMENSION")]
        by: Vec<warta_export::Dimension>,
        #[command(flatten)]
        filter: FilterArgs,
        /// table (default; csv or json when --out ends so), csv or json.
        #[arg(long, value_enum)]
        format: Option<StatsFormat>,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write events or articles for analysis.
    #[command(
        after_help = "Examples:\n  warta export --out events.jsonl\n  warta export --province sumsel --type protest --format csv --out protes.csv\n  warta export --what articles --out articles.jsonl"
    )]
    Export {
        #[arg(long, value_enum, default_value_t = What::Events)]
        what: What,
        /// jsonl or csv; by default what --out's extension says (.csv), else jsonl.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterArgs,
        /// Only these records (event ids, or article ids with --what articles); the filters
        /// still apply.
        #[arg(long = "id", value_name = "ID", num_args = 1..)]
        ids: Vec<String>,
        /// Print the JSON Schema of the records instead of the records.
        #[arg(long)]
        schema: bool,
        /// Also write FILE.manifest.json beside --out: counts, filters, versions, date and the
        /// export's SHA-256, so a paper can cite exactly what it used.
        #[arg(long, requires = "out", conflicts_with = "schema")]
        manifest: bool,
    },
    /// Score the stored articles and events against a gold file (JSON Lines, see design/eval.md).
    #[command(
        after_help = "Examples:\n  warta eval --gold gold.jsonl\n  warta eval --gold gold.jsonl --json"
    )]
    Eval {
        #[arg(long)]
        gold: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// One page to its clean article, without storing anything.
    #[command(
        after_help = "Examples:\n  warta article halaman.html --url https://contoh.id/berita/1\n  curl -s URL | warta article --url URL --json"
    )]
    Article {
        /// HTML file, or - for standard input.
        #[arg(default_value = "-")]
        file: PathBuf,
        /// The page's URL (used for relative links and the site name).
        #[arg(long, default_value = "")]
        url: String,
        #[arg(long)]
        json: bool,
    },
    /// One event in full (by event id), or every event of an article (by article id or URL),
    /// with each source's text and every evidence span marked.
    #[command(
        after_help = "Examples:\n  warta show ev-00d9a97632661419\n  warta show https://contoh.id/berita/1 --json"
    )]
    Show {
        /// An event id, an article id or an article URL (search results print ids).
        key: String,
        /// The record as JSON, with its sources' article texts embedded.
        #[arg(long)]
        json: bool,
    },
    /// Why a stored article gave the events it did, or none (by URL or article id).
    #[command(
        after_help = "Examples:\n  warta explain https://contoh.id/berita/1\n  warta explain 3aafe2afe45c7c27 --json"
    )]
    Explain {
        /// The URL of a stored page, or an article id.
        key: String,
        #[arg(long)]
        json: bool,
    },
    /// Check and describe the gazetteers.
    #[command(
        after_help = "Examples:\n  warta gazetteer lint\n  warta gazetteer stats\n  warta --gazetteers ./my-gazetteers gazetteer lint"
    )]
    Gazetteer {
        #[command(subcommand)]
        action: GazetteerAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum GazetteerAction {
    /// Report duplicate ids, alias collisions, dangling parents, bad region codes.
    Lint,
    /// Count entries per kind and aliases.
    Stats,
    /// Organisations, acronyms and officials' titles seen in the stored articles but not in
    /// the gazetteer, most widespread first, with example sentences: what to curate next.
    Candidates {
        /// Only those seen in at least this many articles.
        #[arg(long, default_value_t = 2)]
        min_articles: usize,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Person and organisation precision, recall and F1 of a recogniser on a CoNLL file (one
    /// token and BIO tag a line, IndoNLU tag types), a name counting only with its exact span.
    NerEval {
        file: PathBuf,
        /// rules: the gazetteer recogniser; learned: the name tagger; both: the rules, with the
        /// tagger's names where no rule entity overlaps.
        #[arg(long, value_enum, default_value_t = NerTagger::Both)]
        tagger: NerTagger,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NerTagger {
    Rules,
    Learned,
    Both,
}

#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Organisation taking part: gazetteer id (org/kspi), acronym (KSPI), name or alias; an
    /// office type (Disnaker) means every such office.
    #[arg(long)]
    pub org: Option<String>,
    /// With --org: also its member organisations in the gazetteer (federations, factions,
    /// branches; a government's offices).
    #[arg(long, requires = "org")]
    pub with_members: bool,
    /// Event type code (audience, meeting, protest, ...).
    #[arg(long = "type", value_name = "CODE")]
    pub event_type: Option<String>,
    /// Province name, short form or code (Sumatera Selatan, sumsel, Jateng, DKI, Jogja, 16); a
    /// regency or city name or code (Palembang, 16.71) selects that region.
    #[arg(long)]
    pub province: Option<String>,
    /// From this date (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub from: Option<chrono::NaiveDate>,
    /// To this date (YYYY-MM-DD), inclusive.
    #[arg(long)]
    pub to: Option<chrono::NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum What {
    Events,
    Articles,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Jsonl,
    Csv,
}

/// An error that is the user's to fix (exit status 2) rather than a failure at run time (1).
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

fn main() -> ExitCode {
    // A bug must still read as one line (extraction catches its panics per page and goes on).
    std::panic::set_hook(Box::new(|info| {
        if warta_pipeline::panic_is_handled() {
            return;
        }
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("warta: internal error{at}: {}", message.replace('\n', " "));
    }));
    let cli = Cli::parse();
    init_logging(&cli);
    match commands::run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`warta search ... | head`) is not a failure.
        Err(err)
            if err.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
                    || c.downcast_ref::<serde_json::Error>()
                        .is_some_and(|e| e.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(err) => {
            // One line: the chain of causes joined, naming the file, offset, URL or query at
            // fault; a cause whose text the line already shows is not repeated.
            let mut line = String::new();
            let mut last = String::new();
            for cause in err.chain() {
                let text = cause.to_string();
                // Libraries often restate their source ("unable to open database file", then
                // "Error code 14: unable to open database file"): one mention is enough.
                if line.contains(&text) || (!last.is_empty() && text.contains(&last)) {
                    continue;
                }
                last = text.clone();
                if !line.is_empty() {
                    line.push_str(": ");
                }
                line.push_str(&text);
            }
            let line = line.replace('\n', " ");
            eprintln!("warta: error: {line}");
            if err.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

fn init_logging(cli: &Cli) {
    let level = match (cli.quiet, cli.verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("WARTA_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Log files and pipes get plain text; colour only on a terminal (and never with NO_COLOR).
        .with_ansi(
            std::io::IsTerminal::is_terminal(&std::io::stderr())
                && std::env::var_os("NO_COLOR").is_none(),
        )
        .with_target(false)
        .init();
}

//! The `griffie` command line: argument parsing and reporting only; the work is in the library.
//!
//! Exit codes: 0 success; 1 problems in the sources (diagnostics printed); 2 wrong usage;
//! 3 the environment failed (output folder not writable, …).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use griffie::diagnostics::formats::{self, Format};
use griffie::{build, diagnostics, BuildOptions, Mode, ProjectPaths};

#[derive(Parser)]
#[command(
    name = "griffie",
    version,
    about = "Builds a council's documents into a cross-linked static website"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site from content/ into output/ (the previous output stays if anything fails).
    Build {
        #[command(flatten)]
        common: CommonArgs,
        /// Folder to write the site into.
        #[arg(long, value_name = "DIR", default_value = "output")]
        output: PathBuf,
    },
    /// Check all sources and templates without writing anything.
    Check {
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Create a new document in the type's folder, with placeholders to fill in; prints its path.
    New {
        /// The document type: raadsbrief, brief, motie, amendement, raadsvoorstel, besluit or plan.
        #[arg(value_name = "TYPE", value_parser = griffie::scaffold::parse_type)]
        doc_type: griffie::model::DocType,
        /// The subject ("Onderwerp"); the id is made from the type, the date and this title.
        title: String,
        /// Folder with the document sources.
        #[arg(long, value_name = "DIR", default_value = "content")]
        content: PathBuf,
        /// The document's date (YYYY-MM-DD). Default: today in the Netherlands.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        date: Option<jiff::civil::Date>,
        /// Use this id instead of the one made from type, date and title.
        #[arg(long, value_name = "ID")]
        id: Option<String>,
    },
}

#[derive(clap::Args)]
struct CommonArgs {
    /// Folder with the document sources.
    #[arg(long, value_name = "DIR", default_value = "content")]
    content: PathBuf,
    /// The day against which motions count as overdue (YYYY-MM-DD). Default: SOURCE_DATE_EPOCH,
    /// else the newest document's date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<jiff::civil::Date>,
    /// Treat warnings as errors: the run fails on any warning (for CI).
    #[arg(long = "strict", visible_alias = "deny-warnings")]
    deny_warnings: bool,
    /// How to print problems: `human` (source snippets), `json` (one JSON object on stdout,
    /// for tools), `github` (GitHub Actions annotations); `auto` is `github` inside GitHub
    /// Actions, else `human`.
    #[arg(long, value_name = "FORMAT", default_value = "auto", value_parser = ["auto", "human", "json", "github"])]
    format: String,
    /// Skip the PDF briefs (faster, for a quick look at the pages).
    #[arg(long)]
    no_pdf: bool,
    /// Print only problems, no progress summary.
    #[arg(long, short)]
    quiet: bool,
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    griffie::load::parse_date(text).map_err(|_| format!("`{text}` is not a date written as YYYY-MM-DD"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (common, mode, output) = match cli.command {
        Command::Build { common, output } => (common, Mode::Build, Some(output)),
        Command::Check { common } => (common, Mode::Check, None),
        Command::New {
            doc_type,
            title,
            content,
            date,
            id,
        } => {
            let date = date.unwrap_or_else(griffie::scaffold::today);
            let request = griffie::scaffold::Request {
                doc_type,
                title,
                date,
                id,
            };
            return match griffie::scaffold::create(std::path::Path::new("."), &content, &request) {
                Ok(created) => {
                    println!("{}", created.path.display());
                    eprintln!("{}", created.next_step());
                    ExitCode::SUCCESS
                }
                Err(err) => {
                    eprintln!("error: {err}");
                    ExitCode::from(err.exit_code())
                }
            };
        }
    };
    let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut paths = ProjectPaths::in_folder(&root);
    paths.content = root.join(&common.content);
    paths.output = root.join(output.unwrap_or_else(|| PathBuf::from("output")));
    let options = BuildOptions {
        paths,
        mode,
        as_of: common.as_of,
        deny_warnings: common.deny_warnings,
        pdf: !common.no_pdf,
    };

    let report = match build(&options) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("error: {err:#}");
            return ExitCode::from(3);
        }
    };
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let failed = report.failed(options.deny_warnings);
    let format = match common.format.as_str() {
        "human" => Format::Human,
        "json" => Format::Json,
        "github" => Format::Github,
        _ => Format::auto(),
    };
    if format == Format::Json {
        print!(
            "{}",
            formats::json_report(&report.diagnostics, report.documents, failed)
        );
    } else {
        if format == Format::Github {
            print!("{}", formats::github_annotations(&report.diagnostics));
        }
        eprint!(
            "{}",
            diagnostics::render_report(&report.diagnostics, &options.paths.root, color)
        );
    }
    if (!common.quiet || failed) && format != Format::Json {
        print_summary(&report, &options, failed);
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_summary(report: &griffie::BuildReport, options: &BuildOptions, failed: bool) {
    let timings: Vec<String> = report
        .timings
        .iter()
        .map(|(stage, time)| format!("{stage} {} ms", time.as_millis()))
        .collect();
    let problems = diagnostics::summary(&report.diagnostics);
    match (options.mode, failed) {
        (Mode::Check, false) => eprintln!(
            "checked {} documents: {problems} ({})",
            report.documents,
            timings.join(", ")
        ),
        (Mode::Check, true) => eprintln!("check failed: {problems}"),
        (Mode::Build, false) => eprintln!(
            "built {} documents into {} ({} pages, {} files, {} unchanged version pages kept): {problems} ({})",
            report.documents,
            options.paths.shown(&options.paths.output).display(),
            report.stats.pages,
            report.stats.files,
            report.stats.kept,
            timings.join(", ")
        ),
        (Mode::Build, true) => eprintln!(
            "build failed: {problems}; {} was left unchanged",
            options.paths.shown(&options.paths.output).display()
        ),
    }
}

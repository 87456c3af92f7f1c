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
    /// Preview the site on 127.0.0.1 with live reload; rebuilds when sources change.
    Serve {
        /// Port on 127.0.0.1 (0: any free port; the URL is printed).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Folder with the document sources.
        #[arg(long, value_name = "DIR", default_value = "content")]
        content: PathBuf,
        /// Folder the preview is built into; kept apart from output/ so a preview never
        /// replaces the published site.
        #[arg(long, value_name = "DIR", default_value = ".griffie-cache/serve/site")]
        output: PathBuf,
        /// Skip the PDF briefs (faster rebuilds).
        #[arg(long)]
        no_pdf: bool,
        /// Also print how long each step of every update took.
        #[arg(long)]
        timings: bool,
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
    /// Print only problems: no progress bar, no closing summary.
    #[arg(long, short)]
    quiet: bool,
    /// Also print how long each stage took.
    #[arg(long)]
    timings: bool,
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    griffie::load::parse_date(text).map_err(|_| format!("`{text}` is not a date written as YYYY-MM-DD"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (common, mode, output) = match cli.command {
        Command::Build { common, output } => (common, Mode::Build, Some(output)),
        Command::Check { common } => (common, Mode::Check, None),
        Command::Serve {
            port,
            content,
            output,
            no_pdf,
            timings,
        } => return serve(port, content, output, no_pdf, timings),
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
        progress: progress_bar(&common),
        preview: false,
    };

    let started = std::time::Instant::now();
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
        print_summary(&report, &options, failed, started.elapsed());
        if common.timings {
            let timings: Vec<String> = report
                .timings
                .iter()
                .map(|(stage, time)| format!("{stage} {} ms", time.as_millis()))
                .collect();
            eprintln!("tijden: {}", timings.join(", "));
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `12345` → `12.345`, as Dutch readers group digits.
fn dutch_number(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(digit);
    }
    out
}

/// A progress bar on stderr for people at a terminal; none in CI, pipes or with `--quiet`.
fn progress_bar(common: &CommonArgs) -> Option<griffie::ProgressHandle> {
    let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    (interactive && !common.quiet).then(|| griffie::ProgressHandle(std::sync::Arc::new(Bar::new())))
}

/// [`griffie::Progress`] as an indicatif bar, one part at a time.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Bar {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        let style = indicatif::ProgressStyle::with_template("{msg:>9} [{bar:30}] {pos}/{len}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> ");
        bar.set_style(style);
        Bar(bar)
    }
}

impl griffie::Progress for Bar {
    fn start(&self, label: &'static str, total: u64) {
        self.0.set_message(label);
        self.0.set_length(total);
        self.0.set_position(0);
    }

    fn advance(&self, steps: u64) {
        self.0.inc(steps);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// The closing line, in Dutch: "klaar: 326 documenten, 41 PDF's, 0 fouten, 2 waarschuwingen in 1,2 s".
fn print_summary(report: &griffie::BuildReport, options: &BuildOptions, failed: bool, took: std::time::Duration) {
    let plural = |n: usize, one: &str, many: &str| format!("{} {}", dutch_number(n), if n == 1 { one } else { many });
    let errors = plural(report.diagnostics.error_count(), "fout", "fouten");
    let warnings = plural(report.diagnostics.warning_count(), "waarschuwing", "waarschuwingen");
    let seconds = format!("{:.1}", took.as_secs_f64()).replace('.', ",");
    let documents = plural(report.documents, "document", "documenten");
    let output = options.paths.shown(&options.paths.output);
    match (options.mode, failed) {
        (Mode::Check, false) => eprintln!("gecontroleerd: {documents}, {errors}, {warnings} in {seconds} s"),
        (Mode::Check, true) => eprintln!("controle mislukt: {errors}, {warnings}"),
        (Mode::Build, false) => eprintln!(
            "klaar: {documents}, {}, {} in {}, {errors}, {warnings} in {seconds} s ({} ongewijzigd hergebruikt)",
            plural(report.stats.pdfs, "PDF", "PDF's"),
            plural(report.stats.pages, "pagina", "pagina's"),
            output.display(),
            plural(report.stats.kept, "versiepagina", "versiepagina's"),
        ),
        (Mode::Build, true) => eprintln!(
            "bouwen mislukt: {errors}, {warnings}; {} is niet gewijzigd",
            output.display()
        ),
    }
}

/// `griffie serve`: runs until stopped; returns only when it cannot start.
fn serve(port: u16, content: PathBuf, output: PathBuf, no_pdf: bool, timings: bool) -> ExitCode {
    let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut paths = ProjectPaths::in_folder(&root);
    paths.content = root.join(content);
    paths.output = root.join(output);
    let build = BuildOptions {
        paths,
        mode: Mode::Build,
        as_of: None,
        deny_warnings: false,
        pdf: !no_pdf,
        progress: None,
        preview: true,
    };
    match griffie::serve::serve(&griffie::serve::ServeOptions { build, port, timings }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(3)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::dutch_number;

    #[test]
    fn numbers_are_grouped_the_dutch_way() {
        assert_eq!(dutch_number(7), "7");
        assert_eq!(dutch_number(2170), "2.170");
        assert_eq!(dutch_number(202_035), "202.035");
        assert_eq!(dutch_number(1_000_000), "1.000.000");
    }
}

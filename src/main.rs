//! The `griffie` command line: argument parsing and reporting only; the work is in the library.
//!
//! Exit codes: 0 success; 1 problems in the sources (diagnostics printed); 2 wrong usage;
//! 3 the environment failed (output folder not writable, …).
//!
//! Messages are Dutch unless `--lang en` or `GRIFFIE_LANG=en` asks for English (the flag wins).
//! The language is chosen first, before the arguments are parsed, so that the help texts and
//! usage errors are in it too; clap's own wording (`[default: …]`, its error lines) stays English.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};
use griffie::formats::{self, Format};
use griffie::i18n;
use griffie::{build, t, BuildOptions, Mode, ProjectPaths};

// The doc comments below are for readers of this file; people see the texts of the catalog
// (`cli.*`), set in `localise`.
#[derive(Parser)]
#[command(
    name = "griffie",
    version,
    about = "Builds a council's documents into a cross-linked static website",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
struct Cli {
    /// The language of the messages: nl (default) or en; also from GRIFFIE_LANG.
    #[arg(long, global = true, value_name = "nl|en", env = i18n::ENV_VAR, value_parser = ["nl", "en"])]
    lang: Option<String>,
    /// Print help (ours, so that its text can be Dutch).
    #[arg(short = 'h', long, global = true, action = ArgAction::Help)]
    help: Option<bool>,
    /// Print version.
    #[arg(short = 'V', long, action = ArgAction::Version)]
    version: Option<bool>,
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
        /// The published site: its pages made from unchanged inputs need no second look.
        #[arg(long, value_name = "DIR", default_value = "output")]
        output: PathBuf,
    },
    /// Create a new document in the type's folder, with placeholders to fill in; prints its path.
    New {
        /// The document type: raadsbrief, brief, motie, amendement, raadsvoorstel, besluit or plan.
        #[arg(value_name = "TYPE", value_parser = griffie::parse_type)]
        doc_type: griffie::DocType,
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
    /// Write an archive package for an e-depot: ORI-A for the meetings, MDTO and PDF/A per
    /// document (`griffie export ori-a <DIR>`).
    Export {
        /// The format: `ori-a` (ORI-A 1.0.1 with MDTO 1.0.1).
        #[arg(value_name = "FORMAT", value_parser = ["ori-a"])]
        standard: String,
        /// The folder to write the package into: new, empty, or an earlier package.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        #[command(flatten)]
        common: CommonArgs,
    },
    /// Print the help of griffie or of one command (ours, so that its text can be Dutch).
    Help {
        #[arg(value_parser = COMMANDS)]
        command: Option<String>,
    },
}

/// The commands a `griffie help <command>` can name.
const COMMANDS: [&str; 6] = ["build", "check", "new", "serve", "export", "help"];

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

/// The clap command with every about and help text, value name and heading in the message
/// language.
fn localise(cmd: clap::Command) -> clap::Command {
    let texts = HelpTexts::new();
    cmd.about(t!("cli.about"))
        .help_template(&texts.template)
        .subcommand_help_heading(t!("cli.commands_heading"))
        .subcommand_value_name(t!("cli.command_name"))
        .mut_arg("lang", texts.last(t!("cli.lang")))
        .mut_arg("help", texts.last(t!("cli.help")))
        .mut_arg("version", texts.last(t!("cli.version")))
        .mut_subcommand("build", |c| texts.build_command(c))
        .mut_subcommand("check", |c| {
            texts
                .common(texts.every(c, t!("cli.check")))
                .mut_arg("output", texts.folder(t!("cli.check.output")))
        })
        .mut_subcommand("new", |c| texts.new_command(c))
        .mut_subcommand("serve", |c| texts.serve_command(c))
        .mut_subcommand("export", |c| {
            texts
                .common(texts.every(c, t!("cli.export")))
                .mut_arg("standard", |arg| {
                    let text = arg_text(
                        &texts.arguments,
                        t!("cli.export.format"),
                        Some(&t!("cli.value.export_format")),
                    );
                    text(arg).display_order(0)
                })
                .mut_arg("dir", |arg| {
                    let text = arg_text(&texts.arguments, t!("cli.export.dir"), Some(&texts.dir));
                    text(arg).display_order(1)
                })
        })
        .mut_subcommand("help", |c| texts.help_command(c))
}

/// What [`localise`] gives many arguments and commands alike: the help template, the headings
/// and the value names, in the message language.
struct HelpTexts {
    template: String,
    options: String,
    arguments: String,
    dir: String,
    date: String,
}

impl HelpTexts {
    /// The shared texts in the message language.
    fn new() -> HelpTexts {
        HelpTexts {
            template: format!(
                "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
                t!("cli.usage_heading")
            ),
            options: t!("cli.options_heading"),
            arguments: t!("cli.arguments_heading"),
            dir: t!("cli.value.dir"),
            date: t!("cli.value.date"),
        }
    }

    /// An option's help text.
    fn option(&self, help: String) -> impl FnOnce(clap::Arg) -> clap::Arg {
        arg_text(&self.options, help, None)
    }

    /// An option that names a folder.
    fn folder(&self, help: String) -> impl FnOnce(clap::Arg) -> clap::Arg {
        arg_text(&self.options, help, Some(&self.dir))
    }

    /// An option that takes a date.
    fn day(&self, help: String) -> impl FnOnce(clap::Arg) -> clap::Arg {
        arg_text(&self.options, help, Some(&self.date))
    }

    /// Options every command has come after the command's own.
    fn last(&self, help: String) -> impl FnOnce(clap::Arg) -> clap::Arg {
        let set = self.option(help);
        move |arg: clap::Arg| set(arg).display_order(1000)
    }

    /// The about text of a command, and the help template every command shares.
    fn every(&self, cmd: clap::Command, about: String) -> clap::Command {
        cmd.about(about).help_template(&self.template)
    }

    /// The options `build` and `check` share.
    fn common(&self, cmd: clap::Command) -> clap::Command {
        cmd.mut_arg("content", self.folder(t!("cli.content")))
            .mut_arg("as_of", self.day(t!("cli.as_of")))
            .mut_arg("deny_warnings", self.option(t!("cli.strict")))
            .mut_arg(
                "format",
                arg_text(&self.options, t!("cli.format"), Some(&t!("cli.value.format"))),
            )
            .mut_arg("no_pdf", self.option(t!("cli.no_pdf")))
            .mut_arg("quiet", self.option(t!("cli.quiet")))
            .mut_arg("timings", self.option(t!("cli.timings")))
    }

    /// `griffie build` and its options.
    fn build_command(&self, cmd: clap::Command) -> clap::Command {
        self.common(self.every(cmd, t!("cli.build")))
            .mut_arg("output", self.folder(t!("cli.build.output")))
    }

    /// `griffie new` and its arguments.
    fn new_command(&self, cmd: clap::Command) -> clap::Command {
        self.every(cmd, t!("cli.new"))
            .mut_arg(
                "doc_type",
                arg_text(&self.arguments, t!("cli.new.type"), Some(&t!("cli.value.type"))),
            )
            .mut_arg(
                "title",
                arg_text(&self.arguments, t!("cli.new.title"), Some(&t!("cli.value.title"))),
            )
            .mut_arg("content", self.folder(t!("cli.content")))
            .mut_arg("date", self.day(t!("cli.new.date")))
            .mut_arg("id", self.option(t!("cli.new.id")))
    }

    /// `griffie serve` and its options.
    fn serve_command(&self, cmd: clap::Command) -> clap::Command {
        self.every(cmd, t!("cli.serve"))
            .mut_arg(
                "port",
                arg_text(&self.options, t!("cli.serve.port"), Some(&t!("cli.value.port"))),
            )
            .mut_arg("content", self.folder(t!("cli.content")))
            .mut_arg("output", self.folder(t!("cli.serve.output")))
            .mut_arg("no_pdf", self.option(t!("cli.serve.no_pdf")))
    }

    /// `griffie help` and its argument.
    fn help_command(&self, cmd: clap::Command) -> clap::Command {
        self.every(cmd, t!("cli.help_command")).mut_arg(
            "command",
            arg_text(&self.arguments, t!("cli.help.command"), Some(&t!("cli.command_name"))),
        )
    }
}

/// The help text and heading of one argument, and its value name where one is given.
fn arg_text(heading: &str, help: String, value: Option<&String>) -> impl FnOnce(clap::Arg) -> clap::Arg {
    let (heading, value) = (heading.to_string(), value.cloned());
    move |arg: clap::Arg| {
        let arg = arg.help(help).help_heading(heading);
        match value {
            Some(value) => arg.value_name(value),
            None => arg,
        }
    }
}

/// `griffie help [command]`: the help of griffie or of one command, on stdout.
fn print_help(mut cmd: clap::Command, command: Option<&str>) -> ExitCode {
    cmd.build();
    let printed = match command.and_then(|name| cmd.find_subcommand_mut(name)) {
        Some(sub) => sub.print_help(),
        None => cmd.print_help(),
    };
    if printed.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    }
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    griffie::parse_date(text).map_err(|_| t!("main.bad_date", text = text))
}

/// See Cargo.toml for why.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    i18n::set_language(i18n::requested(&args, std::env::var_os(i18n::ENV_VAR)));
    let cmd = localise(Cli::command());
    let matches = cmd.clone().get_matches_from(args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|err| err.exit());
    match cli.command {
        Command::Help { command } => print_help(cmd, command.as_deref()),
        Command::Build { common, output } => build_or_check(&common, Mode::Build, Some(output)),
        Command::Check { common, output } => build_or_check(&common, Mode::Check, Some(output)),
        Command::Export {
            standard: _,
            dir,
            common,
        } => export(&common, &dir),
        Command::Serve {
            port,
            content,
            output,
            no_pdf,
            timings,
        } => serve(port, content, output, no_pdf, timings),
        Command::New {
            doc_type,
            title,
            content,
            date,
            id,
        } => {
            let date = date.unwrap_or_else(griffie::today);
            let request = griffie::NewDocument {
                doc_type,
                title,
                date,
                id,
            };
            new_document(&content, &request)
        }
    }
}

/// `griffie new`: the new document's path on stdout, what to do next on stderr.
fn new_document(content: &std::path::Path, request: &griffie::NewDocument) -> ExitCode {
    match griffie::create_document(std::path::Path::new("."), content, request) {
        Ok(created) => {
            println!("{}", created.path.display());
            eprintln!("{}", created.next_step());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{}", t!("main.error", error = err));
            ExitCode::from(err.exit_code())
        }
    }
}

/// `griffie build` and `griffie check`: one run of the library's `build`, its problems printed
/// in the chosen format, then the closing summary (unless quiet).
fn build_or_check(common: &CommonArgs, mode: Mode, output: Option<PathBuf>) -> ExitCode {
    let options = build_options(common, mode, output);
    let started = griffie::Stopwatch::start();
    let report = match build(&options) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("{}", t!("main.error", error = format!("{err:#}")));
            return ExitCode::from(3);
        }
    };
    let failed = report.failed(options.deny_warnings);
    let format = output_format(common);
    print_diagnostics(&report.diagnostics, report.documents, &options, format, failed);
    if (!common.quiet || failed) && format != Format::Json {
        print_summary(&report, &options, failed, started.elapsed());
        if common.timings {
            print_timings(&report);
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `griffie export ori-a <DIR>`: the sources read as for a build, the package written (or,
/// with problems, nothing), the problems printed as a build prints them.
fn export(common: &CommonArgs, dir: &std::path::Path) -> ExitCode {
    if common.no_pdf {
        eprintln!("{}", t!("main.error", error = t!("export.needs_pdfs")));
        return ExitCode::from(2);
    }
    let options = build_options(common, Mode::Build, None);
    let started = griffie::Stopwatch::start();
    let report = match griffie::export_ori_a(&options, dir) {
        Ok(report) => report,
        Err(err) => {
            eprintln!("{}", t!("main.error", error = format!("{err:#}")));
            return ExitCode::from(3);
        }
    };
    let failed = report.diagnostics.fails_run(options.deny_warnings);
    let format = output_format(common);
    print_diagnostics(&report.diagnostics, report.documents, &options, format, failed);
    if (!common.quiet || failed) && format != Format::Json {
        let errors = griffie::count_errors(report.diagnostics.error_count());
        let warnings = griffie::count_warnings(report.diagnostics.warning_count());
        let line = if report.written {
            t!(
                "summary.exported",
                meetings = i18n::number(report.meetings),
                documents = i18n::count_documents(report.documents),
                files = i18n::number(report.files),
                dir = dir.display(),
                errors = errors,
                warnings = warnings,
                seconds = i18n::seconds(started.elapsed())
            )
        } else {
            t!(
                "summary.export_failed",
                errors = errors,
                warnings = warnings,
                dir = dir.display()
            )
        };
        eprintln!("{line}");
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `--format`, with `auto` decided.
fn output_format(common: &CommonArgs) -> Format {
    match common.format.as_str() {
        "human" => Format::Human,
        "json" => Format::Json,
        "github" => Format::Github,
        _ => Format::auto(),
    }
}

/// The library's options for a `build` or `check` in the current folder.
fn build_options(common: &CommonArgs, mode: Mode, output: Option<PathBuf>) -> BuildOptions {
    let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut paths = ProjectPaths::in_folder(&root);
    paths.content = root.join(&common.content);
    paths.output = root.join(output.unwrap_or_else(|| PathBuf::from("output")));
    BuildOptions {
        paths,
        mode,
        as_of: common.as_of,
        deny_warnings: common.deny_warnings,
        pdf: !common.no_pdf,
        progress: progress_bar(common),
        preview: false,
    }
}

/// The problems of a run: one JSON object on stdout, or the report on stderr (after GitHub's
/// annotations on stdout, for `github`).
fn print_diagnostics(
    diagnostics: &griffie::Diagnostics,
    documents: usize,
    options: &BuildOptions,
    format: Format,
    failed: bool,
) {
    if format == Format::Json {
        print!("{}", formats::json_report(diagnostics, documents, failed));
        return;
    }
    if format == Format::Github {
        print!("{}", formats::github_annotations(diagnostics));
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    eprint!("{}", griffie::render_report(diagnostics, &options.paths.root, color));
}

/// `--timings`: how long each stage took, on one line.
fn print_timings(report: &griffie::BuildReport) {
    let timings: Vec<String> = report
        .timings
        .iter()
        .map(|(stage, time)| {
            format!(
                "{} {} ms",
                griffie::i18n::stage_name(stage),
                i18n::number(time.as_millis() as usize)
            )
        })
        .collect();
    eprintln!("{}", t!("summary.timings", list = timings.join(", ")));
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
    fn start(&self, label: &str, total: u64) {
        self.0.set_message(label.to_string());
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

/// The closing line: "klaar: 326 documenten, 41 PDF's, 0 fouten, 2 waarschuwingen in 1,2 s"
/// (in English "done: …", with 1,234 and 1.2 s).
fn print_summary(report: &griffie::BuildReport, options: &BuildOptions, failed: bool, took: std::time::Duration) {
    let errors = griffie::count_errors(report.diagnostics.error_count());
    let warnings = griffie::count_warnings(report.diagnostics.warning_count());
    let seconds = i18n::seconds(took);
    let documents = i18n::count_documents(report.documents);
    let output = options.paths.shown(&options.paths.output).display().to_string();
    let line = match (options.mode, failed) {
        (Mode::Check, false) => t!(
            "summary.checked",
            documents = documents,
            errors = errors,
            warnings = warnings,
            seconds = seconds
        ),
        (Mode::Check, true) => t!("summary.check_failed", errors = errors, warnings = warnings),
        (Mode::Build, false) => t!(
            "summary.built",
            documents = documents,
            pdfs = count_pdfs(report.stats.pdfs),
            pages = count_pages(report.stats.pages),
            output = output,
            errors = errors,
            warnings = warnings,
            seconds = seconds,
            kept = count_version_pages(report.stats.kept)
        ),
        (Mode::Build, true) => t!(
            "summary.build_failed",
            errors = errors,
            warnings = warnings,
            output = output
        ),
    };
    eprintln!("{line}");
}

/// "1 PDF", "41 PDF's".
fn count_pdfs(n: usize) -> String {
    let shown = i18n::number(n);
    i18n::plural(n, t!("count.pdfs_one", n = shown), t!("count.pdfs_many", n = shown))
}

/// "1 pagina", "326 pagina's".
fn count_pages(n: usize) -> String {
    let shown = i18n::number(n);
    i18n::plural(n, t!("count.pages_one", n = shown), t!("count.pages_many", n = shown))
}

/// "1 versiepagina", "2.170 versiepagina's".
fn count_version_pages(n: usize) -> String {
    let shown = i18n::number(n);
    i18n::plural(
        n,
        t!("count.version_pages_one", n = shown),
        t!("count.version_pages_many", n = shown),
    )
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
    match griffie::serve(&griffie::ServeOptions { build, port, timings }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{}", t!("main.error", error = format!("{err:#}")));
            ExitCode::from(3)
        }
    }
}

//! `nap`: NAP Studio without a window, for scripts, tests and batch work.
//!
//! Errors go to stderr as `nap: <message>` with a non-zero exit code; files are written
//! to a temporary name and renamed into place, so nothing is ever half written.

mod commands;
mod output;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// NAP Studio command line: draft, cost and exchange National Action Plans on Women, Peace
/// and Security.
#[derive(Debug, Parser)]
#[command(name = "nap", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SampleSize {
    /// The built-in sample plan (44 activities, 2026–2030).
    Small,
    /// A generated plan with 5,000 cost lines.
    Medium,
    /// A generated plan with 30,000 cost lines over 10 years.
    Large,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write the built-in sample plan (or a generated large one) to a new file.
    Sample {
        /// Which plan to write.
        #[arg(long, value_enum, default_value = "small")]
        size: SampleSize,
        /// The plan file to create.
        out: PathBuf,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Create a new plan with the standard structure (five pillars, narrative sections).
    New {
        /// The plan file to create.
        out: PathBuf,
        #[arg(long)]
        title: String,
        /// ISO 3166-1 alpha-2 country code, e.g. KH.
        #[arg(long)]
        country: String,
        /// First year of the plan period.
        #[arg(long)]
        start: i32,
        /// Last year of the plan period.
        #[arg(long)]
        end: i32,
        /// ISO 4217 base currency, e.g. KHR.
        #[arg(long)]
        currency: String,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Show a plan's title, period, currency, schema version and how many items it holds.
    Info {
        file: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Export a plan.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Import a plan.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Print the JSON Schema of the interchange format.
    Schema,
}

#[derive(Debug, Subcommand)]
enum ExportCommand {
    /// The whole plan as interchange JSON (to standard output without -o).
    Json {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// Create a plan file from interchange JSON.
    Json {
        input: PathBuf,
        out: PathBuf,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Sample { size, out, force } => commands::sample(size, &out, force),
        Command::New {
            out,
            title,
            country,
            start,
            end,
            currency,
            force,
        } => commands::new(&out, title, country, start, end, currency, force),
        Command::Info { file, format } => commands::info(&file, format),
        Command::Export(ExportCommand::Json { file, out }) => {
            commands::export_json(&file, out.as_deref())
        }
        Command::Import(ImportCommand::Json { input, out, force }) => {
            commands::import_json(&input, &out, force)
        }
        Command::Schema => {
            print!("{}", nap_core::interchange::json_schema());
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nap: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

//! `nap`: NAP Studio without a window, for scripts, tests and batch work.
//!
//! Errors go to stderr as `nap: <message>` with a non-zero exit code; files are written
//! to a temporary name and renamed into place, so nothing is ever half written.

mod commands;
mod costs;
mod exports;
mod imports;
mod new_plan;
mod output;
mod sharing;
mod versions;
use output::emit;

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
        /// The working language, a BCP 47 tag (fr, km, th, vi…). Without it the plan is in
        /// English with Khmer as its second language.
        #[arg(long)]
        language: Option<String>,
        /// With --language: the second language (none by default).
        #[arg(long, requires = "language")]
        second_language: Option<String>,
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
    /// Cost summaries and budget views: totals by one or two dimensions, the MTEF view.
    ///
    /// With no --by: total cost, committed and pledged funding, and the gap. DIM is one of
    /// pillar, outcome, output, activity, agency, year, economic (economic:N for N digits),
    /// function, source, source-type, marker.
    Costs {
        file: PathBuf,
        /// Rows (first --by) and columns (second --by) of the view.
        #[arg(long = "by", value_name = "DIM")]
        by: Vec<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: costs::CostsFormat,
        /// Show amounts in this ISO 4217 currency (the plan's base currency by default).
        #[arg(long)]
        currency: Option<String>,
        /// exact, unit (the currency's minor unit), thousands or millions.
        #[arg(long, default_value = "unit")]
        rounding: String,
        /// Adjust rounded cells so that they add up to the rounded totals.
        #[arg(long)]
        reconcile: bool,
        /// Show the MTEF view: this budget year, the two outer years and the whole period.
        #[arg(long)]
        budget_year: Option<i32>,
        /// What to add up.
        #[arg(long, value_enum, default_value = "cost")]
        measure: MeasureArg,
        /// Label rows in the plan's second language (Khmer) where it exists.
        #[arg(long)]
        khmer: bool,
        /// Budget execution in this year: budget, spent and execution rate by --by
        /// (pillar when not given; pillar, outcome, output, activity, agency, source or year).
        #[arg(long, value_name = "YEAR")]
        execution: Option<i32>,
    },
    /// Write a copy of the plan for another ministry (scoped to one agency's part with
    /// --agency).
    Send {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        out: PathBuf,
        /// The agency code whose part the receiver may change.
        #[arg(long)]
        agency: Option<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Merge a copy that came back: report what it adds, changes and deletes, then apply.
    /// Exits with code 3, changing nothing, when there are conflicts and no --resolve.
    Merge {
        file: PathBuf,
        incoming: PathBuf,
        /// Only report; change nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Settle conflicts by keeping ours or taking theirs.
        #[arg(long)]
        resolve: Option<String>,
    },
    /// Undo the last merge.
    UndoMerge { file: PathBuf },
    /// List the records of one kind with their ids (pillar, outcome, output, activity,
    /// cost-line, indicator, agency, source, body, ...).
    List {
        file: PathBuf,
        kind: String,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Change fields of a record: nap set FILE ID FIELD=VALUE [FIELD=VALUE...]. With `plan`
    /// as ID, the plan's own fields and settings (contingency=5 is 5 %, inflation:2027=3,
    /// working_language=fr, title=…, title.l2=…, status=endorsed).
    Set {
        file: PathBuf,
        id: String,
        #[arg(required = true)]
        assignments: Vec<String>,
    },
    /// Delete a record (refused while others refer to it).
    Delete { file: PathBuf, id: String },
    /// Add a record of KIND (activity, indicator, cost-line, agency…) with FIELD=VALUE
    /// fields; references take an id or a code (output_id=1.2.1, lead_agency_id=MOI),
    /// `title.l2=…` the second-language text. `lump-sum` adds an amount per year for a
    /// pillar, outcome, output or activity: `pillar=2 2027=40000000 [item=… note=…]`.
    /// Prints the new record's id.
    Add {
        kind: String,
        file: PathBuf,
        #[arg(value_name = "FIELD=VALUE")]
        assignments: Vec<String>,
    },
    /// Print the JSON Schema of the interchange format.
    Schema,
    /// The quality review: what the plan still lacks to be a high-impact NAP (indicators
    /// without baseline or target, activities without lead, cost or years, unclassified cost
    /// lines, pillars without budget and each pillar's funding gap, coordinating bodies
    /// without members or functions, no consultation with civil society, no communication
    /// plan, old exchange rates, lead agencies without an operational plan). Exit status 1
    /// when there are errors.
    Check {
        file: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Named versions of a plan: save one (with a snapshot), list them, compare two (or one
    /// with the plan as it is now), restore one as an undoable edit.
    #[command(subcommand)]
    Version(VersionCommand),
    /// The automatic backups NAP Studio makes before imports, merges and restores, and at
    /// the first opening of a plan each day: list them, or restore one as a new file.
    #[command(subcommand)]
    Backup(BackupCommand),
    /// Write a repaired copy of a plan that is refused as inconsistent (a file changed
    /// outside NAP Studio), and list every change. The original is never changed.
    Repair {
        file: PathBuf,
        /// The copy to write (default: "NAME (repaired).nap" beside FILE).
        #[arg(short = 'o', long = "output")]
        out: Option<PathBuf>,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MeasureArg {
    Cost,
    Committed,
    Gap,
    GapWithPledged,
}

#[derive(Debug, Subcommand)]
enum ExportCommand {
    /// The budget workbook as XLSX: Lines, summary sheets with live SUMIFS formulas, MTEF,
    /// assumptions.
    Workbook {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        out: PathBuf,
        /// Show amounts in this ISO 4217 currency.
        #[arg(long)]
        currency: Option<String>,
        /// The MTEF budget year (the plan's first year by default).
        #[arg(long)]
        budget_year: Option<i32>,
    },
    /// One table as CSV: lines, pillar-year, agency-year or source-year (to standard output
    /// without -o).
    Csv {
        file: PathBuf,
        #[arg(long)]
        table: String,
        #[arg(short = 'o', long = "output")]
        out: Option<PathBuf>,
        /// Show amounts in this ISO 4217 currency.
        #[arg(long)]
        currency: Option<String>,
    },
    /// The costed budget annex as PDF (A4 landscape), in any of the exports' nine languages.
    Annex {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        out: PathBuf,
        /// en, km, fr, th, vi, id, lo, my or tl (the plan's working language when the exports speak it).
        #[arg(long, default_value = "")]
        lang: String,
        /// The MTEF budget year (the plan's first year by default).
        #[arg(long)]
        budget_year: Option<i32>,
        /// Show amounts in this ISO 4217 currency.
        #[arg(long)]
        currency: Option<String>,
        /// unit (the currency's minor unit), thousands or millions.
        #[arg(long, default_value = "unit")]
        rounding: String,
        /// Adjust rounded cells so that they add up to the rounded totals.
        #[arg(long)]
        reconcile: bool,
    },
    /// The plan as an IATI 2.03 activity file (XML): the plan and each pillar as activities,
    /// with budgets per year, results, indicators, baselines, targets and actual values.
    Iati {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        out: PathBuf,
    },
    /// The whole plan as one document for Cabinet, ministries and partners: cover, contents,
    /// narrative, results framework, monitoring and evaluation, resources, communication,
    /// agencies' roles, coordination and terms of reference, consultations, and the costed
    /// budget annex.
    Document {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        out: PathBuf,
        /// pdf or docx (from OUT's extension when not given).
        #[arg(long)]
        format: Option<String>,
        /// en, km, fr, th, vi, id, lo, my or tl (the plan's working language when the exports speak it).
        #[arg(long, default_value = "")]
        lang: String,
    },
    /// An agency's operational plan (or, with `--agency all`, every involved agency's, one
    /// file each in the folder OUT): its activities as lead and partner, steps by quarter,
    /// the indicators it reports on, its budget by year with funding and gap, its focal
    /// point and a signature block.
    AgencyPlan {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        out: PathBuf,
        /// The agency's code, or `all`.
        #[arg(long)]
        agency: String,
        /// pdf, docx or xlsx (from OUT's extension when not given; pdf for `all`).
        #[arg(long)]
        format: Option<String>,
        /// en, km, fr, th, vi, id, lo, my or tl (the plan's working language when the exports speak it).
        #[arg(long, default_value = "")]
        lang: String,
    },
    /// The terms of reference of the coordinating bodies (all, or one with --body): the
    /// organisation chart, then each body's mandate, functions, decision rule, chair,
    /// members, meetings and quorum.
    Tor {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        out: PathBuf,
        /// The code of one body (SC, PWG1…); all bodies when not given.
        #[arg(long)]
        body: Option<String>,
        /// pdf or docx (from OUT's extension when not given).
        #[arg(long)]
        format: Option<String>,
        /// en, km, fr, th, vi, id, lo, my or tl (the plan's working language when the exports speak it).
        #[arg(long, default_value = "")]
        lang: String,
    },
    /// The progress report for a period: each indicator against its target, where each
    /// activity stands, and budget execution by pillar and by lead agency.
    ProgressReport {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        out: PathBuf,
        /// 2027, 2027-H1 or 2027-Q3 (the latest year with a report by default).
        #[arg(long, default_value = "")]
        period: String,
        /// pdf, docx or xlsx (from OUT's extension when not given).
        #[arg(long)]
        format: Option<String>,
        /// en, km, fr, th, vi, id, lo, my or tl (the plan's working language when the exports speak it).
        #[arg(long, default_value = "")]
        lang: String,
    },
    /// The whole plan as interchange JSON (to standard output without -o).
    Json {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum VersionCommand {
    /// Save the plan as it is now under a name ("Cabinet submission").
    Save {
        file: PathBuf,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        note: String,
        /// draft, consultation, submitted or endorsed (default: the plan's status).
        #[arg(long)]
        status: Option<String>,
    },
    /// List the named versions, oldest first.
    List {
        file: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// What differs from version FROM to version TO (or to the plan as it is now): records
    /// added, changed and deleted per element, and the cost by pillar.
    Diff {
        file: PathBuf,
        /// A version's name or id.
        from: String,
        /// A version's name or id; the plan as it is now when not given.
        to: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Make the plan what a version held (after a backup of the plan as it is).
    Restore {
        file: PathBuf,
        /// A version's name or id.
        version: String,
    },
}

#[derive(Debug, Subcommand)]
enum BackupCommand {
    /// List every backup, newest first.
    List {
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Write a backup as a new plan file (default: "NAME (from backup DATE).nap" beside the
    /// plan it was taken of). The plan itself is never overwritten.
    Restore {
        backup: PathBuf,
        #[arg(short = 'o', long = "output")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// Add activities and cost lines from a costing spreadsheet saved as CSV.
    ///
    /// Required columns: pillar, outcome, output, activity, lead_agency, item, unit,
    /// unit_cost, currency, year, quantity. Optional: economic_code, function_code,
    /// funding_source, note, activity_code. With --new, PLAN is a new file made from the CSV.
    Csv {
        /// The plan to add to (or, with --new, to create).
        plan: PathBuf,
        /// The CSV file.
        input: PathBuf,
        /// Import the valid rows and list the invalid ones instead of importing nothing.
        #[arg(long)]
        skip_invalid: bool,
        /// Set the plan-wide exchange rate of a currency first, e.g. --rate USD=4100.
        #[arg(long = "rate", value_name = "CUR=RATE")]
        rates: Vec<String>,
        #[command(flatten)]
        new_plan: new_plan::NewPlanArgs,
    },
    /// Bring in a logframe or a costing from a spreadsheet (.xlsx, .xlsm, .xlsb, .xls, .ods,
    /// .csv) or a table of a Word document (.docx): title rows, merged cells, heading rows,
    /// numbered titles, several indicators or actors per cell and amounts under year columns
    /// are understood. The review lists what
    /// is created, matched, ignored and refused; with --dry-run nothing is written.
    ///
    /// FIELD is one of pillar, outcome, output, activity, indicator, baseline, target,
    /// means_of_verification, lead_agency, agencies, item, unit, unit_cost, quantity,
    /// currency, year, amount, economic_code, function_code, funding_source, note.
    Sheet {
        /// The plan to add to (or, with --new, to create).
        plan: PathBuf,
        /// The spreadsheet or Word document.
        input: PathBuf,
        /// The sheet to read (the first with data by default); in a Word document, the table
        /// ("Table 2" and the paragraph above it, as the review names it; the fullest by
        /// default).
        #[arg(long)]
        sheet: Option<String>,
        /// Read column COLUMN (a header, any case and accents, or a letter) as FIELD, or as
        /// the amounts of a year of the plan with `year:2028` (a fiscal year "2027/28" is
        /// otherwise booked to the year it begins), or leave it out with `ignore`. A column
        /// recognised as the same field or year is then left out.
        #[arg(long = "map", value_name = "FIELD=COLUMN")]
        map: Vec<String>,
        /// Show the review only; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import the valid rows and list the refused ones instead of importing nothing.
        #[arg(long)]
        skip_invalid: bool,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        #[command(flatten)]
        new_plan: new_plan::NewPlanArgs,
    },
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
    if let Command::Merge {
        file,
        incoming,
        dry_run,
        format,
        resolve,
    } = &cli.command
    {
        return match sharing::merge(file, incoming, *dry_run, *format, resolve.as_deref()) {
            Ok(code) => ExitCode::from(code),
            Err(e) => {
                eprintln!("nap: {e}");
                ExitCode::from(e.exit_code())
            }
        };
    }
    if let Command::Check { file, format } = &cli.command {
        return match commands::check(file, *format) {
            Ok(errors) => ExitCode::from(u8::from(errors > 0)),
            Err(e) => {
                eprintln!("nap: {e}");
                ExitCode::from(e.exit_code())
            }
        };
    }
    let result = match cli.command {
        Command::Merge { .. } | Command::Check { .. } => Ok(()),
        Command::Send {
            file,
            out,
            agency,
            note,
        } => sharing::send(&file, &out, agency.as_deref(), &note),
        Command::UndoMerge { file } => sharing::undo_merge(&file),
        Command::List { file, kind, format } => sharing::list(&file, &kind, format),
        Command::Set {
            file,
            id,
            assignments,
        } => sharing::set(&file, &id, &assignments),
        Command::Delete { file, id } => sharing::delete(&file, &id),
        Command::Add {
            kind,
            file,
            assignments,
        } => sharing::add(&file, &kind, &assignments),
        Command::Sample { size, out, force } => commands::sample(size, &out, force),
        Command::New {
            out,
            title,
            country,
            start,
            end,
            currency,
            language,
            second_language,
            force,
        } => commands::new(
            &out,
            commands::NewArgs {
                title,
                country,
                start,
                end,
                currency,
                language,
                second_language,
            },
            force,
        ),
        Command::Info { file, format } => commands::info(&file, format),
        Command::Export(ExportCommand::Annex {
            file,
            out,
            lang,
            budget_year,
            currency,
            rounding,
            reconcile,
        }) => exports::annex(
            &file,
            &out,
            &lang,
            budget_year,
            currency,
            &rounding,
            reconcile,
        ),
        Command::Export(ExportCommand::Workbook {
            file,
            out,
            currency,
            budget_year,
        }) => exports::workbook(&file, &out, currency, budget_year),
        Command::Export(ExportCommand::Csv {
            file,
            table,
            out,
            currency,
        }) => exports::csv(&file, &table, out.as_deref(), currency),
        Command::Export(ExportCommand::Iati { file, out }) => exports::iati(&file, &out),
        Command::Export(ExportCommand::Document {
            file,
            out,
            format,
            lang,
        }) => exports::document(&file, &out, format.as_deref(), &lang),
        Command::Export(ExportCommand::AgencyPlan {
            file,
            out,
            agency,
            format,
            lang,
        }) => exports::agency_plan(&file, &out, &agency, format.as_deref(), &lang),
        Command::Export(ExportCommand::Tor {
            file,
            out,
            body,
            format,
            lang,
        }) => exports::tor(&file, &out, body, format.as_deref(), &lang),
        Command::Export(ExportCommand::ProgressReport {
            file,
            out,
            period,
            format,
            lang,
        }) => exports::progress_report(&file, &out, &period, format.as_deref(), &lang),
        Command::Export(ExportCommand::Json { file, out }) => {
            commands::export_json(&file, out.as_deref())
        }
        Command::Import(ImportCommand::Json { input, out, force }) => {
            commands::import_json(&input, &out, force)
        }
        Command::Costs {
            file,
            by,
            format,
            currency,
            rounding,
            reconcile,
            budget_year,
            measure,
            khmer,
            execution,
        } => costs::costs(
            &file,
            costs::CostsRequest {
                by,
                format,
                currency,
                rounding,
                reconcile,
                budget_year,
                measure: match measure {
                    MeasureArg::Cost => nap_core::costing::views::Measure::Cost,
                    MeasureArg::Committed => nap_core::costing::views::Measure::Committed,
                    MeasureArg::Gap => nap_core::costing::views::Measure::Gap,
                    MeasureArg::GapWithPledged => nap_core::costing::views::Measure::GapWithPledged,
                },
                khmer,
                execution,
            },
        ),
        Command::Import(ImportCommand::Csv {
            plan,
            input,
            skip_invalid,
            rates,
            new_plan,
        }) => new_plan.spec().and_then(|new| {
            costs::import_csv_command(costs::CsvRequest {
                plan: &plan,
                input: &input,
                skip_invalid,
                rates: &rates,
                new,
                force: new_plan.force,
            })
        }),
        Command::Import(ImportCommand::Sheet {
            plan,
            input,
            sheet,
            map,
            dry_run,
            skip_invalid,
            format,
            new_plan,
        }) => new_plan.spec().and_then(|new| {
            imports::sheet(imports::SheetArgs {
                plan: &plan,
                input: &input,
                sheet,
                map: &map,
                dry_run,
                skip_invalid,
                format,
                new,
                force: new_plan.force,
            })
        }),
        Command::Schema => emit(&nap_core::interchange::json_schema()),
        Command::Version(VersionCommand::Save {
            file,
            name,
            note,
            status,
        }) => versions::save(&file, &name, &note, status.as_deref()),
        Command::Version(VersionCommand::List { file, format }) => versions::list(&file, format),
        Command::Version(VersionCommand::Diff {
            file,
            from,
            to,
            format,
        }) => versions::diff(&file, &from, to.as_deref(), format),
        Command::Version(VersionCommand::Restore { file, version }) => {
            versions::restore(&file, &version)
        }
        Command::Backup(BackupCommand::List { format }) => versions::backup_list(format),
        Command::Backup(BackupCommand::Restore { backup, out }) => {
            versions::backup_restore(&backup, out.as_deref())
        }
        Command::Repair {
            file,
            out,
            force,
            format,
        } => commands::repair(&file, out.as_deref(), force, format),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nap: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

//! The options that make an import create its plan (`--new --title … --country … --start …
//! --end … --currency … [--language … [--second-language …]] [--force]`), shared by
//! `nap import csv` and `nap import sheet`.

use crate::output::CliError;
use clap::Args;
use nap_core::sample::NewPlan;

#[derive(Debug, Args)]
pub struct NewPlanArgs {
    /// Create PLAN from the file instead of adding to it.
    #[arg(long, requires_all = ["title", "country", "start", "end", "currency"])]
    pub new: bool,
    #[arg(long)]
    pub title: Option<String>,
    /// ISO 3166-1 alpha-2 country code, e.g. KH.
    #[arg(long)]
    pub country: Option<String>,
    /// First year of the plan period.
    #[arg(long)]
    pub start: Option<i32>,
    /// Last year of the plan period.
    #[arg(long)]
    pub end: Option<i32>,
    /// ISO 4217 base currency, e.g. XOF.
    #[arg(long)]
    pub currency: Option<String>,
    /// With --new: the plan's working language (BCP 47, e.g. fr); English with Khmer as
    /// second language without it.
    #[arg(long, requires = "new")]
    pub language: Option<String>,
    /// With --new --language: the second language (none by default).
    #[arg(long, requires = "language")]
    pub second_language: Option<String>,
    /// With --new, replace PLAN if it exists.
    #[arg(long)]
    pub force: bool,
}

impl NewPlanArgs {
    /// The plan to create, checked like `nap new`; `None` without `--new`.
    pub fn spec(&self) -> Result<Option<NewPlan>, CliError> {
        let (true, Some(title), Some(country), Some(start), Some(end), Some(currency)) = (
            self.new,
            &self.title,
            &self.country,
            self.start,
            self.end,
            &self.currency,
        ) else {
            return Ok(None);
        };
        let spec = nap_app::files::described_plan(
            title,
            country,
            start,
            end,
            currency,
            self.language.as_deref(),
            self.second_language.as_deref(),
        )?;
        Ok(Some(spec))
    }
}

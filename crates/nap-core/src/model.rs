//! The plan model: every entity of a National Action Plan on Women, Peace and Security.
//!
//! The model is normalised: each kind of record lives in its own list on [`Plan`] and
//! refers to others by [`Id`]. This mirrors the project file (one table per kind), keeps
//! merges between copies record-by-record, and lets the costing engine index lines once.
//! The order of each list is the order users see (codes aside) and is preserved exactly by
//! storage and JSON interchange.

use crate::text::LocalText;
use crate::time::{IsoDate, Timestamp};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;
use uuid::Uuid;

/// A record's stable identity, the same in every copy of the plan.
pub type Id = Uuid;

/// A calendar year within (or, for baselines, before) the plan period.
pub type Year = i32;

/// Values per year, e.g. the quantity of a cost line in each year of the plan.
pub type PerYear<T> = BTreeMap<Year, T>;

/// How an exact decimal appears in interchange JSON: always a string such as "1250.50",
/// never a JSON number, so that no reader can turn it into a binary float.
pub struct DecimalString;

impl JsonSchema for DecimalString {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An exact decimal number written as a string, e.g. \"1250.50\"",
            "type": "string",
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$"
        })
    }
}

/// Identity and provenance carried by every record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct RecordMeta {
    /// Stable id (UUID), the same in every copy of the plan.
    pub id: Id,
    /// When the record was created.
    pub created: Timestamp,
    /// When the record was last changed.
    pub modified: Timestamp,
    /// The agency or installation that last changed it (e.g. "MoWA secretariat").
    pub modified_by: String,
}

impl RecordMeta {
    /// Metadata for a record created now by `author`.
    pub fn new(id: Id, now: &Timestamp, author: &str) -> Self {
        Self {
            id,
            created: now.clone(),
            modified: now.clone(),
            modified_by: author.to_string(),
        }
    }
}

/// The whole plan: metadata plus one list per kind of record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Plan {
    /// Version of the JSON interchange format this plan was written in.
    pub format_version: u32,
    pub meta: PlanMeta,
    pub agencies: Vec<Agency>,
    pub narrative: Vec<NarrativeSection>,
    pub pillars: Vec<Pillar>,
    pub outcomes: Vec<Outcome>,
    pub outputs: Vec<Output>,
    pub activities: Vec<Activity>,
    pub indicators: Vec<Indicator>,
    pub progress: Vec<ProgressValue>,
    /// Where activities stand, per reporting period; absent from files written before
    /// activities were followed.
    #[serde(default)]
    pub activity_statuses: Vec<ActivityStatus>,
    pub catalogue: Vec<CatalogueItem>,
    pub cost_lines: Vec<CostLine>,
    /// What was actually spent on activities; absent from files written before spending
    /// was recorded.
    #[serde(default)]
    pub expenditures: Vec<Expenditure>,
    pub exchange_rates: Vec<ExchangeRate>,
    /// The plan's own names for budget classification codes; absent from files written
    /// before there were any.
    #[serde(default)]
    pub classification_names: Vec<ClassificationName>,
    pub funding_sources: Vec<FundingSource>,
    pub communication: Vec<CommunicationItem>,
    pub communication_activities: Vec<CommunicationActivity>,
    pub agency_plans: Vec<AgencyPlan>,
    pub sub_activities: Vec<SubActivity>,
    pub bodies: Vec<CoordinatingBody>,
    pub consultations: Vec<Consultation>,
    /// The M&E reporting calendar; absent from files written before there was one.
    #[serde(default)]
    pub reporting_events: Vec<ReportingEvent>,
    pub versions: Vec<NamedVersion>,
}

/// The current version of the JSON interchange format (see `assets/schema/`).
pub const FORMAT_VERSION: u32 = 1;

/// Where the plan stands in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlanStatus {
    Draft,
    Consultation,
    Submitted,
    Endorsed,
}

/// Plan metadata and the plan-wide costing settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct PlanMeta {
    #[serde(flatten)]
    pub record: RecordMeta,
    /// ISO 3166-1 alpha-2 country code, e.g. "KH".
    pub country: String,
    /// Country name as printed on the cover.
    pub country_name: LocalText,
    pub title: LocalText,
    /// The goal (impact statement) at the top of the results framework.
    pub goal: LocalText,
    /// First year of the plan period.
    pub start_year: Year,
    /// Last year of the plan period (inclusive).
    pub end_year: Year,
    /// The agency that leads the plan (e.g. the Ministry of Women's Affairs).
    pub lead_agency_id: Option<Id>,
    pub status: PlanStatus,
    /// BCP 47 code of the working language (the `text` of every [`LocalText`]), e.g. "en".
    pub working_language: String,
    /// BCP 47 code of the second language (the `l2` of every [`LocalText`]), e.g. "km".
    pub second_language: Option<String>,
    /// ISO 4217 code of the currency every amount is converted into.
    pub base_currency: String,
    /// ISO 4217 code of an optional second currency for presentation (e.g. USD for a KHR plan).
    pub presentation_currency: Option<String>,
    /// The year in which unit costs are priced; inflation compounds from here.
    pub costing_base_year: Year,
    /// Inflation rate per year, as a fraction (0.03 = 3 %). Years not listed inflate by 0.
    #[ts(type = "Record<string, string>")]
    #[schemars(with = "PerYear<DecimalString>")]
    pub inflation: PerYear<Decimal>,
    /// Contingency as a fraction of cost (0.05 = 5 %), shown as its own line.
    #[ts(type = "string")]
    #[schemars(with = "DecimalString")]
    pub contingency: Decimal,
}

/// What kind of organisation an agency or stakeholder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AgencyKind {
    Ministry,
    GovernmentAgency,
    Parliament,
    SecurityForces,
    Csos,
    DevelopmentPartner,
    UnAgency,
    Academic,
    Private,
    Other,
}

impl AgencyKind {
    /// True for ministries and other state bodies.
    pub fn is_government(self) -> bool {
        matches!(
            self,
            Self::Ministry | Self::GovernmentAgency | Self::Parliament | Self::SecurityForces
        )
    }
}

/// A ministry, agency, civil-society organisation or partner in the plan's registry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Agency {
    #[serde(flatten)]
    pub record: RecordMeta,
    /// Short code or acronym, unique in the plan (e.g. "MOWA").
    pub code: String,
    pub name: LocalText,
    pub kind: AgencyKind,
    /// The agency's national programme code, as its budget department writes it.
    pub programme_code: String,
    /// Contact person or address, free text.
    pub contact: String,
}

/// The standard sections of the narrative local framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NarrativeKind {
    Context,
    Rationale,
    Alignment,
    TheoryOfChange,
    Priorities,
    GuidingPrinciples,
    ConsultationProcess,
    Other,
}

/// A section of the narrative local framework; `body` is Markdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct NarrativeSection {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub kind: NarrativeKind,
    pub title: LocalText,
    /// Markdown: headings, lists, emphasis and simple (pipe) tables.
    pub body: LocalText,
}

/// The WPS pillar a group of outcomes belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PillarKind {
    Participation,
    Prevention,
    Protection,
    ReliefRecovery,
    CoordinationMe,
    Other,
}

/// A pillar of the plan (Participation, Prevention, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Pillar {
    #[serde(flatten)]
    pub record: RecordMeta,
    /// Hierarchical code, e.g. "1".
    pub code: String,
    pub kind: PillarKind,
    pub title: LocalText,
    pub description: LocalText,
}

/// An outcome under a pillar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Outcome {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub pillar_id: Id,
    /// Hierarchical code, e.g. "1.2".
    pub code: String,
    pub title: LocalText,
    /// ASEAN Regional Plan of Action on WPS strategic outcomes (1–6) this outcome serves.
    pub rpa_outcomes: Vec<u8>,
}

/// An output under an outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Output {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub outcome_id: Id,
    /// Hierarchical code, e.g. "1.2.1".
    pub code: String,
    pub title: LocalText,
}

/// OECD DAC gender equality policy marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GenderMarker {
    /// 0: not targeted.
    NotTargeted,
    /// 1: gender equality is a significant objective.
    Significant,
    /// 2: gender equality is the principal objective.
    Principal,
}

impl GenderMarker {
    /// The marker's score as the DAC writes it (0, 1 or 2).
    pub fn score(self) -> u8 {
        match self {
            Self::NotTargeted => 0,
            Self::Significant => 1,
            Self::Principal => 2,
        }
    }
}

/// An activity under an output: the unit that is costed and assigned to a lead agency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Activity {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub output_id: Id,
    /// Hierarchical code, e.g. "1.2.1.3".
    pub code: String,
    pub title: LocalText,
    pub description: LocalText,
    pub lead_agency_id: Option<Id>,
    pub supporting_agency_ids: Vec<Id>,
    /// Years in which the activity is implemented (within the plan period).
    pub years: Vec<Year>,
    /// COFOG functional classification, e.g. "03.1" (police services).
    pub cofog: String,
    pub gender_marker: Option<GenderMarker>,
    /// Contingency for this activity's lines, overriding the plan's (a fraction).
    #[ts(type = "string | null")]
    #[schemars(with = "Option<DecimalString>")]
    pub contingency: Option<Decimal>,
}

/// How an indicator is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IndicatorType {
    Number,
    Percentage,
    YesNo,
    Scale,
    Qualitative,
}

/// The level of the results framework an indicator measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IndicatorLevel {
    Impact,
    Outcome,
    Output,
}

/// A dimension by which indicator data are broken down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Disaggregation {
    Sex,
    Age,
    Disability,
    Location,
    Ethnicity,
    Agency,
}

impl Disaggregation {
    /// Every dimension with its name in the file format.
    const NAMES: [(Disaggregation, &'static str); 6] = [
        (Self::Sex, "sex"),
        (Self::Age, "age"),
        (Self::Disability, "disability"),
        (Self::Location, "location"),
        (Self::Ethnicity, "ethnicity"),
        (Self::Agency, "agency"),
    ];
}

/// The dimension's name in the file format ("disability").
impl std::fmt::Display for Disaggregation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = Self::NAMES
            .iter()
            .find(|(d, _)| d == self)
            .map_or("", |(_, name)| name);
        f.write_str(name)
    }
}

impl std::str::FromStr for Disaggregation {
    type Err = ();
    fn from_str(name: &str) -> Result<Self, ()> {
        Self::NAMES
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(d, _)| *d)
            .ok_or(())
    }
}

/// How often an indicator is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Frequency {
    Quarterly,
    SixMonthly,
    Annual,
    MidTerm,
    EndOfPlan,
}

/// An indicator at impact, outcome or output level.
///
/// Values (baseline, targets, progress) are text so that yes/no, scale and qualitative
/// indicators fit; for number and percentage indicators they must parse as decimals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Indicator {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub level: IndicatorLevel,
    /// The outcome or output measured; `None` for impact indicators.
    pub parent_id: Option<Id>,
    pub code: String,
    pub statement: LocalText,
    pub kind: IndicatorType,
    pub unit: String,
    pub disaggregation: Vec<Disaggregation>,
    pub baseline_value: Option<String>,
    pub baseline_year: Option<Year>,
    pub baseline_source: String,
    /// Target per year of the plan period.
    pub targets: PerYear<String>,
    pub means_of_verification: LocalText,
    pub frequency: Frequency,
    pub responsible_agency_id: Option<Id>,
}

/// An actual value of an indicator for one reporting period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct ProgressValue {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub indicator_id: Id,
    /// The year the value falls in.
    pub year: Year,
    /// The reporting period within the year, e.g. "2027", "2027-H1" or "2027-Q3"
    /// (see [`crate::progress::Period`]); its year is `year`.
    pub period: String,
    pub value: String,
    pub note: String,
    /// When the value was measured or reported.
    #[serde(default)]
    pub date: Option<IsoDate>,
    /// Where the value comes from (a survey, an administrative register, a report).
    #[serde(default)]
    pub source: String,
    /// The value broken down as the indicator asks (women and men, age groups).
    #[serde(default)]
    pub breakdown: Vec<BreakdownValue>,
}

/// One part of a disaggregated value: the group ("women", "15-24") along one of the
/// indicator's disaggregations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct BreakdownValue {
    pub dimension: Disaggregation,
    pub group: String,
    pub value: String,
}

/// Where an activity stands in a reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ActivityState {
    NotStarted,
    OnTrack,
    Delayed,
    Completed,
    Dropped,
}

/// The state of an activity as reported for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct ActivityStatus {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub activity_id: Id,
    /// The year the period falls in.
    pub year: Year,
    /// "2027", "2027-H1" or "2027-Q3", as for progress values.
    pub period: String,
    pub status: ActivityState,
    pub note: String,
}

/// Money actually spent on an activity in one year (budget execution).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Expenditure {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub activity_id: Id,
    pub year: Year,
    #[ts(type = "string")]
    #[schemars(with = "DecimalString")]
    pub amount: Decimal,
    /// ISO 4217 code of `amount`; converted to the base currency at the year's rate.
    pub currency: String,
    /// The funding source the money came from, when known.
    pub funding_source_id: Option<Id>,
    pub note: String,
}

/// An item of the plan's unit-cost catalogue (e.g. "workshop venue per day").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct CatalogueItem {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub code: String,
    pub name: LocalText,
    pub unit: String,
    #[ts(type = "string")]
    #[schemars(with = "DecimalString")]
    pub unit_cost: Decimal,
    /// ISO 4217 code of `unit_cost`.
    pub currency: String,
    /// GFS 2014 economic classification, e.g. "22" or "2211".
    pub economic_code: String,
}

/// A costed line of an activity: unit cost × quantity per year.
///
/// Lines drawn from the catalogue leave `unit`, `unit_cost`, `currency` and
/// `economic_code` as `None` to follow the catalogue item, or set them to override it.
/// Lines without a catalogue item must set all four.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct CostLine {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub activity_id: Id,
    pub item: LocalText,
    pub catalogue_item_id: Option<Id>,
    pub unit: Option<String>,
    #[ts(type = "string | null")]
    #[schemars(with = "Option<DecimalString>")]
    pub unit_cost: Option<Decimal>,
    pub currency: Option<String>,
    pub economic_code: Option<String>,
    /// Quantity per year; years not listed have none.
    #[ts(type = "Record<string, string>")]
    #[schemars(with = "PerYear<DecimalString>")]
    pub quantities: PerYear<Decimal>,
    /// The funding source intended for this line; `None` when unfunded.
    pub funding_source_id: Option<Id>,
    /// False for lines not subject to inflation (e.g. fixed-price contracts).
    pub inflate: bool,
    pub note: String,
}

/// What a cost line is priced with: its own unit, unit cost, currency and economic code, or
/// its catalogue item's where it leaves one empty. `None` only when neither has it (which
/// validation refuses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineInputs<'a> {
    pub unit: Option<&'a str>,
    pub unit_cost: Option<Decimal>,
    pub currency: Option<&'a str>,
    pub economic_code: Option<&'a str>,
}

impl CostLine {
    /// The line's inputs, falling back to `item` (the catalogue item it names, if found).
    pub fn inputs<'a>(&'a self, item: Option<&'a CatalogueItem>) -> LineInputs<'a> {
        LineInputs {
            unit: self.unit.as_deref().or(item.map(|i| i.unit.as_str())),
            unit_cost: self.unit_cost.or(item.map(|i| i.unit_cost)),
            currency: self
                .currency
                .as_deref()
                .or(item.map(|i| i.currency.as_str())),
            economic_code: self
                .economic_code
                .as_deref()
                .or(item.map(|i| i.economic_code.as_str())),
        }
    }
}

/// A rate converting one unit of `currency` into the plan's base currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct ExchangeRate {
    #[serde(flatten)]
    pub record: RecordMeta,
    /// ISO 4217 code converted from.
    pub currency: String,
    /// The year the rate applies to; `None` for the rate used in every year without its own.
    pub year: Option<Year>,
    /// Units of base currency per one unit of `currency`.
    #[ts(type = "string")]
    #[schemars(with = "DecimalString")]
    pub rate: Decimal,
    /// The date the rate was taken.
    pub date: IsoDate,
    /// Where the rate comes from, e.g. "National Bank, official rate".
    pub source: String,
}

/// A budget classification whose codes the plan names in its tables.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ClassificationScheme {
    /// GFS 2014 economic classification (the economic code of a cost line).
    Economic,
    /// COFOG functional classification (the function of an activity).
    Functional,
}

impl ClassificationScheme {
    /// The stable name, as in files and commands: `economic` or `functional`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Economic => "economic",
            Self::Functional => "functional",
        }
    }
}

/// The plan's own name for one classification code, where the standard name will not do:
/// above all the Ministry of Finance's official term in the second language (the standard
/// names are English only). At most one per scheme and code; its id is
/// [`ClassificationName::id_for`], so that two copies naming the same code meet in a merge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct ClassificationName {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub scheme: ClassificationScheme,
    /// The code as cost lines and activities carry it, e.g. "211" or "03.1".
    pub code: String,
    /// The name in the working language (blank: the standard name) and in the second.
    pub name: LocalText,
}

impl ClassificationName {
    /// The id of the name of `code` in `scheme`: the same in every plan and every copy.
    pub fn id_for(scheme: ClassificationScheme, code: &str) -> Id {
        const NAMESPACE: Uuid = Uuid::from_u128(0x6e61_7073_2d63_6c61_7373_2d6e_616d_6573);
        let key = format!("{}:{}", scheme.name(), code.trim());
        Uuid::new_v5(&NAMESPACE, key.as_bytes())
    }
}

/// What kind of money a funding source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SourceKind {
    /// The national budget of one agency (`agency_id`).
    NationalBudget,
    DevelopmentPartner,
    Csos,
    Private,
    Other,
}

/// How firm a funding source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FundingStatus {
    Committed,
    Pledged,
    Expected,
}

/// What a funding source is earmarked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EarmarkTarget {
    Activity,
    Output,
    Outcome,
    Pillar,
    Agency,
}

/// A restriction of a funding source to part of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Earmark {
    pub target: EarmarkTarget,
    pub target_id: Id,
}

/// Money available to the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct FundingSource {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub code: String,
    pub name: LocalText,
    pub kind: SourceKind,
    /// The agency whose budget it is, or the partner giving it.
    pub agency_id: Option<Id>,
    /// True when the money flows through the national budget.
    pub on_budget: bool,
    pub status: FundingStatus,
    /// ISO 4217 code of `amounts`.
    pub currency: String,
    #[ts(type = "Record<string, string>")]
    #[schemars(with = "PerYear<DecimalString>")]
    pub amounts: PerYear<Decimal>,
    /// Empty when the source funds the plan as a whole.
    pub earmarks: Vec<Earmark>,
}

/// The parts of a communication plan that are statements rather than activities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CommunicationItemKind {
    Objective,
    Audience,
    KeyMessage,
    Channel,
}

/// An objective, audience, key message or channel of the communication plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct CommunicationItem {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub kind: CommunicationItemKind,
    pub text: LocalText,
}

/// An activity of the communication plan. Its cost is carried by the linked plan activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct CommunicationActivity {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub title: LocalText,
    pub audience: String,
    pub channel: String,
    /// When it happens, e.g. "2026 Q3" or "every March 8".
    pub timing: String,
    pub year: Option<Year>,
    pub responsible_agency_id: Option<Id>,
    /// BCP 47 codes of the languages used.
    pub languages: Vec<String>,
    /// The plan activity that carries its cost lines.
    pub activity_id: Option<Id>,
}

/// An agency's operational plan for its part of the NAP.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct AgencyPlan {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub agency_id: Id,
    pub focal_point: String,
    pub focal_point_contact: String,
    pub notes: LocalText,
}

/// A step of a plan activity that an agency schedules by quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct SubActivity {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub agency_plan_id: Id,
    pub activity_id: Id,
    pub code: String,
    pub title: LocalText,
    pub year: Year,
    /// Quarters (1–4) of `year` in which it takes place.
    pub quarters: Vec<u8>,
    /// The agency's own programme / budget-line code.
    pub budget_line: String,
    pub economic_code: String,
    /// Budget in the plan's base currency, when the agency sets one for the step.
    #[ts(type = "string | null")]
    #[schemars(with = "Option<DecimalString>")]
    pub budget: Option<Decimal>,
}

/// The kinds of coordinating body a NAP sets up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BodyKind {
    SteeringCommittee,
    TechnicalWorkingGroup,
    PillarWorkingGroup,
    Secretariat,
    MonitoringTeam,
    Other,
}

/// A coordinating body and its terms of reference.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct CoordinatingBody {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub code: String,
    pub name: LocalText,
    pub kind: BodyKind,
    /// The pillar a pillar working group covers.
    pub pillar_id: Option<Id>,
    pub mandate: LocalText,
    /// Agencies that chair or co-chair the body.
    pub chair_ids: Vec<Id>,
    pub member_ids: Vec<Id>,
    pub meeting_frequency: String,
    pub quorum: String,
    pub decision_rule: LocalText,
    /// The body this one reports to; `None` at the top of the hierarchy.
    pub reports_to_id: Option<Id>,
    /// Markdown list of responsibilities.
    pub responsibilities: LocalText,
}

/// Groups whose voices a consultation sought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StakeholderGroup {
    Government,
    Csos,
    WomenPeacebuilders,
    Youth,
    PersonsWithDisabilities,
    IndigenousPeoples,
    Survivors,
    Academia,
    DevelopmentPartners,
    SecuritySector,
    Community,
}

/// The group's name in the file format ("women_peacebuilders").
impl std::fmt::Display for StakeholderGroup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => f.write_str(&name),
            _ => Err(std::fmt::Error),
        }
    }
}

impl std::str::FromStr for StakeholderGroup {
    type Err = serde_json::Error;
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        serde_json::from_value(serde_json::Value::String(name.to_string()))
    }
}

/// A consultation held while drafting the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct Consultation {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub title: LocalText,
    pub date: IsoDate,
    pub place: String,
    pub groups: Vec<StakeholderGroup>,
    pub participants_women: u32,
    pub participants_men: u32,
    /// Participants who did not identify as women or men, or whose sex was not recorded.
    pub participants_other: u32,
    /// What participants said.
    pub inputs: LocalText,
    /// How the drafters addressed it.
    pub response: LocalText,
}

/// One report of the M&E reporting calendar: what is reported, how often, when it is due,
/// who writes it and to whom it goes ("Annual progress report, every year by 31 March, NAP
/// secretariat to the Council of Ministers").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct ReportingEvent {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub title: LocalText,
    pub frequency: Frequency,
    /// When it is due, as the plan says it ("31 March", "end of each quarter").
    pub due: String,
    /// The agency that writes it.
    pub responsible_agency_id: Option<Id>,
    /// Who receives it ("Council of Ministers", "National Assembly", "development partners").
    pub recipient: String,
}

/// A named version of the plan ("Draft for consultation", "Cabinet submission").
///
/// The snapshot itself is kept by the project file; interchange carries the names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct NamedVersion {
    #[serde(flatten)]
    pub record: RecordMeta,
    pub name: String,
    pub note: String,
    pub status: PlanStatus,
}

impl Plan {
    /// A plan with `meta` and no records yet.
    pub fn empty(meta: PlanMeta) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            meta,
            agencies: vec![],
            narrative: vec![],
            pillars: vec![],
            outcomes: vec![],
            outputs: vec![],
            activities: vec![],
            indicators: vec![],
            progress: vec![],
            activity_statuses: vec![],
            catalogue: vec![],
            cost_lines: vec![],
            expenditures: vec![],
            exchange_rates: vec![],
            classification_names: vec![],
            funding_sources: vec![],
            communication: vec![],
            communication_activities: vec![],
            agency_plans: vec![],
            sub_activities: vec![],
            bodies: vec![],
            consultations: vec![],
            reporting_events: vec![],
            versions: vec![],
        }
    }

    /// Years of the plan period, in order.
    pub fn years(&self) -> impl Iterator<Item = Year> {
        self.meta.start_year..=self.meta.end_year
    }
}

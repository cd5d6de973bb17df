//! What every kind of record has in common, so that storage, interchange and (later)
//! merging can treat them uniformly.

use crate::model::*;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Every kind of record in a plan. The names are stable: they are table names in the
/// project file and kind names on the command line.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RecordKind {
    Agency,
    NarrativeSection,
    Pillar,
    Outcome,
    Output,
    Activity,
    Indicator,
    Progress,
    ActivityStatus,
    CatalogueItem,
    CostLine,
    Expenditure,
    ExchangeRate,
    ClassificationName,
    FundingSource,
    CommunicationItem,
    CommunicationActivity,
    AgencyPlan,
    SubActivity,
    Body,
    Consultation,
    ReportingEvent,
    Version,
}

impl RecordKind {
    /// Every kind, parents before children (the order in which they can be inserted
    /// without dangling references).
    pub const ALL: [RecordKind; 23] = [
        Self::Agency,
        Self::NarrativeSection,
        Self::Pillar,
        Self::Outcome,
        Self::Output,
        Self::Activity,
        Self::Indicator,
        Self::Progress,
        Self::ActivityStatus,
        Self::CatalogueItem,
        Self::FundingSource,
        Self::CostLine,
        Self::Expenditure,
        Self::ExchangeRate,
        Self::ClassificationName,
        Self::CommunicationItem,
        Self::CommunicationActivity,
        Self::AgencyPlan,
        Self::SubActivity,
        Self::Body,
        Self::Consultation,
        Self::ReportingEvent,
        Self::Version,
    ];

    /// The part of the plan a record of this kind belongs to, to group records as a reader
    /// of the plan thinks of them: `narrative`, `results_framework`, `resources`,
    /// `communication`, `agency_plans`, `coordination`, `consultations` or `plan` (agencies,
    /// exchange rates and versions, which serve the whole plan).
    pub fn element(self) -> &'static str {
        match self {
            Self::NarrativeSection => "narrative",
            Self::Pillar | Self::Outcome | Self::Output | Self::Activity => "results_framework",
            Self::Indicator => "results_framework",
            Self::Progress | Self::ActivityStatus | Self::Expenditure => "progress",
            Self::CatalogueItem | Self::CostLine | Self::FundingSource => "resources",
            Self::ClassificationName => "resources",
            Self::CommunicationItem | Self::CommunicationActivity => "communication",
            Self::AgencyPlan | Self::SubActivity => "agency_plans",
            Self::Body | Self::ReportingEvent => "coordination",
            Self::Consultation => "consultations",
            Self::Agency | Self::ExchangeRate | Self::Version => "plan",
        }
    }

    /// The stable name: table name and command-line kind.
    pub fn name(self) -> &'static str {
        match self {
            Self::Agency => "agency",
            Self::NarrativeSection => "narrative_section",
            Self::Pillar => "pillar",
            Self::Outcome => "outcome",
            Self::Output => "output",
            Self::Activity => "activity",
            Self::Indicator => "indicator",
            Self::Progress => "progress",
            Self::ActivityStatus => "activity_status",
            Self::CatalogueItem => "catalogue_item",
            Self::CostLine => "cost_line",
            Self::Expenditure => "expenditure",
            Self::ExchangeRate => "exchange_rate",
            Self::ClassificationName => "classification_name",
            Self::FundingSource => "funding_source",
            Self::CommunicationItem => "communication_item",
            Self::CommunicationActivity => "communication_activity",
            Self::AgencyPlan => "agency_plan",
            Self::SubActivity => "sub_activity",
            Self::Body => "body",
            Self::Consultation => "consultation",
            Self::ReportingEvent => "reporting_event",
            Self::Version => "version",
        }
    }

    /// The kind with this stable name (dashes accepted for underscores).
    pub fn from_name(name: &str) -> Option<Self> {
        let name = name.replace('-', "_");
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// How many records of this kind the plan holds.
    pub fn count_in(self, plan: &Plan) -> usize {
        match self {
            Self::Agency => plan.agencies.len(),
            Self::NarrativeSection => plan.narrative.len(),
            Self::Pillar => plan.pillars.len(),
            Self::Outcome => plan.outcomes.len(),
            Self::Output => plan.outputs.len(),
            Self::Activity => plan.activities.len(),
            Self::Indicator => plan.indicators.len(),
            Self::Progress => plan.progress.len(),
            Self::ActivityStatus => plan.activity_statuses.len(),
            Self::Expenditure => plan.expenditures.len(),
            Self::CatalogueItem => plan.catalogue.len(),
            Self::CostLine => plan.cost_lines.len(),
            Self::ExchangeRate => plan.exchange_rates.len(),
            Self::ClassificationName => plan.classification_names.len(),
            Self::FundingSource => plan.funding_sources.len(),
            Self::CommunicationItem => plan.communication.len(),
            Self::CommunicationActivity => plan.communication_activities.len(),
            Self::AgencyPlan => plan.agency_plans.len(),
            Self::SubActivity => plan.sub_activities.len(),
            Self::Body => plan.bodies.len(),
            Self::Consultation => plan.consultations.len(),
            Self::ReportingEvent => plan.reporting_events.len(),
            Self::Version => plan.versions.len(),
        }
    }
}

/// A kind of record stored as one row per record in its own table.
pub trait Record: Serialize + DeserializeOwned + Clone + 'static {
    /// Which kind this is.
    const KIND: RecordKind;
    /// Identity and provenance.
    fn meta(&self) -> &RecordMeta;
    /// Identity and provenance, to stamp an edit.
    fn meta_mut(&mut self) -> &mut RecordMeta;
    /// The plan's list of records of this kind.
    fn list(plan: &Plan) -> &Vec<Self>;
    /// The plan's list of records of this kind, to edit.
    fn list_mut(plan: &mut Plan) -> &mut Vec<Self>;
}

macro_rules! impl_record {
    ($($ty:ty => $kind:ident, $field:ident;)*) => {$(
        impl Record for $ty {
            const KIND: RecordKind = RecordKind::$kind;
            fn meta(&self) -> &RecordMeta { &self.record }
            fn meta_mut(&mut self) -> &mut RecordMeta { &mut self.record }
            fn list(plan: &Plan) -> &Vec<Self> { &plan.$field }
            fn list_mut(plan: &mut Plan) -> &mut Vec<Self> { &mut plan.$field }
        }
    )*};
}

impl_record! {
    Agency => Agency, agencies;
    NarrativeSection => NarrativeSection, narrative;
    Pillar => Pillar, pillars;
    Outcome => Outcome, outcomes;
    Output => Output, outputs;
    Activity => Activity, activities;
    Indicator => Indicator, indicators;
    ProgressValue => Progress, progress;
    ActivityStatus => ActivityStatus, activity_statuses;
    Expenditure => Expenditure, expenditures;
    CatalogueItem => CatalogueItem, catalogue;
    CostLine => CostLine, cost_lines;
    ExchangeRate => ExchangeRate, exchange_rates;
    ClassificationName => ClassificationName, classification_names;
    FundingSource => FundingSource, funding_sources;
    CommunicationItem => CommunicationItem, communication;
    CommunicationActivity => CommunicationActivity, communication_activities;
    AgencyPlan => AgencyPlan, agency_plans;
    SubActivity => SubActivity, sub_activities;
    CoordinatingBody => Body, bodies;
    Consultation => Consultation, consultations;
    ReportingEvent => ReportingEvent, reporting_events;
    NamedVersion => Version, versions;
}

/// The kind of the record of `plan` with `id`, if any: a scan of every list, for looking up a
/// few ids without indexing the whole plan.
pub fn kind_of(plan: &Plan, id: Id) -> Option<RecordKind> {
    RecordKind::ALL.into_iter().find(
        |&k| crate::with_record_type!(k, T => T::list(plan).iter().any(|r| r.meta().id == id)),
    )
}

/// Calls `$body` with `$T` bound to the record type of `$kind`; lets code that works on
/// any kind (storage, listing) dispatch without a hand-written match per use.
#[macro_export]
macro_rules! with_record_type {
    ($kind:expr, $T:ident => $body:expr) => {{
        use $crate::model::*;
        match $kind {
            $crate::RecordKind::Agency => {
                type $T = Agency;
                $body
            }
            $crate::RecordKind::NarrativeSection => {
                type $T = NarrativeSection;
                $body
            }
            $crate::RecordKind::Pillar => {
                type $T = Pillar;
                $body
            }
            $crate::RecordKind::Outcome => {
                type $T = Outcome;
                $body
            }
            $crate::RecordKind::Output => {
                type $T = Output;
                $body
            }
            $crate::RecordKind::Activity => {
                type $T = Activity;
                $body
            }
            $crate::RecordKind::Indicator => {
                type $T = Indicator;
                $body
            }
            $crate::RecordKind::Progress => {
                type $T = ProgressValue;
                $body
            }
            $crate::RecordKind::ActivityStatus => {
                type $T = ActivityStatus;
                $body
            }
            $crate::RecordKind::CatalogueItem => {
                type $T = CatalogueItem;
                $body
            }
            $crate::RecordKind::CostLine => {
                type $T = CostLine;
                $body
            }
            $crate::RecordKind::Expenditure => {
                type $T = Expenditure;
                $body
            }
            $crate::RecordKind::ExchangeRate => {
                type $T = ExchangeRate;
                $body
            }
            $crate::RecordKind::ClassificationName => {
                type $T = ClassificationName;
                $body
            }
            $crate::RecordKind::FundingSource => {
                type $T = FundingSource;
                $body
            }
            $crate::RecordKind::CommunicationItem => {
                type $T = CommunicationItem;
                $body
            }
            $crate::RecordKind::CommunicationActivity => {
                type $T = CommunicationActivity;
                $body
            }
            $crate::RecordKind::AgencyPlan => {
                type $T = AgencyPlan;
                $body
            }
            $crate::RecordKind::SubActivity => {
                type $T = SubActivity;
                $body
            }
            $crate::RecordKind::Body => {
                type $T = CoordinatingBody;
                $body
            }
            $crate::RecordKind::Consultation => {
                type $T = Consultation;
                $body
            }
            $crate::RecordKind::ReportingEvent => {
                type $T = ReportingEvent;
                $body
            }
            $crate::RecordKind::Version => {
                type $T = NamedVersion;
                $body
            }
        }
    }};
}

/// How many items each of the six high-impact elements holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct ElementCounts {
    /// Narrative local framework: sections.
    pub narrative: usize,
    /// Results framework: outcomes, outputs, activities and indicators.
    pub results_framework: usize,
    /// Resources plan: cost lines.
    pub resources: usize,
    /// Communication plan: objectives, audiences, messages, channels and activities.
    pub communication: usize,
    /// Agency operational plans.
    pub agency_plans: usize,
    /// Coordinating bodies with terms of reference.
    pub coordination: usize,
}

impl ElementCounts {
    /// Counts for `plan`.
    pub fn of(plan: &Plan) -> Self {
        Self {
            narrative: plan.narrative.len(),
            results_framework: plan.outcomes.len()
                + plan.outputs.len()
                + plan.activities.len()
                + plan.indicators.len(),
            resources: plan.cost_lines.len(),
            communication: plan.communication.len() + plan.communication_activities.len(),
            agency_plans: plan.agency_plans.len(),
            coordination: plan.bodies.len(),
        }
    }
}

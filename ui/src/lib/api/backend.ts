// The backend behind an interface: the app uses Tauri's invoke, tests use mockIPC or a fake.
import { invoke } from '@tauri-apps/api/core';
import type { PlanSummary } from './bindings/PlanSummary';
import type { OpenedRepairedCopy } from './bindings/OpenedRepairedCopy';
import type { SheetImported } from './bindings/SheetImported';
import type { QualityReview } from './bindings/QualityReview';
import type { SheetImportRequest } from './bindings/SheetImportRequest';
import type { Dashboard } from './bindings/Dashboard';
import type { ShownTable } from './bindings/ShownTable';
import type { ViewRequest } from './bindings/ViewRequest';
import type { IpcError } from './bindings/IpcError';
import type { ErrorCode } from './bindings/ErrorCode';
import type { CostGrid } from './bindings/CostGrid';
import type { GridFilter } from './bindings/GridFilter';
import type { CostLineField } from './bindings/CostLineField';
import type { FundingSourceField } from './bindings/FundingSourceField';
import type { ResultField } from './bindings/ResultField';
import type { ClassificationNameField } from './bindings/ClassificationNameField';
import type { AgencyPlanField } from './bindings/AgencyPlanField';
import type { SubActivityField } from './bindings/SubActivityField';
import type { PlanSettingField } from './bindings/PlanSettingField';
import type { ExchangeRateField } from './bindings/ExchangeRateField';
import type { IndicatorField } from './bindings/IndicatorField';
import type { NarrativeField } from './bindings/NarrativeField';
import type { BodyField } from './bindings/BodyField';
import type { ReportingEventField } from './bindings/ReportingEventField';
import type { GridActivity } from './bindings/GridActivity';
import type { LumpSumTarget } from './bindings/LumpSumTarget';
import type { GridChoice } from './bindings/GridChoice';
import type { GridTotals } from './bindings/GridTotals';
import type { LineUpdate } from './bindings/LineUpdate';
import type { History } from './bindings/History';
import type { ExportRequest } from './bindings/ExportRequest';
import type { ExportDone } from './bindings/ExportDone';
import type { RecentPlan } from './bindings/RecentPlan';
import type { NewPlanRequest } from './bindings/NewPlanRequest';
import type { NewPlanChoices } from './bindings/NewPlanChoices';
import type { Preferences } from './bindings/Preferences';
import type { MergeReview } from './bindings/MergeReview';
import type { MergeChoices } from './bindings/MergeChoices';
import type { MergeOutcome } from './bindings/MergeOutcome';
import type { MergeEntry } from './bindings/MergeEntry';
import type { PlanSettings } from './bindings/PlanSettings';
import type { ClassificationScheme } from './bindings/ClassificationScheme';
import type { FundingView } from './bindings/FundingView';
import type { ResultsView } from './bindings/ResultsView';
import type { NarrativeView } from './bindings/NarrativeView';
import type { CoordinationView } from './bindings/CoordinationView';
import type { AgencyPlanView } from './bindings/AgencyPlanView';
import type { CommunicationView } from './bindings/CommunicationView';
import type { ResultLevel } from './bindings/ResultLevel';
import type { GridRows } from './bindings/GridRows';
import type { Command } from './bindings/Command';
import type { ProgressView } from './bindings/ProgressView';
import type { ProgressEntry } from './bindings/ProgressEntry';
import type { StatusEntry } from './bindings/StatusEntry';
import type { ExpenditureEntry } from './bindings/ExpenditureEntry';
import type { VersionEntry } from './bindings/VersionEntry';
import type { Comparison } from './bindings/Comparison';
import type { Restored } from './bindings/Restored';
import type { BackupEntry } from './bindings/BackupEntry';

export interface Backend {
  planSummary(): Promise<PlanSummary>;
  dashboard(): Promise<Dashboard>;
  budgetView(request: ViewRequest): Promise<ShownTable>;
  /** The grid with its first `rows` lines; the rest come from `costGridRows` as they scroll into view. */
  costGrid(filter: GridFilter, rows: number): Promise<CostGrid>;
  costGridRows(filter: GridFilter, offset: number, limit: number): Promise<GridRows>;
  /** Sets one field of a cost line from the text typed; refused values change nothing. */
  setCostLine(id: string, field: CostLineField, value: string, filter: GridFilter): Promise<LineUpdate>;
  /** What the line and totals would be with `value` typed into `field`; saves nothing. */
  previewCostLine(id: string, field: CostLineField, value: string, filter: GridFilter): Promise<LineUpdate>;
  addCostLine(activityId: string, item: string, filter: GridFilter): Promise<LineUpdate>;
  /** A lump sum (amounts per year typed in its year cells) for a pillar, outcome, output or
   * activity; one given above an activity goes to that record's budget holder. */
  addLumpSum(target: LumpSumTarget, item: string, filter: GridFilter): Promise<LineUpdate>;
  addActivity(outputId: string, title: string, leadAgencyId: string | null): Promise<GridActivity>;
  deleteCostLine(id: string, filter: GridFilter): Promise<GridTotals>;
  history(): Promise<History>;
  undo(): Promise<History>;
  redo(): Promise<History>;
  suggestedExportPath(kind: string, lang: string, table: string): Promise<string>;
  /** The system's save dialog; `null` when the user cancels. */
  chooseExportPath(kind: string, current: string): Promise<string | null>;
  exportPlan(request: ExportRequest): Promise<ExportDone>;
  revealExport(path: string): Promise<void>;
  /** The agencies a copy for another ministry can be scoped to. */
  planAgencies(): Promise<GridChoice[]>;
  recentPlans(): Promise<RecentPlan[]>;
  /** Opens another plan; a refused file leaves the open plan open. */
  openPlan(path: string): Promise<PlanSummary>;
  /** Repairs an inconsistent plan into a new file (the original is left as it is) and opens it. */
  openRepairedCopy(path: string): Promise<OpenedRepairedCopy>;
  /** What the plan still lacks to be a high-impact NAP. */
  qualityReview(): Promise<QualityReview>;
  /** Marks the translations of `fields` of record `id` (the plan's own when `null`) as checked
   *  against their changed text; returns the review without them. */
  confirmTranslations(id: string | null, fields: string[]): Promise<QualityReview>;
  /** The plan's progress in a period (`2027`, `2027-H1`, `2027-Q3`; empty: the latest year reported). */
  progress(period: string): Promise<ProgressView>;
  /** Records an indicator's value for a period (replacing an earlier one); returns `period`'s progress. */
  reportProgress(entry: ProgressEntry, period: string): Promise<ProgressView>;
  reportStatus(entry: StatusEntry, period: string): Promise<ProgressView>;
  reportExpenditure(entry: ExpenditureEntry, period: string): Promise<ProgressView>;
  /** The named versions, oldest first. */
  versions(): Promise<VersionEntry[]>;
  saveVersion(name: string, note: string, status: string | null): Promise<VersionEntry[]>;
  /** What differs from version `from` to version `to` (or to the plan as it is now, `null`). */
  compareVersions(from: string, to: string | null): Promise<Comparison>;
  /** Makes the plan what the version held, as one undoable edit, after a backup. */
  restoreVersion(id: string): Promise<Restored>;
  /** Every automatic backup, newest first. */
  backups(): Promise<BackupEntry[]>;
  /** Writes a backup as a new plan file beside its plan and opens it. */
  restoreBackup(path: string): Promise<PlanSummary>;
  /** The system's open dialog for spreadsheets; `null` when the user cancels. */
  chooseSheetToImport(): Promise<string | null>;
  /** What importing the spreadsheet would do; nothing is written. */
  reviewSheet(request: SheetImportRequest): Promise<SheetImported>;
  /** Imports the spreadsheet into the open plan, as one undoable edit. */
  importSheet(request: SheetImportRequest): Promise<SheetImported>;
  /** The plan given at start that could not be opened, if any. */
  refusedPlan(): Promise<string | null>;
  choosePlanToOpen(): Promise<string | null>;
  chooseNewPlanPath(current: string): Promise<string | null>;
  suggestedPlanPath(title: string): Promise<string>;
  createPlan(request: NewPlanRequest): Promise<PlanSummary>;
  /** The languages and currencies a new plan can use. */
  newPlanChoices(): Promise<NewPlanChoices>;
  preferences(): Promise<Preferences>;
  setPreferences(preferences: Preferences): Promise<Preferences>;
  /** What merging a returned copy would change; nothing changes. */
  reviewMerge(path: string): Promise<MergeReview>;
  /** Merges the copy as decided; refused (`unresolved`) while a conflict has no side. */
  applyMerge(path: string, choices: MergeChoices): Promise<MergeOutcome>;
  /** The merges made in the open plan, newest first. */
  merges(): Promise<MergeEntry[]>;
  /** Undoes the last merge; returns the merges again. */
  undoMerge(): Promise<MergeEntry[]>;
  /** The plan's costing settings: contingency, inflation, base year, currencies, rates. */
  planSettings(): Promise<PlanSettings>;
  setPlanSettingField(field: PlanSettingField, value: string): Promise<PlanSettings>;
  setExchangeRate(id: string, field: ExchangeRateField, value: string): Promise<PlanSettings>;
  addExchangeRate(currency: string, rate: string): Promise<PlanSettings>;
  /** Refused (`rate_needed`) while cost lines need the rate. */
  deleteExchangeRate(id: string): Promise<PlanSettings>;
  /** Closes the window: the page has saved what was being typed. */
  closeAfterSaving(): Promise<void>;
  /** Keeps the window open after a close request: a save before closing was refused. */
  cancelClose(): Promise<void>;
  /** Names a classification code (`field`: `name` or `name_l2`); blank for the standard name. */
  setClassificationName(scheme: ClassificationScheme, code: string, field: ClassificationNameField, value: string): Promise<PlanSettings>;
  /** The funding sources, what the allocation makes of them, and the headline gap. */
  funding(): Promise<FundingView>;
  /** Sets one field of a source (`amount:YEAR`, `status`, `earmark_add`, …); refused values change nothing. */
  setFundingSource(id: string, field: FundingSourceField, value: string): Promise<FundingView>;
  addFundingSource(name: string): Promise<FundingView>;
  /** Refused (`still_referenced`) while cost lines name the source. */
  deleteFundingSource(id: string): Promise<FundingView>;
  /** The results tree and every indicator. */
  results(): Promise<ResultsView>;
  /** Sets `title`, `title_l2`, `description`, `description_l2` or an activity's `lead_agency_id`. */
  setResult(level: ResultLevel, id: string, field: ResultField, value: string): Promise<ResultsView>;
  /** Moves a result one place among its siblings; the codes under it renumber. */
  moveResult(level: ResultLevel, id: string, up: boolean): Promise<ResultsView>;
  /** Moves a result to the place of its sibling `target` (dragged onto it). */
  moveResultTo(level: ResultLevel, id: string, target: string): Promise<ResultsView>;
  /** Adds the next level down under a pillar, outcome or output. */
  addResult(parentId: string, title: string): Promise<ResultsView>;
  /** Refused (`still_referenced`) while anything is under the result. */
  deleteResult(level: ResultLevel, id: string): Promise<ResultsView>;
  setIndicator(id: string, field: IndicatorField, value: string): Promise<ResultsView>;
  /** An indicator of an outcome or output, or of the goal (`null`). */
  addIndicator(parentId: string | null, statement: string): Promise<ResultsView>;
  deleteIndicator(id: string): Promise<ResultsView>;
  /** The narrative sections, each with its Markdown and preview in both languages. */
  narrative(): Promise<NarrativeView>;
  /** Sets `title`, `title_l2`, `body`, `body_l2` or `kind` of a section. */
  setNarrative(id: string, field: NarrativeField, value: string): Promise<NarrativeView>;
  addNarrativeSection(kind: string, title: string): Promise<NarrativeView>;
  moveNarrative(id: string, up: boolean): Promise<NarrativeView>;
  deleteNarrativeSection(id: string): Promise<NarrativeView>;
  /** The coordinating bodies and their organisation chart. */
  coordination(): Promise<CoordinationView>;
  /** Sets one field of a body (`name`, `reports_to_id`, `member:AGENCY` = true/false, …). */
  setBody(id: string, field: BodyField, value: string): Promise<CoordinationView>;
  addBody(name: string, reportsToId: string | null): Promise<CoordinationView>;
  /** Refused (`still_referenced`) while bodies report to it. */
  deleteBody(id: string): Promise<CoordinationView>;
  /** Sets `title`, `title_l2`, `frequency`, `due`, `responsible_agency_id` or `recipient` of a report of the reporting calendar. */
  setReportingEvent(id: string, field: ReportingEventField, value: string): Promise<CoordinationView>;
  addReportingEvent(title: string): Promise<CoordinationView>;
  deleteReportingEvent(id: string): Promise<CoordinationView>;
  /** One agency's operational plan (the first agency leading activities when `null`). */
  agencyPlan(agencyId: string | null, secondLanguage: boolean): Promise<AgencyPlanView>;
  startAgencyPlan(agencyId: string, secondLanguage: boolean): Promise<AgencyPlanView>;
  setAgencyPlan(id: string, field: AgencyPlanField, value: string, secondLanguage: boolean): Promise<AgencyPlanView>;
  addSubActivity(agencyPlanId: string, activityId: string, title: string, secondLanguage: boolean): Promise<AgencyPlanView>;
  /** Sets `title`, `year`, `quarter:N` (true/false), `budget_line`, `economic_code` or `budget`. */
  setSubActivity(id: string, field: SubActivityField, value: string, secondLanguage: boolean): Promise<AgencyPlanView>;
  deleteSubActivity(id: string, secondLanguage: boolean): Promise<AgencyPlanView>;
  /** The communication plan and the consultations. */
  communication(): Promise<CommunicationView>;
  /** `record` is `item`, `activity` or `consultation`. */
  setCommunication(record: string, id: string, field: string, value: string): Promise<CommunicationView>;
  /** `itemKind` (objective, audience, key_message, channel) for a statement, otherwise `null`. */
  addCommunication(record: string, text: string, itemKind: string | null): Promise<CommunicationView>;
  deleteCommunication(record: string, id: string): Promise<CommunicationView>;
}

/** An IPC failure with the code the UI branches on. */
export class BackendError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function isIpcError(e: unknown): e is IpcError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

/**
 * The calls the page has made and not yet heard back from, and how many were refused: what
 * closing the window waits for (see `closing.ts`).
 */
export class CallTracker {
  readonly inflight = new Set<Promise<unknown>>();
  failures = 0;

  /** `promise`, counted while it runs and, if it fails, among the failures. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.inflight.add(promise);
    promise.then(
      () => this.inflight.delete(promise),
      () => {
        this.inflight.delete(promise);
        this.failures += 1;
      },
    );
    return promise;
  }

  /**
   * Resolves once a task passes with no call in flight. Handlers start their calls a few
   * microtasks after the event that asked for them (a field left), so one task is let pass
   * before looking.
   */
  async settled(): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.inflight.size === 0) return;
      await Promise.allSettled([...this.inflight]);
    }
  }
}

/** Every call the app makes through `tauriBackend`. */
export const calls = new CallTracker();

async function call<T>(command: Command, args?: Record<string, unknown>): Promise<T> {
  return calls.track(
    invoke<T>(command, args).catch((e: unknown) => {
      if (isIpcError(e)) throw new BackendError(e.code, e.message);
      throw new BackendError('internal', String(e));
    }),
  );
}

export const tauriBackend: Backend = {
  planSummary: () => call<PlanSummary>('plan_summary'),
  dashboard: () => call<Dashboard>('dashboard'),
  budgetView: (request) => call<ShownTable>('budget_view', { request }),
  costGrid: (filter, rows) => call<CostGrid>('cost_grid', { filter, rows }),
  costGridRows: (filter, offset, limit) => call<GridRows>('cost_grid_rows', { filter, offset, limit }),
  setCostLine: (id, field, value, filter) => call<LineUpdate>('set_cost_line', { id, field, value, filter }),
  previewCostLine: (id, field, value, filter) => call<LineUpdate>('preview_cost_line', { id, field, value, filter }),
  addCostLine: (activityId, item, filter) => call<LineUpdate>('add_cost_line', { activityId, item, filter }),
  addLumpSum: (target, item, filter) => call<LineUpdate>('add_lump_sum', { target, item, filter }),
  addActivity: (outputId, title, leadAgencyId) => call<GridActivity>('add_activity', { outputId, title, leadAgencyId }),
  deleteCostLine: (id, filter) => call<GridTotals>('delete_cost_line', { id, filter }),
  history: () => call<History>('history'),
  undo: () => call<History>('undo'),
  redo: () => call<History>('redo'),
  suggestedExportPath: (kind, lang, table) => call<string>('suggested_export_path', { kind, lang, table }),
  chooseExportPath: (kind, current) => call<string | null>('choose_export_path', { kind, current }),
  exportPlan: (request) => call<ExportDone>('export_plan', { request }),
  revealExport: (path) => call<void>('reveal_export', { path }),
  planAgencies: () => call<GridChoice[]>('plan_agencies'),
  recentPlans: () => call<RecentPlan[]>('recent_plans'),
  openPlan: (path) => call<PlanSummary>('open_plan', { path }),
  openRepairedCopy: (path) => call<OpenedRepairedCopy>('open_repaired_copy', { path }),
  refusedPlan: () => call<string | null>('refused_plan'),
  qualityReview: () => call<QualityReview>('quality_review'),
  confirmTranslations: (id, fields) => call<QualityReview>('confirm_translations', { id, fields }),
  progress: (period) => call<ProgressView>('progress', { period }),
  reportProgress: (entry, period) => call<ProgressView>('report_progress', { entry, period }),
  reportStatus: (entry, period) => call<ProgressView>('report_status', { entry, period }),
  reportExpenditure: (entry, period) => call<ProgressView>('report_expenditure', { entry, period }),
  versions: () => call<VersionEntry[]>('versions'),
  saveVersion: (name, note, status) => call<VersionEntry[]>('save_version', { name, note, status }),
  compareVersions: (from, to) => call<Comparison>('compare_versions', { from, to }),
  restoreVersion: (id) => call<Restored>('restore_version', { id }),
  backups: () => call<BackupEntry[]>('backups'),
  restoreBackup: (path) => call<PlanSummary>('restore_backup', { path }),
  chooseSheetToImport: () => call<string | null>('choose_sheet_to_import'),
  reviewSheet: (request) => call<SheetImported>('review_sheet', { request }),
  importSheet: (request) => call<SheetImported>('import_sheet', { request }),
  choosePlanToOpen: () => call<string | null>('choose_plan_to_open'),
  chooseNewPlanPath: (current) => call<string | null>('choose_new_plan_path', { current }),
  suggestedPlanPath: (title) => call<string>('suggested_plan_path', { title }),
  createPlan: (request) => call<PlanSummary>('create_plan', { request }),
  newPlanChoices: () => call<NewPlanChoices>('new_plan_choices'),
  preferences: () => call<Preferences>('preferences'),
  setPreferences: (preferences) => call<Preferences>('set_preferences', { preferences }),
  reviewMerge: (path) => call<MergeReview>('review_merge', { path }),
  applyMerge: (path, choices) => call<MergeOutcome>('apply_merge', { path, choices }),
  merges: () => call<MergeEntry[]>('merges'),
  undoMerge: () => call<MergeEntry[]>('undo_merge'),
  planSettings: () => call<PlanSettings>('plan_settings'),
  setPlanSettingField: (field, value) => call<PlanSettings>('set_plan_setting_field', { field, value }),
  setExchangeRate: (id, field, value) => call<PlanSettings>('set_exchange_rate', { id, field, value }),
  addExchangeRate: (currency, rate) => call<PlanSettings>('add_exchange_rate', { currency, rate }),
  deleteExchangeRate: (id) => call<PlanSettings>('delete_exchange_rate', { id }),
  closeAfterSaving: () => invoke<void>('close_after_saving'),
  cancelClose: () => invoke<void>('cancel_close'),
  setClassificationName: (scheme, code, field, value) =>
    call<PlanSettings>('set_classification_name_field', { scheme, code, field, value }),
  funding: () => call<FundingView>('funding'),
  setFundingSource: (id, field, value) => call<FundingView>('set_funding_source', { id, field, value }),
  addFundingSource: (name) => call<FundingView>('add_funding_source', { name }),
  deleteFundingSource: (id) => call<FundingView>('delete_funding_source', { id }),
  results: () => call<ResultsView>('results'),
  setResult: (level, id, field, value) => call<ResultsView>('set_result', { level, id, field, value }),
  moveResult: (level, id, up) => call<ResultsView>('move_result_step', { level, id, up }),
  moveResultTo: (level, id, target) => call<ResultsView>('move_result_to', { level, id, target }),
  addResult: (parentId, title) => call<ResultsView>('add_result', { parentId, title }),
  deleteResult: (level, id) => call<ResultsView>('delete_result', { level, id }),
  setIndicator: (id, field, value) => call<ResultsView>('set_indicator', { id, field, value }),
  addIndicator: (parentId, statement) => call<ResultsView>('add_indicator', { parentId, statement }),
  deleteIndicator: (id) => call<ResultsView>('delete_indicator', { id }),
  narrative: () => call<NarrativeView>('narrative'),
  setNarrative: (id, field, value) => call<NarrativeView>('set_narrative', { id, field, value }),
  addNarrativeSection: (kind, title) => call<NarrativeView>('add_narrative_section', { kind, title }),
  moveNarrative: (id, up) => call<NarrativeView>('move_narrative', { id, up }),
  deleteNarrativeSection: (id) => call<NarrativeView>('delete_narrative_section', { id }),
  coordination: () => call<CoordinationView>('coordination'),
  setBody: (id, field, value) => call<CoordinationView>('set_body', { id, field, value }),
  addBody: (name, reportsToId) => call<CoordinationView>('add_body', { name, reportsToId }),
  deleteBody: (id) => call<CoordinationView>('delete_body', { id }),
  setReportingEvent: (id, field, value) => call<CoordinationView>('set_reporting_event', { id, field, value }),
  addReportingEvent: (title) => call<CoordinationView>('add_reporting_event', { title }),
  deleteReportingEvent: (id) => call<CoordinationView>('delete_reporting_event', { id }),
  agencyPlan: (agencyId, secondLanguage) => call<AgencyPlanView>('agency_plan', { agencyId, secondLanguage }),
  startAgencyPlan: (agencyId, secondLanguage) => call<AgencyPlanView>('start_agency_plan', { agencyId, secondLanguage }),
  setAgencyPlan: (id, field, value, secondLanguage) => call<AgencyPlanView>('set_agency_plan', { id, field, value, secondLanguage }),
  addSubActivity: (agencyPlanId, activityId, title, secondLanguage) =>
    call<AgencyPlanView>('add_sub_activity', { agencyPlanId, activityId, title, secondLanguage }),
  setSubActivity: (id, field, value, secondLanguage) => call<AgencyPlanView>('set_sub_activity', { id, field, value, secondLanguage }),
  deleteSubActivity: (id, secondLanguage) => call<AgencyPlanView>('delete_sub_activity', { id, secondLanguage }),
  communication: () => call<CommunicationView>('communication'),
  setCommunication: (record, id, field, value) => call<CommunicationView>('set_communication', { record, id, field, value }),
  addCommunication: (record, text, itemKind) => call<CommunicationView>('add_communication', { record, text, itemKind }),
  deleteCommunication: (record, id) => call<CommunicationView>('delete_communication', { record, id }),
};

/** The BackendError for anything a backend call threw. */
export function asBackendError(e: unknown): BackendError {
  return e instanceof BackendError ? e : new BackendError('internal', String(e));
}

//! Three-way merge of two copies of a plan against the copy they both started from.
//!
//! Records are compared field by field as their interchange JSON (bookkeeping fields —
//! `created`, `modified`, `modified_by` — excepted). For each record and field, with `b` the
//! base value, `o` ours and `t` theirs:
//! - `t == b`: nothing came from them;
//! - `t != b`, `o == b`: only they changed it — their value is applied;
//! - `t != b`, `o == t`: both made the same change — nothing to do;
//! - otherwise both changed it differently — a **conflict**.
//!
//! A record they deleted that we did not change is deleted; one we changed is a conflict
//! (edit against delete), and so is a record we deleted that they changed. Records they added
//! are added. Order within lists is not merged: added records go to the end.

use crate::model::*;
use crate::record::{Record, RecordKind};
use crate::time::Timestamp;
use crate::validate::Labelled;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The fields NAP Studio keeps itself on every record; never merged, never set by hand.
pub const BOOKKEEPING: [&str; 4] = ["id", "created", "modified", "modified_by"];

/// The kind of the plan's own metadata in merge reports.
pub const PLAN_KIND: &str = "plan";

/// One field's values in a change or conflict (`None`: the record does not exist there).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldValues {
    pub field: String,
    pub base: Option<Value>,
    pub ours: Option<Value>,
    pub theirs: Option<Value>,
}

/// What a change does to a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Action {
    Add,
    Change,
    Delete,
}

/// A change the incoming copy brings for one record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Record kind name (`RecordKind::name`), or "plan" for the metadata.
    pub kind: String,
    pub id: Id,
    pub label: String,
    pub action: Action,
    /// The fields that change (for `Change`), or all fields (for `Add`).
    pub fields: Vec<FieldValues>,
    /// Who last changed the record in the incoming copy, and when.
    pub author: String,
    pub at: Timestamp,
}

/// A field (or, with `field` "(record)", a whole record) changed differently on both sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub kind: String,
    pub id: Id,
    pub label: String,
    pub values: FieldValues,
    pub our_author: String,
    pub our_time: Option<Timestamp>,
    pub their_author: String,
    pub their_time: Option<Timestamp>,
}

/// What merging an incoming copy would do.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MergeReport {
    /// Changes that apply cleanly.
    pub changes: Vec<Change>,
    pub conflicts: Vec<Conflict>,
    /// Changes from a copy scoped to one agency that fall outside its part.
    pub refused: Vec<Change>,
}

impl MergeReport {
    /// True when the incoming copy brings nothing new.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.conflicts.is_empty() && self.refused.is_empty()
    }
}

/// How conflicts are settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolve {
    Ours,
    Theirs,
}

/// A record as a field map without bookkeeping, with its label and provenance.
struct Flat {
    fields: Map<String, Value>,
    label: String,
    author: String,
    at: Timestamp,
}

/// A record's serde fields, without the bookkeeping ones.
fn fields_of(value: Result<Value, serde_json::Error>) -> Map<String, Value> {
    let mut fields = match value {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    };
    for k in BOOKKEEPING {
        fields.remove(k);
    }
    fields
}

fn flatten<T: Labelled>(r: &T) -> Flat {
    Flat {
        fields: fields_of(serde_json::to_value(r)),
        label: r.label(),
        author: r.meta().modified_by.clone(),
        at: r.meta().modified.clone(),
    }
}

fn flat_meta(m: &PlanMeta) -> Flat {
    Flat {
        fields: fields_of(serde_json::to_value(m)),
        label: m.title.text.clone(),
        author: m.record.modified_by.clone(),
        at: m.record.modified.clone(),
    }
}

/// The part of a plan that belongs to one agency, for scoped copies.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    pub ids: HashSet<Id>,
}

impl Scope {
    /// The agency's activities (as lead), their cost lines, statuses and spending, its
    /// operational plan and sub-activities, the indicators it is responsible for and their
    /// progress values.
    pub fn of_agency(plan: &Plan, agency: Id) -> Self {
        fn ids<T: Record>(items: &[T], keep: impl Fn(&T) -> bool) -> HashSet<Id> {
            items
                .iter()
                .filter(|r| keep(r))
                .map(|r| r.meta().id)
                .collect()
        }
        let activities = ids(&plan.activities, |a| a.lead_agency_id == Some(agency));
        let plans = ids(&plan.agency_plans, |p| p.agency_id == agency);
        let indicators = ids(&plan.indicators, |i| {
            i.responsible_agency_id == Some(agency)
        });
        let mut all = ids(&plan.cost_lines, |l| activities.contains(&l.activity_id));
        all.extend(ids(&plan.sub_activities, |s| {
            plans.contains(&s.agency_plan_id)
        }));
        all.extend(ids(&plan.progress, |p| {
            indicators.contains(&p.indicator_id)
        }));
        // What it reports on its own activities: their status and spending.
        all.extend(ids(&plan.activity_statuses, |s| {
            activities.contains(&s.activity_id)
        }));
        all.extend(ids(&plan.expenditures, |e| {
            activities.contains(&e.activity_id)
        }));
        all.extend(activities);
        all.extend(plans);
        all.extend(indicators);
        Self { ids: all }
    }

    /// Whether record `id` is in this part.
    pub fn contains(&self, id: Id) -> bool {
        self.ids.contains(&id)
    }
}

/// One agency's part of a plan before and after some changes, to judge those changes.
///
/// Invariant: a change to a record is inside the part when the record belonged to the part
/// before (if it existed) and still belongs to it after (if it still exists). So an agency
/// may add a cost line to its own activity, or an activity it leads, but may not take over
/// another agency's activity or hand its own to someone else.
#[derive(Debug, Clone, Default)]
pub struct Part {
    before: Scope,
    after: Scope,
}

impl Part {
    /// `agency`'s part in `before` and in `after`.
    pub fn between(before: &Plan, after: &Plan, agency: Id) -> Self {
        Self {
            before: Scope::of_agency(before, agency),
            after: Scope::of_agency(after, agency),
        }
    }

    /// Whether a change to record `id`, which exists before and/or after as the flags say,
    /// stays inside the part. The plan's metadata is never inside an agency's part.
    pub fn allows(&self, id: Id, existed_before: bool, exists_after: bool) -> bool {
        (!existed_before || self.before.contains(id)) && (!exists_after || self.after.contains(id))
    }
}

fn collect<T: Labelled>(plan: &Plan) -> BTreeMap<Id, Flat> {
    T::list(plan)
        .iter()
        .map(|r| (r.meta().id, flatten(r)))
        .collect()
}

fn diff_one(
    kind: &str,
    base: &BTreeMap<Id, Flat>,
    ours: &BTreeMap<Id, Flat>,
    theirs: &BTreeMap<Id, Flat>,
    part: Option<&Part>,
    report: &mut MergeReport,
) {
    let ids: std::collections::BTreeSet<Id> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .copied()
        .collect();
    for id in ids {
        let (b, o, t) = (base.get(&id), ours.get(&id), theirs.get(&id));
        // A scoped copy's changes outside its part are refused whole, conflicting or not.
        if let (Some(part), Some(tf)) = (part, t.or(b)) {
            let changed = match (b, t) {
                (Some(b), Some(t)) => b.fields != t.fields,
                _ => true,
            };
            if changed && !part.allows(id, b.is_some(), t.is_some()) {
                report.refused.push(Change {
                    kind: kind.into(),
                    id,
                    label: tf.label.clone(),
                    action: match (b, t) {
                        (None, _) => Action::Add,
                        (_, None) => Action::Delete,
                        _ => Action::Change,
                    },
                    fields: vec![],
                    author: t.map(|t| t.author.clone()).unwrap_or_default(),
                    at: tf.at.clone(),
                });
                continue;
            }
        }
        let mut push = |change: Change| report.changes.push(change);
        match (b, o, t) {
            (_, _, None) if b.is_none() => {}
            (None, None, Some(t)) => push(Change {
                kind: kind.into(),
                id,
                label: t.label.clone(),
                action: Action::Add,
                fields: t
                    .fields
                    .iter()
                    .map(|(k, v)| FieldValues {
                        field: k.clone(),
                        base: None,
                        ours: None,
                        theirs: Some(v.clone()),
                    })
                    .collect(),
                author: t.author.clone(),
                at: t.at.clone(),
            }),
            (Some(b), Some(o), None) => {
                if o.fields == b.fields {
                    push(Change {
                        kind: kind.into(),
                        id,
                        label: o.label.clone(),
                        action: Action::Delete,
                        fields: vec![],
                        author: String::new(),
                        at: o.at.clone(),
                    });
                } else {
                    report.conflicts.push(Conflict {
                        kind: kind.into(),
                        id,
                        label: o.label.clone(),
                        values: FieldValues {
                            field: "(record)".into(),
                            base: Some(Value::Object(b.fields.clone())),
                            ours: Some(Value::Object(o.fields.clone())),
                            theirs: None,
                        },
                        our_author: o.author.clone(),
                        our_time: Some(o.at.clone()),
                        their_author: String::new(),
                        their_time: None,
                    });
                }
            }
            (Some(_), None, None) => {}
            (Some(b), None, Some(t)) => {
                if t.fields != b.fields {
                    report.conflicts.push(Conflict {
                        kind: kind.into(),
                        id,
                        label: t.label.clone(),
                        values: FieldValues {
                            field: "(record)".into(),
                            base: Some(Value::Object(b.fields.clone())),
                            ours: None,
                            theirs: Some(Value::Object(t.fields.clone())),
                        },
                        our_author: String::new(),
                        our_time: None,
                        their_author: t.author.clone(),
                        their_time: Some(t.at.clone()),
                    });
                }
            }
            (b, Some(o), Some(t)) => {
                let empty = Map::new();
                let bf = b.map_or(&empty, |b| &b.fields);
                let mut applied = Vec::new();
                let keys: std::collections::BTreeSet<&String> = bf
                    .keys()
                    .chain(o.fields.keys())
                    .chain(t.fields.keys())
                    .collect();
                for key in keys {
                    let (bv, ov, tv) = (bf.get(key), o.fields.get(key), t.fields.get(key));
                    if tv == bv && b.is_some() {
                        continue;
                    }
                    if ov == tv {
                        continue;
                    }
                    if ov == bv && b.is_some() {
                        applied.push(FieldValues {
                            field: key.clone(),
                            base: bv.cloned(),
                            ours: ov.cloned(),
                            theirs: tv.cloned(),
                        });
                    } else {
                        report.conflicts.push(Conflict {
                            kind: kind.into(),
                            id,
                            label: o.label.clone(),
                            values: FieldValues {
                                field: key.clone(),
                                base: bv.cloned(),
                                ours: ov.cloned(),
                                theirs: tv.cloned(),
                            },
                            our_author: o.author.clone(),
                            our_time: Some(o.at.clone()),
                            their_author: t.author.clone(),
                            their_time: Some(t.at.clone()),
                        });
                    }
                }
                if !applied.is_empty() {
                    push(Change {
                        kind: kind.into(),
                        id,
                        label: t.label.clone(),
                        action: Action::Change,
                        fields: applied,
                        author: t.author.clone(),
                        at: t.at.clone(),
                    });
                }
            }
            (None, Some(_), None) | (None, None, None) => {}
        }
    }
}

/// What merging `theirs` into `ours` would do, given the `base` both started from. With
/// `scope_agency` (a copy scoped to that agency's part), changes outside the part are refused.
pub fn three_way(base: &Plan, ours: &Plan, theirs: &Plan, scope_agency: Option<Id>) -> MergeReport {
    let mut report = MergeReport::default();
    let one = |p: &Plan| -> BTreeMap<Id, Flat> {
        [(p.meta.record.id, flat_meta(&p.meta))]
            .into_iter()
            .collect()
    };
    let part = scope_agency.map(|a| Part::between(base, theirs, a));
    // A scoped copy may not change the plan's metadata at all.
    let nothing = Part::default();
    diff_one(
        PLAN_KIND,
        &one(base),
        &one(ours),
        &one(theirs),
        part.as_ref().map(|_| &nothing),
        &mut report,
    );
    for kind in RecordKind::ALL {
        crate::with_record_type!(kind, T => {
            diff_one(kind.name(), &collect::<T>(base), &collect::<T>(ours), &collect::<T>(theirs), part.as_ref(), &mut report);
        });
    }
    report
}

/// Every record's label (code and title) in `plans`, by id; a later plan's label wins. Used to
/// show references (`activity_id`, …) by name in a review.
pub fn labels(plans: &[&Plan]) -> HashMap<Id, String> {
    let mut out = HashMap::new();
    for plan in plans {
        for kind in RecordKind::ALL {
            crate::with_record_type!(kind, T => {
                out.extend(T::list(plan).iter().map(|r| (r.meta().id, r.label())));
            });
        }
    }
    out
}

/// A field's value as a person reads it: text in both languages, references by label,
/// per-year maps as "2026: 12; 2027: 3", lists joined by commas. `None` (the record does not
/// exist on that side) and JSON null read as an empty string.
pub fn describe(value: Option<&Value>, labels: &HashMap<Id, String>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s
            .parse::<Id>()
            .ok()
            .and_then(|id| labels.get(&id).cloned())
            .unwrap_or_else(|| s.clone()),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| describe(Some(v), labels))
            .collect::<Vec<_>>()
            .join(", "),
        Some(Value::Object(map)) => {
            if let Some(text) = map.get("text").and_then(Value::as_str) {
                // A LocalText: the text, and the second language when there is one.
                return match map.get("l2").and_then(Value::as_str) {
                    Some(l2) if !l2.is_empty() => format!("{text} / {l2}"),
                    _ => text.to_string(),
                };
            }
            map.iter()
                .map(|(k, v)| format!("{k}: {}", describe(Some(v), labels)))
                .collect::<Vec<_>>()
                .join("; ")
        }
    }
}

/// A reviewer's decisions on a [`MergeReport`]: which clean changes to turn down and which
/// side wins each conflict.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Decisions {
    /// Changes not to apply, by record kind name and id (a record has at most one change
    /// in a report).
    pub rejected: HashSet<(String, Id)>,
    /// The side chosen for single conflicts, by record kind name, id and field.
    pub chosen: HashMap<(String, Id, String), Resolve>,
    /// The side for every conflict without its own choice; `None` leaves them undecided.
    pub otherwise: Option<Resolve>,
}

impl Decisions {
    /// Every change accepted and every conflict settled the same way (or left undecided).
    pub fn all(resolve: Option<Resolve>) -> Self {
        Self {
            otherwise: resolve,
            ..Self::default()
        }
    }

    /// The side that wins `conflict`, if decided.
    pub fn side(&self, conflict: &Conflict) -> Option<Resolve> {
        self.chosen
            .get(&(
                conflict.kind.clone(),
                conflict.id,
                conflict.values.field.clone(),
            ))
            .copied()
            .or(self.otherwise)
    }

    /// Whether `change` is to be applied.
    pub fn accepts(&self, change: &Change) -> bool {
        !self.rejected.contains(&(change.kind.clone(), change.id))
    }

    /// The conflicts of `report` that no decision settles.
    pub fn undecided<'r>(&self, report: &'r MergeReport) -> Vec<&'r Conflict> {
        report
            .conflicts
            .iter()
            .filter(|c| self.side(c).is_none())
            .collect()
    }
}

/// Sets `fields` on a record's JSON and reads it back; provenance comes from `theirs` meta.
fn patched<T: Record>(
    record: &T,
    fields: &[(String, Value)],
    meta: Option<&RecordMeta>,
) -> Option<T> {
    let mut v = serde_json::to_value(record).ok()?;
    let obj = v.as_object_mut()?;
    for (k, val) in fields {
        obj.insert(k.clone(), val.clone());
    }
    let mut out: T = serde_json::from_value(v).ok()?;
    if let Some(m) = meta {
        out.meta_mut().modified = m.modified.clone();
        out.meta_mut().modified_by = m.modified_by.clone();
    }
    Some(out)
}

fn apply_kind<T: Record>(
    result: &mut Plan,
    theirs: &Plan,
    kind: &str,
    changes: &[&Change],
    taken: &[&Conflict],
) {
    let theirs_by_id: HashMap<Id, &T> = T::list(theirs).iter().map(|r| (r.meta().id, r)).collect();
    let mut set: HashMap<Id, Vec<(String, Value)>> = HashMap::new();
    let mut delete: HashSet<Id> = HashSet::new();
    let mut add: Vec<Id> = Vec::new();
    for c in changes.iter().filter(|c| c.kind == kind) {
        match c.action {
            Action::Add => add.push(c.id),
            Action::Delete => {
                delete.insert(c.id);
            }
            Action::Change => set.entry(c.id).or_default().extend(
                c.fields
                    .iter()
                    .filter_map(|f| f.theirs.clone().map(|v| (f.field.clone(), v))),
            ),
        }
    }
    {
        for c in taken.iter().filter(|c| c.kind == kind) {
            match (&c.values.field[..], &c.values.theirs) {
                ("(record)", None) => {
                    delete.insert(c.id);
                }
                ("(record)", Some(_)) => add.push(c.id),
                (field, Some(v)) => set
                    .entry(c.id)
                    .or_default()
                    .push((field.to_string(), v.clone())),
                (_, None) => {}
            }
        }
    }
    let list = T::list_mut(result);
    list.retain(|r| !delete.contains(&r.meta().id));
    for r in list.iter_mut() {
        if let Some(fields) = set.get(&r.meta().id) {
            let meta = theirs_by_id.get(&r.meta().id).map(|t| t.meta().clone());
            if let Some(p) = patched(r, fields, meta.as_ref()) {
                *r = p;
            }
        }
    }
    let present: HashSet<Id> = list.iter().map(|r| r.meta().id).collect();
    for id in add {
        if let Some(t) = theirs_by_id.get(&id) {
            if !present.contains(&id) {
                list.push((*t).clone());
            }
        }
    }
}

/// `ours` with the report's changes applied as `decisions` say: accepted clean changes, and
/// conflicts settled on their chosen side (an undecided conflict keeps our value — callers
/// refuse to merge while any is undecided).
pub fn apply(ours: &Plan, theirs: &Plan, report: &MergeReport, decisions: &Decisions) -> Plan {
    let mut result = ours.clone();
    let changes: Vec<&Change> = report
        .changes
        .iter()
        .filter(|c| decisions.accepts(c))
        .collect();
    let taken: Vec<&Conflict> = report
        .conflicts
        .iter()
        .filter(|c| decisions.side(c) == Some(Resolve::Theirs))
        .collect();
    // The plan's metadata.
    let mut meta_fields: Vec<(String, Value)> = changes
        .iter()
        .filter(|c| c.kind == PLAN_KIND)
        .flat_map(|c| {
            c.fields
                .iter()
                .filter_map(|f| f.theirs.clone().map(|v| (f.field.clone(), v)))
        })
        .collect();
    meta_fields.extend(
        taken
            .iter()
            .filter(|c| c.kind == PLAN_KIND)
            .filter_map(|c| c.values.theirs.clone().map(|v| (c.values.field.clone(), v))),
    );
    if !meta_fields.is_empty() {
        if let Ok(mut v) = serde_json::to_value(&result.meta) {
            if let Some(obj) = v.as_object_mut() {
                for (k, val) in meta_fields {
                    obj.insert(k, val);
                }
            }
            if let Ok(mut m) = serde_json::from_value::<PlanMeta>(v) {
                m.record.modified = theirs.meta.record.modified.clone();
                m.record.modified_by = theirs.meta.record.modified_by.clone();
                result.meta = m;
            }
        }
    }
    for kind in RecordKind::ALL {
        crate::with_record_type!(kind, T => {
            apply_kind::<T>(&mut result, theirs, kind.name(), &changes, &taken);
        });
    }
    result
}

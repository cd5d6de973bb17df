//! Scripted edits of any record by id, as `nap list|set|delete` make them: a record kind
//! named as a user writes it, a field set from text, a record deleted. Each edit goes
//! through the store like an edit in the window (validated, one transaction, undoable, and
//! refused outside a scoped copy's part).

use crate::AppError;
use nap_core::merge::BOOKKEEPING;
use nap_core::{with_record_type, Id, Labelled, Plan, Record, RecordKind};
use nap_store::Document;
use serde_json::{Map, Value};

/// "an activity", "a cost line": a kind's name with its article, for messages.
fn with_article(name: &str) -> String {
    match name.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {name}"),
        _ => format!("a {name}"),
    }
}

/// The kind of record a user means by `kind`: a record kind's name, its plural, or a short
/// name (`body`, `source`, `line`, `cost-line`, `item`).
pub fn kind_named(kind: &str) -> Result<RecordKind, AppError> {
    let alias = match kind {
        "body" | "bodies" => "body",
        "source" | "sources" => "funding_source",
        "line" | "cost-line" | "lines" => "cost_line",
        "item" => "catalogue_item",
        "status" | "statuses" | "activity-status" | "activity-statuses" => "activity_status",
        "expenditures" | "spending" => "expenditure",
        other => other,
    };
    RecordKind::from_name(alias.trim_end_matches('s'))
        .or_else(|| RecordKind::from_name(alias))
        .ok_or_else(|| {
            let kinds: Vec<&str> = RecordKind::ALL.iter().map(|k| k.name()).collect();
            AppError::BadRequest(format!(
                "`{kind}` is not a kind of record: use one of {}",
                kinds.join(", ")
            ))
        })
}

/// The records of `kind` in `plan`: each one's label and its fields as JSON.
pub fn list(plan: &Plan, kind: RecordKind) -> Vec<(String, Value)> {
    with_record_type!(kind, T => {
        T::list(plan).iter().map(|r| (r.label(), serde_json::to_value(r).unwrap_or(Value::Null))).collect()
    })
}

/// The id a user typed: a UUID, as `nap list` shows.
pub fn record_id(text: &str) -> Result<Id, AppError> {
    text.trim().parse().map_err(|_| {
        AppError::BadRequest(format!(
            "`{text}` is not a record id (a UUID, as `nap list` shows)"
        ))
    })
}

/// The kind of the record `id` of the open plan.
pub fn kind_of(doc: &Document, id: Id) -> Result<RecordKind, AppError> {
    doc.kind_of(id).ok_or_else(|| {
        AppError::RecordNotFound(format!("there is no record with id {id} in this plan"))
    })
}

/// The value for `field` given as text: parsed as JSON when the field holds structured data
/// (lists, per-year maps, numbers, true/false); text fields take the text as it is, and
/// two-language text sets the working-language text.
fn field_value(
    plan: &Plan,
    current: Option<&Value>,
    field: &str,
    text: &str,
) -> Result<Value, AppError> {
    let json = || {
        serde_json::from_str::<Value>(text).map_err(|e| {
            AppError::BadRequest(format!(
                "{field}: `{}` is not valid here ({})",
                nap_core::text::quoted(text),
                nap_core::text::quoted(&e.to_string())
            ))
        })
    };
    Ok(match current {
        // A reference: cleared by `null` or nothing, given by id or by the code of the
        // record it names (`lead_agency_id=MOI`).
        _ if field.ends_with("_id") && !matches!(current, Some(Value::Array(_))) => {
            reference(plan, field, text)?
        }
        Some(Value::String(_)) => Value::String(text.to_string()),
        Some(Value::Object(m)) if m.contains_key("text") && m.contains_key("l2") => {
            let mut m = m.clone();
            m.insert("text".into(), Value::String(text.to_string()));
            Value::Object(m)
        }
        // Empty until now: structured text (a list, a map, true/false) is read as JSON, a
        // number only where a number is meant (years, counts); anything else is text.
        Some(Value::Null) | None => {
            let t = text.trim();
            let structured = t.starts_with(['[', '{']) || ["true", "false", "null"].contains(&t);
            let numeric = field.contains("year") || field.starts_with("participants");
            if structured || (numeric && t.parse::<i64>().is_ok()) {
                json()?
            } else {
                Value::String(text.to_string())
            }
        }
        Some(_) => json()?,
    })
}

/// The value of the reference `field` written as `text`: `null` (or nothing) clears it, a
/// UUID is taken as it is, anything else is the code of exactly one record of the plan.
fn reference(plan: &Plan, field: &str, text: &str) -> Result<Value, AppError> {
    let t = text.trim();
    if t.is_empty() || t == "null" {
        return Ok(Value::Null);
    }
    if let Ok(id) = t.parse::<Id>() {
        return Ok(Value::String(id.to_string()));
    }
    let mut found = Vec::new();
    for kind in RecordKind::ALL {
        for (_, v) in list(plan, kind) {
            if v.get("code")
                .and_then(Value::as_str)
                .is_some_and(|c| c.trim().eq_ignore_ascii_case(t))
            {
                if let Some(id) = v.get("id").and_then(Value::as_str) {
                    found.push((kind, id.to_string()));
                }
            }
        }
    }
    match found.as_slice() {
        [(_, id)] => Ok(Value::String(id.clone())),
        [] => Err(AppError::BadRequest(format!(
            "{field}: no record has the code `{}`; give its id or code as `nap list` shows",
            nap_core::text::quoted(t)
        ))),
        many => Err(AppError::BadRequest(format!(
            "{field}: the code `{}` names records of {} kinds ({}); give the id",
            nap_core::text::quoted(t),
            many.len(),
            many.iter()
                .map(|(k, _)| k.name())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Sets fields of the record `id` from `FIELD=VALUE` assignments, all in one edit; returns
/// its kind. A field NAP Studio keeps itself (id, provenance) cannot be set.
pub fn set_fields(
    doc: &mut Document,
    id: Id,
    assignments: &[String],
) -> Result<RecordKind, AppError> {
    let kind = kind_of(doc, id)?;
    let what = with_article(&kind.name().replace('_', " "));
    with_record_type!(kind, T => {
        let record: T = crate::find(doc, id)?;
        let mut v = serde_json::to_value(&record).map_err(|e| AppError::Internal(e.to_string()))?;
        assign(doc.plan(), &mut v, &what, assignments)?;
        let updated: T = serde_json::from_value(v)
            .map_err(|e| {
                AppError::BadRequest(format!(
                    "the new values do not fit {what}: {}",
                    nap_core::text::quoted(&e.to_string())
                ))
            })?;
        doc.upsert(updated)?;
        Ok::<(), AppError>(())
    })?;
    Ok(kind)
}

/// Applies `FIELD=VALUE` assignments to the serialised record `v` (a `what`).
fn assign(plan: &Plan, v: &mut Value, what: &str, assignments: &[String]) -> Result<(), AppError> {
    let obj: &mut Map<String, Value> = v
        .as_object_mut()
        .ok_or_else(|| AppError::Internal(format!("{what} is not stored as an object")))?;
    for a in assignments {
        let (field, text) = a
            .split_once('=')
            .ok_or_else(|| AppError::BadRequest(format!("`{a}`: write FIELD=VALUE")))?;
        // `title.l2_outdated=false`: the translation was checked against the changed text and
        // still says the same. Only clearing is allowed: the store sets the mark itself.
        if let Some(base) = field.strip_suffix(".l2_outdated") {
            if text.trim() != "false" {
                return Err(AppError::BadRequest(format!(
                    "{field}: only `false` can be set (NAP Studio marks a translation out of \
                     date itself, when the text it translates changes)"
                )));
            }
            match obj.get_mut(base) {
                Some(Value::Object(m)) if m.contains_key("l2") => {
                    m.remove("l2_outdated");
                    continue;
                }
                _ => {
                    return Err(AppError::BadRequest(format!(
                        "{what} has no two-language field `{base}`"
                    )))
                }
            }
        }
        // `title.l2=…` sets the second-language text of a two-language field.
        if let Some(base) = field.strip_suffix(".l2") {
            match obj.get_mut(base) {
                Some(Value::Object(m)) if m.contains_key("l2") => {
                    let l2 = if text.trim().is_empty() {
                        Value::Null
                    } else {
                        Value::String(text.to_string())
                    };
                    m.insert("l2".into(), l2);
                    continue;
                }
                _ => {
                    return Err(AppError::BadRequest(format!(
                        "{what} has no two-language field `{base}`"
                    )))
                }
            }
        }
        if BOOKKEEPING.contains(&field) {
            return Err(AppError::BadRequest(format!(
                "{field} is kept by NAP Studio and cannot be set"
            )));
        }
        // `indicator=1.1.a` for `indicator_id=1.1.a`: a reference named as people say it.
        let with_id = format!("{field}_id");
        let field = if !obj.contains_key(field) && obj.contains_key(&with_id) {
            with_id.as_str()
        } else {
            field
        };
        if !obj.contains_key(field) {
            let fields: Vec<&str> = obj
                .keys()
                .map(String::as_str)
                .filter(|k| !BOOKKEEPING.contains(k))
                .collect();
            return Err(AppError::BadRequest(format!(
                "{what} has no field `{field}`; its fields are {}",
                fields.join(", ")
            )));
        }
        let value = field_value(plan, obj.get(field), field, text)?;
        obj.insert(field.to_string(), value);
    }
    Ok(())
}

/// A new record of `kind` with every field empty where it can be (text, lists, numbers,
/// optional values) and a usual choice where it must hold one (a kind, a status), taken
/// from the sample plan's first record of that kind.
fn blank<T: Record + serde::Serialize + serde::de::DeserializeOwned>(
) -> Result<(Value, Vec<String>), AppError> {
    let sample = nap_core::sample::sample_plan();
    let first = T::list(&sample).first().ok_or_else(|| {
        AppError::BadRequest(format!(
            "a {} cannot be added from the command line",
            T::KIND.name().replace('_', " ")
        ))
    })?;
    let mut v = serde_json::to_value(first).map_err(|e| AppError::Internal(e.to_string()))?;
    let keys: Vec<String> = v
        .as_object()
        .map(|o| {
            o.keys()
                .filter(|k| !BOOKKEEPING.contains(&k.as_str()))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    // References the record cannot go without (an activity's output): the user gives them.
    let mut required = Vec::new();
    for key in keys {
        let current = v[&key].clone();
        let candidates = match &current {
            Value::String(_) => vec![Value::String(String::new()), Value::Null],
            Value::Number(_) => vec![Value::from(0), Value::Null],
            Value::Array(_) => vec![Value::Array(vec![])],
            Value::Object(m) if m.contains_key("text") => {
                vec![serde_json::json!({"text": "", "l2": null})]
            }
            Value::Object(_) => vec![Value::Object(Map::new()), Value::Null],
            Value::Bool(_) | Value::Null => vec![],
        };
        let mut blanked = false;
        for candidate in candidates {
            v[&key] = candidate;
            if serde_json::from_value::<T>(v.clone()).is_ok() {
                blanked = true;
                break;
            }
            v[&key] = current.clone();
        }
        if !blanked && key.ends_with("_id") {
            required.push(key);
        }
    }
    Ok((v, required))
}

/// Adds a record of `kind` with the fields `FIELD=VALUE` (references by id or code) to the
/// open plan, validated like any edit; returns its id.
pub fn add(doc: &mut Document, kind: RecordKind, assignments: &[String]) -> Result<Id, AppError> {
    // Reports are checked as the Progress screen checks them, and replace an earlier
    // report for the same period.
    if matches!(
        kind,
        RecordKind::Progress | RecordKind::ActivityStatus | RecordKind::Expenditure
    ) {
        return Ok(crate::progress::add_from_assignments(doc, kind, assignments)?.id);
    }
    let what = with_article(&kind.name().replace('_', " "));
    let id = Id::new_v4();
    with_record_type!(kind, T => {
        let (mut v, required) = blank::<T>()?;
        v["id"] = Value::String(id.to_string());
        let given: Vec<&str> = assignments.iter().filter_map(|a| a.split_once('=').map(|(f, _)| f)).collect();
        if let Some(missing) = required.iter().find(|r| {
            !given.contains(&r.as_str()) && !given.contains(&r.trim_end_matches("_id"))
        }) {
            return Err(AppError::BadRequest(format!(
                "{what} needs {missing}=… (the id or code of the record it belongs to)"
            )));
        }
        assign(doc.plan(), &mut v, &what, assignments)?;
        let record: T = serde_json::from_value(v).map_err(|e| {
            AppError::BadRequest(format!(
                "the values do not make {what}: {}",
                nap_core::text::quoted(&e.to_string())
            ))
        })?;
        doc.upsert(record)?;
        Ok::<(), AppError>(())
    })?;
    Ok(id)
}

/// Deletes the record `id` (refused while others refer to it); returns its kind.
pub fn delete(doc: &mut Document, id: Id) -> Result<RecordKind, AppError> {
    let kind = kind_of(doc, id)?;
    with_record_type!(kind, T => doc.delete::<T>(id))?;
    Ok(kind)
}

/// Marks the second-language text of each of `fields` of the record `id` (of the plan itself
/// when `None`) as checked: its translator read it against the changed working-language text
/// and it still says the same, so the review stops listing it. One edit, undoable.
pub fn confirm_translations(
    doc: &mut Document,
    id: Option<Id>,
    fields: &[String],
) -> Result<(), AppError> {
    let assignments: Vec<String> = (fields.iter())
        .map(|f| format!("{}.l2_outdated=false", f.trim()))
        .collect();
    match id {
        Some(id) => set_fields(doc, id, &assignments).map(|_| ()),
        None => set_plan(doc, &assignments),
    }
}

/// Sets fields of the plan itself (`nap set PLAN plan …`): the settings as the settings
/// screen takes them (`contingency=5` is 5 %, `inflation:2027=3`, `working_language=fr`),
/// and every other field of the plan's record (`title=…`, `title.l2=…`, `goal=…`,
/// `status=endorsed`, `lead_agency_id=MWA`) as `nap set` takes a record's. All or nothing:
/// the plan is saved once, after every assignment was accepted.
pub fn set_plan(doc: &mut Document, assignments: &[String]) -> Result<(), AppError> {
    let mut meta = doc.plan().meta.clone();
    let mut others = Vec::new();
    for a in assignments {
        let (field, text) = a
            .split_once('=')
            .ok_or_else(|| AppError::BadRequest(format!("`{a}`: write FIELD=VALUE")))?;
        // A setting as the settings screen takes it; any other field as a record's.
        match field.parse() {
            Ok(setting) => nap_core::edit::set_plan_setting(doc.plan(), &mut meta, setting, text)?,
            Err(_) => others.push(a.clone()),
        }
    }
    let mut v = serde_json::to_value(&meta).map_err(|e| AppError::Internal(e.to_string()))?;
    assign(doc.plan(), &mut v, "the plan", &others)?;
    let meta: nap_core::PlanMeta = serde_json::from_value(v).map_err(|e| {
        AppError::BadRequest(format!(
            "the new values do not fit the plan: {}",
            nap_core::text::quoted(&e.to_string())
        ))
    })?;
    doc.set_meta(meta)?;
    Ok(())
}

//! Edits of the plan's own names for classification codes (see [`ClassificationName`]).

use crate::edit::{fresh_meta, optional, refuse, variant, FieldError, Problem};
use crate::model::{ClassificationName, ClassificationScheme, Id, Plan};
use crate::text::LocalText;
use crate::time::Timestamp;

/// What naming a code comes to.
#[derive(Debug, Clone, PartialEq)]
pub enum NameChange {
    /// Store this name (new, or replacing the one with its id).
    Put(ClassificationName),
    /// Both names are now blank: the code goes back to its standard name.
    Remove(Id),
    /// Blank names for a code the plan does not name: nothing to do.
    Nothing,
}

/// Names `code` of `scheme` (`economic` or `functional`) in the working language
/// (`field` = `name`; blank for the standard name) or the second language (`name_l2`).
pub fn set_classification_name(
    plan: &Plan,
    scheme: &str,
    code: &str,
    field: &str,
    text: &str,
    now: &Timestamp,
    author: &str,
) -> Result<NameChange, FieldError> {
    let scheme: ClassificationScheme = variant("scheme", scheme)?;
    let code = code.trim();
    if code.is_empty() {
        return Err(refuse("code", code, Problem::Required));
    }
    let id = ClassificationName::id_for(scheme, code);
    let existing = plan.classification_names.iter().find(|n| n.record.id == id);
    let mut name = existing.map_or_else(LocalText::default, |n| n.name.clone());
    match field {
        "name" => name.text = text.trim().to_string(),
        "name_l2" => name.l2 = optional(text),
        _ => return Err(refuse(field, text, Problem::UnknownField)),
    }
    if name.text.is_empty() && name.l2.is_none() {
        return Ok(match existing {
            Some(_) => NameChange::Remove(id),
            None => NameChange::Nothing,
        });
    }
    let record = existing.map_or_else(|| fresh_meta(id, now, author), |n| n.record.clone());
    Ok(NameChange::Put(ClassificationName {
        record,
        scheme,
        code: code.to_string(),
        name,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate;

    /// The sample without the names it comes with.
    fn plan() -> Plan {
        let mut plan = crate::sample::sample_plan();
        plan.classification_names.clear();
        plan
    }

    fn put(change: NameChange) -> ClassificationName {
        match change {
            NameChange::Put(n) => n,
            other => panic!("expected a name to store, got {other:?}"),
        }
    }

    #[test]
    fn a_second_language_name_is_stored_under_the_codes_own_id() {
        let mut plan = plan();
        let now = Timestamp::from_unix_millis(1_790_000_000_000);
        let name = put(set_classification_name(
            &plan,
            "economic",
            " 211 ",
            "name_l2",
            " ប្រាក់បៀវត្ស ",
            &now,
            "t",
        )
        .unwrap());
        assert_eq!(name.code, "211");
        assert_eq!(name.scheme, ClassificationScheme::Economic);
        assert_eq!(
            name.name.text, "",
            "the working-language name stays standard"
        );
        assert_eq!(name.name.l2.as_deref(), Some("ប្រាក់បៀវត្ស"));
        assert_eq!(
            name.record.id,
            ClassificationName::id_for(ClassificationScheme::Economic, "211")
        );
        assert_ne!(
            name.record.id,
            ClassificationName::id_for(ClassificationScheme::Functional, "211"),
            "the same code in the other scheme is another name"
        );
        plan.classification_names.push(name);
        assert_eq!(validate(&plan), vec![]);

        // Naming it in the working language keeps the Khmer and the record.
        let again = put(set_classification_name(
            &plan, "economic", "211", "name", "Salaries", &now, "t",
        )
        .unwrap());
        assert_eq!(again.record.id, plan.classification_names[0].record.id);
        assert_eq!(again.name.text, "Salaries");
        assert_eq!(again.name.l2.as_deref(), Some("ប្រាក់បៀវត្ស"));
    }

    #[test]
    fn blanking_both_names_removes_the_record_and_blank_on_nothing_does_nothing() {
        let mut plan = plan();
        let now = Timestamp::from_unix_millis(1_790_000_000_000);
        let name = put(set_classification_name(
            &plan,
            "functional",
            "03.1",
            "name_l2",
            "នគរបាល",
            &now,
            "t",
        )
        .unwrap());
        let id = name.record.id;
        plan.classification_names.push(name);
        assert_eq!(
            set_classification_name(&plan, "functional", "03.1", "name_l2", "  ", &now, "t"),
            Ok(NameChange::Remove(id))
        );
        assert_eq!(
            set_classification_name(&plan, "functional", "07", "name", "", &now, "t"),
            Ok(NameChange::Nothing)
        );
    }

    #[test]
    fn bad_input_is_refused_with_its_reason() {
        let plan = plan();
        let now = Timestamp::from_unix_millis(1_790_000_000_000);
        let problem = |scheme: &str, code: &str, field: &str| {
            set_classification_name(&plan, scheme, code, field, "x", &now, "t")
                .unwrap_err()
                .problem
        };
        assert_eq!(problem("economic", "  ", "name"), Problem::Required);
        assert_eq!(problem("economic", "211", "colour"), Problem::UnknownField);
        assert_eq!(problem("cofog", "03.1", "name"), Problem::UnknownChoice);
    }

    #[test]
    fn validation_refuses_a_second_name_for_a_code_and_an_id_not_derived_from_it() {
        let mut plan = plan();
        let now = Timestamp::from_unix_millis(1_790_000_000_000);
        let name = put(
            set_classification_name(&plan, "economic", "22", "name_l2", "ក", &now, "t").unwrap(),
        );
        let mut stray = name.clone();
        stray.record.id = Id::new_v4();
        plan.classification_names = vec![name, stray];
        let errors = validate(&plan);
        assert!(
            errors
                .iter()
                .any(|e| matches!(e, crate::ValidationError::DuplicateCode { code, .. } if code == "economic 22")),
            "{errors:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| matches!(e, crate::ValidationError::InvalidSetting { field, .. } if field == "id of the name of 22")),
            "{errors:?}"
        );
    }
}

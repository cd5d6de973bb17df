//! Edits of the plan's own names for classification codes (see [`ClassificationName`]).

use crate::edit::{fresh_meta, optional, refuse, wire_names, FieldError, Problem, Tongue};
use crate::model::{ClassificationName, ClassificationScheme, Id, Plan};
use crate::text::LocalText;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

/// Which name of a classification code is set. Wire names: `name` (the working language;
/// blank for the standard name) and `name_l2` (the second language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(export, type = r#""name" | "name_l2""#)]
pub enum ClassificationNameField {
    Name(Tongue),
}

wire_names!(
    ClassificationNameField,
    [
        (ClassificationNameField::Name(Tongue::Working), "name"),
        (ClassificationNameField::Name(Tongue::Second), "name_l2"),
    ]
);

/// Names `code` of `scheme` in the language `field` says.
pub fn set_classification_name(
    plan: &Plan,
    scheme: ClassificationScheme,
    code: &str,
    field: ClassificationNameField,
    text: &str,
    now: &Timestamp,
    author: &str,
) -> Result<NameChange, FieldError> {
    let code = code.trim();
    if code.is_empty() {
        return Err(refuse("code", code, Problem::Required));
    }
    let id = ClassificationName::id_for(scheme, code);
    let existing = plan.classification_names.iter().find(|n| n.record.id == id);
    let mut name = existing.map_or_else(LocalText::default, |n| n.name.clone());
    match field {
        ClassificationNameField::Name(Tongue::Working) => name.text = text.trim().to_string(),
        ClassificationNameField::Name(Tongue::Second) => name.l2 = optional(text),
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

    /// Names `code` of `scheme` in the language `tongue` at a fixed time.
    fn named(
        plan: &Plan,
        scheme: ClassificationScheme,
        code: &str,
        tongue: Tongue,
        text: &str,
    ) -> Result<NameChange, FieldError> {
        let now = Timestamp::from_unix_millis(1_790_000_000_000);
        let field = ClassificationNameField::Name(tongue);
        set_classification_name(plan, scheme, code, field, text, &now, "t")
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
        let name = put(named(
            &plan,
            ClassificationScheme::Economic,
            " 211 ",
            Tongue::Second,
            " ប្រាក់បៀវត្ស ",
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
        let again = put(named(
            &plan,
            ClassificationScheme::Economic,
            "211",
            Tongue::Working,
            "Salaries",
        )
        .unwrap());
        assert_eq!(again.record.id, plan.classification_names[0].record.id);
        assert_eq!(again.name.text, "Salaries");
        assert_eq!(again.name.l2.as_deref(), Some("ប្រាក់បៀវត្ស"));
    }

    #[test]
    fn blanking_both_names_removes_the_record_and_blank_on_nothing_does_nothing() {
        let mut plan = plan();
        let name = put(named(
            &plan,
            ClassificationScheme::Functional,
            "03.1",
            Tongue::Second,
            "នគរបាល",
        )
        .unwrap());
        let id = name.record.id;
        plan.classification_names.push(name);
        assert_eq!(
            named(
                &plan,
                ClassificationScheme::Functional,
                "03.1",
                Tongue::Second,
                "  "
            ),
            Ok(NameChange::Remove(id))
        );
        assert_eq!(
            named(
                &plan,
                ClassificationScheme::Functional,
                "07",
                Tongue::Working,
                ""
            ),
            Ok(NameChange::Nothing)
        );
    }

    #[test]
    fn bad_input_is_refused_with_its_reason() {
        let plan = plan();
        let err = named(
            &plan,
            ClassificationScheme::Economic,
            "  ",
            Tongue::Working,
            "x",
        )
        .unwrap_err();
        assert_eq!(err.problem, Problem::Required);
        // A field or a scheme that does not exist is refused when it is read.
        assert_eq!(
            "colour"
                .parse::<ClassificationNameField>()
                .map_err(|e| e.problem),
            Err(Problem::UnknownField)
        );
        assert!(serde_json::from_str::<ClassificationScheme>("\"cofog\"").is_err());
    }

    #[test]
    fn validation_refuses_a_second_name_for_a_code_and_an_id_not_derived_from_it() {
        let mut plan = plan();
        let name = put(named(
            &plan,
            ClassificationScheme::Economic,
            "22",
            Tongue::Second,
            "ក",
        )
        .unwrap());
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

//! Edits of the narrative local framework: a section's title and Markdown body in either
//! language, its kind, new sections and their order.

use crate::edit::{
    fresh_meta, optional, refuse, required_text, variant, wire_names, FieldError, Problem, Tongue,
};
use crate::model::{Id, NarrativeSection, Plan};
use crate::text::LocalText;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A field of a narrative section that can be set. Wire names: `title`, `title_l2`, `body`,
/// `body_l2` (Markdown), `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(export, type = r#""title" | "title_l2" | "body" | "body_l2" | "kind""#)]
pub enum NarrativeField {
    Title(Tongue),
    /// The section's Markdown.
    Body(Tongue),
    Kind,
}

wire_names!(
    NarrativeField,
    [
        (NarrativeField::Title(Tongue::Working), "title"),
        (NarrativeField::Title(Tongue::Second), "title_l2"),
        (NarrativeField::Body(Tongue::Working), "body"),
        (NarrativeField::Body(Tongue::Second), "body_l2"),
        (NarrativeField::Kind, "kind"),
    ]
);

/// Sets `field` of `section` from `text`: the title is required; bodies are kept as typed
/// but for trailing blank lines. On error `section` is unchanged.
pub fn set_narrative_field(
    section: &mut NarrativeSection,
    field: NarrativeField,
    text: &str,
) -> Result<(), FieldError> {
    let name = field.to_string();
    let name = name.as_str();
    match field {
        NarrativeField::Title(Tongue::Working) => section.title.text = required_text(name, text)?,
        NarrativeField::Title(Tongue::Second) => section.title.l2 = optional(text),
        // Leading spaces mean something in Markdown (an indented list); only the end is trimmed.
        NarrativeField::Body(Tongue::Working) => section.body.text = text.trim_end().to_string(),
        NarrativeField::Body(Tongue::Second) => {
            section.body.l2 = optional(text).map(|_| text.trim_end().to_string())
        }
        NarrativeField::Kind => section.kind = variant(name, text)?,
    }
    Ok(())
}

/// A new, empty section of `kind` titled `title`, to go at the end of the narrative.
pub fn new_narrative_section(
    kind: &str,
    title: &str,
    id: Id,
    now: &Timestamp,
    author: &str,
) -> Result<NarrativeSection, FieldError> {
    let title = required_text("title", title)?;
    Ok(NarrativeSection {
        record: fresh_meta(id, now, author),
        kind: variant("kind", kind)?,
        title: LocalText::new(title),
        body: LocalText::default(),
    })
}

/// The plan with section `id` one place up (`up`) or down in the narrative. Refused
/// (`unknown_choice`) at either end or for an id that is not a section.
pub fn move_narrative_section(plan: &Plan, id: Id, up: bool) -> Result<Plan, FieldError> {
    let field = if up { "move_up" } else { "move_down" };
    let at = (plan.narrative.iter())
        .position(|s| s.record.id == id)
        .ok_or_else(|| refuse(field, &id.to_string(), Problem::UnknownChoice))?;
    let other = if up {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|&i| i < plan.narrative.len())
    }
    .ok_or_else(|| refuse(field, &id.to_string(), Problem::UnknownChoice))?;
    let mut next = plan.clone();
    next.narrative.swap(at, other);
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;
    use crate::validate;

    #[test]
    fn bodies_keep_their_markdown_and_refusals_change_nothing() {
        let plan = sample_plan();
        let mut section = plan.narrative[0].clone();
        set_narrative_field(
            &mut section,
            NarrativeField::Body(Tongue::Working),
            "  - indented item\n\n\n",
        )
        .unwrap();
        assert_eq!(section.body.text, "  - indented item");
        set_narrative_field(
            &mut section,
            NarrativeField::Body(Tongue::Second),
            "## បរិបទ\n",
        )
        .unwrap();
        assert_eq!(section.body.l2.as_deref(), Some("## បរិបទ"));
        set_narrative_field(&mut section, NarrativeField::Body(Tongue::Second), "  \n").unwrap();
        assert_eq!(section.body.l2, None);
        let before = section.clone();
        for (field, text, problem) in [
            ("title", " ", Problem::Required),
            ("kind", "preface", Problem::UnknownChoice),
            ("record", "x", Problem::UnknownField),
        ] {
            let err = match field.parse() {
                Ok(field) => set_narrative_field(&mut section, field, text).unwrap_err(),
                Err(unknown) => unknown,
            };
            assert_eq!(err.problem, problem);
            assert_eq!(section, before);
        }
    }

    #[test]
    fn sections_are_added_at_the_end_and_move_one_place_at_a_time() {
        let mut plan = sample_plan();
        let now = Timestamp::try_from("2026-11-23T08:00:00.000Z".to_string()).unwrap();
        let new =
            new_narrative_section("other", "Annex: glossary", Id::new_v4(), &now, "MWA").unwrap();
        assert!(new_narrative_section("preface", "x", Id::new_v4(), &now, "MWA").is_err());
        plan.narrative.push(new.clone());
        assert!(validate(&plan).is_empty());
        let last = plan.narrative.len() - 1;
        assert!(move_narrative_section(&plan, new.record.id, false).is_err());
        let moved = move_narrative_section(&plan, new.record.id, true).unwrap();
        assert_eq!(moved.narrative[last - 1].record.id, new.record.id);
        assert_eq!(
            moved.narrative[last].record.id,
            plan.narrative[last - 1].record.id
        );
        let first = plan.narrative[0].record.id;
        assert!(move_narrative_section(&plan, first, true).is_err());
    }
}

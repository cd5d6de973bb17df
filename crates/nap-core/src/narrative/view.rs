//! What the narrative screen shows: each section of the narrative local framework with its
//! Markdown in both languages (the screen's editors show it formatted).

use crate::model::*;
use crate::text::LocalText;
use serde::Serialize;
use ts_rs::TS;

/// One narrative section.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SectionRow {
    #[ts(type = "string")]
    pub id: Id,
    pub kind: NarrativeKind,
    pub title: LocalText,
    /// Markdown as typed.
    pub body: LocalText,
    pub first: bool,
    pub last: bool,
    pub modified_by: String,
    pub modified: String,
    /// Set by the shell in a copy scoped to one agency (the narrative is then read-only).
    pub locked: bool,
}

/// The narrative of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct NarrativeView {
    pub sections: Vec<SectionRow>,
}

/// The narrative of `plan`, in plan order.
pub fn narrative_view(plan: &Plan) -> NarrativeView {
    let n = plan.narrative.len();
    NarrativeView {
        sections: (plan.narrative.iter().enumerate())
            .map(|(i, s)| SectionRow {
                id: s.record.id,
                kind: s.kind,
                title: s.title.clone(),
                body: s.body.clone(),
                first: i == 0,
                last: i + 1 == n,
                modified_by: s.record.modified_by.clone(),
                modified: s.record.modified.to_string(),
                locked: false,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::sample_plan;

    #[test]
    fn every_section_comes_in_order_with_its_text() {
        let plan = sample_plan();
        let view = narrative_view(&plan);
        assert_eq!(view.sections.len(), plan.narrative.len());
        for (row, section) in view.sections.iter().zip(&plan.narrative) {
            assert_eq!(row.id, section.record.id);
            assert_eq!(row.body, section.body);
        }
        assert!(view.sections[0].first && view.sections.last().unwrap().last);
        assert!(view.sections.iter().skip(1).all(|s| !s.first));
    }
}

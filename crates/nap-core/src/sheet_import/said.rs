//! What the import's review says about a sheet (a note, or why a row is refused), in any
//! language.
//!
//! Each sentence has a stable code; its wording lives in the product's catalogue
//! (`i18n/*.json`, key `import.said.<code>`, with `{name}` placeholders), so the command
//! line prints the English one and the app the one of its interface language. The English
//! wording is read from the catalogue here, so it is written once.

use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;
use ts_rs::TS;

/// A sentence of the import's review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Said {
    /// Stable code: the catalogue key is `import.said.<code>`.
    pub code: String,
    /// In English, as the command line prints it.
    pub message: String,
    /// What fills the `{placeholders}` of the wording, already written out (numbers as
    /// the sheet gives them or grouped by thousands).
    pub values: BTreeMap<String, String>,
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The catalogue key prefix of the review's sentences.
pub const KEY_PREFIX: &str = "import.said.";

/// The English wording of every sentence, by code.
static ENGLISH: LazyLock<BTreeMap<String, String>> = LazyLock::new(|| {
    let catalogue: BTreeMap<String, String> =
        serde_json::from_str(include_str!("../../../../i18n/en.json")).unwrap_or_default();
    catalogue
        .into_iter()
        .filter_map(|(k, v)| Some((k.strip_prefix(KEY_PREFIX)?.to_string(), v)))
        .collect()
});

/// `wording` with each `{name}` replaced by its value.
pub fn fill(wording: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = wording.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The sentence `code` with `values`. A code missing from the catalogue (a test keeps every
/// code used in it) still says its code and values rather than nothing.
pub fn said(code: &str, values: &[(&str, String)]) -> Said {
    let values: BTreeMap<String, String> = (values.iter())
        .map(|(k, v)| ((*k).to_string(), v.clone()))
        .collect();
    let message = match ENGLISH.get(code) {
        Some(wording) => fill(wording, &values),
        None => {
            let shown: Vec<String> = values.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("{code} ({})", shown.join(", "))
        }
    };
    Said {
        code: code.to_string(),
        message,
        values,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code the importer says (each `said(` with a quoted code in its source) has its
    /// wording in English and in Khmer, the app's two interface languages, with the same
    /// placeholders.
    #[test]
    fn every_code_said_has_its_wording_in_both_interface_languages() {
        let sources = [include_str!("mod.rs"), include_str!("cells.rs")];
        let mut codes: Vec<&str> = sources
            .iter()
            .flat_map(|s| s.split("said(").skip(1))
            .filter_map(|rest| rest.trim_start().strip_prefix('"'))
            .filter_map(|rest| rest.split('"').next())
            .collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 49, "the codes found: {codes:?}");
        let khmer: BTreeMap<String, String> =
            serde_json::from_str(include_str!("../../../../i18n/km.json")).unwrap();
        let placeholders = |s: &str| -> Vec<String> {
            let mut p: Vec<String> = (s.split('{').skip(1))
                .filter_map(|r| r.split('}').next())
                .map(str::to_string)
                .collect();
            p.sort();
            p
        };
        for code in codes {
            let english = ENGLISH
                .get(code)
                .unwrap_or_else(|| panic!("{code}: no English"));
            let km = khmer
                .get(&format!("{KEY_PREFIX}{code}"))
                .unwrap_or_else(|| panic!("{code}: no Khmer"));
            assert_eq!(placeholders(english), placeholders(km), "{code}");
        }
    }

    #[test]
    fn a_sentence_fills_its_wording_and_keeps_its_values() {
        let s = said("negative", &[("value", "-12".into())]);
        assert_eq!(s.message, "“-12” is negative");
        assert_eq!(s.values["value"], "-12");
        let unknown = said("no_such_code", &[("row", "3".into())]);
        assert_eq!(unknown.message, "no_such_code (row=3)");
    }
}

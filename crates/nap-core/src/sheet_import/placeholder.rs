//! The titles of the records the importer makes for levels a sheet does not give ("Prévention
//! (Objectif spécifique : ne figure pas dans le tableau)"), in the plan's working language:
//! they are the plan's own text, printed in its annex and documents. The words are the
//! exports' (`out.placeholder_title`, `out.placeholder_top` and the level names of the
//! product's catalogue), so each language is written once; a language without a catalogue
//! gets English.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The catalogues of the export languages, by primary language subtag.
pub(crate) const CATALOGUES: [(&str, &str); 9] = [
    ("en", include_str!("../../../../i18n/en.json")),
    ("km", include_str!("../../../../i18n/km.json")),
    ("fr", include_str!("../../../../i18n/fr.json")),
    ("th", include_str!("../../../../i18n/th.json")),
    ("vi", include_str!("../../../../i18n/vi.json")),
    ("id", include_str!("../../../../i18n/id.json")),
    ("lo", include_str!("../../../../i18n/lo.json")),
    ("my", include_str!("../../../../i18n/my.json")),
    ("tl", include_str!("../../../../i18n/tl.json")),
];

/// The keys read: the two wordings and the names of the four levels.
const KEYS: [&str; 6] = [
    "out.placeholder_title",
    "out.placeholder_top",
    "out.pillar",
    "out.outcome",
    "out.output",
    "out.activity",
];

/// Per language, the words of [`KEYS`].
static WORDS: LazyLock<HashMap<&'static str, HashMap<String, String>>> = LazyLock::new(|| {
    CATALOGUES
        .iter()
        .map(|(lang, json)| {
            let all: HashMap<String, String> = serde_json::from_str(json).unwrap_or_default();
            let kept = all.into_iter().filter(|(k, _)| KEYS.contains(&k.as_str()));
            (*lang, kept.collect())
        })
        .collect()
});

/// The word of `key` in `lang`, else in English, else the key itself.
fn word(lang: &str, key: &str) -> String {
    [lang, "en"]
        .iter()
        .find_map(|l| WORDS.get(l).and_then(|w| w.get(key)))
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

/// The catalogue language of BCP 47 `tag` ("fr-CI" is French, "fil" Filipino).
fn language(tag: &str) -> String {
    let primary = tag.split(['-', '_']).next().unwrap_or("").to_lowercase();
    if primary == "fil" {
        "tl".into()
    } else {
        primary
    }
}

/// The title of a placeholder of level `level` (`pillar`, `outcome`, `output`, `activity`)
/// under a parent titled `parent` ("" when the parent is itself a placeholder, or for a
/// pillar), in the language of `tag`.
pub(crate) fn placeholder_title(tag: &str, level: &str, parent: &str) -> String {
    let lang = language(tag);
    let name = word(&lang, &format!("out.{level}"));
    // "Outcome" reads as a word of the sentence: "(outcome not given in the sheet)".
    let mut chars = name.chars();
    let kind: String = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => name,
    };
    let (key, parent) = if parent.trim().is_empty() {
        ("out.placeholder_top", "")
    } else {
        ("out.placeholder_title", parent)
    };
    word(&lang, key)
        .replace("{kind}", &kind)
        .replace("{parent}", parent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_placeholder_is_titled_in_the_plans_language() {
        assert_eq!(
            placeholder_title("en", "outcome", "Prevention"),
            "Prevention (outcome not given in the sheet)"
        );
        assert_eq!(
            placeholder_title("fr-ML", "output", "Sensibiliser"),
            "Sensibiliser (résultat attendu : ne figure pas dans le tableau)"
        );
        assert_eq!(
            placeholder_title("km", "activity", "ការការពារ"),
            "ការការពារ (សកម្មភាព៖ មិនមានក្នុងតារាង)"
        );
        assert_eq!(
            placeholder_title("th", "pillar", ""),
            "นำเข้า (เสาหลัก: ไม่มีในตาราง)"
        );
        assert_eq!(
            placeholder_title("fil", "pillar", ""),
            placeholder_title("tl", "pillar", "")
        );
        // A language without a catalogue: English.
        assert_eq!(
            placeholder_title("de", "pillar", ""),
            "Imported (pillar not given in the sheet)"
        );
    }
}

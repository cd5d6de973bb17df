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

/// The keys read: the two wordings, the names of the four levels, a lump sum's and the note
/// of an amount spread over several years.
const KEYS: [&str; 8] = [
    "out.placeholder_title",
    "out.spread_note",
    "out.placeholder_top",
    "out.lump_sum_unit",
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

/// What a lump-sum line the import makes for a row without an item is called, in the
/// language of `tag` ("Forfait", "ចំនួនសរុប"): like a placeholder's title, it is the plan's
/// own text, printed in its annex.
pub(crate) fn lump_sum_item(tag: &str) -> String {
    let name = word(&language(tag), "out.lump_sum_unit");
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name,
    }
}

/// The note of a line whose amount, given for several years (a period, or a schedule's
/// marks), was spread evenly over them: the sheet's own figure and years, in the language of
/// `tag`, so that the annex shows the split was made on import, not in the sheet.
pub(crate) fn spread_note(tag: &str, amount: &str, years: &[i32]) -> String {
    let years = super::ranges(years.iter().map(|y| i64::from(*y)));
    word(&language(tag), "out.spread_note")
        .replace("{amount}", amount)
        .replace("{years}", &years)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lump_sum_without_an_item_is_named_in_the_plans_language() {
        assert_eq!(lump_sum_item("fr-CI"), "Forfait");
        assert_eq!(lump_sum_item("en"), "Lump sum");
        assert_eq!(lump_sum_item("km"), "ចំនួនសរុប");
        assert_eq!(
            lump_sum_item("ka"),
            "Lump sum",
            "a language without a catalogue"
        );
    }

    #[test]
    fn a_spread_amount_is_noted_with_the_sheets_figure_and_years() {
        assert_eq!(
            spread_note("fr-SN", "45 000", &[2026, 2027, 2028]),
            "« 45 000 » au tableau pour 2026–2028, réparti également"
        );
        assert_eq!(
            spread_note("en", "900", &[2026, 2026, 2028]),
            "“900” in the sheet for 2026, 2028, spread evenly"
        );
        assert_eq!(
            spread_note("km", "៩០០", &[2026, 2027]),
            "«៩០០» ក្នុងតារាងសម្រាប់ 2026–2027 ចែកស្មើៗគ្នា"
        );
    }

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

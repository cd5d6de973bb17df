//! The exports' own words (headings, labels, notes), read from the product's one label
//! catalogue: `i18n/<language>.json` at the root of the repository, which the interface
//! reads too. The exports' words are its keys under `out.`; the interface's are the rest.
//! Every export language has every `out.` key (a test checks it, with the placeholders);
//! only English and Khmer carry the interface's keys, the interface's two languages.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The language of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Km,
    Fr,
    Th,
    Vi,
    Id,
    Lo,
    My,
    Tl,
}

impl Lang {
    /// Every language the exports are written in.
    pub const ALL: [Lang; 9] = [
        Lang::En,
        Lang::Km,
        Lang::Fr,
        Lang::Th,
        Lang::Vi,
        Lang::Id,
        Lang::Lo,
        Lang::My,
        Lang::Tl,
    ];

    /// The language of the BCP 47 tag `tag`: its primary subtag ("fr" in "fr-CI"), with
    /// Filipino ("fil") read as Tagalog, the language it standardises.
    pub fn parse(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        let primary = if primary == "fil" { "tl" } else { &primary };
        Self::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The BCP 47 code.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Km => "km",
            Self::Fr => "fr",
            Self::Th => "th",
            Self::Vi => "vi",
            Self::Id => "id",
            Self::Lo => "lo",
            Self::My => "my",
            Self::Tl => "tl",
        }
    }

    /// The locale CLDR keeps this language's conventions under (Tagalog's are Filipino's).
    pub fn cldr_locale(self) -> &'static str {
        match self {
            Self::En => "en-GB",
            Self::Tl => "fil",
            other => other.code(),
        }
    }

    /// The position of the language in [`Lang::ALL`].
    fn index(self) -> usize {
        self as usize
    }

    /// True when `plan` holds its text in this language as its second language (in
    /// `LocalText::l2`), so that the export reads that half of every two-language text.
    /// Otherwise the working-language text is used: a French plan's export in French reads
    /// `text`, and so does its English edition, whose headings only are English.
    pub fn reads_l2(self, plan: &nap_core::Plan) -> bool {
        Lang::parse(&plan.meta.working_language) != Some(self)
            && plan.meta.second_language.as_deref().and_then(Lang::parse) == Some(self)
    }
}

/// The catalogue files, in the order of [`Lang::ALL`]. Built into the binary: an export
/// never reads a file at run time.
const CATALOGUES: [&str; 9] = [
    include_str!("../../../i18n/en.json"),
    include_str!("../../../i18n/km.json"),
    include_str!("../../../i18n/fr.json"),
    include_str!("../../../i18n/th.json"),
    include_str!("../../../i18n/vi.json"),
    include_str!("../../../i18n/id.json"),
    include_str!("../../../i18n/lo.json"),
    include_str!("../../../i18n/my.json"),
    include_str!("../../../i18n/tl.json"),
];

/// The prefix of the exports' keys in the catalogue.
const PREFIX: &str = "out.";

/// Each export key (without its prefix) with its text in every language, in the order of
/// [`Lang::ALL`]; a text a catalogue lacks is empty (the tests rule that out).
type Labels = HashMap<String, [String; 9]>;

/// The exports' labels, read from the catalogue once per process.
fn labels() -> &'static Labels {
    static LABELS: OnceLock<Labels> = OnceLock::new();
    LABELS.get_or_init(|| {
        let mut labels = Labels::new();
        for (at, json) in CATALOGUES.iter().enumerate() {
            // A catalogue that does not parse leaves its language empty, which the tests
            // (and every export's "?" for a missing label) make visible at once.
            let entries: HashMap<String, String> = serde_json::from_str(json).unwrap_or_default();
            for (key, text) in entries {
                if let Some(key) = key.strip_prefix(PREFIX) {
                    labels.entry(key.to_string()).or_default()[at] = text;
                }
            }
        }
        labels
    })
}

/// The label `key` in `lang`; "?" if unknown (a bug the tests catch).
pub fn t(lang: Lang, key: &str) -> &'static str {
    match labels().get(key) {
        Some(texts) => texts[lang.index()].as_str(),
        None => "?",
    }
}

/// The name of a row or column of a costing view in `lang`: a record's name in the half of
/// its text the edition reads, and the view's own members (contingency, "no lead agency",
/// "unfunded", "not classified", the total) in the export's words rather than the
/// English-and-Khmer names the costing engine gives them.
pub fn member_name(
    lang: Lang,
    plan: &nap_core::Plan,
    dimension: nap_core::costing::Dimension,
    info: &nap_core::costing::MemberInfo,
) -> String {
    use nap_core::costing::{Dimension, Member};
    let key = match (&info.member, dimension) {
        (Member::Contingency, _) => "contingency",
        (Member::Total, _) => "total",
        (Member::Unassigned, Dimension::Agency) => "no_lead_agency",
        (Member::Unassigned, Dimension::Source | Dimension::SourceType) => "unfunded",
        (Member::Unassigned, Dimension::Marker) => "no_marker",
        (Member::Unassigned, _) => "not_classified",
        _ => return info.label.get(lang.reads_l2(plan)).to_string(),
    };
    t(lang, key).to_string()
}

/// The label with `{name}` placeholders filled in.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut s = t(lang, key).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let mut p: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split('}').next())
            .map(String::from)
            .collect();
        p.sort();
        p
    }

    #[test]
    fn every_label_has_every_language_with_the_same_placeholders() {
        assert!(labels().len() > 200, "{} labels", labels().len());
        for (key, texts) in labels() {
            let english = &texts[Lang::En.index()];
            for lang in Lang::ALL {
                let text = &texts[lang.index()];
                assert!(!text.trim().is_empty(), "out.{key} in {lang:?}");
                assert_eq!(
                    placeholders(english),
                    placeholders(text),
                    "placeholders of out.{key} in {lang:?}"
                );
            }
        }
        assert_eq!(t(Lang::Fr, "summary"), "Synthèse");
        assert_eq!(t(Lang::En, "no such label"), "?");
    }

    /// The percentage of labels written in `lang` that hold a character of `script`.
    fn share_in(lang: Lang, script: impl Fn(char) -> bool) -> usize {
        let written = labels()
            .values()
            .filter(|texts| texts[lang.index()].chars().any(&script))
            .count();
        written * 100 / labels().len()
    }

    #[test]
    fn each_language_is_written_in_its_own_script() {
        let between = |a: char, b: char| move |c: char| (a..=b).contains(&c);
        assert!(share_in(Lang::Km, between('\u{1780}', '\u{17FF}')) > 80);
        assert!(share_in(Lang::Th, between('\u{0E00}', '\u{0E7F}')) > 80);
        assert!(share_in(Lang::Lo, between('\u{0E80}', '\u{0EFF}')) > 80);
        assert!(share_in(Lang::My, between('\u{1000}', '\u{109F}')) > 80);
        // Vietnamese is written with its tone marks; most labels carry one.
        let vietnamese = |c: char| "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđơưă".contains(c);
        assert!(share_in(Lang::Vi, vietnamese) > 60);
        // Latin-script languages: most labels differ from the English.
        for lang in [Lang::Fr, Lang::Id, Lang::Tl] {
            let translated = labels()
                .values()
                .filter(|texts| texts[lang.index()] != texts[Lang::En.index()])
                .count();
            assert!(
                translated * 10 > labels().len() * 7,
                "{lang:?}: {translated}"
            );
        }
    }

    #[test]
    fn a_tag_names_its_language_by_its_primary_subtag() {
        assert_eq!(Lang::parse("fr-CI"), Some(Lang::Fr));
        assert_eq!(Lang::parse("FIL"), Some(Lang::Tl));
        assert_eq!(Lang::parse("tl"), Some(Lang::Tl));
        assert_eq!(Lang::parse("lo"), Some(Lang::Lo));
        assert_eq!(Lang::parse("de"), None);
        assert_eq!(Lang::parse(""), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
            assert_eq!(Lang::ALL[lang.index()], lang);
        }
    }
}

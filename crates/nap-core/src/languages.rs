//! The languages a plan can be written in: its working language and an optional second
//! language, each a BCP 47 tag ("fr", "km", "th", or with a region, "fr-CI"). The list holds
//! the languages of ASEAN and of the countries whose plans were brought in so far, with
//! their names in English and in the language itself, for pickers and messages.

use serde::Serialize;
use ts_rs::TS;

/// A language a plan can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Language {
    /// The BCP 47 primary language subtag ("km").
    pub code: &'static str,
    /// Its name in English ("Khmer").
    pub english: &'static str,
    /// Its name in itself ("ខ្មែរ").
    pub native: &'static str,
}

const fn lang(code: &'static str, english: &'static str, native: &'static str) -> Language {
    Language {
        code,
        english,
        native,
    }
}

/// Every language a plan can be written in, by English name.
pub const LANGUAGES: &[Language] = &[
    lang("ar", "Arabic", "العربية"),
    lang("bn", "Bengali", "বাংলা"),
    lang("my", "Burmese", "မြန်မာ"),
    lang("zh", "Chinese", "中文"),
    lang("en", "English", "English"),
    lang("fil", "Filipino", "Filipino"),
    lang("fr", "French", "Français"),
    lang("ka", "Georgian", "ქართული"),
    lang("id", "Indonesian", "Bahasa Indonesia"),
    lang("km", "Khmer", "ខ្មែរ"),
    lang("lo", "Lao", "ລາວ"),
    lang("ms", "Malay", "Bahasa Melayu"),
    lang("ne", "Nepali", "नेपाली"),
    lang("pt", "Portuguese", "Português"),
    lang("ru", "Russian", "Русский"),
    lang("es", "Spanish", "Español"),
    lang("sw", "Swahili", "Kiswahili"),
    lang("tl", "Tagalog", "Tagalog"),
    lang("tet", "Tetum", "Tetun"),
    lang("th", "Thai", "ไทย"),
    lang("uk", "Ukrainian", "Українська"),
    lang("vi", "Vietnamese", "Tiếng Việt"),
];

/// The language of the BCP 47 tag `tag` ("fr", "fr-CI", "FR"): its primary subtag must be in
/// [`LANGUAGES`] and a region, if any, two letters or three digits.
pub fn language(tag: &str) -> Option<&'static Language> {
    let mut parts = tag.trim().split('-');
    let primary = parts.next()?.to_ascii_lowercase();
    let region_ok = match (parts.next(), parts.next()) {
        (None, _) => true,
        (Some(r), None) => {
            (r.len() == 2 && r.chars().all(|c| c.is_ascii_alphabetic()))
                || (r.len() == 3 && r.chars().all(|c| c.is_ascii_digit()))
        }
        _ => false,
    };
    if !region_ok {
        return None;
    }
    LANGUAGES.iter().find(|l| l.code == primary)
}

/// `tag` written as BCP 47 writes it: the language in lower case, the region in capitals
/// ("fr-CI"); `None` when it is not a language of [`LANGUAGES`].
pub fn normalised(tag: &str) -> Option<String> {
    let l = language(tag)?;
    Some(match tag.trim().split_once('-') {
        Some((_, region)) => format!("{}-{}", l.code, region.to_ascii_uppercase()),
        None => l.code.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_checked_and_written_as_bcp_47_writes_them() {
        assert_eq!(language("km").map(|l| l.english), Some("Khmer"));
        assert_eq!(normalised("FR-ci").as_deref(), Some("fr-CI"));
        assert_eq!(normalised("th").as_deref(), Some("th"));
        assert_eq!(normalised("es-419").as_deref(), Some("es-419"));
        assert_eq!(normalised("xx"), None);
        assert_eq!(normalised("fr-CI-x"), None);
        assert_eq!(normalised(""), None);
    }

    fn new_plan(language: Option<&str>, second: Option<&str>) -> crate::Plan {
        let spec = crate::sample::NewPlan {
            title: "Plan".into(),
            country: "TH".into(),
            start_year: 2027,
            end_year: 2031,
            currency: "THB".into(),
            language: language.map(str::to_string),
            second_language: second.map(str::to_string),
        };
        crate::sample::new_plan(
            &spec,
            &crate::Timestamp::from_unix_millis(0),
            "t",
            crate::Id::new_v4,
        )
    }

    #[test]
    fn standard_titles_come_in_the_working_and_second_languages_where_the_product_has_them() {
        let thai = new_plan(Some("th"), Some("en"));
        assert_eq!(thai.pillars[0].title.text, "การมีส่วนร่วม");
        assert_eq!(thai.pillars[0].title.l2.as_deref(), Some("Participation"));
        assert_eq!(
            thai.narrative[3].title.l2.as_deref(),
            Some("Theory of change")
        );
        // The first users' default: English with Khmer alongside, sections included.
        let default = new_plan(None, None);
        assert_eq!(default.pillars[2].title.text, "Protection");
        assert_eq!(default.pillars[2].title.l2.as_deref(), Some("ការការពារ"));
        assert!(default.narrative.iter().all(|s| s.title.l2.is_some()));
        // Georgian has no standard titles: English text, and an empty second-language
        // slot in an English plan with Georgian alongside (it asks for a translation).
        let georgian = new_plan(Some("ka"), None);
        assert_eq!(georgian.pillars[1].title.text, "Prevention");
        let english_georgian = new_plan(Some("en"), Some("ka"));
        assert!(english_georgian
            .pillars
            .iter()
            .all(|p| p.title.l2.is_none()));
        for plan in [thai, default, georgian, english_georgian] {
            assert_eq!(crate::validate(&plan), vec![]);
        }
    }

    #[test]
    fn a_french_plan_has_no_second_language_and_its_pillars_no_khmer() {
        let spec = crate::sample::NewPlan {
            title: "PAN".into(),
            country: "ML".into(),
            start_year: 2027,
            end_year: 2031,
            currency: "XOF".into(),
            language: Some("fr".into()),
            second_language: None,
        };
        let plan = crate::sample::new_plan(
            &spec,
            &crate::Timestamp::from_unix_millis(0),
            "t",
            crate::Id::new_v4,
        );
        assert_eq!(plan.meta.working_language, "fr");
        assert_eq!(plan.meta.second_language, None);
        assert!(plan.pillars.iter().all(|p| p.title.l2.is_none()));
        // Its standard titles are French, not English awaiting translation.
        let pillars: Vec<&str> = plan.pillars.iter().map(|p| p.title.text.as_str()).collect();
        assert_eq!(pillars[1], "Prévention");
        assert_eq!(pillars[3], "Secours et relèvement");
        assert_eq!(
            plan.narrative[0].title.text,
            "Contexte et analyse de la situation"
        );
        assert!(plan.narrative.iter().all(|s| s.title.l2.is_none()));
        assert_eq!(crate::validate(&plan), vec![]);
        let mut bad = plan.clone();
        bad.meta.second_language = Some("fr".into());
        assert!(
            !crate::validate(&bad).is_empty(),
            "the second language is not the first"
        );
        bad.meta.second_language = Some("zz".into());
        assert!(!crate::validate(&bad).is_empty());
    }

    #[test]
    fn the_settings_change_the_languages_and_refuse_unknown_or_equal_ones() {
        use crate::costing::settings::{set_plan_setting, PlanSettingField};
        let plan = crate::sample::sample_plan();
        let mut meta = plan.meta.clone();
        set_plan_setting(&plan, &mut meta, PlanSettingField::WorkingLanguage, "fr").unwrap();
        set_plan_setting(&plan, &mut meta, PlanSettingField::SecondLanguage, "").unwrap();
        assert_eq!(
            (
                meta.working_language.as_str(),
                meta.second_language.as_deref()
            ),
            ("fr", None)
        );
        let err =
            set_plan_setting(&plan, &mut meta, PlanSettingField::SecondLanguage, "FR").unwrap_err();
        assert_eq!(err.problem, crate::edit::Problem::AlreadyThere);
        let err = set_plan_setting(&plan, &mut meta, PlanSettingField::WorkingLanguage, "zz")
            .unwrap_err();
        assert_eq!(err.problem, crate::edit::Problem::UnknownChoice);
        assert_eq!(
            meta.working_language, "fr",
            "a refused value changes nothing"
        );
    }

    #[test]
    fn the_list_is_sorted_by_english_name_and_codes_are_unique() {
        let names: Vec<&str> = LANGUAGES.iter().map(|l| l.english).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
        let mut codes: Vec<&str> = LANGUAGES.iter().map(|l| l.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), LANGUAGES.len());
    }
}

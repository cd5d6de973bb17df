//! Text written by users, held in the plan's working language and optionally a second one.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Text in the plan's working language (`text`) and, optionally, its second language (`l2`).
///
/// Which languages these are is a property of the plan (`PlanMeta::working_language` and
/// `PlanMeta::second_language`), not of each field, so that a plan drafted in English with
/// Khmer alongside reads the same everywhere. `l2` is `None` when no translation exists yet;
/// readers fall back to `text` per field (see [`LocalText::get`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
#[ts(export)]
pub struct LocalText {
    /// The text in the plan's working language.
    pub text: String,
    /// The text in the plan's second language, if it has been written.
    #[serde(default)]
    pub l2: Option<String>,
    /// True when `text` was changed after `l2` was written and `l2` was not changed with
    /// it: the translation may say what the text no longer says. Set by
    /// [`flag_outdated_translations`] on every edit, cleared when `l2` is edited; the review
    /// lists these texts. Absent from the file format when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub l2_outdated: bool,
}

impl LocalText {
    /// Text in the working language only.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            l2: None,
            l2_outdated: false,
        }
    }

    /// Text in both languages.
    pub fn both(text: impl Into<String>, l2: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            l2: Some(l2.into()),
            l2_outdated: false,
        }
    }

    /// The text to show in the chosen language: the second language when asked for and
    /// present (and not blank), otherwise the working language.
    pub fn get(&self, second_language: bool) -> &str {
        match (&self.l2, second_language) {
            (Some(l2), true) if !l2.trim().is_empty() => l2,
            _ => &self.text,
        }
    }

    /// True when the working-language text is blank.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Marks, in `after` (a record as an edit leaves it, `before` as it was), every two-language
/// text whose working-language text changed while its second-language text, already
/// written, did not: that translation may now be out of date. A text whose second language
/// was edited is marked current again. Both are a record of the same kind; the walk is over
/// their serde form, so that every `LocalText` field of every record kind is covered
/// without a list to keep up to date.
pub fn flag_outdated_translations<T: Serialize + serde::de::DeserializeOwned>(
    before: &T,
    after: &mut T,
) {
    use serde_json::Value;
    let (Ok(Value::Object(b)), Ok(Value::Object(mut a))) =
        (serde_json::to_value(before), serde_json::to_value(&*after))
    else {
        return;
    };
    // Two-language texts are fields of a record (never nested deeper), as the store keeps
    // them: one column and its `_l2` and `_l2_outdated` beside it.
    let mut changed = false;
    for (name, value) in a.iter_mut() {
        let is_local_text = value.get("text").is_some() && value.get("l2").is_some();
        let Some(old) = b.get(name).filter(|_| is_local_text) else {
            continue;
        };
        let (Ok(old), Ok(mut new)) = (LocalText::deserialize(old), LocalText::deserialize(&*value))
        else {
            continue;
        };
        if new.follow(&old) {
            if let Ok(v) = serde_json::to_value(&new) {
                *value = v;
                changed = true;
            }
        }
    }
    if changed {
        if let Ok(marked) = serde_json::from_value(Value::Object(a)) {
            *after = marked;
        }
    }
}

impl LocalText {
    /// Updates [`LocalText::l2_outdated`] for this text as an edit leaves it, `before` being
    /// the text as it was: set when only the working-language text changed while a
    /// translation was written, cleared when the translation changed. Returns whether the
    /// flag changed.
    fn follow(&mut self, before: &LocalText) -> bool {
        let translated = self.l2.as_deref().is_some_and(|t| !t.trim().is_empty());
        let now = if self.l2 != before.l2 {
            false
        } else if self.text != before.text && translated {
            true
        } else {
            self.l2_outdated
        };
        std::mem::replace(&mut self.l2_outdated, now) != now
    }
}

/// How many characters of a value a message repeats.
pub const QUOTED_CHARS: usize = 60;

/// `text` as a message quotes it: whole when short, otherwise its first [`QUOTED_CHARS`]
/// characters and how long it was, so that a 1 MB value never fills a message.
pub fn quoted(text: &str) -> std::borrow::Cow<'_, str> {
    let total = text.chars().count();
    if total <= QUOTED_CHARS {
        return text.into();
    }
    let head: String = text.chars().take(QUOTED_CHARS).collect();
    format!("{head}… ({total} characters)").into()
}

/// The most characters of a message made from text NAP Studio does not control (a parser's
/// message, a list of problems) that an error repeats.
pub const MESSAGE_CHARS: usize = 600;

/// `message` with every run of more than [`QUOTED_CHARS`] characters without a space cut as
/// [`quoted`] cuts a value, and the whole cut to [`MESSAGE_CHARS`]: for messages that embed
/// values from a file (a parser's "invalid type: string \"…\""), where the value cannot be
/// quoted on its own.
pub fn cut_long(message: &str) -> std::borrow::Cow<'_, str> {
    let long_run = message
        .split(char::is_whitespace)
        .any(|w| w.chars().nth(QUOTED_CHARS).is_some());
    if !long_run && message.chars().nth(MESSAGE_CHARS).is_none() {
        return message.into();
    }
    let mut out = String::new();
    let mut shown = 0;
    for (i, word) in message.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let word = quoted(word);
        let len = word.chars().count();
        if shown + len > MESSAGE_CHARS {
            out.push('…');
            break;
        }
        shown += len + 1;
        out.push_str(&word);
    }
    out.into()
}

/// How many items of a list a message shows ([`listed`]); the rest are counted.
pub const LISTED_ITEMS: usize = 20;

/// The first [`LISTED_ITEMS`] of `items`, one per indented line, and "(and N more)": the
/// refused rows of an import, however many, in a message a person reads.
pub fn listed<T: std::fmt::Display>(items: &[T]) -> String {
    let mut lines: Vec<String> = items
        .iter()
        .take(LISTED_ITEMS)
        .map(|i| format!("  {i}"))
        .collect();
    if items.len() > LISTED_ITEMS {
        lines.push(format!("  (and {} more)", items.len() - LISTED_ITEMS));
    }
    lines.join("\n")
}

impl From<&str> for LocalText {
    fn from(text: &str) -> Self {
        Self::new(text)
    }
}

#[cfg(test)]
mod quoting_tests {
    use super::*;

    #[test]
    fn a_message_with_a_long_value_is_cut_and_a_short_one_kept() {
        assert_eq!(
            cut_long("line 3: `12 kits` is not a number"),
            "line 3: `12 kits` is not a number"
        );
        let message = format!(
            "invalid type: string \"{}\", expected a number",
            "x".repeat(200_000)
        );
        let cut = cut_long(&message);
        assert!(cut.chars().count() < 150, "{cut}");
        assert!(cut.starts_with("invalid type: string") && cut.ends_with("expected a number"));
        let many = "word ".repeat(10_000);
        assert!(cut_long(&many).chars().count() <= MESSAGE_CHARS + 1);
    }

    #[test]
    fn a_long_value_is_quoted_by_its_start_and_length() {
        assert_eq!(quoted("12 kits"), "12 kits");
        let long = "ស".repeat(1_000_000);
        let shown = quoted(&long);
        assert!(shown.chars().count() < 100, "{}", shown.len());
        assert!(shown.ends_with("(1000000 characters)"));
        assert!(shown.starts_with(&"ស".repeat(QUOTED_CHARS)));
    }
}

#[cfg(test)]
mod translation_tests {
    use super::*;
    use crate::model::Pillar;

    fn pillar(text: &str, l2: Option<&str>) -> Pillar {
        let mut p = crate::sample::sample_plan().pillars[0].clone();
        p.title = LocalText {
            text: text.into(),
            l2: l2.map(str::to_string),
            l2_outdated: false,
        };
        p
    }

    #[test]
    fn a_translation_is_outdated_when_only_its_source_text_changes() {
        let before = pillar("Participation", Some("ការចូលរួម"));
        // The English title changes, the Khmer one does not: flagged.
        let mut after = before.clone();
        after.title.text = "Participation and leadership".into();
        flag_outdated_translations(&before, &mut after);
        assert!(after.title.l2_outdated);
        assert!(!after.description.l2_outdated, "other texts untouched");
        // Another edit leaves the flag; editing the Khmer text clears it.
        let mut later = after.clone();
        later.code = "1b".into();
        flag_outdated_translations(&after, &mut later);
        assert!(later.title.l2_outdated);
        let mut fixed = later.clone();
        fixed.title.l2 = Some("ការចូលរួម និងភាពជាអ្នកដឹកនាំ".into());
        flag_outdated_translations(&later, &mut fixed);
        assert!(!fixed.title.l2_outdated);
        // Both changed together, or no translation yet: nothing to flag.
        let mut both = before.clone();
        both.title = LocalText::both("New", "ថ្មី");
        flag_outdated_translations(&before, &mut both);
        assert!(!both.title.l2_outdated);
        let untranslated = pillar("Participation", None);
        let mut changed = untranslated.clone();
        changed.title.text = "Other".into();
        flag_outdated_translations(&untranslated, &mut changed);
        assert!(!changed.title.l2_outdated);
    }

    #[test]
    fn the_flag_is_left_out_of_the_file_format_when_false() {
        let json = serde_json::to_string(&LocalText::both("a", "b")).unwrap();
        assert!(!json.contains("l2_outdated"), "{json}");
        let flagged = LocalText {
            l2_outdated: true,
            ..LocalText::both("a", "b")
        };
        let back: LocalText =
            serde_json::from_str(&serde_json::to_string(&flagged).unwrap()).unwrap();
        assert!(back.l2_outdated);
    }
}

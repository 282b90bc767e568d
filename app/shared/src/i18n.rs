//! Every user-visible string comes from the Fluent message files in `app/shared/locales/<lang>/`,
//! looked up here. Uzbek (Latin script) is the default language; English fills any gap. Uzbek in
//! Cyrillic script is the same language in a second script: its strings are the Latin ones
//! transliterated (`script`), never a second set of files that could drift from the first.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

use crate::script::latin_to_cyrillic;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks around arguments would end up inside HTML attributes and URLs.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    /// Uzbek in the Latin script, the official one.
    #[default]
    Uz,
    /// Uzbek in the Cyrillic script, which many older staff learned to read.
    UzCyrl,
    Ru,
    En,
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::Uz, Locale::UzCyrl, Locale::Ru, Locale::En];

    /// The code stored with a person's choice and in the language cookie.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Uz => "uz",
            Locale::UzCyrl => "uz-Cyrl",
            Locale::Ru => "ru",
            Locale::En => "en",
        }
    }

    /// The BCP 47 tag for `<html lang>` and `lang` attributes, naming the script where the
    /// language has two.
    pub fn html_lang(self) -> &'static str {
        match self {
            Locale::Uz => "uz-Latn",
            Locale::UzCyrl => "uz-Cyrl",
            Locale::Ru => "ru",
            Locale::En => "en",
        }
    }

    /// The language the course files and message files are written in for this locale: both
    /// scripts of Uzbek read the Latin ones (progress, attempts and certificates are per
    /// language, so a lesson read in one script is read in the other).
    pub fn content_code(self) -> &'static str {
        match self {
            Locale::UzCyrl => Locale::Uz.code(),
            other => other.code(),
        }
    }

    /// `text`, written in `content_code()`'s language, shown in this locale's script.
    pub fn in_script(self, text: &str) -> String {
        match self {
            Locale::UzCyrl => latin_to_cyrillic(text),
            _ => text.to_owned(),
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|locale| locale.code() == code)
    }

    /// The language's name in itself, as language pickers show it.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Uz => "Oʻzbekcha",
            Locale::UzCyrl => "Ўзбекча",
            Locale::Ru => "Русский",
            Locale::En => "English",
        }
    }

    fn language_identifier(self) -> LanguageIdentifier {
        self.content_code()
            .parse()
            .expect("language codes are valid identifiers")
    }
}

/// The message `key` in `locale`.
pub fn t(locale: Locale, key: &str) -> String {
    locale.in_script(&LOCALES.lookup(&locale.language_identifier(), key))
}

/// The message `key` in `locale`, with named arguments (`{ $count }` in the message).
pub fn t_with(locale: Locale, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
    if locale != Locale::UzCyrl {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
            .collect();
        return LOCALES.lookup_with_args(&locale.language_identifier(), key, &args);
    }
    // Text arguments come in their own script (a person's name as registered, a course title
    // already in Cyrillic, a link, "English"): only the message around them is transliterated.
    // Each is held out behind a private-use marker the transliterator passes through; numbers
    // stay, since plural forms are chosen by them.
    let mut held = Vec::new();
    let marked: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| {
            let value = match value {
                FluentValue::String(text) => {
                    held.push(text.to_string());
                    FluentValue::from(held_marker(held.len() - 1))
                }
                other => other.clone(),
            };
            (Cow::Borrowed(*name), value)
        })
        .collect();
    let mut text =
        latin_to_cyrillic(&LOCALES.lookup_with_args(&locale.language_identifier(), key, &marked));
    for (index, value) in held.iter().enumerate() {
        text = text.replace(&held_marker(index), value);
    }
    text
}

fn held_marker(index: usize) -> String {
    format!("\u{E000}{index}\u{E001}")
}

/// Whether `key` exists in `locale` itself (not through the fallback), formatted with `args`;
/// for the completeness test.
pub fn has_message(
    locale: Locale,
    key: &str,
    args: &[(&'static str, FluentValue<'static>)],
) -> bool {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
        .collect();
    LOCALES
        .lookup_no_default_fallback(&locale.language_identifier(), key, Some(&args))
        .is_some()
}

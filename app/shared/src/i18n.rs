//! Every user-visible string comes from the Fluent message files in `app/shared/locales/<lang>/`,
//! looked up here. Uzbek (Latin script) is the default language; English fills any gap.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

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
    #[default]
    Uz,
    Ru,
    En,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::Uz, Locale::Ru, Locale::En];

    pub fn code(self) -> &'static str {
        match self {
            Locale::Uz => "uz",
            Locale::Ru => "ru",
            Locale::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|locale| locale.code() == code)
    }

    /// The language's name in itself, as language pickers show it.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Uz => "Oʻzbekcha",
            Locale::Ru => "Русский",
            Locale::En => "English",
        }
    }

    fn language_identifier(self) -> LanguageIdentifier {
        self.code()
            .parse()
            .expect("language codes are valid identifiers")
    }
}

/// The message `key` in `locale`.
pub fn t(locale: Locale, key: &str) -> String {
    LOCALES.lookup(&locale.language_identifier(), key)
}

/// The message `key` in `locale`, with named arguments (`{ $count }` in the message).
pub fn t_with(locale: Locale, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
        .collect();
    LOCALES.lookup_with_args(&locale.language_identifier(), key, &args)
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

//! The i18n layer as pages use it: the shared message lookup (`malaka_shared::i18n`) plus the
//! locale of the page being rendered, which the app shell provides as a Leptos context.

use leptos::prelude::*;
pub use malaka_shared::i18n::{has_message, t, t_with, Locale};

/// The locale of the page being rendered, provided by the app shell.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// Translate in the current page's locale.
pub fn tr(key: &str) -> String {
    t(use_locale(), key)
}

use std::fmt;
use std::str::FromStr;

/// The languages Malaka's courses are written in. Uzbek is written in Latin script; its
/// Cyrillic script is derived from it, and a trainer may hand-write any file in it instead
/// (`NN-slug.uz-Cyrl.md`, `quiz.uz-Cyrl.md`, `uz-Cyrl:` in course.yaml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Uz,
    Ru,
    En,
    #[serde(rename = "uz-Cyrl")]
    UzCyrl,
}

impl Language {
    /// The languages every course is written in.
    pub const ALL: [Language; 3] = [Language::Uz, Language::Ru, Language::En];

    /// Files that may be given besides: each replaces what would be derived for it.
    pub const OPTIONAL: [Language; 1] = [Language::UzCyrl];

    pub fn code(self) -> &'static str {
        match self {
            Language::Uz => "uz",
            Language::Ru => "ru",
            Language::En => "en",
            Language::UzCyrl => "uz-Cyrl",
        }
    }

    /// Every language a file may be written in.
    pub fn every() -> impl Iterator<Item = Language> {
        Language::ALL.into_iter().chain(Language::OPTIONAL)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = String;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Language::every()
            .find(|language| language.code() == code)
            .ok_or_else(|| format!("unknown language `{code}` (expected uz, uz-Cyrl, ru or en)"))
    }
}

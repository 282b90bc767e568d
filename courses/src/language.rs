use std::fmt;
use std::str::FromStr;

/// The languages Malaka's courses are written in. Uzbek is written in Latin script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Uz,
    Ru,
    En,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Uz, Language::Ru, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::Uz => "uz",
            Language::Ru => "ru",
            Language::En => "en",
        }
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
        Language::ALL
            .into_iter()
            .find(|language| language.code() == code)
            .ok_or_else(|| format!("unknown language `{code}` (expected uz, ru or en)"))
    }
}

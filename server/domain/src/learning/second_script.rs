//! Uzbek in Cyrillic script, added to the cached catalog beside each Uzbek (Latin) text: course
//! texts, lessons and questions are written once, in Latin, and read in either script. A text
//! already given in Cyrillic (a trainer's own) is kept instead. The derived copies carry the
//! same ids, so progress, attempts and answers are one record whichever script was read.

use malaka_shared::i18n::Locale;
use malaka_shared::script::latin_to_cyrillic;

use super::catalog_cache::CachedQuestion;
use crate::entities::{course_text, lesson_text};

const LATIN: Locale = Locale::Uz;
const CYRILLIC: Locale = Locale::UzCyrl;

pub fn add_to_course_texts(texts: &mut Vec<course_text::Model>) {
    if let Some(latin) = derivable(texts, |t| &t.language).cloned() {
        texts.push(course_text::Model {
            language: CYRILLIC.code().to_owned(),
            title: latin_to_cyrillic(&latin.title),
            summary: latin_to_cyrillic(&latin.summary),
            audience: latin_to_cyrillic(&latin.audience),
            ..latin.clone()
        });
    }
}

pub fn add_to_lesson_texts(texts: &mut Vec<lesson_text::Model>) {
    if let Some(latin) = derivable(texts, |t| &t.language).cloned() {
        texts.push(lesson_text::Model {
            language: CYRILLIC.code().to_owned(),
            title: latin_to_cyrillic(&latin.title),
            // Sanitised HTML stays sanitised: only text between tags changes, and tags,
            // attributes, links and code are left as they are.
            html: latin_to_cyrillic(&latin.html),
            ..latin.clone()
        });
    }
}

pub fn add_to_question(variants: &mut Vec<CachedQuestion>) {
    let derived = derivable(variants, |v| &v.language).map(|latin| CachedQuestion {
        language: CYRILLIC.code().to_owned(),
        question: latin.question.with_wording(latin_to_cyrillic),
        prompt_html: latin_to_cyrillic(&latin.prompt_html),
    });
    variants.extend(derived);
}

/// The Latin text to derive from, when there is one and no Cyrillic text yet.
fn derivable<T>(items: &[T], language: impl Fn(&T) -> &String) -> Option<&T> {
    let has = |locale: Locale| items.iter().any(|item| language(item) == locale.code());
    if has(CYRILLIC) {
        return None;
    }
    items.iter().find(|item| language(item) == LATIN.code())
}

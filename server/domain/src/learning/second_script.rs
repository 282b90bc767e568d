//! Uzbek in Cyrillic script, added to the cached catalog beside each Uzbek (Latin) text: course
//! texts, lessons and questions are written once, in Latin, and read in either script. A text
//! already given in Cyrillic (a trainer's own) is kept instead. The derived copies carry the
//! same ids, so progress, attempts and answers are one record whichever script was read.

use malaka_courses::quiz::Question;
use malaka_shared::i18n::Locale;
use malaka_shared::script::latin_to_cyrillic;

use crate::entities::{course_text, lesson_text};

const LATIN: Locale = Locale::Uz;
pub const CYRILLIC: Locale = Locale::UzCyrl;

pub fn add_to_course_texts(texts: &mut Vec<course_text::Model>) {
    // course.yaml may give a Cyrillic title alone: the rest still comes from the Latin text.
    let latin = texts.iter().find(|t| t.language == LATIN.code()).cloned();
    if let (Some(latin), Some(own)) = (
        latin,
        texts.iter_mut().find(|t| t.language == CYRILLIC.code()),
    ) {
        for (field, from) in [
            (&mut own.summary, &latin.summary),
            (&mut own.audience, &latin.audience),
        ] {
            if field.trim().is_empty() {
                *field = latin_to_cyrillic(from);
            }
        }
    }
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

/// A question's Cyrillic variant: the same question with its wording converted, and its
/// rendered prompt.
pub fn question_in_cyrillic(question: &Question, prompt_html: &str) -> (Question, String) {
    (
        question.with_wording(latin_to_cyrillic),
        latin_to_cyrillic(prompt_html),
    )
}

/// The Latin text to derive from, when there is one and no Cyrillic text yet.
pub fn derivable<T>(items: &[T], language: impl Fn(&T) -> &String) -> Option<&T> {
    let has = |locale: Locale| items.iter().any(|item| language(item) == locale.code());
    if has(CYRILLIC) {
        return None;
    }
    items.iter().find(|item| language(item) == LATIN.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(language: &str, title: &str) -> lesson_text::Model {
        lesson_text::Model {
            id: 7,
            lesson_id: 3,
            language: language.into(),
            title: title.into(),
            html: format!("<p>{title}</p>"),
        }
    }

    #[test]
    fn the_latin_text_is_converted_unless_a_trainer_wrote_one() {
        let mut texts = vec![text("en", "Why it matters"), text("uz", "Nega bu muhim")];
        add_to_lesson_texts(&mut texts);
        let derived = texts.iter().find(|t| t.language == "uz-Cyrl").unwrap();
        assert_eq!(derived.title, "Нега бу муҳим");
        assert_eq!(derived.html, "<p>Нега бу муҳим</p>");
        assert_eq!((derived.id, derived.lesson_id), (7, 3));

        let mut own = vec![
            text("uz", "Nega bu muhim"),
            text("uz-Cyrl", "Бу нега муҳим"),
        ];
        add_to_lesson_texts(&mut own);
        let titles: Vec<_> = own.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["Nega bu muhim", "Бу нега муҳим"]);
    }

    #[test]
    fn a_cyrillic_title_alone_gets_the_rest_from_the_latin_text() {
        let course = |language: &str, title: &str, summary: &str| course_text::Model {
            id: 1,
            course_id: 1,
            language: language.into(),
            title: title.into(),
            summary: summary.into(),
            audience: String::new(),
        };
        let mut texts = vec![
            course("uz", "Kiberxavfsizlik", "Parollar va fishing"),
            course("uz-Cyrl", "Киберхавфсизлик курси", ""),
        ];
        add_to_course_texts(&mut texts);
        assert_eq!(texts.len(), 2);
        assert_eq!(texts[1].title, "Киберхавфсизлик курси");
        assert_eq!(texts[1].summary, "Пароллар ва фишинг");
    }
}

//! Questions: the ```question block grammar trainers write (see `courses/README.md`), the final
//! quiz file, cross-language consistency, and grading. Correct answers live only here and in
//! the server; nothing in this module renders them into learner HTML.

mod cues;
mod gift;
mod grading;
mod question;
mod quiz_file;
mod wording;

pub use cues::{bank_warnings, course_warnings};
pub use gift::{import_gift, GiftImport};
pub use grading::{grade, Answer};
pub use question::{parse_question, Choice, PartialNumber, PartialText, Question, QuestionKind};
pub use quiz_file::{parse_quiz_file, FinalQuiz, QuizSettings, ReviewPolicy};

use crate::{Language, Problem};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// Checks that translations ask the same questions: same ids, types, number of options and the
/// same options marked correct. Reports at the translation's line.
pub fn check_translations(
    source: &[Question],
    translation: &[Question],
    translation_file: &Path,
    problems: &mut Vec<Problem>,
) {
    let by_id: HashMap<&str, &Question> = source.iter().map(|q| (q.id.as_str(), q)).collect();
    for question in translation {
        match by_id.get(question.id.as_str()) {
            None => problems.push(Problem::new(translation_file, question.line, 1, format!("question `{}` is not in the source language file", question.id))),
            Some(original) if original.kind.answer_shape() != question.kind.answer_shape() => problems.push(Problem::new(
                translation_file,
                question.line,
                1,
                format!("question `{}` must have the same type, options and correct answers as in the source language", question.id),
            )),
            Some(_) => {}
        }
    }
    let translated: Vec<&str> = translation.iter().map(|q| q.id.as_str()).collect();
    for question in source {
        if !translated.contains(&question.id.as_str()) {
            problems.push(Problem::whole_file(
                translation_file,
                format!(
                    "question `{}` is missing from this translation",
                    question.id
                ),
            ));
        }
    }
}

/// Ids must be unique across a course (lessons and final quiz), per language file set.
pub fn check_unique_ids<'a>(
    questions: impl IntoIterator<Item = (&'a Path, &'a Question)>,
    problems: &mut Vec<Problem>,
) {
    let mut seen: BTreeMap<&str, (&Path, usize)> = BTreeMap::new();
    for (file, question) in questions {
        if let Some((first_file, first_line)) = seen.insert(&question.id, (file, question.line)) {
            problems.push(Problem::new(
                file,
                question.line,
                1,
                format!(
                    "question id `{}` is already used at {}:{first_line}",
                    question.id,
                    first_file.display()
                ),
            ));
        }
    }
}

pub type QuestionsByLanguage = BTreeMap<Language, Vec<Question>>;

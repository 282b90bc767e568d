//! Answer cues: patterns across a question bank that let a learner score without knowing the
//! material ("pick the longest option", "answer false", "always tick *all of the above*").
//! Each finding is a warning located at a question, like any other problem, so a trainer sees
//! it in their own bank (and in a GIFT import) and can fix the questions it names.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Question, QuestionKind};
use crate::catalog::Course;
use crate::Problem;

/// Below this many items of a kind a share says nothing: three items, two of them "false",
/// is not a habit.
const MIN_ITEMS: usize = 5;
/// The right option may be the longest (or the shortest) of its question this often; by
/// chance, with four options, it is about a quarter of the time.
const MAX_LENGTH_SHARE: f64 = 0.4;
/// True-false answers may lean one way this far.
const MAX_POLARITY_SHARE: f64 = 0.65;

/// A bank: questions with the file each is written in.
pub type Bank<'a> = [(&'a Path, &'a Question)];

/// The cue warnings of one bank.
pub fn bank_warnings(bank: &Bank) -> Vec<Problem> {
    let mut warnings = Vec::new();
    length_cues(bank, &mut warnings);
    polarity_cue(bank, &mut warnings);
    always_right_options(bank, &mut warnings);
    warnings
}

/// The cue warnings of a course: its final-quiz pool and its knowledge checks, each language
/// a bank of its own (a translation can lengthen the right options on its own).
pub fn course_warnings(course: &Course) -> Vec<Problem> {
    let mut warnings = Vec::new();
    if let Some(quiz) = &course.final_quiz {
        for (language, questions) in &quiz.pool {
            let file = if *language == course.meta.source_language {
                course.dir.join("quiz.md")
            } else {
                course.dir.join(format!("quiz.{language}.md"))
            };
            let bank: Vec<(&Path, &Question)> =
                questions.iter().map(|q| (file.as_path(), q)).collect();
            warnings.extend(bank_warnings(&bank));
        }
    }
    let mut checks: BTreeMap<_, Vec<(&Path, &Question)>> = BTreeMap::new();
    for lesson in &course.lessons {
        for (language, text) in &lesson.texts {
            let bank = checks.entry(*language).or_default();
            bank.extend(text.questions.iter().map(|q| (text.source.as_path(), q)));
        }
    }
    for bank in checks.values() {
        warnings.extend(bank_warnings(bank));
    }
    warnings
}

fn length_cues(bank: &Bank, warnings: &mut Vec<Problem>) {
    // (file, question, the right option is strictly the longest, strictly the shortest)
    let singles: Vec<(&Path, &Question, bool, bool)> = bank
        .iter()
        .filter_map(|(file, question)| match &question.kind {
            QuestionKind::Single { options } if options.len() >= 3 => {
                let right = options.iter().position(|o| o.correct)?;
                let length = |i: usize| options[i].text.chars().count();
                let mut others = (0..options.len()).filter(|&i| i != right);
                let longest = others.clone().all(|i| length(i) < length(right));
                let shortest = others.all(|i| length(i) > length(right));
                Some((*file, *question, longest, shortest))
            }
            _ => None,
        })
        .collect();
    if singles.len() < MIN_ITEMS {
        return;
    }
    for which in ["longest", "shortest"] {
        let found: Vec<_> = singles
            .iter()
            .filter(|(_, _, longest, shortest)| {
                if which == "longest" {
                    *longest
                } else {
                    *shortest
                }
            })
            .collect();
        if share(found.len(), singles.len()) > MAX_LENGTH_SHARE {
            let (file, first, _, _) = found[0];
            warnings.push(Problem::new(
                file,
                first.line,
                1,
                format!(
                    "warning: the right option is the {which} in {} of {} single-choice questions \
                     (at most {:.0} % carries no hint): {}",
                    found.len(),
                    singles.len(),
                    MAX_LENGTH_SHARE * 100.0,
                    ids(found.iter().map(|(_, q, _, _)| *q)),
                ),
            ));
        }
    }
}

fn polarity_cue(bank: &Bank, warnings: &mut Vec<Problem>) {
    let statements: Vec<(&Path, &Question, bool)> = bank
        .iter()
        .filter_map(|(file, question)| match question.kind {
            QuestionKind::TrueFalse { answer } => Some((*file, *question, answer)),
            _ => None,
        })
        .collect();
    if statements.len() < MIN_ITEMS {
        return;
    }
    for (polarity, name) in [(true, "true"), (false, "false")] {
        let leaning: Vec<_> = statements
            .iter()
            .filter(|(_, _, a)| *a == polarity)
            .collect();
        if share(leaning.len(), statements.len()) > MAX_POLARITY_SHARE {
            let (file, first, _) = leaning[0];
            warnings.push(Problem::new(
                file,
                first.line,
                1,
                format!(
                    "warning: {} of {} true-false statements are {name} (at most {:.0} % one \
                     way), so answering \"{name}\" passes them: {}",
                    leaning.len(),
                    statements.len(),
                    MAX_POLARITY_SHARE * 100.0,
                    ids(leaning.iter().map(|(_, q, _)| *q)),
                ),
            ));
        }
    }
}

/// An option text that is right wherever it appears ("All of the above") is a key in itself.
fn always_right_options(bank: &Bank, warnings: &mut Vec<Problem>) {
    let mut seen: BTreeMap<String, Vec<(&Path, &Question, bool)>> = BTreeMap::new();
    for (file, question) in bank {
        if let QuestionKind::Single { options } | QuestionKind::Multiple { options } =
            &question.kind
        {
            for option in options {
                let text = option.text.trim().to_lowercase();
                seen.entry(text)
                    .or_default()
                    .push((*file, *question, option.correct));
            }
        }
    }
    for (text, uses) in seen {
        if uses.len() >= 2 && uses.iter().all(|(_, _, correct)| *correct) {
            let (file, first, _) = uses[0];
            warnings.push(Problem::new(
                file,
                first.line,
                1,
                format!(
                    "warning: the option \"{text}\" is right in all {} questions it appears in, \
                     so it gives the answer away: {}",
                    uses.len(),
                    ids(uses.iter().map(|(_, q, _)| *q)),
                ),
            ));
        }
    }
}

fn share(part: usize, whole: usize) -> f64 {
    part as f64 / whole as f64
}

fn ids<'a>(questions: impl Iterator<Item = &'a Question>) -> String {
    questions
        .map(|q| format!("`{}`", q.id))
        .collect::<Vec<_>>()
        .join(", ")
}

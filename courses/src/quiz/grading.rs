//! Grading, on the server only. Every score is between 0 and the question's points.

use super::{Question, QuestionKind};

/// A learner's answer. Indexes refer to the options as written in the file (the server maps
/// shuffled positions back before grading).
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Single, multiple: the chosen options.
    Choices(Vec<usize>),
    TrueFalse(bool),
    Text(String),
    Number(f64),
    /// Matching: for each left side, in file order, the index of the right side chosen.
    Matches(Vec<usize>),
    /// Ordering: the items' file indexes in the order the learner put them.
    Order(Vec<usize>),
}

/// The score for `answer`, from 0 to `question.points`. An answer of the wrong shape scores 0.
///
/// Partial credit: an option or answer with a percentage gives that share (a single choice's
/// partly right option, a short or numeric answer's partly right form: the best that matches);
/// multiple choice with percentages adds the chosen options' shares, negative ones included, and
/// without them adds 1/k for each right option chosen and takes 1/k away for each wrong one (k:
/// the number of right options); never below 0 nor above the points. Matching and ordering
/// give an equal share for each pair matched or item in its place.
pub fn grade(question: &Question, answer: &Answer) -> f64 {
    let points = f64::from(question.points);
    let fraction = match (&question.kind, answer) {
        (QuestionKind::Single { options }, Answer::Choices(chosen)) => match chosen.as_slice() {
            [one] => options.get(*one).map_or(0.0, |option| match option.credit {
                Some(credit) => credit,
                None => f64::from(u8::from(option.correct)),
            }),
            _ => 0.0,
        },
        (QuestionKind::Multiple { options }, Answer::Choices(chosen)) => {
            let mut chosen = chosen.clone();
            chosen.sort_unstable();
            chosen.dedup();
            if options.iter().any(|o| o.credit.is_some()) {
                let shares: f64 = chosen
                    .iter()
                    .map(|&i| options.get(i).and_then(|o| o.credit).unwrap_or(0.0))
                    .sum();
                return shares.clamp(0.0, 1.0) * points;
            }
            let right_total = options.iter().filter(|o| o.correct).count().max(1) as f64;
            let right = chosen
                .iter()
                .filter(|&&i| options.get(i).is_some_and(|o| o.correct))
                .count() as f64;
            let wrong = chosen
                .iter()
                .filter(|&&i| options.get(i).is_none_or(|o| !o.correct))
                .count() as f64;
            ((right - wrong) / right_total).clamp(0.0, 1.0)
        }
        (QuestionKind::TrueFalse { answer: expected }, Answer::TrueFalse(given)) => {
            f64::from(u8::from(expected == given))
        }
        (
            QuestionKind::Short {
                accepted,
                case_sensitive,
                partial,
            },
            Answer::Text(given),
        ) => {
            let given = normalise(given, *case_sensitive);
            let matches = |text: &str| normalise(text, *case_sensitive) == given;
            if accepted.iter().any(|a| matches(a)) {
                1.0
            } else {
                best(
                    partial
                        .iter()
                        .filter(|p| matches(&p.text))
                        .map(|p| p.credit),
                )
            }
        }
        (
            QuestionKind::Numeric {
                answer,
                tolerance,
                partial,
            },
            Answer::Number(given),
        ) => {
            if within(*given, *answer, *tolerance) {
                1.0
            } else {
                best(
                    partial
                        .iter()
                        .filter(|p| within(*given, p.answer, p.tolerance))
                        .map(|p| p.credit),
                )
            }
        }
        (QuestionKind::Matching { pairs }, Answer::Matches(chosen)) => share(
            pairs.len(),
            chosen
                .iter()
                .enumerate()
                .filter(|(left, right)| left == *right)
                .count(),
        ),
        (QuestionKind::Ordering { items }, Answer::Order(order)) => share(
            items.len(),
            order
                .iter()
                .enumerate()
                .filter(|(place, item)| place == *item)
                .count(),
        ),
        _ => 0.0,
    };
    fraction.clamp(0.0, 1.0) * points
}

fn within(given: f64, expected: f64, tolerance: f64) -> bool {
    given.is_finite()
        && (given - expected).abs() <= tolerance + f64::EPSILON * expected.abs().max(1.0)
}

fn best(credits: impl Iterator<Item = f64>) -> f64 {
    credits.fold(0.0, f64::max)
}

fn share(total: usize, right: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        right.min(total) as f64 / total as f64
    }
}

/// Trims, folds runs of white space, and lowercases unless the question is case-sensitive.
fn normalise(text: &str, case_sensitive: bool) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if case_sensitive {
        folded
    } else {
        folded.to_lowercase()
    }
}

//! The ```question block: header lines, a prompt, answer lines by type, feedback lines.

use std::path::Path;

use crate::Problem;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Question {
    pub id: String,
    /// 1-based line of the block's first line (the `id:` line) in its file.
    pub line: usize,
    pub points: u32,
    /// Markdown.
    pub prompt: String,
    pub kind: QuestionKind,
    /// Shown after answering, whatever the answer.
    pub feedback: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Choice {
    pub text: String,
    /// A right option: full credit in a single-choice question, any positive credit in a
    /// multiple-choice one. Review shows these as the right answers.
    pub correct: bool,
    pub feedback: Option<String>,
    /// The share of the points this option is worth when the author gave one (`- [50%] …`),
    /// from -1 to 1; `None` for `[x]` and `[ ]`, which grade by the usual rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<f64>,
}

/// A short answer worth part of the points (`= [75%] Nazereth`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PartialText {
    pub text: String,
    pub credit: f64,
}

/// A numeric answer worth part of the points (`= [50%] 1822 +- 2`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PartialNumber {
    pub answer: f64,
    pub tolerance: f64,
    pub credit: f64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum QuestionKind {
    Single {
        options: Vec<Choice>,
    },
    Multiple {
        options: Vec<Choice>,
    },
    TrueFalse {
        answer: bool,
    },
    Short {
        accepted: Vec<String>,
        case_sensitive: bool,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        partial: Vec<PartialText>,
    },
    Numeric {
        answer: f64,
        tolerance: f64,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        partial: Vec<PartialNumber>,
    },
    Matching {
        pairs: Vec<(String, String)>,
    },
    Ordering {
        items: Vec<String>,
    },
}

impl QuestionKind {
    pub fn type_name(&self) -> &'static str {
        match self {
            QuestionKind::Single { .. } => "single",
            QuestionKind::Multiple { .. } => "multiple",
            QuestionKind::TrueFalse { .. } => "true-false",
            QuestionKind::Short { .. } => "short",
            QuestionKind::Numeric { .. } => "numeric",
            QuestionKind::Matching { .. } => "matching",
            QuestionKind::Ordering { .. } => "ordering",
        }
    }

    /// What must be equal across translations: type, option count, which are correct, numbers.
    pub(crate) fn answer_shape(&self) -> String {
        match self {
            QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
                let marks: Vec<String> = options
                    .iter()
                    .map(|o| match (o.credit, o.correct) {
                        (Some(credit), _) => format!("{credit}"),
                        (None, true) => "x".into(),
                        (None, false) => "-".into(),
                    })
                    .collect();
                format!("{}:{}", self.type_name(), marks.join(","))
            }
            QuestionKind::TrueFalse { answer } => format!("true-false:{answer}"),
            QuestionKind::Short { partial, .. } => {
                let credits: Vec<String> = partial.iter().map(|p| p.credit.to_string()).collect();
                format!("short:{}", credits.join(","))
            }
            QuestionKind::Numeric {
                answer,
                tolerance,
                partial,
            } => {
                let partial: Vec<String> = partial
                    .iter()
                    .map(|p| format!("{}:{}:{}", p.answer, p.tolerance, p.credit))
                    .collect();
                format!("numeric:{answer}:{tolerance}:{}", partial.join(","))
            }
            QuestionKind::Matching { pairs } => format!("matching:{}", pairs.len()),
            QuestionKind::Ordering { items } => format!("ordering:{}", items.len()),
        }
    }
}

const TYPES: [&str; 7] = [
    "single",
    "multiple",
    "true-false",
    "short",
    "numeric",
    "matching",
    "ordering",
];

/// Parses one block. `first_line` is the file line of the block's first line. Every mistake is
/// pushed to `problems` at its own line; `None` when the question is unusable.
pub fn parse_question(
    file: &Path,
    first_line: usize,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Option<Question> {
    let found_before = problems.len();
    macro_rules! report {
        ($offset:expr, $message:expr) => {
            problems.push(Problem::new(file, first_line + $offset, 1, {
                let message: String = $message;
                message
            }))
        };
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut index = 0;
    let (mut id, mut kind_name, mut points, mut case_sensitive) = (None, None, 1, false);
    while let Some(line) = lines.get(index) {
        let Some((key, value)) = line
            .split_once(':')
            .filter(|(key, _)| matches!(*key, "id" | "type" | "points" | "case-sensitive"))
        else {
            break;
        };
        let value = value.trim();
        match key {
            "id" if is_id(value) => id = Some(value.to_owned()),
            "id" => report!(
                index,
                format!("`{value}` is not a valid question id: use letters, digits and hyphens")
            ),
            "type" if TYPES.contains(&value) => kind_name = Some(value),
            "type" => report!(
                index,
                format!(
                    "unknown question type `{value}` (expected one of: {})",
                    TYPES.join(", ")
                )
            ),
            "points" => match value.parse::<u32>() {
                Ok(n) if (1..=100).contains(&n) => points = n,
                _ => report!(
                    index,
                    "`points` must be a whole number from 1 to 100".into()
                ),
            },
            _ => case_sensitive = matches!(value, "yes" | "true"),
        }
        index += 1;
    }
    if id.is_none() && problems.len() == found_before {
        report!(0, "a question needs an `id:` line first".into());
    }
    if kind_name.is_none() && problems.len() == found_before {
        report!(0, "a question needs a `type:` line (single, multiple, true-false, short, numeric, matching or ordering)".into());
    }
    let kind_name = kind_name?;

    let starts_answers = |line: &str| match kind_name {
        "single" | "multiple" | "matching" => line.starts_with("- "),
        "ordering" => ordered_item(line).is_some(),
        "short" | "numeric" => line.starts_with("= "),
        _ => line.starts_with("answer:"),
    };
    let prompt_start = index;
    while index < lines.len() && !starts_answers(lines[index]) && !lines[index].starts_with("> ") {
        index += 1;
    }
    let prompt = lines[prompt_start..index].join("\n").trim().to_owned();
    if prompt.is_empty() {
        report!(
            prompt_start,
            "the question has no text: write the question after the `type:` line".into()
        );
    }

    let mut options: Vec<(usize, Choice)> = Vec::new();
    let mut texts: Vec<(usize, String)> = Vec::new();
    let mut truth = None;
    let mut feedback = Vec::new();
    for (offset, line) in lines.iter().enumerate().skip(index) {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(text) = line.strip_prefix("  > ") {
            match options.last_mut() {
                Some((_, choice)) => choice.feedback = Some(text.trim().to_owned()),
                None => report!(
                    offset,
                    "option feedback (`  > …`) must come right under an option".into()
                ),
            }
        } else if let Some(text) = line.strip_prefix("> ") {
            feedback.push(text.trim().to_owned());
        } else if !feedback.is_empty() {
            report!(
                offset,
                "nothing may follow the general feedback (`> …`) in a question".into()
            );
        } else {
            match kind_name {
                "single" | "multiple" => match parse_choice(line) {
                    Ok(choice) => options.push((offset, choice)),
                    Err(message) => report!(offset, message),
                },
                "matching" | "ordering" | "short" | "numeric" => {
                    let text = if kind_name == "ordering" {
                        ordered_item(line)
                    } else {
                        line.strip_prefix(if kind_name == "matching" { "- " } else { "= " })
                    };
                    match text {
                        Some(text) if !text.trim().is_empty() => {
                            texts.push((offset, text.trim().to_owned()))
                        }
                        _ => report!(offset, format!("unexpected line in a {kind_name} question")),
                    }
                }
                _ => match line.strip_prefix("answer:").map(str::trim) {
                    Some("true") => truth = Some(true),
                    Some("false") => truth = Some(false),
                    _ => report!(
                        offset,
                        "a true-false question has one line `answer: true` or `answer: false`"
                            .into()
                    ),
                },
            }
        }
    }
    let end = lines.len().saturating_sub(1);
    if feedback.is_empty() {
        report!(
            end,
            "every question needs general feedback: a last line starting with `> `".into()
        );
    }

    let kind = match kind_name {
        "single" | "multiple" => {
            let correct = options.iter().filter(|(_, o)| o.correct).count();
            let credit_problems = check_credits(kind_name, index, &options);
            if !(2..=8).contains(&options.len()) {
                report!(
                    index,
                    format!(
                        "a {kind_name} question needs 2 to 8 options, found {}",
                        options.len()
                    )
                );
            } else if !credit_problems.is_empty() {
                for (offset, message) in credit_problems {
                    report!(offset, message);
                }
            } else if correct == 0 {
                report!(
                    index,
                    "a multiple-choice question needs at least one correct option (`- [x]`)".into()
                );
            }
            let options = options.into_iter().map(|(_, o)| o).collect();
            if kind_name == "single" {
                QuestionKind::Single { options }
            } else {
                QuestionKind::Multiple { options }
            }
        }
        "true-false" => match truth {
            Some(answer) => QuestionKind::TrueFalse { answer },
            None => {
                report!(
                    index,
                    "a true-false question needs a line `answer: true` or `answer: false`".into()
                );
                QuestionKind::TrueFalse { answer: true }
            }
        },
        "short" => {
            let mut accepted = Vec::new();
            let mut partial = Vec::new();
            for (offset, text) in texts {
                match weighted_answer(&text) {
                    Ok((credit, answer)) if credit >= 1.0 => accepted.push(answer.to_owned()),
                    Ok((credit, answer)) => partial.push(PartialText {
                        text: answer.to_owned(),
                        credit,
                    }),
                    Err(message) => report!(offset, message),
                }
            }
            if accepted.is_empty() {
                report!(
                    index,
                    "a short-answer question needs at least one fully right answer: `= answer`"
                        .into()
                );
            }
            QuestionKind::Short {
                accepted,
                case_sensitive,
                partial,
            }
        }
        "numeric" => {
            let mut full = Vec::new();
            let mut partial = Vec::new();
            let mut unreadable = false;
            for (offset, text) in texts {
                let parsed = weighted_answer(&text).and_then(|(credit, number)| {
                    parse_number(number).map(|n| (credit, n)).ok_or_else(|| {
                        format!("`{number}` is not a number: write `= 42` or `= 42 +- 0.5`")
                    })
                });
                match parsed {
                    Ok((credit, (answer, tolerance))) if credit >= 1.0 => {
                        full.push((answer, tolerance))
                    }
                    Ok((credit, (answer, tolerance))) => partial.push(PartialNumber {
                        answer,
                        tolerance,
                        credit,
                    }),
                    Err(message) => {
                        unreadable = true;
                        report!(offset, message)
                    }
                }
            }
            let (answer, tolerance) = match full.as_slice() {
                [one] => *one,
                _ if unreadable => (0.0, 0.0),
                _ => {
                    report!(
                        index,
                        "a numeric question needs exactly one fully right answer line: `= 42` or \
                         `= 42 +- 0.5` (partly right ones: `= [50%] 42 +- 2`)"
                            .into()
                    );
                    (0.0, 0.0)
                }
            };
            QuestionKind::Numeric {
                answer,
                tolerance,
                partial,
            }
        }
        "matching" => {
            let mut pairs = Vec::new();
            for (offset, text) in texts {
                match text.split_once(" -> ") {
                    Some((left, right)) if !left.trim().is_empty() && !right.trim().is_empty() => {
                        pairs.push((left.trim().to_owned(), right.trim().to_owned()))
                    }
                    _ => report!(
                        offset,
                        "a matching pair is written `- left side -> right side`".into()
                    ),
                }
            }
            if pairs.len() < 3 {
                report!(
                    index,
                    format!(
                        "a matching question needs at least 3 pairs, found {}",
                        pairs.len()
                    )
                );
            }
            QuestionKind::Matching { pairs }
        }
        _ => {
            if texts.len() < 3 {
                report!(
                    index,
                    format!(
                        "an ordering question needs at least 3 items, found {}",
                        texts.len()
                    )
                );
            }
            QuestionKind::Ordering {
                items: texts.into_iter().map(|(_, t)| t).collect(),
            }
        }
    };
    if problems.len() > found_before {
        return None;
    }
    Some(Question {
        id: id?,
        line: first_line,
        points,
        prompt,
        kind,
        feedback: feedback.join(" "),
    })
}

/// `- [x] right`, `- [ ] wrong`, or `- [50%] worth half` (`- [-25%] …` in multiple choice).
fn parse_choice(line: &str) -> Result<Choice, String> {
    const FORM: &str = "an option is written `- [x] right answer`, `- [ ] wrong answer` or `- [50%] partly right answer`";
    let rest = line.strip_prefix("- [").ok_or(FORM)?;
    let (mark, text) = rest.split_once("] ").ok_or(FORM)?;
    let text = text.trim();
    if text.is_empty() {
        return Err(FORM.into());
    }
    let (correct, credit) = match mark {
        "x" | "X" => (true, None),
        " " => (false, None),
        weight => {
            let credit = parse_credit(weight).ok_or(FORM)?;
            (credit > 0.0, Some(credit))
        }
    };
    Ok(Choice {
        text: text.to_owned(),
        correct,
        feedback: None,
        credit,
    })
}

/// `50%` as 0.5; from -100 % to 100 %.
fn parse_credit(text: &str) -> Option<f64> {
    let percent: f64 = text.trim().strip_suffix('%')?.trim().parse().ok()?;
    (percent.is_finite() && (-100.0..=100.0).contains(&percent)).then_some(percent / 100.0)
}

/// An answer line's text and its credit: `[75%] Nazereth` is worth 0.75, a plain line 1.
fn weighted_answer(text: &str) -> Result<(f64, &str), String> {
    let Some(rest) = text.strip_prefix('[') else {
        return Ok((1.0, text));
    };
    let (weight, answer) = rest
        .split_once(']')
        .ok_or("a partly right answer is written `= [50%] answer`")?;
    match parse_credit(weight) {
        Some(credit) if credit > 0.0 => Ok((credit, answer.trim())),
        _ => Err(format!(
            "`[{weight}]`: an answer's share is from 1 % to 100 %; anything not listed scores 0"
        )),
    }
}

/// Checks the options' credits: one full-credit option in single choice, with the others at
/// 0 to 100 %; in multiple choice with weights, every right option weighted and the right
/// ones adding up to 100 % (as Moodle requires), wrong ones from -100 % to 0.
fn check_credits(
    kind_name: &str,
    answers_offset: usize,
    options: &[(usize, Choice)],
) -> Vec<(usize, String)> {
    let mut problems = Vec::new();
    let full = |choice: &Choice| choice.credit.map_or(choice.correct, |c| c >= 1.0);
    if kind_name == "single" {
        let right = options.iter().filter(|(_, o)| full(o)).count();
        if right != 1 {
            problems.push((
                answers_offset,
                format!("a single-choice question needs exactly one correct option (`- [x]`), found {right}"),
            ));
        }
        for (offset, option) in options {
            if option.credit.is_some_and(|c| c < 0.0) {
                problems.push((*offset, "a single-choice option is worth 0 to 100 %; negative credit is for multiple choice".into()));
            }
        }
        return problems;
    }
    if options.iter().all(|(_, o)| o.credit.is_none()) {
        return problems;
    }
    for (offset, option) in options {
        if option.credit.is_none() && option.correct {
            problems.push((
                *offset,
                "in a question with percentages, give each right option its share: `- [50%] …`"
                    .into(),
            ));
        }
    }
    let total: f64 = options
        .iter()
        .filter_map(|(_, o)| o.credit)
        .filter(|c| *c > 0.0)
        .sum();
    if problems.is_empty() && (total - 1.0).abs() > 0.001 {
        problems.push((
            answers_offset,
            format!(
                "the right options' shares add up to {:.4}%, not 100 %",
                total * 100.0
            )
            .replace(".0000%", " %"),
        ));
    }
    problems
}

fn ordered_item(line: &str) -> Option<&str> {
    let (number, rest) = line.split_once(". ")?;
    (!number.is_empty() && number.chars().all(|c| c.is_ascii_digit())).then_some(rest)
}

fn parse_number(text: &str) -> Option<(f64, f64)> {
    let (value, tolerance) = text.split_once("+-").map_or((text, "0"), |(v, t)| (v, t));
    let number = |s: &str| s.trim().parse::<f64>().ok().filter(|n| n.is_finite());
    Some((number(value)?, number(tolerance)?.abs()))
}

fn is_id(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

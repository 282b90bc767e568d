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
    pub correct: bool,
    pub feedback: Option<String>,
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
    },
    Numeric {
        answer: f64,
        tolerance: f64,
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
                let marks: String = options
                    .iter()
                    .map(|o| if o.correct { 'x' } else { '-' })
                    .collect();
                format!("{}:{marks}", self.type_name())
            }
            QuestionKind::TrueFalse { answer } => format!("true-false:{answer}"),
            QuestionKind::Short { .. } => "short".into(),
            QuestionKind::Numeric { answer, tolerance } => format!("numeric:{answer}:{tolerance}"),
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
                    Some(choice) => options.push((offset, choice)),
                    None => report!(
                        offset,
                        "an option is written `- [x] right answer` or `- [ ] wrong answer`".into()
                    ),
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
            if !(2..=8).contains(&options.len()) {
                report!(
                    index,
                    format!(
                        "a {kind_name} question needs 2 to 8 options, found {}",
                        options.len()
                    )
                );
            } else if kind_name == "single" && correct != 1 {
                report!(index, format!("a single-choice question needs exactly one correct option (`- [x]`), found {correct}"));
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
            if texts.is_empty() {
                report!(
                    index,
                    "a short-answer question needs at least one accepted answer: `= answer`".into()
                );
            }
            QuestionKind::Short {
                accepted: texts.into_iter().map(|(_, t)| t).collect(),
                case_sensitive,
            }
        }
        "numeric" => match texts.as_slice() {
            [(offset, text)] => match parse_number(text) {
                Some((answer, tolerance)) => QuestionKind::Numeric { answer, tolerance },
                None => {
                    report!(
                        *offset,
                        format!("`{text}` is not a number: write `= 42` or `= 42 +- 0.5`")
                    );
                    QuestionKind::Numeric {
                        answer: 0.0,
                        tolerance: 0.0,
                    }
                }
            },
            _ => {
                report!(
                    index,
                    "a numeric question needs exactly one answer line: `= 42` or `= 42 +- 0.5`"
                        .into()
                );
                QuestionKind::Numeric {
                    answer: 0.0,
                    tolerance: 0.0,
                }
            }
        },
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

fn parse_choice(line: &str) -> Option<Choice> {
    let (correct, text) = if let Some(text) = line
        .strip_prefix("- [x] ")
        .or_else(|| line.strip_prefix("- [X] "))
    {
        (true, text)
    } else {
        (false, line.strip_prefix("- [ ] ")?)
    };
    let text = text.trim();
    (!text.is_empty()).then(|| Choice {
        text: text.to_owned(),
        correct,
        feedback: None,
    })
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

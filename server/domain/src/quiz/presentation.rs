//! How a question is shown to one learner: its options (or right sides, or items) in a display
//! order fixed for that learner, and form fields that name and value them only by their display
//! position. The course file's indexes never reach the browser: an option's index would tell
//! an author's habit ("the right answer first"), and a matching's or ordering's index *is* the
//! answer. Answers are mapped back to file indexes here before they are stored or graded, so
//! stored answers, grading and item analysis keep working in the file's terms.

use malaka_courses::quiz::{Question, QuestionKind};
use sha2::{Digest, Sha256};
use std::collections::HashMap;

use malaka_shared::quiz::CheckInput;

/// A question with the display order the learner sees it in.
pub struct Presented<'q> {
    question: &'q Question,
    /// `order[position]` is the file index of what is shown at `position`.
    order: Vec<usize>,
}

impl<'q> Presented<'q> {
    /// As drawn for a final-quiz attempt. A draw that no longer fits the question (the trainer
    /// changed its options since) falls back to the learner-independent order of `seed`.
    pub fn drawn(question: &'q Question, order: &[usize], seed: &str) -> Self {
        let count = shown_count(&question.kind);
        let order = if is_permutation(order, count) {
            order.to_vec()
        } else {
            default_order(question, seed)
        };
        Self { question, order }
    }

    /// For a knowledge check: options in the author's order (they are formative and may end on
    /// "all of the above"); right sides and items shuffled per learner, so neither the form nor
    /// a classmate's screenshot gives the pairing away.
    pub fn for_learner(question: &'q Question, user_id: i32) -> Self {
        let order = default_order(question, &format!("{user_id}/{}", question.id));
        Self { question, order }
    }

    /// The form's content, in display order.
    pub fn input(&self) -> CheckInput {
        let shown = |texts: &[String]| -> Vec<String> {
            self.order.iter().map(|&i| texts[i].clone()).collect()
        };
        match &self.question.kind {
            QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
                let texts: Vec<String> = options.iter().map(|o| o.text.clone()).collect();
                CheckInput::Choice {
                    options: shown(&texts),
                    multiple: matches!(self.question.kind, QuestionKind::Multiple { .. }),
                }
            }
            QuestionKind::TrueFalse { .. } => CheckInput::TrueFalse,
            QuestionKind::Short { .. } => CheckInput::Text,
            QuestionKind::Numeric { .. } => CheckInput::Number,
            QuestionKind::Matching { pairs } => {
                let (left, right): (Vec<String>, Vec<String>) = pairs.iter().cloned().unzip();
                CheckInput::Matching {
                    left,
                    right: shown(&right),
                }
            }
            QuestionKind::Ordering { items } => CheckInput::Ordering {
                items: shown(items),
            },
        }
    }

    /// The learner's form (display positions) in the file's terms, ready to store and grade.
    /// Positions that do not exist are dropped, so they read as "not answered".
    pub fn to_file(&self, form: &HashMap<String, String>) -> HashMap<String, String> {
        self.translate(form, |position| self.order.get(position).copied())
    }

    /// A stored answer (file indexes) as the learner's form shows it.
    pub fn to_display(&self, form: &HashMap<String, String>) -> HashMap<String, String> {
        self.translate(form, |index| self.order.iter().position(|&i| i == index))
    }

    fn translate(
        &self,
        form: &HashMap<String, String>,
        map: impl Fn(usize) -> Option<usize>,
    ) -> HashMap<String, String> {
        let mapped_value = |value: &String| {
            value
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(&map)
                .map(|i| i.to_string())
        };
        let mapped_name = |name: &str, prefix: &str| {
            name.strip_prefix(prefix)
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(&map)
                .map(|i| format!("{prefix}{i}"))
        };
        let mut out = HashMap::new();
        for (name, value) in form {
            let entry = match (&self.question.kind, name.as_str()) {
                (QuestionKind::Single { .. }, "choice") => {
                    mapped_value(value).map(|v| (name.clone(), v))
                }
                (QuestionKind::Multiple { .. }, _) if name.starts_with('c') => {
                    mapped_name(name, "c").map(|n| {
                        let index = n[1..].to_owned();
                        (n, index)
                    })
                }
                (QuestionKind::Matching { .. }, _) if name.starts_with('m') => {
                    mapped_value(value).map(|v| (name.clone(), v))
                }
                (QuestionKind::Ordering { .. }, _) if name.starts_with('o') => {
                    mapped_name(name, "o").map(|n| (n, value.clone()))
                }
                _ => Some((name.clone(), value.clone())),
            };
            out.extend(entry);
        }
        out
    }
}

/// A fixed permutation of `count` derived from `seed`: the same on every visit.
pub fn seeded_order(seed: &str, count: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by_key(|i| Sha256::digest(format!("{seed}/{i}").as_bytes()));
    order
}

/// How many things the learner orders or picks from: options, right sides or items.
pub fn shown_count(kind: &QuestionKind) -> usize {
    match kind {
        QuestionKind::Single { options } | QuestionKind::Multiple { options } => options.len(),
        QuestionKind::Matching { pairs } => pairs.len(),
        QuestionKind::Ordering { items } => items.len(),
        _ => 0,
    }
}

fn default_order(question: &Question, seed: &str) -> Vec<usize> {
    let count = shown_count(&question.kind);
    match question.kind {
        QuestionKind::Matching { .. } | QuestionKind::Ordering { .. } => seeded_order(seed, count),
        _ => (0..count).collect(),
    }
}

fn is_permutation(order: &[usize], count: usize) -> bool {
    let mut sorted = order.to_vec();
    sorted.sort_unstable();
    sorted.into_iter().eq(0..count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use malaka_courses::quiz::{grade, parse_question};
    use std::path::Path;

    fn question(text: &str) -> Question {
        parse_question(Path::new("quiz.md"), 1, text, &mut Vec::new()).unwrap()
    }

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn matching() -> Question {
        question(
            "id: m\ntype: matching\nPair them.\n- MyID -> face check\n- E-IMZO -> signature key\n- OneID -> single sign-in\n- my.gov.uz -> the portal\n> f",
        )
    }

    #[test]
    fn the_form_carries_display_positions_and_the_server_maps_them_back() {
        let question = matching();
        let shown = Presented::drawn(&question, &[2, 0, 3, 1], "m");
        let CheckInput::Matching { right, .. } = shown.input() else {
            panic!("a matching form");
        };
        assert_eq!(
            right,
            [
                "single sign-in",
                "face check",
                "the portal",
                "signature key"
            ]
        );
        // The right answer, as a learner who knows it picks it from the list on screen.
        let QuestionKind::Matching { pairs } = &question.kind else {
            unreachable!()
        };
        let answer: HashMap<String, String> = pairs
            .iter()
            .enumerate()
            .map(|(i, (_, r))| {
                let position = right.iter().position(|shown| shown == r).unwrap();
                (format!("m{i}"), position.to_string())
            })
            .collect();
        let stored = shown.to_file(&answer);
        let graded = crate::quiz::knowledge_checks::answer_from_form(&question.kind, &stored)
            .map(|a| grade(&question, &a))
            .unwrap();
        assert_eq!(graded, 1.0);
        assert_eq!(shown.to_display(&stored), answer, "shown again as sent");

        // Values that equal their own field index, right in file order, are wrong here.
        let naive = form(&[("m0", "0"), ("m1", "1"), ("m2", "2"), ("m3", "3")]);
        let naive =
            crate::quiz::knowledge_checks::answer_from_form(&question.kind, &shown.to_file(&naive))
                .unwrap();
        assert_eq!(grade(&question, &naive), 0.0);
    }

    #[test]
    fn ordering_fields_are_named_by_position_and_choices_valued_by_position() {
        let ordering = question("id: o\ntype: ordering\nOrder.\n1. a\n2. b\n3. c\n> f");
        let shown = Presented::drawn(&ordering, &[1, 2, 0], "o");
        assert_eq!(
            shown.input(),
            CheckInput::Ordering {
                items: vec!["b".into(), "c".into(), "a".into()]
            }
        );
        // "b" shown first goes 2nd, "c" 3rd, "a" 1st.
        let stored = shown.to_file(&form(&[("o0", "2"), ("o1", "3"), ("o2", "1")]));
        assert_eq!(stored, form(&[("o1", "2"), ("o2", "3"), ("o0", "1")]));

        let single = question("id: s\ntype: single\nQ?\n- [x] right\n- [ ] w1\n- [ ] w2\n> f");
        let shown = Presented::drawn(&single, &[2, 0, 1], "s");
        assert_eq!(
            shown.to_file(&form(&[("choice", "1")])),
            form(&[("choice", "0")])
        );
        assert_eq!(
            shown.to_file(&form(&[("choice", "7")])),
            HashMap::new(),
            "a position that is not on screen is no answer"
        );
    }

    #[test]
    fn a_stale_draw_falls_back_to_a_valid_order() {
        let question = matching();
        let shown = Presented::drawn(&question, &[0, 0, 1], "m");
        let mut order = shown.order.clone();
        order.sort_unstable();
        assert_eq!(order, vec![0, 1, 2, 3]);
    }

    #[test]
    fn knowledge_checks_are_shuffled_per_learner_and_stable() {
        let question = matching();
        let first = Presented::for_learner(&question, 1).order;
        assert_eq!(first, Presented::for_learner(&question, 1).order);
        let differs = (2..20).any(|user| Presented::for_learner(&question, user).order != first);
        assert!(differs, "learners see different orders");
    }
}

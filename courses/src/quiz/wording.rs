//! A question's wording apart from its structure: a second script of a language (Uzbek in
//! Cyrillic) is the same question with every text the learner reads converted, and the same
//! ids, options, order, credits and right answers.

use super::{Choice, PartialText, Question, QuestionKind};

impl Question {
    /// This question with `convert` applied to everything a learner reads or types: prompt,
    /// feedback, options, accepted short answers, matching pairs and ordering items.
    pub fn with_wording(&self, convert: impl Fn(&str) -> String) -> Question {
        let choices = |options: &[Choice]| {
            options
                .iter()
                .map(|choice| Choice {
                    text: convert(&choice.text),
                    feedback: choice.feedback.as_deref().map(&convert),
                    ..choice.clone()
                })
                .collect()
        };
        let kind = match &self.kind {
            QuestionKind::Single { options } => QuestionKind::Single {
                options: choices(options),
            },
            QuestionKind::Multiple { options } => QuestionKind::Multiple {
                options: choices(options),
            },
            QuestionKind::Short {
                accepted,
                case_sensitive,
                partial,
            } => QuestionKind::Short {
                accepted: accepted.iter().map(|text| convert(text)).collect(),
                case_sensitive: *case_sensitive,
                partial: partial
                    .iter()
                    .map(|part| PartialText {
                        text: convert(&part.text),
                        credit: part.credit,
                    })
                    .collect(),
            },
            QuestionKind::Matching { pairs } => QuestionKind::Matching {
                pairs: pairs
                    .iter()
                    .map(|(left, right)| (convert(left), convert(right)))
                    .collect(),
            },
            QuestionKind::Ordering { items } => QuestionKind::Ordering {
                items: items.iter().map(|item| convert(item)).collect(),
            },
            kind @ (QuestionKind::TrueFalse { .. } | QuestionKind::Numeric { .. }) => kind.clone(),
        };
        Question {
            id: self.id.clone(),
            line: self.line,
            points: self.points,
            prompt: convert(&self.prompt),
            kind,
            feedback: convert(&self.feedback),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_wording_changes() {
        let question = Question {
            id: "q-one".into(),
            line: 3,
            points: 2,
            prompt: "Which?".into(),
            kind: QuestionKind::Single {
                options: vec![
                    Choice {
                        text: "right".into(),
                        correct: true,
                        feedback: Some("yes".into()),
                        credit: None,
                    },
                    Choice {
                        text: "wrong".into(),
                        correct: false,
                        feedback: None,
                        credit: Some(-0.5),
                    },
                ],
            },
            feedback: "because".into(),
        };
        let shouted = question.with_wording(|text| text.to_uppercase());
        assert_eq!(
            (shouted.id.as_str(), shouted.line, shouted.points),
            ("q-one", 3, 2)
        );
        assert_eq!(
            (shouted.prompt.as_str(), shouted.feedback.as_str()),
            ("WHICH?", "BECAUSE")
        );
        let QuestionKind::Single { options } = shouted.kind else {
            panic!("still a single-choice question")
        };
        let summary: Vec<_> = options
            .iter()
            .map(|o| (o.text.as_str(), o.correct, o.feedback.as_deref(), o.credit))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("RIGHT", true, Some("YES"), None),
                ("WRONG", false, None, Some(-0.5))
            ]
        );
    }
}

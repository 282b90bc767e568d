use malaka_courses::quiz::{grade, parse_question, Answer, Question, QuestionKind};
use malaka_courses::Problem;
use std::path::Path;

fn parse(block: &str) -> Result<Question, Vec<String>> {
    let mut problems: Vec<Problem> = Vec::new();
    let question = parse_question(Path::new("quiz.md"), 10, block, &mut problems);
    match question {
        Some(q) if problems.is_empty() => Ok(q),
        _ => Err(problems.iter().map(ToString::to_string).collect()),
    }
}

const SINGLE: &str = "id: q1\ntype: single\nWhich is safest?\n- [ ] Reuse a password\n  > Never.\n- [x] A passphrase\n  > Right.\n> Length beats complexity.";

#[test]
fn a_single_choice_question_parses_with_option_and_general_feedback() {
    let q = parse(SINGLE).unwrap();
    assert_eq!(
        (q.id.as_str(), q.line, q.points, q.prompt.as_str()),
        ("q1", 10, 1, "Which is safest?")
    );
    let QuestionKind::Single { options } = &q.kind else {
        panic!("{:?}", q.kind)
    };
    assert_eq!(options.len(), 2);
    assert!(options[1].correct && !options[0].correct);
    assert_eq!(options[0].feedback.as_deref(), Some("Never."));
    assert_eq!(q.feedback, "Length beats complexity.");
}

#[test]
fn every_type_parses() {
    let cases = [
        ("multiple", "- [x] a\n- [x] b\n- [ ] c"),
        ("true-false", "answer: false"),
        ("short", "= my.gov.uz\n= https://my.gov.uz"),
        ("numeric", "= 26 +- 1"),
        (
            "matching",
            "- PIN -> know\n- token -> have\n- finger -> are",
        ),
        ("ordering", "1. Stop\n2. Report\n3. Keep evidence"),
    ];
    for (kind, answers) in cases {
        let q = parse(&format!(
            "id: q-{kind}\ntype: {kind}\nQuestion?\n{answers}\n> Why."
        ))
        .unwrap_or_else(|e| panic!("{kind}: {e:?}"));
        assert_eq!(q.kind.type_name(), kind);
    }
}

/// One broken block per kind of mistake; each names the file and the exact line.
#[test]
fn mistakes_are_reported_at_their_line() {
    let cases: [(&str, &str); 15] = [
        (
            "type: single\nQ?\n- [x] a\n- [ ] b\n> f",
            "quiz.md:10:1: a question needs an `id:` line first",
        ),
        (
            "id: q1\ntype: essay\nQ?\n> f",
            "quiz.md:11:1: unknown question type `essay`",
        ),
        (
            "id: q1\ntype: single\nQ?\n- [ ] a\n- [ ] b\n> f",
            "quiz.md:13:1: a single-choice question needs exactly one correct option",
        ),
        (
            "id: q1\ntype: multiple\nQ?\n- [ ] a\n- [ ] b\n> f",
            "quiz.md:13:1: a multiple-choice question needs at least one correct option",
        ),
        (
            "id: q1\ntype: single\nQ?\n- [x] a\n- [ ] b",
            "quiz.md:14:1: every question needs general feedback",
        ),
        (
            "id: q1\ntype: matching\nQ?\n- a -> 1\n- b 2\n- c -> 3\n- d -> 4\n> f",
            "quiz.md:14:1: a matching pair is written `- left side -> right side`",
        ),
        (
            "id: q1\ntype: matching\nQ?\n- a -> 1\n- b -> 2\n> f",
            "quiz.md:13:1: a matching question needs at least 3 pairs, found 2",
        ),
        (
            "id: q1\ntype: numeric\nQ?\n= about ten\n> f",
            "quiz.md:13:1: `about ten` is not a number",
        ),
        (
            "id: q1\ntype: single\nQ?\n- [x] a\n* [ ] b\n> f",
            "quiz.md:14:1: an option is written `- [x] right answer`, `- [ ] wrong answer` or `- [50%] partly right answer`",
        ),
        (
            "id: q1\ntype: single\nQ?\n- [x] a\n- [-50%] b\n> f",
            "quiz.md:14:1: a single-choice option is worth 0 to 100 %",
        ),
        (
            "id: q1\ntype: multiple\nQ?\n- [50%] a\n- [25%] b\n- [-50%] c\n> f",
            "quiz.md:13:1: the right options' shares add up to 75 %, not 100 %",
        ),
        (
            "id: q1\ntype: multiple\nQ?\n- [50%] a\n- [x] b\n> f",
            "quiz.md:14:1: in a question with percentages, give each right option its share",
        ),
        (
            "id: q1\ntype: short\nQ?\n= Tashkent\n= [0%] anything\n> f",
            "quiz.md:14:1: `[0%]`: an answer's share is from 1 % to 100 %",
        ),
        (
            "id: q1\ntype: numeric\nQ?\n= [50%] 1822 +- 2\n> f",
            "quiz.md:13:1: a numeric question needs exactly one fully right answer line",
        ),
        (
            "id: q1\ntype: true-false\nQ?\nanswer: maybe\n> f",
            "quiz.md:13:1: a true-false question has one line `answer: true` or `answer: false`",
        ),
    ];
    for (block, expected) in cases {
        let problems = parse(block).expect_err(block);
        assert!(
            problems.iter().any(|p| p.starts_with(expected)),
            "expected `{expected}` in {problems:?}"
        );
    }
}

fn question(kind: &str, answers: &str, points: u32) -> Question {
    parse(&format!(
        "id: q\ntype: {kind}\npoints: {points}\nQ?\n{answers}\n> f"
    ))
    .unwrap()
}

#[test]
fn grading_each_type() {
    let single = question("single", "- [ ] a\n- [x] b\n- [ ] c", 2);
    assert_eq!(grade(&single, &Answer::Choices(vec![1])), 2.0);
    assert_eq!(grade(&single, &Answer::Choices(vec![0])), 0.0);
    assert_eq!(
        grade(&single, &Answer::Choices(vec![1, 0])),
        0.0,
        "two choices in a single-choice question score nothing"
    );

    let multiple = question("multiple", "- [x] a\n- [x] b\n- [ ] c\n- [ ] d", 4);
    assert_eq!(grade(&multiple, &Answer::Choices(vec![0, 1])), 4.0);
    assert_eq!(grade(&multiple, &Answer::Choices(vec![0])), 2.0);
    assert_eq!(grade(&multiple, &Answer::Choices(vec![0, 2])), 0.0);
    assert_eq!(
        grade(&multiple, &Answer::Choices(vec![2, 3])),
        0.0,
        "never below zero"
    );
    assert_eq!(
        grade(&multiple, &Answer::Choices(vec![0, 0, 0])),
        2.0,
        "choosing twice counts once"
    );

    let truth = question("true-false", "answer: true", 1);
    assert_eq!(grade(&truth, &Answer::TrueFalse(true)), 1.0);
    assert_eq!(grade(&truth, &Answer::TrueFalse(false)), 0.0);

    let short = question("short", "= Win + L\n= Windows+L", 1);
    assert_eq!(grade(&short, &Answer::Text("  win   +  l ".into())), 1.0);
    assert_eq!(grade(&short, &Answer::Text("Ctrl+L".into())), 0.0);

    let numeric = question("numeric", "= 26 +- 1", 1);
    assert_eq!(grade(&numeric, &Answer::Number(25.0)), 1.0);
    assert_eq!(grade(&numeric, &Answer::Number(27.5)), 0.0);
    assert_eq!(grade(&numeric, &Answer::Number(f64::NAN)), 0.0);

    let matching = question("matching", "- a -> 1\n- b -> 2\n- c -> 3\n- d -> 4", 4);
    assert_eq!(grade(&matching, &Answer::Matches(vec![0, 1, 3, 2])), 2.0);

    let ordering = question("ordering", "1. x\n2. y\n3. z", 3);
    assert_eq!(grade(&ordering, &Answer::Order(vec![0, 2, 1])), 1.0);
    assert_eq!(
        grade(&ordering, &Answer::TrueFalse(true)),
        0.0,
        "an answer of the wrong shape scores 0"
    );
}

/// Partly right options and answers score their share; in multiple choice with percentages
/// the chosen options' shares add up, negative ones taking credit away, within 0 and the points.
#[test]
fn percentages_give_partial_credit() {
    let single = question(
        "single",
        "- [ ] Jerusalem\n- [25%] Bethlehem\n- [x] Nazareth",
        4,
    );
    assert_eq!(grade(&single, &Answer::Choices(vec![1])), 1.0);
    assert_eq!(grade(&single, &Answer::Choices(vec![2])), 4.0);
    assert_eq!(
        grade(&single, &Answer::Choices(vec![1, 2])),
        0.0,
        "one choice only"
    );
    let multiple = question(
        "multiple",
        "- [-50%] No one\n- [50%] Grant\n- [50%] His wife\n- [-50%] His father",
        2,
    );
    for (chosen, score) in [
        (vec![1, 2], 2.0),
        (vec![1], 1.0),
        (vec![0, 1], 0.0),
        (vec![0], 0.0),
        (vec![0, 1, 2, 3], 0.0),
    ] {
        assert_eq!(
            grade(&multiple, &Answer::Choices(chosen.clone())),
            score,
            "{chosen:?}"
        );
    }
    let short = question("short", "= Nazareth\n= [75%] Nazereth", 4);
    assert_eq!(grade(&short, &Answer::Text("nazereth".into())), 3.0);
    assert_eq!(grade(&short, &Answer::Text("Nazareth".into())), 4.0);
    let numeric = question(
        "numeric",
        "= 1822\n= [50%] 1822 +- 2\n= [25%] 1822 +- 10",
        4,
    );
    for (given, score) in [(1822.0, 4.0), (1823.5, 2.0), (1830.0, 1.0), (1833.0, 0.0)] {
        assert_eq!(grade(&numeric, &Answer::Number(given)), score, "{given}");
    }
}

#[test]
fn short_answers_can_be_case_sensitive() {
    let q = parse("id: q\ntype: short\ncase-sensitive: yes\nFile extension?\n= CSV\n> f").unwrap();
    assert_eq!(grade(&q, &Answer::Text("CSV".into())), 1.0);
    assert_eq!(grade(&q, &Answer::Text("csv".into())), 0.0);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn multiple_choice_scores_stay_within_bounds(correct in proptest::collection::vec(any::<bool>(), 2..8), chosen in proptest::collection::vec(0usize..10, 0..12), points in 1u32..10) {
            prop_assume!(correct.iter().any(|c| *c));
            let options: String = correct.iter().enumerate().map(|(i, c)| format!("- [{}] option {i}\n", if *c { 'x' } else { ' ' })).collect();
            let q = question("multiple", options.trim_end(), points);
            let score = grade(&q, &Answer::Choices(chosen.clone()));
            prop_assert!((0.0..=f64::from(points)).contains(&score), "{score}");
            let all_right: Vec<usize> = correct.iter().enumerate().filter(|(_, c)| **c).map(|(i, _)| i).collect();
            prop_assert_eq!(grade(&q, &Answer::Choices(all_right)), f64::from(points));
        }

        #[test]
        fn matching_and_ordering_scores_stay_within_bounds(answer in proptest::collection::vec(0usize..8, 0..10)) {
            let matching = question("matching", "- a -> 1\n- b -> 2\n- c -> 3\n- d -> 4", 4);
            let ordering = question("ordering", "1. a\n2. b\n3. c\n4. d", 4);
            for score in [grade(&matching, &Answer::Matches(answer.clone())), grade(&ordering, &Answer::Order(answer.clone()))] {
                prop_assert!((0.0..=4.0).contains(&score), "{score}");
            }
        }
    }
}

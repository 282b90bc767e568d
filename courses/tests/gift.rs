//! The GIFT importer on samples of every question type GIFT defines, checked by parsing its
//! output with Malaka's own quiz parser.

use malaka_courses::quiz::{import_gift, parse_quiz_file, QuestionKind};
use std::path::Path;

const SAMPLE: &str = r#"// A Moodle question bank, exported as GIFT.
$CATEGORY: $course$/Cybersecurity/Phishing

::Sender domain::An email from "Ministry of Finance" comes from notice@minfin-uz.online. What is the most reliable sign of phishing? {
  ~The emblem looks blurred #Emblems are easy to copy.
  =The sender's domain is not the ministry's #Right: check the domain first.
  ~It arrived at night
  #### Look at the full sender address before anything else.
}

// true/false with feedback for a wrong answer
::MFA codes::You may read a one-time SMS code to a caller from your bank.{F#Never share one-time codes.####Banks never ask for codes.}

::Lock key::Which key combination locks a Windows computer at once? {=Win+L =Windows+L =Win + L}

::Percent rise::Applications rose from 1150 to 1450. By what percent, to the nearest whole number?{#26:1}

::Range::Give any whole number of minutes between 10 and 20.{#10..20}

::Factors::Match each proof with its kind of factor. {
  =A PIN code -> Something you know
  =A USB token -> Something you have
  =A fingerprint -> Something you are
}

::Safe habits::Which of these are safe habits? {
  ~%50%Locking the screen when you leave
  ~%50%Checking the sender's domain
  ~%-100%Reusing one password everywhere
}

The \{portal\} my.gov.uz offers {=670 ~370 ~100} e-services (2024), says the centre\: \= exact.

::Essay::Describe your office's incident procedure.{}

Just a description with no answers.
"#;

#[test]
fn every_gift_question_type_imports_and_passes_the_quiz_parser() {
    let import = import_gift(Path::new("bank.gift"), SAMPLE);
    let problems: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    assert_eq!(import.imported, 8, "{problems:?}\n{}", import.markdown);

    let mut parse_problems = Vec::new();
    let (settings, questions) =
        parse_quiz_file(Path::new("quiz.md"), &import.markdown, &mut parse_problems);
    assert!(
        parse_problems.is_empty(),
        "{parse_problems:?}\n{}",
        import.markdown
    );
    assert_eq!(settings.unwrap().questions_per_attempt, 8);
    let kinds: Vec<&str> = questions.iter().map(|q| q.kind.type_name()).collect();
    assert_eq!(
        kinds,
        [
            "single",
            "true-false",
            "short",
            "numeric",
            "numeric",
            "matching",
            "multiple",
            "single"
        ]
    );

    let QuestionKind::Single { options } = &questions[0].kind else {
        panic!()
    };
    assert_eq!(questions[0].id, "sender-domain");
    assert!(options[1].correct && !options[0].correct);
    assert_eq!(
        options[0].feedback.as_deref(),
        Some("Emblems are easy to copy.")
    );
    assert_eq!(
        questions[0].feedback,
        "Look at the full sender address before anything else."
    );

    assert_eq!(questions[1].kind, QuestionKind::TrueFalse { answer: false });
    assert_eq!(questions[1].feedback, "Banks never ask for codes.");
    assert_eq!(
        questions[3].kind,
        QuestionKind::Numeric {
            answer: 26.0,
            tolerance: 1.0
        }
    );
    assert_eq!(
        questions[4].kind,
        QuestionKind::Numeric {
            answer: 15.0,
            tolerance: 5.0
        }
    );
    let QuestionKind::Multiple { options } = &questions[6].kind else {
        panic!()
    };
    assert_eq!(
        options.iter().map(|o| o.correct).collect::<Vec<_>>(),
        [true, true, false]
    );

    // Missing word, with escapes: the blank stands where the answers were.
    assert_eq!(
        questions[7].prompt,
        "The {portal} my.gov.uz offers _____ e-services (2024), says the centre: = exact."
    );
    assert_eq!(
        questions[7].feedback, "The right answer: 670.",
        "GIFT had no feedback: the answer is stated"
    );
}

#[test]
fn what_cannot_be_imported_is_reported_at_its_line() {
    let import = import_gift(Path::new("bank.gift"), SAMPLE);
    let problems: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].starts_with("bank.gift:34:1: essay questions"),
        "{problems:?}"
    );
    assert!(
        problems[1].starts_with("bank.gift:36:1: a description"),
        "{problems:?}"
    );
}

#[test]
fn categories_become_headings_and_titles_become_unique_ids() {
    let import = import_gift(
        Path::new("b.gift"),
        "$CATEGORY: top/Passwords\n\n::Q::A?{T}\n\n::Q::B?{F}\n",
    );
    assert!(
        import.markdown.contains("## Passwords\n"),
        "{}",
        import.markdown
    );
    assert!(
        import.markdown.contains("id: q\n") && import.markdown.contains("id: q-2\n"),
        "{}",
        import.markdown
    );
}

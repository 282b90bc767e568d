//! The GIFT importer on samples of every question type GIFT defines, checked by parsing its
//! output with Malaka's own quiz parser.

use malaka_courses::quiz::{grade, import_gift, parse_quiz_file, Answer, Question, QuestionKind};
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
            tolerance: 1.0,
            partial: vec![]
        }
    );
    assert_eq!(
        questions[4].kind,
        QuestionKind::Numeric {
            answer: 15.0,
            tolerance: 5.0,
            partial: vec![]
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

/// Moodle's own examples of weighted answers (from `question/format/gift/examples.txt` in
/// Moodle's source and https://docs.moodle.org/en/GIFT_format), with two cases from the
/// issue: the catch-all `=%0%*` short answer and `~#feedback` in a numeric question.
const MOODLE_EXAMPLES: &str = r#"// ===Percentage Answer Weights===
Difficult question.{~wrong answer ~%50%half credit answer =full credit answer}

::Jesus' hometown::Jesus Christ was from {
    ~Jerusalem#This was an important city, but the wrong answer.
    ~%25%Bethlehem#He was born here, but not raised here.
    ~%50%Galilee#You need to be more specific.
    =Nazareth#Yes! That's right!}.

::Jesus' hometown:: Jesus Christ was from {
    =Nazareth#Yes! That's right!
    =%75%Nazereth#Right, but misspelled.
    =%25%Bethlehem#He was born here, but not raised here.}

::Numerical example::
When was Ulysses S. Grant born? {#
     =1822:0      #Correct! 100% credit
     =%50%1822:2  #He was born in 1822.
                  You get 50% credit for being close.
}

// ===Multiple Answers===
What two people are entombed in Grant's tomb? {
    ~No one
    ~%50%Grant
    ~%50%Grant's wife
    ~Grant's father }

What two people are entombed in Grant's tomb? {
    ~%-50%No one
    ~%50%Grant
    ~%50%Grant's wife
    ~%-50%Grant's father }

::Catch-all::Which city is the capital of Uzbekistan? {=Tashkent =%50%Toshkent =%0%*#Completely wrong}

::Other answers::What is one plus two? {#3:2~#Think again}

::Formats::Who's buried in Grant's tomb?{~[plain]Grant ~[markdown]Jefferson =[moodle]no one#[html]Right}

::Essay::Write about Grant.{}

A description, no answers.
"#;

fn choose(question: &Question, texts: &[&str]) -> Answer {
    let (QuestionKind::Single { options } | QuestionKind::Multiple { options }) = &question.kind
    else {
        panic!("{} is not a choice question", question.id)
    };
    Answer::Choices(
        texts
            .iter()
            .map(|text| {
                options
                    .iter()
                    .position(|o| o.text == *text)
                    .unwrap_or_else(|| panic!("{text} in {options:?}"))
            })
            .collect(),
    )
}

/// Imported, every answer scores what Moodle gives it: partial credit in one-answer
/// questions stays one-answer, short and numeric answers keep their weights, the catch-all
/// scores nothing, negative weights take credit away, format markers are gone.
#[test]
fn moodle_examples_keep_the_fractions_moodle_gives_each_answer() {
    let import = import_gift(Path::new("examples.gift"), MOODLE_EXAMPLES);
    let problems: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("examples.gift:41:1: essay"));
    assert!(problems[1].starts_with("examples.gift:43:1: a description"));
    assert!(!import.markdown.contains("[plain]") && !import.markdown.contains("[html]"));
    let mut parse_problems = Vec::new();
    let (_, questions) =
        parse_quiz_file(Path::new("quiz.md"), &import.markdown, &mut parse_problems);
    assert!(
        parse_problems.is_empty(),
        "{parse_problems:?}\n{}",
        import.markdown
    );
    let kinds: Vec<&str> = questions.iter().map(|q| q.kind.type_name()).collect();
    assert_eq!(
        kinds,
        [
            "single", "single", "short", "numeric", "multiple", "multiple", "short", "numeric",
            "single"
        ]
    );
    let text = |s: &str| Answer::Text(s.into());
    let cases: Vec<(usize, Answer, f64)> = vec![
        (0, choose(&questions[0], &["wrong answer"]), 0.0),
        (0, choose(&questions[0], &["half credit answer"]), 0.5),
        (0, choose(&questions[0], &["full credit answer"]), 1.0),
        (
            0,
            choose(&questions[0], &["half credit answer", "full credit answer"]),
            0.0,
        ),
        (1, choose(&questions[1], &["Jerusalem"]), 0.0),
        (1, choose(&questions[1], &["Bethlehem"]), 0.25),
        (1, choose(&questions[1], &["Galilee"]), 0.5),
        (1, choose(&questions[1], &["Nazareth"]), 1.0),
        (2, text("Nazareth"), 1.0),
        (2, text("nazereth"), 0.75),
        (2, text("Bethlehem"), 0.25),
        (2, text("Jerusalem"), 0.0),
        (3, Answer::Number(1822.0), 1.0),
        (3, Answer::Number(1824.0), 0.5),
        (3, Answer::Number(1820.0), 0.5),
        (3, Answer::Number(1825.0), 0.0),
        (4, choose(&questions[4], &["Grant", "Grant's wife"]), 1.0),
        (4, choose(&questions[4], &["Grant"]), 0.5),
        (4, choose(&questions[4], &["No one", "Grant"]), 0.5),
        (
            4,
            choose(
                &questions[4],
                &["No one", "Grant", "Grant's wife", "Grant's father"],
            ),
            1.0,
        ),
        (5, choose(&questions[5], &["Grant", "Grant's wife"]), 1.0),
        (5, choose(&questions[5], &["Grant"]), 0.5),
        (5, choose(&questions[5], &["No one", "Grant"]), 0.0),
        (
            5,
            choose(
                &questions[5],
                &["No one", "Grant", "Grant's wife", "Grant's father"],
            ),
            0.0,
        ),
        (6, text("Tashkent"), 1.0),
        (6, text("Toshkent"), 0.5),
        (6, text("Samarkand"), 0.0),
        (6, text("*"), 0.0),
        (7, Answer::Number(3.0), 1.0),
        (7, Answer::Number(5.0), 1.0),
        (7, Answer::Number(6.0), 0.0),
        (8, choose(&questions[8], &["no one"]), 1.0),
        (8, choose(&questions[8], &["Grant"]), 0.0),
    ];
    for (index, answer, moodle) in cases {
        let question = &questions[index];
        let malaka = grade(question, &answer) / f64::from(question.points);
        assert!(
            (malaka - moodle).abs() < 1e-9,
            "{} {answer:?}: Malaka {malaka}, Moodle {moodle}",
            question.id
        );
    }
}

/// Weights Malaka's grammar cannot hold are named, not bent into another meaning.
#[test]
fn weights_that_do_not_add_up_are_reported_not_imported() {
    let import = import_gift(
        Path::new("w.gift"),
        "Pick two.{~%50%A ~%25%B ~C}\n\nPick one.{=A ~%-50%B ~C}\n\nName it.{=%50%*}\n",
    );
    let problems: Vec<String> = import.problems.iter().map(ToString::to_string).collect();
    assert_eq!(import.imported, 0, "{}", import.markdown);
    assert!(problems[0].contains("add up to 75 %"), "{problems:?}");
    assert!(problems[1].contains("negative weight"), "{problems:?}");
    assert!(problems[2].contains("wildcard"), "{problems:?}");
}

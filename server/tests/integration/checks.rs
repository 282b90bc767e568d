use malaka_app::i18n::Locale;
use malaka_courses::quiz::QuestionKind;
use malaka_courses::{load_catalog, Language};
use malaka_domain::Error;
use malaka_domain::{learning, quiz::knowledge_checks};
use malaka_shared::people::Role;
use std::collections::HashMap;

use crate::support::TestApp;

/// The first single-choice knowledge check of the cybersecurity course: (lesson, question).
fn a_single_choice_check(app: &TestApp) -> (String, malaka_courses::quiz::Question) {
    let catalog = load_catalog(&app.state.settings.catalog_dir).unwrap();
    let course = catalog.course("cybersecurity").unwrap();
    course
        .lessons
        .iter()
        .flat_map(|l| {
            l.texts[&Language::En]
                .questions
                .iter()
                .map(move |q| (l.slug.clone(), q.clone()))
        })
        .find(|(_, q)| matches!(q.kind, QuestionKind::Single { .. }))
        .expect("a single-choice knowledge check")
}

#[tokio::test]
async fn a_lesson_page_never_contains_the_answers_of_its_checks_before_they_are_answered() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let (lesson, question) = a_single_choice_check(&app);
    let QuestionKind::Single { options } = &question.kind else {
        unreachable!()
    };
    let cookie = format!("{}; malaka_lang=en", app.cookie_for(officer).await);
    let page = app
        .get(
            &format!("/courses/cybersecurity/lessons/{lesson}"),
            Some(&cookie),
        )
        .await;
    assert!(
        page.body.contains(&format!("id=\"check-{}\"", question.id)),
        "the check is on the page"
    );
    for option in options {
        let feedback = option.feedback.as_deref().unwrap();
        assert!(
            !page.body.contains(&escape(feedback)),
            "option feedback leaked: {feedback}"
        );
    }
    assert!(
        !page.body.contains(&escape(&question.feedback)),
        "general feedback leaked"
    );
    assert!(!page.body.contains("[x]"), "no correctness markers");
}

#[tokio::test]
async fn answering_a_check_shows_its_feedback_and_keeps_the_latest_answer() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let (lesson, question) = a_single_choice_check(&app);
    let QuestionKind::Single { options } = &question.kind else {
        unreachable!()
    };
    let right = options.iter().position(|o| o.correct).unwrap();
    let wrong = (right + 1) % options.len();
    let db = &app.state.db;
    let answer = |i: usize| HashMap::from([("choice".to_owned(), i.to_string())]);

    assert_eq!(
        knowledge_checks::answer_check(db, officer, "cybersecurity", &question.id, answer(wrong))
            .await,
        Ok(0)
    );
    assert_eq!(
        knowledge_checks::answer_check(db, officer, "cybersecurity", &question.id, answer(right))
            .await,
        Ok(100)
    );
    let view = learning::open_lesson(db, officer, "cybersecurity", &lesson, Locale::En)
        .await
        .unwrap();
    let check = view.checks.iter().find(|c| c.id == question.id).unwrap();
    let result = check.result.as_ref().expect("answered");
    assert_eq!(result.score_percent, 100);
    assert_eq!(result.feedback[0], question.feedback);
    assert!(result.feedback[1].ends_with(options[right].feedback.as_deref().unwrap()));
}

#[tokio::test]
async fn final_quiz_questions_cannot_be_answered_as_checks() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let catalog = load_catalog(&app.state.settings.catalog_dir).unwrap();
    let quiz = catalog
        .course("cybersecurity")
        .unwrap()
        .final_quiz
        .clone()
        .unwrap();
    let key = &quiz.pool[&Language::En][0].id;
    let form = HashMap::from([("choice".to_owned(), "0".to_owned())]);
    assert_eq!(
        knowledge_checks::answer_check(&app.state.db, officer, "cybersecurity", key, form).await,
        Err(Error::NotFound)
    );
}

#[tokio::test]
async fn an_empty_answer_is_refused_with_a_clear_error() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let (_, question) = a_single_choice_check(&app);
    let result = knowledge_checks::answer_check(
        &app.state.db,
        officer,
        "cybersecurity",
        &question.id,
        HashMap::new(),
    )
    .await;
    assert_eq!(
        result,
        Err(Error::Refused(malaka_domain::Refusal::NoAnswer))
    );
}

#[tokio::test]
async fn a_check_answered_with_a_plain_form_comes_back_to_the_lesson() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let (lesson, question) = a_single_choice_check(&app);
    let cookie = format!("{}; malaka_lang=en", app.cookie_for(officer).await);
    let response = app
        .post_form(
            "/api/answer-check",
            &[
                ("course", "cybersecurity"),
                ("lesson", &lesson),
                ("question", &question.id),
                ("answer[choice]", "0"),
            ],
            Some(&cookie),
        )
        .await;
    assert_eq!(response.status, 302);
    assert_eq!(
        response.location().unwrap(),
        format!(
            "/courses/cybersecurity/lessons/{lesson}#check-{}",
            question.id
        )
    );
    let page = app
        .get(
            &format!("/courses/cybersecurity/lessons/{lesson}"),
            Some(&cookie),
        )
        .await;
    assert!(
        page.body.contains(&escape(&question.feedback)),
        "feedback shown after answering"
    );

    // Sent with nothing chosen, it comes back to the question, which says so.
    let empty = app
        .post_form(
            "/api/answer-check",
            &[
                ("course", "cybersecurity"),
                ("lesson", &lesson),
                ("question", &question.id),
            ],
            Some(&cookie),
        )
        .await;
    let back = empty.location().expect("back to the lesson").to_owned();
    assert_eq!(
        back,
        format!(
            "/courses/cybersecurity/lessons/{lesson}?check={id}&check-error=check-error-unanswered#check-{id}",
            id = question.id
        )
    );
    let page = app
        .get(back.split('#').next().unwrap(), Some(&cookie))
        .await;
    assert!(page.body.contains("Choose or type an answer first."));
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

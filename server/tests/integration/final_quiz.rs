use chrono::{Duration, Utc};
use malaka_app::i18n::Locale;
use malaka_courses::quiz::{Question, QuestionKind};
use malaka_domain::Error;
use malaka_domain::{learning, quiz::attempts};
use malaka_shared::people::Role;
use std::collections::HashMap;

use crate::support::{correct_form, TestApp};

const COURSE: &str = "cybersecurity";

fn question(app: &TestApp, key: &str) -> Question {
    let snapshot = app.state.db.catalog.snapshot();
    let quiz = snapshot.course(COURSE).unwrap().quiz.as_ref().unwrap();
    quiz.pool.iter().find(|v| v[0].question.id == key).unwrap()[0]
        .question
        .clone()
}

async fn drawn_keys(app: &TestApp, user: i32, attempt: i32) -> Vec<String> {
    let view = attempts::attempt_view(&app.state.db, user, COURSE, attempt, Locale::En, Utc::now())
        .await
        .unwrap();
    view.questions.into_iter().map(|q| q.key).collect()
}

#[tokio::test]
async fn an_attempt_draws_its_questions_once_and_resumes_anywhere() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    let attempt = attempts::start(db, officer, COURSE, Utc::now())
        .await
        .unwrap();
    let keys = drawn_keys(&app, officer, attempt).await;
    assert_eq!(keys.len(), 20);
    let mut unique = keys.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 20, "no question twice");
    assert_eq!(
        attempts::start(db, officer, COURSE, Utc::now())
            .await
            .unwrap(),
        attempt,
        "starting again resumes"
    );
    assert_eq!(
        drawn_keys(&app, officer, attempt).await,
        keys,
        "the draw is fixed for the attempt"
    );
}

#[tokio::test]
async fn saved_answers_come_back_and_a_perfect_attempt_passes_and_completes_the_course() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    let outline = learning::course_outline(db, officer, COURSE, Locale::En)
        .await
        .unwrap();
    for lesson in &outline.lessons {
        learning::complete_lesson(db, officer, COURSE, &lesson.slug)
            .await
            .unwrap();
    }
    assert!(
        !learning::course_outline(db, officer, COURSE, Locale::En)
            .await
            .unwrap()
            .card
            .completed,
        "lessons alone do not complete a course with a quiz"
    );

    let attempt = attempts::start(db, officer, COURSE, Utc::now())
        .await
        .unwrap();
    let keys = drawn_keys(&app, officer, attempt).await;
    let answers: HashMap<String, HashMap<String, String>> = keys
        .iter()
        .map(|k| (k.clone(), correct_form(&question(&app, k))))
        .collect();
    attempts::save_answers(db, officer, attempt, answers.clone(), Utc::now())
        .await
        .unwrap();
    let view = attempts::attempt_view(db, officer, COURSE, attempt, Locale::En, Utc::now())
        .await
        .unwrap();
    assert!(
        view.questions.iter().all(|q| q.saved == answers[&q.key]),
        "every saved answer is shown again"
    );

    assert_eq!(
        attempts::submit(db, officer, attempt, Utc::now()).await,
        Ok((100, true))
    );
    let result = attempts::result(db, officer, COURSE, attempt, Locale::En)
        .await
        .unwrap();
    assert!(result.passed && result.course_completed);
    assert_eq!(result.review.len(), 20);
    let outline = learning::course_outline(db, officer, COURSE, Locale::En)
        .await
        .unwrap();
    assert!(outline.card.completed);
}

#[tokio::test]
async fn submitting_twice_grades_once() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    let attempt = attempts::start(db, officer, COURSE, Utc::now())
        .await
        .unwrap();
    let first = attempts::submit(db, officer, attempt, Utc::now())
        .await
        .unwrap();
    assert_eq!(first, (0, false), "nothing answered, nothing earned");
    let keys = drawn_keys_after_submit(&app, attempt).await;
    let late: HashMap<_, _> = keys
        .iter()
        .map(|k| (k.clone(), correct_form(&question(&app, k))))
        .collect();
    assert_eq!(
        attempts::save_answers(db, officer, attempt, late, Utc::now()).await,
        Err(Error::Invalid(
            "this attempt has been submitted already".into()
        ))
    );
    assert_eq!(
        attempts::submit(db, officer, attempt, Utc::now() + Duration::minutes(1))
            .await
            .unwrap(),
        first
    );
}

async fn drawn_keys_after_submit(app: &TestApp, attempt: i32) -> Vec<String> {
    use malaka_domain::entities::quiz_attempt;
    use sea_orm::EntityTrait;
    let row = quiz_attempt::Entity::find_by_id(attempt)
        .one(&app.state.db.read)
        .await
        .unwrap()
        .unwrap();
    let drawn: Vec<attempts::Drawn> = serde_json::from_str(&row.draw).unwrap();
    drawn.into_iter().map(|d| d.key).collect()
}

#[tokio::test]
async fn answers_after_the_time_limit_are_refused_on_the_server() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    let start = Utc::now();
    let attempt = attempts::start(db, officer, COURSE, start).await.unwrap();
    let keys = drawn_keys(&app, officer, attempt).await;
    let one = |k: &String| HashMap::from([(k.clone(), correct_form(&question(&app, k)))]);
    attempts::save_answers(
        db,
        officer,
        attempt,
        one(&keys[0]),
        start + Duration::minutes(29),
    )
    .await
    .unwrap();
    let late = attempts::save_answers(
        db,
        officer,
        attempt,
        one(&keys[1]),
        start + Duration::minutes(31),
    )
    .await;
    assert_eq!(
        late,
        Err(Error::Invalid("the time for this attempt is up".into()))
    );
    let (score, _) = attempts::submit(db, officer, attempt, start + Duration::minutes(31))
        .await
        .unwrap();
    assert_eq!(score, 5, "only the answer saved in time counts: 1 of 20");
}

#[tokio::test]
async fn another_learners_attempt_is_not_found() {
    let app = TestApp::new().await;
    let owner = app.user("jasur@gov.uz", Role::Officer, None).await;
    let other = app.user("dilnoza@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    let attempt = attempts::start(db, owner, COURSE, Utc::now())
        .await
        .unwrap();
    assert_eq!(
        attempts::attempt_view(db, other, COURSE, attempt, Locale::En, Utc::now())
            .await
            .map(|_| ()),
        Err(Error::NotFound)
    );
    assert_eq!(
        attempts::save_answers(db, other, attempt, HashMap::new(), Utc::now()).await,
        Err(Error::NotFound)
    );
    assert_eq!(
        attempts::submit(db, other, attempt, Utc::now()).await,
        Err(Error::NotFound)
    );
    let cookie = app.cookie_for(other).await;
    assert_eq!(
        app.get(&format!("/courses/{COURSE}/quiz/{attempt}"), Some(&cookie))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn attempts_are_limited_and_retakes_wait() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    let mut now = Utc::now();
    for _ in 0..3 {
        let attempt = attempts::start(db, officer, COURSE, now).await.unwrap();
        attempts::submit(db, officer, attempt, now).await.unwrap();
        let too_soon = attempts::start(db, officer, COURSE, now + Duration::hours(1)).await;
        assert!(
            matches!(too_soon, Err(Error::Invalid(_))),
            "the 24-hour retake delay applies"
        );
        now += Duration::hours(25);
    }
    assert_eq!(
        attempts::start(db, officer, COURSE, now).await,
        Err(Error::Invalid("quiz-blocked-no-attempts".into()))
    );
}

#[tokio::test]
async fn the_quiz_page_and_its_server_function_never_reveal_answers() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let attempt = attempts::start(&app.state.db, officer, COURSE, Utc::now())
        .await
        .unwrap();
    let cookie = format!("{}; malaka_lang=en", app.cookie_for(officer).await);
    let page = app
        .get(&format!("/courses/{COURSE}/quiz/{attempt}"), Some(&cookie))
        .await;
    assert_eq!(page.status, 200);
    let request = axum::http::Request::post("/api/quiz-attempt")
        .header("host", "127.0.0.1:3000")
        .header("cookie", &cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(format!(
            "course={COURSE}&attempt={attempt}"
        )))
        .unwrap();
    let json = app.send(request).await;
    assert_eq!(json.status, 200, "{}", json.body);
    assert!(json.body.contains("prompt_html"), "{}", json.body);
    for key in drawn_keys(&app, officer, attempt).await {
        let question = question(&app, &key);
        let mut secrets = vec![question.feedback.clone()];
        match &question.kind {
            QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
                secrets.extend(options.iter().filter_map(|o| o.feedback.clone()))
            }
            _ => {}
        }
        for secret in secrets {
            let escaped = secret
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(!page.body.contains(&escaped), "page leaks {secret}");
            assert!(
                !json.body.contains(&secret),
                "server function leaks {secret}"
            );
        }
        assert!(
            !json.body.contains("\"correct\""),
            "no correctness flags in the response"
        );
    }
}

#[tokio::test]
async fn item_analysis_separates_strong_and_weak_learners() {
    use malaka_domain::quiz::item_analysis::item_analysis;
    let app = TestApp::new().await;
    let strong = app.user("strong@gov.uz", Role::Officer, None).await;
    let weak = app.user("weak@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    let strong_attempt = attempts::start(db, strong, COURSE, Utc::now())
        .await
        .unwrap();
    let strong_keys = drawn_keys(&app, strong, strong_attempt).await;
    let perfect: HashMap<_, _> = strong_keys
        .iter()
        .map(|k| (k.clone(), correct_form(&question(&app, k))))
        .collect();
    attempts::save_answers(db, strong, strong_attempt, perfect, Utc::now())
        .await
        .unwrap();
    attempts::submit(db, strong, strong_attempt, Utc::now())
        .await
        .unwrap();
    let weak_attempt = attempts::start(db, weak, COURSE, Utc::now()).await.unwrap();
    let weak_keys = drawn_keys(&app, weak, weak_attempt).await;
    attempts::submit(db, weak, weak_attempt, Utc::now())
        .await
        .unwrap();

    let analysis = item_analysis(db, COURSE, Locale::En).await.unwrap();
    assert_eq!(analysis.attempts, 2);
    assert_eq!(analysis.rows.iter().map(|r| r.drawn).sum::<usize>(), 40);
    for row in &analysis.rows {
        let (by_strong, by_weak) = (strong_keys.contains(&row.key), weak_keys.contains(&row.key));
        let expected = match (by_strong, by_weak) {
            (true, true) => (Some(50), Some(1.0)),
            (true, false) => (Some(100), None),
            (false, true) => (Some(0), None),
            (false, false) => (None, None),
        };
        assert_eq!(
            (row.facility_percent, row.discrimination),
            expected,
            "{}",
            row.key
        );
        assert_eq!(row.answered, usize::from(by_strong), "{}", row.key);
        if by_strong && !row.option_counts.is_empty() {
            let chosen_correct: usize = row
                .option_counts
                .iter()
                .filter(|(_, correct, _)| *correct)
                .map(|(_, _, n)| n)
                .sum();
            assert!(
                chosen_correct >= 1,
                "{}: the strong learner's choice is counted",
                row.key
            );
        }
    }

    let officer_cookie = app.cookie_for(weak).await;
    assert_eq!(
        app.get(
            &format!("/courses/{COURSE}/analysis"),
            Some(&officer_cookie)
        )
        .await
        .status,
        403
    );
    let trainer = app.user("trainer@gov.uz", Role::Trainer, None).await;
    let page = app
        .get(
            &format!("/courses/{COURSE}/analysis"),
            Some(&format!(
                "{}; malaka_lang=en",
                app.cookie_for(trainer).await
            )),
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Based on 2 submitted attempts."),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_cleared_answer_is_removed_not_kept() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    let attempt = attempts::start(db, officer, COURSE, Utc::now())
        .await
        .unwrap();
    let key = drawn_keys(&app, officer, attempt).await.remove(0);
    let mut answer = correct_form(&question(&app, &key));
    answer.insert("shown".into(), "1".into());
    attempts::save_answers(
        db,
        officer,
        attempt,
        HashMap::from([(key.clone(), answer)]),
        Utc::now(),
    )
    .await
    .unwrap();
    let cleared = HashMap::from([(
        key.clone(),
        HashMap::from([("shown".to_owned(), "1".to_owned())]),
    )]);
    attempts::save_answers(db, officer, attempt, cleared, Utc::now())
        .await
        .unwrap();
    let view = attempts::attempt_view(db, officer, COURSE, attempt, Locale::En, Utc::now())
        .await
        .unwrap();
    assert!(view
        .questions
        .iter()
        .find(|q| q.key == key)
        .unwrap()
        .saved
        .is_empty());
}

/// Twenty "start" requests at once open one attempt, on SQLite and on PostgreSQL alike: the
/// database's unique attempt number decides, not the order in which the requests read.
#[tokio::test]
async fn parallel_starts_open_one_attempt() {
    use malaka_domain::entities::quiz_attempt;
    use sea_orm::EntityTrait;
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let now = Utc::now();
    let mut starts = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let db = app.state.db.clone();
        starts.spawn(async move { attempts::start(&db, officer, COURSE, now).await });
    }
    let mut ids = Vec::new();
    while let Some(result) = starts.join_next().await {
        ids.push(result.unwrap().unwrap());
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(
        ids.len(),
        1,
        "every request resumes the same attempt: {ids:?}"
    );
    let stored = quiz_attempt::Entity::find()
        .all(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1, "one attempt in the database");
}

/// The bundled courses show the right answers only after a pass: a failed attempt, made to
/// harvest the key, shows which questions lost points but not the answers.
#[tokio::test]
async fn a_failed_attempt_does_not_reveal_the_right_answers() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    let now = Utc::now();
    let failed = attempts::start(db, officer, COURSE, now).await.unwrap();
    assert_eq!(
        attempts::submit(db, officer, failed, now).await,
        Ok((0, false))
    );
    let review = attempts::result(db, officer, COURSE, failed, Locale::En)
        .await
        .unwrap()
        .review;
    assert_eq!(review.len(), 20, "each question is reviewed");
    assert!(review.iter().all(|item| item.correct_answer.is_none()));

    let later = now + Duration::hours(25);
    let passing = attempts::start(db, officer, COURSE, later).await.unwrap();
    let answers: HashMap<String, HashMap<String, String>> = drawn_keys(&app, officer, passing)
        .await
        .iter()
        .map(|k| (k.clone(), correct_form(&question(&app, k))))
        .collect();
    attempts::save_answers(db, officer, passing, answers, later)
        .await
        .unwrap();
    assert_eq!(
        attempts::submit(db, officer, passing, later).await,
        Ok((100, true))
    );
    let review = attempts::result(db, officer, COURSE, passing, Locale::En)
        .await
        .unwrap()
        .review;
    assert!(review.iter().all(|item| item.correct_answer.is_some()));
}

use chrono::{Duration, Utc};
use malaka_app::i18n::Locale;
use malaka_courses::quiz::{Question, QuestionKind};
use malaka_domain::Error;
use malaka_domain::{learning, quiz::attempts};
use malaka_shared::people::Role;
use std::collections::HashMap;

use crate::support::TestApp;

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
        learning::complete_lesson(db, officer, COURSE, &lesson.slug, None)
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
    let answers = app
        .knowing_answers(officer, COURSE, attempt, Utc::now())
        .await;
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
    let late = app
        .knowing_answers(officer, COURSE, attempt, Utc::now())
        .await;
    let first = attempts::submit(db, officer, attempt, Utc::now())
        .await
        .unwrap();
    assert_eq!(first, (0, false), "nothing answered, nothing earned");
    assert_eq!(
        attempts::save_answers(db, officer, attempt, late, Utc::now()).await,
        Err(Error::Refused(malaka_domain::Refusal::AttemptClosed))
    );
    assert_eq!(
        attempts::submit(db, officer, attempt, Utc::now() + Duration::minutes(1))
            .await
            .unwrap(),
        first
    );
}

#[tokio::test]
async fn answers_after_the_time_limit_are_refused_on_the_server() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    let start = Utc::now();
    let attempt = attempts::start(db, officer, COURSE, start).await.unwrap();
    let keys = drawn_keys(&app, officer, attempt).await;
    let right = app.knowing_answers(officer, COURSE, attempt, start).await;
    let one = |k: &String| HashMap::from([(k.clone(), right[k].clone())]);
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
        Err(Error::Refused(malaka_domain::Refusal::AttemptClosed))
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
    for attempt_number in 1..=3 {
        let attempt = attempts::start(db, officer, COURSE, now).await.unwrap();
        attempts::submit(db, officer, attempt, now).await.unwrap();
        let too_soon = attempts::start(db, officer, COURSE, now + Duration::hours(1)).await;
        // The 24-hour retake delay applies, until no attempt is left at all.
        let block = match attempt_number {
            3 => malaka_domain::QuizBlock::NoAttemptsLeft,
            _ => malaka_domain::QuizBlock::RetakeDelay,
        };
        assert_eq!(
            too_soon,
            Err(Error::Refused(malaka_domain::Refusal::QuizBlocked(block)))
        );
        now += Duration::hours(25);
    }
    assert_eq!(
        attempts::start(db, officer, COURSE, now).await,
        Err(Error::Refused(malaka_domain::Refusal::QuizBlocked(
            malaka_domain::QuizBlock::NoAttemptsLeft
        )))
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
    let perfect = app
        .knowing_answers(strong, COURSE, strong_attempt, Utc::now())
        .await;
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
    let (key, mut answer) = app
        .knowing_answers(officer, COURSE, attempt, Utc::now())
        .await
        .into_iter()
        .next()
        .unwrap();
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
    let answers = app.knowing_answers(officer, COURSE, passing, later).await;
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

/// The attempt page names and values options only by their position on screen. Before that,
/// a matching's `m<i>` was right when its value was `i` and an ordering's `o<k>` belonged at
/// place `k+1`, so the page source alone scored full marks on them. Here every form on the
/// page is read with an HTML parser, that reading is submitted, and it scores what guessing
/// scores.
#[tokio::test]
async fn the_attempt_page_holds_nothing_that_tells_a_right_option() {
    use scraper::{Html, Selector};
    let app = TestApp::new().await;
    let fields = Selector::parse("input[name^='answer['], select[name^='answer[']").unwrap();
    let options = Selector::parse("option").unwrap();
    let (mut naive_total, mut knowing_total) = (0.0, 0.0);
    for learner in 0..12 {
        let officer = app
            .user(&format!("officer{learner}@gov.uz"), Role::Officer, None)
            .await;
        let now = Utc::now();
        let attempt = attempts::start(&app.state.db, officer, COURSE, now)
            .await
            .unwrap();
        let cookie = format!("{}; malaka_lang=en", app.cookie_for(officer).await);
        let page = app
            .get(&format!("/courses/{COURSE}/quiz/{attempt}"), Some(&cookie))
            .await;
        assert_eq!(page.status, 200);
        let html = Html::parse_document(&page.body);
        let mut naive: HashMap<String, HashMap<String, String>> = HashMap::new();
        let mut positions: HashMap<(String, String), Vec<String>> = HashMap::new();
        for field in html.select(&fields) {
            let name = field.attr("name").unwrap();
            let (key, part) = name["answer[".len()..name.len() - 1]
                .split_once("][")
                .unwrap();
            let values: Vec<String> = match field.value().name() {
                "select" => field
                    .select(&options)
                    .filter_map(|o| o.attr("value").filter(|v| !v.is_empty()))
                    .map(str::to_owned)
                    .collect(),
                _ => field.attr("value").map(str::to_owned).into_iter().collect(),
            };
            positions
                .entry((key.to_owned(), part.to_owned()))
                .or_default()
                .extend(values);
            // What the page source suggests: a matching's own index, an ordering's index + 1.
            let guess = match part.split_at(1) {
                ("m", index) => Some(index.to_owned()),
                ("o", index) => Some((index.parse::<usize>().unwrap() + 1).to_string()),
                _ => None,
            };
            if let Some(guess) = guess {
                naive
                    .entry(key.to_owned())
                    .or_default()
                    .insert(part.to_owned(), guess);
            }
        }
        for ((key, part), values) in &positions {
            let is_position_list = part == "choice"
                && values.iter().all(|v| v.parse::<usize>().is_ok())
                || part.starts_with('m');
            if is_position_list {
                let expected: Vec<String> = (0..values.len()).map(|i| i.to_string()).collect();
                assert_eq!(
                    values, &expected,
                    "{key}/{part}: values are positions on screen"
                );
            } else if let Some(position) = part
                .strip_prefix('c')
                .filter(|n| n.parse::<usize>().is_ok())
            {
                assert_eq!(
                    values,
                    &[position],
                    "{key}/{part}: a box is valued by its position"
                );
            }
        }
        let drawn = drawn_keys(&app, officer, attempt).await;
        let points = |key: &String| f64::from(question(&app, key).points);
        let total: f64 = drawn.iter().map(points).sum();
        knowing_total += naive.keys().map(points).sum::<f64>() / total;
        attempts::save_answers(&app.state.db, officer, attempt, naive, now)
            .await
            .unwrap();
        let (score, _) = attempts::submit(&app.state.db, officer, attempt, now)
            .await
            .unwrap();
        naive_total += f64::from(score) / 100.0;
    }
    assert!(
        knowing_total > 0.0,
        "the attempts drew matching or ordering questions"
    );
    assert!(
        naive_total < knowing_total * 0.6,
        "the page source scored {naive_total:.2} of the {knowing_total:.2} that knowing scores"
    );
}

use chrono::{DateTime, Duration, Utc};
use malaka_app::i18n::Locale;
use malaka_domain::learning;
use malaka_domain::Error;
use malaka_shared::learning::LessonState;
use malaka_shared::people::Role;

use crate::support::TestApp;

#[tokio::test]
async fn completing_lesson_one_offers_resume_at_lesson_two() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    let start = learning::enrol(db, officer, "cybersecurity")
        .await
        .unwrap()
        .expect("a first lesson");
    let view = learning::open_lesson(db, officer, "cybersecurity", &start, Locale::En)
        .await
        .unwrap();
    assert_eq!(view.position, 1);
    assert!(!view.completed);
    let next = learning::complete_lesson(db, officer, "cybersecurity", &start, None)
        .await
        .unwrap();

    let cards = learning::my_learning(db, officer, Locale::En)
        .await
        .unwrap();
    let card = cards.iter().find(|c| c.slug == "cybersecurity").unwrap();
    assert_eq!(card.lessons_completed, 1);
    assert_eq!(card.resume_lesson, next);
    if card.lessons_total > 1 {
        let second = learning::open_lesson(
            db,
            officer,
            "cybersecurity",
            next.as_deref().unwrap(),
            Locale::En,
        )
        .await
        .unwrap();
        assert_eq!(second.position, 2);
        assert_eq!(second.previous.unwrap().slug, start);
    }
}

#[tokio::test]
async fn completing_every_lesson_leaves_only_the_final_quiz() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    let outline = learning::course_outline(db, officer, "e-services", Locale::Ru)
        .await
        .unwrap();
    for lesson in &outline.lessons {
        learning::open_lesson(db, officer, "e-services", &lesson.slug, Locale::Ru)
            .await
            .unwrap();
        learning::complete_lesson(db, officer, "e-services", &lesson.slug, None)
            .await
            .unwrap();
    }
    // Completing again is harmless.
    learning::complete_lesson(db, officer, "e-services", &outline.lessons[0].slug, None)
        .await
        .unwrap();
    let outline = learning::course_outline(db, officer, "e-services", Locale::Ru)
        .await
        .unwrap();
    assert!(
        !outline.card.completed,
        "the course also needs its final quiz passed"
    );
    assert!(outline.has_quiz);
    assert_eq!(outline.card.percent(), 100);
    assert!(outline
        .lessons
        .iter()
        .all(|l| l.state == LessonState::Completed));
    assert_eq!(outline.card.resume_lesson, None);
}

#[tokio::test]
async fn a_lesson_is_shown_in_the_learners_language() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    let outline = learning::course_outline(db, officer, "cybersecurity", Locale::En)
        .await
        .unwrap();
    let first = &outline.lessons[0].slug;
    let russian = learning::open_lesson(db, officer, "cybersecurity", first, Locale::Ru)
        .await
        .unwrap();
    assert_eq!(
        (russian.language.as_str(), russian.is_fallback),
        ("ru", false)
    );
    let english = learning::open_lesson(db, officer, "cybersecurity", first, Locale::En)
        .await
        .unwrap();
    assert_ne!(russian.title, english.title);
}

/// An officer enrolled in data literacy whose first lesson's page just sent its first
/// heartbeat (claiming `claimed` seconds): that starts the clock, and nothing before it was
/// observed, whatever it claims. Returns the officer, the lesson and when the clock started.
async fn reading_started(app: &TestApp, claimed: i32) -> (i32, String, DateTime<Utc>) {
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    let first = learning::enrol(db, officer, "data-literacy")
        .await
        .unwrap()
        .unwrap();
    let opened = Utc::now();
    learning::record_time(db, officer, "data-literacy", &first, claimed, opened)
        .await
        .unwrap();
    (officer, first, opened)
}

#[tokio::test]
async fn time_on_task_adds_up_and_is_capped_per_report() {
    let app = TestApp::new().await;
    let (officer, first, opened) = reading_started(&app, 30).await;
    let db = &app.state.db;
    learning::record_time(
        db,
        officer,
        "data-literacy",
        &first,
        30,
        opened + Duration::seconds(30),
    )
    .await
    .unwrap();
    let later = opened + Duration::minutes(10);
    learning::record_time(db, officer, "data-literacy", &first, 10_000, later)
        .await
        .unwrap();
    use malaka_domain::entities::lesson_progress;
    use sea_orm::EntityTrait;
    let rows = lesson_progress::Entity::find().all(&db.read).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].seconds_spent, 90, "30 + at most 60 per report");
}

/// Time on task is what the server observed: a burst of heartbeats, parallel heartbeats and
/// heartbeats after completion add nothing beyond the wall-clock time that passed.
#[tokio::test]
async fn forged_heartbeats_add_no_time() {
    use malaka_domain::entities::lesson_progress;
    use sea_orm::EntityTrait;
    let app = TestApp::new().await;
    let (officer, first, opened) = reading_started(&app, 60).await;
    let db = &app.state.db;
    let spent =
        || async { lesson_progress::Entity::find().all(&db.read).await.unwrap()[0].seconds_spent };
    let minute_later = opened + Duration::seconds(60);
    for _ in 0..20 {
        learning::record_time(db, officer, "data-literacy", &first, 60, minute_later)
            .await
            .unwrap();
    }
    assert_eq!(
        spent().await,
        60,
        "twenty calls in the same instant credit one minute"
    );

    let two_minutes = opened + Duration::seconds(120);
    let mut parallel = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let db = db.clone();
        let lesson = first.clone();
        parallel.spawn(async move {
            learning::record_time(&db, officer, "data-literacy", &lesson, 60, two_minutes).await
        });
    }
    while let Some(result) = parallel.join_next().await {
        result.unwrap().unwrap();
    }
    assert_eq!(
        spent().await,
        120,
        "twenty parallel calls credit the minute that passed once"
    );

    learning::complete_lesson(db, officer, "data-literacy", &first, None)
        .await
        .unwrap();
    let after_completion = spent().await;
    learning::record_time(
        db,
        officer,
        "data-literacy",
        &first,
        60,
        Utc::now() + Duration::hours(1),
    )
    .await
    .unwrap();
    assert_eq!(
        spent().await,
        after_completion,
        "a completed lesson takes no more time"
    );
}

#[tokio::test]
async fn unknown_courses_and_lessons_are_not_found() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    assert_eq!(
        learning::enrol(db, officer, "no-such-course").await,
        Err(Error::NotFound)
    );
    assert_eq!(
        learning::open_lesson(db, officer, "cybersecurity", "no-such-lesson", Locale::En)
            .await
            .map(|_| ()),
        Err(Error::NotFound)
    );
    assert_eq!(
        learning::complete_lesson(db, officer, "cybersecurity", "no-such-lesson", None).await,
        Err(Error::NotFound)
    );
}

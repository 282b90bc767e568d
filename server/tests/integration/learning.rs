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
    let next = learning::complete_lesson(db, officer, "cybersecurity", &start)
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
        learning::complete_lesson(db, officer, "e-services", &lesson.slug)
            .await
            .unwrap();
    }
    // Completing again is harmless.
    learning::complete_lesson(db, officer, "e-services", &outline.lessons[0].slug)
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

#[tokio::test]
async fn time_on_task_adds_up_and_is_capped_per_report() {
    let app = TestApp::new().await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let db = &app.state.db;
    let first = learning::enrol(db, officer, "data-literacy")
        .await
        .unwrap()
        .unwrap();
    assert!(
        matches!(
            learning::record_time(db, officer, "data-literacy", &first, 30).await,
            Err(Error::Invalid(_))
        ),
        "time needs an opened lesson"
    );
    learning::open_lesson(db, officer, "data-literacy", &first, Locale::Uz)
        .await
        .unwrap();
    learning::record_time(db, officer, "data-literacy", &first, 30)
        .await
        .unwrap();
    learning::record_time(db, officer, "data-literacy", &first, 10_000)
        .await
        .unwrap();
    use malaka_domain::entities::lesson_progress;
    use sea_orm::EntityTrait;
    let rows = lesson_progress::Entity::find().all(&db.read).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].seconds_spent, 90, "30 + at most 60 per report");
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
        learning::complete_lesson(db, officer, "cybersecurity", "no-such-lesson").await,
        Err(Error::NotFound)
    );
}

//! The per-enrolment summaries HR's reports read: every progress write keeps them (heartbeats,
//! completions with and without the timer, parallel requests), each equals a recount of the
//! progress rows, and `malaka-server summaries check` finds a tampered one and repairs it.

use chrono::{Duration, Utc};
use malaka_app::i18n::Locale;
use malaka_domain::entities::{enrolment, lesson_progress};
use malaka_domain::learning::{self, summary};
use malaka_shared::people::Role;
use malaka_shared::reports::EnrolmentStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::process::Command;

use crate::recurrence::enrolment_of;
use crate::support::TestApp;

/// The summary counted here from the person's progress rows, independently of the domain.
async fn counted(app: &TestApp, person: i32) -> (i32, i64, Option<chrono::DateTime<Utc>>) {
    let rows = lesson_progress::Entity::find()
        .filter(lesson_progress::Column::UserId.eq(person))
        .all(&app.state.db.read)
        .await
        .unwrap();
    (
        rows.iter().filter(|p| p.completed_at.is_some()).count() as i32,
        rows.iter().map(|p| i64::from(p.seconds_spent)).sum(),
        rows.iter().map(|p| p.last_seen_at).max(),
    )
}

async fn stored(app: &TestApp, person: i32) -> (i32, i64, Option<chrono::DateTime<Utc>>) {
    let e = enrolment_of(app, person).await;
    (e.lessons_done, e.seconds_spent, e.last_progress_at)
}

#[tokio::test]
async fn every_progress_write_keeps_the_summary_equal_to_a_recount() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let officer = app.user("reader@gov.uz", Role::Officer, None).await;
    let outline = learning::course_outline(db, officer, "data-literacy", Locale::En)
        .await
        .unwrap();
    let (first, second) = (&outline.lessons[0].slug, &outline.lessons[1].slug);
    learning::enrol(db, officer, "data-literacy").await.unwrap();
    assert_eq!(stored(&app, officer).await, (0, 0, None));
    let now = Utc::now();
    assert_eq!(
        summary::status(&enrolment_of(&app, officer).await, now),
        EnrolmentStatus::NotStarted
    );

    let opened = Utc::now();
    learning::record_time(db, officer, "data-literacy", first, 30, opened)
        .await
        .unwrap();
    let minute_later = opened + Duration::seconds(60);
    let mut parallel = tokio::task::JoinSet::new();
    for _ in 0..12 {
        let (db, lesson) = (db.clone(), first.clone());
        parallel.spawn(async move {
            learning::record_time(&db, officer, "data-literacy", &lesson, 60, minute_later).await
        });
    }
    while let Some(result) = parallel.join_next().await {
        result.unwrap().unwrap();
    }
    assert_eq!(
        stored(&app, officer).await.1,
        60,
        "one minute, credited once"
    );
    assert_eq!(stored(&app, officer).await, counted(&app, officer).await);
    assert_eq!(
        summary::status(&enrolment_of(&app, officer).await, Utc::now()),
        EnrolmentStatus::InProgress
    );

    // Completed by several requests at once (a double click on two tabs): counted once.
    let mut parallel = tokio::task::JoinSet::new();
    for _ in 0..6 {
        let (db, lesson) = (db.clone(), first.clone());
        parallel.spawn(async move {
            learning::complete_lesson(&db, officer, "data-literacy", &lesson, None).await
        });
    }
    while let Some(result) = parallel.join_next().await {
        result.unwrap().unwrap();
    }
    // Without JavaScript: the page was served five minutes ago, its receipt says.
    let served = Utc::now() - Duration::minutes(5);
    learning::complete_lesson(db, officer, "data-literacy", second, Some(served))
        .await
        .unwrap();
    let summary_now = stored(&app, officer).await;
    assert_eq!(summary_now.0, 2, "two lessons completed");
    assert!(summary_now.1 >= 60 + 299, "the untimed five minutes count");
    assert_eq!(summary_now, counted(&app, officer).await);
    assert_eq!(summary::differences(&db.read).await.unwrap(), vec![]);

    app.complete_course(officer, "data-literacy", Utc::now())
        .await;
    assert_eq!(stored(&app, officer).await, counted(&app, officer).await);
    assert_eq!(
        summary::status(&enrolment_of(&app, officer).await, Utc::now()),
        EnrolmentStatus::Completed
    );
    assert_eq!(summary::differences(&db.read).await.unwrap(), vec![]);
}

fn summaries_check(app: &TestApp, repair: bool) -> (bool, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_malaka-server"));
    command
        .args(["summaries", "check"])
        .env("DATABASE_URL", &app.database_url);
    if repair {
        command.arg("--repair");
    }
    let output = command.output().unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[tokio::test]
async fn the_check_command_finds_a_tampered_summary_and_repairs_it() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let officer = app.user("reader@gov.uz", Role::Officer, None).await;
    let first = learning::enrol(db, officer, "cybersecurity")
        .await
        .unwrap()
        .unwrap();
    let served = Utc::now() - Duration::minutes(3);
    learning::complete_lesson(db, officer, "cybersecurity", &first, Some(served))
        .await
        .unwrap();
    assert_eq!(summaries_check(&app, false), (true, String::new()));

    let enrolment = enrolment_of(&app, officer).await;
    enrolment::Entity::update_many()
        .col_expr(enrolment::Column::SecondsSpent, Expr::value(5i64))
        .filter(enrolment::Column::Id.eq(enrolment.id))
        .exec(&db.write)
        .await
        .unwrap();
    let (clean, printed) = summaries_check(&app, false);
    assert!(!clean, "a difference fails the check");
    assert!(
        printed.contains(&format!("enrolment {} ", enrolment.id)),
        "{printed}"
    );
    let differences = summary::differences(&db.read).await.unwrap();
    assert_eq!(differences.len(), 1);
    assert_eq!(differences[0].stored.seconds_spent, 5);
    assert_eq!(
        differences[0].counted.seconds_spent,
        counted(&app, officer).await.1
    );

    assert!(summaries_check(&app, true).0, "--repair rewrites it");
    assert_eq!(summaries_check(&app, false), (true, String::new()));
    assert_eq!(stored(&app, officer).await, counted(&app, officer).await);
}

/// The reports' SQL is built from `EnrolmentStatus::of`; here both are asked about people in
/// every combination (read or not, due passed or not, completed or not) and must agree, with
/// the transcript too.
#[tokio::test]
async fn the_reports_sql_and_the_transcript_give_each_enrolment_the_same_status() {
    use malaka_domain::reports::query::{self, LineOrder, Selection};
    use malaka_domain::reports::transcript::transcript;
    let app = TestApp::new().await;
    let db = &app.state.db;
    let admin = crate::people::admin(&app).await;
    let now = Utc::now();
    let mut expected = Vec::new();
    for (index, (read, past_due, completed)) in [
        (false, false, false),
        (true, false, false),
        (false, true, false),
        (true, true, false),
        (true, false, true),
        (true, true, true),
    ]
    .into_iter()
    .enumerate()
    {
        let person = app
            .user(&format!("p{index}@gov.uz"), Role::Officer, None)
            .await;
        let first = learning::enrol(db, person, "cybersecurity")
            .await
            .unwrap()
            .unwrap();
        if read {
            learning::complete_lesson(db, person, "cybersecurity", &first, None)
                .await
                .unwrap();
        }
        let due = match past_due {
            true => now - Duration::days(2),
            false => now + Duration::days(2),
        };
        enrolment::Entity::update_many()
            .col_expr(enrolment::Column::DueAt, Expr::value(Some(due)))
            .col_expr(
                enrolment::Column::CompletedAt,
                Expr::value(completed.then_some(now - Duration::days(1))),
            )
            .filter(enrolment::Column::UserId.eq(person))
            .exec(&db.write)
            .await
            .unwrap();
        let status = EnrolmentStatus::of(completed, past_due, read);
        assert_eq!(
            summary::status(&enrolment_of(&app, person).await, now),
            status
        );
        expected.push((person, status));
    }
    let lines = query::lines(
        &db.read,
        &Selection::default(),
        now,
        LineOrder::ChaseFirst,
        None,
    )
    .await
    .unwrap();
    let rank = |status: &EnrolmentStatus| EnrolmentStatus::ALL.iter().position(|s| s == status);
    let ranks: Vec<_> = lines.iter().map(|l| rank(&l.status)).collect();
    assert!(
        ranks.windows(2).all(|pair| pair[0] <= pair[1]),
        "chasing order: overdue, not started, in progress, completed: {ranks:?}"
    );
    let mut from_sql: Vec<(i32, EnrolmentStatus)> =
        lines.iter().map(|l| (l.user_id, l.status)).collect();
    from_sql.sort_by_key(|(person, _)| *person);
    assert_eq!(from_sql, expected);
    for (person, status) in expected {
        let record = transcript(db, &admin, person, Locale::En, now)
            .await
            .unwrap();
        assert_eq!(record.courses[0].status, status, "person {person}");
    }
}

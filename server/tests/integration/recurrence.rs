//! Recurring assignments: the next round opens a period after each completion, once, keeps the
//! finished round on the transcript, and is completed like the first, with a new certificate.

use chrono::{DateTime, Duration, Months, Utc};
use malaka_app::i18n::Locale;
use malaka_domain::assignments::{self, end_of_day_in_tashkent, tashkent_date, Audience};
use malaka_domain::entities::{certificate, enrolment, outbox_message, training_round};
use malaka_domain::{
    assignments::recurrence, assignments::reminders, learning, quiz::attempts, reports,
};
use malaka_shared::learning::LessonState;
use malaka_shared::people::Role;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder,
};

use crate::assignments::{cybersecurity, hr_of, in_days};
use crate::people::tree;
use crate::support::TestApp;

/// The person's only enrolment, as stored.
pub async fn enrolment_of(app: &TestApp, person: i32) -> enrolment::Model {
    enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(person))
        .one(&app.state.db.read)
        .await
        .unwrap()
        .unwrap()
}

/// Moves the person's completion back in time, as if it happened `days` ago.
async fn completed_days_ago(app: &TestApp, person: i32, days: i64) -> DateTime<Utc> {
    let at = Utc::now() - Duration::days(days);
    let mut row = enrolment_of(app, person).await.into_active_model();
    row.completed_at = Set(Some(at));
    let row = row.update(&app.state.db.write).await.unwrap();
    row.completed_at.unwrap()
}

async fn emails(app: &TestApp, kind: &str) -> u64 {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq(kind))
        .count(&app.state.db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_next_round_opens_a_period_after_completion_and_is_completed_afresh() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let units = tree(&app).await;
    let hr = app.user("hr@gov.uz", Role::Hr, Some(units.registry)).await;
    let hr = hr_of(hr, units.registry);
    let officer = app
        .user("officer@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    assignments::create(
        db,
        &hr,
        cybersecurity(Audience::Unit(units.registry), in_days(5)),
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    let first_score = app
        .complete_course(officer, "cybersecurity", Utc::now())
        .await;
    assert_eq!(
        recurrence::open_due_rounds(db, Utc::now()).await.unwrap(),
        0,
        "a course just completed is not due again"
    );

    let completed_at = completed_days_ago(&app, officer, 340).await;
    let now = Utc::now();
    assert_eq!(recurrence::open_due_rounds(db, now).await.unwrap(), 1);
    assert_eq!(
        recurrence::open_due_rounds(db, now + Duration::hours(1))
            .await
            .unwrap(),
        0,
        "a round opens once"
    );

    let reopened = enrolment_of(&app, officer).await;
    assert_eq!(reopened.completed_at, None);
    assert_eq!(reopened.score_percent, None);
    let expected_due = end_of_day_in_tashkent(
        tashkent_date(completed_at)
            .checked_add_months(Months::new(12))
            .unwrap(),
    );
    assert_eq!(reopened.due_at, Some(expected_due));
    let kept = training_round::Entity::find()
        .filter(training_round::Column::UserId.eq(officer))
        .all(&db.read)
        .await
        .unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].completed_at, completed_at);
    assert_eq!(kept[0].score_percent, Some(first_score));
    assert_eq!(emails(&app, "training_round_opened").await, 1);

    // The learner starts again: lessons unread, the quiz open although it was passed before.
    let outline = learning::course_outline(db, officer, "cybersecurity", Locale::En)
        .await
        .unwrap();
    assert!(outline
        .lessons
        .iter()
        .all(|l| l.state != LessonState::Completed));
    let quiz = attempts::overview(db, officer, "cybersecurity", Locale::En)
        .await
        .unwrap();
    assert_eq!(quiz.blocked, None);

    // HR sees the round as not done, and the earlier one on the transcript.
    let overview = assignments::overview(db, &hr, Locale::En, now)
        .await
        .unwrap();
    assert_eq!(
        (overview.rows[0].people, overview.rows[0].completed),
        (2, 0)
    );
    let transcript = reports::transcript::transcript(db, &hr, officer, Locale::En, now)
        .await
        .unwrap();
    assert_eq!(
        transcript.courses[0].status,
        malaka_shared::reports::EnrolmentStatus::NotStarted
    );
    assert_eq!(transcript.courses[0].lessons_completed, 0);
    assert_eq!(transcript.earlier_rounds.len(), 1);
    assert_eq!(
        transcript.earlier_rounds[0].completed_on,
        tashkent_date(completed_at).format("%Y-%m-%d").to_string()
    );

    // The opening email counts as this week's reminder.
    reminders::run(db, Utc::now() + Duration::days(1))
        .await
        .unwrap();
    let reminded = outbox_message::Entity::find()
        .filter(outbox_message::Column::Recipient.eq("officer@gov.uz"))
        .filter(outbox_message::Column::Kind.eq("training_reminder"))
        .count(&db.read)
        .await
        .unwrap();
    assert_eq!(reminded, 0);

    // Reading one lesson again does not complete the round; the whole course does.
    let first_lesson = &outline.lessons[0].slug;
    learning::complete_lesson(db, officer, "cybersecurity", first_lesson, None)
        .await
        .unwrap();
    assert_eq!(enrolment_of(&app, officer).await.completed_at, None);
    app.complete_course(officer, "cybersecurity", Utc::now())
        .await;
    assert!(enrolment_of(&app, officer).await.completed_at.is_some());
    let certificates = certificate::Entity::find()
        .filter(certificate::Column::UserId.eq(officer))
        .order_by_asc(certificate::Column::Sequence)
        .all(&db.read)
        .await
        .unwrap();
    assert_eq!(certificates.len(), 2, "each round earns its certificate");
    assert_eq!(certificates[1].replaces_id, Some(certificates[0].id));
}

#[tokio::test]
async fn a_completion_before_the_assignment_counts_and_one_off_assignments_never_reopen() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let units = tree(&app).await;
    let hr = app.user("hr@gov.uz", Role::Hr, Some(units.registry)).await;
    let hr = hr_of(hr, units.registry);
    let early = app
        .user("early@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    app.complete_course(early, "cybersecurity", Utc::now())
        .await;
    completed_days_ago(&app, early, 800).await;

    let mut once = cybersecurity(Audience::Unit(units.registry), in_days(20));
    once.recur_months = None;
    assignments::create(db, &hr, once, None, Utc::now())
        .await
        .unwrap();
    assert_eq!(
        recurrence::open_due_rounds(db, Utc::now()).await.unwrap(),
        0
    );
    assert!(enrolment_of(&app, early).await.completed_at.is_some());

    // Two years on, a yearly rule makes it due again, by the rule's own date.
    let (rule, _) = assignments::create(
        db,
        &hr,
        cybersecurity(Audience::Unit(units.registry), in_days(20)),
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(
        recurrence::open_due_rounds(db, Utc::now()).await.unwrap(),
        1
    );
    let reopened = enrolment_of(&app, early).await;
    assert_eq!(reopened.assignment_id, Some(rule.id));
    assert_eq!(reopened.due_at, Some(rule.due_at));
}

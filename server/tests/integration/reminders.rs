//! Due-date reminders and managers' digests: who gets them, and how often at most.

use chrono::{Duration, Utc};
use malaka_domain::assignments::reminders::{self, ReminderReport};
use malaka_domain::entities::{enrolment, outbox_message, reminder};
use malaka_domain::people::organisation::set_manager;
use malaka_shared::people::Role;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
};

use crate::people::tree;
use crate::support::TestApp;

async fn enrol_due(app: &TestApp, person: i32, due_in_days: i64, completed: bool) {
    let course = malaka_domain::entities::course::Entity::find()
        .filter(malaka_domain::entities::course::Column::Slug.eq("cybersecurity"))
        .one(&app.state.db.read)
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    enrolment::ActiveModel {
        user_id: Set(person),
        course_id: Set(course.id),
        enrolled_at: Set(now - Duration::days(30)),
        due_at: Set(Some(now + Duration::days(due_in_days))),
        completed_at: Set(completed.then_some(now)),
        ..Default::default()
    }
    .insert(&app.state.db.write)
    .await
    .unwrap();
}

async fn emails_to(app: &TestApp, email: &str, kind: &str) -> u64 {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Recipient.eq(email))
        .filter(outbox_message::Column::Kind.eq(kind))
        .count(&app.state.db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn people_are_reminded_before_the_due_date_and_when_overdue_at_most_once_a_week() {
    let app = TestApp::new().await;
    let units = tree(&app).await;
    let soon = app
        .user("soon@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    let late = app
        .user("late@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    let relaxed = app
        .user("relaxed@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    let done = app
        .user("done@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    enrol_due(&app, soon, 3, false).await;
    enrol_due(&app, late, -2, false).await;
    enrol_due(&app, relaxed, 40, false).await;
    enrol_due(&app, done, -2, true).await;
    let now = Utc::now();

    let first = reminders::run(&app.state.db, now).await.unwrap();
    assert_eq!(
        first,
        ReminderReport {
            due_soon: 1,
            overdue: 1,
            digests: 0
        }
    );
    assert_eq!(emails_to(&app, "soon@gov.uz", "training_reminder").await, 1);
    assert_eq!(emails_to(&app, "late@gov.uz", "training_reminder").await, 1);
    assert_eq!(
        emails_to(&app, "relaxed@gov.uz", "training_reminder").await,
        0
    );
    assert_eq!(emails_to(&app, "done@gov.uz", "training_reminder").await, 0);

    let hourly = reminders::run(&app.state.db, now + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(
        hourly,
        ReminderReport::default(),
        "nothing more within the week"
    );
    let six_days = reminders::run(&app.state.db, now + Duration::days(6))
        .await
        .unwrap();
    assert_eq!(six_days, ReminderReport::default());
    let next_week = reminders::run(&app.state.db, now + Duration::days(8))
        .await
        .unwrap();
    assert_eq!(
        next_week.overdue, 2,
        "both are overdue by then, and a week has passed"
    );
    assert_eq!(emails_to(&app, "late@gov.uz", "training_reminder").await, 2);
    assert_eq!(
        reminder::Entity::find()
            .count(&app.state.db.read)
            .await
            .unwrap(),
        4
    );
}

#[tokio::test]
async fn a_units_manager_gets_a_weekly_digest_of_who_is_overdue_below_it() {
    let app = TestApp::new().await;
    let units = tree(&app).await;
    app.user("boss@gov.uz", Role::Officer, Some(units.registry))
        .await;
    app.user("calm@gov.uz", Role::Officer, Some(units.yunusobod))
        .await;
    let late = app
        .user("late@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    enrol_due(&app, late, -1, false).await;
    set_manager(&app.state.db.write, units.registry, "boss@gov.uz")
        .await
        .unwrap();
    set_manager(&app.state.db.write, units.yunusobod, "calm@gov.uz")
        .await
        .unwrap();
    let now = Utc::now();

    assert_eq!(reminders::run(&app.state.db, now).await.unwrap().digests, 1);
    assert_eq!(emails_to(&app, "boss@gov.uz", "manager_digest").await, 1);
    assert_eq!(
        emails_to(&app, "calm@gov.uz", "manager_digest").await,
        0,
        "nobody is overdue in Yunusobod"
    );
    let listed = reminders::overdue_below(&app.state.db, units.registry, now)
        .await
        .unwrap();
    assert_eq!(
        listed.iter().map(|l| l.email.as_str()).collect::<Vec<_>>(),
        ["late@gov.uz"]
    );

    assert_eq!(
        reminders::run(&app.state.db, now + Duration::days(2))
            .await
            .unwrap()
            .digests,
        0
    );
    assert_eq!(
        reminders::run(&app.state.db, now + Duration::days(8))
            .await
            .unwrap()
            .digests,
        1
    );
    assert!(
        set_manager(&app.state.db.write, units.registry, "nobody@gov.uz")
            .await
            .is_err()
    );
}

#[tokio::test]
async fn reminder_and_digest_emails_are_composed_in_the_recipients_language() {
    let app = TestApp::new().await;
    let units = tree(&app).await;
    app.user("boss@gov.uz", Role::Officer, Some(units.registry))
        .await;
    let late = app
        .user("late@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    enrol_due(&app, late, -1, false).await;
    set_manager(&app.state.db.write, units.registry, "boss@gov.uz")
        .await
        .unwrap();
    reminders::run(&app.state.db, Utc::now()).await.unwrap();
    let from: lettre::message::Mailbox = "Malaka <no-reply@malaka.localhost>".parse().unwrap();
    let rows = outbox_message::Entity::find()
        .all(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    for row in rows {
        let message = malaka_domain::mail::compose::compose(&app.state, &from, &row)
            .await
            .unwrap();
        // English with curly quotes goes out quoted-printable: undo its soft breaks and `=3D`.
        let text = String::from_utf8_lossy(&message.formatted())
            .replace("=\r\n", "")
            .replace("=3D", "=");
        assert!(text.contains(&format!("To: {}", row.recipient)), "{text}");
        let link = if row.kind == "manager_digest" {
            format!("/hr/reports?unit={}&status=overdue", units.registry)
        } else {
            "/courses/cybersecurity".to_owned()
        };
        assert!(text.contains(&link), "{} links to {link}: {text}", row.kind);
    }
}

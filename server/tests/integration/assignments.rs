//! Mandatory training: assignments to a sub-tree, a position or a list, HR's reach, and people
//! who join later.

use chrono::{Duration, NaiveDate, Utc};
use malaka_app::i18n::Locale;
use malaka_domain::assignments::{self, end_of_day_in_tashkent, Audience, NewAssignment};
use malaka_domain::entities::{enrolment, user};
use malaka_domain::people::import;
use malaka_domain::CurrentUser;
use malaka_domain::Error;
use malaka_shared::people::Role;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
};

use crate::people::{admin, tree};
use crate::support::TestApp;

pub fn hr_of(id: i32, unit: i32) -> CurrentUser {
    CurrentUser {
        id,
        name: "HR".into(),
        email: "hr@gov.uz".into(),
        role: Role::Hr,
        language: Locale::En,
        org_unit_id: Some(unit),
    }
}

pub fn in_days(days: i64) -> NaiveDate {
    (Utc::now() + Duration::days(days)).date_naive()
}

pub fn cybersecurity(audience: Audience, due_on: NaiveDate) -> NewAssignment {
    NewAssignment {
        course_slug: "cybersecurity".into(),
        audience,
        due_on,
        recur_months: Some(12),
    }
}

async fn due_of(app: &TestApp, person: i32) -> Option<chrono::DateTime<Utc>> {
    enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(person))
        .one(&app.state.db.read)
        .await
        .unwrap()
        .and_then(|e| e.due_at)
}

#[tokio::test]
async fn a_unit_assignment_reaches_its_sub_units_and_no_one_else() {
    let app = TestApp::new().await;
    let units = tree(&app).await;
    let hr = app.user("hr@gov.uz", Role::Hr, Some(units.registry)).await;
    let in_office = app
        .user("a@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    let in_department = app
        .user("b@gov.uz", Role::Officer, Some(units.registry))
        .await;
    let in_ministry_only = app
        .user("c@gov.uz", Role::Officer, Some(units.ministry))
        .await;
    let elsewhere = app
        .user("d@gov.uz", Role::Officer, Some(units.other_ministry))
        .await;

    let due = in_days(30);
    let (_, enrolled) = assignments::create(
        &app.state.db,
        &hr_of(hr, units.registry),
        cybersecurity(Audience::Unit(units.registry), due),
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(enrolled, 3, "the office, the department, and HR themselves");
    assert_eq!(
        due_of(&app, in_office).await,
        Some(end_of_day_in_tashkent(due))
    );
    assert_eq!(
        due_of(&app, in_department).await,
        Some(end_of_day_in_tashkent(due))
    );
    assert_eq!(due_of(&app, in_ministry_only).await, None);
    assert_eq!(due_of(&app, elsewhere).await, None);
}

#[tokio::test]
async fn hr_of_one_department_cannot_assign_to_another_or_name_its_people() {
    let app = TestApp::new().await;
    let units = tree(&app).await;
    let hr = hr_of(
        app.user("hr@gov.uz", Role::Hr, Some(units.chilonzor)).await,
        units.chilonzor,
    );
    let colleague = app
        .user("mine@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    let outsider = app
        .user("theirs@gov.uz", Role::Officer, Some(units.yunusobod))
        .await;
    let db = &app.state.db;

    let other_unit = assignments::create(
        db,
        &hr,
        cybersecurity(Audience::Unit(units.yunusobod), in_days(9)),
        None,
        Utc::now(),
    )
    .await;
    assert_eq!(other_unit.unwrap_err(), Error::Forbidden);
    let listed = assignments::create(
        db,
        &hr,
        cybersecurity(
            Audience::People(vec![
                "MINE@gov.uz".into(),
                "theirs@gov.uz".into(),
                "nobody@gov.uz".into(),
            ]),
            in_days(9),
        ),
        None,
        Utc::now(),
    )
    .await;
    assert_eq!(
        listed.unwrap_err(),
        Error::Refused(malaka_domain::Refusal::UnknownPeople(vec![
            "nobody@gov.uz".into(),
            "theirs@gov.uz".into()
        ])),
        "someone else's person reads like no one"
    );
    assert_eq!(
        due_of(&app, colleague).await,
        None,
        "refused whole: nobody was enrolled"
    );

    let (_, enrolled) = assignments::create(
        db,
        &hr,
        cybersecurity(Audience::People(vec!["mine@gov.uz".into()]), in_days(9)),
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(enrolled, 1);
    assert_eq!(due_of(&app, outsider).await, None);

    let past = assignments::create(
        db,
        &hr,
        cybersecurity(Audience::Unit(units.chilonzor), in_days(-1)),
        None,
        Utc::now(),
    )
    .await;
    assert_eq!(
        past.unwrap_err(),
        Error::Refused(malaka_domain::Refusal::DuePassed)
    );
}

#[tokio::test]
async fn people_who_join_later_are_assigned_with_the_same_window() {
    let app = TestApp::new().await;
    let units = tree(&app).await;
    let admin = admin(&app).await;
    let db = &app.state.db;
    let now = Utc::now();
    assignments::create(
        db,
        &admin,
        cybersecurity(Audience::Unit(units.registry), in_days(20)),
        None,
        now,
    )
    .await
    .unwrap();
    let clerks = NewAssignment {
        course_slug: "data-literacy".into(),
        audience: Audience::Position("Clerk".into()),
        due_on: in_days(10),
        recur_months: None,
    };
    assignments::create(db, &admin, clerks, None, now)
        .await
        .unwrap();

    // Forty days later, two people join: one a clerk in a sub-unit, one elsewhere.
    let later = now + Duration::days(40);
    let file = "name,email,unit,position\nNew Clerk,clerk@gov.uz,Chilonzor office,Clerk\nOther,other@gov.uz,Ministry of Health / Registry,\n";
    let id = import::upload(db, &admin, "join.csv", file.as_bytes(), None, later)
        .await
        .unwrap();
    import::apply(&app.state, &admin, id, false, false, None, later)
        .await
        .unwrap();

    let clerk = user::Entity::find()
        .filter(user::Column::Email.eq("clerk@gov.uz"))
        .one(&db.read)
        .await
        .unwrap()
        .unwrap();
    let courses: Vec<(i32, Option<chrono::DateTime<Utc>>)> = enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(clerk.id))
        .all(&db.read)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.course_id, e.due_at))
        .collect();
    assert_eq!(
        courses.len(),
        2,
        "the unit's course and the position's course"
    );
    for (_, due) in &courses {
        let due = due.expect("a due date");
        assert!(due > later, "a newcomer is never overdue on arrival: {due}");
    }
    let other = user::Entity::find()
        .filter(user::Column::Email.eq("other@gov.uz"))
        .one(&db.read)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(due_of(&app, other.id).await, None);
}

#[tokio::test]
async fn a_withdrawn_assignment_releases_its_people_and_enrols_no_newcomers() {
    let app = TestApp::new().await;
    let units = tree(&app).await;
    let admin = admin(&app).await;
    let db = &app.state.db;
    let hr = app.user("hr@gov.uz", Role::Hr, Some(units.registry)).await;
    let other_hr = app
        .user("hr2@gov.uz", Role::Hr, Some(units.other_ministry))
        .await;
    let officer = app
        .user("a@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    let (rule, _) = assignments::create(
        db,
        &hr_of(hr, units.registry),
        cybersecurity(Audience::Unit(units.registry), in_days(20)),
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(due_of(&app, officer).await.is_some());

    let elsewhere = assignments::cancel(
        db,
        &hr_of(other_hr, units.other_ministry),
        rule.id,
        None,
        Utc::now(),
    )
    .await;
    assert_eq!(elsewhere, Err(Error::NotFound), "not theirs to withdraw");

    assignments::cancel(db, &hr_of(hr, units.registry), rule.id, None, Utc::now())
        .await
        .unwrap();
    assert_eq!(due_of(&app, officer).await, None, "no longer due");
    assert_eq!(
        assignments::cancel(db, &admin, rule.id, None, Utc::now()).await,
        Err(Error::NotFound),
        "withdrawn once"
    );
    let overview = assignments::overview(db, &admin, Locale::En, Utc::now())
        .await
        .unwrap();
    assert!(overview.rows.is_empty());

    let file = "name,email,unit\nLate,late@gov.uz,Chilonzor office\n";
    let id = import::upload(db, &admin, "late.csv", file.as_bytes(), None, Utc::now())
        .await
        .unwrap();
    import::apply(&app.state, &admin, id, false, false, None, Utc::now())
        .await
        .unwrap();
    let late = user::Entity::find()
        .filter(user::Column::Email.eq("late@gov.uz"))
        .one(&db.read)
        .await
        .unwrap()
        .unwrap();
    let enrolled = enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(late.id))
        .one(&db.read)
        .await
        .unwrap();
    assert_eq!(enrolled, None, "a withdrawn assignment enrols nobody new");
}

#[tokio::test]
async fn a_completed_course_stays_completed_when_it_is_assigned() {
    let app = TestApp::new().await;
    let units = tree(&app).await;
    let admin = admin(&app).await;
    let done = app
        .user("done@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    malaka_domain::learning::enrol(&app.state.db, done, "cybersecurity")
        .await
        .unwrap();
    let row = enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(done))
        .one(&app.state.db.read)
        .await
        .unwrap()
        .unwrap();
    let mut row = row.into_active_model();
    row.completed_at = Set(Some(Utc::now()));
    row.update(&app.state.db.write).await.unwrap();

    let (_, enrolled) = assignments::create(
        &app.state.db,
        &admin,
        cybersecurity(Audience::Unit(units.chilonzor), in_days(5)),
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(enrolled, 0);
    assert_eq!(due_of(&app, done).await, None);
}

#[tokio::test]
async fn officers_cannot_open_the_assignment_pages_and_hr_sees_its_form() {
    let app = TestApp::new().await;
    let units = tree(&app).await;
    let officer = app
        .user("o@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    let hr = app.user("hr@gov.uz", Role::Hr, Some(units.registry)).await;
    let officer_cookie = app.cookie_for(officer).await;
    assert_eq!(
        app.get("/hr/assignments", Some(&officer_cookie))
            .await
            .status,
        403
    );
    let refused = app
        .post_form(
            "/api/create-assignment",
            &[
                ("course", "cybersecurity"),
                ("audience", "unit"),
                ("unit", &units.chilonzor.to_string()),
                ("due_on", "2099-01-01"),
            ],
            Some(&officer_cookie),
        )
        .await;
    assert_ne!(refused.status, 200);
    assert_eq!(due_of(&app, officer).await, None);

    let hr_cookie = app.cookie_for(hr).await;
    let page = app.get("/hr/assignments", Some(&hr_cookie)).await;
    assert_eq!(page.status, 200);
    assert!(page
        .body
        .contains("Ministry of Justice / Registry / Chilonzor office"));
    assert!(
        !page.body.contains("Ministry of Health"),
        "only HR's own units are offered"
    );
    let posted = app
        .post_form(
            "/api/create-assignment",
            &[
                ("course", "cybersecurity"),
                ("audience", "unit"),
                ("unit", &units.chilonzor.to_string()),
                ("due_on", &in_days(14).to_string()),
                ("recur_months", "12"),
            ],
            Some(&hr_cookie),
        )
        .await;
    assert_eq!(posted.location(), Some("/hr/assignments?assigned=1"));
    assert!(due_of(&app, officer).await.is_some());
    let listed = app.get("/hr/assignments", Some(&hr_cookie)).await;
    assert!(listed.body.contains("Every 12 months"), "{}", listed.body);
}

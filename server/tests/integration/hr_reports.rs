//! HR's reports: numbers checked against counts made independently here, HR's reach, the
//! flagged completions, and the CSV and XLSX files.

use chrono::{Duration, Utc};
use malaka_app::i18n::Locale;
use malaka_domain::entities::{course, enrolment, lesson, lesson_progress, quiz_attempt};
use malaka_domain::reports::dashboard::dashboard;
use malaka_domain::reports::export::{self, FileFormat, ReportKind};
use malaka_domain::reports::transcript::transcript;
use malaka_domain::CurrentUser;
use malaka_domain::Error;
use malaka_shared::people::Role;
use malaka_shared::reports::{EnrolmentStatus, ReportFilter};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use std::io::Read;

use crate::people::{admin, tree, Tree};
use crate::support::TestApp;

#[derive(Clone, Copy, Debug, PartialEq)]
enum State {
    Completed,
    Overdue,
    InProgress,
    NotStarted,
}

fn viewer(id: i32, role: Role, unit: Option<i32>) -> CurrentUser {
    CurrentUser {
        id,
        name: "Viewer".into(),
        email: "viewer@gov.uz".into(),
        role,
        language: Locale::En,
        org_unit_id: unit,
    }
}

async fn course_id(app: &TestApp, slug: &str) -> i32 {
    course::Entity::find()
        .filter(course::Column::Slug.eq(slug))
        .one(&app.state.db.read)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Puts `person` on the cybersecurity course in `state`, the way the application would leave it.
async fn put(app: &TestApp, person: i32, state: State, seconds_spent: i32) {
    let db = &app.state.db.write;
    let now = Utc::now();
    let course = course_id(app, "cybersecurity").await;
    let due = match state {
        State::Overdue => now - Duration::days(3),
        _ => now + Duration::days(10),
    };
    let read = matches!(state, State::InProgress | State::Completed);
    enrolment::ActiveModel {
        user_id: Set(person),
        course_id: Set(course),
        enrolled_at: Set(now - Duration::days(20)),
        due_at: Set(Some(due)),
        completed_at: Set((state == State::Completed).then_some(now - Duration::days(1))),
        score_percent: Set((state == State::Completed).then_some(90)),
        // With the summary the progress row below adds up to (`staffed` checks it does).
        lessons_done: Set(i32::from(read)),
        seconds_spent: Set(if read { seconds_spent.into() } else { 0 }),
        last_progress_at: Set(read.then_some(now - Duration::days(2))),
        ..Default::default()
    }
    .insert(db)
    .await
    .unwrap();
    if read {
        let first = lesson::Entity::find()
            .filter(lesson::Column::CourseId.eq(course))
            .one(&app.state.db.read)
            .await
            .unwrap()
            .unwrap();
        lesson_progress::ActiveModel {
            user_id: Set(person),
            lesson_id: Set(first.id),
            started_at: Set(now - Duration::days(2)),
            last_seen_at: Set(now - Duration::days(2)),
            completed_at: Set(Some(now - Duration::days(2))),
            seconds_spent: Set(seconds_spent),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
}

/// Ten people across two offices, a department and another ministry, in known states.
async fn staffed(app: &TestApp) -> (Tree, Vec<(i32, i32, State)>) {
    let units = tree(app).await;
    let plan = [
        (units.chilonzor, State::Completed),
        (units.chilonzor, State::Completed),
        (units.chilonzor, State::Overdue),
        (units.chilonzor, State::InProgress),
        (units.yunusobod, State::NotStarted),
        (units.yunusobod, State::Overdue),
        (units.yunusobod, State::Completed),
        (units.registry, State::InProgress),
        (units.other_ministry, State::Completed),
        (units.other_ministry, State::Overdue),
    ];
    let mut people = Vec::new();
    for (index, (unit, state)) in plan.into_iter().enumerate() {
        let id = app
            .user(&format!("p{index}@gov.uz"), Role::Officer, Some(unit))
            .await;
        // An hour on the course: no completion here looks gamed.
        put(app, id, state, 3600 * 4).await;
        people.push((id, unit, state));
    }
    let differences = malaka_domain::learning::summary::differences(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(
        differences,
        vec![],
        "the fixture is what the application would write"
    );
    (units, people)
}

fn count(people: &[(i32, i32, State)], units: &[i32], state: State) -> u64 {
    people
        .iter()
        .filter(|(_, unit, s)| units.contains(unit) && *s == state)
        .count() as u64
}

#[tokio::test]
async fn the_dashboard_counts_what_was_counted_independently_by_unit_and_by_region() {
    let app = TestApp::new().await;
    let (units, people) = staffed(&app).await;
    let hr = app.user("hr@gov.uz", Role::Hr, Some(units.registry)).await;
    let hr = viewer(hr, Role::Hr, Some(units.registry));
    let report = dashboard(
        &app.state.db,
        &hr,
        ReportFilter::default(),
        0,
        Locale::En,
        Utc::now(),
    )
    .await
    .unwrap();
    let mine = [units.registry, units.chilonzor, units.yunusobod];
    assert_eq!(report.totals.total, 8, "the other ministry is out of reach");
    assert_eq!(
        report.totals.completed,
        count(&people, &mine, State::Completed)
    );
    assert_eq!(report.totals.overdue, count(&people, &mine, State::Overdue));
    assert_eq!(
        report.totals.in_progress,
        count(&people, &mine, State::InProgress)
    );
    assert_eq!(
        report.totals.not_started,
        count(&people, &mine, State::NotStarted)
    );

    let chilonzor = report
        .by_unit
        .iter()
        .find(|g| g.label == "Chilonzor office")
        .unwrap();
    assert_eq!(
        (
            chilonzor.total,
            chilonzor.completed,
            chilonzor.overdue,
            chilonzor.in_progress
        ),
        (4, 2, 1, 1)
    );
    assert_eq!(chilonzor.completion_percent(), 50);
    let direct = report
        .by_unit
        .iter()
        .find(|g| g.label == "Registry")
        .unwrap();
    assert_eq!(direct.total, 1, "people in the department itself");
    assert_eq!(report.by_region.len(), 1);
    assert_eq!(report.by_region[0].label, "Tashkent");
    assert_eq!(report.people_total, 8);
    assert_eq!(
        report.people[0].status,
        EnrolmentStatus::Overdue,
        "the ones to chase come first"
    );

    let admin = admin(&app).await;
    let everything = dashboard(
        &app.state.db,
        &admin,
        ReportFilter::default(),
        0,
        Locale::En,
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(everything.totals.total, 10);
    let samarkand = everything
        .by_region
        .iter()
        .find(|g| g.label == "Samarkand")
        .unwrap();
    assert_eq!(
        (samarkand.total, samarkand.completed, samarkand.overdue),
        (2, 1, 1)
    );

    let overdue_in_yunusobod = ReportFilter {
        unit: Some(units.yunusobod),
        status: Some(EnrolmentStatus::Overdue),
        ..Default::default()
    };
    let filtered = dashboard(
        &app.state.db,
        &hr,
        overdue_in_yunusobod,
        0,
        Locale::En,
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(filtered.people_total, 1);
    assert_eq!(filtered.people[0].email, "p5@gov.uz");
}

#[tokio::test]
async fn hr_of_one_department_sees_nothing_of_another() {
    let app = TestApp::new().await;
    let (units, people) = staffed(&app).await;
    let hr = app.user("hr@gov.uz", Role::Hr, Some(units.chilonzor)).await;
    let hr = viewer(hr, Role::Hr, Some(units.chilonzor));
    let elsewhere = ReportFilter {
        unit: Some(units.yunusobod),
        ..Default::default()
    };
    let refused = dashboard(&app.state.db, &hr, elsewhere, 0, Locale::En, Utc::now()).await;
    assert_eq!(refused.unwrap_err(), Error::Forbidden);
    let (outsider, _, _) = people
        .iter()
        .find(|(_, unit, _)| *unit == units.yunusobod)
        .unwrap();
    let hidden = transcript(&app.state.db, &hr, *outsider, Locale::En, Utc::now()).await;
    assert_eq!(hidden.unwrap_err(), Error::NotFound);
    let (colleague, _, _) = people
        .iter()
        .find(|(_, unit, _)| *unit == units.chilonzor)
        .unwrap();
    let record = transcript(&app.state.db, &hr, *colleague, Locale::En, Utc::now())
        .await
        .unwrap();
    assert_eq!(record.courses.len(), 1);
    assert_eq!(record.courses[0].status, EnrolmentStatus::Completed);
    let officer = viewer(*outsider, Role::Officer, Some(units.yunusobod));
    assert!(
        transcript(&app.state.db, &officer, *outsider, Locale::En, Utc::now())
            .await
            .is_ok(),
        "everyone sees their own"
    );
    assert!(dashboard(
        &app.state.db,
        &officer,
        ReportFilter::default(),
        0,
        Locale::En,
        Utc::now()
    )
    .await
    .unwrap()
    .people
    .is_empty());
}

#[tokio::test]
async fn completions_in_a_fraction_of_the_reading_time_or_with_a_quiz_passed_in_seconds_are_flagged(
) {
    let app = TestApp::new().await;
    let units = tree(&app).await;
    let skimmer = app
        .user("skim@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    let guesser = app
        .user("guess@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    let reader = app
        .user("read@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    put(&app, skimmer, State::Completed, 60).await;
    put(&app, guesser, State::Completed, 3600 * 4).await;
    put(&app, reader, State::Completed, 3600 * 4).await;
    let now = Utc::now();
    for (person, seconds) in [(guesser, 12), (reader, 900)] {
        quiz_attempt::ActiveModel {
            user_id: Set(person),
            course_id: Set(course_id(&app, "cybersecurity").await),
            number: Set(1),
            started_at: Set(now - Duration::seconds(seconds)),
            deadline_at: Set(None),
            submitted_at: Set(Some(now)),
            score_percent: Set(Some(100)),
            passed: Set(Some(true)),
            draw: Set("[]".into()),
            ..Default::default()
        }
        .insert(&app.state.db.write)
        .await
        .unwrap();
    }
    let admin = admin(&app).await;
    let report = dashboard(
        &app.state.db,
        &admin,
        ReportFilter::default(),
        0,
        Locale::En,
        now,
    )
    .await
    .unwrap();
    let mut flagged: Vec<(String, Vec<String>)> = report
        .flagged
        .iter()
        .map(|row| (row.email.clone(), row.flags.clone()))
        .collect();
    flagged.sort();
    assert_eq!(
        flagged,
        [
            ("guess@gov.uz".to_owned(), vec!["quiz".to_owned()]),
            ("skim@gov.uz".to_owned(), vec!["reading".to_owned()]),
        ]
    );
}

#[tokio::test]
async fn csv_and_xlsx_exports_hold_the_same_rows_as_the_page() {
    let app = TestApp::new().await;
    let (units, _) = staffed(&app).await;
    let hr = app.user("hr@gov.uz", Role::Hr, Some(units.registry)).await;
    let hr = viewer(hr, Role::Hr, Some(units.registry));
    let filter = ReportFilter::default();
    let now = Utc::now();
    let page = dashboard(&app.state.db, &hr, filter.clone(), 0, Locale::En, now)
        .await
        .unwrap();

    let csv = export::export(
        &app.state.db,
        &hr,
        &filter,
        ReportKind::People,
        FileFormat::Csv,
        Locale::En,
        now,
    )
    .await
    .unwrap();
    assert!(
        csv.bytes.starts_with(b"\xEF\xBB\xBF"),
        "Excel needs the byte-order mark for Cyrillic"
    );
    let text = String::from_utf8(csv.bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("Person,Email,Unit,Region,Position,Course,Status"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len() as u64, page.people_total + 1);
    let overdue_lines = lines.iter().filter(|l| l.contains(",Overdue,")).count() as u64;
    assert_eq!(overdue_lines, page.totals.overdue);

    let units_csv = export::export(
        &app.state.db,
        &hr,
        &filter,
        ReportKind::Units,
        FileFormat::Csv,
        Locale::Ru,
        now,
    )
    .await
    .unwrap();
    let units_text = String::from_utf8(units_csv.bytes[3..].to_vec()).unwrap();
    assert!(
        units_text
            .lines()
            .any(|l| l == "Chilonzor office,4,2,1,0,1,50"),
        "{units_text}"
    );

    let xlsx = export::export(
        &app.state.db,
        &hr,
        &filter,
        ReportKind::People,
        FileFormat::Xlsx,
        Locale::En,
        now,
    )
    .await
    .unwrap();
    assert!(xlsx.file_name.ends_with(".xlsx"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx.bytes)).unwrap();
    let mut sheet = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut sheet)
        .unwrap();
    let rows = sheet.matches("<row ").count() as u64;
    assert_eq!(rows, page.people_total + 1);
    for row in &page.people {
        assert!(
            sheet.contains(&row.email),
            "{} is in the workbook",
            row.email
        );
    }
}

#[tokio::test]
async fn officers_get_no_reports_and_hr_downloads_them() {
    let app = TestApp::new().await;
    let (units, people) = staffed(&app).await;
    let officer_cookie = app.cookie_for(people[0].0).await;
    assert_eq!(
        app.get("/hr/reports", Some(&officer_cookie)).await.status,
        403
    );
    assert_eq!(
        app.get("/hr/reports/export.csv?kind=people", Some(&officer_cookie))
            .await
            .status,
        403
    );
    let hr = app.user("hr@gov.uz", Role::Hr, Some(units.registry)).await;
    let cookie = app.cookie_for(hr).await;
    let page = app
        .get(
            &format!("/hr/reports?unit={}", units.chilonzor),
            Some(&cookie),
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("<svg"),
        "the charts are drawn on the server"
    );
    assert!(
        page.body
            .contains("4 enrolments: 2 completed (50%), 1 overdue."),
        "{}",
        page.body
    );
    let file = app
        .get(
            &format!(
                "/hr/reports/export.xlsx?kind=units&unit={}",
                units.chilonzor
            ),
            Some(&cookie),
        )
        .await;
    assert_eq!(file.status, 200);
    assert!(file.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains(".xlsx"));
    let elsewhere = app
        .get(
            &format!("/hr/reports?unit={}", units.other_ministry),
            Some(&cookie),
        )
        .await;
    assert_eq!(elsewhere.status, 403);
}

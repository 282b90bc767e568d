//! The benchmark's data set: what the seeder says it wrote is what the database holds, and the
//! reports count it.

use chrono::Utc;
use malaka_app::i18n::Locale;
use malaka_domain::entities::{enrolment, lesson_progress, org_unit, user};
use malaka_domain::reports::dashboard::dashboard;
use malaka_domain::CurrentUser;
use malaka_server::seed::{seed, Scale, REGIONS};
use malaka_shared::people::Role;
use malaka_shared::reports::ReportFilter;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::support::TestApp;

#[tokio::test]
async fn the_seeded_data_set_is_in_the_database_and_in_the_reports() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let scale = Scale {
        ministries: 2,
        units_per_department: 1,
        people: 120,
    };
    let seeded = seed(db, scale, Utc::now()).await.unwrap();
    assert_eq!(seeded.units, 2 * (1 + REGIONS.len() * 2));
    assert_eq!(
        org_unit::Entity::find().count(&db.read).await.unwrap() as usize,
        seeded.units
    );
    assert_eq!(
        user::Entity::find().count(&db.read).await.unwrap() as usize,
        120
    );
    assert_eq!(
        enrolment::Entity::find().count(&db.read).await.unwrap() as usize,
        seeded.enrolments
    );
    assert_eq!(
        lesson_progress::Entity::find()
            .count(&db.read)
            .await
            .unwrap() as usize,
        seeded.progress_rows
    );
    assert!(
        seeded.progress_rows > seeded.enrolments * 5,
        "most people are well into their courses"
    );

    let admin = CurrentUser {
        id: 0,
        name: "Admin".into(),
        email: "admin@gov.uz".into(),
        role: Role::Admin,
        language: Locale::En,
        org_unit_id: None,
    };
    let report = dashboard(
        db,
        &admin,
        ReportFilter::default(),
        0,
        Locale::En,
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(report.totals.total as usize, seeded.enrolments);
    assert_eq!(report.by_region.len(), REGIONS.len());
    assert!(report.totals.completed > report.totals.total / 2);
    assert!(report.totals.overdue > 0);
}

/// The people CSV is streamed a chunk of 2,000 rows at a time; over several chunks it is the
/// same file, byte for byte, as the one written in one piece, and its summaries recount equal.
#[tokio::test]
async fn the_streamed_people_csv_is_the_file_written_in_one_piece() {
    use malaka_domain::reports::export::{export, FileFormat, ReportKind};
    let app = TestApp::new().await;
    let db = &app.state.db;
    let scale = Scale {
        ministries: 2,
        units_per_department: 1,
        people: 900,
    };
    let now = Utc::now();
    let seeded = seed(db, scale, now).await.unwrap();
    assert!(seeded.enrolments > 2_000, "more than one chunk");
    assert_eq!(
        malaka_domain::learning::summary::differences(&db.read)
            .await
            .unwrap(),
        vec![],
        "the seeder writes the summaries the application would"
    );
    let admin_id = app.user("admin@gov.uz", Role::Admin, None).await;
    let cookie = app.cookie_for(admin_id).await;
    let streamed = app
        .get("/hr/reports/export.csv?kind=people", Some(&cookie))
        .await;
    assert_eq!(streamed.status, 200);
    assert!(streamed.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains(".csv"));
    let admin = CurrentUser {
        id: admin_id,
        name: "Admin".into(),
        email: "admin@gov.uz".into(),
        role: Role::Admin,
        language: Locale::En,
        org_unit_id: None,
    };
    let whole = export(
        db,
        &admin,
        &ReportFilter::default(),
        ReportKind::People,
        FileFormat::Csv,
        Locale::En,
        Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(
        streamed.bytes.len(),
        whole.bytes.len(),
        "same size as written at once"
    );
    assert!(streamed.bytes == whole.bytes, "the same bytes");
    let rows = String::from_utf8(streamed.bytes).unwrap().lines().count();
    assert_eq!(rows, seeded.enrolments + 1, "a header and every enrolment");
}

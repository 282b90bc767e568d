use malaka_app::i18n::Locale;
use malaka_domain::auth::session::CurrentUser;
use malaka_domain::people::organisation::{create_unit, UnitKind};
use malaka_domain::{learning, reports};
use malaka_shared::people::Role;

use crate::support::TestApp;

fn viewer(id: i32, role: Role, unit: i32) -> CurrentUser {
    CurrentUser {
        id,
        name: "HR".into(),
        email: "hr@gov.uz".into(),
        role,
        language: Locale::En,
        org_unit_id: Some(unit),
    }
}

#[tokio::test]
async fn hr_counts_only_people_in_their_own_subtree() {
    let app = TestApp::new().await;
    let db = &app.state.db;
    let ministry = create_unit(&db.write, None, UnitKind::Ministry, "Ministry", "Tashkent")
        .await
        .unwrap();
    let department = create_unit(
        &db.write,
        Some(ministry.id),
        UnitKind::Department,
        "Department",
        "Tashkent",
    )
    .await
    .unwrap();
    let samarkand = create_unit(
        &db.write,
        Some(department.id),
        UnitKind::Unit,
        "Samarkand",
        "Samarkand",
    )
    .await
    .unwrap();
    let other_ministry = create_unit(&db.write, None, UnitKind::Ministry, "Other", "Bukhara")
        .await
        .unwrap();

    let hr = app.user("hr@gov.uz", Role::Hr, Some(department.id)).await;
    let inside_done = app
        .user("a@gov.uz", Role::Officer, Some(samarkand.id))
        .await;
    let inside_started = app
        .user("b@gov.uz", Role::Officer, Some(department.id))
        .await;
    let outside = app
        .user("c@gov.uz", Role::Officer, Some(other_ministry.id))
        .await;

    let outline = learning::course_outline(db, inside_done, "cybersecurity", Locale::En)
        .await
        .unwrap();
    for lesson in &outline.lessons {
        learning::complete_lesson(db, inside_done, "cybersecurity", &lesson.slug, None)
            .await
            .unwrap();
    }
    learning::record_time(
        db,
        inside_started,
        "cybersecurity",
        &outline.lessons[0].slug,
        0,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    learning::enrol(db, outside, "cybersecurity").await.unwrap();

    let rows = reports::team_progress(db, &viewer(hr, Role::Hr, department.id), Locale::En)
        .await
        .unwrap();
    let cyber = rows.iter().find(|r| r.slug == "cybersecurity").unwrap();
    assert_eq!(
        (
            cyber.enrolled,
            cyber.completed,
            cyber.in_progress,
            cyber.not_started
        ),
        (2, 0, 2, 0),
        "every lesson done but the final quiz not passed yet: still in progress"
    );

    let all = reports::team_progress(db, &viewer(hr, Role::Admin, department.id), Locale::En)
        .await
        .unwrap();
    let cyber = all.iter().find(|r| r.slug == "cybersecurity").unwrap();
    assert_eq!(
        (cyber.enrolled, cyber.not_started),
        (3, 1),
        "admins see everyone"
    );
}

#[tokio::test]
async fn hr_sees_certificates_that_lapsed_in_their_subtree_only() {
    use chrono::{Duration, Utc};
    use malaka_domain::entities::certificate;
    use sea_orm::sea_query::Expr;
    use sea_orm::EntityTrait;

    let app = TestApp::new().await;
    let db = &app.state.db;
    let ministry = create_unit(&db.write, None, UnitKind::Ministry, "Ministry", "Tashkent")
        .await
        .unwrap();
    let other = create_unit(&db.write, None, UnitKind::Ministry, "Other", "Bukhara")
        .await
        .unwrap();
    let hr = app.user("hr@gov.uz", Role::Hr, Some(ministry.id)).await;
    let lapsed = app.user("a@gov.uz", Role::Officer, Some(ministry.id)).await;
    let current = app.user("b@gov.uz", Role::Officer, Some(ministry.id)).await;
    let elsewhere = app.user("c@gov.uz", Role::Officer, Some(other.id)).await;
    for user in [lapsed, current, elsewhere] {
        app.complete_course(user, "cybersecurity", Utc::now()).await;
    }
    use sea_orm::{ColumnTrait, QueryFilter};
    certificate::Entity::update_many()
        .col_expr(
            certificate::Column::ExpiresAt,
            Expr::value(Utc::now() - Duration::days(1)),
        )
        .filter(certificate::Column::UserId.is_in([lapsed, elsewhere]))
        .exec(&db.write)
        .await
        .unwrap();

    let rows = reports::team_progress(db, &viewer(hr, Role::Hr, ministry.id), Locale::En)
        .await
        .unwrap();
    let row = rows.iter().find(|r| r.slug == "cybersecurity").unwrap();
    assert_eq!(row.completed, 2);
    assert_eq!(row.lapsed, 1, "only the one in HR's own ministry");
}

/// Past Excel's row limit the export goes on in another worksheet with the same header,
/// instead of failing (a national export has three million rows).
#[test]
fn rows_past_a_sheets_limit_go_on_in_the_next_sheet() {
    use malaka_domain::reports::export::{to_xlsx_sheets, Cell};
    use std::io::Read;
    let header = vec!["Name".to_owned(), "Score".to_owned()];
    let rows: Vec<Vec<Cell>> = (0..5)
        .map(|n| {
            vec![
                Cell::Text(format!("person {n}")),
                Cell::Number(f64::from(n)),
            ]
        })
        .collect();
    let bytes = to_xlsx_sheets("people", &header, &rows, 2).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut workbook = String::new();
    archive
        .by_name("xl/workbook.xml")
        .unwrap()
        .read_to_string(&mut workbook)
        .unwrap();
    for name in ["\"people\"", "\"people 2\"", "\"people 3\""] {
        assert!(workbook.contains(name), "{workbook}");
    }
    let mut rows_seen = 0;
    for sheet in 1..=3 {
        let mut xml = String::new();
        archive
            .by_name(&format!("xl/worksheets/sheet{sheet}.xml"))
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(xml.contains(">Name<"), "the header on sheet {sheet}: {xml}");
        rows_seen += xml.matches("<row ").count() - 1;
    }
    assert_eq!(rows_seen, 5, "every row, once");
}

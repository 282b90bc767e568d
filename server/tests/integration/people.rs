//! Staff imports from CSV and the invitations they send.

use chrono::{Duration, Utc};
use malaka_domain::entities::{invitation, outbox_message, user};
use malaka_domain::mail::outbox::{self, Email};
use malaka_domain::people::invitations::LinkPurpose;
use malaka_domain::people::organisation::{add_unit, create_unit, UnitKind};
use malaka_domain::people::{import, invitations, staff_file};
use malaka_domain::{auth, CurrentUser, Error, Refusal};
use malaka_shared::people::Role;
use malaka_shared::people::{ImportProblem, LineProblem};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::support::{multipart_request, TestApp};

pub struct Tree {
    pub ministry: i32,
    pub registry: i32,
    pub chilonzor: i32,
    pub yunusobod: i32,
    pub other_ministry: i32,
}

/// Two ministries, each with a department called "Registry" (so the bare name is ambiguous).
pub async fn tree(app: &TestApp) -> Tree {
    let db = &app.state.db.write;
    let ministry = add_unit(db, None, "Ministry of Justice", "Tashkent")
        .await
        .unwrap();
    let registry = add_unit(db, Some(ministry.id), "Registry", "Tashkent")
        .await
        .unwrap();
    let chilonzor = add_unit(db, Some(registry.id), "Chilonzor office", "Tashkent")
        .await
        .unwrap();
    let yunusobod = add_unit(db, Some(registry.id), "Yunusobod office", "Tashkent")
        .await
        .unwrap();
    let other = create_unit(
        db,
        None,
        UnitKind::Ministry,
        "Ministry of Health",
        "Samarkand",
    )
    .await
    .unwrap();
    add_unit(db, Some(other.id), "Registry", "Samarkand")
        .await
        .unwrap();
    assert_eq!(registry.kind, "department");
    assert_eq!(chilonzor.kind, "unit");
    Tree {
        ministry: ministry.id,
        registry: registry.id,
        chilonzor: chilonzor.id,
        yunusobod: yunusobod.id,
        other_ministry: other.id,
    }
}

pub async fn admin(app: &TestApp) -> CurrentUser {
    let id = app.user("admin@gov.uz", Role::Admin, None).await;
    CurrentUser {
        id,
        name: "Admin".into(),
        email: "admin@gov.uz".into(),
        role: Role::Admin,
        language: malaka_app::i18n::Locale::En,
        org_unit_id: None,
    }
}

fn problems_of(report: &malaka_shared::people::ImportReport) -> Vec<(usize, ImportProblem)> {
    report
        .problems
        .iter()
        .map(|LineProblem { line, problem }| (*line, problem.clone()))
        .collect()
}

#[test]
fn excel_files_with_a_byte_order_mark_and_semicolons_are_read() {
    let file = "\u{feff}ФИО;Email;Unit;Должность\r\nДилноза Каримова;D.Karimova@Adliya.uz;Registry;Registrar\r\n;;;\r\n\"Rustamov, Aziz\";a.rustamov@adliya.uz;Registry;\r\n";
    let text = staff_file::decode(file.as_bytes()).unwrap();
    let parsed = staff_file::parse(&text).unwrap();
    assert!(parsed.problems.is_empty());
    let rows: Vec<(usize, &str, &str, Option<&str>)> = parsed
        .rows
        .iter()
        .map(|r| {
            (
                r.line,
                r.name.as_str(),
                r.email.as_str(),
                r.position.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                2,
                "Дилноза Каримова",
                "D.Karimova@Adliya.uz",
                Some("Registrar")
            ),
            (4, "Rustamov, Aziz", "a.rustamov@adliya.uz", None),
        ]
    );
}

#[test]
fn a_file_saved_in_windows_1251_is_refused_at_its_first_line_that_is_not_utf8() {
    let mut file = b"name,email,unit\nAziz,aziz@gov.uz,Registry\n".to_vec();
    // "Иван" in Windows-1251, as Excel's plain "CSV" writes it in a Russian locale.
    file.extend_from_slice(&[0xC8, 0xE2, 0xE0, 0xED]);
    file.extend_from_slice(b",ivan@gov.uz,Registry\n");
    let refused = staff_file::decode(&file).unwrap_err();
    assert_eq!(
        refused,
        LineProblem {
            line: 3,
            problem: ImportProblem::NotUtf8
        }
    );
}

#[test]
fn a_file_without_a_required_column_names_each_missing_column() {
    let refused = staff_file::parse("name,position\nAziz,Clerk\n").unwrap_err();
    let columns: Vec<ImportProblem> = refused.into_iter().map(|p| p.problem).collect();
    assert_eq!(
        columns,
        [
            ImportProblem::MissingColumn {
                column: "email".into()
            },
            ImportProblem::MissingColumn {
                column: "unit".into()
            },
        ]
    );
}

#[tokio::test]
async fn every_bad_row_is_reported_with_its_line_and_nothing_is_created() {
    let app = TestApp::new().await;
    tree(&app).await;
    let admin = admin(&app).await;
    app.user("taken@gov.uz", Role::Officer, None).await;
    let file = "name,email,unit,position,language,role\n\
        Dilnoza Karimova,d.karimova@gov.uz,Ministry of Justice / Registry / Chilonzor office,Registrar,uz,officer\n\
        No Email,,Ministry of Justice / Registry,,,\n\
        Again,D.KARIMOVA@gov.uz,Chilonzor office,,,\n\
        Nowhere,nowhere@gov.uz,Atlantis,,,\n\
        Broken,not-an-address,Chilonzor office,,,\n\
        Twice,taken@gov.uz,Chilonzor office,,,\n\
        Which,which@gov.uz,Registry,,,\n\
        Klingon,k@gov.uz,Chilonzor office,,tlh,\n\
        Boss,boss@gov.uz,Chilonzor office,,,emperor\n\
        Short,short@gov.uz\n\
        Fine Too,fine@gov.uz,Yunusobod office,,ru,HR\n";
    let id = import::upload(
        &app.state.db,
        &admin,
        "staff.csv",
        file.as_bytes(),
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    let report = import::report(&app.state.db.read, id).await.unwrap();
    assert_eq!((report.rows_total, report.rows_clean), (11, 2));
    assert_eq!(
        problems_of(&report),
        [
            (
                3,
                ImportProblem::MissingValue {
                    column: "email".into()
                }
            ),
            (4, ImportProblem::DuplicateInFile { first_line: 2 }),
            (
                5,
                ImportProblem::UnknownUnit {
                    value: "Atlantis".into()
                }
            ),
            (
                6,
                ImportProblem::InvalidEmail {
                    value: "not-an-address".into()
                }
            ),
            (
                7,
                ImportProblem::EmailTaken {
                    value: "taken@gov.uz".into()
                }
            ),
            (
                8,
                ImportProblem::AmbiguousUnit {
                    value: "Registry".into()
                }
            ),
            (
                9,
                ImportProblem::UnknownLanguage {
                    value: "tlh".into()
                }
            ),
            (
                10,
                ImportProblem::UnknownRole {
                    value: "emperor".into()
                }
            ),
            (
                11,
                ImportProblem::WrongFieldCount {
                    expected: 6,
                    found: 2
                }
            ),
        ]
    );

    let refused = import::apply(&app.state, &admin, id, false, false, None, Utc::now()).await;
    assert_eq!(
        refused.map(|_| ()),
        Err(Error::Refused(Refusal::ImportHasProblems)),
        "a file with problems is not applied whole"
    );
    assert_eq!(
        user::Entity::find()
            .count(&app.state.db.read)
            .await
            .unwrap(),
        2
    );

    // A row that makes an HR officer is named in the report and needs its own confirmation.
    let report = import::report(&app.state.db.read, id).await.unwrap();
    let named: Vec<(&str, Role)> = report
        .privileged
        .iter()
        .map(|row| (row.email.as_str(), row.role))
        .collect();
    assert_eq!(named, [("fine@gov.uz", Role::Hr)]);
    assert_eq!(
        import::apply(&app.state, &admin, id, true, false, None, Utc::now()).await,
        Err(Error::Refused(Refusal::PrivilegedUnconfirmed))
    );
    let created = import::apply(&app.state, &admin, id, true, true, None, Utc::now())
        .await
        .unwrap();
    assert_eq!(created, 2, "only the clean rows");
    let fine = user::Entity::find()
        .filter(user::Column::Email.eq("fine@gov.uz"))
        .one(&app.state.db.read)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((fine.role.as_str(), fine.language.as_str()), ("hr", "ru"));
    let again = import::apply(&app.state, &admin, id, true, true, None, Utc::now()).await;
    assert_eq!(
        again.map(|_| ()),
        Err(Error::Refused(Refusal::AlreadyImported)),
        "a file is applied once"
    );
    assert_eq!(
        user::Entity::find()
            .count(&app.state.db.read)
            .await
            .unwrap(),
        4
    );
}

async fn invitation_token(app: &TestApp, email: &str) -> String {
    let row = outbox_message::Entity::find()
        .filter(outbox_message::Column::Recipient.eq(email))
        .filter(outbox_message::Column::Kind.eq("invitation"))
        .one(&app.state.db.read)
        .await
        .unwrap()
        .expect("an invitation email waits in the outbox");
    match outbox::payload(&row).unwrap() {
        Email::Invitation { token, .. } => token,
        other => panic!("not an invitation: {other:?}"),
    }
}

async fn invitation_emails(app: &TestApp, email: &str) -> u64 {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Recipient.eq(email))
        .filter(outbox_message::Column::Kind.eq("invitation"))
        .count(&app.state.db.read)
        .await
        .unwrap()
}

async fn import_one(app: &TestApp, admin: &CurrentUser, email: &str) {
    let file = format!("name,email,unit\nNew Person,{email},Chilonzor office\n");
    let id = import::upload(
        &app.state.db,
        admin,
        "one.csv",
        file.as_bytes(),
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    import::apply(&app.state, admin, id, false, false, None, Utc::now())
        .await
        .unwrap();
}

#[tokio::test]
async fn an_invitation_link_sets_the_password_once_and_only_then_can_the_person_sign_in() {
    let app = TestApp::new().await;
    tree(&app).await;
    let admin = admin(&app).await;
    import_one(&app, &admin, "new@gov.uz").await;
    let token = invitation_token(&app, "new@gov.uz").await;
    let password = "a long enough passphrase";

    let before = auth::authenticate(&app.state, "new@gov.uz", password, None).await;
    assert!(
        before.is_err(),
        "no password before the invitation is accepted"
    );
    let stored = invitation::Entity::find()
        .one(&app.state.db.read)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(stored.token_hash, token, "only the token's hash is stored");

    let short = invitations::accept(
        &app.state,
        &token,
        LinkPurpose::Invitation,
        "short".into(),
        None,
        Utc::now(),
    )
    .await;
    assert!(
        short.is_err(),
        "a short password is refused and the link still works"
    );
    invitations::accept(
        &app.state,
        &token,
        LinkPurpose::Invitation,
        password.into(),
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(auth::authenticate(&app.state, "new@gov.uz", password, None)
        .await
        .is_ok());

    let reused = invitations::accept(
        &app.state,
        &token,
        LinkPurpose::Invitation,
        "another long password".into(),
        None,
        Utc::now(),
    )
    .await;
    assert_eq!(
        reused,
        Err(malaka_domain::Error::NotFound),
        "the link works once"
    );
    assert!(auth::authenticate(&app.state, "new@gov.uz", password, None)
        .await
        .is_ok());
}

#[tokio::test]
async fn an_expired_or_replaced_invitation_link_does_not_work() {
    let app = TestApp::new().await;
    tree(&app).await;
    let admin = admin(&app).await;
    import_one(&app, &admin, "late@gov.uz").await;
    let token = invitation_token(&app, "late@gov.uz").await;
    let after_expiry = Utc::now() + Duration::days(invitations::VALID_DAYS) + Duration::minutes(1);
    let expired = invitations::accept(
        &app.state,
        &token,
        LinkPurpose::Invitation,
        "a long enough passphrase".into(),
        None,
        after_expiry,
    )
    .await;
    assert_eq!(expired, Err(malaka_domain::Error::NotFound));

    let person = user::Entity::find()
        .filter(user::Column::Email.eq("late@gov.uz"))
        .one(&app.state.db.read)
        .await
        .unwrap()
        .unwrap();
    let (_, fresh) = invitations::issue(
        &app.state.db.write,
        person.id,
        LinkPurpose::Invitation,
        Utc::now(),
    )
    .await
    .unwrap();
    let replaced = invitations::find_usable(
        &app.state.db.read,
        &token,
        LinkPurpose::Invitation,
        Utc::now(),
    )
    .await;
    assert_eq!(
        replaced,
        Err(malaka_domain::Error::NotFound),
        "a new link replaces the old one"
    );
    assert!(invitations::find_usable(
        &app.state.db.read,
        &fresh,
        LinkPurpose::Invitation,
        Utc::now()
    )
    .await
    .is_ok());
}

#[tokio::test]
async fn an_admin_sends_a_new_invitation_only_to_someone_without_a_password() {
    let app = TestApp::new().await;
    tree(&app).await;
    let admin = admin(&app).await;
    import_one(&app, &admin, "lost@gov.uz").await;
    let first = invitation_token(&app, "lost@gov.uz").await;
    let person = user::Entity::find()
        .filter(user::Column::Email.eq("lost@gov.uz"))
        .one(&app.state.db.read)
        .await
        .unwrap()
        .unwrap();
    let path = format!("/admin/person/{}", person.id);
    let admin_cookie = app.cookie_for(admin.id).await;
    assert!(app
        .get(&path, Some(&admin_cookie))
        .await
        .body
        .contains("Send a new invitation"));

    let officer = app.user("officer@gov.uz", Role::Officer, None).await;
    let officer_cookie = app.cookie_for(officer).await;
    let id = person.id.to_string();
    let success = format!("{path}?invited=1");
    let refused = app
        .post_form(
            "/api/resend-invitation",
            &[("id", &id)],
            Some(&officer_cookie),
        )
        .await;
    assert_ne!(refused.location(), Some(success.as_str()));
    assert_eq!(
        invitation_emails(&app, "lost@gov.uz").await,
        1,
        "officers cannot"
    );

    let sent = app
        .post_form(
            "/api/resend-invitation",
            &[("id", &id)],
            Some(&admin_cookie),
        )
        .await;
    assert_eq!(sent.location(), Some(success.as_str()));
    assert_eq!(invitation_emails(&app, "lost@gov.uz").await, 2);
    assert_eq!(
        invitations::find_usable(
            &app.state.db.read,
            &first,
            LinkPurpose::Invitation,
            Utc::now()
        )
        .await,
        Err(malaka_domain::Error::NotFound),
        "the new link replaces the first"
    );
    let audited = malaka_domain::entities::audit_entry::Entity::find()
        .filter(malaka_domain::entities::audit_entry::Column::Action.eq("invitation.resend"))
        .count(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(audited, 1);

    let signed_up = app.user("member@gov.uz", Role::Officer, None).await;
    assert_eq!(
        invitations::resend(&app.state.db, &admin, signed_up, None, Utc::now()).await,
        Err(malaka_domain::Error::Refused(
            malaka_domain::Refusal::HasPassword
        ))
    );
    assert!(!app
        .get(&format!("/admin/person/{signed_up}"), Some(&admin_cookie))
        .await
        .body
        .contains("Send a new invitation"));
}

#[tokio::test]
async fn only_admins_upload_staff_files_and_the_upload_leads_to_its_report() {
    let app = TestApp::new().await;
    let units = tree(&app).await;
    let admin = admin(&app).await;
    let hr = app.user("hr@gov.uz", Role::Hr, Some(units.registry)).await;
    let file = "\u{feff}name;email;unit\nAziz;aziz@gov.uz;Chilonzor office\n";

    let hr_cookie = app.cookie_for(hr).await;
    let refused = app
        .send(multipart_request(
            "/api/people-import",
            "staff",
            "s.csv",
            file.as_bytes(),
            &hr_cookie,
        ))
        .await;
    assert_eq!(refused.status, 403);
    assert_eq!(
        app.get("/admin/people/import", Some(&hr_cookie))
            .await
            .status,
        403
    );
    assert_eq!(
        app.get("/admin/organisation", Some(&hr_cookie))
            .await
            .status,
        403
    );

    let cookie = app.cookie_for(admin.id).await;
    let uploaded = app
        .send(multipart_request(
            "/api/people-import",
            "staff",
            "s.csv",
            file.as_bytes(),
            &cookie,
        ))
        .await;
    assert_eq!(uploaded.status, 303);
    let report_path = uploaded.location().unwrap().to_owned();
    assert!(
        report_path.starts_with("/admin/people/import/"),
        "{report_path}"
    );
    let report = app.get(&report_path, Some(&cookie)).await;
    assert!(report.body.contains("ready to import"), "{}", report.body);
    assert_eq!(app.get(&report_path, Some(&hr_cookie)).await.status, 403);

    let applied = app
        .post_form(
            "/api/apply-people-import",
            &[("id", &report_path["/admin/people/import/".len()..])],
            Some(&cookie),
        )
        .await;
    assert_eq!(applied.location(), Some(report_path.as_str()));
    assert!(app
        .get(&report_path, Some(&cookie))
        .await
        .body
        .contains("1 people were created"));
    let _ = units.ministry + units.chilonzor + units.yunusobod + units.other_ministry;
}

#[tokio::test]
async fn the_audit_log_cannot_be_rewritten_even_with_sql() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::new().await;
    tree(&app).await;
    let admin = admin(&app).await;
    import_one(&app, &admin, "audited@gov.uz").await;
    let db = &app.state.db.write;
    assert!(db
        .execute_unprepared("UPDATE audit_log SET detail = 'nothing happened'")
        .await
        .is_err());
    assert!(db
        .execute_unprepared("DELETE FROM audit_log")
        .await
        .is_err());
    let entries = malaka_domain::entities::audit_entry::Entity::find()
        .filter(malaka_domain::entities::audit_entry::Column::Action.eq("people.import"))
        .count(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(entries, 1);
}

#[tokio::test]
async fn admins_search_the_whole_audit_log_and_hr_only_its_own_actions() {
    let app = TestApp::new().await;
    let units = tree(&app).await;
    let admin = admin(&app).await;
    import_one(&app, &admin, "searched@gov.uz").await;
    let hr = app.user("hr@gov.uz", Role::Hr, Some(units.registry)).await;
    let hr_cookie = app.cookie_for(hr).await;
    let assigned = app
        .post_form(
            "/api/create-assignment",
            &[
                ("course", "cybersecurity"),
                ("audience", "people"),
                ("people", "searched@gov.uz"),
                ("due_on", "2099-01-01"),
            ],
            Some(&hr_cookie),
        )
        .await;
    assert_eq!(assigned.location(), Some("/hr/assignments?assigned=1"));

    let (all, total) = malaka_domain::audit::search(&app.state.db.read, None, Some("ONE.CSV"), 0)
        .await
        .unwrap();
    assert_eq!(total, 2, "the upload and the import, found in any case");
    assert!(all.iter().all(|row| row.actor == "admin@gov.uz"));
    let (own, _) = malaka_domain::audit::search(&app.state.db.read, Some(hr), None, 0)
        .await
        .unwrap();
    assert_eq!(
        own.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(),
        ["assignment.create"]
    );

    let admin_cookie = app.cookie_for(admin.id).await;
    let page = app
        .get("/admin/audit?q=people.import", Some(&admin_cookie))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("1 entries"), "{}", page.body);
    let hr_page = app.get("/admin/audit", Some(&hr_cookie)).await;
    assert!(hr_page.body.contains("assignment.create") && !hr_page.body.contains("people.import"));
    let officer = app
        .user("o@gov.uz", Role::Officer, Some(units.chilonzor))
        .await;
    assert_eq!(
        app.get("/admin/audit", Some(&app.cookie_for(officer).await))
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn admins_change_roles_and_units_audited_and_a_move_brings_the_new_units_assignments() {
    use malaka_domain::assignments::{self, Audience, NewAssignment};
    use malaka_domain::entities::{audit_entry, enrolment};
    use malaka_domain::people::directory;
    use malaka_shared::people::PersonChange;
    let app = TestApp::new().await;
    let units = tree(&app).await;
    let admin = admin(&app).await;
    let mover = app
        .user("mover@gov.uz", Role::Officer, Some(units.yunusobod))
        .await;
    let due_on = (Utc::now() + Duration::days(30)).date_naive();
    let rule = NewAssignment {
        course_slug: "cybersecurity".into(),
        audience: Audience::Unit(units.chilonzor),
        due_on,
        recur_months: None,
    };
    assignments::create(&app.state.db, &admin, rule, None, Utc::now())
        .await
        .unwrap();
    let cookie = app.cookie_for(mover).await;

    let change = PersonChange {
        role: "hr".into(),
        unit: Some(units.chilonzor),
        active: true,
    };
    let done = directory::update(&app.state.db, &admin, mover, change, None, Utc::now())
        .await
        .unwrap();
    assert_eq!(done, ["person.role", "person.move"]);
    let enrolled = enrolment::Entity::find()
        .filter(enrolment::Column::UserId.eq(mover))
        .one(&app.state.db.read)
        .await
        .unwrap();
    assert!(
        enrolled.is_some_and(|e| e.due_at.is_some()),
        "moving in brings the unit's assignment"
    );
    let audited = audit_entry::Entity::find()
        .filter(audit_entry::Column::Subject.eq("mover@gov.uz"))
        .count(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(audited, 2);
    let old_session = app.get("/learning", Some(&cookie)).await;
    assert!(
        old_session
            .location()
            .is_some_and(|to| to.starts_with("/sign-in")),
        "a new role ends the old sessions"
    );

    let demote_self = PersonChange {
        role: "officer".into(),
        unit: None,
        active: true,
    };
    assert!(directory::update(
        &app.state.db,
        &admin,
        admin.id,
        demote_self,
        None,
        Utc::now()
    )
    .await
    .is_err());
    let unchanged = PersonChange {
        role: "hr".into(),
        unit: Some(units.chilonzor),
        active: true,
    };
    assert!(
        directory::update(&app.state.db, &admin, mover, unchanged, None, Utc::now())
            .await
            .unwrap()
            .is_empty()
    );

    let page = app
        .get(
            "/admin/people?q=MOVER",
            Some(&app.cookie_for(admin.id).await),
        )
        .await;
    assert!(
        page.body.contains("mover@gov.uz"),
        "search is case-insensitive"
    );
    assert_eq!(
        app.get("/admin/people", Some(&app.cookie_for(mover).await))
            .await
            .status,
        403
    );
}

/// Each refusal of the person form says what it is about: an unknown role is not reported as
/// taking away one's own administration rights, and neither changes anything.
#[tokio::test]
async fn the_person_form_names_the_refusal_it_met() {
    let app = TestApp::new().await;
    let admin = app.user("admin@gov.uz", Role::Admin, None).await;
    let officer = app.user("jasur@gov.uz", Role::Officer, None).await;
    let cookie = format!("{}; malaka_lang=en", app.cookie_for(admin).await);
    let (officer_id, admin_id) = (officer.to_string(), admin.to_string());
    for (id, role, key, message) in [
        (
            &officer_id,
            "emperor",
            "people-error-role",
            "Choose one of the roles",
        ),
        (
            &admin_id,
            "officer",
            "people-error-self",
            "your own administration rights",
        ),
    ] {
        let form = [("id", id.as_str()), ("role", role), ("active", "on")];
        let refused = app
            .post_form("/api/update-person", &form, Some(&cookie))
            .await;
        let location = refused.location().expect("back to the form").to_owned();
        assert_eq!(location, format!("/admin/person/{id}?error={key}"));
        let page = app.get(&location, Some(&cookie)).await;
        assert!(page.body.contains(message), "{role}: {message}");
    }
    for (id, role) in [(officer, Role::Officer), (admin, Role::Admin)] {
        let person = malaka_domain::people::find_active(&app.state.db.read, id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(person.role, role.as_str(), "nothing changed");
    }
}

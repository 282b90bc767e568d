//! Who may call what. Every server function the application registers (from the
//! server-function registry), every page (from the Leptos route list) and every other route
//! (from the router's own lists), so that a new endpoint cannot be left out: called by an
//! anonymous visitor and each role, pages and files also by the officer whose thing it is,
//! another officer, HR of the unit and HR of another ministry; each outcome asserted.

use axum::body::Body;
use axum::http::{header, Request};
use malaka_shared::people::Role;
use std::collections::BTreeMap;

use crate::support::TestApp;

/// Who may call a server function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Access {
    Anyone,
    SignedIn,
    Trainer,
    Hr,
    Admin,
}

/// Every server function and who may call it. A function missing here fails the test.
fn expected_access() -> BTreeMap<&'static str, Access> {
    use Access::*;
    BTreeMap::from([
        ("sign-in", Anyone),
        // Signing out without a session is harmless.
        ("sign-out", Anyone),
        ("change-password", SignedIn),
        ("set-language", Anyone),
        ("verify-certificate", Anyone),
        ("invitation", Anyone),
        ("accept-invitation", Anyone),
        ("request-password-reset", Anyone),
        ("password-reset-link", Anyone),
        ("reset-password", Anyone),
        ("my-certificates", SignedIn),
        ("quiz-overview", SignedIn),
        ("start-quiz", SignedIn),
        ("quiz-attempt", SignedIn),
        ("save-quiz", SignedIn),
        ("autosave-quiz", SignedIn),
        ("quiz-result", SignedIn),
        ("my-learning", SignedIn),
        ("catalog", SignedIn),
        ("course-outline", SignedIn),
        ("lesson", SignedIn),
        ("enrol", SignedIn),
        ("complete-lesson", SignedIn),
        ("record-time", SignedIn),
        ("answer-check", SignedIn),
        // Anyone signed in may ask; the domain shows one's own, or HR its subtree (else "not found").
        ("transcript", SignedIn),
        ("authoring-courses", Trainer),
        ("open-lesson-file", Trainer),
        ("preview-lesson", Trainer),
        ("save-draft", Trainer),
        ("publish-course", Trainer),
        ("course-history", Trainer),
        ("item-analysis", Trainer),
        ("assignments", Hr),
        ("create-assignment", Hr),
        ("cancel-assignment", Hr),
        ("team-progress", Hr),
        ("hr-dashboard", Hr),
        // HR sees its own actions; admins see everyone's.
        ("audit-log", Hr),
        ("revoke-certificate", Admin),
        ("lift-certificate-bar", Admin),
        ("email-outbox", Admin),
        ("retry-email", Admin),
        ("organisation", Admin),
        ("create-unit", Admin),
        ("set-unit-manager", Admin),
        ("recent-people-imports", Admin),
        ("people-import-report", Admin),
        ("apply-people-import", Admin),
        ("people", Admin),
        ("person", Admin),
        ("update-person", Admin),
        ("resend-invitation", Admin),
        ("end-person-sessions", Admin),
    ])
}

/// Arguments every server function can decode, naming nothing that exists: an allowed caller
/// gets "not found" or "invalid", never a change to real data; a refused one gets its refusal.
const ANY_ARGUMENTS: &str = "course=no-such-course&lesson=no-such-lesson&file=01-none.md\
&markdown=x&code=XXXX-XXXX-XXXX&reason=x&attempt=999999&id=999999&seconds=0&name=x&region=x\
&unit=999999&email=nobody%40example.uz&password=wrong&password_again=wrong&token=x&text=x\
&page=0&role=officer&question=x&user_id=999999&audience=unit&due_on=2030-01-01&language=en\
&current=wrong&next=%2F&filter%5Bstatus%5D=overdue";

const PERSONAS: [Option<Role>; 5] = [
    None,
    Some(Role::Officer),
    Some(Role::Trainer),
    Some(Role::Hr),
    Some(Role::Admin),
];

fn may_call(access: Access, persona: Option<Role>) -> bool {
    match (access, persona) {
        (Access::Anyone, _) => true,
        (_, None) => false,
        (Access::SignedIn, Some(_)) => true,
        (Access::Trainer, Some(role)) => matches!(role, Role::Trainer | Role::Admin),
        (Access::Hr, Some(role)) => matches!(role, Role::Hr | Role::Admin),
        (Access::Admin, Some(role)) => role == Role::Admin,
    }
}

#[tokio::test]
async fn every_server_function_admits_exactly_the_roles_it_should() {
    let app = TestApp::new().await;
    let expected = expected_access();
    let registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let unlisted: Vec<&String> = registered
        .iter()
        .filter(|name| !expected.contains_key(name.as_str()))
        .collect();
    assert!(unlisted.is_empty(), "say who may call {unlisted:?}");
    let gone: Vec<&&str> = expected
        .keys()
        .filter(|name| !registered.iter().any(|r| r == *name))
        .collect();
    assert!(gone.is_empty(), "no longer registered: {gone:?}");

    let mut wrong = Vec::new();
    for (n, (name, access)) in expected.iter().enumerate() {
        for persona in PERSONAS {
            // Fresh people for every call: some functions (sign-out) end the caller's session.
            let cookie = match persona {
                Some(role) => {
                    let email = format!("{}-{n}@gov.uz", role.as_str());
                    let id = app.user(&email, role, None).await;
                    Some(app.cookie_for(id).await)
                }
                None => None,
            };
            let mut request = Request::post(format!("/api/{name}"))
                .header(header::HOST, "127.0.0.1:3000")
                .header(header::ORIGIN, "http://127.0.0.1:3000")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            if let Some(cookie) = &cookie {
                request = request.header(header::COOKIE, cookie);
            }
            let response = app
                .send(request.body(Body::from(ANY_ARGUMENTS)).unwrap())
                .await;
            let refused = matches!(response.status.as_u16(), 401 | 403)
                && (response.body.contains("NotSignedIn") || response.body.contains("Forbidden"));
            let allowed = may_call(*access, persona);
            if refused == allowed || response.status.is_server_error() {
                wrong.push(format!(
                    "{name} as {persona:?}: {} {}",
                    response.status,
                    response.body.chars().take(120).collect::<String>()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Who opens a page, for the page matrix: the roles, and whether the thing shown is theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Persona {
    Anonymous,
    /// The officer the example paths name (their transcript, their certificate).
    Owner,
    OtherOfficer,
    Trainer,
    UnitHr,
    OtherMinistryHr,
    Admin,
}

impl Persona {
    const ALL: [Persona; 7] = [
        Persona::Anonymous,
        Persona::Owner,
        Persona::OtherOfficer,
        Persona::Trainer,
        Persona::UnitHr,
        Persona::OtherMinistryHr,
        Persona::Admin,
    ];

    fn role(self) -> Option<Role> {
        match self {
            Persona::Anonymous => None,
            Persona::Owner | Persona::OtherOfficer => Some(Role::Officer),
            Persona::Trainer => Some(Role::Trainer),
            Persona::UnitHr | Persona::OtherMinistryHr => Some(Role::Hr),
            Persona::Admin => Some(Role::Admin),
        }
    }
}

/// What a page answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    SignInFirst,
    Forbidden,
    NotFound,
    Shown,
}

const NOBODY: &[Persona] = &[];
/// For example paths that name nothing: whoever may open the page is told "not found".
const EVERYONE_SIGNED_IN: &[Persona] = &[
    Persona::Owner,
    Persona::OtherOfficer,
    Persona::Trainer,
    Persona::UnitHr,
    Persona::OtherMinistryHr,
    Persona::Admin,
];

/// Every page the router serves, with the path the test opens (`{owner}` and `{lesson}` filled
/// in), who may open it, and who is told "not found" because it is not theirs. A page missing
/// here fails the test.
fn expected_pages() -> BTreeMap<&'static str, (&'static str, Access, &'static [Persona])> {
    use Access::*;
    BTreeMap::from([
        // The home page sends visitors to sign in, and people to their learning.
        ("/", ("/", SignedIn, NOBODY)),
        ("/sign-in", ("/sign-in", Anyone, NOBODY)),
        ("/forgot-password", ("/forgot-password", Anyone, NOBODY)),
        ("/verify", ("/verify", Anyone, NOBODY)),
        ("/verify/{code}", ("/verify/ZZZZZ-ZZZZZ", Anyone, NOBODY)),
        ("/invite/{token}", ("/invite/not-a-token", Anyone, NOBODY)),
        ("/reset/{token}", ("/reset/not-a-token", Anyone, NOBODY)),
        ("/learning", ("/learning", SignedIn, NOBODY)),
        ("/catalog", ("/catalog", SignedIn, NOBODY)),
        ("/certificates", ("/certificates", SignedIn, NOBODY)),
        ("/account", ("/account", SignedIn, NOBODY)),
        (
            "/courses/{course}",
            ("/courses/cybersecurity", SignedIn, NOBODY),
        ),
        (
            "/courses/{course}/lessons/{lesson}",
            ("/courses/cybersecurity/lessons/{lesson}", SignedIn, NOBODY),
        ),
        (
            "/courses/{course}/quiz",
            ("/courses/cybersecurity/quiz", SignedIn, NOBODY),
        ),
        (
            "/courses/{course}/quiz/{attempt}",
            (
                "/courses/cybersecurity/quiz/999999",
                SignedIn,
                EVERYONE_SIGNED_IN,
            ),
        ),
        (
            "/courses/{course}/quiz/{attempt}/result",
            (
                "/courses/cybersecurity/quiz/999999/result",
                SignedIn,
                EVERYONE_SIGNED_IN,
            ),
        ),
        (
            "/courses/{course}/analysis",
            ("/courses/cybersecurity/analysis", Trainer, NOBODY),
        ),
        ("/author", ("/author", Trainer, NOBODY)),
        (
            "/author/{course}/history",
            ("/author/cybersecurity/history", Trainer, NOBODY),
        ),
        (
            "/author/{course}/{file}",
            (
                "/author/cybersecurity/01-why-it-matters.md",
                Trainer,
                NOBODY,
            ),
        ),
        ("/team", ("/team", Hr, NOBODY)),
        ("/hr/assignments", ("/hr/assignments", Hr, NOBODY)),
        ("/hr/reports", ("/hr/reports", Hr, NOBODY)),
        // An officer may read their own; HR their subtree's.
        (
            "/hr/people/{id}",
            (
                "/hr/people/{owner}",
                SignedIn,
                &[
                    Persona::OtherOfficer,
                    Persona::Trainer,
                    Persona::OtherMinistryHr,
                ],
            ),
        ),
        ("/admin/outbox", ("/admin/outbox", Admin, NOBODY)),
        (
            "/admin/organisation",
            ("/admin/organisation", Admin, NOBODY),
        ),
        ("/admin/audit", ("/admin/audit", Hr, NOBODY)),
        ("/admin/people", ("/admin/people", Admin, NOBODY)),
        (
            "/admin/person/{id}",
            ("/admin/person/{owner}", Admin, NOBODY),
        ),
        (
            "/admin/people/import",
            ("/admin/people/import", Admin, NOBODY),
        ),
        (
            "/admin/people/import/{id}",
            ("/admin/people/import/999999", Admin, &[Persona::Admin]),
        ),
    ])
}

fn expected_outcome(access: Access, persona: Persona, not_found: &[Persona]) -> Outcome {
    match (may_call(access, persona.role()), persona) {
        (false, Persona::Anonymous) => Outcome::SignInFirst,
        (false, _) => Outcome::Forbidden,
        (true, _) if not_found.contains(&persona) => Outcome::NotFound,
        (true, _) => Outcome::Shown,
    }
}

/// Every page of the router opened by each persona, each answer asserted: signed-out visitors
/// are sent to sign in, other roles are refused, and what belongs to someone else is "not
/// found" (an officer's transcript to another officer or to HR of another ministry).
#[tokio::test]
async fn every_page_admits_exactly_the_people_it_should() {
    use malaka_domain::people::organisation::{create_unit, UnitKind};
    let app = TestApp::new().await;
    let db = &app.state.db.write;
    let ministry = create_unit(db, None, UnitKind::Ministry, "Ministry A", "Tashkent")
        .await
        .unwrap();
    let unit = create_unit(db, Some(ministry.id), UnitKind::Unit, "Unit A", "Tashkent")
        .await
        .unwrap();
    let elsewhere = create_unit(db, None, UnitKind::Ministry, "Ministry B", "Nukus")
        .await
        .unwrap();
    let owner = app.user("owner@gov.uz", Role::Officer, Some(unit.id)).await;
    let cookies = persona_cookies(&app, owner, |persona| match persona {
        Persona::OtherMinistryHr => Some(elsewhere.id),
        Persona::UnitHr => Some(ministry.id),
        _ => Some(unit.id),
    })
    .await;
    let lesson = malaka_domain::learning::course_outline(
        &app.state.db,
        owner,
        "cybersecurity",
        malaka_app::i18n::Locale::En,
    )
    .await
    .unwrap()
    .lessons[0]
        .slug
        .clone();

    let expected = expected_pages();
    let mut routed: Vec<String> = leptos_axum::generate_route_list(malaka_app::app::App)
        .iter()
        .map(|route| route.path().to_owned())
        .collect();
    routed.sort();
    routed.dedup();
    let unlisted: Vec<&String> = routed
        .iter()
        .filter(|path| !expected.contains_key(path.as_str()))
        .collect();
    assert!(unlisted.is_empty(), "say who may open {unlisted:?}");
    let gone: Vec<&&str> = expected
        .keys()
        .filter(|path| !routed.iter().any(|r| r == *path))
        .collect();
    assert!(gone.is_empty(), "no longer routed: {gone:?}");

    let mut wrong = Vec::new();
    for (pattern, (example, access, not_found)) in &expected {
        let path = example
            .replace("{owner}", &owner.to_string())
            .replace("{lesson}", &lesson);
        wrong.extend(open_as_everyone(&app, &cookies, pattern, &path, *access, not_found).await);
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// A signed-in session for each persona (none for the anonymous one), by position in
/// `Persona::ALL`; `unit_of` places each new person.
async fn persona_cookies(
    app: &TestApp,
    owner: i32,
    unit_of: impl Fn(Persona) -> Option<i32>,
) -> BTreeMap<usize, String> {
    let mut cookies = BTreeMap::new();
    for (n, persona) in Persona::ALL.into_iter().enumerate() {
        let id = match (persona, persona.role()) {
            (Persona::Owner, _) => owner,
            (_, Some(role)) => {
                app.user(&format!("p{n}@gov.uz"), role, unit_of(persona))
                    .await
            }
            (_, None) => continue,
        };
        cookies.insert(n, app.cookie_for(id).await);
    }
    cookies
}

/// Opens `path` as every persona; what differs from the expected outcome, one line each.
/// Pages send signed-out visitors to sign in (a redirect), files answer 401.
async fn open_as_everyone(
    app: &TestApp,
    cookies: &BTreeMap<usize, String>,
    pattern: &str,
    path: &str,
    access: Access,
    not_found: &[Persona],
) -> Vec<String> {
    let mut wrong = Vec::new();
    for (n, persona) in Persona::ALL.into_iter().enumerate() {
        let response = app.get(path, cookies.get(&n).map(String::as_str)).await;
        let to_sign_in = response
            .location()
            .is_some_and(|l| l.starts_with("/sign-in"));
        let outcome = match response.status.as_u16() {
            401 => Outcome::SignInFirst,
            302 | 303 if to_sign_in => Outcome::SignInFirst,
            200 | 302 | 303 => Outcome::Shown,
            403 => Outcome::Forbidden,
            404 => Outcome::NotFound,
            other => {
                wrong.push(format!("{pattern} as {persona:?}: status {other}"));
                continue;
            }
        };
        let wanted = expected_outcome(access, persona, not_found);
        if outcome != wanted {
            wrong.push(format!(
                "{pattern} as {persona:?}: {outcome:?}, not {wanted:?}"
            ));
        }
    }
    wrong
}

/// The routes outside Leptos (downloads, keys, health), from the router's own list, opened by
/// each persona: an officer's certificate is theirs and the admin's alone.
#[tokio::test]
async fn every_file_route_admits_exactly_the_people_it_should() {
    use malaka_domain::entities::certificate;
    use sea_orm::EntityTrait;
    let app = TestApp::new().await;
    let owner = app.user("owner@gov.uz", Role::Officer, None).await;
    app.complete_course(owner, "cybersecurity", chrono::Utc::now())
        .await;
    let public_id = certificate::Entity::find()
        .one(&app.state.db.read)
        .await
        .unwrap()
        .unwrap()
        .public_id;
    let cookies = persona_cookies(&app, owner, |_| None).await;
    let not_the_owner: &[Persona] = &[
        Persona::OtherOfficer,
        Persona::Trainer,
        Persona::UnitHr,
        Persona::OtherMinistryHr,
    ];
    let expected: BTreeMap<&str, (String, Access, &[Persona])> = BTreeMap::from([
        (
            "/author/{course}/export.zip",
            (
                "/author/cybersecurity/export.zip".into(),
                Access::Trainer,
                NOBODY,
            ),
        ),
        (
            "/hr/reports/{file}",
            (
                "/hr/reports/export.csv?kind=people".into(),
                Access::Hr,
                NOBODY,
            ),
        ),
        (
            "/certificates/{public_id}/{file}",
            (
                format!("/certificates/{public_id}/certificate.pdf"),
                Access::SignedIn,
                not_the_owner,
            ),
        ),
        ("/healthz", ("/healthz".into(), Access::Anyone, NOBODY)),
        ("/readyz", ("/readyz".into(), Access::Anyone, NOBODY)),
        (
            "/.well-known/jwks.json",
            ("/.well-known/jwks.json".into(), Access::Anyone, NOBODY),
        ),
        (
            "/credentials/status/revocation",
            (
                "/credentials/status/revocation".into(),
                Access::Anyone,
                NOBODY,
            ),
        ),
        (
            "/course-assets/{course}/{file}",
            (
                "/course-assets/cybersecurity/incident-steps.svg".into(),
                Access::Anyone,
                NOBODY,
            ),
        ),
    ]);
    let routed: Vec<&str> = malaka_server::web::file_routes()
        .into_iter()
        .chain(malaka_server::web::public_routes())
        .map(|(path, _)| path)
        .collect();
    let unlisted: Vec<&&str> = routed
        .iter()
        .filter(|path| !expected.contains_key(*path))
        .collect();
    assert!(unlisted.is_empty(), "say who may fetch {unlisted:?}");
    assert_eq!(
        routed.len(),
        expected.len(),
        "no longer routed: some of {expected:?}"
    );

    let mut wrong = Vec::new();
    for (pattern, (path, access, not_found)) in &expected {
        wrong.extend(open_as_everyone(&app, &cookies, pattern, path, *access, not_found).await);
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

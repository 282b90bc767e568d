//! Who may call what: every server function the application registers (the list comes from
//! the server-function registry, so a new endpoint cannot be left out) called by an anonymous
//! visitor, an officer, a trainer, an HR officer and an admin, each outcome asserted.

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

//! People and the organisation, for admins: the unit tree, staff imports from CSV with their
//! line-by-line report, and the invitation links that new people use to set a password.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

/// One mistake in an uploaded staff file. The page words it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportProblem {
    NotUtf8,
    NoRows,
    TooManyRows { max: usize },
    MissingColumn { column: String },
    WrongFieldCount { expected: usize, found: usize },
    MissingValue { column: String },
    InvalidEmail { value: String },
    DuplicateInFile { first_line: usize },
    EmailTaken { value: String },
    UnknownUnit { value: String },
    AmbiguousUnit { value: String },
    UnknownLanguage { value: String },
    UnknownRole { value: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblem {
    /// 1-based line of the file (the header is line 1).
    pub line: usize,
    pub problem: ImportProblem,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub id: i32,
    pub file_name: String,
    pub uploaded_on: String,
    pub rows_total: usize,
    pub rows_clean: usize,
    pub problems: Vec<LineProblem>,
    /// When and how many people were created, once the import was applied.
    pub applied: Option<(String, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRow {
    pub id: i32,
    pub kind: String,
    pub name: String,
    pub region: String,
    /// 0 for a ministry, 1 for its departments, and so on.
    pub depth: usize,
    /// `Ministry / Department / Unit`: what a staff file's `unit` column may say.
    pub path: String,
    pub people: u64,
    /// The manager's name, who gets the unit's weekly digest.
    pub manager: Option<String>,
}

#[server(endpoint = "organisation")]
pub async fn organisation_tree() -> Result<Vec<UnitRow>, AppError> {
    use crate::api::auth::Role;
    use crate::server::{organisation, session, AppState};
    session::require_role(&[Role::Admin])?;
    organisation::tree_rows(&expect_context::<AppState>().db.read).await
}

#[server(endpoint = "create-unit")]
pub async fn create_unit(
    parent: Option<i32>,
    name: String,
    region: String,
) -> Result<(), AppError> {
    use crate::api::auth::Role;
    use crate::server::{audit, organisation, session, AppState};
    let context = session::request_context();
    let admin = session::require_role(&[Role::Admin])?;
    let db = &expect_context::<AppState>().db;
    let unit = organisation::add_unit(&db.write, parent, &name, &region).await?;
    audit::record(
        &db.write,
        Some(admin.id),
        "unit.create",
        &format!("unit {}", unit.id),
        &format!("{} ({})", unit.name, unit.region),
        context.client_ip,
    )
    .await?;
    leptos_axum::redirect("/admin/organisation");
    Ok(())
}

#[server(endpoint = "set-unit-manager")]
pub async fn set_unit_manager(unit: i32, email: String) -> Result<(), AppError> {
    use crate::api::auth::Role;
    use crate::server::{audit, organisation, session, AppState};
    let context = session::request_context();
    let admin = session::require_role(&[Role::Admin])?;
    let db = &expect_context::<AppState>().db;
    let manager = organisation::set_manager(&db.write, unit, &email).await?;
    audit::record(
        &db.write,
        Some(admin.id),
        "unit.manager",
        &format!("unit {unit}"),
        &manager.email,
        context.client_ip,
    )
    .await?;
    leptos_axum::redirect("/admin/organisation");
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub id: i32,
    pub file_name: String,
    pub uploaded_on: String,
    pub rows_total: usize,
    pub problems: usize,
    pub applied: bool,
}

/// The latest uploads, newest first, for the import page.
#[server(endpoint = "recent-people-imports")]
pub async fn recent_people_imports() -> Result<Vec<ImportSummary>, AppError> {
    use crate::api::auth::Role;
    use crate::server::people::import;
    use crate::server::{session, AppState};
    session::require_role(&[Role::Admin])?;
    import::recent(&expect_context::<AppState>().db.read, 10).await
}

#[server(endpoint = "people-import-report")]
pub async fn people_import_report(id: i32) -> Result<ImportReport, AppError> {
    use crate::api::auth::Role;
    use crate::server::people::import;
    use crate::server::{session, AppState};
    session::require_role(&[Role::Admin])?;
    import::report(&expect_context::<AppState>().db.read, id).await
}

/// Creates the people of a checked file: all of them when it is clean, or only the clean rows
/// when the admin asks for that (`clean_only`).
#[server(endpoint = "apply-people-import")]
pub async fn apply_people_import(id: i32, clean_only: Option<String>) -> Result<(), AppError> {
    use crate::api::auth::Role;
    use crate::server::people::import;
    use crate::server::{session, AppState};
    let context = session::request_context();
    let admin = session::require_role(&[Role::Admin])?;
    let state = expect_context::<AppState>();
    import::apply(
        &state,
        &admin,
        id,
        clean_only.is_some(),
        context.client_ip,
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/admin/people/import/{id}"));
    Ok(())
}

/// Who an invitation link is for, if it can still be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub name: String,
    pub email: String,
}

#[server(endpoint = "invitation")]
pub async fn get_invitation(token: String) -> Result<InvitationView, AppError> {
    use crate::server::people::invitations;
    use crate::server::AppState;
    invitations::find_usable(
        &expect_context::<AppState>().db.read,
        &token,
        chrono::Utc::now(),
    )
    .await
}

/// Sets the password of an invited person. The link works once.
#[server(endpoint = "accept-invitation")]
pub async fn accept_invitation(
    token: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use crate::server::people::invitations;
    use crate::server::{session, AppState};
    let context = session::request_context();
    let back = |error: &str| leptos_axum::redirect(&format!("/invite/{token}?error={error}"));
    if password != password_again {
        back("mismatch");
        return Ok(());
    }
    let state = expect_context::<AppState>();
    let accepted = invitations::accept(
        &state,
        &token,
        password,
        context.client_ip,
        chrono::Utc::now(),
    )
    .await;
    match accepted {
        Ok(_) => leptos_axum::redirect("/sign-in?welcome=1"),
        Err(AppError::Invalid(_)) => back("password"),
        // The page then says the link cannot be used.
        Err(AppError::NotFound) => back("unusable"),
        Err(other) => return Err(other),
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub role: String,
    pub unit_id: Option<i32>,
    pub unit: String,
    pub position: String,
    pub active: bool,
    /// Invited and not yet signed up: the invitation can be sent again.
    pub awaiting_password: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonChange {
    pub role: String,
    pub unit: Option<i32>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleList {
    pub people: Vec<PersonSummary>,
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
}

#[server(endpoint = "people")]
pub async fn search_people(text: Option<String>, page: u64) -> Result<PeopleList, AppError> {
    use crate::api::auth::Role;
    use crate::server::people::directory;
    use crate::server::{session, AppState};
    session::require_role(&[Role::Admin])?;
    let db = &expect_context::<AppState>().db;
    let (people, total) = directory::search(db, text.as_deref(), page).await?;
    Ok(PeopleList {
        people,
        total,
        page,
        page_size: directory::PEOPLE_PAGE_SIZE,
    })
}

/// A person with the units they can be moved to, for the edit form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonEditor {
    pub person: PersonSummary,
    pub units: Vec<(i32, String)>,
}

#[server(endpoint = "person")]
pub async fn get_person(id: i32) -> Result<PersonEditor, AppError> {
    use crate::api::auth::Role;
    use crate::server::people::directory;
    use crate::server::{organisation, session, AppState};
    session::require_role(&[Role::Admin])?;
    let db = &expect_context::<AppState>().db;
    Ok(PersonEditor {
        person: directory::find(db, id).await?,
        units: organisation::tree_rows(&db.read)
            .await?
            .into_iter()
            .map(|unit| (unit.id, unit.path))
            .collect(),
    })
}

#[server(endpoint = "update-person")]
pub async fn update_person(
    id: i32,
    role: String,
    unit: Option<i32>,
    active: Option<String>,
) -> Result<(), AppError> {
    use crate::api::auth::Role;
    use crate::server::people::directory;
    use crate::server::{session, AppState};
    let context = session::request_context();
    let admin = session::require_role(&[Role::Admin])?;
    let db = &expect_context::<AppState>().db;
    let change = PersonChange {
        role,
        unit,
        active: active.is_some(),
    };
    let outcome = directory::update(
        db,
        &admin,
        id,
        change,
        context.client_ip,
        chrono::Utc::now(),
    )
    .await;
    match outcome {
        Ok(_) => leptos_axum::redirect(&format!("/admin/person/{id}?saved=1")),
        Err(AppError::Invalid(_)) => {
            leptos_axum::redirect(&format!("/admin/person/{id}?error=self"))
        }
        Err(other) => return Err(other),
    }
    Ok(())
}

/// Sends a person who has not set a password yet a new invitation link.
#[server(endpoint = "resend-invitation")]
pub async fn resend_invitation(id: i32) -> Result<(), AppError> {
    use crate::api::auth::Role;
    use crate::server::people::invitations;
    use crate::server::{session, AppState};
    let context = session::request_context();
    let admin = session::require_role(&[Role::Admin])?;
    let db = &expect_context::<AppState>().db;
    invitations::resend(db, &admin, id, context.client_ip, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("/admin/person/{id}?invited=1"));
    Ok(())
}

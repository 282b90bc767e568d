//! People and the organisation, for admins: the unit tree, staff imports from CSV with their
//! line-by-line report, and the invitation links that new people use to set a password.

use crate::AppError;
use leptos::prelude::*;
use malaka_shared::people::{
    ImportReport, ImportSummary, InvitationView, PeopleList, PersonEditor, UnitRow,
};
#[cfg(feature = "ssr")]
use malaka_shared::people::{PersonChange, Role};

#[server(endpoint = "organisation")]
pub async fn organisation_tree() -> Result<Vec<UnitRow>, AppError> {
    use malaka_domain::{people::organisation, AppState};
    crate::guard::require_role(&[Role::Admin])?;
    organisation::tree_rows(&expect_context::<AppState>().db.read)
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "create-unit")]
pub async fn create_unit(
    parent: Option<i32>,
    name: String,
    region: String,
) -> Result<(), AppError> {
    use malaka_domain::{audit, people::organisation, AppState};
    let context = crate::guard::request_context();
    let admin = crate::guard::require_role(&[Role::Admin])?;
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
    use malaka_domain::{audit, people::organisation, AppState};
    let context = crate::guard::request_context();
    let admin = crate::guard::require_role(&[Role::Admin])?;
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

/// The latest uploads, newest first, for the import page.
#[server(endpoint = "recent-people-imports")]
pub async fn recent_people_imports() -> Result<Vec<ImportSummary>, AppError> {
    use malaka_domain::people::import;
    use malaka_domain::AppState;
    crate::guard::require_role(&[Role::Admin])?;
    import::recent(&expect_context::<AppState>().db.read, 10)
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "people-import-report")]
pub async fn people_import_report(id: i32) -> Result<ImportReport, AppError> {
    use malaka_domain::people::import;
    use malaka_domain::AppState;
    crate::guard::require_role(&[Role::Admin])?;
    import::report(&expect_context::<AppState>().db.read, id)
        .await
        .map_err(AppError::from)
}

/// Creates the people of a checked file: all of them when it is clean, or only the clean rows
/// when the admin asks for that (`clean_only`).
#[server(endpoint = "apply-people-import")]
pub async fn apply_people_import(
    id: i32,
    clean_only: Option<String>,
    privileged_confirmed: Option<String>,
) -> Result<(), AppError> {
    use malaka_domain::people::import;
    use malaka_domain::AppState;
    let context = crate::guard::request_context();
    let admin = crate::guard::require_role(&[Role::Admin])?;
    let state = expect_context::<AppState>();
    import::apply(
        &state,
        &admin,
        id,
        clean_only.is_some(),
        privileged_confirmed.is_some(),
        context.client_ip,
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/admin/people/import/{id}"));
    Ok(())
}

#[server(endpoint = "invitation")]
pub async fn get_invitation(token: String) -> Result<InvitationView, AppError> {
    use malaka_domain::people::invitations;
    use malaka_domain::AppState;
    invitations::find_usable(
        &expect_context::<AppState>().db.read,
        &token,
        invitations::LinkPurpose::Invitation,
        chrono::Utc::now(),
    )
    .await
    .map_err(AppError::from)
}

/// Sets the password of an invited person. The link works once.
#[server(endpoint = "accept-invitation")]
pub async fn accept_invitation(
    token: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use malaka_domain::people::invitations;
    use malaka_domain::AppState;
    let context = crate::guard::request_context();
    let back = |error: &str| leptos_axum::redirect(&format!("/invite/{token}?error={error}"));
    if password != password_again {
        back("mismatch");
        return Ok(());
    }
    let state = expect_context::<AppState>();
    let accepted = invitations::accept(
        &state,
        &token,
        invitations::LinkPurpose::Invitation,
        password,
        context.client_ip,
        chrono::Utc::now(),
    )
    .await;
    match accepted {
        Ok(_) => leptos_axum::redirect("/sign-in?welcome=1"),
        Err(malaka_domain::Error::PasswordRefused(refusal)) => back(refusal.code()),
        // The page then says the link cannot be used.
        Err(malaka_domain::Error::NotFound) => back("unusable"),
        Err(other) => return Err(other.into()),
    }
    Ok(())
}

#[server(endpoint = "people")]
pub async fn search_people(text: Option<String>, page: u64) -> Result<PeopleList, AppError> {
    use malaka_domain::people::directory;
    use malaka_domain::AppState;
    crate::guard::require_role(&[Role::Admin])?;
    let db = &expect_context::<AppState>().db;
    let (people, total) = directory::search(db, text.as_deref(), page).await?;
    Ok(PeopleList {
        people,
        total,
        page,
        page_size: directory::PEOPLE_PAGE_SIZE,
    })
}

#[server(endpoint = "person")]
pub async fn get_person(id: i32) -> Result<PersonEditor, AppError> {
    use malaka_domain::people::directory;
    use malaka_domain::{people::organisation, AppState};
    crate::guard::require_role(&[Role::Admin])?;
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
    use malaka_domain::people::directory;
    use malaka_domain::AppState;
    let context = crate::guard::request_context();
    let admin = crate::guard::require_role(&[Role::Admin])?;
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
        Err(malaka_domain::Error::Refused(refusal)) => leptos_axum::redirect(&format!(
            "/admin/person/{id}?error={}",
            refusal.message_key()
        )),
        Err(other) => return Err(other.into()),
    }
    Ok(())
}

/// Sends a person who has not set a password yet a new invitation link.
#[server(endpoint = "resend-invitation")]
pub async fn resend_invitation(id: i32) -> Result<(), AppError> {
    use malaka_domain::people::invitations;
    use malaka_domain::AppState;
    let context = crate::guard::request_context();
    let admin = crate::guard::require_role(&[Role::Admin])?;
    let db = &expect_context::<AppState>().db;
    invitations::resend(db, &admin, id, context.client_ip, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("/admin/person/{id}?invited=1"));
    Ok(())
}

/// Signs a person out on every device. Admins only.
#[server(endpoint = "end-person-sessions")]
pub async fn end_person_sessions(id: i32) -> Result<(), AppError> {
    use malaka_domain::{people, AppState};
    let context = crate::guard::request_context();
    let admin = crate::guard::require_role(&[Role::Admin])?;
    let db = &expect_context::<AppState>().db;
    people::end_sessions_for(db, &admin, id, context.client_ip).await?;
    leptos_axum::redirect(&format!("/admin/person/{id}?signed_out=1"));
    Ok(())
}

//! Mandatory training, for HR and admins: the assignments in force and a form to add one.

use crate::AppError;
use leptos::prelude::*;
use malaka_shared::assignments::AssignmentsOverview;
#[cfg(feature = "ssr")]
use malaka_shared::people::Role;

#[server(endpoint = "assignments")]
pub async fn get_assignments() -> Result<AssignmentsOverview, AppError> {
    use malaka_domain::{assignments, AppState};
    let context = crate::guard::request_context();
    let viewer = crate::guard::require_role(&[Role::Hr, Role::Admin])?;
    assignments::overview(
        &expect_context::<AppState>().db,
        &viewer,
        context.locale,
        chrono::Utc::now(),
    )
    .await
    .map_err(AppError::from)
}

/// The form's fields as posted: which audience is chosen decides which other field counts.
#[allow(clippy::too_many_arguments)]
#[server(endpoint = "create-assignment")]
pub async fn create_assignment(
    course: String,
    audience: String,
    unit: Option<i32>,
    position: Option<String>,
    people: Option<String>,
    due_on: String,
    recur_months: Option<String>,
) -> Result<(), AppError> {
    use malaka_domain::assignments::{self, Audience, NewAssignment};
    use malaka_domain::AppState;
    let context = crate::guard::request_context();
    let actor = crate::guard::require_role(&[Role::Hr, Role::Admin])?;
    let fail = |key: &str, detail: &str| {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("error", key)
            .append_pair("detail", detail)
            .finish();
        leptos_axum::redirect(&format!("/hr/assignments?{query}"));
        Ok(())
    };
    let audience = match (audience.as_str(), unit, position, people) {
        ("unit", Some(unit), _, _) => Audience::Unit(unit),
        ("position", _, Some(position), _) => Audience::Position(position),
        ("people", _, _, Some(people)) => Audience::People(
            people
                .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
                .filter(|email| !email.is_empty())
                .map(str::to_owned)
                .collect(),
        ),
        _ => return fail("assign-error-audience", ""),
    };
    let Ok(due_on) = chrono::NaiveDate::parse_from_str(&due_on, "%Y-%m-%d") else {
        return fail("assign-error-due", "");
    };
    let recur_months = match recur_months.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(months) => match months.parse() {
            Ok(months) => Some(months),
            Err(_) => return fail("assign-error-recur", ""),
        },
    };
    let new = NewAssignment {
        course_slug: course,
        audience,
        due_on,
        recur_months,
    };
    let db = &expect_context::<AppState>().db;
    match assignments::create(db, &actor, new, context.client_ip, chrono::Utc::now()).await {
        Ok((_, enrolled)) => {
            leptos_axum::redirect(&format!("/hr/assignments?assigned={enrolled}"));
            Ok(())
        }
        Err(malaka_domain::Error::Refused(refusal)) => {
            let detail = match &refusal {
                malaka_domain::Refusal::UnknownPeople(emails) => emails.join(", "),
                _ => String::new(),
            };
            fail(refusal.message_key(), &detail)
        }
        Err(malaka_domain::Error::Forbidden) => fail("assign-error-scope", ""),
        Err(other) => Err(other.into()),
    }
}

/// Withdraws an assignment (HR for its own units, admins for any).
#[server(endpoint = "cancel-assignment")]
pub async fn cancel_assignment(id: i32) -> Result<(), AppError> {
    use malaka_domain::{assignments, AppState};
    let context = crate::guard::request_context();
    let actor = crate::guard::require_role(&[Role::Hr, Role::Admin])?;
    let db = &expect_context::<AppState>().db;
    assignments::cancel(db, &actor, id, context.client_ip, chrono::Utc::now()).await?;
    leptos_axum::redirect("/hr/assignments?cancelled=1");
    Ok(())
}

//! One file per route. Pages render on the server only; their forms post to server functions
//! and come back by redirect, which is why every page works without JavaScript.

mod account;
mod assignments;
mod audit_log;
mod authoring;
mod catalog;
mod certificates;
mod course;
mod course_card;
mod forgot_password;
mod home;
mod invitation;
mod item_analysis;
mod lesson;
mod my_learning;
mod not_found;
mod organisation;
mod outbox;
mod people;
mod people_import;
mod quiz;
mod reports;
mod sign_in;
mod team_progress;
mod transcript;
mod verify;

pub use account::AccountPage;
pub use assignments::AssignmentsPage;
pub use audit_log::AuditLogPage;
pub use authoring::{AuthoringPage, CourseHistoryPage, LessonEditorPage};
pub use catalog::CatalogPage;
pub use certificates::MyCertificatesPage;
pub use course::CoursePage;
pub use forgot_password::ForgotPasswordPage;
pub use home::HomePage;
pub use invitation::{InvitationPage, ResetPasswordPage};
pub use item_analysis::ItemAnalysisPage;
pub use lesson::LessonPage;
pub use my_learning::MyLearningPage;
pub use not_found::NotFoundPage;
pub use organisation::OrganisationPage;
pub use outbox::OutboxPage;
pub use people::{PeoplePage, PersonPage};
pub use people_import::{ImportReportPage, PeopleImportPage};
pub use quiz::{QuizAttemptPage, QuizPage, QuizResultPage};
pub use reports::ReportsPage;
pub use sign_in::SignInPage;
pub use team_progress::TeamProgressPage;
pub use transcript::TranscriptPage;
pub use verify::VerifyPage;

use leptos::prelude::GetUntracked;
use malaka_shared::people::UserSummary;

/// The signed-in user of the request being rendered.
#[cfg(feature = "ssr")]
pub(crate) fn request_user() -> Option<UserSummary> {
    crate::guard::request_context()
        .user
        .map(|user| user.summary())
}

#[cfg(not(feature = "ssr"))]
pub(crate) fn request_user() -> Option<UserSummary> {
    None
}

/// A numeric route parameter (`:id`), or 0, which names nothing and so gives "not found".
pub(crate) fn id_param(name: &str) -> i32 {
    leptos_router::hooks::use_params_map()
        .get_untracked()
        .get(name)
        .and_then(|id| id.parse().ok())
        .unwrap_or(0)
}

/// Path and query of the request being rendered, to come back to after a form.
pub(crate) fn request_path() -> String {
    leptos_router::hooks::use_location()
        .pathname
        .get_untracked()
}

#[cfg(feature = "ssr")]
fn is_demo_mode() -> bool {
    leptos::prelude::use_context::<malaka_domain::AppState>()
        .is_some_and(|state| state.settings.demo_mode)
}

#[cfg(not(feature = "ssr"))]
fn is_demo_mode() -> bool {
    false
}

//! The HTML shell and the routes.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::i18n::Locale;
use crate::pages::{
    AccountPage, AssignmentsPage, AuditLogPage, AuthoringPage, CatalogPage, CourseHistoryPage,
    CoursePage, ForgotPasswordPage, HomePage, ImportReportPage, InvitationPage, ItemAnalysisPage,
    LessonEditorPage, LessonPage, MyCertificatesPage, MyLearningPage, NotFoundPage,
    OrganisationPage, OutboxPage, PeopleImportPage, PeoplePage, PersonPage, QuizAttemptPage,
    QuizPage, QuizResultPage, ReportsPage, ResetPasswordPage, SignInPage, TeamProgressPage,
    TranscriptPage, VerifyPage,
};

/// The document around every page. Rendered on the server for each request, in the language of
/// the request, with a fresh nonce for the only inline script (the islands loader).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = request_locale();
    provide_context(locale);
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=locale.html_lang()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="data:," />
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // Every page waits for its data and is sent complete (`SsrMode::Async`): no loading
    // states, no streaming chunks, identical with and without JavaScript.
    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                <Route path=path!("/sign-in") view=SignInPage ssr=SsrMode::Async />
                <Route path=path!("/learning") view=MyLearningPage ssr=SsrMode::Async />
                <Route path=path!("/catalog") view=CatalogPage ssr=SsrMode::Async />
                <Route path=path!("/courses/:course") view=CoursePage ssr=SsrMode::Async />
                <Route path=path!("/courses/:course/lessons/:lesson") view=LessonPage ssr=SsrMode::Async />
                <Route path=path!("/courses/:course/quiz") view=QuizPage ssr=SsrMode::Async />
                <Route path=path!("/courses/:course/analysis") view=ItemAnalysisPage ssr=SsrMode::Async />
                <Route path=path!("/courses/:course/quiz/:attempt") view=QuizAttemptPage ssr=SsrMode::Async />
                <Route path=path!("/courses/:course/quiz/:attempt/result") view=QuizResultPage ssr=SsrMode::Async />
                <Route path=path!("/team") view=TeamProgressPage ssr=SsrMode::Async />
                <Route path=path!("/certificates") view=MyCertificatesPage ssr=SsrMode::Async />
                <Route path=path!("/account") view=AccountPage ssr=SsrMode::Async />
                <Route path=path!("/verify") view=VerifyPage ssr=SsrMode::Async />
                <Route path=path!("/verify/:code") view=VerifyPage ssr=SsrMode::Async />
                <Route path=path!("/admin/outbox") view=OutboxPage ssr=SsrMode::Async />
                <Route path=path!("/admin/organisation") view=OrganisationPage ssr=SsrMode::Async />
                <Route path=path!("/admin/audit") view=AuditLogPage ssr=SsrMode::Async />
                <Route path=path!("/admin/people") view=PeoplePage ssr=SsrMode::Async />
                <Route path=path!("/admin/person/:id") view=PersonPage ssr=SsrMode::Async />
                <Route path=path!("/admin/people/import") view=PeopleImportPage ssr=SsrMode::Async />
                <Route path=path!("/admin/people/import/:id") view=ImportReportPage ssr=SsrMode::Async />
                <Route path=path!("/hr/assignments") view=AssignmentsPage ssr=SsrMode::Async />
                <Route path=path!("/hr/reports") view=ReportsPage ssr=SsrMode::Async />
                <Route path=path!("/hr/people/:id") view=TranscriptPage ssr=SsrMode::Async />
                <Route path=path!("/invite/:token") view=InvitationPage ssr=SsrMode::Async />
                <Route path=path!("/forgot-password") view=ForgotPasswordPage ssr=SsrMode::Async />
                <Route path=path!("/reset/:token") view=ResetPasswordPage ssr=SsrMode::Async />
                <Route path=path!("/author") view=AuthoringPage ssr=SsrMode::Async />
                <Route path=path!("/author/:course/history") view=CourseHistoryPage ssr=SsrMode::Async />
                <Route path=path!("/author/:course/:file") view=LessonEditorPage ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}

#[cfg(feature = "ssr")]
fn request_locale() -> Locale {
    crate::guard::request_context().locale
}

#[cfg(not(feature = "ssr"))]
fn request_locale() -> Locale {
    Locale::default()
}

/// Only our own scripts run: the islands loader carries this response's nonce, and WebAssembly
/// may compile. Everything else (inline handlers, injected scripts, framing) is refused.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    leptos::nonce::provide_nonce();
    let nonce = leptos::nonce::use_nonce()
        .map(|nonce| nonce.to_string())
        .unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&policy),
    ) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

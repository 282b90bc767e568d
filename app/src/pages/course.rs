use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::request_user;
use crate::api::learning::{get_course_outline, Enrol};
use crate::components::{loaded_page, ProgressBar};
use crate::i18n::{t_with, tr, use_locale};
use malaka_shared::learning::{CourseOutline, LessonState};
use malaka_shared::people::Role;

#[component]
pub fn CoursePage() -> impl IntoView {
    let course = use_params_map()
        .get_untracked()
        .get("course")
        .unwrap_or_default();
    loaded_page(
        get_course_outline(course),
        |outline| view! { <Outline outline /> },
    )
}

#[component]
fn Outline(outline: CourseOutline) -> impl IntoView {
    let locale = use_locale();
    let is_trainer = request_user().is_some_and(|u| matches!(u.role, Role::Trainer | Role::Admin));
    let card = outline.card;
    let slug = card.slug.clone();
    let percent = card.percent();
    let resume = card.resume_lesson.clone().filter(|_| card.enrolled && !card.completed).map(|lesson| {
        let key = if card.lessons_completed == 0 { "course-start" } else { "course-resume" };
        view! { <a class="button-primary" href=format!("/courses/{slug}/lessons/{lesson}")>{tr(key)}</a> }
    });
    let enrol = (!card.enrolled).then(|| {
        view! {
            <form method="post" action=Enrol::url()>
                <input type="hidden" name="course" value=card.slug.clone() />
                <button type="submit" class="button-primary">{tr("course-enrol")}</button>
            </form>
        }
    });
    let updated = t_with(
        locale,
        "course-updated",
        &[
            ("date", outline.updated_on.into()),
            ("version", outline.version.into()),
        ],
    );
    let lessons = outline.lessons.into_iter().map(|lesson| {
        let (state_key, class) = match lesson.state {
            LessonState::Completed => ("lesson-state-completed", "state state-done"),
            LessonState::Started => ("lesson-state-started", "state state-started"),
            LessonState::NotStarted => ("lesson-state-not-started", "state"),
        };
        let minutes = t_with(locale, "lesson-minutes", &[("minutes", lesson.minutes.into())]);
        view! {
            <li>
                <a href=format!("/courses/{}/lessons/{}", card.slug, lesson.slug)>{lesson.title}</a>
                <span class="meta">{minutes}</span>
                <span class=class>{tr(state_key)}</span>
            </li>
        }
    }).collect_view();
    view! {
        <Title text=card.title.clone() />
        <nav class="breadcrumb" aria-label=tr("breadcrumb-label")>
            <a href="/learning">{tr("nav-my-learning")}</a>
        </nav>
        <h1>{card.title.clone()}</h1>
        <p class="lead">{card.summary.clone()}</p>
        {(!outline.audience.is_empty()).then(|| view! { <p><strong>{tr("course-audience")}</strong> " " {outline.audience.clone()}</p> })}
        <p class="meta">{updated}</p>
        {card.enrolled.then(|| view! { <ProgressBar percent /> })}
        {resume}
        {enrol}
        {card.completed.then(|| view! { <p class="badge badge-done">{tr("course-completed")}</p> })}
        <h2>{tr("course-lessons-heading")}</h2>
        <ol class="lesson-list">{lessons}</ol>
        {outline.has_quiz.then(|| view! {
            <h2>{tr("course-quiz-heading")}</h2>
            <p><a href=format!("/courses/{}/quiz", card.slug)>{tr("course-quiz-link")}</a></p>
            {is_trainer.then(|| view! { <p><a href=format!("/courses/{}/analysis", card.slug)>{tr("analysis-title")}</a></p> })}
        })}
    }
}

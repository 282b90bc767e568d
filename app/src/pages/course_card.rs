use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::learning::Enrol;
use crate::components::ProgressBar;
use crate::i18n::{t_with, tr, use_locale};
use malaka_shared::learning::CourseCard;

/// A course in a list: title, summary, progress, and the one action that makes sense now.
#[component]
pub fn CourseCardView(card: CourseCard) -> impl IntoView {
    let locale = use_locale();
    let course_href = format!("/courses/{}", card.slug);
    let hours = t_with(
        locale,
        "course-minutes",
        &[("minutes", card.estimated_minutes.into())],
    );
    let lessons = t_with(
        locale,
        "course-lessons",
        &[("count", (card.lessons_total as i64).into())],
    );
    let percent = card.percent();
    let action = if !card.enrolled {
        view! {
            <form method="post" action=Enrol::url()>
                <input type="hidden" name="course" value=card.slug.clone() />
                <button type="submit" class="button-primary">{tr("course-enrol")}</button>
            </form>
        }
        .into_any()
    } else if let (false, Some(lesson)) = (card.completed, card.resume_lesson.clone()) {
        let key = if card.lessons_completed == 0 {
            "course-start"
        } else {
            "course-resume"
        };
        view! { <a class="button-primary" href=format!("/courses/{}/lessons/{lesson}", card.slug)>{tr(key)}</a> }.into_any()
    } else if !card.completed {
        // Every lesson read: what is left is the final quiz.
        view! { <a class="button-primary" href=format!("/courses/{}/quiz", card.slug)>{tr("course-take-quiz")}</a> }.into_any()
    } else {
        view! { <p class="badge badge-done">{tr("course-completed")}</p> }.into_any()
    };
    view! {
        <li class="card course-card">
            <h2><a href=course_href>{card.title}</a></h2>
            <p class="meta">{lessons} " · " {hours}</p>
            {card.due_on.map(|day| {
                let (key, class) = if card.overdue { ("course-overdue", "badge badge-overdue") } else { ("course-due", "badge") };
                view! { <p class=class>{t_with(locale, key, &[("date", day.into())])}</p> }
            })}
            <p>{card.summary}</p>
            {card.enrolled.then(|| view! { <ProgressBar percent /> })}
            {action}
        </li>
    }
}

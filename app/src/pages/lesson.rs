use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::learning::{open_lesson, CompleteLesson};
use crate::components::{loaded_page, KnowledgeCheckForm, ProgressBar};
use crate::i18n::{t_with, tr, use_locale, Locale};
use crate::islands::LessonTimer;
use malaka_shared::learning::LessonView;

#[component]
pub fn LessonPage() -> impl IntoView {
    let params = use_params_map().get_untracked();
    let course = params.get("course").unwrap_or_default();
    let lesson_slug = params.get("lesson").unwrap_or_default();
    loaded_page(
        open_lesson(course, lesson_slug),
        |lesson| view! { <Lesson lesson /> },
    )
}

#[component]
fn Lesson(lesson: LessonView) -> impl IntoView {
    let locale = use_locale();
    let course_href = format!("/courses/{}", lesson.course_slug);
    let position = t_with(
        locale,
        "lesson-position",
        &[
            ("position", (lesson.position as i64).into()),
            ("total", (lesson.total as i64).into()),
        ],
    );
    let minutes = t_with(
        locale,
        "lesson-minutes",
        &[("minutes", lesson.minutes.into())],
    );
    let fallback = lesson.is_fallback.then(|| {
        let language = Locale::from_code(&lesson.language).map_or(lesson.language.clone(), |l| l.native_name().to_owned());
        view! { <p class="notice notice-info" role="note">{t_with(locale, "lesson-fallback", &[("language", language.into())])}</p> }
    });
    let lesson_link = |slug: &str| format!("/courses/{}/lessons/{slug}", lesson.course_slug);
    let previous = lesson.previous.as_ref().map(|link| {
        view! {
            <a rel="prev" href=lesson_link(&link.slug)>
                <span class="pager-direction">{tr("lesson-previous")}</span> {link.title.clone()}
            </a>
        }
    });
    let next = lesson.next.as_ref().map(|link| {
        view! {
            <a rel="next" href=lesson_link(&link.slug)>
                <span class="pager-direction">{tr("lesson-next")}</span> {link.title.clone()}
            </a>
        }
    });
    let completion = if lesson.completed {
        view! { <p class="badge badge-done">{tr("lesson-completed")}</p> }.into_any()
    } else {
        view! {
            <form method="post" action=CompleteLesson::url()>
                <input type="hidden" name="course" value=lesson.course_slug.clone() />
                <input type="hidden" name="lesson" value=lesson.slug.clone() />
                <input type="hidden" name="opened" value=lesson.reading_receipt.clone() />
                <button type="submit" class="button-primary">{tr("lesson-mark-complete")}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <Title text=format!("{} · {}", lesson.title, lesson.course_title) />
        <nav class="breadcrumb" aria-label=tr("breadcrumb-label")>
            <a href="/learning">{tr("nav-my-learning")}</a>
            " › "
            <a href=course_href>{lesson.course_title.clone()}</a>
        </nav>
        <article class="lesson" lang=Locale::from_code(&lesson.language).map_or(lesson.language.clone(), |l| l.html_lang().to_owned())>
            <p class="meta">{position} " · " {minutes}</p>
            <h1>{lesson.title.clone()}</h1>
            {fallback}
            <div class="lesson-body" inner_html=lesson.html.clone()></div>
        </article>
        {(!lesson.checks.is_empty()).then(|| {
            let (course, slug) = (lesson.course_slug.clone(), lesson.slug.clone());
            view! {
                <section class="knowledge-checks" aria-labelledby="checks-heading">
                    <h2 id="checks-heading">{tr("check-heading")}</h2>
                    {lesson.checks.clone().into_iter().enumerate().map(|(i, check)| view! {
                        <KnowledgeCheckForm check course=course.clone() lesson=slug.clone() number=i + 1 />
                    }).collect_view()}
                </section>
            }
        })}
        <section class="lesson-actions" aria-label=tr("lesson-progress-label")>
            <ProgressBar percent=lesson.course_percent />
            {completion}
            <nav class="pager" aria-label=tr("lesson-pager-label")>{previous}{next}</nav>
        </section>
        {(!lesson.completed).then(|| view! { <LessonTimer course=lesson.course_slug.clone() lesson=lesson.slug.clone() /> })}
    }
}

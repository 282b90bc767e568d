use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use leptos_router::hooks::use_query_map;

use crate::api::authoring::{
    authoring_courses, get_course_history, open_lesson_file, PublishCourse, SaveDraft,
};
use crate::components::loaded_page;
use crate::i18n::{t_with, tr, use_locale};
use crate::islands::LivePreview;
use malaka_shared::authoring::{AuthoringCourse, CourseHistoryView, LessonEditor, LessonPreview};

/// `/author`: every course in the catalog folder with its validation state and its files.
#[component]
pub fn AuthoringPage() -> impl IntoView {
    loaded_page(
        authoring_courses(),
        |courses| view! { <CourseList courses /> },
    )
}

#[component]
fn CourseList(courses: Vec<AuthoringCourse>) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map().get_untracked();
    let imported = query.get("imported");
    let import_error = query.get("import_error");
    view! {
        <Title text=tr("author-title") />
        <h1>{tr("author-title")}</h1>
        <p>{tr("author-intro")}</p>
        {imported.map(|slug| view! {
            <p class="notice notice-success" role="status">{t_with(locale, "author-imported", &[("course", slug.into())])}</p>
        })}
        {import_error.map(|message| view! {
            <div class="notice notice-error" role="alert">
                <p>{tr("author-import-refused")}</p>
                <pre class="diff" tabindex="0">{message}</pre>
            </div>
        })}
        <form method="post" action="/api/course-import" enctype="multipart/form-data" class="card">
            <label for="archive">{tr("author-import-label")}</label>
            <input id="archive" name="archive" type="file" accept=".zip,application/zip" required />
            <button type="submit" class="button-primary">{tr("author-import")}</button>
        </form>
        {courses.into_iter().map(|course| {
            let slug = course.slug.clone();
            let state = if course.problems.is_empty() {
                view! { <p class="badge badge-done">{tr("author-valid")}</p> }.into_any()
            } else {
                view! {
                    <div class="notice notice-error">
                        <p>{t_with(locale, "author-problems", &[("count", course.problems.len().into())])}</p>
                        <ul>{course.problems.into_iter().map(|p| view! { <li><code>{p}</code></li> }).collect_view()}</ul>
                    </div>
                }.into_any()
            };
            view! {
                <section class="card" aria-labelledby=format!("course-{slug}")>
                    <h2 id=format!("course-{slug}")>{course.title}</h2>
                    {state}
                    <p>
                        <a href=format!("/author/{slug}/history")>{tr("author-history")}</a>" · "
                        <a href=format!("/author/{slug}/export.zip") download>{tr("author-export")}</a>
                    </p>
                    <ul class="file-list">
                        {course.files.into_iter().map(|file| view! {
                            <li><a href=format!("/author/{slug}/{file}")><code>{file.clone()}</code></a></li>
                        }).collect_view()}
                    </ul>
                </section>
            }
        }).collect_view()}
    }
}

/// `/author/:course/:file`: the lesson's Markdown (its draft, if any) with the preview exactly
/// as learners will see it and every problem, redrawn as the trainer types (after each save
/// without JavaScript).
#[component]
pub fn LessonEditorPage() -> impl IntoView {
    let params = use_params_map().get_untracked();
    let course = params.get("course").unwrap_or_default();
    let file = params.get("file").unwrap_or_default();
    loaded_page(
        open_lesson_file(course, file),
        |editor| view! { <Editor editor /> },
    )
}

#[component]
fn Editor(editor: LessonEditor) -> impl IntoView {
    let heading = format!("{} / {}", editor.course, editor.file);
    view! {
        <Title text=heading.clone() />
        <p>
            <a href="/author">{tr("author-title")}</a>" · "
            <a href=format!("/author/{}/history", editor.course)>{tr("author-history")}</a>
        </p>
        <h1>{heading}</h1>
        {editor.has_draft.then(|| view! {
            <div class="notice notice-info">
                <p role="status">{tr("author-draft-saved")}</p>
                <form method="post" action=PublishCourse::url()>
                    <input type="hidden" name="course" value=editor.course.clone() />
                    <button type="submit" class="button-primary">{tr("author-publish")}</button>
                </form>
            </div>
        })}
        <div class="editor">
            <form method="post" action=SaveDraft::url()>
                <input type="hidden" name="course" value=editor.course.clone() />
                <input type="hidden" name="file" value=editor.file.clone() />
                <label for="markdown">{tr("author-markdown")}</label>
                <textarea id="markdown" name="markdown" class="markdown-source" spellcheck="true"
                    rows="24">{escaped_for_textarea(&editor.markdown)}</textarea>
                <button type="submit" class="button-primary">{tr("author-save")}</button>
            </form>
            <section aria-labelledby="preview-heading" class="preview">
                <h2 id="preview-heading">{tr("author-preview")}</h2>
                <LivePreview
                    course=editor.course.clone()
                    file=editor.file.clone()
                    initial=LessonPreview { html: editor.preview_html, problems: editor.problems }
                    valid_label=tr("author-valid")
                />
            </section>
        </div>
    }
}

/// `/author/:course/history`: published versions, and with `?diff=N` what version N changed.
#[component]
pub fn CourseHistoryPage() -> impl IntoView {
    let course = use_params_map()
        .get_untracked()
        .get("course")
        .unwrap_or_default();
    let diff = use_query_map()
        .get_untracked()
        .get("diff")
        .and_then(|n| n.parse().ok());
    loaded_page(
        get_course_history(course, diff),
        |history| view! { <History history /> },
    )
}

#[component]
fn History(history: CourseHistoryView) -> impl IntoView {
    let locale = use_locale();
    let course = history.course.clone();
    view! {
        <Title text=tr("author-history") />
        <p><a href="/author">{tr("author-title")}</a></p>
        <h1>{format!("{} · {}", history.course, tr("author-history"))}</h1>
        {history.diff.map(|(version, files)| view! {
            <section aria-labelledby="changes">
                <h2 id="changes">{t_with(locale, "author-changes", &[("version", version.into())])}</h2>
                {files.into_iter().map(|file| view! {
                    <h3><code>{file.file}</code></h3>
                    <pre class="diff" tabindex="0">{file.unified}</pre>
                }).collect_view()}
            </section>
        })}
        {if history.versions.is_empty() {
            view! { <p>{tr("author-no-versions")}</p> }.into_any()
        } else {
            view! {
                <ol class="versions" reversed>
                    {history.versions.into_iter().map(|v| {
                        let label = t_with(locale, "author-version", &[("version", v.version.into()), ("date", v.published_at.into())]);
                        view! {
                            <li>
                                {label}" "
                                {v.from_browser.then(|| view! {
                                    <a href=format!("/author/{course}/history?diff={}", v.version)>{tr("author-show-changes")}</a>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
    }
}

/// Leptos writes a `<textarea>`'s children as they are (it treats them as raw text), so a draft
/// containing `</textarea><script>` would end the element: escape it here.
fn escaped_for_textarea(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::final_quiz::{get_quiz_overview, quiz_attempt, quiz_result, SaveQuiz, StartQuiz};
use crate::components::{loaded_page, QuestionFields};
use crate::i18n::{t_with, tr, use_locale};
use crate::islands::QuizAutosave;
use crate::AppError;
use malaka_shared::quiz::{AttemptResult, AttemptView, QuizOverview};

/// `/courses/:course/quiz`: what the final quiz asks, past attempts, and start or resume.
#[component]
pub fn QuizPage() -> impl IntoView {
    let course = use_params_map()
        .get_untracked()
        .get("course")
        .unwrap_or_default();
    loaded_page(
        get_quiz_overview(course),
        |overview| view! { <Overview overview /> },
    )
}

#[component]
fn Overview(overview: QuizOverview) -> impl IntoView {
    let locale = use_locale();
    let slug = overview.course_slug.clone();
    let facts = t_with(
        locale,
        "quiz-facts",
        &[
            ("questions", (overview.questions_per_attempt as i64).into()),
            ("pass", overview.pass_mark.into()),
        ],
    );
    let limit = overview
        .time_limit_minutes
        .map(|m| t_with(locale, "quiz-time-limit", &[("minutes", m.into())]));
    let allowed = overview.attempts_allowed.map(|n| {
        t_with(
            locale,
            "quiz-attempts-allowed",
            &[
                ("count", n.into()),
                ("used", (overview.attempts.len() as i64).into()),
            ],
        )
    });
    let action = match (overview.open_attempt, &overview.blocked) {
        (Some(attempt), _) => view! { <a class="button-primary" href=format!("/courses/{slug}/quiz/{attempt}")>{tr("quiz-resume")}</a> }.into_any(),
        (None, Some(reason)) => view! { <p class="notice notice-info">{tr(reason)}</p> }.into_any(),
        (None, None) => view! {
            <form method="post" action=StartQuiz::url()>
                <input type="hidden" name="course" value=slug.clone() />
                <button type="submit" class="button-primary">{tr("quiz-start")}</button>
            </form>
        }
        .into_any(),
    };
    let history = (!overview.attempts.is_empty()).then(|| {
        let rows = overview
            .attempts
            .iter()
            .map(|a| {
                let outcome = match (a.score_percent, a.passed) {
                    (Some(score), Some(true)) => format!("{score}% · {}", tr("quiz-passed")),
                    (Some(score), _) => format!("{score}% · {}", tr("quiz-failed")),
                    _ => tr("quiz-in-progress"),
                };
                view! { <tr><td>{a.number}</td><td>{a.started.clone()}</td><td>{outcome}</td></tr> }
            })
            .collect_view();
        view! {
            <h2>{tr("quiz-history")}</h2>
            <table>
                <thead><tr><th scope="col">"#"</th><th scope="col">{tr("quiz-started")}</th><th scope="col">{tr("quiz-score")}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    view! {
        <Title text=format!("{} · {}", tr("quiz-title"), overview.course_title) />
        <nav class="breadcrumb" aria-label=tr("breadcrumb-label")>
            <a href=format!("/courses/{slug}")>{overview.course_title.clone()}</a>
        </nav>
        <h1>{tr("quiz-title")}</h1>
        <ul>
            <li>{facts}</li>
            {limit.map(|text| view! { <li>{text}</li> })}
            {allowed.map(|text| view! { <li>{text}</li> })}
        </ul>
        {action}
        {history}
    }
}

fn attempt_param() -> Result<i32, AppError> {
    use_params_map()
        .get_untracked()
        .get("attempt")
        .and_then(|a| a.parse().ok())
        .ok_or(AppError::NotFound)
}

/// `/courses/:course/quiz/:attempt`: every drawn question in one form, saved with "Save" and
/// graded with "Submit"; the time left is the server's.
#[component]
pub fn QuizAttemptPage() -> impl IntoView {
    let course = use_params_map()
        .get_untracked()
        .get("course")
        .unwrap_or_default();
    let attempt = attempt_param();
    let saved = use_query_map().get_untracked().get("saved").is_some();
    let load = async move { quiz_attempt(course, attempt?).await };
    loaded_page(load, move |view| view! { <Attempt view saved /> })
}

#[component]
fn Attempt(view: AttemptView, saved: bool) -> impl IntoView {
    let locale = use_locale();
    let time_left = view.seconds_left.map(|seconds| {
        let text = t_with(
            locale,
            "quiz-time-left",
            &[
                ("minutes", (seconds / 60).into()),
                ("seconds", (seconds % 60).into()),
            ],
        );
        view! { <p class="notice notice-info" role="timer">{text}</p> }
    });
    let questions = view
        .questions
        .into_iter()
        .enumerate()
        .map(|(i, q)| {
            let heading = t_with(locale, "check-number", &[("number", (i as i64 + 1).into())]);
            view! {
                <section class="knowledge-check card" id=format!("q-{}", q.key)>
                    <h2>{heading}</h2>
                    <div class="check-prompt" inner_html=q.prompt_html></div>
                    <fieldset>
                        <legend class="visually-hidden">{tr("check-your-answer")}</legend>
                        <input type="hidden" name=format!("answer[{}][shown]", q.key) value="1" />
                        <QuestionFields input=q.input prefix=format!("answer[{}]", q.key) id=format!("q-{}", q.key) saved=q.saved />
                    </fieldset>
                </section>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{} · {}", tr("quiz-title"), view.course_title) />
        <h1>{t_with(locale, "quiz-attempt-title", &[("number", view.number.into())])}</h1>
        <p class="meta">{view.course_title.clone()}</p>
        {time_left}
        {saved.then(|| view! { <p class="notice notice-info" role="status">{tr("quiz-saved")}</p> })}
        <QuizAutosave attempt=view.attempt_id saved_label=tr("quiz-autosaved") failed_label=tr("quiz-autosave-failed") />
        <form method="post" action=SaveQuiz::url() id="quiz-form">
            <input type="hidden" name="course" value=view.course_slug.clone() />
            <input type="hidden" name="attempt" value=view.attempt_id.to_string() />
            {questions}
            <div class="quiz-actions">
                <button type="submit" name="intent" value="save" class="button-secondary">{tr("quiz-save")}</button>
                <button type="submit" name="intent" value="submit" class="button-primary">{tr("quiz-submit")}</button>
            </div>
        </form>
    }
}

/// `/courses/:course/quiz/:attempt/result`: score, pass or fail, and the review the trainer allows.
#[component]
pub fn QuizResultPage() -> impl IntoView {
    let course = use_params_map()
        .get_untracked()
        .get("course")
        .unwrap_or_default();
    let attempt = attempt_param();
    let late = use_query_map().get_untracked().get("late").is_some();
    let load = async move { quiz_result(course, attempt?).await };
    loaded_page(load, move |result| view! { <Result result late /> })
}

#[component]
fn Result(result: AttemptResult, late: bool) -> impl IntoView {
    let locale = use_locale();
    let verdict = if result.passed {
        "quiz-result-passed"
    } else {
        "quiz-result-failed"
    };
    let summary = t_with(
        locale,
        verdict,
        &[
            ("score", result.score_percent.into()),
            ("pass", result.pass_mark.into()),
        ],
    );
    let review = result
        .review
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            view! {
                <section class="knowledge-check card">
                    <h2>{t_with(locale, "check-number", &[("number", (i as i64 + 1).into())])} " · " {item.score_percent} "%"</h2>
                    <div class="check-prompt" inner_html=item.prompt_html></div>
                    {item.correct_answer.map(|answer| view! { <p><strong>{tr("quiz-correct-answer")}</strong> " " {answer}</p> })}
                    <ul>{item.feedback.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <Title text=tr("quiz-result-title") />
        <h1>{tr("quiz-result-title")}</h1>
        <p class="meta">{result.course_title.clone()} " · " {t_with(locale, "quiz-attempt-title", &[("number", result.number.into())])}</p>
        {late.then(|| view! { <p class="notice notice-error" role="alert">{tr("quiz-late")}</p> })}
        <p class=if result.passed { "badge badge-done" } else { "notice notice-error" } role="status">{summary}</p>
        {result.course_completed.then(|| view! { <p class="badge badge-done">{tr("course-completed")}</p> })}
        <p><a href=format!("/courses/{}/quiz", result.course_slug)>{tr("quiz-back")}</a></p>
        {review}
    }
}

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::reports::get_transcript;
use crate::components::loaded_page;
use crate::i18n::{t_with, tr, use_locale};
use malaka_shared::reports::Transcript;

/// `/hr/people/<id>`: one person's courses, progress, scores, time spent and certificates.
#[component]
pub fn TranscriptPage() -> impl IntoView {
    let id = super::id_param("id");
    loaded_page(
        get_transcript(id),
        |transcript| view! { <TranscriptView transcript /> },
    )
}

#[component]
fn TranscriptView(transcript: Transcript) -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=transcript.name.clone() />
        <h1>{transcript.name}</h1>
        <p>{transcript.email}" · "{transcript.unit}{(!transcript.position.is_empty()).then(|| format!(" · {}", transcript.position))}</p>
        <div class="table-scroll" tabindex="0">
            <table>
                <caption>{tr("transcript-caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr("team-course")}</th>
                        <th scope="col">{tr("report-status")}</th>
                        <th scope="col">{tr("report-lessons")}</th>
                        <th scope="col">{tr("report-enrolled")}</th>
                        <th scope="col">{tr("assign-due")}</th>
                        <th scope="col">{tr("report-completed-on")}</th>
                        <th scope="col">{tr("report-score")}</th>
                        <th scope="col">{tr("report-time")}</th>
                        <th scope="col">{tr("nav-certificates")}</th>
                    </tr>
                </thead>
                <tbody>
                    {transcript.courses.into_iter().map(|course| {
                        let flags = course.flags.iter().map(|flag| tr(&format!("report-flag-{flag}"))).collect::<Vec<_>>().join("; ");
                        view! {
                            <tr>
                                <th scope="row">{course.course_title}</th>
                                <td>{tr(&format!("report-status-{}", course.status.code()))}</td>
                                <td>{format!("{} / {}", course.lessons_completed, course.lessons_total)}</td>
                                <td>{course.enrolled_on}</td>
                                <td>{course.due_on.unwrap_or_default()}</td>
                                <td>{course.completed_on.unwrap_or_default()}</td>
                                <td>{course.score_percent.map(|s| format!("{s}%")).unwrap_or_default()}</td>
                                <td>
                                    {t_with(locale, "report-minutes", &[("minutes", course.minutes_spent.into())])}
                                    {(!flags.is_empty()).then(|| view! { " " <strong class="badge badge-overdue">{flags}</strong> })}
                                </td>
                                <td>{course.certificate.map(|(code, status)| view! {
                                    <a href=format!("/verify/{code}")>{code.clone()}</a>" "{tr(&format!("transcript-certificate-{status}"))}
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        {(!transcript.earlier_rounds.is_empty()).then(|| view! {
            <div class="table-scroll" tabindex="0">
                <table>
                    <caption>{tr("transcript-rounds-caption")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{tr("team-course")}</th>
                            <th scope="col">{tr("assign-due")}</th>
                            <th scope="col">{tr("report-completed-on")}</th>
                            <th scope="col">{tr("report-score")}</th>
                            <th scope="col">{tr("report-time")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {transcript.earlier_rounds.into_iter().map(|round| view! {
                            <tr>
                                <th scope="row">{round.course_title}</th>
                                <td>{round.due_on.unwrap_or_default()}</td>
                                <td>{round.completed_on}</td>
                                <td>{round.score_percent.map(|s| format!("{s}%")).unwrap_or_default()}</td>
                                <td>{t_with(locale, "report-minutes", &[("minutes", round.minutes_spent.into())])}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })}
    }
}

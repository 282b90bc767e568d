use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::reports::team_progress;
use crate::components::loaded_page;
use crate::i18n::tr;
use malaka_shared::reports::CourseProgressRow;

/// HR's overview: for each course, how many of their people are enrolled, done, under way,
/// not started and overdue.
#[component]
pub fn TeamProgressPage() -> impl IntoView {
    loaded_page(team_progress(), |rows| view! { <TeamTable rows /> })
}

#[component]
fn TeamTable(rows: Vec<CourseProgressRow>) -> impl IntoView {
    view! {
        <Title text=tr("team-title") />
        <h1>{tr("team-title")}</h1>
        <div class="table-scroll" tabindex="0">
            <table>
                <caption>{tr("team-caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr("team-course")}</th>
                        <th scope="col">{tr("team-enrolled")}</th>
                        <th scope="col">{tr("team-completed")}</th>
                        <th scope="col">{tr("team-in-progress")}</th>
                        <th scope="col">{tr("team-not-started")}</th>
                        <th scope="col">{tr("team-overdue")}</th>
                        <th scope="col">{tr("team-lapsed")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| view! {
                        <tr>
                            <th scope="row">{row.title}</th>
                            <td>{row.enrolled}</td>
                            <td>{row.completed}</td>
                            <td>{row.in_progress}</td>
                            <td>{row.not_started}</td>
                            <td>{row.overdue}</td>
                            <td>{row.lapsed}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

use leptos::prelude::*;
use leptos_meta::Title;

use super::{request_path, request_user};
use crate::api::reports::team_progress;
use crate::components::{ErrorNotice, Layout};
use crate::i18n::tr;

/// HR's overview: for each course, how many of their people are enrolled, done, under way,
/// not started and overdue.
#[component]
pub fn TeamProgressPage() -> impl IntoView {
    view! {
        <Title text=tr("team-title") />
        <Layout user=request_user() current_path=request_path()>
            <Suspense>
                {Suspend::new(async move {
                    match team_progress().await {
                        Ok(rows) => view! {
                            <h1>{tr("team-title")}</h1>
                            <div class="table-scroll">
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
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </Layout>
    }
}

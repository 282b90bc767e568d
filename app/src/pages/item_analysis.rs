use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::reports::get_item_analysis;
use crate::components::loaded_page;
use crate::i18n::{t_with, tr, use_locale};
use malaka_shared::quiz::ItemAnalysis;

/// `/courses/:course/analysis`: how each final-quiz question performs, to fix bad questions.
#[component]
pub fn ItemAnalysisPage() -> impl IntoView {
    let course = use_params_map()
        .get_untracked()
        .get("course")
        .unwrap_or_default();
    loaded_page(
        get_item_analysis(course),
        |analysis| view! { <Analysis analysis /> },
    )
}

#[component]
fn Analysis(analysis: ItemAnalysis) -> impl IntoView {
    let locale = use_locale();
    let dash = || "–".to_owned();
    let rows = analysis
        .rows
        .into_iter()
        .map(|row| {
            let options = row
                .option_counts
                .into_iter()
                .map(|(text, correct, count)| {
                    let mark = if correct { " ✓" } else { "" };
                    view! { <li>{text} {mark} ": " {count}</li> }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row"><code>{row.key}</code> <span class="meta">" (" {row.kind} ")"</span><br />{row.prompt}</th>
                    <td>{row.drawn}</td>
                    <td>{row.answered}</td>
                    <td>{row.facility_percent.map_or_else(dash, |f| format!("{f}%"))}</td>
                    <td>{row.discrimination.map_or_else(dash, |d| format!("{d:.2}"))}</td>
                    <td><ul class="plain">{options}</ul></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <Title text=format!("{} · {}", tr("analysis-title"), analysis.course_title) />
        <nav class="breadcrumb" aria-label=tr("breadcrumb-label")>
            <a href=format!("/courses/{}", analysis.course_slug)>{analysis.course_title.clone()}</a>
        </nav>
        <h1>{tr("analysis-title")}</h1>
        <p>{t_with(locale, "analysis-attempts", &[("count", (analysis.attempts as i64).into())])}</p>
        <p class="meta">{tr("analysis-help")}</p>
        <div class="table-scroll" tabindex="0">
            <table>
                <caption>{tr("analysis-caption")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr("analysis-question")}</th>
                        <th scope="col">{tr("analysis-drawn")}</th>
                        <th scope="col">{tr("analysis-answered")}</th>
                        <th scope="col">{tr("analysis-facility")}</th>
                        <th scope="col">{tr("analysis-discrimination")}</th>
                        <th scope="col">{tr("analysis-options")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

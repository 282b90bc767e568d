use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::reports::get_dashboard;
use crate::components::{loaded_page, Pager, StatusChart};
use crate::i18n::{t_with, tr, use_locale};
use malaka_shared::reports::{
    Dashboard, EnrolmentStatus, GroupCounts, PersonCourseRow, ReportFilter,
};

/// `/hr/reports`: completion and overdue by unit and by region, as charts and tables, the
/// people behind them, completions that look gamed, and the same report as CSV or XLSX. Every
/// filter and drill-down is a link (a GET form), so all of it works without JavaScript.
#[component]
pub fn ReportsPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let filter = ReportFilter::from_query(|name| query.get(name));
    let page = query.get("page").and_then(|p| p.parse().ok()).unwrap_or(0);
    loaded_page(
        get_dashboard(filter, page),
        |dashboard| view! { <Report dashboard /> },
    )
}

fn link(filter: &ReportFilter) -> String {
    format!("/hr/reports?{}", filter.query())
}

#[component]
fn Report(dashboard: Dashboard) -> impl IntoView {
    let locale = use_locale();
    let filter = dashboard.filter.clone();
    let export = |kind: &str, format: &str| {
        let query = filter.query();
        let separator = if query.is_empty() { "" } else { "&" };
        format!("/hr/reports/export.{format}?kind={kind}{separator}{query}")
    };
    let totals = dashboard.totals.clone();
    view! {
        <Title text=tr("report-title") />
        <h1>{tr("report-title")}</h1>
        {dashboard.unit_path.clone().map(|path| view! { <p>{t_with(locale, "report-drilled", &[("unit", path.into())])}" "<a href="/hr/reports">{tr("report-all-units")}</a></p> })}
        <Filters dashboard=dashboard.clone() />
        <p role="status">
            {t_with(locale, "report-totals", &[
                ("total", totals.total.into()),
                ("completed", totals.completed.into()),
                ("percent", totals.completion_percent().into()),
                ("overdue", totals.overdue.into()),
            ])}
        </p>
        <p class="exports">
            {tr("report-export")}": "
            <a href=export("people", "csv") download>{tr("report-export-people")}" (CSV)"</a>" · "
            <a href=export("people", "xlsx") download>{tr("report-export-people")}" (XLSX)"</a>" · "
            <a href=export("units", "csv") download>{tr("report-by-unit")}" (CSV)"</a>" · "
            <a href=export("units", "xlsx") download>{tr("report-by-unit")}" (XLSX)"</a>" · "
            <a href=export("regions", "csv") download>{tr("report-by-region")}" (CSV)"</a>" · "
            <a href=export("regions", "xlsx") download>{tr("report-by-region")}" (XLSX)"</a>
        </p>
        <section aria-labelledby="by-unit">
            <h2 id="by-unit">{tr("report-by-unit")}</h2>
            <StatusChart id="unit-chart" title=tr("report-by-unit") groups=dashboard.by_unit.clone() table="unit-table" />
            <GroupTable id="unit-table" groups=dashboard.by_unit.clone() first=tr("org-unit") drill=move |key| {
                key.parse().ok().map(|unit| link(&ReportFilter { unit: Some(unit), ..filter.clone() }))
            } />
        </section>
        <section aria-labelledby="by-region">
            <h2 id="by-region">{tr("report-by-region")}</h2>
            <StatusChart id="region-chart" title=tr("report-by-region") groups=dashboard.by_region.clone() table="region-table" />
            <GroupTable id="region-table" groups=dashboard.by_region.clone() first=tr("org-region") drill={
                let filter = dashboard.filter.clone();
                move |key| (!key.is_empty()).then(|| link(&ReportFilter { region: Some(key), ..filter.clone() }))
            } />
        </section>
        <section aria-labelledby="people">
            <h2 id="people">{tr("report-people")}</h2>
            <PeopleTable rows=dashboard.people.clone() caption=t_with(locale, "report-people-caption", &[("count", dashboard.people_total.into())]) />
            <PeoplePager dashboard=dashboard.clone() />
        </section>
        <section aria-labelledby="flagged">
            <h2 id="flagged">{tr("report-flagged")}</h2>
            <p>{tr("report-flagged-intro")}</p>
            {if dashboard.flagged.is_empty() {
                view! { <p>{tr("report-flagged-none")}</p> }.into_any()
            } else {
                view! { <PeopleTable rows=dashboard.flagged caption=tr("report-flagged") /> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Filters(dashboard: Dashboard) -> impl IntoView {
    let filter = dashboard.filter;
    let selected = |current: &Option<String>, value: &str| current.as_deref() == Some(value);
    view! {
        <form method="get" action="/hr/reports" class="card filters">
            <div>
                <label for="f-course">{tr("team-course")}</label>
                <select id="f-course" name="course">
                    <option value="">{tr("report-any")}</option>
                    {dashboard.courses.into_iter().map(|(slug, title)| view! {
                        <option value=slug.clone() selected=selected(&filter.course, &slug)>{title}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="f-unit">{tr("org-unit")}</label>
                <select id="f-unit" name="unit">
                    <option value="">{tr("report-any")}</option>
                    {dashboard.units.into_iter().map(|(id, path)| view! {
                        <option value=id selected=filter.unit == Some(id)>{path}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="f-region">{tr("org-region")}</label>
                <select id="f-region" name="region">
                    <option value="">{tr("report-any")}</option>
                    {dashboard.regions.into_iter().map(|region| view! {
                        <option value=region.clone() selected=selected(&filter.region, &region)>{region.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="f-status">{tr("report-status")}</label>
                <select id="f-status" name="status">
                    <option value="">{tr("report-any")}</option>
                    {EnrolmentStatus::ALL.into_iter().map(|status| view! {
                        <option value=status.code() selected=filter.status == Some(status)>{tr(&format!("report-status-{}", status.code()))}</option>
                    }).collect_view()}
                </select>
            </div>
            <div>
                <label for="f-from">{tr("report-due-from")}</label>
                <input id="f-from" name="due_from" type="date" value=filter.due_from.clone().unwrap_or_default() />
            </div>
            <div>
                <label for="f-to">{tr("report-due-to")}</label>
                <input id="f-to" name="due_to" type="date" value=filter.due_to.clone().unwrap_or_default() />
            </div>
            <div><button type="submit" class="button-primary">{tr("report-apply")}</button></div>
        </form>
    }
}

#[component]
fn GroupTable(
    id: &'static str,
    groups: Vec<GroupCounts>,
    first: String,
    drill: impl Fn(String) -> Option<String> + 'static,
) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0">
            <table id=id>
                <thead>
                    <tr>
                        <th scope="col">{first}</th>
                        <th scope="col">{tr("report-total")}</th>
                        <th scope="col">{tr("team-completed")}</th>
                        <th scope="col">{tr("team-in-progress")}</th>
                        <th scope="col">{tr("team-not-started")}</th>
                        <th scope="col">{tr("team-overdue")}</th>
                        <th scope="col">{tr("report-completion")}</th>
                    </tr>
                </thead>
                <tbody>
                    {groups.into_iter().map(|group| {
                        let name = match drill(group.key.clone()) {
                            Some(href) => view! { <a href=href>{group.label.clone()}</a> }.into_any(),
                            None => view! { <span>{group.label.clone()}</span> }.into_any(),
                        };
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td>{group.total}</td>
                                <td>{group.completed}</td>
                                <td>{group.in_progress}</td>
                                <td>{group.not_started}</td>
                                <td>{group.overdue}</td>
                                <td>{format!("{}%", group.completion_percent())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn PeopleTable(rows: Vec<PersonCourseRow>, caption: String) -> impl IntoView {
    let locale = use_locale();
    view! {
        <div class="table-scroll" tabindex="0">
            <table>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{tr("team-person")}</th>
                        <th scope="col">{tr("org-unit")}</th>
                        <th scope="col">{tr("team-course")}</th>
                        <th scope="col">{tr("report-status")}</th>
                        <th scope="col">{tr("assign-due")}</th>
                        <th scope="col">{tr("report-completed-on")}</th>
                        <th scope="col">{tr("report-score")}</th>
                        <th scope="col">{tr("report-time")}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|row| {
                        let flags = row.flags.iter().map(|flag| tr(&format!("report-flag-{flag}"))).collect::<Vec<_>>().join("; ");
                        view! {
                            <tr>
                                <th scope="row"><a href=format!("/hr/people/{}", row.user_id)>{row.name}</a></th>
                                <td>{row.unit}</td>
                                <td>{row.course_title}</td>
                                <td>{tr(&format!("report-status-{}", row.status.code()))}</td>
                                <td>{row.due_on.unwrap_or_default()}</td>
                                <td>{row.completed_on.unwrap_or_default()}</td>
                                <td>{row.score_percent.map(|s| format!("{s}%")).unwrap_or_default()}</td>
                                <td>
                                    {t_with(locale, "report-minutes-of", &[("spent", row.minutes_spent.into()), ("estimated", row.estimated_minutes.into())])}
                                    {(!flags.is_empty()).then(|| view! { " " <strong class="badge badge-overdue">{flags}</strong> })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn PeoplePager(dashboard: Dashboard) -> impl IntoView {
    let pages = dashboard.people_total.div_ceil(dashboard.page_size);
    let query = dashboard.filter.query();
    let href = move |page: u64| {
        let separator = if query.is_empty() { "" } else { "&" };
        format!("/hr/reports?{query}{separator}page={page}#people")
    };
    view! { <Pager page=dashboard.page pages href /> }
}

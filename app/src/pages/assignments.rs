use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::assignments::{get_assignments, CancelAssignment, CreateAssignment};
use crate::components::loaded_page;
use crate::i18n::{has_message, t_with, tr, use_locale};
use malaka_shared::assignments::AssignmentsOverview;

/// HR: the mandatory training in force for their units, and a form to assign a course to a
/// unit (with its sub-units), to a position, or to a list of people, with a due date.
#[component]
pub fn AssignmentsPage() -> impl IntoView {
    loaded_page(
        get_assignments(),
        |overview| view! { <Assignments overview /> },
    )
}

#[component]
fn Assignments(overview: AssignmentsOverview) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map().get_untracked();
    let assigned = query.get("assigned");
    let cancelled = query.get("cancelled");
    let error = query
        .get("error")
        .filter(|key| key.starts_with("assign-error-") && has_message(locale, key, &[]));
    let detail = query.get("detail").filter(|detail| !detail.is_empty());
    view! {
        <Title text=tr("assign-title") />
        <h1>{tr("assign-title")}</h1>
        {assigned.map(|count| view! {
            <p class="notice notice-success" role="status">
                {t_with(locale, "assign-done", &[("count", count.parse::<u64>().unwrap_or(0).into())])}
            </p>
        })}
        {cancelled.map(|_| view! {
            <p class="notice notice-success" role="status">{tr("assign-cancelled")}</p>
        })}
        {error.map(|key| view! {
            <div class="notice notice-error" role="alert" id="assign-error">
                <p>{tr(&key)}</p>
                {detail.map(|detail| view! { <p><code>{detail}</code></p> })}
            </div>
        })}
        {if overview.rows.is_empty() {
            view! { <p>{tr("assign-none")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0">
                    <table>
                        <caption>{tr("assign-caption")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{tr("assign-course")}</th>
                                <th scope="col">{tr("assign-audience")}</th>
                                <th scope="col">{tr("assign-due")}</th>
                                <th scope="col">{tr("assign-repeat")}</th>
                                <th scope="col">{tr("assign-people")}</th>
                                <th scope="col">{tr("team-completed")}</th>
                                <th scope="col">{tr("team-overdue")}</th>
                                <th scope="col"><span class="visually-hidden">{tr("assign-actions")}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {overview.rows.into_iter().map(|row| {
                                let cancel_label = format!("{} {}", tr("assign-cancel"), row.course_title);
                                view! {
                                <tr>
                                    <th scope="row">{row.course_title}</th>
                                    <td>{tr(&format!("assign-to-{}", row.audience))}{row.target.map(|t| format!(": {t}"))}</td>
                                    <td>{row.due_on}</td>
                                    <td>{row.recur_months.map_or_else(
                                        || tr("assign-once"),
                                        |months| t_with(locale, "assign-every", &[("months", months.into())]),
                                    )}</td>
                                    <td>{row.people}</td>
                                    <td>{row.completed}</td>
                                    <td>{row.overdue}</td>
                                    <td>
                                        <form method="post" action=CancelAssignment::url()>
                                            <input type="hidden" name="id" value=row.id />
                                            <button type="submit" aria-label=cancel_label>{tr("assign-cancel")}</button>
                                        </form>
                                    </td>
                                </tr>
                            }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <form method="post" action=CreateAssignment::url() class="card">
            <h2>{tr("assign-new")}</h2>
            <label for="course">{tr("assign-course")}</label>
            <select id="course" name="course" required>
                {overview.courses.into_iter().map(|(slug, title)| view! { <option value=slug>{title}</option> }).collect_view()}
            </select>
            <fieldset>
                <legend>{tr("assign-audience")}</legend>
                <div>
                    <input type="radio" id="to-unit" name="audience" value="unit" checked />
                    <label for="to-unit">{tr("assign-to-unit")}</label>
                </div>
                <label for="unit">{tr("assign-unit-label")}</label>
                <select id="unit" name="unit">
                    {overview.units.into_iter().map(|(id, path)| view! { <option value=id>{path}</option> }).collect_view()}
                </select>
                <div>
                    <input type="radio" id="to-position" name="audience" value="position" />
                    <label for="to-position">{tr("assign-to-position")}</label>
                </div>
                <label for="position">{tr("assign-position-label")}</label>
                <input id="position" name="position" maxlength="128" />
                <div>
                    <input type="radio" id="to-people" name="audience" value="people" />
                    <label for="to-people">{tr("assign-to-people")}</label>
                </div>
                <label for="people">{tr("assign-people-label")}</label>
                <textarea id="people" name="people" rows="3"></textarea>
            </fieldset>
            <label for="due_on">{tr("assign-due")}</label>
            <input id="due_on" name="due_on" type="date" required />
            <label for="recur_months">{tr("assign-repeat-label")}</label>
            <input id="recur_months" name="recur_months" type="number" min="1" max="60" inputmode="numeric" />
            <button type="submit" class="button-primary">{tr("assign-submit")}</button>
        </form>
    }
}

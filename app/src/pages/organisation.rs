use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::people::{organisation_tree, CreateUnit, SetUnitManager};
use crate::components::loaded_page;
use crate::i18n::tr;
use malaka_shared::people::UnitRow;

/// Admins: the organisation tree (ministries, departments, units, with their regions and head
/// counts), a form to add a unit, and the way to the staff import.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    loaded_page(
        organisation_tree(),
        |units| view! { <Organisation units /> },
    )
}

#[component]
fn Organisation(units: Vec<UnitRow>) -> impl IntoView {
    let parents = units.clone();
    let managed = units.clone();
    view! {
        <Title text=tr("org-title") />
        <h1>{tr("org-title")}</h1>
        <p><a href="/admin/people/import">{tr("org-import-link")}</a></p>
        {if units.is_empty() {
            view! { <p>{tr("org-empty")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0">
                    <table>
                        <caption>{tr("org-caption")}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{tr("org-unit")}</th>
                                <th scope="col">{tr("org-kind")}</th>
                                <th scope="col">{tr("org-region")}</th>
                                <th scope="col">{tr("org-people")}</th>
                                <th scope="col">{tr("org-manager")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {units.into_iter().map(|unit| view! {
                                <tr>
                                    <th scope="row" class=format!("depth-{}", unit.depth.min(4)) title=unit.path>{unit.name}</th>
                                    <td>{tr(&format!("org-kind-{}", unit.kind))}</td>
                                    <td>{unit.region}</td>
                                    <td>{unit.people}</td>
                                    <td>{unit.manager.unwrap_or_else(|| tr("org-manager-none"))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <form method="post" action=CreateUnit::url() class="card">
            <h2>{tr("org-add-title")}</h2>
            <label for="parent">{tr("org-add-parent")}</label>
            <select id="parent" name="parent">
                <option value="">{tr("org-add-no-parent")}</option>
                {parents.into_iter().map(|unit| view! { <option value=unit.id>{unit.path}</option> }).collect_view()}
            </select>
            <label for="unit-name">{tr("org-add-name")}</label>
            <input id="unit-name" name="name" required maxlength="200" />
            <label for="unit-region">{tr("org-add-region")}</label>
            <input id="unit-region" name="region" required maxlength="100" />
            <button type="submit" class="button-primary">{tr("org-add-submit")}</button>
        </form>
        {(!managed.is_empty()).then(|| view! {
            <form method="post" action=SetUnitManager::url() class="card">
                <h2>{tr("org-manager")}</h2>
                <label for="manager-unit">{tr("org-unit")}</label>
                <select id="manager-unit" name="unit">
                    {managed.into_iter().map(|unit| view! { <option value=unit.id>{unit.path}</option> }).collect_view()}
                </select>
                <label for="manager-email">{tr("org-manager-label")}</label>
                <input id="manager-email" name="email" type="email" required />
                <button type="submit">{tr("org-manager-submit")}</button>
            </form>
        })}
    }
}

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::people::{
    get_person, search_people, EndPersonSessions, ResendInvitation, UpdatePerson,
};
use crate::components::{loaded_page, Pager};
use crate::i18n::{t_with, tr, use_locale};
use malaka_shared::people::{PeopleList, PersonEditor};

const ROLES: [&str; 4] = ["officer", "trainer", "hr", "admin"];

/// `/admin/people`: everyone, searchable by name or email, 50 a page.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let text = query.get("q").filter(|q| !q.is_empty());
    let page = query.get("page").and_then(|p| p.parse().ok()).unwrap_or(0);
    let shown = text.clone();
    loaded_page(
        search_people(text, page),
        move |list| view! { <People list text=shown /> },
    )
}

#[component]
fn People(list: PeopleList, text: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let pages = list.total.div_ceil(list.page_size);
    let searched = text.clone().unwrap_or_default();
    let href = move |page: u64| {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &searched)
            .append_pair("page", &page.to_string())
            .finish();
        format!("/admin/people?{query}")
    };
    view! {
        <Title text=tr("people-title") />
        <h1>{tr("people-title")}</h1>
        <p><a href="/admin/people/import">{tr("org-import-link")}</a></p>
        <form method="get" action="/admin/people" class="card" role="search">
            <label for="people-q">{tr("people-search")}</label>
            <input id="people-q" name="q" type="search" value=text.unwrap_or_default() />
            <button type="submit">{tr("audit-search-submit")}</button>
        </form>
        <p role="status">{t_with(locale, "people-count", &[("count", list.total.into())])}</p>
        <div class="table-scroll" tabindex="0">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{tr("team-person")}</th>
                        <th scope="col">{tr("sign-in-email")}</th>
                        <th scope="col">{tr("org-unit")}</th>
                        <th scope="col">{tr("people-role")}</th>
                        <th scope="col">{tr("people-active")}</th>
                    </tr>
                </thead>
                <tbody>
                    {list.people.into_iter().map(|person| view! {
                        <tr>
                            <th scope="row"><a href=format!("/admin/person/{}", person.id)>{person.name}</a></th>
                            <td>{person.email}</td>
                            <td>{person.unit}</td>
                            <td>{tr(&format!("people-role-{}", person.role))}</td>
                            <td>{if person.active { tr("people-yes") } else { tr("people-no") }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager page=list.page pages href />
    }
}

/// `/admin/person/<id>`: change a person's role, unit and whether they may sign in.
#[component]
pub fn PersonPage() -> impl IntoView {
    let id = super::id_param("id");
    loaded_page(get_person(id), |editor| view! { <Person editor /> })
}

#[component]
fn Person(editor: PersonEditor) -> impl IntoView {
    let query = use_query_map().get_untracked();
    let person = editor.person;
    view! {
        <Title text=person.name.clone() />
        <h1>{person.name.clone()}</h1>
        <p>{person.email.clone()}" · "<a href=format!("/hr/people/{}", person.id)>{tr("people-transcript")}</a></p>
        {query.get("saved").map(|_| view! { <p class="notice notice-success" role="status">{tr("people-saved")}</p> })}
        {query.get("error").as_deref().and_then(person_error_key).map(|key| view! { <p class="notice notice-error" role="alert">{tr(key)}</p> })}
        <form method="post" action=UpdatePerson::url() class="card">
            <input type="hidden" name="id" value=person.id />
            <label for="role">{tr("people-role")}</label>
            <select id="role" name="role">
                {ROLES.into_iter().map(|role| view! {
                    <option value=role selected=person.role == role>{tr(&format!("people-role-{role}"))}</option>
                }).collect_view()}
            </select>
            <label for="unit">{tr("org-unit")}</label>
            <select id="unit" name="unit">
                {editor.units.into_iter().map(|(id, path)| view! {
                    <option value=id selected=person.unit_id == Some(id)>{path}</option>
                }).collect_view()}
            </select>
            <div>
                <input type="checkbox" id="active" name="active" value="yes" checked=person.active />
                <label for="active">{tr("people-active-label")}</label>
            </div>
            <button type="submit" class="button-primary">{tr("people-save")}</button>
        </form>
        {query.get("signed_out").map(|_| view! { <p class="notice notice-success" role="status">{tr("people-sessions-ended")}</p> })}
        <form method="post" action=EndPersonSessions::url() class="card">
            <input type="hidden" name="id" value=person.id />
            <p>{tr("people-end-sessions-explanation")}</p>
            <button type="submit">{tr("people-end-sessions")}</button>
        </form>
        {query.get("invited").map(|_| view! { <p class="notice notice-success" role="status">{tr("people-invitation-sent")}</p> })}
        {(person.awaiting_password && person.active).then(|| view! {
            <form method="post" action=ResendInvitation::url() class="card">
                <input type="hidden" name="id" value=person.id />
                <p>{tr("people-awaiting-password")}</p>
                <button type="submit">{tr("people-resend-invitation")}</button>
            </form>
        })}
    }
}

/// The refusals the person form can come back with (`?error=<message key>`); anything else in
/// the address shows nothing.
fn person_error_key(key: &str) -> Option<&'static str> {
    [
        "people-error-self",
        "people-error-role",
        "people-error-has-password",
    ]
    .into_iter()
    .find(|known| *known == key)
}

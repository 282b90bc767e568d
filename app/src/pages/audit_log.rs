use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::audit::search_audit_log;
use crate::components::{loaded_page, Pager};
use crate::i18n::{t_with, tr, use_locale};
use malaka_shared::audit::AuditPage;

/// `/admin/audit`: who did what and when, newest first, searchable. Nothing here can change
/// an entry: the database itself refuses updates and deletions of the log.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let text = query.get("q").filter(|q| !q.is_empty());
    let page = query.get("page").and_then(|p| p.parse().ok()).unwrap_or(0);
    let shown = text.clone();
    loaded_page(
        search_audit_log(text, page),
        move |log| view! { <AuditLog log text=shown /> },
    )
}

#[component]
fn AuditLog(log: AuditPage, text: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let pages = log.total.div_ceil(log.page_size);
    let at = {
        let text = text.clone().unwrap_or_default();
        move |page: u64| {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("q", &text)
                .append_pair("page", &page.to_string())
                .finish();
            format!("/admin/audit?{query}")
        }
    };
    view! {
        <Title text=tr("audit-title") />
        <h1>{tr("audit-title")}</h1>
        <p>{tr("audit-intro")}</p>
        <form method="get" action="/admin/audit" class="card" role="search">
            <label for="audit-q">{tr("audit-search")}</label>
            <input id="audit-q" name="q" type="search" value=text.unwrap_or_default() />
            <button type="submit">{tr("audit-search-submit")}</button>
        </form>
        <p role="status">{t_with(locale, "audit-count", &[("count", log.total.into())])}</p>
        <div class="table-scroll" tabindex="0">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{tr("audit-when")}</th>
                        <th scope="col">{tr("audit-who")}</th>
                        <th scope="col">{tr("audit-action")}</th>
                        <th scope="col">{tr("audit-subject")}</th>
                        <th scope="col">{tr("audit-detail")}</th>
                        <th scope="col">{tr("audit-address")}</th>
                    </tr>
                </thead>
                <tbody>
                    {log.rows.into_iter().map(|row| view! {
                        <tr>
                            <td>{row.at}</td>
                            <td>{row.actor}</td>
                            <th scope="row"><code>{row.action}</code></th>
                            <td>{row.subject}</td>
                            <td>{row.detail}</td>
                            <td>{row.ip}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager page=log.page pages href=at />
    }
}

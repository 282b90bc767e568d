use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::mail::{email_outbox, RetryEmail};
use crate::components::loaded_page;
use crate::i18n::{t_with, tr, use_locale};
use malaka_shared::mail::OutboxOverview;

/// Admins: emails waiting and emails that gave up after their retries, with a Retry button.
#[component]
pub fn OutboxPage() -> impl IntoView {
    loaded_page(email_outbox(), |overview| view! { <Outbox overview /> })
}

#[component]
fn Outbox(overview: OutboxOverview) -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=tr("outbox-title") />
        <h1>{tr("outbox-title")}</h1>
        <p role="status">{t_with(locale, "outbox-pending", &[("count", overview.pending.into())])}</p>
        <h2>{tr("outbox-failed-title")}</h2>
        {if overview.failed.is_empty() {
            view! { <p>{tr("outbox-failed-empty")}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0">
                    <table>
                        <thead>
                            <tr>
                                <th scope="col">{tr("outbox-recipient")}</th>
                                <th scope="col">{tr("outbox-kind")}</th>
                                <th scope="col">{tr("outbox-attempts")}</th>
                                <th scope="col">{tr("outbox-error")}</th>
                                <th scope="col"><span class="visually-hidden">{tr("outbox-retry")}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {overview.failed.into_iter().map(|email| view! {
                                <tr>
                                    <th scope="row">{email.recipient}</th>
                                    <td>{email.kind}" · "{email.created_on}</td>
                                    <td>{email.attempts}</td>
                                    <td>{email.last_error}</td>
                                    <td>
                                        <form method="post" action=RetryEmail::url()>
                                            <input type="hidden" name="id" value=email.id />
                                            <button type="submit">{tr("outbox-retry")}</button>
                                        </form>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

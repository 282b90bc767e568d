use leptos::prelude::*;

use crate::i18n::{t_with, tr, use_locale};

/// Previous and next links around "page N of M"; `href` makes the link of a page (0-based).
#[component]
pub fn Pager(page: u64, pages: u64, href: impl Fn(u64) -> String + 'static) -> impl IntoView {
    let locale = use_locale();
    let pages = pages.max(1);
    view! {
        <nav class="pager" aria-label=tr("report-pages")>
            {(page > 0).then(|| view! { <a href=href(page - 1) rel="prev">{tr("report-previous")}</a> })}
            <span>{t_with(locale, "report-page", &[("page", (page + 1).into()), ("pages", pages.into())])}</span>
            {(page + 1 < pages).then(|| view! { <a href=href(page + 1) rel="next">{tr("report-next")}</a> })}
        </nav>
    }
}

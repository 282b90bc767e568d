use leptos::prelude::*;

use crate::api::auth::{SetLanguage, SignOut};
use crate::i18n::{tr, use_locale, Locale};
use leptos::server_fn::ServerFn;
use malaka_shared::people::{Role, UserSummary};

/// The page frame: skip link, header with navigation, the language switcher, sign-out, and the
/// page's main content. `current_path` brings the learner back to the same page after switching
/// language.
#[component]
pub fn Layout(
    user: Option<UserSummary>,
    current_path: String,
    children: Children,
) -> impl IntoView {
    let locale = use_locale();
    let is_staff = user
        .as_ref()
        .is_some_and(|u| matches!(u.role, Role::Hr | Role::Admin));
    let is_admin = user.as_ref().is_some_and(|u| u.role == Role::Admin);
    let is_author = user
        .as_ref()
        .is_some_and(|u| matches!(u.role, Role::Trainer | Role::Admin));
    let signed_in = user.is_some();
    view! {
        <a class="skip-link" href="#main">{tr("skip-to-content")}</a>
        <header class="site-header">
            <a class="brand" href="/">"Malaka"</a>
            {signed_in.then(|| view! {
                <nav aria-label=tr("nav-label")>
                    <ul>
                        <li><a href="/learning">{tr("nav-my-learning")}</a></li>
                        <li><a href="/catalog">{tr("nav-catalog")}</a></li>
                        <li><a href="/certificates">{tr("nav-certificates")}</a></li>
                        {is_staff.then(|| view! { <li><a href="/team">{tr("nav-team")}</a></li> })}
                        {is_staff.then(|| view! { <li><a href="/hr/reports">{tr("nav-reports")}</a></li> })}
                        {is_staff.then(|| view! { <li><a href="/hr/assignments">{tr("nav-assignments")}</a></li> })}
                        {is_admin.then(|| view! { <li><a href="/admin/organisation">{tr("nav-organisation")}</a></li> })}
                        {is_admin.then(|| view! { <li><a href="/admin/people">{tr("nav-people")}</a></li> })}
                        {is_staff.then(|| view! { <li><a href="/admin/audit">{tr("nav-audit")}</a></li> })}
                        {is_author.then(|| view! { <li><a href="/author">{tr("nav-author")}</a></li> })}
                        {is_admin.then(|| view! { <li><a href="/admin/outbox">{tr("nav-outbox")}</a></li> })}
                    </ul>
                </nav>
            })}
            <div class="header-tools">
                <form class="language-switcher" method="post" action=SetLanguage::url()>
                    <input type="hidden" name="next" value=current_path />
                    <span class="visually-hidden" id="language-label">{tr("language-label")}</span>
                    <div role="group" aria-labelledby="language-label">
                        {Locale::ALL.into_iter().map(|option| view! {
                            <button type="submit" name="language" value=option.code() lang=option.html_lang()
                                aria-pressed=if option == locale { "true" } else { "false" }>
                                {option.native_name()}
                            </button>
                        }).collect_view()}
                    </div>
                </form>
                {user.map(|user| view! {
                    <form method="post" action=SignOut::url()>
                        <a class="user-name" href="/account">{user.name}</a>
                        <button type="submit" class="link-button">{tr("sign-out")}</button>
                    </form>
                })}
            </div>
        </header>
        <main id="main" tabindex="-1">{children()}</main>
    }
}

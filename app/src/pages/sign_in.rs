use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{is_demo_mode, request_path};
use crate::api::auth::SignIn;
use crate::components::Layout;
use crate::i18n::tr;

#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let error_key = match query.get("error").as_deref() {
        Some("credentials") => Some("sign-in-error-credentials"),
        Some("rate-limited") => Some("sign-in-error-rate-limited"),
        _ => None,
    };
    let welcome = query.get("welcome").is_some();
    let reset = query.get("reset").is_some();
    let email = query.get("email").unwrap_or_default();
    let next = query.get("next").unwrap_or_else(|| "/learning".into());
    view! {
        <Title text=tr("sign-in-title") />
        <Layout user=None current_path=request_path()>
            <section class="card sign-in">
                <h1>{tr("sign-in-title")}</h1>
                {welcome.then(|| view! { <p class="notice notice-success" role="status">{tr("invite-accepted")}</p> })}
                {reset.then(|| view! { <p class="notice notice-success" role="status">{tr("reset-done")}</p> })}
                {error_key.map(|key| view! { <p class="notice notice-error" role="alert" id="sign-in-error">{tr(key)}</p> })}
                <form method="post" action=SignIn::url()>
                    <input type="hidden" name="next" value=next />
                    <label for="email">{tr("sign-in-email")}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required value=email
                        aria-describedby=error_key.map(|_| "sign-in-error") />
                    <label for="password">{tr("sign-in-password")}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required />
                    <button type="submit" class="button-primary">{tr("sign-in-submit")}</button>
                </form>
                <p><a href="/forgot-password">{tr("sign-in-forgot")}</a></p>
                {is_demo_mode().then(|| view! {
                    <aside class="notice notice-info">
                        <h2>{tr("demo-title")}</h2>
                        <p>{tr("demo-accounts")}</p>
                        <ul>
                            <li><code>"officer@demo.malaka.uz"</code></li>
                            <li><code>"trainer@demo.malaka.uz"</code></li>
                            <li><code>"hr@demo.malaka.uz"</code></li>
                            <li><code>"admin@demo.malaka.uz"</code></li>
                        </ul>
                        <p>{tr("demo-password")} " " <code>"malaka-demo"</code></p>
                    </aside>
                })}
            </section>
        </Layout>
    }
}

//! Malaka's web application. Pages render on the server; only the small interactive parts are
//! Leptos islands that hydrate in the browser, so a lesson costs rural learners little bandwidth
//! and every page and form also works with JavaScript switched off.
//!
//! - `pages/`, `components/`: what learners see; `islands/`: the parts that run in the browser.
//! - `api/`: server functions by domain (thin: who is asking, then one service call).
//! - `guard` (feature `ssr`): who is asking; the services themselves are in `malaka-domain`.

#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod i18n;
pub mod islands;
pub mod pages;

pub use malaka_shared::AppError;

/// Entry point of the browser bundle: hydrates the islands only.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}

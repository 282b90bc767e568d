//! Malaka's web application. Pages render on the server; only the small interactive parts are
//! Leptos islands that hydrate in the browser, so a lesson costs rural learners little bandwidth
//! and every page and form also works with JavaScript switched off.
//!
//! - `pages/`, `components/`: what learners see; `islands/`: the parts that run in the browser.
//! - `api/`: server functions by domain (thin: who is asking, then one service call).
//! - `server/` (feature `ssr`): state, authentication, entities and the domain services.

#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod error;
pub mod i18n;
pub mod islands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

pub use error::AppError;

/// Entry point of the browser bundle: hydrates the islands only.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}

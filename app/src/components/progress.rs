use leptos::prelude::*;

use crate::i18n::{t_with, use_locale};

/// A course's completion as a native `<progress>` (announced by screen readers) with its text.
#[component]
pub fn ProgressBar(percent: u32) -> impl IntoView {
    let label = t_with(
        use_locale(),
        "progress-percent",
        &[("percent", percent.into())],
    );
    view! {
        <div class="progress">
            <progress max="100" value=percent aria-label=label.clone()></progress>
            <span class="progress-label">{label}</span>
        </div>
    }
}

use leptos::prelude::*;

use malaka_shared::authoring::LessonPreview;

/// The editor's preview and problems, redrawn from the server's own renderer and validator a
/// moment after the trainer stops typing. Without JavaScript the page shows the same thing
/// after each "Save draft and preview".
#[island]
pub fn LivePreview(
    course: String,
    file: String,
    initial: LessonPreview,
    valid_label: String,
) -> impl IntoView {
    let shown = RwSignal::new(initial);
    #[cfg(feature = "hydrate")]
    watch_source(course, file, shown);
    #[cfg(not(feature = "hydrate"))]
    let _ = (course, file);
    view! {
        // Polite, not an alert: it changes as the trainer types.
        <div aria-live="polite">
            {move || {
                let problems = shown.with(|preview| preview.problems.clone());
                if problems.is_empty() {
                    view! { <p class="badge badge-done">{valid_label.clone()}</p> }.into_any()
                } else {
                    view! {
                        <div class="notice notice-error">
                            <ul>{problems.into_iter().map(|p| view! { <li><code>{p}</code></li> }).collect_view()}</ul>
                        </div>
                    }
                    .into_any()
                }
            }}
        </div>
        {move || shown.with(|preview| preview.html.clone()).map(|html| view! {
            <article class="lesson-body" inner_html=html></article>
        })}
    }
}

#[cfg(feature = "hydrate")]
fn watch_source(course: String, file: String, shown: RwSignal<LessonPreview>) {
    use std::cell::Cell;
    use std::rc::Rc;
    use std::time::Duration;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    // Long enough not to send every keystroke over a slow line, short enough to feel live.
    const PAUSE: Duration = Duration::from_millis(500);
    let Some(source) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("markdown"))
        .and_then(|element| element.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let waiting: Rc<Cell<Option<TimeoutHandle>>> = Rc::default();
    // Answers can come back out of order: only the newest request may redraw.
    let newest = Rc::new(Cell::new(0_u64));
    let typed_in = source.clone();
    let on_input = Closure::<dyn Fn(web_sys::Event)>::new(move |_event: web_sys::Event| {
        if let Some(handle) = waiting.take() {
            handle.clear();
        }
        let (course, file, source, newest) = (
            course.clone(),
            file.clone(),
            typed_in.clone(),
            newest.clone(),
        );
        let handle = set_timeout_with_handle(
            move || {
                let request = newest.get() + 1;
                newest.set(request);
                leptos::task::spawn_local(async move {
                    let answer =
                        crate::api::authoring::preview_lesson(course, file, source.value()).await;
                    // A failed request leaves the last preview; saving still works.
                    if let (Ok(preview), true) = (answer, newest.get() == request) {
                        shown.set(preview);
                    }
                });
            },
            PAUSE,
        );
        waiting.set(handle.ok());
    });
    let _ = source.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    on_input.forget();
}

use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use crate::AppError;

/// Saves the quiz form's answers as soon as one changes, so a lost connection or a closed
/// laptop loses nothing; says when the last save succeeded. Without JavaScript the form's own
/// "Save answers" button does the same job.
#[island]
pub fn QuizAutosave(attempt: i32, saved_label: String, failed_label: String) -> impl IntoView {
    let status = RwSignal::new(String::new());
    #[cfg(feature = "hydrate")]
    watch_form(attempt, status, saved_label, failed_label);
    #[cfg(not(feature = "hydrate"))]
    let _ = (attempt, saved_label, failed_label);
    view! { <p class="autosave-status" role="status" aria-live="polite">{move || status.get()}</p> }
}

#[cfg(feature = "hydrate")]
fn watch_form(attempt: i32, status: RwSignal<String>, saved_label: String, failed_label: String) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let Some(form) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("quiz-form"))
        .and_then(|element| element.dyn_into::<web_sys::HtmlFormElement>().ok())
    else {
        return;
    };
    let form_for_listener = form.clone();
    let on_change = Closure::<dyn Fn(web_sys::Event)>::new(move |_event: web_sys::Event| {
        let save = Save {
            attempt,
            answers: read_answers(&form_for_listener),
            status,
            saved_label: saved_label.clone(),
            failed_label: failed_label.clone(),
        };
        save.send(SAVE_TRIES);
    });
    let _ = form.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    on_change.forget();
}

/// A save that fails (a dropped connection, a server restarting behind the load balancer) is
/// sent again after a pause; saving the same answers twice is harmless.
#[cfg(feature = "hydrate")]
const SAVE_TRIES: u32 = 4;
#[cfg(feature = "hydrate")]
const RETRY_AFTER: std::time::Duration = std::time::Duration::from_millis(1500);

#[cfg(feature = "hydrate")]
#[derive(Clone)]
struct Save {
    attempt: i32,
    answers: std::collections::HashMap<String, std::collections::HashMap<String, String>>,
    status: RwSignal<String>,
    saved_label: String,
    failed_label: String,
}

#[cfg(feature = "hydrate")]
impl Save {
    fn send(self, tries_left: u32) {
        leptos::task::spawn_local(async move {
            let outcome =
                crate::api::final_quiz::autosave_quiz(self.attempt, Some(self.answers.clone()))
                    .await;
            match outcome {
                Ok(()) => self.status.set(self.saved_label.clone()),
                // Only what went wrong on the way is worth repeating; a refusal stays one.
                Err(AppError::Transport(_) | AppError::Internal) if tries_left > 1 => {
                    let again = self.clone();
                    set_timeout(move || again.send(tries_left - 1), RETRY_AFTER);
                }
                Err(_) => self.status.set(self.failed_label.clone()),
            }
        });
    }
}

/// `answer[<question>][<field>]` form fields, grouped by question.
#[cfg(feature = "hydrate")]
fn read_answers(
    form: &web_sys::HtmlFormElement,
) -> std::collections::HashMap<String, std::collections::HashMap<String, String>> {
    use wasm_bindgen::JsCast;
    let mut answers: std::collections::HashMap<String, std::collections::HashMap<String, String>> =
        Default::default();
    let Ok(data) = web_sys::FormData::new_with_form(form) else {
        return answers;
    };
    let Ok(Some(entries)) = js_sys::try_iter(&data.entries()) else {
        return answers;
    };
    for entry in entries.flatten() {
        let pair: js_sys::Array = entry.unchecked_into();
        let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) else {
            continue;
        };
        let Some(rest) = name.strip_prefix("answer[") else {
            continue;
        };
        let Some((key, field)) = rest.split_once("][") else {
            continue;
        };
        answers
            .entry(key.to_owned())
            .or_default()
            .insert(field.trim_end_matches(']').to_owned(), value);
    }
    answers
}

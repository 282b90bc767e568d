use leptos::prelude::*;

/// Counts the time a lesson is actually on screen and reports it every 30 seconds, for the
/// time-on-task figures HR sees. Without JavaScript the server estimates it instead, from the
/// signed time it served the page to "Mark complete".
#[island]
pub fn LessonTimer(course: String, lesson: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    start_reporting(course, lesson);
    #[cfg(not(feature = "hydrate"))]
    let _ = (course, lesson);
}

#[cfg(feature = "hydrate")]
fn start_reporting(course: String, lesson: String) {
    use crate::api::learning::record_time;
    use std::time::Duration;

    const INTERVAL_SECONDS: i32 = 30;
    // The first heartbeat starts the lesson's clock on the server (opening the page, a GET,
    // records nothing).
    {
        let (course, lesson) = (course.clone(), lesson.clone());
        leptos::task::spawn_local(async move {
            let _ = record_time(course, lesson, 0).await;
        });
    }
    let is_visible = || {
        web_sys::window()
            .and_then(|window| window.document())
            .is_none_or(|document| document.visibility_state() == web_sys::VisibilityState::Visible)
    };
    let handle = set_interval_with_handle(
        move || {
            if is_visible() {
                let (course, lesson) = (course.clone(), lesson.clone());
                leptos::task::spawn_local(async move {
                    // A lost heartbeat only loses 30 seconds of the estimate: nothing to retry.
                    let _ = record_time(course, lesson, INTERVAL_SECONDS).await;
                });
            }
        },
        Duration::from_secs(INTERVAL_SECONDS as u64),
    );
    if let Ok(handle) = handle {
        on_cleanup(move || handle.clear());
    }
}

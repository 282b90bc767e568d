//! The only code that runs in the browser. Everything else is server-rendered HTML.

mod lesson_timer;
mod live_preview;
mod quiz_autosave;

pub use lesson_timer::LessonTimer;
pub use live_preview::LivePreview;
pub use quiz_autosave::QuizAutosave;

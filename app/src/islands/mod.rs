//! The only code that runs in the browser. Everything else is server-rendered HTML.

mod lesson_timer;

pub use lesson_timer::LessonTimer;

//! Pieces shared by pages.

mod error_notice;
mod knowledge_check;
mod layout;
mod progress;

pub use error_notice::ErrorNotice;
pub use knowledge_check::{KnowledgeCheckForm, QuestionFields};
pub use layout::Layout;
pub use progress::ProgressBar;

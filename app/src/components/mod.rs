//! Pieces shared by pages.

mod error_notice;
mod knowledge_check;
mod layout;
mod loaded_page;
mod pager;
mod progress;
mod status_chart;

pub use error_notice::ErrorNotice;
pub use knowledge_check::{KnowledgeCheckForm, QuestionFields};
pub use layout::Layout;
pub use loaded_page::loaded_page;
pub use pager::Pager;
pub use progress::ProgressBar;
pub use status_chart::StatusChart;

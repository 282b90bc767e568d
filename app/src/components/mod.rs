//! Pieces shared by pages.

mod error_notice;
mod layout;
mod progress;

pub use error_notice::ErrorNotice;
pub use layout::Layout;
pub use progress::ProgressBar;

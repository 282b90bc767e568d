//! Malaka's course catalog: the Markdown course format that trainers write, the loader that reads
//! and validates `courses/catalog/<slug>/`, and the renderer that turns lessons into sanitised HTML.
//!
//! The crate knows nothing about databases or HTTP: the server syncs what [`load_catalog`] returns
//! into its database, and the trainer tools report the [`Problem`]s it finds.

pub mod archive;
mod catalog;
mod error;
mod front_matter;
mod language;
pub mod quiz;
mod render;
pub mod svg;

pub use catalog::{load_catalog, load_course, Catalog, Course, CourseMeta, Lesson, LessonText};
pub use error::{CatalogError, Problem};
pub use language::Language;
pub use render::{render_markdown, RenderContext, RenderedMarkdown};

/// The folder of the catalog shipped with Malaka, for the server's default and for tests.
pub fn bundled_catalog_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog")
}

//! The trainers' authoring workspace: courses with their validation state, lesson drafts,
//! previews and published versions.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthoringCourse {
    pub slug: String,
    pub title: String,
    /// `file:line:column: message`, empty when the course is valid.
    pub problems: Vec<String>,
    pub files: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonEditor {
    pub course: String,
    pub file: String,
    /// The draft if there is one, else the published file.
    pub markdown: String,
    pub has_draft: bool,
    /// Sanitised HTML, as learners would see the lesson; `None` while the course has problems.
    pub preview_html: Option<String>,
    pub problems: Vec<String>,
}

/// What the editor shows beside the Markdown: the lesson as learners would see it and every
/// problem in the course with this text in place.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonPreview {
    /// Sanitised HTML; `None` while the course has problems.
    pub html: Option<String>,
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseVersionSummary {
    pub version: i32,
    pub published_at: String,
    /// Published from the workspace (otherwise the state found before the first such publish).
    pub from_browser: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileDiff {
    pub file: String,
    pub unified: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseHistoryView {
    pub course: String,
    pub versions: Vec<CourseVersionSummary>,
    /// The changes of the version asked for (`?diff=N`), if any.
    pub diff: Option<(i32, Vec<FileDiff>)>,
}

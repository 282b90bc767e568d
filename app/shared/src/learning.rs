//! What a learner sees: course cards, outlines, lessons and progress.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseCard {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub estimated_minutes: i32,
    pub lessons_total: usize,
    pub lessons_completed: usize,
    pub enrolled: bool,
    pub completed: bool,
    /// The lesson to continue with: the first one not completed yet.
    pub resume_lesson: Option<String>,
    /// The day (in Tashkent) by which HR wants the course done, while it is not.
    pub due_on: Option<String>,
    pub overdue: bool,
}

impl CourseCard {
    pub fn percent(&self) -> u32 {
        percent(self.lessons_completed, self.lessons_total)
    }
}

pub fn percent(done: usize, total: usize) -> u32 {
    (done * 100).checked_div(total).unwrap_or(0) as u32
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LessonState {
    NotStarted,
    Started,
    Completed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonItem {
    pub slug: String,
    pub position: i32,
    pub title: String,
    pub minutes: i32,
    pub state: LessonState,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourseOutline {
    pub card: CourseCard,
    pub audience: String,
    pub version: i32,
    /// ISO date (YYYY-MM-DD) of the last change to the course's files.
    pub updated_on: String,
    pub lessons: Vec<LessonItem>,
    /// The course ends with a graded final quiz.
    pub has_quiz: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonLink {
    pub slug: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LessonView {
    pub course_slug: String,
    pub course_title: String,
    pub slug: String,
    pub title: String,
    /// Sanitised when the catalog was loaded.
    pub html: String,
    pub minutes: i32,
    pub position: usize,
    pub total: usize,
    pub completed: bool,
    pub course_percent: u32,
    pub previous: Option<LessonLink>,
    pub next: Option<LessonLink>,
    /// The language the text is in (`uz`, `ru`, `en`).
    pub language: String,
    /// True when the text is not in the learner's language (no translation yet).
    pub is_fallback: bool,
    /// Knowledge checks, shown after the text.
    pub checks: Vec<crate::quiz::KnowledgeCheck>,
    /// The server's signed note of when it served this page, sent back with "Mark complete"
    /// so reading time counts without JavaScript too.
    pub reading_receipt: String,
}

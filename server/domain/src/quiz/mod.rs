//! Quizzes: knowledge checks inside lessons (`knowledge_checks`), the graded final quiz
//! (`attempts`: drawing, saving, grading, results), how a question is shown to one learner
//! (`presentation`: display positions only) and the item analysis trainers read.

pub mod attempts;
pub mod item_analysis;
pub mod knowledge_checks;
pub mod presentation;

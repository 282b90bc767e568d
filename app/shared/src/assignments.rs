//! Mandatory training: the assignments in force, as HR and admins see them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentRow {
    pub id: i32,
    pub course_title: String,
    /// `unit`, `position` or `people`.
    pub audience: String,
    /// The unit's path, the position, or nothing for a list of people.
    pub target: Option<String>,
    pub due_on: String,
    pub recur_months: Option<i32>,
    pub people: u64,
    pub completed: u64,
    pub overdue: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentsOverview {
    pub rows: Vec<AssignmentRow>,
    /// (slug, title) of every course that can be assigned.
    pub courses: Vec<(String, String)>,
    /// (id, path) of the units the viewer may assign to.
    pub units: Vec<(i32, String)>,
}

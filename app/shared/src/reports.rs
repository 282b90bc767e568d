//! HR reports: progress by course, unit and region, the people behind the numbers, transcripts.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CourseProgressRow {
    pub slug: String,
    pub title: String,
    pub enrolled: u64,
    pub completed: u64,
    pub in_progress: u64,
    pub not_started: u64,
    pub overdue: u64,
    /// People whose latest certificate for the course has expired.
    pub lapsed: u64,
}

/// Where a person is with a course. The four do not overlap: overdue means not completed and
/// past its due date, whether or not reading has started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrolmentStatus {
    Overdue,
    NotStarted,
    InProgress,
    Completed,
}

impl EnrolmentStatus {
    /// In the order HR chases them: overdue first, completed last.
    pub const ALL: [Self; 4] = [
        Self::Overdue,
        Self::NotStarted,
        Self::InProgress,
        Self::Completed,
    ];

    /// The rule, in one place: the reports' SQL is built from it (`reports::query`).
    pub fn of(completed: bool, past_due: bool, started: bool) -> Self {
        match (completed, past_due, started) {
            (true, _, _) => Self::Completed,
            (false, true, _) => Self::Overdue,
            (false, false, true) => Self::InProgress,
            (false, false, false) => Self::NotStarted,
        }
    }

    /// The code in links, exports and i18n keys (`report-status-…`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Overdue => "overdue",
            Self::NotStarted => "not_started",
            Self::InProgress => "in_progress",
            Self::Completed => "completed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }
}

/// What HR narrows a report to; every field comes from the page's query string, so a filtered
/// report is a link that can be bookmarked, shared and exported.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportFilter {
    pub course: Option<String>,
    pub unit: Option<i32>,
    pub region: Option<String>,
    pub status: Option<EnrolmentStatus>,
    /// Due dates from and to (inclusive), as `YYYY-MM-DD`.
    pub due_from: Option<String>,
    pub due_to: Option<String>,
}

impl ReportFilter {
    /// The filter from a query string's parameters; empty values mean no filter.
    pub fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        let given = |name: &str| get(name).filter(|value| !value.is_empty());
        Self {
            course: given("course"),
            unit: given("unit").and_then(|unit| unit.parse().ok()),
            region: given("region"),
            status: given("status").and_then(|code| EnrolmentStatus::from_code(&code)),
            due_from: given("due_from"),
            due_to: given("due_to"),
        }
    }

    /// The filter as a query string (without `?`), to link to pages and exports.
    pub fn query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(course) = &self.course {
            query.append_pair("course", course);
        }
        if let Some(unit) = self.unit {
            query.append_pair("unit", &unit.to_string());
        }
        if let Some(status) = self.status {
            query.append_pair("status", status.code());
        }
        for (name, value) in [
            ("region", &self.region),
            ("due_from", &self.due_from),
            ("due_to", &self.due_to),
        ] {
            if let Some(value) = value {
                query.append_pair(name, value);
            }
        }
        query.finish()
    }
}

/// Enrolments of a group (a unit with everything below it, or a region), by status. The four
/// statuses do not overlap: overdue means not completed and past its due date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupCounts {
    /// The unit's id or the region's name: what the drill-down link filters on.
    pub key: String,
    pub label: String,
    pub total: u64,
    pub completed: u64,
    pub overdue: u64,
    pub in_progress: u64,
    pub not_started: u64,
}

impl GroupCounts {
    pub fn completion_percent(&self) -> u32 {
        crate::learning::percent(self.completed as usize, self.total as usize)
    }
}

/// One person on one course, as HR's lists and exports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonCourseRow {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    pub unit: String,
    pub region: String,
    pub position: String,
    pub course_slug: String,
    pub course_title: String,
    pub status: EnrolmentStatus,
    pub enrolled_on: String,
    pub due_on: Option<String>,
    pub completed_on: Option<String>,
    pub score_percent: Option<i16>,
    /// Time on the lessons, from the lesson pages' timer.
    pub minutes_spent: i64,
    pub estimated_minutes: i32,
    /// The fastest passing attempt of the final quiz, if any.
    pub quiz_seconds: Option<i64>,
    /// `reading` (completed in a small fraction of the reading time) and/or `quiz` (passed in
    /// seconds): completions worth a follow-up.
    pub flags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub filter: ReportFilter,
    pub courses: Vec<(String, String)>,
    pub units: Vec<(i32, String)>,
    pub regions: Vec<String>,
    /// The unit the report is drilled into, if any, with its path.
    pub unit_path: Option<String>,
    pub totals: GroupCounts,
    pub by_unit: Vec<GroupCounts>,
    pub by_region: Vec<GroupCounts>,
    pub people: Vec<PersonCourseRow>,
    pub people_total: u64,
    pub page: u64,
    pub page_size: u64,
    pub flagged: Vec<PersonCourseRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranscriptCourse {
    pub course_title: String,
    pub status: EnrolmentStatus,
    pub enrolled_on: String,
    pub due_on: Option<String>,
    pub completed_on: Option<String>,
    pub score_percent: Option<i16>,
    pub lessons_completed: usize,
    pub lessons_total: usize,
    pub minutes_spent: i64,
    pub flags: Vec<String>,
    /// (code, status) of the latest certificate.
    pub certificate: Option<(String, String)>,
}

/// A finished round of recurring training, before the current one opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranscriptRound {
    pub course_title: String,
    pub due_on: Option<String>,
    pub completed_on: String,
    pub score_percent: Option<i16>,
    pub minutes_spent: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transcript {
    pub name: String,
    pub email: String,
    pub unit: String,
    pub position: String,
    pub courses: Vec<TranscriptCourse>,
    /// Newest first.
    pub earlier_rounds: Vec<TranscriptRound>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filtered_status_survives_the_query_string_and_an_unknown_one_is_no_filter() {
        for status in EnrolmentStatus::ALL {
            let filter = ReportFilter {
                status: Some(status),
                ..Default::default()
            };
            let query = filter.query();
            let parsed: std::collections::HashMap<String, String> =
                form_urlencoded::parse(query.as_bytes())
                    .into_owned()
                    .collect();
            assert_eq!(
                ReportFilter::from_query(|name| parsed.get(name).cloned()),
                filter
            );
        }
        let forged = ReportFilter::from_query(|name| (name == "status").then(|| "done'--".into()));
        assert_eq!(forged.status, None);
    }

    #[test]
    fn completion_outranks_a_passed_due_date_which_outranks_reading() {
        use EnrolmentStatus::*;
        assert_eq!(EnrolmentStatus::of(true, true, false), Completed);
        assert_eq!(EnrolmentStatus::of(false, true, true), Overdue);
        assert_eq!(EnrolmentStatus::of(false, false, true), InProgress);
        assert_eq!(EnrolmentStatus::of(false, false, false), NotStarted);
    }
}

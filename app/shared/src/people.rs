//! People and their accounts: roles, the signed-in user, the organisation tree, staff imports,
//! invitations and the people directory.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Officer,
    Trainer,
    Hr,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Trainer => "trainer",
            Role::Hr => "hr",
            Role::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Role::Officer, Role::Trainer, Role::Hr, Role::Admin]
            .into_iter()
            .find(|role| role.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub role: Role,
}

/// One mistake in an uploaded staff file. The page words it in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportProblem {
    NotUtf8,
    NoRows,
    TooManyRows { max: usize },
    MissingColumn { column: String },
    WrongFieldCount { expected: usize, found: usize },
    MissingValue { column: String },
    InvalidEmail { value: String },
    DuplicateInFile { first_line: usize },
    EmailTaken { value: String },
    UnknownUnit { value: String },
    AmbiguousUnit { value: String },
    UnknownLanguage { value: String },
    UnknownRole { value: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblem {
    /// 1-based line of the file (the header is line 1).
    pub line: usize,
    pub problem: ImportProblem,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub id: i32,
    pub file_name: String,
    pub uploaded_on: String,
    pub rows_total: usize,
    pub rows_clean: usize,
    pub problems: Vec<LineProblem>,
    /// When and how many people were created, once the import was applied.
    pub applied: Option<(String, usize)>,
    /// Clean rows that would create admins or HR officers: listed by name, and applied only
    /// with a separate confirmation.
    pub privileged: Vec<PrivilegedRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivilegedRow {
    pub line: usize,
    pub name: String,
    pub email: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRow {
    pub id: i32,
    pub kind: String,
    pub name: String,
    pub region: String,
    /// 0 for a ministry, 1 for its departments, and so on.
    pub depth: usize,
    /// `Ministry / Department / Unit`: what a staff file's `unit` column may say.
    pub path: String,
    pub people: u64,
    /// The manager's name, who gets the unit's weekly digest.
    pub manager: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub id: i32,
    pub file_name: String,
    pub uploaded_on: String,
    pub rows_total: usize,
    pub problems: usize,
    pub applied: bool,
}

/// How long a password reset link works: short, since whoever reads the mailbox can use it.
pub const RESET_LINK_MINUTES: i64 = 15;

/// Who an invitation or password reset link is for, if it can still be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub role: String,
    pub unit_id: Option<i32>,
    pub unit: String,
    pub position: String,
    pub active: bool,
    /// Invited and not yet signed up: the invitation can be sent again.
    pub awaiting_password: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonChange {
    pub role: String,
    pub unit: Option<i32>,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleList {
    pub people: Vec<PersonSummary>,
    pub total: u64,
    pub page: u64,
    pub page_size: u64,
}

/// A person with the units they can be moved to, for the edit form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonEditor {
    pub person: PersonSummary,
    pub units: Vec<(i32, String)>,
}

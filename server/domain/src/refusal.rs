//! Requests the domain declines for a reason the person can act on. Callers match on the
//! variant (the quiz page submits what was saved when the attempt is closed, and only then);
//! each variant names the message its page shows, so no text is ever parsed.

/// Why a new attempt cannot start now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizBlock {
    /// A revoked certificate bars the course until an admin lifts the bar.
    Revoked,
    Passed,
    NoAttemptsLeft,
    RetakeDelay,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    QuizBlocked(QuizBlock),
    /// The attempt was submitted already, or its time ran out: these answers are not saved.
    AttemptClosed,
    /// An assignment due on a day that has already ended.
    DuePassed,
    RecurrenceOutOfRange,
    PositionMissing,
    /// Emails that name nobody the HR officer may assign (unknown and out of scope read alike).
    UnknownPeople(Vec<String>),
    UnknownRole,
    /// An admin may not take their own administration away: the last admin would lock everyone
    /// out.
    OwnAdministrationRights,
    /// An invitation for someone who has set a password already.
    HasPassword,
    /// A question sent back with no option chosen and nothing typed.
    NoAnswer,
    /// A numeric answer that is not a number.
    NotANumber,
    NotAnEmail,
    EmailTaken,
    /// A unit needs a name (without `/`, which separates the path) and a region.
    UnitNameMissing,
    /// A unit's manager must be an active account.
    UnknownManager,
    /// An uploaded staff file over the size limit.
    FileTooLarge,
    /// A staff file with problems, imported without asking for its clean rows only.
    ImportHasProblems,
    NothingToImport,
    /// A staff file that gives administrator, HR or trainer rights, not confirmed row by row.
    PrivilegedUnconfirmed,
    AlreadyImported,
    /// A revocation or a lifted bar needs a reason of 1 to 500 characters.
    ReasonLength,
    /// Only a revoked certificate bars its course; there is no bar to lift.
    NotRevoked,
}

impl Refusal {
    /// The i18n key of the message that explains it.
    pub fn message_key(&self) -> &'static str {
        match self {
            Refusal::QuizBlocked(QuizBlock::Revoked) => "quiz-blocked-revoked",
            Refusal::QuizBlocked(QuizBlock::Passed) => "quiz-blocked-passed",
            Refusal::QuizBlocked(QuizBlock::NoAttemptsLeft) => "quiz-blocked-no-attempts",
            Refusal::QuizBlocked(QuizBlock::RetakeDelay) => "quiz-blocked-retake-delay",
            Refusal::AttemptClosed => "quiz-attempt-closed",
            Refusal::DuePassed => "assign-error-due-passed",
            Refusal::RecurrenceOutOfRange => "assign-error-recur",
            Refusal::PositionMissing => "assign-error-position",
            Refusal::UnknownPeople(_) => "assign-error-people",
            Refusal::UnknownRole => "people-error-role",
            Refusal::OwnAdministrationRights => "people-error-self",
            Refusal::HasPassword => "people-error-has-password",
            Refusal::NoAnswer => "check-error-unanswered",
            Refusal::NotANumber => "check-error-number",
            Refusal::NotAnEmail => "people-error-email",
            Refusal::EmailTaken => "people-error-email-taken",
            Refusal::UnitNameMissing => "org-error-unit-name",
            Refusal::UnknownManager => "org-error-manager",
            Refusal::FileTooLarge => "import-error-too-large",
            Refusal::ImportHasProblems => "import-error-problems",
            Refusal::NothingToImport => "import-error-nothing",
            Refusal::PrivilegedUnconfirmed => "import-privileged-unconfirmed",
            Refusal::AlreadyImported => "import-error-applied",
            Refusal::ReasonLength => "certificate-error-reason",
            Refusal::NotRevoked => "certificate-error-not-revoked",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use malaka_shared::i18n::{has_message, Locale};

    /// Every refusal, once. A new variant fails to compile in the match below, the reminder to
    /// list it here too.
    fn every_refusal() -> Vec<Refusal> {
        let all = vec![
            Refusal::QuizBlocked(QuizBlock::Revoked),
            Refusal::QuizBlocked(QuizBlock::Passed),
            Refusal::QuizBlocked(QuizBlock::NoAttemptsLeft),
            Refusal::QuizBlocked(QuizBlock::RetakeDelay),
            Refusal::AttemptClosed,
            Refusal::DuePassed,
            Refusal::RecurrenceOutOfRange,
            Refusal::PositionMissing,
            Refusal::UnknownPeople(vec!["someone@gov.uz".into()]),
            Refusal::UnknownRole,
            Refusal::OwnAdministrationRights,
            Refusal::HasPassword,
            Refusal::NoAnswer,
            Refusal::NotANumber,
            Refusal::NotAnEmail,
            Refusal::EmailTaken,
            Refusal::UnitNameMissing,
            Refusal::UnknownManager,
            Refusal::FileTooLarge,
            Refusal::ImportHasProblems,
            Refusal::NothingToImport,
            Refusal::PrivilegedUnconfirmed,
            Refusal::AlreadyImported,
            Refusal::ReasonLength,
            Refusal::NotRevoked,
        ];
        for refusal in &all {
            match refusal {
                Refusal::QuizBlocked(_)
                | Refusal::AttemptClosed
                | Refusal::DuePassed
                | Refusal::RecurrenceOutOfRange
                | Refusal::PositionMissing
                | Refusal::UnknownPeople(_)
                | Refusal::UnknownRole
                | Refusal::OwnAdministrationRights
                | Refusal::HasPassword
                | Refusal::NoAnswer
                | Refusal::NotANumber
                | Refusal::NotAnEmail
                | Refusal::EmailTaken
                | Refusal::UnitNameMissing
                | Refusal::UnknownManager
                | Refusal::FileTooLarge
                | Refusal::ImportHasProblems
                | Refusal::NothingToImport
                | Refusal::PrivilegedUnconfirmed
                | Refusal::AlreadyImported
                | Refusal::ReasonLength
                | Refusal::NotRevoked => {}
            }
        }
        all
    }

    #[test]
    fn every_refusal_is_explained_in_every_language() {
        for refusal in every_refusal() {
            for locale in Locale::ALL {
                assert!(
                    has_message(locale, refusal.message_key(), &[]),
                    "{refusal:?} has no `{}` in {locale:?}",
                    refusal.message_key()
                );
            }
        }
    }
}

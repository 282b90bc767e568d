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
        }
    }
}

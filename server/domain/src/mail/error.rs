//! Why an outbox message cannot become an email.

use crate::Error;

/// Why a message cannot be composed: it will not get better by retrying.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error("the message refers to a certificate that no longer exists")]
    MissingCertificate,
    #[error("the message refers to an invitation that no longer exists")]
    MissingInvitation,
    #[error("the message refers to a {0} that no longer exists")]
    Missing(&'static str),
    #[error("invalid address: {0}")]
    Address(String),
    #[error("the email could not be built: {0}")]
    Build(String),
    #[error("the database could not be read")]
    Database(#[from] Error),
}

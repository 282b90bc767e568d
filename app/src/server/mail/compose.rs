//! Emails composed from outbox rows in the recipient's language: plain text and HTML, with the
//! certificate's PDF attached when one was issued.

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::Message;
use sea_orm::EntityTrait;

use super::outbox::{self, Email};
use crate::i18n::{t, t_with, Locale};
use crate::server::certificates::pdf::{self, PdfContext};
use crate::server::entities::{certificate, invitation, outbox_message, user};
use crate::server::{AppState, Db};
use crate::AppError;

/// Why a message cannot be composed: it will not get better by retrying.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error("the message refers to a certificate that no longer exists")]
    MissingCertificate,
    #[error("the message refers to an invitation that no longer exists")]
    MissingInvitation,
    #[error("invalid address: {0}")]
    Address(String),
    #[error("the email could not be built: {0}")]
    Build(String),
    #[error("the database could not be read")]
    Database(#[from] AppError),
}

pub fn verify_url(site_url: &str, code: &str) -> String {
    format!("{site_url}/verify/{code}")
}

pub async fn compose(
    state: &AppState,
    from: &Mailbox,
    row: &outbox_message::Model,
) -> Result<Message, ComposeError> {
    let locale = Locale::from_code(&row.language).unwrap_or_default();
    let to: Mailbox = row
        .recipient
        .parse()
        .map_err(|e: lettre::address::AddressError| ComposeError::Address(e.to_string()))?;
    let site = &state.settings.site_url;
    let (subject, paragraphs, link, attachment) = match outbox::payload(row)? {
        Email::CertificateIssued { certificate_id } => {
            let record = certificate(&state.db, certificate_id).await?;
            let url = verify_url(site, &record.code);
            let course = record.course_title.clone();
            let filename = format!("malaka-certificate-{}.pdf", record.code);
            let bytes = {
                let record = record.clone();
                let url = url.clone();
                tokio::task::spawn_blocking(move || {
                    pdf::render(&record, &PdfContext { verify_url: &url })
                })
                .await
                .map_err(AppError::from)?
            };
            (
                t_with(
                    locale,
                    "email-certificate-subject",
                    &[("course", course.clone().into())],
                ),
                vec![
                    t_with(
                        locale,
                        "email-greeting",
                        &[("name", record.learner_name.clone().into())],
                    ),
                    t_with(
                        locale,
                        "email-certificate-body",
                        &[("course", course.into())],
                    ),
                    t_with(
                        locale,
                        "email-certificate-code",
                        &[("code", record.code.clone().into())],
                    ),
                ],
                url,
                Some((filename, bytes)),
            )
        }
        Email::CertificateExpiring {
            certificate_id,
            days,
        } => {
            let record = certificate(&state.db, certificate_id).await?;
            let course = record.course_title.clone();
            (
                t_with(
                    locale,
                    "email-expiring-subject",
                    &[("course", course.clone().into()), ("days", days.into())],
                ),
                vec![
                    t_with(
                        locale,
                        "email-greeting",
                        &[("name", record.learner_name.clone().into())],
                    ),
                    t_with(
                        locale,
                        "email-expiring-body",
                        &[("course", course.into()), ("days", days.into())],
                    ),
                ],
                format!("{site}/courses/{}", record.course_slug),
                None,
            )
        }
        Email::Invitation {
            invitation_id,
            token,
        } => {
            let person = invited(&state.db, invitation_id).await?;
            (
                t(locale, "email-invitation-subject"),
                vec![
                    t_with(locale, "email-greeting", &[("name", person.name.into())]),
                    t(locale, "email-invitation-body"),
                    t_with(
                        locale,
                        "email-invitation-expiry",
                        &[(
                            "days",
                            crate::server::people::invitations::VALID_DAYS.into(),
                        )],
                    ),
                ],
                format!("{site}/invite/{token}"),
                None,
            )
        }
    };
    let signature = t(locale, "email-signature");
    let plain = format!(
        "{}\n\n{link}\n\n-- \n{signature}\n",
        paragraphs.join("\n\n")
    );
    let html = html_body(locale, &paragraphs, &link, &signature);
    let body = MultiPart::alternative_plain_html(plain, html);
    let content = match attachment {
        Some((filename, bytes)) => {
            MultiPart::mixed()
                .multipart(body)
                .singlepart(Attachment::new(filename).body(
                    bytes,
                    ContentType::parse("application/pdf").expect("a valid content type"),
                ))
        }
        None => body,
    };
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .message_id(Some(row.message_id.clone()))
        .multipart(content)
        .map_err(|e| ComposeError::Build(e.to_string()))
}

async fn certificate(db: &Db, id: i32) -> Result<certificate::Model, ComposeError> {
    certificate::Entity::find_by_id(id)
        .one(&db.read)
        .await
        .map_err(AppError::from)?
        .ok_or(ComposeError::MissingCertificate)
}

async fn invited(db: &Db, invitation_id: i32) -> Result<user::Model, ComposeError> {
    let found = invitation::Entity::find_by_id(invitation_id)
        .one(&db.read)
        .await
        .map_err(AppError::from)?
        .ok_or(ComposeError::MissingInvitation)?;
    user::Entity::find_by_id(found.user_id)
        .one(&db.read)
        .await
        .map_err(AppError::from)?
        .ok_or(ComposeError::MissingInvitation)
}

fn html_body(locale: Locale, paragraphs: &[String], link: &str, signature: &str) -> String {
    let escape = ammonia::clean_text;
    let mut html = format!(
        "<!doctype html><html lang=\"{}\"><body style=\"font-family:sans-serif;line-height:1.5;color:#1f2937\">",
        locale.code()
    );
    for paragraph in paragraphs {
        html.push_str(&format!("<p>{}</p>", escape(paragraph)));
    }
    html.push_str(&format!(
        "<p><a href=\"{0}\">{0}</a></p><p style=\"color:#4b5563\">{1}</p></body></html>",
        escape(link),
        escape(signature)
    ));
    html
}

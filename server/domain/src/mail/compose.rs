//! Emails composed from outbox rows in the recipient's language: plain text and HTML, with the
//! certificate's PDF attached when one was issued.

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::Message;
use sea_orm::EntityTrait;

use super::outbox::{self, Email};
use crate::certificates::pdf::{self, PdfContext};
use crate::entities::{certificate, course, enrolment, invitation, org_unit, outbox_message, user};
use crate::reports;
use crate::Error;
use crate::{AppState, Db};
use malaka_shared::i18n::{t, t_with, Locale};

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
                .map_err(Error::from)?
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
                        &[("days", crate::people::invitations::VALID_DAYS.into())],
                    ),
                ],
                format!("{site}/invite/{token}"),
                None,
            )
        }
        Email::PasswordReset { link_id, token } => {
            let person = invited(&state.db, link_id).await?;
            (
                t(locale, "email-reset-subject"),
                vec![
                    t_with(locale, "email-greeting", &[("name", person.name.into())]),
                    t(locale, "email-reset-body"),
                    t_with(
                        locale,
                        "email-reset-expiry",
                        &[(
                            "minutes",
                            crate::people::password_reset::VALID_MINUTES.into(),
                        )],
                    ),
                ],
                format!("{site}/reset/{token}"),
                None,
            )
        }
        Email::TrainingReminder {
            enrolment_id,
            overdue,
        } => {
            let (person, slug, course, due) = reminded(state, enrolment_id, locale).await?;
            let key = if overdue {
                "email-overdue"
            } else {
                "email-due-soon"
            };
            let args = [("course", course.into()), ("date", due.into())];
            (
                t_with(locale, &format!("{key}-subject"), &args),
                vec![
                    t_with(locale, "email-greeting", &[("name", person.into())]),
                    t_with(locale, &format!("{key}-body"), &args),
                ],
                format!("{site}/courses/{slug}"),
                None,
            )
        }
        Email::TrainingRoundOpened { enrolment_id } => {
            let (person, slug, course, due) = reminded(state, enrolment_id, locale).await?;
            let args = [("course", course.into()), ("date", due.into())];
            (
                t_with(locale, "email-round-opened-subject", &args),
                vec![
                    t_with(locale, "email-greeting", &[("name", person.into())]),
                    t_with(locale, "email-round-opened-body", &args),
                ],
                format!("{site}/courses/{slug}"),
                None,
            )
        }
        Email::ManagerDigest { unit_id } => {
            let (manager, unit, lines) = digest(state, unit_id, locale).await?;
            let mut paragraphs = vec![
                t_with(locale, "email-greeting", &[("name", manager.into())]),
                t_with(
                    locale,
                    "email-digest-body",
                    &[("unit", unit.clone().into()), ("count", lines.len().into())],
                ),
            ];
            paragraphs.extend(lines.into_iter().take(DIGEST_LINES));
            (
                t_with(locale, "email-digest-subject", &[("unit", unit.into())]),
                paragraphs,
                format!("{site}/hr/reports?unit={unit_id}&status=overdue"),
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
        .map_err(Error::from)?
        .ok_or(ComposeError::MissingCertificate)
}

/// A digest lists this many people; the link leads to the full list.
const DIGEST_LINES: usize = 50;

/// The person's name, the course's slug and title, and the due day of a reminded enrolment.
async fn reminded(
    state: &AppState,
    enrolment_id: i32,
    locale: Locale,
) -> Result<(String, String, String, String), ComposeError> {
    let db = &state.db;
    let open = enrolment::Entity::find_by_id(enrolment_id)
        .one(&db.read)
        .await
        .map_err(Error::from)?
        .ok_or(ComposeError::Missing("enrolment"))?;
    let person = user::Entity::find_by_id(open.user_id)
        .one(&db.read)
        .await
        .map_err(Error::from)?
        .ok_or(ComposeError::Missing("person"))?;
    let course = course::Entity::find_by_id(open.course_id)
        .one(&db.read)
        .await
        .map_err(Error::from)?
        .ok_or(ComposeError::Missing("course"))?;
    let titles = reports::course_titles(&db.read, locale).await?;
    Ok((
        person.name,
        course.slug,
        titles.get(&course.id).cloned().unwrap_or_default(),
        open.due_at
            .map(reports::people::tashkent_day)
            .unwrap_or_default(),
    ))
}

/// The manager's name, the unit's name, and one line per overdue person, as of sending.
async fn digest(
    state: &AppState,
    unit_id: i32,
    locale: Locale,
) -> Result<(String, String, Vec<String>), ComposeError> {
    let db = &state.db;
    let unit = org_unit::Entity::find_by_id(unit_id)
        .one(&db.read)
        .await
        .map_err(Error::from)?
        .ok_or(ComposeError::Missing("unit"))?;
    let manager = user::Entity::find_by_id(unit.manager_id.unwrap_or_default())
        .one(&db.read)
        .await
        .map_err(Error::from)?
        .ok_or(ComposeError::Missing("manager"))?;
    let titles = reports::course_titles(&db.read, locale).await?;
    let lines = crate::assignments::reminders::overdue_below(db, unit_id, chrono::Utc::now())
        .await?
        .into_iter()
        .map(|line| {
            format!(
                "{} <{}>: {}, {}",
                line.name,
                line.email,
                titles.get(&line.course_id).cloned().unwrap_or_default(),
                line.due_at
                    .map(reports::people::tashkent_day)
                    .unwrap_or_default()
            )
        })
        .collect();
    Ok((manager.name, unit.name, lines))
}

async fn invited(db: &Db, invitation_id: i32) -> Result<user::Model, ComposeError> {
    let found = invitation::Entity::find_by_id(invitation_id)
        .one(&db.read)
        .await
        .map_err(Error::from)?
        .ok_or(ComposeError::MissingInvitation)?;
    user::Entity::find_by_id(found.user_id)
        .one(&db.read)
        .await
        .map_err(Error::from)?
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

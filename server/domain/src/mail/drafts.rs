//! What each kind of email says, in the recipient's language: its subject, paragraphs, the
//! link it leads to, and the certificate's PDF when one was issued. Each draft reads what it
//! needs as of sending, so an edited name or a later due date is what the email shows.

use sea_orm::EntityTrait;

use super::error::ComposeError;
use super::outbox::Email;
use crate::certificates::pdf::{self, verify_url, PdfContext};
use crate::entities::{certificate, course, enrolment, invitation, org_unit, user};
use crate::reports;
use crate::Error;
use crate::{AppState, Db};
use malaka_shared::i18n::{t, t_with, Locale};

/// A digest lists this many people; the link leads to the full list.
const DIGEST_LINES: usize = 50;

/// An email's content before it becomes a message.
pub struct Draft {
    pub subject: String,
    pub paragraphs: Vec<String>,
    pub link: String,
    /// File name and bytes.
    pub attachment: Option<(String, Vec<u8>)>,
}

impl Draft {
    /// A greeting by name, then the paragraphs.
    fn greeting(locale: Locale, name: String, subject: String, body: Vec<String>) -> Self {
        let mut paragraphs = vec![t_with(locale, "email-greeting", &[("name", name.into())])];
        paragraphs.extend(body);
        Self {
            subject,
            paragraphs,
            link: String::new(),
            attachment: None,
        }
    }

    fn linking(mut self, link: String) -> Self {
        self.link = link;
        self
    }
}

pub async fn draft(state: &AppState, email: Email, locale: Locale) -> Result<Draft, ComposeError> {
    let site = &state.settings.site_url;
    match email {
        Email::CertificateIssued { certificate_id } => {
            certificate_issued(state, certificate_id, locale).await
        }
        Email::CertificateExpiring {
            certificate_id,
            days,
        } => {
            let record = find_certificate(&state.db, certificate_id).await?;
            let args = [
                ("course", record.course_title.clone().into()),
                ("days", days.into()),
            ];
            Ok(Draft::greeting(
                locale,
                record.learner_name.clone(),
                t_with(locale, "email-expiring-subject", &args),
                vec![t_with(locale, "email-expiring-body", &args)],
            )
            .linking(format!("{site}/courses/{}", record.course_slug)))
        }
        Email::Invitation {
            invitation_id,
            token,
        } => {
            let person = invited(&state.db, invitation_id).await?;
            let days = crate::people::invitations::VALID_DAYS;
            Ok(Draft::greeting(
                locale,
                person.name,
                t(locale, "email-invitation-subject"),
                vec![
                    t(locale, "email-invitation-body"),
                    t_with(locale, "email-invitation-expiry", &[("days", days.into())]),
                ],
            )
            .linking(format!("{site}/invite/{token}")))
        }
        Email::PasswordReset { link_id, token } => {
            let person = invited(&state.db, link_id).await?;
            let minutes = crate::people::password_reset::VALID_MINUTES;
            Ok(Draft::greeting(
                locale,
                person.name,
                t(locale, "email-reset-subject"),
                vec![
                    t(locale, "email-reset-body"),
                    t_with(locale, "email-reset-expiry", &[("minutes", minutes.into())]),
                ],
            )
            .linking(format!("{site}/reset/{token}")))
        }
        Email::TrainingReminder {
            enrolment_id,
            overdue,
        } => {
            let key = match overdue {
                true => "email-overdue",
                false => "email-due-soon",
            };
            reminder(state, enrolment_id, locale, key).await
        }
        Email::TrainingRoundOpened { enrolment_id } => {
            reminder(state, enrolment_id, locale, "email-round-opened").await
        }
        Email::ManagerDigest { unit_id } => manager_digest(state, unit_id, locale).await,
    }
}

async fn certificate_issued(
    state: &AppState,
    certificate_id: i32,
    locale: Locale,
) -> Result<Draft, ComposeError> {
    let record = find_certificate(&state.db, certificate_id).await?;
    let url = verify_url(&state.settings.site_url, &record.code);
    let course = record.course_title.clone();
    let filename = format!("malaka-certificate-{}.pdf", record.code);
    let bytes = {
        let (record, url) = (record.clone(), url.clone());
        tokio::task::spawn_blocking(move || pdf::render(&record, &PdfContext { verify_url: &url }))
            .await
            .map_err(Error::from)?
    };
    let mut draft = Draft::greeting(
        locale,
        record.learner_name.clone(),
        t_with(
            locale,
            "email-certificate-subject",
            &[("course", course.clone().into())],
        ),
        vec![
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
    )
    .linking(url);
    draft.attachment = Some((filename, bytes));
    Ok(draft)
}

/// A due-date reminder or a new round: `{key}-subject` and `{key}-body`, with the course and
/// its due day.
async fn reminder(
    state: &AppState,
    enrolment_id: i32,
    locale: Locale,
    key: &str,
) -> Result<Draft, ComposeError> {
    let reminded = reminded(state, enrolment_id, locale).await?;
    let args = [
        ("course", reminded.course_title.into()),
        ("date", reminded.due_on.into()),
    ];
    Ok(Draft::greeting(
        locale,
        reminded.person_name,
        t_with(locale, &format!("{key}-subject"), &args),
        vec![t_with(locale, &format!("{key}-body"), &args)],
    )
    .linking(format!(
        "{}/courses/{}",
        state.settings.site_url, reminded.course_slug
    )))
}

async fn manager_digest(
    state: &AppState,
    unit_id: i32,
    locale: Locale,
) -> Result<Draft, ComposeError> {
    let digest = digest(state, unit_id, locale).await?;
    let mut body = vec![t_with(
        locale,
        "email-digest-body",
        &[
            ("unit", digest.unit_name.clone().into()),
            ("count", digest.overdue.len().into()),
        ],
    )];
    body.extend(digest.overdue.into_iter().take(DIGEST_LINES));
    Ok(Draft::greeting(
        locale,
        digest.manager_name,
        t_with(
            locale,
            "email-digest-subject",
            &[("unit", digest.unit_name.into())],
        ),
        body,
    )
    .linking(format!(
        "{}/hr/reports?unit={unit_id}&status=overdue",
        state.settings.site_url
    )))
}

async fn find_certificate(db: &Db, id: i32) -> Result<certificate::Model, ComposeError> {
    certificate::Entity::find_by_id(id)
        .one(&db.read)
        .await
        .map_err(Error::from)?
        .ok_or(ComposeError::MissingCertificate)
}

/// A reminded enrolment, as of sending.
struct Reminded {
    person_name: String,
    course_slug: String,
    course_title: String,
    due_on: String,
}

async fn reminded(
    state: &AppState,
    enrolment_id: i32,
    locale: Locale,
) -> Result<Reminded, ComposeError> {
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
    Ok(Reminded {
        person_name: person.name,
        course_title: titles.get(&course.id).cloned().unwrap_or_default(),
        course_slug: course.slug,
        due_on: open
            .due_at
            .map(reports::people::tashkent_day)
            .unwrap_or_default(),
    })
}

/// A unit's manager, the unit, and one line per person overdue below it, as of sending.
struct Digest {
    manager_name: String,
    unit_name: String,
    overdue: Vec<String>,
}

async fn digest(state: &AppState, unit_id: i32, locale: Locale) -> Result<Digest, ComposeError> {
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
    let overdue = crate::assignments::reminders::overdue_below(db, unit_id, chrono::Utc::now())
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
    Ok(Digest {
        manager_name: manager.name,
        unit_name: unit.name,
        overdue,
    })
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

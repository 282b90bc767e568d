//! Emails composed from outbox rows in the recipient's language: the draft (`mail::drafts`)
//! becomes plain text and HTML, with the certificate's PDF attached when one was issued.

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::Message;

use super::drafts::draft;
use super::error::ComposeError;
use super::outbox;
use crate::entities::outbox_message;
use crate::AppState;
use malaka_shared::i18n::{t, Locale};

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
    let draft = draft(state, outbox::payload(row)?, locale).await?;
    let signature = t(locale, "email-signature");
    let plain = format!(
        "{}\n\n{}\n\n-- \n{signature}\n",
        draft.paragraphs.join("\n\n"),
        draft.link
    );
    let html = html_body(locale, &draft.paragraphs, &draft.link, &signature);
    let body = MultiPart::alternative_plain_html(plain, html);
    let content = match draft.attachment {
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
        .subject(draft.subject)
        .message_id(Some(row.message_id.clone()))
        .multipart(content)
        .map_err(|e| ComposeError::Build(e.to_string()))
}

fn html_body(locale: Locale, paragraphs: &[String], link: &str, signature: &str) -> String {
    let escape = ammonia::clean_text;
    let mut html = format!(
        "<!doctype html><html lang=\"{}\"><body style=\"font-family:sans-serif;line-height:1.5;color:#1f2937\">",
        locale.html_lang()
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

//! The people report as a CSV stream. The database sorts the selection in the page's order and
//! hands its rows over one by one; they are described and written a chunk at a time into a
//! bounded channel, so a national export (a million people and their courses) starts at once,
//! its memory stays that of a few chunks, and a download the browser abandons stops the query.

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use sea_orm::StreamTrait;
use tokio::sync::mpsc;

use super::dashboard::select;
use super::export::{cell_texts, csv_lines, people_cells, people_header, CSV_BYTE_ORDER_MARK};
use super::people::{describe, Names};
use super::query::{self, EnrolmentLine, LineOrder};
use crate::Error;
use crate::{CurrentUser, Db};
use malaka_shared::i18n::Locale;
use malaka_shared::reports::ReportFilter;

/// Rows described and written together: few enough to keep memory flat, enough that the quiz
/// times for them are one query.
const CHUNK_ROWS: usize = 2_000;
/// Chunks written ahead of the network: the rest waits in the database cursor.
const CHUNKS_AHEAD: usize = 4;

/// The CSV's pieces in order; an `Err` ends it (the download is then incomplete, and the
/// receiver logs why).
pub type CsvChunks = mpsc::Receiver<Result<Vec<u8>, Error>>;

/// Starts the people report as CSV. Refusals (who may see what) and the names come first, so
/// they are answered before any byte is sent.
pub async fn people_csv(
    db: &Db,
    viewer: &CurrentUser,
    filter: &ReportFilter,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<CsvChunks, Error> {
    let selection = select(db, viewer, filter).await?;
    let names = Names::load(db, locale).await?;
    let statement = query::lines_statement(
        &selection,
        now,
        LineOrder::ChaseFirst,
        None,
        db.read.get_database_backend(),
    );
    let (sender, receiver) = mpsc::channel(CHUNKS_AHEAD);
    let db = db.clone();
    tokio::spawn(async move {
        if let Err(error) = write_people(&db, &names, statement, locale, now, &sender).await {
            // The receiver may be gone too; then nobody is waiting for the reason.
            let _ = sender.send(Err(error)).await;
        }
    });
    Ok(receiver)
}

async fn write_people(
    db: &Db,
    names: &Names,
    statement: sea_orm::Statement,
    locale: Locale,
    now: DateTime<Utc>,
    sender: &mpsc::Sender<Result<Vec<u8>, Error>>,
) -> Result<(), Error> {
    let mut head = CSV_BYTE_ORDER_MARK.to_vec();
    head.extend(csv_lines([people_header(locale)])?);
    if sender.send(Ok(head)).await.is_err() {
        return Ok(());
    }
    let mut rows = db.read.stream_raw(statement).await?;
    let mut chunk: Vec<EnrolmentLine> = Vec::with_capacity(CHUNK_ROWS);
    while let Some(row) = rows.next().await {
        chunk.push(query::line(&row?)?);
        if chunk.len() == CHUNK_ROWS {
            let lines = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_ROWS));
            if !send(db, names, lines, locale, now, sender).await? {
                // The download was abandoned: dropping the stream ends the query.
                return Ok(());
            }
        }
    }
    if !chunk.is_empty() {
        send(db, names, chunk, locale, now, sender).await?;
    }
    Ok(())
}

/// Describes and writes `lines`; false when nobody is receiving any more.
async fn send(
    db: &Db,
    names: &Names,
    lines: Vec<EnrolmentLine>,
    locale: Locale,
    now: DateTime<Utc>,
    sender: &mpsc::Sender<Result<Vec<u8>, Error>>,
) -> Result<bool, Error> {
    let rows = describe(db, names, lines, now).await?;
    let bytes = csv_lines(
        rows.into_iter()
            .map(|row| cell_texts(&people_cells(locale, row))),
    )?;
    Ok(sender.send(Ok(bytes)).await.is_ok())
}

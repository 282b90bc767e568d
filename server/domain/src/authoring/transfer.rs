//! A course as a zip in the workspace: downloading one, and uploading a new course, checked
//! (see `malaka_courses::archive`) before anything is written, then synced into the catalog.

use malaka_courses::archive::{export_course, import_course, ArchiveLimits};

use super::publish::snapshot;
use crate::Error;
use crate::{audit, AppState, CurrentUser};

pub async fn export(state: &AppState, slug: &str) -> Result<(String, Vec<u8>), Error> {
    let dir = super::course_dir(state, slug)?;
    let bytes = tokio::task::spawn_blocking(move || export_course(&dir))
        .await?
        .map_err(|error| Error::Invalid(error.to_string()))?;
    Ok((format!("{slug}.zip"), bytes))
}

/// Adds the uploaded course to the catalog; returns its slug. A course that exists already is
/// refused: its lessons are edited and published in the workspace instead.
pub async fn import(
    state: &AppState,
    author: &CurrentUser,
    archive: Vec<u8>,
) -> Result<String, Error> {
    let catalog_dir = state.settings.catalog_dir.clone();
    let course = tokio::task::spawn_blocking(move || {
        import_course(&archive, &catalog_dir, &ArchiveLimits::default())
    })
    .await?
    .map_err(|error| Error::Invalid(error.to_string()))?;
    let version = super::resync(state, &course.slug).await?;
    snapshot(state, &course.slug, &course.dir, version, Some(author.id)).await?;
    audit::record(
        &state.db.write,
        Some(author.id),
        "course.import",
        &course.slug,
        &format!("{} lessons", course.lessons.len()),
        None,
    )
    .await?;
    Ok(course.slug)
}

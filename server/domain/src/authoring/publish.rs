//! Publishing a course's drafts as a new version: only when the whole course is valid with them,
//! written to the course files, synced into the catalog (progress stays with lessons by slug),
//! and kept as a snapshot for the version history and its diffs.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use std::path::Path;

use super::{copy_dir, relative_problems};
use crate::entities::{course_version, lesson_draft};
use crate::Error;
use crate::{audit, AppState, CurrentUser};
use malaka_shared::authoring::{CourseVersionSummary, FileDiff};

pub async fn publish(state: &AppState, author: &CurrentUser, slug: &str) -> Result<i32, Error> {
    let dir = super::course_dir(state, slug)?;
    let drafts = lesson_draft::Entity::find()
        .filter(lesson_draft::Column::CourseSlug.eq(slug))
        .all(&state.db.read)
        .await?;
    if drafts.is_empty() {
        return Err(Error::Invalid("there are no drafts to publish".into()));
    }
    if latest(state, slug).await?.is_none() {
        // The first publication from the browser: keep what was there as the baseline.
        let version = state
            .db
            .catalog
            .snapshot()
            .course(slug)
            .map_or(1, |course| course.model.version);
        snapshot(state, slug, &dir, version, None).await?;
    }
    let (checked_dir, files) = (dir.clone(), drafts.clone());
    tokio::task::spawn_blocking(move || check_with_drafts(&checked_dir, &files)).await??;
    for draft in &drafts {
        write_atomically(&dir.join(&draft.file_name), &draft.markdown)?;
    }
    let version = super::resync(state, slug).await?;
    snapshot(state, slug, &dir, version, Some(author.id)).await?;
    lesson_draft::Entity::delete_many()
        .filter(lesson_draft::Column::CourseSlug.eq(slug))
        .exec(&state.db.write)
        .await?;
    let files: Vec<&str> = drafts.iter().map(|d| d.file_name.as_str()).collect();
    audit::record(
        &state.db.write,
        Some(author.id),
        "course.publish",
        slug,
        &format!("version {version}: {}", files.join(", ")),
        None,
    )
    .await?;
    Ok(version)
}

fn check_with_drafts(dir: &Path, drafts: &[lesson_draft::Model]) -> Result<(), Error> {
    let scratch = tempfile::tempdir().map_err(Error::from)?;
    let copy = scratch.path().join(dir.file_name().ok_or(Error::NotFound)?);
    copy_dir(dir, &copy).map_err(Error::from)?;
    for draft in drafts {
        std::fs::write(copy.join(&draft.file_name), &draft.markdown).map_err(Error::from)?;
    }
    malaka_courses::load_course(&copy)
        .map(|_| ())
        .map_err(|error| Error::Invalid(relative_problems(&error, &copy).join("\n")))
}

/// Written beside the file, then renamed over it: a reader never sees half a lesson.
fn write_atomically(path: &Path, text: &str) -> Result<(), Error> {
    let partial = path.with_extension("md.publishing");
    std::fs::write(&partial, text)
        .and_then(|()| std::fs::rename(&partial, path))
        .map_err(Error::because("writing a published lesson"))
}

pub(super) async fn snapshot(
    state: &AppState,
    slug: &str,
    dir: &Path,
    version: i32,
    author: Option<i32>,
) -> Result<(), Error> {
    let source = dir.to_owned();
    let archive =
        tokio::task::spawn_blocking(move || malaka_courses::archive::export_course(&source))
            .await?
            .map_err(|error| Error::Invalid(error.to_string()))?;
    course_version::ActiveModel {
        course_slug: Set(slug.to_owned()),
        version: Set(version),
        published_by: Set(author),
        published_at: Set(Utc::now()),
        archive: Set(archive),
        ..Default::default()
    }
    .insert(&state.db.write)
    .await?;
    Ok(())
}

async fn latest(state: &AppState, slug: &str) -> Result<Option<course_version::Model>, Error> {
    Ok(course_version::Entity::find()
        .filter(course_version::Column::CourseSlug.eq(slug))
        .order_by_desc(course_version::Column::Version)
        .one(&state.db.read)
        .await?)
}

pub async fn history(state: &AppState, slug: &str) -> Result<Vec<CourseVersionSummary>, Error> {
    super::course_dir(state, slug)?;
    let versions = course_version::Entity::find()
        .filter(course_version::Column::CourseSlug.eq(slug))
        .order_by_desc(course_version::Column::Version)
        .all(&state.db.read)
        .await?;
    Ok(versions
        .into_iter()
        .map(|v| CourseVersionSummary {
            version: v.version,
            published_at: v.published_at.format("%Y-%m-%d %H:%M").to_string(),
            from_browser: v.published_by.is_some(),
        })
        .collect())
}

/// What changed from the version before `version` to `version`, file by file, as unified diffs.
pub async fn diff(state: &AppState, slug: &str, version: i32) -> Result<Vec<FileDiff>, Error> {
    let versions = course_version::Entity::find()
        .filter(course_version::Column::CourseSlug.eq(slug))
        .filter(course_version::Column::Version.lte(version))
        .order_by_desc(course_version::Column::Version)
        .all(&state.db.read)
        .await?;
    let (Some(new), Some(old)) = (versions.first(), versions.get(1)) else {
        return Err(Error::NotFound);
    };
    if new.version != version {
        return Err(Error::NotFound);
    }
    let read = |archive: &[u8]| {
        malaka_courses::archive::read_checked(archive, &Default::default()).map_err(Error::from)
    };
    let (old_files, new_files) = (read(&old.archive)?, read(&new.archive)?);
    let mut names: Vec<&std::path::PathBuf> = old_files
        .iter()
        .chain(new_files.iter())
        .map(|(path, _)| path)
        .collect();
    names.sort();
    names.dedup();
    let text_of = |files: &[(std::path::PathBuf, Vec<u8>)], name: &std::path::PathBuf| {
        files
            .iter()
            .find(|(path, _)| path == name)
            .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
            .unwrap_or_default()
    };
    Ok(names
        .into_iter()
        .filter_map(|name| {
            let (before, after) = (text_of(&old_files, name), text_of(&new_files, name));
            (before != after).then(|| FileDiff {
                file: name.to_string_lossy().into_owned(),
                unified: similar::TextDiff::from_lines(&before, &after)
                    .unified_diff()
                    .context_radius(3)
                    .header(
                        &format!("version {}", old.version),
                        &format!("version {}", new.version),
                    )
                    .to_string(),
            })
        })
        .collect())
}

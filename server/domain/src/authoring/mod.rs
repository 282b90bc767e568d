//! The trainers' workspace in the browser: every course with its validation state, and lesson
//! files edited as drafts. A draft is previewed exactly as learners will see it: the course is
//! loaded with the draft in place, through the same loader, renderer and sanitiser as the
//! catalog, and every problem is reported as `file:line:column`.

pub mod publish;
pub mod transfer;

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use std::path::{Path, PathBuf};

use crate::entities::lesson_draft;
use crate::Error;
use crate::{AppState, CurrentUser};
use malaka_shared::authoring::{AuthoringCourse, LessonEditor, LessonPreview};

/// A lesson's Markdown is at most this long (the longest lesson in the catalog is ~20 KB).
pub const MAX_MARKDOWN_BYTES: usize = 200 * 1024;

pub async fn courses(state: &AppState) -> Result<Vec<AuthoringCourse>, Error> {
    let root = state.settings.catalog_dir.clone();
    tokio::task::spawn_blocking(move || {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
            .map_err(Error::from)?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.join("course.yaml").is_file())
            .collect();
        dirs.sort();
        Ok(dirs.iter().map(|dir| describe(dir)).collect())
    })
    .await?
}

fn describe(dir: &Path) -> AuthoringCourse {
    let slug = dir
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (title, problems) = match malaka_courses::load_course(dir) {
        Ok(course) => (
            course
                .meta
                .title
                .get(&course.meta.source_language)
                .cloned()
                .unwrap_or_else(|| slug.clone()),
            Vec::new(),
        ),
        Err(error) => (slug.clone(), relative_problems(&error, dir)),
    };
    AuthoringCourse {
        files: lesson_files(dir),
        slug,
        title,
        problems,
    }
}

fn lesson_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md"))
        .collect();
    files.sort();
    files
}

/// The folder of the course `slug`, when it is a course in the catalog folder.
fn course_dir(state: &AppState, slug: &str) -> Result<PathBuf, Error> {
    let plain = !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let dir = state.settings.catalog_dir.join(slug);
    match plain && dir.join("course.yaml").is_file() {
        true => Ok(dir),
        false => Err(Error::NotFound),
    }
}

/// Reloads the catalog folder into the database after the workspace changed it, and returns
/// the course's version now (raised when its files changed).
async fn resync(state: &AppState, slug: &str) -> Result<i32, Error> {
    let catalog_dir = state.settings.catalog_dir.clone();
    let catalog = tokio::task::spawn_blocking(move || malaka_courses::load_catalog(&catalog_dir))
        .await?
        .map_err(|error| Error::Invalid(error.to_string()))?;
    crate::learning::catalog_sync::sync_catalog(&state.db, &catalog).await?;
    state
        .db
        .catalog
        .snapshot()
        .course(slug)
        .map(|course| course.model.version)
        .ok_or(Error::NotFound)
}

fn relative_problems(error: &malaka_courses::CatalogError, dir: &Path) -> Vec<String> {
    error
        .problems()
        .into_iter()
        .map(|mut problem| {
            if let Ok(relative) = problem.file.strip_prefix(dir) {
                problem.file = relative.to_owned();
            }
            problem.to_string()
        })
        .collect()
}

/// The course folder of `slug` and the path of `file` in it, when both exist: only names that
/// are listed in the folder are accepted, so no path can reach outside it.
fn locate(state: &AppState, slug: &str, file: &str) -> Result<(PathBuf, PathBuf), Error> {
    let dir = state.settings.catalog_dir.join(slug);
    let is_plain = |name: &str| {
        !name.is_empty()
            && !name.starts_with('.')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    if !is_plain(slug) || !is_plain(file) || !lesson_files(&dir).iter().any(|f| f == file) {
        return Err(Error::NotFound);
    }
    let path = dir.join(file);
    Ok((dir, path))
}

pub async fn open(state: &AppState, slug: &str, file: &str) -> Result<LessonEditor, Error> {
    let (_, path) = locate(state, slug, file)?;
    let draft = lesson_draft::Entity::find()
        .filter(lesson_draft::Column::CourseSlug.eq(slug))
        .filter(lesson_draft::Column::FileName.eq(file))
        .one(&state.db.read)
        .await?;
    let published = tokio::fs::read_to_string(&path)
        .await
        .map_err(Error::from)?;
    let has_draft = draft.is_some();
    let markdown = draft.map_or(published, |draft| draft.markdown);
    let checked = preview_text(state, slug, file, markdown.clone()).await?;
    Ok(LessonEditor {
        course: slug.to_owned(),
        file: file.to_owned(),
        markdown,
        has_draft,
        preview_html: checked.html,
        problems: checked.problems,
    })
}

/// [`preview`] for a lesson of the catalog, off the async threads (it copies the course folder).
pub async fn preview_text(
    state: &AppState,
    slug: &str,
    file: &str,
    markdown: String,
) -> Result<LessonPreview, Error> {
    let (dir, _) = locate(state, slug, file)?;
    let file_name = file.to_owned();
    let (html, problems) =
        tokio::task::spawn_blocking(move || preview(&dir, &file_name, &markdown)).await??;
    Ok(LessonPreview { html, problems })
}

/// Loads the course with `markdown` in place of `file`, in a scratch copy of its folder: the
/// lesson's HTML as learners would get it (if the course loads) and every problem found.
pub fn preview(
    dir: &Path,
    file: &str,
    markdown: &str,
) -> Result<(Option<String>, Vec<String>), Error> {
    let scratch = tempfile::tempdir().map_err(Error::from)?;
    let copy = scratch.path().join(dir.file_name().ok_or(Error::NotFound)?);
    copy_dir(dir, &copy).map_err(Error::from)?;
    std::fs::write(copy.join(file), markdown).map_err(Error::from)?;
    match malaka_courses::load_course(&copy) {
        Ok(course) => {
            let html = course
                .lessons
                .iter()
                .flat_map(|lesson| lesson.texts.values())
                .find(|text| text.source.file_name().is_some_and(|name| name == file))
                .map(|text| text.html.clone());
            Ok((html, Vec::new()))
        }
        Err(error) => Ok((None, relative_problems(&error, &copy))),
    }
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Keeps `markdown` as the draft of `file` (replacing an earlier draft); the published file is
/// not touched.
pub async fn save_draft(
    state: &AppState,
    author: &CurrentUser,
    slug: &str,
    file: &str,
    markdown: &str,
) -> Result<(), Error> {
    locate(state, slug, file)?;
    if markdown.len() > MAX_MARKDOWN_BYTES {
        return Err(Error::Invalid(format!(
            "a lesson may be at most {MAX_MARKDOWN_BYTES} bytes"
        )));
    }
    let row = lesson_draft::ActiveModel {
        course_slug: Set(slug.to_owned()),
        file_name: Set(file.to_owned()),
        markdown: Set(markdown.replace("\r\n", "\n")),
        updated_by: Set(author.id),
        updated_at: Set(Utc::now()),
        ..Default::default()
    };
    lesson_draft::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                lesson_draft::Column::CourseSlug,
                lesson_draft::Column::FileName,
            ])
            .update_columns([
                lesson_draft::Column::Markdown,
                lesson_draft::Column::UpdatedBy,
                lesson_draft::Column::UpdatedAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(&state.db.write)
        .await?;
    Ok(())
}

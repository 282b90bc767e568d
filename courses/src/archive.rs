//! A course as a zip of its folder (`<slug>/course.yaml`, lessons, `assets/`), for trainers to
//! download, edit and upload again. Export then import gives the same course. An upload is
//! checked before anything is written: its size, the number of files, paths that would leave
//! the course folder, zip bombs (declared and actual sizes, compression ratio), file types, and
//! images whose content does not match their name. Then the course itself is validated.

use std::fs;
use std::io::{Cursor, Read, Write};
use std::path::{Component, Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::{load_course, CatalogError, Course};

/// Why an upload was refused, for the trainer to read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the archive is {bytes} bytes; the limit is {limit}")]
    ArchiveTooLarge { bytes: u64, limit: u64 },
    #[error("this is not a zip file we can read ({0})")]
    NotAZip(String),
    #[error("the archive holds {count} files; the limit is {limit}")]
    TooManyFiles { count: usize, limit: usize },
    #[error("the path leaves the course folder or is not a plain file name")]
    UnsafePath,
    #[error("links are not allowed in a course")]
    Link,
    #[error("every file must be inside one course folder named like the course (a-z, 0-9, -)")]
    NotOneCourseFolder,
    #[error("{bytes} bytes unpacked is over the limit of {limit} per file")]
    FileTooLarge { bytes: u64, limit: u64 },
    #[error("the files unpack to more than {limit} bytes in all")]
    TotalTooLarge { limit: u64 },
    #[error("compressed {ratio} to 1: this looks like a zip bomb")]
    SuspiciousRatio { ratio: u64 },
    #[error("files of this type are not allowed in a course (allowed: {allowed})")]
    FileType { allowed: &'static str },
    #[error("the content is not a {expected} file, whatever its name says")]
    ContentMismatch { expected: &'static str },
    #[error("the SVG was refused: {0}")]
    ActiveSvg(#[from] crate::svg::SvgRefusal),
    #[error("text files must be UTF-8")]
    NotUtf8,
}

#[derive(Debug, Clone, Copy)]
pub struct ArchiveLimits {
    pub max_archive_bytes: u64,
    pub max_files: usize,
    pub max_file_bytes: u64,
    pub max_total_bytes: u64,
    /// Unpacked size over packed size above which a file is refused (text packs about 4 to 1).
    pub max_ratio: u64,
}

impl Default for ArchiveLimits {
    fn default() -> Self {
        Self {
            max_archive_bytes: 20 * 1024 * 1024,
            max_files: 500,
            max_file_bytes: 10 * 1024 * 1024,
            max_total_bytes: 50 * 1024 * 1024,
            max_ratio: 100,
        }
    }
}

const ALLOWED: &str = "course.yaml, .md, and in assets/ .svg .png .jpg .jpeg .webp .csv .pdf .txt";

/// What a file may be, from its place and name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Svg,
    Binary(&'static str),
}

fn kind_of(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_str()?;
    let in_assets = path.parent().is_some_and(|p| p == Path::new("assets"));
    let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match (path.components().count(), in_assets, extension.as_str()) {
        (1, _, "md") => Some(Kind::Text),
        (1, _, _) if name == "course.yaml" => Some(Kind::Text),
        (2, true, "csv" | "txt") => Some(Kind::Text),
        (2, true, "svg") => Some(Kind::Svg),
        (2, true, "png") => Some(Kind::Binary("image/png")),
        (2, true, "jpg" | "jpeg") => Some(Kind::Binary("image/jpeg")),
        (2, true, "webp") => Some(Kind::Binary("image/webp")),
        (2, true, "pdf") => Some(Kind::Binary("application/pdf")),
        _ => None,
    }
}

fn refuse(entry: impl Into<String>, reason: Refusal) -> CatalogError {
    CatalogError::Archive {
        entry: entry.into(),
        reason,
    }
}

/// The course folder as a zip: `<slug>/…`, files in a fixed order so that the same course
/// gives the same archive.
pub fn export_course(course_dir: &Path) -> Result<Vec<u8>, CatalogError> {
    let course = load_course(course_dir)?;
    let mut files = Vec::new();
    collect_files(course_dir, Path::new(""), &mut files)?;
    files.sort();
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for relative in files {
        let path = course_dir.join(&relative);
        let bytes = fs::read(&path).map_err(|source| CatalogError::Io { path, source })?;
        let name = format!(
            "{}/{}",
            course.slug,
            relative.to_string_lossy().replace('\\', "/")
        );
        zip.start_file(name.as_str(), options)
            .and_then(|()| zip.write_all(&bytes).map_err(Into::into))
            .map_err(|e| refuse(name.clone(), Refusal::NotAZip(e.to_string())))?;
    }
    let cursor = zip
        .finish()
        .map_err(|e| refuse(course.slug.clone(), Refusal::NotAZip(e.to_string())))?;
    Ok(cursor.into_inner())
}

fn collect_files(root: &Path, relative: &Path, out: &mut Vec<PathBuf>) -> Result<(), CatalogError> {
    let dir = root.join(relative);
    let entries = fs::read_dir(&dir).map_err(|source| CatalogError::Io {
        path: dir.clone(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| CatalogError::Io {
            path: dir.clone(),
            source,
        })?;
        let path = relative.join(entry.file_name());
        if entry.path().is_dir() {
            collect_files(root, &path, out)?;
        } else if kind_of(&path).is_some() {
            out.push(path);
        }
    }
    Ok(())
}

/// Checks an uploaded archive and unpacks it into `workspace/<slug>/` (which must not exist
/// yet), then validates the course there. On any refusal nothing is left behind.
pub fn import_course(
    archive: &[u8],
    workspace: &Path,
    limits: &ArchiveLimits,
) -> Result<Course, CatalogError> {
    let files = read_checked(archive, limits)?;
    let slug = files[0].0.components().next().and_then(|c| match c {
        Component::Normal(name) => name.to_str().map(str::to_owned),
        _ => None,
    });
    let slug = slug.ok_or_else(|| refuse("archive", Refusal::NotOneCourseFolder))?;
    let target = workspace.join(&slug);
    let write = || -> Result<Course, CatalogError> {
        for (path, bytes) in &files {
            let destination = workspace.join(path);
            if let Some(parent) = destination.parent() {
                fs::create_dir_all(parent).map_err(|source| CatalogError::Io {
                    path: parent.to_owned(),
                    source,
                })?;
            }
            fs::write(&destination, bytes).map_err(|source| CatalogError::Io {
                path: destination.clone(),
                source,
            })?;
        }
        load_course(&target)
    };
    if target.exists() {
        return Err(CatalogError::Io {
            path: target,
            source: std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        });
    }
    write().inspect_err(|_| {
        let _ = fs::remove_dir_all(&target);
    })
}

/// Every file of the archive, checked, with its path (`<slug>/…`).
pub fn read_checked(
    archive: &[u8],
    limits: &ArchiveLimits,
) -> Result<Vec<(PathBuf, Vec<u8>)>, CatalogError> {
    let size = archive.len() as u64;
    if size > limits.max_archive_bytes {
        return Err(refuse(
            "archive",
            Refusal::ArchiveTooLarge {
                bytes: size,
                limit: limits.max_archive_bytes,
            },
        ));
    }
    let mut zip = ZipArchive::new(Cursor::new(archive))
        .map_err(|e| refuse("archive", Refusal::NotAZip(e.to_string())))?;
    if zip.len() > limits.max_files {
        return Err(refuse(
            "archive",
            Refusal::TooManyFiles {
                count: zip.len(),
                limit: limits.max_files,
            },
        ));
    }
    let mut files = Vec::new();
    let mut slug: Option<String> = None;
    let mut total = 0u64;
    for index in 0..zip.len() {
        let mut file = zip
            .by_index(index)
            .map_err(|e| refuse("archive", Refusal::NotAZip(e.to_string())))?;
        let name = file.name().to_owned();
        if file.is_symlink() {
            return Err(refuse(name, Refusal::Link));
        }
        if file.is_dir() {
            continue;
        }
        let path = safe_path(&name).ok_or_else(|| refuse(name.clone(), Refusal::UnsafePath))?;
        let mut parts = path.components();
        let top = parts
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or_default();
        let inside: PathBuf = parts.collect();
        if !is_slug(top)
            || inside.as_os_str().is_empty()
            || slug.as_deref().is_some_and(|s| s != top)
        {
            return Err(refuse(name, Refusal::NotOneCourseFolder));
        }
        slug = Some(top.to_owned());
        let kind = kind_of(&inside)
            .ok_or_else(|| refuse(name.clone(), Refusal::FileType { allowed: ALLOWED }))?;
        if file.size() > limits.max_file_bytes {
            return Err(refuse(
                name,
                Refusal::FileTooLarge {
                    bytes: file.size(),
                    limit: limits.max_file_bytes,
                },
            ));
        }
        // Declared sizes can lie: read at most one byte more than the limit allows.
        let mut bytes = Vec::new();
        (&mut file)
            .take(limits.max_file_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| refuse(name.clone(), Refusal::NotAZip(e.to_string())))?;
        let unpacked = bytes.len() as u64;
        if unpacked > limits.max_file_bytes {
            return Err(refuse(
                name,
                Refusal::FileTooLarge {
                    bytes: unpacked,
                    limit: limits.max_file_bytes,
                },
            ));
        }
        let ratio = unpacked / file.compressed_size().max(1);
        if unpacked > 64 * 1024 && ratio > limits.max_ratio {
            return Err(refuse(name, Refusal::SuspiciousRatio { ratio }));
        }
        total += unpacked;
        if total > limits.max_total_bytes {
            return Err(refuse(
                name,
                Refusal::TotalTooLarge {
                    limit: limits.max_total_bytes,
                },
            ));
        }
        check_content(kind, &bytes).map_err(|reason| refuse(name.clone(), reason))?;
        files.push((path, bytes));
    }
    if files.is_empty() {
        return Err(refuse("archive", Refusal::NotOneCourseFolder));
    }
    Ok(files)
}

/// The entry's path when it is a plain relative path: no `..`, no root, no drive, no
/// backslashes (which Windows tools would read as separators).
fn safe_path(name: &str) -> Option<PathBuf> {
    if name.contains('\\') || name.contains('\0') {
        return None;
    }
    let path = Path::new(name);
    path.components()
        .all(|c| matches!(c, Component::Normal(part) if !part.to_string_lossy().starts_with('.')))
        .then(|| path.to_owned())
}

fn is_slug(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn check_content(kind: Kind, bytes: &[u8]) -> Result<(), Refusal> {
    match kind {
        Kind::Text => std::str::from_utf8(bytes)
            .map(|_| ())
            .map_err(|_| Refusal::NotUtf8),
        Kind::Binary(expected) => match infer::get(bytes) {
            Some(found) if found.mime_type() == expected => Ok(()),
            _ => Err(Refusal::ContentMismatch { expected }),
        },
        Kind::Svg => {
            let text = std::str::from_utf8(bytes).map_err(|_| Refusal::NotUtf8)?;
            crate::svg::check_svg(text).map_err(Refusal::from)
        }
    }
}

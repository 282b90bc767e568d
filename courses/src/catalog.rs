//! Loading `courses/catalog/<slug>/`: course metadata, ordered lessons in several languages,
//! assets. Every problem in every file is collected, so a trainer sees them all at once.

use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::front_matter;
use crate::quiz::{
    check_translations, check_unique_ids, parse_question, parse_quiz_file, FinalQuiz, Question,
};
use crate::render::{render_markdown, RenderContext};
use crate::{CatalogError, Language, Problem};

#[derive(Debug, Clone)]
pub struct Catalog {
    pub courses: Vec<Course>,
}

impl Catalog {
    pub fn course(&self, slug: &str) -> Option<&Course> {
        self.courses.iter().find(|course| course.slug == slug)
    }
}

#[derive(Debug, Clone)]
pub struct Course {
    pub slug: String,
    pub meta: CourseMeta,
    pub lessons: Vec<Lesson>,
    /// File names under `assets/`, served to learners as they are.
    pub assets: Vec<String>,
    pub dir: PathBuf,
    pub final_quiz: Option<FinalQuiz>,
    /// Changes whenever any file of the course changes; the server compares it to skip syncing.
    pub content_hash: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseMeta {
    pub source_language: Language,
    pub title: BTreeMap<Language, String>,
    pub summary: BTreeMap<Language, String>,
    #[serde(default)]
    pub audience: BTreeMap<Language, String>,
    pub estimated_hours: f32,
    pub pass_mark: u8,
    pub certificate_validity_months: Option<u16>,
    #[serde(default)]
    pub prerequisites: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Lesson {
    pub slug: String,
    pub position: u32,
    pub minutes: u32,
    pub texts: BTreeMap<Language, LessonText>,
    pub content_hash: String,
}

#[derive(Debug, Clone)]
pub struct LessonText {
    pub title: String,
    pub html: String,
    pub source: PathBuf,
    /// Knowledge checks in this lesson, in order; never rendered into `html`.
    pub questions: Vec<Question>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LessonFrontMatter {
    title: String,
    minutes: u32,
}

/// Loads every course folder under `dir` (sorted by slug).
pub fn load_catalog(dir: &Path) -> Result<Catalog, CatalogError> {
    let mut courses = Vec::new();
    let mut problems = Vec::new();
    for entry in sorted_entries(dir)? {
        if !entry.is_dir() {
            continue;
        }
        match load_course(&entry) {
            Ok(course) => courses.push(course),
            Err(CatalogError::Invalid(found)) => problems.extend(found),
            Err(io) => return Err(io),
        }
    }
    if problems.is_empty() {
        Ok(Catalog { courses })
    } else {
        Err(CatalogError::Invalid(problems))
    }
}

pub fn load_course(dir: &Path) -> Result<Course, CatalogError> {
    let slug = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let mut problems = Vec::new();
    if !is_slug(&slug) {
        problems.push(Problem::whole_file(
            dir,
            "a course folder's name must use only lowercase letters, digits and hyphens",
        ));
    }
    let mut hasher = Sha256::new();
    let meta_path = dir.join("course.yaml");
    let meta_text = read(&meta_path)?;
    hasher.update(meta_text.as_bytes());
    let meta = match front_matter::parse_yaml::<CourseMeta>(&meta_path, &meta_text, 1) {
        Ok(meta) => {
            check_meta(&meta_path, &meta, &mut problems);
            Some(meta)
        }
        Err(problem) => {
            problems.push(problem);
            None
        }
    };
    let source_language = meta.as_ref().map_or(Language::En, |m| m.source_language);
    let asset_base = format!("/course-assets/{slug}");

    let mut lessons: BTreeMap<String, Lesson> = BTreeMap::new();
    for path in sorted_entries(dir)? {
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
            continue;
        };
        if path.is_dir() || !name.ends_with(".md") || name.starts_with("quiz.") {
            continue;
        }
        let Some(file_name) = LessonFileName::parse(&name) else {
            problems.push(Problem::whole_file(&path, "a lesson file is named NN-lesson-slug.md, NN-lesson-slug.ru.md, NN-lesson-slug.uz.md or NN-lesson-slug.uz-Cyrl.md (NN: two digits)"));
            continue;
        };
        let text = read(&path)?;
        hasher.update(name.as_bytes());
        hasher.update(text.as_bytes());
        let language = file_name.language.unwrap_or(source_language);
        let Some((front, rendered)) =
            parse_lesson_file(&path, &text, language, &asset_base, &mut problems)
        else {
            continue;
        };
        let lesson = lessons
            .entry(file_name.slug.clone())
            .or_insert_with(|| Lesson {
                slug: file_name.slug.clone(),
                position: file_name.position,
                minutes: front.minutes,
                texts: BTreeMap::new(),
                content_hash: String::new(),
            });
        if lesson.position != file_name.position {
            problems.push(Problem::whole_file(
                &path,
                format!(
                    "lesson `{}` is numbered {:02} here but {:02} in its other files",
                    file_name.slug, file_name.position, lesson.position
                ),
            ));
        }
        if file_name.language.is_none() {
            lesson.minutes = front.minutes;
        }
        lesson.content_hash = hash_hex([lesson.content_hash.as_bytes(), text.as_bytes()]);
        let questions = rendered
            .questions
            .iter()
            .filter_map(|(line, block)| parse_question(&path, *line, block, &mut problems))
            .collect();
        let text = LessonText {
            title: front.title,
            html: rendered.html,
            source: path.clone(),
            questions,
        };
        lesson.texts.insert(language, text);
    }

    let mut lessons: Vec<Lesson> = lessons.into_values().collect();
    lessons.sort_by_key(|lesson| lesson.position);
    for pair in lessons.windows(2) {
        if pair[0].position == pair[1].position {
            problems.push(Problem::whole_file(
                dir,
                format!(
                    "lessons `{}` and `{}` have the same number {:02}",
                    pair[0].slug, pair[1].slug, pair[0].position
                ),
            ));
        }
    }
    for lesson in &lessons {
        if !lesson.texts.contains_key(&source_language) {
            let expected = format!("{:02}-{}.md", lesson.position, lesson.slug);
            problems.push(Problem::whole_file(dir.join(expected), format!("lesson `{}` has translations but no file in the course's source language ({source_language})", lesson.slug)));
        }
    }
    if lessons.is_empty() {
        problems.push(Problem::whole_file(
            dir,
            "a course needs at least one lesson file (01-first-lesson.md)",
        ));
    }

    check_lesson_questions(&lessons, source_language, &mut problems);
    let final_quiz = load_final_quiz(dir, source_language, &mut hasher, &mut problems)?;
    let lesson_questions = lessons
        .iter()
        .filter_map(|l| l.texts.get(&source_language))
        .flat_map(|t| t.questions.iter().map(move |q| (t.source.as_path(), q)));
    let quiz_path = dir.join("quiz.md");
    let quiz_questions = final_quiz.iter().flat_map(|quiz| {
        quiz.pool
            .get(&source_language)
            .into_iter()
            .flatten()
            .map(|q| (quiz_path.as_path(), q))
    });
    check_unique_ids(lesson_questions.chain(quiz_questions), &mut problems);

    let assets = list_assets(&dir.join("assets"), &mut hasher, &mut problems)?;
    if !problems.is_empty() {
        return Err(CatalogError::Invalid(problems));
    }
    let meta = meta.expect("no problems means the metadata parsed");
    Ok(Course {
        slug,
        meta,
        lessons,
        assets,
        dir: dir.to_path_buf(),
        final_quiz,
        content_hash: hex::encode(hasher.finalize()),
    })
}

fn check_lesson_questions(
    lessons: &[Lesson],
    source_language: Language,
    problems: &mut Vec<Problem>,
) {
    for lesson in lessons {
        let Some(source) = lesson.texts.get(&source_language) else {
            continue;
        };
        for (language, text) in &lesson.texts {
            if *language != source_language {
                check_translations(&source.questions, &text.questions, &text.source, problems);
            }
        }
    }
}

/// `quiz.md` (settings and pool) and its translations `quiz.<lang>.md`, if the course has one.
fn load_final_quiz(
    dir: &Path,
    source_language: Language,
    hasher: &mut Sha256,
    problems: &mut Vec<Problem>,
) -> Result<Option<FinalQuiz>, CatalogError> {
    let source_path = dir.join("quiz.md");
    if !source_path.exists() {
        return Ok(None);
    }
    let text = read(&source_path)?;
    hasher.update(text.as_bytes());
    let (settings, source_questions) = parse_quiz_file(&source_path, &text, problems);
    let Some(settings) = settings else {
        problems.push(Problem::new(
            &source_path,
            1,
            1,
            "quiz.md needs its settings in the front matter (at least `questions_per_attempt`)",
        ));
        return Ok(None);
    };
    if source_questions.len() < settings.questions_per_attempt {
        problems.push(Problem::whole_file(
            &source_path,
            format!(
                "the pool has {} questions but each attempt draws {}",
                source_questions.len(),
                settings.questions_per_attempt
            ),
        ));
    }
    let mut pool = BTreeMap::new();
    for language in Language::every().filter(|l| *l != source_language) {
        let path = dir.join(format!("quiz.{language}.md"));
        if !path.exists() {
            continue;
        }
        let text = read(&path)?;
        hasher.update(text.as_bytes());
        let (_, questions) = parse_quiz_file(&path, &text, problems);
        check_translations(&source_questions, &questions, &path, problems);
        pool.insert(language, questions);
    }
    pool.insert(source_language, source_questions);
    Ok(Some(FinalQuiz { settings, pool }))
}

fn parse_lesson_file(
    path: &Path,
    text: &str,
    language: Language,
    asset_base: &str,
    problems: &mut Vec<Problem>,
) -> Option<(LessonFrontMatter, crate::RenderedMarkdown)> {
    let split = front_matter::split(path, text)
        .map_err(|p| problems.push(p))
        .ok()?;
    let front: LessonFrontMatter = front_matter::parse_yaml(path, split.yaml, 2)
        .map_err(|p| problems.push(p))
        .ok()?;
    if front.title.trim().is_empty() {
        let line = front_matter_line(split.yaml, "title");
        problems.push(Problem::new(path, line, 1, "`title` must not be empty"));
    }
    if !(1..=120).contains(&front.minutes) {
        problems.push(Problem::new(
            path,
            front_matter_line(split.yaml, "minutes"),
            1,
            "`minutes` must be a whole number from 1 to 120",
        ));
    }
    let context = RenderContext {
        language,
        asset_base,
    };
    let (rendered, found) = render_markdown(path, split.body, split.body_first_line, &context);
    problems.extend(found);
    Some((front, rendered))
}

/// The file line of the top-level `key:` in a lesson's front matter (which starts at line 2).
fn front_matter_line(yaml: &str, key: &str) -> usize {
    yaml.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.starts_with(':'))
        })
        .map_or(2, |index| index + 2)
}

fn check_meta(path: &Path, meta: &CourseMeta, problems: &mut Vec<Problem>) {
    if Language::OPTIONAL.contains(&meta.source_language) {
        problems.push(Problem::whole_file(
            path,
            "`source_language` is uz, ru or en: Uzbek in Cyrillic is derived from the Latin text",
        ));
    }
    for language in Language::ALL {
        for (field, values) in [("title", &meta.title), ("summary", &meta.summary)] {
            if values.get(&language).is_none_or(|v| v.trim().is_empty()) {
                problems.push(Problem::whole_file(
                    path,
                    format!("`{field}` needs a text in {language}"),
                ));
            }
        }
    }
    if !(1..=100).contains(&meta.pass_mark) {
        problems.push(Problem::whole_file(
            path,
            "`pass_mark` is a percentage from 1 to 100",
        ));
    }
    if meta.estimated_hours <= 0.0 {
        problems.push(Problem::whole_file(
            path,
            "`estimated_hours` must be more than 0",
        ));
    }
}

/// `NN-slug.md` or `NN-slug.<lang>.md`.
struct LessonFileName {
    position: u32,
    slug: String,
    language: Option<Language>,
}

impl LessonFileName {
    fn parse(name: &str) -> Option<Self> {
        let stem = name.strip_suffix(".md")?;
        let (stem, language) = match stem.rsplit_once('.') {
            Some((stem, code)) => (stem, Some(code.parse().ok()?)),
            None => (stem, None),
        };
        let (number, slug) = stem.split_once('-')?;
        if number.len() != 2 || !is_slug(slug) {
            return None;
        }
        Some(Self {
            position: number.parse().ok()?,
            slug: slug.to_string(),
            language,
        })
    }
}

fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The files under `assets/`; an SVG that could run code or load something is a problem (the
/// same check a course archive gets).
fn list_assets(
    dir: &Path,
    hasher: &mut Sha256,
    problems: &mut Vec<Problem>,
) -> Result<Vec<String>, CatalogError> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut assets = Vec::new();
    for path in sorted_entries(dir)? {
        if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
            let bytes = std::fs::read(&path).map_err(|source| CatalogError::Io {
                path: path.clone(),
                source,
            })?;
            hasher.update(name.as_bytes());
            hasher.update(&bytes);
            if name.to_ascii_lowercase().ends_with(".svg") {
                let checked = std::str::from_utf8(&bytes)
                    .map_err(|_| "it is not UTF-8 text".to_owned())
                    .and_then(|text| crate::svg::check_svg(text).map_err(|e| e.to_string()));
                if let Err(reason) = checked {
                    problems.push(Problem::whole_file(&path, format!("SVG refused: {reason}")));
                }
            }
            assets.push(name.to_string());
        }
    }
    Ok(assets)
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, CatalogError> {
    let io = |source| CatalogError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries = std::fs::read_dir(dir)
        .map_err(io)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(io)?;
    entries.sort();
    Ok(entries)
}

fn read(path: &Path) -> Result<String, CatalogError> {
    let bytes = std::fs::read(path).map_err(|source| CatalogError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|error| {
        let line = error.as_bytes()[..error.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        CatalogError::Invalid(vec![Problem::new(
            path,
            line,
            0,
            "the file is not valid UTF-8 text: save it as UTF-8",
        )])
    })
}

fn hash_hex<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hex::encode(hasher.finalize())
}

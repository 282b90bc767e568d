//! The command line: serving (the default) and the trainers' course tools.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "malaka-server",
    version,
    about = "Malaka: in-service training for public servants"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application (the default).
    Serve,
    /// Tools for trainers' course files.
    Courses {
        #[command(subcommand)]
        command: CoursesCommand,
    },
    /// The signing keys: make a key file, or rotate the keys in one.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// The per-enrolment summaries the reports read.
    Summaries {
        #[command(subcommand)]
        command: SummariesCommand,
    },
    /// Copy the database at DATABASE_URL to --out while the server keeps running (SQLite:
    /// `VACUUM INTO`; PostgreSQL: `pg_dump --format=custom`). Never overwrites a file.
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// Copy everything from a SQLite pilot (--from sqlite://…) into a new, empty PostgreSQL
    /// database (--to postgres://…), ids included. Stop the server first.
    MigrateData {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
    },
    /// Check a backup and restore it to DATABASE_URL, which must be a new SQLite file or an
    /// empty PostgreSQL database (`pg_restore`). The server starts on it as usual.
    Restore {
        #[arg(long)]
        from: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum SummariesCommand {
    /// Recompute every enrolment's summary (lessons completed, seconds on the lessons, last
    /// reading) from the progress rows of the database at DATABASE_URL and print each
    /// difference; exits with status 1 when there is one. With --repair, rewrite those
    /// summaries with the recomputed values.
    Check {
        #[arg(long)]
        repair: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Make a new key file: written to --out (which must not exist; readable by its owner
    /// only), or to standard output.
    Generate {
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also list the certificate key that a demo or an earlier version kept in the database
        /// at DATABASE_URL (its public half only), so certificates it signed still verify.
        #[arg(long)]
        from_database: bool,
    },
    /// Give FILE new signing keys; the previous session key and every certificate key's
    /// public half stay, to verify what they signed. Restart the servers afterwards.
    Rotate { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum CoursesCommand {
    /// Check every course under DIR (default: the bundled catalog) and print every problem as
    /// `file:line:column: message`, then the answer-cue warnings of its question banks. Exits
    /// with status 1 when there are problems (or, with --strict, warnings).
    Check {
        dir: Option<PathBuf>,
        /// Treat answer-cue warnings as problems (CI does, for the bundled courses).
        #[arg(long)]
        strict: bool,
    },
    /// Convert a Moodle GIFT question bank into a Malaka quiz file (Markdown). Questions that
    /// cannot be converted are listed as `file:line:column: message`; exits with status 1 then.
    ImportGift {
        file: PathBuf,
        /// Where to write the quiz (e.g. courses/catalog/<slug>/quiz.md); standard output if absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write the course in DIR (e.g. courses/catalog/cybersecurity) as a zip of its files.
    Export {
        dir: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Check a course zip (size, paths, file types, image contents, then the course itself) and
    /// unpack it into INTO/<slug>, which must not exist yet.
    Import {
        zip: PathBuf,
        #[arg(long)]
        into: PathBuf,
    },
}

pub fn check_courses(dir: Option<PathBuf>, strict: bool) -> ExitCode {
    let dir = dir.unwrap_or_else(malaka_courses::bundled_catalog_dir);
    let catalog = match malaka_courses::load_catalog(&dir) {
        Ok(catalog) => catalog,
        Err(error) => {
            let problems = error.problems();
            for problem in &problems {
                eprintln!("{problem}");
            }
            eprintln!("{} problem(s) found", problems.len());
            return ExitCode::FAILURE;
        }
    };
    let warnings: Vec<_> = catalog
        .courses
        .iter()
        .flat_map(malaka_courses::quiz::course_warnings)
        .collect();
    for warning in &warnings {
        eprintln!("{warning}");
    }
    let lessons: usize = catalog.courses.iter().map(|c| c.lessons.len()).sum();
    let questions: usize = catalog
        .courses
        .iter()
        .flat_map(|c| c.final_quiz.iter())
        .map(|q| q.pool.values().map(Vec::len).max().unwrap_or(0))
        .sum();
    println!(
        "{}: {} courses, {lessons} lessons, {questions} final-quiz questions: no problems, {} \
         answer-cue warning(s)",
        dir.display(),
        catalog.courses.len(),
        warnings.len()
    );
    if strict && !warnings.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

pub fn import_gift(file: PathBuf, out: Option<PathBuf>) -> ExitCode {
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{}: {error}", file.display());
            return ExitCode::FAILURE;
        }
    };
    let import = malaka_courses::quiz::import_gift(&file, &text);
    match &out {
        Some(path) => {
            if let Err(error) = std::fs::write(path, &import.markdown) {
                eprintln!("{}: {error}", path.display());
                return ExitCode::FAILURE;
            }
            eprintln!(
                "{} question(s) written to {}",
                import.imported,
                path.display()
            );
        }
        None => print!("{}", import.markdown),
    }
    for problem in &import.problems {
        eprintln!("{problem}");
    }
    let written = out.clone().unwrap_or_else(|| PathBuf::from("quiz.md"));
    let (_, questions) =
        malaka_courses::quiz::parse_quiz_file(&written, &import.markdown, &mut Vec::new());
    let bank: Vec<_> = questions.iter().map(|q| (written.as_path(), q)).collect();
    for warning in malaka_courses::quiz::bank_warnings(&bank) {
        eprintln!("{warning}");
    }
    if import.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

pub fn export_course(dir: PathBuf, out: PathBuf) -> ExitCode {
    let written = malaka_courses::archive::export_course(&dir)
        .map_err(|error| error.problems())
        .and_then(|bytes| {
            std::fs::write(&out, &bytes)
                .map_err(|error| vec![malaka_courses::Problem::whole_file(&out, error.to_string())])
        });
    report(written, || format!("{} written", out.display()))
}

pub fn import_course(zip: PathBuf, into: PathBuf) -> ExitCode {
    let imported = std::fs::read(&zip)
        .map_err(|error| vec![malaka_courses::Problem::whole_file(&zip, error.to_string())])
        .and_then(|bytes| {
            malaka_courses::archive::import_course(
                &bytes,
                &into,
                &malaka_courses::archive::ArchiveLimits::default(),
            )
            .map_err(|error| error.problems())
        });
    match imported {
        Ok(course) => report(Ok(()), || {
            format!(
                "{}: course `{}` with {} lessons, no problems",
                course.dir.display(),
                course.slug,
                course.lessons.len()
            )
        }),
        Err(problems) => report(Err(problems), String::new),
    }
}

fn report(
    result: Result<(), Vec<malaka_courses::Problem>>,
    success: impl FnOnce() -> String,
) -> ExitCode {
    match result {
        Ok(()) => {
            println!("{}", success());
            ExitCode::SUCCESS
        }
        Err(problems) => {
            for problem in &problems {
                eprintln!("{problem}");
            }
            ExitCode::FAILURE
        }
    }
}

use std::fmt;
use std::path::PathBuf;

/// One mistake in a course file, located like a compiler error so editors can jump to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file or folder.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub message: String,
}

impl Problem {
    pub fn new(
        file: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            line,
            column,
            message: message.into(),
        }
    }

    pub fn whole_file(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(file, 0, 0, message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        match (self.line, self.column) {
            (0, _) => write!(f, "{file}: {}", self.message),
            (line, 0) => write!(f, "{file}:{line}: {}", self.message),
            (line, column) => write!(f, "{file}:{line}:{column}: {}", self.message),
        }
    }
}

/// Why a catalog could not be loaded: every problem found, not just the first.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{}", render_problems(.0))]
    Invalid(Vec<Problem>),
    /// An uploaded course archive was refused before anything was written.
    #[error("{entry}: {reason}")]
    Archive {
        entry: String,
        reason: crate::archive::Refusal,
    },
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl CatalogError {
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            CatalogError::Invalid(problems) => problems.clone(),
            CatalogError::Io { path, source } => {
                vec![Problem::whole_file(path, source.to_string())]
            }
            CatalogError::Archive { entry, reason } => {
                vec![Problem::whole_file(entry, reason.to_string())]
            }
        }
    }
}

fn render_problems(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
    lines.join("\n")
}

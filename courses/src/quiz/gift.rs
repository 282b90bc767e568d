//! Import of Moodle's GIFT format (https://docs.moodle.org/en/GIFT_format) into Malaka's question
//! blocks, so existing Moodle question banks can be brought over. Supported: multiple choice
//! (one or several right answers, percentage weights, per-answer feedback), true/false, short
//! answer, numeric (value:tolerance and min..max), matching, missing word, general feedback
//! (`####`), titles, categories, comments and escapes. Essays and descriptions have no Malaka
//! equivalent and are reported, with their line, rather than dropped silently.

use std::fmt::Write;
use std::path::Path;

use crate::Problem;

/// The questions of a GIFT file as the Markdown of a `quiz.md`, and what could not be imported.
pub struct GiftImport {
    pub markdown: String,
    pub imported: usize,
    pub problems: Vec<Problem>,
}

pub fn import_gift(file: &Path, text: &str) -> GiftImport {
    let mut body = String::new();
    let mut problems = Vec::new();
    let mut imported = 0;
    let mut used_ids = Vec::new();
    for (line, block) in blocks(text) {
        if let Some(category) = block.trim().strip_prefix("$CATEGORY:") {
            let _ = writeln!(
                body,
                "## {}\n",
                category
                    .trim()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .trim()
            );
            continue;
        }
        match convert(&block, imported + 1, &mut used_ids) {
            Ok(question) => {
                body.push_str(&question);
                body.push('\n');
                imported += 1;
            }
            Err(message) => problems.push(Problem::new(file, line, 1, message)),
        }
    }
    let per_attempt = imported.clamp(1, 20);
    let markdown = format!(
        "---\nquestions_per_attempt: {per_attempt}\nshuffle_questions: true\nshuffle_options: true\nreview: correct-answers-after-pass\n---\n\n{body}"
    );
    GiftImport {
        markdown,
        imported,
        problems,
    }
}

/// Questions are separated by blank lines; `//` comment lines are dropped. Yields each block
/// with the line it starts on.
fn blocks(text: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut open_braces = 0i32;
    for (index, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        if line.trim().is_empty() && open_braces == 0 {
            if !current.trim().is_empty() {
                blocks.push((start, std::mem::take(&mut current)));
            }
            current.clear();
            continue;
        }
        if current.is_empty() {
            start = index + 1;
        }
        open_braces += unescaped(line, '{') as i32 - unescaped(line, '}') as i32;
        current.push_str(line);
        current.push('\n');
    }
    if !current.trim().is_empty() {
        blocks.push((start, current));
    }
    blocks
}

fn unescaped(line: &str, wanted: char) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == wanted {
            count += 1;
        }
    }
    count
}

/// Splits at unescaped `{` … `}`: (text before, inside, text after).
fn split_answers(block: &str) -> Option<(String, String, String)> {
    let chars: Vec<char> = block.chars().collect();
    let find = |from: usize, wanted: char| {
        let mut i = from;
        while i < chars.len() {
            match chars[i] {
                '\\' => i += 2,
                c if c == wanted => return Some(i),
                _ => i += 1,
            }
        }
        None
    };
    let open = find(0, '{')?;
    let close = find(open + 1, '}')?;
    let text = |range: std::ops::Range<usize>| chars[range].iter().collect::<String>();
    Some((
        text(0..open),
        text(open + 1..close),
        text(close + 1..chars.len()),
    ))
}

fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One answer inside the braces: its mark (`=` or `~`), weight, text and feedback.
struct Item {
    right: bool,
    weight: Option<f64>,
    text: String,
    feedback: Option<String>,
}

/// Splits the inside of the braces at unescaped `=` / `~` marks, and the general feedback.
fn items(inside: &str) -> (Vec<Item>, Option<String>) {
    let (inside, general) = match split_unescaped(inside, "####") {
        Some((answers, general)) => (answers, Some(unescape(&general))),
        None => (inside.to_owned(), None),
    };
    let mut items = Vec::new();
    let mut current: Option<(char, String)> = None;
    let mut escaped = false;
    for c in inside.chars() {
        if escaped {
            if let Some((_, text)) = current.as_mut() {
                text.push('\\');
                text.push(c);
            }
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '=' || c == '~' {
            // `->` in matching pairs is not a mark.
            if let Some((mark, text)) = current.take() {
                items.push(parse_item(mark, &text));
            }
            current = Some((c, String::new()));
        } else if let Some((_, text)) = current.as_mut() {
            text.push(c);
        }
    }
    if let Some((mark, text)) = current {
        items.push(parse_item(mark, &text));
    }
    (items, general)
}

fn split_unescaped(text: &str, separator: &str) -> Option<(String, String)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if text[i..].starts_with(separator) {
            return Some((text[..i].to_owned(), text[i + separator.len()..].to_owned()));
        }
        i += 1;
    }
    None
}

fn parse_item(mark: char, raw: &str) -> Item {
    let (answer, feedback) = match split_unescaped(raw, "#") {
        Some((answer, feedback)) => (answer, Some(unescape(&feedback)).filter(|f| !f.is_empty())),
        None => (raw.to_owned(), None),
    };
    let mut text = answer.trim().to_owned();
    let mut weight = None;
    if let Some(rest) = text.strip_prefix('%') {
        if let Some((number, after)) = rest.split_once('%') {
            weight = number.trim().parse::<f64>().ok();
            text = after.trim().to_owned();
        }
    }
    Item {
        right: mark == '=',
        weight,
        text: without_format_marker(&text).to_owned(),
        feedback: feedback.map(|f| without_format_marker(&f).to_owned()),
    }
}

/// Moodle lets any text start with the format it is written in; Malaka's are all Markdown.
fn without_format_marker(text: &str) -> &str {
    ["[markdown]", "[plain]", "[html]", "[moodle]"]
        .iter()
        .find_map(|marker| text.strip_prefix(marker))
        .unwrap_or(text)
        .trim_start()
}

impl Item {
    /// The share of the points Moodle gives this answer, in percent.
    fn percent(&self) -> f64 {
        self.weight.unwrap_or(if self.right { 100.0 } else { 0.0 })
    }
}

/// `[x]`, `[ ]` or `[50%]`, as Malaka's grammar writes an option worth `percent`.
fn choice_mark(percent: f64, single: bool) -> String {
    match percent {
        p if p >= 100.0 && single => "x".into(),
        0.0 => " ".into(),
        p => format!("{}%", trim_number(p)),
    }
}

fn trim_number(number: f64) -> String {
    let text = format!("{number:.5}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn convert(block: &str, number: usize, used_ids: &mut Vec<String>) -> Result<String, String> {
    let mut block = block.trim().to_owned();
    let mut title = None;
    if let Some(rest) = block.strip_prefix("::") {
        let (name, after) = rest
            .split_once("::")
            .ok_or("a title starts with `::` but does not end with `::`")?;
        title = Some(name.trim().to_owned());
        block = after.trim().to_owned();
    }
    block = without_format_marker(&block).to_owned();
    let (before, inside, after) = split_answers(&block).ok_or("a description (text without answers in `{…}`) cannot be imported: Malaka questions need answers")?;
    let prompt = if after.trim().is_empty() {
        unescape(&before)
    } else {
        format!("{} _____ {}", unescape(&before), unescape(&after))
    };
    if prompt.is_empty() {
        return Err("the question has no text".into());
    }
    let id = unique_id(title.as_deref(), number, used_ids);
    let inside_trimmed = inside.trim();
    let mut out = format!("```question\nid: {id}\n");
    let general: Option<String>;
    let answer_lines: String;
    let kind: &str;

    if inside_trimmed.is_empty() {
        return Err(
            "essay questions (`{}`) cannot be imported: Malaka grades every question automatically"
                .into(),
        );
    } else if let Some(truth) = true_false(inside_trimmed) {
        kind = "true-false";
        let (_, rest) = split_unescaped(inside_trimmed, "####")
            .map_or((inside_trimmed.to_owned(), None), |(a, g)| (a, Some(g)));
        general = rest.map(|g| unescape(&g));
        answer_lines = format!("answer: {truth}\n");
    } else if let Some(numeric) = inside_trimmed.strip_prefix('#') {
        kind = "numeric";
        let (answers, general_text) = split_unescaped(numeric, "####")
            .map_or((numeric.to_owned(), None), |(a, g)| (a, Some(unescape(&g))));
        general = general_text;
        // A lone answer (`{#1822:1}`) has no mark of its own: it is the right one.
        let answers = answers.trim();
        let answers = match answers.starts_with(['=', '~']) {
            true => answers.to_owned(),
            false => format!("={answers}"),
        };
        let mut lines = String::new();
        // `~` answers and 0 % ones only carry feedback for other answers: they score nothing.
        for item in items(&answers).0.iter().filter(|i| i.percent() > 0.0) {
            let number = numeric_answer(&item.text).ok_or_else(|| {
                format!(
                    "`{}` is not a GIFT number (`3.14:0.01` or `1..5`)",
                    item.text
                )
            })?;
            match item.percent() {
                p if p >= 100.0 => lines.push_str(&format!("= {number}\n")),
                p => lines.push_str(&format!("= [{}%] {number}\n", trim_number(p))),
            }
        }
        if !lines.lines().any(|l| !l.starts_with("= [")) {
            return Err("no numeric answer is worth 100 %".into());
        }
        answer_lines = lines;
    } else {
        let (items, general_text) = items(&inside);
        general = general_text;
        if items.is_empty() {
            return Err("no answers found inside `{…}`".into());
        }
        let is_matching = items.iter().all(|i| i.right && i.text.contains("->"));
        let has_wrong = items.iter().any(|i| !i.right);
        if is_matching {
            kind = "matching";
            if items.len() < 3 {
                return Err(format!(
                    "a matching question needs at least 3 pairs in Malaka, this one has {}",
                    items.len()
                ));
            }
            answer_lines = items
                .iter()
                .map(|i| {
                    let (left, right) = i.text.split_once("->").unwrap_or_default();
                    format!("- {} -> {}\n", unescape(left), unescape(right))
                })
                .collect();
        } else if !has_wrong {
            kind = "short";
            let mut lines = String::new();
            // A 0 % answer (often the catch-all `*`) only carries feedback: it scores nothing.
            for item in items.iter().filter(|i| i.percent() > 0.0) {
                let text = unescape(&item.text);
                if text.contains('*') {
                    return Err(format!(
                        "the answer `{text}` uses Moodle's wildcard `*`, which Malaka's short \
                         answers do not have: list the accepted answers instead"
                    ));
                }
                match item.percent() {
                    p if p >= 100.0 => lines.push_str(&format!("= {text}\n")),
                    p => lines.push_str(&format!("= [{}%] {text}\n", trim_number(p))),
                }
            }
            if !lines.lines().any(|l| !l.starts_with("= [")) {
                return Err("no short answer is worth 100 %".into());
            }
            answer_lines = lines;
        } else {
            // Moodle's rule: a question with a `=` answer takes one choice; one without takes
            // several, each `~%n%` answer adding its share (negative ones taking it away).
            let single = items.iter().any(|i| i.right);
            kind = if single { "single" } else { "multiple" };
            if single {
                if items.iter().any(|i| i.percent() < 0.0) {
                    return Err("a negative weight in a one-answer question has no Malaka \
                                equivalent (Malaka takes credit away only in multiple choice)"
                        .into());
                }
                let full = items.iter().filter(|i| i.percent() >= 100.0).count();
                if full != 1 {
                    return Err(format!(
                        "a one-answer question needs exactly one answer worth 100 %, found {full}"
                    ));
                }
            } else {
                let total: f64 = items.iter().map(Item::percent).filter(|p| *p > 0.0).sum();
                if total == 0.0 {
                    return Err(
                        "no answer is marked right (`=` or a positive `~%50%` weight)".into(),
                    );
                }
                if (total - 100.0).abs() > 0.1 {
                    return Err(format!(
                        "the right answers' weights add up to {} %, not 100 %",
                        trim_number(total)
                    ));
                }
            }
            answer_lines = items
                .iter()
                .map(|i| {
                    let feedback = i
                        .feedback
                        .as_ref()
                        .map(|f| format!("  > {f}\n"))
                        .unwrap_or_default();
                    let mark = choice_mark(i.percent(), single);
                    format!("- [{mark}] {}\n{feedback}", unescape(&i.text))
                })
                .collect();
        }
    }
    let general = general
        .filter(|g| !g.is_empty())
        .unwrap_or_else(|| default_feedback(kind, &answer_lines));
    let _ = write!(
        out,
        "type: {kind}\n{prompt}\n{answer_lines}> {general}\n```\n"
    );
    Ok(out)
}

fn true_false(inside: &str) -> Option<bool> {
    let word = inside.split('#').next().unwrap_or_default().trim();
    match word {
        "T" | "TRUE" => Some(true),
        "F" | "FALSE" => Some(false),
        _ => None,
    }
}

fn numeric_answer(text: &str) -> Option<String> {
    let text = text.trim();
    if let Some((min, max)) = text.split_once("..") {
        let (min, max): (f64, f64) = (min.trim().parse().ok()?, max.trim().parse().ok()?);
        return Some(format!(
            "{} +- {}",
            (min + max) / 2.0,
            (max - min).abs() / 2.0
        ));
    }
    match text.split_once(':') {
        Some((value, tolerance)) => Some(format!(
            "{} +- {}",
            value.trim().parse::<f64>().ok()?,
            tolerance.trim().parse::<f64>().ok()?
        )),
        None => Some(text.parse::<f64>().ok()?.to_string()),
    }
}

/// GIFT files often have no general feedback; Malaka needs one, so it states the answer.
fn default_feedback(kind: &str, answer_lines: &str) -> String {
    let right: Vec<&str> = match kind {
        "single" | "multiple" => answer_lines
            .lines()
            .filter_map(|l| l.strip_prefix("- ["))
            .filter_map(|l| l.split_once("] "))
            .filter(|(mark, _)| *mark == "x" || (!mark.starts_with(['-', ' ']) && *mark != "0%"))
            .map(|(_, text)| text)
            .collect(),
        "short" | "numeric" => answer_lines
            .lines()
            .filter(|l| !l.starts_with("= ["))
            .filter_map(|l| l.strip_prefix("= "))
            .take(1)
            .collect(),
        "true-false" => answer_lines
            .lines()
            .filter_map(|l| l.strip_prefix("answer: "))
            .collect(),
        _ => Vec::new(),
    };
    if right.is_empty() {
        "Compare your answer with the pairs above.".into()
    } else {
        format!("The right answer: {}.", right.join("; "))
    }
}

fn unique_id(title: Option<&str>, number: usize, used: &mut Vec<String>) -> String {
    let base: String = title
        .map(|t| {
            t.to_lowercase()
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join("-")
        })
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("gift-{number}"));
    let mut id = base.clone();
    let mut suffix = 1;
    while used.contains(&id) {
        suffix += 1;
        id = format!("{base}-{suffix}");
    }
    used.push(id.clone());
    id
}

//! Markdown → HTML for lessons, the same everywhere (learner pages, the authoring preview): one
//! pulldown-cmark configuration, one sanitiser. Sanitising happens last, on the final HTML, so
//! nothing a trainer writes (raw HTML, `javascript:` links, event handlers) can reach a browser.

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd,
};
use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

use crate::{Language, Problem};

/// The fenced-block info string that marks a question; its text is parsed by the quiz module and
/// must never be rendered, because it contains the correct answers.
const QUESTION_FENCE: &str = "question";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMarkdown {
    pub html: String,
    /// Question blocks found in the text, with the 1-based line of their first line in the file.
    pub questions: Vec<(usize, String)>,
}

/// Where a lesson's relative `assets/…` links point once served, e.g. `/course-assets/cybersecurity`.
pub struct RenderContext<'a> {
    pub language: Language,
    pub asset_base: &'a str,
}

pub fn render_markdown(
    file: &Path,
    body: &str,
    body_first_line: usize,
    context: &RenderContext<'_>,
) -> (RenderedMarkdown, Vec<Problem>) {
    let line_of = LineIndex::new(body, body_first_line);
    let mut problems = Vec::new();
    let mut questions = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    let mut heading_ids = HashSet::new();
    let mut skipping_question = false;
    let mut open_example_quotes = Vec::new();

    let parsed: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(body, markdown_options())
        .into_offset_iter()
        .collect();
    let mut index = 0;
    while index < parsed.len() {
        let (event, range) = parsed[index].clone();
        index += 1;
        if skipping_question {
            match event {
                Event::Text(text) => {
                    if let Some((_, question)) = questions.last_mut() {
                        let question: &mut String = question;
                        question.push_str(&text);
                    }
                }
                Event::End(TagEnd::CodeBlock) => skipping_question = false,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.trim() == QUESTION_FENCE =>
            {
                skipping_question = true;
                questions.push((line_of.line(range.start) + 1, String::new()));
            }
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => {
                problems.push(Problem::new(
                    file,
                    line_of.line(range.start),
                    1,
                    "use `##` for headings: `#` is the lesson title, given in the front matter",
                ));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let end = parsed[index..]
                    .iter()
                    .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
                    .map_or(parsed.len(), |p| index + p);
                let text: String = parsed[index..end]
                    .iter()
                    .filter_map(|(e, _)| match e {
                        Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let id = id.unwrap_or_else(|| CowStr::from(unique_anchor(&text, &mut heading_ids)));
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(id),
                    classes,
                    attrs,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let alt_is_empty =
                    matches!(parsed.get(index), Some((Event::End(TagEnd::Image), _)));
                if alt_is_empty {
                    problems.push(Problem::new(
                        file,
                        line_of.line(range.start),
                        line_of.column(range.start),
                        "an image needs alt text: ![what the image shows](path)",
                    ));
                }
                let dest_url = rewrite_asset_url(dest_url, context.asset_base);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite_asset_url(dest_url, context.asset_base);
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => events.push(Event::Html(
                callout_open(callout_of(kind), context.language).into(),
            )),
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                events.push(Event::Html("</aside>\n".into()))
            }
            Event::Start(Tag::BlockQuote(None)) => {
                // `[!EXAMPLE]` arrives as several text events (brackets are parsed apart).
                let marker_events = match parsed.get(index) {
                    Some((Event::Start(Tag::Paragraph), _)) => parsed[index + 1..]
                        .iter()
                        .take_while(|(e, _)| matches!(e, Event::Text(_)))
                        .count(),
                    _ => 0,
                };
                let marker: String = parsed[index + 1..index + 1 + marker_events]
                    .iter()
                    .filter_map(|(e, _)| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let is_example = marker_events > 0 && marker.trim() == "[!EXAMPLE]";
                open_example_quotes.push(is_example);
                if is_example {
                    events.push(Event::Html(
                        callout_open(Callout::Example, context.language).into(),
                    ));
                    // Drop the marker and the line break after it, keep the paragraph open.
                    events.push(Event::Start(Tag::Paragraph));
                    index += 1 + marker_events;
                    if matches!(
                        parsed.get(index),
                        Some((Event::SoftBreak | Event::HardBreak, _))
                    ) {
                        index += 1;
                    }
                } else {
                    events.push(Event::Start(Tag::BlockQuote(None)));
                }
            }
            Event::End(TagEnd::BlockQuote(None)) => {
                if open_example_quotes.pop().unwrap_or(false) {
                    events.push(Event::Html("</aside>\n".into()));
                } else {
                    events.push(Event::End(TagEnd::BlockQuote(None)));
                }
            }
            other => events.push(other),
        }
    }

    let mut unsafe_html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut unsafe_html, events.into_iter());
    let html = SANITISER.clean(&unsafe_html).to_string();
    (RenderedMarkdown { html, questions }, problems)
}

fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

fn rewrite_asset_url<'a>(url: CowStr<'a>, asset_base: &str) -> CowStr<'a> {
    match url.strip_prefix("assets/") {
        Some(rest) => format!("{asset_base}/{rest}").into(),
        None => url,
    }
}

#[derive(Clone, Copy)]
enum Callout {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
    Example,
}

fn callout_of(kind: BlockQuoteKind) -> Callout {
    match kind {
        BlockQuoteKind::Note => Callout::Note,
        BlockQuoteKind::Tip => Callout::Tip,
        BlockQuoteKind::Important => Callout::Important,
        BlockQuoteKind::Warning => Callout::Warning,
        BlockQuoteKind::Caution => Callout::Caution,
    }
}

/// Callout titles belong to the lesson's language, not the reader's interface language, so they
/// are rendered here with the lesson rather than looked up in the app's message catalog.
fn callout_open(callout: Callout, language: Language) -> String {
    let (class, [uz, uz_cyrl, ru, en]) = match callout {
        Callout::Note => ("note", ["Eslatma", "Эслатма", "Примечание", "Note"]),
        Callout::Tip => ("tip", ["Maslahat", "Маслаҳат", "Совет", "Tip"]),
        Callout::Important => ("important", ["Muhim", "Муҳим", "Важно", "Important"]),
        Callout::Warning => ("warning", ["Diqqat", "Диққат", "Внимание", "Warning"]),
        Callout::Caution => (
            "caution",
            ["Ehtiyot boʻling", "Эҳтиёт бўлинг", "Осторожно", "Caution"],
        ),
        Callout::Example => ("example", ["Misol", "Мисол", "Пример", "Example"]),
    };
    let title = match language {
        Language::Uz => uz,
        Language::UzCyrl => uz_cyrl,
        Language::Ru => ru,
        Language::En => en,
    };
    format!("<aside class=\"callout callout-{class}\"><p class=\"callout-title\">{title}</p>\n")
}

/// A heading's anchor: lowercase words joined by hyphens, unique within the lesson.
fn unique_anchor(text: &str, taken: &mut HashSet<String>) -> String {
    let mut anchor = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !anchor.is_empty() {
            anchor.push('-');
        }
        anchor.extend(word.chars().flat_map(char::to_lowercase));
    }
    if anchor.is_empty() {
        anchor.push_str("section");
    }
    let base = anchor.clone();
    let mut suffix = 1;
    while !taken.insert(anchor.clone()) {
        suffix += 1;
        anchor = format!("{base}-{suffix}");
    }
    anchor
}

static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["aside"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("h5", ["id"])
        .add_tag_attributes("h6", ["id"])
        .add_tag_attributes("div", ["id"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("td", ["style"])
        .filter_style_properties(["text-align"].into())
        .add_allowed_classes(
            "aside",
            [
                "callout",
                "callout-note",
                "callout-tip",
                "callout-important",
                "callout-warning",
                "callout-caution",
                "callout-example",
            ],
        )
        .add_allowed_classes("p", ["callout-title"])
        .add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"])
        .add_allowed_classes("div", ["footnote-definition"])
        .add_allowed_classes("section", ["footnotes"])
        .add_allowed_classes("ol", ["footnotes-list"])
        .add_allowed_classes("li", ["footnote-definition"])
        .add_allowed_classes("a", ["footnote-backref"]);
    builder
});

/// Maps byte offsets in a lesson body to lines and columns in its file.
struct LineIndex {
    line_starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    fn new(text: &str, first_line: usize) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            line_starts,
            first_line,
        }
    }

    fn line(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1 + self.first_line
    }

    fn column(&self, offset: usize) -> usize {
        let start =
            self.line_starts[self.line_starts.partition_point(|&start| start <= offset) - 1];
        offset - start + 1
    }
}

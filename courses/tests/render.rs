use malaka_courses::{render_markdown, Language, RenderContext};
use std::path::Path;

fn render(markdown: &str) -> String {
    render_with_problems(markdown).0
}

fn render_with_problems(markdown: &str) -> (String, Vec<String>) {
    let context = RenderContext {
        language: Language::En,
        asset_base: "/course-assets/demo",
    };
    let (rendered, problems) = render_markdown(Path::new("lesson.md"), markdown, 5, &context);
    (
        rendered.html,
        problems.iter().map(ToString::to_string).collect(),
    )
}

#[test]
fn script_tags_and_event_handlers_never_survive() {
    let html = render("Hello <script>alert(1)</script>\n\n<img src=x onerror=\"alert(2)\">\n\n<a href=\"javascript:alert(3)\">x</a>");
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("onerror"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(html.contains("Hello"));
}

#[test]
fn style_iframe_and_form_elements_are_removed() {
    let html = render("<style>body{display:none}</style><iframe src=\"https://evil.example\"></iframe><form action=\"/x\"><input name=a></form>");
    for forbidden in ["<style", "<iframe", "<form", "<input"] {
        assert!(!html.contains(forbidden), "{forbidden} in {html}");
    }
}

#[test]
fn headings_get_unique_anchors() {
    let html = render("## Strong passwords\n\n## Strong passwords\n\n### Что делать?");
    assert!(html.contains(r#"<h2 id="strong-passwords">"#), "{html}");
    assert!(html.contains(r#"<h2 id="strong-passwords-2">"#), "{html}");
    assert!(html.contains(r#"<h3 id="что-делать">"#), "{html}");
}

#[test]
fn tables_and_footnotes_render() {
    let html = render(
        "| a | b |\n|---|--:|\n| 1 | 2 |\n\nA fact.[^src]\n\n[^src]: UN E-Government Survey 2024.",
    );
    assert!(html.contains("<table>"), "{html}");
    assert!(
        html.contains("<td style=\"text-align:right\">2</td>"),
        "{html}"
    );
    assert!(html.contains("footnote-reference"), "{html}");
    assert!(html.contains("UN E-Government Survey 2024."), "{html}");
}

#[test]
fn callouts_become_labelled_asides_in_the_lesson_language() {
    let html = render(
        "> [!WARNING]\n> Never share a one-time code.\n\n> [!EXAMPLE]\n> Dilnoza gets a call.",
    );
    assert!(
        html.contains(
            r#"<aside class="callout callout-warning"><p class="callout-title">Warning</p>"#
        ),
        "{html}"
    );
    assert!(
        html.contains(
            r#"<aside class="callout callout-example"><p class="callout-title">Example</p>"#
        ),
        "{html}"
    );
    assert!(html.contains("Dilnoza gets a call."));
    assert!(!html.contains("[!EXAMPLE]"));
    assert!(!html.contains("<blockquote"), "{html}");

    let context = RenderContext {
        language: Language::Ru,
        asset_base: "",
    };
    let (russian, _) = render_markdown(Path::new("x.ru.md"), "> [!TIP]\n> Совет дня.", 1, &context);
    assert!(russian.html.contains(">Совет</p>"), "{}", russian.html);
}

#[test]
fn ordinary_block_quotes_stay_block_quotes() {
    let html = render("> A citizen said this.");
    assert!(html.contains("<blockquote>"), "{html}");
}

#[test]
fn asset_links_point_at_the_served_folder() {
    let html = render("![A chart of visits](assets/visits.svg) [Data](assets/visits.csv) [Portal](https://my.gov.uz)");
    assert!(
        html.contains(r#"src="/course-assets/demo/visits.svg""#),
        "{html}"
    );
    assert!(
        html.contains(r#"href="/course-assets/demo/visits.csv""#),
        "{html}"
    );
    assert!(html.contains(r#"href="https://my.gov.uz""#), "{html}");
}

#[test]
fn question_blocks_are_collected_and_never_rendered() {
    let markdown = "Intro.\n\n```question\nid: q1\ntype: single\nWhich?\n- [x] The right one\n- [ ] Another\n> Because.\n```\n\nAfter.";
    let context = RenderContext {
        language: Language::En,
        asset_base: "",
    };
    let (rendered, problems) = render_markdown(Path::new("l.md"), markdown, 10, &context);
    assert!(problems.is_empty());
    assert!(
        !rendered.html.contains("The right one"),
        "{}",
        rendered.html
    );
    assert!(rendered.html.contains("After."));
    assert_eq!(rendered.questions.len(), 1);
    assert_eq!(
        rendered.questions[0].0, 13,
        "the question's first line in the file"
    );
    assert!(rendered.questions[0].1.starts_with("id: q1\n"));
}

#[test]
fn an_image_without_alt_text_is_reported_at_its_line() {
    let (_, problems) = render_with_problems("First paragraph.\n\n![](assets/chart.svg)");
    assert_eq!(
        problems,
        vec!["lesson.md:7:1: an image needs alt text: ![what the image shows](path)"]
    );
}

#[test]
fn a_top_level_heading_is_reported_at_its_line() {
    let (_, problems) = render_with_problems("Text\n\n# Title again");
    assert_eq!(problems, vec!["lesson.md:7:1: use `##` for headings: `#` is the lesson title, given in the front matter"]);
}

//! Hostile input, generated: lesson Markdown mixing ordinary text with every trick we know for
//! getting script into a page (tags, event handlers, `javascript:` and its entity-encoded and
//! whitespace-broken spellings, SVG and MathML, CSS `url()`), and SVG diagrams carrying the
//! same. The rendered lesson is parsed with a real HTML parser and must contain nothing that
//! runs; every hostile SVG is refused and every plain drawing passes.

use malaka_courses::svg::check_svg;
use malaka_courses::{render_markdown, Language, RenderContext};
use proptest::prelude::*;
use scraper::{Html, Selector};
use std::path::Path;

const HOSTILE_HTML: &[&str] = &[
    "<script>alert(1)</script>",
    "<ScRiPt src=//evil.example/x.js></ScRiPt>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"x\" OnError = \"alert(1)\">",
    "<a href=\"javascript:alert(1)\">a</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">a</a>",
    "<a href=\"&#106;avascript:alert(1)\">a</a>",
    "<a href=\"&#x6A;&#x61;vascript:alert(1)\">a</a>",
    "<a href=\"java&#x09;script:alert(1)\">a</a>",
    "<a href=\" \tjavascript:alert(1)\">a</a>",
    "<a href=\"vbscript:msgbox(1)\">a</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">a</a>",
    "[link](javascript:alert(1))",
    "[link](&#106;avascript:alert(1))",
    "![img](javascript:alert(1))",
    "<svg onload=alert(1)><use href=\"https://evil.example/x.svg#a\"/></svg>",
    "<svg><foreignObject><iframe src=//evil.example></iframe></foreignObject></svg>",
    "<math><mtext><script>alert(1)</script></mtext></math>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><button>go</button></form>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<p style=\"behavior:url(x.htc)\">x</p>",
    "<style>@import 'https://evil.example/x.css';</style>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<details open ontoggle=alert(1)>x</details>",
    "<body onload=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<!--<img src=x onerror=alert(1)>-->",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
];

const PLAIN_MARKDOWN: &[&str] = &[
    "Hello, **officer**.",
    "# Heading",
    "- item one\n- item two",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "> a quote",
    "[the portal](https://my.gov.uz)",
    "Oʻzbekiston, Тошкент, 2,5 %",
    "",
];

fn render(markdown: &str) -> String {
    let context = RenderContext {
        language: Language::En,
        asset_base: "/course-assets/demo",
    };
    render_markdown(Path::new("lesson.md"), markdown, 1, &context)
        .0
        .html
}

/// Everything in `html` that would run or load code, as a parser (not a regex) sees it.
fn executable_content(html: &str) -> Vec<String> {
    let document = Html::parse_fragment(html);
    let everything = Selector::parse("*").unwrap();
    let mut found = Vec::new();
    for element in document.select(&everything) {
        let tag = element.value().name().to_ascii_lowercase();
        if [
            "script", "iframe", "object", "embed", "form", "style", "svg", "math", "meta", "base",
            "link", "frame", "frameset", "applet", "noscript", "template", "button", "input",
        ]
        .contains(&tag.as_str())
        {
            found.push(format!("<{tag}>"));
        }
        for (name, value) in element.value().attrs() {
            let name = name.to_ascii_lowercase();
            // What a browser would make of the URL: control characters and spaces dropped.
            let url: String = value
                .chars()
                .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            let is_url = [
                "href",
                "src",
                "action",
                "formaction",
                "data",
                "poster",
                "srcdoc",
            ]
            .contains(&name.as_str());
            if name.starts_with("on")
                || name == "style"
                || name == "srcdoc"
                || (is_url
                    && (url.starts_with("javascript:")
                        || url.starts_with("vbscript:")
                        || url.starts_with("data:")))
            {
                found.push(format!("{tag} {name}={value}"));
            }
        }
    }
    found
}

fn lesson() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(HOSTILE_HTML),
        2 => proptest::sample::select(PLAIN_MARKDOWN),
    ];
    proptest::collection::vec(piece, 1..8).prop_map(|pieces| pieces.join("\n\n"))
}

const HOSTILE_SVG: &[&str] = &[
    "<script>alert(1)</script>",
    "<rect onload=\"alert(1)\" width=\"1\" height=\"1\"/>",
    "<a href=\"javascript:alert(1)\"><text>x</text></a>",
    "<a xlink:href=\"&#106;avascript:alert(1)\"><text>x</text></a>",
    "<use href=\"https://evil.example/x.svg#a\"/>",
    "<image href=\"https://tracker.example/p.png\"/>",
    "<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">x</div></foreignObject>",
    "<set attributeName=\"href\" to=\"javascript:alert(1)\"/>",
    "<rect style=\"fill:url(https://tracker.example/x)\"/>",
    "<style>rect { fill: url('https://tracker.example/x') }</style>",
];

const PLAIN_SVG: &[&str] = &[
    "<rect x=\"1\" y=\"1\" width=\"5\" height=\"5\" fill=\"#1d4ed8\"/>",
    "<text x=\"2\" y=\"8\" font-size=\"14\">Murojaat &amp; javob</text>",
    "<path d=\"M0 0 L5 5\" stroke=\"#333\" marker-end=\"url(#arrow)\"/>",
    "<g><circle cx=\"3\" cy=\"3\" r=\"2\"/></g>",
    "<use href=\"#arrow\"/>",
];

fn drawing(pieces: &[&str]) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\"><defs><marker id=\"arrow\"><path d=\"M0 0\"/></marker></defs>{}</svg>",
        pieces.concat()
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn rendered_lessons_contain_nothing_that_runs(markdown in lesson()) {
        let html = render(&markdown);
        let found = executable_content(&html);
        prop_assert!(found.is_empty(), "{found:?}\nfrom {markdown:?}\ngave {html}");
    }

    #[test]
    fn an_svg_with_any_hostile_part_is_refused(
        before in proptest::collection::vec(proptest::sample::select(PLAIN_SVG), 0..4),
        hostile in proptest::sample::select(HOSTILE_SVG),
        after in proptest::collection::vec(proptest::sample::select(PLAIN_SVG), 0..4),
    ) {
        let mut pieces = before;
        pieces.push(hostile);
        pieces.extend(after);
        prop_assert!(check_svg(&drawing(&pieces)).is_err(), "accepted {hostile}");
    }

    #[test]
    fn plain_drawings_pass(pieces in proptest::collection::vec(proptest::sample::select(PLAIN_SVG), 0..8)) {
        let svg = drawing(&pieces);
        prop_assert_eq!(check_svg(&svg), Ok(()), "{}", svg);
    }
}

/// The detector itself sees what it must: run on the raw hostile HTML (not rendered), it finds
/// executable content in nearly every piece, so an empty finding above means sanitised.
#[test]
fn the_detector_finds_the_raw_attacks() {
    let flagged = HOSTILE_HTML
        .iter()
        .filter(|raw| !executable_content(raw).is_empty())
        .count();
    // Markdown links, code spans and the comment are only hostile once rendered naively.
    assert!(
        flagged >= HOSTILE_HTML.len() - 6,
        "{flagged} of {}",
        HOSTILE_HTML.len()
    );
}

//! Course diagrams are SVG, which can carry scripts: a `<script>`, an `onload=`, a
//! `javascript:` link (also spelled with character references, which an XML parser decodes),
//! a `<foreignObject>` with HTML inside, a `<use>` or CSS `url()` that fetches another
//! document. The file is parsed as XML (no DTD, so no entity tricks) and refused if any
//! element, attribute or style could run code or reach outside the file. What remains is a
//! drawing: shapes, text, gradients and references to its own `#ids`.

use roxmltree::{Document, Node, ParsingOptions};

/// Why an SVG was refused, for the trainer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SvgRefusal {
    #[error("it is not well-formed SVG: {0}")]
    NotSvg(String),
    #[error("it holds <{0}>, which can run code or embed another document")]
    ActiveElement(String),
    #[error("its `{0}` attribute is an event handler")]
    EventHandler(String),
    #[error("it links to `{0}`: only references to its own #ids are allowed")]
    OutsideReference(String),
    #[error("its styles load `{0}`: only url(#id) is allowed")]
    StyleReference(String),
}

const ACTIVE_ELEMENTS: [&str; 7] = [
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "handler",
    "listener",
];

pub fn check_svg(text: &str) -> Result<(), SvgRefusal> {
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(text, options)
        .map_err(|e| SvgRefusal::NotSvg(e.to_string()))?;
    if !document
        .root_element()
        .tag_name()
        .name()
        .eq_ignore_ascii_case("svg")
    {
        return Err(SvgRefusal::NotSvg("the root element is not <svg>".into()));
    }
    document
        .descendants()
        .filter(Node::is_element)
        .try_for_each(check_element)
}

fn check_element(node: Node<'_, '_>) -> Result<(), SvgRefusal> {
    let tag = node.tag_name().name().to_ascii_lowercase();
    if ACTIVE_ELEMENTS.contains(&tag.as_str()) {
        return Err(SvgRefusal::ActiveElement(tag));
    }
    if tag == "style" {
        let css: String = node.descendants().filter_map(|n| n.text()).collect();
        check_style(&css)?;
    }
    for attribute in node.attributes() {
        let name = attribute.name().to_ascii_lowercase();
        let value = attribute.value();
        if name.starts_with("on") {
            return Err(SvgRefusal::EventHandler(name));
        }
        // `href` and `xlink:href` alike; animations can set one too (`attributeName="href"`).
        let sets_href =
            name == "attributename" && value.trim().to_ascii_lowercase().ends_with("href");
        if sets_href {
            return Err(SvgRefusal::ActiveElement(format!("{tag} of href")));
        }
        if name == "href" && !value.trim_start().starts_with('#') {
            return Err(SvgRefusal::OutsideReference(value.to_owned()));
        }
        // Any attribute may hold a CSS value with `url()` (fill, stroke, filter, marker-end…).
        check_style(value)?;
    }
    Ok(())
}

/// A style or presentation attribute may refer to the file's own `#ids` only.
fn check_style(value: &str) -> Result<(), SvgRefusal> {
    let lower: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\\')
        .collect::<String>()
        .to_ascii_lowercase();
    if lower.contains("@import") || lower.contains("expression(") {
        return Err(SvgRefusal::StyleReference(value.to_owned()));
    }
    for (at, _) in lower.match_indices("url(") {
        let target = lower[at + 4..].trim_start_matches(['"', '\'']);
        if !target.starts_with('#') {
            return Err(SvgRefusal::StyleReference(value.to_owned()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(body: &str) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{body}</svg>"#
        )
    }

    #[test]
    fn a_drawing_with_its_own_references_passes() {
        let drawing = svg(
            r##"<defs><linearGradient id="g"><stop offset="0"/></linearGradient><path id="p" d="M0 0"/></defs><rect fill="url(#g)" width="5" height="5"/><use href="#p"/><text x="1" y="5">Oʻzbekiston &amp; 2,5 %</text>"##,
        );
        assert_eq!(check_svg(&drawing), Ok(()));
    }

    #[test]
    fn scripts_in_every_spelling_are_refused() {
        for hostile in [
            "<script>alert(1)</script>",
            "<SCRIPT>alert(1)</SCRIPT>",
            r#"<rect onload="alert(1)"/>"#,
            r#"<rect OnClick="alert(1)"/>"#,
            r#"<a href="javascript:alert(1)"><text>x</text></a>"#,
            r#"<a xlink:href="&#106;avascript:alert(1)"><text>x</text></a>"#,
            r#"<a href="&#x6A;ava&#x09;script:alert(1)"><text>x</text></a>"#,
            r#"<use href="https://evil.example/sprite.svg#x"/>"#,
            r#"<use xlink:href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>"#,
            r#"<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>"#,
            r#"<set attributeName="href" to="javascript:alert(1)"/>"#,
            r#"<animate attributeName="xlink:href" values="javascript:alert(1)"/>"#,
            r#"<rect style="fill: url( 'https://tracker.example/p.png' )"/>"#,
            r#"<rect fill="url(https://tracker.example/p.png)"/>"#,
            "<style>@import url(https://evil.example/x.css);</style>",
            r#"<image href="https://tracker.example/pixel.png"/>"#,
        ] {
            assert!(check_svg(&svg(hostile)).is_err(), "accepted: {hostile}");
        }
    }

    #[test]
    fn entity_tricks_and_other_documents_are_refused() {
        let billion_laughs = r#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>"#;
        assert!(check_svg(billion_laughs).is_err());
        assert!(check_svg("<html><body>not a drawing</body></html>").is_err());
        assert!(check_svg("<svg").is_err());
    }
}

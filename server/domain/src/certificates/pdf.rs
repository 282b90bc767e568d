//! The certificate as a one-page A4 landscape PDF, in the learner's language, with the fonts
//! embedded (subset to the glyphs used), the verification QR code drawn as vector squares, and
//! the short code to type at `/verify`.

use printpdf::{
    Color, FontId, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};
use std::sync::OnceLock;

use crate::entities::certificate;
use malaka_shared::i18n::{t, t_with, Locale};

/// DejaVu Serif covers Uzbek Latin (with Oʻ and gʻ), Russian and English; its licence is beside
/// the files.
const REGULAR_TTF: &[u8] = include_bytes!("fonts/DejaVuSerif.ttf");
const BOLD_TTF: &[u8] = include_bytes!("fonts/DejaVuSerif-Bold.ttf");

const PAGE_WIDTH: f32 = 297.0;
const PAGE_HEIGHT: f32 = 210.0;
const TEXT_WIDTH: f32 = 230.0;
const INK: (f32, f32, f32) = (0.13, 0.16, 0.22);
const ACCENT: (f32, f32, f32) = (0.05, 0.33, 0.40);
const MUTED: (f32, f32, f32) = (0.33, 0.36, 0.42);

struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

/// Parsing a font takes milliseconds: do it once per process.
fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts {
        regular: ParsedFont::from_bytes(REGULAR_TTF, 0, &mut Vec::new())
            .expect("the bundled regular font parses"),
        bold: ParsedFont::from_bytes(BOLD_TTF, 0, &mut Vec::new())
            .expect("the bundled bold font parses"),
    })
}

/// The public page that says whether the certificate with `code` is genuine.
pub fn verify_url(site_url: &str, code: &str) -> String {
    format!("{site_url}/verify/{code}")
}

/// Everything the page shows that is not in the record itself.
pub struct PdfContext<'a> {
    /// The address printed and encoded in the QR code: `<site>/verify/<code>`.
    pub verify_url: &'a str,
}

pub fn render(record: &certificate::Model, context: &PdfContext) -> Vec<u8> {
    let locale = Locale::from_code(&record.language).unwrap_or_default();
    let fonts = fonts();
    let mut doc = PdfDocument::new(&format!(
        "{} — {}",
        t(locale, "certificate-pdf-title"),
        record.course_title
    ));
    doc.metadata.info.author = "Malaka".into();
    doc.metadata.info.creator = "Malaka".into();
    doc.metadata.info.subject = record.code.clone();
    let regular = doc.add_font(&fonts.regular);
    let bold = doc.add_font(&fonts.bold);
    let mut page = Page {
        ops: Vec::new(),
        fonts,
        regular,
        bold,
    };

    page.frame();
    page.centred(
        &t(locale, "certificate-pdf-brand"),
        172.0,
        11.0,
        Weight::Bold,
        ACCENT,
    );
    page.centred(
        &t(locale, "certificate-pdf-title"),
        155.0,
        34.0,
        Weight::Bold,
        INK,
    );
    page.centred(
        &t(locale, "certificate-pdf-certifies"),
        138.0,
        13.0,
        Weight::Regular,
        MUTED,
    );
    page.centred(&record.learner_name, 122.0, 28.0, Weight::Bold, ACCENT);
    page.rule(115.0);
    page.centred(
        &t(locale, "certificate-pdf-completed"),
        106.0,
        13.0,
        Weight::Regular,
        MUTED,
    );
    page.centred(&record.course_title, 93.0, 20.0, Weight::Bold, INK);
    let mut details = vec![t_with(
        locale,
        "certificate-pdf-version",
        &[("version", record.course_version.into())],
    )];
    if let Some(score) = record.score_percent {
        details.insert(
            0,
            t_with(locale, "certificate-pdf-score", &[("score", score.into())]),
        );
    }
    page.centred(&details.join("  ·  "), 83.0, 12.0, Weight::Regular, MUTED);

    let issued = record.issued_at.format("%Y-%m-%d").to_string();
    let valid_until = match record.expires_at {
        Some(expires) => t_with(
            locale,
            "certificate-pdf-valid-until",
            &[("date", expires.format("%Y-%m-%d").to_string().into())],
        ),
        None => t(locale, "certificate-pdf-no-expiry"),
    };
    let issued_line = t_with(locale, "certificate-pdf-issued", &[("date", issued.into())]);
    page.text(&issued_line, 30.0, 52.0, 12.0, Weight::Regular, INK);
    page.text(&valid_until, 30.0, 45.0, 12.0, Weight::Regular, INK);
    let code_line = t_with(
        locale,
        "certificate-pdf-code",
        &[("code", record.code.clone().into())],
    );
    page.text(&code_line, 30.0, 35.0, 14.0, Weight::Bold, ACCENT);
    let verify_line = t_with(
        locale,
        "certificate-pdf-verify",
        &[("url", context.verify_url.to_owned().into())],
    );
    page.text(&verify_line, 30.0, 27.0, 9.0, Weight::Regular, MUTED);
    page.qr_code(context.verify_url, 232.0, 24.0, 40.0);

    doc.with_pages(vec![PdfPage::new(
        Mm(PAGE_WIDTH),
        Mm(PAGE_HEIGHT),
        page.ops,
    )]);
    doc.save(&PdfSaveOptions::default(), &mut Vec::new())
}

#[derive(Clone, Copy)]
enum Weight {
    Regular,
    Bold,
}

struct Page {
    ops: Vec<Op>,
    fonts: &'static Fonts,
    regular: FontId,
    bold: FontId,
}

fn colour((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

fn rectangle(x: f32, y: f32, width: f32, height: f32) -> PolygonRing {
    let corner = |x: f32, y: f32| LinePoint {
        p: Point::new(Mm(x), Mm(y)),
        bezier: false,
    };
    PolygonRing {
        points: vec![
            corner(x, y),
            corner(x + width, y),
            corner(x + width, y + height),
            corner(x, y + height),
        ],
    }
}

fn mm_to_pt(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}

impl Page {
    /// The width of `text` in millimetres at `size` points, from the font's advance widths.
    fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        let font = match weight {
            Weight::Regular => &self.fonts.regular,
            Weight::Bold => &self.fonts.bold,
        };
        let units = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        let advance: u32 = text
            .chars()
            .map(|c| {
                font.lookup_glyph_index(u32::from(c))
                    .map_or(0, |glyph| u32::from(font.get_horizontal_advance(glyph)))
            })
            .sum();
        advance as f32 / units * size * 25.4 / 72.0
    }

    fn text(
        &mut self,
        text: &str,
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        ink: (f32, f32, f32),
    ) {
        let font = match weight {
            Weight::Regular => self.regular.clone(),
            Weight::Bold => self.bold.clone(),
        };
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFillColor { col: colour(ink) },
            Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point::new(Mm(x), Mm(y)),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_owned())],
            },
            Op::EndTextSection,
        ]);
    }

    /// Centred on the page; long text (a course title, a long name) is set smaller to fit.
    fn centred(&mut self, text: &str, y: f32, size: f32, weight: Weight, ink: (f32, f32, f32)) {
        let mut size = size;
        while size > 8.0 && self.width(text, size, weight) > TEXT_WIDTH {
            size -= 0.5;
        }
        let x = (PAGE_WIDTH - self.width(text, size, weight)) / 2.0;
        self.text(text, x, y, size, weight, ink);
    }

    fn fill(&mut self, rings: Vec<PolygonRing>, ink: (f32, f32, f32)) {
        self.ops.push(Op::SetFillColor { col: colour(ink) });
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings,
                mode: printpdf::PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    fn outline(&mut self, inset: f32, thickness_mm: f32, ink: (f32, f32, f32)) {
        let ring = rectangle(
            inset,
            inset,
            PAGE_WIDTH - 2.0 * inset,
            PAGE_HEIGHT - 2.0 * inset,
        );
        self.ops.push(Op::SetOutlineColor { col: colour(ink) });
        self.ops.push(Op::SetOutlineThickness {
            pt: Pt(mm_to_pt(thickness_mm)),
        });
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![ring],
                mode: printpdf::PaintMode::Stroke,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    /// A double border, as printed certificates have.
    fn frame(&mut self) {
        self.outline(8.0, 1.6, ACCENT);
        self.outline(11.5, 0.35, ACCENT);
    }

    fn rule(&mut self, y: f32) {
        let ring = rectangle(PAGE_WIDTH / 2.0 - 40.0, y, 80.0, 0.4);
        self.fill(vec![ring], ACCENT);
    }

    /// The QR code of `url`, `size` millimetres wide, lower-left corner at (`x`, `y`).
    fn qr_code(&mut self, url: &str, x: f32, y: f32, size: f32) {
        let Ok(code) = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M) else {
            return;
        };
        let width = code.width();
        // Four modules of quiet zone around the symbol, as scanners expect.
        let module = size / (width + 8) as f32;
        let colours = code.to_colors();
        let mut rings = Vec::new();
        for (index, colour) in colours.iter().enumerate() {
            if *colour == qrcode::Color::Dark {
                let (column, row) = (index % width, index / width);
                let left = x + (column + 4) as f32 * module;
                let top = y + size - (row + 4) as f32 * module;
                rings.push(rectangle(left, top - module, module, module));
            }
        }
        self.fill(rings, (0.0, 0.0, 0.0));
    }
}

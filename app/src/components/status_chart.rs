use leptos::prelude::*;

use crate::i18n::{t_with, tr, use_locale};
use malaka_shared::reports::GroupCounts;

/// Statuses in the order they are stacked, with their colours: each at least 3:1 against the
/// white page and told apart by the legend's words too, never by colour alone.
const SEGMENTS: [(&str, &str); 4] = [
    ("completed", "#166534"),
    ("in_progress", "#0b5cad"),
    ("not_started", "#6b7280"),
    ("overdue", "#a61b1b"),
];

const WIDTH: f64 = 640.0;
const LABEL: f64 = 200.0;
const BAR: f64 = 360.0;
const ROW: f64 = 28.0;

fn share(part: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        part as f64 / total as f64
    }
}

/// A server-rendered SVG with one 100% stacked bar per group, so units of any size compare by
/// share; the table beside it carries the same numbers for screen readers and printing.
#[component]
/// `table` is the id of the table with the same numbers, which the caption links to: the text
/// alternative for anyone who cannot see the bars.
pub fn StatusChart(
    id: &'static str,
    title: String,
    groups: Vec<GroupCounts>,
    table: &'static str,
) -> impl IntoView {
    let locale = use_locale();
    let height = ROW * groups.len() as f64 + 8.0;
    let (title_id, labelled_by) = (format!("{id}-title"), format!("{id}-title"));
    let rows = groups
        .into_iter()
        .enumerate()
        .map(|(index, group)| {
            let y = 4.0 + ROW * index as f64;
            let parts = [group.completed, group.in_progress, group.not_started, group.overdue];
            let mut x = LABEL;
            let bars = SEGMENTS
                .iter()
                .zip(parts)
                .map(|((_, colour), part)| {
                    let width = BAR * share(part, group.total);
                    let rect = view! {
                        <rect x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{width:.1}") height="20" fill=*colour />
                    };
                    x += width;
                    rect
                })
                .collect_view();
            let label: String = group.label.chars().take(28).collect();
            view! {
                <g>
                    <text x="0" y=format!("{:.1}", y + 15.0) font-size="13">{label}</text>
                    {bars}
                    <text x=format!("{:.1}", LABEL + BAR + 8.0) y=format!("{:.1}", y + 15.0) font-size="13">
                        {t_with(locale, "report-chart-done", &[("percent", group.completion_percent().into()), ("total", group.total.into())])}
                    </text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-labelledby=labelled_by width="100%">
                <title id=title_id>{title}</title>
                {rows}
            </svg>
            <figcaption>
                <ul class="legend">
                    // Classes, not inline styles: the Content-Security-Policy refuses those.
                    {SEGMENTS.iter().map(|(status, _)| view! {
                        <li><span class=format!("swatch swatch-{status}")></span>{tr(&format!("report-status-{status}"))}</li>
                    }).collect_view()}
                </ul>
                <a href=format!("#{table}")>{tr("report-chart-as-table")}</a>
            </figcaption>
        </figure>
    }
}

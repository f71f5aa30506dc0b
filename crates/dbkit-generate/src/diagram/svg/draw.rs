//! Writes the SVG document: styles, relationship lines with crow's-foot ends, table boxes.

use std::fmt::Write;

use dbkit_model::{Schema, TableKind};

use super::layout::{Grid, HEADER_HEIGHT, PADDING, ROW_HEIGHT};
use super::route::{Edge, Point, Routes};
use super::text::{FONT_SIZE, HEADER_FONT_SIZE, escape, number};
use crate::diagram::relationships::End;

const STYLE: &str = "
    .box { fill: #ffffff; stroke: #2b4c7e; stroke-width: 1.2; }
    .header { fill: #2b4c7e; }
    .junction .header { fill: #5a6b86; }
    .box-name { fill: #ffffff; font-weight: bold; font-size: 13px; }
    .keys { fill: #b7791f; font-weight: bold; }
    .name { fill: #1a202c; }
    .type { fill: #718096; }
    .stripe { fill: #f4f6fa; }
    .line { fill: none; stroke: #4a5568; stroke-width: 1.3; }
    .dashed { stroke-dasharray: 6 4; }
    .end { fill: none; stroke: #4a5568; stroke-width: 1.3; }
    .end-circle { fill: #ffffff; stroke: #4a5568; stroke-width: 1.3; }
";

/// The whole document.
pub(super) fn draw(schema: &Schema, grid: &Grid, routes: &Routes) -> String {
    let mut out = String::new();
    let (width, height) = (number(routes.width), number(routes.height));
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace\" font-size=\"{}\">",
        number(FONT_SIZE)
    );
    let _ = writeln!(
        out,
        "  <title>{}: entity-relationship diagram</title>",
        escape(&schema.project.name)
    );
    let _ = writeln!(out, "  <style>{STYLE}  </style>");
    let _ = writeln!(
        out,
        "  <rect class=\"background\" width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
    );
    out.push_str("  <g class=\"relationships\">\n");
    for edge in &routes.edges {
        draw_edge(&mut out, edge);
    }
    out.push_str("  </g>\n  <g class=\"tables\">\n");
    for ((table, table_box), (x, y)) in schema.tables.iter().zip(&grid.boxes).zip(&routes.positions)
    {
        let class = if matches!(table.kind, TableKind::Junction { .. }) {
            "table junction"
        } else {
            "table"
        };
        let _ = writeln!(
            out,
            "    <g class=\"{class}\" data-table=\"{}\">",
            escape(&table.name)
        );
        let comment = table
            .comment
            .as_deref()
            .map(|comment| format!(": {comment}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "      <title>{}{}</title>",
            escape(&table.name),
            escape(&comment)
        );
        let (x, y, w, h) = (*x, *y, table_box.width, table_box.height);
        let _ = writeln!(
            out,
            "      <rect class=\"box\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\"/>",
            number(x),
            number(y),
            number(w),
            number(h)
        );
        let _ = writeln!(
            out,
            "      <path class=\"header\" d=\"M{} {}h{}v{}h{}z\"/>",
            number(x + 0.6),
            number(y + 0.6),
            number(w - 1.2),
            number(HEADER_HEIGHT - 0.6),
            number(-(w - 1.2))
        );
        let _ = writeln!(
            out,
            "      <text class=\"box-name\" x=\"{}\" y=\"{}\" font-size=\"{}\">{}</text>",
            number(x + PADDING),
            number(y + HEADER_HEIGHT / 2.0 + HEADER_FONT_SIZE * 0.35),
            number(HEADER_FONT_SIZE),
            escape(&table.name)
        );
        for (index, row) in table_box.rows.iter().enumerate() {
            let row_top = y + HEADER_HEIGHT + ROW_HEIGHT * index as f64;
            if index % 2 == 1 {
                let _ = writeln!(
                    out,
                    "      <rect class=\"stripe\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                    number(x + 0.6),
                    number(row_top),
                    number(w - 1.2),
                    number(ROW_HEIGHT)
                );
            }
            let baseline = number(row_top + ROW_HEIGHT / 2.0 + FONT_SIZE * 0.35);
            if !row.keys.is_empty() {
                let _ = writeln!(
                    out,
                    "      <text class=\"keys\" x=\"{}\" y=\"{baseline}\">{}</text>",
                    number(x + PADDING),
                    escape(&row.keys)
                );
            }
            let _ = writeln!(
                out,
                "      <text class=\"name\" x=\"{}\" y=\"{baseline}\">{}</text>",
                number(x + table_box.name_x),
                escape(&row.name)
            );
            let _ = writeln!(
                out,
                "      <text class=\"type\" x=\"{}\" y=\"{baseline}\">{}</text>",
                number(x + table_box.type_x),
                escape(&row.type_text)
            );
        }
        out.push_str("    </g>\n");
    }
    out.push_str("  </g>\n</svg>\n");
    out
}

fn draw_edge(out: &mut String, edge: &Edge) {
    let _ = writeln!(
        out,
        "    <g class=\"relationship\" data-from=\"{}\" data-to=\"{}\">",
        escape(&edge.child),
        escape(&edge.parent)
    );
    let _ = writeln!(
        out,
        "      <title>{}.{} references {}</title>",
        escape(&edge.child),
        escape(&edge.columns.join(", ")),
        escape(&edge.parent)
    );
    let path: Vec<String> = edge
        .points
        .iter()
        .enumerate()
        .map(|(index, (x, y))| {
            format!(
                "{}{} {}",
                if index == 0 { "M" } else { "L" },
                number(*x),
                number(*y)
            )
        })
        .collect();
    let class = if edge.identifying {
        "line"
    } else {
        "line dashed"
    };
    let _ = writeln!(
        out,
        "      <path class=\"{class}\" d=\"{}\"/>",
        path.join(" ")
    );
    if let [first, second, ..] = edge.points.as_slice() {
        draw_end(out, *first, *second, edge.child_end);
    }
    if let [.., before, last] = edge.points.as_slice() {
        draw_end(out, *last, *before, edge.parent_end);
    }
    out.push_str("    </g>\n");
}

/// Draws a crow's-foot end at `at` (on a box's side), the line leaving towards `toward`.
fn draw_end(out: &mut String, at: Point, toward: Point, end: End) {
    let length = ((toward.0 - at.0).powi(2) + (toward.1 - at.1).powi(2))
        .sqrt()
        .max(0.001);
    let outward = ((toward.0 - at.0) / length, (toward.1 - at.1) / length);
    let across = (-outward.1, outward.0);
    let along = |distance: f64, side: f64| {
        (
            at.0 + outward.0 * distance + across.0 * side,
            at.1 + outward.1 * distance + across.1 * side,
        )
    };
    let line = |out: &mut String, a: Point, b: Point| {
        let _ = writeln!(
            out,
            "      <path class=\"end\" d=\"M{} {} L{} {}\"/>",
            number(a.0),
            number(a.1),
            number(b.0),
            number(b.1)
        );
    };
    let circle = |out: &mut String, center: Point| {
        let _ = writeln!(
            out,
            "      <circle class=\"end-circle\" cx=\"{}\" cy=\"{}\" r=\"4\"/>",
            number(center.0),
            number(center.1)
        );
    };
    match end {
        End::ExactlyOne => {
            line(out, along(7.0, -6.0), along(7.0, 6.0));
            line(out, along(12.0, -6.0), along(12.0, 6.0));
        }
        End::ZeroOrOne => {
            line(out, along(7.0, -6.0), along(7.0, 6.0));
            circle(out, along(16.0, 0.0));
        }
        End::ZeroOrMany => {
            line(out, along(0.0, -7.0), along(11.0, 0.0));
            line(out, along(0.0, 7.0), along(11.0, 0.0));
            circle(out, along(16.0, 0.0));
        }
    }
}

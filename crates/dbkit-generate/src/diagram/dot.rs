//! The schema as a Graphviz DOT graph (for `dot -Tsvg` or `dot -Tpng`).

use std::fmt::Write;

use dbkit_model::Schema;

use super::relationships::{End, relationships};

/// Writes the schema as a DOT digraph: each table an HTML-like table node (a header, then one
/// row per column with its key marks and type, each row a port), each foreign key an edge from
/// the referencing column to the referenced table with crow's-foot arrow shapes at both ends.
pub fn render_dot(schema: &Schema) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quoted(&schema.project.name));
    out.push_str("    graph [rankdir=RL, nodesep=0.5, ranksep=1.0, fontname=\"Helvetica\"];\n");
    out.push_str("    node [shape=plaintext, fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("    edge [dir=both, color=\"#4a5568\"];\n");
    for table in &schema.tables {
        let _ = writeln!(out, "    {} [label=<", quoted(&table.name));
        out.push_str(
            "        <table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n",
        );
        let _ = writeln!(
            out,
            "            <tr><td colspan=\"3\" bgcolor=\"#2b4c7e\"><font color=\"white\"><b>{}</b></font></td></tr>",
            html(&table.name)
        );
        for (index, column) in table.columns.iter().enumerate() {
            let mut keys = Vec::new();
            if table
                .primary_key
                .as_ref()
                .is_some_and(|key| key.columns.contains(&column.name))
            {
                keys.push("PK");
            }
            if table
                .foreign_keys
                .iter()
                .any(|key| key.columns.contains(&column.name))
            {
                keys.push("FK");
            }
            if table
                .unique_constraints
                .iter()
                .any(|unique| unique.columns == [column.name.clone()])
            {
                keys.push("UK");
            }
            let marker = if column.nullable { "?" } else { "" };
            let _ = writeln!(
                out,
                "            <tr><td align=\"left\">{}</td><td align=\"left\" port=\"c{index}\">{}</td><td align=\"left\"><font color=\"#718096\">{}{marker}</font></td></tr>",
                keys.join(" "),
                html(&column.name),
                html(&column.column_type.to_string())
            );
        }
        out.push_str("        </table>\n    >];\n");
    }
    for relationship in relationships(schema) {
        let head = match relationship.parent_end {
            End::ExactlyOne => "teetee",
            End::ZeroOrOne | End::ZeroOrMany => "teeodot",
        };
        let tail = match relationship.child_end {
            End::ZeroOrMany => "crowodot",
            End::ZeroOrOne | End::ExactlyOne => "teeodot",
        };
        let port = relationship
            .child
            .columns
            .iter()
            .position(|column| relationship.foreign_key.columns.first() == Some(&column.name))
            .map_or(String::new(), |index| format!(":c{index}"));
        let style = if relationship.identifying {
            "solid"
        } else {
            "dashed"
        };
        let _ = writeln!(
            out,
            "    {}{port} -> {} [arrowhead={head}, arrowtail={tail}, style={style}, tooltip={}];",
            quoted(&relationship.child.name),
            quoted(&relationship.parent.name),
            quoted(&format!(
                "{}.{} -> {}",
                relationship.child.name,
                relationship.foreign_key.columns.join(", "),
                relationship.parent.name
            ))
        );
    }
    out.push_str("}\n");
    out
}

/// A DOT double-quoted string.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Text escaped for a DOT HTML-like label.
fn html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

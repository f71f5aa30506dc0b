//! A self-contained SVG of the schema, laid out and drawn by dbkit itself.
//!
//! Tables are boxes (a header, then one row per column) placed in layers by dependency depth:
//! tables that reference nothing first, then the tables that reference them, and so on, each
//! layer ordered to keep related tables near each other and wrapped into rows of a few tables
//! so that a large schema stays readable. Foreign keys are drawn as orthogonal lines that run
//! only through the free channels between rows and the gutters between columns of boxes, so no
//! line crosses a box, each with crow's-foot ends. The output depends only on the schema: the
//! same schema always gives the same file.

mod draw;
mod lanes;
mod layout;
mod route;
mod text;

use dbkit_model::Schema;

/// Draws the schema as an SVG document.
pub fn render_svg(schema: &Schema) -> String {
    let layout = layout::lay_out(schema);
    let routes = route::route(schema, &layout);
    draw::draw(schema, &layout, &routes)
}

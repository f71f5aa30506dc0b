//! Places tables in layers by dependency depth, orders each layer, and wraps layers into rows
//! ("bands") of a few boxes on a grid of slots.

use dbkit_model::{Schema, Table, creation_order};

use super::text::{CHAR_WIDTH, HEADER_CHAR_WIDTH, width};

/// The height of a table's name bar.
pub(super) const HEADER_HEIGHT: f64 = 26.0;
/// The height of one column row.
pub(super) const ROW_HEIGHT: f64 = 18.0;
/// Space inside a box on the left and right.
pub(super) const PADDING: f64 = 8.0;
/// Space between the key marks, the name and the type of a row.
pub(super) const GAP: f64 = 10.0;
/// Space under the last row.
pub(super) const BOTTOM_PADDING: f64 = 6.0;

/// One column row of a box.
pub(super) struct Row {
    /// `PK`, `FK`, `UK` marks.
    pub(super) keys: String,
    /// The column name.
    pub(super) name: String,
    /// The type, with `?` when nullable.
    pub(super) type_text: String,
}

/// One table's box: its place on the grid and its size.
pub(super) struct TableBox {
    /// The band (row of boxes) it is in, from the top.
    pub(super) band: usize,
    /// The slot (column of the grid) it is in, from the left.
    pub(super) slot: usize,
    /// Width in pixels.
    pub(super) width: f64,
    /// Height in pixels.
    pub(super) height: f64,
    /// Offset of the name column from the box's left edge.
    pub(super) name_x: f64,
    /// Offset of the type column from the box's left edge.
    pub(super) type_x: f64,
    /// The rows, in column order.
    pub(super) rows: Vec<Row>,
}

impl TableBox {
    /// The vertical centre of row `index`, from the box's top.
    pub(super) fn row_center(&self, index: usize) -> f64 {
        HEADER_HEIGHT + ROW_HEIGHT * index as f64 + ROW_HEIGHT / 2.0
    }
}

/// Every box (in table order) on a grid of `bands` × `slots`.
pub(super) struct Grid {
    /// One box per table, in the schema's table order.
    pub(super) boxes: Vec<TableBox>,
    /// How many bands there are.
    pub(super) bands: usize,
    /// How many slots there are.
    pub(super) slots: usize,
    /// The width of each slot: its widest box.
    pub(super) slot_widths: Vec<f64>,
    /// The height of each band: its tallest box.
    pub(super) band_heights: Vec<f64>,
}

/// Lays out the schema's tables.
pub(super) fn lay_out(schema: &Schema) -> Grid {
    let layers = ordered_layers(schema);
    let count = schema.tables.len();
    let per_band = ((count as f64).sqrt().ceil() as usize + 1).max(3);
    let mut placement = vec![(0usize, 0usize); count];
    let mut bands = 0;
    let mut slots = 0;
    for layer in &layers {
        for chunk in layer.chunks(per_band) {
            slots = slots.max(chunk.len());
        }
    }
    for layer in &layers {
        for chunk in layer.chunks(per_band) {
            let offset = (slots - chunk.len()) / 2;
            for (position, table) in chunk.iter().enumerate() {
                placement[*table] = (bands, offset + position);
            }
            bands += 1;
        }
    }
    let boxes: Vec<TableBox> = schema
        .tables
        .iter()
        .zip(&placement)
        .map(|(table, (band, slot))| measure(table, *band, *slot))
        .collect();
    let mut slot_widths = vec![0.0_f64; slots];
    let mut band_heights = vec![0.0_f64; bands];
    for table_box in &boxes {
        slot_widths[table_box.slot] = slot_widths[table_box.slot].max(table_box.width);
        band_heights[table_box.band] = band_heights[table_box.band].max(table_box.height);
    }
    Grid {
        boxes,
        bands,
        slots,
        slot_widths,
        band_heights,
    }
}

/// The size and rows of one table's box.
fn measure(table: &Table, band: usize, slot: usize) -> TableBox {
    let rows: Vec<Row> = table
        .columns
        .iter()
        .map(|column| {
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
            Row {
                keys: keys.join(" "),
                name: column.name.clone(),
                type_text: format!(
                    "{}{}",
                    column.column_type,
                    if column.nullable { "?" } else { "" }
                ),
            }
        })
        .collect();
    let widest = |pick: fn(&Row) -> &str| {
        rows.iter()
            .map(|row| width(pick(row), CHAR_WIDTH))
            .fold(0.0, f64::max)
    };
    let keys_width = widest(|row| &row.keys);
    let names_width = widest(|row| &row.name);
    let types_width = widest(|row| &row.type_text);
    let name_x = PADDING
        + if keys_width > 0.0 {
            keys_width + GAP
        } else {
            0.0
        };
    let type_x = name_x + names_width + GAP;
    let content = type_x + types_width + PADDING;
    let header = width(&table.name, HEADER_CHAR_WIDTH) + 2.0 * PADDING;
    TableBox {
        band,
        slot,
        width: content.max(header).max(120.0).ceil(),
        height: HEADER_HEIGHT + ROW_HEIGHT * rows.len() as f64 + BOTTOM_PADDING,
        name_x,
        type_x,
        rows,
    }
}

/// The tables (by index) in layers by dependency depth, each layer ordered by the barycentre of
/// its neighbours in the layers above and below (two sweeps), ties kept in schema order.
fn ordered_layers(schema: &Schema) -> Vec<Vec<usize>> {
    let order = creation_order(schema);
    let count = schema.tables.len();
    let index_of = |name: &str| schema.tables.iter().position(|table| table.name == name);
    let mut parents: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (table_index, table) in schema.tables.iter().enumerate() {
        for (key_index, key) in table.foreign_keys.iter().enumerate() {
            if order.is_deferred(table_index, key_index) {
                continue;
            }
            if let Some(parent) = index_of(&key.referenced_table)
                && parent != table_index
                && !parents[table_index].contains(&parent)
            {
                parents[table_index].push(parent);
            }
        }
    }
    let mut depth = vec![0usize; count];
    for &table in &order.tables {
        depth[table] = parents[table]
            .iter()
            .map(|parent| depth[*parent] + 1)
            .max()
            .unwrap_or(0);
    }
    let layer_count = depth.iter().max().map_or(0, |deepest| deepest + 1);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for table in 0..count {
        layers[depth[table]].push(table);
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (child, list) in parents.iter().enumerate() {
        for parent in list {
            children[*parent].push(child);
        }
    }
    for _ in 0..2 {
        for index in 1..layers.len() {
            let (above, rest) = layers.split_at_mut(index);
            reorder(&mut rest[0], &parents, &above[..]);
        }
        for index in (0..layers.len().saturating_sub(1)).rev() {
            let (upper, below) = layers.split_at_mut(index + 1);
            reorder(&mut upper[index], &children, &below[..]);
        }
    }
    layers
}

/// Sorts `layer` by the mean relative position of each table's `neighbours` found in `others`.
fn reorder(layer: &mut [usize], neighbours: &[Vec<usize>], others: &[Vec<usize>]) {
    let position = |table: usize| -> Option<f64> {
        others.iter().find_map(|other| {
            let index = other.iter().position(|candidate| *candidate == table)?;
            Some((index as f64 + 0.5) / other.len() as f64)
        })
    };
    let current: Vec<usize> = layer.to_vec();
    let key = |table: usize| -> f64 {
        let positions: Vec<f64> = neighbours[table]
            .iter()
            .filter_map(|other| position(*other))
            .collect();
        if positions.is_empty() {
            let index = current
                .iter()
                .position(|candidate| *candidate == table)
                .unwrap_or(0);
            (index as f64 + 0.5) / current.len() as f64
        } else {
            positions.iter().sum::<f64>() / positions.len() as f64
        }
    };
    let mut keyed: Vec<(f64, usize)> = current.iter().map(|table| (key(*table), *table)).collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (slot, (_, table)) in layer.iter_mut().zip(keyed) {
        *slot = table;
    }
}

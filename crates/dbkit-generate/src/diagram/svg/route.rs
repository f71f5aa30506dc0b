//! Places the grid on the page and routes every foreign key through the free channels between
//! bands and the gutters between slots, giving each line its own lane so that none overlap.

use dbkit_model::Schema;

use super::lanes::assign_lanes;
use super::layout::Grid;
use crate::diagram::relationships::{End, relationships};

/// Space around the drawing.
const MARGIN: f64 = 20.0;
/// The narrowest gutter between two slots.
const MIN_GUTTER: f64 = 40.0;
/// The lowest channel between two bands.
const MIN_CHANNEL: f64 = 44.0;
/// Distance from a box (or a gutter's edge) to the first lane: room for a crow's-foot end.
const LANE_MARGIN: f64 = 26.0;
/// Distance between neighbouring lanes.
const LANE_SPACING: f64 = 8.0;
/// Horizontal room kept between two segments sharing a channel lane.
const SEGMENT_GAP: f64 = 12.0;

/// A point on the page.
pub(super) type Point = (f64, f64);

/// One routed foreign key.
pub(super) struct Edge {
    /// The referencing table.
    pub(super) child: String,
    /// The referenced table.
    pub(super) parent: String,
    /// The foreign-key columns.
    pub(super) columns: Vec<String>,
    /// The polyline from the referencing box to the referenced box.
    pub(super) points: Vec<Point>,
    /// The end drawn at the referenced box.
    pub(super) parent_end: End,
    /// The end drawn at the referencing box.
    pub(super) child_end: End,
    /// Solid (identifying) or dashed.
    pub(super) identifying: bool,
}

/// Every box's top-left corner, the page size and the routed edges.
pub(super) struct Routes {
    /// Top-left corner of each box, in table order.
    pub(super) positions: Vec<Point>,
    /// Page width.
    pub(super) width: f64,
    /// Page height.
    pub(super) height: f64,
    /// The edges, in relationship order.
    pub(super) edges: Vec<Edge>,
}

/// Which side of a box a line leaves from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Side {
    Top,
    Bottom,
}

/// How one relationship is routed.
enum Plan {
    /// From one box to another through one channel.
    Direct {
        channel: usize,
        child_side: Side,
        parent_side: Side,
    },
    /// Through the child's channel, a gutter, and the parent's channel.
    ViaGutter {
        child_channel: usize,
        parent_channel: usize,
        gutter: usize,
        child_side: Side,
        parent_side: Side,
    },
    /// A self-reference: out of the box's right side and back.
    Loop { gutter: usize },
}

/// Places boxes and routes edges.
pub(super) fn route(schema: &Schema, grid: &Grid) -> Routes {
    let relations = relationships(schema);
    let index_of = |name: &str| schema.tables.iter().position(|table| table.name == name);
    let ends: Vec<(usize, usize)> = relations
        .iter()
        .map(|relation| {
            (
                index_of(&relation.child.name).unwrap_or(0),
                index_of(&relation.parent.name).unwrap_or(0),
            )
        })
        .collect();
    let plans: Vec<Plan> = ends
        .iter()
        .map(|&(child, parent)| {
            let (child_box, parent_box) = (&grid.boxes[child], &grid.boxes[parent]);
            let (cb, pb) = (child_box.band, parent_box.band);
            if child == parent {
                return Plan::Loop {
                    gutter: child_box.slot + 1,
                };
            }
            let (child_channel, parent_channel, child_side, parent_side) = if pb < cb {
                (cb, pb + 1, Side::Top, Side::Bottom)
            } else if pb > cb {
                (cb + 1, pb, Side::Bottom, Side::Top)
            } else {
                (cb, cb, Side::Top, Side::Top)
            };
            if child_channel == parent_channel {
                Plan::Direct {
                    channel: child_channel,
                    child_side,
                    parent_side,
                }
            } else {
                let gutter = if parent_box.slot < child_box.slot {
                    child_box.slot
                } else {
                    child_box.slot + 1
                };
                Plan::ViaGutter {
                    child_channel,
                    parent_channel,
                    gutter,
                    child_side,
                    parent_side,
                }
            }
        })
        .collect();

    // Gutter lanes, on a scale of half bands: channel k is 2k, band k is 2k + 1.
    let mut gutter_intervals: Vec<Vec<(f64, f64, usize)>> = vec![Vec::new(); grid.slots + 1];
    for (id, (plan, &(child, _))) in plans.iter().zip(&ends).enumerate() {
        match plan {
            Plan::ViaGutter {
                child_channel,
                parent_channel,
                gutter,
                ..
            } => {
                let (low, high) = (
                    child_channel.min(parent_channel),
                    child_channel.max(parent_channel),
                );
                gutter_intervals[*gutter].push(((2 * low) as f64, (2 * high) as f64, id));
            }
            Plan::Loop { gutter } => {
                let band = (2 * grid.boxes[child].band + 1) as f64;
                gutter_intervals[*gutter].push((band, band, id));
            }
            Plan::Direct { .. } => {}
        }
    }
    let mut gutter_lane = vec![0usize; plans.len()];
    let mut gutter_widths = Vec::with_capacity(grid.slots + 1);
    for (index, intervals) in gutter_intervals.iter().enumerate() {
        let (lanes, count) = assign_lanes(intervals, 1.0);
        for (interval, lane) in intervals.iter().zip(lanes) {
            gutter_lane[interval.2] = lane;
        }
        let outer = index == 0 || index == grid.slots;
        let empty = if outer { MARGIN } else { MIN_GUTTER };
        let needed = if count == 0 {
            empty
        } else {
            2.0 * LANE_MARGIN + (count - 1) as f64 * LANE_SPACING
        };
        gutter_widths.push(needed.max(empty));
    }
    let mut gutter_left = Vec::with_capacity(grid.slots + 1);
    let mut slot_x = Vec::with_capacity(grid.slots);
    let mut x = MARGIN;
    for (slot, gutter_width) in gutter_widths.iter().enumerate() {
        gutter_left.push(x);
        x += gutter_width;
        if let Some(slot_width) = grid.slot_widths.get(slot) {
            slot_x.push(x);
            x += slot_width;
        }
    }
    let width = x + MARGIN;
    let box_x: Vec<f64> = grid
        .boxes
        .iter()
        .map(|table_box| {
            slot_x[table_box.slot] + (grid.slot_widths[table_box.slot] - table_box.width) / 2.0
        })
        .collect();
    let lane_x =
        |gutter: usize, lane: usize| gutter_left[gutter] + LANE_MARGIN + lane as f64 * LANE_SPACING;

    // Where each line meets its boxes along the top and bottom sides.
    let mut attachments: Vec<(usize, Side, f64, usize, bool)> = Vec::new();
    for (id, (plan, &(child, parent))) in plans.iter().zip(&ends).enumerate() {
        let center = |table: usize| box_x[table] + grid.boxes[table].width / 2.0;
        match plan {
            Plan::Direct {
                child_side,
                parent_side,
                ..
            } => {
                attachments.push((child, *child_side, center(parent), id, true));
                attachments.push((parent, *parent_side, center(child), id, false));
            }
            Plan::ViaGutter {
                gutter,
                child_side,
                parent_side,
                ..
            } => {
                let through = lane_x(*gutter, gutter_lane[id]);
                attachments.push((child, *child_side, through, id, true));
                attachments.push((parent, *parent_side, through, id, false));
            }
            Plan::Loop { .. } => {}
        }
    }
    let mut attach_x: Vec<[f64; 2]> = vec![[0.0; 2]; plans.len()];
    for (table, (table_box, left)) in grid.boxes.iter().zip(&box_x).enumerate() {
        for side in [Side::Top, Side::Bottom] {
            let mut here: Vec<&(usize, Side, f64, usize, bool)> = attachments
                .iter()
                .filter(|attachment| attachment.0 == table && attachment.1 == side)
                .collect();
            here.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.3.cmp(&b.3)).then(a.4.cmp(&b.4)));
            let count = here.len() as f64;
            for (position, attachment) in here.iter().enumerate() {
                let offset = table_box.width * (position as f64 + 1.0) / (count + 1.0);
                attach_x[attachment.3][usize::from(!attachment.4)] = left + offset;
            }
        }
    }

    // Channel lanes for the horizontal segments.
    let mut channel_intervals: Vec<Vec<(f64, f64, usize)>> = vec![Vec::new(); grid.bands + 1];
    let segment = |a: f64, b: f64| (a.min(b), a.max(b));
    for (id, plan) in plans.iter().enumerate() {
        let [child_x, parent_x] = attach_x[id];
        match plan {
            Plan::Direct { channel, .. } => {
                let (low, high) = segment(child_x, parent_x);
                channel_intervals[*channel].push((low, high, 2 * id));
            }
            Plan::ViaGutter {
                child_channel,
                parent_channel,
                gutter,
                ..
            } => {
                let through = lane_x(*gutter, gutter_lane[id]);
                let (low, high) = segment(child_x, through);
                channel_intervals[*child_channel].push((low, high, 2 * id));
                let (low, high) = segment(through, parent_x);
                channel_intervals[*parent_channel].push((low, high, 2 * id + 1));
            }
            Plan::Loop { .. } => {}
        }
    }
    let mut channel_lane = vec![[0usize; 2]; plans.len()];
    let mut channel_heights = Vec::with_capacity(grid.bands + 1);
    for (index, intervals) in channel_intervals.iter().enumerate() {
        let (lanes, count) = assign_lanes(intervals, SEGMENT_GAP);
        for (interval, lane) in intervals.iter().zip(lanes) {
            channel_lane[interval.2 / 2][interval.2 % 2] = lane;
        }
        let outer = index == 0 || index == grid.bands;
        let empty = if outer { MARGIN } else { MIN_CHANNEL };
        let needed = if count == 0 {
            empty
        } else {
            2.0 * LANE_MARGIN + (count - 1) as f64 * LANE_SPACING
        };
        channel_heights.push(needed.max(empty));
    }
    let mut channel_top = Vec::with_capacity(grid.bands + 1);
    let mut band_y = Vec::with_capacity(grid.bands);
    let mut y = MARGIN;
    for (band, channel_height) in channel_heights.iter().enumerate() {
        channel_top.push(y);
        y += channel_height;
        if let Some(band_height) = grid.band_heights.get(band) {
            band_y.push(y);
            y += band_height;
        }
    }
    let height = y + MARGIN;
    let positions: Vec<Point> = grid
        .boxes
        .iter()
        .zip(&box_x)
        .map(|(table_box, x)| (*x, band_y[table_box.band]))
        .collect();
    let lane_y = |channel: usize, lane: usize| {
        channel_top[channel] + LANE_MARGIN + lane as f64 * LANE_SPACING
    };
    let side_y = |table: usize, side: Side| match side {
        Side::Top => positions[table].1,
        Side::Bottom => positions[table].1 + grid.boxes[table].height,
    };

    let edges = relations
        .iter()
        .enumerate()
        .map(|(id, relation)| {
            let (child, parent) = ends[id];
            let [child_x, parent_x] = attach_x[id];
            let points: Vec<Point> = match &plans[id] {
                Plan::Direct {
                    channel,
                    child_side,
                    parent_side,
                } => {
                    let lane = lane_y(*channel, channel_lane[id][0]);
                    vec![
                        (child_x, side_y(child, *child_side)),
                        (child_x, lane),
                        (parent_x, lane),
                        (parent_x, side_y(parent, *parent_side)),
                    ]
                }
                Plan::ViaGutter {
                    child_channel,
                    parent_channel,
                    gutter,
                    child_side,
                    parent_side,
                } => {
                    let through = lane_x(*gutter, gutter_lane[id]);
                    let first = lane_y(*child_channel, channel_lane[id][0]);
                    let second = lane_y(*parent_channel, channel_lane[id][1]);
                    vec![
                        (child_x, side_y(child, *child_side)),
                        (child_x, first),
                        (through, first),
                        (through, second),
                        (parent_x, second),
                        (parent_x, side_y(parent, *parent_side)),
                    ]
                }
                Plan::Loop { gutter } => {
                    let table_box = &grid.boxes[child];
                    let right = positions[child].0 + table_box.width;
                    let row_of = |name: &String| {
                        relation
                            .child
                            .columns
                            .iter()
                            .position(|column| column.name == *name)
                            .unwrap_or(0)
                    };
                    let from = relation.foreign_key.columns.first().map_or(0, row_of);
                    let to = relation
                        .foreign_key
                        .referenced_columns
                        .first()
                        .map_or(0, row_of);
                    let through = lane_x(*gutter, gutter_lane[id]);
                    let top = positions[child].1;
                    vec![
                        (right, top + table_box.row_center(from)),
                        (through, top + table_box.row_center(from)),
                        (through, top + table_box.row_center(to)),
                        (right, top + table_box.row_center(to)),
                    ]
                }
            };
            Edge {
                child: relation.child.name.clone(),
                parent: relation.parent.name.clone(),
                columns: relation.foreign_key.columns.clone(),
                points: simplify(points),
                parent_end: relation.parent_end,
                child_end: relation.child_end,
                identifying: relation.identifying,
            }
        })
        .collect();
    Routes {
        positions,
        width,
        height,
        edges,
    }
}

/// Drops repeated points and points in the middle of a straight run.
fn simplify(points: Vec<Point>) -> Vec<Point> {
    let mut kept: Vec<Point> = Vec::new();
    for point in points {
        if kept
            .last()
            .is_some_and(|last| (last.0 - point.0).abs() < 0.05 && (last.1 - point.1).abs() < 0.05)
        {
            continue;
        }
        if kept.len() >= 2 {
            let (a, b) = (kept[kept.len() - 2], kept[kept.len() - 1]);
            let straight = ((a.0 - b.0).abs() < 0.05 && (b.0 - point.0).abs() < 0.05)
                || ((a.1 - b.1).abs() < 0.05 && (b.1 - point.1).abs() < 0.05);
            if straight {
                kept.pop();
            }
        }
        kept.push(point);
    }
    kept
}

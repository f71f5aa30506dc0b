//! Lanes: parallel tracks in a channel or gutter, so that lines sharing it never overlap.

/// Assigns lanes to intervals: each interval gets the lowest lane where it overlaps nothing.
pub(super) fn assign_lanes(intervals: &[(f64, f64, usize)], gap: f64) -> (Vec<usize>, usize) {
    let mut order: Vec<&(f64, f64, usize)> = intervals.iter().collect();
    order.sort_by(|a, b| {
        a.0.total_cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    let mut lane_ends: Vec<f64> = Vec::new();
    let mut lanes = vec![0usize; intervals.len()];
    for (start, end, id) in order {
        let lane = match lane_ends.iter().position(|last| *last + gap <= *start) {
            Some(lane) => lane,
            None => {
                lane_ends.push(f64::NEG_INFINITY);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = *end;
        if let Some(position) = intervals.iter().position(|interval| interval.2 == *id) {
            lanes[position] = lane;
        }
    }
    (lanes, lane_ends.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_intervals_get_different_lanes_and_others_share() {
        let intervals = [
            (0.0, 10.0, 0),
            (5.0, 20.0, 1),
            (30.0, 40.0, 2),
            (12.0, 25.0, 3),
        ];
        let (lanes, count) = assign_lanes(&intervals, 1.0);
        assert_eq!(lanes, vec![0, 1, 0, 0]);
        assert_eq!(count, 2);
    }
}

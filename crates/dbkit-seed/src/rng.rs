//! A small, fast, seedable random number generator and the derivation of independent streams.
//!
//! The generator is wyrand: one 64-bit state, one multiplication per number, good statistical
//! quality for sample data, and the same sequence on every machine. Each table draws from its own
//! stream derived from the run's seed and the table's name, so that adding a table or changing
//! one table's row count leaves the other tables' values as they were.

/// A wyrand pseudo-random number generator.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator for the stream named `name` of the run seeded with `seed`.
    pub fn stream(seed: u64, name: &str) -> Rng {
        Rng {
            state: mix(seed ^ hash_bytes(name.as_bytes())),
        }
    }

    /// A generator started from a raw state.
    pub fn from_state(state: u64) -> Rng {
        Rng { state }
    }

    /// The next 64 random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0xa076_1d64_78bd_642f);
        let product = u128::from(self.state) * u128::from(self.state ^ 0xe703_7ed1_a0b4_28db);
        ((product >> 64) as u64) ^ (product as u64)
    }

    /// A number in `0..bound` (0 when `bound` is 0), without modulo bias worth noticing.
    #[inline]
    pub fn below(&mut self, bound: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(bound)) >> 64) as u64
    }

    /// An index into a slice of `len` items.
    #[inline]
    pub fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// A number in `low..=high` (`low` when `high < low`).
    #[inline]
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            return low;
        }
        let span = (high as i128 - low as i128 + 1) as u128;
        if span > u128::from(u64::MAX) {
            return self.next_u64() as i64;
        }
        (low as i128 + i128::from(self.below(span as u64))) as i64
    }

    /// A number in `low..=high` for wide ranges (decimals with many digits).
    pub fn between_wide(&mut self, low: i128, high: i128) -> i128 {
        if high <= low {
            return low;
        }
        let span = (high - low) as u128 + 1;
        if span <= u128::from(u64::MAX) {
            return low + i128::from(self.below(span as u64));
        }
        let wide = (u128::from(self.next_u64()) << 64) | u128::from(self.next_u64());
        low + (wide % span) as i128
    }

    /// A float in `[0, 1)`.
    #[inline]
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// True with probability `p`.
    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// An item of a non-empty slice.
    #[inline]
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    /// A rank in `0..len`, small ranks much more likely than large ones: rank `len * u²` for a
    /// uniform `u`, so the first 1% of ranks get a tenth of the draws and the last half under
    /// a third. Used to give some parents many children and others none (Zipf-like).
    #[inline]
    pub fn skewed(&mut self, len: u64) -> u64 {
        let u = self.unit();
        ((u * u) * len as f64).min(len.saturating_sub(1) as f64) as u64
    }
}

/// The splitmix64 finaliser: spreads the bits of a 64-bit value.
#[inline]
pub fn mix(mut value: u64) -> u64 {
    value = value.wrapping_add(0x9e37_79b9_7f4a_7c15);
    value = (value ^ (value >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    value = (value ^ (value >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    value ^ (value >> 31)
}

/// A 64-bit hash of bytes (FNV-1a, finalised), the same on every machine.
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(hash)
}

/// A bijection of `0..size` onto itself, `x ↦ (a·x + b) mod size`, that scatters consecutive
/// numbers: used to hand out distinct values, and distinct or shuffled parents, without a set.
#[derive(Debug, Clone, Copy)]
pub struct Permutation {
    size: u64,
    factor: u64,
    offset: u64,
}

impl Permutation {
    /// A random permutation of `0..size`.
    pub fn new(size: u64, rng: &mut Rng) -> Permutation {
        if size <= 1 {
            return Permutation {
                size,
                factor: 1,
                offset: 0,
            };
        }
        let mut factor = (rng.below(size - 1) + 1) | 1;
        let mut tries = 0;
        while gcd(factor, size) != 1 {
            factor = if tries < 64 {
                (rng.below(size - 1) + 1) | 1
            } else {
                factor + 1
            };
            tries += 1;
        }
        Permutation {
            size,
            factor: factor % size,
            offset: rng.below(size),
        }
    }

    /// The image of `x` (taken modulo the size).
    #[inline]
    pub fn apply(&self, x: u64) -> u64 {
        if self.size <= 1 {
            return 0;
        }
        ((u128::from(x % self.size) * u128::from(self.factor) + u128::from(self.offset))
            % u128::from(self.size)) as u64
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_independent() {
        let first: Vec<u64> = (0..4)
            .map({
                let mut rng = Rng::stream(7, "members");
                move |_| rng.next_u64()
            })
            .collect();
        let again: Vec<u64> = (0..4)
            .map({
                let mut rng = Rng::stream(7, "members");
                move |_| rng.next_u64()
            })
            .collect();
        let other: Vec<u64> = (0..4)
            .map({
                let mut rng = Rng::stream(7, "loans");
                move |_| rng.next_u64()
            })
            .collect();
        assert_eq!(first, again);
        assert_ne!(first, other);
    }

    #[test]
    fn ranges_stay_in_bounds() {
        let mut rng = Rng::stream(1, "bounds");
        for _ in 0..10_000 {
            let value = rng.between(-3, 3);
            assert!((-3..=3).contains(&value));
            assert!(rng.below(10) < 10);
            let unit = rng.unit();
            assert!((0.0..1.0).contains(&unit));
            assert!(rng.skewed(50) < 50);
        }
        assert_eq!(rng.between(5, 5), 5);
        let wide = rng.between_wide(-(10_i128.pow(30)), 10_i128.pow(30));
        assert!(wide.abs() <= 10_i128.pow(30));
    }

    #[test]
    fn permutations_are_bijections() {
        let mut rng = Rng::stream(3, "perm");
        for size in [1_u64, 2, 3, 10, 97, 100, 1024, 65_536] {
            let permutation = Permutation::new(size, &mut rng);
            let mut seen = vec![false; size as usize];
            for x in 0..size {
                let y = permutation.apply(x) as usize;
                assert!(!seen[y], "size {size}: {y} twice");
                seen[y] = true;
            }
        }
    }

    #[test]
    fn skew_gives_some_ranks_many_draws_and_others_none() {
        let mut rng = Rng::stream(9, "skew");
        let mut counts = vec![0_u32; 1000];
        for _ in 0..1000 {
            counts[rng.skewed(1000) as usize] += 1;
        }
        let most = counts.iter().copied().max().unwrap_or(0);
        let empty = counts.iter().filter(|count| **count == 0).count();
        assert!(most >= 10, "the busiest rank has {most} draws");
        assert!(empty >= 400, "{empty} ranks have no draw");
    }
}

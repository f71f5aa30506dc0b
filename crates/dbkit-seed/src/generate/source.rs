//! Where each column's values come from, and how one value is drawn.

use super::text::{RowContext, TextGenerator};
use super::units::Unit;
use crate::calendar;
use crate::dataset::Value;
use crate::rng::{Permutation, Rng};

/// A fixed value (from `values = [...]`, a CHECK's list, an enum or a default).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Fixed {
    Units(Unit, i128),
    Bool(bool),
    Text(String),
    Uuid(u128),
}

impl Fixed {
    pub(crate) fn value(&self) -> Value<'_> {
        match self {
            Fixed::Units(unit, units) => unit.value(*units),
            Fixed::Bool(flag) => Value::Bool(*flag),
            Fixed::Text(text) => Value::Text(text),
            Fixed::Uuid(uuid) => Value::Uuid(*uuid),
        }
    }
}

/// A cursor over a permutation: each call hands out a value never handed out before.
#[derive(Debug, Clone)]
pub(crate) struct Dealer {
    permutation: Permutation,
    size: u64,
    next: u64,
}

impl Dealer {
    pub(crate) fn new(size: u64, rng: &mut Rng) -> Dealer {
        Dealer {
            permutation: Permutation::new(size, rng),
            size,
            next: 0,
        }
    }

    /// The value [`Dealer::deal`] would give next, without taking it.
    #[inline]
    pub(crate) fn peek(&self) -> Option<u64> {
        (self.next < self.size).then(|| self.permutation.apply(self.next))
    }

    /// Takes the value [`Dealer::peek`] shows.
    #[inline]
    pub(crate) fn advance(&mut self) {
        self.next += 1;
    }

    /// The next value of `0..size`, or `None` once all were dealt.
    #[inline]
    pub(crate) fn deal(&mut self) -> Option<u64> {
        if self.next >= self.size {
            return None;
        }
        let value = self.permutation.apply(self.next);
        self.next += 1;
        Some(value)
    }
}

/// Numbers, dates and times drawn from a range of units.
#[derive(Debug, Clone)]
pub(crate) struct UnitSource {
    pub(crate) unit: Unit,
    /// The plausible range (within the allowed one).
    pub(crate) low: i128,
    pub(crate) high: i128,
    /// The allowed range: the type's limits and the CHECKs' bounds.
    pub(crate) domain_low: i128,
    pub(crate) domain_high: i128,
    /// Small values more common.
    pub(crate) skew: bool,
    /// For a unique column: deals distinct offsets from `low`.
    pub(crate) dealer: Option<Dealer>,
    /// The column default, used for this share of rows.
    pub(crate) default: Option<(i128, f64)>,
    /// How far past another column's value a related value lands, at most.
    pub(crate) gap: i128,
}

impl UnitSource {
    /// A value within the static range; `None` when a unique column has run out of values.
    #[inline]
    pub(crate) fn draw(&mut self, rng: &mut Rng) -> Option<i128> {
        if let Some(dealer) = &self.dealer {
            return dealer.peek().map(|offset| self.low + i128::from(offset));
        }
        if let Some((value, share)) = self.default
            && rng.chance(share)
        {
            return Some(value);
        }
        Some(self.between(self.low, self.high, rng))
    }

    /// A value in `low..=high`, skewed toward `low` when the column asks for it.
    #[inline]
    pub(crate) fn between(&self, low: i128, high: i128, rng: &mut Rng) -> i128 {
        if high <= low {
            return low;
        }
        if self.skew {
            let span = (high - low) as f64;
            let u = rng.unit();
            return (low + (u * u * span).round() as i128).min(high);
        }
        if let (Ok(low64), Ok(high64)) = (i64::try_from(low), i64::try_from(high)) {
            i128::from(rng.between(low64, high64))
        } else {
            rng.between_wide(low, high)
        }
    }
}

/// Where a column's values come from.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    /// Consecutive ids from `start`.
    Sequence { start: i64 },
    /// Copied from a parent row by a foreign key.
    Foreign,
    /// Always NULL.
    Null,
    /// Numbers, dates and times.
    Units(Box<UnitSource>),
    /// Booleans, true with probability `p_true`.
    Bool { p_true: f64, dealer: Option<Dealer> },
    /// One of a list of values.
    Pick {
        values: Vec<Fixed>,
        /// The default's index and share of rows.
        default: Option<(usize, f64)>,
        /// For a unique column: deals distinct indexes.
        dealer: Option<Dealer>,
    },
    /// Text.
    Text(Box<TextSource>),
    /// Random version-4 UUIDs (as text in a text column).
    Uuid,
    /// Random bytes, from `min` to `max` of them.
    Bytes { min: usize, max: usize },
    /// A point in MySQL's internal geometry format (SRID 0, then well-known binary).
    MysqlPoint,
}

impl Source {
    /// Moves a unique column's dealer past the value it showed last: called once that value
    /// is stored, or when it collided with a stored one. Columns without a dealer ignore it.
    pub(crate) fn advance(&mut self) {
        match self {
            Source::Units(source) => {
                if let Some(dealer) = &mut source.dealer {
                    dealer.advance();
                }
            }
            Source::Bool {
                dealer: Some(dealer),
                ..
            }
            | Source::Pick {
                dealer: Some(dealer),
                ..
            } => dealer.advance(),
            Source::Text(source) => source.generator.advance(),
            _ => {}
        }
    }
}

/// Text drawn from a generator, fitted to the column's length.
#[derive(Debug, Clone)]
pub(crate) struct TextSource {
    pub(crate) generator: TextGenerator,
    pub(crate) min_chars: usize,
    pub(crate) max_chars: usize,
    /// The column default, used for this share of rows.
    pub(crate) default: Option<(String, f64)>,
    /// Whether the column is unique on its own: after a few failed attempts a counter is
    /// appended to make the value unique.
    pub(crate) unique: bool,
    /// The last counter appended.
    pub(crate) suffix: u64,
}

impl TextSource {
    /// Writes one value into `out` (cleared first).
    pub(crate) fn write(
        &mut self,
        attempt: u32,
        context: &mut RowContext,
        rng: &mut Rng,
        out: &mut String,
    ) {
        out.clear();
        if !self.unique
            && let Some((default, share)) = &self.default
            && rng.chance(*share)
        {
            out.push_str(default);
            return;
        }
        self.generator.write(context, rng, out);
        while out.chars().count() < self.min_chars {
            out.push(' ');
            out.push_str(rng.pick(crate::words::WORDS));
        }
        if self.unique && attempt >= 3 && !self.generator.deals_distinct() {
            self.suffix += 1;
            let mut suffix = String::with_capacity(12);
            suffix.push(if out.contains(' ') { ' ' } else { '-' });
            calendar::push_int(&mut suffix, self.suffix as i64);
            let room = self.max_chars.saturating_sub(suffix.chars().count());
            truncate_chars(out, room);
            out.push_str(&suffix);
        }
        truncate_chars(out, self.max_chars);
    }
}

/// Cuts `text` to at most `max` characters, without trailing spaces (which some databases ignore
/// when comparing).
pub(crate) fn truncate_chars(text: &mut String, max: usize) {
    if text.len() > max
        && let Some((cut, _)) = text.char_indices().nth(max)
    {
        text.truncate(cut);
    }
    let trimmed = text.trim_end_matches(' ').len();
    text.truncate(trimmed);
}

/// A random version-4 UUID.
#[inline]
pub(crate) fn random_uuid(rng: &mut Rng) -> u128 {
    let bits = (u128::from(rng.next_u64()) << 64) | u128::from(rng.next_u64());
    (bits & !(0xf_u128 << 76) & !(0x3_u128 << 62)) | (0x4_u128 << 76) | (0x2_u128 << 62)
}

/// Reads a UUID written as text.
pub(crate) fn parse_uuid(text: &str) -> Option<u128> {
    let hex: String = text.chars().filter(|c| *c != '-').collect();
    if hex.len() != 32 {
        return None;
    }
    u128::from_str_radix(&hex, 16).ok()
}

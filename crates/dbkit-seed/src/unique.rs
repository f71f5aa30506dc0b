//! Fingerprints of values for unique keys.
//!
//! A unique key is tracked as a set of 64-bit fingerprints rather than of values, so that a
//! million keys cost a few megabytes and no allocation each. Two equal values always have the
//! same fingerprint, so a duplicate is never missed; two different values sharing one (about one
//! chance in 10¹³ for a million rows) only cost a retry. Text is folded the way the most lenient
//! database compares it (MySQL's case- and accent-insensitive collations ignore letter case,
//! accents and trailing spaces), so that values unique here are unique everywhere.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use crate::dataset::Value;
use crate::rng::mix;

/// A hasher for keys that already are well-mixed 64-bit fingerprints.
#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 << 8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A set of fingerprints.
pub(crate) type FingerprintSet = HashSet<u64, BuildHasherDefault<PassThrough>>;

/// The fingerprint of a tuple of values; `None` when one of them is NULL (a key with a NULL
/// part never conflicts).
pub fn fingerprint(values: &[Value<'_>]) -> Option<u64> {
    let mut hash = 0x51_7cc1_b727_220a_u64;
    for value in values {
        hash = mix(hash ^ value_hash(value)?);
    }
    Some(hash)
}

/// The fingerprint of one value; `None` for NULL.
pub(crate) fn value_hash(value: &Value<'_>) -> Option<u64> {
    Some(match value {
        Value::Null => return None,
        Value::Int(number) => mix(*number as u64 ^ 0x1000),
        Value::Decimal(digits, scale) => {
            // 1.50 and 1.5 are one value: strip trailing zeros first.
            let (mut digits, mut scale) = (*digits, *scale);
            while scale > 0 && digits % 10 == 0 {
                digits /= 10;
                scale -= 1;
            }
            if scale == 0 {
                mix(digits as u64 ^ 0x1000)
            } else {
                mix(mix(digits as u64) ^ ((digits >> 64) as u64) ^ u64::from(scale) ^ 0x2000)
            }
        }
        Value::Float(number) => {
            if number.fract() == 0.0 && number.abs() < 9.0e15 {
                mix(*number as i64 as u64 ^ 0x1000)
            } else {
                mix(number.to_bits() ^ 0x3000)
            }
        }
        Value::Bool(flag) => mix(u64::from(*flag) ^ 0x1000),
        Value::Date(days) => mix(*days as u64 ^ 0x4000),
        Value::Time(seconds) => mix(*seconds as u64 ^ 0x5000),
        Value::Timestamp(seconds) => mix(*seconds as u64 ^ 0x6000),
        Value::Uuid(uuid) => mix(mix(*uuid as u64) ^ ((*uuid >> 64) as u64)),
        Value::Text(text) => text_hash(text),
        Value::Bytes(bytes) => crate::rng::hash_bytes(bytes),
    })
}

/// The fingerprint of text compared without regard to case, accents or trailing spaces.
pub(crate) fn text_hash(text: &str) -> u64 {
    let text = text.trim_end_matches(' ');
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    if text.is_ascii() {
        for byte in text.bytes() {
            hash ^= u64::from(byte.to_ascii_lowercase());
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    } else {
        for character in text.chars() {
            for folded in character.to_lowercase() {
                hash ^= u64::from(u32::from(strip_accent(folded)));
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }
    mix(hash ^ 0x7000)
}

/// The base letter of a lower-case Latin letter with an accent.
fn strip_accent(character: char) -> char {
    match character {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è'..='ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì'..='ï' | 'ī' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ś' | 'š' => 's',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        'ď' => 'd',
        'ť' => 't',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_share_a_fingerprint_whatever_their_spelling() {
        assert_eq!(text_hash("Ann"), text_hash("ann  "));
        assert_eq!(text_hash("José"), text_hash("jose"));
        assert_ne!(text_hash("ann"), text_hash("anne"));
        assert_eq!(
            value_hash(&Value::Decimal(150, 2)),
            value_hash(&Value::Decimal(15, 1))
        );
        assert_eq!(
            value_hash(&Value::Decimal(300, 2)),
            value_hash(&Value::Int(3))
        );
        assert_eq!(fingerprint(&[Value::Int(1), Value::Null]), None);
        assert_ne!(
            fingerprint(&[Value::Int(1), Value::Int(2)]),
            fingerprint(&[Value::Int(2), Value::Int(1)])
        );
    }
}

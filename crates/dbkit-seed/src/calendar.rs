//! Dates, times and numbers as text, written into a reused buffer without allocating, and read
//! back from the text written in `schema.toml` or a CHECK.

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date (year, month, day) of a day number.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_part = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_part + 2) / 5 + 1) as u32;
    let month = if month_part < 10 {
        month_part + 3
    } else {
        month_part - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Appends `value` with at least `width` digits (zero-padded); negative numbers get a sign.
#[inline]
pub fn push_padded(out: &mut String, value: i64, width: usize) {
    if value < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut magnitude = value.unsigned_abs();
    let mut length = 0;
    loop {
        digits[length] = b'0' + (magnitude % 10) as u8;
        magnitude /= 10;
        length += 1;
        if magnitude == 0 {
            break;
        }
    }
    for _ in length..width {
        out.push('0');
    }
    for index in (0..length).rev() {
        out.push(char::from(digits[index]));
    }
}

/// Appends an integer.
#[inline]
pub fn push_int(out: &mut String, value: i64) {
    push_padded(out, value, 1);
}

/// Appends a date as `YYYY-MM-DD`.
#[inline]
pub fn push_date(out: &mut String, days: i64) {
    let (year, month, day) = civil_from_days(days);
    push_padded(out, year, 4);
    out.push('-');
    push_padded(out, i64::from(month), 2);
    out.push('-');
    push_padded(out, i64::from(day), 2);
}

/// Appends a time of day as `HH:MM:SS`.
#[inline]
pub fn push_time(out: &mut String, seconds: i64) {
    let seconds = seconds.rem_euclid(DAY);
    push_padded(out, seconds / 3600, 2);
    out.push(':');
    push_padded(out, seconds / 60 % 60, 2);
    out.push(':');
    push_padded(out, seconds % 60, 2);
}

/// Appends a timestamp as `YYYY-MM-DD HH:MM:SS`.
#[inline]
pub fn push_timestamp(out: &mut String, seconds: i64) {
    push_date(out, seconds.div_euclid(DAY));
    out.push(' ');
    push_time(out, seconds.rem_euclid(DAY));
}

/// Appends an unscaled decimal with `scale` digits after the point.
pub fn push_decimal(out: &mut String, value: i128, scale: u32) {
    if value < 0 {
        out.push('-');
    }
    let digits = value.unsigned_abs().to_string();
    let scale = scale as usize;
    if scale == 0 {
        out.push_str(&digits);
        return;
    }
    if digits.len() <= scale {
        out.push_str("0.");
        for _ in digits.len()..scale {
            out.push('0');
        }
        out.push_str(&digits);
    } else {
        let (whole, fraction) = digits.split_at(digits.len() - scale);
        out.push_str(whole);
        out.push('.');
        out.push_str(fraction);
    }
}

/// Appends a float as the shortest text that reads back to the same value.
pub fn push_float(out: &mut String, value: f64) {
    use std::fmt::Write;
    let _ = write!(out, "{value}");
}

/// Appends a UUID in its hyphenated lower-case form.
pub fn push_uuid(out: &mut String, value: u128) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for index in 0..32 {
        if matches!(index, 8 | 12 | 16 | 20) {
            out.push('-');
        }
        let nibble = (value >> (124 - 4 * index)) & 0xf;
        out.push(char::from(HEX[nibble as usize]));
    }
}

/// Appends bytes as lower-case hexadecimal digits.
pub fn push_hex(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for byte in bytes {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
}

/// Reads `YYYY-MM-DD` as a day number.
pub fn parse_date(text: &str) -> Option<i64> {
    let text = text.trim();
    let mut parts = text.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(days_from_civil(year, month, day))
}

/// Reads `HH:MM[:SS]` as seconds since midnight.
pub fn parse_time(text: &str) -> Option<i64> {
    let mut parts = text.trim().split(':');
    let hours: i64 = parts.next()?.parse().ok()?;
    let minutes: i64 = parts.next()?.parse().ok()?;
    let seconds: f64 = match parts.next() {
        Some(seconds) => seconds.parse().ok()?,
        None => 0.0,
    };
    if parts.next().is_some()
        || !(0..24).contains(&hours)
        || !(0..60).contains(&minutes)
        || !(0.0..60.0).contains(&seconds)
    {
        return None;
    }
    Some(hours * 3600 + minutes * 60 + seconds as i64)
}

/// Reads `YYYY-MM-DD[ HH:MM:SS]` (or with `T`) as seconds since the epoch; a trailing `Z` or
/// `+00:00` offset is accepted and ignored.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let text = text.trim();
    match text.split_once([' ', 'T']) {
        Some((date, time)) => {
            let time = time
                .trim_end_matches('Z')
                .split(['+'])
                .next()
                .unwrap_or_default();
            Some(parse_date(date)? * DAY + parse_time(time)?)
        }
        None => Some(parse_date(text)? * DAY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for days in [-800_000, -1, 0, 59, 11_016, 19_000, 2_932_896] {
            let (year, month, day) = civil_from_days(days);
            assert_eq!(days_from_civil(year, month, day), days);
        }
        let mut out = String::new();
        push_date(&mut out, days_from_civil(2024, 2, 29));
        out.push('|');
        push_timestamp(
            &mut out,
            days_from_civil(1999, 12, 31) * DAY + 23 * 3600 + 59 * 60 + 7,
        );
        assert_eq!(out, "2024-02-29|1999-12-31 23:59:07");
    }

    #[test]
    fn numbers_are_written_exactly() {
        let mut out = String::new();
        push_decimal(&mut out, 1250, 2);
        out.push('|');
        push_decimal(&mut out, -5, 3);
        out.push('|');
        push_decimal(&mut out, 42, 0);
        out.push('|');
        push_padded(&mut out, -7, 3);
        out.push('|');
        push_int(&mut out, i64::MIN);
        assert_eq!(out, "12.50|-0.005|42|-007|-9223372036854775808");
        let mut uuid = String::new();
        push_uuid(&mut uuid, 0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
        assert_eq!(uuid, "01234567-89ab-cdef-0123-456789abcdef");
    }

    #[test]
    fn reads_dates_times_and_timestamps() {
        assert_eq!(parse_date("2024-01-31"), Some(days_from_civil(2024, 1, 31)));
        assert_eq!(parse_date("2024-13-01"), None);
        assert_eq!(parse_time("08:30"), Some(8 * 3600 + 30 * 60));
        assert_eq!(parse_time("25:00:00"), None);
        assert_eq!(parse_timestamp("1970-01-02 00:00:01"), Some(DAY + 1));
        assert_eq!(parse_timestamp("1970-01-02T00:00:01Z"), Some(DAY + 1));
        assert_eq!(parse_timestamp("1970-01-03"), Some(2 * DAY));
    }
}

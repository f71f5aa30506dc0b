//! Text sizes (a monospace font makes widths predictable) and XML escaping.

/// The font size of column rows, in pixels.
pub(super) const FONT_SIZE: f64 = 12.0;
/// The advance of one character of the row font; monospace fonts are 0.6 em wide, and a little
/// is added so that no renderer's font overflows its box.
pub(super) const CHAR_WIDTH: f64 = 7.4;
/// The font size of table names.
pub(super) const HEADER_FONT_SIZE: f64 = 13.0;
/// The advance of one bold character of the header font.
pub(super) const HEADER_CHAR_WIDTH: f64 = 8.2;

/// The width of `text` at `char_width` pixels a character.
pub(super) fn width(text: &str, char_width: f64) -> f64 {
    text.chars().count() as f64 * char_width
}

/// Text escaped for XML content and attribute values.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            control if control.is_control() => out.push(' '),
            other => out.push(other),
        }
    }
    out
}

/// A coordinate with at most one decimal, without a trailing `.0`.
pub(super) fn number(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

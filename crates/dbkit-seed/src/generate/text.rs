//! Realistic text: names, e-mail addresses, phone numbers, addresses, companies, titles, ISBNs,
//! URLs, codes and prose, written into a reused buffer.

use super::source::Dealer;
use crate::calendar::push_int;
use crate::rng::Rng;
use crate::words;

/// What kind of text a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextKind {
    FirstName,
    LastName,
    FullName,
    Email,
    Username,
    Phone,
    StreetAddress,
    City,
    State,
    PostalCode,
    Country,
    CountryCode,
    Company,
    JobTitle,
    Title,
    Isbn,
    Url,
    Domain,
    Ipv4,
    Word,
    Words,
    Sentence,
    Paragraph,
    /// Letters and digits (`digits` only digits), such as a barcode or a card number.
    Code {
        digits: bool,
    },
    Color,
    CurrencyCode,
    Product,
    Category,
    Slug,
    PasswordHash,
    Json,
    /// A PostgreSQL array of words: `{"red","blue"}`.
    WordArray,
    /// A PostgreSQL array of integers: `{3,17}`.
    IntegerArray,
    /// A PostgreSQL `tsvector`: lower-case words separated by spaces.
    Lexemes,
    /// A PostgreSQL `point`: `(longitude,latitude)`.
    Point,
    /// A PostgreSQL `interval`: `3 days`.
    Interval,
}

impl TextKind {
    /// The kind named by a `seed = { generator = "..." }` override.
    pub(crate) fn named(name: &str) -> Option<TextKind> {
        Some(match name {
            "first_name" => TextKind::FirstName,
            "last_name" => TextKind::LastName,
            "full_name" => TextKind::FullName,
            "email" => TextKind::Email,
            "username" => TextKind::Username,
            "phone" => TextKind::Phone,
            "street_address" => TextKind::StreetAddress,
            "city" => TextKind::City,
            "state" => TextKind::State,
            "postal_code" => TextKind::PostalCode,
            "country" => TextKind::Country,
            "country_code" => TextKind::CountryCode,
            "company" => TextKind::Company,
            "job_title" => TextKind::JobTitle,
            "title" => TextKind::Title,
            "isbn" => TextKind::Isbn,
            "url" => TextKind::Url,
            "domain" => TextKind::Domain,
            "ipv4" => TextKind::Ipv4,
            "word" => TextKind::Word,
            "words" => TextKind::Words,
            "sentence" => TextKind::Sentence,
            "paragraph" => TextKind::Paragraph,
            "code" => TextKind::Code { digits: false },
            "color" => TextKind::Color,
            "currency_code" => TextKind::CurrencyCode,
            "product" => TextKind::Product,
            "category" => TextKind::Category,
            "slug" => TextKind::Slug,
            "password_hash" => TextKind::PasswordHash,
            "json" => TextKind::Json,
            _ => return None,
        })
    }

    /// The longest text this kind writes (before any truncation), or `None` when unbounded.
    pub(crate) fn longest(self) -> Option<usize> {
        Some(match self {
            TextKind::FirstName | TextKind::LastName => 12,
            TextKind::FullName => 25,
            TextKind::Email => 48,
            TextKind::Username => 32,
            TextKind::Phone => 15,
            TextKind::StreetAddress => 30,
            TextKind::City | TextKind::State => 14,
            TextKind::PostalCode => 5,
            TextKind::Country => 14,
            TextKind::CountryCode | TextKind::CurrencyCode => 3,
            TextKind::Company => 30,
            TextKind::JobTitle => 22,
            TextKind::Title => 40,
            TextKind::Isbn => 17,
            TextKind::Url => 60,
            TextKind::Domain => 30,
            TextKind::Ipv4 => 15,
            TextKind::Word | TextKind::Color | TextKind::Category => 12,
            TextKind::Words => 40,
            TextKind::Product => 24,
            TextKind::Slug => 40,
            TextKind::PasswordHash => 60,
            TextKind::Point => 23,
            TextKind::Interval => 8,
            TextKind::Sentence
            | TextKind::Paragraph
            | TextKind::Json
            | TextKind::Code { .. }
            | TextKind::WordArray
            | TextKind::IntegerArray
            | TextKind::Lexemes => {
                return None;
            }
        })
    }
}

/// What the columns of one row share: one person, one place, one company.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RowContext {
    person: Option<(usize, usize)>,
    place: Option<usize>,
}

impl RowContext {
    /// Forgets the row's choices, before a row (or a new attempt at one).
    #[inline]
    pub(crate) fn reset(&mut self) {
        self.person = None;
        self.place = None;
    }

    #[inline]
    fn person(&mut self, rng: &mut Rng) -> (usize, usize) {
        *self.person.get_or_insert_with(|| {
            (
                rng.index(words::FIRST_NAMES.len()),
                rng.index(words::LAST_NAMES.len()),
            )
        })
    }

    #[inline]
    fn place(&mut self, rng: &mut Rng) -> usize {
        *self
            .place
            .get_or_insert_with(|| rng.index(words::CITIES.len()))
    }
}

/// A text generator for one column.
#[derive(Debug, Clone)]
pub(crate) struct TextGenerator {
    pub(crate) kind: TextKind,
    /// How many times each (first name, last name) pair was used, for unique e-mail addresses
    /// and user names.
    counters: Vec<u32>,
    /// For codes and ISBNs of a unique column: hands out distinct numbers.
    dealer: Option<Dealer>,
    /// The length of codes.
    code_length: usize,
}

impl TextGenerator {
    /// A generator of `kind` for texts of at most `max_chars` characters; `unique_rows` is the
    /// number of rows of a unique column, so that codes can be dealt without repeats.
    pub(crate) fn new(
        kind: TextKind,
        min_chars: usize,
        max_chars: usize,
        unique_rows: Option<u64>,
        rng: &mut Rng,
    ) -> TextGenerator {
        let counters = if matches!(kind, TextKind::Email | TextKind::Username) {
            vec![0; words::FIRST_NAMES.len() * words::LAST_NAMES.len()]
        } else {
            Vec::new()
        };
        let code_length = match kind {
            TextKind::Code { digits: true } => 12.clamp(min_chars.max(1), max_chars.max(1)),
            _ => 10.clamp(min_chars.max(1), max_chars.max(1)),
        };
        let dealer = match (kind, unique_rows) {
            (TextKind::Code { digits }, Some(_)) => {
                let base: u64 = if digits { 10 } else { 36 };
                let size = (0..code_length.min(if digits { 19 } else { 12 }))
                    .fold(1_u64, |size, _| size.saturating_mul(base));
                Some(Dealer::new(size, rng))
            }
            (TextKind::Isbn, Some(_)) => Some(Dealer::new(1_000_000_000, rng)),
            _ => None,
        };
        TextGenerator {
            kind,
            counters,
            dealer,
            code_length,
        }
    }

    /// Whether the generator deals distinct values by itself (codes and ISBNs of a unique
    /// column), so that nothing needs appending to make them unique.
    pub(crate) fn deals_distinct(&self) -> bool {
        self.dealer.is_some()
    }

    /// Moves the dealer past the value it showed last (see [`super::source::Source::advance`]).
    pub(crate) fn advance(&mut self) {
        if let Some(dealer) = &mut self.dealer {
            dealer.advance();
        }
    }

    /// How many distinct values this generator can write, when that is a small number.
    pub(crate) fn capacity(&self) -> Option<u64> {
        match self.kind {
            TextKind::Code { digits } => {
                let base: u64 = if digits { 10 } else { 36 };
                Some((0..self.code_length).fold(1_u64, |size, _| size.saturating_mul(base)))
            }
            TextKind::Isbn => Some(1_000_000_000),
            TextKind::PostalCode => Some(100_000),
            TextKind::CountryCode => Some(words::COUNTRIES.len() as u64),
            TextKind::CurrencyCode => Some(words::CURRENCIES.len() as u64),
            _ => None,
        }
    }

    /// Appends one value to `out`.
    pub(crate) fn write(&mut self, context: &mut RowContext, rng: &mut Rng, out: &mut String) {
        match self.kind {
            TextKind::FirstName => out.push_str(words::FIRST_NAMES[context.person(rng).0]),
            TextKind::LastName => out.push_str(words::LAST_NAMES[context.person(rng).1]),
            TextKind::FullName => {
                let (first, last) = context.person(rng);
                out.push_str(words::FIRST_NAMES[first]);
                out.push(' ');
                out.push_str(words::LAST_NAMES[last]);
            }
            TextKind::Email | TextKind::Username => {
                let (first, last) = context.person(rng);
                let counter = &mut self.counters[first * words::LAST_NAMES.len() + last];
                *counter += 1;
                let count = *counter;
                push_lower(out, words::FIRST_NAMES[first]);
                if self.kind == TextKind::Email {
                    out.push('.');
                }
                push_lower(out, words::LAST_NAMES[last]);
                if count > 1 {
                    push_int(out, i64::from(count));
                }
                if self.kind == TextKind::Email {
                    out.push('@');
                    out.push_str(rng.pick(words::DOMAINS));
                }
            }
            TextKind::Phone => {
                const CODES: &[&str] = &[
                    "+1 ", "+44 ", "+33 ", "+49 ", "+34 ", "+39 ", "+31 ", "+61 ",
                ];
                out.push_str(rng.pick(CODES));
                push_digits(out, rng.between(200, 999) as u64, 3);
                out.push('-');
                push_digits(out, rng.below(1000), 3);
                out.push('-');
                push_digits(out, rng.below(10_000), 4);
            }
            TextKind::StreetAddress => {
                push_int(out, rng.between(1, 9999));
                out.push(' ');
                out.push_str(rng.pick(words::STREETS));
                out.push(' ');
                out.push_str(rng.pick(words::STREET_KINDS));
            }
            TextKind::City => out.push_str(words::CITIES[context.place(rng)].0),
            TextKind::Country => {
                out.push_str(words::COUNTRIES[words::CITIES[context.place(rng)].1].0)
            }
            TextKind::CountryCode => {
                out.push_str(words::COUNTRIES[words::CITIES[context.place(rng)].1].1)
            }
            TextKind::State => out.push_str(rng.pick(words::STATES)),
            TextKind::PostalCode => push_digits(out, rng.below(100_000), 5),
            TextKind::Company => {
                out.push_str(rng.pick(words::COMPANY_WORDS));
                out.push(' ');
                out.push_str(rng.pick(words::COMPANY_KINDS));
                if rng.chance(0.3) {
                    out.push(' ');
                    out.push_str(rng.pick(words::COMPANY_FORMS));
                }
            }
            TextKind::JobTitle => out.push_str(rng.pick(words::JOB_TITLES)),
            TextKind::Title => match rng.below(4) {
                0 => {
                    out.push_str("The ");
                    out.push_str(rng.pick(words::ADJECTIVES));
                    out.push(' ');
                    out.push_str(rng.pick(words::NOUNS));
                }
                1 => {
                    out.push_str(rng.pick(words::ADJECTIVES));
                    out.push(' ');
                    out.push_str(rng.pick(words::NOUNS));
                }
                2 => {
                    out.push_str("The ");
                    out.push_str(rng.pick(words::NOUNS));
                    out.push_str(" of the ");
                    out.push_str(rng.pick(words::ADJECTIVES));
                    out.push(' ');
                    out.push_str(rng.pick(words::NOUNS));
                }
                _ => {
                    out.push_str(rng.pick(words::NOUNS));
                    out.push_str(" and ");
                    out.push_str(rng.pick(words::NOUNS));
                }
            },
            TextKind::Isbn => {
                let body = match &self.dealer {
                    Some(dealer) => dealer.peek().unwrap_or_else(|| rng.below(1_000_000_000)),
                    None => rng.below(1_000_000_000),
                };
                push_isbn(out, body);
            }
            TextKind::Url => {
                out.push_str("https://www.");
                out.push_str(rng.pick(words::WEB_DOMAINS));
                out.push('/');
                out.push_str(rng.pick(words::WORDS));
                out.push('/');
                push_lower(out, rng.pick(words::ADJECTIVES));
                out.push('-');
                push_lower(out, rng.pick(words::NOUNS));
                out.push('-');
                push_int(out, rng.between(1, 99_999));
            }
            TextKind::Domain => {
                push_lower(out, rng.pick(words::COMPANY_WORDS));
                push_lower(out, rng.pick(words::NOUNS));
                out.push_str(".example");
            }
            TextKind::Ipv4 => {
                push_int(out, rng.between(1, 223));
                for _ in 0..3 {
                    out.push('.');
                    push_int(out, rng.between(0, 254));
                }
            }
            TextKind::Word => out.push_str(rng.pick(words::WORDS)),
            TextKind::Words => {
                let count = rng.between(1, 3);
                for index in 0..count {
                    if index > 0 {
                        out.push(' ');
                    }
                    let list = if rng.chance(0.5) {
                        words::ADJECTIVES
                    } else {
                        words::NOUNS
                    };
                    out.push_str(rng.pick(list));
                }
            }
            TextKind::Sentence => push_sentence(out, rng),
            TextKind::Paragraph => {
                let count = rng.between(2, 5);
                for index in 0..count {
                    if index > 0 {
                        out.push(' ');
                    }
                    push_sentence(out, rng);
                }
            }
            TextKind::Code { digits } => {
                let number = match &self.dealer {
                    Some(dealer) => dealer.peek().unwrap_or_else(|| rng.next_u64()),
                    None => rng.next_u64(),
                };
                push_code(out, number, self.code_length, digits);
            }
            TextKind::Color => out.push_str(rng.pick(words::COLORS)),
            TextKind::CurrencyCode => out.push_str(rng.pick(words::CURRENCIES)),
            TextKind::Product => {
                out.push_str(rng.pick(words::ADJECTIVES));
                out.push(' ');
                out.push_str(rng.pick(words::PRODUCTS));
            }
            TextKind::Category => out.push_str(rng.pick(words::CATEGORIES)),
            TextKind::Slug => {
                push_lower(out, rng.pick(words::ADJECTIVES));
                out.push('-');
                push_lower(out, rng.pick(words::NOUNS));
                out.push('-');
                push_int(out, rng.between(1, 9999));
            }
            TextKind::PasswordHash => {
                const ALPHABET: &[u8] =
                    b"./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
                out.push_str("$2b$12$");
                for _ in 0..53 {
                    out.push(char::from(ALPHABET[rng.index(ALPHABET.len())]));
                }
            }
            TextKind::Json => {
                out.push_str("{\"id\": ");
                push_int(out, rng.between(1, 100_000));
                out.push_str(", \"tag\": \"");
                out.push_str(rng.pick(words::WORDS));
                out.push_str("\", \"active\": ");
                out.push_str(if rng.chance(0.5) { "true" } else { "false" });
                out.push('}');
            }
            TextKind::WordArray => {
                out.push('{');
                for index in 0..rng.between(1, 4) {
                    if index > 0 {
                        out.push(',');
                    }
                    out.push('"');
                    out.push_str(rng.pick(words::WORDS));
                    out.push('"');
                }
                out.push('}');
            }
            TextKind::IntegerArray => {
                out.push('{');
                for index in 0..rng.between(1, 5) {
                    if index > 0 {
                        out.push(',');
                    }
                    push_int(out, rng.between(1, 1000));
                }
                out.push('}');
            }
            TextKind::Lexemes => {
                for index in 0..rng.between(3, 8) {
                    if index > 0 {
                        out.push(' ');
                    }
                    push_lower(out, rng.pick(words::WORDS));
                }
            }
            TextKind::Point => {
                out.push('(');
                crate::calendar::push_decimal(out, i128::from(rng.between(-18_000, 18_000)), 2);
                out.push(',');
                crate::calendar::push_decimal(out, i128::from(rng.between(-9_000, 9_000)), 2);
                out.push(')');
            }
            TextKind::Interval => {
                push_int(out, rng.between(1, 90));
                out.push_str(" days");
            }
        }
    }
}

#[inline]
fn push_lower(out: &mut String, word: &str) {
    for byte in word.bytes() {
        if byte != b' ' {
            out.push(char::from(byte.to_ascii_lowercase()));
        }
    }
}

fn push_capitalised(out: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

#[inline]
fn push_digits(out: &mut String, value: u64, width: usize) {
    crate::calendar::push_padded(out, value as i64, width);
}

fn push_sentence(out: &mut String, rng: &mut Rng) {
    let count = rng.between(6, 14);
    for index in 0..count {
        let word = rng.pick(words::WORDS);
        if index == 0 {
            push_capitalised(out, word);
        } else {
            out.push(' ');
            out.push_str(word);
        }
    }
    out.push('.');
}

/// Writes `number` as `length` characters of base 10 or 36 (upper-case letters).
fn push_code(out: &mut String, mut number: u64, length: usize, digits: bool) {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let base = if digits { 10 } else { 36 };
    let mut code = [b'0'; 64];
    let length = length.min(64);
    for slot in code[..length].iter_mut().rev() {
        *slot = ALPHABET[(number % base) as usize];
        number /= base;
    }
    for byte in &code[..length] {
        out.push(char::from(*byte));
    }
}

/// Writes an ISBN-13 (`978-` prefix, hyphenated) from a 9-digit body, with a valid check digit.
pub(crate) fn push_isbn(out: &mut String, body: u64) {
    let mut digits = [9u8, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    let mut rest = body % 1_000_000_000;
    for slot in digits[3..12].iter_mut().rev() {
        *slot = (rest % 10) as u8;
        rest /= 10;
    }
    let sum: u32 = digits[..12]
        .iter()
        .enumerate()
        .map(|(index, digit)| u32::from(*digit) * if index % 2 == 0 { 1 } else { 3 })
        .sum();
    digits[12] = ((10 - sum % 10) % 10) as u8;
    for (index, digit) in digits.iter().enumerate() {
        if matches!(index, 3 | 4 | 8 | 12) {
            out.push('-');
        }
        out.push(char::from(b'0' + digit));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn isbn_is_valid(text: &str) -> bool {
        let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
        digits.len() == 13
            && digits
                .iter()
                .enumerate()
                .map(|(index, digit)| digit * if index % 2 == 0 { 1 } else { 3 })
                .sum::<u32>()
                % 10
                == 0
    }

    #[test]
    fn isbns_have_valid_check_digits() {
        let mut out = String::new();
        push_isbn(&mut out, 30_640_615);
        assert_eq!(out, "978-0-3064-0615-7");
        let mut rng = Rng::stream(1, "isbn");
        for _ in 0..1000 {
            let mut isbn = String::new();
            push_isbn(&mut isbn, rng.below(1_000_000_000));
            assert!(isbn_is_valid(&isbn), "{isbn}");
        }
    }

    #[test]
    fn emails_follow_the_row_person_and_never_repeat() {
        let mut rng = Rng::stream(5, "people");
        let mut name = TextGenerator::new(TextKind::FullName, 0, 255, None, &mut rng);
        let mut email = TextGenerator::new(TextKind::Email, 0, 255, Some(50_000), &mut rng);
        let mut seen = std::collections::HashSet::new();
        let mut context = RowContext::default();
        for _ in 0..50_000 {
            context.reset();
            let (mut full, mut address) = (String::new(), String::new());
            name.write(&mut context, &mut rng, &mut full);
            email.write(&mut context, &mut rng, &mut address);
            let (first, last) = full.split_once(' ').expect("two names");
            assert!(
                address.starts_with(&format!("{}.{}", first.to_lowercase(), last.to_lowercase())),
                "{full} {address}"
            );
            assert!(seen.insert(address.clone()), "{address} twice");
        }
    }

    #[test]
    fn unique_codes_are_distinct_and_of_the_asked_length() {
        let mut rng = Rng::stream(2, "codes");
        let mut codes = TextGenerator::new(
            TextKind::Code { digits: true },
            16,
            16,
            Some(10_000),
            &mut rng,
        );
        let mut seen = std::collections::HashSet::new();
        let mut context = RowContext::default();
        for _ in 0..10_000 {
            let mut code = String::new();
            codes.write(&mut context, &mut rng, &mut code);
            let mut again = String::new();
            codes.write(&mut context, &mut rng, &mut again);
            assert_eq!(code, again, "the same code until it is taken");
            codes.advance();
            assert_eq!(code.len(), 16);
            assert!(code.bytes().all(|b| b.is_ascii_digit()));
            assert!(seen.insert(code));
        }
    }
}

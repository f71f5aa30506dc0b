//! What a column probably holds, judged from its name, its table's name and its type.

use dbkit_model::{Column, ColumnType, Table};

use super::text::TextKind;
use crate::calendar::days_from_civil;

/// A plausible way to fill a column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Guess {
    /// Text of this kind.
    Text(TextKind),
    /// Numbers between `low` and `high`; `skew` makes small values more common.
    Number { low: f64, high: f64, skew: bool },
    /// Dates (or the timestamps within them) between two day numbers.
    Days { low: i64, high: i64 },
    /// Times of day between two second counts.
    Seconds { low: i64, high: i64 },
    /// Booleans, true with this probability.
    Bool(f64),
    /// Nothing specific: fill by type alone.
    ByType,
}

/// The words of a column or table name: `borrowedAt` and `borrowed_at` give `borrowed`, `at`.
pub(crate) fn words_of(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for character in name.chars() {
        if !character.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if character.is_uppercase() && previous_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = character.is_lowercase() || character.is_ascii_digit();
        current.extend(character.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

fn has(words: &[String], candidates: &[&str]) -> bool {
    words.iter().any(|word| candidates.contains(&word.as_str()))
}

fn starts(words: &[String], prefixes: &[&str]) -> bool {
    words
        .iter()
        .any(|word| prefixes.iter().any(|prefix| word.starts_with(prefix)))
}

fn day(year: i64, month: u32, day_of_month: u32) -> i64 {
    days_from_civil(year, month, day_of_month)
}

/// Whether rows of a table named `table` are people.
fn is_person_table(table: &str) -> bool {
    const PEOPLE: &[&str] = &[
        "author",
        "member",
        "user",
        "customer",
        "employee",
        "staff",
        "student",
        "people",
        "person",
        "actor",
        "contact",
        "patient",
        "teacher",
        "client",
        "artist",
        "writer",
        "player",
        "driver",
        "owner",
        "guest",
        "reader",
        "subscriber",
        "instructor",
        "doctor",
        "manager",
        "agent",
        "borrower",
        "visitor",
        "participant",
        "volunteer",
        "tenant",
        "buyer",
        "seller",
        "director",
        "musician",
        "speaker",
        "passenger",
        "worker",
        "editor",
        "translator",
        "illustrator",
    ];
    let words = words_of(table);
    words
        .iter()
        .any(|word| PEOPLE.iter().any(|person| word.starts_with(person)))
}

fn is_company_table(table: &str) -> bool {
    const COMPANIES: &[&str] = &[
        "publisher",
        "compan",
        "supplier",
        "vendor",
        "manufacturer",
        "organi",
        "brand",
        "firm",
        "agenc",
        "bank",
        "label",
        "studio",
        "carrier",
        "shipper",
        "employer",
        "partner",
        "sponsor",
    ];
    words_of(table)
        .iter()
        .any(|word| COMPANIES.iter().any(|company| word.starts_with(company)))
}

/// The plausible content of `column` of `table`.
pub(crate) fn guess(table: &Table, column: &Column) -> Guess {
    let words = words_of(&column.name);
    let table_words = words_of(&table.name);
    match &column.column_type {
        ColumnType::Char { length } | ColumnType::Varchar { length } => {
            guess_text(&table.name, &table_words, &words, Some(*length as usize))
        }
        ColumnType::Text | ColumnType::MediumText | ColumnType::LongText => {
            guess_text(&table.name, &table_words, &words, None)
        }
        ColumnType::TinyText => guess_text(&table.name, &table_words, &words, Some(255)),
        ColumnType::Json => Guess::Text(TextKind::Json),
        ColumnType::Boolean => guess_boolean(&words),
        ColumnType::Date | ColumnType::Timestamp | ColumnType::TimestampTz => guess_days(&words),
        ColumnType::Time => Guess::Seconds {
            low: 7 * 3600,
            high: 21 * 3600,
        },
        column_type if column_type.is_numeric() => guess_number(&words, column_type),
        _ => Guess::ByType,
    }
}

fn guess_text(
    table: &str,
    table_words: &[String],
    words: &[String],
    length: Option<usize>,
) -> Guess {
    let short = length.is_some_and(|length| length <= 3);
    let kind = if has(words, &["email", "mail", "e-mail"]) {
        TextKind::Email
    } else if has(words, &["first", "given", "forename", "firstname"])
        && has(words, &["name", "firstname"])
        || has(words, &["firstname", "forename"])
    {
        TextKind::FirstName
    } else if has(words, &["last", "family", "surname", "lastname"])
        && (has(words, &["name"]) || has(words, &["surname", "lastname"]))
    {
        TextKind::LastName
    } else if has(words, &["username", "login", "handle", "nickname"])
        || (has(words, &["user", "screen"]) && has(words, &["name"]))
    {
        TextKind::Username
    } else if has(
        words,
        &["phone", "telephone", "mobile", "cell", "fax", "tel"],
    ) {
        TextKind::Phone
    } else if has(words, &["isbn", "isbn13"]) {
        TextKind::Isbn
    } else if has(
        words,
        &[
            "url", "website", "homepage", "link", "href", "site", "avatar", "image", "photo",
            "picture",
        ],
    ) {
        TextKind::Url
    } else if has(words, &["domain", "hostname", "host"]) {
        TextKind::Domain
    } else if has(words, &["ip", "ipv4"]) {
        TextKind::Ipv4
    } else if has(words, &["address", "street"]) {
        TextKind::StreetAddress
    } else if has(words, &["city", "town"]) {
        TextKind::City
    } else if has(words, &["state", "province", "region", "county"]) {
        TextKind::State
    } else if has(words, &["zip", "zipcode", "postcode", "postal"]) {
        TextKind::PostalCode
    } else if has(words, &["country", "nationality"]) {
        if short || has(words, &["code", "iso"]) {
            TextKind::CountryCode
        } else {
            TextKind::Country
        }
    } else if has(words, &["currency"]) {
        TextKind::CurrencyCode
    } else if has(
        words,
        &[
            "company",
            "employer",
            "organization",
            "organisation",
            "publisher",
            "manufacturer",
            "brand",
            "vendor",
            "supplier",
        ],
    ) {
        TextKind::Company
    } else if has(words, &["job", "occupation", "profession"]) {
        TextKind::JobTitle
    } else if has(words, &["title", "headline"]) {
        if table_words.iter().any(|word| {
            word.starts_with("job") || word.starts_with("position") || word.starts_with("employee")
        }) {
            TextKind::JobTitle
        } else {
            TextKind::Title
        }
    } else if has(words, &["slug"]) {
        TextKind::Slug
    } else if has(words, &["password", "hash", "digest"]) {
        TextKind::PasswordHash
    } else if has(words, &["color", "colour"]) {
        TextKind::Color
    } else if has(
        words,
        &["barcode", "ean", "upc", "card", "account", "pin", "iban"],
    ) {
        TextKind::Code { digits: true }
    } else if has(
        words,
        &[
            "code",
            "sku",
            "serial",
            "reference",
            "ref",
            "number",
            "no",
            "license",
            "licence",
            "plate",
            "ticket",
            "token",
            "key",
        ],
    ) {
        TextKind::Code { digits: false }
    } else if has(
        words,
        &[
            "tag",
            "keyword",
            "genre",
            "category",
            "topic",
            "subject",
            "department",
        ],
    ) {
        TextKind::Category
    } else if has(words, &["product", "item"]) {
        TextKind::Product
    } else if has(
        words,
        &[
            "description",
            "bio",
            "biography",
            "about",
            "summary",
            "notes",
            "note",
            "comment",
            "comments",
            "body",
            "content",
            "message",
            "review",
            "text",
            "details",
            "remarks",
            "abstract",
            "instructions",
        ],
    ) {
        if length.is_some_and(|length| length <= 120) {
            TextKind::Sentence
        } else {
            TextKind::Paragraph
        }
    } else if has(words, &["author", "contact", "person", "owner", "fullname"])
        || (has(words, &["full"]) && has(words, &["name"]))
    {
        TextKind::FullName
    } else if has(words, &["name"]) {
        name_of_table(table, table_words)
    } else {
        match length {
            Some(length) if length <= 10 => TextKind::Code { digits: false },
            Some(length) if length <= 80 => TextKind::Words,
            Some(_) => TextKind::Sentence,
            None => TextKind::Paragraph,
        }
    };
    Guess::Text(kind)
}

/// What the `name` column of a table holds.
fn name_of_table(table: &str, table_words: &[String]) -> TextKind {
    if is_person_table(table) {
        TextKind::FullName
    } else if is_company_table(table) {
        TextKind::Company
    } else if has(table_words, &["city", "cities", "town", "towns"]) {
        TextKind::City
    } else if has(table_words, &["country", "countries"]) {
        TextKind::Country
    } else if starts(
        table_words,
        &[
            "categor",
            "genre",
            "tag",
            "subject",
            "topic",
            "department",
            "section",
            "group",
        ],
    ) {
        TextKind::Category
    } else if starts(table_words, &["product", "item", "article"]) {
        TextKind::Product
    } else if starts(
        table_words,
        &[
            "book", "album", "film", "movie", "track", "song", "course", "project", "event",
        ],
    ) {
        TextKind::Title
    } else {
        TextKind::Words
    }
}

fn guess_boolean(words: &[String]) -> Guess {
    if has(
        words,
        &[
            "deleted",
            "archived",
            "banned",
            "blocked",
            "suspended",
            "locked",
            "spam",
            "overdue",
        ],
    ) {
        Guess::Bool(0.05)
    } else if has(
        words,
        &[
            "active",
            "enabled",
            "visible",
            "published",
            "verified",
            "available",
            "confirmed",
            "valid",
            "stock",
        ],
    ) {
        Guess::Bool(0.85)
    } else {
        Guess::Bool(0.5)
    }
}

fn guess_days(words: &[String]) -> Guess {
    if starts(words, &["birth", "dob", "born"]) {
        Guess::Days {
            low: day(1940, 1, 1),
            high: day(2006, 12, 31),
        }
    } else if starts(
        words,
        &["expir", "expires", "due", "deadline", "valid", "until"],
    ) {
        Guess::Days {
            low: day(2025, 1, 1),
            high: day(2028, 12, 31),
        }
    } else {
        Guess::Days {
            low: day(2018, 1, 1),
            high: day(2024, 12, 31),
        }
    }
}

fn guess_number(words: &[String], column_type: &ColumnType) -> Guess {
    let number = |low: f64, high: f64, skew: bool| Guess::Number { low, high, skew };
    if has(words, &["salary", "wage", "income"]) {
        number(20_000.0, 150_000.0, false)
    } else if has(
        words,
        &[
            "fee", "fine", "charge", "tax", "discount", "penalty", "shipping", "tip",
        ],
    ) {
        number(0.5, 50.0, true)
    } else if has(words, &["balance"]) {
        number(0.0, 10_000.0, true)
    } else if has(words, &["price", "cost"]) {
        number(1.0, 500.0, true)
    } else if has(
        words,
        &[
            "amount", "total", "subtotal", "payment", "revenue", "budget", "paid",
        ],
    ) {
        number(5.0, 5_000.0, true)
    } else if has(words, &["stock", "inventory"]) {
        number(0.0, 500.0, true)
    } else if has(
        words,
        &[
            "quantity", "qty", "count", "units", "copies", "items", "num", "number",
        ],
    ) {
        number(1.0, 100.0, true)
    } else if has(words, &["age"]) {
        number(18.0, 90.0, false)
    } else if has(words, &["rating", "stars"]) {
        number(1.0, 5.0, false)
    } else if has(words, &["score", "percent", "percentage", "progress"]) {
        number(0.0, 100.0, false)
    } else if has(
        words,
        &[
            "position", "rank", "sort", "order", "priority", "seq", "sequence", "line", "ordinal",
            "level", "step", "index",
        ],
    ) {
        number(1.0, 10.0, true)
    } else if starts(words, &["year"]) {
        number(1950.0, 2024.0, false)
    } else if has(words, &["month"]) {
        number(1.0, 12.0, false)
    } else if has(words, &["day"]) {
        number(1.0, 28.0, false)
    } else if has(words, &["hour", "hours"]) {
        number(0.0, 23.0, false)
    } else if has(
        words,
        &["minute", "minutes", "duration", "length", "runtime"],
    ) {
        number(1.0, 240.0, false)
    } else if has(words, &["weight"]) {
        number(0.1, 100.0, true)
    } else if has(words, &["height"]) {
        number(140.0, 210.0, false)
    } else if has(words, &["width", "depth"]) {
        number(1.0, 300.0, false)
    } else if has(words, &["latitude", "lat"]) {
        number(-90.0, 90.0, false)
    } else if has(words, &["longitude", "lng", "lon", "long"]) {
        number(-180.0, 180.0, false)
    } else if has(words, &["pages", "page"]) {
        number(50.0, 1200.0, false)
    } else if has(words, &["population"]) {
        number(1_000.0, 10_000_000.0, true)
    } else if has(words, &["capacity", "size", "seats"]) {
        number(1.0, 500.0, true)
    } else if has(words, &["version"]) {
        number(1.0, 20.0, true)
    } else {
        match column_type {
            ColumnType::SmallInt => number(1.0, 100.0, false),
            ColumnType::Int => number(1.0, 1_000.0, false),
            ColumnType::BigInt => number(1.0, 1_000_000.0, false),
            _ => number(0.0, 1_000.0, false),
        }
    }
}

/// The share of NULLs in a nullable column: more for things that have often not happened yet.
pub(crate) fn null_fraction(column: &Column) -> f64 {
    let words = words_of(&column.name);
    if starts(
        &words,
        &[
            "return", "delet", "end", "close", "cancel", "terminat", "died", "death", "archiv",
            "complet", "finish", "resolv", "paid", "ship", "deliver",
        ],
    ) {
        0.4
    } else {
        0.1
    }
}

/// Whether a column named `later` is expected to come after one named `earlier`, both dates or
/// times (a due date after a borrow date, an update after a creation).
pub(crate) fn comes_after(later: &str, earlier: &str) -> bool {
    const PAIRS: &[(&[&str], &[&str])] = &[
        (
            &["updated", "modified", "changed", "edited"],
            &["created", "inserted", "added"],
        ),
        (
            &[
                "due",
                "returned",
                "expires",
                "expiry",
                "expiration",
                "ends",
                "end",
                "finished",
                "completed",
                "closed",
                "resolved",
                "until",
            ],
            &[
                "borrowed", "started", "start", "starts", "created", "opened", "issued", "begins",
                "begin", "ordered", "from", "joined", "checked", "placed", "lent", "loaned",
            ],
        ),
        (&["shipped"], &["ordered", "placed", "created", "paid"]),
        (
            &["delivered", "received"],
            &["shipped", "ordered", "sent", "placed"],
        ),
        (&["deleted", "archived"], &["created"]),
        (&["died", "death"], &["born", "birth"]),
        (&["out"], &["in"]),
        (&["to"], &["from"]),
        (&["paid"], &["issued", "invoiced", "ordered", "created"]),
    ];
    let later_words = words_of(later);
    let earlier_words = words_of(earlier);
    PAIRS.iter().any(|(after, before)| {
        has(&later_words, after) && has(&earlier_words, before) && !has(&earlier_words, after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_names_into_words() {
        assert_eq!(words_of("borrowed_at"), ["borrowed", "at"]);
        assert_eq!(words_of("firstName"), ["first", "name"]);
        assert_eq!(words_of("ISBN13"), ["isbn13"]);
    }

    #[test]
    fn knows_which_dates_come_later() {
        assert!(comes_after("due_on", "borrowed_at"));
        assert!(comes_after("returned_at", "borrowed_at"));
        assert!(comes_after("updated_at", "created_at"));
        assert!(!comes_after("borrowed_at", "due_on"));
        assert!(!comes_after("created_at", "updated_at"));
    }
}

//! Facts about tables that several rules share: what a junction table is, when a foreign key
//! is meant to be one-to-one, which columns are money.

use dbkit_model::{ColumnType, ForeignKey, Table, TableKind};

use crate::words::{mentions, singular, words};

/// Columns a pure link table may carry besides its foreign keys and a surrogate `id`.
const BOOKKEEPING_COLUMNS: &[&str] = &[
    "created_at",
    "updated_at",
    "created_on",
    "updated_on",
    "added_at",
    "added_on",
    "position",
    "sort_order",
    "ordinal",
];

/// The foreign keys of `table` if it is a junction table: one expanded from a `many_to_many`
/// relationship, or a written table with at least two foreign keys to different tables that
/// either holds nothing but those keys (plus an `id` and bookkeeping columns such as
/// `created_at` or `position`), or is named after two of the tables it references.
pub(crate) fn junction_keys(table: &Table) -> Option<Vec<&ForeignKey>> {
    let keys: Vec<&ForeignKey> = table.foreign_keys.iter().collect();
    if matches!(table.kind, TableKind::Junction { .. }) {
        return Some(keys);
    }
    let mut targets: Vec<&str> = keys
        .iter()
        .map(|key| key.referenced_table.as_str())
        .collect();
    targets.sort_unstable();
    targets.dedup();
    if keys.len() < 2 || targets.len() < 2 {
        return None;
    }
    let link_only = table.columns.iter().all(|column| {
        column.auto_increment
            || BOOKKEEPING_COLUMNS.contains(&column.name.as_str())
            || keys.iter().any(|key| key.columns.contains(&column.name))
    });
    let named_after_two = targets
        .iter()
        .filter(|target| mentions(&table.name, target))
        .count()
        >= 2;
    (link_only || named_after_two).then_some(keys)
}

/// Words that mark a table as one-to-one with the table named in `<singular>_<suffix>`.
const ONE_TO_ONE_SUFFIXES: &[&str] = &[
    "profile",
    "profiles",
    "detail",
    "details",
    "setting",
    "settings",
    "preference",
    "preferences",
    "extension",
    "extensions",
];

/// Why `foreign_key` of `table` looks meant to be one-to-one, if it does. The documented hints:
/// the comment of the table or of the key's column says "one-to-one", "one to one", "1:1",
/// "1-to-1", "at most one" or "one ... per <singular of the referenced table>"; or the table is
/// named `<singular of the referenced table>_<profile|details|settings|preferences|extension>`
/// (as in `user_profiles` for `users`). Self-references never are.
pub(crate) fn one_to_one_hint(table: &Table, foreign_key: &ForeignKey) -> Option<String> {
    if foreign_key.referenced_table == table.name {
        return None;
    }
    let target_singular = singular(&foreign_key.referenced_table);
    let column_comments = foreign_key
        .columns
        .iter()
        .filter_map(|name| table.column(name))
        .filter_map(|column| column.comment.as_deref());
    for comment in table.comment.as_deref().into_iter().chain(column_comments) {
        let lower = comment.to_lowercase();
        let marker = ["one-to-one", "one to one", "1:1", "1-to-1", "at most one"]
            .iter()
            .find(|marker| lower.contains(*marker));
        if let Some(marker) = marker {
            return Some(format!("its comment says \"{marker}\""));
        }
        let per = format!(" per {target_singular}");
        if lower.starts_with("one ") && lower.contains(&per) {
            return Some(format!("its comment says \"one ...{per}\""));
        }
    }
    let name_words = words(&table.name);
    if let [.., last] = name_words.as_slice()
        && ONE_TO_ONE_SUFFIXES.contains(last)
        && table.name == format!("{target_singular}_{last}")
    {
        return Some(format!(
            "its name \"{}\" reads as one {} per {target_singular}",
            table.name,
            singular(last)
        ));
    }
    None
}

/// Words that name an amount of money.
const MONEY_WORDS: &[&str] = &[
    "price", "prices", "amount", "cost", "costs", "fee", "fees", "total", "subtotal", "balance",
    "salary", "wage", "wages", "payment", "tax", "discount", "revenue", "charge", "budget",
    "refund", "deposit",
];

/// Whether the column name reads as an amount of money (`unit_price`, `total`, `late_fee`).
pub(crate) fn is_money_name(name: &str) -> bool {
    words(&name.to_ascii_lowercase())
        .iter()
        .any(|word| MONEY_WORDS.contains(word))
}

/// Whether the type is a binary floating-point type.
pub(crate) fn is_floating_point(column_type: &ColumnType) -> bool {
    matches!(column_type, ColumnType::Real | ColumnType::Double)
}

/// Whether the type holds free text (where a list could hide).
pub(crate) fn is_text(column_type: &ColumnType) -> bool {
    column_type == &ColumnType::Json
        || (column_type.is_string()
            && !matches!(column_type, ColumnType::Enum { .. } | ColumnType::Uuid))
}

/// Whether the type is a variable-length string (`varchar` or one of the text types).
pub(crate) fn is_variable_string(column_type: &ColumnType) -> bool {
    column_type.is_string()
        && !matches!(
            column_type,
            ColumnType::Char { .. } | ColumnType::Enum { .. } | ColumnType::Uuid
        )
}

/// The columns of the foreign keys of `table`.
pub(crate) fn foreign_key_columns(table: &Table) -> Vec<&str> {
    table
        .foreign_keys
        .iter()
        .flat_map(|key| key.columns.iter().map(String::as_str))
        .collect()
}

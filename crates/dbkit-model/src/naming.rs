//! The naming convention for constraints and indexes, and keeping names within length limits.
//!
//! | Object | Name |
//! |---|---|
//! | primary key | `pk_<table>` |
//! | foreign key | `fk_<table>_<columns>` |
//! | unique constraint (column shorthand) | `uq_<table>_<columns>` |
//! | index added for a foreign key or a junction | `idx_<table>_<columns>` |
//! | CHECK that enforces a type (enum, boolean, json) | `ck_<table>_<column>` |
//!
//! `<columns>` joins the column names with `_`. Names written by the user are kept as written.
//! A generated name longer than [`GENERATED_NAME_LIMIT`] is cut and ends with `_` and eight
//! hexadecimal digits of a hash of the full name, so it stays unique and the same on every run.

/// The longest generated name: PostgreSQL's limit (63), the smallest of the built-in dialects.
pub const GENERATED_NAME_LIMIT: usize = 63;

/// The primary key name of `table`.
pub fn primary_key_name(table: &str) -> String {
    fit(format!("pk_{table}"))
}

/// The foreign key name for `columns` of `table`.
pub fn foreign_key_name(table: &str, columns: &[String]) -> String {
    fit(format!("fk_{table}_{}", columns.join("_")))
}

/// The unique constraint name for `columns` of `table`.
pub fn unique_name(table: &str, columns: &[String]) -> String {
    fit(format!("uq_{table}_{}", columns.join("_")))
}

/// The index name for `columns` of `table`.
pub fn index_name(table: &str, columns: &[String]) -> String {
    fit(format!("idx_{table}_{}", columns.join("_")))
}

/// The name of a CHECK constraint that enforces the type of `column` (an enum's values, say).
pub fn type_check_name(table: &str, column: &str) -> String {
    fit(format!("ck_{table}_{column}"))
}

/// Cuts `name` to [`GENERATED_NAME_LIMIT`] bytes, ending it with a hash of the full name.
pub fn fit(name: String) -> String {
    if name.len() <= GENERATED_NAME_LIMIT {
        return name;
    }
    let hash = format!("{:08x}", fnv1a(name.as_bytes()));
    let mut keep = GENERATED_NAME_LIMIT - hash.len() - 1;
    while !name.is_char_boundary(keep) {
        keep -= 1;
    }
    format!("{}_{hash}", &name[..keep])
}

/// The 32-bit FNV-1a hash: small, stable across platforms and releases.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193)
    })
}

/// The singular of an English table name, for junction column names (`categories` → `category`).
pub fn singular(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with("ies") && name.len() > 3 {
        format!("{}y", &name[..name.len() - 3])
    } else if ["sses", "xes", "ches", "shes", "zzes"]
        .iter()
        .any(|suffix| lower.ends_with(suffix))
    {
        name[..name.len() - 2].to_string()
    } else if lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us") {
        name[..name.len() - 1].to_string()
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_the_convention() {
        let columns = vec!["parent_id".to_string(), "name".to_string()];
        assert_eq!(primary_key_name("books"), "pk_books");
        assert_eq!(
            foreign_key_name("books", &columns[..1]),
            "fk_books_parent_id"
        );
        assert_eq!(
            unique_name("categories", &columns),
            "uq_categories_parent_id_name"
        );
        assert_eq!(index_name("loans", &columns[..1]), "idx_loans_parent_id");
    }

    #[test]
    fn long_names_are_cut_to_the_limit_with_a_stable_hash() {
        let table = "a_table_with_a_name_that_is_long_enough_to_need_cutting";
        let columns = vec!["another_quite_long_column_name".to_string()];
        let name = foreign_key_name(table, &columns);
        assert_eq!(name.len(), GENERATED_NAME_LIMIT);
        assert_eq!(name, foreign_key_name(table, &columns));
        assert_ne!(
            name,
            foreign_key_name(table, &["another_quite_long_column_name_2".to_string()])
        );
        assert!(name.starts_with("fk_a_table_with_a_name"));
    }

    #[test]
    fn the_documented_example_of_a_cut_name_holds() {
        let columns = vec!["warehouse_location_id".to_string(), "shelf_id".to_string()];
        let name = foreign_key_name("order_line_items_with_a_rather_long_name", &columns);
        assert_eq!(
            name,
            "fk_order_line_items_with_a_rather_long_name_warehouse__e194fd37"
        );
        assert_eq!(name.len(), GENERATED_NAME_LIMIT);
    }

    #[test]
    fn singular_of_common_table_names() {
        for (plural, expected) in [
            ("books", "book"),
            ("categories", "category"),
            ("addresses", "address"),
            ("boxes", "box"),
            ("status", "status"),
            ("staff", "staff"),
        ] {
            assert_eq!(singular(plural), expected);
        }
    }
}

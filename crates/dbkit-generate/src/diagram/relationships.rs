//! The relationships a schema's foreign keys express, and how each reads in English.

use dbkit_model::{ForeignKey, Schema, Table, TableKind, naming};

/// How many rows one end of a relationship allows, as crow's-foot notation draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// At most one (a bar and a circle).
    ZeroOrOne,
    /// Exactly one (two bars).
    ExactlyOne,
    /// Any number (a crow's foot and a circle).
    ZeroOrMany,
}

impl End {
    /// The words for this many, as in "zero or more".
    pub fn words(self) -> &'static str {
        match self {
            End::ZeroOrOne => "at most one",
            End::ExactlyOne => "exactly one",
            End::ZeroOrMany => "zero or more",
        }
    }
}

/// One foreign key seen as a relationship between two tables.
#[derive(Debug, Clone, Copy)]
pub struct Relationship<'a> {
    /// The referencing table.
    pub child: &'a Table,
    /// The referenced table.
    pub parent: &'a Table,
    /// The foreign key.
    pub foreign_key: &'a ForeignKey,
    /// How many parent rows each child row has: exactly one, or at most one when nullable.
    pub parent_end: End,
    /// How many child rows each parent row has: zero or more, or at most one when the foreign
    /// key's columns are unique.
    pub child_end: End,
    /// Whether the foreign key is part of the child's primary key.
    pub identifying: bool,
}

/// Every foreign key of the schema as a relationship, in table order.
pub fn relationships(schema: &Schema) -> Vec<Relationship<'_>> {
    let mut list = Vec::new();
    for child in &schema.tables {
        for foreign_key in &child.foreign_keys {
            let Some(parent) = schema.table(&foreign_key.referenced_table) else {
                continue;
            };
            let nullable = foreign_key
                .columns
                .iter()
                .any(|name| child.column(name).is_some_and(|column| column.nullable));
            let identifying = child.primary_key.as_ref().is_some_and(|key| {
                foreign_key
                    .columns
                    .iter()
                    .all(|column| key.columns.contains(column))
            });
            list.push(Relationship {
                child,
                parent,
                foreign_key,
                parent_end: if nullable {
                    End::ZeroOrOne
                } else {
                    End::ExactlyOne
                },
                child_end: if child.has_unique_key(&foreign_key.columns) {
                    End::ZeroOrOne
                } else {
                    End::ZeroOrMany
                },
                identifying,
            });
        }
    }
    list
}

/// `member_cards` → `member card`.
pub(crate) fn noun(table: &str) -> String {
    naming::singular(table).replace('_', " ")
}

/// `member_cards` → `member cards`.
pub(crate) fn nouns(table: &str) -> String {
    table.replace('_', " ")
}

/// "a" or "an" before `word`.
pub(crate) fn article(word: &str) -> &'static str {
    let vowel = word
        .chars()
        .next()
        .is_some_and(|first| matches!(first.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u'));
    if vowel { "an" } else { "a" }
}

fn capitalized(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

/// The relationship in plain English: "A member has zero or more loans; each loan belongs to
/// exactly one member." A foreign key not named after its table is named in parentheses, as
/// in "(through parent_id)".
pub fn sentence(relationship: &Relationship<'_>) -> String {
    let parent = noun(&relationship.parent.name);
    let child_one = noun(&relationship.child.name);
    let child_many = nouns(&relationship.child.name);
    let columns = relationship.foreign_key.columns.join(", ");
    let conventional = relationship.foreign_key.columns.len() == 1
        && columns == format!("{}_id", naming::singular(&relationship.parent.name));
    let through = if conventional {
        String::new()
    } else {
        format!(" (through {columns})")
    };
    let has = match relationship.child_end {
        End::ZeroOrMany => format!("zero or more {child_many}"),
        End::ZeroOrOne | End::ExactlyOne => format!("at most one {child_one}"),
    };
    format!(
        "{} {parent} has {has}{through}; each {child_one} belongs to {} {parent}.",
        capitalized(article(&parent)),
        relationship.parent_end.words(),
    )
}

/// For a junction table, the many-to-many sentence: "Books and authors are linked many-to-many
/// through book_authors: a book has zero or more authors, and an author zero or more books."
pub(crate) fn junction_sentence(schema: &Schema, table: &Table) -> Option<String> {
    let TableKind::Junction { left, right } = &table.kind else {
        return None;
    };
    schema.table(left)?;
    schema.table(right)?;
    let (left_one, right_one) = (noun(left), noun(right));
    Some(format!(
        "{} and {} are linked many-to-many through {}: {} {left_one} has zero or more {}, and {} {right_one} zero or more {}.",
        capitalized(&nouns(left)),
        nouns(right),
        table.name,
        article(&left_one),
        nouns(right),
        article(&right_one),
        nouns(left),
    ))
}

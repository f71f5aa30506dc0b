//! The rules of the example `schema.toml`, tried one by one with hand-written rows, as a user of
//! the library system would meet them.

use crate::Outcome;
use crate::build::build_schema;
use crate::database::Database;
use crate::enforcement::expect_refused;
use crate::fixtures::example_fixture;
use crate::rejection::RejectionKind::{self, Check, ForeignKey, InvalidValue, NotNull, Unique};

/// Builds the example schema on the empty database `db`.
pub fn build_example(db: &mut dyn Database) -> Outcome {
    build_schema(db, &example_fixture())
}

fn run(db: &mut dyn Database, sql: &str) -> Outcome {
    db.execute_ok(sql).map(drop)
}

/// Runs `sql`, which must be refused with one of `kinds`, naming `constraint` (unless empty)
/// where the database names one.
fn refuse(db: &mut dyn Database, sql: &str, kinds: &[RejectionKind], constraint: &str) -> Outcome {
    let names: &[&str] = if constraint.is_empty() {
        &[]
    } else {
        &[constraint]
    };
    expect_refused(db, sql, kinds, names).map_err(|error| format!("{}: {error}", db.describe()))
}

fn count(db: &mut dyn Database, table: &str, condition: &str) -> Outcome<i64> {
    db.query_integer(&format!("SELECT COUNT(*) FROM {table} WHERE {condition}"))
}

fn id_of(db: &mut dyn Database, table: &str, column: &str, value: &str) -> Outcome<i64> {
    db.query_integer(&format!(
        "SELECT id FROM {table} WHERE {column} = '{value}'"
    ))
}

fn expect(what: &str, actual: i64, expected: i64) -> Outcome {
    if actual == expected {
        Ok(())
    } else {
        Err(format!("{what}: expected {expected}, found {actual}"))
    }
}

/// A book, a member and one copy of the book; returns (book id, member id, copy id).
fn book_member_copy(db: &mut dyn Database, suffix: &str) -> Outcome<(i64, i64, i64)> {
    run(
        db,
        &format!("INSERT INTO books (title) VALUES ('Book {suffix}')"),
    )?;
    let book = id_of(db, "books", "title", &format!("Book {suffix}"))?;
    run(
        db,
        &format!(
            "INSERT INTO members (name, email) VALUES ('Member {suffix}', '{suffix}@example.org')"
        ),
    )?;
    let member = id_of(db, "members", "email", &format!("{suffix}@example.org"))?;
    run(
        db,
        &format!("INSERT INTO copies (book_id, barcode) VALUES ({book}, 'C-{suffix}')"),
    )?;
    let copy = id_of(db, "copies", "barcode", &format!("C-{suffix}"))?;
    Ok((book, member, copy))
}

/// A copy of a book that does not exist, an author link to a missing author and a loan to a
/// missing member are refused by their foreign keys.
pub fn rejects_orphans(db: &mut dyn Database) -> Outcome {
    build_example(db)?;
    let (book, member, copy) = book_member_copy(db, "a")?;
    refuse(
        db,
        &format!(
            "INSERT INTO copies (book_id, barcode) VALUES ({}, 'C-orphan')",
            book + 1000
        ),
        &[ForeignKey],
        "fk_copies_book_id",
    )?;
    refuse(
        db,
        &format!("INSERT INTO book_authors (book_id, author_id) VALUES ({book}, 999)"),
        &[ForeignKey],
        "fk_book_authors_author_id",
    )?;
    refuse(
        db,
        &format!(
            "INSERT INTO loans (copy_id, member_id, due_on) VALUES ({copy}, {}, '2030-01-31')",
            member + 1000
        ),
        &[ForeignKey],
        "fk_loans_member_id",
    )?;
    run(
        db,
        &format!(
            "INSERT INTO loans (copy_id, member_id, due_on) VALUES ({copy}, {member}, '2030-01-31')"
        ),
    )?;
    expect("copies", count(db, "copies", "1 = 1")?, 1)
}

/// Repeating a unique value is refused: a publisher name, a member's e-mail, a second card for
/// one member (one-to-one), an author linked twice to a book, a category name under the same
/// parent. Unique columns still take any number of NULLs.
pub fn rejects_duplicates(db: &mut dyn Database) -> Outcome {
    build_example(db)?;
    run(db, "INSERT INTO publishers (name) VALUES ('Penguin')")?;
    refuse(
        db,
        "INSERT INTO publishers (name) VALUES ('Penguin')",
        &[Unique],
        "uq_publishers_name",
    )?;

    let (book, member, _) = book_member_copy(db, "a")?;
    refuse(
        db,
        "INSERT INTO members (name, email) VALUES ('Twin', 'a@example.org')",
        &[Unique],
        "uq_members_email",
    )?;
    run(
        db,
        &format!(
            "INSERT INTO member_cards (member_id, card_number, expires_on) VALUES ({member}, 'CARD000000000001', '2030-12-31')"
        ),
    )?;
    refuse(
        db,
        &format!(
            "INSERT INTO member_cards (member_id, card_number, expires_on) VALUES ({member}, 'CARD000000000002', '2030-12-31')"
        ),
        &[Unique],
        "uq_member_cards_member_id",
    )?;

    run(db, "INSERT INTO authors (name) VALUES ('Ursula')")?;
    let author = id_of(db, "authors", "name", "Ursula")?;
    run(
        db,
        &format!("INSERT INTO book_authors (book_id, author_id) VALUES ({book}, {author})"),
    )?;
    refuse(
        db,
        &format!(
            "INSERT INTO book_authors (book_id, author_id, position) VALUES ({book}, {author}, 2)"
        ),
        &[Unique],
        "pk_book_authors",
    )?;

    run(db, "INSERT INTO categories (name) VALUES ('Fiction')")?;
    run(db, "INSERT INTO categories (name) VALUES ('Science')")?;
    let fiction = id_of(db, "categories", "name", "Fiction")?;
    let science = id_of(db, "categories", "name", "Science")?;
    run(
        db,
        &format!("INSERT INTO categories (name, parent_id) VALUES ('Classics', {fiction})"),
    )?;
    refuse(
        db,
        &format!("INSERT INTO categories (name, parent_id) VALUES ('Classics', {fiction})"),
        &[Unique],
        "name_in_parent",
    )?;
    run(
        db,
        &format!("INSERT INTO categories (name, parent_id) VALUES ('Classics', {science})"),
    )?;

    run(
        db,
        "INSERT INTO books (title, isbn) VALUES ('No ISBN 1', NULL)",
    )?;
    run(
        db,
        "INSERT INTO books (title, isbn) VALUES ('No ISBN 2', NULL)",
    )?;
    expect(
        "books without an ISBN",
        count(db, "books", "isbn IS NULL")?,
        3,
    )
}

/// NULL is refused in NOT NULL columns and accepted in nullable ones.
pub fn rejects_nulls(db: &mut dyn Database) -> Outcome {
    build_example(db)?;
    refuse(
        db,
        "INSERT INTO authors (name, country) VALUES (NULL, 'Chile')",
        &[NotNull],
        "",
    )?;
    run(
        db,
        "INSERT INTO authors (name, country) VALUES ('Isabel', NULL)",
    )?;
    let (book, member, copy) = book_member_copy(db, "a")?;
    refuse(
        db,
        &format!("INSERT INTO copies (book_id, barcode) VALUES ({book}, NULL)"),
        &[NotNull],
        "",
    )?;
    refuse(
        db,
        &format!("INSERT INTO loans (copy_id, member_id, due_on) VALUES ({copy}, {member}, NULL)"),
        &[NotNull],
        "",
    )?;
    refuse(
        db,
        "INSERT INTO member_cards (member_id, card_number, expires_on) VALUES (NULL, 'CARD000000000001', '2030-12-31')",
        &[NotNull],
        "",
    )
}

/// The CHECK constraints hold at their edges: a book from the year 1000 and a negative fee are
/// refused; 1450, 2100, a missing year and a zero fee are fine.
pub fn rejects_check_violations(db: &mut dyn Database) -> Outcome {
    build_example(db)?;
    for year in [1000, 1449, 2101] {
        refuse(
            db,
            &format!(
                "INSERT INTO books (title, publication_year) VALUES ('Too old or new', {year})"
            ),
            &[Check],
            "sane_year",
        )?;
    }
    for (title, year) in [
        ("Gutenberg", "1450"),
        ("Future", "2100"),
        ("Undated", "NULL"),
    ] {
        run(
            db,
            &format!("INSERT INTO books (title, publication_year) VALUES ('{title}', {year})"),
        )?;
    }
    let (_, member, copy) = book_member_copy(db, "a")?;
    refuse(
        db,
        &format!(
            "INSERT INTO loans (copy_id, member_id, due_on, fee) VALUES ({copy}, {member}, '2030-01-31', -1)"
        ),
        &[Check],
        "fee_not_negative",
    )?;
    run(
        db,
        &format!(
            "INSERT INTO loans (copy_id, member_id, due_on, fee) VALUES ({copy}, {member}, '2030-01-31', 0)"
        ),
    )?;
    refuse(
        db,
        &format!("UPDATE loans SET fee = -0.01 WHERE copy_id = {copy}"),
        &[Check],
        "fee_not_negative",
    )
}

/// A copy's condition outside `new, good, worn, damaged` and a boolean that is neither true nor
/// false are refused.
pub fn rejects_values_outside_the_type(db: &mut dyn Database) -> Outcome {
    build_example(db)?;
    let condition = db.quote("condition");
    let (book, _, _) = book_member_copy(db, "a")?;
    refuse(
        db,
        &format!(
            "INSERT INTO copies (book_id, barcode, {condition}) VALUES ({book}, 'C-broken', 'broken')"
        ),
        &[Check, InvalidValue],
        "ck_copies_condition",
    )?;
    run(
        db,
        &format!(
            "INSERT INTO copies (book_id, barcode, {condition}) VALUES ({book}, 'C-worn', 'worn')"
        ),
    )?;
    refuse(
        db,
        "INSERT INTO members (name, email, is_active) VALUES ('Maybe', 'maybe@example.org', 2)",
        &[Check, InvalidValue],
        "ck_members_is_active",
    )?;
    run(
        db,
        "INSERT INTO members (name, email, is_active) VALUES ('Gone', 'gone@example.org', FALSE)",
    )
}

/// Deleting a publisher keeps its books and sets their `publisher_id` to NULL.
pub fn deleting_a_publisher_nulls_its_books(db: &mut dyn Database) -> Outcome {
    build_example(db)?;
    run(db, "INSERT INTO publishers (name) VALUES ('Gone Press')")?;
    run(db, "INSERT INTO publishers (name) VALUES ('Staying Press')")?;
    let gone = id_of(db, "publishers", "name", "Gone Press")?;
    let staying = id_of(db, "publishers", "name", "Staying Press")?;
    for (title, publisher) in [("One", gone), ("Two", gone), ("Three", staying)] {
        run(
            db,
            &format!("INSERT INTO books (title, publisher_id) VALUES ('{title}', {publisher})"),
        )?;
    }
    run(db, &format!("DELETE FROM publishers WHERE id = {gone}"))?;
    expect("books left", count(db, "books", "1 = 1")?, 3)?;
    expect(
        "books without a publisher",
        count(db, "books", "publisher_id IS NULL")?,
        2,
    )?;
    expect(
        "books of the other publisher",
        count(db, "books", &format!("publisher_id = {staying}"))?,
        1,
    )
}

/// Deleting a book deletes its copies and its author and category links, and nothing else.
pub fn deleting_a_book_deletes_its_copies(db: &mut dyn Database) -> Outcome {
    build_example(db)?;
    let (book, _, _) = book_member_copy(db, "a")?;
    let (other, _, _) = book_member_copy(db, "b")?;
    run(
        db,
        &format!("INSERT INTO copies (book_id, barcode) VALUES ({book}, 'C-a2')"),
    )?;
    run(db, "INSERT INTO authors (name) VALUES ('Ursula')")?;
    let author = id_of(db, "authors", "name", "Ursula")?;
    run(db, "INSERT INTO categories (name) VALUES ('Fiction')")?;
    let category = id_of(db, "categories", "name", "Fiction")?;
    for linked in [book, other] {
        run(
            db,
            &format!("INSERT INTO book_authors (book_id, author_id) VALUES ({linked}, {author})"),
        )?;
        run(
            db,
            &format!(
                "INSERT INTO book_categories (book_id, category_id) VALUES ({linked}, {category})"
            ),
        )?;
    }
    run(db, &format!("DELETE FROM books WHERE id = {book}"))?;
    expect(
        "copies of the deleted book",
        count(db, "copies", &format!("book_id = {book}"))?,
        0,
    )?;
    expect(
        "copies of the other book",
        count(db, "copies", &format!("book_id = {other}"))?,
        1,
    )?;
    expect("author links left", count(db, "book_authors", "1 = 1")?, 1)?;
    expect(
        "category links left",
        count(db, "book_categories", "1 = 1")?,
        1,
    )?;
    expect("authors", count(db, "authors", "1 = 1")?, 1)?;
    expect("categories", count(db, "categories", "1 = 1")?, 1)
}

/// Deleting a category deletes its whole subtree (self-reference with cascade), not its siblings.
pub fn deleting_a_category_deletes_its_subtree(db: &mut dyn Database) -> Outcome {
    build_example(db)?;
    run(db, "INSERT INTO categories (name) VALUES ('Fiction')")?;
    run(db, "INSERT INTO categories (name) VALUES ('Science')")?;
    let fiction = id_of(db, "categories", "name", "Fiction")?;
    let science = id_of(db, "categories", "name", "Science")?;
    run(
        db,
        &format!("INSERT INTO categories (name, parent_id) VALUES ('Classics', {fiction})"),
    )?;
    let classics = id_of(db, "categories", "name", "Classics")?;
    run(
        db,
        &format!("INSERT INTO categories (name, parent_id) VALUES ('Greek', {classics})"),
    )?;
    run(
        db,
        &format!("INSERT INTO categories (name, parent_id) VALUES ('Physics', {science})"),
    )?;
    let (book, _, _) = book_member_copy(db, "a")?;
    run(
        db,
        &format!("INSERT INTO book_categories (book_id, category_id) VALUES ({book}, {classics})"),
    )?;
    run(db, &format!("DELETE FROM categories WHERE id = {fiction}"))?;
    expect("categories left", count(db, "categories", "1 = 1")?, 2)?;
    expect(
        "Science and Physics",
        count(db, "categories", "name IN ('Science', 'Physics')")?,
        2,
    )?;
    expect(
        "category links left",
        count(db, "book_categories", "1 = 1")?,
        0,
    )
}

/// A member's card goes with the member (one-to-one with cascade).
pub fn deleting_a_member_deletes_their_card(db: &mut dyn Database) -> Outcome {
    build_example(db)?;
    let (_, member, _) = book_member_copy(db, "a")?;
    run(
        db,
        &format!(
            "INSERT INTO member_cards (member_id, card_number, expires_on) VALUES ({member}, 'CARD000000000001', '2030-12-31')"
        ),
    )?;
    run(db, &format!("DELETE FROM members WHERE id = {member}"))?;
    expect("cards left", count(db, "member_cards", "1 = 1")?, 0)
}

/// `on_delete = "restrict"` protects loans: their copy and member cannot be deleted, not even
/// through a cascade from the book, until the loan is gone.
pub fn restrict_protects_loans(db: &mut dyn Database) -> Outcome {
    build_example(db)?;
    let (book, member, copy) = book_member_copy(db, "a")?;
    run(
        db,
        &format!(
            "INSERT INTO loans (copy_id, member_id, due_on) VALUES ({copy}, {member}, '2030-01-31')"
        ),
    )?;
    refuse(
        db,
        &format!("DELETE FROM copies WHERE id = {copy}"),
        &[ForeignKey],
        "fk_loans_copy_id",
    )?;
    refuse(
        db,
        &format!("DELETE FROM members WHERE id = {member}"),
        &[ForeignKey],
        "fk_loans_member_id",
    )?;
    refuse(
        db,
        &format!("DELETE FROM books WHERE id = {book}"),
        &[ForeignKey],
        "fk_loans_copy_id",
    )?;
    expect("copies", count(db, "copies", "1 = 1")?, 1)?;
    run(db, &format!("DELETE FROM loans WHERE copy_id = {copy}"))?;
    run(db, &format!("DELETE FROM books WHERE id = {book}"))?;
    expect(
        "copies after the book went",
        count(db, "copies", "1 = 1")?,
        0,
    )
}

/// Surrogate keys are generated, and omitted columns get their defaults: a copy is in `good`
/// condition, a member is active and joined now, a loan has no fee and was borrowed now, an
/// author comes first.
pub fn fills_defaults_and_generates_ids(db: &mut dyn Database) -> Outcome {
    build_example(db)?;
    let (book, member, copy) = book_member_copy(db, "a")?;
    let (_, second_member, _) = book_member_copy(db, "b")?;
    if second_member <= member {
        return Err(format!(
            "the second member got id {second_member}, the first {member}"
        ));
    }
    let condition = db.quote("condition");
    expect(
        "copies in good condition",
        count(db, "copies", &format!("{condition} = 'good'"))?,
        2,
    )?;
    expect(
        "active members",
        count(
            db,
            "members",
            "(CASE WHEN is_active THEN 1 ELSE 0 END) = 1 AND joined_at IS NOT NULL",
        )?,
        2,
    )?;
    run(
        db,
        &format!(
            "INSERT INTO loans (copy_id, member_id, due_on) VALUES ({copy}, {member}, '2030-01-31')"
        ),
    )?;
    expect(
        "loans without a fee",
        count(db, "loans", "fee = 0 AND borrowed_at IS NOT NULL")?,
        1,
    )?;
    run(db, "INSERT INTO authors (name) VALUES ('Ursula')")?;
    let author = id_of(db, "authors", "name", "Ursula")?;
    run(
        db,
        &format!("INSERT INTO book_authors (book_id, author_id) VALUES ({book}, {author})"),
    )?;
    expect(
        "first authors",
        count(db, "book_authors", "position = 1")?,
        1,
    )
}

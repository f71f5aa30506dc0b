"""Runs every function of the example project's generated Python module on a real database.

Usage: python3 library_scenario.py <folder holding library_queries.py>

The driver and its connection come from the environment:

    DBKIT_HANDSHAKE_DRIVER   pymysql, psycopg or sqlite3
    DBKIT_HANDSHAKE_CONNECT  a JSON object of keyword arguments for the driver's connect()

The database must hold the example schema and nothing else. The script walks a small library
through its life (publishers, books, copies, members, cards, loans, categories, authors and the
two many-to-many links), checks what every function returns, and fails unless every function of
the module ran. Exit status 0 means every check passed.
"""

import datetime
import decimal
import importlib
import json
import os
import sys


def normal(value):
    """A value read back, in one form whatever the driver: dates as ISO text, numbers as float,
    booleans as int."""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dict):
        return {key: normal(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normal(item) for item in value]
    return value


def expect(what, actual, expected):
    actual = normal(actual)
    if actual != expected:
        raise AssertionError("%s: got %r, expected %r" % (what, actual, expected))


def expect_true(what, condition):
    if not condition:
        raise AssertionError(what)


def connect(driver, arguments):
    if driver == "pymysql":
        import pymysql

        return pymysql, pymysql.connect(autocommit=True, **arguments)
    if driver == "psycopg":
        import psycopg

        return psycopg, psycopg.connect(autocommit=True, **arguments)
    if driver == "sqlite3":
        import sqlite3

        connection = sqlite3.connect(isolation_level=None, **arguments)
        connection.execute("PRAGMA foreign_keys = ON")
        return sqlite3, connection
    raise SystemExit("unknown driver %r" % driver)


def main():
    sys.path.insert(0, sys.argv[1])
    q = importlib.import_module("library_queries")
    called = set()
    for name in q.__all__:
        function = getattr(q, name)

        def recorder(*arguments, _function=function, _name=name, **keywords):
            called.add(_name)
            return _function(*arguments, **keywords)

        setattr(q, name, recorder)

    driver = os.environ["DBKIT_HANDSHAKE_DRIVER"]
    module, conn = connect(driver, json.loads(os.environ["DBKIT_HANDSHAKE_CONNECT"]))
    expected_dialect = {"pymysql": "mysql", "psycopg": "postgres", "sqlite3": "sqlite"}[driver]
    expect("dialect", q.dialect_of(conn), expected_dialect)

    # Authors and publishers.
    ada = q.create_author(conn, "Ada", "UK")
    brian = q.create_author(conn, "Brian", None)
    expect_true("a new id is an int", isinstance(ada, int) and isinstance(brian, int) and ada < brian)
    expect("get_author", q.get_author(conn, ada), {"id": ada, "name": "Ada", "country": "UK"})
    expect("get_author missing", q.get_author(conn, brian + 1000), None)
    expect("list_authors", q.list_authors(conn, 1), [{"id": ada, "name": "Ada", "country": "UK"}])
    expect("list_authors_after", [row["id"] for row in q.list_authors_after(conn, ada, 10)], [brian])
    expect("list_authors_after the last", q.list_authors_after(conn, brian, 10), [])
    expect("count_authors", q.count_authors(conn), 2)
    expect("update_author", q.update_author(conn, "Ada L.", "United Kingdom", ada), 1)
    expect("get_author updated", q.get_author(conn, ada)["country"], "United Kingdom")

    penguin = q.create_publisher(conn, "Penguin")
    empty = q.create_publisher(conn, "Empty Press")
    expect("get_publisher", q.get_publisher(conn, penguin), {"id": penguin, "name": "Penguin"})
    expect("get_publisher_by_name", q.get_publisher_by_name(conn, "Empty Press"), {"id": empty, "name": "Empty Press"})
    expect("list_publishers", [row["name"] for row in q.list_publishers(conn, 5)], ["Penguin", "Empty Press"])
    expect("list_publishers_after", [row["id"] for row in q.list_publishers_after(conn, penguin, 5)], [empty])
    expect("count_publishers", q.count_publishers(conn), 2)
    expect("update_publisher", q.update_publisher(conn, "Penguin Books", penguin), 1)

    # Books, with and without a publisher; a missing publisher is a foreign key error.
    dune = q.create_book(conn, "Dune", "978-0441013593", 1965, penguin)
    emma = q.create_book(conn, "Emma", None, 1815, penguin)
    solo = q.create_book(conn, "Solo", "isbn-solo", None, None)
    expect(
        "get_book",
        q.get_book(conn, dune),
        {"id": dune, "title": "Dune", "isbn": "978-0441013593", "publication_year": 1965, "publisher_id": penguin},
    )
    expect("get_book_by_isbn", q.get_book_by_isbn(conn, "isbn-solo")["id"], solo)
    expect("get_book_by_isbn missing", q.get_book_by_isbn(conn, "nope"), None)
    expect("list_books", [row["id"] for row in q.list_books(conn, 2)], [dune, emma])
    expect("list_books_after", [row["id"] for row in q.list_books_after(conn, emma, 2)], [solo])
    expect("count_books", q.count_books(conn), 3)
    expect("list_books_by_publisher_id", [row["id"] for row in q.list_books_by_publisher_id(conn, penguin, 1)], [dune])
    expect(
        "list_books_by_publisher_id_after",
        [row["title"] for row in q.list_books_by_publisher_id_after(conn, penguin, dune, 5)],
        ["Emma"],
    )
    expect("list_books_by_publisher_id empty", q.list_books_by_publisher_id(conn, empty, 5), [])
    expect("get_publisher_of_book", q.get_publisher_of_book(conn, dune), {"id": penguin, "name": "Penguin Books"})
    expect("get_publisher_of_book without one", q.get_publisher_of_book(conn, solo), None)
    try:
        q.create_book(conn, "Orphan", "isbn-orphan", 2000, empty + 1000)
    except module.IntegrityError:
        pass
    else:
        raise AssertionError("create_book with a missing publisher was accepted")
    expect("update_book", q.update_book(conn, "Emma", "isbn-emma", 1816, None, emma), 1)
    expect("get_book updated", q.get_book(conn, emma)["publisher_id"], None)

    # Copies: the condition defaults to 'good'.
    first = q.create_copy(conn, dune, "BC-0001")
    second = q.create_copy(conn, dune, "BC-0002", condition="worn")
    expect("get_copy default", q.get_copy(conn, first), {"id": first, "book_id": dune, "barcode": "BC-0001", "condition": "good"})
    expect("get_copy_by_barcode", q.get_copy_by_barcode(conn, "BC-0002")["condition"], "worn")
    expect("list_copies", [row["id"] for row in q.list_copies(conn, 10)], [first, second])
    expect("list_copies_after", q.list_copies_after(conn, second, 10), [])
    expect("count_copies", q.count_copies(conn), 2)
    expect("list_copies_by_book_id", [row["id"] for row in q.list_copies_by_book_id(conn, dune, 1)], [first])
    expect("list_copies_by_book_id_after", [row["id"] for row in q.list_copies_by_book_id_after(conn, dune, first, 1)], [second])
    expect("get_book_of_copy", q.get_book_of_copy(conn, second)["title"], "Dune")
    expect("update_copy", q.update_copy(conn, emma, "BC-0002", "damaged", second), 1)
    expect("get_copy updated", q.get_copy(conn, second)["book_id"], emma)

    # Members: is_active and joined_at take their defaults when left out.
    mia = q.create_member(conn, "Mia", "mia@example.org", None)
    noah = q.create_member(conn, "Noah", "noah@example.org", "555-0100", is_active=False, joined_at="2024-01-02 03:04:05")
    created = q.get_member(conn, mia)
    expect("member is_active default", normal(created["is_active"]), 1)
    expect_true("member joined_at default", created["joined_at"] is not None)
    expect(
        "get_member",
        q.get_member(conn, noah),
        {"id": noah, "name": "Noah", "email": "noah@example.org", "phone": "555-0100", "is_active": 0, "joined_at": "2024-01-02 03:04:05"},
    )
    expect("get_member_by_email", q.get_member_by_email(conn, "mia@example.org")["id"], mia)
    expect("list_members", [row["id"] for row in q.list_members(conn, 5)], [mia, noah])
    expect("list_members_after", [row["id"] for row in q.list_members_after(conn, mia, 5)], [noah])
    expect("count_members", q.count_members(conn), 2)
    expect("update_member", q.update_member(conn, "Noah B.", "noah@example.org", None, True, "2024-01-02 03:04:05", noah), 1)
    expect("get_member updated", normal(q.get_member(conn, noah)["is_active"]), 1)

    # Member cards (one per member).
    card = q.create_member_card(conn, mia, "CARD000000000001", "2026-01-31")
    other_card = q.create_member_card(conn, noah, "CARD000000000002", "2027-01-31")
    expect(
        "get_member_card",
        q.get_member_card(conn, card),
        {"id": card, "member_id": mia, "card_number": "CARD000000000001", "expires_on": "2026-01-31"},
    )
    expect("get_member_card_by_member_id", q.get_member_card_by_member_id(conn, noah)["id"], other_card)
    expect("get_member_card_by_card_number", q.get_member_card_by_card_number(conn, "CARD000000000001")["member_id"], mia)
    expect("list_member_cards", [row["id"] for row in q.list_member_cards(conn, 1)], [card])
    expect("list_member_cards_after", [row["id"] for row in q.list_member_cards_after(conn, card, 1)], [other_card])
    expect("count_member_cards", q.count_member_cards(conn), 2)
    expect("list_member_cards_by_member_id", [row["id"] for row in q.list_member_cards_by_member_id(conn, mia, 5)], [card])
    expect("list_member_cards_by_member_id_after", q.list_member_cards_by_member_id_after(conn, mia, card, 5), [])
    expect("get_member_of_member_card", q.get_member_of_member_card(conn, other_card)["name"], "Noah B.")
    expect("update_member_card", q.update_member_card(conn, mia, "CARD000000000009", "2028-02-29", card), 1)
    expect("get_member_card updated", q.get_member_card(conn, card)["expires_on"], "2028-02-29")

    # Loans: borrowed_at and fee take their defaults.
    loan = q.create_loan(conn, first, mia, due_on="2024-06-01", returned_at=None)
    late = q.create_loan(conn, second, mia, "2024-05-15", None, borrowed_at="2024-05-01 10:00:00", fee="2.50")
    created = q.get_loan(conn, loan)
    expect("loan fee default", normal(created["fee"]), 0.0)
    expect_true("loan borrowed_at default", created["borrowed_at"] is not None)
    expect("get_loan", normal(q.get_loan(conn, late)["fee"]), 2.5)
    expect("list_loans", [row["id"] for row in q.list_loans(conn, 5)], [loan, late])
    expect("list_loans_after", [row["id"] for row in q.list_loans_after(conn, loan, 5)], [late])
    expect("count_loans", q.count_loans(conn), 2)
    expect("list_loans_by_copy_id", [row["id"] for row in q.list_loans_by_copy_id(conn, second, 5)], [late])
    expect("list_loans_by_copy_id_after", q.list_loans_by_copy_id_after(conn, second, late, 5), [])
    expect("list_loans_by_member_id", [row["id"] for row in q.list_loans_by_member_id(conn, mia, 1)], [loan])
    expect("list_loans_by_member_id_after", [row["id"] for row in q.list_loans_by_member_id_after(conn, mia, loan, 1)], [late])
    expect("get_copy_of_loan", q.get_copy_of_loan(conn, loan)["barcode"], "BC-0001")
    expect("get_member_of_loan", q.get_member_of_loan(conn, late)["email"], "mia@example.org")
    expect(
        "update_loan",
        q.update_loan(conn, first, noah, "2024-05-01 10:00:00", "2024-05-20", "2024-05-19 12:00:00", "0.75", late),
        1,
    )
    expect("get_loan updated", normal(q.get_loan(conn, late)["returned_at"]), "2024-05-19 12:00:00")

    # Categories: a tree; a unique key holding NULL finds nothing.
    fiction = q.create_category(conn, "Fiction", None)
    science_fiction = q.create_category(conn, "Science fiction", fiction)
    fantasy = q.create_category(conn, "Fantasy", fiction)
    expect("get_category", q.get_category(conn, fantasy), {"id": fantasy, "name": "Fantasy", "parent_id": fiction})
    expect("get_category_by_parent_id_and_name", q.get_category_by_parent_id_and_name(conn, fiction, "Fantasy")["id"], fantasy)
    expect("get_category_by_parent_id_and_name with NULL", q.get_category_by_parent_id_and_name(conn, None, "Fiction"), None)
    expect("list_categories", [row["id"] for row in q.list_categories(conn, 2)], [fiction, science_fiction])
    expect("list_categories_after", [row["id"] for row in q.list_categories_after(conn, science_fiction, 2)], [fantasy])
    expect("count_categories", q.count_categories(conn), 3)
    expect(
        "list_categories_by_parent_id",
        [row["name"] for row in q.list_categories_by_parent_id(conn, fiction, 5)],
        ["Science fiction", "Fantasy"],
    )
    expect(
        "list_categories_by_parent_id_after",
        [row["id"] for row in q.list_categories_by_parent_id_after(conn, fiction, science_fiction, 5)],
        [fantasy],
    )
    expect("get_parent_of_category", q.get_parent_of_category(conn, fantasy), {"id": fiction, "name": "Fiction", "parent_id": None})
    expect("get_parent_of_category of a root", q.get_parent_of_category(conn, fiction), None)
    expect("update_category", q.update_category(conn, "SF", fiction, science_fiction), 1)

    # Book authors: a junction with its own position column (default 1).
    expect("link_book_author", q.link_book_author(conn, dune, ada), None)
    q.link_book_author(conn, dune, brian, position=2)
    q.link_book_author(conn, emma, ada, position=3)
    expect("get_book_author", q.get_book_author(conn, dune, ada), {"book_id": dune, "author_id": ada, "position": 1})
    expect(
        "list_authors_of_book",
        q.list_authors_of_book(conn, dune, 5),
        [
            {"id": ada, "name": "Ada L.", "country": "United Kingdom", "position": 1},
            {"id": brian, "name": "Brian", "country": None, "position": 2},
        ],
    )
    expect("list_authors_of_book_after", [row["id"] for row in q.list_authors_of_book_after(conn, dune, ada, 5)], [brian])
    expect("list_books_of_author", [(row["title"], row["position"]) for row in q.list_books_of_author(conn, ada, 5)], [("Dune", 1), ("Emma", 3)])
    expect("list_books_of_author_after", [row["id"] for row in q.list_books_of_author_after(conn, ada, dune, 5)], [emma])
    expect("list_book_authors", [(row["book_id"], row["author_id"]) for row in q.list_book_authors(conn, 2)], [(dune, ada), (dune, brian)])
    expect("list_book_authors_after", [(row["book_id"], row["author_id"]) for row in q.list_book_authors_after(conn, dune, brian, 2)], [(emma, ada)])
    expect("count_book_authors", q.count_book_authors(conn), 3)
    expect("update_book_author", q.update_book_author(conn, 5, dune, brian), 1)
    expect("unlink_book_author", q.unlink_book_author(conn, dune, brian), 1)
    expect("unlink_book_author again", q.unlink_book_author(conn, dune, brian), 0)
    expect("list_authors_of_book after unlink", [row["id"] for row in q.list_authors_of_book(conn, dune, 5)], [ada])
    try:
        q.link_book_author(conn, dune, brian + 1000)
    except module.IntegrityError:
        pass
    else:
        raise AssertionError("link_book_author with a missing author was accepted")

    # Book categories: a junction with no column of its own.
    q.link_book_category(conn, dune, science_fiction)
    q.link_book_category(conn, emma, fiction)
    q.link_book_category(conn, dune, fiction)
    expect("get_book_category", q.get_book_category(conn, dune, fiction), {"book_id": dune, "category_id": fiction})
    expect("list_book_categories", [(row["book_id"], row["category_id"]) for row in q.list_book_categories(conn, 5)], [(dune, fiction), (dune, science_fiction), (emma, fiction)])
    expect("list_book_categories_after", q.list_book_categories_after(conn, emma, fiction, 5), [])
    expect("count_book_categories", q.count_book_categories(conn), 3)
    expect("list_categories_of_book", [row["name"] for row in q.list_categories_of_book(conn, dune, 5)], ["Fiction", "SF"])
    expect("list_categories_of_book_after", [row["id"] for row in q.list_categories_of_book_after(conn, dune, fiction, 5)], [science_fiction])
    expect("list_books_of_category", [row["id"] for row in q.list_books_of_category(conn, fiction, 1)], [dune])
    expect("list_books_of_category_after", [row["id"] for row in q.list_books_of_category_after(conn, fiction, dune, 1)], [emma])
    expect("unlink_book_category", q.unlink_book_category(conn, emma, fiction), 1)

    # Deleting, children first.
    expect("delete_loan", q.delete_loan(conn, late), 1)
    expect("get_loan deleted", q.get_loan(conn, late), None)
    expect("delete_member_card", q.delete_member_card(conn, other_card), 1)
    expect("delete_copy", q.delete_copy(conn, second), 1)
    expect("delete_category", q.delete_category(conn, fantasy), 1)
    expect("delete_book", q.delete_book(conn, solo), 1)
    expect("delete_member", q.delete_member(conn, noah), 1)
    expect("delete_member again", q.delete_member(conn, noah), 0)
    expect("delete_publisher", q.delete_publisher(conn, empty), 1)
    expect("delete_author", q.delete_author(conn, brian), 1)
    expect("get_author deleted", q.get_author(conn, brian), None)
    expect("count_authors after delete", q.count_authors(conn), 1)

    never = sorted(set(q.__all__) - called)
    if never:
        raise AssertionError("these functions never ran: %s" % ", ".join(never))
    conn.close()
    print("ok: %d functions ran on %s" % (len(called), expected_dialect))


if __name__ == "__main__":
    main()

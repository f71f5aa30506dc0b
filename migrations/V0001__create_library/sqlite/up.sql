-- V0001__create_library — applies it on SQLite
-- Written by `dbkit migrate new`. Review it before applying; once applied, leave it as it is
-- and put further changes in a new migration.
--
-- Changes:
--   + table authors (3 columns)
--   + table publishers (2 columns)
--   + table books (5 columns)
--   + table copies (4 columns)
--   + table members (6 columns)
--   + table member_cards (4 columns)
--   + table loans (7 columns)
--   + table categories (3 columns)
--   + table book_authors (3 columns)
--   + table book_categories (2 columns)

PRAGMA foreign_keys = OFF;

CREATE TABLE "authors" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_authors" PRIMARY KEY,
    "name" VARCHAR(255) NOT NULL,
    "country" VARCHAR(100)
);

CREATE TABLE "publishers" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_publishers" PRIMARY KEY,
    "name" VARCHAR(255) NOT NULL,
    CONSTRAINT "uq_publishers_name" UNIQUE ("name")
);

CREATE TABLE "books" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_books" PRIMARY KEY,
    "title" VARCHAR(255) NOT NULL,
    "isbn" VARCHAR(20),
    "publication_year" SMALLINT,
    "publisher_id" BIGINT,
    CONSTRAINT "uq_books_isbn" UNIQUE ("isbn"),
    CONSTRAINT "sane_year" CHECK ("publication_year" BETWEEN 1450 AND 2100),
    CONSTRAINT "fk_books_publisher_id" FOREIGN KEY ("publisher_id") REFERENCES "publishers" ("id") ON DELETE SET NULL ON UPDATE NO ACTION
);

CREATE INDEX "idx_books_publisher_id" ON "books" ("publisher_id");

CREATE TABLE "copies" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_copies" PRIMARY KEY,
    "book_id" BIGINT NOT NULL,
    "barcode" VARCHAR(32) NOT NULL,
    "condition" TEXT NOT NULL DEFAULT 'good',
    CONSTRAINT "uq_copies_barcode" UNIQUE ("barcode"),
    CONSTRAINT "ck_copies_condition" CHECK ("condition" IN ('new', 'good', 'worn', 'damaged')),
    CONSTRAINT "fk_copies_book_id" FOREIGN KEY ("book_id") REFERENCES "books" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
);

CREATE INDEX "idx_copies_book_id" ON "copies" ("book_id");

CREATE TABLE "members" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_members" PRIMARY KEY,
    "name" VARCHAR(255) NOT NULL,
    "email" VARCHAR(255) NOT NULL,
    "phone" VARCHAR(20),
    "is_active" BOOLEAN NOT NULL DEFAULT 1,
    "joined_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "uq_members_email" UNIQUE ("email"),
    CONSTRAINT "ck_members_is_active" CHECK ("is_active" IN (0, 1))
);

CREATE TABLE "member_cards" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_member_cards" PRIMARY KEY,
    "member_id" BIGINT NOT NULL,
    "card_number" CHAR(16) NOT NULL,
    "expires_on" DATE NOT NULL,
    CONSTRAINT "uq_member_cards_member_id" UNIQUE ("member_id"),
    CONSTRAINT "uq_member_cards_card_number" UNIQUE ("card_number"),
    CONSTRAINT "fk_member_cards_member_id" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
);

CREATE TABLE "loans" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_loans" PRIMARY KEY,
    "copy_id" BIGINT NOT NULL,
    "member_id" BIGINT NOT NULL,
    "borrowed_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "due_on" DATE NOT NULL,
    "returned_at" TIMESTAMP,
    "fee" NUMERIC(8,2) NOT NULL DEFAULT 0,
    CONSTRAINT "fee_not_negative" CHECK ("fee" >= 0),
    CONSTRAINT "fk_loans_copy_id" FOREIGN KEY ("copy_id") REFERENCES "copies" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
    CONSTRAINT "fk_loans_member_id" FOREIGN KEY ("member_id") REFERENCES "members" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION
);

CREATE INDEX "loans_by_due" ON "loans" ("due_on");

CREATE INDEX "idx_loans_copy_id" ON "loans" ("copy_id");

CREATE INDEX "idx_loans_member_id" ON "loans" ("member_id");

CREATE TABLE "categories" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_categories" PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "parent_id" BIGINT,
    CONSTRAINT "name_in_parent" UNIQUE ("parent_id", "name"),
    CONSTRAINT "fk_categories_parent_id" FOREIGN KEY ("parent_id") REFERENCES "categories" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
);

CREATE TABLE "book_authors" (
    "book_id" BIGINT NOT NULL,
    "author_id" BIGINT NOT NULL,
    "position" SMALLINT NOT NULL DEFAULT 1,
    CONSTRAINT "pk_book_authors" PRIMARY KEY ("book_id", "author_id"),
    CONSTRAINT "fk_book_authors_book_id" FOREIGN KEY ("book_id") REFERENCES "books" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,
    CONSTRAINT "fk_book_authors_author_id" FOREIGN KEY ("author_id") REFERENCES "authors" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
);

CREATE INDEX "idx_book_authors_author_id" ON "book_authors" ("author_id");

CREATE TABLE "book_categories" (
    "book_id" BIGINT NOT NULL,
    "category_id" BIGINT NOT NULL,
    CONSTRAINT "pk_book_categories" PRIMARY KEY ("book_id", "category_id"),
    CONSTRAINT "fk_book_categories_book_id" FOREIGN KEY ("book_id") REFERENCES "books" ("id") ON DELETE CASCADE ON UPDATE NO ACTION,
    CONSTRAINT "fk_book_categories_category_id" FOREIGN KEY ("category_id") REFERENCES "categories" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
);

CREATE INDEX "idx_book_categories_category_id" ON "book_categories" ("category_id");

PRAGMA foreign_key_check;

PRAGMA foreign_keys = ON;

-- V0001__create_library — applies it on MySQL / MariaDB
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

CREATE TABLE `authors` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(255) NOT NULL,
    `country` VARCHAR(100) NULL,
    PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='People who write books';

CREATE TABLE `publishers` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(255) NOT NULL,
    PRIMARY KEY (`id`),
    CONSTRAINT `uq_publishers_name` UNIQUE (`name`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `books` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `title` VARCHAR(255) NOT NULL,
    `isbn` VARCHAR(20) NULL,
    `publication_year` SMALLINT NULL,
    `publisher_id` BIGINT NULL,
    PRIMARY KEY (`id`),
    CONSTRAINT `uq_books_isbn` UNIQUE (`isbn`),
    INDEX `idx_books_publisher_id` (`publisher_id`),
    CONSTRAINT `sane_year` CHECK (`publication_year` BETWEEN 1450 AND 2100),
    CONSTRAINT `fk_books_publisher_id` FOREIGN KEY (`publisher_id`) REFERENCES `publishers` (`id`) ON DELETE SET NULL ON UPDATE NO ACTION
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `copies` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `book_id` BIGINT NOT NULL,
    `barcode` VARCHAR(32) NOT NULL,
    `condition` ENUM('new', 'good', 'worn', 'damaged') NOT NULL DEFAULT 'good',
    PRIMARY KEY (`id`),
    CONSTRAINT `uq_copies_barcode` UNIQUE (`barcode`),
    INDEX `idx_copies_book_id` (`book_id`),
    CONSTRAINT `fk_copies_book_id` FOREIGN KEY (`book_id`) REFERENCES `books` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `members` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(255) NOT NULL,
    `email` VARCHAR(255) NOT NULL,
    `phone` VARCHAR(20) NULL,
    `is_active` BOOLEAN NOT NULL DEFAULT 1,
    `joined_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (`id`),
    CONSTRAINT `uq_members_email` UNIQUE (`email`),
    CONSTRAINT `ck_members_is_active` CHECK (`is_active` IN (0, 1))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `member_cards` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `member_id` BIGINT NOT NULL,
    `card_number` CHAR(16) NOT NULL,
    `expires_on` DATE NOT NULL,
    PRIMARY KEY (`id`),
    CONSTRAINT `uq_member_cards_member_id` UNIQUE (`member_id`),
    CONSTRAINT `uq_member_cards_card_number` UNIQUE (`card_number`),
    CONSTRAINT `fk_member_cards_member_id` FOREIGN KEY (`member_id`) REFERENCES `members` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='One card per member (one-to-one)';

CREATE TABLE `loans` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `copy_id` BIGINT NOT NULL,
    `member_id` BIGINT NOT NULL,
    `borrowed_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    `due_on` DATE NOT NULL,
    `returned_at` DATETIME NULL,
    `fee` DECIMAL(8,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (`id`),
    INDEX `loans_by_due` (`due_on`),
    INDEX `idx_loans_copy_id` (`copy_id`),
    INDEX `idx_loans_member_id` (`member_id`),
    CONSTRAINT `fee_not_negative` CHECK (`fee` >= 0),
    CONSTRAINT `fk_loans_copy_id` FOREIGN KEY (`copy_id`) REFERENCES `copies` (`id`) ON DELETE RESTRICT ON UPDATE NO ACTION,
    CONSTRAINT `fk_loans_member_id` FOREIGN KEY (`member_id`) REFERENCES `members` (`id`) ON DELETE RESTRICT ON UPDATE NO ACTION
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `categories` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `name` VARCHAR(100) NOT NULL,
    `parent_id` BIGINT NULL,
    PRIMARY KEY (`id`),
    CONSTRAINT `name_in_parent` UNIQUE (`parent_id`, `name`),
    CONSTRAINT `fk_categories_parent_id` FOREIGN KEY (`parent_id`) REFERENCES `categories` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='A tree of subjects (self-reference)';

CREATE TABLE `book_authors` (
    `book_id` BIGINT NOT NULL,
    `author_id` BIGINT NOT NULL,
    `position` SMALLINT NOT NULL DEFAULT 1,
    PRIMARY KEY (`book_id`, `author_id`),
    INDEX `idx_book_authors_author_id` (`author_id`),
    CONSTRAINT `fk_book_authors_book_id` FOREIGN KEY (`book_id`) REFERENCES `books` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION,
    CONSTRAINT `fk_book_authors_author_id` FOREIGN KEY (`author_id`) REFERENCES `authors` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `book_categories` (
    `book_id` BIGINT NOT NULL,
    `category_id` BIGINT NOT NULL,
    PRIMARY KEY (`book_id`, `category_id`),
    INDEX `idx_book_categories_category_id` (`category_id`),
    CONSTRAINT `fk_book_categories_book_id` FOREIGN KEY (`book_id`) REFERENCES `books` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION,
    CONSTRAINT `fk_book_categories_category_id` FOREIGN KEY (`category_id`) REFERENCES `categories` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

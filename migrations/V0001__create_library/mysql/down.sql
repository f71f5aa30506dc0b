-- V0001__create_library — undoes it on MySQL / MariaDB
-- Written by `dbkit migrate new`. Review it before applying; once applied, leave it as it is
-- and put further changes in a new migration.
--
-- Changes:
--   - table book_categories
--   - table book_authors
--   - table categories
--   - table loans
--   - table member_cards
--   - table members
--   - table copies
--   - table books
--   - table publishers
--   - table authors

DROP TABLE IF EXISTS `book_categories`;

DROP TABLE IF EXISTS `book_authors`;

DROP TABLE IF EXISTS `categories`;

DROP TABLE IF EXISTS `loans`;

DROP TABLE IF EXISTS `member_cards`;

DROP TABLE IF EXISTS `members`;

DROP TABLE IF EXISTS `copies`;

DROP TABLE IF EXISTS `books`;

DROP TABLE IF EXISTS `publishers`;

DROP TABLE IF EXISTS `authors`;

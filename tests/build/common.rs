//! The tests every database runs, written once: `database_tests!(scratch)` expands them for a
//! database type, given an expression that makes a scratch database from a test name.

/// Expands the shared tests for one database.
macro_rules! database_tests {
    ($scratch:expr) => {
        use dbkit_tests::enforcement::Rule;
        use dbkit_tests::{Fixture, Outcome, all_fixtures, build, enforcement, example, fixtures};

        fn outcome_ok(outcome: Outcome) {
            if let Err(error) = outcome {
                panic!("{error}");
            }
        }

        fn failures(outcome: Outcome) -> Vec<String> {
            outcome.err().into_iter().collect()
        }

        fn scratch_for(fixture: &Fixture) -> impl dbkit_tests::Database + use<> {
            ($scratch)(fixture.name.as_str())
        }

        /// Every fixture's schema.sql builds exactly its tables on an empty database, and drop.sql
        /// leaves nothing behind, twice in a row.
        #[test]
        fn every_fixture_builds_and_drops() {
            build::for_every_fixture(&all_fixtures(), scratch_for, |db, fixture| {
                failures(build::builds_and_drops(db, fixture))
            });
        }

        /// NULL into any NOT NULL column of any fixture is refused.
        #[test]
        fn every_fixture_refuses_nulls() {
            enforcement::enforce_rule_on_every_fixture(&all_fixtures(), scratch_for, Rule::NotNull);
        }

        /// Repeating any primary key, unique constraint or unique index of any fixture is refused.
        #[test]
        fn every_fixture_refuses_duplicates() {
            enforcement::enforce_rule_on_every_fixture(&all_fixtures(), scratch_for, Rule::Unique);
        }

        /// A row pointing at a missing parent through any foreign key of any fixture is refused.
        #[test]
        fn every_fixture_refuses_orphans() {
            enforcement::enforce_rule_on_every_fixture(
                &all_fixtures(),
                scratch_for,
                Rule::ForeignKey,
            );
        }

        /// A value outside an enum's list, or a boolean other than true and false, is refused.
        #[test]
        fn every_fixture_refuses_values_outside_their_types() {
            enforcement::enforce_rule_on_every_fixture(
                &all_fixtures(),
                scratch_for,
                Rule::TypeValues,
            );
        }

        /// Values that break any CHECK of any fixture are refused.
        #[test]
        fn every_fixture_refuses_check_violations() {
            enforcement::enforce_rule_on_every_fixture(&all_fixtures(), scratch_for, Rule::Check);
        }

        /// Deleting a parent row does what every foreign key's on_delete says.
        #[test]
        fn every_fixture_follows_on_delete() {
            enforcement::enforce_rule_on_every_fixture(
                &all_fixtures(),
                scratch_for,
                Rule::OnDelete,
            );
        }

        /// Changing a parent row's key does what every foreign key's on_update says.
        #[test]
        fn every_fixture_follows_on_update() {
            enforcement::enforce_rule_on_every_fixture(
                &all_fixtures(),
                scratch_for,
                Rule::OnUpdate,
            );
        }

        /// drop.sql removes every fixture's tables after they were filled with rows.
        #[test]
        fn every_fixture_drops_when_filled() {
            build::for_every_fixture(&all_fixtures(), scratch_for, |db, fixture| {
                failures(enforcement::drops_when_filled(db, fixture))
            });
        }

        /// Tables in a foreign-key cycle are filled (NULL first, then linked) and dropped.
        #[test]
        fn foreign_key_cycles_fill_and_drop() {
            let cycles: Vec<Fixture> = all_fixtures()
                .into_iter()
                .filter(|fixture| {
                    !dbkit_model::creation_order(&fixture.schema)
                        .deferred
                        .is_empty()
                })
                .collect();
            assert!(!cycles.is_empty(), "no fixture has a foreign-key cycle");
            build::for_every_fixture(&cycles, scratch_for, |db, fixture| {
                failures(build::cycle_fills_and_drops(db, fixture))
            });
        }

        /// Tables named `order` and `group` exist by those exact names and take rows.
        #[test]
        fn reserved_words_round_trip() {
            let fixture = fixtures::fixture("reserved_words");
            let mut db = scratch_for(&fixture);
            outcome_ok(build::reserved_names_round_trip(&mut db, &fixture));
        }

        #[test]
        fn example_rejects_orphans() {
            outcome_ok(example::rejects_orphans(&mut ($scratch)("orphans")));
        }

        #[test]
        fn example_rejects_duplicates() {
            outcome_ok(example::rejects_duplicates(&mut ($scratch)("duplicates")));
        }

        #[test]
        fn example_rejects_nulls() {
            outcome_ok(example::rejects_nulls(&mut ($scratch)("nulls")));
        }

        #[test]
        fn example_rejects_check_violations() {
            outcome_ok(example::rejects_check_violations(&mut ($scratch)("checks")));
        }

        #[test]
        fn example_rejects_values_outside_the_type() {
            outcome_ok(example::rejects_values_outside_the_type(&mut ($scratch)(
                "types",
            )));
        }

        #[test]
        fn example_deleting_a_publisher_nulls_its_books() {
            outcome_ok(example::deleting_a_publisher_nulls_its_books(
                &mut ($scratch)("set_null"),
            ));
        }

        #[test]
        fn example_deleting_a_book_deletes_its_copies() {
            outcome_ok(example::deleting_a_book_deletes_its_copies(
                &mut ($scratch)("cascade"),
            ));
        }

        #[test]
        fn example_deleting_a_category_deletes_its_subtree() {
            outcome_ok(example::deleting_a_category_deletes_its_subtree(
                &mut ($scratch)("subtree"),
            ));
        }

        #[test]
        fn example_deleting_a_member_deletes_their_card() {
            outcome_ok(example::deleting_a_member_deletes_their_card(
                &mut ($scratch)("one_to_one"),
            ));
        }

        #[test]
        fn example_restrict_protects_loans() {
            outcome_ok(example::restrict_protects_loans(&mut ($scratch)(
                "restrict",
            )));
        }

        #[test]
        fn example_fills_defaults_and_generates_ids() {
            outcome_ok(example::fills_defaults_and_generates_ids(&mut ($scratch)(
                "defaults",
            )));
        }
    };
}

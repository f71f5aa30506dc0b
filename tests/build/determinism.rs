//! The same schema gives the same bytes, every time, for every dialect.

use dbkit_tests::fixtures::{Fixture, all_fixtures, dialects};

/// Every fixture, read twice from its file and rendered twice per dialect, gives identical
/// `schema.sql` and `drop.sql` text.
#[test]
fn building_twice_gives_identical_bytes() {
    for first in all_fixtures() {
        let path = dbkit_tests::fixtures::repository_root().join(&first.file);
        let second = Fixture::load(&first.name, &path);
        for dialect in dialects()
            .into_iter()
            .filter(|dialect| first.targets(*dialect))
        {
            let (one, two) = (first.scripts(dialect), second.scripts(dialect));
            let name = dialect.info().name;
            assert_eq!(
                one.create.render(),
                two.create.render(),
                "{} schema.sql for {name}",
                first.file
            );
            assert_eq!(
                one.drop.render(),
                two.drop.render(),
                "{} drop.sql for {name}",
                first.file
            );
            assert!(
                !one.create.statements.is_empty(),
                "{} renders no statements for {name}",
                first.file
            );
        }
    }
}

//! Whether the generated scripts build and remove a schema on a real, empty database.

use crate::Outcome;
use crate::database::{Catalog, Database};
use crate::filler::Filler;
use crate::fixture_rows::hand_written;
use crate::fixtures::Fixture;

/// The tables and columns `fixture` describes, as a catalog lists them.
pub fn expected_catalog(fixture: &Fixture) -> Catalog {
    fixture
        .schema
        .tables
        .iter()
        .map(|table| {
            (
                table.name.clone(),
                table
                    .columns
                    .iter()
                    .map(|column| column.name.clone())
                    .collect(),
            )
        })
        .collect()
}

/// Runs `schema.sql` of `fixture` as a whole text on the empty database `db` and checks that
/// exactly the schema's tables, with their columns in order, exist afterwards.
pub fn build_schema(db: &mut dyn Database, fixture: &Fixture) -> Outcome {
    let scripts = fixture.scripts(db.dialect());
    db.run_script(&scripts.create.render())
        .map_err(|error| format!("{}: schema.sql failed: {error}", fixture.file))?;
    let catalog = db.catalog()?;
    let expected = expected_catalog(fixture);
    if catalog != expected {
        return Err(format!(
            "{}: after schema.sql the database has\n  {catalog:?}\nbut the schema describes\n  {expected:?}",
            fixture.file
        ));
    }
    Ok(())
}

/// Runs `drop.sql` of `fixture` as a whole text and checks that nothing is left.
pub fn drop_schema(db: &mut dyn Database, fixture: &Fixture) -> Outcome {
    let scripts = fixture.scripts(db.dialect());
    db.run_script(&scripts.drop.render())
        .map_err(|error| format!("{}: drop.sql failed: {error}", fixture.file))?;
    let objects = db.objects()?;
    if !objects.is_empty() {
        return Err(format!("{}: drop.sql left {objects:?}", fixture.file));
    }
    Ok(())
}

/// On an empty database: `schema.sql` builds exactly the schema, `drop.sql` leaves nothing, and
/// the pair works a second time (nothing the first run left behind gets in the way).
pub fn builds_and_drops(db: &mut dyn Database, fixture: &Fixture) -> Outcome {
    let before = db.objects()?;
    if !before.is_empty() {
        return Err(format!("the scratch database is not empty: {before:?}"));
    }
    for _round in 0..2 {
        build_schema(db, fixture)?;
        drop_schema(db, fixture)?;
    }
    Ok(())
}

/// Runs `check` for every fixture on a fresh database from `scratch`, and fails with every
/// failure at once.
pub fn for_every_fixture<D: Database>(
    fixtures: &[Fixture],
    mut scratch: impl FnMut(&Fixture) -> D,
    check: impl Fn(&mut dyn Database, &Fixture) -> Vec<String>,
) {
    let mut failures = Vec::new();
    for fixture in fixtures {
        let mut db = scratch(fixture);
        if fixture.targets(db.dialect()) {
            failures.extend(check(&mut db, fixture));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// A schema with a foreign-key cycle can be filled, rows inserted with the closing key NULL and
/// then updated to point at each other, and `drop.sql` removes the filled tables.
pub fn cycle_fills_and_drops(db: &mut dyn Database, fixture: &Fixture) -> Outcome {
    let order = dbkit_model::creation_order(&fixture.schema);
    if order.deferred.is_empty() {
        return Err(format!("{} has no foreign-key cycle", fixture.file));
    }
    build_schema(db, fixture)?;
    let mut filler = Filler::new(&fixture.schema, hand_written(&fixture.name));
    filler.fill(db)?;
    for key_ref in &order.deferred {
        let table = &fixture.schema.tables[key_ref.table];
        let key = &table.foreign_keys[key_ref.foreign_key];
        let linked = key
            .columns
            .iter()
            .map(|column| format!("{} IS NOT NULL", db.quote(column)))
            .collect::<Vec<_>>()
            .join(" AND ");
        let sql = format!(
            "SELECT COUNT(*) FROM {} WHERE {linked}",
            db.quote(&table.name)
        );
        let count = db.query_integer(&sql)?;
        if count == 0 {
            return Err(format!(
                "{}: no row of {} points through the cycle-closing key {}",
                fixture.file, table.name, key.name
            ));
        }
    }
    drop_schema(db, fixture)
}

/// Tables named by SQL keywords (`order`, `group`) and odd names exist by exactly those names
/// after `schema.sql`, take rows through their quoted names, and go again with `drop.sql`.
pub fn reserved_names_round_trip(db: &mut dyn Database, fixture: &Fixture) -> Outcome {
    for name in ["order", "group"] {
        if fixture.schema.table(name).is_none() {
            return Err(format!("{} has no table named \"{name}\"", fixture.file));
        }
    }
    build_schema(db, fixture)?;
    let catalog = db.catalog()?;
    for name in ["order", "group"] {
        if !catalog.contains_key(name) {
            return Err(format!(
                "no table named exactly \"{name}\" in {:?}",
                catalog.keys()
            ));
        }
    }
    let mut filler = Filler::new(&fixture.schema, hand_written(&fixture.name));
    filler.fill(db)?;
    for table in &fixture.schema.tables {
        let rows = db.query_integer(&format!("SELECT COUNT(*) FROM {}", db.quote(&table.name)))?;
        if rows < 2 {
            return Err(format!(
                "table \"{}\" holds {rows} rows, expected at least 2",
                table.name
            ));
        }
    }
    drop_schema(db, fixture)
}

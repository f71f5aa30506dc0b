//! Reads the `[seed]` table and the columns' `seed = { ... }` keys, and checks them against the
//! resolved tables: every table and column named exists, generators are known, values and ranges
//! fit the column's type.

use toml::Spanned;
use toml::de::DeValue;

use super::toml_view::{Entry, Located, Reader, describe, find};
use crate::diagnostic::Diagnostic;
use crate::schema::Table;
use crate::seed_settings::{ColumnSeed, GENERATORS, SeedSettings, SeedValue, TableSeed};
use crate::suggest::did_you_mean;

const SEED_KEYS: &[&str] = &["rows", "tables"];
const TABLE_SEED_KEYS: &[&str] = &["rows", "columns"];
const COLUMN_SEED_KEYS: &[&str] = &["generator", "values", "range", "null_fraction"];

/// `[seed]` as written.
#[derive(Default)]
pub(crate) struct RawSeed {
    pub(crate) rows: Option<u64>,
    pub(crate) tables: Vec<RawTableSeed>,
    /// Overrides written on the columns themselves, with their table's name.
    pub(crate) column_overrides: Vec<(String, RawColumnSeed)>,
}

pub(crate) struct RawTableSeed {
    pub(crate) name: Located<String>,
    pub(crate) rows: Option<u64>,
    pub(crate) columns: Vec<RawColumnSeed>,
}

/// One column's override as written.
pub(crate) struct RawColumnSeed {
    pub(crate) column: Located<String>,
    pub(crate) generator: Option<Located<String>>,
    pub(crate) values: Vec<Located<SeedValue>>,
    pub(crate) range: Option<Located<(SeedValue, SeedValue)>>,
    pub(crate) null_fraction: Option<Located<f64>>,
}

fn row_count(reader: &mut Reader, value: &Spanned<DeValue<'_>>, what: &str) -> Option<u64> {
    match value.get_ref() {
        DeValue::Integer(integer) => match integer.as_str().replace('_', "").parse::<u64>() {
            Ok(rows) => Some(rows),
            Err(_) => {
                reader.error(Diagnostic::at(
                    value.span(),
                    format!("{what} must be a whole number of rows, 0 or more"),
                ));
                None
            }
        },
        other => {
            reader.error(Diagnostic::at(
                value.span(),
                format!("{what} must be a number of rows, not {}", describe(other)),
            ));
            None
        }
    }
}

/// Reads `[seed]`.
pub(crate) fn read_seed(reader: &mut Reader, entry: &Entry<'_, '_>) -> RawSeed {
    let mut seed = RawSeed::default();
    let Some(entries) = reader.table(entry.value, "[seed]") else {
        return seed;
    };
    reader.reject_unknown_keys(&entries, SEED_KEYS, "[seed]");
    if let Some(rows) = find(&entries, "rows") {
        seed.rows = row_count(reader, rows.value, "seed.rows");
    }
    if let Some(tables) = find(&entries, "tables")
        && let Some(tables) = reader.table(tables.value, "seed.tables")
    {
        for table in &tables {
            let what = format!("[seed.tables.{}]", table.key.value);
            let Some(fields) = reader.table(table.value, &what) else {
                continue;
            };
            reader.reject_unknown_keys(&fields, TABLE_SEED_KEYS, &what);
            let mut raw = RawTableSeed {
                name: table.key.clone(),
                rows: None,
                columns: Vec::new(),
            };
            if let Some(rows) = find(&fields, "rows") {
                raw.rows = row_count(reader, rows.value, &format!("rows of {what}"));
            }
            if let Some(columns) = find(&fields, "columns")
                && let Some(columns) = reader.table(columns.value, &format!("columns of {what}"))
            {
                for column in &columns {
                    let what = format!("seed of column {}.{}", table.key.value, column.key.value);
                    if let Some(parsed) =
                        read_column_seed(reader, column.key.clone(), column.value, &what)
                    {
                        raw.columns.push(parsed);
                    }
                }
            }
            seed.tables.push(raw);
        }
    }
    seed
}

fn seed_value(reader: &mut Reader, value: &Spanned<DeValue<'_>>, what: &str) -> Option<SeedValue> {
    Some(match value.get_ref() {
        DeValue::String(text) => SeedValue::String(text.to_string()),
        DeValue::Boolean(flag) => SeedValue::Boolean(*flag),
        DeValue::Integer(integer) => match integer.as_str().replace('_', "").parse::<i64>() {
            Ok(number) => SeedValue::Integer(number),
            Err(_) => {
                reader.error(Diagnostic::at(
                    value.span(),
                    format!("{what} is not a 64-bit integer"),
                ));
                return None;
            }
        },
        DeValue::Float(float) => SeedValue::Number(float.as_str().replace('_', "")),
        other => {
            reader.error(
                Diagnostic::at(
                    value.span(),
                    format!("{what} cannot be {}", describe(other)),
                )
                .with_help("write a string, a number, true or false"),
            );
            return None;
        }
    })
}

/// Reads one column's `seed = { generator = ..., values = [...], range = [a, b], null_fraction = x }`.
pub(crate) fn read_column_seed(
    reader: &mut Reader,
    column: Located<String>,
    value: &Spanned<DeValue<'_>>,
    what: &str,
) -> Option<RawColumnSeed> {
    let fields = reader.table(value, what)?;
    reader.reject_unknown_keys(&fields, COLUMN_SEED_KEYS, what);
    let mut seed = RawColumnSeed {
        column,
        generator: None,
        values: Vec::new(),
        range: None,
        null_fraction: None,
    };
    for field in &fields {
        let value = field.value;
        match field.key.value.as_str() {
            "generator" => {
                seed.generator = reader.string(value, &format!("the generator of {what}"))
            }
            "values" | "range" => {
                let DeValue::Array(items) = value.get_ref() else {
                    reader.error(Diagnostic::at(
                        value.span(),
                        format!(
                            "{} of {what} must be a list, not {}",
                            field.key.value,
                            describe(value.get_ref())
                        ),
                    ));
                    continue;
                };
                let mut list = Vec::new();
                for item in items.iter() {
                    if let Some(parsed) = seed_value(
                        reader,
                        item,
                        &format!("a value in {} of {what}", field.key.value),
                    ) {
                        list.push(Located {
                            value: parsed,
                            span: item.span(),
                        });
                    }
                }
                if field.key.value == "values" {
                    if list.is_empty() {
                        reader.error(Diagnostic::at(
                            value.span(),
                            format!("values of {what} cannot be empty"),
                        ));
                    }
                    seed.values = list;
                } else if let [low, high] = list.as_slice() {
                    seed.range = Some(Located {
                        value: (low.value.clone(), high.value.clone()),
                        span: value.span(),
                    });
                } else {
                    reader.error(
                        Diagnostic::at(
                            value.span(),
                            format!(
                                "range of {what} must have two values, the smallest and the largest"
                            ),
                        )
                        .with_help(
                            "write range = [1, 100] or range = [\"2020-01-01\", \"2024-12-31\"]",
                        ),
                    );
                }
            }
            "null_fraction" => {
                let fraction = match value.get_ref() {
                    DeValue::Float(float) => float.as_str().replace('_', "").parse::<f64>().ok(),
                    DeValue::Integer(integer) => integer.as_str().parse::<f64>().ok(),
                    _ => None,
                };
                match fraction {
                    Some(fraction) if (0.0..=1.0).contains(&fraction) => {
                        seed.null_fraction = Some(Located {
                            value: fraction,
                            span: value.span(),
                        })
                    }
                    _ => reader.error(Diagnostic::at(
                        value.span(),
                        format!("null_fraction of {what} must be a number from 0 to 1"),
                    )),
                }
            }
            _ => {}
        }
    }
    Some(seed)
}

/// Checks the seed settings against the resolved tables and returns them; problems are added to
/// `diagnostics`.
pub(crate) fn resolve_seed(
    raw: RawSeed,
    tables: &[Table],
    diagnostics: &mut Vec<Diagnostic>,
) -> SeedSettings {
    let mut settings = SeedSettings {
        rows: raw.rows,
        tables: Vec::new(),
    };
    let mut overrides: Vec<(String, RawColumnSeed)> = Vec::new();
    for table in raw.tables {
        if !tables
            .iter()
            .any(|candidate| candidate.name == table.name.value)
        {
            let help = did_you_mean(
                &table.name.value,
                tables.iter().map(|candidate| candidate.name.as_str()),
            )
            .unwrap_or_else(|| "name a table of the schema".to_string());
            diagnostics.push(
                Diagnostic::at(
                    table.name.span.clone(),
                    format!(
                        "[seed.tables.{}] names no table of the schema",
                        table.name.value
                    ),
                )
                .with_help(help),
            );
            continue;
        }
        settings_for(&mut settings, &table.name.value).rows = table.rows;
        for column in table.columns {
            overrides.push((table.name.value.clone(), column));
        }
    }
    overrides.extend(raw.column_overrides);
    for (table_name, raw_column) in overrides {
        let Some(table) = tables.iter().find(|table| table.name == table_name) else {
            continue;
        };
        let Some(column) = table.column(&raw_column.column.value) else {
            let help = did_you_mean(
                &raw_column.column.value,
                table.columns.iter().map(|column| column.name.as_str()),
            )
            .unwrap_or_else(|| format!("name a column of {table_name}"));
            diagnostics.push(
                Diagnostic::at(
                    raw_column.column.span.clone(),
                    format!(
                        "the seed settings name the column {table_name}.{}, which does not exist",
                        raw_column.column.value
                    ),
                )
                .with_help(help),
            );
            continue;
        };
        let what = format!("{table_name}.{}", column.name);
        if let Some(generator) = &raw_column.generator
            && !GENERATORS.contains(&generator.value.as_str())
        {
            let help = did_you_mean(&generator.value, GENERATORS.iter().copied())
                .unwrap_or_else(|| format!("the generators are: {}", GENERATORS.join(", ")));
            diagnostics.push(
                Diagnostic::at(
                    generator.span.clone(),
                    format!("unknown seed generator \"{}\" for {what}", generator.value),
                )
                .with_help(help),
            );
        }
        for value in &raw_column.values {
            if let Err(reason) = value.value.as_default().check_fits(&column.column_type) {
                diagnostics.push(Diagnostic::at(
                    value.span.clone(),
                    format!("a seed value of {what} does not fit: {reason}"),
                ));
            }
        }
        if let Some(range) = &raw_column.range {
            let numeric = column.column_type.is_numeric() || column.column_type.is_temporal();
            let fits = [&range.value.0, &range.value.1]
                .iter()
                .all(|value| value.as_default().check_fits(&column.column_type).is_ok());
            if !numeric || !fits {
                diagnostics.push(
                    Diagnostic::at(
                        range.span.clone(),
                        format!("the seed range of {what} must hold two {} values", column.column_type),
                    )
                    .with_help("ranges are for numbers, dates, times and timestamps; list text values with values = [...]"),
                );
            }
        }
        if let Some(fraction) = &raw_column.null_fraction
            && !column.nullable
            && fraction.value > 0.0
        {
            diagnostics.push(
                Diagnostic::at(
                    fraction.span.clone(),
                    format!("null_fraction is set for {what}, which is NOT NULL"),
                )
                .with_help("make the column nullable, or remove null_fraction"),
            );
        }
        let entry = settings_for(&mut settings, &table_name);
        entry
            .columns
            .retain(|existing| existing.column != column.name);
        entry.columns.push(ColumnSeed {
            column: column.name.clone(),
            generator: raw_column.generator.map(|generator| generator.value),
            values: raw_column
                .values
                .into_iter()
                .map(|value| value.value)
                .collect(),
            range: raw_column.range.map(|range| range.value),
            null_fraction: raw_column.null_fraction.map(|fraction| fraction.value),
        });
    }
    settings
}

fn settings_for<'a>(settings: &'a mut SeedSettings, table: &str) -> &'a mut TableSeed {
    if let Some(position) = settings
        .tables
        .iter()
        .position(|entry| entry.table == table)
    {
        return &mut settings.tables[position];
    }
    settings.tables.push(TableSeed {
        table: table.to_string(),
        rows: None,
        columns: Vec::new(),
    });
    let last = settings.tables.len() - 1;
    &mut settings.tables[last]
}

#[cfg(test)]
mod tests {
    use crate::parse::{ParseOptions, parse_schema};
    use crate::seed_settings::{ColumnSeed, SeedValue};

    const TABLE: &str = "[tables.members]\ncolumns.id = \"id\"\ncolumns.email = \"varchar(20)\"\ncolumns.age = \"smallint?\"\n";

    fn errors(extra: &str) -> Vec<String> {
        match parse_schema(
            &format!("{TABLE}{extra}"),
            "schema.toml",
            &ParseOptions::default(),
        ) {
            Ok(_) => Vec::new(),
            Err(diagnostics) => diagnostics
                .list
                .iter()
                .map(|diagnostic| {
                    format!(
                        "{} | {}",
                        diagnostic.message,
                        diagnostic.help.clone().unwrap_or_default()
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn reads_seed_settings_from_both_places() {
        let source = format!(
            "{TABLE}columns.nick = {{ type = \"varchar(30)\", seed = {{ generator = \"username\" }} }}\n\n[seed]\nrows = 50\n\n[seed.tables.members]\nrows = 1_000\ncolumns.age = {{ range = [18, 65], null_fraction = 0.25 }}\ncolumns.email = {{ values = [\"a@example.com\"] }}\n"
        );
        let schema = parse_schema(&source, "schema.toml", &ParseOptions::default())
            .unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(schema.seed.rows, Some(50));
        let members = schema.seed.table("members").expect("members settings");
        assert_eq!(members.rows, Some(1000));
        assert_eq!(
            schema.seed.column("members", "age"),
            Some(&ColumnSeed {
                column: "age".into(),
                generator: None,
                values: Vec::new(),
                range: Some((SeedValue::Integer(18), SeedValue::Integer(65))),
                null_fraction: Some(0.25),
            })
        );
        assert_eq!(
            schema
                .seed
                .column("members", "nick")
                .and_then(|seed| seed.generator.as_deref()),
            Some("username")
        );
        assert_eq!(
            schema
                .seed
                .column("members", "email")
                .map(|seed| seed.values.len()),
            Some(1)
        );
    }

    #[test]
    fn reports_mistakes_with_what_to_do() {
        assert_eq!(
            errors("[seed.tables.members]\ncolumns.email = { generator = \"emai\" }\n"),
            ["unknown seed generator \"emai\" for members.email | did you mean \"email\"?"]
        );
        assert_eq!(
            errors("[seed.tables.member]\nrows = 5\n"),
            ["[seed.tables.member] names no table of the schema | did you mean \"members\"?"]
        );
        assert_eq!(
            errors("[seed.tables.members]\ncolumns.mail = { generator = \"email\" }\n"),
            [
                "the seed settings name the column members.mail, which does not exist | did you mean \"email\"?"
            ]
        );
        assert_eq!(
            errors("[seed.tables.members]\ncolumns.age = { values = [40000] }\n"),
            [
                "a seed value of members.age does not fit: 40000 is out of range for smallint (-32768 to 32767) | "
            ]
        );
        assert_eq!(
            errors("[seed.tables.members]\ncolumns.email = { null_fraction = 0.5 }\n"),
            [
                "null_fraction is set for members.email, which is NOT NULL | make the column nullable, or remove null_fraction"
            ]
        );
        assert_eq!(
            errors("[seed.tables.members]\ncolumns.email = { range = [\"a\", \"b\"] }\n"),
            [
                "the seed range of members.email must hold two varchar(20) values | ranges are for numbers, dates, times and timestamps; list text values with values = [...]"
            ]
        );
        assert_eq!(
            errors("[seed]\nrows = -1\n"),
            ["seed.rows must be a whole number of rows, 0 or more | "]
        );
        assert_eq!(
            errors("[seed]\nrow = 5\n"),
            ["unknown key \"row\" in [seed] | did you mean \"rows\"?"]
        );
    }
}

//! Generation speed of a members-like table (id, name, unique e-mail, phone, join date), against
//! Faker and Mimesis generating the same shape in the same run.
//!
//! Run with `cargo bench -p dbkit-seed --bench generate`; `DBKIT_BENCH_ROWS` sets the row count
//! (1,000,000 by default). The Python libraries are measured when `python3` can import them
//! (`pip install faker mimesis`); otherwise their line says why not.

use std::process::Command;
use std::time::Instant;

use dbkit_model::{ParseOptions, parse_schema};
use dbkit_seed::{SeedOptions, generate};

const SCHEMA: &str = r#"
[project]
name = "bench"

[tables.members]
columns.id = "id"
columns.name = "varchar(255)"
columns.email = { type = "varchar(255)", unique = true }
columns.phone = "varchar(20)"
columns.joined_at = "timestamp"
"#;

const FAKER: &str = r#"
import sys, time
from faker import Faker
rows = int(sys.argv[1])
fake = Faker()
Faker.seed(42)
start = time.perf_counter()
out = []
for i in range(rows):
    out.append((i + 1, fake.name(), fake.unique.email(), fake.phone_number(), fake.date_time_between(start_date="-7y", end_date="now")))
print(rows / (time.perf_counter() - start))
"#;

const MIMESIS: &str = r#"
import sys, time
from mimesis import Person, Datetime
rows = int(sys.argv[1])
person = Person()
dt = Datetime(seed=42)
start = time.perf_counter()
out = []
for i in range(rows):
    out.append((i + 1, person.full_name(), person.email(unique=True), person.telephone(), dt.datetime(start=2018, end=2024)))
print(rows / (time.perf_counter() - start))
"#;

fn python_rate(script: &str, rows: usize) -> Result<f64, String> {
    let output = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(rows.to_string())
        .output()
        .map_err(|error| format!("python3 did not run: {error}"))?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        let last = message.lines().last().unwrap_or("failed").to_string();
        return Err(last);
    }
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .map_err(|_| "no rate printed".to_string())
}

fn main() {
    let rows: usize = std::env::var("DBKIT_BENCH_ROWS")
        .ok()
        .and_then(|rows| rows.parse().ok())
        .unwrap_or(1_000_000);
    let schema = match parse_schema(SCHEMA, "bench.toml", &ParseOptions::default()) {
        Ok(schema) => schema,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            std::process::exit(1);
        }
    };
    let options = SeedOptions {
        rows_default: Some(rows as u64),
        seed: 42,
        ..SeedOptions::default()
    };
    // One warm-up run, then the best of three.
    let mut best = f64::MAX;
    for run in 0..4 {
        let started = Instant::now();
        let dataset = match generate(&schema, &options) {
            Ok(dataset) => dataset,
            Err(error) => {
                eprintln!("{error}");
                std::process::exit(1);
            }
        };
        let seconds = started.elapsed().as_secs_f64();
        assert_eq!(dataset.total_rows(), rows);
        if run > 0 {
            best = best.min(seconds);
        }
    }
    let dbkit = rows as f64 / best;
    println!("members-like table, {rows} rows, one core");
    println!("| generator | rows/s | dbkit is |");
    println!("| --- | ---: | ---: |");
    println!("| dbkit seed | {dbkit:.0} | 1× |");
    for (name, script, sample) in [("Faker", FAKER, 20_000), ("Mimesis", MIMESIS, 200_000)] {
        match python_rate(script, sample) {
            Ok(rate) => println!(
                "| {name} ({sample} rows) | {rate:.0} | {:.0}× faster |",
                dbkit / rate
            ),
            Err(reason) => println!("| {name} | not measured: {reason} | |"),
        }
    }
}

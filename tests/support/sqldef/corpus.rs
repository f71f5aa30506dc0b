//! sqldef's YAML test cases (`cmd/<tool>/tests*.yml` in the corpus folder), read as sqldef's own
//! runner reads them (`testutil/testutil.go`): a mapping from case name to `current` DDL,
//! `desired` DDL, the expected `up`/`down` output and flags saying which servers a case is for.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dbkit_db::Backend;
use serde::Deserialize;

use crate::Outcome;

/// The corpus folder, relative to the tests package (the corpus sits beside the repository).
pub fn corpus_folder() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/corpus/sqldef"
    ))
}

/// One case as the YAML file spells it. Unknown keys are refused, as sqldef's runner refuses
/// them, so that a change of the format is noticed instead of misread.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCase {
    current: Option<String>,
    desired: Option<String>,
    up: Option<String>,
    down: Option<String>,
    error: Option<String>,
    min_version: Option<String>,
    max_version: Option<String>,
    flavor: Option<String>,
    user: Option<String>,
    #[serde(default)]
    managed_roles: Vec<String>,
    enable_drop: Option<bool>,
    legacy_ignore_quotes: Option<bool>,
    offline: Option<bool>,
    config: Option<serde_norway::Value>,
    manage: Option<serde_norway::Value>,
}

/// One sqldef test case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The database the case is written for.
    pub backend: Backend,
    /// The YAML file, as `tests_tables.yml`.
    pub file: String,
    /// The case's name, unique among the cases of its database.
    pub name: String,
    /// The schema to start from (empty when the case has none).
    pub current: String,
    /// The schema to end at (empty when the case has none).
    pub desired: String,
    /// Whether sqldef is expected to refuse the case (`error:`).
    pub expects_error: bool,
    /// The oldest server version the case is for (`min_version:`).
    pub min_version: Option<String>,
    /// The newest server version the case is for (`max_version:`).
    pub max_version: Option<String>,
    /// The server flavor the case is for or not for (`mariadb`, `!tidb`, `pgvector`...).
    pub flavor: Option<String>,
    /// Whether the case is about roles and privileges: it runs as another user, manages roles'
    /// privileges, or grants or revokes them.
    pub privileges: bool,
}

/// The folder under `cmd/` holding the cases of `backend`.
pub fn tool_folder(backend: Backend) -> &'static str {
    match backend {
        Backend::Mysql => "mysqldef",
        Backend::Postgres => "psqldef",
        Backend::Sqlite => "sqlite3def",
    }
}

/// Every case for `backend`, ordered by file and then by name.
pub fn load_cases(backend: Backend) -> Outcome<Vec<Case>> {
    let folder = corpus_folder().join("cmd").join(tool_folder(backend));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .map_err(|error| {
            format!(
                "cannot read the sqldef corpus folder {}: {error}",
                folder.display()
            )
        })?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with("tests") && name.ends_with(".yml"))
        })
        .collect();
    files.sort();
    let mut cases = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for path in files {
        let file = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or_default()
            .to_string();
        for case in read_file(backend, &path, &file)? {
            if let Some(other) = seen.insert(case.name.clone(), file.clone()) {
                return Err(format!(
                    "the sqldef case {} is defined in both {other} and {file}",
                    case.name
                ));
            }
            cases.push(case);
        }
    }
    Ok(cases)
}

fn read_file(backend: Backend, path: &Path, file: &str) -> Outcome<Vec<Case>> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let raw: BTreeMap<String, RawCase> = serde_norway::from_str(&text)
        .map_err(|error| format!("{} is not a sqldef test file: {error}", path.display()))?;
    raw.into_iter()
        .map(|(name, case)| {
            if case.up.is_some() != case.down.is_some() {
                return Err(format!(
                    "{}: case {name} has only one of up and down",
                    path.display()
                ));
            }
            let current = case.current.unwrap_or_default();
            let desired = case.desired.unwrap_or_default();
            let manages_privileges = case
                .manage
                .as_ref()
                .and_then(|manage| manage.get("privilege"))
                .is_some();
            let privileges = case.user.is_some()
                || !case.managed_roles.is_empty()
                || manages_privileges
                || grants(&current)
                || grants(&desired);
            // Flags that change only sqldef's output, not the schemas: accepted and not used.
            let _ = (
                case.enable_drop,
                case.legacy_ignore_quotes,
                case.offline,
                case.config,
            );
            Ok(Case {
                backend,
                file: file.to_string(),
                name,
                current,
                desired,
                expects_error: case.error.is_some(),
                min_version: case.min_version,
                max_version: case.max_version,
                flavor: case.flavor,
                privileges,
            })
        })
        .collect()
}

/// Whether `ddl` has a statement granting or revoking privileges.
fn grants(ddl: &str) -> bool {
    ddl.lines().any(|line| {
        let line = line.trim_start().to_ascii_uppercase();
        line.starts_with("GRANT ") || line.starts_with("REVOKE ")
    })
}

/// The server a case runs on: its version (as `SELECT VERSION()` gives it) and its flavor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerInfo {
    /// The version text, as `10.11.19-MariaDB-0+deb12u1` or `15.20`.
    pub version: String,
    /// `mariadb` or `mysql` for MySQL-compatible servers; empty for the others.
    pub flavor: String,
}

impl Case {
    /// Why the case is not for `server`, following sqldef's runner: a `min_version` above the
    /// server's version, a `max_version` below it, or a flavor the server is not (a case for
    /// `pgvector` needs that extension, which the test servers lack).
    pub fn not_for(&self, server: &ServerInfo) -> Option<String> {
        if let Some(minimum) = &self.min_version
            && compare_versions(&server.version, minimum) == std::cmp::Ordering::Less
        {
            return Some(format!("needs version {minimum} or later"));
        }
        if let Some(maximum) = &self.max_version
            && compare_versions(&server.version, maximum) == std::cmp::Ordering::Greater
        {
            return Some(format!("is for version {maximum} or earlier"));
        }
        let flavor = self.flavor.as_deref()?;
        match flavor.strip_prefix('!') {
            Some(excluded) if excluded == server.flavor => Some(format!("is not for {excluded}")),
            Some(_) => None,
            None if flavor == server.flavor => None,
            None => Some(format!("is for {flavor} only")),
        }
    }
}

/// Compares two versions on the segments both have, as sqldef does (`10.11.19-MariaDB` is later
/// than `8.0`; `15.20` equals `15`).
pub fn compare_versions(left: &str, right: &str) -> std::cmp::Ordering {
    let segment = |text: &str| -> u64 {
        let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().unwrap_or(0)
    };
    for (left, right) in left.split('.').zip(right.split('.')) {
        let order = segment(left).cmp(&segment(right));
        if order != std::cmp::Ordering::Equal {
            return order;
        }
    }
    std::cmp::Ordering::Equal
}

//! Running the binary in a temporary project folder and describing what it did.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's example schema.
pub(crate) const LIBRARY_SCHEMA: &str = include_str!("../../../../schema.toml");

/// What one run of `dbkit` did.
pub(crate) struct Run {
    pub(crate) code: Option<i32>,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    /// Exit code, standard output and standard error, for snapshots.
    pub(crate) fn transcript(&self) -> String {
        format!(
            "exit code: {}\n--- stdout\n{}--- stderr\n{}",
            self.code
                .map_or("none (killed)".to_string(), |code| code.to_string()),
            self.stdout,
            self.stderr
        )
    }

    /// Fails the test unless the run succeeded.
    pub(crate) fn assert_success(&self) -> &Run {
        assert_eq!(self.code, Some(0), "dbkit failed:\n{}", self.transcript());
        self
    }

    /// Fails the test unless the run failed with `code`.
    pub(crate) fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "unexpected exit code:\n{}",
            self.transcript()
        );
        self
    }
}

/// A temporary project folder, removed at the end of the test.
pub(crate) struct Project {
    folder: tempfile::TempDir,
}

impl Project {
    /// An empty folder.
    pub(crate) fn empty() -> Project {
        let folder =
            tempfile::tempdir().unwrap_or_else(|error| panic!("no temporary folder: {error}"));
        Project { folder }
    }

    /// A folder holding `schema.toml` with `source`.
    pub(crate) fn with_schema(source: &str) -> Project {
        let project = Project::empty();
        project.write("schema.toml", source);
        project
    }

    /// The folder.
    pub(crate) fn path(&self) -> &Path {
        self.folder.path()
    }

    /// Writes a file in the folder.
    pub(crate) fn write(&self, name: &str, contents: &str) {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .unwrap_or_else(|error| panic!("cannot create {parent:?}: {error}"));
        }
        std::fs::write(&path, contents)
            .unwrap_or_else(|error| panic!("cannot write {path:?}: {error}"));
    }

    /// Reads a file of the folder.
    pub(crate) fn read(&self, name: &str) -> String {
        let path = self.path().join(name);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot read {path:?}: {error}"))
    }

    /// Runs `dbkit` with `arguments` in the folder, with no `DATABASE_URL` in the environment.
    pub(crate) fn dbkit(&self, arguments: &[&str]) -> Run {
        self.dbkit_with_env(arguments, &[])
    }

    /// Runs `dbkit` in the folder with extra environment variables.
    pub(crate) fn dbkit_with_env(&self, arguments: &[&str], environment: &[(&str, &str)]) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_dbkit"));
        command
            .args(arguments)
            .current_dir(self.path())
            .env_remove("DATABASE_URL")
            .env("NO_COLOR", "1");
        for (name, value) in environment {
            command.env(name, value);
        }
        let output = command
            .output()
            .unwrap_or_else(|error| panic!("cannot run dbkit: {error}"));
        let clean = |bytes: &[u8]| {
            String::from_utf8_lossy(bytes).replace(&self.path().display().to_string(), "[PROJECT]")
        };
        Run {
            code: output.status.code(),
            stdout: clean(&output.stdout),
            stderr: clean(&output.stderr),
        }
    }

    /// Every file under the folder (relative path → bytes).
    pub(crate) fn files(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut files = BTreeMap::new();
        collect(self.path(), self.path(), &mut files);
        files
    }
}

fn collect(root: &Path, folder: &Path, files: &mut BTreeMap<PathBuf, Vec<u8>>) {
    let entries =
        std::fs::read_dir(folder).unwrap_or_else(|error| panic!("cannot list {folder:?}: {error}"));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|error| panic!("cannot list {folder:?}: {error}"))
            .path();
        if path.is_dir() {
            collect(root, &path, files);
        } else {
            let bytes = std::fs::read(&path)
                .unwrap_or_else(|error| panic!("cannot read {path:?}: {error}"));
            let relative = path
                .strip_prefix(root)
                .map(Path::to_path_buf)
                .unwrap_or(path);
            files.insert(relative, bytes);
        }
    }
}

/// The tables of a SQLite file, sorted, without SQLite's own.
pub(crate) fn sqlite_tables(path: &Path) -> Vec<String> {
    let connection =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap_or_else(|error| panic!("cannot open {path:?}: {error}"));
    let mut query = connection
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap_or_else(|error| panic!("cannot query {path:?}: {error}"));
    let rows = query
        .query_map([], |row| row.get::<_, String>(0))
        .unwrap_or_else(|error| panic!("cannot query {path:?}: {error}"));
    rows.map(|row| row.unwrap_or_else(|error| panic!("cannot read a table name: {error}")))
        .collect()
}

/// The table names a schema defines, sorted, read with the model.
pub(crate) fn schema_tables(source: &str) -> Vec<String> {
    let schema =
        dbkit_model::parse_schema(source, "schema.toml", &dbkit_model::ParseOptions::default())
            .unwrap_or_else(|diagnostics| panic!("the schema should be valid:\n{diagnostics}"));
    let mut names: Vec<String> = schema.tables.into_iter().map(|table| table.name).collect();
    names.sort();
    names
}

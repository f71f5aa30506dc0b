//! Writing output files all or nothing: each goes to a temporary file beside its destination,
//! and only once every one has been written are they renamed into place.

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::CliError;

/// A file to write and its contents.
pub(crate) struct PlannedFile {
    /// Where it goes.
    pub(crate) path: PathBuf,
    /// What it holds.
    pub(crate) contents: String,
}

/// Writes every file, or (on an error before the renames) none of them: temporary files are
/// removed, and so are the folders this call created.
pub(crate) fn write_all(files: &[PlannedFile]) -> Result<(), CliError> {
    let mut created_folders = Vec::new();
    let staged = stage(files, &mut created_folders);
    let staged = match staged {
        Ok(staged) => staged,
        Err(error) => {
            remove_folders(&created_folders);
            return Err(error);
        }
    };
    for (temporary, file) in staged.into_iter().zip(files) {
        temporary
            .persist(&file.path)
            .map_err(|error| CliError::Write {
                path: file.path.clone(),
                source: error.error,
            })?;
    }
    Ok(())
}

/// Writes each file's contents to a temporary file in its destination folder.
fn stage(
    files: &[PlannedFile],
    created_folders: &mut Vec<PathBuf>,
) -> Result<Vec<NamedTempFile>, CliError> {
    let mut staged = Vec::with_capacity(files.len());
    for file in files {
        let folder = parent_folder(&file.path);
        create_folder(folder, created_folders)?;
        let failed = |source: std::io::Error| CliError::Write {
            path: file.path.clone(),
            source,
        };
        let mut temporary = NamedTempFile::new_in(folder).map_err(failed)?;
        temporary
            .write_all(file.contents.as_bytes())
            .map_err(failed)?;
        temporary.as_file().sync_all().map_err(failed)?;
        staged.push(temporary);
    }
    Ok(staged)
}

/// Writes one new file, refusing to replace an existing one.
pub(crate) fn write_new(path: &Path, contents: &str) -> Result<(), CliError> {
    let mut created_folders = Vec::new();
    let result = write_new_in(path, contents, &mut created_folders);
    if result.is_err() {
        remove_folders(&created_folders);
    }
    result
}

fn write_new_in(
    path: &Path,
    contents: &str,
    created_folders: &mut Vec<PathBuf>,
) -> Result<(), CliError> {
    if path.exists() {
        return Err(CliError::SchemaExists {
            path: path.to_path_buf(),
        });
    }
    let folder = parent_folder(path);
    create_folder(folder, created_folders)?;
    let failed = |source: std::io::Error| CliError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut temporary = NamedTempFile::new_in(folder).map_err(failed)?;
    temporary.write_all(contents.as_bytes()).map_err(failed)?;
    temporary.as_file().sync_all().map_err(failed)?;
    temporary.persist_noclobber(path).map_err(|error| {
        if error.error.kind() == std::io::ErrorKind::AlreadyExists {
            CliError::SchemaExists {
                path: path.to_path_buf(),
            }
        } else {
            failed(error.error)
        }
    })?;
    Ok(())
}

fn parent_folder(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Creates `folder` and any missing parents, remembering which ones this call created.
fn create_folder(folder: &Path, created: &mut Vec<PathBuf>) -> Result<(), CliError> {
    let missing: Vec<&Path> = folder
        .ancestors()
        .take_while(|ancestor| !ancestor.exists())
        .collect();
    for ancestor in missing.into_iter().rev() {
        if ancestor.as_os_str().is_empty() {
            continue;
        }
        std::fs::create_dir(ancestor).map_err(|source| CliError::Write {
            path: ancestor.to_path_buf(),
            source,
        })?;
        created.push(ancestor.to_path_buf());
    }
    Ok(())
}

/// Removes folders created by a failed write, newest first; only empty ones go.
fn remove_folders(folders: &[PathBuf]) {
    for folder in folders.iter().rev() {
        // A folder that is not empty (someone else wrote there meanwhile) is left alone.
        let _ = std::fs::remove_dir(folder);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_file_and_creates_folders() -> Result<(), Box<dyn std::error::Error>> {
        let root = tempfile::tempdir()?;
        let files = [
            PlannedFile {
                path: root.path().join("out/a/one.sql"),
                contents: "one".into(),
            },
            PlannedFile {
                path: root.path().join("out/b/two.sql"),
                contents: "two".into(),
            },
        ];
        write_all(&files)?;
        assert_eq!(
            std::fs::read_to_string(root.path().join("out/a/one.sql"))?,
            "one"
        );
        assert_eq!(
            std::fs::read_to_string(root.path().join("out/b/two.sql"))?,
            "two"
        );
        Ok(())
    }

    #[test]
    fn writes_nothing_when_one_file_cannot_be_written() -> Result<(), Box<dyn std::error::Error>> {
        let root = tempfile::tempdir()?;
        // A plain file where a folder must go makes the second file fail.
        std::fs::write(root.path().join("blocker"), "")?;
        let files = [
            PlannedFile {
                path: root.path().join("out/a/one.sql"),
                contents: "one".into(),
            },
            PlannedFile {
                path: root.path().join("blocker/two.sql"),
                contents: "two".into(),
            },
        ];
        assert!(matches!(write_all(&files), Err(CliError::Write { .. })));
        assert!(!root.path().join("out").exists());
        let mut left: Vec<String> = std::fs::read_dir(root.path())?
            .map(|entry| entry.map(|entry| entry.file_name().to_string_lossy().into_owned()))
            .collect::<Result<_, _>>()?;
        left.sort();
        assert_eq!(left, ["blocker"]);
        Ok(())
    }

    #[test]
    fn never_replaces_an_existing_file() -> Result<(), Box<dyn std::error::Error>> {
        let root = tempfile::tempdir()?;
        let path = root.path().join("schema.toml");
        write_new(&path, "first")?;
        assert!(matches!(
            write_new(&path, "second"),
            Err(CliError::SchemaExists { .. })
        ));
        assert_eq!(std::fs::read_to_string(&path)?, "first");
        Ok(())
    }
}

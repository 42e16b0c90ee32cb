//! Where a copied tree lands: `docker cp`'s path rules, as podman 4 applies them (pure).

use super::CopyError;

/// What the destination path names, as resolved on its side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DestState {
    Directory,
    NotDirectory,
    /// Nothing there; `parent_exists` says whether its parent is a directory.
    Missing {
        parent_exists: bool,
    },
}

/// What is copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A directory; `contents` when its path ended in `/.` (copy what is in it).
    Directory {
        contents: bool,
    },
    NotDirectory,
    /// A tar stream on standard input, unpacked as it is.
    Stream,
}

/// Where the source's top entry goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Inside the existing destination directory, under the source's own name.
    Inside,
    /// Into the existing destination directory itself (its contents, or a stream's entries).
    Merge,
    /// At the destination path, in its parent directory, under the destination's name.
    Replace,
}

/// Applies the rules: a file onto a directory goes inside it, `DIR/.` copies the contents, a
/// destination ending in `/` must be an existing directory, a missing parent is an error.
/// `not_found` is the error naming the destination as podman does.
pub fn target(
    dest: &str,
    state: DestState,
    source: SourceKind,
    not_found: impl FnOnce() -> CopyError,
) -> Result<Target, CopyError> {
    let wants_directory = dest.ends_with('/') || dest.ends_with("/.");
    match (state, source) {
        (DestState::Directory, SourceKind::Directory { contents: true } | SourceKind::Stream) => {
            Ok(Target::Merge)
        }
        (DestState::Directory, _) => Ok(Target::Inside),
        (DestState::Missing { .. }, SourceKind::Stream) => Err(not_found()),
        (_, SourceKind::Stream) => Err(CopyError::StdinNeedsDirectory),
        (DestState::NotDirectory, SourceKind::Directory { .. }) => {
            Err(CopyError::DirectoryOntoFile)
        }
        (DestState::NotDirectory, SourceKind::NotDirectory) if wants_directory => Err(not_found()),
        (DestState::NotDirectory, SourceKind::NotDirectory) => Ok(Target::Replace),
        (
            DestState::Missing {
                parent_exists: true,
            },
            _,
        ) if !wants_directory => Ok(Target::Replace),
        (DestState::Missing { .. }, _) => Err(not_found()),
    }
}

/// The destination's parent directory and last name (`""` is the working directory or the
/// root, which resolve the same way there).
pub fn split_parent(dest: &str) -> (&str, &str) {
    let trimmed = dest.trim_end_matches('/');
    if trimmed.is_empty() {
        return ("/", ".");
    }
    match trimmed.rfind('/') {
        Some(0) => ("/", &trimmed[1..]),
        Some(i) => (&trimmed[..i], &trimmed[i + 1..]),
        None => ("", trimmed),
    }
}

/// Whether a source path asks for a directory's contents (`DIR/.`).
pub fn wants_contents(source: &str) -> bool {
    source == "." || source.ends_with("/.")
}

/// The name the source's top entry gets in the stream: its last component (`.` for a root).
pub fn source_name(source: &str) -> String {
    let mut path = source;
    loop {
        let before = path.len();
        path = path.trim_end_matches('/');
        if let Some(stripped) = path.strip_suffix("/.") {
            path = stripped;
        }
        if path.len() == before {
            break;
        }
    }
    match path.rsplit('/').next() {
        Some("") | None => ".".into(),
        Some(name) => name.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(dest: &str, state: DestState, source: SourceKind) -> Result<Target, String> {
        target(dest, state, source, || CopyError::NotFound {
            path: dest.into(),
            place: "container c".into(),
        })
        .map_err(|e| e.to_string())
    }

    const FILE: SourceKind = SourceKind::NotDirectory;
    const DIR: SourceKind = SourceKind::Directory { contents: false };
    const CONTENTS: SourceKind = SourceKind::Directory { contents: true };
    const MISSING: DestState = DestState::Missing {
        parent_exists: true,
    };
    const NO_PARENT: DestState = DestState::Missing {
        parent_exists: false,
    };

    #[test]
    fn into_an_existing_directory_the_source_goes_inside_unless_its_contents_are_asked_for() {
        assert_eq!(plan("/tmp", DestState::Directory, FILE), Ok(Target::Inside));
        assert_eq!(plan("/tmp/", DestState::Directory, DIR), Ok(Target::Inside));
        assert_eq!(
            plan("/tmp", DestState::Directory, CONTENTS),
            Ok(Target::Merge)
        );
    }

    #[test]
    fn a_missing_destination_takes_the_sources_name_if_its_parent_exists() {
        assert_eq!(plan("/tmp/new", MISSING, FILE), Ok(Target::Replace));
        assert_eq!(plan("/tmp/new", MISSING, DIR), Ok(Target::Replace));
        assert_eq!(plan("/tmp/new", MISSING, CONTENTS), Ok(Target::Replace));
        let missing = r#""/no/new" could not be found on container c: no such file or directory"#;
        assert_eq!(plan("/no/new", NO_PARENT, FILE), Err(missing.into()));
    }

    #[test]
    fn a_trailing_slash_insists_on_an_existing_directory() {
        let err = |p: &str| {
            Err(format!(
                "{p:?} could not be found on container c: no such file or directory"
            ))
        };
        assert_eq!(plan("/tmp/new/", MISSING, FILE), err("/tmp/new/"));
        assert_eq!(
            plan("/tmp/f/", DestState::NotDirectory, FILE),
            err("/tmp/f/")
        );
    }

    #[test]
    fn a_file_replaces_a_file_and_a_directory_never_does() {
        assert_eq!(
            plan("/f", DestState::NotDirectory, FILE),
            Ok(Target::Replace)
        );
        assert_eq!(
            plan("/f", DestState::NotDirectory, DIR),
            Err("destination must be a directory when copying a directory".into())
        );
    }

    #[test]
    fn a_stream_needs_an_existing_directory() {
        assert_eq!(
            plan("/tmp", DestState::Directory, SourceKind::Stream),
            Ok(Target::Merge)
        );
        assert_eq!(
            plan("/f", DestState::NotDirectory, SourceKind::Stream),
            Err("destination must be a directory when copying from stdin".into())
        );
        assert!(plan("/none", MISSING, SourceKind::Stream).is_err());
    }

    #[test]
    fn names_and_parents() {
        assert_eq!(split_parent("/tmp/x"), ("/tmp", "x"));
        assert_eq!(split_parent("/x/"), ("/", "x"));
        assert_eq!(split_parent("out"), ("", "out"));
        assert_eq!(split_parent("a/b//"), ("a", "b"));
        assert_eq!(source_name("/etc/hostname"), "hostname");
        assert_eq!(source_name("/tmp/d/."), "d");
        assert_eq!(source_name("d/"), "d");
        assert_eq!(source_name("/"), ".");
        assert!(wants_contents("/tmp/d/."));
        assert!(!wants_contents("/tmp/d/"));
    }
}

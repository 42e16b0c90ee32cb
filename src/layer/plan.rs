//! Pure mapping from tar entries to actions on the overlayfs layer layout.
//!
//! Nothing here touches the filesystem, so every rule that decides where an
//! entry may land (path normalisation, whiteouts, hostile names) is unit-tested
//! without privileges.

use std::fmt;

use super::LayerError;

/// Prefix of an OCI whiteout file name: `.wh.NAME` deletes `NAME`.
const WHITEOUT_PREFIX: &[u8] = b".wh.";
/// Prefix of whiteout metadata names (aufs bookkeeping and the opaque marker).
const WHITEOUT_META_PREFIX: &[u8] = b".wh..wh.";
/// Marks its directory as opaque: lower layers' contents are hidden.
const OPAQUE_MARKER: &[u8] = b".wh..wh..opq";

/// A path inside the layer, lexically normalised: no leading `/`, no empty, `.`
/// or `..` components. The empty path is the layer root.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub(crate) struct LayerPath(Vec<u8>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathProblem {
    ClimbsAboveRoot,
    ContainsNul,
}

impl LayerPath {
    /// Normalises a path as stored in a tar header. A leading `/` is dropped
    /// (absolute names stay inside the layer, as docker does) and `..` is resolved
    /// lexically; climbing above the root is refused rather than clamped because
    /// no well-formed layer contains such a name.
    pub(crate) fn parse(raw: &[u8]) -> Result<Self, PathProblem> {
        let mut components: Vec<&[u8]> = Vec::new();
        for component in raw.split(|&b| b == b'/') {
            match component {
                b"" | b"." => {}
                b".." => {
                    if components.pop().is_none() {
                        return Err(PathProblem::ClimbsAboveRoot);
                    }
                }
                name if name.contains(&0) => return Err(PathProblem::ContainsNul),
                name => components.push(name),
            }
        }
        Ok(Self(components.join(&b'/')))
    }

    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub(crate) fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of components; the root has depth 0.
    pub(crate) fn depth(&self) -> usize {
        if self.is_root() {
            0
        } else {
            self.0.iter().filter(|&&b| b == b'/').count() + 1
        }
    }

    pub(crate) fn components(&self) -> impl Iterator<Item = &[u8]> {
        self.0.split(|&b| b == b'/').filter(|c| !c.is_empty())
    }

    /// Splits into (parent path bytes, final component); `None` for the root.
    pub(crate) fn split_last(&self) -> Option<(&[u8], &[u8])> {
        if self.is_root() {
            return None;
        }
        Some(match self.0.iter().rposition(|&b| b == b'/') {
            Some(slash) => (&self.0[..slash], &self.0[slash + 1..]),
            None => (&[][..], &self.0[..]),
        })
    }

    pub(crate) fn from_normalized(bytes: &[u8]) -> Self {
        debug_assert!(Self::parse(bytes).is_ok_and(|p| p.0 == bytes));
        Self(bytes.to_vec())
    }

    pub(crate) fn join(&self, name: &[u8]) -> Self {
        let mut joined = self.0.clone();
        if !joined.is_empty() {
            joined.push(b'/');
        }
        joined.extend_from_slice(name);
        Self(joined)
    }

    /// Half-open byte range `[self/, self0)` that contains exactly the paths
    /// strictly below `self` (`'0'` is the byte after `'/'`).
    pub(crate) fn descendants_range(&self) -> (LayerPath, LayerPath) {
        let mut low = self.0.clone();
        low.push(b'/');
        let mut high = self.0.clone();
        high.push(b'/' + 1);
        (Self(low), Self(high))
    }
}

impl fmt::Display for LayerPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_root() {
            f.write_str(".")
        } else {
            f.write_str(&String::from_utf8_lossy(&self.0))
        }
    }
}

/// The tar entry type, reduced to what the planner needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryKind {
    File,
    Dir,
    Symlink,
    Hardlink,
    Fifo,
    CharDevice {
        major: u32,
        minor: u32,
    },
    BlockDevice {
        major: u32,
        minor: u32,
    },
    /// PAX global header: carries defaults for the archive, nothing to create.
    GlobalExtensions,
    Unsupported(u8),
}

/// What to create at a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    File,
    Dir,
    /// The target is stored verbatim: it is only ever resolved later, inside the
    /// container's root.
    Symlink {
        target: Vec<u8>,
    },
    Hardlink {
        target: LayerPath,
    },
    Fifo,
    CharDevice {
        major: u32,
        minor: u32,
    },
    BlockDevice {
        major: u32,
        minor: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Action {
    /// `path` is never the root.
    Create {
        path: LayerPath,
        node: Node,
    },
    /// A directory entry for the layer root itself (`./`): metadata only.
    UpdateRoot,
    /// Hide `path` of lower layers: a 0:0 character device at `path`.
    Whiteout {
        path: LayerPath,
    },
    /// Hide the lower layers' contents of `dir`.
    Opaque {
        dir: LayerPath,
    },
    Skip {
        reason: &'static str,
    },
}

/// Maps one tar entry to the action that reproduces it in the overlay layout.
/// `display` names the entry in errors.
pub(crate) fn plan_entry(
    raw_path: &[u8],
    kind: EntryKind,
    link_name: Option<&[u8]>,
) -> Result<Action, LayerError> {
    let display = || String::from_utf8_lossy(raw_path).into_owned();
    let invalid = |reason: &'static str| LayerError::InvalidEntry {
        path: display(),
        reason,
    };

    match kind {
        EntryKind::GlobalExtensions => {
            return Ok(Action::Skip {
                reason: "pax global header",
            });
        }
        EntryKind::Unsupported(type_flag) => {
            return Err(LayerError::UnsupportedEntryType {
                path: display(),
                type_flag: char::from(type_flag),
            });
        }
        _ => {}
    }

    let path = LayerPath::parse(raw_path).map_err(|problem| match problem {
        PathProblem::ClimbsAboveRoot => LayerError::PathEscapesRoot { path: display() },
        PathProblem::ContainsNul => invalid("the name contains a NUL byte"),
    })?;

    let Some((parent, name)) = path.split_last() else {
        return match kind {
            EntryKind::Dir => Ok(Action::UpdateRoot),
            _ => Err(invalid("it names the layer root but is not a directory")),
        };
    };
    let parent = LayerPath::from_normalized(parent);

    // Old aufs layers keep hard-link bookkeeping in `.wh..wh.plnk/`; overlay has
    // no use for it.
    if parent
        .components()
        .any(|component| component.starts_with(WHITEOUT_META_PREFIX))
    {
        return Ok(Action::Skip {
            reason: "inside an aufs metadata directory",
        });
    }
    if name == OPAQUE_MARKER {
        return Ok(Action::Opaque { dir: parent });
    }
    if name.starts_with(WHITEOUT_META_PREFIX) {
        return Ok(Action::Skip {
            reason: "aufs metadata",
        });
    }
    if let Some(hidden) = name.strip_prefix(WHITEOUT_PREFIX) {
        if matches!(hidden, b"" | b"." | b"..") {
            return Err(invalid("the whiteout does not name a file"));
        }
        return Ok(Action::Whiteout {
            path: parent.join(hidden),
        });
    }

    let node = match kind {
        EntryKind::File => Node::File,
        EntryKind::Dir => Node::Dir,
        EntryKind::Fifo => Node::Fifo,
        EntryKind::CharDevice { major, minor } => Node::CharDevice { major, minor },
        EntryKind::BlockDevice { major, minor } => Node::BlockDevice { major, minor },
        EntryKind::Symlink => {
            let target = link_name.unwrap_or_default();
            if target.is_empty() {
                return Err(invalid("the symbolic link has an empty target"));
            }
            if target.contains(&0) {
                return Err(invalid("the symbolic link target contains a NUL byte"));
            }
            Node::Symlink {
                target: target.to_vec(),
            }
        }
        EntryKind::Hardlink => {
            let raw_target = link_name.unwrap_or_default();
            let target_display = || String::from_utf8_lossy(raw_target).into_owned();
            if raw_target.is_empty() {
                return Err(invalid("the hard link has an empty target"));
            }
            let target = LayerPath::parse(raw_target).map_err(|problem| match problem {
                PathProblem::ClimbsAboveRoot => LayerError::HardlinkEscapesRoot {
                    path: display(),
                    target: target_display(),
                },
                PathProblem::ContainsNul => invalid("the hard link target contains a NUL byte"),
            })?;
            if target.is_root() {
                return Err(LayerError::HardlinkToDirectory {
                    path: display(),
                    target: target_display(),
                });
            }
            Node::Hardlink { target }
        }
        EntryKind::GlobalExtensions | EntryKind::Unsupported(_) => unreachable!("handled above"),
    };
    Ok(Action::Create { path, node })
}

/// Whether an extended attribute recorded in the image may be recreated.
/// `trusted.*` needs real root, and `user.overlay.*` would let an image forge
/// overlayfs whiteouts, redirects or metacopy in our own layout.
pub(crate) fn image_xattr_allowed(name: &[u8]) -> bool {
    if name.contains(&0) {
        return false;
    }
    (name.starts_with(b"user.") && !name.starts_with(b"user.overlay."))
        || name == b"security.capability"
}

/// Parses a PAX time value (`seconds[.fraction]`, possibly negative) into
/// seconds and nanoseconds with `0 <= nanoseconds < 1e9`.
pub(crate) fn parse_pax_time(value: &[u8]) -> Option<(i64, u32)> {
    let text = std::str::from_utf8(value).ok()?;
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seconds: i64 = whole.parse().ok()?;
    let mut nanos: u32 = 0;
    for (i, digit) in fraction.bytes().take(9).enumerate() {
        nanos += u32::from(digit - b'0') * 10u32.pow(8 - i as u32);
    }
    Some(match (negative, nanos) {
        (false, _) => (seconds, nanos),
        (true, 0) => (-seconds, 0),
        (true, _) => (-seconds - 1, 1_000_000_000 - nanos),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(path: &str, kind: EntryKind, link: Option<&str>) -> Result<Action, LayerError> {
        plan_entry(path.as_bytes(), kind, link.map(str::as_bytes))
    }

    fn lp(path: &str) -> LayerPath {
        LayerPath::parse(path.as_bytes()).unwrap()
    }

    fn create(path: &str, node: Node) -> Action {
        Action::Create {
            path: lp(path),
            node,
        }
    }

    #[test]
    fn normalises_paths_lexically() {
        assert_eq!(lp("a/b/c").as_bytes(), b"a/b/c");
        assert_eq!(lp("/abs/x").as_bytes(), b"abs/x");
        assert_eq!(lp("./a//b/./c/").as_bytes(), b"a/b/c");
        assert_eq!(lp("a/../b").as_bytes(), b"b");
        assert_eq!(lp("a/b/../../c").as_bytes(), b"c");
        assert_eq!(lp("///").as_bytes(), b"");
        assert!(lp("./").is_root());
        assert_eq!(LayerPath::parse(b"../x"), Err(PathProblem::ClimbsAboveRoot));
        assert_eq!(
            LayerPath::parse(b"a/../../x"),
            Err(PathProblem::ClimbsAboveRoot)
        );
        assert_eq!(
            LayerPath::parse(b"/../etc"),
            Err(PathProblem::ClimbsAboveRoot)
        );
        assert_eq!(LayerPath::parse(b"a/b\0c"), Err(PathProblem::ContainsNul));
    }

    #[test]
    fn splits_and_measures_paths() {
        assert_eq!(lp("a/b/c").split_last(), Some((&b"a/b"[..], &b"c"[..])));
        assert_eq!(lp("c").split_last(), Some((&b""[..], &b"c"[..])));
        assert_eq!(lp("").split_last(), None);
        assert_eq!(lp("").depth(), 0);
        assert_eq!(lp("a").depth(), 1);
        assert_eq!(lp("a/b/c").depth(), 3);
        assert_eq!(lp("").join(b"x"), lp("x"));
        assert_eq!(lp("a/b").join(b"x"), lp("a/b/x"));
        assert_eq!(
            lp("a/b").components().collect::<Vec<_>>(),
            vec![&b"a"[..], &b"b"[..]]
        );
        assert_eq!(lp("").components().count(), 0);
    }

    #[test]
    fn descendants_range_holds_exactly_the_subtree() {
        let (low, high) = lp("a/b").descendants_range();
        let inside = |p: &str| {
            let p = lp(p);
            p >= low && p < high
        };
        assert!(inside("a/b/c"));
        assert!(inside("a/b/c/d"));
        assert!(inside("a/b/-"));
        assert!(!inside("a/b"));
        assert!(!inside("a/bc"));
        assert!(!inside("a/b-c"));
        assert!(!inside("a/b0"));
        assert!(!inside("a/c"));
    }

    #[test]
    fn plans_ordinary_entries() {
        assert_eq!(
            plan("usr/bin/ls", EntryKind::File, None).unwrap(),
            create("usr/bin/ls", Node::File)
        );
        assert_eq!(
            plan("usr/lib/", EntryKind::Dir, None).unwrap(),
            create("usr/lib", Node::Dir)
        );
        assert_eq!(
            plan("./", EntryKind::Dir, None).unwrap(),
            Action::UpdateRoot
        );
        assert_eq!(
            plan("lib", EntryKind::Symlink, Some("usr/lib")).unwrap(),
            create(
                "lib",
                Node::Symlink {
                    target: b"usr/lib".to_vec()
                }
            )
        );
        assert_eq!(
            plan(
                "dev/null",
                EntryKind::CharDevice { major: 1, minor: 3 },
                None
            )
            .unwrap(),
            create("dev/null", Node::CharDevice { major: 1, minor: 3 })
        );
        assert_eq!(
            plan("x", EntryKind::GlobalExtensions, None).unwrap(),
            Action::Skip {
                reason: "pax global header"
            }
        );
    }

    #[test]
    fn keeps_symlink_targets_verbatim() {
        for target in ["/etc/../../../etc/passwd", "../../x/./y", "/", "a//b/"] {
            assert_eq!(
                plan("l", EntryKind::Symlink, Some(target)).unwrap(),
                create(
                    "l",
                    Node::Symlink {
                        target: target.as_bytes().to_vec()
                    }
                )
            );
        }
        assert!(matches!(
            plan("l", EntryKind::Symlink, Some("")),
            Err(LayerError::InvalidEntry { .. })
        ));
        assert!(matches!(
            plan("l", EntryKind::Symlink, None),
            Err(LayerError::InvalidEntry { .. })
        ));
    }

    #[test]
    fn plans_hardlinks_inside_the_layer() {
        assert_eq!(
            plan("bin/b", EntryKind::Hardlink, Some("/bin/./a")).unwrap(),
            create(
                "bin/b",
                Node::Hardlink {
                    target: lp("bin/a")
                }
            )
        );
        match plan("x", EntryKind::Hardlink, Some("../../etc/passwd")) {
            Err(LayerError::HardlinkEscapesRoot { path, target }) => {
                assert_eq!(path, "x");
                assert_eq!(target, "../../etc/passwd");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(matches!(
            plan("x", EntryKind::Hardlink, Some("a/..")),
            Err(LayerError::HardlinkToDirectory { .. })
        ));
        assert!(matches!(
            plan("x", EntryKind::Hardlink, None),
            Err(LayerError::InvalidEntry { .. })
        ));
    }

    #[test]
    fn rejects_names_that_climb_out() {
        for hostile in ["../x", "a/../../x", "/../x", "./../x", "a/b/../../../x"] {
            match plan(hostile, EntryKind::File, None) {
                Err(LayerError::PathEscapesRoot { path }) => assert_eq!(path, hostile),
                other => panic!("{hostile}: unexpected {other:?}"),
            }
        }
        // Absolute names are contained, not rejected.
        assert_eq!(
            plan("/tmp/x", EntryKind::File, None).unwrap(),
            create("tmp/x", Node::File)
        );
        assert!(matches!(
            plan("a/..", EntryKind::File, None),
            Err(LayerError::InvalidEntry { .. })
        ));
    }

    #[test]
    fn maps_whiteouts_to_overlay_actions() {
        assert_eq!(
            plan("etc/.wh.passwd", EntryKind::File, None).unwrap(),
            Action::Whiteout {
                path: lp("etc/passwd")
            }
        );
        assert_eq!(
            plan(".wh.top", EntryKind::File, None).unwrap(),
            Action::Whiteout { path: lp("top") }
        );
        assert_eq!(
            plan("var/cache/.wh..wh..opq", EntryKind::File, None).unwrap(),
            Action::Opaque {
                dir: lp("var/cache")
            }
        );
        assert_eq!(
            plan(".wh..wh..opq", EntryKind::File, None).unwrap(),
            Action::Opaque { dir: lp("") }
        );
        assert!(matches!(
            plan(".wh..wh.plnk", EntryKind::Dir, None).unwrap(),
            Action::Skip { .. }
        ));
        assert!(matches!(
            plan(".wh..wh.plnk/123.456", EntryKind::File, None).unwrap(),
            Action::Skip { .. }
        ));
        assert!(matches!(
            plan("a/.wh..wh.aufs", EntryKind::File, None).unwrap(),
            Action::Skip { .. }
        ));
        for hostile in ["a/.wh.", "a/.wh..", "a/.wh...", ".wh..."] {
            assert!(
                matches!(
                    plan(hostile, EntryKind::File, None),
                    Err(LayerError::InvalidEntry { .. })
                ),
                "{hostile}"
            );
        }
        // A whiteout cannot climb out through its own path either.
        assert!(matches!(
            plan("../.wh.x", EntryKind::File, None),
            Err(LayerError::PathEscapesRoot { .. })
        ));
    }

    #[test]
    fn rejects_unsupported_types() {
        match plan("x", EntryKind::Unsupported(b'V'), None) {
            Err(LayerError::UnsupportedEntryType { path, type_flag }) => {
                assert_eq!(path, "x");
                assert_eq!(type_flag, 'V');
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn filters_image_xattrs() {
        assert!(image_xattr_allowed(b"user.mime_type"));
        assert!(image_xattr_allowed(b"security.capability"));
        assert!(!image_xattr_allowed(b"user.overlay.opaque"));
        assert!(!image_xattr_allowed(b"user.overlay.redirect"));
        assert!(!image_xattr_allowed(b"trusted.overlay.opaque"));
        assert!(!image_xattr_allowed(b"security.selinux"));
        assert!(!image_xattr_allowed(b"system.posix_acl_access"));
        assert!(!image_xattr_allowed(b"user.a\0b"));
    }

    #[test]
    fn parses_pax_times() {
        assert_eq!(parse_pax_time(b"1700000000"), Some((1_700_000_000, 0)));
        assert_eq!(
            parse_pax_time(b"1700000000.123456789"),
            Some((1_700_000_000, 123_456_789))
        );
        assert_eq!(parse_pax_time(b"12.5"), Some((12, 500_000_000)));
        assert_eq!(parse_pax_time(b"12.0000000019"), Some((12, 1)));
        assert_eq!(parse_pax_time(b"-1.25"), Some((-2, 750_000_000)));
        assert_eq!(parse_pax_time(b"-3"), Some((-3, 0)));
        assert_eq!(parse_pax_time(b""), None);
        assert_eq!(parse_pax_time(b".5"), None);
        assert_eq!(parse_pax_time(b"1e9"), None);
        assert_eq!(parse_pax_time(b"1.2.3"), None);
    }
}

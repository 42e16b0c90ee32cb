//! Pure planning for volumes: names and `--opt` options, as podman checks them.

use std::collections::BTreeMap;

use super::VolumeError;

/// podman's rule for volume names (and container names): `[a-zA-Z0-9][a-zA-Z0-9_.-]*`, so
/// a name is always one path component.
pub fn validate_name(name: &str) -> Result<(), VolumeError> {
    let mut bytes = name.bytes();
    let ok = bytes.next().is_some_and(|b| b.is_ascii_alphanumeric())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(VolumeError::BadName {
            name: name.to_string(),
        })
    }
}

/// A name for a volume created without one: 64 hex digits, as podman's.
pub fn random_name() -> std::io::Result<String> {
    use std::io::Read;
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    Ok(hex::encode(bytes))
}

/// The pid in a staged volume's name (`NAME.PID.partial`, the leading dot stripped).
pub(super) fn partial_pid(rest: &str) -> Option<i32> {
    let stem = rest.strip_suffix(".partial")?;
    let (_, pid) = stem.rsplit_once('.')?;
    pid.parse().ok()
}

/// What `--opt` gave, checked: the options as podman's inspect shows them, and the owner of
/// the volume's directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VolumeOptions {
    pub options: BTreeMap<String, String>,
    pub uid: Option<u32>,
    pub gid: Option<u32>,
}

/// Checks `--opt KEY=VALUE` pairs as podman's local driver does: `o` (mount options, where
/// `uid=`/`gid=` set the directory's owner), `UID`, `GID`, `size`, `inodes`, `noquota`,
/// `timeout`; `type` and `device` would mount a filesystem, which needs root.
pub fn parse_options(pairs: &[(String, String)]) -> Result<VolumeOptions, VolumeError> {
    let mut out = VolumeOptions::default();
    let number = |key: &str, value: &str| {
        value.parse::<u32>().map_err(|_| VolumeError::BadNumber {
            key: key.to_string(),
            value: value.to_string(),
        })
    };
    for (key, value) in pairs {
        match key.to_ascii_lowercase().as_str() {
            "o" => {
                for part in value.split(',').filter(|p| !p.is_empty()) {
                    let (k, v) = part.split_once('=').unwrap_or((part, ""));
                    match k.to_ascii_lowercase().as_str() {
                        "uid" => {
                            out.uid = Some(number("uid", v)?);
                            out.options.insert("UID".into(), v.to_string());
                        }
                        "gid" => {
                            out.gid = Some(number("gid", v)?);
                            out.options.insert("GID".into(), v.to_string());
                        }
                        _ => {}
                    }
                }
                out.options.insert(key.clone(), value.clone());
            }
            "uid" => {
                out.uid = Some(number(key, value)?);
                out.options.insert("UID".into(), value.clone());
            }
            "gid" => {
                out.gid = Some(number(key, value)?);
                out.options.insert("GID".into(), value.clone());
            }
            "size" | "inodes" | "noquota" | "timeout" => {
                out.options.insert(key.clone(), value.clone());
            }
            "type" | "device" => {
                return Err(VolumeError::NeedsRoot {
                    key: key.clone(),
                    value: value.clone(),
                });
            }
            _ => return Err(VolumeError::BadOption { key: key.clone() }),
        }
    }
    Ok(out)
}

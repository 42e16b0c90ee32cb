//! Resolution of `-u USER[:GROUP]` against the text of the rootfs's /etc/passwd and /etc/group
//! (read by the caller without following the container's symlinks out of the rootfs).

use super::SpecError;

/// The process identity a user spec resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedUser {
    pub uid: u32,
    pub gid: u32,
    /// Supplementary groups from /etc/group membership (only when no group was given, as runc
    /// and podman do).
    pub additional_gids: Vec<u32>,
    /// The home directory for the HOME default; "/" when the user has no passwd entry.
    pub home: String,
}

struct PasswdEntry<'a> {
    name: &'a str,
    uid: u32,
    gid: u32,
    home: &'a str,
}

struct GroupEntry<'a> {
    name: &'a str,
    gid: u32,
    members: Vec<&'a str>,
}

fn passwd_entries(text: &str) -> impl Iterator<Item = PasswdEntry<'_>> {
    text.lines().filter_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        if line.starts_with('#') || fields.len() < 7 {
            return None;
        }
        Some(PasswdEntry {
            name: fields[0],
            uid: fields[2].parse().ok()?,
            gid: fields[3].parse().ok()?,
            home: fields[5],
        })
    })
}

fn group_entries(text: &str) -> impl Iterator<Item = GroupEntry<'_>> {
    text.lines().filter_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        if line.starts_with('#') || fields.len() < 4 {
            return None;
        }
        Some(GroupEntry {
            name: fields[0],
            gid: fields[2].parse().ok()?,
            members: fields[3].split(',').filter(|m| !m.is_empty()).collect(),
        })
    })
}

/// Resolves `USER[:GROUP]`. Numbers work without the files; names must be in them. A numeric
/// user without a passwd entry gets group 0 and home "/", as podman gives it.
pub fn resolve_user(
    spec: &str,
    passwd: Option<&str>,
    group: Option<&str>,
) -> Result<ResolvedUser, SpecError> {
    let (user_part, group_part) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    if user_part.is_empty() || group_part.is_some_and(str::is_empty) {
        return Err(SpecError::BadUser {
            spec: spec.to_string(),
        });
    }
    let entry = find_passwd(user_part, passwd.unwrap_or(""));
    let (uid, gid, home, name) = match (entry, user_part.parse::<u32>()) {
        (Some(e), _) => (e.uid, e.gid, e.home.to_string(), Some(e.name)),
        (None, Ok(uid)) => (uid, 0, "/".to_string(), None),
        (None, Err(_)) => {
            return Err(SpecError::UnknownUser {
                name: user_part.to_string(),
            });
        }
    };
    let group_text = group.unwrap_or("");
    let (gid, additional_gids) = match group_part {
        Some(g) => (resolve_group(g, group_text)?, Vec::new()),
        None => (
            gid,
            name.map(|n| member_gids(n, group_text)).unwrap_or_default(),
        ),
    };
    Ok(ResolvedUser {
        uid,
        gid,
        additional_gids,
        home: if home.is_empty() {
            "/".to_string()
        } else {
            home
        },
    })
}

/// Looks a user up by name first, then by number (a name may be all digits).
fn find_passwd<'a>(user: &str, text: &'a str) -> Option<PasswdEntry<'a>> {
    passwd_entries(text).find(|e| e.name == user).or_else(|| {
        let uid: u32 = user.parse().ok()?;
        passwd_entries(text).find(|e| e.uid == uid)
    })
}

fn resolve_group(group: &str, text: &str) -> Result<u32, SpecError> {
    if let Some(entry) = group_entries(text).find(|e| e.name == group) {
        return Ok(entry.gid);
    }
    group.parse().map_err(|_| SpecError::UnknownGroup {
        name: group.to_string(),
    })
}

fn member_gids(user: &str, text: &str) -> Vec<u32> {
    let mut gids: Vec<u32> = Vec::new();
    for entry in group_entries(text).filter(|e| e.members.contains(&user)) {
        if !gids.contains(&entry.gid) {
            gids.push(entry.gid);
        }
    }
    gids
}

/// Resolves `--group-add` values (names from /etc/group, or numbers). `keep-groups` is handled
/// by the caller and rejected here.
pub fn resolve_group_add(values: &[String], group: Option<&str>) -> Result<Vec<u32>, SpecError> {
    let text = group.unwrap_or("");
    let mut gids = Vec::new();
    for value in values {
        if value == "keep-groups" {
            return Err(SpecError::KeepGroupsWithOthers);
        }
        let gid = resolve_group(value, text)?;
        if !gids.contains(&gid) {
            gids.push(gid);
        }
    }
    Ok(gids)
}

/// A host user that the container's /etc/passwd gets (`--userns keep-id`, `--hostuser`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostAccount {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    /// The GECOS field.
    pub full_name: String,
    pub home: String,
}

/// podman's passwd line for a host user: its home only where a mount shows it inside (at the
/// home or a directory above it), else the container's working directory.
pub fn passwd_line(account: &HostAccount, mount_destinations: &[&str], workdir: &str) -> String {
    let home = std::path::Path::new(&account.home);
    let mounted = home
        .ancestors()
        .filter(|a| *a != std::path::Path::new("/"))
        .any(|a| {
            mount_destinations
                .iter()
                .any(|d| std::path::Path::new(d) == a)
        });
    let home = if mounted { &account.home } else { workdir };
    format!(
        "{}:*:{}:{}:{}:{}:/bin/sh",
        account.name, account.uid, account.gid, account.full_name, home
    )
}

/// The lines of `additions` (passwd or group lines) whose name and ID `existing` lacks, as
/// podman adds them: a user or group the image has keeps its own entry.
pub fn missing_entries<'a>(existing: &str, additions: &'a [String]) -> Vec<&'a str> {
    let key = |line: &str| -> Option<(String, String)> {
        let fields: Vec<&str> = line.split(':').collect();
        (!line.starts_with('#') && fields.len() >= 3)
            .then(|| (fields[0].to_string(), fields[2].to_string()))
    };
    let mut known: Vec<(String, String)> = existing.lines().filter_map(key).collect();
    let mut missing = Vec::new();
    for line in additions {
        let Some((name, id)) = key(line) else {
            continue;
        };
        if known.iter().any(|(n, i)| *n == name || *i == id) {
            continue;
        }
        known.push((name, id));
        missing.push(line.as_str());
    }
    missing
}

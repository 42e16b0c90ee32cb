//! `system check`: the store's consistency pass. The store lists what is wrong on disk
//! (`Store::scan`); this decides what is live and, asked to, repairs the rest: leftovers of
//! killed burrows are removed, damaged images removed unless containers use them (with
//! `force`, those containers first), layers nothing uses deleted. Nothing a live process
//! uses is deleted: a quarantined layer under a running container stays, and a damaged
//! container's processes are ended (as `rm -f` does) only with `force`.

use std::collections::HashSet;

use crate::store::{Finding, STAGED_RECORD, Store, StoreError, layer_short_id, remove_tree};

use super::{ContainerError, Host, running_process};

/// A repair: what may be removed, and where the user's namespace is (layers hold files owned
/// by subordinate IDs, so the caller must have entered it).
#[derive(Debug, Clone, Copy)]
pub struct Repair<'a> {
    pub host: &'a Host,
    /// Also remove damaged containers and the containers of damaged images.
    pub force: bool,
}

/// What the pass found and did.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Damage and leftovers, as found before any repair.
    pub findings: Vec<Finding>,
    /// What the repair removed, one line each (podman's `Deleted damaged image: ID`).
    pub repaired: Vec<String>,
    /// What was found but deliberately kept, and why (not damage: a layer a running container
    /// still uses).
    pub kept: Vec<String>,
    /// What is still wrong after the repair (or everything, without one).
    pub remaining: Vec<Finding>,
}

/// Runs the consistency pass: only reports, or with `repair` also removes. `quick` skips what
/// costs a read per record (see `Store::scan`).
pub fn check(
    store: &Store,
    quick: bool,
    repair: Option<Repair<'_>>,
) -> Result<CheckReport, ContainerError> {
    let mut report = CheckReport::default();
    let found = findings(store, quick, &mut report.kept)?;
    if let Some(repair) = repair {
        repair_store(store, repair, &found, &mut report)?;
        let mut ignored = Vec::new();
        report.remaining = findings(store, quick, &mut ignored)?;
    } else {
        report.remaining = found.clone();
    }
    report.findings = found;
    Ok(report)
}

/// The store's findings with what is live taken out: a quarantined layer a running container
/// uses is kept (noted in `kept`), not damage.
fn findings(
    store: &Store,
    quick: bool,
    kept: &mut Vec<String>,
) -> Result<Vec<Finding>, ContainerError> {
    let scan = store.scan(quick)?;
    let mut findings = scan.findings;
    if findings
        .iter()
        .any(|f| matches!(f, Finding::QuarantinedLayer { .. }))
    {
        let running = running_layers(store)?;
        findings.retain(|f| match f {
            Finding::QuarantinedLayer { short, path } if running.contains(short) => {
                kept.push(format!(
                    "Kept quarantined layer {}: a running container may still use it; check again once it has stopped",
                    path.display()
                ));
                false
            }
            _ => true,
        });
    }
    Ok(findings)
}

/// Short IDs of the layers under running containers.
fn running_layers(store: &Store) -> Result<HashSet<String>, StoreError> {
    let images = store.images()?;
    let mut shorts = HashSet::new();
    for c in store.containers()? {
        if running_process(&c.state).is_some_and(|p| p.alive())
            && let Some(image) = images.iter().find(|i| i.id == c.record.image_id)
        {
            shorts.extend(image.layers.iter().map(|l| layer_short_id(l).to_string()));
        }
    }
    Ok(shorts)
}

fn repair_store(
    store: &Store,
    repair: Repair<'_>,
    found: &[Finding],
    report: &mut CheckReport,
) -> Result<(), ContainerError> {
    let host = repair.host;
    // Containers first: a damaged image can only go once no container uses it.
    for finding in found {
        let id = match finding {
            Finding::DamagedContainer(d) => &d.id,
            Finding::ContainerWithoutImage { id, .. } => id,
            _ => continue,
        };
        if repair.force {
            super::remove(store, id, true, None, host)?;
            report
                .repaired
                .push(format!("Deleted damaged container: {id}"));
        } else {
            report.kept.push(format!(
                "Kept damaged container {id}: what runs of it would be killed; remove it with --repair --force or: burrow rm -f {id}"
            ));
        }
    }
    // Sweeps of killed creates and removals (under the names lock, so no create is running).
    {
        let _names = store.lock_container_names()?;
        let (_, leftovers) = store.containers_and_leftovers()?;
        for (path, _lock) in leftovers {
            super::delete_dir(&path, host)?;
        }
    }
    // Everything under the image-list lock: its taking sweeps unrecorded image directories
    // and staged lists; pulls and creates wait meanwhile.
    let mut list = store.lock_images()?;
    let damaged_images: Vec<&String> = found
        .iter()
        .filter_map(|f| match f {
            Finding::DamagedImage { id, .. } => Some(id),
            _ => None,
        })
        .collect();
    let containers = store.containers()?;
    let mut deleted = Vec::new();
    for id in damaged_images {
        let users: Vec<&str> = containers
            .iter()
            .filter(|c| &c.record.image_id == id)
            .map(|c| c.record.id.as_str())
            .collect();
        if !users.is_empty() {
            if !repair.force {
                report.kept.push(format!(
                    "Kept damaged image {id}: container {} uses it; remove them too with --repair --force",
                    users.join(", ")
                ));
                continue;
            }
            for user in &users {
                super::remove(store, user, true, None, host)?;
                report
                    .repaired
                    .push(format!("Deleted damaged container: {user}"));
            }
        }
        list.images.retain(|i| &i.id != id);
        deleted.push(id.clone());
    }
    list.save()?;
    // With them go killed pulls' and removals' layer leftovers and every layer no image uses
    // (the damaged images' own, and damaged layers nothing uses).
    store.remove_image_files(&deleted, &list.images)?;
    report.repaired.extend(
        deleted
            .iter()
            .map(|id| format!("Deleted damaged image: {id}")),
    );
    for finding in found {
        if let Finding::Leftover { path, what } = finding
            && *what == STAGED_RECORD
        {
            let _ = std::fs::remove_file(path);
        }
    }
    for finding in found {
        let line = match finding {
            Finding::Leftover { path, .. } => {
                (!path.exists()).then(|| format!("Removed leftover: {}", path.display()))
            }
            Finding::DamagedLayer { short, .. } => (!store.layers_dir().join(short).exists())
                .then(|| format!("Deleted damaged layer: {short}")),
            Finding::UnusedLayer { short } => (!store.layers_dir().join(short).exists())
                .then(|| format!("Deleted unused layer: {short}")),
            _ => None,
        };
        report.repaired.extend(line);
    }
    // Quarantined layers nothing running uses (`findings` kept the others out).
    for finding in found {
        if let Finding::QuarantinedLayer { path, .. } = finding {
            remove_tree(path)?;
            report
                .repaired
                .push(format!("Deleted quarantined layer: {}", path.display()));
        }
    }
    drop(list);
    Ok(())
}

//! `system reset` and `system migrate`: the user's whole burrow gone, or the shared user
//! namespace replaced so that changed subordinate ID ranges take effect.

use std::time::Duration;

use super::{ContainerError, Host};
use crate::store::{Status, Store, remove_tree};

/// `system reset`: every container killed and removed, then the store with its images,
/// layers and volumes, the run directory and the namespace holder. Call inside the user
/// namespace: layers and volumes hold files of subordinate IDs.
pub fn reset(store: &Store, host: &Host) -> Result<(), ContainerError> {
    if store.root().exists() {
        let (all, damaged) = super::list_with_damaged(store, host)?;
        let ids: Vec<String> = all.into_iter().map(|c| c.record.id).collect();
        // Dependents before what they depend on; killed at once, as podman's reset does.
        let order = super::removal_order(store, &ids)?;
        for id in order.iter().chain(damaged.iter().map(|d| &d.id)) {
            match super::remove_with_volumes(store, id, true, Some(Duration::ZERO), host, true) {
                Ok(()) | Err(ContainerError::Lookup(_)) => {}
                Err(e) => return Err(e),
            }
        }
        store.destroy()?;
    } else if store.volume_path_override().is_some() {
        store.destroy()?;
    }
    crate::userns::stop_holder(&host.run_root)?;
    // Only a run directory of the user's own is removed: under /tmp another user's could
    // hold anything.
    if crate::store::check_private_dir(&host.run_root).is_ok() {
        remove_tree(&host.run_root)?;
    }
    Ok(())
}

/// `system migrate`: stops the running containers (they hold the old namespace), then ends
/// the namespace holder; the next burrow starts one with the maps /etc/subuid gives now.
/// Returns the IDs of the containers stopped.
pub fn migrate(store: &Store, host: &Host) -> Result<Vec<String>, ContainerError> {
    let mut stopped = Vec::new();
    if store.root().exists() {
        for c in super::list(store, host)? {
            if c.state.status == Status::Running {
                super::stop(store, &c.record.id, None)?;
                stopped.push(c.record.id);
            }
        }
    }
    crate::userns::stop_holder(&host.run_root)?;
    Ok(stopped)
}

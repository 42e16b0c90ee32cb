//! docker-archive's documents: `manifest.json` and `repositories`, as `docker save` and
//! `podman save` write them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One image of a docker-archive's `manifest.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DockerManifestEntry {
    /// The config's name in the archive (`<hex>.json`).
    #[serde(rename = "Config")]
    pub config: String,
    #[serde(rename = "RepoTags", default, deserialize_with = "null_as_empty")]
    pub repo_tags: Vec<String>,
    /// The layer tars' names, bottom first.
    #[serde(rename = "Layers", default, deserialize_with = "null_as_empty")]
    pub layers: Vec<String>,
}

// docker writes `"RepoTags": null` for an image saved by ID.
fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(d)?.unwrap_or_default())
}

/// `manifest.json` for the given images.
pub fn docker_manifest(entries: &[DockerManifestEntry]) -> Vec<u8> {
    serde_json::to_vec(entries).expect("manifest entries serialize")
}

/// The legacy `repositories` file: repository → tag → image ID, for each tagged name
/// (`name:tag`; digests have no place in it).
pub fn repositories(entries: &[(String, String)]) -> Vec<u8> {
    let mut repos: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
    for (name, id) in entries.iter().filter(|(name, _)| !name.contains('@')) {
        let slash = name.rfind('/').map_or(0, |i| i + 1);
        if let Some(colon) = name[slash..].rfind(':') {
            let (repo, tag) = (&name[..slash + colon], &name[slash + colon + 1..]);
            repos.entry(repo).or_default().insert(tag, id);
        }
    }
    serde_json::to_vec(&repos).expect("repositories serialize")
}

//! Images: pulling from registries, their configs, and finding a stored image by what a user types.

pub mod commit;
mod extract;
mod filter;
mod history;
pub mod import;
pub mod ingest;
mod load;
mod login;
mod lookup;
mod manage;
pub mod mount;
pub mod platform;
mod progress;
mod pull;
mod push;
mod roots;
mod save;
mod tree;

pub use filter::{FilterError, ImageFilter};
pub use history::{HistoryEntry, MISSING_ID, history};
pub use load::{LoadError, Selection, load};
pub use login::verify_login;
pub use lookup::{Found, LookupError, lookup};
pub use manage::{
    ImageError, PruneImageFilter, PruneReport, RemoveOptions, RemoveReport, local_name, prune,
    remove, tag, untag,
};
pub use platform::Platform;
pub use progress::Progress;
pub use pull::{PullOptions, pull};
pub use push::{Compression, ManifestFormat, PushError, PushOptions, PushReport, push};
pub use roots::network_runtime;
pub use save::{SaveError, SaveFormat, SaveOptions, save};
pub use tree::{ImageTree, TreeItem, tree};

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::ConfigError;
use crate::layer::LayerError;
use crate::store::{ImageRecord, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "{image}: image not known to the registry (manifest unknown); check the repository name and tag"
    )]
    NotFound { image: String },
    #[error("{image}: authentication required by {registry}; run: burrow login {registry}")]
    Unauthorized { registry: String, image: String },
    /// The token service refused the credentials (podman: "unable to retrieve auth token:
    /// invalid username/password").
    #[error(
        "{image}: unable to retrieve auth token: invalid username/password; check the credentials given with --creds or stored by: burrow login {registry}"
    )]
    BadCredentials { registry: String, image: String },
    #[error(
        "cannot connect to registry {registry}: {detail}; check that it is running and that its location in registries.conf (~/.config/containers/registries.conf or /etc/containers/registries.conf) is right"
    )]
    Connect { registry: String, detail: String },
    #[error(
        "cannot talk HTTPS to registry {registry} ({detail}); if it serves plain HTTP, set `insecure = true` in its [[registry]] entry in registries.conf (location = \"{registry}\") or pass --tls-verify=false"
    )]
    Tls { registry: String, detail: String },
    #[error(
        "registry {registry}: no CA certificates were found on this system to verify its TLS certificate with ({reason}); install the ca-certificates package (it provides /etc/ssl/certs/ca-certificates.crt) or set SSL_CERT_FILE to a CA bundle; a registry that serves plain HTTP needs `insecure = true` in its [[registry]] entry in registries.conf"
    )]
    NoCaCertificates { registry: String, reason: String },
    #[error("{image}: registry error: {detail}")]
    Registry { image: String, detail: String },
    #[error("{image}: invalid manifest: {detail}")]
    BadManifest { image: String, detail: String },
    #[error(
        "{image}: layer media type {media_type} is not supported (only tar, tar+gzip and tar+zstd layers are)"
    )]
    UnsupportedLayer { image: String, media_type: String },
    #[error(
        "{image}: no image for platform {platform} in the manifest list (it has: {available}); choose one with --platform"
    )]
    NoPlatform {
        image: String,
        platform: String,
        available: String,
    },
    #[error(
        "blob {blob} does not match its digest ({detail}); nothing was stored: pull again, and if it persists the registry holds a corrupt blob"
    )]
    Digest {
        blob: String,
        image: String,
        detail: String,
    },
    #[error("downloading blob {blob} failed: {detail}; nothing was stored: pull again")]
    Download { blob: String, detail: String },
    #[error("layer {blob} is corrupt: {detail}; nothing was stored")]
    CorruptLayer { blob: String, detail: String },
    #[error("layer {blob}: {source}")]
    Layer { blob: String, source: LayerError },
    #[error("cannot create {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("logging into \"{registry}\": invalid username/password")]
    LoginFailed { registry: String },
    #[error("no candidate could be pulled:\n{details}")]
    AllCandidates { details: String },
}

/// The parts of an image config burrow reads; the whole document is kept as pulled.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImageConfig {
    #[serde(default)]
    pub created: Option<DateTime<Utc>>,
    #[serde(default)]
    pub author: Option<String>,
    /// Docker's image comment (`commit -f docker -m`, `import -m`): inspect's Comment.
    #[serde(default)]
    pub comment: Option<String>,
    #[serde(default)]
    pub architecture: String,
    #[serde(default)]
    pub os: String,
    #[serde(default)]
    pub variant: Option<String>,
    /// The run configuration (Env, Cmd, Entrypoint, Labels, ...), kept verbatim.
    #[serde(default)]
    pub config: Option<serde_json::Value>,
    pub rootfs: RootFs,
    #[serde(default)]
    pub history: Vec<History>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RootFs {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub diff_ids: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct History {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub empty_layer: bool,
}

/// Splits `name[:tag][@digest]` into its repository, tag and digest, without validating.
pub fn split_name(input: &str) -> (&str, Option<&str>, Option<&str>) {
    let (rest, digest) = match input.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (input, None),
    };
    let slash = rest.rfind('/').map_or(0, |i| i + 1);
    match rest[slash..].rfind(':') {
        Some(i) => (&rest[..slash + i], Some(&rest[slash + i + 1..]), digest),
        None => (rest, None, digest),
    }
}

/// Why a stored image cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ImageUseError {
    #[error(
        "image {name}: its configuration {path} cannot be read ({reason}); remove the image and pull it again: burrow rmi {name} && burrow pull {name}"
    )]
    DamagedConfig {
        name: String,
        path: PathBuf,
        reason: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The stored config of an image; a damaged one gets an error naming the file, the image and
/// the fix.
pub fn load_config(
    store: &crate::store::Store,
    image: &ImageRecord,
) -> Result<ImageConfig, ImageUseError> {
    let path = store.image_dir(&image.id).join("config.json");
    let damaged = |reason: String| ImageUseError::DamagedConfig {
        name: image
            .names
            .first()
            .cloned()
            .unwrap_or_else(|| image.id[..12.min(image.id.len())].to_string()),
        path: path.clone(),
        reason,
    };
    match crate::store::record::read::<ImageConfig>(&path) {
        Ok(Some(config)) => Ok(config),
        Ok(None) => Err(damaged("the file is missing".into())),
        Err(StoreError::Damaged { reason, .. }) => Err(damaged(reason)),
        Err(e) => Err(e.into()),
    }
}

/// The labels of a stored image's config (an empty map when it has none).
pub fn image_labels(store: &crate::store::Store, image: &ImageRecord) -> serde_json::Value {
    store
        .image_file(&image.id, "config.json")
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|c| c.pointer("/config/Labels").cloned())
        .filter(|l| !l.is_null())
        .unwrap_or(serde_json::json!({}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_names_with_ports_tags_and_digests() {
        assert_eq!(split_name("busybox"), ("busybox", None, None));
        assert_eq!(
            split_name("127.0.0.1:5000/busybox:1.0"),
            ("127.0.0.1:5000/busybox", Some("1.0"), None)
        );
        assert_eq!(
            split_name("127.0.0.1:5000/busybox"),
            ("127.0.0.1:5000/busybox", None, None)
        );
        assert_eq!(
            split_name("a/b@sha256:00"),
            ("a/b", None, Some("sha256:00"))
        );
    }
}

//! The OCI image layout's documents (`oci-layout`, `index.json`) and the image manifests
//! written beside them.

use serde::{Deserialize, Serialize};

pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
pub const OCI_INDEX: &str = "application/vnd.oci.image.index.v1+json";
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
pub const OCI_LAYER: &str = "application/vnd.oci.image.layer.v1.tar";
pub const OCI_LAYER_GZIP: &str = "application/vnd.oci.image.layer.v1.tar+gzip";
pub const OCI_LAYER_ZSTD: &str = "application/vnd.oci.image.layer.v1.tar+zstd";
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
pub const DOCKER_LAYER: &str = "application/vnd.docker.image.rootfs.diff.tar";
pub const DOCKER_LAYER_GZIP: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
/// The annotation that names an image in an OCI layout's index.
pub const REF_NAME: &str = "org.opencontainers.image.ref.name";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Descriptor {
    #[serde(rename = "mediaType", default)]
    pub media_type: String,
    pub digest: String,
    pub size: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annotations: Option<std::collections::BTreeMap<String, String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<serde_json::Value>,
}

impl Descriptor {
    pub fn new(media_type: &str, digest: &str, size: u64) -> Descriptor {
        Descriptor {
            media_type: media_type.to_string(),
            digest: digest.to_string(),
            size,
            annotations: None,
            platform: None,
        }
    }

    pub fn ref_name(&self) -> Option<&str> {
        self.annotations.as_ref()?.get(REF_NAME).map(String::as_str)
    }
}

/// An image index (`index.json`) or an image manifest: the fields burrow reads of either.
#[derive(Debug, Clone, Deserialize)]
pub struct Document {
    #[serde(rename = "mediaType", default)]
    pub media_type: Option<String>,
    #[serde(default)]
    pub manifests: Vec<Descriptor>,
    #[serde(default)]
    pub config: Option<Descriptor>,
    #[serde(default)]
    pub layers: Vec<Descriptor>,
}

pub fn oci_layout() -> &'static [u8] {
    br#"{"imageLayoutVersion": "1.0.0"}"#
}

/// `index.json` listing the given manifests.
pub fn oci_index(manifests: &[Descriptor]) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "manifests": manifests,
    }))
    .expect("index serializes")
}

/// An image manifest of `media_type` (OCI or docker schema 2) for a config and layers.
pub fn image_manifest(media_type: &str, config: &Descriptor, layers: &[Descriptor]) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "mediaType": media_type,
        "config": config,
        "layers": layers,
    }))
    .expect("manifest serializes")
}

/// A layer media type in the other manifest format's words (docker's for OCI's and back).
pub fn layer_media_type(oci: bool, media_type: &str) -> String {
    let gzip = media_type.ends_with("gzip");
    let zstd = media_type.ends_with("zstd");
    match (oci, gzip, zstd) {
        (true, true, _) => OCI_LAYER_GZIP,
        (true, _, true) => OCI_LAYER_ZSTD,
        (true, _, _) => OCI_LAYER,
        (false, true, _) => DOCKER_LAYER_GZIP,
        // docker's format has no zstd layers: callers write those uncompressed
        (false, _, _) => DOCKER_LAYER,
    }
    .to_string()
}

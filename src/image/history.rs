//! An image's history as podman computes it (containers/common libimage `History`): the
//! config's history entries, newest first, each given the size of the layer it made and the
//! ID of the first image whose top layer that layer is, once.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::{ImageConfig, ImageUseError, load_config};
use crate::store::{ImageRecord, Store};

/// What `history` shows of one step.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    /// An image ID, or `<missing>` for a step that is no image's top.
    pub id: String,
    pub created: Option<DateTime<Utc>>,
    pub created_by: String,
    /// Bytes of the layer the step made (0 for a step that made none).
    pub size: u64,
    pub comment: String,
}

pub const MISSING_ID: &str = "<missing>";

/// The history of `image`, whose layer sizes come from the layer records.
pub fn history(
    store: &Store,
    images: &[ImageRecord],
    image: &ImageRecord,
) -> Result<Vec<HistoryEntry>, ImageUseError> {
    let config = load_config(store, image)?;
    let layer_size = |diff_id: &str| {
        store
            .layer(diff_id)
            .ok()
            .flatten()
            .map_or(0, |layer| layer.size)
    };
    Ok(plan_history(&config, image, images, layer_size))
}

/// The pure part of [`history`].
pub fn plan_history(
    config: &ImageConfig,
    image: &ImageRecord,
    images: &[ImageRecord],
    layer_size: impl Fn(&str) -> u64,
) -> Vec<HistoryEntry> {
    // The layer the walk is at: the top one first, moving down after each step that made one.
    let mut layer = image.layers.len().checked_sub(1);
    let mut used = HashSet::new();
    let mut entries = Vec::with_capacity(config.history.len());
    for step in config.history.iter().rev() {
        let mut entry = HistoryEntry {
            id: MISSING_ID.to_string(),
            created: step.created,
            created_by: step.created_by.clone().unwrap_or_default(),
            size: 0,
            comment: step.comment.clone().unwrap_or_default(),
        };
        if let Some(top) = layer {
            if !step.empty_layer {
                entry.size = layer_size(&image.layers[top]);
            }
            let chain = &image.layers[..=top];
            if let Some(owner) = images.iter().find(|i| i.layers == chain)
                && used.insert(owner.id.as_str())
            {
                entry.id = owner.id.clone();
            }
            if top > 0 && !step.empty_layer {
                layer = Some(top - 1);
            }
        }
        entries.push(entry);
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::{History, RootFs};

    fn step(by: &str, empty: bool) -> History {
        History {
            created: None,
            created_by: Some(by.into()),
            author: None,
            comment: None,
            empty_layer: empty,
        }
    }

    fn image(id: &str, layers: &[&str]) -> ImageRecord {
        ImageRecord {
            id: id.into(),
            layers: layers.iter().map(|l| l.to_string()).collect(),
            ..ImageRecord::default()
        }
    }

    fn config(history: Vec<History>) -> ImageConfig {
        ImageConfig {
            created: None,
            author: None,
            comment: None,
            architecture: "amd64".into(),
            os: "linux".into(),
            variant: None,
            config: None,
            rootfs: RootFs {
                kind: "layers".into(),
                diff_ids: vec![],
            },
            history,
        }
    }

    #[test]
    fn newest_first_with_ids_of_images_whose_top_layer_it_is() {
        let base = image("base", &["l1"]);
        let top = image("top", &["l1", "l2"]);
        let images = vec![top.clone(), base];
        let cfg = config(vec![
            step("ADD base", false),
            step("CMD base", true),
            step("RUN make", false),
            step("CMD app", true),
        ]);
        let size = |l: &str| if l == "l1" { 100 } else { 20 };
        let got: Vec<(String, String, u64)> = plan_history(&cfg, &top, &images, size)
            .into_iter()
            .map(|e| (e.id, e.created_by, e.size))
            .collect();
        let want = [
            ("top", "CMD app", 0),
            // Still layer l2, whose ID was already given.
            (MISSING_ID, "RUN make", 20),
            ("base", "CMD base", 0),
            (MISSING_ID, "ADD base", 100),
        ];
        assert_eq!(got, want.map(|(a, b, c)| (a.to_string(), b.to_string(), c)));
    }

    #[test]
    fn an_image_without_layers_has_only_missing_ids() {
        let img = image("x", &[]);
        let entries = plan_history(&config(vec![step("CMD", true)]), &img, &[], |_| 1);
        assert_eq!(entries[0].id, MISSING_ID);
        assert_eq!(entries[0].size, 0);
    }
}

//! `image tree`: an image's layers, or every layer built on its top one, as podman's
//! libimage `Tree` shows them.
//!
//! podman names each layer by its containers/storage ID: the diff ID of a bottom layer, else
//! sha256 of the parent layer's ID, `+`, and the diff ID's hex. burrow keys layers by diff
//! ID alone, so it computes those IDs from each image's layer list: two images share a node
//! exactly where containers/storage would share a layer.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use crate::store::{ImageRecord, Store, StoreError};

/// One line of the tree and the lines nested below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeItem {
    /// The layer's containers/storage ID (64 hex digits).
    pub layer_id: String,
    /// Bytes of the layer's uncompressed tar.
    pub size: u64,
    /// Names of the images whose top layer this is, each once, in list order.
    pub top_of: Vec<String>,
    pub children: Vec<TreeItem>,
}

/// What `image tree` shows of one image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageTree {
    pub id: String,
    pub tags: Vec<String>,
    /// podman's image size: the layers plus the stored manifest (counted twice, as
    /// containers/storage keeps it under two keys) and config.
    pub size: u64,
    pub has_layers: bool,
    pub items: Vec<TreeItem>,
}

/// The tags of an image as podman's RepoTags: its names without `@digest` ones.
fn repo_tags(image: &ImageRecord) -> impl Iterator<Item = &String> {
    image.names.iter().filter(|n| !n.contains('@'))
}

/// containers/storage IDs of an image's layers, bottom first (c/image's storage destination).
pub fn storage_layer_ids(diff_ids: &[String]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(diff_ids.len());
    for diff_id in diff_ids {
        let hex = diff_id.strip_prefix("sha256:").unwrap_or(diff_id);
        let id = match ids.last() {
            None => hex.to_string(),
            Some(parent) => hex::encode(Sha256::digest(format!("{parent}+{hex}").as_bytes())),
        };
        ids.push(id);
    }
    ids
}

struct Node {
    size: u64,
    parent: Option<usize>,
    children: Vec<usize>,
    /// Images whose top layer this is, as indexes into the image list.
    images: Vec<usize>,
}

/// Every layer of every image, linked to its parent (libimage's layerTree).
struct LayerTree {
    nodes: Vec<Node>,
    ids: Vec<String>,
    by_id: HashMap<String, usize>,
}

impl LayerTree {
    fn new(images: &[ImageRecord], layer_size: &impl Fn(&str) -> u64) -> LayerTree {
        let mut tree = LayerTree {
            nodes: Vec::new(),
            ids: Vec::new(),
            by_id: HashMap::new(),
        };
        for (index, image) in images.iter().enumerate() {
            let mut parent = None;
            for (diff_id, id) in image.layers.iter().zip(storage_layer_ids(&image.layers)) {
                let node = match tree.by_id.get(&id) {
                    Some(&node) => node,
                    None => {
                        let node = tree.nodes.len();
                        tree.nodes.push(Node {
                            size: layer_size(diff_id),
                            parent,
                            children: Vec::new(),
                            images: Vec::new(),
                        });
                        if let Some(p) = parent {
                            tree.nodes[p].children.push(node);
                        }
                        tree.by_id.insert(id.clone(), node);
                        tree.ids.push(id);
                        node
                    }
                };
                parent = Some(node);
            }
            if let Some(top) = parent {
                tree.nodes[top].images.push(index);
            }
        }
        tree
    }

    fn item(&self, node: usize, images: &[ImageRecord]) -> TreeItem {
        let mut top_of: Vec<String> = Vec::new();
        for &image in &self.nodes[node].images {
            for tag in repo_tags(&images[image]) {
                if !top_of.contains(tag) {
                    top_of.push(tag.clone());
                }
            }
        }
        TreeItem {
            layer_id: self.ids[node].clone(),
            size: self.nodes[node].size,
            top_of,
            children: Vec::new(),
        }
    }

    /// libimage's imageTreeTraverseChildren: a layer without siblings goes on the line of
    /// its parent; each of several siblings opens a branch of its own.
    fn traverse(&self, node: usize, images: &[ImageRecord], out: &mut Vec<TreeItem>) {
        let linear = self.nodes[node]
            .parent
            .is_none_or(|p| self.nodes[p].children.len() <= 1);
        let mut item = self.item(node, images);
        if linear {
            out.push(item);
            for &child in &self.nodes[node].children {
                self.traverse(child, images, out);
            }
        } else {
            for &child in &self.nodes[node].children {
                self.traverse(child, images, &mut item.children);
            }
            out.push(item);
        }
    }
}

/// The pure part of [`tree`]: `target` is an index into `images`.
pub fn plan_tree(
    images: &[ImageRecord],
    target: usize,
    what_requires: bool,
    layer_size: impl Fn(&str) -> u64,
    metadata_size: u64,
) -> ImageTree {
    let image = &images[target];
    let tree = LayerTree::new(images, &layer_size);
    let top = storage_layer_ids(&image.layers)
        .last()
        .and_then(|id| tree.by_id.get(id).copied());
    let mut items = Vec::new();
    match top {
        Some(top) if what_requires => tree.traverse(top, images, &mut items),
        Some(top) => {
            let mut node = Some(top);
            while let Some(n) = node {
                items.push(tree.item(n, images));
                node = tree.nodes[n].parent;
            }
            items.reverse();
        }
        None => {}
    }
    let layers: u64 = image.layers.iter().map(|d| layer_size(d)).sum();
    ImageTree {
        id: image.id.clone(),
        tags: repo_tags(image).cloned().collect(),
        size: layers + metadata_size,
        has_layers: top.is_some(),
        items,
    }
}

/// The tree of `images[target]`; with `what_requires`, every layer built on its top layer
/// instead of the layers below it.
pub fn tree(
    store: &Store,
    images: &[ImageRecord],
    target: usize,
    what_requires: bool,
) -> Result<ImageTree, StoreError> {
    let file_size = |name: &str| {
        std::fs::metadata(store.image_dir(&images[target].id).join(name)).map_or(0, |m| m.len())
    };
    let metadata_size = 2 * file_size("manifest.json") + file_size("config.json");
    let mut sizes = HashMap::new();
    for diff_id in images.iter().flat_map(|i| &i.layers) {
        if !sizes.contains_key(diff_id) {
            let size = store.layer(diff_id)?.map_or(0, |layer| layer.size);
            sizes.insert(diff_id.clone(), size);
        }
    }
    let layer_size = |diff_id: &str| sizes.get(diff_id).copied().unwrap_or(0);
    Ok(plan_tree(
        images,
        target,
        what_requires,
        layer_size,
        metadata_size,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(id: &str, name: &str, layers: &[&str]) -> ImageRecord {
        ImageRecord {
            id: id.into(),
            names: if name.is_empty() {
                vec![]
            } else {
                vec![name.into(), format!("{name}@sha256:00")]
            },
            names_history: vec![],
            digest: String::new(),
            digests: vec![],
            repositories: vec![],
            manifest_media_type: String::new(),
            layers: layers.iter().map(|l| format!("sha256:{l}")).collect(),
            size: 0,
            created: None,
            pulled: chrono::Utc::now(),
        }
    }

    fn shape(items: &[TreeItem]) -> Vec<String> {
        let mut out = Vec::new();
        for item in items {
            let mut line = item.layer_id[..4].to_string();
            if !item.top_of.is_empty() {
                line.push_str(&format!(" {:?}", item.top_of));
            }
            if !item.children.is_empty() {
                line.push_str(&format!(" {:?}", shape(&item.children)));
            }
            out.push(line);
        }
        out
    }

    #[test]
    fn layer_ids_are_containers_storage_ones() {
        // From the fixture registry: many/img0 as podman 4.3 stores it.
        let ids = storage_layer_ids(&[
            "sha256:8b91c5f43df9e4ac76e434a0d959f10cd65c8381dfc98275e6040f94884a667b".into(),
            "sha256:9449483207e49e72a9a4cbc17159f2207f9d78bf039c15769f6445e5de17aafe".into(),
        ]);
        assert_eq!(ids[0][..12], *"8b91c5f43df9");
        assert_eq!(ids[1][..12], *"f9a6c85e577c");
    }

    #[test]
    fn what_requires_branches_only_where_layers_have_siblings() {
        let images = vec![
            image("b", "busybox:latest", &["aaaa"]),
            image("x", "x:1", &["aaaa", "bbbb"]),
            image("y", "y:1", &["aaaa", "cccc", "dddd", "eeee"]),
            image("z", "", &["aaaa", "cccc", "dddd", "eeee"]),
        ];
        let size = |_: &str| 10;
        let below = plan_tree(&images, 2, false, size, 5);
        assert_eq!(below.size, 45);
        assert_eq!(below.tags, vec!["y:1"]);
        assert_eq!(below.items.len(), 4);
        assert_eq!(below.items[0].top_of, vec!["busybox:latest"]);
        assert_eq!(below.items[3].top_of, vec!["y:1"]);
        assert!(below.items.iter().all(|i| i.children.is_empty()));

        let above = plan_tree(&images, 0, true, size, 0);
        let ids = storage_layer_ids(&images[2].layers);
        let short = |i: usize| ids[i][..4].to_string();
        assert_eq!(
            shape(&above.items),
            vec![
                "aaaa [\"busybox:latest\"]".to_string(),
                format!(
                    "{} [\"x:1\"]",
                    &storage_layer_ids(&images[1].layers)[1][..4]
                ),
                format!(
                    "{} [\"{}\", \"{} [\\\"y:1\\\"]\"]",
                    short(1),
                    short(2),
                    short(3)
                ),
            ]
        );
        let lone = plan_tree(&images, 1, true, size, 0);
        assert_eq!(lone.items.len(), 1);
        assert_eq!(lone.items[0].top_of, vec!["x:1"]);
    }

    #[test]
    fn an_image_without_layers_has_no_items() {
        let images = vec![image("e", "empty:1", &[])];
        let tree = plan_tree(&images, 0, false, |_| 0, 0);
        assert!(!tree.has_layers);
        assert!(tree.items.is_empty());
    }
}

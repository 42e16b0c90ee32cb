use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Result, bail};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{CodedError, Context, images, pull};
use crate::config::ImageRef;
use crate::image::{ImageConfig, find_image, matched_name};
use crate::output;
use crate::store::{ImageRecord, Store, remove_tree};

#[derive(Debug, clap::Subcommand)]
pub enum ImageCommand {
    /// List images in local storage
    #[command(visible_alias = "list")]
    Ls(images::Args),
    /// Display the configuration of an image
    Inspect(InspectArgs),
    /// Remove one or more images from local storage
    Rm(RmArgs),
    /// Add an additional name to a local image
    Tag(TagArgs),
    /// Check if an image exists in local storage
    Exists(ExistsArgs),
    /// Remove unused images
    Prune(PruneArgs),
    /// Pull images from a registry
    Pull(pull::Args),
}

pub fn run(command: ImageCommand, ctx: &Context) -> Result<u8> {
    match command {
        ImageCommand::Ls(args) => images::run(args, ctx),
        ImageCommand::Inspect(args) => inspect(args, ctx),
        ImageCommand::Rm(args) => rm(args, ctx),
        ImageCommand::Tag(args) => tag(args, ctx),
        ImageCommand::Exists(args) => exists(args, ctx),
        ImageCommand::Prune(args) => prune(args, ctx),
        ImageCommand::Pull(args) => pull::run(args, ctx),
    }
}

fn not_known(input: &str) -> String {
    format!("{input}: image not known")
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// Images to inspect
    #[arg(required = true, value_name = "IMAGE")]
    pub images: Vec<String>,
    /// Format the output with a Go template or as json
    #[arg(short, long)]
    pub format: Option<String>,
}

/// `image inspect` output, with podman's field names.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct InspectImage {
    id: String,
    digest: String,
    repo_tags: Vec<String>,
    repo_digests: Vec<String>,
    parent: String,
    comment: String,
    created: Option<DateTime<Utc>>,
    config: serde_json::Value,
    version: String,
    author: String,
    architecture: String,
    os: String,
    size: u64,
    virtual_size: u64,
    graph_driver: GraphDriver,
    #[serde(rename = "RootFS")]
    root_fs: RootFs,
    labels: Option<serde_json::Value>,
    annotations: BTreeMap<String, String>,
    manifest_type: String,
    user: String,
    history: Vec<crate::image::History>,
    names_history: Vec<String>,
}

/// `GraphDriver.Data.LowerDir` of image and container inspect: overlay's order, top layer first.
pub(super) fn lower_dir(store: &Store, image: &ImageRecord) -> String {
    let dirs: Vec<String> = store
        .layer_diff_dirs(image)
        .iter()
        .rev()
        .map(|d| d.display().to_string())
        .collect();
    dirs.join(":")
}

/// `GraphDriver` of image and container inspect.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct GraphDriver {
    pub name: String,
    pub data: BTreeMap<String, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct RootFs {
    #[serde(rename = "Type")]
    kind: String,
    layers: Vec<String>,
}

/// `repository@digest` for every repository and manifest digest the image is known by.
pub fn repo_digests(image: &ImageRecord) -> Vec<String> {
    image
        .repositories
        .iter()
        .flat_map(|r| image.digests.iter().map(move |d| format!("{r}@{d}")))
        .collect()
}

fn inspect_image(store: &Store, image: &ImageRecord) -> Result<InspectImage> {
    let config: ImageConfig = crate::image::load_config(store, image)?;
    let run_config = config.config.clone().unwrap_or(serde_json::json!({}));
    let field = |name: &str| {
        run_config
            .get(name)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    Ok(InspectImage {
        id: image.id.clone(),
        digest: image.digest.clone(),
        repo_tags: image.names.clone(),
        repo_digests: repo_digests(image),
        parent: String::new(),
        comment: String::new(),
        created: config.created,
        user: field("User"),
        labels: run_config.get("Labels").filter(|v| !v.is_null()).cloned(),
        config: run_config,
        version: String::new(),
        author: config.author.clone().unwrap_or_default(),
        architecture: config.architecture.clone(),
        os: config.os.clone(),
        size: image.size,
        virtual_size: image.size,
        graph_driver: GraphDriver {
            name: "overlay".into(),
            data: BTreeMap::from([("LowerDir".to_string(), lower_dir(store, image))]),
        },
        root_fs: RootFs {
            kind: "layers".into(),
            layers: image.layers.clone(),
        },
        annotations: BTreeMap::new(),
        manifest_type: image.manifest_media_type.clone(),
        history: config.history.clone(),
        names_history: image.names.clone(),
    })
}

pub fn inspect(args: InspectArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let images = store.images()?;
    let mut found = Vec::new();
    let mut missing = None;
    for input in &args.images {
        match find_image(&images, input) {
            Some(image) => found.push(inspect_image(&store, image)?),
            None => {
                missing.get_or_insert_with(|| input.clone());
            }
        }
    }
    print!(
        "{}",
        output::render_inspect(&found, args.format.as_deref(), "inspect")?
    );
    if let Some(input) = missing {
        bail!("{}", not_known(&input));
    }
    Ok(0)
}

#[derive(Debug, clap::Args)]
pub struct RmArgs {
    /// Images to remove (name or ID)
    #[arg(value_name = "IMAGE", required_unless_present = "all")]
    pub images: Vec<String>,
    /// Remove all images
    #[arg(short, long)]
    pub all: bool,
    /// Remove an image even if it has several names when given by ID
    #[arg(short, long)]
    pub force: bool,
    /// Ignore errors for images that do not exist
    #[arg(short, long)]
    pub ignore: bool,
}

/// What removing one argument does to the image list.
enum Removal {
    Untag(String),
    Delete(ImageRecord),
}

pub fn rm(args: RmArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    if !store.root().exists() {
        if args.all || args.ignore {
            return Ok(0);
        }
        bail!(CodedError::new(1, not_known(&args.images[0])));
    }
    let host = crate::container::Host {
        identity: ctx.enter_userns()?,
        run_root: ctx.run_root(),
    };
    let mut list = store.lock_images()?;
    let targets: Vec<String> = if args.all {
        list.images.iter().map(|i| i.id.clone()).collect()
    } else {
        args.images.clone()
    };
    let mut lines = Vec::new();
    let mut missing = Vec::new();
    let mut deleted = Vec::new();
    for input in &targets {
        let Some(image) = find_image(&list.images, input) else {
            missing.push(input.clone());
            continue;
        };
        let removal = match matched_name(image, input) {
            Some(name) if image.names.len() > 1 => Removal::Untag(name),
            None if image.names.len() > 1 && !args.force && !args.all => {
                bail!(
                    "unable to delete image \"{}\" by ID with more than one tag ({}): please force removal",
                    image.id,
                    image.names.join(", ")
                );
            }
            _ => Removal::Delete(image.clone()),
        };
        match removal {
            Removal::Untag(name) => {
                let id = image.id.clone();
                for i in list.images.iter_mut() {
                    i.names.retain(|n| n != &name);
                }
                crate::events::record(
                    store.root(),
                    &crate::events::Event::image("untag", &id, &name),
                );
                lines.push(format!("Untagged: {name}"));
            }
            Removal::Delete(image) => {
                free_image(&store, &host, &image, args.force)?;
                lines.extend(image.names.iter().map(|n| format!("Untagged: {n}")));
                lines.push(format!("Deleted: {}", image.id));
                let name = image.names.first().cloned().unwrap_or_default();
                crate::events::record(
                    store.root(),
                    &crate::events::Event::image("remove", &image.id, &name),
                );
                list.images.retain(|i| i.id != image.id);
                deleted.push(image.id);
            }
        }
    }
    list.save()?;
    remove_images(&store, &deleted, &list.images)?;
    drop(list);
    for line in &lines {
        println!("{line}");
    }
    if !missing.is_empty() && !args.ignore {
        let message = missing
            .iter()
            .map(|m| not_known(m))
            .collect::<Vec<_>>()
            .join("\nError: ");
        bail!(CodedError::new(1, message));
    }
    Ok(0)
}

/// Makes sure no container uses an image about to be deleted: an error naming one that does,
/// or with `force`, removing them (podman's `rmi -f`). Runs under the image-list lock, which
/// `create` takes too, so no new user can appear meanwhile.
fn free_image(
    store: &Store,
    host: &crate::container::Host,
    image: &ImageRecord,
    force: bool,
) -> Result<()> {
    let users: Vec<String> = crate::container::list(store, host)
        .map_err(super::common::coded)?
        .into_iter()
        .filter(|c| c.record.image_id == image.id)
        .map(|c| c.record.id)
        .collect();
    let Some(first) = users.first() else {
        return Ok(());
    };
    if !force {
        bail!(CodedError::new(
            2,
            format!(
                "image used by {first}: image is in use by a container: consider listing external containers and force-removing image"
            )
        ));
    }
    for id in &users {
        crate::container::remove(store, id, true, None, host).map_err(super::common::coded)?;
    }
    Ok(())
}

/// Drops the documents of deleted images and the layers nothing uses any more. Runs under the
/// image-list lock, so a concurrent pull of the same image cannot lose its files.
fn remove_images(store: &Store, deleted: &[String], remaining: &[ImageRecord]) -> Result<()> {
    for id in deleted {
        remove_tree(&store.image_dir(id))?;
    }
    store.remove_unused_layers(remaining)?;
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct TagArgs {
    /// The image to name
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// New names (a name without registry gets localhost/)
    #[arg(required = true, value_name = "TARGET_NAME")]
    pub names: Vec<String>,
}

/// podman's rule: a name typed without registry is a local one.
fn local_name(input: &str) -> Result<String> {
    let parsed = ImageRef::parse(input)?;
    let full = if parsed.is_short_name() {
        ImageRef::parse(&format!("localhost/{input}"))?
    } else {
        parsed
    };
    if full.digest().is_some() {
        bail!("invalid tag \"{input}\": a digest cannot be used as a new name; give NAME[:TAG]");
    }
    Ok(full.to_string())
}

pub fn tag(args: TagArgs, ctx: &Context) -> Result<u8> {
    let names = args
        .names
        .iter()
        .map(|n| local_name(n))
        .collect::<Result<Vec<_>>>()?;
    let store = ctx.store();
    let mut list = store.lock_images()?;
    let Some(id) = find_image(&list.images, &args.image).map(|i| i.id.clone()) else {
        bail!("{}", not_known(&args.image));
    };
    for image in list.images.iter_mut() {
        image.names.retain(|n| !names.contains(n));
        if image.id == id {
            image.names.extend(names.iter().cloned());
        }
    }
    list.save()?;
    for name in &names {
        crate::events::record(store.root(), &crate::events::Event::image("tag", &id, name));
    }
    Ok(0)
}

#[derive(Debug, clap::Args)]
pub struct ExistsArgs {
    #[arg(value_name = "IMAGE")]
    pub image: String,
}

fn exists(args: ExistsArgs, ctx: &Context) -> Result<u8> {
    let images = ctx.store().images()?;
    Ok(if find_image(&images, &args.image).is_some() {
        0
    } else {
        1
    })
}

#[derive(Debug, clap::Args)]
pub struct PruneArgs {
    /// Remove all images not used by containers, not only dangling ones
    #[arg(short, long)]
    pub all: bool,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
}

fn confirm(question: &str) -> bool {
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        eprintln!();
    }
    let mut answer = String::new();
    let _ = stdin.lock().read_line(&mut answer);
    matches!(answer.trim(), "y" | "Y" | "yes")
}

fn prune(args: PruneArgs, ctx: &Context) -> Result<u8> {
    let what = if args.all {
        "all images not used by a container"
    } else {
        "all dangling images"
    };
    if !args.force
        && !confirm(&format!(
            "WARNING! This command removes {what}.\nAre you sure you want to continue?"
        ))
    {
        return Ok(0);
    }
    let store = ctx.store();
    if !store.root().exists() {
        return Ok(0);
    }
    let host = crate::container::Host {
        identity: ctx.enter_userns()?,
        run_root: ctx.run_root(),
    };
    let mut list = store.lock_images()?;
    let used: std::collections::HashSet<String> = crate::container::list(&store, &host)
        .map_err(super::common::coded)?
        .into_iter()
        .map(|c| c.record.image_id)
        .collect();
    let (gone, kept): (Vec<ImageRecord>, Vec<ImageRecord>) = list
        .images
        .drain(..)
        .partition(|i| (args.all || i.names.is_empty()) && !used.contains(&i.id));
    list.images = kept;
    list.save()?;
    let removed: Vec<String> = gone.into_iter().map(|i| i.id).collect();
    remove_images(&store, &removed, &list.images)?;
    drop(list);
    for id in &removed {
        println!("{id}");
    }
    Ok(0)
}

use std::collections::BTreeMap;

use anyhow::{Result, bail};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{CodedError, Context, images, pull, push};
use crate::container::Host;
use crate::image::{ImageConfig, ImageError, RemoveOptions, lookup};
use crate::output;
use crate::store::{ImageRecord, Store};

#[derive(Debug, clap::Subcommand)]
// Arguments are built only for the subcommand a command line takes (see cli::parse_from).
#[command(defer = true)]
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
    /// Push an image to a registry
    Push(push::Args),
    /// Remove a name from a local image
    Untag(UntagArgs),
    /// Show the history of an image
    History(HistoryArgs),
    /// Save images to an archive
    Save(super::save::Args),
    /// Load images from an archive
    Load(super::load::Args),
    /// Inspect changes to the image's file system
    Diff(super::diff::Args),
    /// Import a tarball to create a filesystem image
    Import(super::import::Args),
    /// Mount an image's root filesystem
    Mount(super::mount::ImageMountArgs),
    /// Unmount an image's root filesystem
    #[command(visible_alias = "umount")]
    Unmount(super::mount::ImageUnmountArgs),
    /// Print layer hierarchy of an image in a tree format
    Tree(TreeArgs),
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
        ImageCommand::Push(args) => push::run(args, ctx),
        ImageCommand::Untag(args) => untag(args, ctx),
        ImageCommand::History(args) => history(args, ctx),
        ImageCommand::Save(args) => super::save::run(args, ctx),
        ImageCommand::Load(args) => super::load::run(args, ctx),
        ImageCommand::Diff(args) => super::diff::run(args, ctx),
        ImageCommand::Import(args) => super::import::run(args, ctx),
        ImageCommand::Mount(args) => super::mount::image_mount(args, ctx),
        ImageCommand::Unmount(args) => super::mount::image_unmount(args, ctx),
        ImageCommand::Tree(args) => tree(args, ctx),
    }
}

/// podman's way of reporting several errors as one.
fn join_errors(errors: &[ImageError]) -> String {
    match errors {
        [one] => one.to_string(),
        many => {
            let points: Vec<String> = many.iter().map(|e| format!("* {e}")).collect();
            format!("{} errors occurred:\n\t{}", many.len(), points.join("\n\t"))
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// Images to inspect
    #[arg(required = true, value_name = "IMAGE", add = super::completion::images())]
    pub images: Vec<String>,
    /// Format the output with a Go template or as json
    #[arg(short, long, add = super::completion::formats())]
    pub format: Option<String>,
}

/// `image inspect` output, with podman's field names.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct InspectImage {
    id: String,
    /// `{{.ID}}` in templates (Go finds the field either way); absent from JSON.
    #[serde(rename = "ID", skip_serializing_if = "Option::is_none")]
    id_for_templates: Option<String>,
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
        id_for_templates: None,
        digest: image.digest.clone(),
        // A `repo@digest` name is no tag: podman lists it under RepoDigests only.
        repo_tags: image
            .names
            .iter()
            .filter(|n| !n.contains('@'))
            .cloned()
            .collect(),
        repo_digests: repo_digests(image),
        parent: String::new(),
        comment: config.comment.clone().unwrap_or_default(),
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
        names_history: image.names_history().to_vec(),
    })
}

pub fn inspect(args: InspectArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let images = store.images()?;
    let templated = args.format.as_deref().is_some_and(|f| !output::is_json(f));
    let mut found = Vec::new();
    let mut missing = None;
    for input in &args.images {
        match lookup(&images, &ctx.env, input) {
            Ok(f) => {
                let mut inspected = inspect_image(&store, f.image)?;
                if templated {
                    inspected.id_for_templates = Some(inspected.id.clone());
                }
                found.push(inspected);
            }
            Err(e) => {
                missing.get_or_insert(e);
            }
        }
    }
    print!(
        "{}",
        output::render_inspect(&found, args.format.as_deref(), "inspect")?
    );
    if let Some(e) = missing {
        bail!("inspecting object: {e}");
    }
    Ok(0)
}

#[derive(Debug, clap::Args)]
pub struct RmArgs {
    /// Images to remove (name or ID)
    #[arg(value_name = "IMAGE", required_unless_present = "all", add = super::completion::images())]
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

pub fn rm(args: RmArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let host = if store.root().exists() {
        Some(Host {
            identity: ctx.enter_userns()?,
            run_root: ctx.run_root(),
        })
    } else {
        None
    };
    let options = RemoveOptions {
        all: args.all,
        force: args.force,
        ignore: args.ignore,
    };
    let report = crate::image::remove(&store, host.as_ref(), &ctx.env, &args.images, options)?;
    for name in &report.untagged {
        println!("Untagged: {name}");
    }
    for id in &report.deleted {
        println!("Deleted: {id}");
    }
    if !report.errors.is_empty() {
        bail!(CodedError::new(
            report.exit_code(),
            join_errors(&report.errors)
        ));
    }
    Ok(0)
}

#[derive(Debug, clap::Args)]
pub struct TagArgs {
    /// The image to name
    #[arg(value_name = "IMAGE", add = super::completion::images())]
    pub image: String,
    /// New names (a name without registry gets localhost/)
    #[arg(required = true, value_name = "TARGET_NAME")]
    pub names: Vec<String>,
}

pub fn tag(args: TagArgs, ctx: &Context) -> Result<u8> {
    crate::image::tag(&ctx.store(), &ctx.env, &args.image, &args.names)?;
    Ok(0)
}

#[derive(Debug, clap::Args)]
pub struct UntagArgs {
    /// The image to unname
    #[arg(value_name = "IMAGE", add = super::completion::images())]
    pub image: String,
    /// Names to remove (all of the image's names when none are given)
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
}

pub fn untag(args: UntagArgs, ctx: &Context) -> Result<u8> {
    crate::image::untag(&ctx.store(), &ctx.env, &args.image, &args.names)?;
    Ok(0)
}

#[derive(Debug, clap::Args)]
pub struct ExistsArgs {
    #[arg(value_name = "IMAGE", add = super::completion::images())]
    pub image: String,
}

fn exists(args: ExistsArgs, ctx: &Context) -> Result<u8> {
    let images = ctx.store().images()?;
    match lookup(&images, &ctx.env, &args.image) {
        Ok(_) => Ok(0),
        Err(e) if e.is_not_known() => Ok(1),
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, clap::Args)]
pub struct PruneArgs {
    /// Remove all images not used by containers, not only dangling ones
    #[arg(short, long)]
    pub all: bool,
    /// Do not ask for confirmation
    #[arg(short, long)]
    pub force: bool,
    /// Only prune the images that pass these filters: until=, label=, label!=, dangling=, ...
    #[arg(long, value_name = "FILTER", add = super::completion::prune_filters())]
    pub filter: Vec<String>,
}

fn prune(args: PruneArgs, ctx: &Context) -> Result<u8> {
    let what = if args.all {
        "all images without at least one container associated with them"
    } else {
        "all dangling images"
    };
    let store = ctx.store();
    let images = store.images()?;
    let filter =
        crate::image::PruneImageFilter::parse(&images, &ctx.env, &args.filter, Utc::now())?;
    if !args.force && !super::system::confirm(&format!("WARNING! This command removes {what}.\n"))?
    {
        return Ok(0);
    }
    if !store.root().exists() {
        return Ok(0);
    }
    let host = Host {
        identity: ctx.enter_userns()?,
        run_root: ctx.run_root(),
    };
    for id in crate::image::prune(&store, &host, args.all, &filter)?.removed {
        println!("{id}");
    }
    Ok(0)
}

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    #[arg(value_name = "IMAGE", add = super::completion::images())]
    pub image: String,
    /// Display sizes and dates in human readable format
    #[arg(short = 'H', long, value_name = "BOOL", default_value = "true", num_args = 0..=1, default_missing_value = "true", action = clap::ArgAction::Set)]
    pub human: bool,
    /// Do not truncate the output
    #[arg(long)]
    pub no_trunc: bool,
    /// Display the numeric IDs only
    #[arg(short, long)]
    pub quiet: bool,
    /// Change the output to JSON or a Go template
    #[arg(long, add = super::completion::formats())]
    pub format: Option<String>,
}

/// One row of `history`, with podman's template fields.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct HistoryRow {
    #[serde(rename = "ID")]
    id: String,
    created: String,
    created_by: String,
    size: String,
    comment: String,
    created_at: String,
    created_since: String,
    tags: Vec<String>,
}

/// `history --format json`: podman's encoder output, with its odd field names.
#[derive(Serialize)]
struct HistoryJson<'a> {
    id: &'a str,
    created: Option<String>,
    #[serde(rename = "CreatedBy", skip_serializing_if = "str::is_empty")]
    created_by: &'a str,
    size: u64,
    #[serde(rename = "Comment", skip_serializing_if = "str::is_empty")]
    comment: &'a str,
    #[serde(rename = "Created")]
    created_rfc3339: String,
}

pub fn history(args: HistoryArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let images = store.images()?;
    let found = lookup(&images, &ctx.env, &args.image)?;
    let entries = crate::image::history(&store, &images, found.image)?;
    let zero = DateTime::<Utc>::UNIX_EPOCH;
    let rfc3339 = |t: Option<DateTime<Utc>>| {
        t.unwrap_or(zero)
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    };
    if args.format.as_deref().is_some_and(output::is_json) {
        let json: Vec<HistoryJson> = entries
            .iter()
            .map(|e| HistoryJson {
                id: &e.id,
                created: e
                    .created
                    .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)),
                created_by: &e.created_by,
                size: e.size,
                comment: &e.comment,
                created_rfc3339: rfc3339(e.created),
            })
            .collect();
        let compact = output::JsonStyle {
            indent: 0,
            escape_html: true,
        };
        print!("{}", output::to_json_pretty(&json, compact)?);
        return Ok(0);
    }
    let now = Utc::now();
    let truncate = |text: &str, keep: usize| -> String {
        if args.no_trunc || text.len() <= keep {
            return text.to_string();
        }
        let mut end = keep;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text[..end].to_string()
    };
    let rows: Vec<HistoryRow> = entries
        .iter()
        .map(|e| {
            let created = if args.human {
                output::human_duration_since(e.created.unwrap_or(zero), now)
            } else {
                rfc3339(e.created)
            };
            let created_by = if !args.no_trunc && e.created_by.len() > 45 {
                format!("{}...", truncate(&e.created_by, 42))
            } else {
                e.created_by.clone()
            };
            HistoryRow {
                id: truncate(&e.id, 12),
                created: created.clone(),
                created_by,
                size: output::human_size(e.size),
                comment: e.comment.clone(),
                created_at: output::go_time_string(
                    DateTime::from_timestamp(e.created.unwrap_or(zero).timestamp(), 0)
                        .unwrap_or(zero),
                ),
                created_since: created,
                tags: Vec::new(),
            }
        })
        .collect();
    if args.quiet {
        for row in &rows {
            println!("{}", row.id);
        }
        return Ok(0);
    }
    let text = output::render_list(
        &rows,
        || &rows,
        &output::ListFormat {
            name: "history",
            json: output::JsonStyle::INDENT_4,
            format: args.format.as_deref(),
            default_table: "table {{.ID}}\t{{.Created}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}",
            headers: &[("CreatedBy", "CREATED BY")],
            noheading: false,
        },
    )?;
    print!("{text}");
    Ok(0)
}

#[derive(Debug, clap::Args)]
pub struct TreeArgs {
    #[arg(value_name = "IMAGE", add = super::completion::images())]
    pub image: String,
    /// Show all child images and layers of the specified image
    #[arg(long)]
    pub whatrequires: bool,
}

fn tree(args: TreeArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    let images = store.images()?;
    let found = lookup(&images, &ctx.env, &args.image)?;
    let target = images
        .iter()
        .position(|i| i.id == found.image.id)
        .unwrap_or_default();
    let tree = crate::image::tree(&store, &images, target, args.whatrequires)?;
    println!("{}", render_tree(&tree));
    Ok(0)
}

/// The tree as podman prints it (disiqueira/gotree's layout, go-units sizes).
fn render_tree(tree: &crate::image::ImageTree) -> String {
    let mut out = format!(
        "Image ID: {}\nTags:     [{}]\nSize:     {}\n{}\n",
        &tree.id[..tree.id.len().min(12)],
        tree.tags.join(" "),
        output::go_units_human_size(tree.size as f64, 4),
        if tree.has_layers {
            "Image Layers"
        } else {
            "No Image Layers"
        },
    );
    render_tree_items(&tree.items, &mut Vec::new(), &mut out);
    out
}

fn render_tree_items(items: &[crate::image::TreeItem], lasts: &mut Vec<bool>, out: &mut String) {
    for (i, item) in items.iter().enumerate() {
        let last = i + 1 == items.len();
        for &above_last in lasts.iter() {
            out.push_str(if above_last { "    " } else { "│   " });
        }
        out.push_str(if last { "└── " } else { "├── " });
        let size = output::go_units_human_size(item.size as f64, 4);
        let id = &item.layer_id[..item.layer_id.len().min(12)];
        out.push_str(&format!("ID: {id} Size: {size:>7}"));
        if !item.top_of.is_empty() {
            out.push_str(&format!(" Top Layer of: [{}]", item.top_of.join(" ")));
        }
        out.push('\n');
        if !item.children.is_empty() {
            lasts.push(last);
            render_tree_items(&item.children, lasts, out);
            lasts.pop();
        }
    }
}

//! `mount`, `unmount`/`umount` and their `image` forms: a container's or image's files on the
//! host, for a rootless user inside `burrow unshare` (as podman requires).

use anyhow::Result;

use super::common::{coded, or_latest};
use super::{CodedError, Context};
use crate::container::{self, mount::Mounted};
use crate::image::mount::MountedImage;
use crate::output;

#[derive(Debug, clap::Args)]
pub struct MountArgs {
    /// Mount all containers
    #[arg(short, long)]
    pub all: bool,
    /// Print the mounted containers in specified format (json)
    #[arg(long, add = super::completion::formats())]
    pub format: Option<String>,
    /// Act on the latest container burrow is aware of
    #[arg(short, long)]
    pub latest: bool,
    /// Do not truncate output
    #[arg(long, alias = "notruncate")]
    pub no_trunc: bool,
    /// Containers to mount (none: list the mounted ones)
    #[arg(value_name = "CONTAINER", add = super::completion::all_containers())]
    pub containers: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct UnmountArgs {
    /// Unmount all of the currently mounted containers
    #[arg(short, long)]
    pub all: bool,
    /// Force the complete unmount of the specified mounted containers
    #[arg(short, long)]
    pub force: bool,
    /// Act on the latest container burrow is aware of
    #[arg(short, long)]
    pub latest: bool,
    #[arg(value_name = "CONTAINER", add = super::completion::all_containers())]
    pub containers: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct ImageMountArgs {
    /// Mount all images
    #[arg(short, long)]
    pub all: bool,
    /// Print the mounted images in specified format (json)
    #[arg(long, add = super::completion::formats())]
    pub format: Option<String>,
    /// Images to mount (none: list the mounted ones)
    #[arg(value_name = "IMAGE", add = super::completion::images())]
    pub images: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct ImageUnmountArgs {
    /// Unmount all of the currently mounted images
    #[arg(short, long)]
    pub all: bool,
    /// Force the complete unmount of the specified mounted images
    #[arg(short, long)]
    pub force: bool,
    #[arg(value_name = "IMAGE", add = super::completion::images())]
    pub images: Vec<String>,
}

fn require_unshare(ctx: &Context, command: &str) -> Result<()> {
    if container::mount::may_mount(&ctx.host()) {
        return Ok(());
    }
    Err(super::common::needs_unshare(ctx, command))
}

/// podman accepts only json (or nothing) here.
fn check_format(format: Option<&str>) -> Result<bool> {
    match format {
        None | Some("") => Ok(false),
        Some(f) if output::is_json(f) => Ok(true),
        Some(f) => Err(CodedError::new(125, format!("unknown --format argument: {f:?}")).into()),
    }
}

pub fn mount(args: MountArgs, ctx: &Context) -> Result<u8> {
    require_unshare(ctx, "mount")?;
    let json = check_format(args.format.as_deref())?;
    let (store, host) = (ctx.store(), ctx.host());
    let keys = if args.all {
        container::list(&store, &host)
            .map_err(coded)?
            .into_iter()
            .map(|c| c.record.id)
            .collect()
    } else if args.latest {
        or_latest(ctx, &[], true, 125)?
    } else {
        args.containers
    };
    if keys.is_empty() && !args.all {
        let mounted = container::mount::mounted(&store, &host).map_err(coded)?;
        if json {
            let rows: Vec<_> = mounted.iter().map(container_json).collect();
            print!(
                "{}",
                output::to_json_pretty(&rows, output::JsonStyle::INSPECT)?
            );
        } else {
            for m in &mounted {
                let id = if args.no_trunc {
                    &m.id[..]
                } else {
                    &m.id[..12]
                };
                println!("{id}  {}", m.path.display());
            }
        }
        return Ok(0);
    }
    for key in &keys {
        let path = container::mount::mount(&store, &host, key).map_err(coded)?;
        println!("{}", path.display());
    }
    Ok(0)
}

fn container_json(m: &Mounted) -> serde_json::Value {
    serde_json::json!({ "id": m.id, "Names": m.names, "mountpoint": m.path })
}

pub fn unmount(args: UnmountArgs, ctx: &Context) -> Result<u8> {
    let (store, host) = (ctx.store(), ctx.host());
    if args.all {
        // Outside `burrow unshare` nothing of ours is mounted in this namespace.
        for m in container::mount::mounted(&store, &host).map_err(coded)? {
            container::mount::unmount(&store, &host, &m.id).map_err(coded)?;
            println!("{}", m.id);
        }
        return Ok(0);
    }
    let keys = if args.latest {
        or_latest(ctx, &[], true, 125)?
    } else if args.containers.is_empty() {
        return Err(
            CodedError::new(125, "container-id or container-name must be specified").into(),
        );
    } else {
        args.containers
    };
    // Every name is checked before anything is unmounted, as podman does.
    for key in &keys {
        container::find(&store, &host, key).map_err(coded)?;
    }
    for key in &keys {
        container::mount::unmount(&store, &host, key).map_err(coded)?;
        println!("{key}");
    }
    Ok(0)
}

fn image_failed(e: crate::image::ImageError) -> anyhow::Error {
    CodedError::new(125, e.to_string()).into()
}

pub fn image_mount(args: ImageMountArgs, ctx: &Context) -> Result<u8> {
    require_unshare(ctx, "image mount")?;
    let json = check_format(args.format.as_deref())?;
    let store = ctx.store();
    let keys: Vec<String> = if args.all {
        store
            .images()
            .map_err(|e| image_failed(e.into()))?
            .into_iter()
            .map(|i| i.id)
            .collect()
    } else {
        args.images
    };
    if keys.is_empty() && !args.all {
        let mounted = crate::image::mount::mounted(&store).map_err(image_failed)?;
        if json {
            let rows: Vec<_> = mounted.iter().map(image_json).collect();
            print!(
                "{}",
                output::to_json_pretty(&rows, output::JsonStyle::INSPECT)?
            );
        } else {
            for m in &mounted {
                let name = m
                    .image
                    .names
                    .first()
                    .cloned()
                    .unwrap_or_else(|| m.image.id[..12].to_string());
                println!("{name}  {}", m.path.display());
            }
        }
        return Ok(0);
    }
    for key in &keys {
        let path = crate::image::mount::mount(&store, &ctx.env, key).map_err(image_failed)?;
        println!("{}", path.display());
    }
    Ok(0)
}

fn image_json(m: &MountedImage) -> serde_json::Value {
    serde_json::json!({
        "id": m.image.id,
        "Names": [m.image.digest],
        "Repositories": m.image.names,
        "mountpoint": m.path,
    })
}

pub fn image_unmount(args: ImageUnmountArgs, ctx: &Context) -> Result<u8> {
    let store = ctx.store();
    if args.all {
        for m in crate::image::mount::mounted(&store).map_err(image_failed)? {
            crate::image::mount::unmount(&store, &ctx.env, &m.image.id).map_err(image_failed)?;
            println!("{}", m.image.id);
        }
        return Ok(0);
    }
    if args.images.is_empty() {
        return Err(CodedError::new(125, "image name or ID must be specified").into());
    }
    for key in &args.images {
        // podman prints the ID of an image it unmounted, and nothing for one not mounted.
        if let Some(id) =
            crate::image::mount::unmount(&store, &ctx.env, key).map_err(image_failed)?
        {
            println!("{id}");
        }
    }
    Ok(0)
}

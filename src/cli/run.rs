use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context as _, Result, bail};

use super::{CodedError, Context};
use crate::image::{ImageConfig, find_image};
use crate::runtime::{self, ContainerFacts, Rootfs};
use crate::spec::{
    self, IdMapping, ImageRunConfig, RunOptions, SeccompMode, SpecInput, UlimitResource,
};
use crate::store::{ImageRecord, Store, remove_tree};
use crate::userns::Identity;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Remove the container when it exits (burrow does not keep containers yet, so it always does)
    #[arg(long)]
    pub rm: bool,
    /// Name of the container
    #[arg(long)]
    pub name: Option<String>,
    /// Set environment variables (NAME=VALUE, or NAME to pass the host's value)
    #[arg(short, long = "env", value_name = "ENV")]
    pub env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<String>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// Run as USER[:GROUP] (names from the image's /etc/passwd and /etc/group)
    #[arg(short, long)]
    pub user: Option<String>,
    /// Additional groups to join
    #[arg(long, value_name = "GROUP")]
    pub group_add: Vec<String>,
    /// Override the image's entrypoint (a word or a JSON array; "" clears it)
    #[arg(long, allow_hyphen_values = true)]
    pub entrypoint: Option<String>,
    /// Set the container's hostname
    #[arg(long)]
    pub hostname: Option<String>,
    /// Mount the container's root filesystem read-only
    #[arg(long)]
    pub read_only: bool,
    /// Bind mount a volume: HOST-DIR:CONTAINER-DIR[:OPTIONS]
    #[arg(short, long = "volume", value_name = "VOLUME")]
    pub volume: Vec<String>,
    /// Mount a tmpfs: CONTAINER-DIR[:OPTIONS]
    #[arg(long, value_name = "TMPFS")]
    pub tmpfs: Vec<String>,
    /// Add Linux capabilities (or ALL)
    #[arg(long, value_name = "CAP")]
    pub cap_add: Vec<String>,
    /// Drop Linux capabilities (or ALL)
    #[arg(long, value_name = "CAP")]
    pub cap_drop: Vec<String>,
    /// Give the container all capabilities and no seccomp filter or masked paths
    #[arg(long)]
    pub privileged: bool,
    /// Security options: seccomp=unconfined|PROFILE.json, no-new-privileges
    #[arg(long, value_name = "OPT")]
    pub security_opt: Vec<String>,
    /// Resource limits: NAME=SOFT[:HARD]
    #[arg(long, value_name = "LIMIT")]
    pub ulimit: Vec<String>,
    /// User namespace: keep-id, nomap or host
    #[arg(long, value_name = "MODE")]
    pub userns: Option<String>,
    /// Network: none (loopback only) or host
    #[arg(long, alias = "net", value_name = "MODE")]
    pub network: Option<String>,
    /// Add a label: KEY=VALUE
    #[arg(short, long, value_name = "LABEL")]
    pub label: Vec<String>,
    /// Add an annotation: KEY=VALUE
    #[arg(long, value_name = "ANNOTATION")]
    pub annotation: Vec<String>,
    /// Keep standard input open
    #[arg(short, long)]
    pub interactive: bool,
    /// Allocate a pseudo-terminal
    #[arg(short, long)]
    pub tty: bool,
    /// When to pull the image: always, missing, never, newer
    #[arg(long, default_value = "missing", value_parser = ["always", "missing", "never", "newer"])]
    pub pull: String,
    /// The image to run
    #[arg(value_name = "IMAGE")]
    pub image: String,
    /// The command and its arguments (default: the image's)
    #[arg(
        value_name = "COMMAND",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub command: Vec<String>,
}

/// Turns the flags into run options, each parsed with podman's rules.
fn options(args: &Args) -> Result<RunOptions> {
    let mut o = RunOptions {
        name: args.name.clone(),
        env: args.env.clone(),
        workdir: args.workdir.clone(),
        user: args.user.clone(),
        group_add: args.group_add.clone(),
        command: args.command.clone(),
        hostname: args.hostname.clone(),
        read_only: args.read_only,
        read_only_tmpfs: true,
        privileged: args.privileged,
        tty: args.tty,
        interactive: args.interactive,
        rm: args.rm,
        ..RunOptions::default()
    };
    for file in &args.env_file {
        o.env_files.push(
            std::fs::read_to_string(file)
                .with_context(|| format!("cannot read env file {file}"))?,
        );
    }
    if let Some(e) = &args.entrypoint {
        o.entrypoint = Some(spec::parse_entrypoint(e)?);
    }
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    o.volumes = args
        .volume
        .iter()
        .map(|v| spec::parse_volume(v, &cwd))
        .collect::<Result<_, _>>()?;
    o.tmpfs = args
        .tmpfs
        .iter()
        .map(|t| spec::parse_tmpfs(t))
        .collect::<Result<_, _>>()?;
    o.cap_add = spec::parse_capabilities(&args.cap_add)?;
    o.cap_drop = spec::parse_capabilities(&args.cap_drop)?;
    for opt in &args.security_opt {
        o.apply_security_opt(spec::parse_security_opt(opt)?);
    }
    o.ulimits = args
        .ulimit
        .iter()
        .map(|u| spec::parse_ulimit(u))
        .collect::<Result<_, _>>()?;
    if let Some(u) = &args.userns {
        o.userns = spec::parse_userns(u)?;
    }
    if let Some(n) = &args.network {
        o.network = spec::parse_network(n)?;
    }
    o.labels = args
        .label
        .iter()
        .map(|l| spec::parse_label(l))
        .collect::<Result<_, _>>()?;
    o.annotations = args
        .annotation
        .iter()
        .map(|a| spec::parse_annotation(a))
        .collect::<Result<_, _>>()?;
    Ok(o)
}

fn random_id() -> Result<String> {
    use std::io::Read;
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    Ok(hex::encode(bytes))
}

/// Pulls in a child process: pulling enters burrow's user namespace for good, and this process
/// must stay outside it to map the container's IDs.
fn pull_image(ctx: &Context, image: &str) -> Result<()> {
    let mut cmd = std::process::Command::new(
        std::env::current_exe().context("cannot find the burrow binary")?,
    );
    if let Some(root) = &ctx.global.root {
        cmd.arg("--root").arg(root);
    }
    let status = cmd
        .args(["pull", image])
        .stdout(std::process::Stdio::null())
        .status()?;
    if !status.success() {
        bail!(CodedError::new(
            125,
            format!("{image}: pulling the image failed (see above)")
        ));
    }
    Ok(())
}

fn find_or_pull(ctx: &Context, store: &Store, args: &Args) -> Result<ImageRecord> {
    let found = || -> Result<Option<ImageRecord>> {
        Ok(find_image(&store.images()?, &args.image).cloned())
    };
    match (args.pull.as_str(), found()?) {
        ("missing", Some(image)) => return Ok(image),
        ("never", Some(image)) => return Ok(image),
        ("never", None) => bail!(
            "{}: image not known; pulling is disabled by --pull=never",
            args.image
        ),
        _ => pull_image(ctx, &args.image)?,
    }
    found()?.ok_or_else(|| anyhow::anyhow!("{}: image not known", args.image))
}

/// The caller's hard limits for the resources podman raises by default.
fn host_hard_limits() -> BTreeMap<UlimitResource, u64> {
    use nix::sys::resource::{Resource, getrlimit};
    let mut limits = BTreeMap::new();
    for (ours, theirs) in [
        (UlimitResource::Nofile, Resource::RLIMIT_NOFILE),
        (UlimitResource::Nproc, Resource::RLIMIT_NPROC),
    ] {
        if let Ok((_, hard)) = getrlimit(theirs)
            && hard != nix::sys::resource::RLIM_INFINITY
        {
            limits.insert(ours, hard);
        }
    }
    limits
}

fn id_mappings(maps: &[crate::userns::IdMap]) -> Vec<IdMapping> {
    maps.iter()
        .map(|m| IdMapping {
            container_id: m.container_id,
            host_id: m.host_id,
            size: m.size,
        })
        .collect()
}

/// The compiled seccomp filter for the chosen mode and the container's capabilities.
fn seccomp_filter(
    options: &RunOptions,
    spec: &oci_spec::runtime::Spec,
) -> Result<Option<crate::seccomp::BpfProgram>> {
    if options.privileged {
        return Ok(None);
    }
    let caps: Vec<String> = spec
        .process()
        .as_ref()
        .and_then(|p| p.capabilities().as_ref())
        .and_then(|c| c.bounding().clone())
        .map(|set| set.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default();
    let caps: Vec<&str> = caps.iter().map(String::as_str).collect();
    Ok(match &options.seccomp {
        SeccompMode::Unconfined => None,
        SeccompMode::Default => Some(crate::seccomp::default_filter(&caps)?),
        SeccompMode::Profile(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read seccomp profile {}", path.display()))?;
            let profile = crate::seccomp::load_profile(&text, path)?;
            let rules = crate::seccomp::resolve(&profile, &caps, crate::seccomp::native_arch()?)?;
            Some(crate::seccomp::compile(&rules)?)
        }
    })
}

pub fn run(args: Args, ctx: &Context) -> Result<u8> {
    if args.tty {
        bail!(
            "burrow run --tty is not supported yet; run without -t (standard input and output are passed through)"
        );
    }
    let options = options(&args)?;
    let store = ctx.store();
    let image = find_or_pull(ctx, &store, &args)?;
    let config: ImageConfig = serde_json::from_slice(&store.image_file(&image.id, "config.json")?)?;
    let run_config = ImageRunConfig::from_config_value(config.config.as_ref())?;
    let identity = Identity::detect();
    let id = random_id()?;
    let dir = store.root().join("containers").join(&id);
    let layers: Vec<_> = image
        .layers
        .iter()
        .map(|l| store.layer_dir(l).join("diff"))
        .collect();
    let rootfs = Rootfs {
        upper: dir.join("upper"),
        work: dir.join("work"),
        merged: dir.join("merged"),
        layers,
    };
    let outcome = create_and_run(
        &args,
        &options,
        &image,
        &run_config,
        &identity,
        &id,
        &dir,
        &rootfs,
    );
    // Containers are not recorded yet (no ps, start or rm to reach them later), so every run
    // cleans up as --rm does rather than leave a directory nobody can address.
    remove_container_dir(ctx, &dir)?;
    outcome
}

/// Removes a container's directory. Usually everything in it belongs to the user (the
/// container's root is the user); files of the container's other users belong to subordinate
/// IDs, and only then is the user namespace entered to remove them.
fn remove_container_dir(ctx: &Context, dir: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // overlayfs leaves its inner work directory with mode 0, which blocks removal by its owner.
    let inner = dir.join("work/work");
    if inner.exists() {
        let _ = std::fs::set_permissions(&inner, std::fs::Permissions::from_mode(0o700));
    }
    if remove_tree(dir).is_err() {
        ctx.enter_userns()?;
        remove_tree(dir)?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn create_and_run(
    args: &Args,
    options: &RunOptions,
    image: &ImageRecord,
    run_config: &ImageRunConfig,
    identity: &Identity,
    id: &str,
    dir: &Path,
    rootfs: &Rootfs,
) -> Result<u8> {
    for d in [&rootfs.upper, &rootfs.work, &rootfs.merged] {
        std::fs::create_dir_all(d).with_context(|| format!("cannot create {}", d.display()))?;
    }
    let passwd = runtime::read_layer_file(&rootfs.layers, Path::new("/etc/passwd"));
    let group = runtime::read_layer_file(&rootfs.layers, Path::new("/etc/group"));
    let host_hostname = nix::unistd::gethostname()?.to_string_lossy().into_owned();
    let name = args.name.clone().unwrap_or_else(|| id[..12].to_string());
    let hostname = args
        .hostname
        .clone()
        .unwrap_or_else(|| id[..12].to_string());
    let files = runtime::write_container_files(
        &dir.join("userdata"),
        &ContainerFacts {
            id,
            name: &name,
            hostname: &hostname,
            image_name: image.names.first().map(String::as_str).unwrap_or(""),
            image_id: &image.id,
            rootless: identity.rootless(),
        },
    )
    .with_context(|| format!("cannot write the container's files in {}", dir.display()))?;
    let host_env: Vec<(String, String)> = std::env::vars().collect();
    let limits = host_hard_limits();
    let uid_map = id_mappings(&identity.uid_map);
    let gid_map = id_mappings(&identity.gid_map);
    let spec = spec::build_spec(&SpecInput {
        container_id: id,
        image: run_config,
        options,
        rootfs: &rootfs.merged,
        files: &files,
        own_uid: identity.uid,
        own_gid: identity.gid,
        uid_map: &uid_map,
        gid_map: &gid_map,
        passwd: passwd.as_deref(),
        group: group.as_deref(),
        host_env: &host_env,
        host_hostname: &host_hostname,
        host_hard_limits: &limits,
        init_binary: None,
        host_bounding_set: None,
        seccomp: None,
    })?;
    let filter = seccomp_filter(options, &spec)?;
    let started = runtime::start(&spec, rootfs, identity, filter.as_ref())
        .map_err(|e| CodedError::new(e.exit_code(), e.to_string()))?;
    started
        .wait()
        .map_err(|e| CodedError::new(e.exit_code(), e.to_string()).into())
}

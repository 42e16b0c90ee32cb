//! `run` and `create` as one flow: find the image (pulling it per the pull policy), create the
//! container, then start it detached or attached, and report how it ended.

use std::ffi::OsString;
use std::io::Write;
use std::os::fd::{AsFd, FromRawFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use super::{ContainerError, CreateRequest, Created, Host, MonitorHandle, StartOptions};
use crate::cgroups::{LimitsSupport, Placement};
use crate::image::{ImageConfig, ImageUseError};
use crate::monitor::{self, AttachOptions, Outcome};
use crate::spec::{IpcMode, LogDriver, NetworkMode, RunOptions};
use crate::store::{ContainerRecord, ImageRecord, Store, StoreError};

/// `--pull`: when to ask the registry for the image.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PullPolicy {
    Always,
    #[default]
    Missing,
    Never,
    /// Pull when the registry has a newer one; a registry out of reach keeps the local image.
    Newer,
}

impl FromStr for PullPolicy {
    type Err = RunError;

    fn from_str(text: &str) -> Result<Self, RunError> {
        match text {
            "always" => Ok(PullPolicy::Always),
            "missing" => Ok(PullPolicy::Missing),
            "never" => Ok(PullPolicy::Never),
            "newer" => Ok(PullPolicy::Newer),
            _ => Err(RunError::BadPullPolicy(text.to_string())),
        }
    }
}

/// Which image a container runs, and how to get it.
pub struct ImageRequest<'a> {
    /// The image as the user named it.
    pub reference: &'a str,
    pub policy: PullPolicy,
    /// The caller's global options, handed to the child `burrow pull` so that it uses the same
    /// store, run directory and log level.
    pub pull_args: &'a [OsString],
    /// Where registries.conf is read from, for short names.
    pub env: &'a crate::config::ConfigEnv,
}

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("invalid pull policy {0:?}: use always, missing, never or newer")]
    BadPullPolicy(String),
    /// The child `burrow pull` printed its own error line on the shared stderr.
    #[error("pulling the image failed (reported above)")]
    PullReported,
    #[error("{image}: pulling the image failed: {reason}")]
    PullFailed { image: String, reason: String },
    /// The image is not stored (podman's `NAME: image not known`) or the name is malformed.
    #[error(transparent)]
    Lookup(#[from] crate::image::LookupError),
    #[error(transparent)]
    Transport(#[from] crate::config::transport::TransportError),
    #[error("cannot run burrow pull for {image}: {source}")]
    PullSpawn {
        image: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Cgroup(#[from] crate::cgroups::CgroupError),
    #[error("running container create option: stat {}: no such file or directory", .0.display())]
    NoTimezone(PathBuf),
    #[error(
        "looking up container to share ipc namespace with: no container with name or ID \"{0}\" found: no such container"
    )]
    NoIpcDonor(String),
    #[error(
        "looking up container to share net namespace with: no container with name or ID \"{0}\" found: no such container"
    )]
    NoNetworkDonor(String),
    #[error(
        "joining IPC of container {0} is not allowed: non-shareable IPC (hint: use IpcMode:shareable for the donor container)"
    )]
    IpcNotShareable(String),
    #[error(
        "--userns nomap is not supported yet: burrow mounts the container's root inside its user namespace, where nomap leaves out the user's own ID, which owns the store; use --userns keep-id or leave out --userns"
    )]
    NomapUnsupported,
    #[error(
        "container id file exists. Ensure another container is not using it or delete {}",
        .0.display()
    )]
    CidfileExists(PathBuf),
    #[error("opening cidfile {}: {source}", path.display())]
    Cidfile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "file descriptor {0} is not available - the preserve-fds option requires that file descriptors must be passed"
    )]
    MissingDescriptor(u32),
    #[error("cannot keep file descriptor {fd} for the container: {source}")]
    KeepDescriptor { fd: u32, source: std::io::Error },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Image(#[from] ImageUseError),
    #[error(transparent)]
    Container(#[from] ContainerError),
}

impl RunError {
    /// podman's exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            RunError::Container(e) => e.exit_code(),
            _ => 125,
        }
    }
}

/// How a child `burrow pull` failed.
enum PullFailure {
    /// It printed its `Error:` line on the stderr this process shares with it.
    Reported,
    /// Its error line, kept back (`errors` false), or how it ended without one.
    Text(String),
}

impl std::fmt::Display for PullFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PullFailure::Reported => f.write_str("see the error above"),
            PullFailure::Text(text) => f.write_str(text),
        }
    }
}

/// Pulls in a child process: pulling enters burrow's user namespace for good, and this process
/// must stay outside it to map the container's IDs. With `errors` false the child's error
/// text is kept back and returned instead of printed.
fn pull_image(
    request: &ImageRequest,
    errors: bool,
) -> Result<Result<String, PullFailure>, RunError> {
    // The running binary itself (not a path that an upgrade may have replaced since).
    let mut cmd = std::process::Command::new("/proc/self/exe");
    // Under the caller's name, which the child's messages use (`podman` through a symlink).
    std::os::unix::process::CommandExt::arg0(
        &mut cmd,
        std::env::args_os()
            .next()
            .unwrap_or_else(|| "burrow".into()),
    );
    cmd.args(request.pull_args)
        // After `--` an image that starts with a dash stays an image, never a flag.
        .args(["pull", "--", request.reference])
        // It prints the image ID: what an archive transport loaded is found by it.
        .stdout(std::process::Stdio::piped())
        .stderr(if errors {
            std::process::Stdio::inherit()
        } else {
            std::process::Stdio::piped()
        });
    let out = cmd.output().map_err(|source| RunError::PullSpawn {
        image: request.reference.to_string(),
        source,
    })?;
    if out.status.success() {
        return Ok(Ok(String::from_utf8_lossy(&out.stdout).trim().to_string()));
    }
    // 125 is burrow's own error, always printed as one `Error:` line; anything else (a
    // signal, a crash) may have printed nothing.
    if errors {
        return Ok(Err(if out.status.code() == Some(125) {
            PullFailure::Reported
        } else {
            PullFailure::Text(format!("burrow pull ended with {}", out.status))
        }));
    }
    let text = String::from_utf8_lossy(&out.stderr);
    let last = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    Ok(Err(PullFailure::Text(
        last.trim_start_matches("Error: ").to_string(),
    )))
}

/// The stored image the request names, pulled first where the policy says so.
pub fn find_or_pull(store: &Store, request: &ImageRequest) -> Result<ImageRecord, RunError> {
    use crate::config::transport::{ImageSource, parse_image_source};
    match parse_image_source(request.reference)? {
        // An archive is read every time, as podman does: the child `pull` loads it.
        ImageSource::Archive { .. } => {
            let id = match pull_image(request, true)? {
                Ok(id) => id,
                Err(PullFailure::Reported) => return Err(RunError::PullReported),
                Err(PullFailure::Text(reason)) => {
                    return Err(RunError::PullFailed {
                        image: request.reference.to_string(),
                        reason,
                    });
                }
            };
            return Ok(crate::image::lookup(&store.images()?, request.env, &id)?
                .image
                .clone());
        }
        ImageSource::Registry(name) if name != request.reference => {
            return find_or_pull(
                store,
                &ImageRequest {
                    reference: &name,
                    ..*request
                },
            );
        }
        ImageSource::Registry(_) => {}
    }
    let image = request.reference;
    let lookup = || -> Result<ImageRecord, RunError> {
        Ok(crate::image::lookup(&store.images()?, request.env, image)?
            .image
            .clone())
    };
    let found = || match lookup() {
        Ok(record) => Ok(Some(record)),
        Err(RunError::Lookup(e)) if e.is_not_known() => Ok(None),
        Err(e) => Err(e),
    };
    if request.policy == PullPolicy::Never {
        return lookup();
    }
    match (request.policy, found()?) {
        (PullPolicy::Missing, Some(record)) => return Ok(record),
        // podman's "newer": ask the registry, but a registry out of reach is no reason to fail.
        (PullPolicy::Newer, Some(record)) => {
            if let Err(reason) = pull_image(request, false)? {
                tracing::warn!(
                    "cannot check {image} for a newer image, using the local one: {reason}"
                );
                return Ok(record);
            }
        }
        _ => match pull_image(request, true)? {
            Ok(_) => {}
            Err(PullFailure::Reported) => return Err(RunError::PullReported),
            Err(PullFailure::Text(reason)) => {
                return Err(RunError::PullFailed {
                    image: image.to_string(),
                    reason,
                });
            }
        },
    }
    lookup()
}

/// A new container and what the caller should be warned of.
pub struct CreateReport {
    pub created: Created,
    /// podman's warnings, printed as they are (no prefix).
    pub warnings: Vec<String>,
}

/// Finds the image (pulling per the policy) and creates the container.
pub fn create_from_image(
    store: &Store,
    host: &Host,
    options: &RunOptions,
    image: &ImageRequest,
    cidfile: Option<&Path>,
) -> Result<CreateReport, RunError> {
    if let Some(zone) = &options.timezone
        && !zone.exists()
    {
        return Err(RunError::NoTimezone(zone.clone()));
    }
    if options.userns == crate::spec::UsernsMode::NoMap {
        return Err(RunError::NomapUnsupported);
    }
    // Donors by ID, so that the record names them whatever they are renamed to.
    let joined_net;
    let options = match &options.network {
        NetworkMode::Container(name) => {
            let donor = find_donor(store, host, name, RunError::NoNetworkDonor)?;
            joined_net = RunOptions {
                network: NetworkMode::Container(donor.record.id),
                ..options.clone()
            };
            &joined_net
        }
        _ => options,
    };
    let joined;
    let options = match &options.ipc {
        IpcMode::Container(name) => {
            let donor = find_donor(store, host, name, RunError::NoIpcDonor)?;
            if donor.record.ipc == "private" {
                return Err(RunError::IpcNotShareable(donor.record.id));
            }
            joined = RunOptions {
                ipc: IpcMode::Container(donor.record.id),
                ..options.clone()
            };
            &joined
        }
        _ => options,
    };
    // Claimed before the container exists, so a taken or unwritable cidfile leaves nothing.
    let mut claimed = cidfile.map(claim_cidfile).transpose()?;
    let report = create_with_limits(store, host, options, image);
    let report = match (report, claimed.as_mut()) {
        (Ok(report), Some((path, file))) => match file
            .write_all(report.created.container.record.id.as_bytes())
        {
            Ok(()) => Ok(report),
            Err(source) => {
                let _ = super::remove(store, &report.created.container.record.id, true, None, host);
                Err(RunError::Cidfile {
                    path: path.clone(),
                    source,
                })
            }
        },
        (report, _) => report,
    };
    if let (Err(_), Some((path, _))) = (&report, &claimed) {
        let _ = std::fs::remove_file(path);
    }
    report
}

/// The container whose namespace a new one joins; a missing one gets podman's text for the
/// namespace (`missing`).
fn find_donor(
    store: &Store,
    host: &Host,
    name: &str,
    missing: fn(String) -> RunError,
) -> Result<super::Container, RunError> {
    match super::find(store, host, name) {
        Ok(donor) => Ok(donor),
        Err(ContainerError::Lookup(crate::store::LookupError::NotFound(_))) => {
            Err(missing(name.to_string()))
        }
        Err(e) => Err(e.into()),
    }
}

/// Creates the cidfile, refusing one that exists (podman's rule: it may be another
/// container's).
fn claim_cidfile(path: &Path) -> Result<(PathBuf, std::fs::File), RunError> {
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => Ok((path.to_path_buf(), file)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(RunError::CidfileExists(path.to_path_buf()))
        }
        Err(source) => Err(RunError::Cidfile {
            path: path.to_path_buf(),
            source,
        }),
    }
}

fn create_with_limits(
    store: &Store,
    host: &Host,
    options: &RunOptions,
    image: &ImageRequest,
) -> Result<CreateReport, RunError> {
    let mut warnings = Vec::new();
    let facts = crate::cgroups::facts();
    if !facts.unified {
        if !options.resource_limits.is_empty() {
            let cgroups = crate::cgroups::plan(false, facts.systemd_booted, facts.bus.is_some());
            if let LimitsSupport::Ignored { warning } =
                crate::cgroups::limits_support(&cgroups, host.identity.rootless())
            {
                warnings.push(warning.to_string());
            }
        }
    } else {
        // Everything the limits need is checked here, before anything is made.
        let placement = crate::cgroups::check(&facts, &options.cgroup, &options.resources)?;
        if let Placement::None {
            warning: Some(warning),
        } = placement
        {
            warnings.push(warning);
        }
    }
    let record = find_or_pull(store, image)?;
    let config: ImageConfig = crate::image::load_config(store, &record)?;
    let created = super::create(
        store,
        &CreateRequest {
            options,
            image: &record,
            image_config: &config,
            host,
        },
    )?;
    Ok(CreateReport { created, warnings })
}

/// `--preserve-fds N`: copies of the caller's descriptors 3 to 3+N-1, for the container to get
/// at those numbers. Call first, while every descriptor above 2 is still the caller's. The
/// copies sit at 3+N and above, so that moving them into place clobbers none of them.
pub fn claim_descriptors(count: u32) -> Result<Vec<OwnedFd>, RunError> {
    let first_free = 3u32.saturating_add(count);
    (3..first_free)
        .map(|fd| {
            if !crate::runtime::descriptor_is_open(fd as i32) {
                return Err(RunError::MissingDescriptor(fd));
            }
            // SAFETY: F_DUPFD_CLOEXEC only makes a new descriptor (checked open above), which
            // the OwnedFd then owns alone.
            let copy = unsafe { libc::fcntl(fd as i32, libc::F_DUPFD_CLOEXEC, first_free as i32) };
            if copy < 0 {
                return Err(RunError::KeepDescriptor {
                    fd,
                    source: std::io::Error::last_os_error(),
                });
            }
            // SAFETY: `copy` is a fresh descriptor nothing else owns.
            Ok(unsafe { OwnedFd::from_raw_fd(copy) })
        })
        .collect()
}

/// How the caller attaches to a container it runs.
pub struct AttachFlags {
    pub stdin: bool,
    /// Which of the container's output streams reach the caller (`-a`); both by default.
    pub stdout: bool,
    pub stderr: bool,
    pub detach_keys: Vec<u8>,
    pub sig_proxy: bool,
    /// `--preserve-fds`: from `claim_descriptors`.
    pub preserve_fds: Vec<OwnedFd>,
}

/// Starts a created container with the caller attached from its first byte, relays until it
/// ends or the caller detaches, and returns the exit code to report (0 on detach).
pub fn start_attached(
    store: &Store,
    host: &Host,
    record: &ContainerRecord,
    flags: AttachFlags,
) -> Result<u8, ContainerError> {
    let passthrough = record.log_driver == LogDriver::Passthrough;
    let console_size = if record.tty {
        crate::runtime::relay::terminal_size(std::io::stdin().as_fd())
            .ok()
            .flatten()
    } else {
        None
    };
    monitor::hold_signals();
    // With passthrough the container has the caller's stdio itself; the connection only
    // carries its exit code back, while signals go to it as always.
    let (socket, theirs) = monitor::socket::pair()?;
    let handle = super::start_monitored(
        store,
        host,
        &record.id,
        StartOptions {
            console_size,
            client: Some(theirs),
            passthrough,
            preserve_fds: flags.preserve_fds,
        },
    )?;
    if !passthrough {
        super::event(store, "attach", record);
    }
    let signals_to = if flags.sig_proxy {
        handle.process.open()
    } else {
        None
    };
    let outcome = monitor::attach(
        socket,
        AttachOptions {
            stdin: flags.stdin && !passthrough,
            stdout: flags.stdout,
            stderr: flags.stderr,
            tty: record.tty,
            detach_keys: flags.detach_keys,
            signals_to,
        },
    )?;
    exit_code_of(store, &record.id, outcome, Some(handle))
}

/// The exit code for how an attachment ended.
pub fn exit_code_of(
    store: &Store,
    id: &str,
    outcome: Outcome,
    handle: Option<MonitorHandle>,
) -> Result<u8, ContainerError> {
    match outcome {
        Outcome::Exited(code) => {
            if let Some(handle) = handle {
                handle.reap();
            }
            Ok(code as u8)
        }
        Outcome::Detached => Ok(0),
        // The monitor was killed: the container may still run; its end is all there is.
        Outcome::Lost => Ok(super::wait(store, id, super::WaitCondition::Stopped)? as u8),
    }
}

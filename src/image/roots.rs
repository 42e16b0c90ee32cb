//! The system's CA roots, and registry clients on a machine that has none.
//!
//! oci-client 0.18 builds a default reqwest client inside every `Client` it makes (the
//! `..Default::default()` at the end of its `TryFrom<ClientConfig>`), whatever the config
//! says, and reqwest cannot build a default client without system CA roots: oci-client then
//! panics. So without the ca-certificates bundle not even a plain-HTTP registry could be
//! pulled from. burrow therefore probes the roots once, before any thread exists, and where
//! there are none points SSL_CERT_FILE (which rustls-native-certs reads) at a placeholder
//! root, so that the throwaway default client can be built. The placeholder's private key was
//! destroyed when it was made, so it vouches for no server; and without real roots no client
//! that verifies certificates is used: a registry that needs TLS gets
//! [`PullError::NoCaCertificates`] before any client is built for it.

use std::io::Write as _;
use std::os::fd::{AsRawFd, IntoRawFd, OwnedFd};
use std::sync::OnceLock;

use super::PullError;

/// A self-signed certificate whose key went to /dev/null as it was made
/// (`openssl req -x509 -newkey ec -keyout /dev/null ...`).
const PLACEHOLDER_ROOT: &str = "-----BEGIN CERTIFICATE-----
MIIByTCCAW+gAwIBAgIUQTnTfkJQLAueUTe8exj4AeoG1s4wCgYIKoZIzj0EAwIw
OTE3MDUGA1UEAwwuYnVycm93IHBsYWNlaG9sZGVyIHJvb3QsIHByaXZhdGUga2V5
IGRlc3Ryb3llZDAgFw0yNjEyMDcwMzQ4NTNaGA8yMTI2MTExMzAzNDg1M1owOTE3
MDUGA1UEAwwuYnVycm93IHBsYWNlaG9sZGVyIHJvb3QsIHByaXZhdGUga2V5IGRl
c3Ryb3llZDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABODv9yjAcXxh6Lt5Jvy2
5M7jXxGjcKmzaJkU0mzVbz93WU8R4pxjQZ97w3uv7mnNKtY1j4CoX3cdUcc0PX3Y
2kOjUzBRMB0GA1UdDgQWBBQs8g8etxHdcKjV5PzWwPrJ+Dkz7DAfBgNVHSMEGDAW
gBQs8g8etxHdcKjV5PzWwPrJ+Dkz7DAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49
BAMCA0gAMEUCIBa/nLvJWi9WWfILdUMPQhKIPqBxXT2NMLw3NS3/Plb6AiEAkx6P
a3ZYqf/0+9P2zwDOUrK0cay4/+QUrHef8ieXMzo=
-----END CERTIFICATE-----
";

/// What the probe found.
#[derive(Debug)]
enum Roots {
    /// The system's roots load: every client can be built.
    System,
    /// None load (the reason is reqwest's), but the placeholder lets plain-HTTP clients be
    /// built.
    Placeholder { reason: String },
    /// None load, and no client can be built.
    Missing { reason: String },
}

static ROOTS: OnceLock<Roots> = OnceLock::new();

/// Starts the runtime that registry clients run in, once the system's roots are probed.
///
/// Must be called before any other thread exists: on a machine without CA roots it sets an
/// environment variable.
pub fn network_runtime() -> std::io::Result<tokio::runtime::Runtime> {
    ROOTS.get_or_init(|| match probe() {
        Ok(()) => Roots::System,
        Err(reason) => match install_placeholder() {
            Ok(()) => Roots::Placeholder { reason },
            Err(e) => {
                tracing::debug!("cannot install the placeholder CA root: {e}");
                Roots::Missing { reason }
            }
        },
    });
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
}

/// Ok if a client for `registry` can be built: one that verifies TLS certificates needs the
/// system's roots, a plain-HTTP one only needs oci-client not to panic.
pub(super) fn check_client(registry: &str, tls: bool) -> Result<(), PullError> {
    // Without network_runtime (no placeholder possible any more) the probe still turns the
    // panic into an error.
    let roots = ROOTS.get_or_init(|| match probe() {
        Ok(()) => Roots::System,
        Err(reason) => Roots::Missing { reason },
    });
    match roots {
        Roots::System => Ok(()),
        Roots::Placeholder { .. } if !tls => Ok(()),
        Roots::Placeholder { reason } | Roots::Missing { reason } => {
            Err(PullError::NoCaCertificates {
                registry: registry.to_string(),
                reason: reason.clone(),
            })
        }
    }
}

/// Whether reqwest can build its default client, as oci-client will.
fn probe() -> Result<(), String> {
    super::pull::install_crypto_provider();
    reqwest::Client::builder()
        .build()
        .map(drop)
        .map_err(|e| super::pull::root_cause(&e))
}

/// Points SSL_CERT_FILE at the placeholder, in a memfd.
fn install_placeholder() -> std::io::Result<()> {
    let fd: OwnedFd =
        rustix::fs::memfd_create("burrow-placeholder-root", rustix::fs::MemfdFlags::CLOEXEC)?;
    let mut file = std::fs::File::from(fd);
    file.write_all(PLACEHOLDER_ROOT.as_bytes())?;
    let path = format!("/proc/self/fd/{}", file.as_raw_fd());
    // SAFETY: network_runtime's callers run it before any other thread exists, so nothing
    // reads the environment concurrently.
    unsafe { std::env::set_var("SSL_CERT_FILE", &path) };
    // Left open for the process's life: SSL_CERT_FILE names it.
    let _ = file.into_raw_fd();
    probe().map_err(std::io::Error::other)
}

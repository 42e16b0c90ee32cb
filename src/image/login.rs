//! Checking credentials against a registry before `login` stores them.

use oci_client::secrets::RegistryAuth;
use oci_client::{Reference, RegistryOperation};

use super::PullError;

/// The host that serves a registry's API (Docker Hub's name is not its API host).
fn api_host(registry: &str) -> &str {
    match registry {
        "docker.io" | "index.docker.io" => "registry-1.docker.io",
        other => other,
    }
}

/// Succeeds when the registry accepts `username`/`password`: directly for registries that use
/// basic auth, or by obtaining a token for those that use bearer tokens.
pub async fn verify_login(
    registry: &str,
    username: &str,
    password: &str,
    insecure: bool,
) -> Result<(), PullError> {
    super::pull::install_crypto_provider();
    super::roots::check_client(registry, !insecure)?;
    let scheme = if insecure { "http" } else { "https" };
    let client = reqwest::Client::builder()
        .user_agent(concat!("burrow/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| PullError::Registry {
            image: registry.to_string(),
            detail: e.to_string(),
        })?;
    let url = format!("{scheme}://{}/v2/", api_host(registry));
    let response = client
        .get(&url)
        .basic_auth(username, Some(password))
        .send()
        .await
        .map_err(|e| {
            let detail = super::pull::root_cause(&e);
            if e.is_connect() && !insecure && !detail.contains("refused") {
                PullError::Tls {
                    registry: registry.to_string(),
                    detail,
                }
            } else {
                PullError::Connect {
                    registry: registry.to_string(),
                    detail,
                }
            }
        })?;
    let status = response.status().as_u16();
    let bearer = response
        .headers()
        .get(reqwest::header::WWW_AUTHENTICATE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("bearer"));
    match status {
        200..=299 => Ok(()),
        401 if bearer => {
            let oci = super::pull::client(registry, insecure)?;
            let probe = Reference::with_tag(
                registry.to_string(),
                "library/burrow-login".into(),
                "latest".into(),
            );
            oci.auth(
                &probe,
                &RegistryAuth::Basic(username.to_string(), password.to_string()),
                RegistryOperation::Pull,
            )
            .await
            .map(|_| ())
            .map_err(|_| PullError::LoginFailed {
                registry: registry.to_string(),
            })
        }
        401 | 403 => Err(PullError::LoginFailed {
            registry: registry.to_string(),
        }),
        other => Err(PullError::Registry {
            image: registry.to_string(),
            detail: format!("GET {url} answered HTTP {other}"),
        }),
    }
}

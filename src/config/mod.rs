//! User-facing configuration shared with podman: image references and short-name
//! resolution, registries.conf v2, registry credentials in auth.json / docker config, and the
//! events settings of containers.conf.

pub mod auth;
pub mod containers_conf;
pub mod env;
pub mod error;
pub mod reference;
pub mod registries;
pub mod transport;

pub use auth::{
    AuthFile, AuthFileFormat, Credentials, FoundCredentials, RemoveOutcome, auth_file_for_writing,
    auth_file_search_path, lookup_credentials, lookup_credentials_for_key, parse_credentials_key,
    remove_all_credentials, remove_credentials, store_credentials,
};
pub use containers_conf::ContainersConf;
pub use env::ConfigEnv;
pub use error::{ConfigError, InvalidRewrite, ReferenceError};
pub use reference::ImageRef;
pub use registries::{
    Candidate, ConfigSources, Endpoint, Mirror, PullFromMirror, PullResolution, RegistriesConf,
    Registry, ShortNameMode,
};

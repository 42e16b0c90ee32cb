//! burrow: rootless, daemonless, podman-compatible containers.
//!
//! The library holds everything; `main.rs` only parses, dispatches and maps errors to exit codes.
//! See ARCHITECTURE.md for the module map.

pub mod archive;
pub mod cgroups;
pub mod cli;
pub mod complete;
pub mod config;
pub mod container;
pub mod copy;
pub mod events;
pub mod failpoint;
pub mod image;
pub mod layer;
pub mod logs;
pub mod monitor;
pub mod network;
pub mod output;
pub mod runtime;
pub mod seccomp;
pub mod spec;
pub mod store;
pub mod userns;
pub mod volume;

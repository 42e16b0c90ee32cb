//! registries.conf v2 (`registries::parse_file`, the parser `RegistriesConf::load` uses
//! for the main file, drop-ins and the alias cache), then short-name resolution and
//! endpoint planning over what it accepted.
//!
//! Beyond not panicking: whatever a valid file says, every reference burrow would pull
//! or push is a valid, fully qualified reference whose string form parses back to it,
//! and a resolution that succeeds has at least one candidate with at least one endpoint.

#![no_main]

use std::path::Path;

use burrow::config::registries::parse_file;
use burrow::config::{ImageRef, RegistriesConf};
use libfuzzer_sys::fuzz_target;

const DIGEST: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// Names resolved against every accepted file: short names (the seeds alias some of
/// them), qualified names, and digested forms.
const PROBES: &[&str] = &[
    "busybox",
    "busybox:1.36",
    "alpine",
    "ns/app",
    "app",
    "localhost/app",
    "docker.io/library/busybox:latest",
    "quay.io/ns/app:1",
    "registry.example.com/ns/app",
    "mirror.example.com:5000/a/b",
    "127.0.0.1:5000/a/b",
];

fn assert_round_trips(reference: &ImageRef, context: &str) {
    let text = reference.to_string();
    let again = ImageRef::parse(&text)
        .unwrap_or_else(|err| panic!("{context}: {text:?} does not parse again: {err}"));
    assert_eq!(&again, reference, "{context}: {text:?} changed on re-parse");
    assert!(
        !again.is_short_name(),
        "{context}: {text:?} is not fully qualified"
    );
}

fn probe(conf: &RegistriesConf, input: &str) {
    match conf.resolve_pull(input) {
        Ok(resolution) => {
            assert!(
                !resolution.candidates.is_empty(),
                "{input:?} resolved to no candidate"
            );
            for candidate in &resolution.candidates {
                assert_round_trips(&candidate.reference, input);
                assert!(
                    !candidate.endpoints.is_empty(),
                    "{input:?}: candidate {} has no endpoint",
                    candidate.reference
                );
                for endpoint in &candidate.endpoints {
                    assert_round_trips(&endpoint.reference, input);
                }
            }
        }
        Err(err) => {
            let _ = err.to_string();
        }
    }
    match conf.local_candidates(input) {
        Ok(names) => {
            assert!(!names.is_empty(), "{input:?} has no local candidate");
            for name in &names {
                assert_round_trips(name, input);
            }
        }
        Err(err) => {
            let _ = err.to_string();
        }
    }
    if let Ok(parsed) = ImageRef::parse(input) {
        match conf.push_endpoint(&parsed) {
            Ok(endpoint) => assert_eq!(endpoint.reference, parsed),
            Err(err) => {
                let _ = err.to_string();
            }
        }
        let _ = conf.is_insecure_host(parsed.domain());
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("/etc/containers/registries.conf");
    let file = match parse_file(path, text) {
        Ok(file) => file,
        Err(err) => {
            // Errors carry a line and column computed from the text.
            let _ = err.to_string();
            return;
        }
    };
    // A drop-in repeating the main file merges into the same configuration.
    let once = RegistriesConf::from_files([file.clone()]);
    let twice = RegistriesConf::from_files([file.clone(), file]);
    assert_eq!(
        once.registries().collect::<Vec<_>>(),
        twice.registries().collect::<Vec<_>>()
    );
    assert_eq!(once.search_registries(), twice.search_registries());
    let conf = once;

    for input in PROBES {
        probe(&conf, input);
        probe(&conf, &format!("{input}@{DIGEST}"));
    }
    let mut derived = Vec::new();
    for registry in conf.registries() {
        let prefix = &registry.prefix;
        // A registry entry is found for its own prefix.
        if !prefix.starts_with("*.") {
            let found = conf
                .find_registry(prefix)
                .unwrap_or_else(|| panic!("no registry found for its own prefix {prefix:?}"));
            assert!(found.prefix.len() >= prefix.len());
        }
        let name = match prefix.strip_prefix("*.") {
            Some(domain) => format!("x.{domain}"),
            None => prefix.clone(),
        };
        derived.push(format!("{name}/app"));
        derived.push(format!("{name}/app@{DIGEST}"));
        derived.push(name);
    }
    for registry in conf.search_registries() {
        derived.push(format!("{registry}/app:1"));
    }
    for input in derived.iter().take(32) {
        probe(&conf, input);
    }
});

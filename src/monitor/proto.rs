//! The attach protocol between a monitor and its clients: one message per SOCK_SEQPACKET
//! packet, so boundaries come from the kernel. The first byte says what the packet is.

/// Client → monitor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientMessage<'a> {
    /// Bytes for the container's standard input (or terminal).
    Input(&'a [u8]),
    /// The client's input ended: the container's standard input closes (without a terminal).
    CloseInput,
    /// The client's terminal changed size: rows, columns.
    Resize(u16, u16),
}

/// Monitor → client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MonitorMessage<'a> {
    Stdout(&'a [u8]),
    Stderr(&'a [u8]),
    /// The container's process ended with this status (after any `--rm` cleanup).
    Exit(i32),
}

/// The largest payload a packet carries; larger writes are split.
pub const MAX_PAYLOAD: usize = 32 * 1024;

const INPUT: u8 = 0;
const CLOSE_INPUT: u8 = 1;
const RESIZE: u8 = 2;
const STDOUT: u8 = 1;
const STDERR: u8 = 2;
const EXIT: u8 = 3;

impl ClientMessage<'_> {
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.clear();
        match self {
            ClientMessage::Input(data) => {
                out.push(INPUT);
                out.extend_from_slice(data);
            }
            ClientMessage::CloseInput => out.push(CLOSE_INPUT),
            ClientMessage::Resize(rows, columns) => {
                out.push(RESIZE);
                out.extend_from_slice(&rows.to_be_bytes());
                out.extend_from_slice(&columns.to_be_bytes());
            }
        }
    }

    pub fn decode(packet: &[u8]) -> Option<ClientMessage<'_>> {
        let (&kind, rest) = packet.split_first()?;
        match (kind, rest.len()) {
            (INPUT, _) => Some(ClientMessage::Input(rest)),
            (CLOSE_INPUT, 0) => Some(ClientMessage::CloseInput),
            (RESIZE, 4) => Some(ClientMessage::Resize(
                u16::from_be_bytes([rest[0], rest[1]]),
                u16::from_be_bytes([rest[2], rest[3]]),
            )),
            _ => None,
        }
    }
}

impl MonitorMessage<'_> {
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.clear();
        match self {
            MonitorMessage::Stdout(data) => {
                out.push(STDOUT);
                out.extend_from_slice(data);
            }
            MonitorMessage::Stderr(data) => {
                out.push(STDERR);
                out.extend_from_slice(data);
            }
            MonitorMessage::Exit(code) => {
                out.push(EXIT);
                out.extend_from_slice(&code.to_be_bytes());
            }
        }
    }

    pub fn decode(packet: &[u8]) -> Option<MonitorMessage<'_>> {
        let (&kind, rest) = packet.split_first()?;
        match kind {
            STDOUT => Some(MonitorMessage::Stdout(rest)),
            STDERR => Some(MonitorMessage::Stderr(rest)),
            EXIT => Some(MonitorMessage::Exit(i32::from_be_bytes(
                rest.try_into().ok()?,
            ))),
            _ => None,
        }
    }
}

/// podman's `--detach-keys`: a comma-separated list of keys, each a single character or
/// `ctrl-X` (X a letter or one of `@[\]^_`); the empty string disables detaching.
pub fn parse_detach_keys(text: &str) -> Result<Vec<u8>, String> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    text.split(',')
        .map(|key| {
            if let Some(rest) = key.strip_prefix("ctrl-") {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if c.is_ascii_alphabetic() => {
                        Ok(c.to_ascii_lowercase() as u8 - b'a' + 1)
                    }
                    (Some(c @ ('@' | '[' | '\\' | ']' | '^' | '_')), None) => {
                        Ok((c as u8) ^ 0x40)
                    }
                    _ => Err(key.to_string()),
                }
            } else if key.len() == 1 {
                Ok(key.as_bytes()[0])
            } else {
                Err(key.to_string())
            }
        })
        .collect::<Result<Vec<u8>, String>>()
        .map_err(|key| {
            format!(
                "invalid detach keys {text:?}: {key:?} is not a single character or ctrl-<value>; use e.g. ctrl-p,ctrl-q"
            )
        })
}

pub use crate::runtime::relay::{DetachMatcher, Scan};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip() {
        let mut buf = Vec::new();
        for m in [
            ClientMessage::Input(b"hello"),
            ClientMessage::CloseInput,
            ClientMessage::Resize(40, 120),
        ] {
            m.encode(&mut buf);
            assert_eq!(ClientMessage::decode(&buf), Some(m));
        }
        for m in [
            MonitorMessage::Stdout(b"out"),
            MonitorMessage::Stderr(b""),
            MonitorMessage::Exit(-1),
            MonitorMessage::Exit(137),
        ] {
            m.encode(&mut buf);
            assert_eq!(MonitorMessage::decode(&buf), Some(m));
        }
        assert_eq!(ClientMessage::decode(&[]), None);
        assert_eq!(ClientMessage::decode(&[RESIZE, 1]), None);
        assert_eq!(MonitorMessage::decode(&[9]), None);
    }

    #[test]
    fn detach_keys_parse_as_podman() {
        assert_eq!(parse_detach_keys("ctrl-p,ctrl-q").unwrap(), vec![16, 17]);
        assert_eq!(parse_detach_keys("a,ctrl-[").unwrap(), vec![b'a', 27]);
        assert_eq!(parse_detach_keys("").unwrap(), Vec::<u8>::new());
        assert!(parse_detach_keys("ctrl-").is_err());
        assert!(parse_detach_keys("ab").is_err());
    }

    #[test]
    fn the_detach_sequence_is_found_across_reads() {
        let mut m = DetachMatcher::new(vec![16, 17]);
        assert_eq!(m.scan(b"ab\x10"), Scan::Forward(b"ab".to_vec()));
        assert_eq!(m.scan(b"\x11rest"), Scan::Detach(vec![]));
        // A broken match is passed on, including a restart of the sequence.
        let mut m = DetachMatcher::new(vec![16, 17]);
        assert_eq!(
            m.scan(b"\x10x\x10\x10\x11"),
            Scan::Detach(b"\x10x\x10".to_vec())
        );
        let mut off = DetachMatcher::new(vec![]);
        assert_eq!(off.scan(b"\x10\x11"), Scan::Forward(b"\x10\x11".to_vec()));
    }
}

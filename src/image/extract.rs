//! The blocking half of a layer pull: bytes arrive from the network task over a channel and are
//! decompressed, hashed and written to disk as they come, so no layer is ever held in memory.

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use bytes::Bytes;
use sha2::{Digest, Sha256};
use tokio::sync::mpsc::Receiver;

use crate::layer::{LayerError, apply_layer};

/// Chunks of a blob as the network task delivers them; an `Err` ends the stream (network failure
/// or a digest mismatch detected at the end of the download).
pub type Chunk = Result<Bytes, String>;

/// Reads the channel as a byte stream. The failure message that ended the stream is kept, so the
/// caller can tell a download problem from a decompression or archive problem.
pub struct ChannelReader {
    rx: Receiver<Chunk>,
    current: Bytes,
    pub failure: Option<String>,
}

impl ChannelReader {
    pub fn new(rx: Receiver<Chunk>) -> Self {
        ChannelReader {
            rx,
            current: Bytes::new(),
            failure: None,
        }
    }
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.current.is_empty() {
            match self.rx.blocking_recv() {
                Some(Ok(bytes)) => self.current = bytes,
                Some(Err(message)) => {
                    self.failure = Some(message.clone());
                    return Err(io::Error::other(message));
                }
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len());
        buf[..n].copy_from_slice(&self.current.split_to(n));
        Ok(n)
    }
}

/// Counts and hashes what passes through, to check the diff ID of the uncompressed tar.
struct HashingReader<R> {
    inner: R,
    hasher: Sha256,
    count: u64,
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

/// Decides the compression from the first bytes: registries and tools mislabel media types often
/// enough that the magic numbers are the better witness.
pub fn sniff(head: &[u8]) -> Compression {
    if head.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Compression::Zstd
    } else {
        Compression::None
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The download itself failed (network, or digest mismatch reported by the stream).
    #[error("{0}")]
    Download(String),
    #[error("{compression:?} stream is corrupt: {source}")]
    Decompress {
        compression: Compression,
        source: io::Error,
    },
    #[error(transparent)]
    Layer(#[from] LayerError),
    #[error("uncompressed content has digest {actual}, but the image config says {expected}")]
    DiffId { expected: String, actual: String },
}

/// What extraction measured.
pub struct Extracted {
    pub size: u64,
}

/// Decompresses, hashes and applies one layer into `dest` (an empty directory), then checks the
/// diff ID. The whole blob is consumed, so the stream's own digest check runs to its end.
pub fn extract_layer(
    mut source: ChannelReader,
    expected_diff_id: &str,
    dest: &Path,
) -> Result<Extracted, ExtractError> {
    let result = extract_inner(&mut source, expected_diff_id, dest);
    // A download failure explains any later symptom (a truncated gzip, a short tar): report it.
    match (result, source.failure.take()) {
        (_, Some(failure)) => Err(ExtractError::Download(failure)),
        (result, None) => result,
    }
}

fn extract_inner(
    source: &mut ChannelReader,
    expected_diff_id: &str,
    dest: &Path,
) -> Result<Extracted, ExtractError> {
    let (size, actual) = decompress_and_apply(&mut *source, dest)?;
    // Read the compressed stream to its end, where the download's digest is checked.
    io::copy(source, &mut io::sink()).map_err(|e| ExtractError::Download(e.to_string()))?;
    if actual != expected_diff_id {
        return Err(ExtractError::DiffId {
            expected: expected_diff_id.to_string(),
            actual,
        });
    }
    Ok(Extracted { size })
}

/// Returns the size and digest of the uncompressed tar after applying it.
fn decompress_and_apply(
    source: &mut ChannelReader,
    dest: &Path,
) -> Result<(u64, String), ExtractError> {
    let mut buffered = BufReader::with_capacity(256 * 1024, source);
    let compression = {
        let head = buffered
            .fill_buf()
            .map_err(|e| ExtractError::Download(e.to_string()))?;
        sniff(head)
    };
    let decompress_err = |source| ExtractError::Decompress {
        compression,
        source,
    };
    let decoder: Box<dyn Read + '_> = match compression {
        Compression::None => Box::new(buffered),
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(buffered)),
        Compression::Zstd => {
            Box::new(zstd::stream::read::Decoder::with_buffer(buffered).map_err(decompress_err)?)
        }
    };
    let mut tar = HashingReader {
        inner: decoder,
        hasher: Sha256::new(),
        count: 0,
    };
    match apply_layer(&mut tar, dest) {
        Ok(_) => {}
        Err(LayerError::ReadArchive { source } | LayerError::ReadEntry { source, .. })
            if is_decode_error(&source) =>
        {
            return Err(decompress_err(source));
        }
        Err(e) => return Err(e.into()),
    }
    // The tar's end marker may come before the end of the stream: hash the padding too.
    io::copy(&mut tar, &mut io::sink()).map_err(decompress_err)?;
    Ok((
        tar.count,
        format!("sha256:{}", hex::encode(tar.hasher.finalize())),
    ))
}

/// Decoders report corrupt input as InvalidInput/InvalidData/UnexpectedEof.
fn is_decode_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_compression_by_magic() {
        assert_eq!(sniff(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(sniff(&[0x28, 0xb5, 0x2f, 0xfd, 0]), Compression::Zstd);
        assert_eq!(sniff(b"etc/\0\0\0"), Compression::None);
        assert_eq!(sniff(&[]), Compression::None);
    }

    #[test]
    fn channel_reader_keeps_the_failure() {
        let (tx, rx) = tokio::sync::mpsc::channel(4);
        tx.try_send(Ok(Bytes::from_static(b"abc"))).unwrap();
        tx.try_send(Err("digest mismatch".into())).unwrap();
        drop(tx);
        let mut reader = ChannelReader::new(rx);
        let mut out = Vec::new();
        let err = reader.read_to_end(&mut out).unwrap_err();
        assert_eq!(out, b"abc");
        assert_eq!(err.to_string(), "digest mismatch");
        assert_eq!(reader.failure.as_deref(), Some("digest mismatch"));
    }
}

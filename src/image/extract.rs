//! The blocking half of a layer pull: bytes arrive from the network task over a channel and are
//! decompressed, hashed and written to disk as they come, so no layer is ever held in memory.

use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use bytes::Bytes;
use sha2::{Digest, Sha256};
use tokio::sync::mpsc::Receiver;

pub use crate::archive::Compression;
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
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: std::path::PathBuf,
        source: io::Error,
    },
}

/// The name of a layer's blob file in its directory.
pub const BLOB_FILE: &str = "blob";

/// What extraction measured.
pub struct Extracted {
    /// Bytes of the uncompressed tar stream.
    pub size: u64,
    /// Digest of the uncompressed tar stream.
    pub diff_id: String,
    /// Digest and size of the blob as it came (kept in the layer directory as `blob`).
    pub blob_digest: String,
    pub blob_size: u64,
}

/// Decompresses, hashes and applies one downloaded layer into the staging directory `staging`
/// (its `diff` tree and its `blob`), then checks the diff ID. The whole blob is consumed, so
/// the stream's own digest check runs to its end.
pub fn extract_layer(
    mut source: ChannelReader,
    expected_diff_id: &str,
    staging: &Path,
) -> Result<Extracted, ExtractError> {
    let result = extract_blob(&mut source, staging).and_then(|extracted| {
        if extracted.diff_id != expected_diff_id {
            return Err(ExtractError::DiffId {
                expected: expected_diff_id.to_string(),
                actual: extracted.diff_id,
            });
        }
        Ok(extracted)
    });
    // A download failure explains any later symptom (a truncated gzip, a short tar): report it.
    match (result, source.failure.take()) {
        (_, Some(failure)) => Err(ExtractError::Download(failure)),
        (result, None) => result,
    }
}

/// Stores a layer blob (gzip, zstd or none, sniffed) in the empty staging directory `staging`:
/// the bytes as they came in `staging/blob`, the applied tree in `staging/diff`. Reads `source`
/// to its end. The caller checks the diff ID and publishes the directory.
pub fn extract_blob(source: &mut dyn Read, staging: &Path) -> Result<Extracted, ExtractError> {
    let diff_dir = staging.join("diff");
    // 0555 unless the layer's `./` entry says otherwise, as containers/storage makes a layer's
    // root: a container's `/` takes its mode from the topmost layer that set it.
    std::fs::create_dir_all(&diff_dir)
        .and_then(|()| {
            std::fs::set_permissions(
                &diff_dir,
                std::os::unix::fs::PermissionsExt::from_mode(0o555),
            )
        })
        .map_err(|source| ExtractError::Io {
            path: diff_dir.clone(),
            source,
        })?;
    let blob_path = staging.join(BLOB_FILE);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&blob_path)
        .map_err(|source| ExtractError::Io {
            path: blob_path.clone(),
            source,
        })?;
    let mut copy = BlobCopy {
        inner: source,
        file: BufWriter::with_capacity(256 * 1024, file),
        hasher: Sha256::new(),
        count: 0,
        failure: None,
    };
    let applied = decompress_and_apply(&mut copy, &diff_dir);
    let blob_error = |copy: &mut BlobCopy<_>| {
        copy.failure.take().map(|source| ExtractError::Io {
            path: blob_path.clone(),
            source,
        })
    };
    let (size, diff_id) = match applied {
        Ok(done) => done,
        Err(e) => return Err(blob_error(&mut copy).unwrap_or(e)),
    };
    // Read the compressed stream to its end (where a download's digest is checked): the blob
    // must be whole even when the tar's end marker came early.
    if let Err(e) = io::copy(&mut copy, &mut io::sink()) {
        return Err(blob_error(&mut copy).unwrap_or(ExtractError::Download(e.to_string())));
    }
    copy.file.flush().map_err(|source| ExtractError::Io {
        path: blob_path.clone(),
        source,
    })?;
    Ok(Extracted {
        size,
        diff_id,
        blob_digest: format!("sha256:{}", hex::encode(copy.hasher.finalize())),
        blob_size: copy.count,
    })
}

/// Returns the size and digest of the uncompressed tar after applying it.
fn decompress_and_apply(source: &mut dyn Read, dest: &Path) -> Result<(u64, String), ExtractError> {
    let mut tar = HashingReader {
        inner: open_decompressed(BufReader::with_capacity(256 * 1024, source))?,
        hasher: Sha256::new(),
        count: 0,
    };
    match apply_layer(&mut tar, dest) {
        Ok(_) => {}
        Err(LayerError::ReadArchive { source } | LayerError::ReadEntry { source, .. })
            if is_decode_error(&source) =>
        {
            return Err(ExtractError::Decompress {
                compression: tar.inner.compression,
                source,
            });
        }
        Err(e) => return Err(e.into()),
    }
    // The tar's end marker may come before the end of the stream: hash the padding too.
    io::copy(&mut tar, &mut io::sink()).map_err(|source| ExtractError::Decompress {
        compression: tar.inner.compression,
        source,
    })?;
    Ok((
        tar.count,
        format!("sha256:{}", hex::encode(tar.hasher.finalize())),
    ))
}

/// A blob's uncompressed stream, with the compression it was found in.
pub struct Decompressed<'a> {
    pub compression: Compression,
    inner: Box<dyn Read + 'a>,
}

impl Read for Decompressed<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf)
    }
}

/// Wraps `source` in the decoder its first bytes call for (none, gzip or zstd).
pub fn open_decompressed<'a, R: BufRead + 'a>(
    mut source: R,
) -> Result<Decompressed<'a>, ExtractError> {
    let compression = {
        let head = source
            .fill_buf()
            .map_err(|e| ExtractError::Download(e.to_string()))?;
        Compression::sniff(head)
    };
    let inner: Box<dyn Read + 'a> = match compression {
        Compression::None => Box::new(source),
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(source)),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(source).map_err(
            |source| ExtractError::Decompress {
                compression,
                source,
            },
        )?),
    };
    Ok(Decompressed { compression, inner })
}

/// Copies what passes through to the layer's blob file and hashes it. A failed write is kept
/// apart, so it is reported as the disk problem it is rather than as a corrupt archive.
struct BlobCopy<R> {
    inner: R,
    file: BufWriter<std::fs::File>,
    hasher: Sha256,
    count: u64,
    failure: Option<io::Error>,
}

impl<R: Read> Read for BlobCopy<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Err(e) = self.file.write_all(&buf[..n]) {
            let message = format!("cannot keep the layer's blob: {e}");
            self.failure = Some(e);
            return Err(io::Error::other(message));
        }
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
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
        assert_eq!(Compression::sniff(&[0x1f, 0x8b, 8]), Compression::Gzip);
        assert_eq!(
            Compression::sniff(&[0x28, 0xb5, 0x2f, 0xfd, 0]),
            Compression::Zstd
        );
        assert_eq!(Compression::sniff(b"etc/\0\0\0"), Compression::None);
        assert_eq!(Compression::sniff(&[]), Compression::None);
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

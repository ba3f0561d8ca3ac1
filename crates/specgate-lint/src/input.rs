//! Reading a spec, template or config file from disk, bounded: the one way the CLI and
//! the language server read their inputs.
//!
//! The file's metadata is checked before it is opened: anything but a regular file
//! (a directory, a FIFO, a device, a socket) is refused without opening it, so
//! `/dev/zero` or a FIFO can neither block nor exhaust memory, and a file larger than
//! the limit (`max-file-size`, [`DEFAULT_MAX_FILE_SIZE`]) is refused without reading
//! it. The read itself is bounded too, in case the file grows after the check.

use std::fmt;
use std::io::Read;
use std::path::Path;

use serde::Deserialize;

/// The default `max-file-size`: 10 MiB.
///
/// The largest real spec in the corpus is about 50 KB, so this is some 200 times that;
/// a file over it is almost certainly generated or not a spec. specgate holds a file's
/// text, its parsed `Document` (a few times the text) and, with `--fix`, a few copies
/// while fixes converge, once per worker thread: at 10 MiB that stays well under a
/// gigabyte, where a 100 MB file would not.
pub const DEFAULT_MAX_FILE_SIZE: ByteSize = ByteSize(10 * 1024 * 1024);

/// A size in bytes, as written in `specgate.toml` or on the command line: an integer
/// (bytes), or a string with a unit: `B`, `KB` / `MB` / `GB` (powers of 1000) or
/// `KiB` / `MiB` / `GiB` (powers of 1024), case-insensitive, e.g. `"10MiB"`, `"512 KB"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ByteSize(pub u64);

impl ByteSize {
    pub fn bytes(self) -> u64 {
        self.0
    }
}

impl std::str::FromStr for ByteSize {
    type Err = String;

    fn from_str(s: &str) -> Result<ByteSize, String> {
        let t = s.trim();
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(format!(
                "invalid size `{s}`: expected a number of bytes, optionally with a unit (B, KB, MB, GB, KiB, MiB, GiB)"
            ));
        }
        let n: u64 = t[..digits]
            .parse()
            .map_err(|_| format!("invalid size `{s}`: too large"))?;
        let unit = t[digits..].trim();
        let mult: u64 = match unit.to_ascii_lowercase().as_str() {
            "" | "b" => 1,
            "kb" => 1_000,
            "mb" => 1_000_000,
            "gb" => 1_000_000_000,
            "kib" => 1 << 10,
            "mib" => 1 << 20,
            "gib" => 1 << 30,
            _ => {
                return Err(format!(
                    "invalid size `{s}`: unknown unit `{unit}` (expected B, KB, MB, GB, KiB, MiB or GiB)"
                ))
            }
        };
        let bytes = n
            .checked_mul(mult)
            .ok_or_else(|| format!("invalid size `{s}`: too large"))?;
        if bytes == 0 {
            return Err(format!("invalid size `{s}`: must be at least 1 byte"));
        }
        Ok(ByteSize(bytes))
    }
}

impl fmt::Display for ByteSize {
    /// `10 MiB`, `1.5 MiB`, `512 KiB`, or `123 bytes`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = self.0;
        for (unit, size) in [("GiB", 1u64 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] {
            if b >= size {
                return if b.is_multiple_of(size) {
                    write!(f, "{} {unit}", b / size)
                } else {
                    write!(f, "{:.1} {unit}", b as f64 / size as f64)
                };
            }
        }
        write!(f, "{b} bytes")
    }
}

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ByteSize, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = ByteSize;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a size: a number of bytes, or a string such as \"10MiB\"")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ByteSize, E> {
                if v == 0 {
                    return Err(E::custom("invalid size `0`: must be at least 1 byte"));
                }
                Ok(ByteSize(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ByteSize, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom(format!("invalid size `{v}`: must be positive")))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ByteSize, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for ByteSize {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ByteSize".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                { "type": "integer", "minimum": 1 },
                { "type": "string", "pattern": "^\\s*[0-9]+\\s*([bB]|[kKmMgG][iI]?[bB])?\\s*$" }
            ]
        })
    }
}

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// `metadata` or the read failed: missing, permission denied, a symlink loop, …
    Io(std::io::Error),
    /// Not a regular file (what it is instead); never opened.
    NotAFile(&'static str),
    /// Larger than the limit; never read.
    TooLarge { size: u64, limit: ByteSize },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
            ReadError::NotAFile(what) => write!(f, "not a regular file ({what}); not read"),
            ReadError::TooLarge { size, limit } => write!(
                f,
                "file is {} ({size} bytes), over the {limit} limit; not read (raise `max-file-size` in specgate.toml or pass --max-file-size)",
                ByteSize(*size)
            ),
        }
    }
}

impl std::error::Error for ReadError {}

fn kind_of(t: std::fs::FileType) -> &'static str {
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    "not a file"
}

/// Reads `path` if it is a regular file of at most `limit` bytes (symbolic links are
/// followed). The size is checked from the metadata before the file is opened.
pub fn read_bounded(path: &Path, limit: ByteSize) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_of(meta.file_type())));
    }
    if meta.len() > limit.0 {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let f = std::fs::File::open(path).map_err(ReadError::Io)?;
    // The file may have been replaced between the check and the open.
    let meta = f.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_of(meta.file_type())));
    }
    let mut buf = Vec::with_capacity(meta.len().min(limit.0) as usize);
    f.take(limit.0 + 1)
        .read_to_end(&mut buf)
        .map_err(ReadError::Io)?;
    if buf.len() as u64 > limit.0 {
        // It grew past the limit while being read.
        return Err(ReadError::TooLarge {
            size: buf.len() as u64,
            limit,
        });
    }
    Ok(buf)
}

/// [`read_bounded`], then `specgate_model::decode`: the text of a spec or template, or
/// why not, as one message (without the path).
pub fn read_source(path: &Path, limit: ByteSize) -> Result<specgate_model::SourceText, String> {
    let bytes = read_bounded(path, limit).map_err(|e| e.to_string())?;
    specgate_model::decode(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_units_and_print_readably() {
        for (s, n) in [
            ("1", 1),
            ("10MiB", 10 << 20),
            (" 512 kb ", 512_000),
            ("2MB", 2_000_000),
            ("1GiB", 1 << 30),
            ("3 B", 3),
        ] {
            assert_eq!(s.parse::<ByteSize>(), Ok(ByteSize(n)), "{s}");
        }
        for bad in [
            "",
            "MB",
            "0",
            "10 parsecs",
            "-1",
            "99999999999999999999",
            "1.5MB",
        ] {
            assert!(bad.parse::<ByteSize>().is_err(), "{bad}");
        }
        assert_eq!(DEFAULT_MAX_FILE_SIZE.to_string(), "10 MiB");
        assert_eq!(ByteSize(1536).to_string(), "1.5 KiB");
        assert_eq!(ByteSize(100).to_string(), "100 bytes");
    }

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = std::env::temp_dir().join(format!("specgate-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a.md");
        std::fs::write(&f, b"12345").unwrap();
        assert_eq!(read_bounded(&f, ByteSize(5)).unwrap(), b"12345");
        assert!(matches!(
            read_bounded(&f, ByteSize(4)),
            Err(ReadError::TooLarge { size: 5, .. })
        ));
        assert!(matches!(
            read_bounded(&dir, ByteSize(4)),
            Err(ReadError::NotAFile("a directory"))
        ));
        assert!(matches!(
            read_bounded(&dir.join("missing.md"), ByteSize(4)),
            Err(ReadError::Io(_))
        ));
        #[cfg(target_os = "linux")]
        assert!(matches!(
            read_bounded(Path::new("/dev/zero"), DEFAULT_MAX_FILE_SIZE),
            Err(ReadError::NotAFile("a device"))
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

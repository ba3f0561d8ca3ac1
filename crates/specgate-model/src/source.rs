//! Turning file bytes into text: UTF-8 only, with the BOM remembered.

use std::fmt;

/// Why bytes could not be read as a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A NUL byte in the first 8 KiB: this is a binary file.
    Binary,
    /// Starts with a UTF-16 byte-order mark.
    Utf16,
    /// Invalid UTF-8 at this byte offset (1-based line and column given).
    InvalidUtf8 {
        offset: usize,
        line: usize,
        column: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => write!(f, "binary file (contains NUL bytes); specs are UTF-8 text"),
            DecodeError::Utf16 => write!(f, "file is UTF-16 encoded; specgate reads UTF-8 (convert it with `iconv -f UTF-16 -t UTF-8`)"),
            DecodeError::InvalidUtf8 { line, column, .. } => {
                write!(f, "{line}:{column}: invalid UTF-8 byte sequence; specs must be UTF-8 text")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// Text decoded from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceText {
    /// The text without any UTF-8 BOM.
    pub text: String,
    /// Whether the file started with a UTF-8 BOM (writers put it back).
    pub had_bom: bool,
}

/// Decodes file bytes. Never panics.
pub fn decode(bytes: Vec<u8>) -> Result<SourceText, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(DecodeError::Utf16);
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(if looks_like_utf16(head) {
            DecodeError::Utf16
        } else {
            DecodeError::Binary
        });
    }
    let had_bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let mut bytes = bytes;
    if had_bom {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceText { text, had_bom }),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = &e.as_bytes()[..offset];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            // `valid` is valid UTF-8 by construction.
            let column = std::str::from_utf8(&valid[line_start..])
                .map(|s| s.chars().count())
                .unwrap_or(0)
                + 1;
            Err(DecodeError::InvalidUtf8 {
                offset: offset + if had_bom { 3 } else { 0 },
                line,
                column,
            })
        }
    }
}

/// UTF-16 without a byte-order mark: text where every NUL byte sits at the same
/// parity (high bytes of ASCII characters) and at least a quarter of the bytes are NUL.
fn looks_like_utf16(head: &[u8]) -> bool {
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in head.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    head.len() >= 4 && (even == 0 || odd == 0) && (even + odd) * 4 >= head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_stripped_and_remembered() {
        let s = decode(b"\xEF\xBB\xBF# T\n".to_vec()).unwrap();
        assert_eq!(s.text, "# T\n");
        assert!(s.had_bom);
    }

    #[test]
    fn invalid_utf8_reports_line_and_column() {
        let err = decode(b"ok\nab\xFFc".to_vec()).unwrap_err();
        assert_eq!(
            err,
            DecodeError::InvalidUtf8 {
                offset: 5,
                line: 2,
                column: 3
            }
        );
        assert!(err.to_string().starts_with("2:3: invalid UTF-8"));
    }

    #[test]
    fn utf16_without_a_bom_is_named_as_utf16_not_binary() {
        let le: Vec<u8> = "# Technical Specification: X\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let be: Vec<u8> = "# T\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(le).unwrap_err(), DecodeError::Utf16);
        assert_eq!(decode(be).unwrap_err(), DecodeError::Utf16);
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()).unwrap_err(),
            DecodeError::Binary
        );
    }

    #[test]
    fn utf16_and_binary_are_refused() {
        assert_eq!(
            decode(b"\xFF\xFE#\0 \0".to_vec()).unwrap_err(),
            DecodeError::Utf16
        );
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0".to_vec()).unwrap_err(),
            DecodeError::Binary
        );
    }
}

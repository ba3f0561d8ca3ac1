//! JSON text exactly as Python's `json.dumps(value, indent=2, sort_keys=True)` writes it.
//!
//! Tools already consume `.template.json` files written by the old export script, so the
//! bytes matter: keys sorted by code point, two-space indentation, `", "`-free line ends
//! (`,` then newline), `": "` between key and value, every character outside printable
//! ASCII escaped as `\uXXXX` (lowercase hex, surrogate pairs above U+FFFF), and floats
//! in Python's `repr` form (`1.0`, `1e-05`, `1e+16`).
//!
//! Keys are sorted here explicitly, so the output does not depend on whether
//! `serde_json` was built with `preserve_order`.

use serde_json::Value;

/// Formats `v` like `json.dumps(v, indent=2, sort_keys=True)` (no trailing newline).
pub fn dumps(v: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v, 0);
    out
}

fn indent(out: &mut String, level: usize) {
    out.push('\n');
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn write_value(out: &mut String, v: &Value, level: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                out.push_str(&i.to_string());
            } else if let Some(u) = n.as_u64() {
                out.push_str(&u.to_string());
            } else {
                out.push_str(&float_repr(n.as_f64().unwrap_or(0.0)));
            }
        }
        Value::String(s) => write_str(out, s),
        Value::Array(a) => {
            if a.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, level + 1);
                write_value(out, x, level + 1);
            }
            indent(out, level);
            out.push(']');
        }
        Value::Object(m) => {
            if m.is_empty() {
                out.push_str("{}");
                return;
            }
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                indent(out, level + 1);
                write_str(out, k);
                out.push_str(": ");
                write_value(out, &m[k], level + 1);
            }
            indent(out, level);
            out.push('}');
        }
    }
}

/// A JSON string with `ensure_ascii=True` escaping.
fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

/// Python's `repr(float)`: the shortest round-trip digits, fixed notation for decimal
/// exponents from -4 to 15, scientific (`1e-05`, `1.5e+16`) otherwise.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    // Rust's `{:e}` gives the shortest round-trip digits: `-1.2345e-7`.
    let sci = format!("{:e}", f.abs());
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let body = if (-4..16).contains(&exp) {
        if exp >= 0 {
            let int_len = exp as usize + 1;
            if digits.len() <= int_len {
                format!("{digits}{}.0", "0".repeat(int_len - digits.len()))
            } else {
                format!("{}.{}", &digits[..int_len], &digits[int_len..])
            }
        } else {
            format!("0.{}{digits}", "0".repeat((-exp - 1) as usize))
        }
    } else {
        let (first, rest) = digits.split_at(1);
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{first}{frac}e{esign}{:02}", exp.abs())
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn matches_python_layout() {
        // Expected strings are what CPython 3 prints for
        // json.dumps(v, indent=2, sort_keys=True).
        let v = json!({"b": [1, "x"], "a": {}, "c": [], "d": {"z": null, "y": true}});
        assert_eq!(
            dumps(&v),
            "{\n  \"a\": {},\n  \"b\": [\n    1,\n    \"x\"\n  ],\n  \"c\": [],\n  \"d\": {\n    \"y\": true,\n    \"z\": null\n  }\n}"
        );
        assert_eq!(dumps(&json!([])), "[]");
        assert_eq!(dumps(&json!("x")), "\"x\"");
    }

    #[test]
    fn escapes_like_ensure_ascii() {
        let v = json!("é \u{1F600} \"q\" \\ \n\t\r\u{8}\u{c}\u{1}\u{7f} ~");
        assert_eq!(
            dumps(&v),
            r#""\u00e9 \ud83d\ude00 \"q\" \\ \n\t\r\b\f\u0001\u007f ~""#
        );
    }

    #[test]
    fn sorts_keys_by_code_point() {
        let v = json!({"é": 1, "z": 2, "A": 3, "_": 4});
        assert_eq!(
            dumps(&v),
            "{\n  \"A\": 3,\n  \"_\": 4,\n  \"z\": 2,\n  \"\\u00e9\": 1\n}"
        );
    }

    #[test]
    fn floats_like_python_repr() {
        for (f, py) in [
            (1.0, "1.0"),
            (0.3, "0.3"),
            (-2.5, "-2.5"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.5e300, "1.5e+300"),
            (123.456, "123.456"),
            (-0.0, "-0.0"),
            (1.25e-7, "1.25e-07"),
        ] {
            assert_eq!(float_repr(f), py, "{f}");
        }
        assert_eq!(dumps(&json!({"v": 1.0})), "{\n  \"v\": 1.0\n}");
    }
}

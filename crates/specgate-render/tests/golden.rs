//! Golden PNGs: a handful of diagrams must render to the same image on every run and
//! every machine (the font is bundled). Identical bytes pass at once; otherwise the
//! images are decoded and at most 0.1% of pixels may differ by more than 16 levels in
//! any channel. `SPECGATE_UPDATE_GOLDENS=1` rewrites the files.

use std::path::{Path, PathBuf};

const CASES: &[(&str, &str)] = &[
    (
        "flowchart",
        "flowchart TD\n  Start([Request received]) --> Auth{Authenticated?}\n  Auth -->|yes| Idem[Check Idempotency-Key]\n  Auth -->|no| Reject[401 Unauthorized]\n  Idem --> Ledger[(Ledger)]\n",
    ),
    (
        "state",
        "stateDiagram-v2\n  [*] --> Pending\n  Pending --> Authorized: PSP approves\n  Authorized --> Captured: capture\n  state Captured {\n    [*] --> Settling\n    Settling --> Settled\n    --\n    [*] --> Notifying\n    Notifying --> Notified\n  }\n  Captured --> [*]\n",
    ),
    (
        "sequence",
        "sequenceDiagram\n  participant C as Client\n  participant A as Payments API\n  C->>A: POST /payments (Idempotency-Key)\n  A-->>C: 201 Created\n  Note over C,A: replayed for 24 h\n",
    ),
    (
        "er",
        "erDiagram\n  PAYMENT ||--o{ LEDGER_ENTRY : posts\n  PAYMENT {\n    uuid id PK\n    int amount_minor\n    string currency\n  }\n",
    ),
    (
        "class",
        "classDiagram\n  class Payment {\n    +UUID id\n    +capture() Result\n  }\n  Payment <|-- Refund\n",
    ),
    (
        "gantt",
        "gantt\n  dateFormat YYYY-MM-DD\n  title Rollout\n  section Canary\n  5% traffic :a1, 2027-01-04, 7d\n  50% traffic :after a1, 7d\n",
    ),
];

fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = dec.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size().expect("png size")];
    let info = reader.next_frame(&mut buf).expect("png frame");
    buf.truncate(info.buffer_size());
    let rgba: Vec<u8> = match info.color_type {
        png::ColorType::Rgba => buf,
        png::ColorType::Rgb => buf
            .chunks(3)
            .flat_map(|p| [p[0], p[1], p[2], 255])
            .collect(),
        png::ColorType::GrayscaleAlpha => buf
            .chunks(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        png::ColorType::Grayscale => buf.iter().flat_map(|&g| [g, g, g, 255]).collect(),
        png::ColorType::Indexed => panic!("indexed PNG after EXPAND"),
    };
    (info.width, info.height, rgba)
}

/// The share of pixels that differ by more than 16 in some channel.
fn diff(a: &[u8], b: &[u8]) -> Result<f64, String> {
    let (wa, ha, pa) = decode(a);
    let (wb, hb, pb) = decode(b);
    if (wa, ha) != (wb, hb) {
        return Err(format!("size {wa}x{ha} != golden {wb}x{hb}"));
    }
    let differing = pa
        .chunks(4)
        .zip(pb.chunks(4))
        .filter(|(x, y)| x.iter().zip(y.iter()).any(|(p, q)| p.abs_diff(*q) > 16))
        .count();
    Ok(differing as f64 / (wa as f64 * ha as f64))
}

#[test]
fn golden_pngs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let update = std::env::var_os("SPECGATE_UPDATE_GOLDENS").is_some();
    let mut failures = Vec::new();
    for (name, src) in CASES {
        let png = specgate_render::render_png(src).unwrap_or_else(|e| panic!("{name}: {e}"));
        // Rendering twice in one process gives the same bytes.
        assert_eq!(
            png,
            specgate_render::render_png(src).unwrap(),
            "{name}: not deterministic"
        );
        let path: PathBuf = dir.join(format!("{name}.png"));
        if update {
            std::fs::write(&path, &png).unwrap();
            eprintln!("wrote {}", path.display());
            continue;
        }
        if !path.exists() {
            failures.push(format!(
                "{name}: no golden (run with SPECGATE_UPDATE_GOLDENS=1)"
            ));
            continue;
        }
        let golden = std::fs::read(&path).unwrap();
        if golden == png {
            continue;
        }
        match diff(&png, &golden) {
            Ok(d) if d <= 0.001 => {
                eprintln!("{name}: {:.4}% of pixels differ (within 0.1%)", d * 100.0)
            }
            Ok(d) => failures.push(format!("{name}: {:.3}% of pixels differ", d * 100.0)),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(failures.is_empty(), "golden PNGs differ: {failures:?}");
}

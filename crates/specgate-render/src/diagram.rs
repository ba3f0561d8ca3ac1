//! One Mermaid diagram to SVG or PNG, with no browser: merman 0.9.3's renderer through
//! its resvg-safe pipeline, text measured with the bundled font (ADR 0016), PNG painted
//! by resvg with the same font.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;
use std::time::Duration;

use merman::svg::export::{NativeFontContext, NativeFontLimits, RasterOptions};
use merman::svg::{SvgPipeline, SvgRenderOptions};
use merman::{
    OperationControl, ParseOptions, PngRequest, RenderError, RenderOutput, RenderRequest, Renderer,
    SvgEnvironment, SvgRequest,
};

/// Liberation Sans 2.1.5 (SIL OFL 1.1, `fonts/LICENSE-LiberationFonts.txt`), from
/// Debian's `fonts-liberation2`. Metric-compatible with Arial, so browsers without it
/// lay the text out the same way.
pub const FONT_REGULAR: &[u8] = include_bytes!("../fonts/LiberationSans-Regular.ttf");
pub const FONT_BOLD: &[u8] = include_bytes!("../fonts/LiberationSans-Bold.ttf");
/// The family name of the bundled font.
pub const FONT_FAMILY: &str = "Liberation Sans";

/// The time bound of one diagram's render.
pub const TIME_LIMIT: Duration = Duration::from_secs(5);
/// Diagrams larger than this are not rendered.
pub const MAX_BYTES: usize = 256 * 1024;
/// PNG scale factor (device pixels per SVG pixel).
pub const PNG_SCALE: f32 = 2.0;

/// Why a diagram was not rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenderFailure {
    /// The diagram is not valid Mermaid; the parser's message. Positions come from
    /// `specgate_mermaid::validate`, which callers run first.
    Invalid(String),
    /// A valid diagram that specgate does not draw (ELK layout, math, a type outside
    /// the six, a bound): the reason.
    NotRendered(String),
}

impl std::fmt::Display for RenderFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderFailure::Invalid(m) => write!(f, "invalid Mermaid: {m}"),
            RenderFailure::NotRendered(m) => write!(f, "not rendered: {m}"),
        }
    }
}

/// Per-render options.
#[derive(Clone, Debug, Default)]
pub struct DiagramOptions {
    /// A prefix that makes every element id of the SVG unique in a page holding several
    /// diagrams (`[A-Za-z][A-Za-z0-9_-]*`). `None` for standalone files.
    pub id_prefix: Option<String>,
}

fn font_context() -> Result<&'static NativeFontContext, RenderFailure> {
    static CTX: OnceLock<Result<NativeFontContext, String>> = OnceLock::new();
    CTX.get_or_init(|| {
        NativeFontContext::from_font_bytes(
            [FONT_REGULAR.to_vec(), FONT_BOLD.to_vec()],
            NativeFontLimits::default(),
            &OperationControl::new(),
        )
        .map_err(|e| e.to_string())
    })
    .as_ref()
    .map_err(|e| RenderFailure::NotRendered(format!("the bundled font did not load: {e}")))
}

fn renderer() -> &'static Renderer {
    static R: OnceLock<Renderer> = OnceLock::new();
    R.get_or_init(|| Renderer::new().with_parse_options(ParseOptions::strict()))
}

fn svg_request(opts: &DiagramOptions) -> Result<SvgRequest, RenderFailure> {
    let ctx = font_context()?.clone();
    let environment = SvgEnvironment::deterministic()
        .with_native_font_context(ctx)
        .map_err(|e| RenderFailure::NotRendered(format!("font: {e}")))?;
    let mut pipeline = SvgPipeline::resvg_safe();
    if let Some(p) = &opts.id_prefix {
        pipeline = pipeline.with_rebased_ids(p.clone());
    }
    Ok(SvgRequest {
        environment,
        options: SvgRenderOptions {
            diagram_id: opts.id_prefix.clone(),
            ..Default::default()
        },
        pipeline: Some(pipeline),
        ..Default::default()
    })
}

/// Features specgate does not render, found before rendering so they are reported
/// with a reason rather than drawn wrong.
pub fn unsupported(src: &str) -> Option<String> {
    let header = specgate_mermaid::detect(src);
    if let specgate_mermaid::DiagramKind::Other(k) = &header.kind {
        if k.eq_ignore_ascii_case("flowchart-elk") {
            return Some("ELK layout is not supported".into());
        }
        return Some(format!("`{k}` diagrams are not rendered by specgate"));
    }
    let folded: String = src
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
        .collect::<String>()
        .to_ascii_lowercase();
    if folded.contains("layout:elk") || folded.contains("flowchart-elk") {
        return Some("ELK layout is not supported".into());
    }
    if src.contains("$$") {
        return Some("math labels ($$…$$) are not supported".into());
    }
    if src.len() > MAX_BYTES {
        return Some(format!("diagram is larger than {} KiB", MAX_BYTES / 1024));
    }
    None
}

fn failure(e: RenderError) -> RenderFailure {
    match e {
        RenderError::Parse(d) => RenderFailure::Invalid(d.to_string()),
        RenderError::NoDiagram => RenderFailure::Invalid("no Mermaid diagram detected".into()),
        RenderError::Cancelled(_) => RenderFailure::NotRendered(format!(
            "rendering exceeded the {} s time bound",
            TIME_LIMIT.as_secs()
        )),
        other => RenderFailure::NotRendered(other.to_string()),
    }
}

fn run(
    src: &str,
    make: impl Fn(&str) -> Result<RenderOutput, RenderError>,
) -> Result<RenderOutput, RenderFailure> {
    if let Some(why) = unsupported(src) {
        return Err(RenderFailure::NotRendered(why));
    }
    match catch_unwind(AssertUnwindSafe(|| make(src))) {
        Ok(Err(RenderError::Parse(d))) => {
            // mermaid.js accepts some diagrams merman rejects; render them through the
            // same rewrite validation uses.
            let Some(fixed) = specgate_mermaid::renderable_rewrite(src) else {
                return Err(RenderFailure::Invalid(d.to_string()));
            };
            finish(catch_unwind(AssertUnwindSafe(|| make(&fixed))))
        }
        other => finish(other),
    }
}

fn finish(
    r: std::thread::Result<Result<RenderOutput, RenderError>>,
) -> Result<RenderOutput, RenderFailure> {
    match r {
        Ok(Ok(out)) => Ok(out),
        Ok(Err(e)) => Err(failure(e)),
        Err(_) => Err(RenderFailure::NotRendered(
            "the renderer failed on this diagram".into(),
        )),
    }
}

fn control(limit: Duration) -> OperationControl {
    OperationControl::new().with_deadline(limit)
}

/// Renders one diagram to SVG text. Never panics.
pub fn render_svg(src: &str, opts: &DiagramOptions) -> Result<String, RenderFailure> {
    match render_svg_with(src, opts, false, TIME_LIMIT) {
        // merman 0.9.3's id rebasing breaks some ER stylesheets ("unclosed CSS
        // string"); `diagram_id` alone still prefixes that diagram's ids.
        Err(RenderFailure::NotRendered(m))
            if opts.id_prefix.is_some() && m.contains("postprocessor") =>
        {
            render_svg_with(src, opts, false, TIME_LIMIT)
        }
        other => other,
    }
}

/// [`render_svg`] with its deadline as a parameter, so that tests can prove it holds.
fn render_svg_with(
    src: &str,
    opts: &DiagramOptions,
    rebase: bool,
    limit: Duration,
) -> Result<String, RenderFailure> {
    let mut request = svg_request(opts)?;
    if !rebase {
        request.pipeline = Some(SvgPipeline::resvg_safe());
    }
    let out = run(src, |s| {
        renderer().render(RenderRequest::svg(s, control(limit), request.clone()))
    })?;
    match out {
        RenderOutput::Svg(Some(svg)) => {
            let (text, _) = svg.into_parts();
            check_svg_safe(&text)?;
            Ok(text)
        }
        _ => Err(RenderFailure::Invalid("no Mermaid diagram detected".into())),
    }
}

/// Renders one diagram to PNG bytes (white background, [`PNG_SCALE`]). Never panics.
pub fn render_png(src: &str) -> Result<Vec<u8>, RenderFailure> {
    let raster = RasterOptions::default()
        .with_scale(PNG_SCALE)
        .with_background("white")
        .with_font_context(font_context()?.clone());
    let request = PngRequest {
        svg: svg_request(&DiagramOptions::default())?,
        options: raster,
    };
    let out = run(src, |s| {
        renderer().render(RenderRequest::png(s, control(TIME_LIMIT), request.clone()))
    })?;
    match out {
        RenderOutput::Png(Some(out)) => Ok(out.bytes),
        _ => Err(RenderFailure::Invalid("no Mermaid diagram detected".into())),
    }
}

/// A last line of defence before an SVG is inlined into HTML: merman escapes label
/// text and its resvg-safe pipeline drops HTML labels, but nothing that can run script
/// may pass even if that changes.
fn check_svg_safe(svg: &str) -> Result<(), RenderFailure> {
    if let Some(why) = crate::html::active_content(svg) {
        return Err(RenderFailure::NotRendered(format!(
            "the rendered SVG contained {why} and was dropped"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The per-diagram deadline holds: with no time at all, rendering stops with a
    /// "time bound" failure instead of producing an SVG.
    #[test]
    fn rendering_stops_at_its_deadline() {
        let mut big = String::from("flowchart TD\n");
        for i in 0..500 {
            big.push_str(&format!("  n{i} --> n{}\n", i + 1));
        }
        match render_svg_with(&big, &DiagramOptions::default(), false, Duration::ZERO) {
            Err(RenderFailure::NotRendered(m)) => {
                assert!(m.contains("exceeded the 5 s time bound"), "{m}")
            }
            other => panic!(
                "rendered past a zero deadline: {:?}",
                other.map(|s| s.len())
            ),
        }
        // And a diagram over 256 KiB is not rendered at all.
        let mut huge = String::from("flowchart TD\n");
        while huge.len() <= MAX_BYTES {
            huge.push_str("  a --> b\n");
        }
        match render_svg(&huge, &DiagramOptions::default()) {
            Err(RenderFailure::NotRendered(m)) => assert_eq!(m, "diagram is larger than 256 KiB"),
            other => panic!(
                "rendered a diagram over the bound: {:?}",
                other.map(|s| s.len())
            ),
        }
    }

    #[test]
    fn renders_a_flowchart_with_the_bundled_font() {
        let svg = render_svg(
            "flowchart TD\nA[Start] --> B{Is it?}\n",
            &DiagramOptions::default(),
        )
        .unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..100.min(svg.len())]);
        assert!(svg.contains("Start"));
        let png = render_png("flowchart TD\nA[Start] --> B{Is it?}\n").unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    }

    #[test]
    fn elk_and_math_are_not_rendered_with_a_reason() {
        let e = render_svg("flowchart-elk TD\nA-->B\n", &DiagramOptions::default()).unwrap_err();
        assert!(
            matches!(e, RenderFailure::NotRendered(ref m) if m.contains("ELK")),
            "{e:?}"
        );
        let e = render_svg(
            "---\nconfig:\n  layout: elk\n---\nflowchart TD\nA-->B\n",
            &DiagramOptions::default(),
        )
        .unwrap_err();
        assert!(
            matches!(e, RenderFailure::NotRendered(ref m) if m.contains("ELK")),
            "{e:?}"
        );
        let e = render_svg(
            "flowchart TD\nA[\"$$x^2$$\"]-->B\n",
            &DiagramOptions::default(),
        )
        .unwrap_err();
        assert!(
            matches!(e, RenderFailure::NotRendered(ref m) if m.contains("math")),
            "{e:?}"
        );
    }

    #[test]
    fn invalid_diagrams_fail_without_panicking() {
        let e = render_svg("graph TD\nA --> B((x\n", &DiagramOptions::default()).unwrap_err();
        assert!(matches!(e, RenderFailure::Invalid(_)), "{e:?}");
    }

    #[test]
    fn label_text_is_escaped() {
        let svg = render_svg(
            "flowchart TD\nA[\"<script>window.__pwned=1</script>\"] --> B[\"<img src=x onerror=alert(1)>\"]\n",
            &DiagramOptions { id_prefix: Some("d1".into()) },
        );
        if let Ok(svg) = svg {
            assert!(crate::html::active_content(&svg).is_none(), "{svg}");
        }
    }
}

//! HTML pages: the same charter data as the posters, rendered with Tera 2 templates that
//! live in the theme folder beside the Typst layouts (`page.html`, its partials and
//! `style.css`). One self-contained file per charter: CSS, logo and QR code inline, no
//! external requests.
//!
//! Autoescaping is always on for `.html` templates, so charter text is always text: the
//! only values a built-in template prints unescaped are the ones `charter` generates (the
//! QR code's SVG and the JSON-LD, made safe for a script element).

mod templates;

pub use templates::{Templates, context};

use base64::Engine as _;
use serde_json::Value;

use crate::theme::ThemeDiagnostic;

/// What a page shows beyond the theme data the posters read.
pub struct Extras {
    /// The logo, as read and checked for the poster: its extension and bytes.
    pub logo: Option<(&'static str, Vec<u8>)>,
    /// The QR code's SVG.
    pub qr_svg: Option<String>,
    /// The schema.org JSON-LD, already safe inside a script element.
    pub jsonld: String,
}

/// Renders one charter's page: `data` is the theme data (`charter build --format json`).
pub fn render(
    templates: &Templates,
    data: &Value,
    extras: &Extras,
) -> Result<String, Vec<ThemeDiagnostic>> {
    let mut context = templates::context(data);
    if let Some((extension, bytes)) = &extras.logo {
        let mime = match *extension {
            "svg" => "image/svg+xml",
            "jpg" => "image/jpeg",
            other => match other {
                "png" => "image/png",
                "gif" => "image/gif",
                _ => "image/webp",
            },
        };
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        context.insert("logo_src", &format!("data:{mime};base64,{encoded}"));
    }
    if let Some(svg) = &extras.qr_svg {
        context.insert("qr_svg", svg);
    }
    context.insert("jsonld", &extras.jsonld);
    templates.render(&context)
}

//! The charter's own files in the world: its logo, read from the charter's folder and never
//! from outside it, and the QR code to its website.

use std::path::Path;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Sp, Str};

/// A logo that may go into the world, with its extension for Typst.
pub struct Logo {
    pub extension: &'static str,
    pub bytes: Vec<u8>,
    /// Where it was read from, so an incremental build knows to watch it.
    pub path: std::path::PathBuf,
}

/// Reads the logo a charter names. The path is relative to the charter's folder and must
/// stay inside it: a charter must not be able to pull `../../etc/passwd` into a poster.
pub fn logo(charter_path: &Path, logo: &Sp<Str>) -> Result<Logo, Box<Diagnostic>> {
    let written = logo.0.as_str();
    let folder = crate::source::folder_of(charter_path);
    let outside = || {
        Diagnostic::error(
            Code::LogoOutsideFolder,
            format!("the logo `{written}` is outside the charter's folder"),
        )
        .at(logo.span, "this path leads out of the folder")
        .with_hint(
            "copy the logo next to the charter (or into a folder beside it) and write its \
             path from there, such as `logo: logo.png`",
        )
    };
    let relative = Path::new(written);
    if relative.is_absolute() || written.starts_with('/') || written.starts_with('\\') {
        return Err(Box::new(outside()));
    }
    let bad = |message: String, label: &str, hint: &str| {
        Diagnostic::error(Code::BadLogo, message)
            .at(logo.span, label)
            .with_hint(hint.to_owned())
    };
    let full = folder.join(relative);
    let (Ok(real), Ok(root)) = (full.canonicalize(), folder.canonicalize()) else {
        if relative
            .components()
            .any(|c| c == std::path::Component::ParentDir)
        {
            return Err(Box::new(outside()));
        }
        return Err(Box::new(bad(
            format!("cannot find the logo `{written}`"),
            "no such file",
            "the path is read from the charter's folder; check the spelling, or remove \
             `logo:` to build without one",
        )));
    };
    if !real.starts_with(&root) {
        return Err(Box::new(outside()));
    }
    let bytes = std::fs::read(&real).map_err(|e| {
        Box::new(bad(
            format!("cannot read the logo `{written}`: {e}"),
            "cannot read this file",
            "check that the file is readable",
        ))
    })?;
    let Some(extension) = image_kind(&bytes) else {
        return Err(Box::new(bad(
            format!("the logo `{written}` is not a PNG, JPEG, GIF, WebP or SVG image"),
            "not an image",
            "export the logo as PNG or SVG",
        )));
    };
    // Decode it now, as Typst will, so that a damaged file is the charter's problem at its
    // `logo:` line rather than a failure inside the theme.
    if let Err(why) = decode(extension, &bytes) {
        return Err(Box::new(bad(
            format!("the logo `{written}` is damaged and cannot be read: {why}"),
            "cannot decode this image",
            "open the logo in an image editor and export it again as PNG or SVG",
        )));
    }
    Ok(Logo {
        extension,
        bytes,
        path: real,
    })
}

/// Decodes an image the way Typst will when it lays the logo out.
fn decode(extension: &str, bytes: &[u8]) -> Result<(), String> {
    use typst::visualize::{ExchangeFormat, RasterImage, SvgImage};
    let data = typst::foundations::Bytes::new(bytes.to_vec());
    let format = match extension {
        // Typst's SVG error keeps its text private; what a user needs is that it is broken.
        "svg" => {
            return SvgImage::new(data)
                .map(|_| ())
                .map_err(|_| "it is not a well-formed SVG file".to_owned());
        }
        "png" => ExchangeFormat::Png,
        "jpg" => ExchangeFormat::Jpg,
        "gif" => ExchangeFormat::Gif,
        _ => ExchangeFormat::Webp,
    };
    RasterImage::plain(data, format)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The image format, from the file's first bytes (not its name).
fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("gif")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("webp")
    } else {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
        head.contains("<svg").then_some("svg")
    }
}

/// The QR code for `url` as an SVG: vector, so it prints sharp on any paper.
pub fn qr_svg(url: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .quiet_zone(false)
        .min_dimensions(256, 256)
        .build();
    // Without the XML declaration, the same SVG serves Typst and inline HTML (where an
    // HTML parser rejects one).
    Some(
        svg.find("<svg")
            .map_or(svg.clone(), |at| svg[at..].to_owned()),
    )
}

/// The address a QR code should open: the website with a scheme, so phones open it.
/// Only a web address: a charter whose `website` is `javascript:…` or `data:…` gets no
/// QR code at all (and no link).
pub fn qr_target(website: &str) -> Option<String> {
    let website = website.trim();
    let lower = website.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(website.to_owned())
    } else if website.contains(':') || website.contains(char::is_whitespace) {
        None
    } else {
        Some(format!("https://{}", website.trim_start_matches("//")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_kind_reads_magic_bytes() {
        assert_eq!(image_kind(b"\x89PNG\r\n\x1a\n...."), Some("png"));
        assert_eq!(image_kind(b"<?xml version='1.0'?><svg>"), Some("svg"));
        assert_eq!(image_kind(b"root:x:0:0:root:/root:/bin/bash"), None);
    }

    #[test]
    fn qr_codes_are_vector() {
        let svg = qr_svg("https://www.kitui.go.ke").unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("<path"), "{svg}");
        assert_eq!(
            qr_target("www.kitui.go.ke").as_deref(),
            Some("https://www.kitui.go.ke")
        );
        assert_eq!(qr_target("javascript://%0aalert(1)"), None);
        assert_eq!(qr_target("data:text/html,<b>x</b>"), None);
    }
}

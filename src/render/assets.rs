//! The charter's own files in the world: its logo, read from the charter's folder and never
//! from outside it, and the QR code to its website.

use std::path::Path;

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Str;
use crate::span::Sp;

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
    let folder = crate::files::folder_of(charter_path);
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
    let real = match crate::files::resolve_inside(folder, relative) {
        Ok(Some(real)) => real,
        Err(crate::files::ReadError::Outside(_)) => return Err(Box::new(outside())),
        Ok(None)
            if relative
                .components()
                .any(|c| c == std::path::Component::ParentDir) =>
        {
            return Err(Box::new(outside()));
        }
        Ok(None) => {
            return Err(Box::new(bad(
                format!("cannot find the logo `{written}`"),
                "no such file",
                "the path is read from the charter's folder; check the spelling, or remove \
                 `logo:` to build without one",
            )));
        }
        Err(e) => {
            return Err(Box::new(bad(
                format!("cannot read the logo `{written}`: {e}"),
                "cannot read this file",
                "check that the file is readable",
            )));
        }
    };
    let bytes = crate::files::read(&real, crate::limits::LOGO_BYTES).map_err(|e| {
        let hint = match e {
            crate::files::ReadError::TooLarge { .. } => {
                "a logo is at most 10 MB: export it again at the size it is printed \
                 (1,000–2,000 pixels wide is plenty for an A0 poster), or as SVG"
            }
            _ => "the logo must be an image file, readable by you",
        };
        Box::new(bad(
            format!("cannot read the logo `{written}`: {e}"),
            "cannot read this file",
            hint,
        ))
    })?;
    let Some(extension) = image_kind(&bytes) else {
        return Err(Box::new(bad(
            format!("the logo `{written}` is not a PNG, JPEG, GIF, WebP or SVG image"),
            "not an image",
            "export the logo as PNG or SVG",
        )));
    };
    if let Some(why) = too_big(extension, &bytes) {
        return Err(Box::new(bad(
            format!("the logo `{written}` is {why}"),
            "too many pixels",
            "export the logo again at the size it is printed: 1,000–2,000 pixels wide is \
             plenty for an A0 poster, or use SVG",
        )));
    }
    if extension == "svg"
        && let Some(link) = linked_file(&bytes)
    {
        return Err(Box::new(bad(
            format!(
                "the logo `{written}` links another file, `{}`, which cannot be printed",
                crate::diagnostic::clip(&link)
            ),
            "this SVG links a file",
            "embed the image in the SVG (most editors have \"embed images\" when saving), or \
             export the logo as PNG",
        )));
    }
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

/// Why a raster image has too many pixels to decode (a 1 MB PNG can claim 100,000 ×
/// 100,000 pixels, 40 GB decoded), read from its header alone; `None` when it is fine or
/// not a raster image (a damaged one is the decoder's to report).
fn too_big(extension: &str, bytes: &[u8]) -> Option<String> {
    use crate::limits::{LOGO_PIXELS, LOGO_SIDE};
    use image::ImageDecoder;
    let cursor = std::io::Cursor::new(bytes);
    let (width, height) = match extension {
        "png" => image::codecs::png::PngDecoder::new(cursor)
            .ok()?
            .dimensions(),
        "jpg" => image::codecs::jpeg::JpegDecoder::new(cursor)
            .ok()?
            .dimensions(),
        "gif" => image::codecs::gif::GifDecoder::new(cursor)
            .ok()?
            .dimensions(),
        "webp" => image::codecs::webp::WebPDecoder::new(cursor)
            .ok()?
            .dimensions(),
        _ => return None,
    };
    let pixels = u64::from(width) * u64::from(height);
    (width > LOGO_SIDE || height > LOGO_SIDE || pixels > LOGO_PIXELS).then(|| {
        format!(
            "{width} × {height} pixels; a logo is at most {LOGO_SIDE} pixels a side and {} \
             million pixels",
            LOGO_PIXELS / 1_000_000
        )
    })
}

/// The first file an SVG links (an `<image>` or `<use>` whose `href` is neither inline
/// data nor a part of the same file): Typst would look for it among the theme's files.
fn linked_file(svg: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(svg);
    let mut rest: &str = &text;
    while let Some(at) = rest.find("href") {
        rest = &rest[at + 4..];
        let value = rest.trim_start();
        let Some(value) = value.strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let inner = &value[1..];
        let link = &inner[..inner.find(quote).unwrap_or(inner.len())];
        let link = link.trim();
        if !(link.is_empty()
            || link.starts_with('#')
            || link.to_ascii_lowercase().starts_with("data:"))
        {
            return Some(link.to_owned());
        }
    }
    None
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
    fn linked_files_in_an_svg_are_found() {
        let svg = |body: &str| format!("<svg xmlns='http://www.w3.org/2000/svg'>{body}</svg>");
        assert_eq!(
            linked_file(svg("<image href='seal.png'/>").as_bytes()).as_deref(),
            Some("seal.png")
        );
        assert_eq!(
            linked_file(svg("<image xlink:href = \"file:///etc/passwd\"/>").as_bytes()).as_deref(),
            Some("file:///etc/passwd")
        );
        assert_eq!(
            linked_file(svg("<use href='#a'/><image href='data:image/png;base64,AA'/>").as_bytes()),
            None
        );
    }

    #[test]
    fn a_png_claiming_too_many_pixels_is_refused_from_its_header() {
        // The 33-byte header of a PNG of 100,000 × 100,000 pixels (CRC included).
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        let ihdr = [
            &100_000u32.to_be_bytes()[..],
            &100_000u32.to_be_bytes(),
            &[8, 6, 0, 0, 0],
        ]
        .concat();
        let mut crc_input = b"IHDR".to_vec();
        crc_input.extend(&ihdr);
        png.extend(&ihdr);
        png.extend(crc32(&crc_input).to_be_bytes());
        // An empty IDAT chunk: the decoder reads the header up to the first one.
        png.extend(0u32.to_be_bytes());
        png.extend(b"IDAT");
        png.extend(crc32(b"IDAT").to_be_bytes());
        let why = too_big("png", &png).expect("refused");
        assert!(why.contains("100000 × 100000 pixels"), "{why}");
    }

    /// CRC-32 as PNG computes it.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn qr_codes_are_vector() {
        let svg = qr_svg("https://www.kitui.go.ke").unwrap();
        assert!(svg.starts_with("<svg") && svg.contains("<path"), "{svg}");
    }
}

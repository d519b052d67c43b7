//! The `png` format: a preview of the first page, for a pull request or a chat message.

use typst_layout::PagedDocument;

/// Page 1 as a PNG about 1,600 pixels wide, whatever the paper.
pub fn export(document: &PagedDocument) -> Vec<u8> {
    let Some(page) = document.pages().first() else {
        return Vec::new();
    };
    let width = page.frame.width().to_pt().max(1.0);
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(1600.0 / width),
        ..Default::default()
    };
    let pixmap = typst_render::render(page, &options);
    pixmap.encode_png().unwrap_or_default()
}

//! Laying a charter out with Typst, in-process: the printed formats (`pdf`, `png`) are
//! exported from what is laid out here. `world.rs`: the [`Engine`] (standard library,
//! fonts, the theme's sources; shared by every charter of a run) and one document's
//! world; `entry.typ` and `lib.typ`, the fixed main file and the helpers every theme may
//! import; `compile.rs`: one compilation and how full its sheet is; `fit.rs`: the search
//! for the body size that fills one sheet; `sheet.rs` and `side.rs`: the sheets a charter
//! is printed on; `fonts.rs` and `glyphs.rs`: the fonts, and every character in them.

pub(crate) mod compile;
mod fit;
mod fonts;
pub(super) mod glyphs;
pub(super) mod sheet;
mod side;
mod world;

pub(crate) use compile::convert;
pub use fonts::Fonts;
pub use sheet::Printed;
pub(crate) use side::print as print_side;
pub(crate) use world::QR_PATH;
pub use world::{CharterWorld, Engine};

//! ISO paper sizes for posters and handbooks.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An ISO 216 A-series sheet.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// 210 × 297 mm: a handout, a handbook page.
    A4,
    /// 297 × 420 mm: a notice board.
    A3,
    /// 420 × 594 mm: a small wall chart.
    A2,
    /// 594 × 841 mm: a wall chart read from two metres.
    A1,
    /// 841 × 1189 mm: a billboard at the entrance.
    A0,
}

impl Paper {
    pub const ALL: [Paper; 5] = [Paper::A4, Paper::A3, Paper::A2, Paper::A1, Paper::A0];

    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::A3 => "a3",
            Paper::A2 => "a2",
            Paper::A1 => "a1",
            Paper::A0 => "a0",
        }
    }

    /// Width and height in millimetres, portrait.
    pub fn size_mm(self) -> (u32, u32) {
        match self {
            Paper::A4 => (210, 297),
            Paper::A3 => (297, 420),
            Paper::A2 => (420, 594),
            Paper::A1 => (594, 841),
            Paper::A0 => (841, 1189),
        }
    }

    /// The next smaller sheet (half of this one), if any.
    pub fn smaller(self) -> Option<Paper> {
        match self {
            Paper::A4 => None,
            Paper::A3 => Some(Paper::A4),
            Paper::A2 => Some(Paper::A3),
            Paper::A1 => Some(Paper::A2),
            Paper::A0 => Some(Paper::A1),
        }
    }

    /// The next larger sheet, if any.
    pub fn larger(self) -> Option<Paper> {
        match self {
            Paper::A4 => Some(Paper::A3),
            Paper::A3 => Some(Paper::A2),
            Paper::A2 => Some(Paper::A1),
            Paper::A1 => Some(Paper::A0),
            Paper::A0 => None,
        }
    }
}

impl fmt::Display for Paper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

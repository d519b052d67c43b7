//! `charter` compiles citizens' service charters written in YAML.
//!
//! The pipeline runs one way, each stage a type: [`source::SourceFile`] (text) →
//! [`yaml::Document`] (a node tree with spans) → [`model::Charter`] (validated). See
//! `ARCHITECTURE.md` for the map.

pub mod decode;
pub mod diagnostic;
pub mod error;
pub mod load;
pub mod model;
pub mod source;
pub mod yaml;
pub mod check;
pub mod cli;
pub mod discover;
pub mod report;
pub mod schema;
pub mod starter;

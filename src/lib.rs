//! `charter` compiles citizens' service charters written in YAML.
//!
//! The pipeline runs one way, each stage a type: [`source::SourceFile`] (text) →
//! [`yaml::Document`] (a node tree with spans) → [`model::Charter`] (validated). See
//! `ARCHITECTURE.md` for the map.

pub mod batch;
pub mod build;
pub mod calendar;
pub mod catalogues;
pub mod check;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod discover;
pub mod error;
pub mod files;
pub mod import;
pub mod limits;
pub mod lines;
pub mod lint;
pub mod load;
pub mod locale;
pub mod memory;
pub mod model;
pub mod paper;
pub mod performance;
pub mod preview;
pub mod reading;
pub mod register;
pub mod render;
pub mod report;
pub mod schema;
pub mod source;
pub mod span;
pub mod starter;
pub mod suggest;
pub mod theme;
pub mod view;
pub mod yaml;

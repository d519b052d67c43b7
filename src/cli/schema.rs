//! `charter schema`: print the JSON Schema, for editors.

use std::path::PathBuf;

use super::{out, print_error, status};
use crate::schema::schema_json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write the schema to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let json = schema_json();
    match args.output {
        None => {
            out!("{json}");
            status::OK
        }
        Some(path) => match crate::files::write_atomic(&path, json.as_bytes()) {
            Ok(()) => status::OK,
            Err(error) => {
                print_error(&error);
                status::FAILURE
            }
        },
    }
}

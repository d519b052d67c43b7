//! `charter new`: write a commented starter charter.

use std::path::PathBuf;

use super::{errln, print_error, status};
use crate::starter::{StarterLang, starter, write_new_charter};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the charter.
    #[arg(default_value = "charter.yaml")]
    pub path: PathBuf,

    /// The language of the starter's text.
    #[arg(long, value_enum, default_value_t = StarterLang::En)]
    pub lang: StarterLang,
}

pub fn run(mut args: Args) -> u8 {
    // `charter check` looks for `.yaml` and `.yml` files: give the new file one.
    if !matches!(
        args.path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    ) {
        let mut name = args.path.clone().into_os_string();
        name.push(".yaml");
        args.path = name.into();
    }
    match write_new_charter(&args.path, starter(args.lang)) {
        Ok(schema_written) => {
            errln!("Wrote {}.", args.path.display());
            if let Some(schema) = schema_written {
                errln!(
                    "Wrote {} (editors use it to complete and check the charter).",
                    schema.display()
                );
            }
            errln!(
                "Edit it, then run `charter check {path}` to find mistakes and `charter build {path}` to make the poster and the page.",
                path = args.path.display()
            );
            status::OK
        }
        Err(error) => {
            print_error(&error);
            status::FAILURE
        }
    }
}

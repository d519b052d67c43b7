//! `charter serve`: `charter watch` plus a local web server showing the page and the PDF,
//! which reload in the browser after each build.

use super::build;
use super::{Color, watch};

#[derive(Debug, clap::Args)]
#[group(skip)]
pub struct Args {
    #[command(flatten)]
    pub build: build::Options,

    /// The address to listen on. The default, 127.0.0.1, is reachable only from this
    /// machine; `0.0.0.0` shares the preview with the whole network.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,

    /// The port to listen on (`0`: any free port).
    #[arg(long, short = 'p', default_value_t = 8000)]
    pub port: u16,
}

pub fn run(args: Args, color: Color) -> u8 {
    watch::watch(args.build, color, Some((&args.host, args.port)))
}

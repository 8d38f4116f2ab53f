//! Entry point: parse the command line and run it ([`lernregion::cli`]).

use clap::Parser;
use lernregion::cli::{Cli, run};

#[tokio::main]
async fn main() {
    if let Err(e) = run(Cli::parse()).await {
        eprintln!("error: {e:#}");
        std::process::exit(1);
    }
}

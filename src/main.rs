use std::process::ExitCode;

use clap::Parser;
use sdp_tracker::cli::{self, Cli};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    sdp_tracker::telemetry::init(cli.log_format());
    match cli::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // One line, for people and scripts alike; the detail is in the log.
            eprintln!("sdp-tracker: {err:#}");
            ExitCode::FAILURE
        }
    }
}

use std::process::ExitCode;

use clap::Parser;
use sdp_tracker::cli::{self, Cli};

/// mimalloc rather than the C library's allocator: a page request allocates and frees many small
/// buffers across threads, where glibc's malloc spent a tenth of the server's time (scripts/bench).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    sdp_tracker::memory::return_freed_memory_at_once();
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

use std::process::ExitCode;

use clap::Parser;
use sdp_tracker::cli::{self, Cli};

/// mimalloc rather than the C library's allocator: a page request allocates and frees many small
/// buffers across threads, where glibc's malloc spent a tenth of the server's time (scripts/bench).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Sets the allocator's options before anything is allocated (see
/// `sdp_tracker::memory::configure_allocator`): a function in `.init_array` runs before `main`,
/// and before the Rust runtime's first allocation.
#[used]
#[unsafe(link_section = ".init_array")]
static CONFIGURE_ALLOCATOR: extern "C" fn() = {
    extern "C" fn configure() {
        sdp_tracker::memory::configure_allocator();
    }
    configure
};

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

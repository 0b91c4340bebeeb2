//! The `mma` binary: hands the process arguments to the command layer.

/// mimalloc: `mma plan` on a million mailboxes makes millions of small allocations, which
/// glibc's allocator serves markedly slower.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    mma::cli::run()
}

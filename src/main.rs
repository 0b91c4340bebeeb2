//! The `mma` binary: hands the process arguments to the command layer.

fn main() -> std::process::ExitCode {
    mma::cli::run()
}

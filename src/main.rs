//! The `mma` binary: sets up the allocator and hands the process arguments to the command layer.

use libmimalloc_sys::{mi_option_set, mi_option_t};

/// mimalloc: `mma plan` on a million mailboxes makes millions of small allocations, which
/// glibc's allocator serves markedly slower.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_e` (`include/mimalloc.h`: the option
/// before `mi_option_use_numa_nodes`), which the Rust bindings do not name.
const PURGE_DELAY: mi_option_t = 15;

/// Keeps the memory mma frees for its own reuse instead of handing it back to the system a
/// second later (mimalloc 3's default). mma is a short-lived process whose stages free large
/// buffers (the input texts, the parsed exports) that the next stage allocates again: handed
/// back, every page of them is zeroed by the kernel once more when it is taken back, which at a
/// million mailboxes cost about 1.5 s of `mma plan`'s 8.4 s (the kernel's page clearing was a
/// sixth of its CPU time).
#[expect(
    unsafe_code,
    reason = "mimalloc's option setter is a foreign function; the crate's only unsafe code"
)]
fn keep_freed_memory() {
    // SAFETY: `mi_option_set` stores an integer in mimalloc's option table. It reads no pointer,
    // has no precondition on the option or value (-1 is purge_delay's documented "never
    // purge"), and the allocator reads the option on its next purge, whenever that comes.
    unsafe { mi_option_set(PURGE_DELAY, -1) }
}

fn main() -> std::process::ExitCode {
    keep_freed_memory();
    mma::cli::run()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index is the purge delay's: the option after it is the one the bindings name as
    /// `mi_option_use_numa_nodes`, and it holds the purge delay's default of 1000 ms until set.
    #[test]
    #[expect(
        unsafe_code,
        reason = "reads mimalloc's option table, as main writes it"
    )]
    fn the_option_set_is_the_purge_delay() {
        assert_eq!(PURGE_DELAY + 1, libmimalloc_sys::mi_option_use_numa_nodes);
        // SAFETY: reads an integer from mimalloc's option table.
        let default = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            assert_eq!(default, 1000);
        }
        keep_freed_memory();
        // SAFETY: as above.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, -1);
    }
}

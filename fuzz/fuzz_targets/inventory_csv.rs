//! Fuzz target: inventory_csv (see `checks.rs` for what it asserts).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mma_fuzz::inventory_csv(data));

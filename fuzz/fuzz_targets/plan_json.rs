//! Fuzz target: plan_json (see `checks.rs` for what it asserts).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mma_fuzz::plan_json(data));

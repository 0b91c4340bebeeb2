//! Replays the committed fuzz corpus (`fuzz/corpus/TARGET/`, found by `cargo +nightly fuzz run`)
//! through the same checks the fuzz targets make, on stable, so CI catches a regression on any
//! input the fuzzer ever kept: no panic, and accepted input round-trips where that applies.

#[path = "../../fuzz/checks.rs"]
mod checks;

use crate::support::root;

#[test]
fn the_fuzz_corpus_replays_without_a_panic() {
    for (target, check) in checks::TARGETS {
        let dir = root().join("fuzz").join("corpus").join(target);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        assert!(files.len() >= 10, "{target}: {} inputs", files.len());
        for f in files {
            let data = std::fs::read(&f).expect("read");
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{target}: {} panics", f.display());
        }
    }
}

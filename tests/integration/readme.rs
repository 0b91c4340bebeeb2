//! The README's transcripts run as written: every ```console block's `$ mma …` command prints
//! what the block shows and exits as its `? CODE` line says (success when none), so the README
//! cannot go stale. `TRYCMD=overwrite` rewrites a block from what mma prints.

#[test]
fn readme_transcripts_are_what_mma_prints() {
    trycmd::TestCases::new()
        .register_bin("mma", std::path::Path::new(env!("CARGO_BIN_EXE_mma")))
        .env("NO_COLOR", "1")
        .case("README.md");
}

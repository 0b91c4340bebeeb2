//! mma, the mail migration advisor: library behind the `mma` binary.
//!
//! Stages (see ARCHITECTURE.md): [`table`] verifies and compiles the decision table,
//! [`decision`] is the compiled result, [`cli`] is the command layer, the only code that does IO.

pub mod answers;
pub mod cli;
pub mod decision;
pub mod init;
pub mod limits;
pub mod markdown;
pub mod plan;
pub mod recommend;
pub mod render;
pub mod runbook;
pub mod status;
pub mod text;

pub use mma_table as table;
/// Located findings and their one renderer, for every input (the table crate's module).
pub use mma_table::diagnostic;

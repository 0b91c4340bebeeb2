//! The compiled decision table: `decide`, its input and output types and the rule array, generated
//! by `build.rs` from `decision-table.csv` (the committed mirror is `generated/decision_table.rs`).

include!(concat!(env!("OUT_DIR"), "/decision_table.rs"));

/// The decision table the binary was built from, byte for byte.
pub const TABLE_CSV: &str = include_str!("../decision-table.csv");

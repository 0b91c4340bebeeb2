//! The integration tests, compiled into one binary: CLI behaviour, build-script failures, the
//! freshness of generated files, agreement of compiled and interpreted tables, and properties of
//! the verifier.

mod agreement;
mod answers;
mod answers_props;
mod build_script;
mod cli_global;
mod cli_table;
mod fuzz_replay;
mod generated;
mod hostile_answers;
mod hostile_plan;
mod init;
mod plan;
mod plan_props;
mod ps_commands;
mod readme;
mod replan;
mod replan_props;
mod runbook;
mod runbook_paths;
mod status;
mod support;
mod tidy;
mod tree;
mod verifier;

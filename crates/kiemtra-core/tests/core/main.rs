//! Integration tests of kiemtra-core, one module per source module.

#![allow(clippy::unwrap_used, clippy::expect_used)] // in tests a panic is a failed test, with its message

mod agency;
mod backup;
mod checklist;
mod checklist_sheet;
mod crash;
mod crypt;
mod evidence;
mod exchange_bundle;
mod exchange_merge;
mod figure;
mod followup;
mod framework;
mod inspection;
mod parsers;
mod plan;
mod schema;
mod seed;
mod support;

//! Integration tests of kiemtra-core, one module per source module.

mod agency;
mod checklist;
mod framework;
mod plan;
mod schema;
mod seed;
mod support;

//! The IPC commands, one file per area. Each takes the state, calls core, maps the error.

pub mod agencies;
pub mod app;
pub mod checklist;
pub mod documents;
pub mod evidence;
pub mod exchange;
pub mod followup;
pub mod framework;
pub mod inspections;
pub mod plans;
pub mod profiles;

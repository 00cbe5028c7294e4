//! `kiemtra`: the command line over kiemtra-core. Each subcommand opens the store, calls one
//! core function and prints the result (text, or JSON with `--json`). Exit 0 on success;
//! otherwise a one-line reason on stderr and a non-zero exit.
//!
//! `args.rs` holds what clap reads, `commands/<noun>.rs` what each noun does, `output.rs` how
//! results are printed. A new noun is a variant in `args::Command`, a module in `commands`
//! and one arm in [`run`].

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use kiemtra_core::{paths, Db};

mod args;
mod commands;
mod output;

use args::{Cli, Command, PassphraseCmd};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut out = std::io::stdout().lock();
    match run(cli, &mut out) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`kiemtra agencies list | head -1`): it has what it wanted, so
        // stop quietly, as `ls` and `cat` do, rather than call it an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = out.flush();
            // One line: the reason, in Vietnamese.
            eprintln!("lỗi: {}", format!("{e:#}").replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli, out: &mut impl Write) -> anyhow::Result<()> {
    let dir = paths::data_dir(cli.data_dir);
    let secret = commands::crypt::secret(
        cli.passphrase_file.as_deref(),
        cli.recovery_key_file.as_deref(),
    )?;
    let secret = secret.as_ref();
    // These work on the data directory's files, not through an open store: a restore writes a
    // new directory (it must not create a store there); the key commands touch the key file.
    match &cli.command {
        Command::Restore { file, json } => {
            return commands::backup::restore(file, &dir, secret, *json, out)
        }
        Command::Encrypt { recovery_out, json } => {
            return commands::crypt::encrypt(&dir, secret, recovery_out.as_ref(), *json, out)
        }
        Command::Passphrase(PassphraseCmd::Change {
            new_passphrase_file,
            json,
        }) => {
            return commands::crypt::change(&dir, secret, new_passphrase_file.as_ref(), *json, out)
        }
        Command::RecoveryKey { out: file, json } => {
            return commands::crypt::recovery_key(&dir, secret, file, *json, out)
        }
        Command::UnlockCheck { json } => {
            return commands::crypt::unlock_check(&dir, secret, *json, out)
        }
        _ => {}
    }
    let db = &mut Db::open_with(&dir, secret)?;
    match cli.command {
        Command::Init { json } => commands::init::run(json, db, out),
        Command::Agencies(cmd) => commands::agencies::run(cmd, db, out),
        Command::Framework(cmd) => commands::framework::run(cmd, db, out),
        Command::Profile(cmd) => commands::profile::run(cmd, db, out),
        Command::Checklist(cmd) => commands::checklist::run(cmd, db, out),
        Command::Plan(cmd) => commands::plan::run(cmd, db, out),
        Command::Inspection(cmd) => commands::inspection::run(cmd, db, out),
        Command::Finding(cmd) => commands::finding::run(cmd, db, out),
        Command::Evidence(cmd) => commands::evidence::run(cmd, db, out),
        Command::Notice(cmd) => commands::notice::run(cmd, db, out),
        Command::Minutes(cmd) => commands::minutes::run(cmd, db, out),
        Command::Decision(cmd) => commands::decision::run(cmd, db, out),
        Command::ScheduleLetter(cmd) => commands::schedule_letter::run(cmd, db, out),
        Command::Device(cmd) => commands::exchange::device(cmd, db, out),
        Command::Bundle(cmd) => commands::exchange::bundle(cmd, db, out),
        Command::Conflicts(cmd) => commands::exchange::conflicts(cmd, db, out),
        Command::Calendar(cmd) => commands::calendar::run(cmd, db, out),
        Command::Followup(cmd) => commands::followup::run(cmd, db, out),
        Command::Report(cmd) => commands::report::run(cmd, db, out),
        Command::Export(cmd) => commands::report::export(cmd, db, out),
        Command::Backup { out: file, json } => commands::backup::backup(&file, json, db, out),
        Command::Restore { .. }
        | Command::Encrypt { .. }
        | Command::Passphrase(_)
        | Command::RecoveryKey { .. }
        | Command::UnlockCheck { .. } => unreachable!("handled before the store is opened"),
        Command::Check { json } => commands::backup::check(json, db, out),
        Command::Settings { set_documents } => commands::settings::run(set_documents, db, out),
    }
}

/// Whether writing to stdout failed because its reader closed the pipe.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|cause| {
        // serde_json keeps the io::Error inside and does not give it as the source.
        let kind = cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            });
        kind == Some(BrokenPipe)
    })
}

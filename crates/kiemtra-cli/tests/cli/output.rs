//! How the binary prints: a reader that stops early is not an error.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::{kiemtra, kiemtra_command, stdout};

#[test]
fn a_reader_that_closes_the_pipe_after_one_line_ends_the_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    stdout(kiemtra(dir.path()).arg("init"));
    let args = ["checklist", "show", "--json"];
    // More than a pipe holds (64 KiB on Linux), so the command is still writing when the
    // reader goes away and its next write meets the closed pipe.
    let whole = stdout(kiemtra(dir.path()).args(args));
    assert!(
        whole.len() > 64 * 1024,
        "the listing must outgrow the pipe for this test to mean anything: {} bytes",
        whole.len()
    );

    let mut child = kiemtra_command()
        .arg("--data-dir")
        .arg(dir.path())
        .args(args)
        .env_remove("KIEMTRA_DATA_DIR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    assert_eq!(first.trim_end(), "{", "the JSON starts");
    drop(reader);
    let out = child.wait_with_output().unwrap();

    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("Broken pipe") && !stderr.contains("lỗi"),
        "a closed pipe is not reported as an error: {stderr}"
    );
    assert!(out.status.success(), "exit status {:?}", out.status);
}

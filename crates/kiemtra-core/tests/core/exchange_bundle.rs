//! The bundle file: what is written reads back the same, and every kind of damage or forgery is
//! refused, with its own code, before anything is left in the staging folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use kiemtra_core::exchange::bundle::{
    self, Limits, Manifest, ManifestInput, ProfileRef, Scope, VerifiedBundle,
};
use kiemtra_core::exchange::keys::{device_id, DeviceKey};
use kiemtra_core::Error;
use proptest::prelude::*;
use sha2::{Digest, Sha256};

const SECRET: [u8; 32] = [7; 32];
const CHANGES: &[u8] = br#"{"changes":[{"device":"dev-1","clock":"0001","op":"answer"}]}"#;

fn none(_: u64, _: u64) {}

fn sha(content: &[u8]) -> String {
    Sha256::digest(content)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn key() -> DeviceKey {
    DeviceKey::from_secret_bytes(&SECRET).unwrap()
}

fn input() -> ManifestInput {
    ManifestInput {
        schema_version: 12,
        created_at: "2026-03-02T08:00:00+07:00".into(),
        profile: Some(ProfileRef {
            uid: "p-1".into(),
            name: "Nguyễn Văn An".into(),
            role: "inspector".into(),
        }),
        seen: BTreeMap::from([("dev-0a1b2c3d4e5f".into(), "0000000042".into())]),
        scope: Scope {
            year: 2026,
            agencies: vec!["07264".into(), "07270".into()],
        },
    }
}

/// Two evidence files, the second larger than one read buffer.
fn evidence_contents() -> Vec<Vec<u8>> {
    vec![
        b"%PDF-1.4 Bao cao tu kiem tra".to_vec(),
        (0..300_000u32).map(|i| (i % 251) as u8).collect(),
    ]
}

/// Writes the evidence files into `dir` and returns them as the writer takes them.
fn evidence_files(dir: &Path) -> Vec<(String, PathBuf)> {
    std::fs::create_dir_all(dir).unwrap();
    evidence_contents()
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let p = dir.join(format!("ev-{i}"));
            std::fs::write(&p, c).unwrap();
            (sha(c), p)
        })
        .collect()
}

/// A valid bundle written into `dir`.
fn valid_bundle(dir: &Path) -> PathBuf {
    let ev = evidence_files(&dir.join("src"));
    let out = dir.join("goi.kiemtra");
    bundle::write_bundle(&out, &key(), input(), CHANGES, &ev, &mut none).unwrap();
    out
}

/// The bytes of a valid bundle, written once.
static VALID: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    std::fs::read(valid_bundle(dir.path())).unwrap()
});

/// What opening some bytes gave: the result, the staging folder's listing afterwards, and the
/// folder itself (kept while the staged files are read).
type Opened = (
    Result<VerifiedBundle, Error>,
    Vec<String>,
    tempfile::TempDir,
);

/// Opens the bundle `bytes` with `limits`, staging into a fresh folder.
fn open_bytes_with(bytes: &[u8], limits: &Limits) -> Opened {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.kiemtra");
    std::fs::write(&path, bytes).unwrap();
    let staging = dir.path().join("stage").join("in");
    std::fs::create_dir_all(&staging).unwrap();
    let got = bundle::open_bundle(&path, &staging, limits, &mut none);
    let staged = listing(&staging);
    if got.is_err() {
        // Nothing beside the staging folder either.
        assert_eq!(listing(&dir.path().join("stage")), vec!["in"]);
        assert_eq!(listing(dir.path()), vec!["in.kiemtra", "stage"]);
    }
    (got, staged, dir)
}

fn open_bytes(bytes: &[u8]) -> Opened {
    open_bytes_with(bytes, &Limits::default())
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Asserts that `bytes` are refused with `code` and that nothing stays staged; returns the error.
#[track_caller]
fn refused(bytes: &[u8], code: &str) -> Error {
    let (got, staged, _dir) = open_bytes(bytes);
    let err = match got {
        Ok(_) => panic!("accepted, expected {code}"),
        Err(e) => e,
    };
    assert_eq!(err.code(), code, "{err}");
    assert!(staged.is_empty(), "left staged: {staged:?}");
    err
}

/// Each member of a tar: (name, header offset, data offset, size).
fn layout(bytes: &[u8]) -> Vec<(String, usize, usize, usize)> {
    let mut archive = tar::Archive::new(bytes);
    archive
        .entries()
        .unwrap()
        .raw(true)
        .map(|e| {
            let e = e.unwrap();
            (
                String::from_utf8_lossy(&e.header().path_bytes()).into_owned(),
                e.raw_header_position() as usize,
                e.raw_file_position() as usize,
                e.size() as usize,
            )
        })
        .collect()
}

fn member<'a>(bytes: &'a [u8], name: &str) -> (usize, &'a [u8]) {
    let (_, _, at, size) = layout(bytes)
        .into_iter()
        .find(|m| m.0 == name)
        .unwrap_or_else(|| panic!("no member {name}"));
    (at, &bytes[at..at + size])
}

/// The members of a tar, in order, as (header, content).
fn members(bytes: &[u8]) -> Vec<(tar::Header, Vec<u8>)> {
    layout(bytes)
        .into_iter()
        .map(|(_, h, at, size)| {
            let mut header = tar::Header::new_old();
            header.as_mut_bytes().copy_from_slice(&bytes[h..h + 512]);
            (header, bytes[at..at + size].to_vec())
        })
        .collect()
}

/// A regular-file header with `name` written as raw bytes (no path cleaning).
fn raw_header(name: &[u8], size: usize, kind: tar::EntryType) -> tar::Header {
    let mut h = tar::Header::new_ustar();
    h.as_ustar_mut().unwrap().name[..name.len()].copy_from_slice(name);
    h.set_entry_type(kind);
    h.set_size(size as u64);
    h.set_mode(0o644);
    h.set_mtime(0);
    h.set_cksum();
    h
}

/// A tar of `members`, in order.
fn tar_of(members: &[(tar::Header, Vec<u8>)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (h, data) in members {
        b.append(h, &data[..]).unwrap();
    }
    b.into_inner().unwrap()
}

/// The valid bundle with `extra` inserted before its first member.
fn with_first(extra: (tar::Header, Vec<u8>)) -> Vec<u8> {
    let mut m = members(&VALID);
    m.insert(0, extra);
    tar_of(&m)
}

/// The valid bundle with its manifest changed by `edit` and signed again by `signer`.
fn resigned(edit: impl Fn(&mut serde_json::Value), signer: &DeviceKey) -> Vec<u8> {
    let mut m = members(&VALID);
    let at = m
        .iter()
        .position(|(h, _)| &*h.path_bytes() == b"manifest.json")
        .unwrap();
    let mut value: serde_json::Value = serde_json::from_slice(&m[at].1).unwrap();
    edit(&mut value);
    let json = serde_json::to_vec_pretty(&value).unwrap();
    let sig = signer.sign(&json).to_vec();
    m[at] = (
        raw_header(b"manifest.json", json.len(), tar::EntryType::Regular),
        json,
    );
    m[at + 1] = (raw_header(b"signature", 64, tar::EntryType::Regular), sig);
    tar_of(&m)
}

fn flip(bytes: &[u8], at: usize) -> Vec<u8> {
    let mut b = bytes.to_vec();
    b[at] ^= 0x01;
    b
}

#[track_caller]
fn assert_same_as_written(got: &VerifiedBundle) {
    assert_eq!(got.changes_json, CHANGES);
    assert_eq!(got.manifest.schema_version, 12);
    assert_eq!(got.manifest.scope, input().scope);
    assert_eq!(got.manifest.profile, input().profile);
    assert_eq!(got.manifest.seen, input().seen);
    let mut expected: Vec<(String, Vec<u8>)> = evidence_contents()
        .into_iter()
        .map(|c| (sha(&c), c))
        .collect();
    expected.sort();
    assert_eq!(got.evidence.len(), expected.len());
    for ((sha, path, size), (want_sha, want)) in got.evidence.iter().zip(&expected) {
        assert_eq!(sha, want_sha);
        assert_eq!(*size, want.len() as u64);
        assert_eq!(&std::fs::read(path).unwrap(), want);
        assert_eq!(path.file_name().unwrap().to_string_lossy(), *sha);
    }
}

#[test]
fn a_bundle_read_back_gives_the_same_manifest_changes_and_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let ev = evidence_files(&dir.path().join("src"));
    let out = dir.path().join("usb").join("goi.kiemtra");
    let mut reports = Vec::new();
    let summary = bundle::write_bundle(&out, &key(), input(), CHANGES, &ev, &mut |d, t| {
        reports.push((d, t))
    })
    .unwrap();
    assert_eq!(summary.evidence_count, 2);
    assert_eq!(summary.fingerprint, key().public().fingerprint());
    assert_eq!(summary.bytes, std::fs::metadata(&out).unwrap().len());
    assert_eq!(
        listing(&dir.path().join("usb")),
        vec!["goi.kiemtra"],
        "no temporary file"
    );
    let total = CHANGES.len() as u64 + summary.evidence_bytes;
    assert_eq!(reports.last(), Some(&(total, total)));
    assert!(reports.windows(2).all(|w| w[0].0 <= w[1].0), "{reports:?}");

    let staging = dir.path().join("staging");
    let mut read_reports = Vec::new();
    let got = bundle::open_bundle(&out, &staging, &Limits::default(), &mut |d, t| {
        read_reports.push((d, t))
    })
    .unwrap();
    assert_same_as_written(&got);
    assert_eq!(got.manifest, summary.manifest);
    assert_eq!(got.manifest.format, bundle::FORMAT);
    assert_eq!(got.manifest.public_key, key().public().to_hex());
    assert_eq!(got.manifest.device_id, device_id(&key().public()));
    assert_eq!(got.fingerprint, key().public().fingerprint());
    let names: Vec<&str> = got
        .manifest
        .members
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(names[0], "changes.json");
    assert_eq!(names.len(), 3);
    assert_eq!(read_reports.last(), Some(&(summary.bytes, summary.bytes)));
}

#[test]
fn the_members_are_changes_evidence_then_manifest_and_signature_with_fixed_headers() {
    let l = layout(&VALID);
    let names: Vec<&str> = l.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(names.len(), 5);
    assert_eq!(names[0], "changes.json");
    assert!(names[1].starts_with("evidence/") && names[2].starts_with("evidence/"));
    assert!(names[1] < names[2], "evidence sorted by hash");
    assert_eq!(&names[3..], ["manifest.json", "signature"]);
    for (h, _) in members(&VALID) {
        assert_eq!(h.mtime().unwrap(), 0);
        assert_eq!(h.mode().unwrap(), 0o644);
        assert_eq!(h.uid().unwrap(), 0);
        assert_eq!(h.gid().unwrap(), 0);
        assert_eq!(h.username_bytes(), Some(&b""[..]));
        assert_eq!(h.entry_type(), tar::EntryType::Regular);
    }
}

#[test]
fn two_exports_of_the_same_data_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let ev = evidence_files(&dir.path().join("src"));
    let a = dir.path().join("a.kiemtra");
    let b = dir.path().join("b.kiemtra");
    bundle::write_bundle(&a, &key(), input(), CHANGES, &ev, &mut none).unwrap();
    // The same evidence given in another order, and once twice.
    let mut again = ev.clone();
    again.reverse();
    again.push(ev[0].clone());
    bundle::write_bundle(&b, &key(), input(), CHANGES, &again, &mut none).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert_eq!(std::fs::read(&a).unwrap(), *VALID);
}

#[test]
fn a_flipped_byte_in_changes_json_is_refused_as_corrupt() {
    let (at, data) = member(&VALID, "changes.json");
    for i in [0, data.len() / 2, data.len() - 1] {
        let err = refused(&flip(&VALID, at + i), "bundle_corrupt");
        assert!(err.to_string().contains("changes.json"), "{err}");
    }
}

#[test]
fn a_flipped_byte_in_an_evidence_member_is_refused_as_corrupt() {
    for (name, _, at, size) in layout(&VALID)
        .into_iter()
        .filter(|m| m.0.starts_with("evidence/"))
    {
        for i in [0, size / 2, size - 1] {
            let err = refused(&flip(&VALID, at + i), "bundle_corrupt");
            assert!(err.to_string().contains(&name), "{err}");
        }
    }
}

#[test]
fn a_changed_byte_in_the_manifest_is_refused_as_corrupt() {
    let (at, data) = member(&VALID, "manifest.json");
    // A digit of the date changed: still JSON, still the right shape, no longer what was signed.
    let i = data.windows(4).position(|w| w == b"2026").unwrap();
    let mut bytes = VALID.clone();
    bytes[at + i + 3] = b'7';
    let err = refused(&bytes, "bundle_corrupt");
    assert!(err.to_string().contains("chữ ký"), "{err}");
}

#[test]
fn any_flipped_byte_of_the_manifest_is_refused() {
    let (at, data) = member(&VALID, "manifest.json");
    for i in 0..data.len() {
        let (got, staged, _dir) = open_bytes(&flip(&VALID, at + i));
        let err = got.err().unwrap_or_else(|| panic!("byte {i} accepted"));
        // Mostly damage; a flip inside `"format": 1` reads as another format.
        assert!(
            err.code() == "bundle_corrupt" || err.code() == "bundle_format",
            "byte {i}: {err}"
        );
        assert!(staged.is_empty(), "byte {i}");
    }
}

#[test]
fn a_flipped_byte_in_the_signature_is_refused_as_corrupt() {
    let (at, data) = member(&VALID, "signature");
    assert_eq!(data.len(), 64);
    for i in 0..64 {
        refused(&flip(&VALID, at + i), "bundle_corrupt");
    }
}

#[test]
fn a_flipped_byte_in_a_member_header_is_refused_as_corrupt() {
    for (name, h, _, _) in layout(&VALID) {
        for i in [0, 100, 124, 148, 156, 257] {
            let (got, staged, _dir) = open_bytes(&flip(&VALID, h + i));
            let code = got.err().map(|e| e.code().as_str());
            assert_eq!(code, Some("bundle_corrupt"), "{name}, header byte {i}");
            assert!(staged.is_empty());
        }
    }
}

#[test]
fn a_bundle_cut_short_is_refused_as_truncated() {
    let len = VALID.len();
    let (_, _, big_at, big_size) = layout(&VALID).into_iter().max_by_key(|m| m.3).unwrap();
    assert!(big_size > 200_000);
    let ev_at = big_at;
    let (manifest_at, _) = member(&VALID, "manifest.json");
    for cut in [
        0,
        1,
        511,
        512,
        700,
        ev_at + 10_000,
        manifest_at - 512,
        manifest_at,
        manifest_at + 20,
        len - 1024 - 1,
        len - 1024,
        len - 600,
        len - 512,
        len - 1,
    ] {
        let err = refused(&VALID[..cut], "bundle_truncated");
        assert!(err.to_string().contains("không đầy đủ"), "cut {cut}: {err}");
    }
}

#[test]
fn bytes_after_the_end_of_the_archive_are_refused() {
    let mut bytes = VALID.clone();
    bytes.extend_from_slice(b"tail");
    refused(&bytes, "bundle_corrupt");
    // Zeros up to a tar record are padding, as other tools write them.
    let mut padded = VALID.clone();
    padded.resize(VALID.len().div_ceil(10240) * 10240, 0);
    assert!(padded.len() > VALID.len());
    let (got, _, _dir) = open_bytes(&padded);
    assert_same_as_written(&got.unwrap());
    // More than that is not.
    padded.resize(padded.len() + 10240, 0);
    refused(&padded, "bundle_corrupt");
}

#[track_caller]
fn refused_member(bytes: &[u8], name: &str) {
    let err = refused(bytes, "bundle_member_refused");
    match &err {
        Error::BundleMemberRefused { name: n, .. } => assert_eq!(n, name, "{err}"),
        other => panic!("{other}"),
    }
    assert!(err.to_string().contains(name), "{err}");
}

#[test]
fn a_member_with_a_parent_or_absolute_path_is_refused() {
    for name in [
        "../x",
        "/etc/x",
        "./changes.json",
        "evidence\\x",
        "stage/../../x",
    ] {
        let data = b"owned".to_vec();
        let bytes = with_first((
            raw_header(name.as_bytes(), data.len(), tar::EntryType::Regular),
            data,
        ));
        refused_member(&bytes, name);
    }
}

#[test]
fn a_link_directory_or_extension_member_is_refused() {
    let ev = format!("evidence/{}", sha(b"x"));
    let mut symlink = raw_header(ev.as_bytes(), 0, tar::EntryType::Symlink);
    symlink.set_link_name("/etc/passwd").unwrap();
    symlink.set_cksum();
    let mut hardlink = raw_header(b"changes.json", 0, tar::EntryType::Link);
    hardlink.set_link_name("manifest.json").unwrap();
    hardlink.set_cksum();
    let dir = raw_header(b"evidence/", 0, tar::EntryType::Directory);
    let pax = raw_header(b"changes.json", 20, tar::EntryType::XHeader);
    let long = raw_header(b"././@LongLink", 14, tar::EntryType::GNULongName);
    let fifo = raw_header(b"changes.json", 0, tar::EntryType::Fifo);
    for (h, data, name) in [
        (symlink, vec![], ev.as_str()),
        (hardlink, vec![], "changes.json"),
        (dir, vec![], "evidence/"),
        (pax, b"20 path=../../evil\n\0".to_vec(), "changes.json"),
        (long, b"../../evil.sh\0".to_vec(), "././@LongLink"),
        (fifo, vec![], "changes.json"),
    ] {
        let err = refused(&with_first((h, data)), "bundle_member_refused");
        assert!(err.to_string().contains(name), "{err}");
        assert!(
            err.to_string().contains("không phải tệp thông thường"),
            "{err}"
        );
    }
}

#[test]
fn a_member_present_twice_is_refused() {
    let m = members(&VALID);
    let mut twice = m.clone();
    twice.insert(1, m[0].clone());
    refused_member(&tar_of(&twice), "changes.json");
    // The same evidence twice.
    let mut twice = m.clone();
    twice.insert(2, m[1].clone());
    let name = String::from_utf8_lossy(&m[1].0.path_bytes()).into_owned();
    refused_member(&tar_of(&twice), &name);
}

#[test]
fn an_evidence_name_that_is_not_a_lowercase_sha256_is_refused() {
    let content = b"abc".to_vec();
    for name in [
        "evidence/ABC".to_string(),
        format!("evidence/{}", sha(&content).to_uppercase()),
        format!("evidence/{}", &sha(&content)[..63]),
        format!("evidence/{}.pdf", sha(&content)),
        "evidence.json".into(),
    ] {
        let bytes = with_first((
            raw_header(name.as_bytes(), content.len(), tar::EntryType::Regular),
            content.clone(),
        ));
        refused_member(&bytes, &name);
    }
}

#[test]
fn a_member_the_manifest_does_not_list_is_refused() {
    let content = b"not listed".to_vec();
    let name = format!("evidence/{}", sha(&content));
    let bytes = with_first((
        raw_header(name.as_bytes(), content.len(), tar::EntryType::Regular),
        content,
    ));
    let err = refused(&bytes, "bundle_member_refused");
    assert!(err.to_string().contains("manifest.json"), "{err}");
    assert!(err.to_string().contains(&name), "{err}");
}

#[test]
fn a_listed_member_that_is_missing_is_refused_as_truncated() {
    let mut m = members(&VALID);
    m.remove(1);
    let err = refused(&tar_of(&m), "bundle_truncated");
    assert!(err.to_string().contains("evidence/"), "{err}");
    // Without a signature or a manifest.
    let m = members(&VALID);
    refused(&tar_of(&m[..4]), "bundle_truncated");
    let mut no_manifest = m.clone();
    no_manifest.remove(3);
    refused(&tar_of(&no_manifest), "bundle_truncated");
}

#[test]
fn a_bundle_signed_by_one_key_carrying_another_keys_public_key_is_refused() {
    let other = DeviceKey::generate().public();
    // The other key and its device id put in, the signature kept.
    let mut m = members(&VALID);
    let mut value: serde_json::Value = serde_json::from_slice(&m[3].1).unwrap();
    value["public_key"] = other.to_hex().into();
    value["device_id"] = device_id(&other).into();
    let json = serde_json::to_vec_pretty(&value).unwrap();
    m[3] = (
        raw_header(b"manifest.json", json.len(), tar::EntryType::Regular),
        json,
    );
    let err = refused(&tar_of(&m), "bundle_corrupt");
    assert!(err.to_string().contains("chữ ký"), "{err}");
    // Or re-signed by a third key: still not the carried key's signature.
    let bytes = resigned(
        |v| v["public_key"] = other.to_hex().into(),
        &DeviceKey::generate(),
    );
    refused(&bytes, "bundle_corrupt");
}

#[test]
fn a_manifest_whose_device_id_is_not_its_keys_is_refused() {
    let bytes = resigned(|v| v["device_id"] = "dev-000000000000".into(), &key());
    let err = refused(&bytes, "bundle_corrupt");
    assert!(err.to_string().contains("dev-000000000000"), "{err}");
}

#[test]
fn a_manifest_listing_a_different_hash_or_size_is_refused() {
    let bytes = resigned(|v| v["members"][0]["sha256"] = sha(b"other").into(), &key());
    refused(&bytes, "bundle_corrupt");
    let bytes = resigned(|v| v["members"][0]["size"] = 1.into(), &key());
    refused(&bytes, "bundle_corrupt");
}

#[test]
fn a_newer_or_unknown_manifest_format_is_refused_as_a_format_question() {
    let err = refused(
        &resigned(|v| v["format"] = 2.into(), &key()),
        "bundle_format",
    );
    assert!(err.to_string().contains("phiên bản mới hơn"), "{err}");
    refused(
        &resigned(|v| v["format"] = 0.into(), &key()),
        "bundle_format",
    );
    refused(
        &resigned(|v| v["extra"] = 1.into(), &key()),
        "bundle_format",
    );
    refused(
        &resigned(|v| v["scope"] = "2026".into(), &key()),
        "bundle_format",
    );
    // A manifest that does not list changes.json.
    refused(
        &resigned(
            |v| {
                if let Some(a) = v["members"].as_array_mut() {
                    a.remove(0);
                }
            },
            &key(),
        ),
        "bundle_format",
    );
}

#[test]
fn a_member_over_its_limit_is_refused_before_it_is_read() {
    let limits = Limits {
        max_changes: CHANGES.len() as u64 - 1,
        ..Limits::default()
    };
    let (got, staged, _dir) = open_bytes_with(&VALID, &limits);
    let err = got.err().unwrap();
    assert_eq!(err.code(), "bundle_too_large");
    assert!(err.to_string().contains("changes.json"), "{err}");
    assert!(staged.is_empty());

    let limits = Limits {
        max_member: 100_000,
        ..Limits::default()
    };
    let (got, staged, _dir) = open_bytes_with(&VALID, &limits);
    assert_eq!(got.err().unwrap().code(), "bundle_too_large");
    assert!(
        staged.is_empty(),
        "the evidence staged before is removed: {staged:?}"
    );

    for limits in [
        Limits {
            max_manifest: 100,
            ..Limits::default()
        },
        Limits {
            max_total: 1000,
            ..Limits::default()
        },
    ] {
        let (got, staged, _dir) = open_bytes_with(&VALID, &limits);
        assert_eq!(got.err().unwrap().code(), "bundle_too_large");
        assert!(staged.is_empty());
    }
}

#[test]
fn evidence_whose_content_does_not_match_its_name_is_refused_by_the_writer() {
    let dir = tempfile::tempdir().unwrap();
    let mut ev = evidence_files(&dir.path().join("src"));
    std::fs::write(&ev[1].1, b"changed after it was stored").unwrap();
    let out = dir.path().join("usb").join("goi.kiemtra");
    let err = bundle::write_bundle(&out, &key(), input(), CHANGES, &ev, &mut none).unwrap_err();
    assert_eq!(err.code(), "bundle_evidence_changed", "{err}");
    assert!(err.to_string().contains(&ev[1].0), "{err}");
    assert!(listing(&dir.path().join("usb")).is_empty(), "no file left");

    // A name that is not a hash at all.
    ev[1].0 = "not-a-hash".into();
    let err = bundle::write_bundle(&out, &key(), input(), CHANGES, &ev, &mut none).unwrap_err();
    assert_eq!(err.code(), "invalid", "{err}");
    assert!(!out.exists());
}

#[test]
fn a_failed_export_keeps_the_older_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let out = valid_bundle(dir.path());
    let before = std::fs::read(&out).unwrap();
    let mut ev = evidence_files(&dir.path().join("src"));
    std::fs::write(&ev[0].1, b"tampered").unwrap();
    ev.truncate(1);
    assert!(bundle::write_bundle(&out, &key(), input(), b"{}", &ev, &mut none).is_err());
    assert_eq!(std::fs::read(&out).unwrap(), before);
    assert_eq!(listing(dir.path()), vec!["goi.kiemtra", "src"]);
}

#[test]
fn a_staging_folder_created_for_a_refused_bundle_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.kiemtra");
    std::fs::write(&path, flip(&VALID, member(&VALID, "signature").0)).unwrap();
    let staging = dir.path().join("new-stage");
    let err = bundle::open_bundle(&path, &staging, &Limits::default(), &mut none).unwrap_err();
    assert_eq!(err.code(), "bundle_corrupt");
    assert!(!staging.exists());
}

/// A read bundle's manifest, changes and evidence (hash, size, staged bytes).
type Content = (Manifest, Vec<u8>, Vec<(String, u64, Vec<u8>)>);

/// What a valid read returned, with the staged evidence's bytes.
fn content_of(got: &VerifiedBundle) -> Content {
    (
        got.manifest.clone(),
        got.changes_json.clone(),
        got.evidence
            .iter()
            .map(|(sha, path, size)| (sha.clone(), *size, std::fs::read(path).unwrap()))
            .collect(),
    )
}

static VALID_CONTENT: LazyLock<Content> = LazyLock::new(|| {
    let (got, _, _dir) = open_bytes(&VALID);
    content_of(&got.unwrap())
});

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_mutated_bundle_is_refused_or_reads_exactly_as_written(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4)
    ) {
        let mut bytes = VALID.clone();
        for (at, value) in &edits {
            let i = at.index(bytes.len());
            bytes[i] = *value;
        }
        let (got, staged, _dir) = open_bytes(&bytes);
        match got {
            Ok(got) => prop_assert_eq!(&content_of(&got), &*VALID_CONTENT),
            Err(_) => prop_assert!(staged.is_empty(), "left staged: {:?}", staged),
        }
    }

    #[test]
    fn a_cut_bundle_is_refused_as_truncated(cut in any::<prop::sample::Index>()) {
        let cut = cut.index(VALID.len());
        let (got, staged, _dir) = open_bytes(&VALID[..cut]);
        let err = got.err();
        prop_assert!(staged.is_empty());
        prop_assert_eq!(err.map(|e| e.code().as_str()), Some("bundle_truncated"));
    }
}

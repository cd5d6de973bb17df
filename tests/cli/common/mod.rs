//! What the CLI scenarios share: running the real `nap` binary, as a script would.
// Each scenario file is its own test crate and uses only some of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `nap` with `args`, as the author "scenario test".
pub fn nap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nap"))
        .args(args)
        .env("NAP_AUTHOR", "scenario test")
        .output()
        .expect("run nap")
}

/// Runs a command that must succeed; returns its stdout.
pub fn ok(args: &[&str]) -> String {
    let out = nap(args);
    assert!(
        out.status.success(),
        "nap {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Runs a command that must fail with exit status 1 and nothing on stdout; returns stderr.
pub fn fails(args: &[&str]) -> String {
    let out = nap(args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "nap {args:?} should have failed"
    );
    assert!(out.stdout.is_empty(), "errors must not go to stdout");
    String::from_utf8(out.stderr).expect("utf-8 stderr")
}

pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A temporary folder for one scenario's files.
pub struct Dir(pub tempfile::TempDir);

impl Dir {
    pub fn new() -> Self {
        Self(tempfile::tempdir().expect("temp dir"))
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.path().join(name)
    }
}

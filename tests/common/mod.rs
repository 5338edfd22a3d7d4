//! Running the real binary from end-to-end tests.

use std::path::Path;
use std::process::Command;

/// Runs `baokan args` in `dir` and returns its exit code, stdout and stderr.
pub fn baokan_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_baokan"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

//! `cargo xtask demo`: the release build of the app, served by the mock with the demo data.

use std::time::Duration;

use crate::setup;
use crate::util::{
    dist_dir, root, target_dir, trunk_build_release, wait_for_listening, Cmd, KillOnDrop, Result,
};

pub fn usage() -> &'static str {
    "cargo xtask demo [--port N]   (N = 0 picks a free port; default 8080)"
}

pub fn run(args: &[String]) -> Result {
    let port = port(args)?;
    setup::run()?;
    trunk_build_release()?;
    Cmd::cargo()
        .args(["build", "--release", "-p", "invoicing-mock"])
        .run()?;
    let mock = target_dir()?.join("release").join("invoicing-mock");
    let mut cmd = Cmd::new(&mock)
        .arg("--dist")
        .arg(dist_dir())
        .args(["--port", &port.to_string()]);
    let demo_data = root().join("crates/invoicing-mock/fixtures/demo.json");
    if demo_data.is_file() {
        cmd = cmd.arg("--data").arg(demo_data);
    }
    let mut child = KillOnDrop(cmd.spawn_piped()?);
    let url = wait_for_listening(&mut child.0, Duration::from_secs(30), true)?;
    let url = url.trim_end_matches('/');
    println!();
    println!("  ┌──────────────────────────────────────────────────────────");
    println!("  │ The demo runs at   {url}/");
    println!("  │ in English:        {url}/?lang=en");
    println!("  │ Press Ctrl-C to stop.");
    println!("  └──────────────────────────────────────────────────────────");
    println!();
    let status = child.0.wait().map_err(|e| e.to_string())?;
    Err(format!("the mock stopped: {status}"))
}

fn port(args: &[String]) -> Result<u16> {
    let mut port = 8080;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "--port" => args.next().cloned(),
            other => match other.strip_prefix("--port=") {
                Some(value) => Some(value.to_string()),
                None => return Err(format!("unknown argument {arg:?}\n{}", usage())),
            },
        };
        port = value
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("--port needs a number from 0 to 65535\n{}", usage()))?;
    }
    Ok(port)
}

//! `cargo xtask demo`: the release build of the app, served by the mock with the demo data or
//! another fixture.

use std::path::PathBuf;
use std::time::Duration;

use crate::setup;
use crate::util::{
    dist_dir, root, target_dir, trunk_build_release, wait_for_listening, Cmd, KillOnDrop, Result,
};

/// The folder of the fixtures a name given to `--fixture` is looked up in.
const FIXTURES: &str = "crates/invoicing-mock/fixtures";

pub fn usage() -> &'static str {
    "cargo xtask demo [--port N] [--fixture NAME|PATH]
             --port N        0 picks a free port (default 8080)
             --fixture NAME  serve crates/invoicing-mock/fixtures/NAME.json: demo (default),
                             unverified, member, no-offset; or a fixture file's PATH"
}

/// What `cargo xtask demo` was asked for.
#[derive(Debug, PartialEq, Eq)]
struct Options {
    port: u16,
    fixture: String,
}

pub fn run(args: &[String]) -> Result {
    let options = options(args)?;
    let data = fixture_path(&options.fixture)?;
    setup::run()?;
    trunk_build_release()?;
    Cmd::cargo()
        .args(["build", "--release", "-p", "invoicing-mock"])
        .run()?;
    let mock = target_dir()?.join("release").join("invoicing-mock");
    let cmd = Cmd::new(&mock)
        .arg("--dist")
        .arg(dist_dir())
        .args(["--port", &options.port.to_string()])
        .arg("--data")
        .arg(&data);
    let mut child = KillOnDrop(cmd.spawn_piped()?);
    let url = wait_for_listening(&mut child.0, Duration::from_secs(30), true)?;
    let url = url.trim_end_matches('/');
    println!();
    println!("  ┌──────────────────────────────────────────────────────────");
    println!("  │ The demo runs at   {url}/");
    println!("  │ in English:        {url}/?lang=en");
    println!("  │ embedded twice:    {url}/public/embed.html");
    println!("  │ with the data of   {}", data.display());
    println!("  │ Press Ctrl-C to stop.");
    println!("  └──────────────────────────────────────────────────────────");
    println!();
    let status = child.0.wait().map_err(|e| e.to_string())?;
    Err(format!("the mock stopped: {status}"))
}

fn options(args: &[String]) -> Result<Options> {
    let mut options = Options {
        port: 8080,
        fixture: "demo".to_owned(),
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag, Some(value.to_owned())),
            None => (arg.as_str(), None),
        };
        let value = inline.or_else(|| args.next().cloned());
        match flag {
            "--port" => {
                options.port = value
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| format!("--port needs a number from 0 to 65535\n{}", usage()))?
            }
            "--fixture" => {
                options.fixture = value
                    .filter(|v| !v.is_empty())
                    .ok_or_else(|| format!("--fixture needs a name or a path\n{}", usage()))?
            }
            _ => return Err(format!("unknown argument {arg:?}\n{}", usage())),
        }
    }
    Ok(options)
}

/// The fixture file for `name`: `NAME` is `crates/invoicing-mock/fixtures/NAME.json`; anything
/// with a `/` or ending in `.json` is a path, relative to the current folder.
fn fixture_path(name: &str) -> Result<PathBuf> {
    let path = if name.contains('/') || name.ends_with(".json") {
        PathBuf::from(name)
    } else {
        root().join(FIXTURES).join(format!("{name}.json"))
    };
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!(
            "no fixture {}: give a name of {FIXTURES} (without .json) or a file's path\n{}",
            path.display(),
            usage()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn demo_defaults_to_the_demo_fixture_on_port_8080() {
        let o = options(&[]).unwrap();
        assert_eq!(o.port, 8080);
        assert_eq!(o.fixture, "demo");
    }

    #[test]
    fn demo_reads_port_and_fixture_in_both_spellings() {
        let o = options(&args(&["--fixture", "unverified", "--port=0"])).unwrap();
        assert_eq!((o.port, o.fixture.as_str()), (0, "unverified"));
        let o = options(&args(&["--fixture=a/b.json", "--port", "9000"])).unwrap();
        assert_eq!((o.port, o.fixture.as_str()), (9000, "a/b.json"));
        assert!(options(&args(&["--fixture"])).is_err());
        assert!(options(&args(&["--port", "x"])).is_err());
        assert!(options(&args(&["--other"])).is_err());
    }

    #[test]
    fn fixture_names_are_found_in_the_mock_folder_and_paths_as_given() {
        for name in ["demo", "unverified", "member", "no-offset"] {
            let path = fixture_path(name).unwrap();
            assert!(path.ends_with(format!("{FIXTURES}/{name}.json")), "{name}");
        }
        let demo = root().join(FIXTURES).join("demo.json");
        assert_eq!(fixture_path(demo.to_str().unwrap()).unwrap(), demo);
        assert!(fixture_path("no-such-fixture").is_err());
    }
}

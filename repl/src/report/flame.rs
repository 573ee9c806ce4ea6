//! Profiles people can look at: an SVG flame graph (`.svg`, drawn by inferno from folded
//! stacks) or a speedscope file (`.json`, the sampled-profile format speedscope.app opens).
//! Written by `%prof -o OUT STMT` and `adder run --profile=OUT FILE`.

use engine::session::report::ProfileReport;
use serde_json::json;
use std::io::{self, Write};
use std::path::Path;

/// Why `path` cannot name a profile file (checked before the profiled run, so a typo does
/// not cost the run).
pub fn check_path(path: &Path) -> Result<(), &'static str> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("svg" | "json") => Ok(()),
        _ => Err("the profile file must end in .svg (flame graph) or .json (speedscope)"),
    }
}

/// Writes `profile` to `path`, in the format its extension names.
pub fn write(profile: &ProfileReport, path: &Path) -> io::Result<()> {
    check_path(path).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let bytes = if path.extension().is_some_and(|e| e == "svg") {
        svg(profile)?
    } else {
        speedscope(profile).into_bytes()
    };
    let mut file = std::fs::File::create(path)?;
    file.write_all(&bytes)
}

/// `a;b;c 12` lines: one per distinct stack, outermost frame first.
pub fn folded(profile: &ProfileReport) -> Vec<String> {
    profile
        .stacks
        .iter()
        .map(|(frames, n)| {
            let names: Vec<String> = frames.iter().map(|f| f.replace(';', ":")).collect();
            format!("{} {n}", names.join(";"))
        })
        .collect()
}

/// The flame graph as SVG bytes.
pub fn svg(profile: &ProfileReport) -> io::Result<Vec<u8>> {
    let lines = folded(profile);
    let mut options = inferno::flamegraph::Options::default();
    options.title = "adder profile".to_owned();
    options.count_name = "samples".to_owned();
    options.subtitle = Some(format!(
        "{} samples, {:.3} s",
        profile.samples, profile.elapsed
    ));
    let mut out = Vec::new();
    if lines.is_empty() {
        // inferno refuses an empty profile; an empty graph says the same thing.
        options.title = "adder profile (no samples)".to_owned();
        inferno::flamegraph::from_lines(&mut options, ["<no samples> 1"], &mut out)
            .map_err(io::Error::other)?;
        return Ok(out);
    }
    inferno::flamegraph::from_lines(&mut options, lines.iter().map(String::as_str), &mut out)
        .map_err(io::Error::other)?;
    Ok(out)
}

/// The profile in speedscope's file format (one sampled profile, weights in seconds).
pub fn speedscope(profile: &ProfileReport) -> String {
    let mut frames: Vec<String> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let per_sample = if profile.samples > 0 {
        profile.elapsed / profile.samples as f64
    } else {
        0.0
    };
    let mut samples = Vec::new();
    let mut weights = Vec::new();
    for (stack, n) in &profile.stacks {
        let ids: Vec<usize> = stack
            .iter()
            .map(|name| {
                *index.entry(name.clone()).or_insert_with(|| {
                    frames.push(name.clone());
                    frames.len() - 1
                })
            })
            .collect();
        samples.push(ids);
        weights.push(*n as f64 * per_sample);
    }
    let frames: Vec<serde_json::Value> = frames
        .iter()
        .map(|name| {
            // "qualname (file:line)"
            let (func, place) = name
                .rsplit_once(" (")
                .map_or((name.as_str(), ""), |(f, p)| (f, p.trim_end_matches(')')));
            let (file, line) = place.rsplit_once(':').unwrap_or((place, "0"));
            json!({"name": func, "file": file, "line": line.parse::<u32>().unwrap_or(0)})
        })
        .collect();
    let doc = json!({
        "$schema": "https://www.speedscope.app/file-format-schema.json",
        "name": "adder profile",
        "exporter": concat!("adder ", env!("CARGO_PKG_VERSION")),
        "activeProfileIndex": 0,
        "shared": {"frames": frames},
        "profiles": [{
            "type": "sampled",
            "name": "adder profile",
            "unit": "seconds",
            "startValue": 0.0,
            "endValue": profile.elapsed,
            "samples": samples,
            "weights": weights,
        }],
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> ProfileReport {
        ProfileReport {
            samples: 4,
            elapsed: 0.002,
            stacks: vec![
                (
                    vec!["<module> (<stdin>:1)".into(), "f (<stdin>:1)".into()],
                    3,
                ),
                (vec!["<module> (<stdin>:1)".into()], 1),
            ],
            ..ProfileReport::default()
        }
    }

    #[test]
    fn folded_stacks_and_svg() {
        let r = report();
        assert_eq!(
            folded(&r),
            vec![
                "<module> (<stdin>:1);f (<stdin>:1) 3",
                "<module> (<stdin>:1) 1"
            ]
        );
        let svg = String::from_utf8(svg(&r).unwrap_or_default()).unwrap_or_default();
        assert!(svg.contains("<svg"), "{svg}");
        assert!(svg.contains("f (&lt;stdin&gt;:1)"));
    }

    #[test]
    fn speedscope_document() {
        let text = speedscope(&report());
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(v["profiles"][0]["type"], "sampled");
        assert_eq!(v["shared"]["frames"][1]["name"], "f");
        assert_eq!(v["shared"]["frames"][1]["file"], "<stdin>");
        assert_eq!(v["profiles"][0]["samples"][0], json!([0, 1]));
    }
}

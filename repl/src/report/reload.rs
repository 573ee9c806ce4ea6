//! The one line `%run` / `%reload` print when a file ran again: which functions kept their
//! warm code and which were replaced (`reloaded demo.py: 1 function replaced (g), 3 kept
//! warm (f, C.m, h)`). Classes are left out: a class body runs once per run, so there is
//! nothing warm to keep; their methods are listed like any function.

use engine::session::reload::{ReloadState, ReloadSummary};

/// How many names a part lists before it says how many more there are.
const SHOWN: usize = 6;

pub fn format_reload(summary: &ReloadSummary) -> String {
    let parts: Vec<String> = [
        (ReloadState::Replaced, "replaced"),
        (ReloadState::Kept, "kept warm"),
        (ReloadState::New, "new"),
        (ReloadState::Removed, "removed"),
    ]
    .iter()
    .filter_map(|&(state, verb)| {
        let names = summary.functions(state);
        (!names.is_empty()).then_some((names, verb))
    })
    .enumerate()
    .map(|(i, (names, verb))| {
        // The first part names what is counted: "1 function replaced (g), 3 kept warm (…)".
        let noun = match (i, names.len()) {
            (0, 1) => " function",
            (0, _) => " functions",
            _ => "",
        };
        format!("{}{noun} {verb} ({})", names.len(), list(&names))
    })
    .collect();
    if parts.is_empty() {
        return format!("reloaded {}: no functions\n", summary.filename);
    }
    format!("reloaded {}: {}\n", summary.filename, parts.join(", "))
}

fn list(names: &[&str]) -> String {
    let mut text = names
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        text.push_str(&format!(", … {} more", names.len() - SHOWN));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::db::definitions::DefKind;
    use engine::session::reload::ReloadItem;

    fn item(qualname: &str, kind: DefKind, state: ReloadState) -> ReloadItem {
        ReloadItem {
            qualname: qualname.into(),
            kind,
            line: 1,
            state,
        }
    }

    #[test]
    fn one_line_per_rerun() {
        use DefKind::{Class, Function};
        use ReloadState::*;
        let summary = ReloadSummary {
            filename: "demo.py".into(),
            items: vec![
                item("f", Function, Kept),
                item("g", Function, Replaced),
                item("C", Class, Kept),
                item("C.m", Function, Kept),
                item("h", Function, Kept),
                item("old", Function, Removed),
            ],
        };
        assert_eq!(
            format_reload(&summary),
            "reloaded demo.py: 1 function replaced (g), 3 kept warm (f, C.m, h), 1 removed (old)\n"
        );
        let many = ReloadSummary {
            filename: "m.py".into(),
            items: (0..8)
                .map(|i| item(&format!("f{i}"), Function, Kept))
                .collect(),
        };
        assert_eq!(
            format_reload(&many),
            "reloaded m.py: 8 functions kept warm (f0, f1, f2, f3, f4, f5, … 2 more)\n"
        );
        let none = ReloadSummary {
            filename: "c.py".into(),
            items: vec![item("C", Class, Replaced)],
        };
        assert_eq!(format_reload(&none), "reloaded c.py: no functions\n");
    }
}

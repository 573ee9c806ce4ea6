//! `%timeit` and `%time`, with IPython's conventions: the statement runs in a loop inside a
//! function (so it quickens as real code would), the loop count calibrates itself to the
//! first power of ten taking at least 0.2 s, seven runs are timed, and the result reads
//! `mean ± std. dev. per loop (mean ± std. dev. of 7 runs, N loops each)`.

use super::Session;
use crate::runtime::value::Value;
use crate::syntax::Mode;
use std::time::Instant;

/// What `%timeit` measured: `runs` wall times in seconds, each of `loops` executions.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TimeitResult {
    pub loops: u64,
    pub runs: Vec<f64>,
}

impl TimeitResult {
    fn per_loop(&self) -> impl Iterator<Item = f64> + '_ {
        self.runs.iter().map(|t| t / self.loops as f64)
    }

    pub fn average(&self) -> f64 {
        self.per_loop().sum::<f64>() / self.runs.len().max(1) as f64
    }

    /// The population standard deviation of the per-loop times (IPython's `stdev`).
    pub fn stdev(&self) -> f64 {
        let mean = self.average();
        let var = self
            .per_loop()
            .map(|t| (t - mean) * (t - mean))
            .sum::<f64>()
            / self.runs.len().max(1) as f64;
        var.sqrt()
    }
}

impl std::fmt::Display for TimeitResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let runs = self.runs.len();
        write!(
            f,
            "{} ± {} per loop (mean ± std. dev. of {runs} run{}, {} loop{} each)",
            format_time(self.average()),
            format_time(self.stdev()),
            if runs == 1 { "" } else { "s" },
            thousands(self.loops),
            if self.loops == 1 { "" } else { "s" },
        )
    }
}

/// `1,000,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// IPython's `_format_time` with precision 3: `1.23 ms`, `456 ns`, `2min 3s`.
pub fn format_time(seconds: f64) -> String {
    if seconds >= 60.0 {
        let mut parts = Vec::new();
        let mut left = seconds;
        for (suffix, length) in [("d", 86400.0), ("h", 3600.0), ("min", 60.0), ("s", 1.0)] {
            let value = (left / length).floor();
            if value > 0.0 {
                left %= length;
                parts.push(format!("{value}{suffix}"));
            }
            if left < 1.0 {
                break;
            }
        }
        return parts.join(" ");
    }
    let units = ["s", "ms", "µs", "ns"];
    let scaling = [1.0, 1e3, 1e6, 1e9];
    let order = if seconds > 0.0 {
        // Python's `-int(floor(log10(t)) // 3)`: floor division of a negative rounds down.
        let e = seconds.log10().floor();
        ((-(e / 3.0).floor()) as i64).clamp(0, 3) as usize
    } else {
        3
    };
    format!("{} {}", format_g(seconds * scaling[order], 3), units[order])
}

/// C's `%.*g`.
pub fn format_g(x: f64, precision: usize) -> String {
    if x == 0.0 {
        return "0".to_owned();
    }
    if !x.is_finite() {
        return format!("{x}");
    }
    let p = precision.max(1);
    let sci = format!("{:.*e}", p - 1, x);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let strip = |s: String| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            s
        }
    };
    if exp < -4 || exp >= p as i32 {
        let m = strip(mantissa.to_owned());
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{m}e{sign}{:02}", exp.abs())
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        strip(format!("{x:.decimals$}"))
    }
}

const TIMEIT_NAME: &str = "__adder_timeit__";

impl Session {
    /// `%timeit stmt`: calibrates the loop count, then times seven runs. A statement that
    /// raises (or Ctrl-C) ends it with the traceback's last line.
    pub fn timeit(&mut self, stmt: &str) -> Result<TimeitResult, String> {
        let mut body = String::new();
        for line in stmt.lines() {
            body.push_str("        ");
            body.push_str(line);
            body.push('\n');
        }
        let source = format!(
            "def {TIMEIT_NAME}(_adder_n, _adder_range=range):\n    for _adder_i in _adder_range(_adder_n):\n{body}        pass\n"
        );
        let code = self.compile(&source, "<timeit>", Mode::Module)?;
        let globals = self.globals.clone();
        let defined = self.with_profile(false, |vm| vm.run_module_code(code, globals.clone()));
        let key = self.vm.interner.intern(TIMEIT_NAME);
        let func = globals.get_str(&key);
        globals.remove_str(&key);
        if let Err(e) = defined {
            return Err(self.last_line(&e.exc));
        }
        let func = func.ok_or("the timing function was not defined")?;
        let time = |session: &mut Session, n: u64| -> Result<f64, String> {
            let started = Instant::now();
            let r = session.with_profile(false, |vm| vm.call(&func, &[Value::Int(n as i64)]));
            let elapsed = started.elapsed().as_secs_f64();
            r.map(|_| elapsed).map_err(|e| session.last_line(&e.exc))
        };
        let mut loops = 1;
        for index in 0..10 {
            loops = 10u64.pow(index);
            if time(self, loops)? >= 0.2 {
                break;
            }
        }
        let mut runs = Vec::with_capacity(7);
        for _ in 0..7 {
            runs.push(time(self, loops)?);
        }
        Ok(TimeitResult { loops, runs })
    }

    fn last_line(&mut self, exc: &Value) -> String {
        let report = self.vm.format_exception(exc);
        report.lines().last().unwrap_or("").to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_time_as_ipython() {
        assert_eq!(format_time(1.234e-3), "1.23 ms");
        assert_eq!(format_time(4.56e-7), "456 ns");
        assert_eq!(format_time(2.5e-5), "25 µs");
        assert_eq!(format_time(0.5), "500 ms");
        assert_eq!(format_time(1.5), "1.5 s");
        assert_eq!(format_time(0.0), "0 ns");
        assert_eq!(format_time(125.0), "2min 5s");
        assert_eq!(format_time(9.9996e-4), "1e+03 µs");
    }

    #[test]
    fn the_summary_line() {
        let r = TimeitResult {
            loops: 1,
            runs: vec![0.5; 7],
        };
        assert_eq!(
            r.to_string(),
            "500 ms ± 0 ns per loop (mean ± std. dev. of 7 runs, 1 loop each)"
        );
        let r = TimeitResult {
            loops: 1_000_000,
            runs: vec![1.0, 3.0],
        };
        assert_eq!(
            r.to_string(),
            "2 µs ± 1 µs per loop (mean ± std. dev. of 2 runs, 1,000,000 loops each)"
        );
    }

    #[test]
    fn timeit_runs_the_statement_in_a_loop() {
        let mut s = Session::new(Box::new(crate::vm::host::CaptureHost::default()));
        s.run_cell("xs = []", false);
        let r = s.timeit("xs.append(1)");
        let r = r.unwrap_or(TimeitResult {
            loops: 0,
            runs: vec![],
        });
        assert_eq!(r.runs.len(), 7);
        assert!(r.loops >= 1);
        assert!(s.eval("'__adder_timeit__' in globals()").is_ok());
        assert_eq!(
            s.timeit("1/0"),
            Err("ZeroDivisionError: division by zero".into())
        );
    }
}

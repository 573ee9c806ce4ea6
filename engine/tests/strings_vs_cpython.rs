//! `runtime::strings` against CPython: thousands of generated `str`/`bytes` method calls
//! (ASCII, Latin-1, Greek with sigma, German ß, Turkish İ, emoji, combining marks, a
//! whitespace zoo, random code points) are sent to ONE python3 process, which answers each
//! with its result; the Rust result must be identical, exceptions and messages included.
//!
//! Protocol, one case per line: `op\targ\targ...`, each argument typed by its first letter
//! (`s` UTF-8 hex, `b` bytes hex, `i` integer, `t`/`f` bool, `n` None). Answers use the same
//! encoding, `[a,b]` for lists and tuples, and `E<ExceptionType>:<message>` for errors.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use engine::runtime::strings::{
    self as strs, bytes, case, find, pad, predicates, replace, split, strip, PyStr, StrError,
};

const ORACLE: &str = r#"
import sys
def dec(a):
    t, v = a[0], a[1:]
    if t == 's': return bytes.fromhex(v).decode('utf-8')
    if t == 'b': return bytes.fromhex(v)
    if t == 'i': return int(v)
    if t == 't': return True
    if t == 'f': return False
    return None
def enc(r):
    if isinstance(r, bool): return 't' if r else 'f'
    if isinstance(r, int): return 'i%d' % r
    if isinstance(r, str): return 's' + r.encode('utf-8').hex()
    if isinstance(r, bytes): return 'b' + r.hex()
    return '[' + ','.join(enc(x) for x in r) + ']'
out = []
for line in sys.stdin:
    op, *args = line.rstrip('\n').split('\t')
    args = [dec(a) for a in args]
    x = args[0]
    try:
        if op == 'repr': r = repr(x)
        elif op == 'ascii': r = ascii(x)
        elif op == 'mul': r = x * args[1]
        elif op == 'contains': r = args[1] in x
        elif op == 'translate' and isinstance(x, str): r = x.translate(str.maketrans(*args[1:]))
        elif op == 'translate': r = x.translate(bytes.maketrans(args[1], args[2]), args[3])
        else: r = getattr(x, op)(*args[1:])
        out.append(enc(r))
    except Exception as e:
        out.append('E%s:%s' % (type(e).__name__, e))
sys.stdout.write('\n'.join(out) + '\n')
"#;

/// Pieces the generated strings are made of.
const ATOMS: &[&str] = &[
    "a",
    "b",
    "ab",
    "abc",
    "Hello",
    "wORLD",
    "x_1",
    "it's",
    "\"q\"",
    "'",
    "\\",
    "-",
    "+",
    "12",
    "0",
    ".",
    ",",
    "::",
    "é",
    "ÿ",
    "ß",
    "Straße",
    "\u{a0}",
    "\u{ad}",
    "ΣΑΣ",
    "ς",
    "σ",
    "Σ",
    "ΌΔΟΣ",
    "ὈΔΥΣΣΕΎΣ",
    "İ",
    "ı",
    "i\u{307}",
    "ǅ",
    "ǆ",
    "Ǳ",
    "ﬁ",
    "ŉ",
    "ΐ",
    "😀",
    "👍🏽",
    "\u{10ffff}",
    "\u{e0001}",
    "e\u{301}",
    "\u{308}",
    "\u{345}",
    "٣",
    "²",
    "½",
    "Ⅻ",
    "𝟘",
    " ",
    "  ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x1f",
    "\u{85}",
    "\u{1680}",
    "\u{2000}",
    "\u{2028}",
    "\u{2029}",
    "\u{3000}",
    "\u{200b}",
    "\u{feff}",
    "\x00",
    "\x7f",
    "\u{e000}",
    "\u{378}",
    "\u{fffe}",
    "A\u{301}Σ",
    "Σ.",
    "'Σ'",
    "a\tb",
    "€",
    "\u{2019}",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn atom(&mut self) -> &'static str {
        ATOMS[self.below(ATOMS.len())]
    }

    fn string(&mut self) -> String {
        let n = self.below(8);
        (0..n).map(|_| self.atom()).collect()
    }

    /// A string of random code points from the whole range; one in two is a single char,
    /// which checks the predicates char by char.
    fn wild(&mut self) -> String {
        let n = if self.chance(50) {
            1
        } else {
            1 + self.below(6)
        };
        (0..n)
            .filter_map(|_| {
                let cp = match self.below(3) {
                    0 => self.below(0x3000),
                    1 => self.below(0x20000),
                    _ => self.below(0x110000),
                };
                char::from_u32(cp as u32)
            })
            .collect()
    }

    /// A needle: usually a piece of `s`, sometimes an atom or empty.
    fn needle(&mut self, s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        match self.below(10) {
            0 => String::new(),
            1 | 2 => self.atom().to_string(),
            _ if chars.is_empty() => self.atom().to_string(),
            _ => {
                let a = self.below(chars.len());
                let len = 1 + self.below(3.min(chars.len() - a));
                chars[a..a + len].iter().collect()
            }
        }
    }
}

#[derive(Clone, Debug)]
enum Arg {
    S(String),
    B(Vec<u8>),
    I(i64),
    Bool(bool),
    None,
}

struct Case {
    op: &'static str,
    args: Vec<Arg>,
}

impl Case {
    fn line(&self) -> String {
        let mut line = self.op.to_string();
        for a in &self.args {
            line.push('\t');
            match a {
                Arg::S(s) => {
                    line.push('s');
                    line.push_str(&hex(s.as_bytes()));
                }
                Arg::B(b) => {
                    line.push('b');
                    line.push_str(&hex(b));
                }
                Arg::I(i) => write!(line, "i{i}").unwrap(),
                Arg::Bool(b) => line.push(if *b { 't' } else { 'f' }),
                Arg::None => line.push('n'),
            }
        }
        line
    }
}

fn hex(b: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(b.len() * 2);
    for &x in b {
        out.push(char::from(DIGITS[usize::from(x >> 4)]));
        out.push(char::from(DIGITS[usize::from(x & 15)]));
    }
    out
}

fn generate() -> Vec<Case> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut cases = Vec::new();
    for round in 0..420 {
        let s = if round % 5 == 4 {
            rng.wild()
        } else {
            rng.string()
        };
        str_cases(&mut rng, &s, &mut cases);
        if round % 2 == 0 {
            let b = if rng.chance(50) {
                s.as_bytes().to_vec()
            } else {
                s.chars().map(|c| c as u32 as u8).collect()
            };
            bytes_cases(&mut rng, &b, &mut cases);
        }
    }
    // Every assigned plane (surrogates aside) in blocks, and samples of the rest: repr
    // exercises the printable table, the case operations every mapping.
    let planes = (0..0x32400u32)
        .chain(0xE0000..0xE0200)
        .chain(0xF0000..0xF0080)
        .chain(0x10FF80..0x110000);
    for block in planes.step_by(128) {
        let s: String = (block..block + 128).filter_map(char::from_u32).collect();
        if s.is_empty() {
            continue;
        }
        for op in ["repr", "upper", "lower", "casefold", "title", "swapcase"] {
            cases.push(Case {
                op,
                args: vec![Arg::S(s.clone())],
            });
        }
    }
    cases
}

fn str_cases(rng: &mut Rng, s: &str, cases: &mut Vec<Case>) {
    let st = || Arg::S(s.to_string());
    for op in [
        "repr",
        "ascii",
        "upper",
        "lower",
        "casefold",
        "capitalize",
        "title",
        "swapcase",
        "isalpha",
        "isalnum",
        "isdecimal",
        "isdigit",
        "isnumeric",
        "isspace",
        "isprintable",
        "isidentifier",
        "islower",
        "isupper",
        "istitle",
        "isascii",
    ] {
        cases.push(Case {
            op,
            args: vec![st()],
        });
    }
    cases.push(Case {
        op: "splitlines",
        args: vec![st(), Arg::Bool(rng.chance(50))],
    });
    let len = s.chars().count() as i64;
    for op in ["split", "rsplit"] {
        let sep = if rng.chance(40) {
            Arg::None
        } else {
            Arg::S(rng.needle(s))
        };
        cases.push(Case {
            op,
            args: vec![st(), sep, Arg::I(rng.int(-1, 3))],
        });
    }
    for op in ["strip", "lstrip", "rstrip"] {
        let chars = if rng.chance(40) {
            Arg::None
        } else {
            Arg::S(rng.needle(s))
        };
        cases.push(Case {
            op,
            args: vec![st(), chars],
        });
    }
    for op in [
        "find",
        "rfind",
        "index",
        "rindex",
        "count",
        "startswith",
        "endswith",
    ] {
        let mut args = vec![st(), Arg::S(rng.needle(s))];
        if rng.chance(70) {
            args.push(Arg::I(rng.int(-len - 2, len + 2)));
            if rng.chance(70) {
                args.push(Arg::I(rng.int(-len - 2, len + 2)));
            }
        }
        cases.push(Case { op, args });
    }
    for op in [
        "partition",
        "rpartition",
        "removeprefix",
        "removesuffix",
        "contains",
    ] {
        cases.push(Case {
            op,
            args: vec![st(), Arg::S(rng.needle(s))],
        });
    }
    let new = if rng.chance(30) {
        String::new()
    } else {
        rng.atom().to_string()
    };
    cases.push(Case {
        op: "replace",
        args: vec![
            st(),
            Arg::S(rng.needle(s)),
            Arg::S(new),
            Arg::I(rng.int(-1, 3)),
        ],
    });
    for op in ["center", "ljust", "rjust"] {
        let fill = match rng.below(10) {
            0 => "ab".to_string(),
            1 => String::new(),
            2..=4 => rng.atom().chars().take(1).collect(),
            _ => "*".to_string(),
        };
        cases.push(Case {
            op,
            args: vec![st(), Arg::I(rng.int(-1, len + 7)), Arg::S(fill)],
        });
    }
    let signed = format!("{}{s}", ["", "-", "+"][rng.below(3)]);
    cases.push(Case {
        op: "zfill",
        args: vec![Arg::S(signed), Arg::I(rng.int(-1, len + 5))],
    });
    cases.push(Case {
        op: "expandtabs",
        args: vec![st(), Arg::I(rng.int(-1, 9))],
    });
    cases.push(Case {
        op: "mul",
        args: vec![st(), Arg::I(rng.int(-1, 3))],
    });
    let (x, y): (String, String) = (rng.needle(s), rng.string());
    let y: String = y
        .chars()
        .cycle()
        .take(x.chars().count() + usize::from(rng.chance(10)))
        .collect();
    cases.push(Case {
        op: "translate",
        args: vec![st(), Arg::S(x), Arg::S(y), Arg::S(rng.needle(s))],
    });
}

fn bytes_cases(rng: &mut Rng, b: &[u8], cases: &mut Vec<Case>) {
    let bt = || Arg::B(b.to_vec());
    let needle = |rng: &mut Rng| -> Vec<u8> {
        match rng.below(8) {
            0 => Vec::new(),
            1 => rng.atom().as_bytes().to_vec(),
            _ if b.is_empty() => b"a".to_vec(),
            _ => {
                let a = rng.below(b.len());
                b[a..a + 1 + rng.below(3.min(b.len() - a))].to_vec()
            }
        }
    };
    for op in [
        "repr",
        "upper",
        "lower",
        "capitalize",
        "title",
        "swapcase",
        "isalpha",
        "isalnum",
        "isdigit",
        "isspace",
        "islower",
        "isupper",
        "istitle",
        "isascii",
    ] {
        cases.push(Case {
            op,
            args: vec![bt()],
        });
    }
    cases.push(Case {
        op: "splitlines",
        args: vec![bt(), Arg::Bool(rng.chance(50))],
    });
    let len = b.len() as i64;
    for op in ["split", "rsplit"] {
        let sep = if rng.chance(40) {
            Arg::None
        } else {
            Arg::B(needle(rng))
        };
        cases.push(Case {
            op,
            args: vec![bt(), sep, Arg::I(rng.int(-1, 3))],
        });
    }
    for op in ["strip", "lstrip", "rstrip"] {
        let chars = if rng.chance(40) {
            Arg::None
        } else {
            Arg::B(needle(rng))
        };
        cases.push(Case {
            op,
            args: vec![bt(), chars],
        });
    }
    for op in [
        "find",
        "rfind",
        "index",
        "rindex",
        "count",
        "startswith",
        "endswith",
    ] {
        let mut args = vec![bt(), Arg::B(needle(rng))];
        if rng.chance(70) {
            args.push(Arg::I(rng.int(-len - 2, len + 2)));
            args.push(Arg::I(rng.int(-len - 2, len + 2)));
        }
        cases.push(Case { op, args });
    }
    for op in [
        "partition",
        "rpartition",
        "removeprefix",
        "removesuffix",
        "contains",
    ] {
        cases.push(Case {
            op,
            args: vec![bt(), Arg::B(needle(rng))],
        });
    }
    cases.push(Case {
        op: "replace",
        args: vec![
            bt(),
            Arg::B(needle(rng)),
            Arg::B(needle(rng)),
            Arg::I(rng.int(-1, 3)),
        ],
    });
    for op in ["center", "ljust", "rjust"] {
        cases.push(Case {
            op,
            args: vec![
                bt(),
                Arg::I(rng.int(-1, len + 7)),
                Arg::B(vec![b"*- \xe9"[rng.below(4)]]),
            ],
        });
    }
    cases.push(Case {
        op: "zfill",
        args: vec![bt(), Arg::I(rng.int(-1, len + 5))],
    });
    cases.push(Case {
        op: "expandtabs",
        args: vec![bt(), Arg::I(rng.int(-1, 9))],
    });
    cases.push(Case {
        op: "mul",
        args: vec![bt(), Arg::I(rng.int(-1, 3))],
    });
    let x = needle(rng);
    let y: Vec<u8> = (0..x.len() + usize::from(rng.chance(10)))
        .map(|_| rng.below(256) as u8)
        .collect();
    cases.push(Case {
        op: "translate",
        args: vec![bt(), Arg::B(x), Arg::B(y), Arg::B(needle(rng))],
    });
}

/// Python's slice-index adjustment (`ADJUST_INDICES`): negatives count from the end.
fn adjust(i: i64, len: usize) -> usize {
    if i < 0 {
        (i + len as i64).max(0) as usize
    } else {
        i as usize
    }
}

fn enc_s(s: &str) -> String {
    format!("s{}", hex(s.as_bytes()))
}

fn enc_b(b: &[u8]) -> String {
    format!("b{}", hex(b))
}

fn enc_bool(b: bool) -> String {
    (if b { "t" } else { "f" }).to_string()
}

fn enc_i(i: Option<usize>) -> String {
    format!("i{}", i.map_or(-1, |i| i as i64))
}

fn enc_list<T: ?Sized>(items: &[&T], f: fn(&T) -> String) -> String {
    format!(
        "[{}]",
        items.iter().map(|x| f(x)).collect::<Vec<_>>().join(",")
    )
}

fn enc_err(e: StrError) -> String {
    format!("E{:?}:{}", e.kind, e.message)
}

fn enc_res<T>(r: Result<T, StrError>, f: impl FnOnce(T) -> String) -> String {
    r.map_or_else(enc_err, f)
}

/// Runs one case through `runtime::strings`, doing the argument handling the VM will do.
fn run(case: &Case) -> String {
    match case.args.as_slice() {
        [Arg::S(s), rest @ ..] => run_str(case.op, s, rest),
        [Arg::B(b), rest @ ..] => run_bytes(case.op, b, rest),
        _ => panic!("bad case"),
    }
}

fn int(a: &Arg) -> i64 {
    match a {
        Arg::I(i) => *i,
        _ => panic!("expected int, got {a:?}"),
    }
}

fn opt_count(a: &Arg) -> Option<usize> {
    usize::try_from(int(a)).ok()
}

fn range(rest: &[Arg], len: usize) -> (usize, usize) {
    let start = rest.first().map_or(0, |a| adjust(int(a), len));
    let end = rest.get(1).map_or(usize::MAX, |a| adjust(int(a), len));
    (start, end)
}

fn run_str(op: &str, s: &str, rest: &[Arg]) -> String {
    let ps = PyStr::new(s);
    let arg_s = |i: usize| match &rest[i] {
        Arg::S(x) => Some(x.as_str()),
        Arg::None => None,
        a => panic!("expected str, got {a:?}"),
    };
    let unary_s: Option<fn(&str) -> String> = match op {
        "repr" => Some(strs::str_repr),
        "ascii" => Some(strs::ascii_repr),
        "upper" => Some(case::upper),
        "lower" => Some(case::lower),
        "casefold" => Some(case::casefold),
        "capitalize" => Some(case::capitalize),
        "title" => Some(case::title),
        "swapcase" => Some(case::swapcase),
        _ => None,
    };
    if let Some(f) = unary_s {
        return enc_s(&f(s));
    }
    let pred: Option<fn(&str) -> bool> = match op {
        "isalpha" => Some(predicates::isalpha),
        "isalnum" => Some(predicates::isalnum),
        "isdecimal" => Some(predicates::isdecimal),
        "isdigit" => Some(predicates::isdigit),
        "isnumeric" => Some(predicates::isnumeric),
        "isspace" => Some(predicates::isspace),
        "isprintable" => Some(predicates::isprintable),
        "isidentifier" => Some(predicates::isidentifier),
        "islower" => Some(predicates::islower),
        "isupper" => Some(predicates::isupper),
        "istitle" => Some(predicates::istitle),
        "isascii" => Some(predicates::isascii),
        _ => None,
    };
    if let Some(f) = pred {
        return enc_bool(f(s));
    }
    match op {
        "splitlines" => enc_list(
            &split::splitlines(s, matches!(rest[0], Arg::Bool(true))),
            enc_s,
        ),
        "split" | "rsplit" => {
            let f = if op == "split" {
                split::split
            } else {
                split::rsplit
            };
            enc_res(f(s, arg_s(0), opt_count(&rest[1])), |v| enc_list(&v, enc_s))
        }
        "strip" => enc_s(strip::strip(s, arg_s(0))),
        "lstrip" => enc_s(strip::lstrip(s, arg_s(0))),
        "rstrip" => enc_s(strip::rstrip(s, arg_s(0))),
        "find" | "rfind" | "index" | "rindex" | "count" | "startswith" | "endswith" => {
            let sub = arg_s(0).unwrap_or_default();
            let (start, end) = range(&rest[1..], ps.len());
            match op {
                "find" => enc_i(find::find(ps, sub, start, end)),
                "rfind" => enc_i(find::rfind(ps, sub, start, end)),
                "index" => enc_res(find::index(ps, sub, start, end), |i| enc_i(Some(i))),
                "rindex" => enc_res(find::rindex(ps, sub, start, end), |i| enc_i(Some(i))),
                "count" => enc_i(Some(find::count(ps, sub, start, end))),
                "startswith" => enc_bool(find::startswith(ps, sub, start, end)),
                _ => enc_bool(find::endswith(ps, sub, start, end)),
            }
        }
        "partition" | "rpartition" => {
            let f = if op == "partition" {
                split::partition
            } else {
                split::rpartition
            };
            enc_res(f(s, arg_s(0).unwrap_or_default()), |(a, b, c)| {
                enc_list(&[a, b, c], enc_s)
            })
        }
        "removeprefix" => enc_s(strip::removeprefix(s, arg_s(0).unwrap_or_default())),
        "removesuffix" => enc_s(strip::removesuffix(s, arg_s(0).unwrap_or_default())),
        "contains" => enc_bool(find::contains(s, arg_s(0).unwrap_or_default())),
        "replace" => {
            let r = replace::replace(
                s,
                arg_s(0).unwrap_or_default(),
                arg_s(1).unwrap_or_default(),
                opt_count(&rest[2]),
            );
            enc_res(r, |r| enc_s(&r))
        }
        "center" | "ljust" | "rjust" => {
            let align = match op {
                "center" => pad::Align::Center,
                "ljust" => pad::Align::Left,
                _ => pad::Align::Right,
            };
            let width = usize::try_from(int(&rest[0])).unwrap_or(0);
            let r = pad::fill_char(arg_s(1).unwrap_or_default())
                .and_then(|fill| pad::justify(ps, width, fill, align));
            enc_res(r, |r| enc_s(&r))
        }
        "zfill" => enc_res(
            pad::zfill(ps, usize::try_from(int(&rest[0])).unwrap_or(0)),
            |r| enc_s(&r),
        ),
        "expandtabs" => enc_res(pad::expandtabs(s, int(&rest[0]) as i32), |r| enc_s(&r)),
        "mul" => enc_res(
            replace::repeat(ps, usize::try_from(int(&rest[0])).unwrap_or(0)),
            |r| enc_s(&r),
        ),
        "translate" => {
            let pairs = replace::maketrans(
                arg_s(0).unwrap_or_default(),
                arg_s(1).unwrap_or_default(),
                arg_s(2).unwrap_or_default(),
            );
            enc_res(pairs, |pairs| {
                // A dict: later entries win.
                let map: std::collections::HashMap<char, Option<char>> =
                    pairs.into_iter().collect();
                let r = replace::translate(s, |c, out| {
                    match map.get(&c) {
                        Some(Some(to)) => out.push(*to),
                        Some(None) => {}
                        None => out.push(c),
                    }
                    Ok::<(), ()>(())
                });
                enc_s(&r.unwrap_or_default())
            })
        }
        _ => panic!("unknown str op {op}"),
    }
}

fn run_bytes(op: &str, b: &[u8], rest: &[Arg]) -> String {
    let arg_b = |i: usize| match &rest[i] {
        Arg::B(x) => Some(x.as_slice()),
        Arg::None => None,
        a => panic!("expected bytes, got {a:?}"),
    };
    type BytesMap = fn(&[u8]) -> Vec<u8>;
    let unary: Option<BytesMap> = match op {
        "upper" => Some(bytes::upper),
        "lower" => Some(bytes::lower),
        "capitalize" => Some(bytes::capitalize),
        "title" => Some(bytes::title),
        "swapcase" => Some(bytes::swapcase),
        _ => None,
    };
    if let Some(f) = unary {
        return enc_b(&f(b));
    }
    let pred: Option<fn(&[u8]) -> bool> = match op {
        "isalpha" => Some(bytes::isalpha),
        "isalnum" => Some(bytes::isalnum),
        "isdigit" => Some(bytes::isdigit),
        "isspace" => Some(bytes::isspace),
        "islower" => Some(bytes::islower),
        "isupper" => Some(bytes::isupper),
        "istitle" => Some(bytes::istitle),
        "isascii" => Some(bytes::isascii),
        _ => None,
    };
    if let Some(f) = pred {
        return enc_bool(f(b));
    }
    let bytes_res = |r: Result<Vec<u8>, StrError>| enc_res(r, |r| enc_b(&r));
    match op {
        "repr" => enc_s(&strs::bytes_repr(b)),
        "splitlines" => enc_list(
            &bytes::splitlines(b, matches!(rest[0], Arg::Bool(true))),
            enc_b,
        ),
        "split" | "rsplit" => {
            let f = if op == "split" {
                bytes::split
            } else {
                bytes::rsplit
            };
            enc_res(f(b, arg_b(0), opt_count(&rest[1])), |v| enc_list(&v, enc_b))
        }
        "strip" => enc_b(bytes::strip_side(b, arg_b(0), strip::Side::Both)),
        "lstrip" => enc_b(bytes::strip_side(b, arg_b(0), strip::Side::Left)),
        "rstrip" => enc_b(bytes::strip_side(b, arg_b(0), strip::Side::Right)),
        "find" | "rfind" | "index" | "rindex" | "count" | "startswith" | "endswith" => {
            let sub = arg_b(0).unwrap_or_default();
            let (start, end) = range(&rest[1..], b.len());
            match op {
                "find" => enc_i(bytes::find(b, sub, start, end)),
                "rfind" => enc_i(bytes::rfind(b, sub, start, end)),
                "index" => enc_res(bytes::index(b, sub, start, end), |i| enc_i(Some(i))),
                "rindex" => enc_res(bytes::rindex(b, sub, start, end), |i| enc_i(Some(i))),
                "count" => enc_i(Some(bytes::count(b, sub, start, end))),
                "startswith" => enc_bool(bytes::startswith(b, sub, start, end)),
                _ => enc_bool(bytes::endswith(b, sub, start, end)),
            }
        }
        "partition" | "rpartition" => {
            let f = if op == "partition" {
                bytes::partition
            } else {
                bytes::rpartition
            };
            enc_res(f(b, arg_b(0).unwrap_or_default()), |(x, y, z)| {
                enc_list(&[x, y, z], enc_b)
            })
        }
        "removeprefix" => enc_b(bytes::removeprefix(b, arg_b(0).unwrap_or_default())),
        "removesuffix" => enc_b(bytes::removesuffix(b, arg_b(0).unwrap_or_default())),
        "contains" => enc_bool(bytes::contains(b, arg_b(0).unwrap_or_default())),
        "replace" => bytes_res(bytes::replace(
            b,
            arg_b(0).unwrap_or_default(),
            arg_b(1).unwrap_or_default(),
            opt_count(&rest[2]),
        )),
        "center" | "ljust" | "rjust" => {
            let align = match op {
                "center" => pad::Align::Center,
                "ljust" => pad::Align::Left,
                _ => pad::Align::Right,
            };
            let width = usize::try_from(int(&rest[0])).unwrap_or(0);
            bytes_res(bytes::justify(
                b,
                width,
                arg_b(1).unwrap_or_default()[0],
                align,
            ))
        }
        "zfill" => bytes_res(bytes::zfill(b, usize::try_from(int(&rest[0])).unwrap_or(0))),
        "expandtabs" => bytes_res(bytes::expandtabs(b, int(&rest[0]) as i32)),
        "mul" => bytes_res(bytes::repeat(
            b,
            usize::try_from(int(&rest[0])).unwrap_or(0),
        )),
        "translate" => {
            let table =
                bytes::maketrans(arg_b(0).unwrap_or_default(), arg_b(1).unwrap_or_default());
            enc_res(table, |table| {
                bytes_res(bytes::translate(
                    b,
                    Some(&table),
                    arg_b(2).unwrap_or_default(),
                ))
            })
        }
        _ => panic!("unknown bytes op {op}"),
    }
}

/// An answer made readable: hex strings decoded.
fn show(answer: &str) -> String {
    let mut out = String::new();
    for (i, part) in answer.split(['[', ']', ',']).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let decoded = part.get(1..).filter(|h| h.len() % 2 == 0).and_then(|h| {
            (0..h.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&h[i..i + 2], 16).ok())
                .collect::<Option<Vec<u8>>>()
        });
        match (part.as_bytes().first(), decoded) {
            (Some(b's'), Some(b)) => write!(out, "{:?}", String::from_utf8_lossy(&b)).unwrap(),
            (Some(b'b'), Some(b)) => write!(out, "b{:?}", String::from_utf8_lossy(&b)).unwrap(),
            _ => out.push_str(part),
        }
    }
    out
}

/// Feeds every case to one python3 and returns its answers, one per case.
fn oracle(cases: &[Case]) -> Vec<String> {
    let mut child = Command::new("python3")
        .args(["-c", ORACLE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 (CPython 3.11) is the oracle for this test and must be on PATH");
    let input: String = cases.iter().map(|c| c.line() + "\n").collect();
    let mut stdin = child.stdin.take().expect("stdin");
    // Write from a thread: python answers as it reads, and a full pipe would deadlock us.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out: Vec<String> = BufReader::new(child.stdout.take().expect("stdout"))
        .lines()
        .map(|l| l.expect("python3 output"))
        .collect();
    writer
        .join()
        .expect("writer thread")
        .expect("write to python3");
    assert!(
        child.wait().expect("python3").success(),
        "python3 oracle failed"
    );
    out
}

#[test]
fn strings_match_cpython() {
    let version = Command::new("python3")
        .args(["-c", "import sys; print(sys.version_info[:2])"])
        .output();
    let version = version.expect("python3 must be on PATH");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout).trim(),
        "(3, 11)",
        "the oracle must be CPython 3.11"
    );

    let cases = generate();
    let expected = oracle(&cases);
    assert_eq!(expected.len(), cases.len(), "python3 answered every case");
    let mut failures = Vec::new();
    for (case, want) in cases.iter().zip(&expected) {
        let got = run(case);
        if &got != want {
            failures.push(format!(
                "{} {:?}\n   python: {}\n   adder:  {}",
                case.op,
                case.args,
                show(want),
                show(&got)
            ));
        }
    }
    let total = cases.len();
    let shown: Vec<&String> = failures.iter().take(30).collect();
    assert!(
        failures.is_empty(),
        "{} of {total} cases differ from CPython:\n{}",
        failures.len(),
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    eprintln!("{total} str/bytes cases agree with CPython");
}

//! Disassembly snapshots: one case per construct, each the exact `dis` output expected for a
//! small program. Every expectation was produced by CPython 3.11 (`dis.get_instructions`,
//! normalized to Adder's format: instruction indexes as offsets, absolute jump
//! targets, no `PRECALL`/`CACHE`/`EXTENDED_ARG`, `JUMP_FORWARD`/`JUMP_BACKWARD_NO_INTERRUPT`
//! as `JUMP`, `POP_JUMP_FORWARD_IF_*`/`POP_JUMP_BACKWARD_IF_*` as `POP_JUMP_IF_*`, no code
//! object addresses, no line shown for line 0), so each case pins CPython's code generation.

use engine::bytecode::dis::disassemble;
use engine::compile::compile_source;
use engine::compile::validate::validate;
use engine::syntax::Mode;

fn check(name: &str, source: &str, expected: &str) {
    check_mode(name, source, Mode::Module, expected);
}

fn check_mode(name: &str, source: &str, mode: Mode, expected: &str) {
    let code = match compile_source(source, "x.py", mode) {
        Ok(code) => code,
        Err(e) => panic!("{name}: {e}"),
    };
    let problems = validate(&code, source.len());
    assert!(problems.is_empty(), "{name}: {problems:?}");
    let got = disassemble(&code, Some(source));
    if got.trim_end() != expected.trim_end() {
        panic!("{name}: disassembly differs\n--- expected\n{expected}\n--- got\n{got}");
    }
}

#[test]
fn annassign() {
    check(
        "annassign",
        r#"x: int = 1
y: str
o.a: int
"#,
        r#"
              0 RESUME                   0

  1           1 SETUP_ANNOTATIONS
              2 LOAD_CONST               0 (1)
              3 STORE_NAME               0 (x)
              4 LOAD_NAME                1 (int)
              5 LOAD_NAME                2 (__annotations__)
              6 LOAD_CONST               1 ('x')
              7 STORE_SUBSCR

  2           8 LOAD_NAME                3 (str)
              9 LOAD_NAME                2 (__annotations__)
             10 LOAD_CONST               2 ('y')
             11 STORE_SUBSCR

  3          12 LOAD_NAME                4 (o)
             13 POP_TOP
             14 LOAD_NAME                1 (int)
             15 POP_TOP
             16 LOAD_CONST               3 (None)
             17 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn assert() {
    check(
        "assert",
        r#"assert x, 'msg'
assert y
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (x)
              2 POP_JUMP_IF_TRUE         7 (to 7)
              3 LOAD_ASSERTION_ERROR
              4 LOAD_CONST               0 ('msg')
              5 CALL                     0
              6 RAISE_VARARGS            1

  2     >>    7 LOAD_NAME                1 (y)
              8 POP_JUMP_IF_TRUE        11 (to 11)
              9 LOAD_ASSERTION_ERROR
             10 RAISE_VARARGS            1
        >>   11 LOAD_CONST               1 (None)
             12 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn assign() {
    check(
        "assign",
        r#"x = 1
y = x
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (1)
              2 STORE_NAME               0 (x)

  2           3 LOAD_NAME                0 (x)
              4 STORE_NAME               1 (y)
              5 LOAD_CONST               1 (None)
              6 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn async_comp() {
    check(
        "async_comp",
        r#"async def f():
    return [x async for x in a]
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object f, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 STORE_NAME               0 (f)
              4 LOAD_CONST               1 (None)
              5 RETURN_VALUE

Disassembly of <code object f, file "x.py", line 1>:
  1           0 RETURN_GENERATOR
              1 POP_TOP
              2 RESUME                   0

  2           3 LOAD_CONST               1 (<code object <listcomp>, file "x.py", line 2>)
              4 MAKE_FUNCTION            0
              5 LOAD_GLOBAL              0 (a)
              6 GET_AITER
              7 CALL                     0
              8 GET_AWAITABLE            0
              9 LOAD_CONST               0 (None)
        >>   10 SEND                    14 (to 14)
             11 YIELD_VALUE
             12 RESUME                   3
             13 JUMP                    10 (to 10)
        >>   14 RETURN_VALUE

Disassembly of <code object <listcomp>, file "x.py", line 2>:
  2           0 RETURN_GENERATOR
              1 POP_TOP
              2 RESUME                   0
              3 BUILD_LIST               0
              4 LOAD_FAST                0 (.0)
        >>    5 GET_ANEXT
              6 LOAD_CONST               0 (None)
        >>    7 SEND                    11 (to 11)
              8 YIELD_VALUE
              9 RESUME                   3
             10 JUMP                     7 (to 7)
        >>   11 STORE_FAST               1 (x)
             12 LOAD_FAST                1 (x)
             13 LIST_APPEND              2
             14 JUMP_BACKWARD            5 (to 5)
        >>   15 END_ASYNC_FOR
             16 RETURN_VALUE
ExceptionTable:
  5 to 10 -> 15 [2]
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn async_def() {
    check(
        "async_def",
        r#"async def f():
    await g()
    async with a as b:
        pass
    async for i in c:
        pass
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object f, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 STORE_NAME               0 (f)
              4 LOAD_CONST               1 (None)
              5 RETURN_VALUE

Disassembly of <code object f, file "x.py", line 1>:
  1           0 RETURN_GENERATOR
              1 POP_TOP
              2 RESUME                   0

  2           3 LOAD_GLOBAL              1 (NULL + g)
              4 CALL                     0
              5 GET_AWAITABLE            0
              6 LOAD_CONST               0 (None)
        >>    7 SEND                    11 (to 11)
              8 YIELD_VALUE
              9 RESUME                   3
             10 JUMP                     7 (to 7)
        >>   11 POP_TOP

  3          12 LOAD_GLOBAL              2 (a)
             13 BEFORE_ASYNC_WITH
             14 GET_AWAITABLE            1
             15 LOAD_CONST               0 (None)
        >>   16 SEND                    20 (to 20)
             17 YIELD_VALUE
             18 RESUME                   3
             19 JUMP                    16 (to 16)
        >>   20 STORE_FAST               0 (b)

  4          21 NOP

  3          22 LOAD_CONST               0 (None)
             23 LOAD_CONST               0 (None)
             24 LOAD_CONST               0 (None)
             25 CALL                     2
             26 GET_AWAITABLE            2
             27 LOAD_CONST               0 (None)
        >>   28 SEND                    32 (to 32)
             29 YIELD_VALUE
             30 RESUME                   3
             31 JUMP                    28 (to 28)
        >>   32 POP_TOP
             33 JUMP                    51 (to 51)
        >>   34 PUSH_EXC_INFO
             35 WITH_EXCEPT_START
             36 GET_AWAITABLE            2
             37 LOAD_CONST               0 (None)
        >>   38 SEND                    42 (to 42)
             39 YIELD_VALUE
             40 RESUME                   3
             41 JUMP                    38 (to 38)
        >>   42 POP_JUMP_IF_TRUE        47 (to 47)
             43 RERAISE                  2
        >>   44 COPY                     3
             45 POP_EXCEPT
             46 RERAISE                  1
        >>   47 POP_TOP
             48 POP_EXCEPT
             49 POP_TOP
             50 POP_TOP

  5     >>   51 LOAD_GLOBAL              4 (c)
             52 GET_AITER
        >>   53 GET_ANEXT
             54 LOAD_CONST               0 (None)
        >>   55 SEND                    59 (to 59)
             56 YIELD_VALUE
             57 RESUME                   3
             58 JUMP                    55 (to 55)
        >>   59 STORE_FAST               1 (i)

  6          60 JUMP_BACKWARD           53 (to 53)

  5     >>   61 END_ASYNC_FOR
             62 LOAD_CONST               0 (None)
             63 RETURN_VALUE
ExceptionTable:
  20 to 20 -> 34 [1] lasti
  34 to 43 -> 44 [3] lasti
  47 to 47 -> 44 [3] lasti
  53 to 58 -> 61 [1]
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn attr_chain() {
    check(
        "attr_chain",
        r#"x = a.b.c
a.b = 1
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (a)
              2 LOAD_ATTR                1 (b)
              3 LOAD_ATTR                2 (c)
              4 STORE_NAME               3 (x)

  2           5 LOAD_CONST               0 (1)
              6 LOAD_NAME                0 (a)
              7 STORE_ATTR               1 (b)
              8 LOAD_CONST               1 (None)
              9 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn augassign() {
    check(
        "augassign",
        r#"x += 1
o.a *= 2
d[k] -= 3
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (x)
              2 LOAD_CONST               0 (1)
              3 BINARY_OP               13 (+=)
              4 STORE_NAME               0 (x)

  2           5 LOAD_NAME                1 (o)
              6 COPY                     1
              7 LOAD_ATTR                2 (a)
              8 LOAD_CONST               1 (2)
              9 BINARY_OP               18 (*=)
             10 SWAP                     2
             11 STORE_ATTR               2 (a)

  3          12 LOAD_NAME                3 (d)
             13 LOAD_NAME                4 (k)
             14 COPY                     2
             15 COPY                     2
             16 BINARY_SUBSCR
             17 LOAD_CONST               2 (3)
             18 BINARY_OP               23 (-=)
             19 SWAP                     3
             20 SWAP                     2
             21 STORE_SUBSCR
             22 LOAD_CONST               3 (None)
             23 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn big_call() {
    check(
        "big_call",
        r#"f(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15, a16, a17, a18, a19, a20, a21, a22, a23, a24, a25, a26, a27, a28, a29, a30, a31, a32, a33, a34)
"#,
        r#"
              0 RESUME                   0

  1           1 PUSH_NULL
              2 LOAD_NAME                0 (f)
              3 BUILD_LIST               0
              4 LOAD_NAME                1 (a0)
              5 LIST_APPEND              1
              6 LOAD_NAME                2 (a1)
              7 LIST_APPEND              1
              8 LOAD_NAME                3 (a2)
              9 LIST_APPEND              1
             10 LOAD_NAME                4 (a3)
             11 LIST_APPEND              1
             12 LOAD_NAME                5 (a4)
             13 LIST_APPEND              1
             14 LOAD_NAME                6 (a5)
             15 LIST_APPEND              1
             16 LOAD_NAME                7 (a6)
             17 LIST_APPEND              1
             18 LOAD_NAME                8 (a7)
             19 LIST_APPEND              1
             20 LOAD_NAME                9 (a8)
             21 LIST_APPEND              1
             22 LOAD_NAME               10 (a9)
             23 LIST_APPEND              1
             24 LOAD_NAME               11 (a10)
             25 LIST_APPEND              1
             26 LOAD_NAME               12 (a11)
             27 LIST_APPEND              1
             28 LOAD_NAME               13 (a12)
             29 LIST_APPEND              1
             30 LOAD_NAME               14 (a13)
             31 LIST_APPEND              1
             32 LOAD_NAME               15 (a14)
             33 LIST_APPEND              1
             34 LOAD_NAME               16 (a15)
             35 LIST_APPEND              1
             36 LOAD_NAME               17 (a16)
             37 LIST_APPEND              1
             38 LOAD_NAME               18 (a17)
             39 LIST_APPEND              1
             40 LOAD_NAME               19 (a18)
             41 LIST_APPEND              1
             42 LOAD_NAME               20 (a19)
             43 LIST_APPEND              1
             44 LOAD_NAME               21 (a20)
             45 LIST_APPEND              1
             46 LOAD_NAME               22 (a21)
             47 LIST_APPEND              1
             48 LOAD_NAME               23 (a22)
             49 LIST_APPEND              1
             50 LOAD_NAME               24 (a23)
             51 LIST_APPEND              1
             52 LOAD_NAME               25 (a24)
             53 LIST_APPEND              1
             54 LOAD_NAME               26 (a25)
             55 LIST_APPEND              1
             56 LOAD_NAME               27 (a26)
             57 LIST_APPEND              1
             58 LOAD_NAME               28 (a27)
             59 LIST_APPEND              1
             60 LOAD_NAME               29 (a28)
             61 LIST_APPEND              1
             62 LOAD_NAME               30 (a29)
             63 LIST_APPEND              1
             64 LOAD_NAME               31 (a30)
             65 LIST_APPEND              1
             66 LOAD_NAME               32 (a31)
             67 LIST_APPEND              1
             68 LOAD_NAME               33 (a32)
             69 LIST_APPEND              1
             70 LOAD_NAME               34 (a33)
             71 LIST_APPEND              1
             72 LOAD_NAME               35 (a34)
             73 LIST_APPEND              1
             74 LIST_TO_TUPLE
             75 CALL_FUNCTION_EX         0
             76 POP_TOP
             77 LOAD_CONST               0 (None)
             78 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn big_dict() {
    check(
        "big_dict",
        r#"d = {'k0': v0, 'k1': v1, 'k2': v2, 'k3': v3, 'k4': v4, 'k5': v5, 'k6': v6, 'k7': v7, 'k8': v8, 'k9': v9, 'k10': v10, 'k11': v11, 'k12': v12, 'k13': v13, 'k14': v14, 'k15': v15, 'k16': v16, 'k17': v17, 'k18': v18, 'k19': v19}
"#,
        r#"
              0 RESUME                   0

  1           1 BUILD_MAP                0
              2 LOAD_CONST               0 ('k0')
              3 LOAD_NAME                0 (v0)
              4 MAP_ADD                  1
              5 LOAD_CONST               1 ('k1')
              6 LOAD_NAME                1 (v1)
              7 MAP_ADD                  1
              8 LOAD_CONST               2 ('k2')
              9 LOAD_NAME                2 (v2)
             10 MAP_ADD                  1
             11 LOAD_CONST               3 ('k3')
             12 LOAD_NAME                3 (v3)
             13 MAP_ADD                  1
             14 LOAD_CONST               4 ('k4')
             15 LOAD_NAME                4 (v4)
             16 MAP_ADD                  1
             17 LOAD_CONST               5 ('k5')
             18 LOAD_NAME                5 (v5)
             19 MAP_ADD                  1
             20 LOAD_CONST               6 ('k6')
             21 LOAD_NAME                6 (v6)
             22 MAP_ADD                  1
             23 LOAD_CONST               7 ('k7')
             24 LOAD_NAME                7 (v7)
             25 MAP_ADD                  1
             26 LOAD_CONST               8 ('k8')
             27 LOAD_NAME                8 (v8)
             28 MAP_ADD                  1
             29 LOAD_CONST               9 ('k9')
             30 LOAD_NAME                9 (v9)
             31 MAP_ADD                  1
             32 LOAD_CONST              10 ('k10')
             33 LOAD_NAME               10 (v10)
             34 MAP_ADD                  1
             35 LOAD_CONST              11 ('k11')
             36 LOAD_NAME               11 (v11)
             37 MAP_ADD                  1
             38 LOAD_CONST              12 ('k12')
             39 LOAD_NAME               12 (v12)
             40 MAP_ADD                  1
             41 LOAD_CONST              13 ('k13')
             42 LOAD_NAME               13 (v13)
             43 MAP_ADD                  1
             44 LOAD_CONST              14 ('k14')
             45 LOAD_NAME               14 (v14)
             46 MAP_ADD                  1
             47 LOAD_CONST              15 ('k15')
             48 LOAD_NAME               15 (v15)
             49 MAP_ADD                  1
             50 LOAD_CONST              16 ('k16')
             51 LOAD_NAME               16 (v16)
             52 MAP_ADD                  1
             53 LOAD_NAME               17 (v17)
             54 LOAD_NAME               18 (v18)
             55 LOAD_NAME               19 (v19)
             56 LOAD_CONST              17 (('k17', 'k18', 'k19'))
             57 BUILD_CONST_KEY_MAP      3
             58 DICT_UPDATE              1
             59 STORE_NAME              20 (d)
             60 LOAD_CONST              18 (None)
             61 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn binop_fold() {
    check(
        "binop_fold",
        r#"x = 2 ** 10 + 3 * 4 - (1 << 3)
y = -5
z = 'ab' * 3
w = (1, 2) + (3,)
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (1028)
              2 STORE_NAME               0 (x)

  2           3 LOAD_CONST               1 (-5)
              4 STORE_NAME               1 (y)

  3           5 LOAD_CONST               2 ('ababab')
              6 STORE_NAME               2 (z)

  4           7 LOAD_CONST               3 ((1, 2, 3))
              8 STORE_NAME               3 (w)
              9 LOAD_CONST               4 (None)
             10 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn boolop() {
    check(
        "boolop",
        r#"x = a and b or c
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (a)
              2 POP_JUMP_IF_FALSE        5 (to 5)
              3 LOAD_NAME                1 (b)
              4 JUMP_IF_TRUE_OR_POP      6 (to 6)
        >>    5 LOAD_NAME                2 (c)
        >>    6 STORE_NAME               3 (x)
              7 LOAD_CONST               0 (None)
              8 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn call_kw() {
    check(
        "call_kw",
        r#"f(a, b=1, c=2)
"#,
        r#"
              0 RESUME                   0

  1           1 PUSH_NULL
              2 LOAD_NAME                0 (f)
              3 LOAD_NAME                1 (a)
              4 LOAD_CONST               0 (1)
              5 LOAD_CONST               1 (2)
              6 KW_NAMES                 2
              7 CALL                     3
              8 POP_TOP
              9 LOAD_CONST               3 (None)
             10 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn call_mixed_star() {
    check(
        "call_mixed_star",
        r#"f(a, *b, c, d=1, **e)
"#,
        r#"
              0 RESUME                   0

  1           1 PUSH_NULL
              2 LOAD_NAME                0 (f)
              3 LOAD_NAME                1 (a)
              4 BUILD_LIST               1
              5 LOAD_NAME                2 (b)
              6 LIST_EXTEND              1
              7 LOAD_NAME                3 (c)
              8 LIST_APPEND              1
              9 LIST_TO_TUPLE
             10 LOAD_CONST               0 ('d')
             11 LOAD_CONST               1 (1)
             12 BUILD_MAP                1
             13 LOAD_NAME                4 (e)
             14 DICT_MERGE               1
             15 CALL_FUNCTION_EX         1
             16 POP_TOP
             17 LOAD_CONST               2 (None)
             18 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn call_simple() {
    check(
        "call_simple",
        r#"f(1, 2)
"#,
        r#"
              0 RESUME                   0

  1           1 PUSH_NULL
              2 LOAD_NAME                0 (f)
              3 LOAD_CONST               0 (1)
              4 LOAD_CONST               1 (2)
              5 CALL                     2
              6 POP_TOP
              7 LOAD_CONST               2 (None)
              8 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn call_star() {
    check(
        "call_star",
        r#"f(*args, **kwargs)
"#,
        r#"
              0 RESUME                   0

  1           1 PUSH_NULL
              2 LOAD_NAME                0 (f)
              3 LOAD_NAME                1 (args)
              4 BUILD_MAP                0
              5 LOAD_NAME                2 (kwargs)
              6 DICT_MERGE               1
              7 CALL_FUNCTION_EX         1
              8 POP_TOP
              9 LOAD_CONST               0 (None)
             10 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn chained_conditions() {
    check(
        "chained_conditions",
        r#"if a < b < c:
    f()
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (a)
              2 LOAD_NAME                1 (b)
              3 SWAP                     2
              4 COPY                     2
              5 COMPARE_OP               0 (<)
              6 POP_JUMP_IF_FALSE       11 (to 11)
              7 LOAD_NAME                2 (c)
              8 COMPARE_OP               0 (<)
              9 POP_JUMP_IF_FALSE       20 (to 20)
             10 JUMP                    14 (to 14)
        >>   11 POP_TOP
             12 LOAD_CONST               0 (None)
             13 RETURN_VALUE

  2     >>   14 PUSH_NULL
             15 LOAD_NAME                3 (f)
             16 CALL                     0
             17 POP_TOP
             18 LOAD_CONST               0 (None)
             19 RETURN_VALUE

  1     >>   20 LOAD_CONST               0 (None)
             21 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn class_basic() {
    check(
        "class_basic",
        r#"class C(B, metaclass=M):
    'doc'
    x = 1
    def m(self):
        return self.x
"#,
        r#"
              0 RESUME                   0

  1           1 PUSH_NULL
              2 LOAD_BUILD_CLASS
              3 LOAD_CONST               0 (<code object C, file "x.py", line 1>)
              4 MAKE_FUNCTION            0
              5 LOAD_CONST               1 ('C')
              6 LOAD_NAME                0 (B)
              7 LOAD_NAME                1 (M)
              8 KW_NAMES                 2
              9 CALL                     4
             10 STORE_NAME               2 (C)
             11 LOAD_CONST               3 (None)
             12 RETURN_VALUE

Disassembly of <code object C, file "x.py", line 1>:
  1           0 RESUME                   0
              1 LOAD_NAME                0 (__name__)
              2 STORE_NAME               1 (__module__)
              3 LOAD_CONST               0 ('C')
              4 STORE_NAME               2 (__qualname__)

  2           5 LOAD_CONST               1 ('doc')
              6 STORE_NAME               3 (__doc__)

  3           7 LOAD_CONST               2 (1)
              8 STORE_NAME               4 (x)

  4           9 LOAD_CONST               3 (<code object m, file "x.py", line 4>)
             10 MAKE_FUNCTION            0
             11 STORE_NAME               5 (m)
             12 LOAD_CONST               4 (None)
             13 RETURN_VALUE

Disassembly of <code object m, file "x.py", line 4>:
  4           0 RESUME                   0

  5           1 LOAD_FAST                0 (self)
              2 LOAD_ATTR                0 (x)
              3 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn class_classderef() {
    check(
        "class_classderef",
        r#"def f():
    y = 1
    class C:
        z = y
    return C
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object f, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 STORE_NAME               0 (f)
              4 LOAD_CONST               1 (None)
              5 RETURN_VALUE

Disassembly of <code object f, file "x.py", line 1>:
              0 MAKE_CELL                1 (y)

  1           1 RESUME                   0

  2           2 LOAD_CONST               1 (1)
              3 STORE_DEREF              1 (y)

  3           4 PUSH_NULL
              5 LOAD_BUILD_CLASS
              6 LOAD_CLOSURE             1 (y)
              7 BUILD_TUPLE              1
              8 LOAD_CONST               2 (<code object C, file "x.py", line 3>)
              9 MAKE_FUNCTION            8 (closure)
             10 LOAD_CONST               3 ('C')
             11 CALL                     2
             12 STORE_FAST               0 (C)

  5          13 LOAD_FAST                0 (C)
             14 RETURN_VALUE

Disassembly of <code object C, file "x.py", line 3>:
              0 COPY_FREE_VARS           1

  3           1 RESUME                   0
              2 LOAD_NAME                0 (__name__)
              3 STORE_NAME               1 (__module__)
              4 LOAD_CONST               0 ('f.<locals>.C')
              5 STORE_NAME               2 (__qualname__)

  4           6 LOAD_CLASSDEREF          0 (y)
              7 STORE_NAME               3 (z)
              8 LOAD_CONST               1 (None)
              9 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn class_private() {
    check(
        "class_private",
        r#"class C:
    __x = 1
    def m(self):
        return self.__x
"#,
        r#"
              0 RESUME                   0

  1           1 PUSH_NULL
              2 LOAD_BUILD_CLASS
              3 LOAD_CONST               0 (<code object C, file "x.py", line 1>)
              4 MAKE_FUNCTION            0
              5 LOAD_CONST               1 ('C')
              6 CALL                     2
              7 STORE_NAME               0 (C)
              8 LOAD_CONST               2 (None)
              9 RETURN_VALUE

Disassembly of <code object C, file "x.py", line 1>:
  1           0 RESUME                   0
              1 LOAD_NAME                0 (__name__)
              2 STORE_NAME               1 (__module__)
              3 LOAD_CONST               0 ('C')
              4 STORE_NAME               2 (__qualname__)

  2           5 LOAD_CONST               1 (1)
              6 STORE_NAME               3 (_C__x)

  3           7 LOAD_CONST               2 (<code object m, file "x.py", line 3>)
              8 MAKE_FUNCTION            0
              9 STORE_NAME               4 (m)
             10 LOAD_CONST               3 (None)
             11 RETURN_VALUE

Disassembly of <code object m, file "x.py", line 3>:
  3           0 RESUME                   0

  4           1 LOAD_FAST                0 (self)
              2 LOAD_ATTR                0 (_C__x)
              3 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn class_super() {
    check(
        "class_super",
        r#"class C:
    def m(self):
        return super().m()
"#,
        r#"
              0 RESUME                   0

  1           1 PUSH_NULL
              2 LOAD_BUILD_CLASS
              3 LOAD_CONST               0 (<code object C, file "x.py", line 1>)
              4 MAKE_FUNCTION            0
              5 LOAD_CONST               1 ('C')
              6 CALL                     2
              7 STORE_NAME               0 (C)
              8 LOAD_CONST               2 (None)
              9 RETURN_VALUE

Disassembly of <code object C, file "x.py", line 1>:
              0 MAKE_CELL                0 (__class__)

  1           1 RESUME                   0
              2 LOAD_NAME                0 (__name__)
              3 STORE_NAME               1 (__module__)
              4 LOAD_CONST               0 ('C')
              5 STORE_NAME               2 (__qualname__)

  2           6 LOAD_CLOSURE             0 (__class__)
              7 BUILD_TUPLE              1
              8 LOAD_CONST               1 (<code object m, file "x.py", line 2>)
              9 MAKE_FUNCTION            8 (closure)
             10 STORE_NAME               3 (m)
             11 LOAD_CLOSURE             0 (__class__)
             12 COPY                     1
             13 STORE_NAME               4 (__classcell__)
             14 RETURN_VALUE

Disassembly of <code object m, file "x.py", line 2>:
              0 COPY_FREE_VARS           1

  2           1 RESUME                   0

  3           2 LOAD_GLOBAL              1 (NULL + super)
              3 CALL                     0
              4 LOAD_METHOD              1 (m)
              5 CALL                     0
              6 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn closure() {
    check(
        "closure",
        r#"def outer():
    x = 1
    def inner():
        nonlocal x
        x += 1
        return x
    return inner
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object outer, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 STORE_NAME               0 (outer)
              4 LOAD_CONST               1 (None)
              5 RETURN_VALUE

Disassembly of <code object outer, file "x.py", line 1>:
              0 MAKE_CELL                1 (x)

  1           1 RESUME                   0

  2           2 LOAD_CONST               1 (1)
              3 STORE_DEREF              1 (x)

  3           4 LOAD_CLOSURE             1 (x)
              5 BUILD_TUPLE              1
              6 LOAD_CONST               2 (<code object inner, file "x.py", line 3>)
              7 MAKE_FUNCTION            8 (closure)
              8 STORE_FAST               0 (inner)

  7           9 LOAD_FAST                0 (inner)
             10 RETURN_VALUE

Disassembly of <code object inner, file "x.py", line 3>:
              0 COPY_FREE_VARS           1

  3           1 RESUME                   0

  5           2 LOAD_DEREF               0 (x)
              3 LOAD_CONST               1 (1)
              4 BINARY_OP               13 (+=)
              5 STORE_DEREF              0 (x)

  6           6 LOAD_DEREF               0 (x)
              7 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn compare_chain() {
    check(
        "compare_chain",
        r#"x = a < b < c
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (a)
              2 LOAD_NAME                1 (b)
              3 SWAP                     2
              4 COPY                     2
              5 COMPARE_OP               0 (<)
              6 JUMP_IF_FALSE_OR_POP    10 (to 10)
              7 LOAD_NAME                2 (c)
              8 COMPARE_OP               0 (<)
              9 JUMP                    12 (to 12)
        >>   10 SWAP                     2
             11 POP_TOP
        >>   12 STORE_NAME               3 (x)
             13 LOAD_CONST               0 (None)
             14 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn compare_in_const() {
    check(
        "compare_in_const",
        r#"x = a in [1, 2, 3]
y = a not in {1, 2}
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (a)
              2 LOAD_CONST               0 ((1, 2, 3))
              3 CONTAINS_OP              0
              4 STORE_NAME               1 (x)

  2           5 LOAD_NAME                0 (a)
              6 LOAD_CONST               1 (frozenset({1, 2}))
              7 CONTAINS_OP              1
              8 STORE_NAME               2 (y)
              9 LOAD_CONST               2 (None)
             10 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn decorators() {
    check(
        "decorators",
        r#"@d1
@d2(x)
def f():
    pass
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (d1)

  2           2 PUSH_NULL
              3 LOAD_NAME                1 (d2)
              4 LOAD_NAME                2 (x)
              5 CALL                     1

  3           6 LOAD_CONST               0 (<code object f, file "x.py", line 1>)
              7 MAKE_FUNCTION            0

  2           8 CALL                     0

  1           9 CALL                     0

  3          10 STORE_NAME               3 (f)
             11 LOAD_CONST               1 (None)
             12 RETURN_VALUE

Disassembly of <code object f, file "x.py", line 1>:
  1           0 RESUME                   0

  4           1 LOAD_CONST               0 (None)
              2 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn del_local() {
    check(
        "del_local",
        r#"def f():
    x = 1
    del x
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object f, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 STORE_NAME               0 (f)
              4 LOAD_CONST               1 (None)
              5 RETURN_VALUE

Disassembly of <code object f, file "x.py", line 1>:
  1           0 RESUME                   0

  2           1 LOAD_CONST               1 (1)
              2 STORE_FAST               0 (x)

  3           3 DELETE_FAST              0 (x)
              4 LOAD_CONST               0 (None)
              5 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn delete() {
    check(
        "delete",
        r#"del a, b.c, d[e]
"#,
        r#"
              0 RESUME                   0

  1           1 DELETE_NAME              0 (a)
              2 LOAD_NAME                1 (b)
              3 DELETE_ATTR              2 (c)
              4 LOAD_NAME                3 (d)
              5 LOAD_NAME                4 (e)
              6 DELETE_SUBSCR
              7 LOAD_CONST               0 (None)
              8 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn empty_and_const_stmt() {
    check(
        "empty_and_const_stmt",
        r#"...
'doc'
pass
"#,
        r#"
              0 RESUME                   0

  1           1 NOP

  2           2 NOP

  3           3 LOAD_CONST               0 (None)
              4 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn exception_var_cleanup() {
    check(
        "exception_var_cleanup",
        r#"def f():
    try:
        pass
    except E as e:
        return e
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object f, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 STORE_NAME               0 (f)
              4 LOAD_CONST               1 (None)
              5 RETURN_VALUE

Disassembly of <code object f, file "x.py", line 1>:
  1           0 RESUME                   0

  2           1 NOP

  3           2 LOAD_CONST               0 (None)
              3 RETURN_VALUE
              4 PUSH_EXC_INFO

  4           5 LOAD_GLOBAL              0 (E)
              6 CHECK_EXC_MATCH
              7 POP_JUMP_IF_FALSE       20 (to 20)
              8 STORE_FAST               0 (e)

  5           9 LOAD_FAST                0 (e)
             10 SWAP                     2
             11 POP_EXCEPT
             12 LOAD_CONST               0 (None)
             13 STORE_FAST               0 (e)
             14 DELETE_FAST              0 (e)
             15 RETURN_VALUE
        >>   16 LOAD_CONST               0 (None)
             17 STORE_FAST               0 (e)
             18 DELETE_FAST              0 (e)
             19 RERAISE                  1

  4     >>   20 RERAISE                  0
        >>   21 COPY                     3
             22 POP_EXCEPT
             23 RERAISE                  1
ExceptionTable:
  4 to 8 -> 21 [1] lasti
  9 to 9 -> 16 [1] lasti
  10 to 10 -> 21 [1] lasti
  16 to 20 -> 21 [1] lasti
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn fold_limits() {
    check(
        "fold_limits",
        r#"x = 2 ** 1000
y = 'a' * 5000
z = 1 / 0
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (2)
              2 LOAD_CONST               1 (1000)
              3 BINARY_OP                8 (**)
              4 STORE_NAME               0 (x)

  2           5 LOAD_CONST               2 ('a')
              6 LOAD_CONST               3 (5000)
              7 BINARY_OP                5 (*)
              8 STORE_NAME               1 (y)

  3           9 LOAD_CONST               4 (1)
             10 LOAD_CONST               5 (0)
             11 BINARY_OP               11 (/)
             12 STORE_NAME               2 (z)
             13 LOAD_CONST               6 (None)
             14 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn for_continue() {
    check(
        "for_continue",
        r#"for i in range(10):
    if i % 2:
        continue
    print(i)
"#,
        r#"
              0 RESUME                   0

  1           1 PUSH_NULL
              2 LOAD_NAME                0 (range)
              3 LOAD_CONST               0 (10)
              4 CALL                     1
              5 GET_ITER
        >>    6 FOR_ITER                19 (to 19)
              7 STORE_NAME               1 (i)

  2           8 LOAD_NAME                1 (i)
              9 LOAD_CONST               1 (2)
             10 BINARY_OP                6 (%)
             11 POP_JUMP_IF_FALSE       13 (to 13)

  3          12 JUMP_BACKWARD            6 (to 6)

  4     >>   13 PUSH_NULL
             14 LOAD_NAME                2 (print)
             15 LOAD_NAME                1 (i)
             16 CALL                     1
             17 POP_TOP
             18 JUMP_BACKWARD            6 (to 6)

  1     >>   19 LOAD_CONST               2 (None)
             20 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn for_list_literal() {
    check(
        "for_list_literal",
        r#"for x in [a, b]:
    f(x)
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (a)
              2 LOAD_NAME                1 (b)
              3 BUILD_TUPLE              2
              4 GET_ITER
        >>    5 FOR_ITER                13 (to 13)
              6 STORE_NAME               2 (x)

  2           7 PUSH_NULL
              8 LOAD_NAME                3 (f)
              9 LOAD_NAME                2 (x)
             10 CALL                     1
             11 POP_TOP
             12 JUMP_BACKWARD            5 (to 5)

  1     >>   13 LOAD_CONST               0 (None)
             14 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn fstring() {
    check(
        "fstring",
        r#"x = f'{a}-{b!r:>10}'
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (a)
              2 FORMAT_VALUE             0
              3 LOAD_CONST               0 ('-')
              4 LOAD_NAME                1 (b)
              5 LOAD_CONST               1 ('>10')
              6 FORMAT_VALUE             6 (repr, with format)
              7 BUILD_STRING             3
              8 STORE_NAME               2 (x)
              9 LOAD_CONST               2 (None)
             10 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn func_annotations() {
    check(
        "func_annotations",
        r#"def f(a: int, b: 'str' = 'x') -> bool:
    pass
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               7 (('x',))
              2 LOAD_CONST               1 ('a')
              3 LOAD_NAME                0 (int)
              4 LOAD_CONST               2 ('b')
              5 LOAD_CONST               3 ('str')
              6 LOAD_CONST               4 ('return')
              7 LOAD_NAME                1 (bool)
              8 BUILD_TUPLE              6
              9 LOAD_CONST               5 (<code object f, file "x.py", line 1>)
             10 MAKE_FUNCTION            5 (defaults, annotations)
             11 STORE_NAME               2 (f)
             12 LOAD_CONST               6 (None)
             13 RETURN_VALUE

Disassembly of <code object f, file "x.py", line 1>:
  1           0 RESUME                   0

  2           1 LOAD_CONST               0 (None)
              2 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn func_defaults() {
    check(
        "func_defaults",
        r#"def f(a, b=1, *args, c, d=2, **kw):
    return a
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               5 ((1,))
              2 LOAD_CONST               1 (2)
              3 LOAD_CONST               2 (('d',))
              4 BUILD_CONST_KEY_MAP      1
              5 LOAD_CONST               3 (<code object f, file "x.py", line 1>)
              6 MAKE_FUNCTION            3 (defaults, kwdefaults)
              7 STORE_NAME               0 (f)
              8 LOAD_CONST               4 (None)
              9 RETURN_VALUE

Disassembly of <code object f, file "x.py", line 1>:
  1           0 RESUME                   0

  2           1 LOAD_FAST                0 (a)
              2 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn func_docstring() {
    check(
        "func_docstring",
        r#"def f():
    'doc'
    return 1
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object f, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 STORE_NAME               0 (f)
              4 LOAD_CONST               1 (None)
              5 RETURN_VALUE

Disassembly of <code object f, file "x.py", line 1>:
  1           0 RESUME                   0

  3           1 LOAD_CONST               1 (1)
              2 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn func_posonly() {
    check(
        "func_posonly",
        r#"def f(a, /, b):
    pass
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object f, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 STORE_NAME               0 (f)
              4 LOAD_CONST               1 (None)
              5 RETURN_VALUE

Disassembly of <code object f, file "x.py", line 1>:
  1           0 RESUME                   0

  2           1 LOAD_CONST               0 (None)
              2 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn future_annotations() {
    check(
        "future_annotations",
        r#"from __future__ import annotations
def f(a: List[int]) -> Dict[str, 'x']:
    pass
x: Tuple[int, ...] = ()
"#,
        r#"
              0 RESUME                   0

  1           1 SETUP_ANNOTATIONS
              2 LOAD_CONST               0 (0)
              3 LOAD_CONST               1 (('annotations',))
              4 IMPORT_NAME              0 (__future__)
              5 IMPORT_FROM              1 (annotations)
              6 STORE_NAME               1 (annotations)
              7 POP_TOP

  2           8 LOAD_CONST              11 (('a', 'List[int]', 'return', "Dict[str, 'x']"))
              9 LOAD_CONST               6 (<code object f, file "x.py", line 2>)
             10 MAKE_FUNCTION            4 (annotations)
             11 STORE_NAME               2 (f)

  4          12 LOAD_CONST               7 (())
             13 STORE_NAME               3 (x)
             14 LOAD_CONST               8 ('Tuple[int, ...]')
             15 LOAD_NAME                4 (__annotations__)
             16 LOAD_CONST               9 ('x')
             17 STORE_SUBSCR
             18 LOAD_CONST              10 (None)
             19 RETURN_VALUE

Disassembly of <code object f, file "x.py", line 2>:
  2           0 RESUME                   0

  3           1 LOAD_CONST               0 (None)
              2 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn generator() {
    check(
        "generator",
        r#"def g():
    x = yield 1
    yield from x
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object g, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 STORE_NAME               0 (g)
              4 LOAD_CONST               1 (None)
              5 RETURN_VALUE

Disassembly of <code object g, file "x.py", line 1>:
  1           0 RETURN_GENERATOR
              1 POP_TOP
              2 RESUME                   0

  2           3 LOAD_CONST               1 (1)
              4 YIELD_VALUE
              5 RESUME                   1
              6 STORE_FAST               0 (x)

  3           7 LOAD_FAST                0 (x)
              8 GET_YIELD_FROM_ITER
              9 LOAD_CONST               0 (None)
        >>   10 SEND                    14 (to 14)
             11 YIELD_VALUE
             12 RESUME                   2
             13 JUMP                    10 (to 10)
        >>   14 POP_TOP
             15 LOAD_CONST               0 (None)
             16 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn genexp() {
    check(
        "genexp",
        r#"g = (i for i in a)
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object <genexpr>, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 LOAD_NAME                0 (a)
              4 GET_ITER
              5 CALL                     0
              6 STORE_NAME               1 (g)
              7 LOAD_CONST               1 (None)
              8 RETURN_VALUE

Disassembly of <code object <genexpr>, file "x.py", line 1>:
  1           0 RETURN_GENERATOR
              1 POP_TOP
              2 RESUME                   0
              3 LOAD_FAST                0 (.0)
        >>    4 FOR_ITER                11 (to 11)
              5 STORE_FAST               1 (i)
              6 LOAD_FAST                1 (i)
              7 YIELD_VALUE
              8 RESUME                   1
              9 POP_TOP
             10 JUMP_BACKWARD            4 (to 4)
        >>   11 LOAD_CONST               0 (None)
             12 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn global_call() {
    check(
        "global_call",
        r#"def f():
    return len(x)
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object f, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 STORE_NAME               0 (f)
              4 LOAD_CONST               1 (None)
              5 RETURN_VALUE

Disassembly of <code object f, file "x.py", line 1>:
  1           0 RESUME                   0

  2           1 LOAD_GLOBAL              1 (NULL + len)
              2 LOAD_GLOBAL              2 (x)
              3 CALL                     1
              4 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn global_decl() {
    check(
        "global_decl",
        r#"def f():
    global g
    g = 1
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object f, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 STORE_NAME               0 (f)
              4 LOAD_CONST               1 (None)
              5 RETURN_VALUE

Disassembly of <code object f, file "x.py", line 1>:
  1           0 RESUME                   0

  3           1 LOAD_CONST               1 (1)
              2 STORE_GLOBAL             0 (g)
              3 LOAD_CONST               0 (None)
              4 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn if_elif() {
    check(
        "if_elif",
        r#"if a:
    f()
elif b:
    g()
else:
    h()
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (a)
              2 POP_JUMP_IF_FALSE        9 (to 9)

  2           3 PUSH_NULL
              4 LOAD_NAME                1 (f)
              5 CALL                     0
              6 POP_TOP
              7 LOAD_CONST               0 (None)
              8 RETURN_VALUE

  3     >>    9 LOAD_NAME                2 (b)
             10 POP_JUMP_IF_FALSE       17 (to 17)

  4          11 PUSH_NULL
             12 LOAD_NAME                3 (g)
             13 CALL                     0
             14 POP_TOP
             15 LOAD_CONST               0 (None)
             16 RETURN_VALUE

  6     >>   17 PUSH_NULL
             18 LOAD_NAME                4 (h)
             19 CALL                     0
             20 POP_TOP
             21 LOAD_CONST               0 (None)
             22 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn if_not_and() {
    check(
        "if_not_and",
        r#"if not a and b:
    f()
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (a)
              2 POP_JUMP_IF_TRUE        11 (to 11)
              3 LOAD_NAME                1 (b)
              4 POP_JUMP_IF_FALSE       13 (to 13)

  2           5 PUSH_NULL
              6 LOAD_NAME                2 (f)
              7 CALL                     0
              8 POP_TOP
              9 LOAD_CONST               0 (None)
             10 RETURN_VALUE

  1     >>   11 LOAD_CONST               0 (None)
             12 RETURN_VALUE
        >>   13 LOAD_CONST               0 (None)
             14 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn ifexp() {
    check(
        "ifexp",
        r#"x = a if b else c
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (b)
              2 POP_JUMP_IF_FALSE        5 (to 5)
              3 LOAD_NAME                1 (a)
              4 JUMP                     6 (to 6)
        >>    5 LOAD_NAME                2 (c)
        >>    6 STORE_NAME               3 (x)
              7 LOAD_CONST               0 (None)
              8 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn import_call() {
    check(
        "import_call",
        r#"import os
os.getcwd()
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (0)
              2 LOAD_CONST               1 (None)
              3 IMPORT_NAME              0 (os)
              4 STORE_NAME               0 (os)

  2           5 PUSH_NULL
              6 LOAD_NAME                0 (os)
              7 LOAD_ATTR                1 (getcwd)
              8 CALL                     0
              9 POP_TOP
             10 LOAD_CONST               1 (None)
             11 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn import_forms() {
    check(
        "import_forms",
        r#"import a.b.c
import a.b as c
from . import x
from ..m import y as z
from m import *
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (0)
              2 LOAD_CONST               1 (None)
              3 IMPORT_NAME              0 (a.b.c)
              4 STORE_NAME               1 (a)

  2           5 LOAD_CONST               0 (0)
              6 LOAD_CONST               1 (None)
              7 IMPORT_NAME              2 (a.b)
              8 IMPORT_FROM              3 (b)
              9 STORE_NAME               4 (c)
             10 POP_TOP

  3          11 LOAD_CONST               2 (1)
             12 LOAD_CONST               3 (('x',))
             13 IMPORT_NAME              5
             14 IMPORT_FROM              6 (x)
             15 STORE_NAME               6 (x)
             16 POP_TOP

  4          17 LOAD_CONST               4 (2)
             18 LOAD_CONST               5 (('y',))
             19 IMPORT_NAME              7 (m)
             20 IMPORT_FROM              8 (y)
             21 STORE_NAME               9 (z)
             22 POP_TOP

  5          23 LOAD_CONST               0 (0)
             24 LOAD_CONST               6 (('*',))
             25 IMPORT_NAME              7 (m)
             26 IMPORT_STAR
             27 LOAD_CONST               1 (None)
             28 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn interactive_like_module_doc() {
    check(
        "interactive_like_module_doc",
        r#"'''Module doc.'''
import sys
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 ('Module doc.')
              2 STORE_NAME               0 (__doc__)

  2           3 LOAD_CONST               1 (0)
              4 LOAD_CONST               2 (None)
              5 IMPORT_NAME              1 (sys)
              6 STORE_NAME               1 (sys)
              7 LOAD_CONST               2 (None)
              8 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn is_none() {
    check(
        "is_none",
        r#"if x is None:
    f()
if y is not None:
    g()
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (x)
              2 POP_JUMP_IF_NOT_NONE     7 (to 7)

  2           3 PUSH_NULL
              4 LOAD_NAME                1 (f)
              5 CALL                     0
              6 POP_TOP

  3     >>    7 LOAD_NAME                2 (y)
              8 POP_JUMP_IF_NONE        15 (to 15)

  4           9 PUSH_NULL
             10 LOAD_NAME                3 (g)
             11 CALL                     0
             12 POP_TOP
             13 LOAD_CONST               0 (None)
             14 RETURN_VALUE

  3     >>   15 LOAD_CONST               0 (None)
             16 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn lambda() {
    check(
        "lambda",
        r#"f = lambda x, y=1: x + y
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               3 ((1,))
              2 LOAD_CONST               1 (<code object <lambda>, file "x.py", line 1>)
              3 MAKE_FUNCTION            1 (defaults)
              4 STORE_NAME               0 (f)
              5 LOAD_CONST               2 (None)
              6 RETURN_VALUE

Disassembly of <code object <lambda>, file "x.py", line 1>:
  1           0 RESUME                   0
              1 LOAD_FAST                0 (x)
              2 LOAD_FAST                1 (y)
              3 BINARY_OP                0 (+)
              4 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn list_set_dict() {
    check(
        "list_set_dict",
        r#"a = [1, 2, 3]
b = {1, 2, 3}
c = {'a': 1, 'b': 2}
d = {x: y}
e = [x, *y]
f = {**m, 'k': 1}
"#,
        r#"
              0 RESUME                   0

  1           1 BUILD_LIST               0
              2 LOAD_CONST               0 ((1, 2, 3))
              3 LIST_EXTEND              1
              4 STORE_NAME               0 (a)

  2           5 BUILD_SET                0
              6 LOAD_CONST               1 (frozenset({1, 2, 3}))
              7 SET_UPDATE               1
              8 STORE_NAME               1 (b)

  3           9 LOAD_CONST               2 (1)
             10 LOAD_CONST               3 (2)
             11 LOAD_CONST               4 (('a', 'b'))
             12 BUILD_CONST_KEY_MAP      2
             13 STORE_NAME               2 (c)

  4          14 LOAD_NAME                3 (x)
             15 LOAD_NAME                4 (y)
             16 BUILD_MAP                1
             17 STORE_NAME               5 (d)

  5          18 LOAD_NAME                3 (x)
             19 BUILD_LIST               1
             20 LOAD_NAME                4 (y)
             21 LIST_EXTEND              1
             22 STORE_NAME               6 (e)

  6          23 BUILD_MAP                0
             24 LOAD_NAME                7 (m)
             25 DICT_UPDATE              1
             26 LOAD_CONST               5 ('k')
             27 LOAD_CONST               2 (1)
             28 BUILD_MAP                1
             29 DICT_UPDATE              1
             30 STORE_NAME               8 (f)
             31 LOAD_CONST               6 (None)
             32 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn listcomp() {
    check(
        "listcomp",
        r#"x = [i * 2 for i in a if i]
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object <listcomp>, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 LOAD_NAME                0 (a)
              4 GET_ITER
              5 CALL                     0
              6 STORE_NAME               1 (x)
              7 LOAD_CONST               1 (None)
              8 RETURN_VALUE

Disassembly of <code object <listcomp>, file "x.py", line 1>:
  1           0 RESUME                   0
              1 BUILD_LIST               0
              2 LOAD_FAST                0 (.0)
        >>    3 FOR_ITER                12 (to 12)
              4 STORE_FAST               1 (i)
              5 LOAD_FAST                1 (i)
              6 POP_JUMP_IF_FALSE        3 (to 3)
              7 LOAD_FAST                1 (i)
              8 LOAD_CONST               0 (2)
              9 BINARY_OP                5 (*)
             10 LIST_APPEND              2
             11 JUMP_BACKWARD            3 (to 3)
        >>   12 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn match_literals() {
    check(
        "match_literals",
        r#"match x:
    case 1 | 2:
        a()
    case 'x':
        b()
    case None:
        c()
    case _:
        d()
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (x)

  2           2 COPY                     1
              3 COPY                     1
              4 LOAD_CONST               0 (1)
              5 COMPARE_OP               2 (==)
              6 POP_JUMP_IF_FALSE        8 (to 8)
              7 JUMP                    15 (to 15)
        >>    8 COPY                     1
              9 LOAD_CONST               1 (2)
             10 COMPARE_OP               2 (==)
             11 POP_JUMP_IF_FALSE       13 (to 13)
             12 JUMP                    15 (to 15)
        >>   13 POP_TOP
             14 JUMP                    23 (to 23)
        >>   15 POP_TOP
             16 POP_TOP

  3          17 PUSH_NULL
             18 LOAD_NAME                1 (a)
             19 CALL                     0
             20 POP_TOP
             21 LOAD_CONST               3 (None)
             22 RETURN_VALUE

  4     >>   23 COPY                     1
             24 LOAD_CONST               2 ('x')
             25 COMPARE_OP               2 (==)
             26 POP_JUMP_IF_FALSE       34 (to 34)
             27 POP_TOP

  5          28 PUSH_NULL
             29 LOAD_NAME                2 (b)
             30 CALL                     0
             31 POP_TOP
             32 LOAD_CONST               3 (None)
             33 RETURN_VALUE

  6     >>   34 POP_JUMP_IF_NOT_NONE    41 (to 41)

  7          35 PUSH_NULL
             36 LOAD_NAME                3 (c)
             37 CALL                     0
             38 POP_TOP
             39 LOAD_CONST               3 (None)
             40 RETURN_VALUE

  8     >>   41 NOP

  9          42 PUSH_NULL
             43 LOAD_NAME                4 (d)
             44 CALL                     0
             45 POP_TOP
             46 LOAD_CONST               3 (None)
             47 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn match_mapping_class() {
    check(
        "match_mapping_class",
        r#"match x:
    case {'k': v, **kw}:
        f()
    case Point(x=0, y=y):
        g()
    case [1, 2] as z if z:
        h()
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (x)

  2           2 COPY                     1
              3 MATCH_MAPPING
              4 POP_JUMP_IF_FALSE       35 (to 35)
              5 GET_LEN
              6 LOAD_CONST               0 (1)
              7 COMPARE_OP               5 (>=)
              8 POP_JUMP_IF_FALSE       35 (to 35)
              9 LOAD_CONST               6 (('k',))
             10 MATCH_KEYS
             11 COPY                     1
             12 POP_JUMP_IF_NONE        33 (to 33)
             13 UNPACK_SEQUENCE          1
             14 SWAP                     3
             15 SWAP                     2
             16 BUILD_MAP                0
             17 SWAP                     3
             18 DICT_UPDATE              2
             19 UNPACK_SEQUENCE          1
             20 COPY                     2
             21 SWAP                     2
             22 DELETE_SUBSCR
             23 SWAP                     2
             24 STORE_NAME               1 (v)
             25 STORE_NAME               2 (kw)
             26 POP_TOP

  3          27 PUSH_NULL
             28 LOAD_NAME                3 (f)
             29 CALL                     0
             30 POP_TOP
             31 LOAD_CONST               2 (None)
             32 RETURN_VALUE

  2     >>   33 POP_TOP
             34 POP_TOP
        >>   35 POP_TOP

  4          36 COPY                     1
             37 LOAD_NAME                4 (Point)
             38 LOAD_CONST               3 (('x', 'y'))
             39 MATCH_CLASS              0
             40 COPY                     1
             41 POP_JUMP_IF_NONE        54 (to 54)
             42 UNPACK_SEQUENCE          2
             43 LOAD_CONST               4 (0)
             44 COMPARE_OP               2 (==)
             45 POP_JUMP_IF_FALSE       54 (to 54)
             46 STORE_NAME               5 (y)
             47 POP_TOP

  5          48 PUSH_NULL
             49 LOAD_NAME                6 (g)
             50 CALL                     0
             51 POP_TOP
             52 LOAD_CONST               2 (None)
             53 RETURN_VALUE

  4     >>   54 POP_TOP

  6          55 COPY                     1
             56 MATCH_SEQUENCE
             57 POP_JUMP_IF_FALSE       78 (to 78)
             58 GET_LEN
             59 LOAD_CONST               5 (2)
             60 COMPARE_OP               2 (==)
             61 POP_JUMP_IF_FALSE       78 (to 78)
             62 UNPACK_SEQUENCE          2
             63 LOAD_CONST               0 (1)
             64 COMPARE_OP               2 (==)
             65 POP_JUMP_IF_FALSE       78 (to 78)
             66 LOAD_CONST               5 (2)
             67 COMPARE_OP               2 (==)
             68 POP_JUMP_IF_FALSE       79 (to 79)
             69 STORE_NAME               7 (z)
             70 LOAD_NAME                7 (z)
             71 POP_JUMP_IF_FALSE       82 (to 82)

  7          72 PUSH_NULL
             73 LOAD_NAME                8 (h)
             74 CALL                     0
             75 POP_TOP
             76 LOAD_CONST               2 (None)
             77 RETURN_VALUE

  6     >>   78 POP_TOP
        >>   79 POP_TOP
             80 LOAD_CONST               2 (None)
             81 RETURN_VALUE
        >>   82 LOAD_CONST               2 (None)
             83 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn match_sequence() {
    check(
        "match_sequence",
        r#"match x:
    case [a, *rest]:
        f(a)
    case (a, b, *_):
        g()
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (x)

  2           2 COPY                     1
              3 MATCH_SEQUENCE
              4 POP_JUMP_IF_FALSE       20 (to 20)
              5 GET_LEN
              6 LOAD_CONST               0 (1)
              7 COMPARE_OP               5 (>=)
              8 POP_JUMP_IF_FALSE       20 (to 20)
              9 UNPACK_EX                1
             10 STORE_NAME               1 (a)
             11 STORE_NAME               2 (rest)
             12 POP_TOP

  3          13 PUSH_NULL
             14 LOAD_NAME                3 (f)
             15 LOAD_NAME                1 (a)
             16 CALL                     1
             17 POP_TOP
             18 LOAD_CONST               3 (None)
             19 RETURN_VALUE

  2     >>   20 POP_TOP

  4          21 MATCH_SEQUENCE
             22 POP_JUMP_IF_FALSE       45 (to 45)
             23 GET_LEN
             24 LOAD_CONST               1 (2)
             25 COMPARE_OP               5 (>=)
             26 POP_JUMP_IF_FALSE       45 (to 45)
             27 COPY                     1
             28 LOAD_CONST               2 (0)
             29 BINARY_SUBSCR
             30 SWAP                     2
             31 COPY                     1
             32 LOAD_CONST               0 (1)
             33 BINARY_SUBSCR
             34 SWAP                     3
             35 SWAP                     2
             36 POP_TOP
             37 STORE_NAME               1 (a)
             38 STORE_NAME               4 (b)

  5          39 PUSH_NULL
             40 LOAD_NAME                5 (g)
             41 CALL                     0
             42 POP_TOP
             43 LOAD_CONST               3 (None)
             44 RETURN_VALUE

  4     >>   45 POP_TOP
             46 LOAD_CONST               3 (None)
             47 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn method_call() {
    check(
        "method_call",
        r#"o.m(1, k=2)
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (o)
              2 LOAD_METHOD              1 (m)
              3 LOAD_CONST               0 (1)
              4 LOAD_CONST               1 (2)
              5 KW_NAMES                 2
              6 CALL                     2
              7 POP_TOP
              8 LOAD_CONST               3 (None)
              9 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn multi_assign() {
    check(
        "multi_assign",
        r#"a = b = f()
"#,
        r#"
              0 RESUME                   0

  1           1 PUSH_NULL
              2 LOAD_NAME                0 (f)
              3 CALL                     0
              4 COPY                     1
              5 STORE_NAME               1 (a)
              6 STORE_NAME               2 (b)
              7 LOAD_CONST               0 (None)
              8 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn nested_comp() {
    check(
        "nested_comp",
        r#"x = [i + j for i in a for j in b]
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object <listcomp>, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 LOAD_NAME                0 (a)
              4 GET_ITER
              5 CALL                     0
              6 STORE_NAME               1 (x)
              7 LOAD_CONST               1 (None)
              8 RETURN_VALUE

Disassembly of <code object <listcomp>, file "x.py", line 1>:
  1           0 RESUME                   0
              1 BUILD_LIST               0
              2 LOAD_FAST                0 (.0)
        >>    3 FOR_ITER                15 (to 15)
              4 STORE_FAST               1 (i)
              5 LOAD_GLOBAL              0 (b)
              6 GET_ITER
        >>    7 FOR_ITER                14 (to 14)
              8 STORE_FAST               2 (j)
              9 LOAD_FAST                1 (i)
             10 LOAD_FAST                2 (j)
             11 BINARY_OP                0 (+)
             12 LIST_APPEND              3
             13 JUMP_BACKWARD            7 (to 7)
        >>   14 JUMP_BACKWARD            3 (to 3)
        >>   15 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn percent_format() {
    check(
        "percent_format",
        r#"x = '%s and %r' % (a, b)
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (a)
              2 FORMAT_VALUE             1 (str)
              3 LOAD_CONST               0 (' and ')
              4 LOAD_NAME                1 (b)
              5 FORMAT_VALUE             2 (repr)
              6 BUILD_STRING             3
              7 STORE_NAME               2 (x)
              8 LOAD_CONST               1 (None)
              9 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn raise() {
    check(
        "raise",
        r#"raise
"#,
        r#"
              0 RESUME                   0

  1           1 RAISE_VARARGS            0
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn raise_from() {
    check(
        "raise_from",
        r#"raise E from c
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (E)
              2 LOAD_NAME                1 (c)
              3 RAISE_VARARGS            2
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn return_in_loop() {
    check(
        "return_in_loop",
        r#"def f(a):
    for x in a:
        if x:
            return x
    return None
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object f, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 STORE_NAME               0 (f)
              4 LOAD_CONST               1 (None)
              5 RETURN_VALUE

Disassembly of <code object f, file "x.py", line 1>:
  1           0 RESUME                   0

  2           1 LOAD_FAST                0 (a)
              2 GET_ITER
        >>    3 FOR_ITER                12 (to 12)
              4 STORE_FAST               1 (x)

  3           5 LOAD_FAST                1 (x)
              6 POP_JUMP_IF_FALSE       11 (to 11)

  4           7 LOAD_FAST                1 (x)
              8 SWAP                     2
              9 POP_TOP
             10 RETURN_VALUE

  3     >>   11 JUMP_BACKWARD            3 (to 3)

  5     >>   12 LOAD_CONST               0 (None)
             13 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn setcomp_dictcomp() {
    check(
        "setcomp_dictcomp",
        r#"s = {i for i in a}
d = {k: v for k, v in a}
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object <setcomp>, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 LOAD_NAME                0 (a)
              4 GET_ITER
              5 CALL                     0
              6 STORE_NAME               1 (s)

  2           7 LOAD_CONST               1 (<code object <dictcomp>, file "x.py", line 2>)
              8 MAKE_FUNCTION            0
              9 LOAD_NAME                0 (a)
             10 GET_ITER
             11 CALL                     0
             12 STORE_NAME               2 (d)
             13 LOAD_CONST               2 (None)
             14 RETURN_VALUE

Disassembly of <code object <setcomp>, file "x.py", line 1>:
  1           0 RESUME                   0
              1 BUILD_SET                0
              2 LOAD_FAST                0 (.0)
        >>    3 FOR_ITER                 8 (to 8)
              4 STORE_FAST               1 (i)
              5 LOAD_FAST                1 (i)
              6 SET_ADD                  2
              7 JUMP_BACKWARD            3 (to 3)
        >>    8 RETURN_VALUE

Disassembly of <code object <dictcomp>, file "x.py", line 2>:
  2           0 RESUME                   0
              1 BUILD_MAP                0
              2 LOAD_FAST                0 (.0)
        >>    3 FOR_ITER                11 (to 11)
              4 UNPACK_SEQUENCE          2
              5 STORE_FAST               1 (k)
              6 STORE_FAST               2 (v)
              7 LOAD_FAST                1 (k)
              8 LOAD_FAST                2 (v)
              9 MAP_ADD                  2
             10 JUMP_BACKWARD            3 (to 3)
        >>   11 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn star_import_debug() {
    check(
        "star_import_debug",
        r#"if __debug__:
    x = 1
"#,
        r#"
              0 RESUME                   0

  1           1 NOP

  2           2 LOAD_CONST               1 (1)
              3 STORE_NAME               0 (x)
              4 LOAD_CONST               2 (None)
              5 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn subscript_slice() {
    check(
        "subscript_slice",
        r#"x = a[1:2]
y = a[::2]
z = a[i, j]
a[1:2] = b
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (a)
              2 LOAD_CONST               0 (1)
              3 LOAD_CONST               1 (2)
              4 BUILD_SLICE              2
              5 BINARY_SUBSCR
              6 STORE_NAME               1 (x)

  2           7 LOAD_NAME                0 (a)
              8 LOAD_CONST               2 (None)
              9 LOAD_CONST               2 (None)
             10 LOAD_CONST               1 (2)
             11 BUILD_SLICE              3
             12 BINARY_SUBSCR
             13 STORE_NAME               2 (y)

  3          14 LOAD_NAME                0 (a)
             15 LOAD_NAME                3 (i)
             16 LOAD_NAME                4 (j)
             17 BUILD_TUPLE              2
             18 BINARY_SUBSCR
             19 STORE_NAME               5 (z)

  4          20 LOAD_NAME                6 (b)
             21 LOAD_NAME                0 (a)
             22 LOAD_CONST               0 (1)
             23 LOAD_CONST               1 (2)
             24 BUILD_SLICE              2
             25 STORE_SUBSCR
             26 LOAD_CONST               2 (None)
             27 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn swap() {
    check(
        "swap",
        r#"a, b = b, a
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (b)
              2 LOAD_NAME                1 (a)
              3 SWAP                     2
              4 STORE_NAME               1 (a)
              5 STORE_NAME               0 (b)
              6 LOAD_CONST               0 (None)
              7 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn try_except() {
    check(
        "try_except",
        r#"try:
    f()
except ValueError as e:
    g(e)
except:
    h()
else:
    i()
"#,
        r#"
              0 RESUME                   0

  1           1 NOP

  2           2 PUSH_NULL
              3 LOAD_NAME                0 (f)
              4 CALL                     0
              5 POP_TOP

  8           6 PUSH_NULL
              7 LOAD_NAME                1 (i)
              8 CALL                     0
              9 POP_TOP
             10 LOAD_CONST               0 (None)
             11 RETURN_VALUE
        >>   12 PUSH_EXC_INFO

  3          13 LOAD_NAME                2 (ValueError)
             14 CHECK_EXC_MATCH
             15 POP_JUMP_IF_FALSE       32 (to 32)
             16 STORE_NAME               3 (e)

  4          17 PUSH_NULL
             18 LOAD_NAME                4 (g)
             19 LOAD_NAME                3 (e)
             20 CALL                     1
             21 POP_TOP
             22 POP_EXCEPT
             23 LOAD_CONST               0 (None)
             24 STORE_NAME               3 (e)
             25 DELETE_NAME              3 (e)
             26 LOAD_CONST               0 (None)
             27 RETURN_VALUE
        >>   28 LOAD_CONST               0 (None)
             29 STORE_NAME               3 (e)
             30 DELETE_NAME              3 (e)
             31 RERAISE                  1

  5     >>   32 POP_TOP

  6          33 PUSH_NULL
             34 LOAD_NAME                5 (h)
             35 CALL                     0
             36 POP_TOP
             37 POP_EXCEPT
             38 LOAD_CONST               0 (None)
             39 RETURN_VALUE
        >>   40 COPY                     3
             41 POP_EXCEPT
             42 RERAISE                  1
ExceptionTable:
  2 to 5 -> 12 [0]
  12 to 16 -> 40 [1] lasti
  17 to 21 -> 28 [1] lasti
  28 to 36 -> 40 [1] lasti
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn try_except_star() {
    check(
        "try_except_star",
        r#"try:
    f()
except* ValueError as e:
    g()
"#,
        r#"
              0 RESUME                   0

  1           1 NOP

  2           2 PUSH_NULL
              3 LOAD_NAME                0 (f)
              4 CALL                     0
              5 POP_TOP
              6 LOAD_CONST               0 (None)
              7 RETURN_VALUE
        >>    8 PUSH_EXC_INFO

  3           9 COPY                     1
             10 BUILD_LIST               0
             11 SWAP                     2
             12 LOAD_NAME                1 (ValueError)
             13 CHECK_EG_MATCH
             14 COPY                     1
             15 POP_JUMP_IF_NONE        32 (to 32)
             16 STORE_NAME               2 (e)

  4          17 PUSH_NULL
             18 LOAD_NAME                3 (g)
             19 CALL                     0
             20 POP_TOP
             21 LOAD_CONST               0 (None)
             22 STORE_NAME               2 (e)
             23 DELETE_NAME              2 (e)
             24 JUMP                    31 (to 31)
        >>   25 LOAD_CONST               0 (None)
             26 STORE_NAME               2 (e)
             27 DELETE_NAME              2 (e)
             28 LIST_APPEND              3
             29 POP_TOP
             30 JUMP                    33 (to 33)
        >>   31 JUMP                    33 (to 33)

  3     >>   32 POP_TOP
        >>   33 LIST_APPEND              1
             34 PREP_RERAISE_STAR
             35 COPY                     1
             36 POP_JUMP_IF_NOT_NONE    41 (to 41)
             37 POP_TOP
             38 POP_EXCEPT
             39 LOAD_CONST               0 (None)
             40 RETURN_VALUE
        >>   41 SWAP                     2
             42 POP_EXCEPT
             43 RERAISE                  0
        >>   44 COPY                     3
             45 POP_EXCEPT
             46 RERAISE                  1
ExceptionTable:
  2 to 5 -> 8 [0]
  8 to 16 -> 44 [1] lasti
  17 to 20 -> 25 [4] lasti
  21 to 37 -> 44 [1] lasti
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn try_finally() {
    check(
        "try_finally",
        r#"try:
    f()
finally:
    g()
"#,
        r#"
              0 RESUME                   0

  1           1 NOP

  2           2 PUSH_NULL
              3 LOAD_NAME                0 (f)
              4 CALL                     0
              5 POP_TOP

  4           6 PUSH_NULL
              7 LOAD_NAME                1 (g)
              8 CALL                     0
              9 POP_TOP
             10 LOAD_CONST               0 (None)
             11 RETURN_VALUE
        >>   12 PUSH_EXC_INFO
             13 PUSH_NULL
             14 LOAD_NAME                1 (g)
             15 CALL                     0
             16 POP_TOP
             17 RERAISE                  0
        >>   18 COPY                     3
             19 POP_EXCEPT
             20 RERAISE                  1
ExceptionTable:
  2 to 5 -> 12 [0]
  12 to 17 -> 18 [1] lasti
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn try_finally_return() {
    check(
        "try_finally_return",
        r#"def f():
    try:
        return 1
    finally:
        g()
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object f, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 STORE_NAME               0 (f)
              4 LOAD_CONST               1 (None)
              5 RETURN_VALUE

Disassembly of <code object f, file "x.py", line 1>:
  1           0 RESUME                   0

  2           1 NOP

  3           2 NOP

  5           3 LOAD_GLOBAL              1 (NULL + g)
              4 CALL                     0
              5 POP_TOP
              6 LOAD_CONST               1 (1)
              7 RETURN_VALUE
              8 PUSH_EXC_INFO
              9 LOAD_GLOBAL              1 (NULL + g)
             10 CALL                     0
             11 POP_TOP
             12 RERAISE                  0
        >>   13 COPY                     3
             14 POP_EXCEPT
             15 RERAISE                  1
ExceptionTable:
  8 to 12 -> 13 [1] lasti
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn unary() {
    check(
        "unary",
        r#"x = -a
y = not a
z = ~a
w = +a
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (a)
              2 UNARY_NEGATIVE
              3 STORE_NAME               1 (x)

  2           4 LOAD_NAME                0 (a)
              5 UNARY_NOT
              6 STORE_NAME               2 (y)

  3           7 LOAD_NAME                0 (a)
              8 UNARY_INVERT
              9 STORE_NAME               3 (z)

  4          10 LOAD_NAME                0 (a)
             11 UNARY_POSITIVE
             12 STORE_NAME               4 (w)
             13 LOAD_CONST               0 (None)
             14 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn unpack() {
    check(
        "unpack",
        r#"a, b = c
x, *y, z = w
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (c)
              2 UNPACK_SEQUENCE          2
              3 STORE_NAME               1 (a)
              4 STORE_NAME               2 (b)

  2           5 LOAD_NAME                3 (w)
              6 UNPACK_EX              257
              7 STORE_NAME               4 (x)
              8 STORE_NAME               5 (y)
              9 STORE_NAME               6 (z)
             10 LOAD_CONST               0 (None)
             11 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn walrus() {
    check(
        "walrus",
        r#"if (n := len(a)) > 10:
    print(n)
"#,
        r#"
              0 RESUME                   0

  1           1 PUSH_NULL
              2 LOAD_NAME                0 (len)
              3 LOAD_NAME                1 (a)
              4 CALL                     1
              5 COPY                     1
              6 STORE_NAME               2 (n)
              7 LOAD_CONST               0 (10)
              8 COMPARE_OP               4 (>)
              9 POP_JUMP_IF_FALSE       17 (to 17)

  2          10 PUSH_NULL
             11 LOAD_NAME                3 (print)
             12 LOAD_NAME                2 (n)
             13 CALL                     1
             14 POP_TOP
             15 LOAD_CONST               1 (None)
             16 RETURN_VALUE

  1     >>   17 LOAD_CONST               1 (None)
             18 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn while_else() {
    check(
        "while_else",
        r#"while a:
    f()
else:
    g()
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (a)
              2 POP_JUMP_IF_FALSE        9 (to 9)

  2     >>    3 PUSH_NULL
              4 LOAD_NAME                1 (f)
              5 CALL                     0
              6 POP_TOP

  1           7 LOAD_NAME                0 (a)
              8 POP_JUMP_IF_TRUE         3 (to 3)

  4     >>    9 PUSH_NULL
             10 LOAD_NAME                2 (g)
             11 CALL                     0
             12 POP_TOP
             13 LOAD_CONST               0 (None)
             14 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn while_true_break() {
    check(
        "while_true_break",
        r#"while True:
    if f():
        break
"#,
        r#"
              0 RESUME                   0

  1           1 NOP

  2     >>    2 PUSH_NULL
              3 LOAD_NAME                0 (f)
              4 CALL                     0
              5 POP_JUMP_IF_FALSE        8 (to 8)

  3           6 LOAD_CONST               1 (None)
              7 RETURN_VALUE

  1     >>    8 JUMP_BACKWARD            2 (to 2)
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn with_in_loop_break() {
    check(
        "with_in_loop_break",
        r#"for x in y:
    with a:
        break
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (y)
              2 GET_ITER
        >>    3 FOR_ITER                29 (to 29)
              4 STORE_NAME               1 (x)

  2           5 LOAD_NAME                2 (a)
              6 BEFORE_WITH
              7 POP_TOP

  3           8 NOP

  2           9 LOAD_CONST               0 (None)
             10 LOAD_CONST               0 (None)
             11 LOAD_CONST               0 (None)
             12 CALL                     2
             13 POP_TOP
             14 POP_TOP
             15 LOAD_CONST               0 (None)
             16 RETURN_VALUE
        >>   17 PUSH_EXC_INFO
             18 WITH_EXCEPT_START
             19 POP_JUMP_IF_TRUE        24 (to 24)
             20 RERAISE                  2
        >>   21 COPY                     3
             22 POP_EXCEPT
             23 RERAISE                  1
        >>   24 POP_TOP
             25 POP_EXCEPT
             26 POP_TOP
             27 POP_TOP
             28 JUMP_BACKWARD            3 (to 3)

  1     >>   29 LOAD_CONST               0 (None)
             30 RETURN_VALUE
ExceptionTable:
  7 to 8 -> 17 [2] lasti
  17 to 20 -> 21 [4] lasti
  24 to 24 -> 21 [4] lasti
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn with_stmt() {
    check(
        "with_stmt",
        r#"with open(f) as a, b:
    g()
"#,
        r#"
              0 RESUME                   0

  1           1 PUSH_NULL
              2 LOAD_NAME                0 (open)
              3 LOAD_NAME                1 (f)
              4 CALL                     1
              5 BEFORE_WITH
              6 STORE_NAME               2 (a)
              7 LOAD_NAME                3 (b)
              8 BEFORE_WITH
              9 POP_TOP

  2          10 PUSH_NULL
             11 LOAD_NAME                4 (g)
             12 CALL                     0
             13 POP_TOP

  1          14 LOAD_CONST               0 (None)
             15 LOAD_CONST               0 (None)
             16 LOAD_CONST               0 (None)
             17 CALL                     2
             18 POP_TOP
             19 JUMP                    31 (to 31)
        >>   20 PUSH_EXC_INFO
             21 WITH_EXCEPT_START
             22 POP_JUMP_IF_TRUE        27 (to 27)
             23 RERAISE                  2
        >>   24 COPY                     3
             25 POP_EXCEPT
             26 RERAISE                  1
        >>   27 POP_TOP
             28 POP_EXCEPT
             29 POP_TOP
             30 POP_TOP
        >>   31 LOAD_CONST               0 (None)
             32 LOAD_CONST               0 (None)
             33 LOAD_CONST               0 (None)
             34 CALL                     2
             35 POP_TOP
             36 LOAD_CONST               0 (None)
             37 RETURN_VALUE
        >>   38 PUSH_EXC_INFO
             39 WITH_EXCEPT_START
             40 POP_JUMP_IF_TRUE        45 (to 45)
             41 RERAISE                  2
        >>   42 COPY                     3
             43 POP_EXCEPT
             44 RERAISE                  1
        >>   45 POP_TOP
             46 POP_EXCEPT
             47 POP_TOP
             48 POP_TOP
             49 LOAD_CONST               0 (None)
             50 RETURN_VALUE
ExceptionTable:
  6 to 8 -> 38 [1] lasti
  9 to 13 -> 20 [2] lasti
  14 to 19 -> 38 [1] lasti
  20 to 23 -> 24 [4] lasti
  24 to 26 -> 38 [1] lasti
  27 to 27 -> 24 [4] lasti
  28 to 30 -> 38 [1] lasti
  38 to 41 -> 42 [3] lasti
  45 to 45 -> 42 [3] lasti
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn yield_in_lambda_gen() {
    check(
        "yield_in_lambda_gen",
        r#"g = lambda: (yield)
"#,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (<code object <lambda>, file "x.py", line 1>)
              2 MAKE_FUNCTION            0
              3 STORE_NAME               0 (g)
              4 LOAD_CONST               1 (None)
              5 RETURN_VALUE

Disassembly of <code object <lambda>, file "x.py", line 1>:
  1           0 RETURN_GENERATOR
              1 POP_TOP
              2 RESUME                   0
              3 LOAD_CONST               0 (None)
              4 YIELD_VALUE
              5 RESUME                   1
              6 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn interactive_prints_expression_statements() {
    check_mode(
        "interactive",
        "x = 1; f(x)\n",
        Mode::Interactive,
        r#"
              0 RESUME                   0

  1           1 LOAD_CONST               0 (1)
              2 STORE_NAME               0 (x)
              3 PUSH_NULL
              4 LOAD_NAME                1 (f)
              5 LOAD_NAME                0 (x)
              6 CALL                     1
              7 PRINT_EXPR
              8 LOAD_CONST               1 (None)
              9 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

#[test]
fn expression_mode_returns_the_value() {
    check_mode(
        "eval",
        "a if b else [c for c in d]\n",
        Mode::Expression,
        r#"
              0 RESUME                   0

  1           1 LOAD_NAME                0 (b)
              2 POP_JUMP_IF_FALSE        5 (to 5)
              3 LOAD_NAME                1 (a)
              4 RETURN_VALUE
        >>    5 LOAD_CONST               0 (<code object <listcomp>, file "x.py", line 1>)
              6 MAKE_FUNCTION            0
              7 LOAD_NAME                2 (d)
              8 GET_ITER
              9 CALL                     0
             10 RETURN_VALUE

Disassembly of <code object <listcomp>, file "x.py", line 1>:
  1           0 RESUME                   0
              1 BUILD_LIST               0
              2 LOAD_FAST                0 (.0)
        >>    3 FOR_ITER                 8 (to 8)
              4 STORE_FAST               1 (c)
              5 LOAD_FAST                1 (c)
              6 LIST_APPEND              2
              7 JUMP_BACKWARD            3 (to 3)
        >>    8 RETURN_VALUE
"#
        .trim_start_matches('\n'),
    );
}

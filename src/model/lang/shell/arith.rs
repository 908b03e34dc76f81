//! `$((...))`: shell arithmetic as BusyBox ash 1.35 does it (shell/math.c):
//! 64-bit integers that wrap, C's operators with C's precedence (`,`,
//! assignments, `?:`, `||`, `&&`, `|`, `^`, `&`, comparisons, shifts,
//! `+ - * / %`, `**`, the unary operators and `++`/`--`), numbers in
//! decimal, octal (`0…`), hex (`0x…`) and `BASE#digits`, and variables
//! whose values are themselves evaluated as expressions.
//!
//! Like ash it evaluates with two stacks (operands and operators) instead
//! of recursion, so any nesting of parentheses or unary operators costs
//! heap, not Rust stack. The one recursion, a variable whose value names
//! another variable, stops at [`MAX_INDIRECTION`] with [`TOO_DEEP`].
//! ash 1.35 evaluates both sides of `&&`, `||` and `?:` (so `0 && 1/0` is
//! a division by zero), and so does this; its `?:` is a plain operator of
//! low precedence (`1?x=2:3` is malformed, as in ash 1.35).

use std::collections::BTreeMap;

/// Why an expression has no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArithError {
    /// ash's own message (`arithmetic syntax error`, `divide by zero`, …),
    /// which the shell prints after its name.
    Ash(&'static str),
    /// Variables referring to variables more than [`MAX_INDIRECTION`] deep:
    /// podlab's [`TOO_DEEP`] note.
    TooDeep,
}

/// How deep variables may refer to variables (`a=b b=c … $((a))`) before
/// podlab stops: each level is a Rust call, and no lab needs more than a
/// few.
pub const MAX_INDIRECTION: usize = 64;

/// podlab's note when [`MAX_INDIRECTION`] is passed, or `$((…))` nests in
/// its own text past the shell's nesting limit (64, `Budget::MAX_DEPTH`).
/// ash goes as deep as its stack allows.
pub const TOO_DEEP: &str = "podlab: $((…)) nested more than 64 deep (in its text or through variables naming variables) is not modelled; podlab stopped the command\n";

const SYNTAX: ArithError = ArithError::Ash("arithmetic syntax error");
const MALFORMED: ArithError = ArithError::Ash("malformed ?: operator");

/// Evaluate `expr`, reading and assigning `vars`.
pub fn eval(expr: &str, vars: &mut BTreeMap<String, String>) -> Result<i64, ArithError> {
    let mut names = Vec::new();
    evaluate(expr.as_bytes(), vars, &mut names)
}

/// An operator: its precedence (low 5 bits) and an id among operators of
/// that precedence, as ash encodes them.
type Op = u8;

const fn tok(prec: u8, id: u8) -> Op {
    (id << 5) | prec
}
const fn prec(op: Op) -> u8 {
    op & 0x1f
}

const LPAREN: Op = tok(0, 0);
const RPAREN: Op = tok(1, 1);
const COMMA: Op = tok(1, 0);
const ASSIGN: Op = tok(2, 0);
const AND_ASSIGN: Op = tok(2, 1);
const OR_ASSIGN: Op = tok(2, 2);
const XOR_ASSIGN: Op = tok(2, 3);
const PLUS_ASSIGN: Op = tok(2, 4);
const MINUS_ASSIGN: Op = tok(2, 5);
const LSHIFT_ASSIGN: Op = tok(2, 6);
const RSHIFT_ASSIGN: Op = tok(2, 7);
const MUL_ASSIGN: Op = tok(3, 0);
const DIV_ASSIGN: Op = tok(3, 1);
const REM_ASSIGN: Op = tok(3, 2);
const CONDITIONAL: Op = tok(4, 0);
const CONDITIONAL_SEP: Op = tok(4, 1);
const OR: Op = tok(5, 0);
const AND: Op = tok(6, 0);
const BOR: Op = tok(7, 0);
const BXOR: Op = tok(8, 0);
const BAND: Op = tok(9, 0);
const EQ: Op = tok(10, 0);
const NE: Op = tok(10, 1);
const LT: Op = tok(11, 0);
const GT: Op = tok(11, 1);
const GE: Op = tok(11, 2);
const LE: Op = tok(11, 3);
const LSHIFT: Op = tok(12, 0);
const RSHIFT: Op = tok(12, 1);
const ADD: Op = tok(13, 0);
const SUB: Op = tok(13, 1);
const MUL: Op = tok(14, 0);
const DIV: Op = tok(14, 1);
const REM: Op = tok(14, 2);
const EXPONENT: Op = tok(15, 1);
const UNARY: u8 = 16;
const BNOT: Op = tok(UNARY, 0);
const NOT: Op = tok(UNARY, 1);
const UMINUS: Op = tok(UNARY + 1, 0);
const PRE: u8 = UNARY + 2;
const PRE_INC: Op = tok(PRE, 0);
const PRE_DEC: Op = tok(PRE, 1);
const POST: u8 = UNARY + 3;
const POST_INC: Op = tok(POST, 0);
const POST_DEC: Op = tok(POST, 1);
const NUM: Op = tok(UNARY + 4, 0);

/// The operators' spellings, longest first where one begins another.
const OPS: &[(&str, Op)] = &[
    ("<<=", LSHIFT_ASSIGN),
    (">>=", RSHIFT_ASSIGN),
    ("<<", LSHIFT),
    (">>", RSHIFT),
    ("||", OR),
    ("&&", AND),
    ("!=", NE),
    ("<=", LE),
    (">=", GE),
    ("==", EQ),
    ("|=", OR_ASSIGN),
    ("&=", AND_ASSIGN),
    ("*=", MUL_ASSIGN),
    ("/=", DIV_ASSIGN),
    ("%=", REM_ASSIGN),
    ("+=", PLUS_ASSIGN),
    ("-=", MINUS_ASSIGN),
    ("--", POST_DEC),
    ("^=", XOR_ASSIGN),
    ("++", POST_INC),
    ("**", EXPONENT),
    ("!", NOT),
    ("<", LT),
    (">", GT),
    ("=", ASSIGN),
    ("|", BOR),
    ("&", BAND),
    ("*", MUL),
    ("/", DIV),
    ("%", REM),
    ("+", ADD),
    ("-", SUB),
    ("^", BXOR),
    ("~", BNOT),
    (",", COMMA),
    ("?", CONDITIONAL),
    (":", CONDITIONAL_SEP),
    (")", RPAREN),
    ("(", LPAREN),
];

/// Assignments (`=`, `+=`, …) all have one precedence; ash spreads them
/// over two to give each an id.
fn fix_assign(p: u8) -> u8 {
    if p == 3 { 2 } else { p }
}

fn is_assign(op: Op) -> bool {
    let p = fix_assign(prec(op));
    p == prec(ASSIGN) || p == PRE || p == POST
}

fn right_assoc(p: u8) -> bool {
    p == prec(ASSIGN) || p == prec(EXPONENT) || p == prec(CONDITIONAL)
}

/// An operand: its value, and the variable it was read from (which an
/// assignment needs).
struct Operand<'a> {
    val: i64,
    name: Option<&'a [u8]>,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn skip_space(s: &[u8], mut i: usize) -> usize {
    while s.get(i).copied().is_some_and(is_space) {
        i += 1;
    }
    i
}

/// C's `strtoull(s, &end, 0)`: the value (wrapped to 64 bits, as the shell
/// stores it), whether it overflowed, and where the digits end.
fn strtoull(s: &[u8], start: usize) -> (u64, bool, usize) {
    let (base, mut i) = match (s.get(start), s.get(start + 1), s.get(start + 2)) {
        (Some(b'0'), Some(b'x' | b'X'), Some(c)) if c.is_ascii_hexdigit() => (16, start + 2),
        (Some(b'0'), ..) => (8, start),
        _ => (10, start),
    };
    let (mut n, mut overflow) = (0u64, false);
    while let Some(d) = s.get(i).and_then(|&c| char::from(c).to_digit(base)) {
        match n
            .checked_mul(u64::from(base))
            .and_then(|m| m.checked_add(u64::from(d)))
        {
            Some(m) => n = m,
            None => overflow = true,
        }
        i += 1;
    }
    (if overflow { u64::MAX } else { n }, overflow, i)
}

/// A number at `start`: ash's `strto_arith_t`, with `BASE#digits` for bases
/// 2 to 64 (digits 0-9, a-z, then A-Z, `@`, `_` above base 36; no overflow
/// check there, as in bash). Returns the value, whether strtoull overflowed
/// (ash then reads 0, "bash compat") and where the number ends.
fn number(s: &[u8], start: usize) -> (i64, bool, usize) {
    let (n, overflow, end) = strtoull(s, start);
    if s.get(end) != Some(&b'#') || !(b'1'..=b'9').contains(&s[start]) || !(2..=64).contains(&n) {
        return (n as i64, overflow, end);
    }
    let base = n;
    let mut v = 0u64;
    let mut i = end + 1;
    while let Some(&c) = s.get(i) {
        let mut digit = u64::from(c.wrapping_sub(b'0'));
        if digit >= 10 && digit <= u64::from(b'z' - b'0') {
            digit = u64::from((c | 0x20).wrapping_sub(b'a' - 10));
            if base > 36 && c <= b'_' {
                if c == b'_' {
                    digit = 63;
                } else if c == b'@' {
                    digit = 62;
                } else if digit < 36 {
                    digit += 26;
                } else {
                    break;
                }
            }
        }
        if digit >= base {
            break;
        }
        v = v.wrapping_mul(base).wrapping_add(digit);
        i += 1;
    }
    (v as i64, false, i)
}

/// `base ** exp` as ash's loop of multiplications computes it, wrapping,
/// by squaring (the same value in 64 steps, not `exp` steps).
fn power(base: i64, exp: i64) -> i64 {
    let (mut result, mut b, mut e) = (1i64, base, exp.unsigned_abs());
    while e > 0 {
        if e & 1 == 1 {
            result = result.wrapping_mul(b);
        }
        b = b.wrapping_mul(b);
        e >>= 1;
    }
    result
}

/// Apply `op` to the top of `nums`, assigning to `vars` where it is an
/// assignment.
fn apply(
    op: Op,
    nums: &mut Vec<Operand<'_>>,
    vars: &mut BTreeMap<String, String>,
) -> Result<(), ArithError> {
    let Some(top) = nums.len().checked_sub(1) else {
        return Err(SYNTAX);
    };
    if op == CONDITIONAL_SEP {
        // `cond ? a : b`, the three on the stack.
        let Some(cond) = top.checked_sub(2) else {
            nums.clear();
            return Err(MALFORMED);
        };
        let pick = if nums[cond].val != 0 { top - 1 } else { top };
        let val = nums[pick].val;
        nums.truncate(cond + 1);
        nums[cond] = Operand { val, name: None };
        return Ok(());
    }
    if op == CONDITIONAL {
        return Err(MALFORMED);
    }
    let mut rez = nums[top].val;
    let at = match op {
        UMINUS => {
            rez = rez.wrapping_neg();
            top
        }
        NOT => {
            rez = i64::from(rez == 0);
            top
        }
        BNOT => {
            rez = !rez;
            top
        }
        POST_INC | PRE_INC => {
            rez = rez.wrapping_add(1);
            top
        }
        POST_DEC | PRE_DEC => {
            rez = rez.wrapping_sub(1);
            top
        }
        _ => {
            let Some(left) = top.checked_sub(1) else {
                return Err(SYNTAX);
            };
            let right = rez;
            nums.truncate(top);
            let l = nums[left].val;
            rez = match op {
                BOR | OR_ASSIGN => l | right,
                OR => i64::from(right != 0 || l != 0),
                BAND | AND_ASSIGN => l & right,
                BXOR | XOR_ASSIGN => l ^ right,
                AND => i64::from(l != 0 && right != 0),
                EQ => i64::from(l == right),
                NE => i64::from(l != right),
                GE => i64::from(l >= right),
                GT => i64::from(l > right),
                LT => i64::from(l < right),
                LE => i64::from(l <= right),
                // C on x86-64 shifts by the count's low six bits.
                RSHIFT | RSHIFT_ASSIGN => l.wrapping_shr((right & 63) as u32),
                LSHIFT | LSHIFT_ASSIGN => l.wrapping_shl((right & 63) as u32),
                MUL | MUL_ASSIGN => l.wrapping_mul(right),
                ADD | PLUS_ASSIGN => l.wrapping_add(right),
                SUB | MINUS_ASSIGN => l.wrapping_sub(right),
                ASSIGN | COMMA => right,
                EXPONENT => {
                    if right < 0 {
                        return Err(ArithError::Ash("exponent less than 0"));
                    }
                    power(l, right)
                }
                _ => {
                    if right == 0 {
                        return Err(ArithError::Ash("divide by zero"));
                    }
                    // MIN / -1 is MIN and MIN % -1 is 0, as ash makes sure.
                    if op == DIV || op == DIV_ASSIGN {
                        l.wrapping_div(right)
                    } else {
                        l.wrapping_rem(right)
                    }
                }
            };
            left
        }
    };
    if is_assign(op) {
        let Some(name) = nums[at].name else {
            return Err(SYNTAX);
        };
        vars.insert(String::from_utf8_lossy(name).into_owned(), rez.to_string());
        if op == POST_INC {
            rez = rez.wrapping_sub(1);
        }
        if op == POST_DEC {
            rez = rez.wrapping_add(1);
        }
    }
    nums[at] = Operand {
        val: rez,
        name: None,
    };
    Ok(())
}

/// A variable's value, itself evaluated as an expression; unset is 0.
fn lookup(
    name: &[u8],
    vars: &mut BTreeMap<String, String>,
    names: &mut Vec<Vec<u8>>,
) -> Result<i64, ArithError> {
    let key = String::from_utf8_lossy(name);
    let Some(value) = vars.get(key.as_ref()) else {
        return Ok(0);
    };
    // A plain decimal number (the usual value, `i=41`) is itself: no need
    // to evaluate it as an expression.
    let digits = value.strip_prefix('-').unwrap_or(value);
    if (1..=18).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && let Ok(n) = value.parse::<i64>()
    {
        return Ok(n);
    }
    let value = value.clone();
    if names.iter().any(|n| n == name) {
        return Err(ArithError::Ash("expression recursion loop detected"));
    }
    if names.len() >= MAX_INDIRECTION {
        return Err(ArithError::TooDeep);
    }
    names.push(name.to_vec());
    let v = evaluate(value.as_bytes(), vars, names);
    names.pop();
    v
}

/// ash's `evaluate_string`: one pass over `s` with an operand stack and an
/// operator stack.
fn evaluate(
    s: &[u8],
    vars: &mut BTreeMap<String, String>,
    names: &mut Vec<Vec<u8>>,
) -> Result<i64, ArithError> {
    let start = skip_space(s, 0);
    let mut i = start;
    let mut nums: Vec<Operand<'_>> = Vec::new();
    let mut ops: Vec<Op> = vec![LPAREN];
    let mut last = LPAREN;
    let mut ended = false;
    loop {
        i = skip_space(s, i);
        let mut op;
        if i >= s.len() {
            if i == start {
                // The null expression.
                return Ok(0);
            }
            if ended {
                return match nums.as_slice() {
                    [one] => Ok(one.val),
                    _ => Err(SYNTAX),
                };
            }
            // Close the implicit outer parenthesis.
            ended = true;
            op = RPAREN;
        } else if is_name_start(s[i]) {
            let end = (i..s.len())
                .find(|&k| !is_name_char(s[k]))
                .unwrap_or(s.len());
            let name = &s[i..end];
            i = skip_space(s, end);
            // A name about to be assigned (`x = …`, not `x == …`) is not read.
            let val = if s.get(i) == Some(&b'=') && s.get(i + 1) != Some(&b'=') {
                0
            } else {
                lookup(name, vars, names)?
            };
            nums.push(Operand {
                val,
                name: Some(name),
            });
            last = NUM;
            continue;
        } else if s[i].is_ascii_digit() {
            let (val, overflow, end) = number(s, i);
            i = end;
            // A number right before another or a name: `09`, `0v`.
            if s.get(i).copied().is_some_and(is_name_char) {
                return Err(SYNTAX);
            }
            nums.push(Operand {
                val: if overflow { 0 } else { val },
                name: None,
            });
            last = NUM;
            continue;
        } else {
            // `++`/`--` bind to a variable only: `--7` is `- -7`, `7+++v`
            // is `7 + ++v`.
            let c = s[i];
            let twin = (c == b'+' || c == b'-') && s.get(i + 1) == Some(&c);
            let after_name = nums.last().is_some_and(|n| n.name.is_some());
            let next = s.get(skip_space(s, i + 2)).copied();
            if twin && !after_name && !next.is_some_and(is_name_start) {
                op = if c == b'+' { ADD } else { SUB };
                i += 1;
            } else {
                let rest = &s[i..];
                let Some(&(text, found)) = OPS.iter().find(|(t, _)| rest.starts_with(t.as_bytes()))
                else {
                    return Err(SYNTAX);
                };
                i += text.len();
                op = found;
            }
        }
        if last == POST_INC || last == POST_DEC {
            last = NUM;
        }
        // `+` and `-` are binary only after an operand; a unary `+` is
        // nothing.
        if last != NUM {
            match op {
                ADD => continue,
                SUB => op = UMINUS,
                POST_INC => op = PRE_INC,
                POST_DEC => op = PRE_DEC,
                _ => {}
            }
        }
        let mut p = prec(op);
        let mut push = true;
        if p != prec(LPAREN) && p < UNARY {
            // Binary, ternary or `)`: after an operand only; apply
            // what binds tighter.
            if last != NUM {
                return Err(SYNTAX);
            }
            let mut closed = false;
            while let Some(prev) = ops.pop() {
                if op == RPAREN {
                    if prev == LPAREN {
                        if let Some(n) = nums.last_mut() {
                            n.name = None;
                        }
                        last = NUM;
                        closed = true;
                        break;
                    }
                } else {
                    p = fix_assign(p);
                    let pp = fix_assign(prec(prev));
                    if pp < p || (pp == p && right_assoc(p)) {
                        ops.push(prev);
                        break;
                    }
                }
                apply(prev, &mut nums, vars)?;
                if prev == CONDITIONAL_SEP && ops.pop() != Some(CONDITIONAL) {
                    return Err(MALFORMED);
                }
            }
            if closed {
                push = false;
            } else if op == RPAREN {
                return Err(SYNTAX);
            }
        }
        if push {
            ops.push(op);
            last = op;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic() {
        let mut vars = BTreeMap::from([("i".to_string(), "41".to_string())]);
        assert_eq!(eval("i+1", &mut vars), Ok(42));
        assert_eq!(eval("i * 2 - (3 % 2)", &mut vars), Ok(81));
        assert_eq!(eval("unset + 1", &mut vars), Ok(1));
        assert_eq!(eval("1 < 2 && 3 >= 3", &mut vars), Ok(1));
        assert!(eval("1 / 0", &mut vars).is_err());
    }
}

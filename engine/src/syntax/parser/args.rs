//! Parameter lists (`def`, `lambda`) and call arguments, with CPython 3.11's ordering errors.

use super::super::ast::*;
use super::super::text::TextRange;
use super::super::token::TokenKind as T;
use super::cursor::Parser;
use super::expr::{invalid, node};

impl<'s> Parser<'s> {
    /// Parameters up to (not including) the closing `)` of a def or the `:` of a lambda.
    pub fn parse_parameters(&mut self, lambda: bool) -> Arguments {
        let close = if lambda { T::Colon } else { T::RPar };
        let mut a = Arguments::default();
        let mut seen_default = false;
        let mut seen_slash = false;
        let mut seen_star = false;
        let mut seen_kwarg = false;
        while !self.at(close) {
            match self.kind() {
                T::Slash => {
                    let r = self.bump().range;
                    if a.args.is_empty() && a.posonlyargs.is_empty() && !seen_star {
                        self.error("at least one argument must precede /", r);
                    } else if seen_slash {
                        self.error("/ may appear only once", r);
                    } else if seen_star || seen_kwarg {
                        self.error("/ must be ahead of *", r);
                    }
                    seen_slash = true;
                    a.posonlyargs.append(&mut a.args);
                }
                T::Star => {
                    let star = self.bump().range;
                    if seen_star {
                        self.error("* argument may appear only once", star);
                    }
                    if seen_kwarg {
                        self.error("arguments cannot follow var-keyword argument", star);
                    }
                    seen_star = true;
                    if self.at(T::Name) {
                        let arg = self.parse_param(lambda, true);
                        if self.at(T::Equal) {
                            let r = self.range();
                            self.error("var-positional argument cannot have default value", r);
                            self.bump();
                            self.parse_expression();
                        }
                        a.vararg = Some(arg);
                    } else if self.at(close)
                        || (self.at(T::Comma)
                            && matches!(self.nth(1), T::RPar | T::DoubleStar | T::Colon))
                    {
                        self.error("named arguments must follow bare *", star);
                    } else if !self.at(T::Comma) {
                        self.invalid_syntax();
                        return a;
                    }
                }
                T::DoubleStar => {
                    let r = self.bump().range;
                    if seen_kwarg {
                        self.error("arguments cannot follow var-keyword argument", r);
                    }
                    if !self.at(T::Name) {
                        self.invalid_syntax();
                        return a;
                    }
                    let arg = self.parse_param(lambda, false);
                    if self.at(T::Equal) {
                        let r = self.range();
                        self.error("var-keyword argument cannot have default value", r);
                        self.bump();
                        self.parse_expression();
                    }
                    a.kwarg = Some(arg);
                    seen_kwarg = true;
                }
                T::Name => {
                    let arg = self.parse_param(lambda, false);
                    if seen_kwarg {
                        self.error("arguments cannot follow var-keyword argument", arg.range);
                    }
                    let default = if self.at(T::Equal) {
                        let eq = self.bump().range;
                        if matches!(self.kind(), T::RPar | T::Comma)
                            || (lambda && self.at(T::Colon))
                        {
                            self.error("expected default value expression", eq);
                            Some(invalid(eq))
                        } else {
                            Some(self.parse_expression())
                        }
                    } else {
                        None
                    };
                    if seen_star {
                        a.kwonlyargs.push(arg);
                        a.kw_defaults.push(default);
                    } else {
                        match default {
                            Some(d) => {
                                seen_default = true;
                                a.defaults.push(d);
                            }
                            None if seen_default => self
                                .error("non-default argument follows default argument", arg.range),
                            None => {}
                        }
                        a.args.push(arg);
                    }
                }
                T::LPar => {
                    let start = self.range();
                    let msg = if lambda {
                        "Lambda expression parameters cannot be parenthesized"
                    } else {
                        "Function parameters cannot be parenthesized"
                    };
                    let save = self.pos();
                    self.bump();
                    while self.at(T::Name) || self.at(T::Comma) {
                        self.bump();
                    }
                    if self.at(T::RPar) {
                        let end = self.range();
                        self.error(msg, TextRange::new(start.start, end.end));
                    } else {
                        self.rewind(save);
                        self.invalid_syntax();
                    }
                    return a;
                }
                _ => {
                    self.invalid_syntax();
                    return a;
                }
            }
            if !self.eat(T::Comma) {
                break;
            }
        }
        a
    }

    /// One parameter: a name and, outside lambdas, an optional annotation (`*args` may use a
    /// starred annotation).
    fn parse_param(&mut self, lambda: bool, star: bool) -> Arg {
        let t = self.bump();
        let name = Identifier {
            id: self.name_of(t),
            range: t.range,
        };
        let mut annotation = None;
        if !lambda && self.eat(T::Colon) {
            let e = if star && self.at(T::Star) {
                self.parse_starred()
            } else {
                self.parse_expression()
            };
            annotation = Some(Box::new(e));
        }
        let end = self.prev_end();
        Arg {
            arg: name,
            annotation,
            range: TextRange::new(t.range.start, end),
        }
    }

    /// A call: `func(` arguments `)`.
    pub fn parse_call(&mut self, start: u32, func: Expr) -> Expr {
        let open = self.bump().range.start;
        if !self.enter_bracket() {
            self.leave_bracket();
            return invalid(self.range_from(start));
        }
        let (args, keywords) = self.parse_arguments(open, true);
        self.leave_bracket();
        let range = self.range_from(start);
        node(
            ExprKind::Call {
                func: Box::new(func),
                args,
                keywords,
            },
            range,
        )
    }

    /// Arguments after an opening `(` at `open`, through the closing `)`.
    pub fn parse_arguments(&mut self, open: u32, allow_genexp: bool) -> (Vec<Expr>, Vec<Keyword>) {
        self.paren_depth += 1;
        let mut args: Vec<Expr> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut seen_dstar = false;
        // CPython reports argument order errors after the whole list, at the last token read.
        let mut order_error: Option<&str> = None;
        while !self.at(T::RPar) {
            match self.kind() {
                T::Star => {
                    let star = self.bump().range;
                    let value = self.parse_expression();
                    if seen_dstar && !self.line_failed {
                        self.error(
                            "iterable argument unpacking follows keyword argument unpacking",
                            star,
                        );
                    }
                    let range = self.range_from(star.start);
                    args.push(node(
                        ExprKind::Starred {
                            value: Box::new(value),
                            ctx: ExprContext::Load,
                        },
                        range,
                    ));
                }
                T::DoubleStar => {
                    let start = self.bump().range.start;
                    let value = self.parse_expression();
                    let range = self.range_from(start);
                    keywords.push(Keyword {
                        arg: None,
                        value,
                        range,
                    });
                    seen_dstar = true;
                }
                T::Name if self.nth(1) == T::Equal => {
                    let name = self.ident();
                    self.bump();
                    let value = self.parse_expression();
                    if matches!(self.kind(), T::For | T::Async) {
                        let r = name.as_ref().map_or(value.range, |n| n.range);
                        let eq = TextRange::new(r.start, r.end + 1);
                        self.error(
                            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                            eq,
                        );
                        self.parse_comprehension_clauses();
                    }
                    if let Some(arg) = name {
                        let range = self.range_from(arg.range.start);
                        keywords.push(Keyword {
                            arg: Some(arg),
                            value,
                            range,
                        });
                    }
                }
                T::True | T::False | T::None if self.nth(1) == T::Equal => {
                    let t = self.bump();
                    let eq = self.bump();
                    let msg = format!("cannot assign to {}", self.text(t));
                    self.error(msg, TextRange::new(t.range.start, eq.range.end));
                    self.parse_expression();
                }
                _ => {
                    let e = self.parse_arg_expression();
                    if matches!(self.kind(), T::For | T::Async) && !allow_genexp {
                        self.invalid_syntax();
                        args.push(e);
                        break;
                    } else if matches!(self.kind(), T::For | T::Async) {
                        let generators = self.parse_comprehension_clauses();
                        let sole = args.is_empty() && keywords.is_empty() && self.at(T::RPar);
                        if sole && allow_genexp {
                            let range = TextRange::new(open, self.range().end);
                            args.push(node(
                                ExprKind::GeneratorExp {
                                    elt: Box::new(e),
                                    generators,
                                },
                                range,
                            ));
                        } else {
                            let range = TextRange::new(e.range.start, self.prev_end());
                            self.error("Generator expression must be parenthesized", range);
                            args.push(node(
                                ExprKind::GeneratorExp {
                                    elt: Box::new(e),
                                    generators,
                                },
                                range,
                            ));
                        }
                    } else if self.at(T::Equal) {
                        let eq = self.range();
                        self.error(
                            "expression cannot contain assignment, perhaps you meant \"==\"?",
                            TextRange::new(e.range.start, eq.end),
                        );
                        self.bump();
                        self.parse_expression();
                    } else {
                        if order_error.is_none() && seen_dstar {
                            order_error =
                                Some("positional argument follows keyword argument unpacking");
                        } else if order_error.is_none() && !keywords.is_empty() {
                            order_error = Some("positional argument follows keyword argument");
                        }
                        args.push(e);
                    }
                }
            }
            if !self.eat(T::Comma) {
                break;
            }
        }
        self.paren_depth -= 1;
        if let Some(msg) = order_error {
            let r = self.range();
            self.error(msg, r);
        }
        self.expect_closing(T::RPar);
        (args, keywords)
    }
}

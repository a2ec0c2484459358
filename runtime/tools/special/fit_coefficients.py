#!/usr/bin/env python3
"""Fits the polynomial pieces behind io.gradgen.SpecialFunctionCoefficients.

Each piece approximates a smooth, non-vanishing function on a short interval by a Chebyshev
interpolant (mpmath.chebyfit, near-minimax), rewritten in powers of t = x - centre and rounded to
double. The functions are the ones the Java code multiplies by exactly computed root factors, so
that lgamma and digamma keep their relative accuracy at their roots:

  lgamma(1 + u) = u (u - 1) R1(u)          u in [0, 1/2]     (roots of lgamma at 1 and 2)
  lgamma(2 + v) = v R2(v)                  v in [-1/2, 1/2]  (root at 2)
  digamma(y)    = (y - x0) D(y)            y in [1, 3]       (x0 = 1.46163..., the positive root)

and, for the reflection formulas, the functions of sin(pi u) and cos(pi u) they need, as
polynomials in u^2 for u in [0, 1/4], so that pi u is never rounded and the Java code needs no
multiple of pi except through these coefficients:

  sin(pi u) / (pi u),  pi u cot(pi u),  pi tan(pi u) / u,  (pi u)^2 / sin^2(pi u),  pi^2 / cos^2(pi u)

The script picks each piece's degree as the smallest whose rounded coefficients meet the target
relative error (measured exactly in mpmath on a dense grid), prints the measured errors, and writes
runtime/src/main/java/io/gradgen/SpecialFunctionCoefficients.java. Run from the repository root:

    python3 runtime/tools/special/fit_coefficients.py

Needs mpmath (tested with 1.3.0). The reference values the tests use come from
generate_reference.py, which evaluates mpmath's own functions and shares nothing with this fit.
"""
import os
import sys

import mpmath as mp

mp.mp.dps = 50

TARGET = mp.mpf(2) ** -60   # truncation error of each fitted piece, well below one ulp (2^-53)
MAX_TERMS = 30

DIGAMMA_ROOT = mp.findroot(mp.digamma, mp.mpf('1.4616321449683623'))


def r1(u):
    if u == 0:
        return +mp.euler                                  # limit of lgamma(1+u) / (u (u-1))
    if u == 1:
        return mp.mpf(1) - mp.euler                       # (not reached: u <= 1/2)
    return mp.loggamma(1 + u) / (u * (u - 1))


def r2(v):
    if v == 0:
        return mp.digamma(2)
    return mp.loggamma(2 + v) / v


def d(y):
    if y == DIGAMMA_ROOT:
        return mp.psi(1, y)
    return mp.digamma(y) / (y - DIGAMMA_ROOT)


def sin_pi_over_pi_u(s):
    """sin(pi u) / (pi u) as a function of s = u^2."""
    if s == 0:
        return mp.mpf(1)
    u = mp.sqrt(s)
    return mp.sinpi(u) / (mp.pi * u)


def pi_u_cot_pi_u(s):
    """pi u cot(pi u) as a function of s = u^2."""
    if s == 0:
        return mp.mpf(1)
    u = mp.sqrt(s)
    return mp.pi * u * mp.cospi(u) / mp.sinpi(u)


def pi_tan_pi_u_over_u(s):
    """pi tan(pi u) / u as a function of s = u^2."""
    if s == 0:
        return mp.pi ** 2
    u = mp.sqrt(s)
    return mp.pi * mp.sinpi(u) / (mp.cospi(u) * u)


def pi_u_over_sin_pi_u_squared(s):
    """(pi u)^2 / sin^2(pi u) as a function of s = u^2."""
    if s == 0:
        return mp.mpf(1)
    u = mp.sqrt(s)
    return (mp.pi * u / mp.sinpi(u)) ** 2


def pi_over_cos_pi_u_squared(s):
    """pi^2 / cos^2(pi u) as a function of s = u^2."""
    return (mp.pi / mp.cospi(mp.sqrt(s))) ** 2


# (Java constant name, function, interval start, interval end, centre, what it is)
PIECES = [
    ('SIN_PI', sin_pi_over_pi_u, mp.mpf(0), mp.mpf(1) / 16, mp.mpf(0),
     'sin(πu) / (πu) for u in [0, 1/4], in powers of u²'),
    ('COT_PI', pi_u_cot_pi_u, mp.mpf(0), mp.mpf(1) / 16, mp.mpf(0),
     'πu cot(πu) for u in [0, 1/4], in powers of u²'),
    ('TAN_PI', pi_tan_pi_u_over_u, mp.mpf(0), mp.mpf(1) / 16, mp.mpf(0),
     'π tan(πu) / u for u in [0, 1/4], in powers of u²'),
    ('CSC2_PI', pi_u_over_sin_pi_u_squared, mp.mpf(0), mp.mpf(1) / 16, mp.mpf(0),
     '(πu)² / sin²(πu) for u in [0, 1/4], in powers of u²'),
    ('SEC2_PI', pi_over_cos_pi_u_squared, mp.mpf(0), mp.mpf(1) / 16, mp.mpf(0),
     'π² / cos²(πu) for u in [0, 1/4], in powers of u²'),
    ('LGAMMA_R1', r1, mp.mpf(0), mp.mpf('0.5'), mp.mpf('0.25'),
     'lgamma(1 + u) / (u (u - 1)) for u in [0, 1/2], in powers of u - 1/4'),
    ('LGAMMA_R2_NEG', r2, mp.mpf('-0.5'), mp.mpf(0), mp.mpf('-0.25'),
     'lgamma(2 + v) / v for v in [-1/2, 0], in powers of v + 1/4'),
    ('LGAMMA_R2_POS', r2, mp.mpf(0), mp.mpf('0.5'), mp.mpf('0.25'),
     'lgamma(2 + v) / v for v in [0, 1/2], in powers of v - 1/4'),
    ('DIGAMMA_D_1', d, mp.mpf(1), mp.mpf('1.5'), mp.mpf('1.25'),
     'digamma(y) / (y - x0) for y in [1, 3/2], in powers of y - 5/4'),
    ('DIGAMMA_D_2', d, mp.mpf('1.5'), mp.mpf(2), mp.mpf('1.75'),
     'digamma(y) / (y - x0) for y in [3/2, 2], in powers of y - 7/4'),
    ('DIGAMMA_D_3', d, mp.mpf(2), mp.mpf('2.5'), mp.mpf('2.25'),
     'digamma(y) / (y - x0) for y in [2, 5/2], in powers of y - 9/4'),
    ('DIGAMMA_D_4', d, mp.mpf('2.5'), mp.mpf(3), mp.mpf('2.75'),
     'digamma(y) / (y - x0) for y in [5/2, 3], in powers of y - 11/4'),
]


def fit(f, a, b, c):
    """Returns (coefficients as doubles, lowest power first, then the constant term's rounding
    error; measured max relative error of the rounded polynomial).

    The degree is the smallest whose Chebyshev interpolant is within TARGET of f (relative). The
    constant term is kept as a sum of two doubles: rounding it to one double alone would already
    cost up to half an ulp of the result."""
    g = lambda t: f(c + t)
    lo, hi = a - c, b - c
    grid = [lo + (hi - lo) * mp.mpf(i) / 2000 for i in range(2001)]
    exact = [g(t) for t in grid]
    smallest = min(abs(e) for e in exact)
    for n in range(4, MAX_TERMS + 1):
        poly, truncation = mp.chebyfit(g, [lo, hi], n, error=True)   # highest power first
        if truncation / smallest < TARGET:
            break
    else:
        raise SystemExit('no fit within %d terms' % MAX_TERMS)
    exact_coefficients = list(reversed(poly))
    coefficients = [float(q) for q in exact_coefficients]
    constant_lo = float(exact_coefficients[0] - mp.mpf(coefficients[0]))
    rounded = [mp.mpf(coefficients[0]) + mp.mpf(constant_lo)] + [mp.mpf(q) for q in coefficients[1:]]
    error = max(abs(mp.polyval(list(reversed(rounded)), t) / e - 1) for t, e in zip(grid, exact))
    return coefficients + [constant_lo], error


def java_array(name, comment, coefficients, error):
    *terms, constant_lo = coefficients
    lines = ['    /**',
             '     * %s, lowest power first.' % comment,
             '     * Max relative error as stored, with {@code %s_LOW}: %.1e.' % (name, error),
             '     */',
             '    static final double[] %s = {' % name]
    for q in terms:
        lines.append('        %s,' % repr(q))
    lines.append('    };')
    lines.append('')
    lines.append('    /** The rounding error of {@code %s[0]}. */' % name)
    lines.append('    static final double %s_LOW = %s;' % (name, repr(constant_lo)))
    return '\n'.join(lines)


def main():
    root_hi = float(DIGAMMA_ROOT)
    root_lo = float(DIGAMMA_ROOT - mp.mpf(root_hi))
    arrays = []
    for name, f, a, b, c, comment in PIECES:
        coefficients, error = fit(f, a, b, c)
        print('%-16s %2d terms, max relative error %.2e' % (name, len(coefficients) - 1, error),
              file=sys.stderr)
        arrays.append(java_array(name, comment, coefficients, error))
    body = '\n\n'.join(arrays)
    source = '''package io.gradgen;

/**
 * Polynomial coefficients for {@link Gamma}, {@link Polygamma} and {@link SpecialMath}, lowest
 * power first, each constant term with its rounding error beside it ({@code _LOW}). Generated by
 * {@code runtime/tools/special/fit_coefficients.py} (Chebyshev fits in mpmath, rounded to double);
 * edit the script, not this file.
 */
final class SpecialFunctionCoefficients {

    /** The positive root of digamma, x0 = 1.46163214496836234126..., as the double nearest it. */
    static final double DIGAMMA_ROOT_HI = %s;

    /** x0 - DIGAMMA_ROOT_HI, so that (y - HI) - LO is y - x0 to about 2^-106 relative. */
    static final double DIGAMMA_ROOT_LO = %s;

%s

    private SpecialFunctionCoefficients() {
    }
}
''' % (repr(root_hi), repr(root_lo), body)
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(here, '..', '..', 'src', 'main', 'java', 'io', 'gradgen',
                          'SpecialFunctionCoefficients.java')
    with open(os.path.normpath(target), 'w') as out:
        out.write(source)
    print('wrote', os.path.normpath(target), file=sys.stderr)


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""Writes runtime/src/test/resources/special/reference.csv: high-precision reference values for
io.gradgen.Functions' special functions, computed with mpmath's own functions (loggamma, psi, exp,
log), independently of the Java implementation and of fit_coefficients.py. Run from the repository
root:

    python3 runtime/tools/special/generate_reference.py

With --sample N --out FILE it writes random arguments instead, for a larger check of the same
bounds: run SpecialFunctionsReferenceTest with -Dgradgen.special.reference=FILE.

Each value is computed at 50 significant digits and again at 80; the two must round to the same
double (else the script stops), and that double, correctly rounded, is written. The CSV has the
columns function,x,y,expected,scale: y only for logAddExp; scale, for x < 0, is
max(|f(x)|, |f(1 - x)|), the size of the larger term of the reflection formula the Java code uses
there, against which its error is bounded where the two terms cancel. Every number is in Python's
round-trip repr (infinities as Java spells them), so the Java test parses exactly the doubles
written here and needs no Python. Points where a
function has a pole are left out (the Java test checks them as special values).
"""
import argparse
import math
import os
import random

import mpmath as mp
from mpmath.libmp import to_float

SEED = 20240616


def nearest_double(value):
    """The double nearest an mpf (to_float rounds down unless told otherwise)."""
    return to_float(value._mpf_, rnd='n')


def lgamma(x):
    x = mp.mpf(x)
    # the real part of the principal log-gamma is log|gamma| on the whole real line
    return mp.re(mp.loggamma(x))


def digamma(x):
    return mp.digamma(mp.mpf(x))


def trigamma(x):
    x = mp.mpf(x)
    if x < -1e4:
        # mpmath's psi(1, x) does not finish for x near -2^52; use the reflection formula
        # psi1(x) = pi^2 / sin^2(pi x) - psi1(1 - x), evaluated in the working precision
        return mp.pi ** 2 / mp.sinpi(x) ** 2 - mp.psi(1, 1 - x)
    return mp.psi(1, x)


def tetragamma(x):
    x = mp.mpf(x)
    if x < -1e4:
        # as trigamma: psi2(x) = psi2(1 - x) - 2 pi^3 cos(pi x) / sin^3(pi x)
        return mp.psi(2, 1 - x) - 2 * mp.pi ** 3 * mp.cospi(x) / mp.sinpi(x) ** 3
    return mp.psi(2, x)


def log_add_exp(a, b):
    a, b = mp.mpf(a), mp.mpf(b)
    return mp.log(mp.exp(a) + mp.exp(b))


def java(value):
    """The double as Double.parseDouble reads it back exactly."""
    if math.isinf(value):
        return 'Infinity' if value > 0 else '-Infinity'
    return repr(value)


def reference(f, *args):
    values = []
    for digits in (50, 80):
        with mp.workdps(digits):
            values.append(nearest_double(f(*args)))
    if values[0] != values[1] and not (math.isnan(values[0]) and math.isnan(values[1])):
        raise SystemExit('precision not enough for %s%s: %r vs %r' % (f.__name__, args, *values))
    return values[0]


def is_pole(x):
    return x <= 0 and x == math.floor(x)


def neighbours(x, count):
    """x and the count doubles on either side of it."""
    points = [x]
    up = down = x
    for _ in range(count):
        up = math.nextafter(up, math.inf)
        down = math.nextafter(down, -math.inf)
        points += [up, down]
    return points


def common_points(rng):
    points = []
    # tiny, and around 0 from both sides
    for t in (5e-324, 1e-320, 2.2250738585072014e-308, 1e-300, 1e-200, 1e-100, 1e-20, 1e-15,
              1e-10, 1e-8, 1e-5, 1e-3, 0.01, 0.1, 0.25, 0.4999999999999999):
        points += [t, -t]
    # negative non-integers: near the poles, halves, and large
    for n in range(0, 12):
        points += [-n - 0.5, -n - 1e-6, -n - 1 + 1e-6, -n - 0.25, -n - 0.75, -n - 1e-12, -n - 1 + 1e-12]
    points += [-2.999999, -100.3, -1000.7, -12345.6789, -1e5 - 0.5, -1e10 + 0.3,
               -4503599627370495.5, -170.5, -171.5, -200.25]
    # the dense moderate range 0.05 .. 20, integers and half-integers exactly on the grid
    points += [k * 0.05 for k in range(1, 401)]
    points += [float(k) for k in range(1, 41)] + [k + 0.5 for k in range(0, 40)]
    # large
    points += [30.0, 100.0, 1e3, 1e4 + 0.1, 1e5, 1e6, 1e10, 1e15, 1e17, 1e20, 1e50, 1e100, 1e200,
               1e300, 1.7976931348623157e308]
    # random samples: uniform where the structure is, log-uniform for scale
    points += [rng.uniform(0, 3) for _ in range(300)]
    points += [rng.uniform(3, 30) for _ in range(200)]
    points += [10 ** rng.uniform(-12, 12) for _ in range(200)]
    points += [10 ** rng.uniform(12, 300) for _ in range(50)]
    points += [rng.uniform(-20, 0) for _ in range(300)]
    points += [-(10 ** rng.uniform(1.3, 15)) for _ in range(100)]
    return points


def lgamma_points(rng):
    points = common_points(rng)
    # the roots at 1 and 2, approached from both sides
    for root in (1.0, 2.0):
        points += neighbours(root, 3)
        for d in (1e-15, 1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2):
            points += [root + d, root - d]
    # where lgamma overflows: 2.55e305 stays finite, beyond it is +inf
    points += [2.5e305, 2.55e305, 2.5563e305, 2.6e305, 1e306]
    return points


def digamma_points(rng):
    points = common_points(rng)
    root = 1.4616321449683623
    points += neighbours(root, 5)
    for d in (1e-15, 1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2):
        points += [root + d, root - d]
    # the ends of the fitted pieces
    points += neighbours(1.0, 2) + neighbours(1.5, 2) + neighbours(2.0, 2) + neighbours(2.5, 2)
    points += neighbours(3.0, 2) + neighbours(10.0, 2)
    return points


def polygamma_points(rng):
    points = common_points(rng)
    points += neighbours(10.0, 2)
    return points


def log_add_exp_points(rng):
    pairs = [(0.0, 0.0), (1.0, 2.0), (-1.0, -2.0), (1000.0, 1000.0), (-1000.0, -1000.0),
             (1000.0, 999.0), (-1000.0, -999.0), (1000.0, -1000.0), (-1000.0, 1000.0),
             (709.0, 709.0), (710.0, 0.0), (-745.0, -745.0), (1e-300, -1e-300), (30.0, -7.0),
             (-0.5, -0.5), (-0.6931471805599453, -0.6931471805599453), (1e300, 1e300),
             (-1e300, 5.0), (37.0, 0.0), (-37.0, 0.0), (36.04, 36.05)]
    pairs += [(rng.uniform(-50, 50), rng.uniform(-50, 50)) for _ in range(200)]
    pairs += [(rng.uniform(-800, 800), rng.uniform(-800, 800)) for _ in range(100)]
    base = [rng.uniform(-20, 20) for _ in range(100)]
    pairs += [(b, b + rng.uniform(-1e-3, 1e-3)) for b in base]
    return pairs


def random_points(rng, count):
    """Random arguments only, for a larger check than the committed CSV (--sample)."""
    points = [rng.uniform(0, 3) for _ in range(count)]
    points += [rng.uniform(3, 12) for _ in range(count // 2)]
    points += [10 ** rng.uniform(-300, 300) for _ in range(count // 4)]
    points += [rng.uniform(-12, 0) for _ in range(count)]
    points += [-(10 ** rng.uniform(1, 15.6)) for _ in range(count // 4)]
    for centre in (1.0, 2.0, 1.4616321449683623):
        points += [centre + rng.uniform(-1e-3, 1e-3) for _ in range(count // 8)]
    return points


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--sample', type=int, metavar='N',
                        help='instead of the committed reference points, about 4.4 N random ones '
                             'per function (no logAddExp), written to --out')
    parser.add_argument('--seed', type=int, default=SEED)
    parser.add_argument('--out', help='where to write the CSV (default: the test resource)')
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows = []
    if args.sample:
        points = random_points(rng, args.sample)
        functions = [(name, f, points) for name, f in
                     (('lgamma', lgamma), ('digamma', digamma), ('trigamma', trigamma),
                      ('tetragamma', tetragamma))]
    else:
        functions = [('lgamma', lgamma, lgamma_points(rng)),
                     ('digamma', digamma, digamma_points(rng)),
                     ('trigamma', trigamma, polygamma_points(rng)),
                     ('tetragamma', tetragamma, polygamma_points(rng))]
    for name, f, points in functions:
        for x in sorted(set(points)):
            if is_pole(x):
                continue
            expected = reference(f, x)
            scale = ''
            if x < 0:
                # the size of the larger term of the reflection formula, f(1 - x)
                reflected = reference(lambda t: f(1 - mp.mpf(t)), x)
                scale = java(max(abs(expected), abs(reflected)))
            rows.append('%s,%s,,%s,%s' % (name, java(x), java(expected), scale))
    if not args.sample:
        for a, b in log_add_exp_points(rng):
            rows.append('logAddExp,%s,%s,%s,' % (java(a), java(b), java(reference(log_add_exp, a, b))))
    here = os.path.dirname(os.path.abspath(__file__))
    target = args.out or os.path.normpath(os.path.join(here, '..', '..', 'src', 'test', 'resources',
                                                       'special', 'reference.csv'))
    os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
    with open(target, 'w') as out:
        out.write('# generated by runtime/tools/special/generate_reference.py (mpmath %s, seed %d)\n'
                  % (mp.__version__, args.seed))
        out.write('function,x,y,expected,scale\n')
        out.write('\n'.join(rows) + '\n')
    print('wrote %d rows to %s' % (len(rows), target))


if __name__ == '__main__':
    main()

# Statistics shared by several programs: the Wilson interval of a proportion, and the
# orthonormal Legendre basis the polynomial fits use.
import math


def wilson_interval(successes, trials):
    """The 95% Wilson score interval of a proportion."""
    z = 1.959963984540054
    p, z2n = successes / trials, z * z / trials
    centre = (p + z2n / 2) / (1 + z2n)
    half = z * math.sqrt(p * (1 - p) / trials + z2n / (4 * trials)) / (1 + z2n)
    return max(0.0, centre - half), min(1.0, centre + half)


def legendre_basis(x, degree):
    """sqrt(2j + 1)·P_j(2x − 1), j = 0..degree: Legendre polynomials, orthonormal on [0, 1]."""
    return np.polynomial.legendre.legvander(2 * x - 1, degree) * np.sqrt(2 * np.arange(degree + 1) + 1)

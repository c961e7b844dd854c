# Statistics shared by several programs: the Wilson interval of a proportion, the
# orthonormal Legendre basis the polynomial fits use, and the widgets' histograms.
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


def histogram(values, lo, hi, bins):
    """Share of the values in each of `bins` equal bins from lo to hi; values outside go to the end bins."""
    width = (hi - lo) / bins
    index = np.clip(np.floor((values.ravel() - lo) / width), 0, bins - 1).astype(int)
    return lo + width * np.arange(bins + 1), np.bincount(index, minlength=bins) / values.size

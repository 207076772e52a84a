#pragma once
// Deterministic randomness for the sandbox world: every random choice is a pure function of the
// seed and the coordinates of what is being generated (stream, hour bucket, item, comment...), so
// any item can be generated alone, in any order, and two runs with one seed agree bit for bit.
//
// Only integer mixing (splitmix64) and the libm functions exp/log/sqrt/cos, which are correctly
// rounded enough on one platform; never std::*_distribution (implementation-defined sequences).
//
// Thread safety: pure functions.

#include <cmath>
#include <cstdint>
#include <initializer_list>

namespace koubei::sandbox {

/// splitmix64's finaliser: a bijective 64-bit mix with full avalanche.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z += 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/// A hash of the seed and a list of coordinates; order matters.
constexpr std::uint64_t hash_of(std::uint64_t seed, std::initializer_list<std::uint64_t> parts) {
  std::uint64_t h = mix64(seed);
  for (std::uint64_t p : parts) h = mix64(h ^ mix64(p + 0x632BE59BD9B4E019ULL));
  return h;
}

/// Uniform in [0, 1) with 53 bits.
constexpr double unit_of(std::uint64_t h) {
  return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0);
}

/// Uniform in (0, 1]: safe under log().
constexpr double open_unit_of(std::uint64_t h) { return 1.0 - unit_of(h); }

/// A fixed sequence of draws for one generated thing: Draws d(hash); d.unit(); d.below(6)...
class Draws {
 public:
  explicit constexpr Draws(std::uint64_t h) : state_(h) {}

  constexpr std::uint64_t next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    return mix64(state_);
  }
  constexpr double unit() { return unit_of(next()); }
  /// Uniform integer in [0, n); n > 0.
  constexpr std::uint64_t below(std::uint64_t n) { return next() % n; }
  constexpr bool chance(double p) { return unit() < p; }

  /// Exponential with the given mean.
  double exponential(double mean) { return -mean * std::log(open_unit_of(next())); }

  /// Standard normal (Box-Muller).
  double normal() {
    double u1 = open_unit_of(next());
    double u2 = unit();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

  /// Log-normal with the given median and sigma (of the log).
  double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }

  /// Pareto (heavy tail) with scale x_min and shape alpha: P(X > x) = (x_min / x)^alpha.
  double pareto(double x_min, double alpha) {
    return x_min * std::pow(open_unit_of(next()), -1.0 / alpha);
  }

  /// Poisson with mean lambda: inversion below 30, a rounded normal above (counts only).
  std::uint64_t poisson(double lambda) {
    if (lambda <= 0) return 0;
    if (lambda > 30) {
      double x = lambda + std::sqrt(lambda) * normal() + 0.5;
      return x < 0 ? 0 : static_cast<std::uint64_t>(x);
    }
    double u = unit();
    double p = std::exp(-lambda);
    double cdf = p;
    std::uint64_t k = 0;
    while (u > cdf && k < 200) {
      ++k;
      p *= lambda / static_cast<double>(k);
      cdf += p;
    }
    return k;
  }

 private:
  std::uint64_t state_;
};

}  // namespace koubei::sandbox

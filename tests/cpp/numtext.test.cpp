// SPDX-License-Identifier: MIT
// crohn::numtext::parse_double against the C library's strtod, which it replaces in the
// WebAssembly modules (wasm/libc.cpp): the same double bit for bit and the same end position.
// Natively that is glibc's strtod, and ERANGE and the sign of "-nan" must agree as well; the wasm
// build of this suite compares with musl's strtod, which rounds alike but sets no ERANGE for a
// subnormal result and drops the sign of "-nan" (no caller in this project looks at either).
#include <catch2/catch.hpp>

#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "crohn/numtext.hpp"

namespace {

using crohn::numtext::parse_double;

uint64_t bits_of(double d) {
  uint64_t b = 0;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

// Compares with the C library; returns a description of the first difference ("" if none).
std::string parse_difference(const std::string& text) {
  char* lib_end = nullptr;
  char* own_end = nullptr;
  errno = 0;
  const double lib = std::strtod(text.c_str(), &lib_end);
  const bool lib_range = errno == ERANGE;
  errno = 0;
  const double own = parse_double(text.c_str(), &own_end);
  const bool own_range = errno == ERANGE;
#ifdef __EMSCRIPTEN__
  const bool strict = false;
#else
  const bool strict = true;
#endif
  const bool same = std::isnan(lib)
                        ? std::isnan(own) && (!strict || std::signbit(lib) == std::signbit(own))
                        : bits_of(lib) == bits_of(own);
  if (same && lib_end == own_end && (!strict || lib_range == own_range)) return "";
  char buf[160];
  std::snprintf(buf, sizeof buf,
                "strtod %.17g end %td erange %d; parse_double %.17g end %td erange %d",
                lib, lib_end - text.c_str(), lib_range, own, own_end - text.c_str(), own_range);
  return text.substr(0, 60) + ": " + buf;
}

double from_bits(uint64_t b) {
  double d = 0;
  std::memcpy(&d, &b, sizeof d);
  return d;
}

}  // namespace

TEST_CASE("parse_double reads what strtod reads, to the bit", "[numtext]") {
  const std::vector<std::string> cases = {
      "0", "-0", "0.0", ".5", "5.", "-.5e1", "+3", "12.5x", " \t\n42", "1e", "1e+", "1e-x", "2E3",
      "0.1", "0.2", "0.3", "1e22", "1e23", "9007199254740993", "9007199254740992.5",
      "123456789012345e10", "1234567890123456e7", "0.000000000000000000000000000001",
      "00000000000000000000001.5", "1.7976931348623157e308", "1.7976931348623158e308",
      "1.7976931348623159e308", "1e309", "-1e400", "2.2250738585072011e-308",
      "2.2250738585072012e-308", "4.9e-324", "2.4703282292062327e-324",
      "2.4703282292062328e-324", "1e-400", "8.5e-323",
      // the two neighbours of 1 + 2^-53 (the halfway point between 1 and the next double)
      "1.00000000000000011102230246251565404236316680908203125",
      "1.00000000000000011102230246251565404236316680908203124",
      "1.00000000000000011102230246251565404236316680908203126",
      std::string(400, '9'), "1" + std::string(810, '0') + "1e-810",
      "0." + std::string(900, '0') + "1e900", "inf", "-Infinity", "INFINITYx", "nan", "-nan",
      "nan(abc)", "nan(", "nanx"};
  for (const std::string& text : cases) CHECK(parse_difference(text) == "");
}

TEST_CASE("parse_double: nothing to read leaves end at the start", "[numtext]") {
  for (const char* text : {"", " ", "-", "+.", ".", "e5", "x1", "--1"}) {
    char* end = nullptr;
    CHECK(parse_double(text, &end) == 0.0);
    CHECK(end == text);
  }
  // Hexadecimal floats are not read (the WebAssembly modules never parse them): "0" then 'x'.
  const char* hex = "0x1p3";
  char* end = nullptr;
  CHECK(parse_double(hex, &end) == 0.0);
  CHECK(end == hex + 1);
}

TEST_CASE("parse_double agrees with strtod on random decimal text and on printed doubles",
          "[numtext]") {
  std::mt19937_64 rng(20240611);
  std::uniform_int_distribution<int> length(1, 40), digit(0, 9), exponent(-360, 330), coin(0, 3);
  std::string first_difference;
  for (int i = 0; i < 20000 && first_difference.empty(); ++i) {
    std::string text = coin(rng) == 0 ? "-" : "";
    const int n = length(rng);
    const int point = std::uniform_int_distribution<int>(0, n)(rng);
    for (int k = 0; k < n; ++k) {
      if (k == point && coin(rng)) text += '.';
      text += static_cast<char>('0' + digit(rng));
    }
    if (coin(rng)) text += "e" + std::to_string(exponent(rng));
    first_difference = parse_difference(text);
  }
  std::uniform_int_distribution<uint64_t> any_bits;
  for (int i = 0; i < 5000 && first_difference.empty(); ++i) {
    const double v = from_bits(any_bits(rng));
    if (!std::isfinite(v)) continue;
    char buf[80];
    for (int p : {10, 15, 16, 17, 25}) {
      std::snprintf(buf, sizeof buf, "%.*e", p, v);
      if (first_difference.empty()) first_difference = parse_difference(buf);
    }
    // The exact midpoint between v and the next double (a tie, rounded to even).
    const double next = std::nextafter(v, std::numeric_limits<double>::infinity());
    if (std::isfinite(next)) {
      std::snprintf(buf, sizeof buf, "%.40e", v / 2 + next / 2);
      if (first_difference.empty()) first_difference = parse_difference(buf);
    }
  }
  CHECK(first_difference == "");
}

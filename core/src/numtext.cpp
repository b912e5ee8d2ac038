// SPDX-License-Identifier: MIT
#include "crohn/numtext.hpp"

#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace crohn::numtext {

namespace {

// A non-negative big integer, 32-bit limbs, least significant first, no leading zero limbs.
class Big {
 public:
  explicit Big(uint64_t v = 0) {
    while (v) {
      limbs_.push_back(static_cast<uint32_t>(v));
      v >>= 32;
    }
  }

  bool zero() const { return limbs_.empty(); }

  void mul_add(uint32_t factor, uint32_t addend = 0) {
    uint64_t carry = addend;
    for (uint32_t& limb : limbs_) {
      carry += static_cast<uint64_t>(limb) * factor;
      limb = static_cast<uint32_t>(carry);
      carry >>= 32;
    }
    if (carry) limbs_.push_back(static_cast<uint32_t>(carry));
  }

  // Multiplies by 10^n.
  void mul_pow10(int n) {
    for (; n >= 9; n -= 9) mul_add(1000000000u);
    uint32_t rest = 1;
    for (; n > 0; --n) rest *= 10;
    mul_add(rest);
  }

  void shl(int bits) {
    if (zero() || bits <= 0) return;
    const int words = bits / 32, shift = bits % 32;
    if (shift) {
      uint32_t carry = 0;
      for (uint32_t& limb : limbs_) {
        const uint32_t next = limb >> (32 - shift);
        limb = (limb << shift) | carry;
        carry = next;
      }
      if (carry) limbs_.push_back(carry);
    }
    limbs_.insert(limbs_.begin(), static_cast<std::size_t>(words), 0u);
  }

  void shr1() {
    for (std::size_t i = 0; i < limbs_.size(); ++i) {
      limbs_[i] >>= 1;
      if (i + 1 < limbs_.size()) limbs_[i] |= limbs_[i + 1] << 31;
    }
    trim();
  }

  int bits() const {
    if (zero()) return 0;
    int n = static_cast<int>(limbs_.size() - 1) * 32;
    for (uint32_t top = limbs_.back(); top; top >>= 1) ++n;
    return n;
  }

  // -1, 0 or 1.
  int compare(const Big& other) const {
    if (limbs_.size() != other.limbs_.size()) return limbs_.size() < other.limbs_.size() ? -1 : 1;
    for (std::size_t i = limbs_.size(); i-- > 0;) {
      if (limbs_[i] != other.limbs_[i]) return limbs_[i] < other.limbs_[i] ? -1 : 1;
    }
    return 0;
  }

  // *this -= other (other <= *this).
  void sub(const Big& other) {
    int64_t borrow = 0;
    for (std::size_t i = 0; i < limbs_.size(); ++i) {
      int64_t d = static_cast<int64_t>(limbs_[i]) - borrow -
                  (i < other.limbs_.size() ? static_cast<int64_t>(other.limbs_[i]) : 0);
      borrow = d < 0;
      limbs_[i] = static_cast<uint32_t>(d + (borrow << 32));
    }
    trim();
  }

 private:
  void trim() {
    while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
  }
  std::vector<uint32_t> limbs_;
};

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Case-insensitive prefix match of a lower-case word.
bool starts_with(const char* s, const char* word) {
  for (; *word; ++s, ++word) {
    if (lower(*s) != *word) return false;
  }
  return true;
}

// Exactly representable powers of ten.
constexpr double kExactPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// Significant digits kept: a double halfway between two neighbours has at most 767 significant
// digits, so digits past this many only tell whether the value lies above the kept part.
constexpr std::size_t kMaxDigits = 800;

// D * 10^e for the digits D (no leading zeros, not all zero), rounded to nearest, ties to even;
// `more` says that nonzero digits were dropped after D.
double scale_exact(const std::string& digits, int e, bool more) {
  Big num, den(1);
  for (char c : digits) num.mul_add(10, static_cast<uint32_t>(c - '0'));
  if (e >= 0) num.mul_pow10(e);
  else den.mul_pow10(-e);
  // q = floor(num * 2^s / den) with 2^53 <= q < 2^55.
  const int s = 54 - num.bits() + den.bits();
  if (s >= 0) num.shl(s);
  else den.shl(-s);
  Big step = den;
  step.shl(55);
  uint64_t q = 0;
  for (int bit = 55; bit >= 0; --bit) {
    if (num.compare(step) >= 0) {
      num.sub(step);
      q |= uint64_t{1} << bit;
    }
    step.shr1();
  }
  const bool sticky = more || !num.zero();
  int qbits = 0;
  for (uint64_t t = q; t; t >>= 1) ++qbits;
  // value = (q + fraction) * 2^-s; keep 53 bits, fewer for a subnormal result.
  int drop = qbits - 53;
  int exponent = -s + drop;
  if (exponent < -1074) {
    drop += -1074 - exponent;
    exponent = -1074;
  }
  // drop >= 1 here (q has 54 or 55 bits). Underflow is reported, as glibc does, when the value
  // before rounding is below the smallest normal double and inexact.
  bool tiny = true;
  uint64_t m = 0;
  bool inexact = true;
  if (drop <= qbits) {  // else below half of the smallest subnormal: 0
    m = q >> drop;
    tiny = m < (uint64_t{1} << 52);
    const uint64_t rest = q & ((uint64_t{1} << drop) - 1);
    const uint64_t half = uint64_t{1} << (drop - 1);
    inexact = rest != 0 || sticky;
    if (rest > half || (rest == half && (sticky || (m & 1)))) ++m;
  }
  if (m == (uint64_t{1} << 53)) {
    m >>= 1;
    ++exponent;
  }
  if (exponent > 971) {
    errno = ERANGE;
    return std::numeric_limits<double>::infinity();
  }
  const double result = std::ldexp(static_cast<double>(m), exponent);
  if (tiny && inexact) errno = ERANGE;
  return result;
}

}  // namespace

double parse_double(const char* text, char** end) {
  const char* s = text;
  while (is_space(*s)) ++s;
  const bool negative = *s == '-';
  if (*s == '-' || *s == '+') ++s;
  auto finish = [&](const char* stop, double magnitude) {
    if (end) *end = const_cast<char*>(stop);
    return negative ? -magnitude : magnitude;
  };
  if (starts_with(s, "inf")) {
    return finish(s + (starts_with(s, "infinity") ? 8 : 3),
                  std::numeric_limits<double>::infinity());
  }
  if (starts_with(s, "nan")) {
    const char* stop = s + 3;
    if (*stop == '(') {
      const char* p = stop + 1;
      while ((*p >= '0' && *p <= '9') || (lower(*p) >= 'a' && lower(*p) <= 'z') || *p == '_') ++p;
      if (*p == ')') stop = p + 1;
    }
    return finish(stop, std::numeric_limits<double>::quiet_NaN());
  }
  std::string digits;   // significant digits, at most kMaxDigits
  bool more = false;    // nonzero digits dropped after them
  long exponent = 0;    // value = digits * 10^exponent
  bool any = false, point = false;
  for (;; ++s) {
    if (*s == '.' && !point) {
      point = true;
      continue;
    }
    if (*s < '0' || *s > '9') break;
    any = true;
    if (digits.empty() && *s == '0') {
      if (point) --exponent;
      continue;
    }
    if (digits.size() < kMaxDigits) {
      digits += *s;
      if (point) --exponent;
    } else {
      more = more || *s != '0';
      if (!point) ++exponent;
    }
  }
  if (!any) {
    if (end) *end = const_cast<char*>(text);
    return 0.0;
  }
  if (*s == 'e' || *s == 'E') {
    const char* p = s + 1;
    const bool minus = *p == '-';
    if (*p == '-' || *p == '+') ++p;
    if (*p >= '0' && *p <= '9') {
      long e = 0;
      for (; *p >= '0' && *p <= '9'; ++p) {
        if (e < 1000000) e = e * 10 + (*p - '0');
      }
      exponent += minus ? -e : e;
      s = p;
    }
  }
  if (digits.empty()) return finish(s, 0.0);
  while (digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
    ++exponent;
  }
  const long magnitude = static_cast<long>(digits.size()) + exponent;  // value < 10^magnitude
  if (magnitude > 310) {
    errno = ERANGE;
    return finish(s, std::numeric_limits<double>::infinity());
  }
  if (magnitude < -324) {
    errno = ERANGE;
    return finish(s, 0.0);
  }
  const int e = static_cast<int>(exponent);
  if (digits.size() <= 15 && !more && e >= -22 && e <= 22 + 15 - static_cast<int>(digits.size())) {
    // Fast path: the digits and the power of ten are exact doubles, so one operation rounds once.
    double d = 0;
    for (char c : digits) d = d * 10 + (c - '0');
    if (e < 0) return finish(s, d / kExactPow10[-e]);
    if (e > 22) return finish(s, d * kExactPow10[e - 22] * kExactPow10[22]);
    return finish(s, d * kExactPow10[e]);
  }
  return finish(s, scale_exact(digits, e, more));
}

}  // namespace crohn::numtext

// SPDX-License-Identifier: MIT
// Crohn Score: decimal text to double without the C library's strtod. The result is exact (the
// decimal value is compared in full with the neighbouring doubles and rounded once, ties to
// even), so it is what glibc's and musl's strtod give; the WebAssembly modules use it as their
// strtod (wasm/libc.cpp) instead of musl's, which computes in software 128-bit long double
// (docs/architecture.md, "WebAssembly build").
#pragma once

namespace crohn::numtext {

/// strtod for decimal text: optional leading white space, sign, digits with an optional point,
/// optional exponent; "inf", "infinity" and "nan" (any case, "nan(...)" too). Correctly rounded
/// (ties to even) for any number of digits; out-of-range values give +-HUGE_VAL or a
/// (sub)normal/zero result and errno ERANGE, as strtod does. Hexadecimal floats are not read:
/// "0x1p3" gives 0 and stops at the 'x', as a C90 strtod did. `end` (if not null) is set to the
/// first character not used (to `text` when nothing was read).
double parse_double(const char* text, char** end);

}  // namespace crohn::numtext

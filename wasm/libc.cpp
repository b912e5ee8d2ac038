// SPDX-License-Identifier: MIT
// Crohn Score: strtod for the WebAssembly modules. musl's strtod computes in 128-bit long double,
// which drags software quad-precision arithmetic into the module (about 7 KB of the gzipped
// size); crohn::numtext::parse_double gives the same correctly rounded results in plain double
// and big-integer arithmetic (tests/cpp/numtext.test.cpp compares it with the C library over
// millions of inputs). Linked into the modules only: the native build keeps the C library's.
// nlohmann/json's lexer and the cohort reader call strtod; libc++'s std::stof/std::stold refer to
// strtof/strtold (defined in the same musl object as strtod), which nothing here calls: they stop
// the module loudly rather than round a decimal twice.
#include <cstdlib>

#include "crohn/numtext.hpp"

extern "C" {

double strtod(const char* text, char** end) { return crohn::numtext::parse_double(text, end); }

float strtof(const char*, char**) { std::abort(); }

long double strtold(const char*, char**) { std::abort(); }

}

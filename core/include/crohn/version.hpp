// SPDX-License-Identifier: MIT
// Crohn Score: the one place that holds the version (set by CMake from project(VERSION)).
#pragma once

namespace crohn {

#ifndef CROHN_VERSION
#define CROHN_VERSION "0.0.0-dev"
#endif

/// Semantic version of the tool: shown by the CLI, the page and every export.
inline constexpr const char* kVersion = CROHN_VERSION;
/// Version of the JSON contract (request/response shapes and error codes).
inline constexpr int kApiVersion = 1;

}  // namespace crohn

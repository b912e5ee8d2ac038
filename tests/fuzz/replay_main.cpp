// SPDX-License-Identifier: MIT
// A main() for a fuzz target built without libFuzzer (any compiler): runs LLVMFuzzerTestOneInput
// once on every file given, or on every file of every directory given, in name order (missing
// paths are skipped; no input at all is an error). Used by
// the native and asan CTest runs to replay the saved regressions (tests/fuzz/regressions/) and
// the seed corpus. A crash or a failed oracle check aborts; otherwise it prints
// "NAME: N passed, 0 failed".
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg(argv[i]);
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      for (const auto& entry : fs::recursive_directory_iterator(arg)) {
        if (entry.is_regular_file() && entry.path().filename().string().front() != '.') {
          files.push_back(entry.path());
        }
      }
    } else if (fs::is_regular_file(arg, ec)) {
      files.push_back(arg);
    } else {
      // A target's regressions folder exists only once an input has been saved there.
      std::fprintf(stderr, "%s: skipping %s (does not exist)\n", argv[0], argv[i]);
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::fprintf(stderr, "%s: no inputs to replay\n", argv[0]);
    return 2;
  }
  std::size_t passed = 0;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "replay %s (%zu bytes)\n", file.string().c_str(), bytes.size());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    ++passed;
  }
  std::printf("%s: %zu passed, 0 failed\n", fs::path(argv[0]).filename().string().c_str(), passed);
  return 0;
}

// SPDX-License-Identifier: MIT
// operator new and delete under a mixed load: every block aligned, no two live blocks sharing a
// byte, the contents of each live block kept while others come and go. In the wasm build of this
// suite they are the main module's pools per size (wasm/alloc.cpp); natively, the C++ library's.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <new>
#include <random>
#include <string>
#include <vector>

namespace {

struct Block {
  unsigned char* bytes = nullptr;
  std::size_t size = 0;
  unsigned char fill = 0;
  int form = 0;  // 0 new, 1 new[], 2 nothrow new, 3 nothrow new[]
};

Block make(std::size_t size, unsigned char fill, int form) {
  void* p = nullptr;
  switch (form) {
    case 0: p = ::operator new(size); break;
    case 1: p = ::operator new[](size); break;
    case 2: p = ::operator new(size, std::nothrow); break;
    default: p = ::operator new[](size, std::nothrow); break;
  }
  auto* bytes = static_cast<unsigned char*>(p);
  std::fill(bytes, bytes + size, fill);
  return Block{bytes, size, fill, form};
}

void drop(const Block& b) {
  switch (b.form) {
    case 0: ::operator delete(b.bytes); break;
    case 1: ::operator delete[](b.bytes); break;
    case 2: ::operator delete(b.bytes, std::nothrow); break;
    default: ::operator delete[](b.bytes, b.size); break;
  }
}

bool intact(const Block& b) {
  return std::all_of(b.bytes, b.bytes + b.size, [&](unsigned char c) { return c == b.fill; });
}

}  // namespace

TEST_CASE("operator new gives aligned, disjoint blocks that keep their contents", "[alloc]") {
  std::mt19937 rng(5);
  // Mostly small (the pools' sizes), some across the 256-byte edge, a few large.
  std::discrete_distribution<int> kind({70, 20, 10});
  std::uniform_int_distribution<std::size_t> small(0, 64), edge(240, 280), large(281, 70000);
  std::uniform_int_distribution<int> form(0, 3);
  std::vector<Block> live;
  std::size_t misaligned = 0, overlapping = 0, damaged = 0;
  unsigned char next_fill = 1;
  for (int round = 0; round < 40; ++round) {
    for (int i = 0; i < 300; ++i) {
      const int k = kind(rng);
      const std::size_t size = k == 0 ? small(rng) : k == 1 ? edge(rng) : large(rng);
      live.push_back(make(size, next_fill, form(rng)));
      next_fill = static_cast<unsigned char>(next_fill % 250 + 1);
      if (reinterpret_cast<std::uintptr_t>(live.back().bytes) % __STDCPP_DEFAULT_NEW_ALIGNMENT__ != 0)
        ++misaligned;
    }
    // Free about half, in random order.
    std::shuffle(live.begin(), live.end(), rng);
    const std::size_t keep = live.size() / 2;
    for (std::size_t i = keep; i < live.size(); ++i) {
      if (!intact(live[i])) ++damaged;
      drop(live[i]);
    }
    live.resize(keep);
    // No two live blocks overlap (sorted by address, each ends before the next begins).
    std::vector<Block> sorted = live;
    std::sort(sorted.begin(), sorted.end(),
              [](const Block& a, const Block& b) { return a.bytes < b.bytes; });
    for (std::size_t i = 1; i < sorted.size(); ++i) {
      if (sorted[i - 1].bytes + std::max<std::size_t>(sorted[i - 1].size, 1) > sorted[i].bytes)
        ++overlapping;
    }
  }
  for (const Block& b : live) {
    if (!intact(b)) ++damaged;
    drop(b);
  }
  CHECK(misaligned == 0);
  CHECK(overlapping == 0);
  CHECK(damaged == 0);
}

TEST_CASE("strings survive heavy reuse of freed blocks", "[alloc]") {
  std::vector<std::string> texts;
  for (int round = 0; round < 200; ++round) {
    texts.clear();
    for (std::size_t i = 0; i < 100; ++i) {
      texts.push_back(std::string(i * 7 % 300, static_cast<char>('a' + i % 26)));
    }
    for (std::size_t i = 0; i < 100; ++i) {
      const std::string& t = texts[i];
      REQUIRE(t == std::string(i * 7 % 300, static_cast<char>('a' + i % 26)));
    }
  }
}

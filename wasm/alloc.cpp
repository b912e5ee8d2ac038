// SPDX-License-Identifier: MIT
// Crohn Score: operator new and delete for the main WebAssembly module, with a free list per size.
// An evaluation allocates and frees some hundreds of small objects (nlohmann/json's map nodes,
// strings and arrays; the response's strings), nearly all under 256 bytes. emmalloc, the
// module's malloc (chosen for size), spent about a sixth of each evaluation on them; dlmalloc is
// faster but 1.9 KB larger, which the module's budget has no room for (docs/architecture.md,
// "WebAssembly build"). Here each request up to kMaxPooled bytes is rounded up to a multiple of
// 8 and served from that size's free list, or cut from a 64 KB chunk that emmalloc provides;
// anything larger goes to emmalloc. A freed block goes back on its size's list, so the memory
// stays with the module for the next evaluation (bounded by the largest number of blocks of each
// size alive at once). An 8-byte header before each block holds its size class (0: emmalloc's),
// which keeps the blocks 8-aligned (__STDCPP_DEFAULT_NEW_ALIGNMENT__ here; over-aligned types use
// libc++'s aligned operator new, not these). The module is single-threaded. Running out of
// memory stops the module (there are no exceptions to throw std::bad_alloc with), as libc++'s
// own operator new does in these builds. The Catch2 suite's wasm build links this file too, so
// the whole suite runs on it (tests/cpp/alloc.test.cpp adds a test of its own).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace {

constexpr std::size_t kGranule = 8;  // size step, alignment and header size
constexpr std::size_t kMaxPooled = 256;
constexpr std::size_t kClasses = kMaxPooled / kGranule;
constexpr std::size_t kChunk = 64 * 1024;
constexpr std::uint32_t kFromMalloc = 0;

struct FreeBlock {
  FreeBlock* next;
};

FreeBlock* free_lists[kClasses + 1];  // by size class 1..kClasses
char* chunk_next = nullptr;           // the unused rest of the current chunk
char* chunk_end = nullptr;

void* allocate(std::size_t size) {
  // Decided on `size` itself: rounding a size near SIZE_MAX up would wrap to a small class.
  if (size <= kMaxPooled) {
    const std::size_t size_class = size == 0 ? 1 : (size + kGranule - 1) / kGranule;
    if (FreeBlock* block = free_lists[size_class]) {
      free_lists[size_class] = block->next;
      return block;
    }
    const std::size_t bytes = (size_class + 1) * kGranule;  // with the header
    if (static_cast<std::size_t>(chunk_end - chunk_next) < bytes) {
      // The rest of the old chunk (under 264 bytes) is left unused.
      chunk_next = static_cast<char*>(std::malloc(kChunk));
      if (!chunk_next) std::abort();
      chunk_end = chunk_next + kChunk;
    }
    char* header = chunk_next;
    chunk_next += bytes;
    *reinterpret_cast<std::uint32_t*>(header) = static_cast<std::uint32_t>(size_class);
    return header + kGranule;
  }
  char* header = size > SIZE_MAX - kGranule ? nullptr
                                            : static_cast<char*>(std::malloc(size + kGranule));
  if (!header) std::abort();
  *reinterpret_cast<std::uint32_t*>(header) = kFromMalloc;
  return header + kGranule;
}

void release(void* block) noexcept {
  if (!block) return;
  char* header = static_cast<char*>(block) - kGranule;
  const std::uint32_t size_class = *reinterpret_cast<std::uint32_t*>(header);
  if (size_class == kFromMalloc) {
    std::free(header);
    return;
  }
  auto* freed = static_cast<FreeBlock*>(block);
  freed->next = free_lists[size_class];
  free_lists[size_class] = freed;
}

}  // namespace

// Every replaceable form without an alignment argument: a block from any of them is released by
// any of them (one left to libc++ would hand this release() a block without a header, or free()
// a block of a pool).
void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return allocate(size); }
void operator delete(void* block) noexcept { release(block); }
void operator delete[](void* block) noexcept { release(block); }
void operator delete(void* block, std::size_t) noexcept { release(block); }
void operator delete[](void* block, std::size_t) noexcept { release(block); }
void operator delete(void* block, const std::nothrow_t&) noexcept { release(block); }
void operator delete[](void* block, const std::nothrow_t&) noexcept { release(block); }

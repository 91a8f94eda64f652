#include "kiosk/net/curl_memory.h"

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>

#include "kiosk/core/secret.h"

namespace kiosk::net {
namespace {

std::atomic<unsigned long long> g_zeroed{0};

// glibc (and ASan's allocator) know each block's usable size, so a block can be zeroed
// whole before free without a header of our own.
void zero_block(void* block) noexcept {
  if (block == nullptr) return;
  wipe(block, malloc_usable_size(block));
  g_zeroed.fetch_add(1, std::memory_order_relaxed);
}

void* curl_malloc(std::size_t size) {
  return std::malloc(size);
}

void curl_free(void* block) {
  zero_block(block);
  std::free(block);
}

// Never std::realloc: it may move the block and free the old one unzeroed.
void* curl_realloc(void* block, std::size_t size) {
  if (block == nullptr) return std::malloc(size);
  if (size == 0) {
    curl_free(block);
    return nullptr;
  }
  void* grown = std::malloc(size);
  if (grown == nullptr) return nullptr;  // the old block stays valid, as realloc promises
  std::memcpy(grown, block, std::min(size, malloc_usable_size(block)));
  curl_free(block);
  return grown;
}

char* curl_strdup(const char* text) {
  const std::size_t size = std::strlen(text) + 1;
  auto* copy = static_cast<char*>(std::malloc(size));
  if (copy != nullptr) std::memcpy(copy, text, size);
  return copy;
}

void* curl_calloc(std::size_t count, std::size_t size) {
  return std::calloc(count, size);
}

}  // namespace

CURLcode global_init_with_zeroing_allocator() {
  return curl_global_init_mem(CURL_GLOBAL_DEFAULT, curl_malloc, curl_free, curl_realloc,
                              curl_strdup, curl_calloc);
}

unsigned long long curl_blocks_zeroed() {
  return g_zeroed.load(std::memory_order_relaxed);
}

}  // namespace kiosk::net

#include "kiosk/net/curl_memory.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <cstring>

#include "kiosk/core/secret.h"

namespace kiosk::net {
namespace {

std::atomic<unsigned long long> g_zeroed{0};

void* curl_malloc(std::size_t size) {
  return std::malloc(size);
}

void curl_free(void* block) {
  if (block != nullptr) g_zeroed.fetch_add(1, std::memory_order_relaxed);
  free_zeroed(block);
}

void* curl_realloc(void* block, std::size_t size) {
  if (block != nullptr) g_zeroed.fetch_add(1, std::memory_order_relaxed);
  return realloc_zeroed(block, size);
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

void* openssl_malloc(std::size_t size, const char*, int) {
  return std::malloc(size);
}
void* openssl_realloc(void* block, std::size_t size, const char*, int) {
  return realloc_zeroed(block, size);
}
void openssl_free(void* block, const char*, int) {
  free_zeroed(block);
}

}  // namespace

bool zero_openssl_heap() {
  return CRYPTO_set_mem_functions(openssl_malloc, openssl_realloc, openssl_free) == 1;
}

CURLcode global_init_with_zeroing_allocator() {
  return curl_global_init_mem(CURL_GLOBAL_DEFAULT, curl_malloc, curl_free, curl_realloc,
                              curl_strdup, curl_calloc);
}

unsigned long long curl_blocks_zeroed() {
  return g_zeroed.load(std::memory_order_relaxed);
}

}  // namespace kiosk::net

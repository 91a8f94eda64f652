#include "kiosk/core/secret.h"

#include <malloc.h>
#include <sodium.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace kiosk {
namespace {

bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;  // thread-safe, idempotent
  return ready;
}

}  // namespace

Result<Secret> Secret::with_capacity(std::size_t capacity) {
  if (!sodium_ready()) return fail(Errc::Internal, "libsodium could not start");
  // sodium_malloc(0) is allowed but useless; one byte keeps data_ non-null.
  void* memory = sodium_malloc(capacity == 0 ? 1 : capacity);
  if (memory == nullptr) {
    return fail(Errc::Internal, "no locked memory for a secret (RLIMIT_MEMLOCK?)");
  }
  Secret secret;
  secret.data_ = static_cast<char*>(memory);
  secret.capacity_ = capacity;
  return secret;
}

Result<Secret> Secret::copy_of(std::string_view value) {
  auto secret = with_capacity(value.size());
  if (secret) (void)secret->append(value);
  return secret;
}

Secret::~Secret() {
  release();
}

Secret::Secret(Secret&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      capacity_(std::exchange(other.capacity_, 0)) {}

Secret& Secret::operator=(Secret&& other) noexcept {
  if (this != &other) {
    release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
    capacity_ = std::exchange(other.capacity_, 0);
  }
  return *this;
}

bool Secret::append(std::string_view bytes) {
  if (bytes.size() > capacity_ - size_) return false;
  if (!bytes.empty()) std::memcpy(data_ + size_, bytes.data(), bytes.size());
  size_ += bytes.size();
  return true;
}

void Secret::pop_back() {
  if (size_ == 0) return;
  --size_;
  sodium_memzero(data_ + size_, 1);
}

void Secret::clear() {
  if (data_ != nullptr) sodium_memzero(data_, size_);
  size_ = 0;
}

void Secret::release() noexcept {
  if (data_ != nullptr) sodium_free(data_);  // zeroes, unlocks and unmaps
  data_ = nullptr;
  size_ = capacity_ = 0;
}

void wipe(void* data, std::size_t size) noexcept {
  if (data != nullptr && size > 0) sodium_memzero(data, size);
}

void free_zeroed(void* block) noexcept {
  if (block == nullptr) return;
  wipe(block, malloc_usable_size(block));
  std::free(block);
}

void* realloc_zeroed(void* block, std::size_t size) noexcept {
  if (block == nullptr) return std::malloc(size);
  if (size == 0) {
    free_zeroed(block);
    return nullptr;
  }
  void* grown = std::malloc(size);
  if (grown == nullptr) return nullptr;  // the old block stays valid, as realloc promises
  std::memcpy(grown, block, std::min(size, malloc_usable_size(block)));
  free_zeroed(block);
  return grown;
}

}  // namespace kiosk

// Memory for the few values that must never reach the disk, a log or a core dump in the
// clear: the full Aadhaar number and the RD Service's PID block (docs/privacy.md).
//
//   [X] libsodium's sodium_malloc: guard pages around it, mlock()ed (never swapped) and
//       excluded from core dumps (MADV_DONTDUMP), zeroed by sodium_free
//   [X] fixed capacity chosen up front: it never reallocates, so no copy is left behind
//   [X] move-only; clear() and the destructor zero it
//   [X] reading it gives a string_view into the locked pages, never a std::string
//
// A value lives in exactly one Secret. Whoever reads it through view() must not copy it
// into ordinary memory (std::string, a JSON value, a log line); code that needs a transformed
// copy (a JSON body, a masked form) writes into another Secret or computes the mask from it.
#pragma once

#include <cstddef>
#include <string_view>

#include "kiosk/core/result.h"

namespace kiosk {

class Secret {
 public:
  Secret() = default;  // empty, no capacity
  // Locked memory for up to `capacity` bytes. Internal when libsodium cannot lock or
  // allocate it (RLIMIT_MEMLOCK): the caller must then not handle the value at all.
  static Result<Secret> with_capacity(std::size_t capacity);
  static Result<Secret> copy_of(std::string_view value);  // capacity = its size

  ~Secret();
  Secret(Secret&& other) noexcept;
  Secret& operator=(Secret&& other) noexcept;
  Secret(const Secret&) = delete;
  Secret& operator=(const Secret&) = delete;

  std::string_view view() const { return {data_, size_}; }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }

  // False, changing nothing, when it would not fit.
  bool append(std::string_view bytes);
  bool push_back(char c) { return append(std::string_view(&c, 1)); }
  void pop_back();  // zeroes the byte it drops
  void clear();     // zeroes what it held; keeps the capacity

  // Raw access for a library that writes in place (curl's body callback writes through
  // append()); `data()` stays valid until the Secret is destroyed or moved from.
  const char* data() const { return data_; }

 private:
  void release() noexcept;
  char* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// Zeroes ordinary memory in a way the compiler may not drop (sodium_memzero).
void wipe(void* data, std::size_t size) noexcept;

// A heap that zeroes what it gives back, for C libraries that take an allocator and see
// secrets pass through their buffers (libcurl, expat). glibc's (and ASan's) allocator knows
// each block's usable size, so no header of our own is needed. realloc never moves a block
// with std::realloc, which would free the old one unzeroed.
void free_zeroed(void* block) noexcept;
void* realloc_zeroed(void* block, std::size_t size) noexcept;

}  // namespace kiosk

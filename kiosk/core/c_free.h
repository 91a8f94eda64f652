// A unique_ptr deleter for a C library's free function, so every C handle has its RAII
// owner in one line: `std::unique_ptr<X509, CFree<&X509_free>>`.
#pragma once

namespace kiosk {

template <auto Free>
struct CFree {
  template <class T>
  void operator()(T* p) const noexcept {
    Free(p);
  }
};

}  // namespace kiosk

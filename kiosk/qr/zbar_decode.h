// The second opinion: zbar 0.23 (Debian's libzbar) on a frame ZXing read nothing in. On the
// bench corpus (docs/benchmarks.md) each library reads frames the other misses, so a frame
// is given to zbar once before it counts as empty. QR Code and Code 128 only (zbar has no
// PDF417 decoder).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kiosk/qr/image_decode.h"

namespace kiosk::qr::detail {

// `pixels` is luma with `pixel_step` bytes between pixels (1 grey, 2 YUYV) and `stride`
// between rows; checked by the caller.
std::vector<DecodedSymbol> zbar_read(std::span<const std::uint8_t> pixels, int width, int height,
                                     int stride, int pixel_step, const DecodeOptions& options);

}  // namespace kiosk::qr::detail

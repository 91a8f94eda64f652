// QR codes drawn by the kiosk: on screen (the UPI collect QR, the receipt QR) and on
// 203-dpi thermal receipts, with the ZXing-cpp 1.4 writer.
//
//  [X] Error correction level M (15% of codewords recoverable): the usual level for
//      payment QRs; H would push a 120-byte UPI URI from version 7 to version 10.
//  [X] Screens: 8-bit grey, `module_px` pixels per module, `quiet_modules` of white around.
//  [X] Receipts: 1-bit rows, MSB first, 1 = black (ESC/POS `GS v 0`, the layout of
//      text::MonoBitmap), exactly `max_width_dots` wide (384 on 58 mm, 576 on 80 mm paper),
//      the largest whole number of dots per module that fits with a 4-module quiet zone
//      (ISO/IEC 18004), the symbol centred.
//  [X] Text must be UTF-8; too long for a version-40 symbol -> InvalidInput.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "kiosk/core/image.h"
#include "kiosk/core/result.h"

namespace kiosk::qr {

// One channel (Image::channels == 1), 0 = black, 255 = white, rows without padding.
using GreyImage = kiosk::Image;

// 1-bit raster, MSB first, 1 = black; same layout as text::MonoBitmap.
struct MonoRaster {
  int width = 0;        // dots
  int height = 0;       // dots
  int stride = 0;       // bytes per row = width / 8
  int module_dots = 0;  // dots per QR module
  std::vector<std::uint8_t> bits;
  bool black(int x, int y) const { return (bits[y * stride + x / 8] >> (7 - x % 8)) & 1; }
};

inline constexpr int kQrQuietModules = 4;     // ISO/IEC 18004 minimum quiet zone
inline constexpr int kQrMinModuleDots = 2;    // 1 dot = 0.125 mm at 203 dpi: phones miss it
inline constexpr int kQrMaxImageSide = 4096;  // pixels, same bound as the decoder

// Screen pixels; module_px 1..64, quiet_modules 0..64, the image at most 4096 wide.
Result<GreyImage> qr_pixels(std::string_view text, int module_px, int quiet_modules);

// Receipt raster `max_width_dots` wide (a multiple of 8, 64..2048).
Result<MonoRaster> qr_raster(std::string_view text, int max_width_dots);

}  // namespace kiosk::qr

#include "kiosk/qr/qr_generate.h"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <fmt/format.h>

#include <exception>
#include <string>

#include "kiosk/text/utf8.h"

namespace kiosk::qr {
namespace {

// MultiFormatWriter takes an ECC level 0..8 and maps it to L/M/Q/H as (level - 1) / 2
// (1.4; older releases level / 2): 3 is M either way.
constexpr int kEccLevelM = 3;

// The symbol, one entry per module, no quiet zone (ZXing's margin 0 at size 0x0).
struct Modules {
  int size = 0;
  ZXing::BitMatrix matrix;
};

Result<Modules> encode(std::string_view text) {
  if (!text::decode_utf8(text)) return fail(Errc::InvalidInput, "QR text is not UTF-8");
  try {
    auto matrix = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                      .setEccLevel(kEccLevelM)
                      .setMargin(0)
                      .encode(std::string(text), 0, 0);
    const int size = matrix.width();
    return Modules{size, std::move(matrix)};
  } catch (const std::exception& e) {
    // The writer throws std::invalid_argument when the data outgrows version 40.
    return fail(Errc::InvalidInput,
                fmt::format("QR text of {} bytes cannot be encoded: {}", text.size(), e.what()));
  }
}

}  // namespace

Result<GreyImage> qr_pixels(std::string_view text, int module_px, int quiet_modules) {
  if (module_px < 1 || module_px > 64 || quiet_modules < 0 || quiet_modules > 64) {
    return fail(Errc::InvalidInput, "qr_pixels: module_px must be 1..64, quiet_modules 0..64");
  }
  auto modules = encode(text);
  if (!modules) return std::unexpected(modules.error());
  const int side = (modules->size + 2 * quiet_modules) * module_px;
  if (side > kQrMaxImageSide) {
    return fail(Errc::InvalidInput,
                fmt::format("qr_pixels: {} px is wider than {}", side, kQrMaxImageSide));
  }
  GreyImage image{side, side, 1,
                  std::vector<std::uint8_t>(static_cast<std::size_t>(side) * side, 255)};
  const int offset = quiet_modules * module_px;
  for (int y = 0; y < modules->size * module_px; ++y) {
    std::uint8_t* row = image.pixels.data() + static_cast<std::size_t>(offset + y) * side + offset;
    for (int x = 0; x < modules->size * module_px; ++x) {
      if (modules->matrix.get(x / module_px, y / module_px)) row[x] = 0;
    }
  }
  return image;
}

Result<MonoRaster> qr_raster(std::string_view text, int max_width_dots) {
  if (max_width_dots < 64 || max_width_dots > 2048 || max_width_dots % 8 != 0) {
    return fail(Errc::InvalidInput, "qr_raster: width must be a multiple of 8 in 64..2048 dots");
  }
  auto modules = encode(text);
  if (!modules) return std::unexpected(modules.error());
  const int n = modules->size;
  const int dots = max_width_dots / (n + 2 * kQrQuietModules);
  if (dots < kQrMinModuleDots) {
    return fail(
        Errc::InvalidInput,
        fmt::format("qr_raster: a {}-module symbol does not fit {} dots at {} dots a module", n,
                    max_width_dots, kQrMinModuleDots));
  }
  MonoRaster r;
  r.width = max_width_dots;
  r.height = (n + 2 * kQrQuietModules) * dots;
  r.stride = max_width_dots / 8;
  r.module_dots = dots;
  r.bits.assign(static_cast<std::size_t>(r.stride) * r.height, 0);
  const int left = (r.width - n * dots) / 2;  // centred; at least the quiet zone each side
  const int top = kQrQuietModules * dots;
  for (int y = 0; y < n * dots; ++y) {
    std::uint8_t* row = r.bits.data() + static_cast<std::size_t>(top + y) * r.stride;
    for (int x = 0; x < n * dots; ++x) {
      if (!modules->matrix.get(x / dots, y / dots)) continue;
      const int px = left + x;
      row[px / 8] |= static_cast<std::uint8_t>(0x80 >> (px % 8));  // MSB = leftmost dot
    }
  }
  return r;
}

}  // namespace kiosk::qr

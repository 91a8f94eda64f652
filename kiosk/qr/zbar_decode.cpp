#include "kiosk/qr/zbar_decode.h"

#include <zbar.h>

#include <memory>

namespace kiosk::qr::detail {
namespace {

struct ScannerDestroy {
  void operator()(zbar::zbar_image_scanner_t* s) const { zbar::zbar_image_scanner_destroy(s); }
};
struct ImageDestroy {
  void operator()(zbar::zbar_image_t* i) const { zbar::zbar_image_destroy(i); }
};

constexpr unsigned long kY800 =
    'Y' | ('8' << 8) | ('0' << 16) | (static_cast<unsigned long>('0') << 24);

// zbar wants width × height contiguous luma: rows and pixel steps are packed here.
std::vector<std::uint8_t> packed_luma(std::span<const std::uint8_t> pixels, int width, int height,
                                      int stride, int pixel_step) {
  std::vector<std::uint8_t> out(static_cast<std::size_t>(width) * height);
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* row = pixels.data() + static_cast<std::size_t>(y) * stride;
    for (int x = 0; x < width; ++x)
      out[static_cast<std::size_t>(y) * width + x] = row[x * pixel_step];
  }
  return out;
}

}  // namespace

std::vector<DecodedSymbol> zbar_read(std::span<const std::uint8_t> pixels, int width, int height,
                                     int stride, int pixel_step, const DecodeOptions& options) {
  std::unique_ptr<zbar::zbar_image_scanner_t, ScannerDestroy> scanner(
      zbar::zbar_image_scanner_create());
  std::unique_ptr<zbar::zbar_image_t, ImageDestroy> image(zbar::zbar_image_create());
  if (!scanner || !image) return {};
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
  if (options.qr_code)
    zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
  if (options.code128)
    zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_CODE128, zbar::ZBAR_CFG_ENABLE,
                                        1);
  // zbar returns QR content converted to UTF-8 by default; binary keeps the bytes as stored,
  // as ZXing's bytes() does.
  zbar::zbar_image_scanner_set_config(scanner.get(), zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_BINARY, 1);
  auto luma = packed_luma(pixels, width, height, stride, pixel_step);
  zbar::zbar_image_set_format(image.get(), kY800);
  zbar::zbar_image_set_size(image.get(), static_cast<unsigned>(width),
                            static_cast<unsigned>(height));
  zbar::zbar_image_set_data(image.get(), luma.data(), luma.size(), nullptr);  // borrowed
  std::vector<DecodedSymbol> out;
  if (zbar::zbar_scan_image(scanner.get(), image.get()) <= 0) return out;
  for (const zbar::zbar_symbol_t* s = zbar::zbar_image_first_symbol(image.get()); s != nullptr;
       s = zbar::zbar_symbol_next(s)) {
    const auto type = zbar::zbar_symbol_get_type(s);
    const SymbolFormat format = type == zbar::ZBAR_QRCODE    ? SymbolFormat::QrCode
                                : type == zbar::ZBAR_CODE128 ? SymbolFormat::Code128
                                                             : SymbolFormat::Other;
    out.push_back({format,
                   std::string(zbar::zbar_symbol_get_data(s), zbar::zbar_symbol_get_data_length(s)),
                   BinarizerUsed::Zbar});
  }
  return out;
}

}  // namespace kiosk::qr::detail

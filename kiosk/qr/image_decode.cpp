#include "kiosk/qr/image_decode.h"

#include "kiosk/qr/zbar_decode.h"

// ZXing-cpp 1.4's Result.h prints a #pragma message unless ZX_USE_UTF8 is defined. It is
// left undefined on purpose: the macro changes the inline Result::text() between TUs.
// This file never calls text() and reads the content with bytes() instead.
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/ReadBarcode.h>
#include <fmt/format.h>
#include <stb_image.h>

#include <exception>
#include <memory>
#include <system_error>

namespace kiosk::qr {
namespace {

ZXing::BarcodeFormats formats_of(const DecodeOptions& o) {
  ZXing::BarcodeFormats formats;
  if (o.qr_code) formats |= ZXing::BarcodeFormat::QRCode;
  if (o.code128) formats |= ZXing::BarcodeFormat::Code128;
  if (o.pdf417) formats |= ZXing::BarcodeFormat::PDF417;
  return formats;
}

SymbolFormat format_of(ZXing::BarcodeFormat f) {
  switch (f) {
    case ZXing::BarcodeFormat::QRCode:
      return SymbolFormat::QrCode;
    case ZXing::BarcodeFormat::Code128:
      return SymbolFormat::Code128;
    case ZXing::BarcodeFormat::PDF417:
      return SymbolFormat::Pdf417;
    default:
      return SymbolFormat::Other;
  }
}

std::vector<DecodedSymbol> read(const ZXing::ImageView& view, ZXing::BarcodeFormats formats,
                                BinarizerUsed binarizer) {
  ZXing::DecodeHints hints;
  hints.setFormats(formats);
  hints.setBinarizer(binarizer == BinarizerUsed::LocalAverage ? ZXing::Binarizer::LocalAverage
                                                              : ZXing::Binarizer::GlobalHistogram);
  std::vector<DecodedSymbol> out;
  for (const auto& r : ZXing::ReadBarcodes(view, hints)) {
    if (!r.isValid()) continue;
    const auto& bytes = r.bytes();
    out.push_back({format_of(r.format()), std::string(bytes.begin(), bytes.end()), binarizer});
  }
  return out;
}

// The default binarizer, then (if allowed and it found nothing) one global-histogram pass.
Result<std::vector<DecodedSymbol>> read_with_retry(const ZXing::ImageView& view,
                                                   const DecodeOptions& options) {
  const auto formats = formats_of(options);
  if (formats.empty()) return fail(Errc::InvalidInput, "decode: no barcode format enabled");
  try {
    auto found = read(view, formats, BinarizerUsed::LocalAverage);
    if (found.empty() && options.retry == Retry::GlobalHistogramOnce) {
      found = read(view, formats, BinarizerUsed::GlobalHistogram);
    }
    return found;
  } catch (const std::exception& e) {
    // ZXing reports trouble by exception (bad_alloc, internal asserts); keep it here.
    return fail(Errc::Internal, fmt::format("decode: ZXing failed: {}", e.what()));
  }
}

// Geometry and buffer size agree, within the size bound. `bytes_per_pixel` is 1 or 2.
Status check_frame(std::size_t size, int width, int height, int stride, int bytes_per_pixel) {
  if (width <= 0 || height <= 0 || width > kMaxDecodeSide || height > kMaxDecodeSide) {
    return fail(Errc::InvalidInput, fmt::format("decode: {}x{} is outside 1..{} pixels a side",
                                                width, height, kMaxDecodeSide));
  }
  const std::size_t row = static_cast<std::size_t>(width) * bytes_per_pixel;
  if (stride < 0 || static_cast<std::size_t>(stride) < row) {
    return fail(Errc::InvalidInput, fmt::format("decode: stride {} is shorter than a row", stride));
  }
  const std::size_t needed = static_cast<std::size_t>(stride) * (height - 1) + row;
  if (size < needed) {
    return fail(Errc::InvalidInput,
                fmt::format("decode: {} bytes for a frame that needs {}", size, needed));
  }
  return {};
}

struct StbFree {
  void operator()(stbi_uc* p) const { stbi_image_free(p); }
};

}  // namespace

Result<std::vector<DecodedSymbol>> decode_grey(std::span<const std::uint8_t> pixels, int width,
                                               int height, int stride,
                                               const DecodeOptions& options) {
  if (auto ok = check_frame(pixels.size(), width, height, stride, 1); !ok) {
    return std::unexpected(ok.error());
  }
  auto found = read_with_retry(
      ZXing::ImageView(pixels.data(), width, height, ZXing::ImageFormat::Lum, stride), options);
  if (found && found->empty() && options.zbar_fallback)
    return detail::zbar_read(pixels, width, height, stride, 1, options);
  return found;
}

Result<std::vector<DecodedSymbol>> decode_yuyv(std::span<const std::uint8_t> frame, int width,
                                               int height, int stride,
                                               const DecodeOptions& options) {
  if (width % 2 != 0) return fail(Errc::InvalidInput, "decode: a YUYV frame has an even width");
  if (auto ok = check_frame(frame.size(), width, height, stride, 2); !ok) {
    return std::unexpected(ok.error());
  }
  // YUYV is Y0 U0 Y1 V0: luma is every even byte, so a Lum view with a pixel stride of 2.
  auto found = read_with_retry(
      ZXing::ImageView(frame.data(), width, height, ZXing::ImageFormat::Lum, stride, 2), options);
  if (found && found->empty() && options.zbar_fallback)
    return detail::zbar_read(frame, width, height, stride, 2, options);
  return found;
}

Result<std::vector<DecodedSymbol>> decode_image_file(const std::filesystem::path& file,
                                                     const DecodeOptions& options) {
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(file, ec);
  if (ec) {
    return fail(Errc::NotFound, fmt::format("{}: cannot read ({})", file.string(), ec.message()));
  }
  if (bytes > kMaxImageFileBytes) {
    return fail(Errc::InvalidInput,
                fmt::format("{}: {} bytes, over the 64 MiB limit", file.string(), bytes));
  }
  // Header first, so a 30000×30000 PNG is refused before stb allocates for it.
  int w = 0, h = 0, n = 0;
  if (!stbi_info(file.c_str(), &w, &h, &n)) {
    return fail(Errc::InvalidInput,
                fmt::format("{}: not a readable image ({})", file.string(), stbi_failure_reason()));
  }
  if (w > kMaxDecodeSide || h > kMaxDecodeSide) {
    return fail(Errc::InvalidInput, fmt::format("{}: {}x{} is larger than {}x{}", file.string(), w,
                                                h, kMaxDecodeSide, kMaxDecodeSide));
  }
  std::unique_ptr<stbi_uc, StbFree> grey(stbi_load(file.c_str(), &w, &h, &n, 1));  // 1 = grey
  if (!grey) {
    return fail(Errc::InvalidInput,
                fmt::format("{}: not a readable image ({})", file.string(), stbi_failure_reason()));
  }
  const std::size_t size = static_cast<std::size_t>(w) * h;
  return decode_grey(std::span<const std::uint8_t>(grey.get(), size), w, h, w, options);
}

std::string_view to_string(SymbolFormat format) {
  switch (format) {
    case SymbolFormat::QrCode:
      return "qr-code";
    case SymbolFormat::Code128:
      return "code128";
    case SymbolFormat::Pdf417:
      return "pdf417";
    case SymbolFormat::Other:
      return "other";
  }
  return "other";
}

}  // namespace kiosk::qr

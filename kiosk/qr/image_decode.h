// Reading QR codes (and Code 128 / PDF417) from camera frames and image files with
// ZXing-cpp 1.4. Pure code: frames come in as memory, the camera driver lives elsewhere.
//
// Measured on this machine (anchors.md, 288 generated frames): ZXing 1.4's default
// local-average binarizer misreads washed-out symbols (grey squeezed into 90..160);
// retrying a frame that gave nothing ONCE with the global-histogram binarizer lifted
// success from 74% / 80% to 84% / 89% (640×480 / 1280×720) for +0.25 ms median, and
// neither binarizer ever returned a wrong text.
//
//  [X] Grey frames (width, height, stride) and packed YUYV 4:2:2 frames (luma read in
//      place, every other byte; no copy).
//  [X] PNG / JPEG / BMP files through stb_image, converted to grey by stb.
//  [X] QR Code, Code 128 and PDF417 (all in ZXing-cpp 1.4's reader); rotation tried.
//  [X] One retry with Binarizer::GlobalHistogram when the default finds nothing; each
//      symbol says which binarizer read it.
//  [X] Bounds: at most 4096×4096 pixels, files at most 64 MiB; buffers checked against
//      the geometry before ZXing sees them.
//  [X] A frame ZXing reads nothing in goes to zbar (libzbar) once (zbar_decode.h).
//  [X] Nothing found is an empty vector, not an error: most camera frames hold no code.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::qr {

inline constexpr int kMaxDecodeSide = 4096;                      // pixels, width and height
inline constexpr std::uintmax_t kMaxImageFileBytes = 64u << 20;  // 64 MiB

enum class SymbolFormat { QrCode, Code128, Pdf417, Other };
// Zbar: ZXing read nothing, zbar did (zbar_decode.h).
enum class BinarizerUsed { LocalAverage, GlobalHistogram, Zbar };
enum class Retry { GlobalHistogramOnce, Never };

struct DecodeOptions {
  bool qr_code = true;
  bool code128 = true;
  bool pdf417 = true;
  Retry retry = Retry::GlobalHistogramOnce;
  bool zbar_fallback = true;  // a frame ZXing read nothing in goes to zbar once
};

struct DecodedSymbol {
  SymbolFormat format = SymbolFormat::Other;
  // The content bytes as stored in the symbol, without ECI markers: ASCII for UPI, Bharat
  // QR, receipt and Secure QR payloads, UTF-8 or ISO-8859-1 for free text.
  std::string text;
  BinarizerUsed binarizer = BinarizerUsed::LocalAverage;
};

// An 8-bit luma frame: `stride` bytes from one row to the next (>= width).
Result<std::vector<DecodedSymbol>> decode_grey(std::span<const std::uint8_t> pixels, int width,
                                               int height, int stride,
                                               const DecodeOptions& options = {});

// A packed YUYV (Y0 U Y1 V) frame, as UVC webcams send it: width even, stride >= 2*width.
Result<std::vector<DecodedSymbol>> decode_yuyv(std::span<const std::uint8_t> frame, int width,
                                               int height, int stride,
                                               const DecodeOptions& options = {});

// NotFound for a missing file, InvalidInput for one stb_image cannot read or that is
// too large.
Result<std::vector<DecodedSymbol>> decode_image_file(const std::filesystem::path& file,
                                                     const DecodeOptions& options = {});

std::string_view to_string(SymbolFormat format);

}  // namespace kiosk::qr

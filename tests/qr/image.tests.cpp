// QR generation (screen pixels, receipt raster) and decoding (grey, YUYV, files), each
// checked by sending the writer's output back through the reader.
#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <stb_image_write.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "kiosk/qr/image_decode.h"
#include "kiosk/qr/qr_generate.h"
#include "kiosk/qr/upi.h"
#include "tests/support/paths.h"
#include "tests/support/qr_frames.h"

using kiosk::Errc;
using namespace kiosk::qr;

namespace {

// 117 bytes: version 7 at ECC level M.
std::string collect_uri() {
  UpiPayment p;
  p.pa = "csc.kiosk@sbi";
  p.pn = "CSC KIOSK";
  p.am = rupees_from_paise(3000);
  p.cu = "INR";
  p.tn = "Birth certificate fee";
  p.tr = "CG-RPR-0042-20261128-000123";
  return build_upi_uri(p);
}

std::span<const std::uint8_t> bytes(const std::vector<std::uint8_t>& v) {
  return v;
}

// The grey image pasted at (x, y) into a `w`×`h` frame filled with `background`.
std::vector<std::uint8_t> frame_with(const GreyImage& code, int w, int h, int x, int y,
                                     std::uint8_t background) {
  std::vector<std::uint8_t> frame(static_cast<std::size_t>(w) * h, background);
  for (int row = 0; row < code.height; ++row) {
    for (int col = 0; col < code.width; ++col) {
      frame[static_cast<std::size_t>(y + row) * w + x + col] = code.pixels[row * code.width + col];
    }
  }
  return frame;
}

// Packed YUYV with neutral chroma (U = V = 128) and `pad` spare bytes at each row's end.
std::vector<std::uint8_t> yuyv_of(const GreyImage& grey, int pad) {
  const int stride = grey.width * 2 + pad;
  std::vector<std::uint8_t> out(static_cast<std::size_t>(stride) * grey.height, 0xEE);
  for (int y = 0; y < grey.height; ++y) {
    for (int x = 0; x < grey.width; ++x) {
      out[y * stride + 2 * x] = grey.pixels[y * grey.width + x];
      out[y * stride + 2 * x + 1] = 128;
    }
  }
  return out;
}

// The raster expanded to grey, one pixel per dot (1 = black = 0).
GreyImage grey_of(const MonoRaster& r) {
  GreyImage g{r.width, r.height, 1,
              std::vector<std::uint8_t>(static_cast<std::size_t>(r.width) * r.height)};
  for (int y = 0; y < r.height; ++y) {
    for (int x = 0; x < r.width; ++x) g.pixels[y * r.width + x] = r.black(x, y) ? 0 : 255;
  }
  return g;
}

GreyImage grey_of(const ZXing::BitMatrix& m, int quiet) {
  const int w = m.width() + 2 * quiet, h = m.height() + 2 * quiet;
  GreyImage g{w, h, 1, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h, 255)};
  for (int y = 0; y < m.height(); ++y) {
    for (int x = 0; x < m.width(); ++x) {
      if (m.get(x, y)) g.pixels[(y + quiet) * w + x + quiet] = 0;
    }
  }
  return g;
}

}  // namespace

TEST_CASE("A UPI QR drawn by the writer decodes back from grey pixels", "[qr][image]") {
  const std::string uri = collect_uri();
  REQUIRE(uri.size() == 117);
  const auto code = qr_pixels(uri, 4, 4);
  REQUIRE(code);
  CHECK(code->channels == 1);
  // ECC level M: 117 bytes need version 7 (45 modules); L would fit version 6 (41).
  CHECK(code->width == (45 + 8) * 4);
  CHECK(code->height == code->width);

  const auto found = decode_grey(code->pixels, code->width, code->height, code->width);
  REQUIRE(found);
  REQUIRE(found->size() == 1);
  CHECK(found->front().format == SymbolFormat::QrCode);
  CHECK(found->front().text == uri);
  CHECK(found->front().binarizer == BinarizerUsed::LocalAverage);
  CHECK(parse_upi_uri(found->front().text)->am == "30.00");

  // The same symbol inside a 640×480 frame with padded rows (stride 700).
  auto padded = frame_with(*code, 700, 480, 100, 20, 255);
  const auto in_frame = decode_grey(bytes(padded), 640, 480, 700);
  REQUIRE(in_frame);
  REQUIRE(in_frame->size() == 1);
  CHECK(in_frame->front().text == uri);
}

TEST_CASE("A UPI QR written as PNG and JPEG with stb decodes from the file", "[qr][image]") {
  const auto dir = kiosk::testing::scratch_dir("qr-image-file");
  const std::string uri = collect_uri();
  const auto code = qr_pixels(uri, 3, 4);
  REQUIRE(code);
  const auto png = dir / "upi.png";
  REQUIRE(stbi_write_png(png.c_str(), code->width, code->height, 1, code->pixels.data(),
                         code->width) != 0);
  const auto from_png = decode_image_file(png);
  REQUIRE(from_png);
  REQUIRE(from_png->size() == 1);
  CHECK(from_png->front().text == uri);

  // A colour JPEG (lossy, 3 channels) goes through stb's grey conversion.
  std::vector<std::uint8_t> rgb;
  for (const auto v : code->pixels) rgb.insert(rgb.end(), {v, v, v});
  const auto jpg = dir / "upi.jpg";
  REQUIRE(stbi_write_jpg(jpg.c_str(), code->width, code->height, 3, rgb.data(), 90) != 0);
  const auto from_jpg = decode_image_file(jpg);
  REQUIRE(from_jpg);
  REQUIRE(from_jpg->size() == 1);
  CHECK(from_jpg->front().text == uri);
}

TEST_CASE("A YUYV camera frame built from the grey image decodes", "[qr][image]") {
  const std::string uri = collect_uri();
  const auto code = qr_pixels(uri, 4, 4);
  REQUIRE(code);
  const GreyImage frame{640, 480, 1, frame_with(*code, 640, 480, 150, 30, 255)};
  const auto yuyv = yuyv_of(frame, 32);
  const auto found = decode_yuyv(bytes(yuyv), 640, 480, 640 * 2 + 32);
  REQUIRE(found);
  REQUIRE(found->size() == 1);
  CHECK(found->front().text == uri);

  CHECK(decode_yuyv(bytes(yuyv), 639, 480, 640 * 2 + 32).error().code == Errc::InvalidInput);
  CHECK_FALSE(decode_yuyv(bytes(yuyv), 640, 480, 640));  // stride shorter than a row
}

TEST_CASE("A washed-out frame fails the default binarizer and decodes on the retry",
          "[qr][image]") {
  // anchors.md: ZXing 1.4's local-average binarizer misreads symbols squeezed into grey
  // 90..160. Here: a code held close (12 px a module) in a dim, slightly noisy 640×480
  // frame (under 500 rows, so ZXing does not downscale it first).
  const auto code = qr_pixels("upi://pay?pa=csc.kiosk@sbi&pn=CSC%20KIOSK&am=30.00&cu=INR", 12, 0);
  REQUIRE(code);
  GreyImage squeezed = *code;
  for (auto& v : squeezed.pixels) v = static_cast<std::uint8_t>(90 + v * 70 / 255);
  auto frame =
      frame_with(squeezed, 640, 480, (640 - code->width) / 2, (480 - code->height) / 2, 160);
  std::uint32_t seed = 12345;  // a fixed LCG: the same ±10 noise on every run
  for (auto& v : frame) {
    seed = seed * 1664525u + 1013904223u;
    v = static_cast<std::uint8_t>(v + static_cast<int>((seed >> 16) % 21) - 10);
  }

  const auto without_retry =
      decode_grey(bytes(frame), 640, 480, 640, {.retry = Retry::Never, .zbar_fallback = false});
  REQUIRE(without_retry);
  CHECK(without_retry->empty());

  const auto with_retry = decode_grey(bytes(frame), 640, 480, 640, {.zbar_fallback = false});
  REQUIRE(with_retry);
  REQUIRE(with_retry->size() == 1);
  CHECK(with_retry->front().binarizer == BinarizerUsed::GlobalHistogram);
  CHECK(with_retry->front().text == "upi://pay?pa=csc.kiosk@sbi&pn=CSC%20KIOSK&am=30.00&cu=INR");
}

TEST_CASE("The receipt raster is 384 or 576 dots wide and decodes when expanded",
          "[qr][image][printer]") {
  const std::string uri = collect_uri();
  for (const int width : {384, 576}) {
    INFO(width);
    const auto raster = qr_raster(uri, width);
    REQUIRE(raster);
    CHECK(raster->width == width);
    CHECK(raster->stride == width / 8);
    CHECK(raster->module_dots == width / (45 + 8));  // largest whole size with quiet zones
    CHECK(raster->height == (45 + 8) * raster->module_dots);
    CHECK(raster->bits.size() == static_cast<std::size_t>(raster->stride) * raster->height);
    CHECK_FALSE(raster->black(0, raster->height / 2));  // quiet zone
    const auto grey = grey_of(*raster);
    const auto found = decode_grey(grey.pixels, grey.width, grey.height, grey.width);
    REQUIRE(found);
    REQUIRE(found->size() == 1);
    CHECK(found->front().text == uri);
  }
  CHECK(qr_raster(uri, 383).error().code == Errc::InvalidInput);  // not whole bytes
  CHECK(qr_raster(std::string(2000, '7'), 64).error().code == Errc::InvalidInput);
}

TEST_CASE("Generation refuses bad sizes and text that does not fit", "[qr][image]") {
  CHECK_FALSE(qr_pixels("x", 0, 4));
  CHECK_FALSE(qr_pixels("x", 4, -1));
  CHECK_FALSE(qr_pixels(std::string(3000, 'x'), 1, 4));   // over version 40-M's 2331 bytes
  CHECK_FALSE(qr_pixels("\xC3(", 4, 4));                  // not UTF-8
  CHECK_FALSE(qr_pixels(std::string(2000, '7'), 64, 4));  // wider than 4096 px
}

TEST_CASE("Code 128 and PDF417 symbols are read too", "[qr][image]") {
  const auto code128 = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::Code128)
                           .setMargin(20)
                           .encode(std::string("CG-RPR-0042-20261128-000123"), 600, 80);
  const auto c = grey_of(code128, 0);
  const auto found128 = decode_grey(c.pixels, c.width, c.height, c.width);
  REQUIRE(found128);
  REQUIRE(found128->size() == 1);
  CHECK(found128->front().format == SymbolFormat::Code128);
  CHECK(found128->front().text == "CG-RPR-0042-20261128-000123");

  const auto pdf = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::PDF417)
                       .setMargin(20)
                       .encode(std::string("csckiosk:r1:CG-RPR-0042-20261128-000123"), 600, 200);
  const auto p = grey_of(pdf, 0);
  const auto found_pdf = decode_grey(p.pixels, p.width, p.height, p.width);
  REQUIRE(found_pdf);
  REQUIRE(found_pdf->size() == 1);
  CHECK(found_pdf->front().format == SymbolFormat::Pdf417);
  CHECK(to_string(found_pdf->front().format) == "pdf417");

  // Formats can be switched off.
  const auto qr_only = decode_grey(c.pixels, c.width, c.height, c.width, {.code128 = false});
  REQUIRE(qr_only);
  CHECK(qr_only->empty());
}

TEST_CASE("An unreadable or oversized image gives a clear error", "[qr][image]") {
  const auto dir = kiosk::testing::scratch_dir("qr-image-bad");
  const auto junk = dir / "junk.png";
  std::ofstream(junk) << "this is not a PNG";
  const auto bad = decode_image_file(junk);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == Errc::InvalidInput);
  CHECK(bad.error().message.find("not a readable image") != std::string::npos);

  const auto missing = decode_image_file(dir / "missing.png");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == Errc::NotFound);

  // 4097 pixels wide: refused from the header, before decoding.
  const std::vector<std::uint8_t> row(4097, 255);
  const auto wide = dir / "wide.png";
  REQUIRE(stbi_write_png(wide.c_str(), 4097, 1, 1, row.data(), 4097) != 0);
  const auto too_wide = decode_image_file(wide);
  REQUIRE_FALSE(too_wide);
  CHECK(too_wide.error().message.find("larger than 4096x4096") != std::string::npos);

  CHECK_FALSE(decode_grey(bytes(row), 4097, 1, 4097));
  CHECK_FALSE(decode_grey(bytes(row), 64, 65, 64));  // 4097 bytes for 4160 pixels
  CHECK_FALSE(decode_grey(bytes(row), 0, 1, 0));

  // An empty image decodes to nothing, without error.
  const std::vector<std::uint8_t> blank(640 * 480, 255);
  const auto nothing = decode_grey(bytes(blank), 640, 480, 640);
  REQUIRE(nothing);
  CHECK(nothing->empty());
}

TEST_CASE("A frame ZXing reads nothing in goes to zbar, which reads it", "[qr][image][zbar]") {
  // From the QR bench's corpus (docs/benchmarks.md): a 2,500-digit Secure-QR-sized code at
  // 3 px a module, washed out into grey 90..160, in a 1280×720 frame.
  namespace qf = kiosk::testing::qrframes;
  const auto f =
      qf::make_frame(qf::payload_text(qf::Payload::Aadhaar), true, 3, 1280, 720, qf::kLowContrast);
  const auto zxing_alone = decode_grey(bytes(f.grey), 1280, 720, 1280, {.zbar_fallback = false});
  REQUIRE(zxing_alone);
  CHECK(zxing_alone->empty());  // the control: ZXing, with its own retry, misses this frame
  const auto kiosk = decode_grey(bytes(f.grey), 1280, 720, 1280);
  REQUIRE(kiosk);
  REQUIRE(kiosk->size() == 1);
  CHECK(kiosk->front().binarizer == BinarizerUsed::Zbar);
  CHECK(kiosk->front().format == SymbolFormat::QrCode);
  CHECK(kiosk->front().text == f.expected);
  // The same through the YUYV path (luma in every other byte, a padded stride).
  std::vector<std::uint8_t> yuyv(static_cast<std::size_t>(2568) * 720, 128);
  for (int y = 0; y < 720; ++y)
    for (int x = 0; x < 1280; ++x)
      yuyv[static_cast<std::size_t>(y) * 2568 + 2 * x] =
          f.grey[static_cast<std::size_t>(y) * 1280 + x];
  const auto from_yuyv = decode_yuyv(bytes(yuyv), 1280, 720, 2568);
  REQUIRE(from_yuyv);
  REQUIRE(from_yuyv->size() == 1);
  CHECK(from_yuyv->front().binarizer == BinarizerUsed::Zbar);
  CHECK(from_yuyv->front().text == f.expected);
}

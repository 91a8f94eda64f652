// Camera frames: recorded GREY and YUYV frames and image files decode; against a decoder the
// test holds blocked, a stream of frames keeps at most one decode in flight and drops the
// stale ones.
#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <latch>
#include <thread>

#include "kiosk/camera/frame_decoder.h"
#include "kiosk/camera/frame_feed.h"
#include "kiosk/core/image.h"
#include "kiosk/qr/qr_generate.h"
#include "tests/support/eventually.h"
#include "tests/support/paths.h"

using namespace kiosk;
using namespace kiosk::camera;
using namespace std::chrono_literals;

namespace {

const std::string kUpi = "upi://pay?pa=csc.kiosk@sbi&pn=CSC%20KIOSK&am=40.00&cu=INR";

// A 640×480 grey frame with the code in its middle, on paper-white.
std::vector<std::uint8_t> grey_frame(const std::string& text) {
  auto code = qr::qr_pixels(text, 6, 4);
  REQUIRE(code);
  std::vector<std::uint8_t> frame(640 * 480, 235);
  const int x0 = (640 - code->width) / 2, y0 = (480 - code->height) / 2;
  for (int y = 0; y < code->height; ++y)
    for (int x = 0; x < code->width; ++x)
      frame[(y0 + y) * 640 + x0 + x] = code->pixels[y * code->width + x];
  return frame;
}

std::vector<std::uint8_t> yuyv_of(const std::vector<std::uint8_t>& grey) {
  std::vector<std::uint8_t> out(grey.size() * 2, 128);
  for (std::size_t i = 0; i < grey.size(); ++i) out[2 * i] = grey[i];
  return out;
}

std::string first_text(const Frame& f) {
  auto found = FrameDecoder::kiosk_decoder()(f);
  REQUIRE(found);
  return found->empty() ? "" : found->front().text;
}

}  // namespace

TEST_CASE("Recorded GREY and YUYV frames of QR codes decode", "[camera][frames]") {
  const auto dir = testing::scratch_dir("camera-raw");
  const auto blank = std::vector<std::uint8_t>(640 * 480, 200);
  {
    std::ofstream grey(dir / "grey.raw", std::ios::binary),
        yuyv(dir / "yuyv.raw", std::ios::binary);
    for (const auto& f :
         {blank, grey_frame(kUpi), grey_frame("csckiosk:r1:CG-RPR-0042-20261207-000009")}) {
      grey.write(reinterpret_cast<const char*>(f.data()), static_cast<std::streamsize>(f.size()));
      const auto y = yuyv_of(f);
      yuyv.write(reinterpret_cast<const char*>(y.data()), static_cast<std::streamsize>(y.size()));
    }
  }
  for (const auto format : {PixelFormat::Grey, PixelFormat::Yuyv}) {
    auto source = RawFrameSource::open(
        dir / (format == PixelFormat::Grey ? "grey.raw" : "yuyv.raw"), {format, 640, 480});
    REQUIRE(source);
    std::vector<std::string> texts;
    while (true) {
      auto frame = source->next();
      REQUIRE(frame);
      if (!*frame) break;
      CHECK((*frame)->format == format);
      texts.push_back(first_text(**frame));
    }
    CHECK(texts == std::vector<std::string>{"", kUpi, "csckiosk:r1:CG-RPR-0042-20261207-000009"});
  }
  std::ofstream(dir / "cut.raw", std::ios::binary) << std::string(1000, 'x');
  auto cut = RawFrameSource::open(dir / "cut.raw", {PixelFormat::Grey, 640, 480});
  REQUIRE(cut);
  CHECK_FALSE(cut->next());  // a frame cut short is an error, not a frame
  CHECK_FALSE(RawFrameSource::open(dir / "grey.raw", {PixelFormat::Yuyv, 641, 480}));
}

TEST_CASE("Image files are frames too, in name order", "[camera][frames]") {
  const auto dir = testing::scratch_dir("camera-files");
  const auto code = grey_frame(kUpi);
  Image img{640, 480, 1, code};
  REQUIRE(write_png(dir / "1-code.png", img));
  std::ofstream(dir / "2-not-an-image.png") << "not a png";
  auto source = ImageFileSource::from_directory(dir);
  REQUIRE(source);
  auto first = source->next();
  REQUIRE(first);
  REQUIRE(*first);
  CHECK(first_text(**first) == kUpi);
  CHECK_FALSE(source->next());  // the broken file: an error, and the source goes on
  auto end = source->next();
  REQUIRE(end);
  CHECK_FALSE(end->has_value());  // then the end
}

TEST_CASE("At most one decode is in flight, and stale frames are dropped", "[camera][frames]") {
  std::latch release(1);
  std::atomic<int> in_flight = 0, most = 0;
  std::mutex mutex;
  std::vector<std::uint64_t> decoded;
  FrameDecoder decoder(
      [&](const Frame& f) -> Result<std::vector<qr::DecodedSymbol>> {
        const int now = ++in_flight;
        most = std::max(most.load(), now);
        if (f.sequence == 1) release.wait();  // the test holds the first decode
        --in_flight;
        return std::vector<qr::DecodedSymbol>{};
      },
      [&](const FrameDecoder::Outcome& o) {
        std::lock_guard lock(mutex);
        decoded.push_back(o.sequence);
      });
  decoder.offer(Frame{PixelFormat::Grey, 1, 1, 1, {0}, 1});
  REQUIRE(testing::eventually([&] { return in_flight == 1; }, 2s));
  for (std::uint64_t s = 2; s <= 10; ++s) decoder.offer(Frame{PixelFormat::Grey, 1, 1, 1, {0}, s});
  CHECK(decoder.stats().dropped == 8);  // 2..9 came while 1 decoded, each replaced by the next
  release.count_down();
  REQUIRE(testing::eventually([&] { return decoder.stats().decoded == 2; }, 2s));
  std::lock_guard lock(mutex);
  CHECK(decoded == std::vector<std::uint64_t>{1, 10});  // the held one, then the newest
  CHECK(most == 1);
  CHECK(decoder.stats().offered == 10);
}

TEST_CASE("A decoder that throws ends no thread", "[camera][frames]") {
  std::atomic<int> calls = 0;
  FrameDecoder decoder(
      [&](const Frame&) -> Result<std::vector<qr::DecodedSymbol>> {
        ++calls;
        throw std::runtime_error("a broken decoder");
      },
      {});
  decoder.offer(Frame{PixelFormat::Grey, 1, 1, 1, {0}, 1});
  REQUIRE(testing::eventually([&] { return calls == 1; }, 2s));
  decoder.offer(Frame{PixelFormat::Grey, 1, 1, 1, {0}, 2});
  CHECK(testing::eventually([&] { return calls == 2; }, 2s));  // the worker is still there
}

TEST_CASE("A feed plays a recording into the decoder and hands on what it reads",
          "[camera][frames][feed]") {
  const auto dir = testing::scratch_dir("camera-feed");
  const auto file = dir / "desk.640x480.yuyv";
  {
    std::ofstream out(file, std::ios::binary);
    for (int i = 0; i < 3; ++i) {
      const auto y = yuyv_of(i == 1 ? grey_frame(kUpi) : std::vector<std::uint8_t>(640 * 480, 200));
      out.write(reinterpret_cast<const char*>(y.data()), static_cast<std::streamsize>(y.size()));
    }
  }
  auto source = open_frame_source(file);
  REQUIRE(source);
  std::mutex mutex;
  std::vector<std::string> payloads;
  FrameFeed feed(std::move(*source), 50ms, [&](std::string text) {
    std::lock_guard lock(mutex);
    payloads.push_back(std::move(text));
  });
  REQUIRE(testing::eventually([&] { return feed.finished() && feed.stats().decoded >= 1; }, 5s));
  REQUIRE(testing::eventually(
      [&] {
        std::lock_guard lock(mutex);
        return !payloads.empty();
      },
      5s));
  std::lock_guard lock(mutex);
  CHECK(payloads == std::vector<std::string>{kUpi});
  CHECK_FALSE(open_frame_source(dir / "desk.yuyv"));  // no geometry in the name
}

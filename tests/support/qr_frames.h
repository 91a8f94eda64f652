// Camera-like frames of QR codes, generated: the QR bench's corpus (bench/qr_bench.cpp) and
// the tests that need a frame one decoder reads and another misses. Deterministic: a
// frame's noise comes from its own seed, so any one frame can be made alone.
//
// Payloads: a receipt (~40 chars), a UPI request (~120 chars) and a 2,500-digit
// Aadhaar-like number; 2, 3, 4 and 6 px per module; 640x480 and 1280x720 (the long
// payload at 1280x720 only); distortions: none, rotation (15°), perspective (a true
// homography: the top edge 20 % narrower, the bottom 20 % wider), blur, noise, low
// contrast, a lighting gradient, and all of them combined.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::testing::qrframes {

enum Distortion {
  kNone,
  kRotate,
  kPerspective,
  kBlur,
  kNoise,
  kLowContrast,
  kGradient,
  kAll,
  kDistortions
};

struct Frame {
  int width, height;
  std::vector<std::uint8_t> grey;
  std::string expected;
  bool aadhaar;
  int module = 0;
  int distortion = 0;
};

enum class Payload { Receipt, Upi, Aadhaar };
std::string payload_text(Payload p);

// One frame: `text` at `module` px per module in a `width`x`height` frame, distorted.
Frame make_frame(const std::string& text, bool aadhaar, int module, int width, int height,
                 Distortion distortion);

// Every frame of the corpus, in a fixed order.
std::vector<Frame> corpus();

}  // namespace kiosk::testing::qrframes

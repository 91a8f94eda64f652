#include "tests/support/qr_frames.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <tuple>

#include "kiosk/qr/qr_generate.h"

namespace kiosk::testing::qrframes {
namespace {

// A 3x3 projective transform (homography), row-major, h[8] = 1.
using Homography = std::array<double, 9>;

// The homography taking the unit square's corners (0,0) (1,0) (1,1) (0,1) to `q` (the
// standard closed form for square-to-quadrilateral, Heckbert 1989).
Homography square_to_quad(const std::array<std::pair<double, double>, 4>& q) {
  const auto [x0, y0] = q[0];
  const auto [x1, y1] = q[1];
  const auto [x2, y2] = q[2];
  const auto [x3, y3] = q[3];
  const double sx = x0 - x1 + x2 - x3, sy = y0 - y1 + y2 - y3;
  const double dx1 = x1 - x2, dx2 = x3 - x2, dy1 = y1 - y2, dy2 = y3 - y2;
  const double den = dx1 * dy2 - dx2 * dy1;
  const double g = (sx * dy2 - dx2 * sy) / den, h = (dx1 * sy - sx * dy1) / den;
  return {x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1};
}

Homography inverse(const Homography& m) {
  const double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7],
               i = m[8];
  const double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
  return {(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
          (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
          (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det};
}

// Places the symbol in the frame through a true perspective view: its square becomes a
// keystone (top edge narrower by `tilt`), rotated by `angle` about the frame centre; frame
// pixels are mapped back onto the symbol and sampled bilinearly; outside is paper white.
void place(const kiosk::qr::GreyImage& sym, Frame& f, double angle, double tilt) {
  const double cx = f.width / 2.0, cy = f.height / 2.0, half = sym.width / 2.0;
  const double c = std::cos(angle), s = std::sin(angle);
  std::array<std::pair<double, double>, 4> quad{{{-half * (1 - tilt), -half},
                                                 {half * (1 - tilt), -half},
                                                 {half * (1 + tilt), half},
                                                 {-half * (1 + tilt), half}}};
  for (auto& [x, y] : quad) std::tie(x, y) = std::pair{cx + c * x - s * y, cy + s * x + c * y};
  const Homography back = inverse(square_to_quad(quad));
  for (int y = 0; y < f.height; ++y) {
    for (int x = 0; x < f.width; ++x) {
      const double w = back[6] * x + back[7] * y + back[8];
      const double u = (back[0] * x + back[1] * y + back[2]) / w * (sym.width - 1);
      const double v = (back[3] * x + back[4] * y + back[5]) / w * (sym.height - 1);
      std::uint8_t value = 235;
      if (u >= 0 && v >= 0 && u < sym.width - 1 && v < sym.height - 1) {
        const int iu = static_cast<int>(u), iv = static_cast<int>(v);
        const double fu = u - iu, fv = v - iv;
        const auto at = [&](int xx, int yy) {
          return sym.pixels[static_cast<std::size_t>(yy) * sym.width + xx];
        };
        value =
            static_cast<std::uint8_t>((at(iu, iv) * (1 - fu) + at(iu + 1, iv) * fu) * (1 - fv) +
                                      (at(iu, iv + 1) * (1 - fu) + at(iu + 1, iv + 1) * fu) * fv);
        value = std::max<std::uint8_t>(20, std::min<std::uint8_t>(235, value));  // ink and paper
      }
      f.grey[static_cast<std::size_t>(y) * f.width + x] = value;
    }
  }
}

void box_blur(Frame& f) {
  std::vector<std::uint8_t> out(f.grey);
  for (int y = 1; y < f.height - 1; ++y)
    for (int x = 1; x < f.width - 1; ++x) {
      int sum = 0;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
          sum += f.grey[static_cast<std::size_t>(y + dy) * f.width + x + dx];
      out[static_cast<std::size_t>(y) * f.width + x] = static_cast<std::uint8_t>(sum / 9);
    }
  f.grey.swap(out);
}

void distort(Frame& f, Distortion d, std::mt19937& rng) {
  std::normal_distribution<double> noise(0.0, 18.0);
  const auto each = [&](auto fn) {
    for (int y = 0; y < f.height; ++y)
      for (int x = 0; x < f.width; ++x) {
        auto& p = f.grey[static_cast<std::size_t>(y) * f.width + x];
        p = static_cast<std::uint8_t>(std::clamp(fn(static_cast<double>(p), x, y), 0.0, 255.0));
      }
  };
  if (d == kBlur || d == kAll) box_blur(f);
  if (d == kNoise || d == kAll) each([&](double p, int, int) { return p + noise(rng); });
  if (d == kLowContrast || d == kAll) each([](double p, int, int) { return 90 + p * 70 / 255; });
  if (d == kGradient || d == kAll)
    each([&](double p, int x, int) { return p * (0.55 + 0.45 * x / f.width); });
}

}  // namespace

std::string payload_text(Payload p) {
  switch (p) {
    case Payload::Receipt:
      return "csckiosk:r1:CG-RPR-0042-20261128-000123";
    case Payload::Upi:
      return "upi://pay?pa=csc.kiosk@sbi&pn=CSC%20KIOSK%20RAIPUR&am=40.00&cu=INR&tr=CG-RPR-0042-"
             "20261128-000123&tn=Income%20certificate";
    case Payload::Aadhaar:
      break;
  }
  std::mt19937 rng(20261128);
  std::string digits;
  for (int i = 0; i < 2500; ++i) digits.push_back(static_cast<char>('0' + rng() % 10));
  return digits;
}

Frame make_frame(const std::string& text, bool aadhaar, int module, int width, int height,
                 Distortion d) {
  Frame f{width, height,  std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height),
          text,  aadhaar, module,
          d};
  auto sym = kiosk::qr::qr_pixels(text, module, 4);
  if (!sym) return f;
  const bool rot = d == kRotate || d == kAll, persp = d == kPerspective || d == kAll;
  place(*sym, f, rot ? 0.26 : 0.0, persp ? 0.2 : 0.0);
  // Each frame its own noise: the seed is the frame's parameters.
  std::mt19937 rng(static_cast<std::uint32_t>(module * 131 + width * 7 + d * 1009 + text.size()));
  distort(f, d, rng);
  return f;
}

std::vector<Frame> corpus() {
  std::vector<Frame> frames;
  for (Payload p : {Payload::Receipt, Payload::Upi, Payload::Aadhaar}) {
    const std::string text = payload_text(p);
    const bool aadhaar = p == Payload::Aadhaar;
    for (int module : {2, 3, 4, 6})
      for (auto [w, h] : {std::pair{640, 480}, std::pair{1280, 720}}) {
        if (aadhaar && w == 640) continue;
        auto sym = kiosk::qr::qr_pixels(text, module, 4);
        if (!sym || sym->width > h * 0.95) continue;  // does not fit the frame
        for (int d = 0; d < kDistortions; ++d)
          frames.push_back(make_frame(text, aadhaar, module, w, h, static_cast<Distortion>(d)));
      }
  }
  return frames;
}

}  // namespace kiosk::testing::qrframes

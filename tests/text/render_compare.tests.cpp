// `csc-kiosk render-text` against HarfBuzz's reference renderer hb-view, word by word:
// both PNGs are cropped to their ink (luminance < 128) and compared as binary masks by
// intersection over union (best of the alignments within ±1 px). The same comparison run on Dear
// ImGui's own, unshaped rendering of the words (one atlas glyph per codepoint, as
// ImFont::RenderText does) must fail for words whose shape depends on shaping: the test can tell
// right from wrong.
#include <ft2build.h>
#include <imgui.h>

#include <catch2/catch.hpp>
#include FT_FREETYPE_H
#include <fmt/format.h>

#include <cmath>
#include <set>
#include <sstream>

#include "kiosk/core/image.h"
#include "kiosk/text/engine.h"
#include "kiosk/text/utf8.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"
#include "tests/text/tricky_strings.h"

using namespace kiosk;
using kiosk::testing::run_process;

namespace {

constexpr float kPx = 48;
// Word masks agreeing at or above this IoU count as the same rendering. Anti-aliased
// edges thresholded at 128 differ by about a pixel between FreeType and cairo, which
// costs 5-15 % IoU at 48 px; a misplaced matra or broken conjunct costs far more.
constexpr double kSameRendering = 0.75;

const text::FontFiles kFonts{"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                             "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf"};

struct Mask {
  int w = 0, h = 0;
  std::vector<std::uint8_t> ink;
  bool at(int x, int y) const { return x < w && y < h && ink[static_cast<std::size_t>(y) * w + x]; }
};

Mask crop_ink(const Image& img) {
  const auto dark = [&](int x, int y) {
    const auto* p =
        img.pixels.data() + (static_cast<std::size_t>(y) * img.width + x) * img.channels;
    const int lum = img.channels >= 3 ? (p[0] * 3 + p[1] * 6 + p[2]) / 10 : p[0];
    const bool transparent = img.channels == 4 && p[3] < 128;  // hb-view PNGs are RGBA
    return !transparent && lum < 128;
  };
  int x0 = img.width, y0 = img.height, x1 = -1, y1 = -1;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x)
      if (dark(x, y))
        x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
  Mask m;
  if (x1 < 0) return m;
  m.w = x1 - x0 + 1;
  m.h = y1 - y0 + 1;
  m.ink.resize(static_cast<std::size_t>(m.w) * m.h);
  for (int y = 0; y < m.h; ++y)
    for (int x = 0; x < m.w; ++x)
      m.ink[static_cast<std::size_t>(y) * m.w + x] = dark(x0 + x, y0 + y);
  return m;
}

double iou_at(const Mask& a, const Mask& b, int dx, int dy) {
  std::size_t both = 0, either = 0;
  for (int y = std::min(0, dy); y < std::max(a.h, b.h + dy); ++y)
    for (int x = std::min(0, dx); x < std::max(a.w, b.w + dx); ++x) {
      const bool in_a = x >= 0 && y >= 0 && a.at(x, y);
      const bool in_b = x - dx >= 0 && y - dy >= 0 && b.at(x - dx, y - dy);
      both += in_a && in_b;
      either += in_a || in_b;
    }
  return either == 0 ? 0.0 : static_cast<double>(both) / static_cast<double>(either);
}

// Best IoU over alignments within one pixel: hinting may snap an edge to the next row.
double iou(const Mask& a, const Mask& b) {
  double best = 0;
  for (int dy = -1; dy <= 1; ++dy)
    for (int dx = -1; dx <= 1; ++dx) best = std::max(best, iou_at(a, b, dx, dy));
  return best;
}

Mask render_ours(const std::string& word, const std::filesystem::path& dir, int index) {
  const auto out = dir / ("ours-" + std::to_string(index) + ".png");
  const auto r =
      run_process({CSC_KIOSK_PATH, "render-text", "--size", "48", "--out", out.string(), word});
  REQUIRE(r.exit_code == 0);
  auto img = read_png(out);
  REQUIRE(img);
  return crop_ink(*img);
}

Mask render_hb_view(const std::string& word, bool deva, const std::filesystem::path& dir,
                    int index) {
  const auto out = dir / ("hb-view-" + std::to_string(index) + ".png");
  const auto r = run_process({"hb-view", "--font-size=48", "--output-format=png", "-o",
                              out.string(), deva ? "--script=deva" : "--script=latn",
                              deva ? "--language=hi" : "--language=en",
                              deva ? kFonts.devanagari.string() : kFonts.latin.string(), word});
  REQUIRE(r.exit_code == 0);
  auto img = read_png(out);
  REQUIRE(img);
  return crop_ink(*img);
}

// Dear ImGui 1.86's own text path: one atlas glyph per codepoint, advanced by AdvanceX.
class ImGuiUnshaped {
 public:
  explicit ImGuiUnshaped(const std::filesystem::path& font_file) {
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);  // CreateContext keeps an older context current
    // ImGui's size is ascent − descent (stbtt_ScaleForPixelHeight); pick the one whose em is 48 px.
    FT_Library lib;
    FT_Face face;
    FT_Init_FreeType(&lib);
    FT_New_Face(lib, font_file.c_str(), 0, &face);
    const float size =
        kPx * static_cast<float>(face->ascender - face->descender) / face->units_per_EM;
    FT_Done_Face(face);
    FT_Done_FreeType(lib);
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0900, 0x097F, 0x200C,
                                     0x200D, 0x20B9, 0x20B9, 0};
    font_ = ImGui::GetIO().Fonts->AddFontFromFileTTF(font_file.c_str(), size, nullptr, ranges);
    unsigned char* pixels = nullptr;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &atlas_w_, &atlas_h_);
    atlas_.assign(pixels, pixels + static_cast<std::size_t>(atlas_w_) * atlas_h_);
  }
  ~ImGuiUnshaped() { ImGui::DestroyContext(context_); }

  Mask render(const std::string& word) const {
    const auto cps = text::decode_utf8(word).value();
    Image img{static_cast<int>(cps.size() * kPx * 1.5f) + 64, static_cast<int>(kPx * 3), 1, {}};
    img.pixels.assign(static_cast<std::size_t>(img.width) * img.height, 255);
    float pen = 16;
    for (char32_t cp : cps) {
      const ImFontGlyph* g = font_->FindGlyph(static_cast<ImWchar>(cp));
      if (g == nullptr) continue;
      blit(*g, pen, img);
      pen += g->AdvanceX;
    }
    return crop_ink(img);
  }

 private:
  // Draws the glyph's quad (X0,Y0)-(X1,Y1) sampling its atlas rect, as the GPU would
  // (nearest texel; the atlas is oversampled 3x horizontally by default).
  void blit(const ImFontGlyph& g, float pen, Image& img) const {
    const int w = static_cast<int>(std::lround(g.X1 - g.X0)),
              h = static_cast<int>(std::lround(g.Y1 - g.Y0));
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const int px = static_cast<int>(std::lround(pen + g.X0)) + x;
        const int py = static_cast<int>(std::lround(kPx / 2 + g.Y0)) + y;
        if (px < 0 || py < 0 || px >= img.width || py >= img.height) continue;
        const float u = g.U0 + (x + 0.5f) / static_cast<float>(w) * (g.U1 - g.U0);
        const float v = g.V0 + (y + 0.5f) / static_cast<float>(h) * (g.V1 - g.V0);
        const auto tx = std::min(atlas_w_ - 1, static_cast<int>(u * atlas_w_));
        const auto ty = std::min(atlas_h_ - 1, static_cast<int>(v * atlas_h_));
        auto& dst = img.pixels[static_cast<std::size_t>(py) * img.width + px];
        dst = static_cast<std::uint8_t>(
            std::max(0, dst - atlas_[static_cast<std::size_t>(ty) * atlas_w_ + tx]));
      }
  }
  ImGuiContext* context_;
  ImFont* font_ = nullptr;
  std::vector<unsigned char> atlas_;
  int atlas_w_ = 0, atlas_h_ = 0;
};

struct Word {
  std::string text;
  bool deva;
};

// Words of the tricky strings that one font renders alone (hb-view takes one font).
std::vector<Word> single_font_words(text::Engine& engine) {
  std::vector<Word> out;
  for (const auto& tricky : kiosk::testing::kTrickyStrings) {
    std::istringstream words{std::string(tricky.text)};
    for (std::string w; words >> w;) {
      const auto runs = engine.shape(w, kPx);
      if (runs.size() == 1) out.push_back({w, runs[0].font == text::FontSlot::Devanagari});
    }
  }
  return out;
}

}  // namespace

TEST_CASE("render-text matches hb-view word by word and ImGui's unshaped text does not",
          "[text][render][hb-view]") {
  auto engine = text::Engine::create(kFonts);
  REQUIRE(engine);
  const auto dir = kiosk::testing::scratch_dir("render-compare");
  const auto words = single_font_words(**engine);
  REQUIRE(words.size() >= 25);
  ImGuiUnshaped imgui_deva(kFonts.devanagari);
  ImGuiUnshaped imgui_latin(kFonts.latin);
  // Words whose look depends on reordering, conjuncts or reph: unshaped text must differ.
  const std::set<std::string> shaping_critical{"हिन्दी",  "कि",  "क्षत्रिय", "प्रमाणपत्र", "कर्म",
                                               "धर्मार्थ", "श्री", "बुद्धि",   "ट्रेन",      "स्त्री"};
  std::string table;
  int index = 0, imgui_failed_critical = 0;
  for (const auto& w : words) {
    const Mask reference = render_hb_view(w.text, w.deva, dir, index);
    const Mask ours = render_ours(w.text, dir, index++);
    const Mask unshaped = (w.deva ? imgui_deva : imgui_latin).render(w.text);
    const double ours_iou = iou(ours, reference), imgui_iou = iou(unshaped, reference);
    table +=
        fmt::format("{:<16} ours {:.3f} ({}x{} vs {}x{})  imgui {:.3f} ({}x{})\n", w.text, ours_iou,
                    ours.w, ours.h, reference.w, reference.h, imgui_iou, unshaped.w, unshaped.h);
    INFO(w.text);
    CHECK(ours_iou >= kSameRendering);
    CHECK(std::abs(ours.w - reference.w) <= 2);
    CHECK(std::abs(ours.h - reference.h) <= 2);
    if (shaping_critical.contains(w.text)) {
      CHECK(imgui_iou < kSameRendering);
      imgui_failed_critical += imgui_iou < kSameRendering;
    }
  }
  CHECK(imgui_failed_critical == static_cast<int>(shaping_critical.size()));
  WARN(table);  // the per-word figures, for docs and for anyone tuning the threshold
}

TEST_CASE("ImGui's unshaped rendering of plain Latin passes the same comparison",
          "[text][render][hb-view][control]") {
  // The control: the comparison does not reject ImGui for being ImGui, only for not shaping.
  const auto dir = kiosk::testing::scratch_dir("render-control");
  ImGuiUnshaped imgui_latin(kFonts.latin);
  for (const std::string word : {"Income", "Welcome", "XXXX"}) {
    INFO(word);
    CHECK(iou(imgui_latin.render(word), render_hb_view(word, false, dir, 0)) >= kSameRendering);
  }
}

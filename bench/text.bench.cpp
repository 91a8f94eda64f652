// Text engine cost per catalogue screen, and a full Hindi catalogue frame drawn with shaped
// text versus the same screen in plain (unshaped) Dear ImGui text.
//
//   build/release/bench/text_bench
#include <benchmark/benchmark.h>
#include <imgui.h>

#include <cfloat>

#include "kiosk/i18n/strings.h"
#include "kiosk/services/catalogue.h"
#include "kiosk/text/engine.h"
#include "kiosk/text/input_method.h"
#include "tests/support/paths.h"
#include "tests/support/ui_harness.h"
#include "ui/metrics.h"

namespace {

using namespace kiosk;

const text::FontFiles kFonts{"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                             "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf"};

struct Label {
  std::string text;
  text::TextStyle style;
};

// Every label of the Hindi home screen and of each Hindi service screen, at 96 dpi.
std::vector<std::vector<Label>> hindi_screens() {
  const auto m = ui::Metrics::for_dpi(96);
  const std::vector<std::string> langs{"hi", "en"};
  auto strings = i18n::Strings::load(testing::assets_dir() / "i18n", langs).value();
  auto services = services::load_catalogue(testing::assets_dir() / "services" / "catalogue.json")
                      .value()
                      .services;
  std::vector<Label> home{
      {std::string(strings.get("hi", "home.title")), {m.title_font_px, 1800, text::Align::Left}},
      {std::string(strings.get("hi", "home.start_over")),
       {m.body_font_px, 260, text::Align::Center}}};
  std::vector<std::vector<Label>> screens;
  for (const auto& s : services) {
    home.push_back(
        {std::string(services::pick(s.title, "hi")), {m.body_font_px, 580, text::Align::Center}});
    std::vector<Label> detail{
        {std::string(services::pick(s.title, "hi")), {m.title_font_px, 1800, text::Align::Left}},
        {std::string(services::pick(s.summary, "hi")), {m.body_font_px, 1800, text::Align::Left}},
        {std::string(strings.get("hi", "service.documents")),
         {m.body_font_px, 1800, text::Align::Left}}};
    for (const auto& d : s.documents)
      detail.push_back({"  • " + std::string(services::pick(d.title, "hi")),
                        {m.body_font_px, 1800, text::Align::Left}});
    screens.push_back(std::move(detail));
  }
  screens.insert(screens.begin(), std::move(home));
  return screens;
}

void BM_ShapeAndLayoutScreen_FirstTime(benchmark::State& state) {
  const auto screens = hindi_screens();
  const auto& screen = screens[static_cast<std::size_t>(state.range(0))];
  for (auto _ : state) {
    state.PauseTiming();
    auto engine = text::Engine::create(kFonts).value();  // empty caches
    state.ResumeTiming();
    for (const auto& label : screen)
      benchmark::DoNotOptimize(engine->layout(label.text, label.style));
  }
  state.counters["labels"] = static_cast<double>(screen.size());
}
BENCHMARK(BM_ShapeAndLayoutScreen_FirstTime)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_ShapeAndLayoutScreen_Cached(benchmark::State& state) {
  const auto screens = hindi_screens();
  const auto& screen = screens[static_cast<std::size_t>(state.range(0))];
  auto engine = text::Engine::create(kFonts).value();
  for (const auto& label : screen) engine->layout(label.text, label.style);
  for (auto _ : state) {
    for (const auto& label : screen)
      benchmark::DoNotOptimize(engine->layout(label.text, label.style));
  }
}
BENCHMARK(BM_ShapeAndLayoutScreen_Cached)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// The Hindi home screen through the real screens, shaped text, headless.
void BM_HindiHomeFrame_Shaped(benchmark::State& state) {
  testing::UiHarness h({.display = ImVec2(1920, 1080)});
  h.tap("welcome.language.hi");
  for (auto _ : state) h.frame();
}
BENCHMARK(BM_HindiHomeFrame_Shaped)->Unit(benchmark::kMicrosecond);

// The same screen (heading, 6 tiles in 3 columns, a button) in plain ImGui text: one atlas
// glyph per codepoint, unshaped, as Dear ImGui draws Hindi by itself.
void BM_HindiHomeFrame_PlainImGui(benchmark::State& state) {
  const auto screens = hindi_screens();
  const auto& home = screens[0];
  const auto m = ui::Metrics::for_dpi(96);
  ImGuiContext* ctx = ImGui::CreateContext();
  ImGui::SetCurrentContext(ctx);
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(1920, 1080);
  io.IniFilename = nullptr;
  static const ImWchar deva[] = {0x0900, 0x097F, 0x2000, 0x206F, 0};
  ImFontConfig merge;
  merge.MergeMode = true;
  ImFont* body = io.Fonts->AddFontFromFileTTF(kFonts.latin.c_str(), m.body_font_px);
  io.Fonts->AddFontFromFileTTF(kFonts.devanagari.c_str(), m.body_font_px, &merge, deva);
  ImFont* title = io.Fonts->AddFontFromFileTTF(kFonts.latin.c_str(), m.title_font_px);
  io.Fonts->AddFontFromFileTTF(kFonts.devanagari.c_str(), m.title_font_px, &merge, deva);
  unsigned char* px;
  int w, h;
  io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
  for (auto _ : state) {
    io.DeltaTime = 1.0f / 60;
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("kiosk", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::PushFont(title);
    ImGui::TextUnformatted(home[0].text.c_str());
    ImGui::PopFont();
    ImGui::PushFont(body);
    for (std::size_t i = 2; i < home.size(); ++i) {
      if ((i - 2) % 3 != 0) ImGui::SameLine();
      ImGui::Button(home[i].text.c_str(), ImVec2(600, m.button_height_px * 1.6f));
    }
    ImGui::Button(home[1].text.c_str(), ImVec2(300, m.button_height_px));
    ImGui::PopFont();
    ImGui::End();
    ImGui::Render();
  }
  ImGui::DestroyContext(ctx);
}
BENCHMARK(BM_HindiHomeFrame_PlainImGui)->Unit(benchmark::kMicrosecond);

// Opening hi-itrans (reading its .mim from m17n-db): paid once, by main, before the UI runs.
// One iteration, first in the run: libm17n keeps an opened method, so a second open is a
// lookup.
void BM_PhoneticOpen(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(text::M17nInputMethod::open("hi", "itrans"));
}
BENCHMARK(BM_PhoneticOpen)->Iterations(1)->Unit(benchmark::kMicrosecond);

// Phonetic typing: the keyboard re-types the whole word from its Latin keys at each press
// (so backspace can take back one key). Arg: the word's length in keys, for
// "prayaagaraajanagar" cut to that length; the cost of the press that makes it that long.
void BM_PhoneticKeypress(benchmark::State& state) {
  static const auto im = text::M17nInputMethod::open("hi", "itrans");
  if (!im) {
    state.SkipWithError("m17n hi-itrans missing");
    return;
  }
  const std::string keys = std::string("prayaagaraajanagar").substr(0, state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize((*im)->transliterate(keys));
}
BENCHMARK(BM_PhoneticKeypress)->Arg(1)->Arg(6)->Arg(18)->Unit(benchmark::kMicrosecond);

}  // namespace

#include "tests/support/ui_harness.h"

#include <cfloat>
#include <stdexcept>

#include "kiosk/services/catalogue.h"
#include "kiosk/services/catalogue_texts.h"
#include "tests/support/paths.h"

namespace kiosk::testing {
namespace {

template <class T>
T must(Result<T> result, const char* what) {
  if (!result) throw std::runtime_error(std::string(what) + ": " + result.error().message);
  return std::move(*result);
}

const ImVec2 kNoPointer(-FLT_MAX, -FLT_MAX);

}  // namespace

UiHarness::UiHarness(HarnessOptions options) {
  strings_ = must(i18n::Strings::load(assets_dir() / "i18n", options.languages), "strings");
  auto catalogue =
      options.catalogue
          ? *options.catalogue
          : must(services::load_catalogue(assets_dir() / "services" / "catalogue.json"),
                 "catalogue");
  services::add_catalogue_texts(strings_, catalogue);
  app::CoreSettings settings(options.languages, options.idle_timeout, options.demo);
  settings.upi_payee_vpa = options.upi_vpa;
  settings.upi_payee_name = "CSC Demo Kiosk";
  settings.receipt_printer = options.receipt_printer;
  settings.attract_after = options.attract_after;
  settings.uidai_cert_path = options.uidai_cert;
  core_ = std::make_unique<app::AppCore>(clock_, settings, std::move(catalogue));
  core_->set_transactions(options.transactions);

  context_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(context_);
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = options.display;
  io.DeltaTime = 1.0f / 60.0f;
  engine_ =
      must(text::Engine::create({"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
                                 "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
                                 testing::kIconFont}),
           "text engine");
  ui_ = std::make_unique<ui::KioskUi>(strings_, ui::Metrics::for_dpi(options.screen_dpi), *engine_,
                                      textures_);
  if (options.voice != nullptr) {
    ui_->set_speaker(options.voice);
  } else if (options.speaker) {
    speaker_ = std::make_unique<RecordingSpeaker>();
    ui_->set_speaker(speaker_.get());
  }
  icon_names_ = must(text::IconNames::load(kIconNames), "icon names");
  ui_->set_icon_names(&icon_names_);
  if (options.phonetic) {
    phonetic_ = must(text::M17nInputMethod::open("hi", "itrans"), "m17n hi-itrans");
    ui_->set_phonetic(phonetic_.get());
  }
  auto fonts = ui_->load_fonts("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf");
  if (!fonts) throw std::runtime_error(fonts.error().message);
  ui_->apply_style();
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas, as a backend would
  pointer(kNoPointer, false);
  frame();
}

UiHarness::~UiHarness() {
  ui_.reset();
  ImGui::DestroyContext(context_);
}

void UiHarness::post(app::Command command) {
  posted_.push_back(command);
  core_->post(std::move(command));
}

void UiHarness::pointer(ImVec2 pos, bool down) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = pos;
  io.MouseDown[0] = down;
}

void UiHarness::frame() {
  ImGui::SetCurrentContext(context_);
  ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
  const auto snap = core_->snapshot();
  ui_->draw(*snap, *this, clock_.steady_now(), clock_.wall_now());
  ImGui::Render();
  ++frame_count_;
  core_->step();
}

void UiHarness::frames(int n) {
  for (int i = 0; i < n; ++i) frame();
}

const ui::Rect& UiHarness::rect(std::string_view id) const {
  const ui::Rect* r = hits().find(id);
  if (r == nullptr)
    throw std::runtime_error("no widget '" + std::string(id) + "' in the last frame");
  return *r;
}

void UiHarness::tap_at(ImVec2 point) {
  pointer(point, true);  // SDL delivers position and press together for a touch
  frame();
  pointer(point, false);
  frame();
  pointer(kNoPointer, false);  // the finger is gone: nothing stays hovered
  frames(2);
}

void UiHarness::tap(std::string_view id) {
  tap_log_.push_back(rect(id).center());
  tap_at(tap_log_.back());
}

void UiHarness::reveal(std::string_view id) {
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  for (int attempt = 0; attempt < 12 && !has(id); ++attempt)
    drag(ImVec2(size.x / 2, size.y * 0.6f), ImVec2(size.x / 2, size.y * 0.35f), 6);
  (void)rect(id);  // fails the test when it is still not there
}

void UiHarness::drag(ImVec2 from, ImVec2 to, int steps) {
  pointer(from, true);
  frame();
  for (int i = 1; i <= steps; ++i) {
    const float t = static_cast<float>(i) / steps;
    pointer(ImVec2(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t), true);
    frame();
  }
  pointer(to, false);
  frame();
  pointer(kNoPointer, false);
  frames(2);
}

}  // namespace kiosk::testing

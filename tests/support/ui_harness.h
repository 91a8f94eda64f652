// Headless UI harness: the kiosk's real screens and a real AppCore, driven frame by frame
// with no window and no GL. Taps are press + release at a widget's rect (looked up by
// the widget's id in the HitMap), exactly what a finger does through SDL's touch-as-mouse
// events; commands posted by screens are recorded, then applied by the core as its
// thread would.
#pragma once

#include <imgui.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/app/app_core.h"
#include "kiosk/core/clock.h"
#include "kiosk/i18n/strings.h"
#include "kiosk/text/engine.h"
#include "kiosk/text/input_method.h"
#include "ui/kiosk_ui.h"
#include "ui/speaker.h"

namespace kiosk::testing {

struct HarnessOptions {
  float screen_dpi = 96;
  ImVec2 display{1280, 800};
  std::vector<std::string> languages{"hi", "en"};
  std::chrono::seconds idle_timeout{90};
  bool demo = false;
  app::TransactionSink* transactions =
      nullptr;  // where the journey commits (none: stops at review)
  std::string upi_vpa = "demo.csc@upi";
  std::string receipt_printer = {};  // a devices entry: the Done screen shows its printing
  std::optional<services::Catalogue> catalogue = {};  // nullopt: the shipped demo catalogue
  bool speaker = false;  // a speaker that records what it is asked to say (the listen button)
  ui::Speaker* voice = nullptr;  // a real voice guide instead (tests/voice); not owned
  std::chrono::seconds attract_after{60};
  bool phonetic = true;                   // phonetic Hindi typing through m17n, as the app has it
  std::filesystem::path uidai_cert = {};  // a Secure QR's certificate (none: unverified)
};

// Voice guidance that says nothing and remembers what it was asked to say.
class RecordingSpeaker final : public ui::Speaker {
 public:
  void say(ui::Utterance utterance) override { said.push_back(std::move(utterance)); }
  void stop() override { ++stops; }
  bool speaking() const override { return false; }
  // The keys said, in order.
  std::vector<std::string> keys() const {
    std::vector<std::string> out;
    for (const auto& u : said) out.push_back(u.key);
    return out;
  }
  std::vector<ui::Utterance> said;
  int stops = 0;
};

class UiHarness final : public app::CommandSink {
 public:
  explicit UiHarness(HarnessOptions options = {});
  ~UiHarness() override;
  UiHarness(const UiHarness&) = delete;
  UiHarness& operator=(const UiHarness&) = delete;

  // One frame with the pointer where it is; then lets the core apply posted commands.
  void frame();
  void frames(int n);
  // Press and release at the centre of widget `id` (as drawn in the last frame), then
  // two settle frames with the finger gone. Fails the test if there is no such widget.
  void tap(std::string_view id);
  void tap_at(ImVec2 point);
  // Scrolls the screen's body up under a finger until widget `id` is in view (a long form
  // on a small panel), as a citizen would; fails the test if it never shows.
  void reveal(std::string_view id);
  // Press at `from`, move to `to` in `steps` frames, release there.
  void drag(ImVec2 from, ImVec2 to, int steps);

  // Where every tap(id) so far landed, in order: replayed as X clicks by the Xvfb tests.
  const std::vector<ImVec2>& tap_log() const { return tap_log_; }
  const ui::HitMap& hits() const { return ui_->hits(); }
  const ui::Rect& rect(std::string_view id) const;
  bool has(std::string_view id) const { return hits().find(id) != nullptr; }
  const app::Snapshot& snapshot() const { return *core_->snapshot(); }
  const std::vector<app::Command>& posted() const { return posted_; }
  void clear_posted() { posted_.clear(); }
  // Both records grow with every tap: a bench of 1000 sessions forgets them between sessions.
  void clear_records() {
    posted_ = {};
    tap_log_ = {};
  }
  ManualClock& clock() { return clock_; }
  app::AppCore& core() { return *core_; }
  const ui::Metrics& metrics() const { return ui_->metrics(); }
  text::Engine& engine() { return *engine_; }
  const i18n::Strings& strings() const { return strings_; }
  ui::KioskUi& ui() { return *ui_; }
  RecordingSpeaker* speaker() { return speaker_.get(); }
  // The prompt key the last frame would speak, and the spoken name's key of a target.
  const std::string& prompt() const { return ui_->prompt_key(); }
  const ImDrawData* draw_data() const { return ImGui::GetDrawData(); }
  std::uint64_t frame_count() const { return frame_count_; }

  void post(app::Command command) override;

 private:
  void pointer(ImVec2 pos, bool down);

  ManualClock clock_;
  i18n::Strings strings_;
  std::unique_ptr<app::AppCore> core_;
  std::unique_ptr<text::Engine> engine_;
  ui::NullTextureSink textures_;
  std::unique_ptr<ui::KioskUi> ui_;
  std::unique_ptr<RecordingSpeaker> speaker_;
  text::IconNames icon_names_;
  std::unique_ptr<text::M17nInputMethod> phonetic_;
  ImGuiContext* context_ = nullptr;
  std::vector<app::Command> posted_;
  std::vector<ImVec2> tap_log_;
  std::uint64_t frame_count_ = 0;
};

template <class T>
int count_posted(const UiHarness& h) {
  int n = 0;
  for (const auto& c : h.posted()) n += std::holds_alternative<T>(c) ? 1 : 0;
  return n;
}

}  // namespace kiosk::testing

// The real csc-kiosk (--demo) in a real window under Xvfb, driven by X clicks at the
// rectangles its own `ui` verb reports, with screenshots taken by its `screenshot` verb:
// the screens as a citizen sees them, at a given panel size and dpi, in each language,
// theme and text size (docs/ui-kit.md). The ctest runs one size; tools/ui-tour.sh all.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/app/screen_board.h"
#include "kiosk/core/result.h"
#include "tests/support/running_kiosk.h"

namespace kiosk::testing {

enum class Look { Standard, HighContrast, LargeText };
std::string_view to_string(Look look);

struct TourOptions {
  int width = 1366;
  int height = 768;
  float dpi = 96;
  std::filesystem::path out_dir;  // screenshots: <lang>-<look>-<screen>.png
  std::filesystem::path scratch;  // the kiosk's config, state and log
  std::vector<std::string> languages = {"hi", "en"};
  std::vector<Look> looks = {Look::Standard, Look::HighContrast, Look::LargeText};
  std::string log_level = "info";  // "debug": the kiosk logs each tap's tap-to-photon time
  int attract_after_s = 3600;      // a tour never meets the attract screen unless it asks
  // Merged into the kiosk's config last (RFC 7386): devices, the backend, RD ports …
  nlohmann::json config_patch = nlohmann::json::object();
};

// One running kiosk and the means to drive it.
class TourKiosk {
 public:
  explicit TourKiosk(const TourOptions& options);
  ~TourKiosk();
  TourKiosk(const TourKiosk&) = delete;
  TourKiosk& operator=(const TourKiosk&) = delete;

  // What the screen shows now, from the `ui` verb.
  Result<app::ScreenDescription> ui();
  // Polls the `ui` verb until `done` holds (default 8 s).
  Result<app::ScreenDescription> wait_for(
      const std::function<bool(const app::ScreenDescription&)>& done,
      std::chrono::milliseconds limit = std::chrono::seconds(8));
  // An X click at the centre of target `id`, then waits until the screen has changed.
  Status tap(std::string_view id);
  Status screenshot(const std::filesystem::path& png);
  std::string log() const;
  pid_t pid() const { return kiosk_->kiosk_pid(); }

 private:
  std::filesystem::path socket_;
  std::unique_ptr<RunningKiosk> kiosk_;
};

struct TourResult {
  std::vector<std::filesystem::path> shots;
  // The welcome and home screens as the `ui` verb described them, per language: what the
  // harness comparison reads.
  std::vector<std::pair<std::string, app::ScreenDescription>> described;
};

// From the welcome screen through every screen of a service and back to welcome, in
// `lang`; `at_screen` is called on each (welcome, home, service, consent, details,
// details-keyboard, details-choice, review, payment, done, done-help).
Status visit_every_screen(TourKiosk& kiosk, const std::string& lang,
                          const std::function<Status(std::string_view)>& at_screen = {});

// Every screen of a service, in every asked language and look, photographed.
Result<TourResult> run_tour(const TourOptions& options);

app::ScreenDescription description_from_json(const nlohmann::json& j);

}  // namespace kiosk::testing

#include "tests/support/ui_tour.h"

#include <fmt/format.h>

#include <fstream>
#include <thread>

#include "kiosk/control/client.h"
#include "kiosk/qr/aadhaar_number.h"
#include "tests/support/paths.h"
#include "tests/support/process.h"
#include "ui/keyboards/keyboard.h"

namespace kiosk::testing {

using namespace std::chrono_literals;

std::string_view to_string(Look look) {
  switch (look) {
    case Look::Standard:
      return "standard";
    case Look::HighContrast:
      return "contrast";
    case Look::LargeText:
      return "large";
  }
  return "standard";
}

app::ScreenDescription description_from_json(const nlohmann::json& j) {
  app::ScreenDescription d;
  d.frame = j.value("frame", std::uint64_t{0});
  d.screen = j.value("screen", "");
  d.prompt = j.value("prompt", "");
  d.dpi = j.value("dpi", 0.0f);
  for (const auto& t : j.value("targets", nlohmann::json::array())) {
    const auto r = t.at("rect");
    const std::string icon = t.value("icon", "");
    d.targets.push_back({t.value("id", ""), r.at(0).get<float>(), r.at(1).get<float>(),
                         r.at(2).get<float>(), r.at(3).get<float>(), t.value("label", ""),
                         icon.empty() ? 0 : static_cast<char32_t>(std::stoul(icon, nullptr, 16)),
                         t.value("speech", "")});
  }
  return d;
}

namespace {

// The demo's config, with its own state, socket and panel, and no devices: the screens
// without a device banner (tests/usb shows the banner).
std::filesystem::path write_tour_config(const TourOptions& o) {
  std::filesystem::create_directories(o.scratch);
  std::ifstream in(source_dir() / "config" / "demo.json");
  auto config = nlohmann::json::parse(in);
  config["paths"] = {{"state_dir", (o.scratch / "state").string()},
                     {"log_dir", (o.scratch / "log").string()},
                     {"assets_dir", assets_dir().string()},
                     {"control_socket", (o.scratch / "state" / "ctl.sock").string()}};
  config["backend"]["token_file"] = (o.scratch / "state" / "token").string();
  config["trust"]["root_keys_file"] =
      (source_dir() / "config" / "keys" / "demo-root-keys.json").string();
  config["devices"] = nlohmann::json::object();
  config["ui"]["screen_dpi"] = o.dpi;
  config["ui"]["attract_after_s"] = o.attract_after_s;
  config["log"] = {{"level", o.log_level}};
  config.merge_patch(o.config_patch);
  std::ofstream(o.scratch / "config.json") << config.dump(2);
  return o.scratch / "config.json";
}

const app::ScreenTarget* find(const app::ScreenDescription& d, std::string_view id) {
  for (const auto& t : d.targets)
    if (t.id == id) return &t;
  return nullptr;
}

}  // namespace

TourKiosk::TourKiosk(const TourOptions& o) : socket_(o.scratch / "state" / "ctl.sock") {
  const auto config = write_tour_config(o);
  kiosk_ = std::make_unique<RunningKiosk>(
      config, std::vector<std::string>{},
      KioskScreen{fmt::format("{}x{}x24", o.width, o.height), false, {"--demo"}});
}

TourKiosk::~TourKiosk() = default;

std::string TourKiosk::log() const {
  return kiosk_->log();
}

Result<app::ScreenDescription> TourKiosk::ui() {
  auto answer = control::request(socket_, {{"verb", "ui"}}, 3s);
  if (!answer) return std::unexpected(answer.error());
  return description_from_json(*answer);
}

Result<app::ScreenDescription> TourKiosk::wait_for(
    const std::function<bool(const app::ScreenDescription&)>& done,
    std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  Error last{Errc::Timeout, "the screen never showed what was waited for"};
  while (std::chrono::steady_clock::now() < until) {
    auto d = ui();
    if (d && done(*d)) return d;
    if (!d) last = d.error();
    std::this_thread::sleep_for(100ms);
  }
  return std::unexpected(last);
}

Status TourKiosk::tap(std::string_view id) {
  auto before = wait_for([&](const app::ScreenDescription& d) { return find(d, id) != nullptr; });
  if (!before) return fail(Errc::NotFound, fmt::format("no target {} on screen", id));
  const auto* t = find(*before, id);
  const auto x = static_cast<int>(t->x + t->w / 2), y = static_cast<int>(t->y + t->h / 2);
  const auto click =
      run_process({"xdotool", "mousemove", std::to_string(x), std::to_string(y), "click", "1"},
                  kiosk_->x_environment());
  if (click.exit_code != 0) return fail(Errc::Io, "xdotool: " + click.output);
  // Done once the press, the release and a settle frame have been drawn after it.
  auto after = wait_for([&](const auto& d) { return d.frame >= before->frame + 3; }, 5s);
  if (!after) return fail(Errc::Timeout, fmt::format("no frame drawn after tapping {}", id));
  return {};
}

Status TourKiosk::screenshot(const std::filesystem::path& png) {
  std::this_thread::sleep_for(300ms);  // the settle frames after the last change
  auto answer = control::request(socket_, {{"verb", "screenshot"}, {"path", png.string()}}, 9s);
  if (!answer) return std::unexpected(answer.error());
  return {};
}

namespace {

Status type(TourKiosk& k, std::string_view keys) {
  for (char c : keys) {
    if (auto s = k.tap(fmt::format("kb.k.{}", c)); !s) return s;
  }
  return k.tap("kb.k.done");
}

}  // namespace

Status visit_every_screen(TourKiosk& k, const std::string& lang,
                          const std::function<Status(std::string_view)>& at_screen) {
  const auto at = [&](std::string_view screen) { return at_screen ? at_screen(screen) : Status{}; };
  for (auto step : std::initializer_list<std::function<Status()>>{
           [&] { return at("welcome"); },
           [&] { return k.tap("welcome.language." + lang); },
           [&] { return at("home"); },
           [&] { return k.tap("home.service.cg.edistrict.income_certificate"); },
           [&] { return at("service"); },
           [&] { return k.tap("service.apply"); },
           [&] { return at("consent"); },
           [&] { return k.tap("consent.accept"); },
           [&] { return at("details"); },
           [&] { return k.tap("details.name"); },
           [&] { return at("details-keyboard"); },
           [&]() -> Status {
             if (lang != "en") (void)k.tap("keyboard.layout.english");  // type the Latin name
             return type(k, "sita");
           },
           [&] { return k.tap("details.father_or_husband_name"); },
           [&]() -> Status {
             if (lang != "en") (void)k.tap("keyboard.layout.english");
             return type(k, "ram");
           },
           [&] { return k.tap("details.mobile"); },
           [&] { return type(k, "9876543210"); },
           [&] { return k.tap("details.aadhaar"); },
           [&] {
             const std::string body = "23456789012";
             return type(k, body + qr::verhoeff_check_digit(body));
           },
           [&] { return k.tap("details.annual_income"); },
           [&] { return type(k, "120000"); },
           [&] { return k.tap("details.purpose"); },
           [&] { return at("details-choice"); },
           [&] { return k.tap("details.purpose.education"); },
           [&] { return k.tap("details.pincode"); },
           [&] { return type(k, "492001"); },
           [&] { return k.tap("details.continue"); },
           [&] { return at("review"); },
           [&] { return k.tap("review.confirm"); },
           [&] { return at("payment"); },
           [&] { return k.tap("payment.demo_paid"); },
           [&] { return at("done"); },
           [&] { return k.tap("header.help"); },
           [&] { return at("done-help"); },
           [&] { return k.tap("done.finish"); }}) {
    if (auto s = step(); !s) return s;
  }
  return {};
}

namespace {

// One language and look, welcome to done: every screen photographed on the way.
Status one_pass(TourKiosk& k, const TourOptions& o, const std::string& lang, Look look,
                TourResult& result) {
  if (look == Look::HighContrast) (void)k.tap("a11y.high_contrast");
  if (look == Look::LargeText) (void)k.tap("a11y.large_text");
  return visit_every_screen(k, lang, [&](std::string_view screen) -> Status {
    if (screen == "home") {
      if (auto d = k.ui(); d) result.described.emplace_back(lang + "/home", *d);
    }
    const auto png = o.out_dir / fmt::format("{}-{}-{}.png", lang, to_string(look), screen);
    if (auto s = k.screenshot(png); !s) return s;
    result.shots.push_back(png);
    return {};
  });
}

}  // namespace

Result<TourResult> run_tour(const TourOptions& o) {
  std::filesystem::create_directories(o.out_dir);
  TourKiosk kiosk(o);
  TourResult result;
  // Settled: the voice guide, started after the first frame, has added the listen picture.
  auto welcome = kiosk.wait_for(
      [](const auto& d) {
        return d.screen == "welcome" && std::ranges::any_of(d.targets, [](const auto& t) {
                 return t.id == "welcome.listen";
               });
      },
      20s);
  if (!welcome)
    return fail(Errc::Unavailable, "the kiosk never showed its welcome screen: " +
                                       welcome.error().message + "\n" + kiosk.log());
  result.described.emplace_back("welcome", *welcome);
  for (const auto& lang : o.languages) {
    for (Look look : o.looks) {
      if (auto pass = one_pass(kiosk, o, lang, look, result); !pass)
        return fail(pass.error().code, fmt::format("{} {}: {}\n{}", lang, to_string(look),
                                                   pass.error().message, kiosk.log()));
      if (!kiosk.wait_for([](const auto& d) { return d.screen == "welcome"; }))
        return fail(Errc::Internal, "the tour did not end on the welcome screen");
    }
  }
  return result;
}

}  // namespace kiosk::testing

#include "kiosk/app/screen_board.h"

#include <fmt/format.h>

#include <filesystem>

namespace kiosk::app {

std::string_view screen_name(Screen screen) {
  switch (screen) {
    case Screen::Welcome:
      return "welcome";
    case Screen::Home:
      return "home";
    case Screen::Service:
      return "service";
    case Screen::Details:
      return "details";
    case Screen::Review:
      return "review";
    case Screen::Payment:
      return "payment";
    case Screen::Done:
      return "done";
    case Screen::Attract:
      return "attract";
    case Screen::Consent:
      return "consent";
    case Screen::Bill:
      return "bill";
    case Screen::Status:
      return "status";
  }
  return "unknown";
}

void ScreenBoard::publish(ScreenDescription description) {
  auto next = std::make_shared<const ScreenDescription>(std::move(description));
  std::lock_guard lock(mutex_);
  latest_ = std::move(next);
}

std::shared_ptr<const ScreenDescription> ScreenBoard::latest() const {
  std::lock_guard lock(mutex_);
  return latest_;
}

void ScreenBoard::set_wake(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  wake_ = std::move(wake);
}

Result<Image> ScreenBoard::capture(std::chrono::milliseconds wait) {
  std::future<Result<Image>> pixels;
  std::function<void()> wake;
  {
    std::lock_guard lock(mutex_);
    if (capture_) return fail(Errc::Busy, "a screenshot is already being taken");
    capture_.emplace();
    pixels = capture_->get_future();
    wake = wake_;
  }
  if (wake) wake();
  if (pixels.wait_for(wait) == std::future_status::ready) return pixels.get();
  std::lock_guard lock(mutex_);
  capture_.reset();  // the UI never drew: nobody is left to fulfil it
  return fail(Errc::Timeout, "the screen drew no frame in time");
}

bool ScreenBoard::capture_wanted() const {
  std::lock_guard lock(mutex_);
  return capture_.has_value();
}

void ScreenBoard::deliver_capture(Result<Image> image) {
  std::lock_guard lock(mutex_);
  if (!capture_) return;
  capture_->set_value(std::move(image));
  capture_.reset();
}

namespace {

struct UiReply {
  std::shared_ptr<const ScreenDescription> description;
};

nlohmann::json to_json(const UiReply& reply) {
  const auto& d = *reply.description;
  nlohmann::json targets = nlohmann::json::array();
  for (const auto& t : d.targets) {
    targets.push_back({{"id", t.id},
                       {"rect", {t.x, t.y, t.w, t.h}},
                       {"label", t.label},
                       {"icon", t.icon == 0 ? std::string() : fmt::format("{:04X}", +t.icon)},
                       {"speech", t.speech}});
  }
  return {{"frame", d.frame},
          {"screen", d.screen},
          {"prompt", d.prompt},
          {"dpi", d.dpi},
          {"targets", std::move(targets)}};
}

struct ScreenshotRequest {
  std::filesystem::path path;
};
struct ScreenshotReply {
  std::string path;
  int width = 0, height = 0;
};

nlohmann::json to_json(const ScreenshotReply& reply) {
  return {{"written", reply.path}, {"width", reply.width}, {"height", reply.height}};
}

Result<ScreenshotRequest> parse_screenshot(const control::Request& request) {
  if (auto only = request.only_fields({"path"}); !only) return std::unexpected(only.error());
  auto path = request.text("path");
  if (!path) return std::unexpected(path.error());
  const std::filesystem::path p(*path);
  if (!p.is_absolute() || p.extension() != ".png" || path->size() > 1024)
    return fail(Errc::InvalidInput, "field \"path\" must be an absolute path ending in .png");
  return ScreenshotRequest{p};
}

}  // namespace

void register_screen_verbs(control::VerbRegistry& verbs, ScreenBoard& board) {
  verbs.add({"ui", control::Access::Read, kUiBudget,
             "what the screen shows: its name, its prompt and every target's rect, label, icon and "
             "speech"},
            control::parse_no_fields, [&board](const control::NoFields&, const control::Peer&) {
              return Result<UiReply>(UiReply{board.latest()});
            });
  verbs.add({"screenshot", control::Access::Change, kScreenshotBudget,
             "saves the next frame as a PNG (demo only)"},
            parse_screenshot,
            [&board](const ScreenshotRequest& r, const control::Peer&) -> Result<ScreenshotReply> {
              auto image = board.capture(kScreenshotBudget - std::chrono::milliseconds(500));
              if (!image) return std::unexpected(image.error());
              if (auto written = write_png(r.path, *image); !written)
                return std::unexpected(written.error());
              return ScreenshotReply{r.path.string(), image->width, image->height};
            });
}

}  // namespace kiosk::app

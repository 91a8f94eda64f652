#include "kiosk/camera/frame_feed.h"

#include <pthread.h>

#include <regex>

namespace kiosk::camera {

FrameFeed::FrameFeed(std::unique_ptr<FrameSource> source, std::chrono::milliseconds interval,
                     std::function<void(std::string)> on_payload)
    : source_(std::move(source)),
      decoder_(FrameDecoder::kiosk_decoder(),
               [on_payload = std::move(on_payload)](const FrameDecoder::Outcome& o) {
                 for (const auto& s : o.symbols) on_payload(s.text);
               }),
      pump_([this, interval](std::stop_token stop) {
        pthread_setname_np(pthread_self(), "kiosk-camera");
        try {
          while (!stop.stop_requested()) {
            auto frame = source_->next();
            if (frame && !*frame) break;                    // the end of the recording
            if (frame) decoder_.offer(std::move(**frame));  // an unreadable frame is skipped
            std::this_thread::sleep_for(interval);
          }
        } catch (...) {  // nothing leaves the thread
        }
        finished_ = true;
      }) {}

FrameFeed::~FrameFeed() {
  pump_.request_stop();
  if (pump_.joinable()) pump_.join();
}

Result<std::unique_ptr<FrameSource>> open_frame_source(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    auto files = ImageFileSource::from_directory(path);
    if (!files) return std::unexpected(files.error());
    return std::unique_ptr<FrameSource>(std::make_unique<ImageFileSource>(std::move(*files)));
  }
  static const std::regex kRaw(R"(.*\.(\d{1,4})x(\d{1,4})\.(grey|yuyv))");
  std::smatch m;
  const std::string name = path.filename().string();
  if (!std::regex_match(name, m, kRaw))
    return fail(Errc::InvalidInput,
                path.string() + ": a directory of images or NAME.WxH.grey|yuyv");
  const RawGeometry g{m[3] == "yuyv" ? PixelFormat::Yuyv : PixelFormat::Grey, std::stoi(m[1]),
                      std::stoi(m[2])};
  auto raw = RawFrameSource::open(path, g);
  if (!raw) return std::unexpected(raw.error());
  return std::unique_ptr<FrameSource>(std::make_unique<RawFrameSource>(std::move(*raw)));
}

}  // namespace kiosk::camera

// A frame source played into the decoder at a camera's pace, on its own thread, and every
// payload read handed on (to the core, as a scan from "camera"). What the demo runs with
// `csc-kiosk --camera-frames PATH`; a V4L2 source will take the same place.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "kiosk/camera/frame_decoder.h"

namespace kiosk::camera {

class FrameFeed {
 public:
  // `on_payload` gets each decoded symbol's text, on the decoder's thread. The feed ends
  // with its source.
  FrameFeed(std::unique_ptr<FrameSource> source, std::chrono::milliseconds interval,
            std::function<void(std::string)> on_payload);
  ~FrameFeed();
  FrameFeed(const FrameFeed&) = delete;
  FrameFeed& operator=(const FrameFeed&) = delete;
  FrameDecoder::Stats stats() const { return decoder_.stats(); }
  bool finished() const { return finished_; }

 private:
  std::unique_ptr<FrameSource> source_;
  FrameDecoder decoder_;
  std::atomic<bool> finished_ = false;
  std::jthread pump_;
};

// A source for PATH: a directory of image files, or a recording named
// "<anything>.<W>x<H>.grey" or ".yuyv".
Result<std::unique_ptr<FrameSource>> open_frame_source(const std::filesystem::path& path);

}  // namespace kiosk::camera

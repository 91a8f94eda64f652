// Camera frames without a camera: a frame-source interface and the two sources this
// machine can exercise, image files and recorded raw frames (tests and the demo). V4L2
// capture waits for hardware: nothing here could test it.
//
//  [X] Frame: GREY (8-bit luma) or packed YUYV 4:2:2, with width, height and stride
//  [X] ImageFileSource: PNG / JPEG / BMP files in order, as GREY frames (stb_image)
//  [X] RawFrameSource: a recording of fixed-size raw frames back to back (what
//      `v4l2-ctl --stream-to` or `ffmpeg -f rawvideo` write), in the geometry given
//  [X] Bounded: frames at most 4096×4096 (kiosk/qr's limit), files read frame by frame
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk::camera {

enum class PixelFormat { Grey, Yuyv };

struct Frame {
  PixelFormat format = PixelFormat::Grey;
  int width = 0;
  int height = 0;
  int stride = 0;  // bytes from one row to the next
  std::vector<std::uint8_t> pixels;
  std::uint64_t sequence = 0;  // 1, 2, 3 … in the order the source gave them
};

class FrameSource {
 public:
  virtual ~FrameSource() = default;
  // The next frame; nullopt when the source has no more. An error for a frame that cannot
  // be read (the source may go on after it).
  virtual Result<std::optional<Frame>> next() = 0;
};

class ImageFileSource final : public FrameSource {
 public:
  explicit ImageFileSource(std::vector<std::filesystem::path> files) : files_(std::move(files)) {}
  // Every regular file in `dir`, in name order.
  static Result<ImageFileSource> from_directory(const std::filesystem::path& dir);
  Result<std::optional<Frame>> next() override;

 private:
  std::vector<std::filesystem::path> files_;
  std::size_t at_ = 0;
  std::uint64_t sequence_ = 0;
};

struct RawGeometry {
  PixelFormat format = PixelFormat::Grey;
  int width = 0;
  int height = 0;
};

class RawFrameSource final : public FrameSource {
 public:
  static Result<RawFrameSource> open(const std::filesystem::path& file, RawGeometry geometry);
  Result<std::optional<Frame>> next() override;

 private:
  RawFrameSource(std::ifstream in, RawGeometry g) : in_(std::move(in)), geometry_(g) {}
  std::ifstream in_;
  RawGeometry geometry_;
  std::uint64_t sequence_ = 0;
};

}  // namespace kiosk::camera

// 8-bit images in memory and as PNG files (stb_image / stb_image_write from libstb).
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "kiosk/core/result.h"

namespace kiosk {

struct Image {
  int width = 0;
  int height = 0;
  int channels = 0;                  // 1 grey, 3 RGB, 4 RGBA
  std::vector<std::uint8_t> pixels;  // rows top to bottom, no padding
};

Status write_png(const std::filesystem::path& file, const Image& image);
Result<Image> read_png(const std::filesystem::path& file);

}  // namespace kiosk

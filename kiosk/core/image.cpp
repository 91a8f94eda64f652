#include "kiosk/core/image.h"

#include <fmt/format.h>
#include <stb_image.h>
#include <stb_image_write.h>

#include <memory>

namespace kiosk {

Status write_png(const std::filesystem::path& file, const Image& image) {
  const std::size_t expected =
      static_cast<std::size_t>(image.width) * image.height * image.channels;
  if (image.width <= 0 || image.height <= 0 || image.channels < 1 || image.channels > 4 ||
      image.pixels.size() != expected) {
    return fail(Errc::InvalidInput, "write_png: image size and pixel buffer disagree");
  }
  const int ok = stbi_write_png(file.c_str(), image.width, image.height, image.channels,
                                image.pixels.data(), image.width * image.channels);
  if (!ok) return fail(Errc::Io, fmt::format("{}: PNG could not be written", file.string()));
  return {};
}

Result<Image> read_png(const std::filesystem::path& file) {
  int w = 0, h = 0, n = 0;
  std::unique_ptr<stbi_uc, decltype(&stbi_image_free)> data(stbi_load(file.c_str(), &w, &h, &n, 0),
                                                            &stbi_image_free);
  if (!data) {
    return fail(Errc::InvalidInput,
                fmt::format("{}: not a readable image ({})", file.string(), stbi_failure_reason()));
  }
  Image image{w, h, n, {}};
  image.pixels.assign(data.get(), data.get() + static_cast<std::size_t>(w) * h * n);
  return image;
}

}  // namespace kiosk

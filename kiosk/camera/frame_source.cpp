#include "kiosk/camera/frame_source.h"

#include <fmt/format.h>
#include <stb_image.h>

#include <algorithm>
#include <memory>

#include "kiosk/qr/image_decode.h"

namespace kiosk::camera {
namespace {

struct StbFree {
  void operator()(stbi_uc* p) const { stbi_image_free(p); }
};

bool geometry_ok(int width, int height) {
  return width > 0 && height > 0 && width <= qr::kMaxDecodeSide && height <= qr::kMaxDecodeSide;
}

}  // namespace

Result<ImageFileSource> ImageFileSource::from_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.is_regular_file()) files.push_back(e.path());
  if (ec) return fail(Errc::NotFound, fmt::format("{}: {}", dir.string(), ec.message()));
  std::ranges::sort(files);
  return ImageFileSource(std::move(files));
}

Result<std::optional<Frame>> ImageFileSource::next() {
  if (at_ >= files_.size()) return std::optional<Frame>();
  const auto& file = files_[at_++];
  std::error_code ec;
  if (std::filesystem::file_size(file, ec) > qr::kMaxImageFileBytes || ec)
    return fail(Errc::InvalidInput, file.string() + ": unreadable or over 64 MiB");
  int w = 0, h = 0, n = 0;
  if (!stbi_info(file.c_str(), &w, &h, &n) || !geometry_ok(w, h))
    return fail(Errc::InvalidInput, file.string() + ": not an image of at most 4096×4096");
  std::unique_ptr<stbi_uc, StbFree> grey(stbi_load(file.c_str(), &w, &h, &n, 1));
  if (!grey) return fail(Errc::InvalidInput, file.string() + ": " + stbi_failure_reason());
  Frame f{PixelFormat::Grey, w, h, w, {}, ++sequence_};
  f.pixels.assign(grey.get(), grey.get() + static_cast<std::size_t>(w) * h);
  return std::optional<Frame>(std::move(f));
}

Result<RawFrameSource> RawFrameSource::open(const std::filesystem::path& file, RawGeometry g) {
  if (!geometry_ok(g.width, g.height) || (g.format == PixelFormat::Yuyv && g.width % 2 != 0))
    return fail(Errc::InvalidInput, "raw frames: width and height 1..4096, YUYV width even");
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(Errc::NotFound, file.string() + ": cannot be read");
  return RawFrameSource(std::move(in), g);
}

Result<std::optional<Frame>> RawFrameSource::next() {
  const int bpp = geometry_.format == PixelFormat::Yuyv ? 2 : 1;
  Frame f{geometry_.format, geometry_.width, geometry_.height, geometry_.width * bpp, {}, 0};
  f.pixels.resize(static_cast<std::size_t>(f.stride) * f.height);
  in_.read(reinterpret_cast<char*>(f.pixels.data()), static_cast<std::streamsize>(f.pixels.size()));
  if (in_.gcount() == 0) return std::optional<Frame>();
  if (static_cast<std::size_t>(in_.gcount()) < f.pixels.size())
    return fail(Errc::Corrupt, "raw frames: the last frame is cut short");
  f.sequence = ++sequence_;
  return std::optional<Frame>(std::move(f));
}

}  // namespace kiosk::camera

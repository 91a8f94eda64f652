// Fonts for the text engine: one FreeType face (for rasterising) and one HarfBuzz face
// (for shaping) per font file, both owned here. Not thread-safe: the Engine serialises.
#pragma once

#include <filesystem>
#include <memory>

#include "kiosk/core/result.h"

struct FT_LibraryRec_;
struct FT_FaceRec_;
struct hb_face_t;
struct hb_font_t;

namespace kiosk::text {

struct FtLibraryDeleter {
  void operator()(FT_LibraryRec_* library) const;
};
using FtLibrary = std::unique_ptr<FT_LibraryRec_, FtLibraryDeleter>;
Result<FtLibrary> open_freetype();

// Sizes are em sizes in 26.6 fixed-point pixels (px * 64), as hb-view --font-size and
// FT_Set_Char_Size at 72 dpi understand them.
using Size26 = int;
inline Size26 to_size26(float px) {
  return static_cast<Size26>(px * 64.0f + 0.5f);
}

class Font {
 public:
  static Result<std::unique_ptr<Font>> open(FT_LibraryRec_* library,
                                            const std::filesystem::path& file);
  ~Font();
  Font(const Font&) = delete;
  Font& operator=(const Font&) = delete;

  // A HarfBuzz font scaled to `size` (26.6 px per em), using HarfBuzz's own OpenType
  // functions (hb-shape's default "ot"), so results match hb-shape and hb-view.
  hb_font_t* hb_font_at(Size26 size);
  // The FreeType face with its character size set to `size`.
  FT_FaceRec_* ft_face_at(Size26 size);

  bool has_codepoint(char32_t cp) const;
  const std::filesystem::path& file() const { return file_; }

 private:
  Font() = default;
  std::filesystem::path file_;
  FT_FaceRec_* ft_face_ = nullptr;
  hb_face_t* hb_face_ = nullptr;
  hb_font_t* hb_font_ = nullptr;  // re-scaled per call; sizes are cheap to switch
  Size26 ft_size_ = 0;
};

}  // namespace kiosk::text

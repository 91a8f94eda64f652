#include "kiosk/text/font.h"

#include <fmt/format.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ot.h>
#include <hb.h>

namespace kiosk::text {

void FtLibraryDeleter::operator()(FT_LibraryRec_* library) const {
  FT_Done_FreeType(library);
}

Result<FtLibrary> open_freetype() {
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) != 0) return fail(Errc::Internal, "FreeType could not start");
  return FtLibrary(library);
}

Result<std::unique_ptr<Font>> Font::open(FT_LibraryRec_* library,
                                         const std::filesystem::path& file) {
  std::unique_ptr<Font> font(new Font());
  font->file_ = file;
  if (FT_New_Face(library, file.c_str(), 0, &font->ft_face_) != 0) {
    font->ft_face_ = nullptr;
    return fail(Errc::Config, fmt::format("font {} cannot be opened", file.string()));
  }
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(file.c_str());
  if (blob == nullptr)
    return fail(Errc::Config, fmt::format("font {} cannot be read", file.string()));
  font->hb_face_ = hb_face_create(blob, 0);
  hb_blob_destroy(blob);  // the face holds its own reference
  if (hb_face_get_glyph_count(font->hb_face_) == 0) {
    return fail(Errc::Config, fmt::format("font {} has no glyphs", file.string()));
  }
  font->hb_font_ = hb_font_create(font->hb_face_);
  return font;
}

Font::~Font() {
  if (hb_font_ != nullptr) hb_font_destroy(hb_font_);
  if (hb_face_ != nullptr) hb_face_destroy(hb_face_);
  if (ft_face_ != nullptr) FT_Done_Face(ft_face_);
}

hb_font_t* Font::hb_font_at(Size26 size) {
  hb_font_set_scale(hb_font_, size, size);
  return hb_font_;
}

FT_FaceRec_* Font::ft_face_at(Size26 size) {
  if (size != ft_size_) {
    FT_Set_Char_Size(ft_face_, 0, size, 72, 72);  // 72 dpi: points == pixels
    ft_size_ = size;
  }
  return ft_face_;
}

bool Font::has_codepoint(char32_t cp) const {
  hb_codepoint_t glyph = 0;
  return hb_font_get_nominal_glyph(hb_font_, cp, &glyph) != 0;
}

}  // namespace kiosk::text

// The glyph atlas as an OpenGL texture: RGBA8, linear filtering, uploaded by rows.
// Lives on the UI thread with the GL context; textures die with the context.
#pragma once

#include "ui/text/glyph_atlas.h"

namespace kiosk::ui {

class GlTextureSink final : public TextureSink {
 public:
  ~GlTextureSink() override;
  ImTextureID create(int width, int height) override;
  void update_rows(ImTextureID texture, int width, int y0, int y1,
                   const std::uint8_t* rgba) override;

 private:
  std::vector<unsigned> textures_;
};

}  // namespace kiosk::ui

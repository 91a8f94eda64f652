#include "ui/platform/gl_texture_sink.h"

#include <SDL_opengl.h>

#include <cstdint>

namespace kiosk::ui {

GlTextureSink::~GlTextureSink() {
  if (!textures_.empty())
    glDeleteTextures(static_cast<GLsizei>(textures_.size()), textures_.data());
}

ImTextureID GlTextureSink::create(int width, int height) {
  GLuint texture = 0;
  glGenTextures(1, &texture);
  glBindTexture(GL_TEXTURE_2D, texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  textures_.push_back(texture);
  // The OpenGL3 backend binds ImTextureID as a GLuint.
  return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture));
}

void GlTextureSink::update_rows(ImTextureID texture, int width, int y0, int y1,
                                const std::uint8_t* rgba) {
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<std::intptr_t>(texture)));
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, y0, width, y1 - y0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
}

}  // namespace kiosk::ui

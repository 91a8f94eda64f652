// SDL2 window + OpenGL context + Dear ImGui's unmodified SDL2 and OpenGL3 backends (both
// compiled into Debian's libimgui.a). One object owns all of it, released in reverse order.
#pragma once

#include <memory>
#include <string>

#include "kiosk/core/image.h"
#include "kiosk/core/result.h"

struct SDL_Window;

namespace kiosk::ui {

struct WindowOptions {
  bool windowed = false;  // fullscreen on the kiosk; a 1280x800 window for development
  int width = 1280;
  int height = 800;
  std::string title = "csc-kiosk";
};

class SdlGlWindow {
 public:
  // Initialises SDL video, the window, a GL 3.0 context and the ImGui backends for the
  // current ImGui context (which must exist already).
  static Result<std::unique_ptr<SdlGlWindow>> open(const WindowOptions& options);
  ~SdlGlWindow();
  SdlGlWindow(const SdlGlWindow&) = delete;
  SdlGlWindow& operator=(const SdlGlWindow&) = delete;

  void new_frame();           // backends' NewFrame, before ImGui::NewFrame()
  void render_and_present();  // clear, draw ImGui's draw data, swap
  void render();              // as above without the swap (for a screenshot)
  void present();
  Result<Image> read_back_buffer() const;  // RGB, rows top to bottom

  SDL_Window* window() const { return window_; }

 private:
  SdlGlWindow() = default;
  SDL_Window* window_ = nullptr;
  void* gl_context_ = nullptr;
  bool sdl_ready_ = false;
  bool platform_ready_ = false;
  bool renderer_ready_ = false;
};

}  // namespace kiosk::ui

#include "ui/platform/sdl_gl_window.h"

#include <SDL.h>
#include <SDL_opengl.h>
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#include <algorithm>

namespace kiosk::ui {

Result<std::unique_ptr<SdlGlWindow>> SdlGlWindow::open(const WindowOptions& options) {
  std::unique_ptr<SdlGlWindow> w(new SdlGlWindow());
  // Touch arrives as SDL's synthetic mouse events (ImGui 1.86's SDL backend polls the mouse);
  // a mouse must never be turned into fake touches.
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
  SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS) != 0) {
    return fail(Errc::Unavailable, fmt::format("no display: SDL_Init failed: {}", SDL_GetError()));
  }
  w->sdl_ready_ = true;
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_ALLOW_HIGHDPI;
  flags |= options.windowed ? SDL_WINDOW_RESIZABLE : SDL_WINDOW_FULLSCREEN_DESKTOP;
  int width = options.width, height = options.height;
  SDL_DisplayMode desktop{};
  if (!options.windowed && SDL_GetDesktopDisplayMode(0, &desktop) == 0) {
    // Create at the panel's size: the first frame is then drawn at its final size, not
    // stretched after a resize event arrives.
    width = desktop.w;
    height = desktop.h;
  }
  w->window_ = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED,
                                SDL_WINDOWPOS_CENTERED, width, height, flags);
  if (w->window_ == nullptr) {
    return fail(Errc::Unavailable, fmt::format("window could not be opened: {}", SDL_GetError()));
  }
  w->gl_context_ = SDL_GL_CreateContext(w->window_);
  if (w->gl_context_ == nullptr) {
    return fail(Errc::Unavailable, fmt::format("no OpenGL 3.0 context: {}", SDL_GetError()));
  }
  SDL_GL_MakeCurrent(w->window_, w->gl_context_);
  SDL_GL_SetSwapInterval(1);
  if (!options.windowed) SDL_ShowCursor(SDL_DISABLE);  // a touch kiosk shows no pointer
  w->platform_ready_ = ImGui_ImplSDL2_InitForOpenGL(w->window_, w->gl_context_);
  w->renderer_ready_ = w->platform_ready_ && ImGui_ImplOpenGL3_Init("#version 130");
  if (!w->renderer_ready_) return fail(Errc::Internal, "Dear ImGui backends failed to start");
  return w;
}

SdlGlWindow::~SdlGlWindow() {
  if (renderer_ready_) ImGui_ImplOpenGL3_Shutdown();
  if (platform_ready_) ImGui_ImplSDL2_Shutdown();
  if (gl_context_ != nullptr) SDL_GL_DeleteContext(gl_context_);
  if (window_ != nullptr) SDL_DestroyWindow(window_);
  if (sdl_ready_) SDL_Quit();
}

void SdlGlWindow::new_frame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
}

void SdlGlWindow::render() {
  const ImGuiIO& io = ImGui::GetIO();
  glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
             static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void SdlGlWindow::present() {
  SDL_GL_SwapWindow(window_);
}

void SdlGlWindow::render_and_present() {
  render();
  present();
}

Result<Image> SdlGlWindow::read_back_buffer() const {
  int w = 0, h = 0;
  SDL_GL_GetDrawableSize(window_, &w, &h);
  if (w <= 0 || h <= 0) return fail(Errc::Internal, "window has no drawable area");
  Image image{w, h, 3, std::vector<std::uint8_t>(static_cast<std::size_t>(w) * h * 3)};
  std::vector<std::uint8_t> flipped(image.pixels.size());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, flipped.data());
  const std::size_t row = static_cast<std::size_t>(w) * 3;
  for (int y = 0; y < h; ++y) {  // GL's origin is bottom-left; PNG's is top-left
    std::copy_n(flipped.data() + (h - 1 - y) * row, row, image.pixels.data() + y * row);
  }
  return image;
}

}  // namespace kiosk::ui

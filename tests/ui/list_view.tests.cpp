// list_view on its own, drawn inside the harness's ImGui context with its fonts and text
// engine, so it is tested the way screens use it.
#include <catch2/catch.hpp>
#include <cfloat>

#include "tests/support/ui_harness.h"
#include "ui/widgets/widgets.h"

using namespace kiosk;
using kiosk::testing::UiHarness;

namespace {

class ListBench {
 public:
  ListBench() {
    for (int i = 0; i < 30; ++i)
      rows_.push_back({"row." + std::to_string(i), "पंक्ति " + std::to_string(i)});
    step(ImVec2(-FLT_MAX, -FLT_MAX), false);
  }
  // One frame with the pointer at `pos`; returns what list_view returned.
  int step(ImVec2 pos, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = pos;
    io.MouseDown[0] = down;
    io.DeltaTime = 1.0f / 60;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("list", nullptr, ImGuiWindowFlags_NoDecoration);
    const ui::Theme theme = ui::Theme::standard();
    hits_.clear();
    ui::Frame f{h_.snapshot(),    h_,    h_.strings(), h_.metrics(), theme,
                h_.ui().shaped(), hits_, {},           nullptr,      0};
    const int tapped = ui::list_view(f, "list", rows_, ImVec2(400, 300));
    fps_ = f.animation_fps;
    ImGui::End();
    ImGui::Render();
    return tapped;
  }
  const ui::Rect& rect(const std::string& id) const { return *hits_.find(id); }
  bool has(const std::string& id) const { return hits_.find(id) != nullptr; }
  int fps() const { return fps_; }

 private:
  UiHarness h_;
  std::vector<ui::Tile> rows_;
  ui::HitMap hits_;
  int fps_ = 0;
};

}  // namespace

TEST_CASE("A list row fires on a tap inside it and not on a tap outside",
          "[ui][widget][list][tap]") {
  ListBench b;
  const ImVec2 c = b.rect("row.1").center();
  b.step(c, true);
  CHECK(b.step(c, false) == 1);
  b.step(ImVec2(-FLT_MAX, -FLT_MAX), false);
  b.step(ImVec2(700, 500), true);
  CHECK(b.step(ImVec2(700, 500), false) == -1);
}

TEST_CASE("Dragging a list scrolls it, fires no row, and coasts to a stop",
          "[ui][widget][list][scroll][momentum]") {
  ListBench b;
  const ImVec2 start = b.rect("row.2").center();
  const float y0 = b.rect("row.2").min.y;
  int fired = -1;
  for (int i = 0; i <= 8; ++i)
    fired = std::max(fired, b.step(ImVec2(start.x, start.y - 15.0f * i), true));
  fired = std::max(fired, b.step(ImVec2(start.x, start.y - 120), false));
  CHECK(fired == -1);
  CHECK_FALSE(b.has("row.0"));  // scrolled out of view: no longer tappable
  const float released = b.rect("row.5").min.y;
  b.step(ImVec2(-FLT_MAX, -FLT_MAX), false);
  b.step(ImVec2(-FLT_MAX, -FLT_MAX), false);
  CHECK(b.rect("row.5").min.y < released);  // momentum
  CHECK(b.fps() == 60);
  for (int i = 0; i < 300; ++i) b.step(ImVec2(-FLT_MAX, -FLT_MAX), false);
  CHECK(b.fps() == 0);
  CHECK(b.rect("row.5").min.y < y0);
}

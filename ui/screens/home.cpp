// Home: the service catalogue as a grid of tiles, in the citizen's language.
#include <fmt/format.h>

#include "kiosk/services/catalogue.h"
#include "ui/screens/screens.h"

namespace kiosk::ui {

void draw_home(Frame& f) {
  const auto& snap = f.snapshot;
  screen_header(f, f.text("home.title"));

  std::vector<Tile> tiles;
  tiles.reserve(snap.services.size());
  for (const auto& service : snap.services) {
    tiles.push_back(Tile{fmt::format("home.service.{}", service.id),
                         std::string(services::pick(service.title, snap.language))});
  }
  // Long catalogues scroll under a finger; the start-over button stays in view below.
  const float footer = f.metrics.button_height_px + f.metrics.gap_px * 3;
  begin_drag_scroll(f, "home.services",
                    ImVec2(0, std::max(f.metrics.button_height_px * 2,
                                       ImGui::GetContentRegionAvail().y - footer)));
  const int tapped = tile_grid(f, tiles, 3);
  end_drag_scroll(f);
  if (tapped >= 0)
    f.commands.post(app::OpenService{snap.services[static_cast<std::size_t>(tapped)].id});

  ImGui::Dummy(ImVec2(0, f.metrics.gap_px));
  if (big_button(f, "home.start_over", f.text("home.start_over"), ImVec2(f.metrics.mm(60), 0))) {
    f.commands.post(app::StartOver{});
  }
}

}  // namespace kiosk::ui

// Home: the service catalogue as a grid of tiles (a picture, the title, the price and the
// time), in the citizen's language. With more than eight services the catalogue's
// categories become tabs above the grid, so no citizen scrolls through a long list.
#include <fmt/format.h>

#include "kiosk/qr/upi.h"
#include "kiosk/services/catalogue.h"
#include "ui/icons.h"
#include "ui/screens/screens.h"
#include "ui/voice/spoken.h"

namespace kiosk::ui {
namespace {

constexpr std::size_t kTilesWithoutTabs = 8;

std::vector<Tile> tiles_of(const Frame& f, std::string_view category) {
  std::vector<Tile> tiles;
  for (const auto& s : f.snapshot.services) {
    if (!category.empty() && s.category != category) continue;
    tiles.push_back(Tile{fmt::format("home.service.{}", s.id),
                         std::string(services::pick(s.title, f.snapshot.language)),
                         catalogue_icon(f, s.icon),
                         price_text(f, s.total_paise()),
                         fmt::format(fmt::runtime(std::string(f.text("tile.minutes"))), s.minutes),
                         "tile.spoken",
                         {std::string(services::pick(s.title, f.snapshot.language)),
                          spoken_amount(f.strings, f.snapshot.language, s.total_paise()),
                          std::to_string(s.minutes)}});
  }
  return tiles;
}

// The category tabs: one per category, the chosen one marked. Returns the chosen id.
std::string_view category_tabs(Frame& f, UiState& state) {
  const auto& categories = f.snapshot.categories;
  if (f.snapshot.services.size() <= kTilesWithoutTabs || categories.empty()) return {};
  if (std::ranges::find(categories, state.category, &services::Category::id) == categories.end())
    state.category = categories.front().id;
  const float gap = f.metrics.gap_px;
  const float width = std::min(f.metrics.mm(70),
                               (ImGui::GetContentRegionAvail().x - gap * (categories.size() - 1)) /
                                   static_cast<float>(categories.size()));
  for (std::size_t i = 0; i < categories.size(); ++i) {
    const auto& c = categories[i];
    if (i > 0) ImGui::SameLine(0, gap);
    const std::string id = "home.category." + c.id;
    const ButtonSpec tab{
        .id = id,
        .label = services::pick(c.title, f.snapshot.language),
        .icon = catalogue_icon(f, c.icon),
        .speech = "home.category",
        .on = state.category == c.id,
        .speech_args = {std::string(services::pick(c.title, f.snapshot.language))}};
    if (button(f, tab, ImVec2(width, f.metrics.button_height_px))) state.category = c.id;
  }
  ImGui::Dummy(ImVec2(0, gap / 2));
  return state.category;
}

}  // namespace

std::string price_text(const Frame& f, std::int64_t paise) {
  if (paise == 0) return std::string(f.text("tile.free"));
  if (paise % 100 == 0) return fmt::format("₹{}", paise / 100);
  return "₹" + qr::rupees_from_paise(paise);
}

void draw_home(Frame& f, UiState& state) {
  begin_screen(f, {.title = f.text("home.title"), .prompt = {.key = "prompt.home"}});
  const std::string category(category_tabs(f, state));
  const auto tiles = tiles_of(f, category);
  // Long catalogues scroll under a finger; the footer stays in view below.
  begin_drag_scroll(f, "home.services", ImVec2(0, ImGui::GetContentRegionAvail().y));
  const int tapped = tile_grid(f, tiles, 4);
  end_drag_scroll(f);
  if (tapped >= 0) {
    const auto& id = tiles[static_cast<std::size_t>(tapped)].id;
    f.commands.post(app::OpenService{id.substr(std::string_view("home.service.").size())});
  }
  end_screen(f, {});
}

}  // namespace kiosk::ui

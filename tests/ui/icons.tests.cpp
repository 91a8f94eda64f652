// Every pictogram the screens and the shipped catalogue use is a name the icon font's map
// knows, with the same codepoint, in the font's cmap, and in the icon range.
#include "ui/icons.h"

#include <catch2/catch.hpp>

#include "kiosk/services/catalogue.h"
#include "kiosk/text/icon_names.h"
#include "tests/support/fonts.h"
#include "tests/support/paths.h"

using namespace kiosk;

namespace {

const text::IconNames& names() {
  static const auto n = text::IconNames::load(testing::kIconNames);
  REQUIRE(n);
  return *n;
}

void in_font(std::string_view name, char32_t codepoint) {
  INFO(name);
  CHECK(text::is_icon_codepoint(codepoint));
  CHECK(names().find(name) == codepoint);
  CHECK(testing::shared_engine().has_codepoint(text::FontSlot::Icons, codepoint));
}

}  // namespace

TEST_CASE("Every icon of the screens is the font map's own, in the font's cmap", "[ui][icons]") {
  for (const auto& icon : ui::icons::kAll) in_font(icon.name, icon.codepoint);
  // The control: a codepoint the map gives another name is caught.
  CHECK(names().find("home") != char32_t{0xE5C4});
}

TEST_CASE("The shipped catalogue's icons are in the font", "[ui][icons][catalogue]") {
  auto catalogue = services::load_catalogue(testing::assets_dir() / "services" / "catalogue.json");
  REQUIRE(catalogue);
  for (const auto& c : catalogue->categories) {
    REQUIRE(names().find(c.icon));
    in_font(c.icon, *names().find(c.icon));
  }
  for (const auto& s : catalogue->services) {
    REQUIRE(names().find(s.icon));
    in_font(s.icon, *names().find(s.icon));
    for (const auto& d : s.documents) {
      REQUIRE(names().find(d.icon));
      in_font(d.icon, *names().find(d.icon));
    }
  }
}

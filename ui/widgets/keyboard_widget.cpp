#include "ui/widgets/keyboard_widget.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui {
namespace {

float row_units(const std::vector<keyboards::Key>& row) {
  float units = 0;
  for (const auto& key : row) units += key.width;
  return units;
}

struct KeyGeometry {
  float unit;    // width of a 1-unit key
  float height;  // of every key
  float gap;
};

KeyGeometry geometry(const Frame& f, const keyboards::KeyRows& rows) {
  float widest = 1;
  for (const auto& row : rows) widest = std::max(widest, row_units(row));
  const float gap = f.metrics.min_gap_px;
  const float avail = ImGui::GetContentRegionAvail().x;
  // Whole pixels: ImGui places items on whole pixels, and fractions would add up along a row.
  const float unit =
      std::floor(std::min((avail - gap * (widest - 1) - 2) / widest, f.metrics.mm(24)));
  // Keypad keys are 20 mm tall (citizen-ux.md rule 1) and at least 12 mm wide.
  return {std::max(unit, f.metrics.min_target_px), f.metrics.primary_px, gap};
}

// Control keys take their words from the catalogue ("keyboard.k.backspace").
std::string key_label(const Frame& f, const keyboards::Key& key) {
  if (key.action == keyboards::KeyAction::Insert) return key.label;
  const std::string catalogue_key = "keyboard." + key.id;
  return f.strings.contains(f.snapshot.language, catalogue_key)
             ? std::string(f.text(catalogue_key))
             : key.label;
}

// The word keys' pictograms, drawn alone on a one-unit key (the numeric pad's).
char32_t control_icon(keyboards::KeyAction action) {
  switch (action) {
    case keyboards::KeyAction::Backspace:
      return 0xE14A;  // backspace
    case keyboards::KeyAction::Done:
      return 0xE86C;  // check_circle
    case keyboards::KeyAction::Shift:
      return 0xE5D8;  // arrow_upward
    case keyboards::KeyAction::Space:
      return 0xE256;  // space_bar
    default:
      return 0;
  }
}

}  // namespace

float keyboard_height(const Frame& f, const keyboards::KeyboardModel& model) {
  const auto rows = model.rows();
  const KeyGeometry g = geometry(f, rows);
  return rows.size() * g.height + (rows.size() - 1) * g.gap;
}

KeyboardResult keyboard(Frame& f, keyboards::KeyboardModel& model, std::string& value) {
  const auto rows = model.rows();
  const KeyGeometry g = geometry(f, rows);
  KeyboardResult result;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(g.gap, g.gap));
  for (const auto& row : rows) {
    const float row_w = row_units(row) * g.unit + g.gap * (row.size() - 1);
    center_next(row_w);
    for (std::size_t i = 0; i < row.size(); ++i) {
      const auto& key = row[i];
      if (i > 0) ImGui::SameLine();
      const float w = key.width * g.unit + g.gap * (key.width - 1);
      const bool shift_on = key.action == keyboards::KeyAction::Shift && model.shifted();
      const std::string id = "kb." + key.id, label = key_label(f, key);
      const bool worded = label != key.label;  // a control key with catalogue words
      const std::string speech = worded ? "keyboard." + key.id : "keyboard.char";
      const ButtonSpec spec{
          .id = id,
          .label = label,
          .icon = control_icon(key.action),
          .speech = speech,
          .on = shift_on,
          .compact = key.action != keyboards::KeyAction::Insert,
          .icon_only = key.width < 2 && control_icon(key.action) != 0,
          // what it types, said: "ा", not the label's "◌ा"
          .speech_args = {key.action == keyboards::KeyAction::Insert ? key.text : label}};
      if (button(f, spec, ImVec2(w, g.height))) {
        if (key.action != keyboards::KeyAction::Done) result.pressed = key;
        if (key.action == keyboards::KeyAction::Done) {
          result.done = true;  // the core says what is still wrong with the value
        } else if (model.press(value, key)) {
          result.changed = key.action != keyboards::KeyAction::Shift;
        } else {
          result.refused = true;
          result.refused_value = model.refused_value();
        }
      }
    }
  }
  ImGui::PopStyleVar();
  return result;
}

}  // namespace kiosk::ui

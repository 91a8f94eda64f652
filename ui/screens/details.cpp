// Details: the applicant's name, mobile and Aadhaar, typed on the on-screen keyboards.
// While a field has the keyboard, only that field is shown above it (a kiosk screen is
// not tall enough for a form and a keyboard, and one thing at a time is easier to follow).
// The Aadhaar number is shown masked while it is typed (XXXX XXXX 1234).
#include <array>

#include "ui/keyboards/keyboard.h"
#include "ui/screens/screens.h"
#include "ui/widgets/keyboard_widget.h"

namespace kiosk::ui {
namespace {

namespace kb = keyboards;

struct FieldSpec {
  const char* id;         // snapshot field key; hit id "details.<id>"
  const char* label_key;  // catalogue key
  kb::FieldKind kind;
};

constexpr std::array kFields{FieldSpec{"name", "details.name", kb::FieldKind::Text},
                             FieldSpec{"mobile", "details.mobile", kb::FieldKind::Mobile},
                             FieldSpec{"aadhaar", "details.aadhaar", kb::FieldKind::Aadhaar}};

std::string value_of(const Frame& f, const char* id) {
  auto it = f.snapshot.fields.find(id);
  return it == f.snapshot.fields.end() ? std::string() : it->second;
}

bool complete(const Frame& f) {
  return !value_of(f, "name").empty() &&
         kb::is_complete(kb::FieldKind::Mobile, value_of(f, "mobile")) &&
         kb::aadhaar_number_valid(value_of(f, "aadhaar"));
}

void field_row(Frame& f, const FieldSpec& spec, float width) {
  const std::string value = value_of(f, spec.id);
  const bool focused = f.snapshot.focused_field == spec.id;
  if (text_field(f, std::string("details.") + spec.id, f.text(spec.label_key),
                 kb::display_value(spec.kind, value), focused, width)) {
    f.commands.post(app::FocusField{spec.id});
  }
}

// The keyboard for the focused field; the name field also offers a script switch.
void typing(Frame& f, UiState& state, const FieldSpec& spec) {
  if (state.keyboard_field != spec.id || !state.keyboard) {
    const bool hindi = spec.kind == kb::FieldKind::Text && f.snapshot.language != "en";
    state.keyboard.emplace(spec.kind, hindi ? kb::Layout::Inscript : kb::default_layout(spec.kind));
    state.keyboard_field = spec.id;
  }
  kb::KeyboardModel& model = *state.keyboard;
  if (spec.kind == kb::FieldKind::Text) {
    const bool inscript = model.layout() == kb::Layout::Inscript;
    if (big_button(f, "details.script",
                   f.text(inscript ? "keyboard.to_english" : "keyboard.to_hindi"),
                   ImVec2(f.metrics.mm(40), 0))) {
      model.set_layout(inscript ? kb::Layout::Qwerty : kb::Layout::Inscript);
    }
  }
  const float room = ImGui::GetContentRegionAvail().y - keyboard_height(f, model);
  if (room > 0) ImGui::Dummy(ImVec2(0, room));
  std::string value = value_of(f, spec.id);
  const KeyboardResult r = keyboard(f, model, value);
  if (r.changed) f.commands.post(app::SetField{spec.id, value});
  if (r.done) f.commands.post(app::FocusField{""});
}

}  // namespace

void draw_details(Frame& f, UiState& state) {
  screen_header(f, f.text("details.title"), f.text("details.incomplete"));
  const float width = std::min(ImGui::GetContentRegionAvail().x, f.metrics.mm(150));
  for (const FieldSpec& spec : kFields) {
    if (f.snapshot.focused_field == spec.id) {
      field_row(f, spec, width);
      typing(f, state, spec);
      return;
    }
  }
  state.keyboard.reset();
  for (const FieldSpec& spec : kFields) field_row(f, spec, width);
  ImGui::Dummy(ImVec2(0, f.metrics.gap_px));
  if (big_button(f, "details.back", f.text("details.back"), ImVec2(f.metrics.mm(50), 0))) {
    f.commands.post(app::OpenService{f.snapshot.services[*f.snapshot.selected_service].id});
  }
  ImGui::SameLine();
  if (big_button(f, "details.continue", f.text("details.continue"), ImVec2(f.metrics.mm(50), 0))) {
    if (complete(f)) {
      f.commands.post(app::ReviewDetails{});
    } else {
      state.details_incomplete = true;
    }
  }
  if (state.details_incomplete && !complete(f)) paragraph(f, f.text("details.incomplete"));
}

void draw_review(Frame& f, UiState& state) {
  state.details_incomplete = false;
  screen_header(f, f.text("review.title"));
  const auto& service = f.snapshot.services[*f.snapshot.selected_service];
  paragraph(f, services::pick(service.title, f.snapshot.language));
  for (const FieldSpec& spec : kFields) {
    paragraph(f, std::string(f.text(spec.label_key)) + ": " +
                     kb::display_value(spec.kind, value_of(f, spec.id)));
  }
  ImGui::Dummy(ImVec2(0, f.metrics.gap_px));
  if (big_button(f, "review.edit", f.text("review.edit"), ImVec2(f.metrics.mm(50), 0))) {
    f.commands.post(app::OpenDetails{});
  }
  ImGui::SameLine();
  if (big_button(f, "review.start_over", f.text("home.start_over"), ImVec2(f.metrics.mm(50), 0))) {
    f.commands.post(app::StartOver{});
  }
  ImGui::SameLine();
  if (big_button(f, "review.confirm", f.text("review.confirm"), ImVec2(f.metrics.mm(60), 0))) {
    f.commands.post(app::ConfirmDetails{});
  }
  if (!f.snapshot.error.empty()) paragraph(f, f.text("error." + f.snapshot.error));
}

}  // namespace kiosk::ui

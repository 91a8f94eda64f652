// Details: the applicant's name, mobile and Aadhaar, typed on the on-screen keyboards.
// While a field has the keyboard, only that field is shown above it (a kiosk screen is
// not tall enough for a form and a keyboard, and one thing at a time is easier to follow);
// the footer gives way to the keyboard, whose "done" key closes it.
// The Aadhaar number is shown masked while it is typed (XXXX XXXX 1234). Step 2 and 3.
#include <array>

#include "ui/icons.h"
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
  icons::Icon picture;
};

constexpr std::array kFields{
    FieldSpec{"name", "details.name", kb::FieldKind::Text, icons::kPerson},
    FieldSpec{"mobile", "details.mobile", kb::FieldKind::Mobile, icons::kPhone},
    FieldSpec{"aadhaar", "details.aadhaar", kb::FieldKind::Aadhaar, icons::kDetails}};

std::string value_of(const Frame& f, const char* id) {
  auto it = f.snapshot.fields.find(id);
  return it == f.snapshot.fields.end() ? std::string() : it->second;
}

bool complete(const Frame& f) {
  return !value_of(f, "name").empty() &&
         kb::is_complete(kb::FieldKind::Mobile, value_of(f, "mobile")) &&
         kb::aadhaar_number_valid(value_of(f, "aadhaar"));
}

// The label beside its box when the panel is wide enough, above it otherwise.
void field_row(Frame& f, const FieldSpec& spec, float width) {
  const std::string value = value_of(f, spec.id);
  const bool focused = f.snapshot.focused_field == spec.id;
  const float label_w = f.metrics.mm(f.metrics.body_font_px > f.metrics.mm(6) ? 80 : 60);
  const bool beside = ImGui::GetContentRegionAvail().x >= label_w + width;
  if (text_field(f, std::string("details.") + spec.id, f.text(spec.label_key),
                 kb::display_value(spec.kind, value), focused, width, spec.picture.codepoint,
                 beside ? label_w : 0, spec.label_key)) {
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
  if (spec.kind == kb::FieldKind::Text) {  // beside the field, on its row
    ImGui::SameLine();
    const bool inscript = model.layout() == kb::Layout::Inscript;
    const std::string_view words = inscript ? "keyboard.to_english" : "keyboard.to_hindi";
    if (button(f,
               {"details.script", f.text(words), icons::kLanguage.codepoint, ButtonStyle::Secondary,
                IconPlace::Left, words},
               ImVec2(f.metrics.mm(60), 0))) {
      model.set_layout(inscript ? kb::Layout::Qwerty : kb::Layout::Inscript);
    }
  }
  const float room = ImGui::GetContentRegionAvail().y - keyboard_height(f, model) -
                     2 * ImGui::GetStyle().ItemSpacing.y;
  if (room > 0) ImGui::Dummy(ImVec2(0, room));
  std::string value = value_of(f, spec.id);
  const KeyboardResult r = keyboard(f, model, value);
  if (r.changed) f.commands.post(app::SetField{spec.id, value});
  if (r.done) f.commands.post(app::FocusField{""});
}

const FieldSpec* focused_spec(const Frame& f) {
  for (const FieldSpec& spec : kFields)
    if (f.snapshot.focused_field == spec.id) return &spec;
  return nullptr;
}

}  // namespace

void draw_details(Frame& f, UiState& state) {
  const FieldSpec* focused = focused_spec(f);
  // While typing, the keyboard takes the room of the step, the title and the footer.
  begin_screen(f, {.title = f.text("details.title"),
                   .prompt = {.key = focused == nullptr ? "prompt.details" : "prompt.typing"},
                   .step = focused == nullptr ? 2 : 0,
                   .show_title = focused == nullptr,
                   .footer = focused == nullptr});
  const float width = std::min(ImGui::GetContentRegionAvail().x, f.metrics.mm(150));
  if (focused != nullptr) {
    const float switch_w = focused->kind == kb::FieldKind::Text ? f.metrics.mm(60) : 0;
    field_row(f, *focused,
              std::min(width, ImGui::GetContentRegionAvail().x - switch_w - f.metrics.gap_px));
    typing(f, state, *focused);
    end_screen(f, {.shown = false});
    return;
  }
  state.keyboard.reset();
  for (const FieldSpec& spec : kFields) field_row(f, spec, width);
  ImGui::Dummy(ImVec2(0, f.metrics.gap_px));
  if (state.details_incomplete && !complete(f))
    error_box(f, "details.error", f.text("details.incomplete"));
  const auto tap = end_screen(
      f, {.back = FooterButton{"nav.back", f.text("nav.back"), icons::kBack.codepoint, "nav.back"},
          .primary = FooterButton{"details.continue", f.text("details.continue"),
                                  icons::kForward.codepoint, "details.continue"}});
  if (tap == FooterTap::Back)
    f.commands.post(app::OpenService{f.snapshot.services[*f.snapshot.selected_service].id});
  if (tap == FooterTap::Primary) {
    if (complete(f))
      f.commands.post(app::ReviewDetails{});
    else
      state.details_incomplete = true;
  }
}

void draw_review(Frame& f, UiState& state) {
  state.details_incomplete = false;
  begin_screen(f, {.title = f.text("review.title"), .prompt = {.key = "prompt.review"}, .step = 3});
  const auto& service = f.snapshot.services[*f.snapshot.selected_service];
  icon_line(f, catalogue_icon(f, service.icon), services::pick(service.title, f.snapshot.language));
  for (const FieldSpec& spec : kFields) {
    icon_line(f, spec.picture.codepoint,
              std::string(f.text(spec.label_key)) + ": " +
                  kb::display_value(spec.kind, value_of(f, spec.id)));
  }
  if (!f.snapshot.error.empty()) error_box(f, "screen.error", f.text("error." + f.snapshot.error));
  const auto tap =
      end_screen(f, {.back = FooterButton{"review.edit", f.text("review.edit"),
                                          icons::kEdit.codepoint, "review.edit"},
                     .primary = FooterButton{"review.confirm", f.text("review.confirm"),
                                             icons::kPayment.codepoint, "review.confirm"}});
  if (tap == FooterTap::Back) f.commands.post(app::OpenDetails{});
  if (tap == FooterTap::Primary) f.commands.post(app::ConfirmDetails{});
}

}  // namespace kiosk::ui

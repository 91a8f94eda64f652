// Details: the service's form, as the core's table gives it (kiosk/forms), typed on the
// on-screen keyboards. While a field has the keyboard, only that field is shown above it (a
// kiosk screen is not tall enough for a form and a keyboard, and one thing at a time is
// easier to follow); the footer gives way to the keyboard, whose "done" key closes it.
//
// What a field accepts, and what is wrong with it, is the core's: every value goes to the
// core, and its errors come back in the snapshot. Each shows at its field (a red border,
// the error pictogram and the message), and a summary at the top names every field in
// error in the same words (GOV.UK's error summary); tapping a line opens that field. A
// refused review gives the first field in error the keyboard; in listen mode its message
// is the screen's prompt, so it is said.
//
// The Aadhaar number is shown masked while it is typed (XXXX XXXX 1234). Step 2 and 3.
#include <fmt/format.h>

#include "kiosk/app/secret_fields.h"
#include "kiosk/forms/masks.h"
#include "ui/icons.h"
#include "ui/keyboards/keyboard.h"
#include "ui/screens/journey_notices.h"
#include "ui/screens/screens.h"
#include "ui/voice/spoken.h"
#include "ui/widgets/keyboard_widget.h"

namespace kiosk::ui {
namespace {

namespace kb = keyboards;
using forms::FieldKind;
using forms::FieldSpec;

std::string value_of(const Frame& f, const std::string& id) {
  auto it = f.snapshot.fields.find(id);
  return it == f.snapshot.fields.end() ? std::string() : it->second;
}

// "15081947" as typed reads "15-08-1947"; a half-typed date gets its dashes as it grows.
std::string dashed_date(const std::string& digits) {
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i == 2 || i == 4) out += '-';
    out += digits[i];
  }
  return out;
}

// What the citizen reads for a value: a choice's label, a date with dashes, rupees with
// their sign. A secret field's value in the snapshot is already its mask (the core's).
std::string shown_value(const Frame& f, const FieldSpec& spec, const std::string& value) {
  if (value.empty()) return value;
  switch (spec.kind) {
    case FieldKind::Choice:
      for (const auto& choice : spec.choices)
        if (choice.id == value) return std::string(f.text(choice.label_key));
      return value;
    case FieldKind::Date:
      return dashed_date(value);
    case FieldKind::Amount:
      return "₹" + value;
    default:
      return value;
  }
}

const forms::FieldError* error_of(const Frame& f, const std::string& id) {
  for (const auto& e : f.snapshot.field_errors)
    if (e.field == id) return &e;
  return nullptr;
}

const FieldSpec* spec_of(const Frame& f, const std::string& id) {
  for (const FieldSpec& spec : f.snapshot.form)
    if (spec.id == id) return &spec;
  return nullptr;
}

std::vector<std::string> error_args(const Frame& f, const forms::FieldError& e) {
  const FieldSpec* spec = spec_of(f, e.field);
  std::vector<std::string> args{std::string(f.text(spec ? spec->label_key : e.field))};
  args.insert(args.end(), e.args.begin(), e.args.end());
  return args;
}

// "Mobile number: enter all 10 digits." The label comes first, so the summary names the field.
std::string error_message(const Frame& f, const forms::FieldError& e) {
  const auto args = error_args(f, e);
  return spoken_text(f.strings, f.snapshot.language, "form.error." + e.code, args, args.front());
}

ScreenPrompt error_prompt(const Frame& f, const forms::FieldError& e) {
  return {.key = "form.error." + e.code, .args = error_args(f, e)};
}

// The label beside its box when the panel is wide enough, above it otherwise; the error,
// if any, under the box. A choice's box shows the chosen answer's words.
void field_row(Frame& f, const FieldSpec& spec, float width) {
  const bool focused = f.snapshot.focused_field == spec.id;
  const forms::FieldError* error = error_of(f, spec.id);
  const float label_w = f.metrics.mm(f.metrics.body_font_px > f.metrics.mm(6) ? 80 : 60);
  const bool beside = ImGui::GetContentRegionAvail().x >= label_w + width;
  const float left = ImGui::GetCursorPosX();
  const std::string label =
      spec.required ? std::string(f.text(spec.label_key))
                    : fmt::format("{} ({})", f.text(spec.label_key), f.text("details.optional"));
  if (text_field(f, "details." + spec.id, label, shown_value(f, spec, value_of(f, spec.id)),
                 focused, width, catalogue_icon(f, spec.icon), beside ? label_w : 0, spec.label_key,
                 error != nullptr)) {
    f.commands.post(app::FocusField{spec.id});
  }
  if (error == nullptr) return;
  if (beside) ImGui::SetCursorPosX(left + label_w);
  notice_box(f,
             {"details." + spec.id + ".error", error_message(f, *error), icons::kError.codepoint,
              f.theme.error, f.theme.error_text, f.theme.error_text},
             width);
}

// An open choice: its answers as large buttons, two to a row, the chosen one on (a thick
// outline and the tick, not colour alone), in place of a keyboard. Choosing one sets the
// field and closes it.
void choice_picker(Frame& f, const FieldSpec& spec, float width) {
  const std::string value = value_of(f, spec.id);
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float w = (width - gap) / 2;
  for (std::size_t i = 0; i < spec.choices.size(); ++i) {
    const auto& choice = spec.choices[i];
    if (i % 2 == 1) ImGui::SameLine();
    const bool chosen = value == choice.id;
    if (button(f,
               {.id = "details." + spec.id + "." + choice.id,
                .label = f.text(choice.label_key),
                .icon = chosen ? icons::kCheck.codepoint
                               : catalogue_icon(f, choice.icon.empty() ? spec.icon : choice.icon),
                .speech = choice.label_key,
                .on = chosen},
               ImVec2(w, 0))) {
      f.commands.post(app::SetField{spec.id, choice.id});
      f.commands.post(app::FocusField{""});
    }
  }
  // Back to the form without choosing (the footer gives way to the answers).
  if (button(f,
             {.id = "details.choice.close",
              .label = f.text("nav.back"),
              .icon = icons::kBack.codepoint,
              .speech = "nav.back"},
             ImVec2(w, 0)))
    f.commands.post(app::FocusField{""});
}

// Every field in error, each line opening its field, in a thick error-coloured frame.
void error_summary(Frame& f, float width) {
  const float pad = f.metrics.gap_px;
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const std::string title(f.text("form.summary"));
  std::string all = title;
  ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + pad));
  icon_line(f, icons::kError.codepoint, title);
  for (const auto& e : f.snapshot.field_errors) {
    const std::string message = error_message(f, e);
    const std::string key = "form.error." + e.code;
    all += "\n" + message;
    ImGui::SetCursorScreenPos(ImVec2(top.x + pad, ImGui::GetCursorScreenPos().y));
    if (button(f,
               {.id = "details.summary." + e.field,
                .label = message,
                .icon = icons::kError.codepoint,
                .speech = key,
                .compact = true,
                .speech_args = error_args(f, e)},
               ImVec2(width - 2 * pad, 0))) {
      f.commands.post(app::FocusField{e.field});
    }
  }
  const ImVec2 bottom(top.x + width, ImGui::GetCursorScreenPos().y + pad);
  ImGui::GetWindowDrawList()->AddRect(top, bottom, u32(f.theme.error_text), pad / 2, 0, 4.0f);
  f.hits.note("details.summary", {top, bottom}, all);
  ImGui::SetCursorScreenPos(ImVec2(top.x, bottom.y));
  ImGui::Dummy(ImVec2(width, f.metrics.gap_px));
}

// While typing: the other fields still in error, by name, so the summary is never lost.
std::string others_in_error(const Frame& f, const std::string& typing) {
  std::string names;
  for (const auto& e : f.snapshot.field_errors) {
    if (e.field == typing) continue;
    const FieldSpec* spec = spec_of(f, e.field);
    names += (names.empty() ? "" : ", ") + std::string(f.text(spec ? spec->label_key : e.field));
  }
  if (names.empty()) return {};
  const std::string args[] = {names};
  return spoken_text(f.strings, f.snapshot.language, "form.summary_others", args, names);
}

kb::Layout first_layout(const Frame& f, const UiState& state, const FieldSpec& field) {
  const auto layouts = kb::layouts_for(field, state.phonetic != nullptr);
  // An English session starts on English letters; a Hindi one on the first Hindi keyboard.
  if (f.snapshot.language == "en" &&
      std::ranges::find(layouts, kb::Layout::Qwerty) != layouts.end())
    return kb::Layout::Qwerty;
  return layouts.front();
}

constexpr std::string_view layout_key(kb::Layout layout) {
  switch (layout) {
    case kb::Layout::Phonetic:
      return "keyboard.layout.phonetic";
    case kb::Layout::Inscript:
      return "keyboard.layout.inscript";
    default:
      return "keyboard.layout.english";
  }
}

// The keyboard switch: every keyboard this field can be typed on, the current one on.
void layout_switch(Frame& f, kb::KeyboardModel& model, const UiState& state, float width) {
  const auto layouts = kb::layouts_for(model.field(), state.phonetic != nullptr);
  if (layouts.size() < 2) return;
  const float w = std::min(f.metrics.mm(100), (width - 2 * f.metrics.gap_px) / layouts.size());
  for (std::size_t i = 0; i < layouts.size(); ++i) {
    if (i > 0) ImGui::SameLine();
    const std::string_view key = layout_key(layouts[i]);
    if (button(f,
               {.id = key,
                .label = f.text(key),
                .icon = icons::kLanguage.codepoint,
                .speech = key,
                .on = model.layout() == layouts[i],
                .compact = true},
               ImVec2(w, 0)))
      model.set_layout(layouts[i]);
  }
}

// A secret field (the Aadhaar number): each key goes to the core as it is tapped, and the
// core decides. The keyboard model types into a scratch value that is never the number.
void secret_typing(Frame& f, kb::KeyboardModel& model, const FieldSpec& spec) {
  std::string scratch;
  const KeyboardResult r = keyboard(f, model, scratch);
  if (r.pressed && r.pressed->action == kb::KeyAction::Backspace)
    f.commands.post(app::TypeSecret{spec.id, '\b'});
  else if (r.pressed && r.pressed->text.size() == 1)
    f.commands.post(app::TypeSecret{spec.id, r.pressed->text.front()});
  if (r.done) f.commands.post(app::FocusField{""});
}

// The keyboard for the focused field, with its switch above it; a choice's answers instead.
void open_keyboard(const Frame& f, UiState& state, const FieldSpec& spec) {
  if (state.keyboard_field != spec.id || !state.keyboard) {
    state.keyboard.emplace(spec, first_layout(f, state, spec), state.phonetic);
    state.keyboard_field = spec.id;
  }
}

// The height the open field needs under the names of the others in error: its box, its
// error, its help, the keyboard switch and the keyboard (or a choice's answers).
float typing_height(Frame& f, UiState& state, const FieldSpec& spec, float width) {
  const float row = f.metrics.button_height_px + ImGui::GetStyle().ItemSpacing.y;
  const forms::FieldError* error = error_of(f, spec.id);
  float need = row + (error != nullptr ? notice_height(f, error_message(f, *error), width) : 0) +
               (spec.help_key.empty() ? 0 : row / 2);
  if (spec.kind == FieldKind::Choice) return need + row * ((spec.choices.size() + 1) / 2);
  open_keyboard(f, state, spec);
  if (kb::layouts_for(spec, state.phonetic != nullptr).size() > 1) need += row;  // the switch
  return need + keyboard_height(f, *state.keyboard);
}

void typing(Frame& f, UiState& state, const FieldSpec& spec, float width) {
  if (spec.kind == FieldKind::Choice) {
    state.keyboard.reset();
    return choice_picker(f, spec, width);
  }
  open_keyboard(f, state, spec);
  kb::KeyboardModel& model = *state.keyboard;
  layout_switch(f, model, state, width);
  const float room = ImGui::GetContentRegionAvail().y - keyboard_height(f, model) -
                     2 * ImGui::GetStyle().ItemSpacing.y;
  if (room > 0) ImGui::Dummy(ImVec2(0, room));
  if (app::is_secret(spec)) return secret_typing(f, model, spec);
  std::string value = value_of(f, spec.id);
  const KeyboardResult r = keyboard(f, model, value);
  if (r.changed) f.commands.post(app::SetField{spec.id, value});
  // Refused here, and sent anyway: the core says why, at the field.
  if (r.refused && !r.refused_value.empty())
    f.commands.post(app::SetField{spec.id, r.refused_value});
  if (r.done) f.commands.post(app::FocusField{""});
}

// The summary goes at the top of the form: beside the fields when the screen is wide
// enough (a landscape kiosk then shows every field and every message at once), above them
// otherwise.
void form_with_summary(Frame& f, float width) {
  const float label_w = f.metrics.mm(f.metrics.body_font_px > f.metrics.mm(6) ? 80 : 60);
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool errors = !f.snapshot.field_errors.empty();
  const float column = label_w + width + 2 * f.metrics.gap_px;  // the summary's x, beside
  const bool beside = errors && avail >= column + f.metrics.mm(100);
  if (errors && !beside) error_summary(f, std::min(avail, f.metrics.mm(230)));
  const ImVec2 top = ImGui::GetCursorScreenPos();
  for (const FieldSpec& spec : f.snapshot.form) field_row(f, spec, width);
  if (!beside) return;
  const float fields_bottom = ImGui::GetCursorScreenPos().y;
  ImGui::SetCursorScreenPos(ImVec2(top.x + column, top.y));
  error_summary(f, std::min(avail - column, f.metrics.mm(150)));
  ImGui::SetCursorScreenPos(ImVec2(top.x, std::max(fields_bottom, ImGui::GetCursorScreenPos().y)));
  ImGui::Dummy(ImVec2(0, 0));
}

// A status lookup with a scanner online: the receipt's QR does instead of typing.
void status_scan_hint(Frame& f) {
  const auto& snap = f.snapshot;
  if (!snap.selected_service ||
      snap.services[*snap.selected_service].kind != services::ServiceKind::StatusLookup)
    return;
  const bool scanner = std::ranges::any_of(snap.devices, [](const app::DeviceView& d) {
    return d.kind == drivers::model::DeviceKind::Scanner &&
           d.status == drivers::model::Status::Online;
  });
  if (scanner) icon_line(f, icons::kReceipt.codepoint, f.text("status.scan_hint"));
}

ScreenPrompt details_prompt(const Frame& f, const FieldSpec* focused) {
  const auto& errors = f.snapshot.field_errors;
  if (focused != nullptr) {
    const forms::FieldError* e = error_of(f, focused->id);
    return e != nullptr ? error_prompt(f, *e) : ScreenPrompt{.key = "prompt.typing"};
  }
  if (errors.empty()) return {.key = "prompt.details"};
  return {.key = "prompt.form_errors",
          .args = {std::to_string(errors.size()), error_message(f, errors.front())}};
}

}  // namespace

void draw_details(Frame& f, UiState& state) {
  const FieldSpec* focused = spec_of(f, f.snapshot.focused_field);
  // While typing, the keyboard takes the room of the step, the title and the footer.
  begin_screen(f, {.title = f.text("details.title"),
                   .prompt = details_prompt(f, focused),
                   .step = focused == nullptr ? 2 : 0,
                   .show_title = focused == nullptr,
                   .footer = focused == nullptr});
  const float width = std::min(ImGui::GetContentRegionAvail().x, f.metrics.mm(150));
  if (focused != nullptr) {
    // The keyboard comes first: the others in error are named only where they leave room
    // for all of it (many errors on a small panel would push its last row off the screen).
    const std::string others = others_in_error(f, focused->id);
    // typing_height errs on the tall side (it spaces every row), by half a row at most.
    const float slack = f.metrics.button_height_px / 2;
    if (!others.empty() &&
        ImGui::GetContentRegionAvail().y + slack - typing_height(f, state, *focused, width) >=
            notice_height(f, others, width))
      notice_box(f,
                 {"details.summary", others, icons::kError.codepoint, f.theme.error,
                  f.theme.error_text, f.theme.error_text},
                 width);
    field_row(f, *focused, std::min(width, ImGui::GetContentRegionAvail().x));
    if (!focused->help_key.empty()) text_block(f, f.text(focused->help_key), TextSize::Small);
    typing(f, state, *focused, ImGui::GetContentRegionAvail().x);
    end_screen(f, {.shown = false});
    return;
  }
  state.keyboard.reset();
  status_scan_hint(f);
  identity_scan_notice(f, width);
  form_with_summary(f, width);
  const auto tap = end_screen(
      f, {.back = FooterButton{"nav.back", f.text("nav.back"), icons::kBack.codepoint, "nav.back"},
          .primary = FooterButton{"details.continue", f.text("details.continue"),
                                  icons::kForward.codepoint, "details.continue"}});
  if (tap == FooterTap::Back)
    f.commands.post(app::OpenService{f.snapshot.services[*f.snapshot.selected_service].id});
  if (tap == FooterTap::Primary) f.commands.post(app::ReviewDetails{});  // the core checks it
}

// Fingerprint authentication of the typed number: the button while it is offered (or may be
// tried again), and how it stands. What it decided is the core's; the words are i18n keys.
void fingerprint_block(Frame& f, float width) {
  using State = app::FingerprintView::State;
  const auto& fp = f.snapshot.fingerprint;
  if (fp) {
    const bool failed = fp->state == State::Failed;
    const std::string key = failed                          ? fp->message
                            : fp->state == State::Capturing ? "fingerprint.capturing"
                            : fp->state == State::Sending   ? "fingerprint.sending"
                                                            : "fingerprint.verified";
    const char32_t icon = failed                         ? icons::kError.codepoint
                          : fp->state == State::Verified ? icons::kCheck.codepoint
                                                         : icons::kAadhaar.codepoint;
    notice_box(
        f,
        {"review.fingerprint.state", f.text(key), icon, failed ? f.theme.error : f.theme.dialog,
         failed ? f.theme.error_text : f.theme.dialog_text,
         failed ? f.theme.error_text : f.theme.field_border},
        width);
  }
  const bool may_try = !fp || (fp->state == State::Failed && fp->may_retry);
  if (!f.snapshot.fingerprint_offered || !may_try) return;
  const std::string_view key = fp ? "review.fingerprint_again" : "review.fingerprint";
  if (button(f,
             {.id = "review.fingerprint",
              .label = f.text(key),
              .icon = icons::kAadhaar.codepoint,
              .speech = key},
             ImVec2(width, 0)))
    f.commands.post(app::VerifyFingerprint{});
}

// Every field and its value; in two columns when the form is long and the panel wide, so
// a seven-field form and the fingerprint button fit on a landscape screen without scrolling.
void review_lines(Frame& f) {
  const auto& form = f.snapshot.form;
  const bool two = form.size() > 4 && ImGui::GetContentRegionAvail().x >= f.metrics.mm(260);
  if (two) ImGui::BeginTable("review.fields", 2);
  for (std::size_t i = 0; i < form.size(); ++i) {
    if (two && i % 2 == 0) ImGui::TableNextRow();
    if (two) ImGui::TableNextColumn();
    const FieldSpec& spec = form[i];
    icon_line(
        f, catalogue_icon(f, spec.icon),
        std::string(f.text(spec.label_key)) + ": " + shown_value(f, spec, value_of(f, spec.id)));
  }
  if (two) ImGui::EndTable();
}

void draw_review(Frame& f, UiState&) {
  begin_screen(f, {.title = f.text("review.title"), .prompt = {.key = "prompt.review"}, .step = 3});
  const auto& service = f.snapshot.services[*f.snapshot.selected_service];
  icon_line(f, catalogue_icon(f, service.icon), services::pick(service.title, f.snapshot.language));
  review_lines(f);
  const float width = std::min(ImGui::GetContentRegionAvail().x, f.metrics.mm(150));
  identity_review(f, width);
  fingerprint_block(f, width);
  const bool blocked = preflight_notice(f, width);
  if (!f.snapshot.error.empty()) error_box(f, "screen.error", f.text("error." + f.snapshot.error));
  FooterSpec footer{.back = FooterButton{"review.edit", f.text("review.edit"),
                                         icons::kEdit.codepoint, "review.edit"}};
  if (!blocked)  // nothing may be charged for a service a device cannot finish
    footer.primary = FooterButton{"review.confirm", f.text("review.confirm"),
                                  icons::kPayment.codepoint, "review.confirm"};
  const auto tap = end_screen(f, footer);
  if (tap == FooterTap::Back) f.commands.post(app::OpenDetails{});
  if (tap == FooterTap::Primary) f.commands.post(app::ConfirmDetails{});
}

}  // namespace kiosk::ui

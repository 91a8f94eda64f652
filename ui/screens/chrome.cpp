// The frame of every citizen screen: the header bar (the centre, the date and time, and the
// same five targets at the same rectangles on every screen: language, help, listen, large
// text, contrast), the device and help banners, the step indicator and the title; then the
// body; then the footer (back and start over on the left, the one primary action large on
// the right, also at fixed rectangles).
#include <fmt/format.h>

#include <array>

#include "kiosk/app/screen_board.h"
#include "kiosk/receipt/receipt.h"
#include "ui/icons.h"
#include "ui/screens/screens.h"
#include "ui/speaker.h"

namespace kiosk::ui {
namespace {

// The language the header's switch offers: the next one offered after the session's.
std::string_view next_language(const Frame& f) {
  const auto& langs = f.snapshot.languages;
  const auto it = std::ranges::find(langs, f.snapshot.language);
  if (langs.size() < 2 || it == langs.end()) return {};
  const auto next = std::next(it) == langs.end() ? langs.begin() : std::next(it);
  return *next;
}

// The five fixed targets, right to left from the header's right edge.
void header_targets(Frame& f, const ScreenSpec& spec, float width) {
  const auto rects = header_target_rects(f.metrics, width);
  const auto at = [&](HeaderTarget t) {
    const Rect& r = rects[static_cast<std::size_t>(t)];
    ImGui::SetCursorScreenPos(r.min);
    return ImVec2(r.width(), r.height());
  };
  const auto header = [&](std::string_view id, std::string_view label, char32_t icon,
                          std::string_view speech, bool on = false) {
    return ButtonSpec{id, label, icon, ButtonStyle::Header, IconPlace::Top, speech, on};
  };
  if (const auto other = next_language(f); !other.empty()) {
    const ImVec2 size = at(HeaderTarget::Language);  // its label in its own script
    ButtonSpec spec = header("header.language", f.strings.get(other, "language.name"),
                             icons::kLanguage.codepoint, "language.name");
    spec.speech_language = other;  // its name, said in its own language
    if (button(f, spec, size)) f.commands.post(app::SwitchLanguage{std::string(other)});
  }
  ImVec2 size = at(HeaderTarget::Help);
  if (button(f,
             header("header.help", f.text("header.help"), icons::kHelp.codepoint, "header.help",
                    f.snapshot.help_requested),
             size))
    f.commands.post(app::AskForHelp{});
  if (f.speaker != nullptr) {
    size = at(HeaderTarget::Listen);
    const bool speaking = f.speaker->speaking();
    if (button(f,
               header("a11y.speak", f.text("a11y.speak"), icons::kListen.codepoint, "a11y.speak",
                      speaking),
               size))
      say_prompt(f, spec.prompt);
    if (speaking) f.want_animation(4);  // keep drawing: the button shows when speech ends
  }
  size = at(HeaderTarget::LargeText);
  if (button(f,
             header("a11y.large_text", f.text("a11y.large_text"), icons::kLargeText.codepoint,
                    "a11y.large_text", f.snapshot.large_text),
             size))
    f.commands.post(app::SetLargeText{!f.snapshot.large_text});
  size = at(HeaderTarget::Contrast);
  if (button(f,
             header("a11y.high_contrast", f.text("a11y.high_contrast"), icons::kContrast.codepoint,
                    "a11y.high_contrast", f.snapshot.high_contrast),
             size))
    f.commands.post(app::SetHighContrast{!f.snapshot.high_contrast});
}

// Listen mode's "yes": while a target is chosen (spoken and outlined), a wide button in the
// header, where the centre's name is, with the chosen target's picture. It acts at once.
bool listen_yes(Frame& f, Rect bar, float right) {
  if (!f.listening() || f.listen->armed.empty()) return false;
  const float pad = f.metrics.gap_px;
  ImGui::SetCursorScreenPos(ImVec2(bar.min.x + 2 * pad, bar.min.y + pad));
  const char32_t picture =
      f.listen->armed_info.icon != 0 ? f.listen->armed_info.icon : icons::kCheck.codepoint;
  if (button(f,
             {.id = "listen.yes",
              .label = f.text("listen.yes"),
              .icon = picture,
              .style = ButtonStyle::Secondary,  // light on the dark header: it stands out
              .speech = "listen.yes",
              .immediate = true},
             ImVec2(std::max(f.metrics.min_target_px, right - bar.min.x - 3 * pad),
                    bar.height() - 2 * pad)))
    f.listen->confirm_frames = 2;  // the chosen target acts where it is drawn next
  return true;
}

// The centre's name and the date and time in IST, left of the fixed targets.
void header_identity(Frame& f, Rect bar, float right) {
  const float pad = f.metrics.gap_px;
  const std::string name =
      f.snapshot.csc_name.empty() ? std::string(f.text("app.name")) : f.snapshot.csc_name;
  const float width = std::max(1.0f, right - bar.min.x - 3 * pad);
  const auto top = f.shaped.layout(name, {f.metrics.body_font_px, width, text::Align::Left});
  const auto when =
      f.shaped.layout(receipt::ist_text(f.wall), {f.metrics.small_font_px, 0, text::Align::Left});
  const float block = top->height_px() + when->height_px();
  const float y = bar.min.y + (bar.height() - block) / 2;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  f.shaped.draw(draw, *top, ImVec2(bar.min.x + 2 * pad, y), u32(f.theme.header_text));
  f.shaped.draw(draw, *when, ImVec2(bar.min.x + 2 * pad, y + top->height_px()),
                u32(f.theme.header_text));
  if (top->width_px() > width + 1 || block > bar.height()) f.overflow("header.name", name);
  // The operator's hidden gesture (docs/operator.md): taps on the name, which the core
  // counts. Not a target a citizen is shown or told of, so it is not in the target list.
  // A fixed 50 mm from the left edge (at most up to the targets), whatever the name's length.
  const Rect name_box{bar.min,
                      ImVec2(bar.min.x + std::min(f.metrics.mm(50), right - bar.min.x), bar.max.y)};
  ImGui::SetCursorScreenPos(name_box.min);
  if (ImGui::InvisibleButton("##operator", ImVec2(name_box.width(), name_box.height())))
    f.commands.post(app::OperatorGesture{});
  f.hits.add("header.operator", name_box);
}

void help_banner(Frame& f, float width) {
  if (!f.snapshot.help_requested) return;
  notice_box(f,
             {"help.banner", f.text("help.called"), icons::kHelp.codepoint, f.theme.dialog,
              f.theme.dialog_text, f.theme.field_border},
             width);
}

// A scan is arriving: a Secure QR on a keyboard wedge takes seconds, and the citizen
// should hold the card still rather than take it away.
void scan_banner(Frame& f, float width) {
  if (!f.snapshot.scanner_reading) return;
  notice_box(f,
             {"scan.reading", f.text("scan.reading"), icons::kPending.codepoint, f.theme.dialog,
              f.theme.dialog_text, f.theme.field_border},
             width);
}

// "Step 2 of 5" as dots, each with the picture of its step; the current one filled.
void step_indicator(Frame& f, int step) {
  static constexpr std::array kPictures{icons::kDocument, icons::kDetails, icons::kReview,
                                        icons::kPayment, icons::kDone};
  const float dot = f.metrics.icon_px * 1.5f, gap = f.metrics.gap_px * 2;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (int i = 0; i < kSteps; ++i) {
    const ImVec2 centre(at.x + dot / 2 + static_cast<float>(i) * (dot + gap), at.y + dot / 2);
    if (i > 0)
      draw->AddLine(ImVec2(centre.x - dot / 2 - gap, centre.y),
                    ImVec2(centre.x - dot / 2, centre.y), u32(f.theme.secondary_border), 2.0f);
    const bool current = i + 1 == step, done = i + 1 < step;
    const ImU32 fill = u32(current ? f.theme.button : f.theme.secondary);
    draw->AddCircleFilled(centre, dot / 2, fill, 32);
    draw->AddCircle(centre, dot / 2, u32(f.theme.secondary_border), 32, done ? 3.0f : 1.5f);
    const ImU32 ink = u32(current ? f.theme.button_text : f.theme.secondary_text);
    const float px = f.metrics.icon_px;
    icon(f, done ? icons::kCheck.codepoint : kPictures[static_cast<std::size_t>(i)].codepoint,
         ImVec2(centre.x - px / 2, centre.y - px / 2), px, ink);
  }
  const std::string label = fmt::format(fmt::runtime(std::string(f.text("step.of"))), step, kSteps);
  const auto layout = f.shaped.layout(label, {f.metrics.body_font_px, 0, text::Align::Left});
  const float x = at.x + kSteps * (dot + gap);
  f.shaped.draw(draw, *layout, ImVec2(x, at.y + (dot - layout->height_px()) / 2),
                u32(f.theme.text));
  f.hits.note("screen.step", {at, ImVec2(x + layout->width_px(), at.y + dot)}, label);
  ImGui::Dummy(ImVec2(x - at.x + layout->width_px(), dot + f.metrics.gap_px));
}

}  // namespace

std::array<Rect, kHeaderTargets> header_target_rects(const Metrics& m, float width) {
  std::array<Rect, kHeaderTargets> out{};
  const float w = m.header_target_px, h = m.header_px - 2 * m.gap_px;
  float right = width - m.gap_px;
  for (std::size_t i = kHeaderTargets; i-- > 0;) {  // Contrast is the rightmost
    out[i] = {ImVec2(right - w, m.gap_px), ImVec2(right, m.gap_px + h)};
    right -= w + m.gap_px;
  }
  return out;
}

std::array<Rect, kFooterTargets> footer_target_rects(const Metrics& m, ImVec2 display) {
  const float top = display.y - m.footer_px + m.gap_px, h = m.primary_px;
  const float nav = m.nav_px, primary = std::max(m.mm(80), display.x * 0.3f);
  return {Rect{ImVec2(2 * m.gap_px, top), ImVec2(2 * m.gap_px + nav, top + h)},
          Rect{ImVec2(3 * m.gap_px + nav, top), ImVec2(3 * m.gap_px + 2 * nav, top + h)},
          Rect{ImVec2(display.x - 2 * m.gap_px - primary, top),
               ImVec2(display.x - 2 * m.gap_px, top + h)}};
}

void begin_screen(Frame& f, const ScreenSpec& spec) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float width = vp->Size.x;
  const Rect bar{vp->Pos, ImVec2(vp->Pos.x + width, vp->Pos.y + f.metrics.header_px)};
  ImGui::GetWindowDrawList()->AddRectFilled(bar.min, bar.max, u32(f.theme.header));
  f.prompt = spec.prompt;
  header_targets(f, spec, width);
  const float right = header_target_rects(f.metrics, width)[0].min.x;
  if (!listen_yes(f, bar, right)) header_identity(f, bar, right);
  const float pad = 2 * f.metrics.gap_px;
  ImGui::SetCursorScreenPos(ImVec2(bar.min.x + pad, bar.max.y + f.metrics.gap_px));
  ImGui::PushItemWidth(width - 2 * pad);
  ImGui::BeginGroup();
  device_banner(f, width - 2 * pad);
  help_banner(f, width - 2 * pad);
  scan_banner(f, width - 2 * pad);
  ImGui::EndGroup();
  ImGui::PopItemWidth();
  const float top = ImGui::GetCursorScreenPos().y;
  const float bottom = vp->Pos.y + vp->Size.y - (spec.footer ? f.metrics.footer_px : 0);
  ImGui::SetCursorScreenPos(ImVec2(bar.min.x + pad, top));
  // A body that does not fit (large text on a small panel) scrolls under a finger rather
  // than running under the footer.
  // Each screen its own region, so no screen starts scrolled where the last one was left.
  const std::string body =
      fmt::format("body.{}{}", app::screen_name(f.snapshot.screen), spec.footer ? "" : ".typing");
  begin_drag_scroll(f, body, ImVec2(width - 2 * pad, std::max(1.0f, bottom - top)));
  if (spec.step > 0) step_indicator(f, spec.step);
  if (spec.show_title && !spec.title.empty()) {
    text_block(f, spec.title, TextSize::Title);
    f.hits.note("screen.title", {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()},
                std::string(spec.title));
    ImGui::Dummy(ImVec2(0, f.metrics.gap_px / 2));
  }
}

FooterTap end_screen(Frame& f, const FooterSpec& spec) {
  end_drag_scroll(f);
  if (!spec.shown) return FooterTap::None;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float top = vp->Pos.y + vp->Size.y - f.metrics.footer_px;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddLine(ImVec2(vp->Pos.x, top), ImVec2(vp->Pos.x + vp->Size.x, top),
                u32(f.theme.secondary_border), 2.0f);
  const auto rects = footer_target_rects(f.metrics, vp->Size);
  FooterTap tapped = FooterTap::None;
  const auto place = [&](const Rect& r) {
    ImGui::SetCursorScreenPos(ImVec2(vp->Pos.x + r.min.x, vp->Pos.y + r.min.y));
    return ImVec2(r.width(), r.height());
  };
  if (spec.back) {
    const ImVec2 size = place(rects[0]);
    const char32_t picture = spec.back->icon != 0 ? spec.back->icon : icons::kBack.codepoint;
    if (button(f,
               {spec.back->id, spec.back->label, picture, ButtonStyle::Secondary, IconPlace::Left,
                spec.back->speech},
               size))
      tapped = FooterTap::Back;
  }
  if (spec.start_over) {
    const ImVec2 size = place(rects[1]);
    if (button(f,
               {"nav.start_over", f.text("home.start_over"), icons::kHome.codepoint,
                ButtonStyle::Secondary, IconPlace::Left, "home.start_over"},
               size))
      tapped = FooterTap::StartOver;
  }
  if (spec.primary) {
    const ImVec2 size = place(rects[2]);
    if (button(f,
               {spec.primary->id, spec.primary->label, spec.primary->icon, ButtonStyle::Primary,
                IconPlace::Left, spec.primary->speech},
               size))
      tapped = FooterTap::Primary;
  }
  if (tapped == FooterTap::StartOver) f.commands.post(app::StartOver{});
  return tapped;
}

}  // namespace kiosk::ui

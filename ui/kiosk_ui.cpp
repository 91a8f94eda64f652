#include "ui/kiosk_ui.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <imgui.h>

#include <system_error>

#include "ui/screens/screens.h"
#include "ui/speaker.h"

namespace kiosk::ui {
KioskUi::KioskUi(const i18n::Strings& strings, Metrics metrics, text::Engine& engine,
                 TextureSink& sink)
    : strings_(strings),
      metrics_(metrics),
      large_(Metrics::for_dpi(metrics.dpi, true)),
      shaped_(engine, sink) {}

Status KioskUi::load_fonts(const std::filesystem::path& latin_font) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(latin_font, ec)) {
    return fail(Errc::Config, fmt::format("font file {} is missing (install fonts-noto-core or fix "
                                          "text.font_latin in the config)",
                                          latin_font.string()));
  }
  ImFont* font =
      ImGui::GetIO().Fonts->AddFontFromFileTTF(latin_font.c_str(), metrics_.body_font_px);
  if (font == nullptr)
    return fail(Errc::Config, "the Latin font could not be loaded by Dear ImGui");
  ImGui::GetIO().FontDefault = font;
  return {};
}

void KioskUi::apply_style() const {
  ImGuiStyle& style = ImGui::GetStyle();
  ImGui::StyleColorsLight(&style);
  const float gap = metrics_.gap_px;
  style.WindowPadding = ImVec2(gap * 2, gap * 2);
  style.FramePadding = ImVec2(gap, gap);
  style.ItemSpacing = ImVec2(gap, gap);  // never less than 2 mm between two targets
  style.FrameRounding = gap / 2;
  style.TouchExtraPadding = ImVec2(gap / 2, gap / 2);  // fingers land a little off
  style.ScrollbarSize = metrics_.mm(6);
  style.WindowBorderSize = 0;
  standard_.apply(style);
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigWindowsMoveFromTitleBarOnly = true;
  io.ConfigInputTextCursorBlink = false;  // a blinking cursor would keep the GPU busy
  io.IniFilename = nullptr;               // no imgui.ini written on a kiosk
}

char32_t KioskUi::Names::codepoint(std::string_view name) const {
  constexpr char32_t kDocument = 0xE873;  // "description": a catalogue name it does not know
  if (names == nullptr) return kDocument;
  return names->find(name).value_or(kDocument);
}

namespace {

// The next whole minute of the wall clock, as a steady time: the header's clock changes.
Clock::SteadyTime next_minute(Clock::SteadyTime now, Clock::WallTime wall) {
  const auto into = wall.time_since_epoch() % std::chrono::minutes(1);
  return now + std::chrono::ceil<std::chrono::milliseconds>(std::chrono::minutes(1) - into);
}

}  // namespace

void KioskUi::draw(const app::Snapshot& snapshot, app::CommandSink& commands, Clock::SteadyTime now,
                   Clock::WallTime wall) {
  hits_.clear();
  overflows_.clear();
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) commands.post(app::UserActivity{});
  if (snapshot.screen == app::Screen::Welcome) state_.category.clear();
  if (snapshot.session != session_) {  // a wiped session: its shaped text goes too
    session_ = snapshot.session;
    shaped_.engine().forget_layouts();
  }

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings |
                                      ImGuiWindowFlags_NoBringToFrontOnFocus;
  current_ = snapshot.large_text ? &large_ : &metrics_;
  const Theme& theme = snapshot.high_contrast ? high_contrast_ : standard_;
  theme.apply(ImGui::GetStyle());
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));  // the header spans the width
  ImGui::Begin("kiosk", nullptr, kFlags);
  ImGui::PopStyleVar();
  Frame frame{.snapshot = snapshot,
              .commands = commands,
              .strings = snapshot.strings ? *snapshot.strings : strings_,
              .metrics = *current_,
              .theme = theme,
              .shaped = shaped_,
              .hits = hits_,
              .now = now,
              .speaker = speaker_,
              .animation_fps = 0,
              .overflows = &overflows_,
              .wall = wall,
              .catalogue_icons = &icon_names_,
              .listen = &listen_};
  if (snapshot.operator_mode) {
    draw_operator(frame);
  } else {
    draw_citizen_screen(frame);
  }
  if (snapshot.demo) draw_demo_badge(frame, viewport);
  ImGui::End();
  const bool warning = !snapshot.operator_mode && draw_idle_warning(frame);
  finish_frame(frame, snapshot, now, wall, warning);
}

void KioskUi::draw_citizen_screen(Frame& frame) {
  switch (frame.snapshot.screen) {
    case app::Screen::Welcome:
      draw_welcome(frame);
      break;
    case app::Screen::Home:
      draw_home(frame, state_);
      break;
    case app::Screen::Service:
      draw_service(frame);
      break;
    case app::Screen::Details:
      draw_details(frame, state_);
      break;
    case app::Screen::Review:
      draw_review(frame, state_);
      break;
    case app::Screen::Payment:
      draw_payment(frame, state_);
      break;
    case app::Screen::Done:
      draw_done(frame, state_);
      break;
    case app::Screen::Attract:
      draw_attract(frame);
      break;
    case app::Screen::Consent:
      draw_consent(frame);
      break;
    case app::Screen::Bill:
      draw_bill(frame);
      break;
    case app::Screen::Status:
      draw_status(frame);
      break;
  }
}

void KioskUi::finish_frame(Frame& frame, const app::Snapshot& snapshot, Clock::SteadyTime now,
                           Clock::WallTime wall, bool warning) {
  voice_after_frame(frame, warning);
  animation_fps_ = frame.animation_fps;
  wake_at_ = next_minute(now, wall);  // the header's clock
  if (frame.wake_at) wake_at_ = std::min(*wake_at_, *frame.wake_at);
  if (snapshot.idle_deadline && now < *snapshot.idle_deadline - snapshot.idle_warning)
    wake_at_ = std::min(*wake_at_, *snapshot.idle_deadline - snapshot.idle_warning);
  shaped_.atlas().flush();
  if (board_ != nullptr) board_->publish(describe(snapshot));
}

// In the footer, between start over and the primary action; on the welcome screen, which
// has no footer and a button low down, at the top left under the header.
void KioskUi::draw_demo_badge(Frame& frame, const ImGuiViewport* viewport) const {
  ImVec2 at;
  if (frame.snapshot.screen == app::Screen::Welcome) {
    at = ImVec2(current_->gap_px * 2 + current_->mm(12), current_->header_px + current_->gap_px);
  } else {
    const auto footer = footer_target_rects(*current_, viewport->Size);
    at = ImVec2((footer[1].max.x + footer[2].min.x) / 2,
                footer[2].center().y - current_->small_font_px);
  }
  badge(frame, frame.text("app.demo_badge"),
        ImVec2(viewport->Pos.x + at.x, viewport->Pos.y + at.y));
}

void KioskUi::voice_after_frame(Frame& frame, bool warning_shown) {
  const app::Snapshot& s = frame.snapshot;
  const std::string opened =
      fmt::format("{}|{}|{}|{}", app::screen_name(s.screen), frame.prompt.key,
                  fmt::join(frame.prompt.args, "|"), s.language);
  const bool changed = opened != opened_;
  if (changed) {
    listen_ = {};  // a target chosen on another screen is not this screen's
    if (speaker_ != nullptr && !s.listen_mode && speaker_->speaking()) speaker_->stop();
  }
  if (listen_.confirm_frames > 0 && --listen_.confirm_frames == 0) listen_ = {};
  const bool listening = s.listen_mode && speaker_ != nullptr;
  // In listen mode each screen says what it is when it opens (and when listen mode starts).
  if (listening && (changed || !listening_)) say_prompt(frame, frame.prompt);
  // The idle warning is said to everyone: it is the last chance to keep the session.
  if (warning_shown && !warning_shown_) {
    const auto left = std::chrono::ceil<std::chrono::seconds>(*s.idle_deadline - frame.now);
    say_prompt(frame, {.key = "prompt.idle", .args = {std::to_string(left.count())}});
  }
  opened_ = opened;
  listening_ = listening;
  warning_shown_ = warning_shown;
  prompt_key_ = warning_shown ? "prompt.idle" : frame.prompt.key;
}

app::ScreenDescription KioskUi::describe(const app::Snapshot& snapshot) {
  // Operator mode is drawn over the citizen's screen: it names itself while it is open.
  const std::string screen =
      snapshot.operator_mode ? "operator" : std::string(app::screen_name(snapshot.screen));
  app::ScreenDescription d{++frames_, screen, prompt_key_, current_->dpi, {}};
  for (const auto& [id, rect] : hits_.all()) {
    const TargetInfo* info = hits_.info(id);
    if (id == "header.operator") {  // the hidden gesture: no label, nothing said
      d.targets.push_back({id, rect.min.x, rect.min.y, rect.width(), rect.height(), "", 0, ""});
      continue;
    }
    if (info == nullptr) continue;  // a region that shows a message, not a target
    d.targets.push_back({id, rect.min.x, rect.min.y, rect.width(), rect.height(), info->label,
                         info->icon, info->speech});
  }
  return d;
}

}  // namespace kiosk::ui

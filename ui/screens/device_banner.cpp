// The device banner: "Printer — Not connected. Check the device's cable and power." with a
// drawing of a printer, so that a citizen who reads little still sees which machine is
// meant. What it says is the core's decision (Snapshot::device_banner); this only draws it.
#include <cmath>

#include "ui/screens/screens.h"

namespace kiosk::ui {

namespace model = drivers::model;

namespace {

std::string banner_text(const Frame& f, const app::DeviceBanner& b) {
  std::string text = std::string(f.text(b.kind_key)) + " — " + std::string(f.text(b.status_key));
  // Hindi ends a sentence with the danda, English with a full stop.
  if (!b.action_key.empty())
    text += (f.snapshot.language == "hi" ? "। " : ". ") + std::string(f.text(b.action_key));
  return text;
}

void printer(ImDrawList* d, ImVec2 o, float s, ImU32 c, float w) {
  d->AddRect(ImVec2(o.x + 0.25f * s, o.y + 0.05f * s), ImVec2(o.x + 0.75f * s, o.y + 0.35f * s), c,
             0, 0, w);  // paper in
  d->AddRectFilled(ImVec2(o.x + 0.05f * s, o.y + 0.35f * s),
                   ImVec2(o.x + 0.95f * s, o.y + 0.7f * s), c, 0.08f * s);  // body
  d->AddRect(ImVec2(o.x + 0.25f * s, o.y + 0.6f * s), ImVec2(o.x + 0.75f * s, o.y + 0.95f * s), c,
             0, 0, w);  // receipt out
}

void scanner(ImDrawList* d, ImVec2 o, float s, ImU32 c, float w) {
  const float bars[] = {0.1f, 0.2f, 0.26f, 0.4f, 0.48f, 0.6f, 0.7f, 0.76f, 0.88f};
  for (float x : bars)
    d->AddLine(ImVec2(o.x + x * s, o.y + 0.2f * s), ImVec2(o.x + x * s, o.y + 0.8f * s), c, w);
  d->AddLine(ImVec2(o.x, o.y + 0.5f * s), ImVec2(o.x + s, o.y + 0.5f * s), c, w / 2);  // the beam
}

void fingerprint(ImDrawList* d, ImVec2 o, float s, ImU32 c, float w) {
  const ImVec2 centre(o.x + 0.5f * s, o.y + 0.55f * s);
  for (int i = 1; i <= 4; ++i) {
    const float r = 0.1f * s * static_cast<float>(i);
    d->PathArcTo(centre, r, 3.4f, 6.0f + 0.6f * static_cast<float>(i % 2), 24);
    d->PathStroke(c, 0, w);
  }
}

void camera(ImDrawList* d, ImVec2 o, float s, ImU32 c, float w) {
  d->AddRect(ImVec2(o.x + 0.05f * s, o.y + 0.3f * s), ImVec2(o.x + 0.95f * s, o.y + 0.85f * s), c,
             0.08f * s, 0, w);
  d->AddRectFilled(ImVec2(o.x + 0.3f * s, o.y + 0.18f * s), ImVec2(o.x + 0.55f * s, o.y + 0.3f * s),
                   c);
  d->AddCircle(ImVec2(o.x + 0.5f * s, o.y + 0.57f * s), 0.18f * s, c, 32, w);
}

}  // namespace

void device_pictogram(ImDrawList* draw, model::DeviceKind kind, Rect box, ImU32 colour) {
  const float s = std::min(box.width(), box.height());
  const ImVec2 o(box.min.x + (box.width() - s) / 2, box.min.y + (box.height() - s) / 2);
  const float w = std::max(2.0f, s / 16);
  switch (kind) {
    case model::DeviceKind::Printer:
      return printer(draw, o, s, colour, w);
    case model::DeviceKind::Scanner:
      return scanner(draw, o, s, colour, w);
    case model::DeviceKind::Fingerprint:
      return fingerprint(draw, o, s, colour, w);
    case model::DeviceKind::Camera:
      return camera(draw, o, s, colour, w);
  }
}

void device_banner(Frame& f, float width) {
  if (!f.snapshot.device_banner) return;
  const auto& banner = *f.snapshot.device_banner;
  const std::string text = banner_text(f, banner);
  const float pad = f.metrics.gap_px;
  const float icon = f.metrics.button_height_px;
  const auto layout = f.shaped.layout(
      text, {f.metrics.body_font_px, std::max(1.0f, width - icon - 3 * pad), text::Align::Left});
  const float height = std::max(icon, layout->height_px()) + 2 * pad;
  const ImVec2 min = ImGui::GetCursorScreenPos();
  const ImVec2 max(min.x + width, min.y + height);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(min, max, u32(f.theme.warning), pad / 2);
  device_pictogram(
      draw, banner.kind,
      {ImVec2(min.x + pad, min.y + pad), ImVec2(min.x + pad + icon, min.y + pad + icon)},
      u32(f.theme.warning_text));
  const float text_y = min.y + (height - layout->height_px()) / 2;
  f.shaped.draw(draw, *layout, ImVec2(min.x + icon + 2 * pad, text_y), u32(f.theme.warning_text));
  f.hits.note("device.banner", {min, max}, text);
  ImGui::Dummy(ImVec2(width, height + pad));
}

}  // namespace kiosk::ui

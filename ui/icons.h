// The pictograms of the screens' own targets: Material Icons codepoints (drawn by the text
// engine from text.font_icons), each with the name the icon font package's map gives it
// (scss/_variables.scss), which tests/ui/icons.tests.cpp checks entry by entry, with the
// font's cmap. Catalogue icons (services, categories, documents) are looked up by name at
// run time instead (kiosk/text/icon_names.h).
#pragma once

#include <array>
#include <string_view>

namespace kiosk::ui::icons {

struct Icon {
  std::string_view name;
  char32_t codepoint;
};

inline constexpr Icon kHome{"home", 0xE88A};
inline constexpr Icon kBack{"arrow_back", 0xE5C4};
inline constexpr Icon kForward{"arrow_forward", 0xE5C8};
inline constexpr Icon kHelp{"support_agent", 0xF0E2};
inline constexpr Icon kListen{"volume_up", 0xE050};
inline constexpr Icon kLargeText{"text_increase", 0xEAE2};
inline constexpr Icon kContrast{"contrast", 0xEB37};
inline constexpr Icon kLanguage{"translate", 0xE8E2};
inline constexpr Icon kDocument{"description", 0xE873};
inline constexpr Icon kDetails{"badge", 0xEA67};
inline constexpr Icon kReview{"fact_check", 0xF0C5};
inline constexpr Icon kPayment{"payments", 0xEF63};
inline constexpr Icon kDone{"task_alt", 0xE2E6};
inline constexpr Icon kPrint{"print", 0xE8AD};
inline constexpr Icon kReceipt{"receipt_long", 0xEF6E};
inline constexpr Icon kError{"error", 0xE000};
inline constexpr Icon kWarning{"warning", 0xE002};
inline constexpr Icon kPending{"hourglass_top", 0xEA5B};
inline constexpr Icon kTime{"schedule", 0xE8B5};
inline constexpr Icon kEdit{"edit", 0xE3C9};
inline constexpr Icon kPerson{"person", 0xE7FD};
inline constexpr Icon kPhone{"phone_iphone", 0xE325};
inline constexpr Icon kAadhaar{"fingerprint", 0xE90D};
inline constexpr Icon kCancel{"cancel", 0xE5C9};
inline constexpr Icon kCheck{"check_circle", 0xE86C};
inline constexpr Icon kKeyboard{"keyboard_return", 0xE31B};
inline constexpr Icon kCategory{"apps", 0xE5C3};
inline constexpr Icon kTouch{"touch_app", 0xE913};
// Operator mode.
inline constexpr Icon kLock{"lock", 0xE897};
inline constexpr Icon kBuild{"build", 0xE869};
inline constexpr Icon kNotifications{"notifications", 0xE7F4};
inline constexpr Icon kList{"list", 0xE896};
inline constexpr Icon kSettings{"settings", 0xE8B8};
inline constexpr Icon kRestart{"restart_alt", 0xF053};
inline constexpr Icon kSync{"sync", 0xE627};
inline constexpr Icon kDevices{"devices", 0xE1B1};
inline constexpr Icon kBackspace{"backspace", 0xE14A};
inline constexpr Icon kAssessment{"assessment", 0xE85C};

inline constexpr std::array kAll{
    kHome,     kBack,     kForward,  kHelp,    kListen,    kLargeText, kContrast,      kLanguage,
    kDocument, kDetails,  kReview,   kPayment, kDone,      kPrint,     kReceipt,       kError,
    kWarning,  kPending,  kTime,     kEdit,    kPerson,    kPhone,     kAadhaar,       kCancel,
    kCheck,    kKeyboard, kCategory, kTouch,   kLock,      kBuild,     kNotifications, kList,
    kSettings, kRestart,  kSync,     kDevices, kBackspace, kAssessment};

}  // namespace kiosk::ui::icons

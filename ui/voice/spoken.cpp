#include "ui/voice/spoken.h"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace kiosk::ui {

std::string spoken_text(const i18n::Strings& strings, std::string_view language,
                        std::string_view key, std::span<const std::string> args,
                        std::string_view fallback) {
  const std::string k(key);  // get() falls back to English: so may this
  if (k.empty() || (!strings.contains(language, k) && !strings.contains("en", k)))
    return std::string(fallback);
  const std::string_view text = strings.get(language, key);
  if (args.empty()) return std::string(text);
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const std::string& a : args) store.push_back(a);
  try {
    return fmt::vformat(text, store);
  } catch (const fmt::format_error&) {  // a catalogue text with a bad placeholder
    return std::string(fallback);
  }
}

std::string spoken_amount(const i18n::Strings& strings, std::string_view language,
                          std::int64_t paise) {
  if (paise <= 0) return std::string(strings.get(language, "speech.free"));
  const std::string rupees = std::to_string(paise / 100);
  if (paise % 100 == 0) {
    const std::string args[] = {rupees};
    return spoken_text(strings, language, "speech.rupees", args, rupees);
  }
  const std::string args[] = {rupees, std::to_string(paise % 100)};
  return spoken_text(strings, language, "speech.rupees_paise", args, rupees);
}

std::string spoken_receipt(std::string_view receipt_no) {
  const auto dash = receipt_no.rfind('-');
  std::string_view tail = dash == std::string_view::npos ? receipt_no : receipt_no.substr(dash + 1);
  const bool digits =
      !tail.empty() && std::ranges::all_of(tail, [](unsigned char c) { return std::isdigit(c); });
  if (!digits) return std::string(receipt_no);
  const auto first = tail.find_first_not_of('0');  // "000123" is said "123"
  return first == std::string_view::npos ? "0" : std::string(tail.substr(first));
}

}  // namespace kiosk::ui

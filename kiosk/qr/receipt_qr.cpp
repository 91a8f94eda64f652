#include "kiosk/qr/receipt_qr.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <vector>

#include "kiosk/core/ascii.h"

namespace kiosk::qr {
namespace {

constexpr std::size_t kMaxKioskGroups = 5;  // config_schema.cpp: [A-Z0-9]+(-[A-Z0-9]+){0,4}

using ascii::is_digit;
bool is_group_char(char c) {
  return (c >= 'A' && c <= 'Z') || is_digit(c);
}

std::vector<std::string_view> split_hyphens(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t dash; (dash = text.find('-', start)) != std::string_view::npos;
       start = dash + 1) {
    parts.push_back(text.substr(start, dash - start));
  }
  parts.push_back(text.substr(start));
  return parts;
}

bool is_calendar_date(std::string_view yyyymmdd) {
  if (yyyymmdd.size() != 8 || !std::ranges::all_of(yyyymmdd, is_digit)) return false;
  const auto number = [&](std::size_t pos, std::size_t len) {
    int n = 0;
    for (const char c : yyyymmdd.substr(pos, len)) n = n * 10 + (c - '0');
    return n;
  };
  const std::chrono::year_month_day date{std::chrono::year{number(0, 4)},
                                         std::chrono::month{static_cast<unsigned>(number(4, 2))},
                                         std::chrono::day{static_cast<unsigned>(number(6, 2))}};
  return date.ok();  // rejects 20261131 and 20250229
}

}  // namespace

std::string ReceiptNumber::text() const {
  return fmt::format("{}-{}-{:06}", kiosk_id, date, sequence);
}

Result<ReceiptNumber> parse_receipt_number(std::string_view text) {
  const auto bad = [](std::string_view why) {
    return fail(Errc::InvalidInput, fmt::format("receipt number: {}", why));
  };
  if (text.empty() || text.size() > kReceiptNumberMax) return bad("empty or over 40 characters");
  const auto parts = split_hyphens(text);
  if (parts.size() < 3 || parts.size() - 2 > kMaxKioskGroups) {
    return bad("not <kiosk id>-<YYYYMMDD>-<sequence>");
  }
  const std::string_view sequence = parts.back();
  const std::string_view date = parts[parts.size() - 2];
  if (sequence.size() != 6 || !std::ranges::all_of(sequence, is_digit)) {
    return bad("the sequence is not 6 digits");
  }
  if (!is_calendar_date(date)) return bad("the date is not a real YYYYMMDD date");
  for (std::size_t i = 0; i + 2 < parts.size(); ++i) {
    if (parts[i].empty() || !std::ranges::all_of(parts[i], is_group_char)) {
      return bad("the kiosk id is not groups of A-Z and 0-9");
    }
  }
  ReceiptNumber r;
  r.kiosk_id = std::string(text.substr(0, text.size() - sequence.size() - date.size() - 2));
  r.date = std::string(date);
  for (const char c : sequence) r.sequence = r.sequence * 10 + static_cast<std::uint32_t>(c - '0');
  return r;
}

bool has_receipt_prefix(std::string_view payload) {
  if (payload.size() < kReceiptQrPrefix.size()) return false;
  return std::ranges::equal(
      payload.substr(0, kReceiptQrPrefix.size()), kReceiptQrPrefix,
      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

Result<ReceiptNumber> parse_receipt_qr(std::string_view payload) {
  if (!has_receipt_prefix(payload)) {
    return fail(Errc::InvalidInput, "receipt QR: does not start with csckiosk:r1:");
  }
  return parse_receipt_number(payload.substr(kReceiptQrPrefix.size()));
}

Result<std::string> build_receipt_qr(std::string_view receipt_number) {
  auto parsed = parse_receipt_number(receipt_number);
  if (!parsed) return std::unexpected(parsed.error());
  return std::string(kReceiptQrPrefix) + parsed->text();
}

}  // namespace kiosk::qr

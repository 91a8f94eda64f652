#include "drivers/scanner/hid_descriptor.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

namespace drivers::scanner {
namespace {

constexpr std::size_t kMaxUsagesPerItem = 1024;
constexpr int kMaxCollectionDepth = 32;
constexpr std::size_t kMaxPushDepth = 8;
constexpr std::size_t kMaxFields = 1024;

struct Globals {
  std::uint32_t usage_page = 0;
  std::uint32_t report_size = 0;
  std::uint32_t report_count = 0;
  std::uint8_t report_id = 0;
};

struct Locals {
  std::vector<std::uint32_t> usages;
  std::optional<std::uint32_t> minimum;
  std::optional<std::uint32_t> maximum;
};

struct Item {
  std::uint8_t type = 0;  // 0 main, 1 global, 2 local
  std::uint8_t tag = 0;
  std::uint8_t size = 0;  // data bytes
  std::uint32_t data = 0;
};

std::uint32_t usage_of(std::uint32_t data, std::uint8_t size, std::uint32_t page) {
  return size == 4 ? data : (page << 16) | (data & 0xFFFF);
}

class Parser {
 public:
  std::expected<ReportDescriptor, DescriptorError> run(std::span<const std::uint8_t> bytes);

 private:
  std::optional<DescriptorError> apply(const Item& item);
  std::optional<DescriptorError> main_item(const Item& item);
  std::optional<DescriptorError> global_item(const Item& item);
  void local_item(const Item& item);
  std::vector<std::uint32_t> element_usages();

  ReportDescriptor out_;
  Globals globals_;
  std::vector<Globals> stack_;
  Locals locals_;
  int depth_ = 0;
  std::map<std::pair<ReportType, std::uint8_t>, std::uint32_t> next_bit_;
};

std::optional<DescriptorError> Parser::apply(const Item& item) {
  switch (item.type) {
    case 0:
      return main_item(item);
    case 1:
      return global_item(item);
    case 2:
      local_item(item);
      return std::nullopt;
    default:
      return DescriptorError{"reserved item type"};
  }
}

std::vector<std::uint32_t> Parser::element_usages() {
  std::vector<std::uint32_t> usages = locals_.usages;
  if (locals_.minimum && locals_.maximum && *locals_.maximum >= *locals_.minimum) {
    const std::uint32_t n = std::min<std::uint32_t>(*locals_.maximum - *locals_.minimum + 1,
                                                    kMaxUsagesPerItem - usages.size());
    for (std::uint32_t i = 0; i < n; ++i) usages.push_back(*locals_.minimum + i);
  }
  return usages;
}

std::optional<DescriptorError> Parser::main_item(const Item& item) {
  switch (item.tag) {
    case 0x8:    // Input
    case 0x9:    // Output
    case 0xB: {  // Feature
      const ReportType type = item.tag == 0x8   ? ReportType::Input
                              : item.tag == 0x9 ? ReportType::Output
                                                : ReportType::Feature;
      const std::uint64_t bits =
          static_cast<std::uint64_t>(globals_.report_size) * globals_.report_count;
      std::uint32_t& next = next_bit_[{type, globals_.report_id}];
      if (globals_.report_size > 32 || globals_.report_count > kMaxReportBits ||
          next + bits > kMaxReportBits)
        return DescriptorError{"a report longer than 1 KiB"};
      if (out_.fields.size() >= kMaxFields) return DescriptorError{"too many fields"};
      out_.fields.push_back({type, globals_.report_id, next, globals_.report_size,
                             globals_.report_count, item.data, element_usages()});
      next += static_cast<std::uint32_t>(bits);
      break;
    }
    case 0xA:  // Collection
      if (++depth_ > kMaxCollectionDepth) return DescriptorError{"collections nested too deep"};
      break;
    case 0xC:  // End Collection
      if (--depth_ < 0) return DescriptorError{"an end collection with no collection"};
      break;
    default:
      return DescriptorError{"unknown main item"};
  }
  locals_ = {};  // locals last until the next main item
  return std::nullopt;
}

std::optional<DescriptorError> Parser::global_item(const Item& item) {
  switch (item.tag) {
    case 0x0:
      globals_.usage_page = item.data & 0xFFFF;
      break;
    case 0x7:
      globals_.report_size = item.data;
      break;
    case 0x8:
      if (item.data == 0 || item.data > 0xFF) return DescriptorError{"report id out of range"};
      globals_.report_id = static_cast<std::uint8_t>(item.data);
      out_.uses_report_ids = true;
      break;
    case 0x9:
      globals_.report_count = item.data;
      break;
    case 0xA:
      if (stack_.size() >= kMaxPushDepth) return DescriptorError{"push stack too deep"};
      stack_.push_back(globals_);
      break;
    case 0xB:
      if (stack_.empty()) return DescriptorError{"pop with nothing pushed"};
      globals_ = stack_.back();
      stack_.pop_back();
      break;
    default:  // logical and physical extents, units: not needed to find the bytes
      break;
  }
  return std::nullopt;
}

void Parser::local_item(const Item& item) {
  const std::uint32_t usage = usage_of(item.data, item.size, globals_.usage_page);
  if (item.tag == 0x0 && locals_.usages.size() < kMaxUsagesPerItem) locals_.usages.push_back(usage);
  if (item.tag == 0x1) locals_.minimum = usage;
  if (item.tag == 0x2) locals_.maximum = usage;
}

std::expected<ReportDescriptor, DescriptorError> Parser::run(std::span<const std::uint8_t> bytes) {
  if (bytes.size() > kMaxDescriptorBytes) return std::unexpected(DescriptorError{"too long"});
  std::size_t i = 0;
  while (i < bytes.size()) {
    const std::uint8_t prefix = bytes[i++];
    if (prefix == 0xFE) {  // a long item: its size, its tag, its data; none is defined
      if (i + 2 > bytes.size()) return std::unexpected(DescriptorError{"truncated long item"});
      i += 2 + bytes[i];
      continue;
    }
    Item item{static_cast<std::uint8_t>((prefix >> 2) & 3), static_cast<std::uint8_t>(prefix >> 4),
              static_cast<std::uint8_t>((prefix & 3) == 3 ? 4 : prefix & 3), 0};
    if (i + item.size > bytes.size()) return std::unexpected(DescriptorError{"truncated item"});
    for (std::uint8_t b = 0; b < item.size; ++b)
      item.data |= std::uint32_t{bytes[i + b]} << (8 * b);
    i += item.size;
    if (auto error = apply(item)) return std::unexpected(std::move(*error));
  }
  return std::move(out_);
}

}  // namespace

std::uint32_t ReportField::usage_of(std::uint32_t element) const {
  if (usages.empty()) return 0;
  return usages[std::min<std::size_t>(element, usages.size() - 1)];
}

std::uint32_t ReportDescriptor::report_bytes(ReportType type, std::uint8_t report_id) const {
  std::uint32_t bits = 0;
  for (const auto& f : fields) {
    if (f.type == type && f.report_id == report_id)
      bits = std::max(bits, f.bit_offset + f.bit_size * f.count);
  }
  return (bits + 7) / 8;
}

std::expected<ReportDescriptor, DescriptorError> parse_report_descriptor(
    std::span<const std::uint8_t> bytes) {
  return Parser().run(bytes);
}

std::uint32_t read_bits(std::span<const std::uint8_t> payload, std::uint32_t offset,
                        std::uint32_t size) {
  std::uint32_t value = 0;
  for (std::uint32_t i = 0; i < size && i < 32; ++i) {
    const std::uint64_t bit = std::uint64_t{offset} + i;
    if (bit / 8 >= payload.size()) break;
    if ((payload[bit / 8] >> (bit % 8)) & 1) value |= 1u << i;
  }
  return value;
}

}  // namespace drivers::scanner

#include "drivers/scanner/hid_pos.h"

namespace drivers::scanner {
namespace {

// Every element of an input field, with its usage, in report order.
template <typename Visit>
void each_element(const ReportField& field, Visit&& visit) {
  if (field.bit_size == 0) return;
  for (std::uint32_t k = 0; k < field.count; ++k)
    visit(field.usage_of(k), BitRange{field.bit_offset + k * field.bit_size, field.bit_size});
}

bool has_data(const ReportDescriptor& d, std::uint8_t id) {
  for (const auto& f : d.fields) {
    if (f.type != ReportType::Input || f.report_id != id || f.constant()) continue;
    bool found = false;
    each_element(f, [&](std::uint32_t usage, BitRange) { found |= usage == kDecodedData; });
    if (found) return true;
  }
  return false;
}

}  // namespace

std::expected<PosLayout, DescriptorError> pos_layout(const ReportDescriptor& descriptor) {
  std::optional<std::uint8_t> id;
  for (const auto& f : descriptor.fields) {
    if (f.type == ReportType::Input && has_data(descriptor, f.report_id)) {
      id = f.report_id;
      break;
    }
  }
  if (!id) return std::unexpected(DescriptorError{"no input report carries Decoded Data"});
  PosLayout layout;
  layout.report_id = *id;
  layout.payload_bytes = descriptor.report_bytes(ReportType::Input, *id);
  for (const auto& f : descriptor.fields) {
    if (f.type != ReportType::Input || f.report_id != *id || f.constant()) continue;
    each_element(f, [&](std::uint32_t usage, BitRange bits) {
      if (usage == kDecodedData && bits.size == 8) layout.data.push_back(bits);
      if (usage >= kSymbologyId1 && usage < kSymbologyId1 + 3 && layout.symbology.size() < 3)
        layout.symbology.push_back(bits);
      if (usage == kDecodeDataContinued && !layout.continued)
        layout.continued = BitRange{bits.offset, 1};
      if (usage == kByteCount && !layout.byte_count) layout.byte_count = bits;
    });
  }
  if (layout.data.empty()) return std::unexpected(DescriptorError{"Decoded Data is not bytes"});
  return layout;
}

std::optional<PosChunk> decode_pos_report(const PosLayout& layout,
                                          std::span<const std::uint8_t> report) {
  if (layout.report_id != 0) {
    if (report.empty() || report[0] != layout.report_id) return std::nullopt;
    report = report.subspan(1);
  }
  if (report.size() < layout.payload_bytes) return std::nullopt;
  PosChunk chunk;
  for (const BitRange& b : layout.data)
    chunk.data.push_back(static_cast<char>(read_bits(report, b.offset, 8)));
  if (layout.byte_count) {
    const std::uint32_t n = read_bits(report, layout.byte_count->offset, layout.byte_count->size);
    if (n <= chunk.data.size()) chunk.data.resize(n);
  } else {
    while (!chunk.data.empty() && chunk.data.back() == '\0') chunk.data.pop_back();
  }
  for (const BitRange& b : layout.symbology) {
    if (const auto c = read_bits(report, b.offset, std::min<std::uint32_t>(b.size, 8)); c != 0)
      chunk.symbology.push_back(static_cast<char>(c));
  }
  if (layout.continued) chunk.continued = read_bits(report, layout.continued->offset, 1) != 0;
  return chunk;
}

std::optional<std::string> PosAssembler::feed(const PosChunk& chunk) {
  if (!overflowed_) {
    if (pending_.size() + chunk.data.size() > max_bytes_) {
      pending_.clear();
      overflowed_ = true;  // dropped whole, never cut
    } else {
      pending_ += chunk.data;
    }
  }
  if (chunk.continued) return std::nullopt;
  const bool overflowed = overflowed_;
  std::string scan = std::move(pending_);
  reset();
  if (overflowed || scan.empty()) return std::nullopt;
  return scan;
}

void PosAssembler::reset() {
  pending_.clear();
  overflowed_ = false;
}

}  // namespace drivers::scanner

#include "kiosk/core/file.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "kiosk/core/file_ops.h"

namespace kiosk {

Result<std::string> read_text_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(Errc::NotFound, fmt::format("{}: cannot be read", file.string()));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Status write_file_atomic(const std::filesystem::path& file, std::string_view bytes, unsigned mode) {
  return replace_atomically(posix_file_ops(), file, bytes, mode);
}

}  // namespace kiosk

// File operations behind one interface, so that what must survive a power cut can be
// checked: a test asserts the order of an atomic replacement (write → fsync → rename →
// fsync of the folder), injects a failure at each step (tests/support/memory_disk.h), or
// cuts the power and drops what was never made durable.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/result.h"

namespace kiosk {

class FileOps {
 public:
  virtual ~FileOps() = default;
  // The whole file; nullopt when it does not exist.
  virtual Result<std::optional<std::string>> read(const std::filesystem::path& file) = 0;
  // Creates or truncates `file` and writes `bytes` (not yet durable).
  virtual Status write(const std::filesystem::path& file, std::string_view bytes,
                       unsigned mode) = 0;
  virtual Status fsync(const std::filesystem::path& file) = 0;
  virtual Status rename(const std::filesystem::path& from, const std::filesystem::path& to) = 0;
  // Makes the folder's entries (renames, creations, removals) durable.
  virtual Status fsync_dir(const std::filesystem::path& dir) = 0;
  virtual Status remove(const std::filesystem::path& file) = 0;  // absent is not an error
  virtual Status make_dirs(const std::filesystem::path& dir) = 0;
};

// The real filesystem. Errors name the file and the step; ENOSPC and EDQUOT are
// Errc::Unavailable (the disk is full: try again later), the rest Errc::Io.
FileOps& posix_file_ops();

// Replaces `file` so that a power cut leaves either the old or the new bytes (queue.md C3):
// write "<file>.new", fsync it, rename it over `file`, fsync the folder.
Status replace_atomically(FileOps& ops, const std::filesystem::path& file, std::string_view bytes,
                          unsigned mode = 0600);

// Removes `file` and makes the removal durable (fsync of the folder).
Status remove_durably(FileOps& ops, const std::filesystem::path& file);

}  // namespace kiosk

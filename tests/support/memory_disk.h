// A FileOps on an in-memory disk that knows what is durable (kiosk/core/file_ops.h):
//   - every operation is logged ("write a.new", "fsync a.new", "rename a.new a", "fsync-dir /d");
//   - fail_at(n) makes the n-th operation (from 1) fail without doing anything;
//   - lose_power() keeps only what was made durable: a file's bytes as of its last fsync
//     (empty when never synced), and a folder's entries as of its last fsync_dir. A rename
//     whose folder was not fsynced is undone; a write not fsynced is lost.
// The model of ext4 with data=ordered that queue.md §5 (ALICE, LazyFS) asks tests to assume
// at worst.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/file_ops.h"

namespace kiosk::testing {

class MemoryDisk final : public FileOps {
 public:
  Result<std::optional<std::string>> read(const std::filesystem::path& file) override;
  Status write(const std::filesystem::path& file, std::string_view bytes, unsigned mode) override;
  Status fsync(const std::filesystem::path& file) override;
  Status rename(const std::filesystem::path& from, const std::filesystem::path& to) override;
  Status fsync_dir(const std::filesystem::path& dir) override;
  Status remove(const std::filesystem::path& file) override;
  Status make_dirs(const std::filesystem::path& dir) override;

  void fail_at(int operation, Errc code = Errc::Io);  // 0: no failure
  void lose_power();
  std::vector<std::string> log() const;
  int operations() const;
  void clear_log();

 private:
  struct Inode {
    std::string data;
    std::optional<std::string> synced;
  };
  Status step(std::string entry);  // logs, counts, and fails the chosen operation

  mutable std::mutex mutex_;
  std::vector<Inode> inodes_;
  std::map<std::filesystem::path, std::size_t> entries_;  // what a reader sees now
  std::map<std::filesystem::path, std::size_t> durable_;  // what survives a power cut
  std::vector<std::string> log_;
  int count_ = 0;
  int fail_at_ = 0;
  Errc fail_code_ = Errc::Io;
};

}  // namespace kiosk::testing

#include "tests/support/memory_disk.h"

#include <fmt/format.h>

namespace kiosk::testing {

namespace fs = std::filesystem;

Status MemoryDisk::step(std::string entry) {
  ++count_;
  if (count_ == fail_at_) {
    log_.push_back("FAILED " + entry);
    return fail(fail_code_, fmt::format("injected failure at operation {}: {}", count_, entry));
  }
  log_.push_back(std::move(entry));
  return {};
}

Result<std::optional<std::string>> MemoryDisk::read(const fs::path& file) {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(file);
  if (it == entries_.end()) return std::optional<std::string>();
  return std::optional<std::string>(inodes_[it->second].data);
}

Status MemoryDisk::write(const fs::path& file, std::string_view bytes, unsigned) {
  std::lock_guard lock(mutex_);
  if (auto s = step("write " + file.string()); !s) return s;
  const auto it = entries_.find(file);
  if (it != entries_.end()) {
    inodes_[it->second].data = std::string(bytes);
  } else {
    inodes_.push_back({std::string(bytes), std::nullopt});
    entries_[file] = inodes_.size() - 1;
  }
  return {};
}

Status MemoryDisk::fsync(const fs::path& file) {
  std::lock_guard lock(mutex_);
  if (auto s = step("fsync " + file.string()); !s) return s;
  const auto it = entries_.find(file);
  if (it == entries_.end()) return fail(Errc::Io, file.string() + ": no such file");
  inodes_[it->second].synced = inodes_[it->second].data;
  return {};
}

Status MemoryDisk::rename(const fs::path& from, const fs::path& to) {
  std::lock_guard lock(mutex_);
  if (auto s = step(fmt::format("rename {} {}", from.string(), to.string())); !s) return s;
  const auto it = entries_.find(from);
  if (it == entries_.end()) return fail(Errc::Io, from.string() + ": no such file");
  entries_[to] = it->second;
  entries_.erase(from);
  return {};
}

Status MemoryDisk::fsync_dir(const fs::path& dir) {
  std::lock_guard lock(mutex_);
  if (auto s = step("fsync-dir " + dir.string()); !s) return s;
  std::erase_if(durable_, [&](const auto& e) { return e.first.parent_path() == dir; });
  for (const auto& [path, inode] : entries_)
    if (path.parent_path() == dir) durable_[path] = inode;
  return {};
}

Status MemoryDisk::remove(const fs::path& file) {
  std::lock_guard lock(mutex_);
  if (auto s = step("remove " + file.string()); !s) return s;
  entries_.erase(file);
  return {};
}

Status MemoryDisk::make_dirs(const fs::path&) {
  return {};  // folders always exist on this disk
}

void MemoryDisk::fail_at(int operation, Errc code) {
  std::lock_guard lock(mutex_);
  fail_at_ = operation;
  fail_code_ = code;
  count_ = 0;
}

void MemoryDisk::lose_power() {
  std::lock_guard lock(mutex_);
  entries_ = durable_;
  for (auto& inode : inodes_) inode.data = inode.synced.value_or("");
  log_.push_back("POWER LOST");
}

std::vector<std::string> MemoryDisk::log() const {
  std::lock_guard lock(mutex_);
  return log_;
}

int MemoryDisk::operations() const {
  std::lock_guard lock(mutex_);
  return count_;
}

void MemoryDisk::clear_log() {
  std::lock_guard lock(mutex_);
  log_.clear();
  count_ = 0;
}

}  // namespace kiosk::testing

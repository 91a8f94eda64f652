#include "kiosk/control/peer.h"

#include <fmt/format.h>
#include <grp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "kiosk/core/log.h"

namespace kiosk::control {
namespace {

std::vector<gid_t> peer_groups(int fd) {
  std::vector<gid_t> groups(64);
  socklen_t length = static_cast<socklen_t>(groups.size() * sizeof(gid_t));
  if (::getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups.data(), &length) != 0) {
    if (errno != ERANGE) return {};
    groups.resize(length / sizeof(gid_t) + 1);  // the kernel said how much it needs
    length = static_cast<socklen_t>(groups.size() * sizeof(gid_t));
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups.data(), &length) != 0) return {};
  }
  groups.resize(length / sizeof(gid_t));
  return groups;
}

std::optional<gid_t> group_id(const std::string& name) {
  if (name.empty()) return std::nullopt;
  std::vector<char> buffer(16384);
  group entry{};
  group* found = nullptr;
  if (::getgrnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 || !found) {
    log::warn("control",
              "operator group \"{}\" does not exist: only root and the service user "
              "may use the control socket's change verbs",
              name);
    return std::nullopt;
  }
  return found->gr_gid;
}

}  // namespace

Result<Peer> peer_of(int fd) {
  ucred cred{};
  socklen_t length = sizeof cred;
  if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &length) != 0)
    return fail(Errc::Io, fmt::format("SO_PEERCRED: {}", std::strerror(errno)));
  return Peer{cred.pid, cred.uid, cred.gid, peer_groups(fd)};
}

AccessPolicy AccessPolicy::for_this_process(const std::string& operator_group) {
  return AccessPolicy(::geteuid(), group_id(operator_group));
}

bool AccessPolicy::may_change(const Peer& peer) const {
  if (peer.uid == 0 || peer.uid == service_uid_) return true;
  if (!operator_gid_) return false;
  return peer.gid == *operator_gid_ ||
         std::ranges::find(peer.groups, *operator_gid_) != peer.groups.end();
}

std::string AccessPolicy::describe() const {
  return operator_gid_ ? fmt::format("root, uid {} or group {}", service_uid_, *operator_gid_)
                       : fmt::format("root or uid {}", service_uid_);
}

}  // namespace kiosk::control

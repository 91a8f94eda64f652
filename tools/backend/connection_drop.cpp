#include "tools/backend/connection_drop.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <cstdlib>
#include <string>

namespace kiosk::backend {
namespace {

struct Endpoint {
  std::string address;
  int port = -1;
};

// Numeric host and port of a socket address; port -1 when it is not an IP socket.
Endpoint endpoint_of(const sockaddr_storage& addr) {
  char host[INET6_ADDRSTRLEN] = {};
  if (addr.ss_family == AF_INET) {
    const auto& in = reinterpret_cast<const sockaddr_in&>(addr);
    inet_ntop(AF_INET, &in.sin_addr, host, sizeof host);
    return {host, ntohs(in.sin_port)};
  }
  if (addr.ss_family == AF_INET6) {
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(addr);
    inet_ntop(AF_INET6, &in6.sin6_addr, host, sizeof host);
    return {host, ntohs(in6.sin6_port)};
  }
  return {};
}

// Both ends of a connected socket; false for anything else (the listening socket has no peer).
bool connection_ends(int fd, Endpoint& mine, Endpoint& theirs) {
  sockaddr_storage local{}, peer{};
  socklen_t local_len = sizeof local, peer_len = sizeof peer;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) != 0 ||
      getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0) {
    return false;
  }
  mine = endpoint_of(local);
  theirs = endpoint_of(peer);
  return true;
}

// Calls `visit(fd)` for each open descriptor of this process until it returns true.
template <class Visit>
int find_descriptor(Visit visit) {
  DIR* dir = opendir("/proc/self/fd");
  if (dir == nullptr) return -1;
  int found = -1;
  while (const dirent* entry = readdir(dir)) {
    char* end = nullptr;
    const long fd = std::strtol(entry->d_name, &end, 10);
    if (end == entry->d_name || *end != '\0' || fd == dirfd(dir)) continue;
    if (visit(static_cast<int>(fd))) {
      found = static_cast<int>(fd);
      break;
    }
  }
  closedir(dir);
  return found;
}

// Our connection stays open while its handler runs, so the fd that matches the address pair
// now is ours; a descriptor closed and reused by another thread meanwhile has another pair.
int find_socket(const httplib::Request& req) {
  if (req.ssl != nullptr) return SSL_get_fd(req.ssl);
  return find_descriptor([&](int fd) {
    Endpoint mine, theirs;
    return connection_ends(fd, mine, theirs) && mine.port == req.local_port &&
           theirs.port == req.remote_port && theirs.address == req.remote_addr;
  });
}

}  // namespace

bool drop_connection(const httplib::Request& req) {
  const int fd = find_socket(req);
  return fd >= 0 && ::shutdown(fd, SHUT_RDWR) == 0;
}

void stop_reading_connections(int local_port) {
  find_descriptor([&](int fd) {
    Endpoint mine, theirs;
    if (connection_ends(fd, mine, theirs) && mine.port == local_port) ::shutdown(fd, SHUT_RD);
    return false;  // visit them all
  });
}

}  // namespace kiosk::backend

#include "avcsift/parse/context_records.hpp"

#include <arpa/inet.h>

#include <fmt/format.h>

#include "avcsift/parse/field_scanner.hpp"

namespace avcsift::parse {
namespace {

/// Calls `on_field` for each field of `body`.
template <typename OnField>
void for_each_field(std::string_view body, OnField on_field) {
  FieldScanner scanner(body);
  Field field;
  while (scanner.next(field)) on_field(field);
}

}  // namespace

void read_syscall(std::string_view body, AuditEvent& event) {
  SyscallInfo info;
  for_each_field(body, [&](const Field& f) {
    if (key_is(f.key, "syscall")) info.syscall.assign(f.value);
    else if (key_is(f.key, "arch")) info.arch.assign(f.value);
    else if (key_is(f.key, "success")) info.success = f.value == "yes";
    else if (key_is(f.key, "exit")) info.exit.assign(f.value);
    else if (key_is(f.key, "comm")) info.comm = decode_untrusted(f);
    else if (key_is(f.key, "exe")) info.exe = decode_untrusted(f);
  });
  event.syscall = std::move(info);
}

void read_path(std::string_view body, AuditEvent& event) {
  for_each_field(body, [&](const Field& f) {
    if (key_is(f.key, "name")) {
      std::string name = decode_untrusted(f);
      if (!name.empty()) event.paths.push_back(std::move(name));
    }
  });
}

void read_cwd(std::string_view body, AuditEvent& event) {
  for_each_field(body, [&](const Field& f) {
    if (key_is(f.key, "cwd")) event.cwd = decode_untrusted(f);
  });
}

void read_proctitle(std::string_view body, AuditEvent& event) {
  for_each_field(body, [&](const Field& f) {
    if (key_is(f.key, "proctitle")) event.proctitle = decode_untrusted(f);
  });
}

void read_sockaddr(std::string_view body, AuditEvent& event) {
  // `ausearch -i` has decoded it already:
  //   saddr={ saddr_fam=inet laddr=10.0.0.7 lport=5432 }
  //   saddr={ saddr_fam=local path=/run/x.sock }
  std::string_view family, address, port, path;
  bool interpreted = false;
  for_each_field(body, [&](const Field& f) {
    if (key_is(f.key, "saddr_fam")) family = f.value;
    else if (key_is(f.key, "laddr")) address = f.value;
    else if (key_is(f.key, "lport")) port = f.value;
    else if (key_is(f.key, "path")) path = f.value;
    if (!key_is(f.key, "saddr")) return;
    if (f.value == "{") {
      interpreted = true;
      return;
    }
    // Unquoted hex of a struct sockaddr; the family is host-endian (x86:
    // little), the port and IPv4 address are in network order.
    const std::string raw = decode_hex(f.value).value_or(std::string{});
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(raw[i]); };
    if (raw.size() >= 8 && byte(0) == 2 && byte(1) == 0) {
      event.sockaddr = fmt::format("inet {}.{}.{}.{}:{}", byte(4), byte(5), byte(6), byte(7),
                                   byte(2) * 256 + byte(3));
    } else if (raw.size() >= 24 && byte(0) == 10 && byte(1) == 0) {
      // inet_ntop gives the canonical compressed form (`::1`).
      char address[INET6_ADDRSTRLEN] = {};
      inet_ntop(AF_INET6, raw.data() + 8, address, sizeof address);
      event.sockaddr = fmt::format("inet6 [{}]:{}", address, byte(2) * 256 + byte(3));
    } else if (raw.size() >= 3 && byte(0) == 1 && byte(1) == 0) {
      std::string path = raw.substr(2);
      if (!path.empty() && path.front() == '\0') path.front() = '@';  // abstract socket
      path = path.substr(0, path.find('\0'));
      event.sockaddr = "unix " + path;
    } else {
      event.sockaddr.assign(f.value);
    }
  });
  if (!interpreted) return;
  if (family == "inet") {
    event.sockaddr = fmt::format("inet {}:{}", address, port);
  } else if (family == "inet6") {
    event.sockaddr = fmt::format("inet6 [{}]:{}", address, port);
  } else if (family == "local") {
    event.sockaddr = fmt::format("unix {}", path);
  } else {
    event.sockaddr.assign(family);
  }
}

std::string read_avc_path(std::string_view body) {
  std::string path;
  for_each_field(body, [&](const Field& f) {
    if (key_is(f.key, "path") && path.empty()) path = decode_untrusted(f);
  });
  return path;
}

}  // namespace avcsift::parse

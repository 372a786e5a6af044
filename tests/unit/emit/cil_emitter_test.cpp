// CilEmitter, and -x in both emitters: rules as CIL text, byte for byte.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "avcsift/emit/cil_emitter.hpp"
#include "avcsift/emit/te_emitter.hpp"

using avcsift::Reason;
using avcsift::RoleTypeKey;
using avcsift::Rule;
using avcsift::emit::CilEmitter;
using avcsift::emit::CilOptions;
using avcsift::emit::TeEmitter;
using avcsift::emit::TeOptions;

namespace {

Rule rule(std::string source, std::string target, std::string tclass, std::set<std::string> perms,
          std::set<std::uint32_t> ioctls = {}) {
  Rule r;
  r.key = {std::move(source), std::move(target), std::move(tclass), Reason::MissingTeRule, ""};
  r.permissions = std::move(perms);
  r.ioctl_commands = std::move(ioctls);
  r.count = 1;
  return r;
}

std::string emit_cil(const std::vector<const Rule*>& rules, CilOptions options = {},
                     const std::vector<RoleTypeKey>& roles = {}, const std::vector<bool>& disabled = {},
                     const std::vector<std::string>& comments = {}) {
  std::ostringstream out;
  CilEmitter emitter(out, std::move(options));
  emitter.begin();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    emitter.add(*rules[i], i == 0 ? comments : std::vector<std::string>{}, i < disabled.size() && disabled[i]);
  }
  for (const auto& role : roles) emitter.add(role);
  emitter.end();
  return out.str();
}

std::string emit_te_xperms(const Rule& r, bool dontaudit = false) {
  std::ostringstream out;
  TeEmitter emitter(out, {std::nullopt, "1.0", dontaudit, true});
  emitter.begin();
  emitter.add(r);
  emitter.end();
  return out.str();
}

}  // namespace

TEST_CASE("CIL rules are sorted under a heading per source domain, with self for same types") {
  const Rule write = rule("plone_t", "etc_t", "file", {"write", "read"});
  const Rule cap = rule("plone_t", "plone_t", "capability", {"setuid"});
  const Rule relabel = rule("setfiles_t", "plone_rw_t", "dir", {"relabelto"});
  CHECK(emit_cil({&relabel, &cap, &write}) ==
        "\n;============= plone_t ==============\n"
        "(allow plone_t etc_t (file (read write)))\n"
        "(allow plone_t self (capability (setuid)))\n"
        "\n;============= setfiles_t ==============\n"
        "(allow setfiles_t plone_rw_t (dir (relabelto)))\n");
}

TEST_CASE("CIL with a module name says how to install it in a heading comment") {
  const Rule write = rule("plone_t", "etc_t", "file", {"write"});
  CHECK(emit_cil({&write}, {"plonelocal", "1.2", false, false}) ==
        "; avcsift module plonelocal 1.2 (install with: semodule -i plonelocal.cil)\n"
        "\n;============= plone_t ==============\n"
        "(allow plone_t etc_t (file (write)))\n");
}

TEST_CASE("CIL role statements are roletype and dontaudit rules are dontaudit") {
  const Rule write = rule("plone_t", "etc_t", "file", {"write"});
  CHECK(emit_cil({&write}, {std::nullopt, "1.0", true, false}, {{"unconfined_r", "plone_t"}}) ==
        "\n;============= plone_t ==============\n"
        "(dontaudit plone_t etc_t (file (write)))\n"
        "\n;============= ROLES ==============\n"
        "(roletype unconfined_r plone_t)\n");
}

TEST_CASE("CIL rules the policy lacks are comments under their own heading, last") {
  const Rule good = rule("plone_t", "etc_t", "file", {"read"});
  const Rule bad = rule("plone_t", "nosuch_t", "file", {"read"});
  CHECK(emit_cil({&bad, &good}, {}, {}, {true, false}, {"\tnosuch_t is not defined\x01"}) ==
        "\n;============= plone_t ==============\n"
        "(allow plone_t etc_t (file (read)))\n"
        "\n;============= NOT IN THE CURRENT POLICY ==============\n"
        "\n;\tnosuch_t is not defined\\x01\n"
        "; (allow plone_t nosuch_t (file (read)))\n");
}

TEST_CASE("CIL allowx rules merge ioctl numbers into ranges") {
  const Rule tty = rule("plone_t", "plone_t", "tcp_socket", {"ioctl"}, {0x5401, 0x5403, 0x5402, 0x8910});
  CHECK(emit_cil({&tty}, {std::nullopt, "1.0", false, true}) ==
        "\n;============= plone_t ==============\n"
        "(allow plone_t self (tcp_socket (ioctl)))\n"
        "(allowx plone_t self (ioctl tcp_socket ((range 0x5401 0x5403) 0x8910)))\n");
  const Rule one_range = rule("a_t", "b_t", "file", {"ioctl"}, {0x5401, 0x5402});
  CHECK(emit_cil({&one_range}, {std::nullopt, "1.0", false, true}).find(
            "(allowx a_t b_t (ioctl file (range 0x5401 0x5402)))\n") != std::string::npos);
  const Rule one = rule("a_t", "b_t", "file", {"ioctl"}, {0x8910});
  CHECK(emit_cil({&one}, {std::nullopt, "1.0", true, true}).find(
            "(dontauditx a_t b_t (ioctl file (0x8910)))\n") != std::string::npos);
}

TEST_CASE("xperm rules are written only with -x and only for rules with the ioctl permission") {
  const Rule read = rule("a_t", "b_t", "file", {"read"}, {0x8910});
  CHECK(emit_cil({&read}, {std::nullopt, "1.0", false, true}).find("allowx") == std::string::npos);
  const Rule ioctl = rule("a_t", "b_t", "file", {"ioctl"}, {0x8910});
  CHECK(emit_cil({&ioctl}).find("allowx") == std::string::npos);
  const Rule no_numbers = rule("a_t", "b_t", "file", {"ioctl"});
  CHECK(emit_te_xperms(no_numbers).find("allowxperm") == std::string::npos);
}

TEST_CASE("te allowxperm rules follow their allow rule, as audit2allow -x writes them") {
  const Rule tty = rule("plone_t", "plone_t", "tcp_socket", {"ioctl", "read"}, {0x8910, 0x5403, 0x5401, 0x5402});
  CHECK(emit_te_xperms(tty).find("allow plone_t self:tcp_socket { ioctl read };\n"
                                 "allowxperm plone_t self:tcp_socket ioctl { 0x5401-0x5403 0x8910 };\n") !=
        std::string::npos);
  const Rule one = rule("a_t", "b_t", "chr_file", {"ioctl"}, {0x5401});
  CHECK(emit_te_xperms(one, true).find("dontauditxperm a_t b_t:chr_file ioctl 0x5401;\n") != std::string::npos);
}

TEST_CASE("ioctl numbers that do not fit 16 bits are left out of xperm rules") {
  const Rule big = rule("a_t", "b_t", "file", {"ioctl"}, {0x5401, 0x12345});
  CHECK(emit_te_xperms(big).find("allowxperm a_t b_t:file ioctl 0x5401;\n") != std::string::npos);
}

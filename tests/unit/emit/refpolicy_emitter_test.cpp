// RefpolicyEmitter: interface calls and raw rules in audit2allow -R's layout.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "avcsift/emit/refpolicy_emitter.hpp"

using avcsift::Reason;
using avcsift::Rule;
using avcsift::emit::InterfaceCallEntry;
using avcsift::emit::RefpolicyEmitter;

namespace {

Rule rule(std::string source, std::string target, std::string tclass, std::set<std::string> perms) {
  Rule r;
  r.key = {std::move(source), std::move(target), std::move(tclass), Reason::MissingTeRule, ""};
  r.permissions = std::move(perms);
  return r;
}

}  // namespace

TEST_CASE("raw rules come before the calls of their domain, domains sorted, with a module header") {
  const Rule raw = rule("plone_t", "http_port_t", "tcp_socket", {"name_bind"});
  const Rule other = rule("apache_t", "apache_t", "capability", {"chown"});
  std::ostringstream out;
  RefpolicyEmitter emitter(out, {std::string("plone"), "1.0", false, false});
  emitter.begin();
  emitter.add(InterfaceCallEntry{"plone_t", "files_read_etc_files", {"plone_t"}, {"plone_t"}, {}});
  emitter.add(InterfaceCallEntry{"plone_t", "corecmd_exec_bin", {"plone_t"}, {"plone_t"}, {" covers x"}});
  emitter.add(raw);
  emitter.add(other);
  emitter.end();
  CHECK(out.str() ==
        "\npolicy_module(plone, 1.0)\n\n"
        "require {\n\ttype apache_t;\n\ttype http_port_t;\n\ttype plone_t;\n"
        "\tclass capability chown;\n\tclass tcp_socket name_bind;\n}\n"
        "\n#============= apache_t ==============\nallow apache_t self:capability chown;\n"
        "\n#============= plone_t ==============\nallow plone_t http_port_t:tcp_socket name_bind;\n"
        "\n# covers x\ncorecmd_exec_bin(plone_t)\nfiles_read_etc_files(plone_t)\n");
}

TEST_CASE("rules the policy cannot take stay commented out under their own heading") {
  const Rule bad = rule("plone_t", "nosuch_t", "file", {"read"});
  std::ostringstream out;
  RefpolicyEmitter emitter(out, {});
  emitter.begin();
  emitter.add(bad, {"!!!! not defined"}, true);
  emitter.add(InterfaceCallEntry{"plone_t", "files_read_etc_files", {"plone_t"}, {"plone_t"}, {}});
  emitter.end();
  CHECK(out.str() ==
        "\nrequire {\n\ttype plone_t;\n}\n\n#============= plone_t ==============\nfiles_read_etc_files(plone_t)\n"
        "\n#============= NOT IN THE CURRENT POLICY ==============\n\n#!!!! not defined\n"
        "# allow plone_t nosuch_t:file read;\n");
}

// TeEmitter: rules as .te text, byte for byte.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "avcsift/emit/te_emitter.hpp"

using avcsift::Reason;
using avcsift::RoleTypeKey;
using avcsift::Rule;
using avcsift::emit::TeEmitter;
using avcsift::emit::TeOptions;

namespace {

Rule rule(std::string source, std::string target, std::string tclass, std::set<std::string> perms,
          Reason reason = Reason::MissingTeRule) {
  Rule r;
  r.key = {std::move(source), std::move(target), std::move(tclass), reason, ""};
  r.permissions = std::move(perms);
  r.count = 1;
  return r;
}

/// Emits `rules` (with their comments) and `roles` in the given order.
std::string emit(const std::vector<const Rule*>& rules, TeOptions options = {},
                 const std::vector<RoleTypeKey>& roles = {},
                 const std::vector<std::vector<std::string>>& comments = {},
                 const std::vector<bool>& disabled = {}) {
  std::ostringstream out;
  TeEmitter emitter(out, std::move(options));
  emitter.begin();
  for (std::size_t i = 0; i < rules.size(); ++i) {
    emitter.add(*rules[i], i < comments.size() ? comments[i] : std::vector<std::string>{},
                i < disabled.size() && disabled[i]);
  }
  for (const auto& role : roles) emitter.add(role);
  emitter.end();
  return out.str();
}

// A Plone process writing /etc/passwd, binding a port and asking for a
// capability, and an httpd rule: two sources, four rules.
const Rule kEtc = rule("plone_t", "etc_t", "file", {"write", "read"});
const Rule kPort = rule("plone_t", "http_port_t", "tcp_socket", {"name_bind"});
const Rule kSelf = rule("plone_t", "plone_t", "capability", {"setuid"});
const Rule kHttpd = rule("httpd_t", "etc_t", "file", {"getattr"});

const std::string kRequire =
    "\nrequire {\n"
    "\ttype etc_t;\n"
    "\ttype http_port_t;\n"
    "\ttype httpd_t;\n"
    "\ttype plone_t;\n"
    "\tclass capability setuid;\n"
    "\tclass file { getattr read write };\n"
    "\tclass tcp_socket name_bind;\n"
    "}\n";

const std::string kRules =
    "\n#============= httpd_t ==============\n"
    "allow httpd_t etc_t:file getattr;\n"
    "\n#============= plone_t ==============\n"
    "allow plone_t etc_t:file { read write };\n"
    "allow plone_t http_port_t:tcp_socket name_bind;\n"
    "allow plone_t self:capability setuid;\n";

}  // namespace

TEST_CASE("a fragment is a require block and the rules under a heading per source") {
  CHECK(emit({&kEtc, &kPort, &kSelf, &kHttpd}) == kRequire + kRules);
}

TEST_CASE("a module starts with its name and version") {
  TeOptions options;
  options.module_name = "plone";
  CHECK(emit({&kEtc, &kPort, &kSelf, &kHttpd}, options) == "\nmodule plone 1.0;\n" + kRequire + kRules);
  options.module_version = "2.3";
  CHECK(emit({&kSelf}, options) ==
        "\nmodule plone 2.3;\n"
        "\nrequire {\n\ttype plone_t;\n\tclass capability setuid;\n}\n"
        "\n#============= plone_t ==============\n"
        "allow plone_t self:capability setuid;\n");
}

TEST_CASE("the output does not depend on the order rules are added in") {
  const auto expected = emit({&kEtc, &kPort, &kSelf, &kHttpd});
  CHECK(emit({&kHttpd, &kSelf, &kPort, &kEtc}) == expected);
  CHECK(emit({&kSelf, &kEtc, &kHttpd, &kPort}) == expected);
}

TEST_CASE("the require block unions the permissions of a class across rules") {
  const Rule a = rule("a_t", "b_t", "file", {"read"});
  const Rule b = rule("c_t", "d_t", "file", {"append", "write"});
  CHECK(emit({&a, &b}) ==
        "\nrequire {\n\ttype a_t;\n\ttype b_t;\n\ttype c_t;\n\ttype d_t;\n"
        "\tclass file { append read write };\n}\n"
        "\n#============= a_t ==============\n"
        "allow a_t b_t:file read;\n"
        "\n#============= c_t ==============\n"
        "allow c_t d_t:file { append write };\n");
}

TEST_CASE("a rule whose target is its source uses self") {
  const Rule r = rule("sshd_t", "sshd_t", "process", {"setrlimit", "setsched"});
  CHECK(emit({&r}) ==
        "\nrequire {\n\ttype sshd_t;\n\tclass process { setrlimit setsched };\n}\n"
        "\n#============= sshd_t ==============\n"
        "allow sshd_t self:process { setrlimit setsched };\n");
}

TEST_CASE("dontaudit replaces allow") {
  TeOptions options;
  options.dontaudit = true;
  const Rule r = rule("httpd_t", "etc_t", "file", {"read", "write"});
  CHECK(emit({&r}, options) ==
        "\nrequire {\n\ttype etc_t;\n\ttype httpd_t;\n\tclass file { read write };\n}\n"
        "\n#============= httpd_t ==============\n"
        "dontaudit httpd_t etc_t:file { read write };\n");
}

TEST_CASE("role statements get their own section and are required") {
  TeOptions options;
  options.module_name = "local";
  const Rule r = rule("staff_t", "userhelper_exec_t", "file", {"execute"});
  CHECK(emit({&r}, options,
             {{"unconfined_r", "plone_t"}, {"staff_r", "staff_userhelper_t"}}) ==
        "\nmodule local 1.0;\n"
        "\nrequire {\n"
        "\ttype plone_t;\n"
        "\ttype staff_t;\n"
        "\ttype staff_userhelper_t;\n"
        "\ttype userhelper_exec_t;\n"
        "\trole staff_r;\n"
        "\trole unconfined_r;\n"
        "\tclass file execute;\n"
        "}\n"
        "\n#============= staff_t ==============\n"
        "allow staff_t userhelper_exec_t:file execute;\n"
        "\n#============= ROLES ==============\n"
        "role staff_r types staff_userhelper_t;\n"
        "role unconfined_r types plone_t;\n");
}

TEST_CASE("role statements alone still get a require block") {
  CHECK(emit({}, {}, {{"staff_r", "staff_userhelper_t"}}) ==
        "\nrequire {\n\ttype staff_userhelper_t;\n\trole staff_r;\n}\n"
        "\n#============= ROLES ==============\n"
        "role staff_r types staff_userhelper_t;\n");
}

TEST_CASE("nothing to emit gives an empty fragment, and a module checkmodule can build") {
  CHECK(emit({}).empty());
  TeOptions options;
  options.module_name = "empty";
  // checkmodule refuses a module that requires nothing; a kernel class every
  // policy defines lets an empty -M package build and install.
  CHECK(emit({}, options) == std::string("\nmodule empty 1.0;\n") + avcsift::emit::kEmptyModuleRequire);
}

TEST_CASE("comments become # lines above their rule, after a blank line") {
  const Rule r = rule("httpd_t", "port_t", "tcp_socket", {"name_connect"}, Reason::Boolean);
  CHECK(emit({&r}, {}, {},
             {{"!!!! WARNING: 'httpd_can_network_connect' boolean allows this access.",
               "!!!! setsebool -P httpd_can_network_connect 1"}}) ==
        "\nrequire {\n\ttype httpd_t;\n\ttype port_t;\n\tclass tcp_socket name_connect;\n}\n"
        "\n#============= httpd_t ==============\n"
        "\n#!!!! WARNING: 'httpd_can_network_connect' boolean allows this access.\n"
        "#!!!! setsebool -P httpd_can_network_connect 1\n"
        "allow httpd_t port_t:tcp_socket name_connect;\n");
}

TEST_CASE("a comment with a newline cannot start a policy line") {
  const Rule r = rule("httpd_t", "etc_t", "file", {"read"});
  const auto text = emit({&r}, {}, {}, {{"!!!! path /tmp/x\nallow evil_t self:capability sys_admin; \\"}});
  CHECK(text ==
        "\nrequire {\n\ttype etc_t;\n\ttype httpd_t;\n\tclass file read;\n}\n"
        "\n#============= httpd_t ==============\n"
        "\n#!!!! path /tmp/x\\x0aallow evil_t self:capability sys_admin; \\x5c\n"
        "allow httpd_t etc_t:file read;\n");
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    CHECK_FALSE(line.starts_with("allow evil_t"));
  }
}

TEST_CASE("rules of one source and target split by reason each get a line") {
  const Rule te = rule("httpd_t", "etc_t", "file", {"read"}, Reason::MissingTeRule);
  const Rule constraint = rule("httpd_t", "etc_t", "file", {"write"}, Reason::Constraint);
  const auto expected =
      "\nrequire {\n\ttype etc_t;\n\ttype httpd_t;\n\tclass file { read write };\n}\n"
      "\n#============= httpd_t ==============\n"
      "allow httpd_t etc_t:file read;\n"
      "\n#!!!! constraint note\n"
      "allow httpd_t etc_t:file write;\n";
  CHECK(emit({&te, &constraint}, {}, {}, {{}, {"!!!! constraint note"}}) == expected);
  CHECK(emit({&constraint, &te}, {}, {}, {{"!!!! constraint note"}, {}}) == expected);
}

TEST_CASE("tabs in a comment stay readable while other control bytes are escaped") {
  const Rule r = rule("httpd_t", "etc_t", "file", {"read"});
  CHECK(emit({&r}, {}, {}, {{"\tsetsebool -P x 1\r", "a\tb\x1b[31m"}}) ==
        "\nrequire {\n\ttype etc_t;\n\ttype httpd_t;\n\tclass file read;\n}\n"
        "\n#============= httpd_t ==============\n"
        "\n#\tsetsebool -P x 1\\x0d\n"
        "#a\tb\\x1b[31m\n"
        "allow httpd_t etc_t:file read;\n");
}

TEST_CASE("disabled rules come last as comments and stay out of the require block") {
  const Rule missing = rule("httpd_t", "no_such_t", "file", {"read"}, Reason::NotInPolicy);
  const Rule kept = rule("httpd_t", "etc_t", "dir", {"search"});
  const auto expected =
      "\nrequire {\n\ttype etc_t;\n\ttype httpd_t;\n\ttype staff_t;\n\trole staff_r;\n"
      "\tclass dir search;\n}\n"
      "\n#============= httpd_t ==============\n"
      "allow httpd_t etc_t:dir search;\n"
      "\n#============= ROLES ==============\n"
      "role staff_r types staff_t;\n"
      "\n#============= NOT IN THE CURRENT POLICY ==============\n"
      "\n#!!!! no_such_t is not defined\n"
      "# allow httpd_t no_such_t:file read;\n";
  const std::vector<RoleTypeKey> roles{{"staff_r", "staff_t"}};
  CHECK(emit({&missing, &kept}, {}, roles, {{"!!!! no_such_t is not defined"}, {}}, {true, false}) ==
        expected);
  CHECK(emit({&kept, &missing}, {}, roles, {{}, {"!!!! no_such_t is not defined"}}, {false, true}) ==
        expected);
}

TEST_CASE("only disabled rules leave no require block") {
  const Rule missing = rule("httpd_t", "no_such_t", "file", {"read"}, Reason::NotInPolicy);
  const Rule other = rule("sshd_t", "no_such_t", "dir", {"search"}, Reason::NotInPolicy);
  CHECK(emit({&other, &missing}, {}, {}, {}, {true, true}) ==
        "\n#============= NOT IN THE CURRENT POLICY ==============\n"
        "# allow httpd_t no_such_t:file read;\n"
        "# allow sshd_t no_such_t:dir search;\n");
}

TEST_CASE("begin starts over") {
  std::ostringstream out;
  TeEmitter emitter(out, {});
  emitter.begin();
  emitter.add(kEtc);
  emitter.add(RoleTypeKey{"staff_r", "staff_t"});
  emitter.begin();
  emitter.add(kSelf);
  emitter.end();
  CHECK(out.str() ==
        "\nrequire {\n\ttype plone_t;\n\tclass capability setuid;\n}\n"
        "\n#============= plone_t ==============\n"
        "allow plone_t self:capability setuid;\n");
}

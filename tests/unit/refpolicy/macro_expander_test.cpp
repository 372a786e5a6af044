// MacroExpander: the m4 subset of the refpolicy headers.
#include <catch2/catch.hpp>

#include <string>

#include "avcsift/refpolicy/macro_expander.hpp"

using avcsift::refpolicy::DefinitionKind;
using avcsift::refpolicy::MacroError;
using avcsift::refpolicy::MacroExpander;
using avcsift::refpolicy::MacroTable;

namespace {

std::string expand(const std::string& text, MacroTable table = {}) {
  MacroExpander expander(table);
  return expander.expand(text);
}

}  // namespace

TEST_CASE("quotes are removed one level at a time and protect macro names") {
  MacroTable table;
  table.defines["read_file_perms"] = "{ getattr open read }";
  CHECK(expand("a `b `c' d' read_file_perms", table) == "a b `c' d { getattr open read }");
  CHECK(expand("`read_file_perms'", table) == "read_file_perms");
}

TEST_CASE("a define substitutes its arguments and the result is expanded again") {
  MacroTable table;
  MacroExpander expander(table);
  (void)expander.expand("define(`perms',`{ read }')define(`rule',`allow $1 $2:file perms;')");
  CHECK(expander.expand("rule($1, etc_t)") == "allow $1 etc_t:file { read };");
  CHECK(expander.expand("rule") == "allow  :file { read };");
}

TEST_CASE("$# $* and $0 expand to the count, the list and the name") {
  MacroTable table;
  table.defines["m"] = "`$0' $# $*";
  CHECK(expand("m(a,b)", table) == "m 2 a,b");
}

TEST_CASE("ifdef and ifndef choose by the symbols defined") {
  MacroTable table;
  table.symbols.insert("distro_debian");
  CHECK(expand("ifdef(`distro_debian',`yes',`no')", table) == "yes");
  CHECK(expand("ifdef(`distro_redhat',`yes',`no')", table) == "no");
  CHECK(expand("ifndef(`distro_redhat',`yes')", table) == "yes");
}

TEST_CASE("ifelse takes the first equal pair of several, else the last argument") {
  CHECK(expand("ifelse(`a',`b',`one',`c',`c',`two',`three')") == "two");
  CHECK(expand("ifelse(`a',`b',`one',`three')") == "three");
  CHECK(expand("ifelse(`a',`a',`one')") == "one");
}

TEST_CASE("comments and dnl are dropped, and a comment may hold a quote") {
  CHECK(expand("allow a b:c d; # don't\nx dnl rest\ny") == "allow a b:c d; \nx y");
}

TEST_CASE("optional_policy gives its body, tunable_policy its true branch, gen_require nothing") {
  CHECK(expand("optional_policy(`allow a b:c d;')") == "allow a b:c d;");
  CHECK(expand("tunable_policy(`t',`allow a b:c d;',`dontaudit a b:c d;')") == "allow a b:c d;");
  CHECK(expand("gen_require(`type etc_t;')x") == "x");
}

TEST_CASE("interface and template definitions are captured with their bodies unexpanded") {
  MacroTable table;
  table.defines["perms"] = "{ read }";
  MacroExpander expander(table);
  CHECK(expander.expand("## <summary>x</summary>\ninterface(`foo_read',`\n\tallow $1 foo_t:file perms;\n')\n"
                        "template(`foo_role',`role $1 types foo_t;')\n") == "\n\n\n");
  REQUIRE(expander.definitions().size() == 2);
  CHECK(expander.definitions()[0].kind == DefinitionKind::Interface);
  CHECK(expander.definitions()[0].name == "foo_read");
  CHECK(expander.definitions()[0].body == "\n\tallow $1 foo_t:file perms;\n");
  CHECK(expander.definitions()[1].kind == DefinitionKind::Template);
}

TEST_CASE("names that are not macros pass through with their arguments") {
  CHECK(expand("files_search_etc(`$1')") == "files_search_etc($1)");
}

TEST_CASE("an unterminated quote or argument list is an error") {
  CHECK_THROWS_WITH(expand("interface(`foo',`allow"), "unterminated quote");
  CHECK_THROWS_WITH(expand("optional_policy(x"), "unterminated argument list");
}

TEST_CASE("a self-referencing define stops with an error instead of recursing forever") {
  MacroTable table;
  table.defines["loop"] = "loop";
  CHECK_THROWS_WITH(expand("loop", table), "macros nest deeper than 64 levels");
}

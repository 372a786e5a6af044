// Diagnostics: the one warning style, the limit and the closing summary.
#include <catch2/catch.hpp>

#include <sstream>

#include "avcsift/model/diagnostics.hpp"

using avcsift::Diagnostics;
using avcsift::SourceLocation;

TEST_CASE("a warning about a line prints as 'avcsift: warning: file:line: message'") {
  std::ostringstream out;
  Diagnostics diagnostics(out);
  diagnostics.warn(SourceLocation{"audit.log", 12}, "unknown class 'foo'");
  CHECK(out.str() == "avcsift: warning: audit.log:12: unknown class 'foo'\n");
  CHECK(diagnostics.warning_count() == 1);
  CHECK(diagnostics.error_count() == 0);
  CHECK_FALSE(diagnostics.had_errors());
}

TEST_CASE("a warning about an input without a line names only the input") {
  std::ostringstream out;
  Diagnostics diagnostics(out);
  diagnostics.warn(SourceLocation{"audit.log", 0}, "empty input");
  diagnostics.warn("no denials found");
  CHECK(out.str() ==
        "avcsift: warning: audit.log: empty input\n"
        "avcsift: warning: no denials found\n");
  CHECK(diagnostics.warning_count() == 2);
}

TEST_CASE("braces in a message are printed as they are, not as format fields") {
  std::ostringstream out;
  Diagnostics diagnostics(out);
  diagnostics.warn(SourceLocation{"a.log", 3}, "invalid permission name '{}'");
  diagnostics.warn("{0} {:x}");
  diagnostics.error("{}");
  CHECK(out.str() ==
        "avcsift: warning: a.log:3: invalid permission name '{}'\n"
        "avcsift: warning: {0} {:x}\n"
        "avcsift: error: {}\n");
}

TEST_CASE("warnings beyond the limit are counted but not printed") {
  std::ostringstream out;
  Diagnostics diagnostics(out, 2);
  for (int line = 1; line <= 5; ++line) diagnostics.warn(SourceLocation{"a.log", std::uint64_t(line)}, "bad");
  CHECK(out.str() ==
        "avcsift: warning: a.log:1: bad\n"
        "avcsift: warning: a.log:2: bad\n");
  CHECK(diagnostics.warning_count() == 5);
}

TEST_CASE("finish summarises the suppressed warnings once") {
  std::ostringstream out;
  Diagnostics diagnostics(out, 2);
  for (int i = 0; i < 5; ++i) diagnostics.warn("bad");
  out.str("");
  diagnostics.finish();
  CHECK(out.str() == "avcsift: warning: 3 more warnings not shown (5 in all)\n");
  diagnostics.finish();
  CHECK(out.str() == "avcsift: warning: 3 more warnings not shown (5 in all)\n");
}

TEST_CASE("finish prints nothing when no warning was suppressed") {
  std::ostringstream out;
  Diagnostics diagnostics(out, 2);
  diagnostics.warn("one");
  diagnostics.warn("two");
  out.str("");
  diagnostics.finish();
  CHECK(out.str().empty());
}

TEST_CASE("the default limit shows twenty warnings") {
  std::ostringstream out;
  Diagnostics diagnostics(out);
  for (int i = 0; i < 21; ++i) diagnostics.warn("w");
  diagnostics.finish();
  std::size_t lines = 0;
  for (char c : out.str()) lines += c == '\n';
  CHECK(lines == 21);  // 20 warnings and the summary
  CHECK(out.str().ends_with("avcsift: warning: 1 more warnings not shown (21 in all)\n"));
}

TEST_CASE("errors are always printed and counted, also past the warning limit") {
  std::ostringstream out;
  Diagnostics diagnostics(out, 0);
  diagnostics.warn("hidden");
  diagnostics.error("missing.log: cannot open: No such file or directory");
  diagnostics.error("second");
  CHECK(out.str() ==
        "avcsift: error: missing.log: cannot open: No such file or directory\n"
        "avcsift: error: second\n");
  CHECK(diagnostics.error_count() == 2);
  CHECK(diagnostics.had_errors());
  CHECK(diagnostics.warning_count() == 1);
}

TEST_CASE("a note is printed as information and counts as neither warning nor error") {
  std::ostringstream out;
  Diagnostics diagnostics(out, 0);
  diagnostics.note("no policy found");
  CHECK(out.str() == "avcsift: info: no policy found\n");
  CHECK(diagnostics.warning_count() == 0);
  CHECK(diagnostics.error_count() == 0);
}

TEST_CASE("two Diagnostics write to their own streams") {
  std::ostringstream a, b;
  Diagnostics first(a);
  Diagnostics second(b);
  first.warn("to a");
  second.warn("to b");
  CHECK(a.str() == "avcsift: warning: to a\n");
  CHECK(b.str() == "avcsift: warning: to b\n");
}

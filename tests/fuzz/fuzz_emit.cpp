// Fuzzes aggregation and emission: each input line is read as an AVC (or, when
// it starts with 'U', a USER_AVC; with 'S', a SELINUX_ERR) body by parse::parse_avc; the denials are
// folded into a RuleSet under a reason picked from the line, with the line
// itself as a comment, and written by emit::TeEmitter as a module. The output
// must be policy whose every line is safe (fuzz_checks.hpp), with one rule
// line per rule.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "avcsift/aggregate/rule_set.hpp"
#include "avcsift/emit/te_emitter.hpp"
#include "avcsift/parse/avc_parser.hpp"
#include "avcsift/parse/selinux_err_parser.hpp"
#include "fuzz_checks.hpp"

using avcsift::fuzz::expect;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  avcsift::RuleSet rules;
  std::vector<std::string> lines;
  while (!input.empty()) {
    const auto newline = input.find('\n');
    const std::string_view line = input.substr(0, newline);
    input.remove_prefix(newline == std::string_view::npos ? input.size() : newline + 1);
    if (line.starts_with('S')) {  // a SELINUX_ERR body: role/type statements
      auto report = avcsift::parse::parse_selinux_err(line.substr(1));
      if (report.kind == avcsift::parse::SelinuxErrKind::InvalidContext) rules.add(report.report);
      continue;
    }
    const auto origin = line.starts_with('U') ? avcsift::DecisionOrigin::Userspace
                                              : avcsift::DecisionOrigin::Kernel;
    const auto parsed = avcsift::parse::parse_avc(line, origin);
    if (parsed.kind != avcsift::parse::AvcKind::Decision) continue;
    avcsift::Verdict verdict;
    verdict.reason = static_cast<avcsift::Reason>(line.size() % 3);  // Unknown, Allowed, DontAudit
    rules.add(parsed.denial, verdict);
    lines.emplace_back(line);
  }

  for (bool dontaudit : {false, true}) {
    std::ostringstream te;
    avcsift::emit::TeEmitter emitter(te, {"fuzzmod", "1.0", dontaudit});
    emitter.begin();
    std::size_t index = 0;
    for (const auto& [key, rule] : rules.rules()) {
      // Log text as comments: the emitter must escape it.
      std::vector<std::string> comments;
      if (!lines.empty()) comments.push_back(lines[index++ % lines.size()]);
      emitter.add(rule, comments, /*disabled=*/key.reason == avcsift::Reason::DontAudit);
    }
    for (const auto& [role_type, count] : rules.role_types()) emitter.add(role_type);
    emitter.end();
    avcsift::fuzz::expect_safe_te(te.str());
  }
  // CIL emission (emit::CilEmitter, to come): write the same RuleSet here and
  // check it with an expect_safe_cil() oracle in fuzz_checks.hpp.
  return 0;
}

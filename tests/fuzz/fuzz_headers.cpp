// Fuzzes the interface-header reader: the input is read as an .if file by
// refpolicy::MacroExpander (defines, quotes, ifelse, interface capture), each
// captured body is expanded and read by read_statements, and the bodies are
// expanded transitively. Malformed text may only raise MacroError; nothing
// may crash, hang or recurse without bound, and every parameter the
// expansion reports must be a `$N` the interface mentions.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "avcsift/refpolicy/interface_expansion.hpp"
#include "avcsift/refpolicy/macro_expander.hpp"
#include "avcsift/refpolicy/statement_reader.hpp"
#include "fuzz_checks.hpp"

using avcsift::fuzz::expect;
using namespace avcsift::refpolicy;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  MacroTable table;
  table.defines["read_file_perms"] = "{ getattr open read }";
  std::vector<ParsedInterface> parsed;
  try {
    MacroExpander expander(table);
    (void)expander.expand(input);
    for (const auto& definition : expander.definitions()) {
      ParsedInterface one;
      one.name = definition.name;
      try {
        MacroExpander body(table);
        read_statements(body.expand(definition.body), one);
      } catch (const MacroError&) {
        continue;  // a body that does not parse is skipped, as in read_headers
      }
      parsed.push_back(std::move(one));
    }
  } catch (const MacroError&) {
    return 0;  // a file that does not parse is skipped
  }
  ExpansionStats stats;
  for (const auto& one : expand_interfaces(parsed, stats)) {
    expect(one.params.size() <= 99, "a parameter number beyond $99");
    for (const auto& rule : one.rules) expect(!rule.perms.empty(), "a rule without permissions");
  }
  return 0;
}

#pragma once
/// The types a policy module declares: the application's own types.
///
/// A tiny reader for the `type` statements of a `.te` file, e.g.
///   type plone_t;
///   type plonectl_exec_t, file_type;
///   type plone_rw_t alias plone_var_t;
/// It does not parse the policy language: comments (`#` to the end of the
/// line) are dropped and every `type NAME[, attr...] [alias ...];` statement
/// names one type. Types inside `require { }` blocks are the module's
/// dependencies, not its own, and are skipped. Interface calls (`files_type(x)`)
/// are ignored.
#include <string>
#include <string_view>
#include <vector>

namespace avcsift::explain {

/// The types declared by the module text `te`, sorted and unique.
[[nodiscard]] std::vector<std::string> read_module_types(std::string_view te);

/// read_module_types() on the file at `path`; throws avcsift::Error naming the
/// file when it cannot be read.
[[nodiscard]] std::vector<std::string> read_module_types_file(const std::string& path);

}  // namespace avcsift::explain

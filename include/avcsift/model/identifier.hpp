#pragma once
/// The one gate through which log text may become policy text.
#include <string>
#include <string_view>

namespace avcsift {

/// Longest identifier we accept; real type names are far shorter, and a limit
/// keeps a hostile log from producing absurd policy lines.
inline constexpr std::size_t kMaxIdentifierLength = 128;

/// True when `name` can appear as a type, role, user, class or permission in
/// `.te` and CIL text: a letter or `_`, then letters, digits and `_`
/// (stricter than checkpolicy, which also takes `-` and `.`, so that the same
/// name is safe in every output format).
[[nodiscard]] bool is_valid_identifier(std::string_view name);

/// Makes log text safe for a one-line comment: control characters, bytes that
/// are not printable ASCII and backslashes become `\xNN` escapes, so no log
/// content can end the comment and start a line of policy.
[[nodiscard]] std::string escape_for_comment(std::string_view text);

/// escape_for_comment, but tabs stay as they are: they cannot end a comment,
/// and policy text quoted in comments (constraints) is indented with them.
[[nodiscard]] std::string escape_for_comment_keeping_tabs(std::string_view text);

}  // namespace avcsift

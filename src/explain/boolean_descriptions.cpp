#include "avcsift/explain/boolean_descriptions.hpp"

#include <zlib.h>

#include <array>

namespace avcsift::explain {
namespace {

/// Drops tags and folds white space: `<p>\nAllow x\nto y\n</p>` -> `Allow x to y`.
std::string plain_text(std::string_view xml) {
  std::string out;
  bool in_tag = false;
  bool pending_space = false;
  for (char c : xml) {
    if (c == '<') {
      in_tag = true;
      pending_space = true;
    } else if (c == '>') {
      in_tag = false;
    } else if (!in_tag) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        pending_space = true;
      } else {
        if (pending_space && !out.empty()) out += ' ';
        pending_space = false;
        out += c;
      }
    }
  }
  return out;
}

}  // namespace

BooleanDescriptions BooleanDescriptions::load(const std::string& path) {
  // zlib reads plain files as they are and gzip files unpacked: Debian's
  // selinux-policy-dev installs policy.xml as text, Fedora's selinux-policy
  // ships it gzip-compressed under the same name (sepolicy, which gives
  // `semanage boolean -l` its descriptions, opens it with gzip first too).
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return {};
  std::string text;
  std::array<char, 65536> buffer{};
  for (;;) {
    const int read = gzread(file, buffer.data(), static_cast<unsigned>(buffer.size()));
    if (read <= 0) {
      // A damaged or truncated file (zlib reports Z_BUF_ERROR at the cut)
      // gives no descriptions rather than half of one.
      int status = Z_OK;
      gzerror(file, &status);
      if (read < 0 || status != Z_OK) text.clear();
      break;
    }
    text.append(buffer.data(), static_cast<std::size_t>(read));
  }
  gzclose(file);
  return parse(text);
}

BooleanDescriptions BooleanDescriptions::parse(const std::string& xml) {
  // policy.xml is machine-written and regular; a full XML parser would be a
  // new dependency for two elements.
  BooleanDescriptions result;
  for (const std::string_view element : {"<bool name=\"", "<tunable name=\""}) {
    for (auto pos = xml.find(element); pos != std::string::npos; pos = xml.find(element, pos + 1)) {
      const auto name_start = pos + element.size();
      const auto name_end = xml.find('"', name_start);
      const auto desc = xml.find("<desc>", name_start);
      const auto desc_end = xml.find("</desc>", name_start);
      if (name_end == std::string::npos || desc == std::string::npos || desc_end == std::string::npos ||
          desc > desc_end) {
        continue;
      }
      // The description must be this element's, not that of a later one.
      // Only the text up to the description's end is searched: searching on
      // to the next element of the other kind made this quadratic (0.35 s
      // for Debian's policy.xml, where tunables come after all booleans).
      const std::string_view own = std::string_view(xml).substr(name_start, desc_end - name_start);
      if (own.find("<bool name=\"") != std::string_view::npos ||
          own.find("<tunable name=\"") != std::string_view::npos) {
        continue;
      }
      result.descriptions_[xml.substr(name_start, name_end - name_start)] =
          plain_text(std::string_view(xml).substr(desc + 6, desc_end - desc - 6));
    }
  }
  return result;
}

std::string BooleanDescriptions::describe(const std::string& name) const {
  const auto found = descriptions_.find(name);
  return found == descriptions_.end() ? std::string{} : found->second;
}

}  // namespace avcsift::explain
